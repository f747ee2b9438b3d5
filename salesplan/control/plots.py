"""The control charts, in the one report style of ``salesplan.charts`` (money in roubles).

Each function draws one pyplot figure and returns it; a notebook shows it when the cell ends
(end the call with ``;`` so that it is not shown twice).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.dates import DateFormatter
from matplotlib.figure import Figure

from salesplan import charts, labels
from salesplan.control.display import manager_label
from salesplan.control.receivables import BUCKETS
from salesplan.money import roubles

L = labels.CONTROL


def _figure(rows: int = 0) -> tuple[Figure, object]:
    height = max(3.0, 0.45 * rows + 1.2) if rows else None
    return plt.subplots(figsize=(9.0, height) if height else None)


def cumulative(cum: pd.DataFrame) -> Figure:
    """Cumulative plan and fact over the days of the month (``summary.cumulative_by_day``)."""
    fig, ax = _figure()
    ax.step(cum.index, roubles(cum["plan"]), where="post", color=charts.COLORS["plan"],
            linestyle="--", label=L["cumulative_plan"])
    ax.plot(cum.index, roubles(cum["fact"]), color=charts.COLORS["fact"], marker="o",
            markersize=3, label=L["cumulative_fact"])
    ax.set_title(L["cumulative"])
    ax.xaxis.set_major_formatter(DateFormatter("%d.%m"))
    ax.legend(loc="upper left")
    charts.money_axis(ax)
    return fig


def pace(summary: pd.DataFrame, names: dict[str, str]) -> Figure:
    """% of plan to date per manager, red below 100 %, green at or above; without a plan, the
    figure says so instead of drawing empty axes."""
    data = summary.dropna(subset=["pace"]).sort_values("pace")
    fig, ax = _figure(len(data))
    if data.empty:
        ax.set_axis_off()
        ax.set_title(L["pace_chart"])
        ax.text(0.5, 0.5, L["pace_none"], ha="center", va="center", transform=ax.transAxes)
        return fig
    colors = [charts.COLORS["good"] if v >= 100 else charts.COLORS["bad"] for v in data["pace"]]
    ax.barh(data["manager_id"].map(manager_label(names)), data["pace"], color=colors)
    ax.axvline(100, color=charts.COLORS["neutral"], linewidth=1)
    ax.set_title(L["pace_chart"])
    ax.grid(axis="x")
    charts.percent_axis(ax, "x")
    return fig


def funnel(stages: pd.DataFrame) -> Figure:
    """Deals that reached each stage (``kpi.stage_funnel``), the first stage on top."""
    fig, ax = _figure(len(stages))
    ax.barh(stages["stage"][::-1], stages["reached"][::-1], color=charts.COLORS["fact"])
    for y, (reached, share) in enumerate(zip(stages["reached"][::-1], stages["from_first"][::-1],
                                             strict=True)):
        if not np.isnan(share):
            ax.annotate(f" {int(reached)} · {share:.0f} %".replace(".", ","), (reached, y),
                        va="center", fontsize=9)
    ax.set_title(L["funnel_chart"])
    ax.grid(axis="x")
    charts.number_axis(ax, "x")
    return fig


def aging(table: pd.DataFrame, names: dict[str, str]) -> Figure:
    """Receivables per manager stacked by days overdue (``receivables.aging``)."""
    fig, ax = _figure(len(table))
    who = table["manager_id"].map(manager_label(names))
    left = np.zeros(len(table))
    colors = [charts.COLORS["good"], "#FDD835", charts.COLORS["forecast"], "#F4511E",
              charts.COLORS["bad"], charts.COLORS["plan"]]
    for bucket, color in zip(BUCKETS, colors, strict=True):
        values = roubles(table[bucket]).to_numpy(dtype=float)
        ax.barh(who, values, left=left, color=color, label=labels.CONTROL_BUCKETS[bucket])
        left += values
    ax.set_title(L["aging_chart"])
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)  # beside the bars, never over them
    ax.grid(axis="x")
    charts.money_axis(ax, "x")
    return fig


def forecast(table: pd.DataFrame, names: dict[str, str], interval: float) -> Figure:
    """The month-end fact per manager: the interval as a bar, the mean and the plan as marks."""
    data = table[table["plan"] > 0]
    fig, ax = _figure(len(data))
    who = data["manager_id"].map(manager_label(names))
    low, high = roubles(data["low"]), roubles(data["high"])
    ax.barh(who, high - low, left=low, color=charts.COLORS["forecast"], alpha=0.35,
            label=L["forecast_interval"].format(interval=f"{interval:g}"))
    ax.scatter(roubles(data["mean"]), who, color=charts.COLORS["forecast"], zorder=3,
               label=L["forecast_mean"])
    ax.scatter(roubles(data["plan"]), who, marker="|", s=300, color=charts.COLORS["plan"],
               zorder=3, label=L["forecast_plan"])
    ax.set_title(L["forecast_chart"])
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)  # beside the bars, never over them
    ax.grid(axis="x")
    charts.money_axis(ax, "x")
    return fig


def activity(table: pd.DataFrame, names: dict[str, str]) -> Figure:
    """% of each activity norm per manager (``activity.activity_vs_norms``)."""
    measures = ["calls", "minutes", "meetings", "proposals"]
    fig, ax = _figure(int(len(table) * 1.5))
    y = np.arange(len(table))
    height = 0.8 / len(measures)
    for i, measure in enumerate(measures):
        ax.barh(y + i * height, table[f"{measure}_pct"].fillna(0), height,
                color=charts.SERIES[i], label=labels.CONTROL_COLUMNS[measure])
    ax.set_yticks(y + 0.4 - height / 2, table["manager_id"].map(manager_label(names)))
    ax.invert_yaxis()  # the first manager on top, as in the table
    ax.axvline(100, color=charts.COLORS["neutral"], linewidth=1)
    ax.set_title(L["activity_chart"])
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)  # beside the bars, never over them
    ax.grid(axis="x")
    charts.percent_axis(ax, "x")
    return fig
