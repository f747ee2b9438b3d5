"""The head's answers to the checklist, kept in ``checklist_answers``: a new answer is a new row,
the latest row of a period, department and point is the answer that counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, insert, select

from salesplan import clock, store, users
from salesplan.checklist.params import Checklist
from salesplan.checklist.scoring import VALUES
from salesplan.errors import SalesplanError
from salesplan.labels import CHECKLIST
from salesplan.schema import checklist_answers

COLUMNS = ["point_id", "answer", "note", "login", "answered_at"]


class AnswerError(SalesplanError):
    """An answer the checklist cannot take: an unknown point or answer."""


@dataclass(frozen=True)
class Answer:
    point_id: str
    answer: str  # yes | partly | no
    note: str = ""


def save_answers(eng: Engine, book: Checklist, period: str, department: str, given: list[Answer],
                 login: str | None = None, at: datetime | None = None) -> int:
    """Add one row per answer (by ``login``, default the current user's, at ``at``, default now);
    the number of rows added. ``AnswerError`` for a point not in ``book`` or an unknown answer."""
    known = {p.id for a in book.areas for p in a.points}
    for a in given:
        if a.point_id not in known:
            raise AnswerError(CHECKLIST["unknown_point"].format(point=a.point_id))
        if a.answer not in VALUES:
            raise AnswerError(CHECKLIST["bad_answer"].format(answer=a.answer, point=a.point_id))
    rows = [{"period": period, "department_id": department, "point_id": a.point_id,
             "answer": a.answer, "note": a.note, "login": login or users.login(),
             "answered_at": at or clock.now()} for a in given]
    if rows:
        with store.transaction(eng) as conn:
            conn.execute(insert(checklist_answers), rows)
    return len(rows)


def latest_answers(eng: Engine, period: str, department: str) -> pd.DataFrame:
    """The answer that counts for each point of ``period`` and ``department`` (``COLUMNS``)."""
    t = checklist_answers
    query = (select(t.c.id, *(t.c[c] for c in COLUMNS))
             .where(t.c.period == period, t.c.department_id == department))
    with eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    latest = frame.sort_values(["answered_at", "id"]).groupby("point_id").tail(1)
    return latest.sort_values("point_id")[COLUMNS].reset_index(drop=True)
