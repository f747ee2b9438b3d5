"""The slides of the monthly meeting, computed from the store by the packages that own each
figure: plan/fact control (plan, fact, pace, KPIs, funnel, receivables), the call reviews,
attestation, the plan of record and the meeting protocols. A slide whose data are missing says so.

``build_deck(eng, month, department)`` returns the slides in meeting order; ``SLIDE_KEYS``
names them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Engine

from salesplan import clock
from salesplan.attestation import assessment
from salesplan.attestation.template import load_template
from salesplan.config import company
from salesplan.control import display as show
from salesplan.control import satisfaction as sat
from salesplan.control.counts import MEASURES
from salesplan.control.frames import UNASSIGNED
from salesplan.control.pace import safe_ratio
from salesplan.control.receivables import BUCKETS, OVERDUE, overdue_share, top_debtors
from salesplan.control.report import Control
from salesplan.deck import figures
from salesplan.deck.slides import Slide, Table
from salesplan.labels import (
    CONTESTS,
    CONTROL,
    CONTROL_BUCKETS,
    COUNTS,
    DECK,
    DECK_TEXT,
    DECK_TITLES,
    NPS,
    STANDINGS,
    count,
)
from salesplan.money import fmt_number, fmt_percent, fmt_rub
from salesplan.motivation.whatif import plan_amounts, plan_source
from salesplan.periods import Month
from salesplan.protocol.pages import FollowUp, rows
from salesplan.reviews.analysis import score_trend, weakest_criteria
from salesplan.reviews.repository import current_reviews, reviews_frame

T = DECK_TEXT
TASK_ROWS = 7  # protocol items listed on the tasks slide; the rest are counted
NEW_TASK_ROWS = 3  # empty rows under them for the meeting's new tasks
TASK_TEXT = 60  # characters of an item's text: one line of its column
CONTEST_ROWS = 8  # standings rows on the contests slide, shared by the contests
CASE_ROWS = 4
TOP_DEBTORS = 5
WEAKEST = 5
TREND_MONTHS = 6
NORMS = ["calls_per_day", "minutes_per_day", "meetings_per_week", "proposals_per_week"]


@dataclass(frozen=True)
class DeckData:
    """Plan/fact control's data of the department and the month the deck is about; ``as_of`` is
    the month's last day, or today while the month is still running."""

    control: Control
    month: Month
    start: date
    end: date
    as_of: date
    today: date

    def kpi(self, month: Month, level: str = "manager") -> pd.DataFrame:
        return self.control.kpis(*month.bounds, level=level)

    def kpi_total(self, month: Month) -> pd.Series:
        """The department's KPIs of ``month``; all missing (NaN) for a month without data."""
        frame = self.kpi(month, "total")
        return frame.iloc[0] if len(frame) else pd.Series(float("nan"), index=frame.columns)

    def name(self, manager_id: str) -> str:
        return self.control.names.get(manager_id, manager_id) or "—"


def load(eng: Engine, month: str, department: str = "", today: date | None = None) -> DeckData:
    today = today or clock.today()
    month = Month.parse(month)
    start, end = month.bounds
    return DeckData(Control.load(eng, department), month, start, end, min(end, max(today, start)),
                    today)


def signed_change(current: float, previous: float) -> str:
    """``+12,3 %``: the relative change; ``—`` without a base."""
    ratio = safe_ratio((current - previous) * 100, previous)
    if pd.isna(ratio):
        return "—"
    return ("+" if ratio > 0 else "") + fmt_percent(ratio)


def signed_points(current: float, previous: float) -> str:
    """``+4,1 п. п.``: the difference of two percentages; ``—`` when one is missing."""
    if pd.isna(current) or pd.isna(previous):
        return "—"
    diff = current - previous
    return ("+" if diff > 0 else "") + f"{fmt_number(diff, 1)}\xa0{T['points']}"


def _not_available(what: str) -> str:
    return DECK["not_available"].format(what=what)


# --- the slides, in meeting order ------------------------------------------------------------


def title_slide(d: DeckData) -> Slide:
    return Slide(
        "title",
        DECK["title"],
        subtitle=DECK["subtitle"].format(month=d.month.label),
        bullets=[company().name, d.control.department_name,
                 DECK["prepared"].format(date=d.today.strftime("%d.%m.%Y"))],
    )


def plan_rub(kopecks) -> str:
    """A plan amount, «нет плана» when there is none (0 or missing)."""
    return fmt_rub(kopecks) if kopecks and kopecks > 0 else CONTROL["no_plan_cell"]


def numbers_slide(d: DeckData) -> Slide:
    prev, ago = d.month.previous(), d.month - 12
    now, before, last_year = d.kpi_total(d.month), d.kpi_total(prev), d.kpi_total(ago)
    plan_known = now["plan"] > 0

    def row(label, key, fmt, change):
        return [label, fmt(now[key]), fmt(before[key]), change(now[key], before[key]),
                fmt(last_year[key]), change(now[key], last_year[key])]

    def deviation(k):
        return k["revenue"] - k["plan"] if k["plan"] > 0 else float("nan")

    rows = [
        row(T["plan"], "plan", plan_rub, signed_change),
        row(T["fact"], "revenue", fmt_rub, signed_change),
        row(T["pct"], "revenue_pct", fmt_percent, signed_points),
        [T["deviation"], fmt_rub(deviation(now)), fmt_rub(deviation(before)), "",
         fmt_rub(deviation(last_year)), ""],
        row(T["deals_won"], "deals_won", fmt_number, signed_change),
        row(T["avg_check"], "avg_check", fmt_rub, signed_change),
        row(T["margin_pct"], "margin_pct", fmt_percent, signed_points),
        row(T["leads"], "leads", fmt_number, signed_change),
    ]
    columns = [T["indicator"], d.month.label, prev.label, T["vs_month"], ago.label, T["vs_year"]]
    headline = (T["headline"].format(fact=fmt_rub(now["revenue"]), pct=fmt_percent(now["revenue_pct"]),
                                     plan=fmt_rub(now["plan"]))
                if plan_known else T["headline_no_plan"].format(fact=fmt_rub(now["revenue"])))
    return Slide(
        "numbers",
        DECK_TITLES["numbers"],
        bullets=[headline,
                 T["vs_month_line"].format(change=signed_change(now["revenue"], before["revenue"])),
                 T["vs_year_line"].format(change=signed_change(now["revenue"], last_year["revenue"])),
                 counts_line(d.control.counts(d.as_of, "monthly")[1].iloc[0]),
                 *nps_line(d)],
        table=Table(columns, rows, [False, True, True, True, True, True]),
    )


def counts_line(total: pd.Series) -> str:
    """The month's deals, leads, meetings, proposals, new and active clients against their plan,
    in one line (no plan: the fact alone)."""
    parts = []
    for m in MEASURES:
        measure, fact, plan = COUNTS["measures"][m], total[f"{m}_fact"], total[f"{m}_plan"]
        parts.append(COUNTS["deck_no_plan"].format(measure=measure, fact=fmt_number(fact))
                     if pd.isna(plan) or not plan else
                     COUNTS["deck_line"].format(measure=measure, fact=fmt_number(fact), plan=fmt_number(plan),
                                                pct=fmt_percent(fact * 100 / plan)))
    return "; ".join(parts) + "."


def nps_line(d: DeckData) -> list[str]:
    """The month's NPS and its number of answers, when the survey has any."""
    month = sat.nps_total(d.control.nps_answers(), d.start, d.end).iloc[0]
    if not month["answers"]:
        return []
    return [NPS["deck_line"].format(nps=fmt_number(month["nps"]), answers=count(month["answers"], "answer"))]


def managers_slide(d: DeckData) -> Slide:
    report = d.control.summary(d.as_of, "monthly")
    report = report[(report["plan_month"] > 0) | (report["fact"] > 0)].copy()
    if report.empty:
        return Slide("managers", DECK_TITLES["managers"], notice=_not_available(T["what_plan"]))
    report["pct"] = safe_ratio(report["fact"] * 100, report["plan_month"])
    report["name"] = [d.name(m) if m != UNASSIGNED else "—" for m in report["manager_id"]]
    report = report.sort_values(["pct", "fact"], ascending=False, na_position="last")
    rows = [
        [str(i), r.name, plan_rub(r.plan_month), fmt_rub(r.fact), fmt_percent(r.pct),
         fmt_rub(r.deviation if r.plan_month > 0 else None),
         fmt_percent(r.pace), fmt_rub(r.forecast)]
        for i, r in enumerate(report.itertuples(index=False), start=1)
    ]
    planned = report[report["plan_month"] > 0]
    bullets = []
    if len(planned):
        best = planned.iloc[0]
        bullets.append(T["leaders"].format(name=best["name"], pct=fmt_percent(best["pct"])))
        behind = planned[planned["pct"] < 100]["name"].tolist()
        bullets.append(T["behind"].format(names=", ".join(behind)) if behind else T["all_met"])
    if d.as_of < d.end:
        first = report.iloc[0]
        bullets.append(T["as_of"].format(date=d.as_of.strftime("%d.%m.%Y"),
                                         worked=fmt_number(first["days_worked"]),
                                         working=count(first["working_days"], "working_day_of")))
    columns = [T["rank"], T["manager"], T["plan"], T["fact"], T["pct"], T["deviation"], T["pace"],
               T["forecast"]]
    return Slide(
        "managers",
        DECK_TITLES["managers"],
        bullets=bullets,
        table=Table(columns, rows, [True, False, True, True, True, True, True, True]),
        image=figures.managers_chart(report["name"].tolist(), report["plan_month"].tolist(),
                                     report["fact"].tolist()),
    )


def cumulative_slide(d: DeckData) -> Slide:
    daily = d.control.cumulative(str(d.month))
    plan, fact = int(daily["plan"].iloc[-1]), int(daily["fact"].iloc[-1])
    if not plan and not fact:
        return Slide("cumulative", DECK_TITLES["cumulative"], notice=_not_available(T["what_plan"]))
    return Slide(
        "cumulative",
        DECK_TITLES["cumulative"],
        bullets=[T["cumulative_end"].format(fact=fmt_rub(fact), plan=fmt_rub(plan)) if plan
                 else T["cumulative_end_no_plan"].format(fact=fmt_rub(fact))],
        image=figures.cumulative_chart(daily.index, daily["plan"].tolist() if plan else None,
                                       daily["fact"].tolist()),
        notice="" if plan else _not_available(T["what_plan"]),
    )


def funnel_slide(d: DeckData) -> Slide:
    funnel = d.control.funnel(d.start, d.end)  # the deals created in the month
    if not len(funnel) or not funnel["reached"].iloc[0]:
        return Slide("funnel", DECK_TITLES["funnel"], notice=_not_available(T["what_deals"]))
    k = d.kpi_total(d.month)
    rows = [[r.stage, fmt_number(r.reached), fmt_percent(r.to_next), fmt_percent(r.from_first)]
            for r in funnel.itertuples(index=False)]
    return Slide(
        "funnel",
        DECK_TITLES["funnel"],
        bullets=[T["funnel_cohort"].format(n=fmt_number(funnel["reached"].iloc[0])),
                 T["funnel_rates"].format(leads=fmt_number(k["leads"]),
                                          conversion=fmt_percent(k["lead_to_deal"]),
                                          win_rate=fmt_percent(k["win_rate"]))],
        table=Table([T["stage"], T["reached"], T["to_next"], T["from_first"]], rows,
                    [False, True, True, True]),
        image=figures.funnel_chart(funnel["stage"].tolist(), funnel["reached"].tolist()),
    )


def check_slide(d: DeckData) -> Slide:
    months = (d.month - 11).through(d.month)
    totals = pd.DataFrame([d.kpi_total(m) for m in months])
    now = d.kpi(d.month)
    before = d.kpi(d.month.previous()).set_index("manager_id")["avg_check"]
    now = now[now["deals_won"] > 0].sort_values("won_amount", ascending=False)
    if now.empty:
        return Slide("check", DECK_TITLES["check"], notice=_not_available(T["what_deals"]))
    rows = [[d.name(r.manager_id), fmt_number(r.deals_won), fmt_rub(r.avg_check),
             signed_change(r.avg_check, before.get(r.manager_id, float("nan"))), fmt_percent(r.win_rate)]
            for r in now.itertuples(index=False)]
    k, k_prev = totals.iloc[-1], totals.iloc[-2]
    rows.append([DECK["total"], fmt_number(k["deals_won"]), fmt_rub(k["avg_check"]),
                 signed_change(k["avg_check"], k_prev["avg_check"]), fmt_percent(k["win_rate"])])
    return Slide(
        "check",
        DECK_TITLES["check"],
        bullets=[T["check_line"].format(check=fmt_rub(k["avg_check"]),
                                        change=signed_change(k["avg_check"], k_prev["avg_check"]),
                                        deals=fmt_number(k["deals_won"]))],
        table=Table([T["manager"], T["deals_won"], T["avg_check"], T["vs_month"], T["win_rate"]],
                    rows, [False, True, True, True, True]),
        image=figures.check_chart(months, totals["deals_won"].fillna(0).tolist(),
                                  totals["avg_check"].fillna(0).tolist()),
    )


def receivables_slide(d: DeckData) -> Slide:
    payments = d.control.frames.payments
    paid = payments[(payments["date"] >= pd.Timestamp(d.start)) & (payments["date"] <= pd.Timestamp(d.end))]
    debts = d.control.receivables(d.as_of)
    if paid.empty and debts.empty:
        return Slide("receivables", DECK_TITLES["receivables"],
                     notice=_not_available(T["what_receivables"]))
    by_bucket = debts.groupby("bucket", observed=False)["amount"].sum().reindex(BUCKETS, fill_value=0)
    overdue = int(by_bucket[OVERDUE].sum())
    clients = d.control.clients
    top = top_debtors(debts, TOP_DEBTORS)
    top = top[top["overdue"] > 0]
    rows = [[clients.get(r.client_id, r.client_id) or "—", d.name(r.manager_id), fmt_rub(r.overdue),
             fmt_number(r.max_days_overdue)] for r in top.itertuples(index=False)]
    shown = [b for b in BUCKETS if b != "no_due_date" or by_bucket[b] > 0]
    return Slide(
        "receivables",
        DECK_TITLES["receivables"],
        bullets=[T["received"].format(amount=fmt_rub(int(paid["amount"].sum()))),
                 T["owed"].format(date=d.as_of.strftime("%d.%m.%Y"),
                                  total=fmt_rub(int(by_bucket.sum())), overdue=fmt_rub(overdue),
                                  share=fmt_percent(overdue_share(debts)) if len(debts) else "—")],
        table=Table([T["client"], T["manager"], T["overdue"], T["max_days"]], rows,
                    [False, False, True, True]),
        image=figures.aging_chart([CONTROL_BUCKETS[b] for b in shown],
                                  [int(by_bucket[b]) for b in shown],
                                  [b in OVERDUE for b in shown]),
    )


def calls_slide(d: DeckData) -> Slide:
    first = (d.month - (TREND_MONTHS - 1)).start
    dept = d.control.frames.department or None
    headers = current_reviews(d.control.eng, first, d.end, dept)
    month_headers = headers[headers["call_date"] >= pd.Timestamp(d.start)]
    if month_headers.empty:
        return Slide("calls", DECK_TITLES["calls"], notice=_not_available(T["what_reviews"]))
    items = reviews_frame(d.control.eng, d.start, d.end, dept)
    weakest = weakest_criteria(items, n=WEAKEST, by=None)
    rows = [[r.criterion_text, r.section_title, fmt_percent(r.attainment)]
            for r in weakest.itertuples(index=False)]
    return Slide(
        "calls",
        DECK_TITLES["calls"],
        bullets=[T["reviewed"].format(n=fmt_number(month_headers["uid"].nunique()),
                                      score=fmt_number(month_headers["score"].mean(), 1)),
                 T["weakest"]],
        table=Table([T["criterion"], T["section"], T["attainment"]], rows, [False, False, True]),
        image=figures.calls_chart(score_trend(headers, "month")),
    )


def contests_slide(d: DeckData) -> Slide:
    """Each contest of the month's end: its rules, then its first places (``CONTEST_ROWS`` in all)."""
    results = d.control.contests(d.as_of)
    if not results:
        return Slide("contests", DECK_TITLES["contests"], notice=CONTESTS["none"])
    per_contest = max(1, CONTEST_ROWS // len(results))
    rows, bullets = [], []
    for result in results:
        bullets.append(show.contest_rules(result, d.control.names, markdown=False))
        table = show.contest_table(result, d.control.names).reset_index()
        rows += [[result.contest.title, *r] for r in table.head(per_contest).itertuples(index=False)]
        if len(table) > per_contest:
            bullets.append(T["contest_more"].format(n=len(table) - per_contest))
    return Slide(
        "contests",
        DECK_TITLES["contests"],
        bullets=bullets,
        table=Table([T["contest"], T["place"], T["manager"], T["value"], T["prize"]], rows,
                    [False, True, False, True, False]),
    )


def attestation_slide(d: DeckData) -> Slide:
    template = load_template()
    period = template.period_kind.ending_by(d.month.end)
    if period.end != d.month.end:  # the month closes no period: the one it is in comes next
        upcoming = template.period_kind.of(d.month.start)
        return Slide("attestation", DECK_TITLES["attestation"],
                     bullets=[T["attestation_none"].format(period=upcoming.label)])
    table = assessment.summary(assessment.build(d.control.eng, period, d.control.frames.department,
                                                template))
    if table.empty:
        return Slide("attestation", DECK_TITLES["attestation"],
                     notice=_not_available(T["attestation_period"].format(period=period.label)))
    rows = [[r.name, fmt_number(r.total, 1), r.decision_text]
            for r in table.sort_values("total", ascending=False).itertuples(index=False)]
    counts = table["decision_text"].value_counts()
    return Slide(
        "attestation",
        DECK_TITLES["attestation"],
        bullets=[T["attestation_period"].format(period=period.label),
                 *(T["decisions_count"].format(decision=k, n=v) for k, v in counts.items())],
        table=Table([T["manager"], T["score"], T["decision"]], rows, [False, True, False]),
    )


def cases_slide(d: DeckData) -> Slide:
    return Slide(
        "cases",
        DECK_TITLES["cases"],
        bullets=[T["cases_hint"]],
        table=Table([T["case"], T["what_worked"], T["lesson"]], [[""] * 3 for _ in range(CASE_ROWS)]),
        notice=DECK["to_fill"],
    )


def next_plan_slide(d: DeckData) -> Slide:
    month = d.month.next()
    title = DECK_TITLES["next_plan"].format(month=month.label)
    plan = d.control.plan_of_month(str(month))
    if plan.status == "none":
        return Slide("next_plan", title,
                     notice=_not_available(T["no_next_plan"].format(month=month.label)))
    amounts = pd.Series(plan_amounts(plan.lines), dtype="int64")
    norms = d.control.norms(str(month)).set_index("manager_id")
    order = sorted(amounts.index, key=lambda m: (-amounts[m], d.name(m)))
    rows = [
        [d.name(m), fmt_rub(amounts[m]),
         *(("—" if m not in norms.index else fmt_number(norms.loc[m, c], 0)) for c in NORMS)]
        for m in order
    ]
    rows.append([DECK["total"], fmt_rub(int(amounts.sum())), "", "", "", ""])
    return Slide(
        "next_plan",
        title,
        bullets=[T["next_total"].format(month=month.label, total=fmt_rub(int(amounts.sum())),
                                        source=plan_source(plan)),
                 T["norms_source"]],
        table=Table([T["manager"], T["plan"], *(T[c] for c in NORMS)], rows,
                    [False, True, True, True, True, True]),
    )


def shortened(text: str, limit: int = TASK_TEXT) -> str:
    """``text`` on one line of a slide: cut at a word to at most ``limit`` characters, with «…»."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def tasks_slide(d: DeckData) -> Slide:
    """The month's protocol items — open ones and those closed in the month — with how they stand
    on the day the deck is made (at most ``TASK_ROWS``, and how many more), then empty rows for
    the meeting's new tasks. Each bullet and each cell is one line: the slide cannot overflow."""
    follow = FollowUp.load(d.control.eng, d.control.frames.department, d.today, since=d.start,
                           held_before=d.end + timedelta(days=1))
    first = follow.frame.head(TASK_ROWS)
    table_rows = [[r.id, shortened(r.text), r.owner, r.deadline, STANDINGS[s]] for r, s in
                  zip(rows(first, follow.names).itertuples(index=False), first["standing"], strict=True)]
    bullets = [T["tasks_hint"]]
    if len(follow.frame):
        bullets.append(follow.lead())
    if len(follow.frame) > len(table_rows):
        bullets.append(T["tasks_more"].format(shown=len(table_rows), n=len(follow.frame) - len(table_rows)))
    return Slide(
        "tasks",
        DECK_TITLES["tasks"],
        bullets=bullets,
        table=Table([T["rank"], T["task"], T["owner"], T["deadline"], T["status"]],
                    table_rows + [[""] * 5 for _ in range(NEW_TASK_ROWS)],
                    [True, False, False, False, False]),
        notice=DECK["to_fill"],
    )


SLIDES: list[Callable[[DeckData], Slide]] = [
    title_slide, numbers_slide, managers_slide, cumulative_slide, funnel_slide, check_slide,
    receivables_slide, calls_slide, contests_slide, attestation_slide, cases_slide, next_plan_slide,
    tasks_slide,
]
SLIDE_KEYS = ["title", "numbers", "managers", "cumulative", "funnel", "check", "receivables",
              "calls", "contests", "attestation", "cases", "next_plan", "tasks"]


def build_deck(eng: Engine, month: str, department: str = "", today: date | None = None) -> list[Slide]:
    """Every slide of the meeting on ``month`` for ``department`` ("" = all), in order."""
    data = load(eng, month, department, today)
    return [make(data) for make in SLIDES]
