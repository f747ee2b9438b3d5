"""The review store: saving with a revision chain, drafts, and the read API.

A review is identified by its ``uid``; each save of it is a *revision* (a row of ``reviews``
with its answers in ``review_answers``), written in one transaction. Editing a review adds
revision N+1 pointing at N (``parent_id``); saved revisions are never updated or deleted (the
database refuses it: ``salesplan.schema.IMMUTABLE``).
The *current* review is the latest revision of each uid. Each answer keeps the weight, the
maximum points and the critical flag it was scored with, and ``scorecard_versions`` keeps
every template version reviews were saved with, so old reviews read the same after a
template changes. ``review_drafts`` holds the form's autosaved state, one per reviewer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from salesplan import audit, clock, drafts, labels, store
from salesplan.errors import ParamsError, SalesplanError
from salesplan.reviews.scoring import score_review
from salesplan.reviews.templates import SCALES, Bands, Template, load_settings, load_templates
from salesplan.schema import review_answers, review_drafts, reviews, scorecard_versions

E = labels.REVIEW_ERRORS

TABLES = [scorecard_versions, reviews, review_answers, review_drafts]


class ReviewError(SalesplanError):
    """A review cannot be saved as given; the message says what is wrong."""


class ReviewConflict(ReviewError):
    """The review was edited by someone else since it was opened."""


class ReviewInput(BaseModel):
    """What a reviewer submits. ``answers``: criterion id → points, None for N/A.

    ``uid`` None starts a new review; ``uid`` with ``base_revision`` None stores revision 1
    under that uid (imports, demo); with ``base_revision`` N it stores revision N+1, provided
    N is still the latest.
    """

    model_config = ConfigDict(extra="forbid")

    template_id: str
    template_version: int | None = None  # None: the template file's version
    manager_id: str
    reviewer: str
    call_id: str | None = None
    recording_url: str | None = None
    call_date: date | None = None  # None: the call's date, else the day of the review
    answers: dict[str, float | None]
    comment: str = ""
    section_comments: dict[str, str] = Field(default_factory=dict)
    created_at: datetime | None = None
    uid: str | None = None
    base_revision: int | None = None


@dataclass(frozen=True)
class SavedReview:
    id: int
    uid: str
    revision: int
    score: float | None
    critical_failed: bool
    passed: bool


def points_text(points: float) -> str:
    """Points as a reviewer writes them: ``1.5`` → ``1,5``, ``2.0`` → ``2``."""
    return f"{points:g}".replace(".", ",")


def _template_for(
    conn: Connection, templates: Mapping[str, Template], template_id: str, version: int | None
) -> Template:
    """The template a review is saved with, recording its version on first use."""
    current = templates.get(template_id)
    if version is not None and (current is None or current.version != version):
        row = conn.execute(
            select(scorecard_versions.c.definition).where(
                scorecard_versions.c.template_id == template_id,
                scorecard_versions.c.version == version,
            )
        ).scalar_one_or_none()
        if row is None:
            known = ", ".join(f"{t.id} v{t.version}" for t in templates.values())
            raise ReviewError(E["unknown_version"].format(template=template_id, version=version, known=known))
        return Template.model_validate(row)
    if current is None:
        raise ReviewError(E["unknown_scorecard"].format(template=template_id, known=", ".join(templates)))
    definition = current.model_dump(mode="json")
    stored = conn.execute(
        select(scorecard_versions.c.definition).where(
            scorecard_versions.c.template_id == current.id,
            scorecard_versions.c.version == current.version,
        )
    ).scalar_one_or_none()
    if stored is None:
        conn.execute(
            insert(scorecard_versions).values(
                template_id=current.id,
                version=current.version,
                title=current.title,
                definition=definition,
                first_used_at=clock.now(),
            )
        )
    elif stored != definition:
        raise ParamsError(E["scorecard_changed"].format(template=current.id, version=current.version))
    return current


def _check(review: ReviewInput, template: Template) -> None:
    problems = []
    if not review.reviewer.strip():
        problems.append(E["no_reviewer"])
    if not (review.call_id or review.recording_url):
        problems.append(E["no_call"])
    for crit_id in sorted(set(review.answers) - set(template.criteria)):
        problems.append(E["not_a_criterion"].format(criterion=crit_id, template=template.id))
    for crit_id, crit in template.criteria.items():
        if crit_id not in review.answers:
            problems.append(E["not_answered"].format(criterion=crit_id))
            continue
        points = review.answers[crit_id]
        if points is None and not crit.na_allowed:
            problems.append(E["na_not_allowed"].format(criterion=crit_id))
        elif points is not None and float(points) not in crit.scale_def.points:
            allowed = ", ".join(points_text(p) for p in crit.scale_def.points)
            problems.append(E["not_on_scale"].format(
                criterion=crit_id, points=points_text(points), scale=crit.scale, allowed=allowed))
    sections = {s.id for s in template.sections}
    for sec_id in sorted(set(review.section_comments) - sections):
        problems.append(E["not_a_section"].format(section=sec_id, template=template.id))
    if problems:
        who = review.uid or f"{review.manager_id}/{review.call_id or review.recording_url}"
        raise ReviewError(E["review"].format(who=who, problems="; ".join(problems)))


def _call_facts(conn: Connection, review: ReviewInput) -> date:
    """The call's date, checking the manager and the call agree."""
    known = conn.execute(
        select(store.managers.c.id).where(store.managers.c.id == review.manager_id)
    ).scalar_one_or_none()
    if known is None:
        raise ReviewError(labels.ERRORS["unknown_manager"].format(manager=review.manager_id))
    if review.call_id:
        call = conn.execute(
            select(store.calls.c.manager_id, store.calls.c.started_at).where(
                store.calls.c.id == review.call_id
            )
        ).one_or_none()
        if call is not None:
            if call.manager_id != review.manager_id:
                raise ReviewError(E["call_of_other"].format(
                    call=review.call_id, owner=call.manager_id, manager=review.manager_id))
            return review.call_date or call.started_at.date()
    return review.call_date or (review.created_at or clock.now()).date()


def _save_one(
    conn: Connection, review: ReviewInput, templates: Mapping[str, Template], bands: Bands
) -> SavedReview:
    template = _template_for(conn, templates, review.template_id, review.template_version)
    _check(review, template)
    call_date = _call_facts(conn, review)
    card = score_review(template, review.answers, bands)
    uid = review.uid or uuid.uuid4().hex
    latest = conn.execute(
        select(reviews.c.id, reviews.c.revision, reviews.c.score, reviews.c.comment)
        .where(reviews.c.uid == uid)
        .order_by(reviews.c.revision.desc())
        .limit(1)
    ).one_or_none()
    if review.base_revision is None and latest is not None:
        raise ReviewConflict(E["exists"].format(uid=uid, revision=latest.revision))
    if review.base_revision is not None and latest is None:
        raise ReviewConflict(E["gone"].format(uid=uid, base=review.base_revision))
    if review.base_revision is not None and latest.revision != review.base_revision:
        raise ReviewConflict(E["moved_on"].format(
            uid=uid, revision=latest.revision, base=review.base_revision))
    revision = 1 if latest is None else latest.revision + 1
    review_id = conn.execute(
        insert(reviews).values(
            uid=uid,
            revision=revision,
            parent_id=None if latest is None else latest.id,
            template_id=template.id,
            template_version=template.version,
            manager_id=review.manager_id,
            call_id=review.call_id or None,
            recording_url=review.recording_url or None,
            call_date=call_date,
            reviewer=review.reviewer.strip(),
            comment=review.comment,
            section_comments={k: v for k, v in review.section_comments.items() if v},
            score=card.score,
            raw_score=card.raw_score,
            critical_failed=bool(card.critical_failed),
            passed=card.passed,
            item_count=len(template.criteria),
            created_at=review.created_at or clock.now(),
        )
    ).inserted_primary_key[0]
    conn.execute(
        insert(review_answers),
        [
            {
                "review_id": review_id,
                "criterion_id": crit.id,
                "section_id": section.id,
                "points": review.answers[crit.id],
                "max_points": crit.max_points,
                "weight": crit.weight,
                "critical": crit.critical,
                "critical_failed": crit.is_failed_critical(review.answers[crit.id]),
            }
            for section, crit in template.items
        ],
    )
    if latest is not None:
        _audit_edit(conn, latest, review, uid, revision, card.score)
    return SavedReview(
        int(review_id), uid, revision, card.score, bool(card.critical_failed), card.passed
    )


def _audit_edit(conn: Connection, before, review: ReviewInput, uid: str, revision: int,
                score: float | None) -> None:
    """The audit entry of a new revision: the score, comment and answers that changed."""
    answered = conn.execute(
        select(review_answers.c.criterion_id, review_answers.c.points)
        .where(review_answers.c.review_id == before.id)
    ).all()
    audit.record(conn, audit.REVIEW_EDITED, uid, {
        "manager": review.manager_id, "call": review.call_id, "revision": revision,
        **audit.changes({"score": before.score, "comment": before.comment},
                        {"score": score, "comment": review.comment}),
        "answers": audit.changes(dict(answered), dict(review.answers)),
    })


def save_reviews(
    eng: Engine,
    batch: Iterable[ReviewInput],
    templates: Mapping[str, Template] | None = None,
    bands: Bands | None = None,
) -> list[SavedReview]:
    """Save a batch of reviews in ONE transaction: all of them, or (on any error) none.

    ``batch`` is consumed inside the transaction. Templates default to ``params/scorecards``.
    """
    templates = templates if templates is not None else load_templates()
    bands = bands or load_settings().bands
    try:
        with store.transaction(eng) as conn:
            return [_save_one(conn, review, templates, bands) for review in batch]
    except IntegrityError as exc:  # a concurrent edit won the race for the same revision
        raise ReviewConflict(E["race"]) from exc


def save_review(
    eng: Engine,
    review: ReviewInput,
    templates: Mapping[str, Template] | None = None,
    bands: Bands | None = None,
) -> SavedReview:
    """Save one review (a new one, or a new revision of an existing one) in one transaction."""
    return save_reviews(eng, [review], templates, bands)[0]


# --- drafts -------------------------------------------------------------------------------


def save_draft(eng: Engine, reviewer: str, state: dict) -> None:
    """Keep the form's state for ``reviewer`` (replacing their previous draft)."""
    drafts.save(eng, review_drafts, reviewer, state)


def load_draft(eng: Engine, reviewer: str) -> tuple[dict, datetime] | None:
    """The reviewer's draft and when it was saved, or None."""
    return drafts.load(eng, review_drafts, reviewer)


def delete_draft(eng: Engine, reviewer: str) -> None:
    drafts.drop(eng, review_drafts, reviewer)


# --- reading ------------------------------------------------------------------------------

_OWN_COLUMNS = [
    "uid", "revision", "template_id", "template_version", "manager_id", "call_id",
    "recording_url", "call_date", "reviewer", "comment", "section_comments", "score", "raw_score",
    "critical_failed", "passed", "created_at",
]
HEADER_COLUMNS = ["review_id", *_OWN_COLUMNS, "manager_name", "department_id", "first_created_at"]


def _current_query(start=None, end=None, department=None, reviewer=None, manager=None):
    """Current revisions (the latest of each uid) with the manager's name and department."""
    latest = (
        select(
            reviews.c.uid,
            func.max(reviews.c.revision).label("revision"),
            func.min(reviews.c.created_at).label("first_created_at"),
        )
        .group_by(reviews.c.uid)
        .subquery()
    )
    m = store.managers
    query = (
        select(
            reviews.c.id.label("review_id"),
            *[reviews.c[c] for c in _OWN_COLUMNS],
            m.c.name.label("manager_name"),
            m.c.department_id,
            latest.c.first_created_at,
        )
        .join(latest, (reviews.c.uid == latest.c.uid) & (reviews.c.revision == latest.c.revision))
        .join(m, m.c.id == reviews.c.manager_id, isouter=True)
        .order_by(reviews.c.call_date, reviews.c.id)
    )
    if start is not None:
        query = query.where(reviews.c.call_date >= pd.Timestamp(start).date())
    if end is not None:
        query = query.where(reviews.c.call_date <= pd.Timestamp(end).date())
    if department:
        query = query.where(m.c.department_id == department)
    if reviewer:
        query = query.where(reviews.c.reviewer == reviewer)
    if manager:
        query = query.where(reviews.c.manager_id == manager)
    return query


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for col in ("call_date", "created_at", "first_created_at"):
        if col in frame:
            frame[col] = pd.to_datetime(frame[col])
    for col in ("critical_failed", "passed", "critical", "na", "met"):
        if col in frame:
            frame[col] = frame[col].astype(bool)
    for col in ("score", "raw_score", "points", "max_points", "weight"):
        if col in frame:
            frame[col] = frame[col].astype("float64")
    return frame


def current_reviews(
    eng: Engine,
    start: date | str | None = None,
    end: date | str | None = None,
    department: str | None = None,
    reviewer: str | None = None,
    manager: str | None = None,
) -> pd.DataFrame:
    """One row per review (its current revision) whose call date is within [start, end].

    Columns: ``HEADER_COLUMNS`` (``score`` NaN when every criterion was N/A;
    ``first_created_at`` is when the first revision was saved).
    """
    with eng.connect() as conn:
        frame = pd.read_sql(_current_query(start, end, department, reviewer, manager), conn)
    return _typed(frame)


ITEM_COLUMNS = [
    "review_id", "uid", "revision", "manager_id", "manager_name", "department_id", "call_id",
    "recording_url", "call_date", "reviewer", "template_id", "template_version", "section_id",
    "section_title", "criterion_id", "criterion_text", "scale", "points", "max_points", "weight",
    "critical", "critical_failed", "na", "met", "score", "call_critical_failed", "passed",
    "created_at",
]


def criteria_catalogue(eng: Engine) -> pd.DataFrame:
    """Wording of every criterion of every template version used: ``template_id,
    template_version, section_id, section_title, criterion_id, criterion_text, scale, order``."""
    with eng.connect() as conn:
        rows = conn.execute(select(scorecard_versions.c.definition)).scalars().all()
    out = []
    for definition in rows:
        template = Template.model_validate(definition)
        for order, (section, crit) in enumerate(template.items):
            out.append(
                {
                    "template_id": template.id,
                    "template_version": template.version,
                    "section_id": section.id,
                    "section_title": section.title,
                    "criterion_id": crit.id,
                    "criterion_text": crit.text,
                    "scale": crit.scale,
                    "order": order,
                }
            )
    columns = ["template_id", "template_version", "section_id", "section_title", "criterion_id",
               "criterion_text", "scale", "order"]
    return pd.DataFrame(out, columns=columns)


def reviews_frame(
    eng: Engine,
    start: date | str | None = None,
    end: date | str | None = None,
    department: str | None = None,
) -> pd.DataFrame:
    """One row per current review × criterion, for calls dated within [start, end].

    Columns: ``ITEM_COLUMNS``. ``points`` is NaN (and ``na`` True) for N/A; ``met`` says the
    points reach the scale's ``pass_from``; ``score`` is the call's score (0 after a failed
    critical criterion, ``call_critical_failed``), ``passed`` whether the call passed;
    ``critical_failed`` is this criterion's own failure.
    """
    heads = _current_query(start, end, department).subquery()
    query = select(
        heads.c.review_id, heads.c.uid, heads.c.revision, heads.c.manager_id, heads.c.manager_name,
        heads.c.department_id, heads.c.call_id, heads.c.recording_url, heads.c.call_date,
        heads.c.reviewer,
        heads.c.template_id, heads.c.template_version, review_answers.c.section_id,
        review_answers.c.criterion_id, review_answers.c.points, review_answers.c.max_points,
        review_answers.c.weight, review_answers.c.critical, review_answers.c.critical_failed,
        heads.c.score, heads.c.critical_failed.label("call_critical_failed"), heads.c.passed,
        heads.c.created_at,
    ).join(review_answers, review_answers.c.review_id == heads.c.review_id)
    with eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["na"] = frame["points"].isna()
    frame = frame.merge(
        criteria_catalogue(eng),
        on=["template_id", "template_version", "section_id", "criterion_id"],
        how="left",
    ).sort_values(["call_date", "review_id", "order"])
    pass_from = frame["scale"].map({name: s.pass_from for name, s in SCALES.items()})
    frame["met"] = frame["points"].ge(pass_from)
    return _typed(frame[ITEM_COLUMNS].reset_index(drop=True))


def revisions(eng: Engine, uid: str) -> pd.DataFrame:
    """Every revision of one review, oldest first (id, revision, parent_id, reviewer, score, …)."""
    with eng.connect() as conn:
        frame = pd.read_sql(
            select(reviews).where(reviews.c.uid == uid).order_by(reviews.c.revision), conn
        )
    return _typed(frame)


def load_review(eng: Engine, review_id: int) -> ReviewInput:
    """A stored revision as a ``ReviewInput`` whose save makes the next revision."""
    with eng.connect() as conn:
        head = conn.execute(select(reviews).where(reviews.c.id == int(review_id))).one_or_none()
        if head is None:
            raise ReviewError(E["no_review"].format(review_id=review_id))
        answers = conn.execute(
            select(review_answers.c.criterion_id, review_answers.c.points).where(
                review_answers.c.review_id == head.id
            )
        ).all()
    return ReviewInput(
        template_id=head.template_id,
        template_version=head.template_version,
        manager_id=head.manager_id,
        reviewer=head.reviewer,
        call_id=head.call_id,
        recording_url=head.recording_url,
        call_date=head.call_date,
        answers={a.criterion_id: a.points for a in answers},
        comment=head.comment,
        section_comments=dict(head.section_comments or {}),
        uid=head.uid,
        base_revision=head.revision,
    )
