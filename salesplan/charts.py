"""One chart style for every report: colours, fonts and Russian number formats on the axes.

Call ``apply_style()`` once (a report notebook does it in its first code cell), plot money in
roubles (``money.roubles(kopecks)``), then label the axes with ``money_axis``,
``number_axis`` or ``percent_axis``. Colours have meanings: ``COLORS["plan"]``,
``COLORS["fact"]``, ``COLORS["forecast"]``, ``COLORS["good"]``, ``COLORS["bad"]``; other
series take ``SERIES`` in order (also the default colour cycle).
"""

from __future__ import annotations

import math

import matplotlib as mpl
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.ticker import Formatter

from salesplan import labels
from salesplan.money import fmt_number, fmt_percent

COLORS = {
    "plan": "#90A4AE",
    "fact": "#1E88E5",
    "forecast": "#FB8C00",
    "good": "#43A047",
    "bad": "#E53935",
    "neutral": "#757575",
}
SERIES = ["#1E88E5", "#43A047", "#FB8C00", "#8E24AA", "#00ACC1", "#E53935", "#6D4C41", "#546E7A"]

STYLE = {
    "font.family": "DejaVu Sans",  # has Cyrillic glyphs and ships with matplotlib
    "font.size": 10,
    "figure.figsize": (9.0, 4.0),
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "figure.constrained_layout.use": True,
    "axes.prop_cycle": cycler(color=SERIES),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#9E9E9E",
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "axes.formatter.useoffset": False,
    "grid.color": "#E0E0E0",
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "xtick.color": "#616161",
    "ytick.color": "#616161",
}

# Powers of a thousand and their Russian abbreviations (values in roubles).
SCALES = [(1e9, "bn"), (1e6, "mn"), (1e3, "k"), (1.0, "")]


def apply_style() -> None:
    """Set the report style for every figure drawn afterwards in this process."""
    mpl.rcParams.update(STYLE)


def money_scale(largest: float) -> tuple[float, str]:
    """The divisor and its label key for an axis whose largest absolute value is ``largest``."""
    for divisor, key in SCALES:
        if abs(largest) >= divisor:
            return divisor, key
    return 1.0, ""


def decimals(value: float, most: int = 2) -> int:
    """The fewest decimals (up to ``most``) that show ``value`` exactly at that precision."""
    for digits in range(most + 1):
        if math.isclose(value, round(value, digits), abs_tol=10 ** -(most + 1)):
            return digits
    return most


def money_label(roubles: float, divisor: float = 1.0, key: str = "") -> str:
    """``1,5 млн ₽``: roubles divided by ``divisor`` with the scale's abbreviation."""
    value = roubles / divisor
    return f"{fmt_number(value, decimals(value))}\xa0{labels.CHARTS['scale'][key]}"


class MoneyFormatter(Formatter):
    """Tick labels in roubles, all ticks of an axis in one scale (тыс., млн, млрд)."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        low, high = self.axis.get_view_interval()
        return money_label(x, *money_scale(max(abs(low), abs(high))))


class NumberFormatter(Formatter):
    """Tick labels as ``12 345`` (ru_RU grouping, decimal comma when needed)."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return fmt_number(x, decimals(x))


class PercentFormatter(Formatter):
    """Tick labels for values given in percent: ``87,5 %``."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return fmt_percent(x, decimals(x, most=1))


def _set(ax: Axes, axis: str, formatter: Formatter) -> Axes:
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)
    return ax


def money_axis(ax: Axes, axis: str = "y") -> Axes:
    """Label ``ax``'s ``axis`` ("x" or "y") in roubles: ``500 тыс. ₽``, ``1,5 млн ₽``."""
    return _set(ax, axis, MoneyFormatter())


def number_axis(ax: Axes, axis: str = "y") -> Axes:
    """Label ``ax``'s ``axis`` as Russian numbers: ``12 345``."""
    return _set(ax, axis, NumberFormatter())


def percent_axis(ax: Axes, axis: str = "y") -> Axes:
    """Label ``ax``'s ``axis`` holding percent values: ``87,5 %``."""
    return _set(ax, axis, PercentFormatter())

