"""Ids and names from imported files that look like paths or formulas, through every writer.

A manager is imported (``salesplan import managers``) with the id ``../../../../../../tmp/ESCAPED``
and the name ``=HYPERLINK(…)``, in a department with a path-like id; a client named ``@SUM(1,2)``;
rejected rows hold ``=1+2`` and ``@SUM(1,2)``. The manager gets a deal, a plan and a review;
then the pay statements, the attestation run, the plan export, the reviews export, the deck and
the monthly pack are written. Nothing lands outside the output folder, the files carry safe
names, and every workbook and CSV holds those texts as text.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from attestation_demo import seeded, writable
from openpyxl import load_workbook
from sqlalchemy import insert

from salesplan import store
from salesplan.cells import TRIGGERS, is_number
from salesplan.filenames import safe_name
from salesplan.plan_of_record import save_plan
from salesplan.reviews import repository as repo
from salesplan.reviews.templates import load_templates

pytestmark = [pytest.mark.browser, pytest.mark.notebook]

ID = "../../../../../../tmp/ESCAPED"
DEPARTMENT = "../../../../../../tmp/ESCAPED-dept"
NAME = '=HYPERLINK("http://example.invalid/x")'
CLIENT = "@SUM(1,2)"
REJECTED = "=1+2"
HOSTILE = (NAME, CLIENT, REJECTED)
MONTH, PERIOD, PLAN_MONTH = "2026-10", "2026-Q3", "2026-11"


def salesplan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([Path(sys.executable).parent / "salesplan", *args],
                          capture_output=True, text=True, timeout=900)


def escaped(base: Path, out: Path) -> set[Path]:
    """Every file or folder named like the ids, outside ``out``: under the tests' folder, in
    ``/tmp`` (and ``/tmp/tmp``, where the ids lead from deep folders) and at the root."""
    found = {p for p in base.rglob("*ESCAPED*") if out not in p.parents}
    for folder in (Path("/"), Path("/tmp"), Path("/tmp/tmp")):
        found |= set(folder.glob("*ESCAPED*"))
    return found


def foreign_csv(path: Path, rows: list[list[str]]) -> Path:
    """A CSV as another system writes it: ``;``, quoted where needed, no escaping."""
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(path, sep=";", index=False)
    return path


def give_him_work(url: str) -> None:
    """A deal with the client, a plan for the next month and a review, for the manager."""
    eng = store.engine(url)
    with store.transaction(eng) as conn:
        conn.execute(insert(store.deals), [{
            "id": "hostile-d1", "manager_id": ID, "client_id": "K900", "amount": 100_000_00,
            "margin": None, "created": date(2026, 9, 1), "closed": date(2026, 10, 5),
            "outcome": "won"}])
    lines = pd.DataFrame({"manager_id": [ID, ID], "date": [date(2026, 11, 2), date(2026, 11, 3)],
                          "amount": [500_000_00, 700_000_00]})
    save_plan(eng, PLAN_MONTH, DEPARTMENT, lines, NAME, REJECTED, {}, status="approved")
    cold = load_templates()["cold_call"]
    repo.save_reviews(eng, [repo.ReviewInput(
        template_id="cold_call", manager_id=ID, reviewer=NAME, call_id="hostile-c1",
        call_date=date(2026, 10, 6), answers={c.id: c.max_points for c in cold.criteria.values()},
        comment=REJECTED, section_comments={"needs": CLIENT})])


@pytest.fixture(scope="module")
def run(demo_db, demo_month, tmp_path_factory) -> Path:
    """The output folder after every writer ran; asserts nothing escaped it."""
    base = tmp_path_factory.getbasetemp()
    folder = tmp_path_factory.mktemp("hostile")
    out = folder / "out"
    before = escaped(base, out)
    url = writable(seeded(demo_db, folder, demo_month), folder)
    db = ("--db", url)
    rejects = ("--rejects", str(out / "rejects"))
    departments = foreign_csv(folder / "departments.csv", [["id", "name"], [DEPARTMENT, "Отдел"]])
    roster = foreign_csv(folder / "roster.csv", [
        ["id", "name", "department_id", "role", "hire_date", "leave_date"],
        [ID, NAME, DEPARTMENT, "hunter", "01.01.2025", ""],
        ["m99", REJECTED, "sales", "boss", "01.01.2025", ""],
    ])
    clients = foreign_csv(folder / "clients.csv", [
        ["id", "name", "inn"], ["K900", CLIENT, ""], ["K901", CLIENT, "12345"]])
    assert salesplan("import", "departments", str(departments), *rejects, *db).returncode == 0
    assert salesplan("import", "managers", str(roster), *rejects, *db).returncode == 3
    assert salesplan("import", "clients", str(clients), *rejects, *db).returncode == 3
    give_him_work(url)
    commands = [
        ("pay", "statements", "--month", MONTH, "--department", DEPARTMENT, "--out", str(out / "pay")),
        ("deck", "--month", MONTH, "--department", DEPARTMENT, "--out", str(out / "deck")),
        ("plan", "export", "--month", PLAN_MONTH, "--department", DEPARTMENT, "--out",
         str(out / "plan"), "--pdf"),
        ("reviews", "export", str(out / "reviews" / "reviews.xlsx"), "--month", MONTH),
        ("reviews", "export", str(out / "reviews" / "reviews.csv"), "--month", MONTH),
        ("run", "attestation", "--period", PERIOD, "--out", str(out / "attestation")),
        ("run", "monthly", "--month", MONTH, "--out", str(out / "monthly")),
    ]
    for command in commands:
        done = salesplan(*command, *db)
        assert done.returncode == 0, (command, done.stdout + done.stderr)
    assert escaped(base, out) == before
    return out


def test_every_file_is_inside_its_folder_under_a_safe_name(run):
    safe, dept = safe_name(ID), safe_name(DEPARTMENT)
    assert safe.startswith("tmp-ESCAPED-") and dept.startswith("tmp-ESCAPED-dept-")
    expected = [
        f"pay/payouts/{MONTH}_{safe}.xlsx",
        f"pay/payouts/{MONTH}_payroll_{dept}.xlsx",
        f"deck/meeting_deck_{MONTH}_{dept}.pptx",
        f"deck/meeting_deck_{MONTH}_{dept}.html",
        f"plan/plan_{PLAN_MONTH}_{dept}_v1.xlsx",
        f"plan/plan_sheets/plan_{PLAN_MONTH}_{safe}.html",
        f"plan/plan_sheets/plan_{PLAN_MONTH}_{safe}.pdf",
        f"attestation/attestation/{safe}_{PERIOD}.html",
        f"attestation/attestation/{safe}_{PERIOD}.pdf",
        f"monthly/payouts/{MONTH}_{safe}.xlsx",
        f"monthly/call_reviews_{MONTH}.xlsx",
        "rejects/rejected_managers.csv",
        "rejects/rejected_clients.csv",
    ]
    assert [name for name in expected if not (run / name).is_file()] == []
    written = [p for p in run.rglob("*") if p.is_file()]
    assert all(p.resolve().is_relative_to(run.resolve()) for p in written)
    assert not [p for p in written if "ESCAPED" in p.name and safe not in p.name and dept not in p.name]


def sheet_texts(path: Path) -> list[str]:
    """Every text of the workbook; asserts each one that starts like a formula is a string cell
    and that no sheet holds a formula."""
    texts = []
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert cell.data_type == "s" or not cell.value.startswith(TRIGGERS), (path, cell)
    with zipfile.ZipFile(path) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not [n for n in sheets if b"<f>" in book.read(n) or b"<f " in book.read(n)]
    return texts


def test_every_workbook_holds_the_texts_as_text(run):
    texts = {path.relative_to(run).as_posix(): sheet_texts(path) for path in run.rglob("*.xlsx")}
    assert len(texts) >= 6
    statement = texts[f"pay/payouts/{MONTH}_{safe_name(ID)}.xlsx"]
    assert f"Расчётный лист — {NAME}, октябрь 2026" in statement and NAME in statement
    assert NAME in texts[f"pay/payouts/{MONTH}_payroll_{safe_name(DEPARTMENT)}.xlsx"]
    assert NAME in texts[f"monthly/payouts/{MONTH}_{safe_name(ID)}.xlsx"]
    assert NAME in texts[f"plan/plan_{PLAN_MONTH}_{safe_name(DEPARTMENT)}_v1.xlsx"]
    for reviews in ("reviews/reviews.xlsx", f"monthly/call_reviews_{MONTH}.xlsx"):
        assert {NAME, REJECTED, CLIENT} <= set(texts[reviews])


def csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [cell for row in csv.reader(f, delimiter=";") for cell in row]


def test_every_csv_escapes_what_would_be_a_formula(run):
    files = sorted(run.rglob("*.csv"))
    assert [p.name for p in files] == ["rejected_clients.csv", "rejected_managers.csv", "reviews.csv"]
    for path in files:
        cells = csv_cells(path)
        assert [c for c in cells if c.startswith(TRIGGERS) and not is_number(c)] == [], path
    assert "'" + REJECTED in csv_cells(run / "rejects" / "rejected_managers.csv")
    assert "'" + CLIENT in csv_cells(run / "rejects" / "rejected_clients.csv")
    assert {"'" + text for text in HOSTILE} <= set(csv_cells(run / "reviews" / "reviews.csv"))


def test_libreoffice_shows_the_text_not_a_result(run, tmp_path):
    books = [run / "pay" / "payouts" / f"{MONTH}_{safe_name(ID)}.xlsx", run / "reviews" / "reviews.xlsx"]
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76", "--outdir", str(tmp_path),
         *map(str, books)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    statement = csv_cells(tmp_path / books[0].with_suffix(".csv").name)
    assert NAME in statement and f"Расчётный лист — {NAME}, октябрь 2026" in statement
    reviews = (tmp_path / "reviews.csv").read_text(encoding="utf-8")
    assert REJECTED in reviews and CLIENT in reviews
