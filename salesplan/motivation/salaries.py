"""Each manager's salary (оклад) with the month it applies from.

``salaries`` holds one row per manager and month: the salary in kopecks from that month on,
until the manager's next row. A file (CSV or XLSX) with the columns «менеджер», «оклад»,
«с месяца» adds or replaces rows; every bad cell is reported by file, row and column and
nothing is stored until the whole file is right.
"""

from __future__ import annotations

from decimal import InvalidOperation
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, delete, insert, select

from salesplan import clock, store
from salesplan.errors import SalesplanError
from salesplan.importing.readers import read_file
from salesplan.labels import SALARY_COLUMNS, SALARY_ERRORS
from salesplan.money import to_kopecks
from salesplan.periods import Month
from salesplan.schema import salaries


def salary_table(eng: Engine) -> pd.DataFrame:
    """Every row: ``manager_id, from_month, salary`` (kopecks), by manager and month."""
    query = select(salaries.c.manager_id, salaries.c.from_month, salaries.c.salary)
    with eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    return frame.sort_values(["manager_id", "from_month"]).reset_index(drop=True)


def salaries_in_force(table: pd.DataFrame, month: str) -> dict[str, int]:
    """Manager id → the salary of the latest row with ``from_month`` ≤ ``month``."""
    earlier = table[table["from_month"] <= month].sort_values("from_month")
    return {m: int(v) for m, v in earlier.groupby("manager_id")["salary"].last().items()}


def read_salaries(path: Path, known: set[str]) -> pd.DataFrame:
    """The rows of a salary file, checked: ``manager_id, from_month, salary``."""
    raw = read_file(path).frame
    missing = [c for c in SALARY_COLUMNS.values() if c not in raw.columns]
    if missing:
        raise SalesplanError(SALARY_ERRORS["columns"].format(file=path, columns=", ".join(missing)))
    problems, rows = [], []
    for number, row in raw.iterrows():
        where = {"file": path, "row": number}
        manager = (row[SALARY_COLUMNS["manager"]] or "").strip()
        if manager not in known:
            problems.append(SALARY_ERRORS["manager"].format(
                **where, column=SALARY_COLUMNS["manager"], value=manager))
        try:
            month = str(Month.parse((row[SALARY_COLUMNS["from_month"]] or "").strip()))
        except SalesplanError as exc:
            problems.append(SALARY_ERRORS["cell"].format(
                **where, column=SALARY_COLUMNS["from_month"], detail=exc))
            month = None
        text = (row[SALARY_COLUMNS["salary"]] or "").replace("\xa0", "").replace(" ", "")
        try:
            amount = to_kopecks(text.replace(",", "."))
        except (InvalidOperation, ValueError):
            amount = None
        if amount is None or amount <= 0:
            problems.append(SALARY_ERRORS["salary"].format(
                **where, column=SALARY_COLUMNS["salary"], value=text))
        rows.append({"manager_id": manager, "from_month": month, "salary": amount})
    if problems:
        raise SalesplanError("\n".join(problems))
    return pd.DataFrame(rows, columns=["manager_id", "from_month", "salary"])


def import_salaries(eng: Engine, path: Path) -> int:
    """Store the rows of a salary file (a manager's row of the same month is replaced)."""
    with eng.connect() as conn:
        known = set(conn.execute(select(store.managers.c.id)).scalars())
    return store_salaries(eng, read_salaries(Path(path), known))


def store_salaries(eng: Engine, rows: pd.DataFrame) -> int:
    """Store checked rows ``manager_id, from_month, salary`` (the same manager and month replaced)."""
    now = clock.now()
    with store.transaction(eng) as conn:
        for r in rows.itertuples(index=False):
            conn.execute(delete(salaries).where(
                (salaries.c.manager_id == r.manager_id) & (salaries.c.from_month == r.from_month)))
            conn.execute(insert(salaries).values(
                manager_id=r.manager_id, from_month=r.from_month, salary=int(r.salary), set_at=now))
    return len(rows)
