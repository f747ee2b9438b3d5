"""The plan model's charts, redrawn in place for the interactive app.

Each chart keeps one figure. Axes, tick labels and titles are drawn once into a cached
background; the data (bars, markers) are animated artists drawn over it on every update, and
the value axis is rescaled — redrawing the background — only when the data leave 45–100 % of
it. Text is the slow part of matplotlib, so a slider step redraws no text at all.
``render`` returns JPEG bytes for an ``ipywidgets.Image(format="jpeg")``. Charts use the
report style of ``salesplan.charts`` and values in roubles.
"""

from __future__ import annotations

import io
import textwrap
from abc import ABC, abstractmethod

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PIL import Image

from salesplan import charts, labels

DPI = 80
STYLE = {**charts.STYLE, "figure.constrained_layout.use": False, "savefig.bbox": None}
HEADROOM = 1.15
SHRINK_BELOW = 0.45
ROW_INCHES = 0.22  # height of a manager's row in the managers chart
UI = labels.PLAN_UI


class LiveChart(ABC):
    """A figure with a cached background and animated data artists (see the module docstring)."""

    def __init__(self, width: float, height: float, value_axis: str, *args) -> None:
        self.value_axis = value_axis
        self.artists: list = []
        self._background = None
        self._limits = (0.0, 1.0)
        with mpl.rc_context(STYLE):
            self.fig = Figure(figsize=(width, height), dpi=DPI)
            FigureCanvasAgg(self.fig)
            self.ax = self.fig.add_subplot()
            charts.money_axis(self.ax, value_axis)
            axis = self.ax.xaxis if value_axis == "x" else self.ax.yaxis
            axis.set_major_locator(MaxNLocator(nbins=5))
            if value_axis == "x":
                self.ax.grid(True, axis="x")
                self.ax.grid(False, axis="y")
            self._draw_static(*args)

    @property
    def width(self) -> str:
        """The image width in pixels, for the widget showing it (no blurry rescaling)."""
        return str(self.fig.canvas.get_width_height()[0])

    @abstractmethod
    def _draw_static(self, *args) -> None:
        """Create the artists (inside the report style)."""

    def _animate(self, *artists) -> None:
        for artist in artists:
            artist.set_animated(True)
            self.artists.append(artist)

    def _fit(self, low: float, high: float) -> bool:
        """Rescale the value axis when [low, high] leaves it or fills under 45 % of it."""
        lo, hi = self._limits
        span = max(high - min(low, 0.0), 1.0)
        fits = low >= lo and high <= hi and span >= SHRINK_BELOW * (hi - lo)
        if fits and self._background is not None:
            return False
        self._limits = (min(low, 0.0) * HEADROOM, max(high, 1.0) * HEADROOM)
        (self.ax.set_xlim if self.value_axis == "x" else self.ax.set_ylim)(*self._limits)
        return True

    def render(self, rescaled: bool) -> bytes:
        """JPEG of the figure (4:4:4, quality 92: sharp text, and five times faster to encode than
        PNG here); the background redrawn only when ``rescaled``."""
        canvas = self.fig.canvas
        if rescaled or self._background is None:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self.artists:
            self.ax.draw_artist(artist)
        out = io.BytesIO()
        rgb = np.ascontiguousarray(np.asarray(canvas.buffer_rgba())[:, :, :3])
        Image.fromarray(rgb).save(out, format="jpeg", quality=92, subsampling=0)
        return out.getvalue()


class ManagersChart(LiveChart):
    """Plan by manager (bars) beside last year's same month and the best month (markers)."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(9.0, 1.2 + ROW_INCHES * max(len(names), 1), "x", names)

    def _draw_static(self, names: list[str]) -> None:
        y = np.arange(len(names))
        # one collection of thick lines, not a patch per bar: one draw call for every manager
        self.bars = self.ax.hlines(y, 0, np.zeros(len(names)), color=charts.COLORS["plan"],
                                   linewidth=0.6 * ROW_INCHES * 72, label=UI["legend_plan"])
        self.last_year = self.ax.scatter(np.zeros(len(names)), y, marker="|", s=160, linewidths=2,
                                         color=charts.COLORS["fact"], label=UI["legend_last_year"],
                                         zorder=3)
        self.best = self.ax.scatter(np.zeros(len(names)), y, marker="D", s=18,
                                    color=charts.COLORS["forecast"], label=UI["legend_best"], zorder=3)
        self.ax.set_yticks(y, names)
        self.ax.set_ylim(len(names) - 0.5, -0.5)
        self.ax.set_title(UI["chart_managers"], pad=22)
        self.ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, fontsize=8,
                       borderaxespad=0.2)
        self.fig.subplots_adjust(left=0.24, right=0.97, top=1 - 0.6 / self.fig.get_figheight(),
                                 bottom=0.55 / self.fig.get_figheight())
        self._animate(self.bars, self.last_year, self.best)

    def update(self, plan: np.ndarray, last_year: np.ndarray, best: np.ndarray) -> bytes:
        """Values in roubles, in the order of the names."""
        y = np.arange(len(plan))
        self.bars.set_segments(np.stack([np.column_stack([np.zeros(len(plan)), y]),
                                         np.column_stack([plan, y])], axis=1))
        self.last_year.set_offsets(np.column_stack([last_year, y]))
        self.best.set_offsets(np.column_stack([best, y]))
        top = float(max(np.max(plan, initial=0), np.max(last_year, initial=0), np.max(best, initial=0)))
        return self.render(self._fit(0.0, top))


class WeeksChart(LiveChart):
    """The department plan by ISO week."""

    def __init__(self, weeks: list[str]) -> None:
        super().__init__(6.0, 3.0, "y", weeks)

    def _draw_static(self, weeks: list[str]) -> None:
        self.ax.set_title(UI["chart_weeks"])
        x = np.arange(len(weeks))
        self.bars = self.ax.bar(x, np.zeros(len(weeks)), color=charts.COLORS["plan"], width=0.6)
        self.ax.set_xticks(x, weeks)
        self.fig.subplots_adjust(left=0.17, right=0.97, top=0.88, bottom=0.13)
        self._animate(*self.bars)

    def update(self, amounts: np.ndarray) -> bytes:
        for bar, height in zip(self.bars, amounts, strict=True):
            bar.set_height(height)
        return self.render(self._fit(0.0, float(np.max(amounts, initial=0))))


class WaterfallChart(LiveChart):
    """Why this number: the base, each step up or down, and the plan."""

    def __init__(self, steps: list[str]) -> None:
        self.steps = steps
        super().__init__(8.0, 3.6, "y", steps)

    def _draw_static(self, steps: list[str]) -> None:
        self.ax.set_title(UI["chart_waterfall"])
        x = np.arange(len(steps))
        self.bars = self.ax.bar(x, np.zeros(len(steps)), color=charts.COLORS["plan"], width=0.6)
        names = [textwrap.fill(labels.PLAN_STEPS.get(s, s), 11) for s in steps]
        self.ax.set_xticks(x, names, fontsize=7)
        self.fig.subplots_adjust(left=0.13, right=0.98, top=0.9, bottom=0.27)
        self._animate(*self.bars)

    def update(self, amounts: np.ndarray) -> bytes:
        """Amounts in roubles: the base, the steps, and the plan (``PlanResult.waterfall``)."""
        amounts = np.asarray(amounts, dtype=float)
        ends = np.cumsum(amounts[:-1])
        starts = np.concatenate([[0.0], ends[:-1]])
        bottoms = np.concatenate([np.minimum(starts, ends), [0.0]])
        bottoms[0] = 0.0
        heights = np.concatenate([np.abs(ends - starts), [amounts[-1]]])
        heights[0] = amounts[0]
        for i, bar in enumerate(self.bars):
            bar.set_y(bottoms[i])
            bar.set_height(heights[i])
            edge = i in (0, len(self.bars) - 1)
            up = amounts[i] >= 0
            bar.set_color(charts.COLORS["plan" if edge else "good" if up else "bad"])
        tops = np.concatenate([ends, [amounts[-1]]])
        return self.render(self._fit(float(min(0.0, bottoms.min())), float(tops.max(initial=0))))
