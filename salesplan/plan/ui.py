"""The interactive plan model (ipywidgets): controls, tables and charts that update at once.

``PlanApp(eng)`` builds the widgets; ``app.widget`` is what a notebook (or Voilà) displays.
Every control change calls ``refresh``: one ``recompute`` of the model, then the total, the
flags, the tables and the charts are refreshed in place (the charts redraw only their data).
Buttons save a scenario, compare two saved plans, approve the current plan (it becomes the plan
of record) and export the approved plan (Excel workbook and A4 plan sheets). All of it works
without a browser: set a widget's ``value`` or call ``button.click()``.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Collection
from pathlib import Path

import ipywidgets as w
import numpy as np
from IPython.display import HTML
from sqlalchemy import Engine

from salesplan import labels, store, users
from salesplan.config import reports_dir
from salesplan.control.frames import plan_lines
from salesplan.errors import SalesplanError
from salesplan.filenames import inside, safe_name
from salesplan.money import fmt_number, fmt_percent, fmt_rub
from salesplan.periods import Half, Month, Quarter, Year
from salesplan.plan.export import export_plan
from salesplan.plan.figures import ManagersChart, WaterfallChart, WeeksChart
from salesplan.plan.model import (
    METHODS,
    PlanContext,
    PlanInputs,
    PlanResult,
    describe_note,
    fallback_note,
)
from salesplan.plan.params import MAX_FACTOR_NAME
from salesplan.plan.period_plan import PeriodPlan, approve_period, by_month, propose_period, year_view
from salesplan.plan.propose import Planner
from salesplan.plan.rationale import explain
from salesplan.plan.scenarios import (
    approve_result,
    approved_plan,
    compare,
    list_plans,
    save_scenario,
    version_history,
)
from salesplan.team import NoAccess, may_open

NOTEBOOK = "plan_model.ipynb"
UI = labels.PLAN_UI
COL = labels.PLAN_COLUMNS
YEAR_TAB = 5
STYLE = """<style>
.plan-table { border-collapse: collapse; font-size: 12px; }
.plan-table th, .plan-table td { border-bottom: 1px solid #e0e0e0; padding: 2px 8px; }
.plan-table th { background: #eef1f5; text-align: left; }
.plan-table td.num { text-align: right; white-space: nowrap; }
.plan-table tr.total td { font-weight: bold; }
.plan-total { font-size: 20px; margin: 6px 0; }
.plan-flag { color: #E53935; }
</style>"""
NUM = ' class="num"'

def html_table(
    header: list[str],
    rows: list[list[str]],
    numeric: Collection[int] | None = None,
    total: list[str] | None = None,
) -> str:
    """An escaped HTML table; the ``numeric`` columns (default: all but the first) align right."""
    numeric = set(range(1, len(header))) if numeric is None else set(numeric)

    def cells(values: list[str], tag: str) -> str:
        return "".join(
            f"<{tag}{NUM if i in numeric else ''}>{html.escape(str(v))}</{tag}>"
            for i, v in enumerate(values)
        )

    body = "".join(f"<tr>{cells(r, 'td')}</tr>" for r in rows)
    foot = f"<tr class='total'>{cells(total, 'td')}</tr>" if total else ""
    return f"<table class='plan-table'><tr>{cells(header, 'th')}</tr>{body}{foot}</table>"


class PlanApp:
    """The plan model as widgets; ``result`` is the plan on screen."""

    def __init__(
        self,
        eng: Engine,
        planner: Planner | None = None,
        month: str | None = None,
        department: str | None = None,
        author: str = labels.ROLES["head"],
        out_dir: Path | None = None,
        **presets,
    ) -> None:
        """``presets``: starting values of ``PlanInputs`` fields shown by controls (``method``,
        ``key``, ``growth``, ``factors``, ``combine``); the rest of the defaults come from
        ``params/plan.yaml``."""
        self.eng = eng
        self.planner = planner or Planner.from_store(eng)
        self.out_dir = out_dir
        department = self.planner.department(department)
        month = month or self.planner.next_month()
        defaults = self.planner.inputs(month, department, **presets)
        self.overrides: dict[str, float] = {}
        self.commitments: dict[str, float] = {}
        self.result: PlanResult | None = None
        self._charts: dict[str, object] = {}
        self._static: dict[str, list[str]] = {}

        nxt = Month.parse(self.planner.next_month())
        months = {*map(str, (nxt - 12).through(nxt + 2)), month}
        self.month = w.Dropdown(description=UI["month"], value=month,
                                options=[(Month.parse(m).label, m) for m in sorted(months)])
        names = store.department_names(eng)
        self.department = w.Dropdown(description=UI["department"], value=department,
                                     options=[(names.get(d, d), d) for d in self.planner.departments])
        self.method = w.ToggleButtons(description=UI["method"], value=defaults.method,
                                      options=[(labels.PLAN_METHODS[m], m) for m in METHODS])
        self.factor_sliders = {name: self._factor_slider(name, value * 100)
                               for name, value in defaults.factors.items()}
        self.factors_box = w.VBox(list(self.factor_sliders.values()))
        self.factor_name = w.Text(description=UI["factor_new"], placeholder=UI["factor_placeholder"],
                                  style={"description_width": "180px"}, layout=w.Layout(width="360px"))
        self.add_factor_button = w.Button(description=UI["add_factor"], icon="plus")
        self.combine = w.ToggleButtons(description=UI["combine"], value=defaults.combine,
                                       options=[(v, k) for k, v in labels.PLAN_COMBINE.items()])
        self.use_growth = w.Checkbox(description=UI["use_growth"], value=defaults.growth is not None)
        self.growth = w.FloatSlider(value=(defaults.growth or 0.0) * 100, min=-50, max=100,
                                    step=0.5, readout_format=".1f",
                                    description=UI["growth"], continuous_update=False,
                                    style={"description_width": "180px"},
                                    layout=w.Layout(width="460px"))
        self.growth.add_class("plan-growth")
        self.key = w.Dropdown(description=UI["key"], value=defaults.key,
                              options=[(v, k) for k, v in labels.PLAN_KEYS.items()],
                              style={"description_width": "initial"},
                              layout=w.Layout(width="420px"))
        self.manager = w.Dropdown(description=UI["manager"])
        self.amount = w.FloatText(description=UI["amount"], value=0.0)
        self.pin_button = w.Button(description=UI["pin"], layout=w.Layout(width="auto"))
        self.commit_button = w.Button(description=UI["commit"], layout=w.Layout(width="auto"))
        self.clear_button = w.Button(description=UI["clear"], layout=w.Layout(width="auto"))
        self.rationale = w.Textarea(description=UI["rationale"], layout=w.Layout(width="700px"),
                                    style={"description_width": "initial"})
        self.scenario_name = w.Text(description=UI["scenario_name"], value=UI["default_scenario"],
                                    style={"description_width": "initial"})
        self.scenario_name.add_class("plan-scenario-name")
        # on the team server the author is the login, not typed
        self.author = w.Text(description=UI["author"], disabled=users.on_hub(),
                             value=users.login() if users.on_hub() else author)
        self.save_button = w.Button(description=UI["save"], icon="save", layout=w.Layout(width="auto"))
        self.save_button.add_class("plan-save")
        self.approve_button = w.Button(description=UI["approve"], button_style="success", icon="check")
        self.approve_button.add_class("plan-approve")
        self.export_button = w.Button(description=UI["export"], icon="file-excel-o",
                                      layout=w.Layout(width="auto"))
        self.compare_a = w.Dropdown(description=COL["a"])
        self.compare_b = w.Dropdown(description=COL["b"])
        self.compare_button = w.Button(description=UI["compare"], layout=w.Layout(width="auto"))

        self.total = w.HTML()
        self.total.add_class("plan-total-box")
        self.status = w.HTML()
        self.status.add_class("plan-status")
        self.pinned = w.HTML()
        self.managers_table, self.weeks_table, self.norms_table = w.HTML(), w.HTML(), w.HTML()
        self.methods_table, self.waterfall_table, self.year_table = w.HTML(), w.HTML(), w.HTML()
        self.period = w.Dropdown(description=UI["period"])
        self.period_button = w.Button(description=UI["period_propose"], layout=w.Layout(width="auto"))
        self.period_approve_button = w.Button(description=UI["period_approve"], button_style="success",
                                              disabled=True, layout=w.Layout(width="auto"))
        self.period_table = w.HTML()
        self._period_plan: PeriodPlan | None = None
        self.scenarios_table, self.compare_table, self.versions_table = w.HTML(), w.HTML(), w.HTML()
        self.managers_chart = w.Image(format="jpeg")
        self.weeks_chart = w.Image(format="jpeg")
        self.waterfall_chart = w.Image(format="jpeg")

        self.tabs = w.Tab(children=[
            w.VBox([self.managers_chart, self.managers_table]),
            w.VBox([self.weeks_chart, self.weeks_table]),
            self.norms_table,
            self.methods_table,
            w.VBox([self.waterfall_chart, self.waterfall_table]),
            w.VBox([self.year_table, w.HBox([self.period, self.period_button, self.period_approve_button]),
                    self.period_table]),
            w.VBox([self.scenarios_table, w.HBox([self.compare_a, self.compare_b,
                                                  self.compare_button]),
                    self.compare_table, w.HTML(f"<h4>{UI['versions']}</h4>"), self.versions_table]),
        ])
        for i, key in enumerate(["tab_managers", "tab_weeks", "tab_norms", "tab_methods",
                                 "tab_waterfall", "tab_year", "tab_scenarios"]):
            self.tabs.set_title(i, UI[key])
        self._tab_views = [self._managers, self._weeks, self._norms, self._methods, self._waterfall,
                           self._year]  # the year tab is YEAR_TAB
        self._stale: set[int] = set()
        self.widget = w.VBox([
            w.HTML(STYLE),
            w.HBox([self.month, self.department]),
            self.method,
            w.HBox([w.VBox([self.factors_box, w.HBox([self.factor_name, self.add_factor_button])]),
                    w.VBox([self.combine, self.use_growth, self.growth, self.key])]),
            w.HBox([self.manager, self.amount, self.pin_button, self.commit_button,
                    self.clear_button]),
            self.pinned,
            self.rationale,
            self.total,
            self.tabs,
            w.HBox([self.scenario_name, self.author]),
            w.HBox([self.save_button, self.approve_button, self.export_button]),
            self.status,
        ])

        for control in (self.method, self.combine, self.use_growth, self.growth, self.key,
                        *self.factor_sliders.values()):
            control.observe(self._changed, names="value")
        self.rationale.observe(self._rationale_changed, names="value")
        self.month.observe(self._context_changed, names="value")
        self.department.observe(self._context_changed, names="value")
        self.add_factor_button.on_click(self._add_factor)
        self.period_button.on_click(self._propose_period)
        self.period_approve_button.on_click(self._approve_period)
        self.pin_button.on_click(self._pin)
        self.commit_button.on_click(self._commit)
        self.clear_button.on_click(self._clear)
        self.save_button.on_click(self._save)
        self.approve_button.on_click(self._approve)
        self.export_button.on_click(self._export)
        self.compare_button.on_click(self._compare)
        self.tabs.observe(self._tab_changed, names="selected_index")
        self._context_changed()

    @classmethod
    def from_parameters(
        cls,
        db_url: str = "",
        department: str = "",
        out_dir: str = "",
        month: str = "",
        method: str = "",
        key: str = "",
        growth: float | None = None,
    ) -> PlanApp | NoAccess:
        """The app from a notebook's parameters, where "" (or None) means the default; «нет
        доступа» for a login of the team server whose role does not see the plan model."""
        if not may_open(NOTEBOOK):
            return NoAccess()
        presets = {k: v for k, v in (("method", method), ("key", key), ("growth", growth))
                   if v not in ("", None)}
        return cls(store.engine(db_url or None), month=month or None, department=department or None,
                   out_dir=Path(out_dir) if out_dir else None, **presets)

    def view(self, interactive: bool = True):
        """What a notebook shows: the widgets, or a static page of the plan for a headless run."""
        return self.widget if interactive else HTML(self.static_html())

    def save(self, name: str) -> int:
        """Save the plan on screen as scenario ``name``; returns its id."""
        return save_scenario(self.eng, self.result, name, self.author.value)

    # --- state -------------------------------------------------------------------------------

    @property
    def context(self) -> PlanContext:
        return self.planner.context(self.month.value, self.department.value)

    def inputs(self) -> PlanInputs:
        """The inputs the controls describe."""
        return self.planner.inputs(
            self.month.value,
            self.department.value,
            method=self.method.value,
            factors={name: s.value / 100 for name, s in self.factor_sliders.items()},
            combine=self.combine.value,
            growth=self.growth.value / 100 if self.use_growth.value else None,
            key=self.key.value,
            overrides=dict(self.overrides),
            commitments=dict(self.commitments),
            rationale=self.rationale.value,
        )

    # --- callbacks ---------------------------------------------------------------------------

    @staticmethod
    def _factor_slider(name: str, percent: float) -> w.FloatSlider:
        slider = w.FloatSlider(
            value=percent, min=-50, max=100, step=0.5,
            description=labels.PLAN_FACTORS.get(name, name) + ", %", readout_format=".1f",
            continuous_update=False, style={"description_width": "180px"},
            layout=w.Layout(width="460px"),
        )
        slider.add_class(f"plan-factor-{safe_name(name)}")
        return slider

    def _add_factor(self, _button=None) -> None:
        """A factor of the head's own (competitors, currency…): a new slider at 0 %."""
        name = " ".join(self.factor_name.value.split())
        if not name or len(name) > MAX_FACTOR_NAME:
            self._say(UI["factor_bad"].format(limit=MAX_FACTOR_NAME), error=True)
            return
        if name in self.factor_sliders:
            self._say(UI["factor_exists"].format(name=name), error=True)
            return
        slider = self._factor_slider(name, 0.0)
        slider.observe(self._changed, names="value")
        self.factor_sliders[name] = slider
        self.factors_box.children = (*self.factors_box.children, slider)
        self.factor_name.value = ""

    def _changed(self, _change=None) -> None:
        self.refresh()

    def _tab_changed(self, _change=None) -> None:
        self._show(self.tabs.selected_index)

    def _rationale_changed(self, _change=None) -> None:
        if self.result is not None:
            self.result = self.planner.propose(self.inputs())

    def _context_changed(self, _change=None) -> None:
        ctx = self.context
        self.overrides.clear()
        self.commitments.clear()
        self.manager.options = list(zip(ctx.names, ctx.manager_ids, strict=True))
        self.manager.value = ctx.manager_ids[0] if ctx.manager_ids else None
        self._charts = {"managers": ManagersChart(list(ctx.names)), "weeks": WeeksChart(ctx.weeks)}
        self.managers_chart.width = self._charts["managers"].width
        self.weeks_chart.width = self._charts["weeks"].width
        self._static = {
            "last_year": [fmt_rub(v) for v in ctx.last_year],
            "best": [fmt_rub(v) for v in ctx.best_month],
            "roles": [labels.ROLES.get(r, r) for r in ctx.roles],
        }
        month = Month.parse(self.month.value)
        self.period.options = [(p.label, str(p)) for p in (Quarter.of(month.start), Half.of(month.start),
                                                           Year(month.year))]
        self._period_plan, self.period_table.value = None, ""
        self.period_approve_button.disabled = True
        self.refresh()
        self._refresh_saved()

    def _propose_period(self, _button=None) -> None:
        """Each month of the chosen quarter, half or year with the choices on screen (method,
        factors, growth, key; a pinned amount is a month's own and is not carried)."""
        chosen = self.inputs()
        self._period_plan = plan = propose_period(
            self.planner, self.period.value, self.department.value, method=chosen.method,
            factors=chosen.factors, combine=chosen.combine, growth=chosen.growth, key=chosen.key)
        rows = [[Month.parse(r.inputs.month).label, fmt_rub(r.total), labels.PLAN_METHODS[r.inputs.method]]
                for r in plan.months]
        rows.append([labels.CONTROL["total"], fmt_rub(plan.total), ""])
        self.period_table.value = html_table([COL["month"], COL["total"], COL["method"]], rows, numeric=[1])
        self.period_approve_button.disabled = False

    def _approve_period(self, _button=None) -> None:
        plan = self._period_plan
        if plan is None:
            return
        try:
            approve_period(self.eng, plan, self.scenario_name.value, self.author.value)
        except SalesplanError as exc:
            self._say(str(exc), error=True)
            return
        self._say(UI["period_approved"].format(period=plan.period.label, total=fmt_rub(plan.total)))
        self._stale.add(YEAR_TAB)
        self._show(self.tabs.selected_index)
        self._refresh_saved()

    def _pin(self, _button=None) -> None:
        self.overrides[self.manager.value] = float(self.amount.value)
        self.refresh()

    def _commit(self, _button=None) -> None:
        self.commitments[self.manager.value] = float(self.amount.value)
        self.refresh()

    def _clear(self, _button=None) -> None:
        self.overrides.clear()
        self.commitments.clear()
        self.refresh()

    def _say(self, message: str, error: bool = False) -> None:
        shown = UI["error"].format(message=message) if error else message
        self.status.value = f"<div class='{'plan-flag' if error else ''}'>{html.escape(shown)}</div>"

    def _save(self, _button=None) -> None:
        try:
            plan_id = self.save(self.scenario_name.value)
        except SalesplanError as exc:
            self._say(str(exc), error=True)
            return
        version = list_plans(self.eng, self.month.value, self.department.value).set_index("id")
        self._say(UI["saved"].format(name=self.scenario_name.value.strip(),
                                     version=int(version.loc[plan_id, "version"])))
        self._refresh_saved()

    def _approve(self, _button=None) -> None:
        if self.result is None:
            return
        try:
            approve_result(self.eng, self.result, self.scenario_name.value, self.author.value)
        except SalesplanError as exc:
            self._say(str(exc), error=True)
            return
        plan = approved_plan(self.eng, self.month.value, self.department.value)
        self._say(UI["approved"].format(month=Month.parse(plan.month).label, version=plan.version))
        self._refresh_saved()

    def _export(self, _button=None) -> None:
        plan = approved_plan(self.eng, self.month.value, self.department.value)
        if plan is None:
            self._say(UI["no_approved"].format(month=Month.parse(self.month.value).label), error=True)
            return
        files = export_plan(self.eng, plan, self.out_dir or inside(reports_dir(), "plans", plan.month))
        self._say(UI["exported"].format(files=", ".join(str(f) for f in files[:2]) + " …"))

    def _compare(self, _button=None) -> None:
        if self.compare_a.value is None or self.compare_b.value is None:
            return
        diff = compare(self.eng, self.compare_a.value, self.compare_b.value)
        rows = [[r.name, fmt_rub(r.a), fmt_rub(r.b), fmt_rub(r.delta), fmt_percent(r.delta_pct)]
                for r in diff.managers.itertuples(index=False)]
        total = [COL["total"], fmt_rub(diff.a.total), fmt_rub(diff.b.total),
                 fmt_rub(diff.delta_total), ""]
        changed = [[labels.PLAN_INPUTS.get(r.input.split(".")[0], r.input) + f" ({r.input})",
                    str(r.a), str(r.b)] for r in diff.inputs.itertuples(index=False)]
        self.compare_table.value = (
            html_table([COL["name"], COL["a"], COL["b"], COL["delta"], COL["delta_pct"]], rows,
                       total=total)
            + (html_table([COL["input"], COL["a"], COL["b"]], changed, numeric=[]) if changed else "")
        )

    # --- display -----------------------------------------------------------------------------

    def _refresh_saved(self) -> None:
        plans = list_plans(self.eng, self.month.value, self.department.value)
        options = [
            (f"{r.name} v{r.version} ({labels.PLAN_STATUS[r.status]}) — {fmt_rub(r.total)}", int(r.id))
            for r in plans.itertuples(index=False)
        ]
        self.compare_a.options = options
        self.compare_b.options = options
        if len(options) >= 2:
            self.compare_a.value, self.compare_b.value = options[1][1], options[0][1]
        self.scenarios_table.value = html_table(
            [COL["name"], COL["status"], COL["version"], COL["author"], COL["created_at"],
             COL["total"]],
            [[r.name, labels.PLAN_STATUS[r.status], str(r.version), r.author,
              f"{r.created_at:%d.%m.%Y %H:%M}", fmt_rub(r.total)] for r in plans.itertuples()],
            numeric=[2, 5],
        ) if len(plans) else html.escape(UI["no_scenarios"])
        history = version_history(self.eng, self.month.value, self.department.value)
        self.versions_table.value = html_table(
            [COL["version"], COL["author"], COL["created_at"], COL["total"], COL["delta"],
             COL["changes"]],
            [[str(r.version), r.author, f"{r.created_at:%d.%m.%Y %H:%M}", fmt_rub(r.total),
              fmt_rub(r.delta), r.inputs_changed] for r in history.itertuples()],
            numeric=[0, 3, 4],
        )

    def _show(self, tab: int | None) -> None:
        """Refresh a tab's tables and charts if the plan changed since it was last drawn."""
        if tab in self._stale and self.result is not None:
            self._tab_views[tab](self.result)
            self._stale.discard(tab)

    def render_all(self) -> None:
        """Refresh every tab now (for a static page, e.g. the notebook run headless)."""
        for tab in list(self._stale):
            self._show(tab)

    def static_html(self) -> str:
        """The plan on screen as one static page: total, tables and charts (for a headless run)."""
        self.render_all()
        parts = [STYLE, f"<h2>{html.escape(UI['title'])}</h2>", self.total.value]
        for title, chart, table in (
            ("tab_managers", self.managers_chart, self.managers_table),
            ("tab_weeks", self.weeks_chart, self.weeks_table),
            ("tab_norms", None, self.norms_table),
            ("tab_methods", None, self.methods_table),
            ("tab_waterfall", self.waterfall_chart, self.waterfall_table),
        ):
            parts.append(f"<h3>{html.escape(UI[title])}</h3>")
            if chart is not None:
                data = base64.b64encode(chart.value).decode()
                parts.append(f"<img src='data:image/jpeg;base64,{data}'>")
            parts.append(table.value)
        return "".join(parts)

    def refresh(self) -> None:
        """Recompute; refresh the total and the open tab (other tabs when they are opened)."""
        try:
            result = self.planner.propose(self.inputs())
        except SalesplanError as exc:
            self._say(str(exc), error=True)
            return
        self.result = result
        self.status.value = ""
        ctx = result.context
        coverage = labels.PLAN_FLAGS["low_coverage" if result.low_coverage else "coverage"].format(
            coverage=fmt_percent(result.coverage * 100),
            threshold=fmt_percent(result.inputs.realism.min_pipeline_coverage * 100),
        )
        self.total.value = (
            f"<div class='plan-total'>{html.escape(UI['total'])}: "
            f"<b class='plan-total-value'>{html.escape(fmt_rub(result.total))}</b></div>"
            f"<div class='{'plan-flag' if result.low_coverage else ''}'>{html.escape(coverage)}</div>"
            f"<div>{html.escape(explain(result))}</div>"
        )
        if self.planner.history.unassigned:
            self.total.value += "<div class='plan-flag'>{}</div>".format(html.escape(
                labels.PLAN_NOTES["unassigned"].format(amount=fmt_rub(self.planner.history.unassigned))))
        pinned = [f"{n}: {fmt_rub(self.overrides[m] * 100)}" for m, n in zip(ctx.manager_ids, ctx.names,
                                                                               strict=True)
                  if m in self.overrides]
        committed = [f"{n}: {fmt_rub(self.commitments[m] * 100)}"
                     for m, n in zip(ctx.manager_ids, ctx.names, strict=True) if m in self.commitments]
        self.pinned.value = html.escape(
            "; ".join(filter(None, [", ".join(pinned), ", ".join(committed)]))
        )
        self._stale = set(range(len(self._tab_views)))
        self._show(self.tabs.selected_index)

    def _managers(self, result: PlanResult) -> None:
        ctx = result.context
        share = result.plan / result.total * 100 if result.total else np.zeros(len(result.plan))
        flags = [
            ", ".join(labels.PLAN_FLAGS[f] for f, on in (("above_best", b), ("above_capacity", c)) if on)
            or labels.PLAN_FLAGS["ok"]
            for b, c in zip(result.above_best, result.above_capacity, strict=True)
        ]
        rows = [
            [ctx.names[i], self._static["roles"][i], fmt_rub(result.plan[i]), fmt_percent(share[i]),
             self._static["last_year"][i], self._static["best"][i], fmt_rub(result.capacity[i]),
             flags[i]]
            for i in range(len(ctx.manager_ids))
        ]
        self.managers_table.value = html_table(
            [COL["name"], COL["role"], COL["plan"], COL["share"], COL["last_year"],
             COL["best_month"], COL["capacity"], COL["flags"]],
            rows, numeric=range(2, 7),
            total=[COL["total"], "", fmt_rub(result.total), fmt_percent(100.0),
                   fmt_rub(ctx.last_year.sum()), "", fmt_rub(result.capacity.sum()), ""],
        )
        self.managers_chart.value = self._charts["managers"].update(
            result.plan / 100, ctx.last_year / 100, ctx.best_month / 100
        )

    def _weeks(self, result: PlanResult) -> None:
        ctx = result.context
        weekly = result.week_amounts.sum(axis=0)
        self.weeks_table.value = html_table(
            [COL["name"], *ctx.weeks, COL["plan"]],
            [[ctx.names[i], *(fmt_rub(v) for v in result.week_amounts[i]), fmt_rub(result.plan[i])]
             for i in range(len(ctx.manager_ids))],
            total=[COL["total"], *(fmt_rub(v) for v in weekly), fmt_rub(result.total)],
        )
        self.weeks_chart.value = self._charts["weeks"].update(weekly / 100)

    def _norms(self, result: PlanResult) -> None:
        ctx, norms = result.context, result.norm_values
        columns = ["deals", "leads", "proposals", "meetings", "calls", "calls_per_day",
                   "minutes_per_day", "meetings_per_week", "proposals_per_week", "new_clients",
                   "active_clients"]
        digits = {"calls_per_day": 1, "minutes_per_day": 0, "meetings_per_week": 1,
                  "proposals_per_week": 1}
        rows = [
            [ctx.names[i], *(fmt_number(float(norms[c][i]), digits.get(c, 0)) for c in columns),
             fmt_rub(ctx.avg_check[i]), fmt_percent(ctx.conversion[i] * 100),
             fmt_number(float(ctx.calls_per_day[i]), 1),
             fmt_percent(ctx.first_purchase_share[i] * 100), fmt_number(float(ctx.active_base[i]), 0)]
            for i in range(len(ctx.manager_ids))
        ]
        months = labels.count(self.planner.history.active_months, "month")
        method = f"<p>{html.escape(UI['clients_method'].format(months=months))}</p>"
        self.norms_table.value = method + html_table(
            [COL["name"], *(COL[c] for c in columns), COL["avg_check"], COL["conversion"],
             COL["calls_per_day_actual"], COL["first_purchase_share"], COL["active_base"]],
            rows,
        )

    def _methods(self, result: PlanResult) -> None:
        rows = [
            [labels.PLAN_METHODS[r.method], fmt_rub(r.total) if r.available else "—",
             describe_note(r.note)]
            for r in result.proposals.itertuples(index=False)
        ]
        note = fallback_note(result, self.planner.params.method)
        self.methods_table.value = (f"<p>{html.escape(note)}</p>" if note else "") + html_table(
            [COL["method"], COL["total"], COL["note"]], rows, numeric=[1])

    def _year(self, result: PlanResult) -> None:
        """The year of the month on screen: each month's plan of record and its fact (the plan
        model's fact), and the plan on screen beside its month."""
        month = Month.parse(result.inputs.month)
        department = result.inputs.department
        revenue = self.planner.history.for_department(department).revenue
        fact = revenue.groupby("ym")["amount"].sum()
        fact.index = [str(Month.from_ordinal(int(ym))) for ym in fact.index]
        lines = plan_lines(self.eng, *Year(month.year).bounds, department)
        view = year_view(by_month(lines), fact, month.year)
        rows = [[Month.parse(r.month).label, fmt_rub(r.plan) if r.plan else "—", fmt_rub(r.fact),
                 fmt_percent(r.pct), fmt_rub(result.total) if r.month == str(month) else ""]
                for r in view.itertuples()]
        planned = view[view["plan"] > 0]  # the year's % of plan: over the months that have one
        pct = planned["fact"].sum() * 100 / planned["plan"].sum() if len(planned) else None
        rows.append([labels.CONTROL["total"], fmt_rub(view["plan"].sum()), fmt_rub(view["fact"].sum()),
                     fmt_percent(pct), ""])
        lead = UI["year_lead"].format(year=month.year, month=month.label)
        self.year_table.value = f"<p>{html.escape(lead)}</p>" + html_table(
            [COL["month"], COL["plan_of_record"], COL["fact"], COL["pct"], COL["on_screen"]], rows,
            numeric=[1, 2, 3, 4])

    def _waterfall(self, result: PlanResult) -> None:
        names, amounts = result.waterfall_steps
        chart = self._charts.get("waterfall")
        if chart is None or chart.steps != names:
            chart = self._charts["waterfall"] = WaterfallChart(names)
            self.waterfall_chart.width = chart.width
        self.waterfall_table.value = html_table(
            [COL["step"], COL["amount"]],
            [[labels.PLAN_STEPS.get(n, n), fmt_rub(a)] for n, a in zip(names, amounts, strict=True)],
        )
        self.waterfall_chart.value = chart.update(amounts / 100)
