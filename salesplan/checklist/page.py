"""The checklist's page: each point's answer (the head's latest, else the one the data give), the
evidence, the score by area and what to do first; and the form where the head answers."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from salesplan import store
from salesplan.checklist import evidence, scoring
from salesplan.checklist.answers import Answer, latest_answers, save_answers
from salesplan.checklist.params import Checklist
from salesplan.labels import CHECKLIST, CHECKLIST_ANSWERS, CHECKLIST_COLUMNS, CHECKLIST_NO_ANSWER
from salesplan.money import fmt_percent
from salesplan.periods import Half, Quarter, parse
from salesplan.settings import settings
from salesplan.team import NoAccess, may_open

NOTEBOOK = "checklist.ipynb"


def checklist_params() -> Checklist:
    """``params/checklist.yaml``, validated with every other parameter file."""
    return settings().checklist


@dataclass(frozen=True)
class Assessment:
    """The checklist of a period and department with its answers; ``points`` has the columns of
    ``scoring.with_answers`` and ``source`` (head | data | none), ``note``, ``found`` (evidence)."""

    period: Quarter | Half
    department: str
    book: Checklist
    points: pd.DataFrame

    @property
    def scores(self) -> pd.DataFrame:
        return scoring.area_scores(self.points)

    @property
    def overall(self) -> float:
        return scoring.overall(self.points)

    @property
    def first(self) -> pd.DataFrame:
        return scoring.priorities(self.points, self.book.priorities)


def assess(eng: Engine, period: Quarter | Half, department: str, book: Checklist | None = None) -> Assessment:
    """Each point's answer: the head's latest for the period and department, else the evidence's."""
    book = book or checklist_params()
    head = latest_answers(eng, str(period), department).set_index("point_id")
    frame = scoring.points(book)
    found = evidence.gather(eng, period, department, frame["evidence"].dropna().tolist())
    answers, sources, notes, lines = {}, [], [], []
    for point, name in zip(frame["point_id"], frame["evidence"], strict=True):
        shown = found.get(name) if isinstance(name, str) else None
        if point in head.index:
            answers[point], source = head.at[point, "answer"], "head"
        elif shown is not None:
            answers[point], source = shown.answer, "data"
        else:
            source = "none"
        sources.append(source)
        notes.append(head.at[point, "note"] if point in head.index else "")
        lines.append(shown.lines if shown is not None else [])
    frame = scoring.with_answers(book, answers)
    return Assessment(period, department, book, frame.assign(source=sources, note=notes, found=lines))


def load(db_url: str, period: str, department: str) -> tuple[Engine, Assessment]:
    """The notebook's entry: the store of ``db_url`` ("" for the default) and its assessment."""
    eng = store.engine(db_url or None)
    return eng, assess(eng, parse(period, Quarter, Half), department)


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=False, border=0, classes="checklist")


def _answer(value: str | None) -> str:
    return CHECKLIST_ANSWERS[value] if isinstance(value, str) else CHECKLIST_NO_ANSWER


def summary_html(a: Assessment) -> str:
    """The score by area and overall, and what to do first."""
    c = CHECKLIST_COLUMNS
    scores = pd.DataFrame({c["area"]: a.scores["area_title"].map(html.escape),
                           c["weight"]: a.scores["weight"].map("{:g}".format),
                           c["score"]: a.scores["score"].map(lambda s: fmt_percent(s, 0))})
    answered = int((a.points["source"] == "head").sum())
    total = CHECKLIST["overall"].format(score=a.overall, answered=answered, points=len(a.points))
    parts = [f"<h2>{CHECKLIST['scores']}</h2>", _table(scores), f"<p><b>{total}</b></p>",
             f"<h2>{CHECKLIST['first']}</h2>"]
    first = a.first
    if first.empty:
        parts.append(f"<p>{CHECKLIST['nothing_first']}</p>")
    else:
        parts.append(_table(pd.DataFrame({
            c["point"]: first["text"].map(html.escape), c["weight"]: first["weight"].map("{:g}".format),
            c["answer"]: first["answer"].map(_answer), c["advice"]: first["advice"].map(html.escape)})))
    return "\n".join(parts)


def points_html(a: Assessment) -> str:
    """Every point with its answer, where the answer comes from, the note and the evidence."""
    c = CHECKLIST_COLUMNS
    p = a.points
    sources = {s: CHECKLIST[f"source_{s}"] for s in ("head", "data", "none")}
    table = pd.DataFrame({
        c["area"]: p["area_title"].map(html.escape), c["point"]: p["text"].map(html.escape),
        c["weight"]: p["weight"].map("{:g}".format), c["answer"]: p["answer"].map(_answer),
        c["source"]: p["source"].map(sources), c["note"]: p["note"].map(html.escape),
        c["evidence"]: p["found"].map(lambda lines: "<br>".join(html.escape(x) for x in lines))})
    return f"<h2>{CHECKLIST['answers']}</h2>\n{_table(table)}"


def form(eng: Engine, a: Assessment):
    """The head's form (ipywidgets): an answer and a note per point; «Сохранить» adds a row for
    each point whose answer or note the head changed (an answer the data give, left as it is,
    stays the data's and follows them). «Нет доступа» for a login of the team server whose role
    does not see the checklist."""
    import ipywidgets as w

    if not may_open(NOTEBOOK):
        return NoAccess()

    options = [(CHECKLIST_NO_ANSWER, None), *((label, key) for key, label in CHECKLIST_ANSWERS.items())]
    rows, controls = [], {}
    for _, point in a.points.iterrows():
        answer = point["answer"] if isinstance(point["answer"], str) else None
        choice = w.ToggleButtons(options=options, value=answer, style={"button_width": "90px"})
        note = w.Text(value=point["note"], placeholder=CHECKLIST["note"], layout=w.Layout(width="40%"))
        controls[point["point_id"]] = (choice, note, answer, point["note"])
        rows.append(w.VBox([w.HTML(f"<b>{html.escape(point['text'])}</b>"), w.HBox([choice, note])]))
    button, said = w.Button(description=CHECKLIST["save"], button_style="primary"), w.HTML()

    def _save(_):
        given = [Answer(pid, choice.value, note.value)
                 for pid, (choice, note, answer, old_note) in controls.items()
                 if choice.value is not None and (choice.value, note.value) != (answer, old_note)]
        n = save_answers(eng, a.book, str(a.period), a.department, given)
        said.value = CHECKLIST["saved"].format(n=n)

    button.on_click(_save)
    return w.VBox([w.HTML(f"<h2>{CHECKLIST['form']}</h2>"), *rows, w.HBox([button, said])])
