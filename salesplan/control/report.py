"""The control reports' sections: the store read once for a department, each section one call.

``Control.load(db_url, department)`` reads the data; its methods apply the pure functions of
the other modules with the parameters of ``params/control.yaml`` and the production calendar.
A ``run`` argument (``daily``, ``weekly``, ``monthly``) picks whether the as-of day counts
(``as_of_day_counts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Engine

from salesplan import clock, labels, store
from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.control import activity as act
from salesplan.control import channels as chan
from salesplan.control import checkpoints as chk
from salesplan.control import clients as cli
from salesplan.control import contests as cont
from salesplan.control import counts as cnt
from salesplan.control import forecast as fc
from salesplan.control import hygiene as hyg
from salesplan.control import kpi, reconcile
from salesplan.control import pipeline as pipe
from salesplan.control import receivables as rec
from salesplan.control import satisfaction as sat
from salesplan.control import summary as summ
from salesplan.control.frames import (
    Frames,
    amount_by_manager,
    as_engine,
    fact_lines,
    has_rows,
    load_frames,
    plan_lines,
    preferred_fact_source,
    read_calls,
    resolve_fact_source,
    stored_fact_sources,
)
from salesplan.control.params import ControlParams, RunKind, control_params
from salesplan.payplan import repository as payplans
from salesplan.periods import Month, Week, add_months
from salesplan.plan_of_record import activity_norms, lines_of, plan_versions


@dataclass(frozen=True)
class PlanOfMonth:
    """A month's plan lines and where they come from: ``approved`` (the plan of record),
    ``scenario`` (the newest draft, no plan approved yet) or ``none``."""

    lines: pd.DataFrame
    status: str
    name: str = ""


@dataclass(frozen=True)
class Control:
    """The store's data for one department (calls aside), its fact lines, the parameters, the
    calendar, the departments' names and the fact source in effect (``frames.resolve_fact_source``)."""

    eng: Engine
    frames: Frames
    fact: pd.DataFrame
    params: ControlParams
    calendar: ProductionCalendar
    departments: dict[str, str]
    fact_source: str = "payments"
    # the calls of each period asked for, read once (``calls``)
    read: dict[tuple[date, date], pd.DataFrame] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, db: Engine | str = "", department: str = "", params: ControlParams | None = None,
             calendar: ProductionCalendar | None = None) -> Control:
        """Read the store (an engine or a URL, "" for the default) for ``department`` ("" for
        all)."""
        eng = as_engine(db)
        params = params or control_params()
        frames = load_frames(eng, department, calls=False)
        depts = store.read_table(eng, "departments")
        source = resolve_fact_source(params.fact_source, stored_fact_sources(eng))
        return cls(eng, frames, fact_lines(frames, source), params, calendar or default_calendar(),
                   dict(zip(depts["id"], depts["name"], strict=True)), source)

    # --- who and what -------------------------------------------------------------------------

    @property
    def names(self) -> dict[str, str]:
        return self.frames.manager_names()

    @property
    def clients(self) -> dict[str, str]:
        return dict(zip(self.frames.clients["id"], self.frames.clients["name"], strict=True))

    @property
    def department_name(self) -> str:
        dept = self.frames.department
        return self.departments.get(dept, dept) if dept else labels.CONTROL["all_departments"]

    def fact_note(self) -> str:
        """What counts as the fact, and why when the store lacks the source asked for."""
        text = labels.CONTROL["fact_source"][self.fact_source]
        if self.fact_source != preferred_fact_source(self.params.fact_source):
            text += " " + labels.CONTROL_MISSING["fact_" + self.fact_source]
        return text

    def missing(self, table: str, start: date | None = None, end: date | None = None) -> str:
        """Why a section on ``table`` (``deals``, ``payments``, ``calls``, ``leads``, ``fact``) is
        empty: the store has none of it (what to import); with ``start``…``end``, also when the
        department has none dated in the period (payments: paid). "" when there is some.
        ``plan``: no plan of record for the period."""
        if table == "plan":
            return "" if len(self.plan(start, end)) else labels.CONTROL_MISSING["plan"]
        stored = bool(stored_fact_sources(self.eng)) if table == "fact" else has_rows(self.eng, table)
        if not stored:
            return labels.CONTROL_MISSING[table]
        if start is None:
            return ""
        if table == "calls":
            lines = self.calls(start, end)
        else:
            lines = self.fact if table == "fact" else getattr(self.frames, table)
        column = {"fact": "date", "payments": "date", "calls": "started_at"}.get(table, "created")
        dates = pd.to_datetime(lines[column])
        inside = (dates >= pd.Timestamp(start)) & (dates < pd.Timestamp(end) + pd.Timedelta(days=1))
        return "" if inside.any() else labels.CONTROL_EMPTY[table]

    def include_as_of(self, run: RunKind) -> bool:
        return getattr(self.params.as_of_day_counts, run)

    @property
    def probabilities(self) -> dict[str, float]:
        return self.params.stage_probabilities()

    def plan(self, start: date, end: date) -> pd.DataFrame:
        """Plan-of-record lines dated ``start``…``end``."""
        return plan_lines(self.eng, start, end, self.frames.department)

    def plan_of_month(self, month: str) -> PlanOfMonth:
        """The month's plan of record, else each department's newest scenario (a draft), else
        nothing."""
        lines = self.plan(*Month.parse(month).bounds)
        if len(lines):
            return PlanOfMonth(lines, "approved")
        drafts = plan_versions(self.eng, month, self.frames.department or None)
        drafts = drafts[drafts["status"] == "scenario"]
        if drafts.empty:
            return PlanOfMonth(lines, "none")
        newest = drafts.drop_duplicates("department_id")  # newest first: one per department
        lines = lines_of(self.eng, newest["id"].astype(int).tolist())
        return PlanOfMonth(lines[["manager_id", "date", "amount"]], "scenario",
                           ", ".join(dict.fromkeys(newest["name"])))

    # --- plan – fact – deviation --------------------------------------------------------------

    def summary(self, as_of: date, run: RunKind, level: str = "manager",
                plan: pd.DataFrame | None = None) -> pd.DataFrame:
        """The summary report as of ``as_of`` (``summary.summary_report``)."""
        if plan is None:
            plan = self.plan(*Month.of(as_of).bounds)
        return summ.summary_report(plan, self.fact, as_of, include_as_of=self.include_as_of(run),
                                   calendar=self.calendar, managers=self.frames.managers,
                                   level=level)

    def period(self, start: date, end: date, level: str = "manager") -> pd.DataFrame:
        """Plan and fact of ``start``…``end`` (``summary.period_plan_fact``)."""
        return summ.period_plan_fact(self.plan(start, end), self.fact, start, end, level=level,
                                     managers=self.frames.managers)

    def cumulative(self, month: str) -> pd.DataFrame:
        month = Month.parse(month)
        return summ.cumulative_by_day(self.plan(*month.bounds), self.fact, month.start)

    def kpis(self, start: date, end: date, level: str = "manager") -> pd.DataFrame:
        return kpi.kpi_table(self.frames.deals, self.fact, self.frames.leads,
                             self.plan(start, end), start, end, level=level,
                             managers=self.frames.managers)

    def roi(self, month: str) -> tuple[float, float, int] | None:
        """(ROI %, margin, spend) of ``month`` when its marketing spend is given."""
        spend = self.params.spend_kopecks(month)
        if spend is None:
            return None
        margin = self.kpis(*Month.parse(month).bounds, level="total")["margin"].iloc[0]
        margin = 0 if pd.isna(margin) else margin
        return kpi.roi(margin, spend), margin, spend

    def funnel(self, start: date, end: date) -> pd.DataFrame:
        """Stage funnel of the deals created in ``start``…``end``."""
        deals = self.frames.deals
        created = deals[(deals["created"] >= pd.Timestamp(start))
                        & (deals["created"] <= pd.Timestamp(end))]
        return kpi.stage_funnel(created, self.params.stage_names())

    def win_rates(self, end: date, months: int = 12) -> pd.DataFrame:
        """Observed stage-to-won rates of the deals closed in the ``months`` before ``end``."""
        deals = self.frames.deals
        start = pd.Timestamp(add_months(end, -months))
        closed = deals[(deals["closed"] > start) & (deals["closed"] <= pd.Timestamp(end))]
        return pipe.observed_win_rates(closed, self.params.stage_names(), self.probabilities)

    # --- activity -----------------------------------------------------------------------------

    def calls(self, start: date, end: date) -> pd.DataFrame:
        """The department's calls of ``start``…``end``, read from the database when first asked
        (the table is large) and kept for the sections that ask again. Not to be changed."""
        if (start, end) not in self.read:
            managers = self.frames.managers["id"] if self.frames.department else None
            self.read[start, end] = read_calls(self.eng, start, end, managers)
        return self.read[start, end]

    def channels(self, start: date, end: date) -> pd.DataFrame:
        """Lead channels of ``start``…``end`` with the spend of its months (``channels.channels``)."""
        months = [str(m) for m in Month.of(start).through(Month.of(end))]
        return chan.channels(self.frames.leads, self.frames.deals, start, end,
                             self.params.channel_spend_kopecks(months))

    def call_kinds(self, start: date, end: date) -> pd.DataFrame:
        """Per manager: cold, warm and inbound calls of ``start``…``end``
        (``channels.call_kinds``), beside the outgoing calls' norm and its attainment."""
        kinds = chan.call_kinds(self.calls(start, end),
                                chan.first_purchases(self.frames.deals, self.frames.payments))
        norms = self.activity(start, end)[["manager_id", "calls_norm", "calls_pct"]]
        return kinds.merge(norms, on="manager_id", how="outer").fillna(
            {k: 0 for k in chan.CALL_KINDS}).astype({k: "int64" for k in chan.CALL_KINDS})

    def counts(self, as_of: date, run: RunKind) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Deals, leads, meetings, proposals, new and active clients of ``as_of``'s month against
        the plan of record's counts, with pace and forecast: per manager (``counts.counts_vs_plan``, index
        ``manager_id``) and the department's row (``counts.total``)."""
        month = Month.of(as_of)
        include = self.include_as_of(run)
        end = as_of if include else as_of - timedelta(days=1)
        norms = activity_norms(self.eng, str(month), self.frames.department or None)
        plan = norms.set_index("manager_id")[list(cnt.MEASURES)].astype("float64")
        bought = cli.purchases(self.frames, self.fact_source)
        fact = cnt.count_facts(self.frames.deals, self.frames.leads, self.activity(month.start, end),
                               bought, month.start, end)
        start, now = cnt.client_stock(bought, self.frames.clients, month.start, end,
                                      self.params.clients.active_months)
        days = self.calendar.days_worked(as_of, include), month.working_days(self.calendar)
        table = cnt.counts_vs_plan(plan, fact.join(now, how="outer").fillna(0), *days, start)
        return table, cnt.total(table, *days)

    def norms(self, month: str) -> pd.DataFrame:
        plan = activity_norms(self.eng, month, self.frames.department or None)
        return act.manager_norms(self.frames.managers, self.params.activity_norms, plan)

    def activity(self, start: date, end: date) -> pd.DataFrame:
        """Activity of ``start``…``end`` against the norms of ``start``'s month."""
        managers = self.frames.managers
        employed = managers[(managers["leave_date"].isna()
                             | (managers["leave_date"] >= pd.Timestamp(start)))
                            & (managers["hire_date"].isna()
                               | (managers["hire_date"] <= pd.Timestamp(end)))]
        norms = self.norms(str(Month.of(start)))
        norms = norms[norms["manager_id"].isin(employed["id"])]
        return act.activity_vs_norms(self.calls(start, end), norms, start, end,
                                     self.params.activity_results, self.calendar)

    # --- clients -------------------------------------------------------------------------------

    def clients_of(self, month: str) -> cli.ClientTable:
        """The clients of the 12 months to the end of ``month`` (``clients.client_table``)."""
        return cli.client_table(self.frames, self.fact_source, Month.parse(month), self.params.clients)

    # --- satisfaction ---------------------------------------------------------------------------

    def nps_answers(self) -> pd.DataFrame:
        """The survey answers of this report's managers, each attributed (``satisfaction``)."""
        answers = sat.attributed(store.read_table(self.eng, "nps_answers"), self.frames.clients)
        if self.frames.department:
            answers = answers[answers["manager_id"].isin(set(self.frames.managers["id"]))]
        return answers

    # --- contests ------------------------------------------------------------------------------

    def contests(self, as_of: date) -> list[cont.ContestResult]:
        """Standings at ``as_of`` of the contests in ``params`` open to this report's department
        (those of every department, and its own)."""
        dept = self.frames.department
        return [self.contest(c, as_of) for c in self.params.contests
                if not c.department or not dept or c.department == dept]

    def contest(self, contest: cont.Contest, as_of: date) -> cont.ContestResult:
        """One contest's standings at ``as_of`` (``contests``): its period counted up to that day;
        counts and amounts are 0 for a participant with none, ratios stay unknown."""
        state, counted_to = cont.state_at(contest, as_of)
        start, end = contest.span_at(as_of).bounds
        people = cont.participants(contest, self.frames.managers, start, end)
        values = pd.Series(float("nan"), index=people, dtype="float64")
        if counted_to is not None and people:
            source = self.kpis if contest.metric in cont.KPI_METRICS else self.activity
            found = source(start, counted_to).set_index("manager_id")[contest.metric].reindex(people)
            values = found if contest.metric in cont.RATIOS else found.fillna(0)
        return cont.ContestResult(contest, state, start, end, counted_to, cont.standings(values, contest))

    # --- pipeline and payment plans -----------------------------------------------------------

    def pipeline(self, by: str = "stage") -> pd.DataFrame:
        """Open deals by ``by`` with their amount and weighted amount, stages in funnel order."""
        table = pipe.weighted_pipeline(self.frames.deals, self.probabilities, by=by)
        if by == "stage":
            order = {name.casefold(): i for i, name in enumerate(self.params.stage_names())}
            table = table.sort_values("stage", key=lambda s: s.str.casefold().map(order),
                                      ignore_index=True)
        return table

    def payment_plan(self, start: date | None, end: date) -> pd.DataFrame:
        return pipe.payment_plan(self.frames.deals, self.frames.payments, start, end,
                                 self.probabilities, self.frames.clients)

    def payment_plan_by_manager(self, start: date | None, end: date) -> pd.DataFrame:
        """The payment plan summed per manager: ``deals`` (rows), ``amount``, ``weighted``."""
        rows = self.payment_plan(start, end)
        return rows.groupby("manager_id").agg(
            deals=("kind", "size"), amount=("amount", "sum"), weighted=("weighted", "sum"),
        ).reset_index()

    def coverage(self, month: str, plan: PlanOfMonth, as_of: date) -> pd.DataFrame:
        """Per manager: the month's ``plan``, ``fact`` to ``as_of``, ``weighted`` payments
        expected in the month and ``coverage`` of what remains (``pipeline.coverage``)."""
        first, last = Month.parse(month).bounds
        expected = self.payment_plan(first, last)
        frame = pd.DataFrame({
            "plan": amount_by_manager(plan.lines, first, last),
            "fact": amount_by_manager(self.fact, first, min(as_of, last)),
            "weighted": expected["weighted"].groupby(expected["manager_id"]).sum(),
        }).fillna(0).rename_axis("manager_id")
        frame = frame.astype({"plan": "int64", "fact": "int64"})
        frame["coverage"] = pipe.coverage(frame["weighted"], frame["plan"] - frame["fact"])
        return frame.reset_index()

    def forecast(self, as_of: date, include_as_of: bool, level: str = "manager",
                 plan: pd.DataFrame | None = None) -> pd.DataFrame:
        """P(plan met) for ``as_of``'s month (``forecast.month_end_forecast``), the expected
        payments being the month's payment plan (what fell due before the month is left to the
        receivables report)."""
        if plan is None:
            plan = self.plan(*Month.of(as_of).bounds)
        expected = self.payment_plan(*Month.of(as_of).bounds)
        p = self.params.forecast
        return fc.month_end_forecast(
            plan, self.fact, expected, as_of, calendar=self.calendar,
            include_as_of=include_as_of, history_months=p.history_months,
            simulations=p.simulations, seed=p.seed, interval=p.interval, level=level,
            managers=self.frames.managers)

    # --- the payment plans managers submitted -------------------------------------------------

    def submitted_plans(self, week: Week, until: datetime) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(the commitment, the plan now) of this report's managers for ``week``, from the plans
        submitted before ``until`` (``reconcile.commitment``, ``reconcile.state``)."""
        found = pd.concat([
            payplans.plans(self.eng, "week", str(week), until=until),
            payplans.plans(self.eng, "day", periods=(str(week.start), str(week.end)), until=until),
        ]).sort_values(["submitted_at", "id"], kind="stable")
        found = found[found["manager_id"].isin(self.frames.managers["id"])]
        rows = payplans.rows_of(self.eng, found["id"].tolist())
        return reconcile.commitment(found, rows), reconcile.state(found, rows)

    def promised(self, start: date, end: date, as_of: date) -> pd.DataFrame:
        """The rows the managers' plans have due ``start``…``end`` (``reconcile.due``), as the
        plans stood when ``end`` was over, or at the end of ``as_of`` if that is earlier; those
        due after ``as_of`` whose deal is already paid are left out (``reconcile.still_expected``)."""
        until = datetime.combine(min(end, as_of) + timedelta(days=1), time())
        return pd.concat([
            reconcile.still_expected(reconcile.due(self.submitted_plans(week, until)[1], start, end),
                                     self.frames.payments, week.start, as_of)
            for week in Week.of(start).through(Week.of(end))], ignore_index=True)

    def promised_totals(self, start: date, end: date, as_of: date,
                        level: str = "manager") -> pd.DataFrame:
        """What the managers' plans promise for ``start``…``end`` (``reconcile.promised_totals``)."""
        return reconcile.promised_totals(self.promised(start, end, as_of), level, self.frames.managers)

    def promised_vs_fact(self, start: date, end: date, as_of: date,
                         level: str = "manager") -> pd.DataFrame:
        """The managers' promises for ``start``…``end`` against the fact (``reconcile.promised_vs_fact``)."""
        return reconcile.promised_vs_fact(self.promised(start, end, as_of),
                                          amount_by_manager(self.fact, start, end), level,
                                          self.frames.managers)

    def plan_changes(self, as_of: date) -> pd.DataFrame:
        """What changed by the end of ``as_of`` since each manager's first weekly plan of its week
        (``reconcile.changes``)."""
        week = Week.of(as_of)
        promised, now = self.submitted_plans(week, datetime.combine(as_of + timedelta(days=1), time()))
        return reconcile.changes(promised, now, self.frames.payments, week.start, as_of)

    def plan_changes_by_manager(self, as_of: date, level: str = "manager") -> pd.DataFrame:
        return reconcile.changes_by_manager(self.plan_changes(as_of), level, self.frames.managers)

    def missing_plans(self, as_of: date) -> str:
        """Why the payment plan sections of ``as_of`` are empty: no plan of its week submitted by
        its end ("" when there is one)."""
        promised, now = self.submitted_plans(Week.of(as_of),
                                             datetime.combine(as_of + timedelta(days=1), time()))
        return "" if len(promised) or len(now) else labels.PAYPLAN_BRIEF["no_plans"]

    # --- today at checkpoints -----------------------------------------------------------------

    def record_checkpoint(self, now: datetime | None = None) -> time | None:
        """Record today's fact of this report's managers at the checkpoint just passed
        (``checkpoints.record_checkpoint``); None before the first checkpoint of the day."""
        now = now or clock.now()
        day = now.date()
        return chk.record_checkpoint(self.eng, now, amount_by_manager(self.fact, day, day),
                                     self.params.checkpoints, self.frames.managers["id"])

    def checkpoints(self, day: date) -> pd.DataFrame:
        """The fact of ``day`` at its recorded checkpoints, now, and against the day's plan.
        Reads only: recording is the daily run's step (``record_checkpoint``)."""
        return chk.checkpoint_table(chk.read_checkpoints(self.eng, day, self.frames.managers["id"]),
                                    amount_by_manager(self.plan(day, day), day, day),
                                    amount_by_manager(self.fact, day, day), self.params.checkpoints)

    # --- receivables and hygiene --------------------------------------------------------------

    def receivables(self, as_of: date) -> pd.DataFrame:
        return rec.receivables(self.frames.payments, self.frames.deals, as_of)

    def hygiene(self, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(per manager, the problem deals) as of ``as_of``."""
        h = self.params.hygiene
        problems = hyg.deal_problems(self.frames.deals, as_of, h.stale_days, self.probabilities)
        return hyg.hygiene_by_manager(self.frames.deals, problems, h.open_deal_limit), problems


def previous_days(day: date, calendar: ProductionCalendar) -> tuple[date, date]:
    """From the last working day before ``day`` to the eve of ``day`` (the weekend included):
    "yesterday" of a morning meeting."""
    return calendar.previous_working_day(day), day - timedelta(days=1)


def following_days(day: date, calendar: ProductionCalendar) -> tuple[date, date]:
    """From the day after ``day`` to the next working day (a weekend included): "tomorrow"."""
    return day + timedelta(days=1), calendar.next_working_day(day)
