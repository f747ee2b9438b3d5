"""What a slide holds, independent of how it is drawn (PowerPoint or HTML).

A slide has a title and any of: a subtitle, bullet lines, a table of display text, a chart
(PNG bytes) and a notice (e.g. that some data are not available).
"""

from __future__ import annotations

from dataclasses import dataclass, field

WIDE_COLUMNS = 6  # on the HTML page, a table this wide takes more of the row than its chart


@dataclass(frozen=True)
class Table:
    """Rows of display text under ``columns``; ``numeric`` marks right-aligned columns, whose
    cells are never wrapped."""

    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.numeric:
            object.__setattr__(self, "numeric", [False] * len(self.columns))
        widths = {len(self.columns), len(self.numeric), *(len(r) for r in self.rows)}
        if len(widths) != 1:
            raise ValueError(f"table rows and columns differ in width: {sorted(widths)}")

    @property
    def wide(self) -> bool:
        return len(self.columns) >= WIDE_COLUMNS


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    subtitle: str = ""
    bullets: list[str] = field(default_factory=list)
    table: Table | None = None
    image: bytes | None = None
    notice: str = ""

    @property
    def has_content(self) -> bool:
        return bool(self.subtitle or self.bullets or self.table or self.image or self.notice)
