"""Every attested manager's sheet and the department's decision summary, in one process.

The evidence is read once for all managers, every sheet is rendered in this process (no
kernel per manager) and one browser prints them all: the sheets are printed as a few long
documents of ``BOOK_SIZE`` sheets each, and each PDF is split at the sheets' anchors into a
PDF per sheet — a print per 25 managers instead of one per manager.

Files are named from their parameters, under ``<out>/attestation/``:
``<manager_id>_<period>.html`` / ``.pdf`` and ``summary_<period>.html`` / ``.pdf``, each id
made a safe name (``salesplan.filenames``).
"""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from markupsafe import Markup
from pypdf import PdfReader, PdfWriter
from sqlalchemy import Engine

from salesplan import labels
from salesplan.attestation import assessment, sheet
from salesplan.attestation.template import AttestationTemplate, load_template
from salesplan.config import company
from salesplan.errors import SalesplanError
from salesplan.filenames import inside, stem
from salesplan.periods import Half, Quarter
from salesplan.printing import launch_chromium
from salesplan.store import department_names

FOLDER = "attestation"
SUMMARY = "summary"  # the summary's anchor
BOOK_SIZE = 25  # sheets printed as one document: Chromium slows down on much longer ones


@dataclass(frozen=True)
class Pack:
    """What ``write_pack`` wrote: the sheets' payloads (by name) and their files."""

    period: Quarter | Half
    department: str  # its name, "" for all departments
    commission: list[dict]
    sheets: list[dict]
    html: list[Path]
    pdf: list[Path]
    summary_html: Path
    summary_pdf: Path | None

    def summary(self) -> pd.DataFrame:
        return assessment.summary(self.sheets)

    def summary_fragment(self, prefix: str = "") -> Markup:
        """The decision summary as HTML, each name linking to ``prefix`` + its sheet's file."""
        return sheet.summary_body(
            self.sheets, [prefix + h.name for h in self.html], department=self.department,
            period_label=self.period.label, company_name=company().name, commission=self.commission,
        )


def department_name(eng: Engine, department: str) -> str:
    if not department:
        return ""
    return department_names(eng).get(department, department)


def print_split(books: list[tuple[str, list[tuple[str, Path]]]]) -> None:
    """Print each book (``(html, [(anchor, pdf path), …])``) with one browser, and split its PDF
    into one file per anchor: from the anchor's page to the next anchor's (or the end).

    The pages are found from the PDF's named destinations, which Chromium writes for every
    element a link of the document points to (each sheet's title links to its own section).
    The browser is driven from a worker thread: Playwright's sync API refuses to run where an
    asyncio loop is running, as in a notebook's kernel.
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(_print_split, books).result()


def _print_split(books: list[tuple[str, list[tuple[str, Path]]]]) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page()
            for number, (html, parts) in enumerate(books):
                book = Path(tmp) / f"book{number}.pdf"
                page.set_content(html, wait_until="load")
                page.pdf(path=str(book), format="A4", print_background=True, prefer_css_page_size=True)
                if len(parts) == 1:
                    shutil.move(book, parts[0][1])
                else:
                    _split(book, parts)
        finally:
            browser.close()


def _split(book: Path, parts: list[tuple[str, Path]]) -> None:
    reader = PdfReader(book)
    dests = reader.named_destinations
    missing = [a for a, _ in parts if f"/{a}" not in dests]
    if missing:
        raise SalesplanError(labels.ATTESTATION_ERRORS["pdf_pages"].format(sheets=", ".join(missing[:5])))
    starts = [reader.get_destination_page_number(dests[f"/{a}"]) for a, _ in parts]
    for (_, path), first, end in zip(parts, starts, [*starts[1:], len(reader.pages)], strict=True):
        writer = PdfWriter()
        for number in range(first, end):
            writer.add_page(reader.pages[number])
        writer.write(path)


def write_pack(
    eng: Engine,
    period: Quarter | Half,
    out_dir: Path | str,
    department: str = "",
    template: AttestationTemplate | None = None,
    *,
    pdf: bool = True,
) -> Pack:
    """Write every sheet and the summary as HTML and, with ``pdf``, as PDF."""
    template = template or load_template()
    folder = Path(out_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    sheets = assessment.build(eng, period, department, template)
    html = [inside(folder, stem(p["manager"]["id"], period), suffix=".html") for p in sheets]
    parts = [(sheet.anchor(p), sheet.sheet_body(p)) for p in sheets]
    for path, payload, part in zip(html, sheets, parts, strict=True):
        title = f"{sheet.L['title']} — {payload['manager']['name']} — {period.label}"
        path.write_text(sheet.page(title, [part]), encoding="utf-8")
    pack = Pack(period, department_name(eng, department), [m.model_dump() for m in template.commission],
                sheets, html, [], inside(folder, stem(SUMMARY, period), suffix=".html"), None)
    title = f"{sheet.L['summary_title']} — {period.label}"
    pack.summary_html.write_text(sheet.page(title, [(SUMMARY, pack.summary_fragment())]), encoding="utf-8")
    if not pdf:
        return pack
    pdfs = [h.with_suffix(".pdf") for h in html]
    summary_pdf = pack.summary_html.with_suffix(".pdf")
    books = [(pack.summary_html.read_text(encoding="utf-8"), [(SUMMARY, summary_pdf)])]
    for start in range(0, len(parts), BOOK_SIZE):
        chunk, files = parts[start : start + BOOK_SIZE], pdfs[start : start + BOOK_SIZE]
        targets = [(a, f) for (a, _), f in zip(chunk, files, strict=True)]
        books.append((sheet.page(period.label, chunk), targets))
    print_split(books)
    return replace(pack, pdf=pdfs, summary_pdf=summary_pdf)
