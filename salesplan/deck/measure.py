"""Text measured as a presentation program sets it, in points.

Widths use DejaVu Sans's metrics (the copy matplotlib ships): it is wider than Calibri (the
deck's theme font), Carlito (LibreOffice's stand-in for it) and Arial, so text that fits when
measured here fits in PowerPoint and in LibreOffice whichever of them they draw it with. A line
breaks only at a space: a no-break space (``1\u00a0253\u00a0800\u00a0₽``) binds.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import matplotlib
from PIL import ImageFont

UNITS = 1000  # the font is loaded at this size; widths scale linearly with the size
LINE_HEIGHT = 1.25  # a line's height in font sizes (Calibri and Carlito 1.22, DejaVu Sans 1.16)
_BREAKS = re.compile(r"[ \t]+")


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), UNITS)


def width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` set on one line at ``size`` points, in points."""
    return _font(bold).getlength(text) * size / UNITS


def words(text: str) -> list[str]:
    """The pieces of ``text`` a line may break between (split at spaces and tabs only)."""
    return [w for w in _BREAKS.split(text) if w]


def longest_word(text: str, size: float, bold: bool = False) -> float:
    """Width of the widest unbreakable piece of ``text`` (0 for an empty text)."""
    return max((width(w, size, bold) for w in words(text)), default=0.0)


def lines(text: str, room: float, size: float, bold: bool = False) -> int:
    """Lines ``text`` takes in ``room`` points, wrapped greedily at spaces, each paragraph
    (``\\n``) from a new line; a word wider than ``room`` is broken, a line per ``room`` of it.
    An empty text takes one line."""
    total = 0
    space = width(" ", size, bold)
    for paragraph in text.split("\n"):
        count, used = 1, None
        for word in words(paragraph):
            w = width(word, size, bold)
            if used is None:
                used = w
            elif used + space + w <= room:
                used += space + w
                continue
            else:
                count, used = count + 1, w
            while used > room:  # a word wider than the room goes on over further lines
                count, used = count + 1, used - room
        total += count
    return total


def height(line_count: int, size: float) -> float:
    """Height of ``line_count`` lines at ``size`` points, in points."""
    return line_count * size * LINE_HEIGHT
