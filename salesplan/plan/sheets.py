"""Per-manager printable plan sheets (A4, Russian): the month's plan by week, activity norms and
the planned new and active clients (a plan approved before they were planned: «нет плана»), the
rationale, and signature and date lines for the manager and the head of sales."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from salesplan import labels
from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.filenames import inside, stem
from salesplan.money import fmt_number, fmt_rub
from salesplan.periods import Month, Week, keys
from salesplan.plan.scenarios import StoredPlan
from salesplan.printing import html_to_pdf, render

TEXT = labels.PLAN_SHEET
COL = labels.PLAN_COLUMNS


def _week_rows(lines: pd.DataFrame, calendar: ProductionCalendar) -> list[dict]:
    """Each ISO week of the manager's lines: its dates in the month, working days, amount."""
    rows = []
    for week, part in lines.groupby(keys(lines["date"], Week).to_numpy()):
        days = pd.to_datetime(part["date"])
        first, last = days.min().date(), days.max().date()
        rows.append({
            "week": week,
            "dates": f"{first:%d.%m}–{last:%d.%m}",
            "days": calendar.working_days_between(first, last),
            "amount": fmt_rub(int(part["amount"].sum())),
        })
    return rows


def _norm_rows(norm: pd.Series, working_days: int) -> list[dict]:
    week = 5 / max(working_days, 1)

    def num(value, digits=1):
        return fmt_number(float(value), digits)

    return [
        {"label": COL["deals"], "month": num(norm.deals, 0), "week": num(norm.deals * week), "day": "—"},
        {"label": COL["leads"], "month": num(norm.leads, 0), "week": num(norm.leads * week), "day": "—"},
        {"label": COL["proposals"], "month": num(norm.proposals, 0),
         "week": num(norm.proposals_per_week), "day": "—"},
        {"label": COL["meetings"], "month": num(norm.meetings, 0),
         "week": num(norm.meetings_per_week), "day": "—"},
        {"label": COL["calls"], "month": num(norm.calls, 0),
         "week": num(norm.calls_per_day * 5), "day": num(norm.calls_per_day)},
        {"label": labels.PLAN_COLUMNS["minutes_per_day"], "month": "—", "week": "—",
         "day": num(norm.minutes_per_day, 0)},
    ]


def _clients(norm: pd.Series) -> str:
    """The planned new and active clients in one line; «нет плана» in a plan made before them."""
    if pd.isna(norm.new_clients) or pd.isna(norm.active_clients):
        return TEXT["not_planned"]
    return TEXT["clients_line"].format(new=fmt_number(norm.new_clients),
                                       active=fmt_number(norm.active_clients))


def sheet_html(
    plan: StoredPlan,
    roster: pd.DataFrame,
    manager_id: str,
    department_name: str,
    calendar: ProductionCalendar | None = None,
) -> str:
    """The plan sheet of one manager as an HTML page (every value escaped)."""
    calendar = calendar or default_calendar()
    person = roster.set_index("id").loc[manager_id]
    lines = plan.lines[plan.lines["manager_id"] == manager_id]
    month = Month.parse(plan.month)
    norms = plan.norms.set_index("manager_id")
    mix = plan.mix[plan.mix["manager_id"] == manager_id]
    return render(
        "plan_sheet.html.j2",
        title=TEXT["title"].format(month=month.label),
        text=TEXT,
        manager=person["name"],
        role=labels.ROLES.get(person["role"], person["role"]),
        department=department_name,
        month_plan=fmt_rub(int(lines["amount"].sum())),
        week_header=[COL["week"], COL["dates"], COL["working_days"], COL["plan"]],
        weeks=_week_rows(lines, calendar),
        norms=_norm_rows(norms.loc[manager_id], month.working_days(calendar))
        if manager_id in norms.index
        else [],
        clients=_clients(norms.loc[manager_id]) if manager_id in norms.index else "",
        mix=[
            {"dimension": labels.PLAN_DIMENSIONS.get(r.dimension, r.dimension),
             "key": r.key or labels.PLAN_DIMENSIONS[""], "amount": fmt_rub(r.amount)}
            for r in mix.itertuples(index=False)
        ],
        rationale=[p for p in (plan.explanation, plan.notes.get(manager_id, "")) if p],
        signers=[TEXT["signature_manager"], TEXT["signature_head"]],
        footer=TEXT["version"].format(
            version=plan.version, created=f"{plan.created_at:%d.%m.%Y}", author=plan.author
        ),
    )


def write_sheets(
    plan: StoredPlan,
    roster: pd.DataFrame,
    out_dir: Path,
    department_name: str,
    pdf: bool = False,
) -> list[Path]:
    """One HTML sheet per manager of ``plan`` in ``out_dir`` (``plan_<month>_<id>.html``), and
    the PDFs beside them when ``pdf``. Returns the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = []
    for manager_id in plan.managers.index:
        html = inside(out_dir, stem("plan", plan.month, manager_id), suffix=".html")
        html.write_text(sheet_html(plan, roster, manager_id, department_name), encoding="utf-8")
        pages.append(html)
    if not pdf:
        return pages
    return pages + html_to_pdf([(p, p.with_suffix(".pdf")) for p in pages])
