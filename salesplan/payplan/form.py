"""The manager's payment plan form (ipywidgets), usable in JupyterLab, in Voilà and in tests.

``PaymentPlanForm(eng)``: choose the manager and the plan — for a week (``YYYY-Www``) or for
tomorrow (a day, ``YYYY-MM-DD``) — and the rows come pre-filled (``prefill.first_rows``): the
newest version submitted, else the expected payments with their stage probabilities. Edit
dates, amounts and probabilities, add deals, remove rows, then «Сдать план»: the rows are
checked (each bad one named by row and column) and stored as the next version
(``repository.submit``); the versions submitted are listed below. Money in roubles,
probability in per cent.

Everything a user typed is HTML-escaped before it is shown.
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as w
import pandas as pd
from sqlalchemy import Engine

from salesplan import clock, labels, store
from salesplan.calendar import default_calendar
from salesplan.errors import PaymentPlanError, PeriodError
from salesplan.money import fmt_rub, roubles, to_kopecks
from salesplan.payplan import repository as repo
from salesplan.payplan import rows as R
from salesplan.payplan.prefill import first_rows
from salesplan.reviews.templates import REVIEWED_ROLES

L = labels.PAYPLAN_FORM
TITLES = labels.PAYPLAN_COLUMNS
WIDTHS = {"client": "180px", "contact": "150px", "business": "130px", "annual_turnover": "120px",
          "deal": "170px", "expected_date": "150px", "amount": "120px", "stage": "140px",
          "probability": "70px", "weighted": "110px", "remove": "80px"}


def _esc(text) -> str:
    return html.escape("" if text is None else str(text))


def default_period(kind: str, today: date) -> str:
    """A plan is made ahead: for the week of the next working day (on Friday, next week's), or
    for the next working day itself."""
    return repo.period_of(kind, default_calendar().next_working_day(today))


class PlanRow:
    """The widgets of one row; ``client_id`` and ``deal_id`` ride along unseen."""

    def __init__(self, on_change, on_remove, values: dict | None = None) -> None:
        v = values or {}
        self.client_id, self.deal_id = v.get("client_id"), v.get("deal_id")

        def text(column):
            return w.Text(value=v.get(column) or "", placeholder=TITLES[column])

        def money(column):
            value = v.get(column)
            return w.FloatText(value=0.0 if value is None or pd.isna(value) else roubles(int(value)))

        probability = v.get("probability")
        self.fields: dict[str, w.Widget] = {
            "client": text("client"), "contact": text("contact"), "business": text("business"),
            "annual_turnover": money("annual_turnover"), "deal": text("deal"),
            "expected_date": w.DatePicker(value=v.get("expected_date")), "amount": money("amount"),
            "stage": text("stage"),
            "probability": w.FloatText(value=0.0 if probability is None or pd.isna(probability)
                                       else round(probability * 100, 6)),
        }
        self.weighted = w.HTML()
        self.remove = w.Button(description=L["remove"], icon="trash")
        for column, widget in self.fields.items():
            widget.layout = w.Layout(width=WIDTHS[column])
            widget.add_class(f"sp-pp-{column.replace('_', '-')}")
            widget.observe(lambda _c: (self._show_weighted(), on_change()), "value")
        self.weighted.layout = w.Layout(width=WIDTHS["weighted"])
        self.remove.layout = w.Layout(width=WIDTHS["remove"])
        self.remove.add_class("sp-pp-remove")
        self.remove.on_click(lambda _b: on_remove(self))
        self.root = w.HBox([*self.fields.values(), self.weighted, self.remove])
        self.root.add_class("sp-pp-row")
        self._show_weighted()

    def values(self) -> dict:
        """The row as ``rows.COLUMNS`` (kopecks, a fraction)."""
        f = {column: widget.value for column, widget in self.fields.items()}
        return {**f, "client_id": self.client_id, "deal_id": self.deal_id,
                "annual_turnover": to_kopecks(f["annual_turnover"] or 0),
                "amount": to_kopecks(f["amount"] or 0),
                "probability": (f["probability"] or 0) / 100}

    def _show_weighted(self) -> None:
        amount = to_kopecks(self.fields["amount"].value or 0)
        self.weighted.value = _esc(fmt_rub(amount * (self.fields["probability"].value or 0) / 100))


class PaymentPlanForm:
    """The form's widgets and behaviour; ``root`` is the widget to display."""

    def __init__(self, eng: Engine, manager: str = "", kind: str = "week", period: str = "",
                 today: date | None = None) -> None:
        self.eng = eng
        self.today = today or clock.today()
        self.plan_rows: list[PlanRow] = []
        self._loading = False
        staff = store.read_table(eng, "managers")
        staff = staff[staff["role"].isin(REVIEWED_ROLES) & (
            staff["leave_date"].isna() | (staff["leave_date"] >= pd.Timestamp(self.today)))]
        staff = staff.sort_values("name")
        choices = [(L["choose"], None), *zip(staff["name"], staff["id"], strict=True)]
        self.manager = w.Dropdown(options=choices, description=L["manager"])
        self.kind = w.ToggleButtons(options=[(t, k) for k, t in L["kinds"].items()], value=kind,
                                    description=L["kind"])
        self.period = w.Text(value=period or default_period(kind, self.today),
                             description=L["week" if kind == "week" else "day"], continuous_update=False)
        self.source = w.HTML()
        self.header = w.HBox([w.HTML(f"<b>{_esc(TITLES[c])}</b>", layout=w.Layout(width=WIDTHS[c]))
                              for c in (*R.COLUMNS, "weighted") if c in WIDTHS])
        self.rows_box = w.VBox()
        self.total = w.HTML()
        self.add_button = w.Button(description=L["add"], icon="plus")
        self.submit_button = w.Button(description=L["submit"], button_style="primary", icon="check")
        self.status = w.HTML()
        self.versions = w.HTML()
        for widget, css in ((self.manager, "sp-pp-manager"), (self.kind, "sp-pp-kind"),
                            (self.period, "sp-pp-period"), (self.source, "sp-pp-source"),
                            (self.total, "sp-pp-total"), (self.add_button, "sp-pp-add"),
                            (self.submit_button, "sp-pp-submit"), (self.status, "sp-pp-status"),
                            (self.versions, "sp-pp-versions")):
            widget.add_class(css)
        self.manager.observe(self.load, "value")
        self.kind.observe(self._on_kind, "value")
        self.period.observe(self.load, "value")
        self.add_button.on_click(lambda _b: self.add_row())
        self.submit_button.on_click(self.submit)
        self.root = w.VBox([
            w.HBox([self.manager, self.kind, self.period]), self.source, self.header, self.rows_box,
            self.total, w.HBox([self.add_button, self.submit_button]), self.status,
            w.HTML(f"<h4>{_esc(L['versions'])}</h4>"), self.versions,
        ])
        if manager:
            self.manager.value = manager
        else:
            self.status.value = _esc(L["need_manager"])

    def _repr_mimebundle_(self, **kwargs):
        return self.root._repr_mimebundle_(**kwargs)

    # --- rows -------------------------------------------------------------------------------

    def _on_kind(self, _change) -> None:
        self.period.description = L["week" if self.kind.value == "week" else "day"]
        self.period.value = default_period(self.kind.value, self.today)  # reloads

    def load(self, _change=None) -> None:
        """Fill the rows for the chosen manager and plan (``prefill.first_rows``)."""
        self.status.value = ""
        if not self.manager.value:
            self._set_rows(R.empty())
            self.source.value = ""
            return
        try:
            rows, note = first_rows(self.eng, self.kind.value, self.period.value.strip(),
                                    self.manager.value, self.today)
        except PeriodError as exc:
            self._set_rows(R.empty())
            self.source.value, self.status.value = "", _esc(exc)
            return
        self._set_rows(rows)
        self.source.value = _esc(note)
        self._show_versions()

    def _set_rows(self, rows: pd.DataFrame) -> None:
        self._loading = True
        self.plan_rows = [PlanRow(self._show_total, self.remove_row, r)
                          for r in rows.astype("object").where(rows.notna(), None).to_dict("records")]
        self.rows_box.children = [r.root for r in self.plan_rows]
        self._loading = False
        self._show_total()

    def add_row(self) -> PlanRow:
        row = PlanRow(self._show_total, self.remove_row)
        self.plan_rows.append(row)
        self.rows_box.children = [*self.rows_box.children, row.root]
        return row

    def remove_row(self, row: PlanRow) -> None:
        self.plan_rows.remove(row)
        self.rows_box.children = [r.root for r in self.plan_rows]
        self._show_total()

    def rows(self) -> pd.DataFrame:
        """The rows as typed in (``rows.typed``)."""
        return R.typed(pd.DataFrame([r.values() for r in self.plan_rows], columns=R.COLUMNS))

    def _show_total(self) -> None:
        if self._loading:
            return
        rows = self.rows()
        self.total.value = _esc(L["total"].format(
            rows=labels.count(len(rows), "row"), amount=fmt_rub(rows["amount"].sum()),
            weighted=fmt_rub(R.weighted(rows).sum())))

    # --- submitting -------------------------------------------------------------------------

    def submit(self, _button=None) -> repo.Submitted | None:
        """Store the rows as the next version; a refusal is shown, row by row."""
        if not self.manager.value:
            self.status.value = _esc(L["need_manager"])
            return None
        submission = repo.Submission(self.kind.value, self.period.value.strip(), self.manager.value,
                                     self.rows())
        try:
            done = repo.submit(self.eng, submission)
        except (PaymentPlanError, PeriodError) as exc:
            self.status.value = "<br>".join(_esc(line) for line in str(exc).splitlines())
            return None
        self.status.value = _esc(L["submitted"].format(
            version=done.version, rows=labels.count(len(done.rows), "row"),
            amount=fmt_rub(done.rows["amount"].sum()), weighted=fmt_rub(R.weighted(done.rows).sum())))
        self._show_versions()
        return done

    def _show_versions(self) -> None:
        found = repo.versions(self.eng, self.kind.value, self.period.value.strip(), self.manager.value)
        if found.empty:
            self.versions.value = _esc(L["versions_none"])
            return
        head = "".join(f"<th>{_esc(t)}</th>" for t in L["version_columns"])
        body = "".join(
            "<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in (
                v.version, f"{v.submitted_at:%d.%m.%Y %H:%M}", v.submitted_by,
                L["from_form"] if v.source == "form" else v.source, v.rows,
                fmt_rub(v.amount), fmt_rub(v.weighted))) + "</tr>"
            for v in found.itertuples())
        self.versions.value = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
