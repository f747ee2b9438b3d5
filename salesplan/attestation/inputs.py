"""What the head of sales enters for an attestation: competency ratings, knowledge-test scores
(typed into the form or imported from a test's CSV) and their edits of the draft ИПР.

Each is kept per manager and period; saving again replaces the earlier entry until the
attestation is finalised (``records``), after which the inputs of that manager and period are
locked.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, Table, delete, insert, select

from salesplan import clock, labels, store
from salesplan.attestation.development import Goal
from salesplan.attestation.tables import attestations, plan_edits, ratings, test_scores
from salesplan.attestation.template import AttestationTemplate, parse_period
from salesplan.errors import SalesplanError
from salesplan.periods import Half, Quarter

RATING_RANGE = (1, 5)

E = labels.ATTESTATION_ERRORS


def _items(template: AttestationTemplate, component: str) -> dict:
    comp = template.components.get(component)
    return comp.indicators if comp else {}


class InputError(SalesplanError):
    """Attestation input that cannot be stored; the message says which and why."""


def _text(value: float) -> str:
    """A rating or a score as typed: ``3,5``, ``120``."""
    return f"{value:g}".replace(".", ",") if isinstance(value, int | float) else repr(value)


def _check_open(conn, manager_id: str, period: str) -> None:
    done = conn.execute(
        select(attestations.c.finalised_at).where(
            attestations.c.manager_id == manager_id, attestations.c.period == period
        )
    ).scalar_one_or_none()
    if done is not None:
        raise InputError(E["finalised"].format(
            manager=manager_id, period=parse_period(period).label, date=f"{done:%d.%m.%Y}"))


def _check_manager(conn, manager_id: str) -> None:
    found = conn.execute(select(store.managers.c.id).where(store.managers.c.id == manager_id))
    if found.scalar_one_or_none() is None:
        raise InputError(labels.ERRORS["unknown_manager"].format(manager=manager_id))


def save_ratings(
    eng: Engine,
    period: Quarter | Half,
    manager_id: str,
    values: Mapping[str, int],
    rated_by: str,
    template: AttestationTemplate,
    comments: Mapping[str, str] | None = None,
) -> None:
    """Store the head's competency ratings (1–5) of one manager for ``period``."""
    known = _items(template, "competencies")
    lo, hi = RATING_RANGE
    for key, value in values.items():
        if key not in known:
            raise InputError(E["unknown_competency"].format(competency=key, known=", ".join(known)))
        if isinstance(value, bool) or int(value) != value or not lo <= value <= hi:
            raise InputError(E["bad_rating"].format(
                manager=manager_id, competency=key, value=_text(value), lo=lo, hi=hi))
    now = clock.now()
    with store.transaction(eng) as conn:
        _check_manager(conn, manager_id)
        _check_open(conn, manager_id, str(period))
        conn.execute(
            delete(ratings).where(
                ratings.c.manager_id == manager_id,
                ratings.c.period == str(period),
                ratings.c.competency.in_(list(values)),
            )
        )
        if values:
            conn.execute(insert(ratings), [
                {"manager_id": manager_id, "period": str(period), "competency": k, "rating": int(v),
                 "comment": (comments or {}).get(k, ""), "rated_by": rated_by, "rated_at": now}
                for k, v in values.items()
            ])


def save_test_scores(eng: Engine, rows: pd.DataFrame, template: AttestationTemplate, source: str) -> int:
    """Store test results: ``manager_id, period, topic, score, max_score, taken_on``. Returns rows."""
    known = _items(template, "knowledge_test")
    problems = []
    for n, r in enumerate(rows.itertuples(index=False), start=1):
        if r.topic not in known:
            reason = E["unknown_topic"].format(topic=r.topic, known=", ".join(known))
            problems.append(E["test_row"].format(file=source, row=n, reason=reason))
        if not 0 <= r.score <= r.max_score or r.max_score <= 0:
            reason = E["out_of_range"].format(score=_text(r.score), max_score=_text(r.max_score))
            problems.append(E["test_row"].format(file=source, row=n, reason=reason))
    if problems:
        raise InputError("; ".join(problems))
    records = [
        {"manager_id": r.manager_id, "period": r.period, "topic": r.topic, "score": float(r.score),
         "max_score": float(r.max_score), "taken_on": pd.Timestamp(r.taken_on).date(), "source": source}
        for r in rows.itertuples(index=False)
    ]
    with store.transaction(eng) as conn:
        for r in records:
            _check_manager(conn, r["manager_id"])
            _check_open(conn, r["manager_id"], r["period"])
            conn.execute(delete(test_scores).where(
                test_scores.c.manager_id == r["manager_id"], test_scores.c.period == r["period"],
                test_scores.c.topic == r["topic"],
            ))
        if records:
            conn.execute(insert(test_scores), records)
    return len(records)


# Column names a test CSV may use (lower case, any of them), for each field.
TEST_COLUMNS = {
    "manager": ("manager", "manager_id", "менеджер", "сотрудник", "фио"),
    "topic": ("topic", "тема", "тест"),
    "score": ("score", "баллы", "балл", "результат"),
    "max_score": ("max_score", "максимум", "макс. балл", "максимальный балл"),
    "date": ("date", "дата", "дата прохождения"),
}


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1251")


def _number(text: str) -> float:
    return float(text.replace("\xa0", "").replace(" ", "").replace(",", "."))


def _date(text: str) -> date:
    text = text.strip()[:10]
    if len(text) == 10 and text[2] == "." and text[5] == ".":
        return date(int(text[6:]), int(text[3:5]), int(text[:2]))
    return date.fromisoformat(text)


def read_test_csv(
    path: Path, managers: pd.DataFrame, template: AttestationTemplate, period: Quarter | Half | None = None
) -> pd.DataFrame:
    """A test system's CSV → rows for ``save_test_scores``.

    Columns (any case, Russian or English, see ``TEST_COLUMNS``): the manager (id or full
    name), the topic (key or name from the template), the score, the maximum (default 100)
    and the date (``dd.mm.yyyy`` or ISO). UTF-8 (with or without BOM) or cp1251; ``;``, ``,``
    or tab. The period is ``period`` or the one of the template's kind holding the date. Any
    bad row fails the whole file with every problem named by row and column.
    """
    path = Path(path)
    text = _read_text(path)
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=";,\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    cols = {field: next((header[a] for a in aliases if a in header), None)
            for field, aliases in TEST_COLUMNS.items()}
    missing = [f for f in ("manager", "topic", "score", "date") if cols[f] is None]
    if missing:
        raise InputError(labels.IMPORT_ERRORS["missing_columns"].format(
            file=path.name, missing=", ".join(missing), found=", ".join(header) or "—"))
    topics = template.components["knowledge_test"].indicators
    topic_of = {k.lower(): k for k in topics} | {t.name.lower(): k for k, t in topics.items()}
    manager_of = {str(i): str(i) for i in managers["id"]} | {
        str(n).strip().lower(): str(i) for i, n in zip(managers["id"], managers["name"], strict=True)
    }
    out, problems = [], []
    for n, row in enumerate(reader, start=2):  # row 1 is the header
        def cell(field: str, row=row) -> str:
            return (row.get(cols[field]) or "").strip() if cols[field] else ""

        def bad(field: str, reason: str, n=n) -> None:
            where = {"file": path.name, "row": n, "column": cols[field]}
            problems.append(labels.ERRORS["cell"].format(**where, reason=reason))

        manager = manager_of.get(cell("manager")) or manager_of.get(cell("manager").lower())
        topic = topic_of.get(cell("topic").lower())
        if manager is None:
            bad("manager", labels.ERRORS["unknown_manager"].format(manager=cell("manager")))
        if topic is None:
            known = ", ".join(t.name for t in topics.values())
            bad("topic", E["unknown_topic"].format(topic=cell("topic"), known=known))
        try:
            score = _number(cell("score"))
            max_score = _number(cell("max_score")) if cell("max_score") else 100.0
        except ValueError:
            bad("score", labels.ERRORS["not_a_number"].format(value=cell("score")))
            continue
        try:
            taken = _date(cell("date"))
        except ValueError:
            bad("date", labels.ERRORS["not_a_date"].format(value=cell("date")))
            continue
        if not 0 <= score <= max_score or max_score <= 0:
            bad("score", E["out_of_range"].format(score=_text(score), max_score=_text(max_score)))
        of = period or _period_of(taken, template)
        out.append((manager, str(of), topic, score, max_score, taken))
    if problems:
        raise InputError("; ".join(problems))
    return pd.DataFrame(out, columns=["manager_id", "period", "topic", "score", "max_score", "taken_on"])


def _period_of(day: date, template: AttestationTemplate) -> Quarter | Half:
    return template.period_kind.of(day)


def import_test_csv(
    eng: Engine, path: Path, template: AttestationTemplate, period: Quarter | Half | None = None
) -> int:
    """Read a test CSV (``read_test_csv``) and store it in one transaction; returns rows stored."""
    rows = read_test_csv(path, store.read_table(eng, "managers"), template, period)
    return save_test_scores(eng, rows, template, Path(path).name)


def save_plan_edit(
    eng: Engine, period: Quarter | Half, manager_id: str, goals: Iterable[Goal], edited_by: str
) -> None:
    """Store the head's edited ИПР of one manager; it replaces the draft on the sheet."""
    goals = list(goals)
    if not goals:
        raise InputError(E["no_goals"].format(manager=manager_id, period=period.label))
    with store.transaction(eng) as conn:
        _check_manager(conn, manager_id)
        _check_open(conn, manager_id, str(period))
        conn.execute(delete(plan_edits).where(
            plan_edits.c.manager_id == manager_id, plan_edits.c.period == str(period)
        ))
        conn.execute(insert(plan_edits).values(
            manager_id=manager_id, period=str(period), goals=[g.as_dict() for g in goals],
            edited_by=edited_by, edited_at=clock.now(),
        ))


def _frame(eng: Engine, table: Table, period: Quarter | Half) -> pd.DataFrame:
    with eng.connect() as conn:
        return pd.read_sql(select(table).where(table.c.period == str(period)), conn)


def ratings_frame(eng: Engine, period: Quarter | Half) -> pd.DataFrame:
    """``manager_id, period, competency, rating, comment, rated_by, rated_at`` of ``period``."""
    return _frame(eng, ratings, period)


def tests_frame(eng: Engine, period: Quarter | Half) -> pd.DataFrame:
    """``manager_id, period, topic, score, max_score, taken_on, source`` of ``period``."""
    frame = _frame(eng, test_scores, period)
    frame["taken_on"] = pd.to_datetime(frame["taken_on"])
    return frame


def edited_plans(eng: Engine, period: Quarter | Half) -> dict[str, dict]:
    """manager_id → the head's edit of the ИПР for ``period``: ``goals`` (list of ``Goal``),
    ``edited_by``, ``edited_at`` (ISO date)."""
    frame = _frame(eng, plan_edits, period)
    return {
        r.manager_id: {"goals": [Goal.from_dict(g) for g in r.goals], "edited_by": r.edited_by,
                       "edited_at": pd.Timestamp(r.edited_at).date().isoformat()}
        for r in frame.itertuples(index=False)
    }
