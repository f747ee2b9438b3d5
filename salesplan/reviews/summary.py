"""The monthly call-quality summary (``notebooks/call_review_summary.ipynb``): data and display.

``load`` reads the reviews of the report month and of the months before it (the history
window, for trends, calibration and the deal analysis); the ``shown_*`` functions turn the
analysis into tables for a reader (Russian headings, Russian number formats). Every table
is a Styler that escapes HTML, so text typed by users (comments, names) shows as text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown
from matplotlib.figure import Figure
from pandas.io.formats.style import Styler
from sqlalchemy import Engine, select

from salesplan import charts, labels, store
from salesplan.money import fmt_number, fmt_percent
from salesplan.periods import Month, Week, ordinals, starts
from salesplan.reviews import analysis, calibration
from salesplan.reviews.repository import current_reviews, reviews_frame
from salesplan.reviews.scoring import band
from salesplan.reviews.templates import REVIEWED_ROLES, ReviewSettings, load_templates

S = labels.REVIEW_SUMMARY
C = labels.REVIEW_COLUMNS
HISTORY_MONTHS = 6
BAND_BACKGROUNDS = {"green": "#d7f0d2", "yellow": "#fff2b3", "red": "#f7d0cc"}


@dataclass(frozen=True)
class SummaryData:
    month: str
    department: str  # "" = all
    department_name: str
    heads: pd.DataFrame  # current reviews of the history window (``current_reviews``)
    items: pd.DataFrame  # their answers (``reviews_frame``)
    calls: pd.DataFrame  # the report month's calls: id, manager_id, duration_s
    managers: pd.DataFrame  # selling managers active in the report month: id, name
    moved: pd.DataFrame  # reviewed calls on deals: call_id, deal_id, forward

    @property
    def period(self) -> Month:
        return Month.parse(self.month)

    def of_month(self, frame: pd.DataFrame) -> pd.DataFrame:
        return frame[ordinals(frame["call_date"], Month) == self.period.ordinal]


def load(eng: Engine, month: str, department: str = "", history: int = HISTORY_MONTHS) -> SummaryData:
    """The reviews of ``month`` and the ``history − 1`` months before it, for one department or all."""
    period = Month.parse(month)
    start, end = (period - (history - 1)).start, period.end
    heads = current_reviews(eng, start, end, department or None)
    items = reviews_frame(eng, start, end, department or None)
    managers = store.read_table(eng, "managers")
    active = (
        managers["role"].isin(REVIEWED_ROLES)
        & (managers["hire_date"].isna() | (managers["hire_date"] <= pd.Timestamp(period.end)))
        & (managers["leave_date"].isna() | (managers["leave_date"] >= pd.Timestamp(period.start)))
    )
    if department:
        active &= managers["department_id"] == department
    c = store.calls
    month_calls = select(c.c.id, c.c.manager_id, c.c.duration_s).where(
        c.c.started_at >= pd.Timestamp(period.start).to_pydatetime(),
        c.c.started_at < pd.Timestamp(period.next().start).to_pydatetime(),
    )
    reviewed = select(c.c.id, c.c.started_at, c.c.deal_id).where(
        c.c.id.in_(heads["call_id"].dropna().unique().tolist()), c.c.deal_id.is_not(None)
    )
    with eng.connect() as conn:
        calls = pd.read_sql(month_calls, conn)
        linked = pd.read_sql(reviewed, conn, parse_dates=["started_at"])
    deals = store.read_table(eng, "deals", ["id", "outcome", "closed", "stage_changed"],
                             where=store.deals.c.id.in_(linked["deal_id"].unique().tolist()))
    names = store.department_names(eng)
    return SummaryData(
        month=month,
        department=department,
        department_name=names.get(department, department) if department else S["department_all"],
        heads=heads,
        items=items,
        calls=calls[calls["manager_id"].isin(managers.loc[active, "id"])],
        managers=managers.loc[active, ["id", "name"]].sort_values("name"),
        moved=analysis.deal_moved_forward(linked, deals),
    )


def caption(data: SummaryData) -> str:
    """``Отдел продаж · октябрь 2026`` (Markdown; the department's name escaped)."""
    return f"**{html.escape(data.department_name)} · {data.period.label}**"


def history_note(data: SummaryData, history: int = HISTORY_MONTHS) -> str:
    return S["history"].format(months=labels.count(history, "month"), month=data.period.label)


def or_note(table: Styler, note: str):
    """``table``, or ``note`` as Markdown when the table has no rows."""
    return Markdown(html.escape(note)) if table.data.empty else table


def no_data_note(data: SummaryData) -> str:
    """«За октябрь 2026 оценённых звонков нет.»: what a table without rows says."""
    return S["no_data"].format(month=data.period.label)


def headline(data: SummaryData) -> str:
    """One paragraph: how many calls were reviewed and how they scored; without a review, what
    to do: import the calls (when the month has none) or review them."""
    now = data.of_month(data.heads)
    if now.empty:
        todo = S["no_calls"].format(month=data.period.label) if data.calls.empty else S["how_to_review"]
        return f"{no_data_note(data)} {todo}"
    return S["headline"].format(
        reviews=fmt_number(len(now)),
        managers=labels.count(now["manager_id"].nunique(), "manager"),
        reviewers=labels.count(now["reviewer"].nunique(), "reviewer"),
        score=fmt_number(now["score"].mean(), 1),
        pass_rate=fmt_percent(now["passed"].mean() * 100),
        critical=fmt_number(int(now["critical_failed"].sum())),
    )


def _number(values: pd.Series, digits: int = 1) -> pd.Series:
    return values.map(lambda v: fmt_number(v, digits))


def _percent(values: pd.Series) -> pd.Series:
    return values.map(fmt_percent)


def _signed(values: pd.Series) -> pd.Series:
    return values.map(lambda v: "—" if pd.isna(v) else ("+" if v > 0 else "") + fmt_number(v, 1))


def _once(values: pd.Series, key: pd.Series | None = None) -> pd.Series:
    """A grouping column shown on its group's first row only (groups: runs of ``key``)."""
    key = values if key is None else key
    return values.where(key.ne(key.shift()), "")


def _table(frame: pd.DataFrame, text: list[str], bands: pd.Series | None = None,
           painted: list[str] | None = None) -> Styler:
    """``frame`` for display: HTML-escaped, no index, ``text`` columns left-aligned and the
    ``painted`` columns coloured by each row's band."""
    style = frame.reset_index(drop=True).style.format(escape="html").hide(axis="index")
    style = style.set_properties(subset=text, **{"text-align": "left"})
    if bands is not None:
        colours = [BAND_BACKGROUNDS.get(b, "") for b in bands]

        def paint(column: pd.Series) -> list[str]:
            return [f"background-color: {c}" if c else "" for c in colours]

        style = style.apply(paint, subset=painted)
    return style


def shown_managers(data: SummaryData, settings: ReviewSettings) -> Styler:
    """Per manager: reviewed calls, mean score (coloured by band), pass rate, critical, change."""
    table = analysis.manager_summary(data.heads, data.month)
    bands = table["score"].map(lambda s: band(s, settings.bands))
    shown = pd.DataFrame(
        {
            C["manager_name"]: table["manager_name"],
            C["reviewed"]: table["reviewed"],
            C["score"]: _number(table["score"]),
            C["band"]: bands.map(labels.REVIEW_BANDS).fillna("—"),
            C["pass_rate"]: _percent(table["pass_rate"]),
            C["critical"]: table["critical"],
            C["previous"]: _number(table["previous"]),
            C["change"]: _signed(table["change"]),
        }
    )
    return _table(shown, [C["manager_name"], C["band"]], bands, [C["score"], C["band"]])


def shown_weekly(data: SummaryData, settings: ReviewSettings, weeks: int = 8) -> Styler:
    """Mean score per manager in each of the last ``weeks`` weeks up to the report month's end
    (columns: the weeks' Mondays), each cell coloured by its band."""
    trend = analysis.score_trend(data.heads, "week")
    last = pd.Timestamp(Week.of(data.period.end).start)
    trend = trend[trend["period"] > last - pd.Timedelta(weeks=weeks)]
    wide = trend.pivot_table(index="manager_name", columns="period", values="score")
    shown = wide.apply(_number).rename(columns=lambda d: d.strftime("%d.%m"))
    shown.index.name = C["manager_name"]
    style = _table(shown.reset_index(), [C["manager_name"]])
    colours = wide.apply(lambda col: col.map(lambda v: BAND_BACKGROUNDS.get(band(v, settings.bands), "")))
    css = colours.map(lambda c: f"background-color: {c}" if c else "")
    css.columns = shown.columns
    return style.apply(lambda _frame: css.reset_index(drop=True), axis=None, subset=list(shown.columns))


def trend_chart(data: SummaryData, settings: ReviewSettings) -> Figure:
    """Mean score per manager by month, the department's mean in bold, the band thresholds."""
    trend = analysis.score_trend(data.heads, "month")
    fig, ax = plt.subplots()
    for name, grp in trend.groupby("manager_name", sort=True):
        ax.plot(grp["period"], grp["score"], marker="o", linewidth=1.2, label=name)
    month = starts(data.heads["call_date"], Month)
    overall = data.heads.groupby(month)["score"].mean()
    ax.plot(overall.index, overall.to_numpy(), color="black", linewidth=2.5, label=S["department_mean"])
    for level, colour in ((settings.bands.green, "good"), (settings.bands.yellow, "forecast")):
        ax.axhline(level, color=charts.COLORS[colour], linestyle="--", linewidth=1)
    ax.set_ylim(0, 100)
    ax.set_ylabel(S["axis_score"])
    ax.set_title(S["trend_month"])
    charts.number_axis(ax)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5))
    ticks = sorted(trend["period"].unique())
    ax.set_xticks(ticks, [Month.of(pd.Timestamp(t)).short_label for t in ticks])
    return fig


def shown_weakest(data: SummaryData, settings: ReviewSettings, n: int = 3) -> Styler:
    """Each manager's ``n`` weakest criteria this month (with enough answers to rank)."""
    minimum = max(1, settings.min_answers_per_criterion // 2)  # one manager's month is small
    table = analysis.weakest_criteria(data.of_month(data.items), n=n, min_answers=minimum)
    shown = pd.DataFrame(
        {
            C["manager_name"]: _once(table["manager_name"]),
            C["rank"]: table["rank"],
            C["section_title"]: table["section_title"],
            C["criterion_text"]: table["criterion_text"],
            C["answers"]: table["answers"],
            C["attainment"]: _percent(table["attainment"]),
            C["met_rate"]: _percent(table["met_rate"]),
        }
    )
    return _table(shown, [C["manager_name"], C["section_title"], C["criterion_text"]])


def _template_titles(frame: pd.DataFrame) -> pd.Series:
    titles = {t.id: t.title for t in load_templates().values()}
    return frame["template_id"].map(titles).fillna(frame["template_id"])


def shown_pass_rates(data: SummaryData) -> Styler:
    """Per criterion this month: pass rate, points of the maximum, N/A share, critical failures."""
    table = analysis.criterion_pass_rates(data.of_month(data.items))
    shown = pd.DataFrame(
        {
            C["template"]: _once(_template_titles(table)),
            C["section_title"]: _once(table["section_title"], table["template_id"] + table["section_title"]),
            C["criterion_text"]: table["criterion_text"],
            C["answers"]: table["answers"],
            C["met_rate"]: _percent(table["met_rate"]),
            C["attainment"]: _percent(table["attainment"]),
            C["na_rate"]: _percent(table["na_rate"]),
            C["critical_failures"]: table["critical_failures"],
        }
    )
    return _table(shown, [C["template"], C["section_title"], C["criterion_text"]])


def shown_critical(data: SummaryData) -> Styler:
    """This month's calls with a failed critical criterion, with the reviewer's comments."""
    items = data.of_month(data.items)
    failed = items[items["critical_failed"]]
    heads = data.heads.set_index("review_id")
    comments = heads["comment"].fillna("") + heads["section_comments"].map(
        lambda c: "".join(f" {v}" for v in (c or {}).values())
    )
    shown = pd.DataFrame(
        {
            C["call_date"]: failed["call_date"].dt.strftime("%d.%m.%Y"),
            C["manager_name"]: failed["manager_name"],
            C["call"]: failed["call_id"].fillna(failed["recording_url"]),
            C["reviewer"]: failed["reviewer"],
            C["criterion_text"]: failed["criterion_text"],
            C["comment"]: failed["review_id"].map(comments).fillna("").map(str.strip),
        }
    )
    return _table(shown, [C["manager_name"], C["call"], C["reviewer"], C["criterion_text"], C["comment"]])


def shown_agreement(data: SummaryData) -> Styler:
    """Agreement per criterion over the history window, the least agreed first."""
    table = calibration.criterion_agreement(data.items)
    texts = data.items.drop_duplicates(["template_id", "criterion_id"]).set_index(
        ["template_id", "criterion_id"]
    )["criterion_text"]
    keys = list(zip(table["template_id"], table["criterion_id"], strict=True))
    shown = pd.DataFrame(
        {
            C["template"]: _template_titles(table),
            C["criterion_text"]: [texts.get(k, k[1]) for k in keys],
            C["calls"]: table["calls"],
            C["pairs"]: table["pairs"],
            C["agreement"]: _percent(table["agreement"]),
            C["kappa"]: _number(table["kappa"], 2),
            C["alpha"]: _number(table["alpha"], 2),
        }
    )
    return _table(shown, [C["template"], C["criterion_text"]])


def shown_pairs(data: SummaryData) -> Styler:
    """Agreement of each pair of reviewers over all criteria of the calls they shared."""
    table = calibration.reviewer_pairs(data.items)
    shown = pd.DataFrame(
        {
            C["reviewer_a"]: table["reviewer_a"],
            C["reviewer_b"]: table["reviewer_b"],
            C["calls"]: table["calls"],
            C["answers"]: table["answers"],
            C["agreement"]: _percent(table["agreement"]),
            C["kappa"]: _number(table["kappa"], 2),
        }
    )
    return _table(shown, [C["reviewer_a"], C["reviewer_b"]])


def shown_leniency(data: SummaryData) -> Styler:
    """Each reviewer's mean score and leniency against colleagues on shared calls."""
    table = calibration.reviewer_leniency(data.heads)
    shown = pd.DataFrame(
        {
            C["reviewer"]: table["reviewer"],
            C["reviews"]: table["reviews"],
            C["mean_score"]: _number(table["mean_score"]),
            C["calls"]: table["calls"],
            C["leniency"]: _signed(table["leniency"]),
        }
    )
    return _table(shown, [C["reviewer"]])


def calibration_plan(data: SummaryData, settings: ReviewSettings) -> str:
    plan = calibration.calibration_suggestion(data.heads, data.month, settings.calibration_share)
    return S["calibration_plan"].format(**{k: fmt_number(v) for k, v in plan.items()}
                                        | {"calls": labels.count(plan["calls"], "call_of")})


def sampling_note(settings: ReviewSettings) -> str:
    """Who has too few reviewed calls this month: the lead of the sampling table."""
    return S["sampling"].format(minimum=labels.count(settings.min_reviews_per_manager, "reviewed_call_of"))


def shown_sampling(data: SummaryData, settings: ReviewSettings) -> Styler:
    """Managers short of reviewed calls this month, with calls suggested for listening."""
    table = calibration.sampling_suggestion(
        data.heads, data.calls, data.managers, data.month, settings.min_reviews_per_manager
    )
    shown = pd.DataFrame(
        {
            C["manager_name"]: table["manager_name"],
            C["reviewed"]: table["reviewed"],
            C["shortfall"]: table["shortfall"],
            C["candidates"]: table["candidates"],
            C["suggested"]: table["suggested"].map(", ".join),
        }
    )
    return _table(shown, [C["manager_name"], C["suggested"]])


def shown_deals(data: SummaryData, settings: ReviewSettings) -> Styler:
    """Criteria and deals moving forward after the call, over the history window."""
    table = analysis.deal_progress_by_criterion(
        data.items, data.moved, settings.min_answers_per_criterion
    )
    shown = pd.DataFrame(
        {
            C["template"]: _template_titles(table),
            C["criterion_text"]: table["criterion_text"],
            C["calls"]: table["calls"],
            C["forward_if_met"]: _percent(table["forward_if_met"]),
            C["forward_if_not"]: _percent(table["forward_if_not"]),
            C["difference"]: _signed(table["difference"]),
        }
    )
    return _table(shown, [C["template"], C["criterion_text"]])
