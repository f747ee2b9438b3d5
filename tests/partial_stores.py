"""Stores that hold only part of a department's data, built through the real import path.

Each store is made of canonical CSV files written here and loaded with
``salesplan.importing.import_file``, the way a company's first exports arrive:

- ``deals``: only the CRM's deals (three managers named in the deals, ten months ending in
  ``MONTH``: two won deals per manager and month, one lost, one open);
- ``payments``: only 1C's payments (paid and outstanding invoices, no deal behind them);
- ``calls``: only the telephony's calls;
- ``quiet``: deals, payments and calls of months long before ``MONTH``, nothing in it;
- ``empty``: nothing at all.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from salesplan import store
from salesplan.importing import import_file
from salesplan.periods import Month

MONTH = "2026-10"  # the report month of every store
MANAGERS = ["Анна Сделкина", "Борис Звонков", "Вера Оплатова"]
KINDS = ("deals", "payments", "calls", "quiet", "empty")


def won_amount(manager: int, month: Month, n: int) -> int:
    """Roubles of the ``n``-th (0 or 1) deal won by ``manager`` in ``month``: 100 000 × (manager + 1)
    + 10 000 × the month's number + 5 000 × n."""
    return 100_000 * (manager + 1) + 10_000 * month.start.month + 5_000 * n


def deal_rows(months: list[Month]) -> list[dict]:
    """Per manager and month: won deals on the 10th and 20th, a lost one on the 15th; and one
    open deal per manager expected in the month after the last."""
    rows = []
    for m, manager in enumerate(MANAGERS):
        for month in months:
            start = month.start
            for n, day in enumerate((10, 20)):
                rows.append({"id": f"D-{m}-{month}-{n}", "manager": manager, "stage": "закрыто",
                             "amount": won_amount(m, month, n), "created": start,
                             "closed": start.replace(day=day), "outcome": "won"})
            rows.append({"id": f"D-{m}-{month}-lost", "manager": manager, "stage": "возражения",
                         "amount": 50_000, "created": start, "closed": start.replace(day=15),
                         "outcome": "lost"})
        rows.append({"id": f"D-{m}-open", "manager": manager, "stage": "презентация",
                     "amount": 300_000, "created": months[-1].start, "closed": "",
                     "outcome": "open", "expected_date": months[-1].next().start.replace(day=12)})
    return rows


def payment_rows(months: list[Month]) -> list[dict]:
    """Per manager and month: a payment on the 12th; and one invoice outstanding, due on the
    5th of the last month."""
    rows = [{"id": f"P-{m}-{month}", "date": month.start.replace(day=12),
             "amount": 200_000 + 10_000 * m, "manager": manager, "due_date": ""}
            for m, manager in enumerate(MANAGERS) for month in months]
    rows += [{"id": f"P-{m}-due", "date": "", "amount": 80_000, "manager": manager,
              "due_date": months[-1].start.replace(day=5)} for m, manager in enumerate(MANAGERS)]
    return rows


def call_rows(months: list[Month]) -> list[dict]:
    """Per manager, every day from the 1st to the 10th of each month: three outgoing calls of
    two minutes, the third one setting a meeting."""
    rows = []
    for m, manager in enumerate(MANAGERS):
        for month in months:
            for d in range(10):
                day = month.start + timedelta(days=d)
                for k in range(3):
                    rows.append({"id": f"C-{m}-{day}-{k}", "started_at": f"{day} {10 + k}:00:00",
                                 "manager": manager, "direction": "out", "duration_s": 120,
                                 "result": "встреча" if k == 2 else "дозвон"})
    return rows


ROWS = {"deals": deal_rows, "payments": payment_rows, "calls": call_rows}
TABLES = {"deals": ["deals"], "payments": ["payments"], "calls": ["calls"],
          "quiet": ["deals", "payments", "calls"], "empty": []}


def history(kind: str, month: str = MONTH, months: int = 10) -> list[Month]:
    """The months a store of ``kind`` holds: ``months`` ending in ``month``; the quiet store's
    end half a year before it."""
    last = Month.parse(month)
    if kind == "quiet":
        for _ in range(6):
            last = last.previous()
    first = last
    for _ in range(months - 1):
        first = first.previous()
    return first.through(last)


def write_csv(path: Path, rows: list[dict]) -> Path:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        writer.writerows({k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
                         for row in rows)
    return path


def build(kind: str, folder: Path, month: str = MONTH, months: int = 10) -> str:
    """A SQLite store of ``kind`` (see the module's doc) in ``folder``; its URL. Every row is
    accepted by the import (checked)."""
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'store.db'}"
    eng = store.engine(url)  # a new database gets its tables
    span = history(kind, month, months)
    for table in TABLES[kind]:
        rows = ROWS[table](span)
        result = import_file(eng, table, write_csv(folder / f"{table}.csv", rows), "canonical", folder)
        assert (result.rows_read, result.rows_accepted) == (len(rows), len(rows)), result
    eng.dispose()
    return url
