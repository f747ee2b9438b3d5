"""``salesplan check``: what is loaded, what each report can do with it, what to import next."""

from datetime import date
from typing import Annotated

import typer

from salesplan import labels, store
from salesplan.cli.app import DbOption, app, check_settings
from salesplan.inventory import IMPORTED, Capability, Inventory, inventory, load
from salesplan.money import fmt_number


def _day(iso: str | None) -> str:
    return f"{date.fromisoformat(iso):%d.%m.%Y}" if iso else "…"


def _span(first: str | None, last: str | None) -> str:
    return labels.INVENTORY["span"].format(first=_day(first), last=_day(last)) if first or last else ""


def _capabilities(items: list[Capability]) -> list[str]:
    """A line per item, its status beside its title and each reason below, indented."""
    width = max(len(c.title) for c in items)
    lines = []
    for c in items:
        lines.append(f"  {c.title:<{width}}  {labels.INVENTORY['status'][c.status]}")
        lines += [f"  {'':<{width}}    – {detail}" for detail in c.details]
    return lines


def render(found: Inventory) -> str:
    """The Russian text ``salesplan check`` prints."""
    s = labels.INVENTORY
    shown = s["department"].format(department=found.department) if found.department else s["all_departments"]
    lines = [s["title"].format(db=found.db, department=shown), "", s["loaded"]]
    width = max(len(labels.TABLES[t.table]) for t in found.tables)
    for t in found.tables:
        what = f"{fmt_number(t.rows):>9} {labels.plural(t.rows, 'row'):<6}" if t.rows else f"{s['empty']:>16}"
        lines.append(f"  {labels.TABLES[t.table]:<{width}}  {what}  {_span(t.first, t.last)}".rstrip())
    issues = found.issues
    notes = [
        s["managers_without_department"].format(n=issues.managers_without_department)
        if issues.managers_without_department else "",
        s["deals_without_amount"].format(n=issues.deals_without_amount, won=issues.won_deals_without_amount)
        if issues.deals_without_amount else "",
        s["payments_without_manager"].format(n=issues.payments_without_manager)
        if issues.payments_without_manager else "",
        s["auto_created"].format(
            managers=labels.count(len(issues.auto_created_managers), "manager"),
            names=", ".join(f"{m.name} ({m.id})" for m in issues.auto_created_managers))
        + "\n    " + s["auto_created_hint"] if issues.auto_created_managers else "",
    ]
    lines += ["", s["issues"], *([f"  {n}" for n in notes if n] or [s["no_issues"]])]
    lines += ["", s["reports"], *_capabilities(found.reports)]
    lines += ["", s["plan_methods"], *_capabilities(found.plan_methods)]
    lines += ["", s["next"]]
    width = max((len(n.command) for n in found.next_imports), default=0)
    lines += [f"  {n.command:<{width}}  — {s['unlocks'].format(what=n.unlocks)}"
              for n in found.next_imports] or [s["nothing_next"]]
    return "\n".join(lines)


@app.command()
def check(
    department: Annotated[str, typer.Option(help="Department id; all departments when omitted.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="The same as a JSON object.")] = False,
    db: DbOption = None,
) -> None:
    """What is loaded, what each report and the plan model can do with it, what to import next."""
    check_settings()
    from salesplan.runner import check_department
    from salesplan.settings import settings

    eng = store.engine(db)
    check_department(eng, department)
    profiles = settings().profiles
    formats = {t: [name for name, p in sorted(profiles.items()) if t in p.tables] for t in IMPORTED}
    found = inventory(load(eng), department, settings().control.fact_source, formats,
                      eng.url.render_as_string(hide_password=True))
    typer.echo(found.model_dump_json(indent=2) if as_json else render(found))
