"""The demo deck as LibreOffice Impress prints it: every number of every table whole on one
line of its slide, no word of a table or a title broken, nothing off the slide's edge, no text
box under a table (``tests/office.py``)."""

import re
from datetime import date

import office
import pytest
from pptx import Presentation
from pptx.util import Emu

from salesplan import store
from salesplan.deck.pack import write_deck

NUMBER = re.compile(r"[+\-−]?\d[\d ]*(?:[.,]\d+)*(?: ?(?:₽|%|п\. ?п\.))?")
EMU_PER_POINT = 12700


def norm(text: str) -> str:
    """Spaces of any kind as one space (the PDF has no no-break spaces)."""
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def printed(demo_db, demo_month, tmp_path_factory):
    """The demo deck's slides (python-pptx) beside their printed pages."""
    office.require()
    out = tmp_path_factory.mktemp("deck_printed")
    files = write_deck(store.engine(demo_db), demo_month, "", out, today=date(2026, 11, 23))
    pages = office.pages(office.to_pdf([files.pptx], out)[0])
    slides = list(Presentation(files.pptx).slides)
    assert len(pages) == len(slides)
    return list(zip(slides, pages, strict=True)), files.slides


def bare(text: str) -> str:
    """The text without spaces: the PDF splits words where the font changes (``₽ .``)."""
    return "".join(text.split())


def points(length: int) -> float:
    return Emu(length).pt


def cells(slide) -> list[str]:
    return [cell.text for shape in slide.shapes if shape.has_table
            for row in shape.table.rows for cell in row.cells]


def test_every_table_row_of_the_deck_is_on_a_slide(printed):
    pairs, slides = printed
    shown = [[c.text for c in row.cells] for slide, _ in pairs for shape in slide.shapes
             if shape.has_table for row in list(shape.table.rows)[1:]]
    assert shown == [r for s in slides if s.table for r in s.table.rows]


def test_every_number_of_every_table_is_whole_on_one_line(printed):
    pairs, _ = printed
    checked, broken = 0, []
    for i, (slide, page) in enumerate(pairs, start=1):
        lines = [bare(line.text) for line in page.lines]
        for text in map(norm, cells(slide)):
            if NUMBER.fullmatch(text):
                checked += 1
                if not any(bare(text) in line for line in lines):
                    broken.append((i, text))
    assert checked > 150 and not broken, broken


def test_no_word_of_a_table_or_a_title_is_broken_or_lost(printed):
    pairs, _ = printed
    for i, (slide, page) in enumerate(pairs, start=1):
        words = {w for line in page.lines for w in line.text.split(" ")}
        texts = [*cells(slide), slide.shapes.title.text]
        missing = {w for t in texts for w in norm(t).split(" ") if w and w not in words}
        assert not missing, (i, missing)
        assert any(norm(slide.shapes.title.text) == line.text for line in page.lines), i


def test_nothing_runs_off_a_slide_and_no_text_box_overlaps_a_table(printed):
    pairs, _ = printed
    for i, (slide, page) in enumerate(pairs, start=1):
        for line in page.lines:
            assert line.right <= page.width and line.bottom <= page.height, (i, line)
        tables = [sh for sh in slide.shapes if sh.has_table]
        boxes = [sh for sh in slide.shapes if sh.has_text_frame and not sh.is_placeholder
                 and sh.text_frame.text.strip()]
        for table in tables:
            left, top = points(table.left), points(table.top)
            right = left + points(table.width)
            texts = {bare(c) for c in cells(slide) if c.strip()}
            inside = [line for line in page.lines if line.left >= left - 1 and line.right <= right + 1
                      and line.top >= top - 1 and any(bare(line.text) in t for t in texts)]
            bottom = max(line.bottom for line in inside)
            assert bottom <= page.height, i
            for box in boxes:
                paragraphs = [bare(p.text) for p in box.text_frame.paragraphs]
                b_top = points(box.top)
                own = [line for line in page.lines if line.top >= b_top - 1 and line not in inside
                       and any(bare(line.text) in p for p in paragraphs)]
                assert own, (i, paragraphs)  # the box's text is printed
                b_bottom = max(line.bottom for line in own)
                assert b_bottom <= top or b_top >= bottom, (i, paragraphs[0], b_bottom, top)
