"""The head's form for one manager's attestation: competency ratings, test scores, the ИПР
edited from its draft, and finalising — ipywidgets over ``inputs`` and ``assessment``.

``SheetForm(eng, period, manager).sheet`` is the sheet as HTML (static, so it also shows in
an exported page); ``.widget`` is the form. Each save re-reads the evidence and redraws the
sheet below the form; a finalised sheet shows with the form locked.
"""

from __future__ import annotations

from datetime import date
from html import escape

import ipywidgets as w
import pandas as pd
from IPython.display import HTML, display
from sqlalchemy import Engine

from salesplan import labels
from salesplan.attestation import assessment, inputs, sheet
from salesplan.attestation.development import Goal
from salesplan.attestation.template import AttestationTemplate, load_template
from salesplan.errors import SalesplanError
from salesplan.periods import Half, Quarter

F = labels.ATTESTATION_FORM
NO_RATING = "—"


class SheetForm:
    """One manager's sheet and the form that feeds it."""

    def __init__(self, eng: Engine, period: Quarter | Half, manager_id: str, department: str = "",
                 out_dir: str = ".", template: AttestationTemplate | None = None):
        self.eng, self.period, self.manager_id, self.department = eng, period, manager_id, department
        self.template = template or load_template()
        self.out_dir = out_dir
        self.payload = self._load()
        comps = self.template.components
        self.ratings = {
            key: w.Dropdown(options=[NO_RATING, 1, 2, 3, 4, 5], description=ind.name,
                            style={"description_width": "22em"}, layout=w.Layout(width="32em"))
            for key, ind in (comps["competencies"].indicators.items() if "competencies" in comps else [])
        }
        self.tests = {
            key: (w.BoundedFloatText(min=0, max=1000, description=ind.name, layout=w.Layout(width="30em"),
                                     style={"description_width": "22em"}),
                  w.BoundedFloatText(value=100, min=1, max=1000, description=F["of"],
                                     layout=w.Layout(width="12em")))
            for key, ind in (comps["knowledge_test"].indicators.items() if "knowledge_test" in comps else [])
        }
        self.taken_on = w.DatePicker(description=F["taken_on"], value=self.period.end)
        self.goals = [self._goal_row() for _ in range(self.template.development.max_goals)]
        self.by = w.Text(description=F["by"], placeholder=F["by_hint"])
        self.save_inputs = w.Button(description=F["save_inputs"], button_style="primary")
        self.save_plan = w.Button(description=F["save_plan"])
        self.finalise = w.Button(description=F["finalise"], button_style="danger")
        self.status = w.HTML()
        self.preview = w.Output()
        self.save_inputs.on_click(lambda _: self._act(self._save_inputs))
        self.save_plan.on_click(lambda _: self._act(self._save_plan))
        self.finalise.on_click(lambda _: self._act(self._finalise))
        self._fill()

    # --- state ------------------------------------------------------------------------------

    def _load(self) -> dict:
        sheets = assessment.build(self.eng, self.period, self.department, self.template)
        for payload in sheets:
            if payload["manager"]["id"] == self.manager_id:
                return payload
        raise SalesplanError(F["not_attested"].format(manager=self.manager_id, period=str(self.period)))

    @staticmethod
    def _goal_row() -> dict[str, w.Widget]:
        text = {"layout": w.Layout(width="100%", height="3.2em")}
        return {"goal": w.Textarea(placeholder=F["goal"], **text),
                "measure": w.Textarea(placeholder=F["measure"], **text),
                "means": w.Textarea(placeholder=F["means"], **text),
                "deadline": w.DatePicker(),
                "owner": w.Text(placeholder=F["owner"])}

    def _fill(self) -> None:
        """Put the stored inputs and the sheet's ИПР into the controls."""
        rated = inputs.ratings_frame(self.eng, self.period)
        rated = rated[rated["manager_id"] == self.manager_id].set_index("competency")["rating"]
        for key, control in self.ratings.items():
            control.value = int(rated[key]) if key in rated else NO_RATING
        tests = inputs.tests_frame(self.eng, self.period)
        tests = tests[tests["manager_id"] == self.manager_id].set_index("topic")
        for key, (score, top) in self.tests.items():
            if key in tests.index:
                top.value, score.value = float(tests.loc[key, "max_score"]), float(tests.loc[key, "score"])
                self.taken_on.value = tests.loc[key, "taken_on"].date()
        goals = self.payload["plan"]["goals"]
        for row, goal in zip(self.goals, [*goals, *[None] * len(self.goals)], strict=False):
            for field, control in row.items():
                if field == "deadline":
                    control.value = date.fromisoformat(goal["deadline"]) if goal else None
                else:
                    control.value = goal[field] if goal else ""
        locked = self.payload["finalised"] is not None
        for control in self._controls():
            control.disabled = locked
        if locked:
            self.status.value = F["locked"].format(by=self.payload["finalised"]["by"])

    def _controls(self) -> list[w.Widget]:
        return [*self.ratings.values(), *(c for pair in self.tests.values() for c in pair), self.taken_on,
                *(c for row in self.goals for c in row.values()), self.by, self.save_inputs, self.save_plan,
                self.finalise]

    # --- actions ----------------------------------------------------------------------------

    def _who(self) -> str:
        who = self.by.value.strip()
        if not who:
            raise SalesplanError(F["by_missing"])
        return who

    def _save_inputs(self) -> str:
        who = self._who()
        chosen = {k: int(c.value) for k, c in self.ratings.items() if c.value != NO_RATING}
        inputs.save_ratings(self.eng, self.period, self.manager_id, chosen, who, self.template)
        rows = pd.DataFrame(
            [(self.manager_id, str(self.period), key, score.value, top.value, self.taken_on.value)
             for key, (score, top) in self.tests.items() if score.value > 0],
            columns=["manager_id", "period", "topic", "score", "max_score", "taken_on"])
        inputs.save_test_scores(self.eng, rows, self.template, "form")
        return F["saved_inputs"].format(ratings=len(chosen), tests=len(rows))

    def _save_plan(self) -> str:
        goals = [Goal(goal=r["goal"].value.strip(), measure=r["measure"].value.strip(),
                      means=r["means"].value.strip(), deadline=r["deadline"].value,
                      owner=r["owner"].value.strip())
                 for r in self.goals if r["goal"].value.strip()]
        missing = [g.goal for g in goals if not (g.measure and g.means and g.owner and g.deadline)]
        if missing:
            raise SalesplanError(F["goal_incomplete"].format(goal=missing[0]))
        inputs.save_plan_edit(self.eng, self.period, self.manager_id, goals, self._who())
        return F["saved_plan"].format(n=len(goals))

    def _finalise(self) -> str:
        assessment.finalise(self.eng, self.period, [self.manager_id], self._who(), self.template)
        return F["finalised"]

    def _act(self, action) -> None:
        """Run a button's action; show its result or the error, then redraw the sheet."""
        try:
            message = action()
        except SalesplanError as exc:
            self.status.value = f"<b>{F['error']}</b> {escape(str(exc))}"
            return
        self.payload = self._load()
        self._fill()
        self.status.value = escape(message)
        self.preview.clear_output()
        with self.preview:
            display(self.sheet)

    # --- what the notebook shows ------------------------------------------------------------

    @property
    def sheet(self) -> HTML:
        return HTML(str(sheet.sheet_body(self.payload)))

    @property
    def widget(self) -> w.Widget:
        rows = [w.HTML(f"<b>{F['ratings']}</b>"), *self.ratings.values(),
                w.HTML(f"<b>{F['tests']}</b>"), *(w.HBox(list(pair)) for pair in self.tests.values()),
                self.taken_on, w.HTML(f"<b>{F['plan']}</b>")]
        rows += [w.GridBox(list(r.values()), layout=w.Layout(grid_template_columns="3fr 3fr 3fr 1.3fr 1.5fr"))
                 for r in self.goals]
        buttons = w.HBox([self.save_inputs, self.save_plan, self.finalise])
        rows += [self.by, buttons, self.status, self.preview]
        return w.VBox(rows)
