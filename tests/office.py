"""The programs people open the product's files with, for the tests: LibreOffice prints office
files to PDF, poppler reads the printed pages back (``make libreoffice`` installs both).

``to_pdf`` prints any number of files with one LibreOffice start (a few seconds each start),
with a profile of its own so that parallel runs do not clash. ``pages`` gives each printed page's
size and its lines of text with their boxes (points from the top left, as ``pdftotext
-bbox-layout`` reads them); text beyond a page's edge is not read.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ci import unavailable

PROGRAMS = ("soffice", "pdftotext", "pdftoppm")
XHTML = "{http://www.w3.org/1999/xhtml}"


def require() -> None:
    """Skip (fail under CI) the test when LibreOffice or poppler is missing."""
    missing = [p for p in PROGRAMS if shutil.which(p) is None]
    if missing:
        unavailable(f"not installed: {', '.join(missing)} (make libreoffice)")


def to_pdf(files: Iterable[Path], out_dir: Path) -> list[Path]:
    """Each file printed to ``out_dir/<stem>.pdf`` by one LibreOffice run; the PDFs in order."""
    require()
    files = [Path(f) for f in files]
    profile = out_dir / ".profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
    pdfs = [out_dir / f"{f.stem}.pdf" for f in files]
    missing = [p.name for p in pdfs if not p.exists()]
    assert not missing, f"LibreOffice printed no {missing}"
    return pdfs


@dataclass(frozen=True)
class Line:
    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class PrintedPage:
    width: float
    height: float
    lines: list[Line]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def pages(pdf: Path) -> list[PrintedPage]:
    """Every page of ``pdf``: its size and its lines of text (words joined by single spaces)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    root = ElementTree.fromstring(out)
    found = []
    for page in root.iter(f"{XHTML}page"):
        lines = [Line(" ".join(w.text or "" for w in line.iter(f"{XHTML}word")),
                      *(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                 for line in page.iter(f"{XHTML}line")]
        found.append(PrintedPage(float(page.get("width")), float(page.get("height")), lines))
    return found
