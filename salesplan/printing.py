"""Printable pages: HTML from Jinja2 templates (everything escaped) and PDF through Chromium.

PDFs are printed by the system's Chromium (Debian package ``chromium``) driven by Playwright;
``$SALESPLAN_CHROMIUM`` points elsewhere. One browser prints any number of pages; pages of one
template print faster bound into a ``book``, printed once and split.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import jinja2

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("salesplan", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


ANCHOR = '<a id="{0}" href="#{0}" style="position: absolute">&nbsp;</a>'
PAGE_BREAK = '<div style="page-break-after: always"></div>'


def chromium_path() -> str:
    return os.environ.get("SALESPLAN_CHROMIUM", "/usr/bin/chromium")


def launch_chromium(playwright):
    """A headless Chromium from the system (browser downloads are not used)."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def render(template: str, **context) -> str:
    """Render ``salesplan/templates/<template>``; every value is HTML-escaped."""
    return _env.get_template(template).render(**context)


def html_to_pdf(pages: Iterable[tuple[Path, Path]]) -> list[Path]:
    """Print each ``(html_file, pdf_file)`` pair as A4 with one browser; returns the PDFs."""
    from playwright.sync_api import sync_playwright

    done: list[Path] = []
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page()
            for html, pdf in pages:
                page.goto(Path(html).resolve().as_uri(), wait_until="load")
                Path(pdf).parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
                done.append(Path(pdf))
        finally:
            browser.close()
    return done


def book(pages: Sequence[str], anchors: Sequence[str]) -> str:
    """Whole HTML pages of one template as one document: the first page's head, then each
    page's body from a new sheet, starting at an element ``anchors[i]`` that links to itself.
    Chromium writes a PDF named destination for every link target, so the printed book splits
    back into a PDF per page (``attestation.batch.print_split``)."""
    head = pages[0].split("<body>", 1)[0]
    bodies = [page.split("<body>", 1)[1].rsplit("</body>", 1)[0] for page in pages]
    parts = [ANCHOR.format(a) + body for a, body in zip(anchors, bodies, strict=True)]
    return f"{head}<body>{PAGE_BREAK.join(parts)}</body></html>"
