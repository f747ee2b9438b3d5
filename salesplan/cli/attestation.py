"""``salesplan attestation …``: test results in, sheets out, attestations finalised.

The scheduled batch is ``salesplan run attestation --period YYYY-Qn``; these commands are the
head's own steps around it.
"""

from pathlib import Path
from typing import Annotated

import typer

from salesplan import labels, store
from salesplan.cli.app import DbOption, app, check_settings

attestation_app = typer.Typer(help="Attestation: test results, sheets, finalising.", no_args_is_help=True)
app.add_typer(attestation_app, name="attestation")

L = labels.ATTESTATION_CLI
PeriodOption = Annotated[str, typer.Option("--period", help="Quarter YYYY-Qn or half-year YYYY-Hn.")]


@attestation_app.command("import-tests")
def import_tests(
    file: Annotated[Path, typer.Argument(help="CSV of a test system: manager, topic, score, max, date.")],
    period: Annotated[str | None, typer.Option(help="Period of every row (default: from each date).")] = None,
    db: DbOption = None,
) -> None:
    """Import knowledge-test results in one transaction: all rows, or none if any row is bad."""
    check_settings()
    from salesplan.attestation.inputs import import_test_csv
    from salesplan.attestation.template import load_template, parse_period

    rows = import_test_csv(store.engine(db), file, load_template(), parse_period(period) if period else None)
    typer.echo(L["imported"].format(file=file, rows=rows))


@attestation_app.command("sheets")
def sheets(
    period: PeriodOption,
    out: Annotated[Path, typer.Option(help="Folder for the sheets (an attestation/ folder inside).")] = Path(
        "reports/attestation"),
    department: Annotated[str, typer.Option(help="Department id; all departments when omitted.")] = "",
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also print PDFs (system Chromium).")] = True,
    db: DbOption = None,
) -> None:
    """Every attested manager's sheet and the department's summary, as HTML and PDF."""
    check_settings()
    from salesplan.attestation import parse_period, write_pack

    pack = write_pack(store.engine(db), parse_period(period), out, department, pdf=pdf)
    typer.echo(L["written"].format(n=len(pack.sheets), folder=pack.summary_html.parent))
    typer.echo(f"  {pack.summary_html}")


@attestation_app.command("finalise")
def finalise(
    period: PeriodOption,
    by: Annotated[str, typer.Option("--by", help="Who finalises (the commission's chair).")],
    manager: Annotated[list[str], typer.Option("--manager", help="Manager id; repeat for several.")],
    db: DbOption = None,
) -> None:
    """Put the managers' current sheets on record; a finalised sheet never changes again."""
    check_settings()
    from salesplan.attestation import finalise as put_on_record
    from salesplan.attestation import parse_period

    for payload in put_on_record(store.engine(db), parse_period(period), manager, by):
        typer.echo(L["finalised"].format(name=payload["manager"]["name"], period=period,
                                         decision=payload["decision_text"]))


@attestation_app.command("history")
def history(
    manager: Annotated[str | None, typer.Option(help="One manager's id; everyone when omitted.")] = None,
    db: DbOption = None,
) -> None:
    """Finalised attestations, oldest first."""
    from salesplan.attestation.records import history as records
    from salesplan.money import fmt_number

    done = records(store.engine(db), manager)
    if done.empty:
        typer.echo(L["no_history"])
    for r in done.itertuples(index=False):
        total = fmt_number(r.total, 1)
        decision = labels.ATTESTATION_DECISIONS.get(r.decision, r.decision)
        typer.echo(f"{r.period}  {r.manager_id:<8} {total:>5}  {decision}  ({r.finalised_by}, "
                   f"{r.finalised_at:%d.%m.%Y})")
