"""The control tables for a reader: Russian headings, money as ``1 234 567 ₽``, percentages
as ``87,5 %``, managers by name.

Each column is formatted by its kind (money in kopecks, percent, count, minutes, date, label);
a column of unknown kind is shown as it is. A table whose plan is 0 in every row has no plan:
its plan columns read «нет плана» and what is computed from the plan «—».
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import Markdown

from salesplan import labels
from salesplan.charts import decimals
from salesplan.control.clients import MONTHS, ClientTable, accounts
from salesplan.control.contests import ContestResult
from salesplan.control.counts import MEASURES
from salesplan.control.frames import UNASSIGNED
from salesplan.control.receivables import BUCKETS, OVERDUE, overdue_share
from salesplan.control.reconcile import CHANGES
from salesplan.money import fmt_number, fmt_percent, fmt_rub
from salesplan.periods import Month

MONEY = {
    "plan_month", "plan_to_week_end", "fact", "remainder_to_week_end", "plan_to_date",
    "deviation", "forecast", "needed_daily_rate", "plan", "revenue", "won_amount", "avg_check",
    "margin", "margin_base", "amount", "weighted", "annual_turnover", "mean", "low", "high",
    "total", "overdue", "now", "previous", "key_revenue", "spend", "cost_per_lead", *BUCKETS,
    "promised", "promised_weighted", "planned_amount", "new_amount", "money", *CHANGES,
}
PERCENT = {
    "pace", "forecast_pct", "pct", "revenue_pct", "win_rate", "lead_to_deal", "margin_pct",
    "to_next", "from_first", "observed", "assumed", "calls_pct", "minutes_pct", "meetings_pct",
    "proposals_pct", "p_met", "coverage", "overdue_share", "cv", "roi",
}
# 0…1, shown as percent with these decimals
FRACTION = {"probability": 0, "share": 1, "profit_share": 1, "growth": 1, "key_growth": 1}
DECIMAL = {"minutes", "calls_norm", "minutes_norm", "meetings_norm", "proposals_norm",
           "calls_per_day", "minutes_per_day", "meetings_per_week", "proposals_per_week",
           "avg_interval"}
DATES = {"expected_date", "date", "last_purchase", "planned_date", "new_date"}
VALUES = {"kind", "source", "channel"}
LABELLED = {"change": labels.PAYPLAN_CHANGES}  # columns of codes, each shown as its label
TITLES = {**labels.CONTROL_COLUMNS, **labels.PAYPLAN_BRIEF_COLUMNS, **labels.CONTROL_BUCKETS}
PLAN = {"plan_month", "plan_to_week_end", "plan_to_date", "plan"}
FROM_PLAN = {"deviation", "pace", "forecast_pct", "needed_daily_rate", "remainder_to_week_end", "pct",
             "revenue_pct", "p_met", "coverage"}
KEYS = ("manager_id", "department_id", "stage", "client_id")


def _format(column: str, values: pd.Series) -> pd.Series:
    if column in MONEY or ":" in column:  # checkpoint columns ("12:00") hold money
        return values.map(fmt_rub)
    if column in PERCENT:
        return values.map(lambda v: fmt_percent(v, 1))
    if column in FRACTION:
        return values.map(lambda v: fmt_percent(None if pd.isna(v) else v * 100, FRACTION[column]))
    if column in DECIMAL:
        return values.map(lambda v: fmt_number(v, decimals(v, 1)))
    if column in DATES:
        return pd.to_datetime(values).dt.strftime("%d.%m.%Y").fillna("—")
    if column in VALUES:
        return values.map(lambda v: labels.CONTROL_VALUES.get(v, v), na_action="ignore").fillna("—")
    if column in LABELLED:
        return values.map(LABELLED[column], na_action="ignore").fillna("—")
    if pd.api.types.infer_dtype(values, skipna=True) == "boolean":  # flags: "да" or blank
        return values.map(labels.CONTROL_VALUES, na_action="ignore").fillna("")
    if pd.api.types.is_numeric_dtype(values):
        return values.map(fmt_number)
    return values.fillna("—")


def manager_label(names: dict[str, str]):
    """manager_id → the name a reader sees ("Без менеджера" for unassigned, else the id)."""
    return lambda mid: (labels.CONTROL["unassigned"] if mid == UNASSIGNED
                        else names.get(mid, mid))


def table(
    frame: pd.DataFrame,
    names: dict[str, str] | None = None,
    departments: dict[str, str] | None = None,
    clients: dict[str, str] | None = None,
    total: pd.DataFrame | None = None,
    columns: list[str] | None = None,
    key: str | None = None,
) -> pd.DataFrame:
    """``frame`` for a reader: its key column (manager, department, stage or client) as the
    index, names instead of ids, the other columns formatted and titled in Russian.

    ``total`` (one row of the same columns, no key) is appended as «Итого»; ``columns``
    chooses and orders the columns shown; ``key`` names the index column when it is not the
    first of ``KEYS`` in the frame.
    """
    key = key or next((k for k in KEYS if k in frame.columns), None)
    if total is not None and key is not None:
        frame = pd.concat([frame, total.assign(**{key: None})], ignore_index=True)
    shown = frame[[key, *(columns or [c for c in frame.columns if c != key])]] if key else frame
    no_plan = has_no_plan(frame)
    out = pd.DataFrame(index=shown.index)
    for column in shown.columns:
        values = shown[column]
        if no_plan and column in PLAN | FROM_PLAN:
            values = pd.Series(labels.CONTROL["no_plan_cell"] if column in PLAN else "—", index=values.index)
        elif column == "manager_id":
            values = values.map(manager_label(names or {}), na_action="ignore")
        elif column == "department_id":
            values = values.map(lambda d: (departments or {}).get(d, d) or
                                labels.CONTROL["unassigned"], na_action="ignore")
        elif column == "client_id":
            values = values.map(lambda c: (clients or {}).get(c, c) or "—", na_action="ignore")
        else:
            values = _format(column, values)
        out[TITLES.get(column, column)] = values
    if key:
        index = out.columns[0]
        out[index] = out[index].fillna(labels.CONTROL["total"])
        out = out.set_index(index)
    return out


def has_no_plan(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` has plan columns, each 0 or missing in every row."""
    plan = frame[[c for c in frame.columns if c in PLAN]]
    return len(plan.columns) > 0 and len(frame) > 0 and bool((plan.fillna(0) == 0).all(axis=None))


def or_note(shown, note: str = "", empty: str = ""):
    """The table ``shown``, or instead a sentence as Markdown: ``note`` (why the section has no
    data, e.g. ``Control.missing``) when given, else ``empty`` («Нет данных.» by default) when the
    table has no rows."""
    if note or not len(shown):
        return Markdown(html.escape(note or empty or labels.CONTROL["nothing"]))
    return shown


def all_missing(*notes: str) -> str:
    """The ``notes`` joined when every one says something is missing, else "": a section that
    any of several tables fills."""
    return " ".join(notes) if all(notes) else ""


def money(kopecks) -> str:
    """One amount for a sentence: ``1 234 567 ₽``."""
    return fmt_rub(kopecks)


def percent(value) -> str:
    """One percentage for a sentence: ``87,5 %``."""
    return fmt_percent(value, 1)


def period_text(start, end) -> str:
    """``26.10–01.11.2026``, or one date when the period is a day."""
    if start == end:
        return end.strftime("%d.%m.%Y")
    return f"{start.strftime('%d.%m')}–{end.strftime('%d.%m.%Y')}"


def plan_note(status: str, month: str, name: str = "") -> str:
    """What a reader should know about the month's plan: nothing when it is approved."""
    if status == "approved":
        return ""
    if status == "scenario":
        return labels.CONTROL["draft_plan"].format(month=Month.parse(month).label, name=name)
    return f"{labels.CONTROL['no_plan'].format(month=Month.parse(month).label)} {plan_missing(status)}"


def plan_missing(status: str) -> str:
    """What a section that needs the month's plan says when there is none ("" when there is)."""
    return labels.CONTROL_MISSING["plan"] if status == "none" else ""


def month_lead(total: pd.DataFrame, department: str) -> str:
    """One sentence on the month: plan, fact, % and deviation (a ``level="total"`` summary);
    without a plan, the fact alone."""
    row = total.iloc[0]
    key = "month_lead" if row["plan_month"] else "month_lead_no_plan"
    return labels.CONTROL[key].format(
        department=department, days=int(row["working_days"]), plan=money(row["plan_month"]),
        fact=money(row["fact"]), pct=percent(row["pace"]),
        deviation=money(row["fact"] - row["plan_month"]))


def receivables_lead(debts: pd.DataFrame) -> str:
    """One sentence on the receivables: the total, the overdue part and its share."""
    overdue = debts["amount"][debts["bucket"].isin(OVERDUE)].sum()
    return labels.CONTROL["receivables_lead"].format(
        total=money(debts["amount"].sum()), overdue=money(overdue),
        share=percent(overdue_share(debts)))


def roi_line(result: tuple[float, float, int] | None) -> str:
    """The ROI sentence of ``Control.roi``, or why there is none."""
    if result is None:
        return labels.CONTROL["no_roi"]
    value, margin, spend = result
    return labels.CONTROL["roi"].format(roi=percent(value), margin=money(margin), spend=money(spend))


def forecast_title(simulations: int, interval: float) -> str:
    """The heading of the Monte Carlo section, with its number of runs and interval."""
    return labels.CONTROL["forecast"].format(runs=labels.count(simulations, "run"), interval=f"{interval:g}")


def hygiene_lead(limit: int, stale_days: int) -> str:
    """The lead of the CRM hygiene section: the open-deal limit and when a deal is stale."""
    return labels.CONTROL["hygiene_lead"].format(limit=limit, days=labels.count(stale_days, "day"))


def contest_rules(result: ContestResult, names: dict[str, str], markdown: bool = True) -> str:
    """The contest's rules and where it stands, in one paragraph: Markdown (the title bold, the
    texts escaped) for a page, plain text for a slide."""
    text, c = labels.CONTESTS, result.contest
    quote = html.escape if markdown else str
    state = text[result.state].format(date=(result.counted_to or result.start).strftime("%d.%m.%Y"))
    if c.managers:
        who = ", ".join(names.get(m, m) for m in c.managers)
    elif c.roles:
        who = ", ".join(labels.ROLES.get(r, r) for r in c.roles)
    else:
        who = text["everyone"] if c.department else text["everyone_all"]
    prizes = "; ".join(text["prize"].format(place=i, prize=p) for i, p in enumerate(c.prizes, 1))
    line = text["rules"].format(
        title=f"**{quote(c.title)}**" if markdown else c.title,
        metric=labels.CONTROL_COLUMNS[c.metric],
        period=c.span_at(result.counted_to or result.start).label, state=state, who=quote(who),
        prizes=text["prizes"].format(prizes=quote(prizes)) if prizes else text["no_prizes"])
    if c.threshold is not None:
        value = _format(c.metric, pd.Series([c.threshold])).iloc[0]
        line += text["qualify_lower" if c.lower_is_better else "qualify"].format(value=value)
    return line + (text["lower"] if c.lower_is_better else "")


def contest_table(result: ContestResult, names: dict[str, str]) -> pd.DataFrame:
    """The standings for a reader: place, manager, the value formatted by its metric, prize."""
    t = result.table
    return pd.DataFrame({
        "place": t["place"].map(lambda p: "—" if pd.isna(p) else str(p)),
        "manager_id": t["manager_id"].map(manager_label(names)),
        "value": _format(result.contest.metric, t["value"]).fillna("—"),
        "prize": t["prize"],
    }).rename(columns=labels.CONTESTS["columns"]).set_index(labels.CONTESTS["columns"]["place"])


def contests(results: list[ContestResult], names: dict[str, str]) -> list:
    """What a page shows of its contests: each one's rules and standings, or why there are none."""
    if not results:
        return [Markdown(labels.CONTESTS["none"])]
    shown = []
    for result in results:
        shown.append(Markdown(contest_rules(result, names)))
        table = contest_table(result, names)
        shown.append(table if len(table) else Markdown(labels.CONTESTS["nobody"]))
    return shown


CLIENT_ROWS = 50  # clients listed on the page (the command's JSON has them all)
CLIENT_COLUMNS = ["manager_id", "revenue", "share", "abc", "xyz", "purchases", "avg_interval",
                  "last_purchase", "churn", "growth", "key"]


def clients_page(found: ClientTable, params, names: dict[str, str],
                 client_names: dict[str, str]) -> list:
    """The client page's parts: the lead, the ABC × XYZ counts, the clients, those at risk."""
    text, t = labels.CLIENTS, found.table
    if not found.total:
        return [Markdown(text["none"].format(month=found.month.label))]
    buyers = t[t["revenue"] > 0]
    lead = text["lead"].format(
        first=(found.month - (MONTHS - 1)).label_genitive, month=found.month.label,
        total=money(found.total), n=labels.count(len(buyers), "client_of"),
        a=fmt_number(params.abc[0]), b=fmt_number(params.abc[1]),
        x=fmt_number(params.xyz[0]), y=fmt_number(params.xyz[1]),
        key=fmt_number(params.key_share), basis=text["basis"][found.basis])
    shown = [Markdown(lead)]
    if found.unassigned_purchases:
        shown.append(Markdown(text["unassigned"].format(
            n=labels.count(found.unassigned_purchases, "purchase"), amount=money(found.unassigned_revenue))))
    shown += [Markdown(text["accounts"]),
              Markdown(text["accounts_lead"].format(active=labels.count(params.active_months, "month"),
                                                    month=found.month.label_prepositional)),
              table(accounts(found, params), names)]
    counts = pd.crosstab(buyers["abc"], buyers["xyz"], margins=True, margins_name=labels.CONTROL["total"])
    shown += [Markdown(text["classes"]), counts.rename_axis(index="ABC", columns="XYZ"),
              Markdown(text["table"]),
              table(t.head(CLIENT_ROWS), names, clients=client_names, columns=CLIENT_COLUMNS,
                    key="client_id")]
    if len(t) > CLIENT_ROWS:
        shown.append(Markdown(text["more"].format(n=labels.count(len(t) - CLIENT_ROWS, "client_of"),
                                                  month=found.month)))
    at_risk = t[t["churn"]].sort_values(["revenue", "previous"], ascending=False)
    shown.append(Markdown(text["churn"]))
    shown.append(table(at_risk.head(CLIENT_ROWS), names, clients=client_names,
                       columns=["manager_id", "revenue", "previous", "last_purchase", "days_since",
                                "avg_interval"], key="client_id")
                 if len(at_risk) else Markdown(text["churn_none"]))
    return shown


def counts_table(table: pd.DataFrame, total: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Per manager and «Итого»: each measure as «fact из plan» and its pace."""
    text = labels.COUNTS
    rows = pd.concat([table, total.set_axis([labels.CONTROL["total"]])])
    out = pd.DataFrame(index=[manager_label(names)(m) if m in table.index else m for m in rows.index])
    out.index.name = labels.CONTROL_COLUMNS["manager_id"]
    for m in MEASURES:
        measure = text["measures"][m]
        out[text["done"].format(measure=measure)] = [
            (text["no_plan"] if pd.isna(p) else text["of_plan"]).format(
                fact=fmt_number(f), plan="" if pd.isna(p) else fmt_number(p))
            for f, p in zip(rows[f"{m}_fact"], rows[f"{m}_plan"], strict=True)]
        out[text["pace"].format(measure=measure)] = rows[f"{m}_pace"].map(percent).to_numpy()
    return out
