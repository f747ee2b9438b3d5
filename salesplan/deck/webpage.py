"""Slides → HTML: 16:9 slide boxes, charts inline as base64 PNG, no script and no external
resource. ``deck_html`` is a whole page that opens offline and prints a slide per page;
``deck_fragment`` is the same slides for display inside a notebook page."""

from __future__ import annotations

import base64
from dataclasses import asdict
from pathlib import Path

from salesplan.deck.slides import Slide
from salesplan.printing import render


def _views(slides: list[Slide]) -> list[dict]:
    return [
        {**asdict(s), "image_b64": base64.b64encode(s.image).decode("ascii") if s.image else "",
         "wide": s.table is not None and s.table.wide}
        for s in slides
    ]


def deck_fragment(slides: list[Slide]) -> str:
    """The slides as a ``<div class="deck">`` with its own scoped style (every text escaped)."""
    return render("deck_slides.html.j2", slides=_views(slides))


def deck_html(slides: list[Slide], title: str) -> str:
    """The slides as a whole page (every text escaped)."""
    return render("deck.html.j2", title=title, slides=_views(slides))


def write_html(slides: list[Slide], title: str, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(deck_html(slides, title), encoding="utf-8")
    return path
