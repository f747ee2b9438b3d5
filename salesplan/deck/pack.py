"""The deck in the monthly pack: ``<out_dir>/meeting_deck_<month>[_<department>].pptx`` and the
same slides as ``.html`` (the department made a safe name, ``salesplan.filenames``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from salesplan.deck.content import build_deck
from salesplan.deck.powerpoint import write_pptx
from salesplan.deck.slides import Slide
from salesplan.deck.webpage import write_html
from salesplan.filenames import inside, stem
from salesplan.labels import DECK
from salesplan.periods import Month


@dataclass(frozen=True)
class DeckFiles:
    slides: list[Slide]
    pptx: Path
    html: Path


def write_deck(eng: Engine, month: str, department: str, out_dir: Path | str,
               today: date | None = None) -> DeckFiles:
    """Build the month's slides and write them as PowerPoint and as an HTML page."""
    slides = build_deck(eng, month, department, today)
    name = stem("meeting_deck", month, department)
    title = DECK["file_title"].format(month=Month.parse(month).label)
    return DeckFiles(slides, write_pptx(slides, inside(out_dir, name, suffix=".pptx")),
                     write_html(slides, title, inside(out_dir, name, suffix=".html")))
