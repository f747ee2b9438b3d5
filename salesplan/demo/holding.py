"""A holding-sized company for measuring salesplan at scale: many departments, hundreds of managers,
years of deals and calls, every table drawn at once with numpy (no Python loop over rows).

``Holding(departments, managers, years, scale)``: ``scale`` multiplies the departments and the
managers, so that 10× the holding is 10× the rows and one department stays the same size. At
scale 1 (20 departments, 400 managers, 3 years) it holds about 1 M deals and 10 M calls.

Each department has a head (no deals) and sellers; a seller opens ``DEALS_PER_DAY`` deals and
makes ``CALLS_PER_DAY`` calls a working day while employed (Poisson). A deal is won with the
chance ``WIN_RATE``, lost otherwise, after a lognormal cycle; one that would close after the last
day is open. A won deal is paid once, ``PAY_DAYS`` after closing at most; a payment due after the
last day is outstanding. A third of the calls concern a deal of the caller opened by that day.
Frames carry the store's columns (money in integer kopecks, dates as ``datetime64``), as
``generate.DemoData``; ``write_csv`` writes them as canonical CSV files the importer reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from salesplan.demo import roster
from salesplan.demo.generate import DemoData
from salesplan.demo.window import DAY, WorkingDays
from salesplan.importing.schemas import Kind, kinds
from salesplan.periods import Month

DEALS_PER_DAY = 3.6  # deals a seller opens on a working day
CALLS_PER_DAY = 36.0  # calls a seller makes on a working day
WIN_RATE = 0.4
CYCLE_DAYS = 20  # median days from opening to closing
PAY_DAYS = 30  # a won deal is paid within this many days of closing
DEALS_PER_CLIENT = 6  # a seller's clients: one for this many of his deals
SELLERS = ("hunter", "farmer", "key_account")
FIRST_NAMES = ("Алексей", "Мария", "Дмитрий", "Ольга", "Сергей", "Анна", "Игорь", "Елена",
               "Никита", "Татьяна", "Андрей", "Наталья", "Павел", "Юлия", "Михаил", "Ирина")
SURNAMES = ("Петров", "Смирнов", "Кузнецов", "Волков", "Орлов", "Лебедев", "Морозов", "Зайцев",
            "Попов", "Соколов", "Фёдоров", "Новиков", "Козлов", "Егоров", "Павлов", "Семёнов")
CALL_RESULTS = np.array(list(roster.OUT_RESULTS), dtype=object)
CALL_CHANCES = np.array([p for p, _ in roster.OUT_RESULTS.values()])


@dataclass(frozen=True)
class Holding:
    """The holding's size: ``scale`` multiplies ``departments`` and ``managers`` (heads included)."""

    departments: int = 20
    managers: int = 400
    years: int = 3
    scale: float = 1.0

    @property
    def department_count(self) -> int:
        return max(1, round(self.departments * self.scale))

    @property
    def manager_count(self) -> int:
        return max(2 * self.department_count, round(self.managers * self.scale))


def _ids(prefix: str, n: int, width: int) -> np.ndarray:
    """``prefix`` + 1…n zero-padded to ``width`` digits."""
    numbers = pa.array(np.arange(1, n + 1)).cast(pa.string())
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(numbers, width, "0"), "").to_numpy(
        zero_copy_only=False)


def _roster(rng: np.random.Generator, size: Holding, first: np.datetime64,
            end: np.datetime64) -> pd.DataFrame:
    """Managers spread evenly over the departments, the first of each its head; a tenth of the
    sellers hired during the window, a twentieth left before its end."""
    n, d = size.manager_count, size.department_count
    department = np.arange(n) % d
    head = np.arange(n) < d
    span = int((end - first) // DAY)
    hired = first - rng.integers(30, 2000, n) * DAY
    late_hire = ~head & (rng.random(n) < 0.1)
    hired[late_hire] = first + rng.integers(0, span, late_hire.sum()) * DAY
    left = ~head & ~late_hire & (rng.random(n) < 0.05)
    leave = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    leave[left] = first + rng.integers(60, span, left.sum()) * DAY
    names = (np.array(FIRST_NAMES, dtype=object)[np.arange(n) % len(FIRST_NAMES)] + " "
             + np.array(SURNAMES, dtype=object)[np.arange(n) // len(FIRST_NAMES) % len(SURNAMES)]
             + " " + pd.Series(np.arange(1, n + 1)).astype(str).to_numpy(dtype=object))
    ids = _ids("h", n, 4)
    return pd.DataFrame({
        "id": ids,
        "name": names,
        "department_id": _ids("d", d, 3)[department],
        "role": np.where(head, "head", np.array(SELLERS)[rng.integers(0, len(SELLERS), n)]),
        "hire_date": pd.to_datetime(hired),
        "leave_date": pd.to_datetime(leave),
        "email": ids + "@example.com",
    })


def _per_working_day(rng: np.random.Generator, managers: pd.DataFrame, days: np.ndarray,
                     rate: float) -> tuple[np.ndarray, np.ndarray]:
    """(manager index, day) of events drawn Poisson(``rate``) on each working day each seller is
    employed; sorted by manager, then day."""
    sellers = np.flatnonzero(managers["role"].to_numpy() != "head")
    hired = managers["hire_date"].to_numpy().astype("datetime64[D]")[sellers]
    left = managers["leave_date"].fillna(pd.Timestamp(days[-1])).to_numpy().astype("datetime64[D]")[sellers]
    at_work = (days[None, :] >= hired[:, None]) & (days[None, :] <= left[:, None])
    counts = rng.poisson(rate * at_work)
    who = np.repeat(np.repeat(sellers, len(days)), counts.ravel())
    when = np.repeat(np.tile(days, len(sellers)), counts.ravel())
    return who, when


def _deals(rng: np.random.Generator, managers: pd.DataFrame, days: np.ndarray,
           end: np.datetime64, wd: WorkingDays) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The deals and the sellers' clients (each deal's client one of its manager's)."""
    who, created = _per_working_day(rng, managers, days, DEALS_PER_DAY)
    n = len(who)
    # clients: each seller's own, numbered within the seller's block
    deals_of = np.bincount(who, minlength=len(managers))
    own = np.maximum(1, deals_of // DEALS_PER_CLIENT) * (deals_of > 0)
    block = np.concatenate([[0], np.cumsum(own)[:-1]])
    client = block[who] + np.floor(rng.random(n) * own[who]).astype(np.int64)
    client_ids = _ids("K", int(own.sum()), 7)
    stems = np.array(roster.NAME_STEMS, dtype=object)
    client_owner = np.repeat(np.arange(len(managers)), own)
    clients = pd.DataFrame({
        "id": client_ids,
        "name": "ООО «" + stems[np.arange(len(client_ids)) % len(stems)] + " " + client_ids + "»",
        "segment": np.array(roster.SEGMENTS, dtype=object)[rng.integers(0, len(roster.SEGMENTS),
                                                                        len(client_ids))],
        "inn": pa.array(rng.integers(10**9, 10**10 - 1, len(client_ids))).cast(pa.string()).to_numpy(
            zero_copy_only=False),
        "manager_id": managers["id"].to_numpy()[client_owner],
    })
    won = rng.random(n) < WIN_RATE
    cycle = np.ceil(CYCLE_DAYS * rng.lognormal(0.0, 0.5, n)).astype(np.int64)
    close = wd.on_or_after(created + cycle * DAY)
    is_open = close > end
    outcome = np.where(is_open, "open", np.where(won, "won", "lost"))
    stages = np.array(roster.STAGES, dtype=object)
    stage = np.where(is_open, stages[rng.integers(0, len(stages), n)],
                     np.where(won, roster.WON_STAGE, stages[rng.integers(0, len(stages), n)]))
    amount = np.maximum(100, np.round(80_000 * rng.lognormal(0.0, 0.5, n) / 100) * 100).astype(np.int64) * 100
    products = np.array(list(roster.PRODUCTS), dtype=object)
    closed = pd.to_datetime(np.where(is_open, np.datetime64("NaT"), close))
    deals = pd.DataFrame({
        "id": _ids("S", n, 8),
        "title": "Сделка " + client_ids[client],
        "client_id": client_ids[client],
        "manager_id": managers["id"].to_numpy()[who],
        "pipeline": "Продажи",
        "stage": stage,
        "amount": amount,
        "margin": (amount * 0.3 // 100 * 100).astype(np.int64),
        "created": pd.to_datetime(created),
        "closed": closed,
        "outcome": outcome,
        "expected_date": pd.to_datetime(np.where(is_open, wd.on_or_after(end + 14 * DAY),
                                                 np.datetime64("NaT"))),
        "stage_changed": pd.to_datetime(np.where(is_open, created, close)),
        "product": products[rng.integers(0, len(products), n)],
        "source": "Текущий клиент",
    })
    return deals, clients


def _payments(rng: np.random.Generator, deals: pd.DataFrame, end: np.datetime64,
              wd: WorkingDays) -> pd.DataFrame:
    """One payment per won deal: due ``PAY_DAYS`` after closing, paid by then (outstanding when
    that is after the last day)."""
    won = deals[deals["outcome"] == "won"]
    closed = won["closed"].to_numpy().astype("datetime64[D]")
    due = wd.on_or_after(closed + PAY_DAYS * DAY)
    paid = wd.on_or_after(closed + rng.integers(0, PAY_DAYS + 1, len(won)) * DAY)
    return pd.DataFrame({
        "id": _ids("R", len(won), 8),
        "date": pd.to_datetime(np.where(paid <= end, paid, np.datetime64("NaT"))),
        "amount": won["amount"].to_numpy(),
        "client_id": won["client_id"].to_numpy(),
        "deal_id": won["id"].to_numpy(),
        "manager_id": won["manager_id"].to_numpy(),
        "due_date": pd.to_datetime(due),
    })


def _calls(rng: np.random.Generator, managers: pd.DataFrame, days: np.ndarray,
           deals: pd.DataFrame) -> pd.DataFrame:
    """Each seller's calls on his working days, 9:00–18:30; a third of the conversations about
    one of his deals opened by that day (found by one ``searchsorted`` over deals ordered by
    manager and day)."""
    who, day = _per_working_day(rng, managers, days, CALLS_PER_DAY)
    n = len(who)
    result = CALL_RESULTS[rng.choice(len(CALL_RESULTS), n, p=CALL_CHANCES / CALL_CHANCES.sum())]
    talked = ~np.isin(result, ["не дозвонился", "занято"])
    index_of = pd.Series(np.arange(len(managers)), index=managers["id"].to_numpy())
    deal_manager = index_of[deals["manager_id"].to_numpy()].to_numpy()
    deal_day = deals["created"].to_numpy().astype("datetime64[D]").astype(np.int64)
    order = np.lexsort((deal_day, deal_manager))
    key = deal_manager[order] * 100_000 + deal_day[order]
    first = np.searchsorted(key, who * 100_000)
    upto = np.searchsorted(key, who * 100_000 + day.astype(np.int64), side="right")
    about = talked & (upto > first) & (rng.random(n) < 1 / 3)
    pick = first + np.floor(rng.random(n) * np.maximum(upto - first, 1)).astype(np.int64)
    deal_row = order[np.minimum(pick, len(order) - 1)]
    deal_id = np.where(about, deals["id"].to_numpy()[deal_row], None)
    seconds = (9 * 3600 + rng.integers(0, int(9.5 * 3600), n)) * np.timedelta64(1, "s")
    ids = _ids("Z", n, 9)
    return pd.DataFrame({
        "id": ids,
        "started_at": pd.to_datetime(day.astype("datetime64[s]") + seconds),
        "manager_id": managers["id"].to_numpy()[who],
        "direction": np.where(rng.random(n) < 0.15, "in", "out"),
        "duration_s": np.where(talked, np.round(150 * rng.lognormal(0, 0.8, n)) + 10, 0).astype(np.int64),
        "result": result,
        "client_id": np.where(about, deals["client_id"].to_numpy()[deal_row], None),
        "phone": None,
        "deal_id": deal_id,
        "recording_url": None,
    })


def generate_holding(size: Holding = Holding(), end_month: str = "2026-11", seed: int = 2026) -> DemoData:
    """The holding's tables: ``size.years`` years of history ending with ``end_month``."""
    rng = np.random.default_rng(seed)
    last = Month.parse(end_month)
    first_day = (last - (12 * size.years - 1)).start
    first, end = np.datetime64(first_day, "D"), np.datetime64(last.end, "D")
    wd = WorkingDays(first_day, (last + 3).end)
    days = wd.between(first_day, last.end)
    managers = _roster(rng, size, first, end)
    departments = pd.DataFrame({"id": np.unique(managers["department_id"])})
    departments["name"] = "Отдел " + departments["id"].str[1:]
    deals, clients = _deals(rng, managers, days, end, wd)
    payments = _payments(rng, deals, end, wd)
    calls = _calls(rng, managers, days, deals)
    leads = pd.DataFrame(columns=["id", "created", "source", "manager_id", "deal_id", "client_id"])
    nps = pd.DataFrame(columns=["id", "date", "client_id", "manager_id", "score", "comment"])
    return DemoData(departments, managers, clients, deals, payments, calls, leads, nps)


def canonical_arrow(frame: pd.DataFrame, table_name: str) -> pa.Table:
    """The frame as the canonical export writes it: dates ``YYYY-MM-DD``, times
    ``YYYY-MM-DD HH:MM:SS``, money (``amount``, ``margin``) in roubles with a decimal point."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, name in enumerate(table.column_names):
        column = table[name]
        if name in ("amount", "margin"):
            kopecks = column.cast(pa.int64())
            roubles = pc.divide(kopecks, 100).cast(pa.string())
            part = pc.utf8_lpad(pc.subtract(kopecks, pc.multiply(pc.divide(kopecks, 100), 100))
                                .cast(pa.string()), 2, "0")
            table = table.set_column(i, name, pc.binary_join_element_wise(roubles, part, "."))
        elif pa.types.is_timestamp(column.type):
            with_time = kinds(table_name)[name] is Kind.DATETIME
            table = table.set_column(i, name, pc.strftime(
                column, "%Y-%m-%d %H:%M:%S" if with_time else "%Y-%m-%d"))
    return table


def write_csv(data: DemoData, folder: Path) -> dict[str, Path]:
    """Every non-empty table of ``data`` as ``<table>.csv`` in ``folder``; returns table → file."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for table, frame in data.tables().items():
        if frame.empty:
            continue
        path = folder / f"{table}.csv"
        pacsv.write_csv(canonical_arrow(frame, table), path, pacsv.WriteOptions(quoting_style="needed"))
        files[table] = path
    return files
