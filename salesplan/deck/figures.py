"""The deck's charts, drawn in the shared report style (``salesplan.charts``) and returned as PNG.

Every function takes plain series (money in kopecks) and returns PNG bytes; none touches the
store. Figures are built without pyplot (no window or notebook state) inside the style's
``rc_context``, so the style applies without changing the process's settings.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from salesplan import charts
from salesplan.labels import DECK_TEXT
from salesplan.money import fmt_number, roubles
from salesplan.periods import Month

HALF = (6.4, 4.3)  # inches: beside a table
WIDE = (11.5, 4.3)  # inches: the slide's width


def _figure(size: tuple[float, float]) -> tuple[Figure, object]:
    fig = Figure(figsize=size)
    return fig, fig.subplots()


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes (call inside the style's ``rc_context``)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def managers_chart(names: Sequence[str], plan: Sequence[int], fact: Sequence[int]) -> bytes:
    """Horizontal bars of plan and fact per manager (top: the first name)."""
    with mpl.rc_context(charts.STYLE):
        fig, ax = _figure(HALF)
        y = np.arange(len(names))[::-1]
        ax.barh(y + 0.2, roubles(np.asarray(plan, dtype=float)), height=0.4,
                color=charts.COLORS["plan"], label=DECK_TEXT["plan"])
        ax.barh(y - 0.2, roubles(np.asarray(fact, dtype=float)), height=0.4,
                color=charts.COLORS["fact"], label=DECK_TEXT["fact"])
        ax.set_yticks(y, list(names))
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        charts.money_axis(ax, "x")
        ax.legend(loc="lower right")
        ax.set_title(DECK_TEXT["chart_managers"])
        return png(fig)


def cumulative_chart(days: pd.DatetimeIndex, plan: Sequence[int] | None, fact: Sequence[int]) -> bytes:
    """Cumulative plan (grey, when one is approved) and fact (blue) over the days of a month."""
    with mpl.rc_context(charts.STYLE):
        fig, ax = _figure(WIDE)
        day_numbers = [d.day for d in days]
        if plan is not None:
            ax.plot(day_numbers, roubles(np.asarray(plan, dtype=float)), color=charts.COLORS["plan"],
                    linewidth=2.5, label=DECK_TEXT["plan"], drawstyle="steps-post")
        ax.plot(day_numbers, roubles(np.asarray(fact, dtype=float)), color=charts.COLORS["fact"],
                linewidth=2.5, label=DECK_TEXT["fact"], drawstyle="steps-post")
        ax.set_xlim(1, max(day_numbers))
        charts.money_axis(ax)
        ax.legend(loc="upper left")
        ax.set_title(DECK_TEXT["chart_cumulative"])
        return png(fig)


def funnel_chart(stages: Sequence[str], reached: Sequence[int]) -> bytes:
    """Deals that reached each stage, the first stage on top."""
    with mpl.rc_context(charts.STYLE):
        fig, ax = _figure(HALF)
        y = np.arange(len(stages))[::-1]
        bars = ax.barh(y, list(reached), color=charts.COLORS["fact"])
        ax.bar_label(bars, labels=[fmt_number(v) for v in reached], padding=3)
        ax.set_yticks(y, list(stages))
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        charts.number_axis(ax, "x")
        ax.set_title(DECK_TEXT["chart_funnel"])
        return png(fig)


def check_chart(months: Sequence[Month], deals: Sequence[int], avg_check: Sequence[float]) -> bytes:
    """Deals won per month (bars, left axis) and the average check (line, right axis)."""
    with mpl.rc_context(charts.STYLE):
        fig, ax = _figure(HALF)
        x = np.arange(len(months))
        ax.bar(x, list(deals), color=charts.COLORS["plan"], label=DECK_TEXT["deals_axis"])
        ax.set_xticks(x, [m.short_label for m in months], rotation=45, ha="right")
        charts.number_axis(ax)
        right = ax.twinx()
        right.plot(x, roubles(np.asarray(avg_check, dtype=float)), color=charts.COLORS["fact"],
                   marker="o", linewidth=2, label=DECK_TEXT["check_axis"])
        right.grid(False)
        right.spines["right"].set_visible(True)
        charts.money_axis(right)
        ax.set_ylabel(DECK_TEXT["deals_axis"])
        right.set_ylabel(DECK_TEXT["check_axis"])
        ax.set_title(DECK_TEXT["chart_check"])
        return png(fig)


def aging_chart(buckets: Sequence[str], amounts: Sequence[int], overdue: Sequence[bool]) -> bytes:
    """Receivables per aging bucket; overdue buckets in the 'bad' colour."""
    with mpl.rc_context(charts.STYLE):
        fig, ax = _figure(HALF)
        colors = [charts.COLORS["bad"] if o else charts.COLORS["good"] for o in overdue]
        x = np.arange(len(buckets))
        ax.bar(x, roubles(np.asarray(amounts, dtype=float)), color=colors)
        ax.set_xticks(x, list(buckets), rotation=20, ha="right")
        charts.money_axis(ax)
        ax.set_title(DECK_TEXT["chart_aging"])
        return png(fig)


def calls_chart(trend: pd.DataFrame) -> bytes:
    """Mean review score per month and manager (``manager_name, period, score``)."""
    with mpl.rc_context(charts.STYLE):
        fig, ax = _figure(HALF)
        months = sorted(trend["period"].unique())
        x = {m: i for i, m in enumerate(months)}
        for name, rows in trend.groupby("manager_name", sort=True):
            ax.plot([x[p] for p in rows["period"]], rows["score"], marker="o", label=name)
        ax.set_xticks(range(len(months)),
                      [Month.of(pd.Timestamp(m)).short_label for m in months])
        ax.set_ylim(0, 100)
        charts.number_axis(ax)
        ax.legend(loc="lower left", fontsize=8, ncols=2)
        ax.set_title(DECK_TEXT["chart_calls"])
        return png(fig)
