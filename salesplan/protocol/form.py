"""The meeting protocol form (ipywidgets), filled during a meeting: in JupyterLab, in Voilà
(``notebooks/meeting_protocol.ipynb``) and in tests.

Choose the meeting (kind, date, department). Above, the open items of earlier protocols as
they stand on the meeting's date: mark one done or cancelled, or give it a new deadline.
Below, add the meeting's items one by one — a decision, a task, a promise or a deviation,
with its owner, deadline, amount or figures — then «Сохранить протокол». Every change is
autosaved as the login's draft, so a closed tab or a re-run cell loses nothing. The latest
saved items are listed at the bottom.

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
from salesplan.importing.parsing import parse_money
from salesplan.protocol import pages
from salesplan.protocol.repository import (
    CANCELLED,
    DONE,
    OPEN,
    ItemInput,
    MeetingInput,
    ProtocolError,
    change,
    checked,
    delete_draft,
    load_draft,
    roster,
    save_draft,
    save_protocol,
)
from salesplan.protocol.sheet import number

L = labels.PROTOCOL_FORM
RECENT = 30  # saved items listed
ITEM_FIELDS = ("kind", "text", "owner", "deadline", "amount", "metric", "plan_value", "fact_value")


def _esc(text) -> str:
    return html.escape("" if text is None else str(text))


def items_html(shown: pd.DataFrame, css: str) -> str:
    """Display rows (``pages.rows``) as an escaped HTML table with Russian headings."""
    return shown.rename(columns=labels.PROTOCOL_COLUMNS).to_html(
        index=False, escape=True, classes=css, border=0)


class ProtocolForm:
    """The form's widgets and behaviour; ``root`` is the widget to display."""

    def __init__(self, eng: Engine, today: date | None = None) -> None:
        self.eng = eng
        self.today = today or clock.today()
        self.pending: list[dict] = []  # items added, not yet saved (ItemInput as JSON)
        self._quiet = False
        managers = store.read_table(eng, "managers", ["id", "name", "leave_date"])
        left = managers["leave_date"] < pd.Timestamp(self.today)
        self.names = dict(zip(managers["id"], managers["name"], strict=True))
        departments = store.read_table(eng, "departments", ["id", "name"])

        self.meeting_kind = w.Dropdown(options=[(t, k) for k, t in labels.MEETING_KINDS.items()],
                                       description=L["meeting_kind"])
        self.held_on = w.DatePicker(value=self.today, description=L["held_on"])
        self.department = w.Dropdown(
            options=[(L["all_departments"], ""), *zip(departments["name"], departments["id"], strict=True)],
            description=L["department"])
        self.follow_up = w.HTML()
        self.item_pick = w.Dropdown(options=[], description=L["pick_item"])
        self.note = w.Text(description=L["note"])
        self.new_deadline = w.DatePicker(value=None, description=L["deadline"])
        self.done_button = w.Button(description=L["close_done"], icon="check")
        self.cancel_button = w.Button(description=L["close_cancel"])
        self.postpone_button = w.Button(description=L["postpone"])

        self.kind = w.Dropdown(options=[(t, k) for k, t in labels.ITEM_KINDS.items()], value="task",
                               description=L["kind"])
        self.text = w.Textarea(placeholder=L["text_placeholder"], description=L["text"],
                               layout=w.Layout(width="95%"))
        people = managers[~left].sort_values("name")
        self.owner = w.Dropdown(
            options=[(L["no_owner"], None), *zip(people["name"], people["id"], strict=True)],
            description=L["owner"])
        self.deadline = w.DatePicker(value=None, description=L["deadline"])
        self.amount = w.Text(description=L["amount"])
        self.metric = w.Text(description=L["metric"])
        self.plan_value = w.Text(description=L["plan_value"])
        self.fact_value = w.Text(description=L["fact_value"])
        self.add_button = w.Button(description=L["add"], icon="plus")
        self.remove_button = w.Button(description=L["remove"])
        self.pending_html = w.HTML()
        self.save_button = w.Button(description=L["save"], button_style="primary", icon="save")
        self.status = w.HTML()
        self.recent = w.HTML()

        for widget, css in (
            (self.meeting_kind, "sp-meeting-kind"), (self.held_on, "sp-held-on"),
            (self.department, "sp-department"), (self.follow_up, "sp-follow-up"),
            (self.item_pick, "sp-item-pick"), (self.note, "sp-note"), (self.new_deadline, "sp-new-deadline"),
            (self.done_button, "sp-done"), (self.cancel_button, "sp-cancel"),
            (self.postpone_button, "sp-postpone"), (self.kind, "sp-kind"), (self.text, "sp-text"),
            (self.owner, "sp-owner"), (self.deadline, "sp-deadline"), (self.amount, "sp-amount"),
            (self.metric, "sp-metric"), (self.plan_value, "sp-plan"), (self.fact_value, "sp-fact"),
            (self.add_button, "sp-add"), (self.remove_button, "sp-remove"),
            (self.pending_html, "sp-pending"), (self.save_button, "sp-save"), (self.status, "sp-status"),
            (self.recent, "sp-recent"),
        ):
            widget.add_class(css)
        label = {"description_width": "110px"}
        for widget in (self.meeting_kind, self.held_on, self.department, self.item_pick, self.note,
                       self.new_deadline, self.kind, self.text, self.owner, self.deadline, self.amount,
                       self.metric, self.plan_value, self.fact_value):
            widget.style = label
        self.item_pick.layout = w.Layout(width="95%")

        for widget in (self.meeting_kind, self.held_on, self.department):
            widget.observe(self._on_meeting, "value")
        for widget in (self.kind, self.text, self.owner, self.deadline, self.amount, self.metric,
                       self.plan_value, self.fact_value):
            widget.observe(self._changed, "value")
        self.add_button.on_click(self.add)
        self.remove_button.on_click(self.remove)
        self.save_button.on_click(self.save)
        self.done_button.on_click(lambda _b: self.close_item(DONE))
        self.cancel_button.on_click(lambda _b: self.close_item(CANCELLED))
        self.postpone_button.on_click(lambda _b: self.close_item(OPEN))

        self.root = w.VBox([
            w.HBox([self.meeting_kind, self.held_on, self.department]),
            w.HTML(f"<h4>{_esc(L['follow_up'])}</h4>"),
            self.follow_up,
            self.item_pick,
            w.HBox([self.note, self.new_deadline]),
            w.HBox([self.done_button, self.cancel_button, self.postpone_button]),
            w.HTML(f"<h4>{_esc(L['pending'])}</h4>"),
            w.HBox([self.kind, self.owner, self.deadline]),
            self.text,
            w.HBox([self.amount, self.metric, self.plan_value, self.fact_value]),
            w.HBox([self.add_button, self.remove_button]),
            self.pending_html,
            self.save_button,
            self.status,
            w.HTML(f"<h4>{_esc(L['recent'])}</h4>"),
            self.recent,
        ])
        draft = load_draft(eng)
        if draft:
            state, saved_at = draft
            self.restore(state)
            self.status.value = _esc(L["draft_restored"].format(at=f"{saved_at:%d.%m.%Y %H:%M}"))
        self._refresh()

    def _repr_mimebundle_(self, **kwargs):
        return self.root._repr_mimebundle_(**kwargs)

    # --- state, drafts ----------------------------------------------------------------------

    def state(self) -> dict:
        """Everything chosen, typed and added, as JSON-friendly data (the draft)."""
        return {
            "meeting_kind": self.meeting_kind.value,
            "held_on": self.held_on.value.isoformat() if self.held_on.value else None,
            "department": self.department.value,
            "pending": self.pending,
            "item": {f: (v.isoformat() if isinstance(v, date) else v)
                     for f, v in ((f, getattr(self, f).value) for f in ITEM_FIELDS)},
        }

    def restore(self, state: dict) -> None:
        """Fill the form from ``state()`` output."""
        self._quiet = True
        try:
            self.meeting_kind.value = state.get("meeting_kind") or self.meeting_kind.value
            if state.get("held_on"):
                self.held_on.value = date.fromisoformat(state["held_on"])
            known = [v for _, v in self.department.options]
            self.department.value = state.get("department") if state.get("department") in known else ""
            self.pending = list(state.get("pending") or [])
            item = state.get("item") or {}
            for field in ITEM_FIELDS:
                value = item.get(field)
                widget = getattr(self, field)
                if field == "deadline":
                    widget.value = date.fromisoformat(value) if value else None
                elif isinstance(widget, w.Dropdown):  # a kind or an owner no longer listed is not restored
                    if value in [v for _, v in widget.options]:
                        widget.value = value
                else:
                    widget.value = value or ""
        finally:
            self._quiet = False
        self._show_pending()

    def _changed(self, _change=None) -> None:
        if not self._quiet:
            save_draft(self.eng, self.state())

    def _on_meeting(self, _change=None) -> None:
        if self._quiet:
            return
        self._changed()
        self._refresh()

    # --- the meeting's items ----------------------------------------------------------------

    def item(self) -> ItemInput:
        """The item typed in; ``ProtocolError`` (in Russian) naming what is missing or wrong."""
        values = {"plan_value": None, "fact_value": None}
        for field in values:
            try:
                values[field] = number(getattr(self, field).value)
            except ValueError:
                raise ProtocolError(labels.ERRORS["not_a_number"].format(
                    value=getattr(self, field).value)) from None
        amount = None
        if self.amount.value.strip():
            parsed = parse_money(pd.Series([self.amount.value], dtype="str")).iloc[0]
            if pd.isna(parsed):
                raise ProtocolError(labels.ERRORS["not_a_number"].format(value=self.amount.value))
            amount = int(parsed)
        item, problems = checked(ItemInput(
            kind=self.kind.value, text=self.text.value, owner=self.owner.value, deadline=self.deadline.value,
            amount=amount, metric=self.metric.value.strip() or None, **values), roster(self.eng))
        if problems:
            raise ProtocolError("; ".join(problems.values()))
        return item

    def add(self, _button=None) -> None:
        """Add the typed item to the protocol being written and clear the fields for the next."""
        try:
            item = self.item()
        except ProtocolError as exc:
            self.status.value = _esc(L["not_added"].format(message=exc))
            return
        self.pending.append(item.model_dump(mode="json"))
        self._quiet = True
        try:
            for widget in (self.text, self.amount, self.metric, self.plan_value, self.fact_value):
                widget.value = ""
            self.deadline.value = None
        finally:
            self._quiet = False
        self.status.value = _esc(L["added"].format(n=len(self.pending)))
        self._show_pending()
        self._changed()

    def remove(self, _button=None) -> None:
        if self.pending:
            self.pending.pop()
        self._show_pending()
        self._changed()

    def _show_pending(self) -> None:
        if not self.pending:
            self.pending_html.value = f"<p>{_esc(L['pending_none'])}</p>"
            return
        frame = pd.DataFrame([{**p, "owner_id": p["owner"]} for p in self.pending])
        shown = pd.DataFrame({
            "kind": frame["kind"].map(labels.ITEM_KINDS),
            "text": [pages.what(r) for _, r in frame.iterrows()],
            "owner": [self.names.get(o, "—") if o else "—" for o in frame["owner_id"]],
            "deadline": pd.to_datetime(frame["deadline"]).map(pages.display_date),
        })
        self.pending_html.value = items_html(shown, "sp-pending-items")

    def save(self, _button=None) -> None:
        """Store the protocol (items added to a meeting already recorded join it); clears the draft."""
        try:
            saved = save_protocol(self.eng, MeetingInput(
                kind=self.meeting_kind.value, held_on=self.held_on.value, department_id=self.department.value,
                items=[ItemInput(**p) for p in self.pending]))
        except ProtocolError as exc:
            self.status.value = _esc(L["not_saved"].format(message=exc))
            return
        self.pending = []
        delete_draft(self.eng)
        self._show_pending()
        self.status.value = _esc(L["saved"].format(
            kind=labels.MEETING_KINDS[self.meeting_kind.value], date=f"{self.held_on.value:%d.%m.%Y}",
            n=len(saved.item_ids)))
        self._refresh()

    # --- earlier protocols ------------------------------------------------------------------

    def close_item(self, status: str) -> None:
        """Mark the chosen item done or cancelled, or (``open``) give it the new deadline."""
        if self.item_pick.value is None:
            return
        try:
            change(self.eng, self.item_pick.value, status, self.note.value.strip(),
                   self.new_deadline.value if status == OPEN else None)
        except ProtocolError as exc:
            self.status.value = _esc(str(exc))
            return
        item = self.item_pick.value
        self.status.value = _esc(
            labels.PROTOCOL_CLI["postponed"].format(item=item, deadline=f"{self.new_deadline.value:%d.%m.%Y}")
            if status == OPEN else L["changed"].format(item=item, status=labels.STANDINGS[status]))
        self.note.value = ""
        self.new_deadline.value = None
        self._refresh()

    def _refresh(self) -> None:
        """The earlier protocols' items as they stand on the meeting's date, and the latest saved."""
        day = self.held_on.value or self.today
        since = default_calendar().previous_working_day(day)
        follow = pages.FollowUp.load(self.eng, self.department.value, day, since)
        shown = pages.rows(follow.frame, follow.names)
        self.follow_up.value = (items_html(shown, "sp-follow-up-items") if len(shown)
                                else f"<p>{_esc(labels.PROTOCOL['no_items'])}</p>")
        open_items = shown[follow.frame["status"].eq(OPEN).to_numpy()]
        self.item_pick.options = [(f"{r.id}. {r.text} — {r.owner}, {r.deadline}", int(r.id))
                                  for r in open_items.itertuples(index=False)]
        self.item_pick.value = None
        latest = pages.listing(self.eng, max(day, self.today)).sort_values("id", ascending=False).head(RECENT)
        self.recent.value = items_html(pages.rows(latest, self.names), "sp-recent-items")
