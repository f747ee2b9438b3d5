"""Reviews to and from spreadsheets (CSV or XLSX, chosen by the file's extension).

One row per review. Columns: ``uid``, ``template_id``, ``template_version``, ``manager_id``
(or ``manager_name``), ``call_id``, ``recording_url``, ``call_date``, ``reviewer``,
``reviewed_at``, ``comment``, ``comment_<section id>``, and one column per criterion, named
by its id (or by its wording) holding its points — a number (``0,5`` or ``0.5``), «да» /
«нет» for yes/no, or «Н/П» (or an empty cell) for N/A. The export adds ``revision``,
``manager_name``, ``score``, ``critical_failed`` and ``passed``, which the import ignores.

Import is all or nothing: any bad row stops it, with the file, row and column, and nothing is
written. It is idempotent: a row's ``uid`` (or, without one, a key made of its template,
manager, call, reviewer and time) finds the review it was imported as before; an unchanged
row is skipped, a changed one becomes the review's next revision.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from salesplan import clock, labels, store, xlsx
from salesplan.cells import write_csv
from salesplan.errors import SalesplanError
from salesplan.importing.readers import read_file
from salesplan.periods import Month
from salesplan.reviews.repository import (
    ReviewInput,
    current_reviews,
    load_review,
    points_text,
    reviews_frame,
    save_reviews,
)
from salesplan.reviews.templates import Template, load_templates

FIXED = [
    "uid", "revision", "template_id", "template_version", "manager_id", "manager_name", "call_id",
    "recording_url", "call_date", "reviewer", "reviewed_at", "score", "critical_failed", "passed",
    "comment",
]
NA_WORDS = {"", "н/п", "нп", "na", "n/a", "н/a", labels.REVIEW_NA.lower()}
YES_NO = {"да": 1.0, "yes": 1.0, "+": 1.0, "нет": 0.0, "no": 0.0, "-": 0.0}
MAX_PROBLEMS = 20
E = labels.REVIEW_ERRORS


class ReviewImportError(SalesplanError):
    """A reviews file cannot be imported; the message lists file, row, column and reason."""


@dataclass(frozen=True)
class ImportSummary:
    read: int
    added: int
    revised: int
    unchanged: int


def export_frame(eng: Engine, month: str | None = None, department: str | None = None) -> pd.DataFrame:
    """Current reviews (of calls in ``month``, of ``department``, when given), one row each,
    every criterion a column."""
    start = end = None
    if month:
        start, end = Month.parse(month).bounds
    heads = current_reviews(eng, start, end, department)
    items = reviews_frame(eng, start, end, department)
    points = items["points"].astype(object).where(items["points"].notna(), labels.REVIEW_NA)
    order = list(dict.fromkeys(items["criterion_id"]))
    wide = (
        items.assign(value=points)
        .pivot(index="review_id", columns="criterion_id", values="value")
        .reindex(columns=order)
    )
    sections = sorted({s for c in heads["section_comments"] for s in (c or {})})
    out = heads.rename(columns={"created_at": "reviewed_at"})
    for sec in sections:
        out[f"comment_{sec}"] = [(c or {}).get(sec, "") for c in out["section_comments"]]
    out["call_date"] = out["call_date"].dt.date
    out["reviewed_at"] = out["reviewed_at"].dt.floor("s")
    out = out[FIXED + [f"comment_{s}" for s in sections] + ["review_id"]]
    return out.merge(wide, left_on="review_id", right_index=True).drop(columns="review_id")


def export_reviews(
    eng: Engine, path: Path, month: str | None = None, department: str | None = None
) -> int:
    """Write ``export_frame`` to ``path`` (``.xlsx``, or ``.csv`` with ``;`` and a BOM); no text
    becomes a formula (``salesplan.cells``)."""
    frame = export_frame(eng, month, department)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        xlsx.save_frame(frame, path, "reviews")
    elif path.suffix.lower() == ".csv":
        write_csv(frame, path)
    else:
        raise ReviewImportError(labels.ERRORS["table_extension"].format(file=path, suffix=path.suffix))
    return len(frame)


def read_sheet(path: Path) -> pd.DataFrame:
    """A ``.csv`` or ``.xlsx`` file as text cells ("" when empty), indexed by row number
    (the header is row 1), read as the data importer reads exports."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise ReviewImportError(labels.ERRORS["table_extension"].format(file=path, suffix=path.suffix))
    return read_file(path).frame.fillna("")


def _points(cell: str, template: Template, crit_id: str) -> float | None:
    """A cell's points (None for N/A); ``ValueError`` with the reason when it is not valid."""
    crit = template.criteria[crit_id]
    text = str(cell).strip().lower()
    if text in NA_WORDS:
        if not crit.na_allowed:
            raise ValueError(E["empty_na"])
        return None
    by_label = {label.lower(): p for label, p in crit.scale_def.options()}
    if text in by_label:
        return by_label[text]
    if crit.scale == "yes_no" and text in YES_NO:
        return YES_NO[text]
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if value not in crit.scale_def.points:
        allowed = ", ".join(points_text(p) for p in crit.scale_def.points)
        raise ValueError(E["cell_not_on_scale"].format(value=cell, scale=crit.scale, allowed=allowed))
    return value


def _criterion_columns(template: Template, columns: list[str]) -> dict[str, str | None]:
    """The column of each criterion: its id, else its wording (case-insensitive), else None."""
    by_text = {c.lower(): c for c in columns}
    return {
        c.id: c.id if c.id in columns else by_text.get(c.text.lower())
        for c in template.criteria.values()
    }


def _row_key(row: dict) -> str:
    """A stable uid for a row without one, from what identifies the review."""
    parts = [row.get(c, "") for c in ("template_id", "manager", "call_id", "recording_url",
                                      "reviewer", "reviewed_at", "call_date")]
    return "imp-" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:24]


def _date(text: str):
    """A date cell (``ДД.ММ.ГГГГ`` or ``ГГГГ-ММ-ДД``); ``ValueError`` with the reason otherwise."""
    dayfirst = re.match(r"^\d{1,2}\.\d{1,2}\.\d{4}", text) is not None
    value = pd.to_datetime(text, dayfirst=dayfirst, errors="coerce")
    if pd.isna(value):
        raise ValueError(labels.ERRORS["not_a_date"].format(value=text))
    return value


def parse_reviews(
    frame: pd.DataFrame, templates: dict[str, Template], managers: pd.DataFrame, source: str
) -> list[ReviewInput]:
    """Rows of a reviews sheet as ``ReviewInput`` (uid set, no base revision); every problem
    is reported at once as a ``ReviewImportError``."""
    problems: list[str] = []
    by_id = set(managers["id"])
    by_name = dict(zip(managers["name"].str.lower(), managers["id"], strict=True))
    required = {"template_id", "reviewer"}
    missing = sorted(required - set(frame.columns))
    if not ({"manager_id", "manager_name"} & set(frame.columns)):
        missing.append("manager_id|manager_name")
    if not ({"call_id", "recording_url"} & set(frame.columns)):
        missing.append("call_id|recording_url")
    if missing:
        raise ReviewImportError(labels.IMPORT_ERRORS["missing_columns"].format(
            file=source, missing=", ".join(missing), found=", ".join(frame.columns)))
    out: list[ReviewInput] = []
    seen: dict[str, int] = {}
    for line, raw in zip(frame.index, frame.to_dict("records"), strict=True):
        row = {k: str(v).strip() for k, v in raw.items()}

        def bad(column: str, reason: str, line=line) -> None:
            problems.append(labels.ERRORS["cell"].format(file=source, row=line, column=column, reason=reason))

        template = templates.get(row["template_id"])
        if template is None:
            bad("template_id", E["unknown_scorecard"].format(
                template=row["template_id"], known=", ".join(templates)))
            continue
        version = row.get("template_version", "")
        if version and version != str(template.version):
            bad("template_version", E["version_mismatch"].format(version=version, current=template.version))
            continue
        manager = row.get("manager_id", "")
        if manager and manager not in by_id:
            bad("manager_id", labels.ERRORS["unknown_manager"].format(manager=manager))
            continue
        if not manager:
            manager = by_name.get(row.get("manager_name", "").lower(), "")
            if not manager:
                unknown = labels.ERRORS["unknown_manager"].format(manager=row.get("manager_name", ""))
                bad("manager_name", unknown)
                continue
        row["manager"] = manager
        if not row["reviewer"]:
            bad("reviewer", E["empty"])
        if not (row.get("call_id") or row.get("recording_url")):
            bad("call_id", E["no_call"])
        answers: dict[str, float | None] = {}
        for crit_id, header in _criterion_columns(template, list(frame.columns)).items():
            if header is None:
                bad(crit_id, E["no_column"])
                continue
            try:
                answers[crit_id] = _points(row[header], template, crit_id)
            except ValueError as exc:
                bad(header, str(exc))
        try:
            column = "call_date"
            call_date = _date(row["call_date"]).date() if row.get("call_date") else None
            column = "reviewed_at"
            created = _date(row["reviewed_at"]).to_pydatetime() if row.get("reviewed_at") else None
        except ValueError as exc:
            bad(column, str(exc))
            continue
        uid = row.get("uid") or _row_key(row)
        if uid in seen:
            bad("uid", E["duplicate"].format(row=seen[uid]))
            continue
        seen[uid] = line
        if len(answers) != len(template.criteria):
            continue
        out.append(
            ReviewInput(
                template_id=template.id,
                template_version=template.version,
                manager_id=manager,
                reviewer=row["reviewer"],
                call_id=row.get("call_id") or None,
                recording_url=row.get("recording_url") or None,
                call_date=call_date,
                answers=answers,
                comment=row.get("comment", ""),
                section_comments={
                    s.id: row[f"comment_{s.id}"]
                    for s in template.sections
                    if row.get(f"comment_{s.id}")
                },
                created_at=created,
                uid=uid,
            )
        )
    if problems:
        shown = "\n".join(problems[:MAX_PROBLEMS])
        more = E["more"].format(n=len(problems) - MAX_PROBLEMS) if len(problems) > MAX_PROBLEMS else ""
        raise ReviewImportError(E["problems"].format(
            count=labels.count(len(problems), "error"), shown=shown, more=more))
    return out


def _same(stored: ReviewInput, new: ReviewInput) -> bool:
    fields = ("template_id", "manager_id", "reviewer", "call_id", "recording_url", "answers",
              "comment", "section_comments")
    return all(getattr(stored, f) == getattr(new, f) for f in fields) and (
        new.call_date is None or new.call_date == stored.call_date
    )


def import_reviews(
    eng: Engine, path: Path, templates: dict[str, Template] | None = None
) -> ImportSummary:
    """Import a reviews sheet in one transaction (see the module's docstring)."""
    templates = templates if templates is not None else load_templates()
    frame = read_sheet(path)
    managers = store.read_table(eng, "managers", ["id", "name"])
    parsed = parse_reviews(frame, templates, managers, str(path))
    current = current_reviews(eng).set_index("uid")
    batch, added, unchanged = [], 0, 0
    for review in parsed:
        if review.uid in current.index:
            head = current.loc[review.uid]
            if _same(load_review(eng, int(head["review_id"])), review):
                unchanged += 1
                continue
            revision = {"base_revision": int(head["revision"]), "created_at": clock.now()}
            batch.append(review.model_copy(update=revision))
        else:
            added += 1
            batch.append(review)
    save_reviews(eng, batch, templates)
    return ImportSummary(read=len(frame), added=added, revised=len(batch) - added, unchanged=unchanged)
