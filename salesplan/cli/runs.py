"""``salesplan run`` (a scheduled run of report notebooks) and ``salesplan demo``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from salesplan import clock, labels
from salesplan.cli.app import DbOption, app, check_settings

if TYPE_CHECKING:
    from salesplan.runner import Manifest

JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", help="Notebooks run at once (default: the CPU cores).", show_default=False),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", help="Pack folder (default: reports/<month>/, reports/daily/<date>/, …).",
                 show_default=False),
]


def _report(manifest: Manifest) -> None:
    """Where the pack is, each page and its status, the team and personal folders; exit code 1
    when a notebook failed or the folders could not be made."""
    pack = Path(manifest.pack)
    typer.echo(labels.RUNNER["pack"].format(pack=pack / "index.html"))
    for output in manifest.outputs:
        if output.error:
            typer.echo("  " + labels.RUNNER["failed"].format(notebook=pack / output.html, error=output.error))
        else:
            typer.echo(f"  {pack / output.html}")
    ok = len(manifest.outputs) - len(manifest.failed)
    typer.echo(labels.RUNNER["summary"].format(ok=ok, total=len(manifest.outputs),
                                               manifest=pack / "manifest.json"))
    papers = manifest.papers
    if papers and papers.error:
        typer.echo(labels.PAPERS["papers_failed"].format(error=papers.error))
    elif papers:
        if papers.team:
            typer.echo(labels.RUNNER["team"].format(index=pack / "team" / "index.html"))
        typer.echo(labels.RUNNER["personal"].format(n=len(papers.personal), folder=pack / "personal"))
    if manifest.failed or (papers and papers.error):
        raise typer.Exit(1)


@app.command()
def run(
    report: Annotated[str, typer.Argument(help="monthly, daily, weekly or attestation.")],
    month: Annotated[str | None, typer.Option(
        help="Month YYYY-MM (monthly; default: the last complete month).")] = None,
    date: Annotated[str | None, typer.Option(help="Date YYYY-MM-DD (daily; default: today).")] = None,
    week: Annotated[str | None, typer.Option(
        help="ISO week YYYY-Www (weekly; default: the last complete week).")] = None,
    period: Annotated[str | None, typer.Option(
        help="YYYY-Qn or YYYY-Hn (attestation; default: the last complete quarter).")] = None,
    department: Annotated[str, typer.Option(help="Department id; all departments when omitted.")] = "",
    out: OutOption = None,
    jobs: JobsOption = None,
    db: DbOption = None,
) -> None:
    """Execute the report's notebooks (params/reports.yaml) into a pack of HTML pages.

    The daily run for today first records the payment checkpoint just passed (params/control.yaml).
    """
    check_settings()
    from salesplan.runner import run_report  # papermill and nbconvert load only for a run

    given = {"month": month, "date": date, "week": week, "period": period}
    manifest = run_report(report, {k: v for k, v in given.items() if v}, out_dir=out, jobs=jobs,
                          db_url=db, department=department)
    _report(manifest)


@app.command()
def checkpoint(
    department: Annotated[str, typer.Option(help="Department id; all departments when omitted.")] = "",
    db: DbOption = None,
) -> None:
    """Record today's payment fact at the checkpoint just passed, as the daily run does."""
    check_settings()
    from salesplan import store
    from salesplan.control.report import Control
    from salesplan.runner import check_department

    eng = store.engine(db)
    check_department(eng, department)
    control = Control.load(eng, department)
    day = f"{clock.today():%d.%m.%Y}"
    passed = control.record_checkpoint()
    if passed is None:
        first = control.params.checkpoints[0]  # sorted, at least one
        typer.echo(labels.CONTROL_CLI["checkpoint_none"].format(day=day, first=f"{first:%H:%M}"))
    else:
        typer.echo(labels.CONTROL_CLI["checkpoint"].format(
            day=day, checkpoint=f"{passed:%H:%M}",
            managers=labels.count(len(control.frames.managers), "manager")))


@app.command()
def demo(
    out: OutOption = None,
    jobs: JobsOption = None,
    db: Annotated[str | None, typer.Option(
        "--db", help="An empty database to build it in (default: data/demo.db, made afresh).",
        show_default=False)] = None,
    holding: Annotated[bool, typer.Option(
        "--holding", help="A holding instead: many departments, years of deals and calls "
        "(data/holding.db, no plans, reviews or pay).")] = False,
    scale: Annotated[float, typer.Option(
        help="The holding's size: multiplies departments and managers.")] = 1.0,
    departments: Annotated[int, typer.Option(help="The holding's departments at scale 1.")] = 20,
    managers: Annotated[int, typer.Option(help="The holding's managers at scale 1.")] = 400,
    years: Annotated[int, typer.Option(help="Years of the holding's history.")] = 3,
) -> None:
    """Build the demo department (data/demo.db), or with --holding a holding-sized company
    (data/holding.db), and run the monthly reports on it."""
    from sqlalchemy.engine import make_url

    check_settings()
    from salesplan.demo.build import build, build_holding, demo_db_path, holding_db_path
    from salesplan.demo.holding import Holding
    from salesplan.runner import run_report

    default = holding_db_path() if holding else demo_db_path()
    shown = make_url(db).render_as_string(hide_password=True) if db else default
    typer.echo(labels.RUNNER["demo_building"].format(db=shown))
    if holding:
        made = build_holding(Holding(departments, managers, years, scale), db_url=db)
    else:
        made = build(db_url=db)
    exports = next(iter(made.files.values())).parent
    typer.echo(labels.RUNNER["demo_data"].format(db=shown, exports=exports))
    manifest = run_report("monthly", {"month": made.end_month}, out_dir=out, jobs=jobs, db_url=made.db_url)
    typer.echo(labels.RUNNER["demo_open"].format(html=Path(manifest.pack) / "index.html"))
    try:
        _report(manifest)
    finally:
        typer.echo(labels.RUNNER["demo_next"])
