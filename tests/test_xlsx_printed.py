"""Every workbook the product writes, as LibreOffice Calc prints it: one page wide (the last
column's title on the first page, no title's word broken), the pay statement on one page with
its amounts and the department's name (``tests/office.py``)."""

import re

import office
import openpyxl
import pytest
from plan_history import TARGET, history_db

from salesplan import store
from salesplan.money import fmt_rub
from salesplan.motivation.statements import write_pay_pack
from salesplan.payplan.template import write_template as payment_plan_template
from salesplan.plan import Planner, approve_result
from salesplan.plan.export import export_plan
from salesplan.plan.scenarios import load_plan
from salesplan.protocol.sheet import write_template as protocol_template
from salesplan.reviews.io import export_reviews


def bare(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def printed(demo_db, demo_month, tmp_path_factory):
    """Each workbook (by kind) with its first sheet's column titles and its printed pages."""
    office.require()
    out = tmp_path_factory.mktemp("xlsx_printed")
    eng = store.engine(demo_db)
    pay = write_pay_pack(eng, demo_month, "sales", out / "pack")
    manager = next(iter(pay.statements))
    (out / "plan").mkdir()
    plan_eng = store.engine(history_db(out / "plan"))
    planner = Planner.from_store(plan_eng)
    plan_id = approve_result(plan_eng, planner.propose(planner.inputs(TARGET, growth=0.1)), "План", "РОП")
    plan = export_plan(plan_eng, load_plan(plan_eng, plan_id), out / "plan")[0]
    reviews = out / "reviews.xlsx"
    export_reviews(eng, reviews, demo_month)
    files = {
        "statement": pay.statements[manager],
        "payroll": pay.payroll,
        "plan": plan,
        "reviews": reviews,
        "protocol": protocol_template(eng, out / "protocol.xlsx"),
        "payment_plan": payment_plan_template(eng, "2026-W44", manager, out / "payplan")[0],
    }
    copies = {kind: (out / "print" / f"{kind}.xlsx") for kind in files}
    for kind, path in files.items():
        copies[kind].parent.mkdir(exist_ok=True)
        copies[kind].write_bytes(path.read_bytes())
    pdfs = office.to_pdf(copies.values(), out / "print")
    return {kind: office.pages(pdf) for kind, pdf in zip(copies, pdfs, strict=True)}, files, pay


def first_sheet_titles(path):
    ws = openpyxl.load_workbook(path).worksheets[0]
    row = int(re.search(r"\d+", ws.print_title_rows or "1").group())
    return [c.value for c in ws[row] if c.value is not None]


@pytest.mark.parametrize("kind", ["statement", "payroll", "plan", "reviews", "protocol", "payment_plan"])
def test_each_workbook_prints_one_page_wide_with_its_header_repeated(printed, kind):
    pages, files, _ = printed
    titles = first_sheet_titles(files[kind])
    words = pages[kind][0].text.split()  # a title may wrap in its cell between words ...
    for title in titles:  # ... but every word of every title is printed whole, the last one too
        assert all(w in words for w in str(title).split()), (kind, title)


def test_the_pay_statement_prints_on_one_page_with_its_amounts_and_department(printed):
    pages, _, pay = printed
    statement = pages["statement"]
    slip = next(s for s in pay.slips if s.facts.manager_id == next(iter(pay.statements)))
    assert len(statement) == 1
    text = statement[0].text
    total = fmt_rub(slip.total, kopecks_shown=True).replace("\xa0₽", "")
    assert bare(total) in bare(text)  # the amount to pay, printed on the first page
    assert "Отдел продаж" in text and "sales" not in text.split()


def printed_over(a, b) -> bool:
    """Two printed lines share their width and over half the height of the shorter: one is
    printed over the other (boxes touching by a point of their ascent or descent are not)."""
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width > 0 and height > min(a.bottom - a.top, b.bottom - b.top) / 2


@pytest.mark.parametrize("kind", ["statement", "payroll", "plan", "protocol", "payment_plan"])
def test_no_printed_text_runs_over_another(printed, kind):
    # A wrapped text taller than its row, or a long one cut by its neighbour, prints over the
    # next row's or cell's text; every row is as tall as its text and every cut text wraps.
    pages, _, _ = printed
    for page in pages[kind]:
        clashes = [(a.text, b.text) for i, a in enumerate(page.lines) for b in page.lines[i + 1:]
                   if printed_over(a, b)]
        assert clashes == [], (kind, clashes[:3])
