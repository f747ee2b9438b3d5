"""The data overview: what is loaded, by table, by month and by manager.

``load`` reads the store for one department or all (``department=""``); the other functions
are pure over the frames it returns. Months are ``YYYY-MM`` strings, money integer kopecks.

Per month: deals created (by ``created``), deals won and the amount won (by ``closed``),
payments received and their amount (by ``date``; outstanding invoices have none), calls and
minutes on the line (by ``started_at``), leads (by ``created``). The calls are counted and
their seconds summed per manager and day in the database (``call_days``): the table is the
store's largest, and no report here needs one call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from sqlalchemy import Engine, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from salesplan import charts, labels, periods, store
from salesplan.money import fmt_number, fmt_rub, roubles

MONTH_COLUMNS = [
    "deals_created",
    "deals_won",
    "won_amount",
    "payments",
    "paid_amount",
    "calls",
    "call_minutes",
    "leads",
]
MONEY_COLUMNS = ("won_amount", "paid_amount")


# The columns the overview reads from each table; the calls are read by day (``call_days``).
COLUMNS = {
    "managers": ["id", "name", "department_id", "role", "hire_date", "leave_date"],
    "deals": ["id", "manager_id", "created", "closed", "outcome", "amount"],
    "payments": ["id", "date", "due_date", "amount", "deal_id", "manager_id"],
    "leads": ["manager_id", "created"],
}
TABLES = ("managers", "deals", "payments", "calls", "leads")


@dataclass(frozen=True)
class Data:
    """The store's frames (``COLUMNS`` of each), for one department's managers or for all;
    ``calls`` per manager and day (``call_days``)."""

    managers: pd.DataFrame
    deals: pd.DataFrame
    payments: pd.DataFrame
    calls: pd.DataFrame
    leads: pd.DataFrame


def load(eng: Engine | str, department: str = "") -> Data:
    """Read the data tables; with ``department``, only rows of that department's managers,
    selected in the database.

    A payment without a manager is attributed to its deal's manager.
    """
    eng = store.engine(eng) if isinstance(eng, str) else eng
    managers = store.read_table(eng, "managers", COLUMNS["managers"])
    ids = sorted(managers.loc[managers["department_id"] == department, "id"]) if department else None
    theirs: dict[str, ColumnElement[bool] | None] = dict.fromkeys(("deals", "payments", "leads"))
    if ids is not None:
        theirs = {name: store.metadata.tables[name].c.manager_id.in_(ids) for name in theirs}
        # a payment without a manager may be of a deal of theirs
        theirs["payments"] = or_(theirs["payments"], store.payments.c.manager_id.is_(None))
    frames = {"managers": managers, "calls": call_days(eng, ids),
              **{name: store.read_table(eng, name, COLUMNS[name], where) for name, where in theirs.items()}}
    payments = frames["payments"]
    deal_manager = frames["deals"].set_index("id")["manager_id"]
    payments["manager_id"] = payments["manager_id"].fillna(payments["deal_id"].map(deal_manager))
    return scoped(Data(**frames), department)


def call_days(eng: Engine, managers: Iterable[str] | None = None) -> pd.DataFrame:
    """Per manager (of ``managers`` when given) and day (``started_at``'s date): ``manager_id,
    day, calls`` (how many) and ``seconds`` (their ``duration_s`` summed), counted in the database."""
    calls = store.calls
    day = func.date(calls.c.started_at)
    query = (select(calls.c.manager_id, day.label("day"), func.count().label("calls"),
                    func.sum(calls.c.duration_s).label("seconds"))
             .group_by(calls.c.manager_id, day))
    if managers is not None:
        query = query.where(calls.c.manager_id.in_(sorted(set(managers))))
    with eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    return frame.assign(day=pd.to_datetime(frame["day"]), calls=frame["calls"].astype("int64"),
                        seconds=frame["seconds"].astype("int64"))


def scoped(data: Data, department: str) -> Data:
    """The rows of ``department``'s managers (every row for ``""``), indexes reset."""
    frames = {name: getattr(data, name) for name in TABLES}
    if department:
        managers = frames["managers"]
        frames["managers"] = managers[managers["department_id"] == department]
        ids = set(frames["managers"]["id"])
        for name in ("deals", "payments", "calls", "leads"):
            frames[name] = frames[name][frames[name]["manager_id"].isin(ids)]
    return Data(**{name: frame.reset_index(drop=True) for name, frame in frames.items()})


def caption(eng: Engine, department: str, month: str) -> str:
    """``Отдел продаж · данные по октябрь 2026 включительно`` for the top of the report."""
    names = store.department_names(eng)
    shown = names.get(department, department) if department else labels.OVERVIEW["all_departments"]
    return labels.OVERVIEW["caption"].format(department=shown, month=periods.Month.parse(month).label)


def missing_note(counts: dict[str, int]) -> str:
    """What to import to fill the empty data tables among deals, payments, calls and leads (the
    control reports' sentences, ``store.counts``); "" when none is empty."""
    return " ".join(labels.CONTROL_MISSING[t] for t in ("deals", "payments", "calls", "leads")
                    if not counts.get(t))


def table_summary(counts: dict[str, int], ranges: dict[str, tuple[str | None, str | None]]) -> pd.DataFrame:
    """One row per data table: rows and the first and last date (``store.counts``, ``store.date_range``)."""
    rows = [
        {"table": name, "rows": counts.get(name, 0), "first": ranges.get(name, (None, None))[0],
         "last": ranges.get(name, (None, None))[1]}
        for name in store.DATA_TABLES
    ]
    return pd.DataFrame(rows)


def _activity(data: Data, per_manager: bool) -> pd.DataFrame:
    """``MONTH_COLUMNS`` per month, or per manager and month; rows without activity omitted."""

    def grouped(frame: pd.DataFrame, date_column: str):
        keys = [periods.keys(frame[date_column], periods.Month).rename("month")]
        if per_manager:
            keys.insert(0, frame["manager_id"])
        return frame.groupby(keys)

    def count_sum(frame, date_column, value, names, count=None):
        """Rows (or the sum of ``count``) and the sum of ``value`` per group."""
        groups = grouped(frame, date_column)
        counted = groups.size() if count is None else groups[count].sum()
        return pd.DataFrame({names[0]: counted, names[1]: groups[value].sum()})

    deals, payments, calls, leads = data.deals, data.payments, data.calls, data.leads
    won = deals[deals["outcome"] == "won"]
    paid = payments[payments["date"].notna()]
    parts = [
        grouped(deals, "created").size().rename("deals_created"),
        count_sum(won, "closed", "amount", ("deals_won", "won_amount")),
        count_sum(paid, "date", "amount", ("payments", "paid_amount")),
        count_sum(calls, "day", "seconds", ("calls", "call_minutes"), count="calls"),
        grouped(leads, "created").size().rename("leads"),
    ]
    out = pd.concat(parts, axis=1).reindex(columns=MONTH_COLUMNS).fillna(0).astype("int64")
    if out.empty:  # no activity: an index of months (text) all the same, for the filters by month
        names = ["manager_id", "month"] if per_manager else ["month"]
        out.index = pd.MultiIndex.from_arrays([[]] * len(names), names=names)
    out["call_minutes"] //= 60
    return out.sort_index()


def by_month(data: Data, last: str | None = None) -> pd.DataFrame:
    """Activity per month (see the module docstring); months with no activity are omitted.

    With ``last`` (``YYYY-MM``), months after it are left out. Index: month; columns:
    ``MONTH_COLUMNS``, all integers (call minutes: total seconds // 60).
    """
    out = _activity(data, per_manager=False)
    return out[out.index <= last] if last else out


def by_manager(data: Data, last: str | None = None) -> pd.DataFrame:
    """Per manager: name, role, hire and leave dates, and the totals of ``by_month`` to ``last``.

    Rows follow the roster (a manager with no activity has zeros); activity under an id that
    the roster lacks gets a row with no name. Rows with no manager are not counted here.
    """
    activity = _activity(data, per_manager=True)
    if last:
        activity = activity[activity.index.get_level_values("month") <= last]
    totals = activity.groupby(level=0).sum()
    roster = data.managers.set_index("id")[["name", "role", "hire_date", "leave_date"]]
    out = roster.join(totals, how="outer")
    out[MONTH_COLUMNS] = out[MONTH_COLUMNS].fillna(0).astype("int64")
    out.index.name = "manager_id"
    return out


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Money as ``1 234 567 ₽``, counts as ``12 345``, Russian column names."""
    out = frame.copy()
    for col in MONTH_COLUMNS:
        if col in out:
            fmt = fmt_rub if col in MONEY_COLUMNS else fmt_number
            out[col] = out[col].map(fmt)
    return out.rename(columns=labels.OVERVIEW["columns"])


def shown_tables(summary: pd.DataFrame) -> pd.DataFrame:
    """``table_summary`` for a reader."""
    out = summary.assign(
        table=summary["table"].map(labels.TABLES),
        rows=summary["rows"].map(fmt_number),
        first=summary["first"].fillna("—"),
        last=summary["last"].fillna("—"),
    )
    return out.rename(columns=labels.OVERVIEW["columns"]).set_index(labels.OVERVIEW["columns"]["table"])


def shown_months(months: pd.DataFrame) -> pd.DataFrame:
    """``by_month`` for a reader: months as ``окт 2026``."""
    out = _shown(months)
    out.index = [periods.Month.parse(m).short_label for m in months.index]
    out.index.name = labels.OVERVIEW["columns"]["month"]
    return out


def shown_managers(managers: pd.DataFrame) -> pd.DataFrame:
    """``by_manager`` for a reader: role in Russian, dates as ``dd.mm.yyyy``."""
    out = managers.assign(
        role=managers["role"].map(labels.ROLES).fillna("—"),
        hire_date=_dates(managers["hire_date"]),
        leave_date=_dates(managers["leave_date"]),
    )
    out = _shown(out).set_index(labels.OVERVIEW["columns"]["name"])
    return out


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.strftime("%d.%m.%Y").fillna("—")


def chart(months: pd.DataFrame) -> Figure:
    """Amount won and payments received per month (bars), calls per month (line)."""
    fig, (money, calls) = plt.subplots(2, 1, figsize=(9, 6), sharex=True, height_ratios=(2, 1))
    x = range(len(months))
    width = 0.4
    money.bar([i - width / 2 for i in x], roubles(months["won_amount"]), width,
              color=charts.COLORS["fact"], label=labels.OVERVIEW["columns"]["won_amount"])
    money.bar([i + width / 2 for i in x], roubles(months["paid_amount"]), width,
              color=charts.COLORS["good"], label=labels.OVERVIEW["columns"]["paid_amount"])
    money.set_title(labels.OVERVIEW["chart_money"])
    money.legend(loc="upper left")
    charts.money_axis(money)
    calls.plot(list(x), months["calls"], marker="o", color=charts.COLORS["neutral"])
    calls.set_title(labels.OVERVIEW["chart_calls"])
    calls.set_ylim(bottom=0)
    charts.number_axis(calls)
    calls.set_xticks(list(x), [periods.Month.parse(m).short_label for m in months.index], rotation=45,
                     ha="right")
    return fig
