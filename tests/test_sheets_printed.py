"""The attestation sheets and the plan sheets as Chromium prints them: no page ends with a
heading, its section starting on the next page (pages read back with poppler's pdftotext)."""

import re
from pathlib import Path

import office
import pytest
from plan_history import TARGET, history_db

from salesplan import store
from salesplan.attestation import assessment
from salesplan.attestation.sheet import render_sheet
from salesplan.attestation.template import parse_period
from salesplan.plan import Planner, approve_result
from salesplan.plan.scenarios import load_plan
from salesplan.plan.sheets import write_sheets
from salesplan.printing import html_to_pdf

HEADING = re.compile(r"<h[1-3][^>]*>(.*?)</h[1-3]>", re.S)


def headings(html: str) -> set[str]:
    return {" ".join(re.sub(r"<[^>]+>", "", h).split()) for h in HEADING.findall(html)}


def last_lines(pdf: Path) -> list[str]:
    """The last line of text of each page (by its position on the page)."""
    return [max(page.lines, key=lambda line: line.bottom).text for page in office.pages(pdf)
            if page.lines]


@pytest.mark.browser
def test_no_page_of_an_attestation_sheet_ends_with_a_heading(demo_db, tmp_path):
    office.require()
    payloads = assessment.build(store.engine(demo_db), parse_period("2026-Q3"), "sales")
    pages = []
    for i, payload in enumerate(payloads[:3]):
        html = tmp_path / f"sheet_{i}.html"
        html.write_text(render_sheet(payload), encoding="utf-8")
        pages.append((html, html.with_suffix(".pdf")))
    assert pages
    for html, pdf in zip([h for h, _ in pages], html_to_pdf(pages), strict=True):
        titles = headings(html.read_text(encoding="utf-8"))
        assert "Показатели и оценки" in titles
        ends = last_lines(pdf)
        assert len(ends) > 1 and not titles & set(ends), (html.name, ends)


@pytest.mark.browser
def test_no_page_of_a_plan_sheet_ends_with_a_heading(tmp_path):
    office.require()
    eng = store.engine(history_db(tmp_path))
    planner = Planner.from_store(eng)
    plan = load_plan(eng, approve_result(eng, planner.propose(planner.inputs(TARGET, growth=0.1)),
                                         "План", "РОП"))
    roster = store.read_table(eng, "managers", ["id", "name", "role"])
    files = write_sheets(plan, roster, tmp_path / "sheets", "Отдел продаж", pdf=True)
    for pdf in [f for f in files if f.suffix == ".pdf"]:
        titles = headings(pdf.with_suffix(".html").read_text(encoding="utf-8"))
        assert not titles & set(last_lines(pdf)), pdf.name
