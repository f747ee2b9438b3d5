"""The department's history as the plan model needs it, read once from the store.

Months are integers ``ym = year × 12 + month − 1`` in the frames (fast arithmetic): the
``periods.Month.ordinal``. Revenue is what plan/fact counts as the fact (``params/control.yaml``,
``fact_source``, resolved as the reports resolve it: ``control.frames.resolve_fact_source``):
payments received (by payment date) or won deals (by closing date), so a plan and its fact
measure the same thing. A payment without a manager is credited to its deal's
manager, else to its client's; one with neither is counted in ``unassigned``. Open deals carry
the probability of their stage (``params/control.yaml``, unknown stages 0). Activity is counted
as plan/fact counts it (``salesplan.control.activity``); calls and leads, the largest tables,
are counted by manager and month in the database and never read row by row. Heads of department
are kept: the plan model plans those who sell themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine, case, func, select

from salesplan.control.activity import MEASURES
from salesplan.control.clients import ClientParams
from salesplan.control.frames import resolve_fact_source, stored_fact_sources
from salesplan.control.params import ActivityResults, control_params
from salesplan.control.stages import probability
from salesplan.errors import PlanError, check_department
from salesplan.periods import Month, ordinals
from salesplan.schema import metadata
from salesplan.store import month_ordinal, read_table

MANAGER_COLUMNS = ["id", "name", "department_id", "role", "hire_date", "leave_date"]


@dataclass(frozen=True)
class History:
    """What the plan model reads from the store.

    - ``managers``: id, name, department_id, role, hire_date, leave_date (heads included).
    - ``revenue``: manager_id, ym, product, segment, amount (kopecks).
    - ``funnel``: manager_id, ym, leads, won, won_amount (kopecks) — leads created, deals won
      (closed) in the month.
    - ``calls``: manager_id, ym, calls (outgoing), minutes (on the line, both directions),
      meetings and proposals (calls with such a result) — ``salesplan.control.activity``.
    - ``pipeline``: open deals: manager_id, amount (kopecks), stage, expected_date, probability.
    - ``purchases``: client_id, manager_id, date, amount (kopecks) — each purchase of a client as
      the revenue counts it (``control.clients.purchases``, the manager credited as above).
    - ``clients``: id, manager_id — the clients table (every department: a client's owner).
    - ``active_months``: a client is active with a purchase in them (``params/control.yaml``,
      ``clients``).
    - ``unassigned``: revenue (kopecks) with no manager to credit.
    - ``fact_source``: what the revenue counts, ``payments`` or ``won_deals``.
    """

    managers: pd.DataFrame
    revenue: pd.DataFrame
    funnel: pd.DataFrame
    calls: pd.DataFrame
    pipeline: pd.DataFrame
    unassigned: int = 0
    fact_source: str = "payments"
    purchases: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"client_id": [], "manager_id": [], "date": pd.Series(dtype="datetime64[ns]"), "amount": []}))
    clients: pd.DataFrame = field(default_factory=lambda: pd.DataFrame({"id": [], "manager_id": []}))
    active_months: int = ClientParams().active_months

    @property
    def last_ym(self) -> int | None:
        """The last month with any revenue."""
        return int(self.revenue["ym"].max()) if len(self.revenue) else None

    def departments(self) -> list[str]:
        return sorted(self.managers["department_id"].dropna().unique().tolist())

    def for_department(self, department: str | None) -> History:
        """The part of the history that belongs to one department (all when ``None``)."""
        if not department:
            return self
        check_department(department, self.departments(), PlanError)
        ids = set(self.managers.loc[self.managers["department_id"] == department, "id"])

        def mine(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["manager_id"].isin(ids)].reset_index(drop=True)

        return History(
            managers=self.managers[self.managers["id"].isin(ids)].reset_index(drop=True),
            revenue=mine(self.revenue),
            funnel=mine(self.funnel),
            calls=mine(self.calls),
            pipeline=mine(self.pipeline),
            unassigned=0,
            fact_source=self.fact_source,
            purchases=mine(self.purchases),
            clients=self.clients,
            active_months=self.active_months,
        )


def monthly_leads(eng: Engine) -> pd.Series:
    """Leads created per manager and month (``leads``, indexed by manager_id and ym), counted by
    the database; leads without a manager or a date are not counted."""
    leads = metadata.tables["leads"]
    ym = month_ordinal(leads.c.created).label("ym")
    query = (select(leads.c.manager_id, ym, func.count().label("leads"))
             .where(leads.c.manager_id.is_not(None), leads.c.created.is_not(None))
             .group_by(leads.c.manager_id, ym))
    with eng.connect() as conn:
        counted = pd.read_sql(query, conn)
    return counted.astype({"ym": "int64", "leads": "int64"}).set_index(["manager_id", "ym"])["leads"]


def monthly_activity(eng: Engine, results: ActivityResults) -> pd.DataFrame:
    """Activity per manager and month as ``control.activity`` counts it (calls = outgoing calls,
    minutes = seconds on the line / 60, meetings and proposals = calls whose result, stripped
    and in lower case, is one of ``results``), from the calls grouped by the database by
    manager, month and result: the few results are matched here, the many calls never leave
    the database. Calls without a manager or a start are not counted."""
    calls = metadata.tables["calls"]
    ym = month_ordinal(calls.c.started_at).label("ym")
    query = (select(calls.c.manager_id, ym, calls.c.result,
                    func.sum(case((calls.c.direction == "out", 1), else_=0)).label("calls"),
                    func.coalesce(func.sum(calls.c.duration_s), 0).label("seconds"),
                    func.count().label("made"))
             .where(calls.c.manager_id.is_not(None), calls.c.started_at.is_not(None))
             .group_by(calls.c.manager_id, ym, calls.c.result))
    with eng.connect() as conn:
        grouped = pd.read_sql(query, conn)
    result = grouped["result"].astype("string").str.strip().str.lower()
    grouped = grouped.assign(
        meetings=grouped["made"].where(result.isin(results.meeting).fillna(False), 0),
        proposals=grouped["made"].where(result.isin(results.proposal).fillna(False), 0),
    ).astype({"ym": "int64", "calls": "int64", "seconds": "int64", "meetings": "int64",
              "proposals": "int64"})
    months = grouped.groupby(["manager_id", "ym"])[["calls", "seconds", "meetings", "proposals"]].sum()
    return months.assign(minutes=months["seconds"] / 60)[MEASURES].reset_index()


def load_history(eng: Engine) -> History:
    """Read managers, revenue, funnel, calls and the open pipeline from the store."""
    control = control_params()
    managers = read_table(eng, "managers", MANAGER_COLUMNS)
    deals = read_table(
        eng,
        "deals",
        ["id", "client_id", "manager_id", "stage", "amount", "created", "closed", "outcome",
         "expected_date", "product"],
    )
    clients = read_table(eng, "clients", ["id", "segment", "manager_id"])

    won = deals[(deals["outcome"] == "won") & deals["closed"].notna()]
    source = resolve_fact_source(control.fact_source, stored_fact_sources(eng))
    if source == "payments":
        pays = read_table(eng, "payments", ["date", "amount", "client_id", "deal_id", "manager_id"])
        pays = pays[pays["date"].notna()]
        pays = pays.merge(
            deals[["id", "manager_id", "product"]].rename(
                columns={"id": "deal_id", "manager_id": "deal_manager"}
            ),
            on="deal_id",
            how="left",
        )
        money = pays.rename(columns={"date": "day"})
        money["manager_id"] = money["manager_id"].fillna(money["deal_manager"])
    else:
        money = won.rename(columns={"closed": "day"})[["day", "amount", "client_id", "manager_id",
                                                       "product"]]
        money = money[money["amount"].notna()]
    money = money.merge(
        clients.rename(columns={"id": "client_id", "manager_id": "client_manager"}),
        on="client_id",
        how="left",
    )
    money["manager_id"] = money["manager_id"].fillna(money["client_manager"])
    unassigned = int(money.loc[money["manager_id"].isna(), "amount"].sum())
    money = money[money["manager_id"].notna()]
    revenue = (
        money.assign(
            ym=ordinals(money["day"], Month),
            product=money["product"].fillna(""),
            segment=money["segment"].fillna(""),
            amount=money["amount"].astype("int64"),
        )
        .groupby(["manager_id", "ym", "product", "segment"], as_index=False)["amount"]
        .sum()
    )

    lead_counts = monthly_leads(eng)
    won_stats = (
        won.assign(ym=ordinals(won["closed"], Month), amount=won["amount"].fillna(0).astype("int64"))
        .groupby(["manager_id", "ym"])
        .agg(won=("amount", "size"), won_amount=("amount", "sum"))
    )
    funnel = (
        pd.concat([lead_counts, won_stats], axis=1)
        .fillna(0)
        .astype("int64")
        .reset_index()
        .rename(columns={"level_0": "manager_id", "level_1": "ym"})
    )
    call_stats = monthly_activity(eng, control.activity_results)
    pipeline = deals.loc[
        (deals["outcome"] == "open") & deals["amount"].notna(),
        ["manager_id", "amount", "stage", "expected_date", "outcome"],
    ].reset_index(drop=True)
    pipeline["probability"] = probability(pipeline, control.stage_probabilities()).fillna(0.0)
    pipeline = pipeline.drop(columns="outcome")
    bought = money.loc[money["client_id"].notna(), ["client_id", "manager_id", "day", "amount"]]
    bought = bought.rename(columns={"day": "date"}).astype({"amount": "int64"}).reset_index(drop=True)
    bought["date"] = pd.to_datetime(bought["date"])
    return History(managers, revenue, funnel, call_stats, pipeline, unassigned, source, bought,
                   clients[["id", "manager_id"]], control.clients.active_months)
