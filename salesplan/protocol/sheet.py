"""Protocols in a spreadsheet: the XLSX template to fill (``write_template``) and its import
(``import_protocols``).

One row per item: the meeting (its kind, date and department — rows of one meeting share
them), the item's kind, what was decided, assigned, promised or will be done about a
deviation, its owner (a manager's id or name), deadline, amount (roubles, for a promise about
money) and a deviation's metric, plan and fact. A column is found by its heading in the
template (``PROTOCOL_SHEET``) or by its key; kinds by their Russian name or their key.

The import is all or nothing: every bad cell is reported with its file, row and column, and
nothing is written. It is idempotent: an item its meeting already holds is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine

from salesplan import labels, store, xlsx
from salesplan.importing.parsing import parse_date, parse_money
from salesplan.importing.readers import read_file
from salesplan.protocol.repository import (
    ItemInput,
    MeetingInput,
    ProtocolError,
    checked,
    problems_message,
    roster,
    save_protocols,
)

E = labels.PROTOCOL_ERRORS
HEADINGS = labels.PROTOCOL_SHEET
REQUIRED = ("meeting_kind", "held_on", "kind", "text")
WIDTHS = [24, 14, 12, 14, 60, 24, 12, 14, 18, 12, 12]
TEMPLATE_ROWS = 200  # rows the kind lists are offered in


@dataclass(frozen=True)
class ImportSummary:
    meetings: int
    added: int
    skipped: int


def write_template(eng: Engine, path: Path | str) -> Path:
    """The sheet to fill (headings, a list of kinds in their columns) and the roster beside it."""
    book = Workbook()
    sheet = book.active
    sheet.title = labels.PROTOCOL_SHEET_NAMES["protocol"]
    xlsx.header(sheet, 1, list(HEADINGS.values()))
    xlsx.widths(sheet, WIDTHS)
    sheet.freeze_panes = "A2"
    columns = list(HEADINGS)
    for key, words in (("meeting_kind", labels.MEETING_KINDS), ("kind", labels.ITEM_KINDS)):
        letter = chr(ord("A") + columns.index(key))
        choice = DataValidation(type="list", formula1='"' + ",".join(words.values()) + '"')
        choice.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(choice)
    people = book.create_sheet(labels.PROTOCOL_SHEET_NAMES["managers"])
    xlsx.header(people, 1, [labels.PROTOCOL_SHEET["owner"], labels.PROTOCOL_COLUMNS["manager"],
                            labels.PROTOCOL_SHEET["department_id"]])
    xlsx.widths(people, [14, 30, 14])
    managers = store.read_table(eng, "managers", ["id", "name", "department_id", "leave_date"])
    for row in managers[managers["leave_date"].isna()].sort_values("name").itertuples(index=False):
        people.append([row.id, row.name, row.department_id])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    xlsx.for_print(book).save(path)
    return path


def _columns(frame: pd.DataFrame, source: str) -> dict[str, str]:
    """Each key → the file's column holding it (by heading or key, ignoring case)."""
    by_name = {str(c).strip().lower(): c for c in frame.columns}
    found = {key: by_name.get(heading.lower(), by_name.get(key)) for key, heading in HEADINGS.items()}
    missing = [HEADINGS[k] for k in REQUIRED if found[k] is None]
    if missing:
        raise ProtocolError(labels.IMPORT_ERRORS["missing_columns"].format(
            file=source, missing=", ".join(missing), found=", ".join(map(str, frame.columns))))
    return {k: c for k, c in found.items() if c is not None}


def _choice(text: str, words: dict[str, str]) -> str | None:
    """The key a cell names, by its Russian word or the key itself (ignoring case)."""
    wanted = text.strip().lower()
    return next((k for k, w in words.items() if wanted in (k, w.lower())), None)


def number(text: str) -> float | None:
    """``1 234,5`` → 1234.5; ``ValueError`` when it is not a number."""
    clean = text.replace("\xa0", "").replace(" ", "").replace(",", ".")
    return float(clean) if clean else None


def parse_protocols(frame: pd.DataFrame, eng: Engine, source: str) -> list[MeetingInput]:
    """The rows as meetings with their items; every bad cell reported at once (``ProtocolError``)."""
    frame = frame.fillna("").astype(str)
    if frame.empty:
        raise ProtocolError(E["no_rows"].format(file=source))
    col = _columns(frame, source)
    cell = {k: frame[c] if c in frame else pd.Series("", frame.index) for k, c in
            ((k, col.get(k)) for k in HEADINGS)}
    dates = {k: parse_date(cell[k].replace("", None)) for k in ("held_on", "deadline")}
    amounts = parse_money(cell["amount"].replace("", None))
    departments = store.read_table(eng, "departments", ["id", "name"])
    department_of = {**{n.lower(): i for i, n in zip(departments["id"], departments["name"], strict=True)},
                     **{i.lower(): i for i in departments["id"]}}
    directory = roster(eng)
    problems: list[str] = []
    meetings: dict[tuple, MeetingInput] = {}
    for line in frame.index:
        def bad(key: str, reason: str, line=line) -> None:
            problems.append(labels.ERRORS["cell"].format(
                file=source, row=line, column=col.get(key, HEADINGS[key]), reason=reason))

        text = {k: cell[k][line].strip() for k in HEADINGS}
        if not any(text.values()):
            continue
        meeting_kind = _choice(text["meeting_kind"], labels.MEETING_KINDS)
        if meeting_kind is None:
            bad("meeting_kind", E["unknown_meeting"].format(
                value=text["meeting_kind"], known=", ".join(labels.MEETING_KINDS.values())))
        kind = _choice(text["kind"], labels.ITEM_KINDS) or text["kind"]
        values = {}
        for key in ("held_on", "deadline"):
            values[key] = None if pd.isna(dates[key][line]) else dates[key][line].date()
            if text[key] and values[key] is None:
                bad(key, labels.ERRORS["not_a_date"].format(value=text[key]))
        if values["held_on"] is None and not text["held_on"]:
            bad("held_on", E["no_date"])
        department = department_of.get(text["department_id"].lower()) if text["department_id"] else ""
        if department is None:
            bad("department_id", labels.ERRORS["unknown_department"].format(
                department=text["department_id"], known=", ".join(sorted(departments["id"]))))
        amount = None if pd.isna(amounts[line]) else int(amounts[line])
        if text["amount"] and amount is None:
            bad("amount", labels.ERRORS["not_a_number"].format(value=text["amount"]))
        for key in ("plan_value", "fact_value"):
            try:
                values[key] = number(text[key])
            except ValueError:
                bad(key, labels.ERRORS["not_a_number"].format(value=text[key]))
                values[key] = None
        item = ItemInput(kind=kind, text=text["text"], owner=text["owner"] or None,
                         deadline=values["deadline"], amount=amount, metric=text["metric"] or None,
                         plan_value=values["plan_value"], fact_value=values["fact_value"])
        item, found = checked(item, directory)
        for key, reason in found.items():
            bad(key, reason)
        if meeting_kind and values["held_on"] and department is not None:
            key = (meeting_kind, values["held_on"], department)
            meetings.setdefault(key, MeetingInput(kind=meeting_kind, held_on=values["held_on"],
                                                  department_id=department, source=source))
            meetings[key].items.append(item)
    if problems:
        raise ProtocolError(problems_message(problems))
    return list(meetings.values())


def import_protocols(eng: Engine, path: Path | str) -> ImportSummary:
    """Import a filled template (``.xlsx`` or ``.csv``) in one transaction."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise ProtocolError(labels.ERRORS["table_extension"].format(file=path, suffix=path.suffix))
    meetings = parse_protocols(read_file(path).frame, eng, str(path))
    saved = save_protocols(eng, meetings)
    return ImportSummary(len(saved), sum(len(s.item_ids) for s in saved), sum(s.skipped for s in saved))
