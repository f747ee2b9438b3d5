"""The workbook of an approved plan, a plan edited in Excel and read back, and the A4 sheets."""

from datetime import date

import openpyxl
import pytest
from plan_history import TARGET, history_db
from pypdf import PdfReader

from salesplan import labels, store
from salesplan.errors import PlanError
from salesplan.money import fmt_rub
from salesplan.plan import Planner, approve_result
from salesplan.plan.export import check_workbook, export_plan, read_workbook, write_workbook
from salesplan.plan.scenarios import load_plan
from salesplan.plan.sheets import sheet_html, write_sheets

SHEET = labels.PLAN_EXCEL


@pytest.fixture(scope="module")
def approved(tmp_path_factory):
    eng = store.engine(history_db(tmp_path_factory.mktemp("export")))
    planner = Planner.from_store(eng)
    plan_id = approve_result(eng, planner.propose(planner.inputs(TARGET, growth=0.1)), "План", "РОП")
    roster = store.read_table(eng, "managers", ["id", "name", "role"])
    return eng, load_plan(eng, plan_id), roster


@pytest.fixture()
def workbook(approved, tmp_path):
    _, plan, roster = approved
    return write_workbook(plan, roster, tmp_path / "plan.xlsx")


def test_workbook_sheets_formats_and_values(approved, workbook):
    _, plan, _ = approved
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == [SHEET[k] for k in ("department", "managers", "weeks", "days", "norms", "mix")]
    dept = wb[SHEET["department"]]
    assert dept["B7"].value == plan.total // 100
    assert dept["B7"].number_format == '[$-419]#,##0 "₽"'  # Russian separators in any locale
    days = wb[SHEET["days"]]
    assert days["C1"].value.date() == date(2026, 10, 1) and days["C1"].number_format == "[$-419]DD.MM.YYYY"
    managers = wb[SHEET["managers"]]
    assert managers["B2"].value == "Анна Ключева"
    assert managers["C2"].value == labels.ROLES["key_account"]
    back = read_workbook(workbook)
    assert back.month == TARGET and back.total == plan.total
    assert back.managers.to_dict() == plan.managers.to_dict()


def test_unedited_workbook_is_consistent(workbook):
    assert check_workbook(workbook).empty


def _edit(path, sheet, cell, change):
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET[sheet]]
    ws[cell] = change(ws[cell].value)
    wb.save(path)


def test_a_day_edited_in_excel_is_found(workbook):
    _edit(workbook, "days", "C2", lambda v: v + 1000)  # kam1 on 1 October, not carried to the week
    issues = check_workbook(workbook)
    assert issues[["level", "manager_id", "key", "difference"]].values.tolist() == [
        ["week", "kam1", "2026-W40", 1000 * 100]]


def test_a_manager_total_edited_alone_breaks_two_levels(workbook):
    _edit(workbook, "managers", "D3", lambda v: v + 500)
    issues = check_workbook(workbook)
    assert sorted(issues["level"]) == ["department", "manager"]
    assert issues.set_index("level").loc["manager", "difference"] == -500 * 100


def test_an_amount_on_a_weekend_is_found(workbook):
    wb = openpyxl.load_workbook(workbook)
    ws = wb[SHEET["days"]]
    col = ws.max_column + 1
    ws.cell(row=1, column=col, value=date(2026, 10, 31))  # a Saturday
    ws.cell(row=2, column=col, value=700)
    wb.save(workbook)
    issues = check_workbook(workbook)
    assert ["day_off", "kam1", "2026-10-31"] in issues[["level", "manager_id", "key"]].values.tolist()


def test_consistent_edit_across_levels_passes(workbook):
    wb = openpyxl.load_workbook(workbook)
    for sheet, cell in (("days", "C2"), ("weeks", "C2"), ("managers", "D2"), ("department", "B7")):
        wb[SHEET[sheet]][cell] = wb[SHEET[sheet]][cell].value + 250
    wb.save(workbook)
    assert check_workbook(workbook).empty


def test_bad_cells_and_sheets_are_named(workbook, tmp_path):
    _edit(workbook, "days", "D3", lambda v: "много")
    with pytest.raises(PlanError, match=r"лист «Дни», строка 3, столбец «D \(02.10.2026\)»: 'много'"):
        check_workbook(workbook)
    wb = openpyxl.load_workbook(workbook)
    del wb[SHEET["weeks"]]
    wb.save(tmp_path / "no_weeks.xlsx")
    with pytest.raises(PlanError, match="нет листа «Недели»"):
        read_workbook(tmp_path / "no_weeks.xlsx")


def test_plan_sheet_has_weeks_norms_rationale_and_signatures(approved):
    _, plan, roster = approved
    page = sheet_html(plan, roster, "new1", "Отдел <продаж>")
    assert "План продаж на октябрь 2026" in page
    assert "Егор Новиков" in page and labels.ROLES["hunter"] in page
    assert fmt_rub(int(plan.managers["new1"])) in page
    assert "2026-W44" in page and "26.10–30.10" in page
    assert labels.PLAN_SHEET["accepted"] in page
    assert page.count(labels.PLAN_SHEET["signature"]) == 2
    assert "Отдел &lt;продаж&gt;" in page  # escaped
    assert plan.notes["new1"] in page


def test_export_writes_the_workbook_and_a_sheet_per_manager(approved, tmp_path):
    eng, plan, _ = approved
    files = export_plan(eng, plan, tmp_path)
    names = sorted(p.name for p in files)
    assert f"plan_{TARGET}_sales_v1.xlsx" in names
    assert f"plan_{TARGET}_new1.html" in names
    assert len([n for n in names if n.endswith(".html")]) == len(plan.managers)


@pytest.mark.browser
def test_plan_sheets_print_to_one_a4_page_each(approved, tmp_path):
    _, plan, roster = approved
    files = write_sheets(plan, roster, tmp_path, "Отдел продаж", pdf=True)
    pdfs = [p for p in files if p.suffix == ".pdf"]
    assert len(pdfs) == len(plan.managers)
    reader = PdfReader(pdfs[0])
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.height)) == 842  # A4
    assert "подпись" in reader.pages[0].extract_text()
