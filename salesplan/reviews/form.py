"""The trainer's call-review form (ipywidgets), usable in JupyterLab, in Voilà and in tests.

``ReviewForm(eng)`` builds the widgets; display it in a notebook. Choose the scorecard, the
reviewer, the manager and the call (from the imported calls, filtered by manager and dates,
or a free call id / recording link), answer each criterion, comment, Save. The chosen call's
recording (else the link typed in) plays in the page, so the trainer scores while listening.
On the team server the reviewer is the login (shown, not editable), and a login whose role does
not see the form gets «нет доступа». The score updates as the answers change. Every change is
autosaved as the reviewer's draft, so a re-run cell or a closed tab loses nothing: the draft
comes back when the same reviewer opens the form. The reviewer's saved reviews are listed
below; opening one and saving it stores a new revision.

Everything a user typed is HTML-escaped before it is shown.
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import ipywidgets as w
import pandas as pd
from sqlalchemy import Engine, select

from salesplan import clock, labels, store, users
from salesplan.money import fmt_number
from salesplan.periods import Month
from salesplan.reviews.repository import (
    ReviewConflict,
    ReviewError,
    ReviewInput,
    SavedReview,
    current_reviews,
    delete_draft,
    load_draft,
    load_review,
    save_draft,
    save_review,
)
from salesplan.reviews.scoring import ScoreCard, band, score_review
from salesplan.reviews.templates import (
    REVIEWED_ROLES,
    ReviewSettings,
    Template,
    load_settings,
    load_templates,
)
from salesplan.team import NoAccess, may_open

NOTEBOOK = "call_review.ipynb"
L = labels.REVIEW_FORM
NA = "na"  # the value of the N/A button
BAND_COLOURS = {"green": "#d7f0d2", "yellow": "#fff2b3", "red": "#f7d0cc", None: "#eeeeee"}
LIST_LIMIT = 50


def _esc(text) -> str:
    return html.escape("" if text is None else str(text))


def player_html(url: str | None) -> str:
    """An HTML5 audio player for a recording link (http or https), escaped; "" without one."""
    url = (url or "").strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return ""
    return (f"<div><b>{_esc(L['player'])}</b><br>"
            f"<audio controls preload='none' src='{_esc(url)}'></audio></div>")


def _duration(seconds: int) -> str:
    minutes, sec = divmod(int(seconds), 60)
    return L["duration"].format(m=minutes, s=sec)


class ReviewForm:
    """The form's widgets and behaviour; ``root`` is the widget to display."""

    def __init__(
        self,
        eng: Engine,
        templates: dict[str, Template] | None = None,
        settings: ReviewSettings | None = None,
        reviewer: str = "",
        today: date | None = None,
    ) -> None:
        self.eng = eng
        self.templates = templates or load_templates()
        self.settings = settings or load_settings()
        self.today = today or clock.today()
        self.editing: tuple[str, int] | None = None  # (uid, revision) being edited
        self.recordings: dict[str, str | None] = {}  # recording link of each listed call
        self._quiet = False  # True while the form is filled programmatically
        self.managers = self._managers()

        self.template = w.Dropdown(
            options=[(t.title, t.id) for t in self.templates.values()], description=L["template"]
        )
        self.reviewer = w.Combobox(
            options=self._reviewers(), placeholder=L["reviewer_placeholder"],
            description=L["reviewer"], continuous_update=False, ensure_option=False,
        )
        self.manager = w.Dropdown(
            options=[(L["choose"], None)]
            + [(n, i) for i, n in self.managers[["id", "name"]].itertuples(index=False)],
            description=L["manager"],
        )
        first = Month.of(self.today).previous().start
        self.date_from = w.DatePicker(value=first, description=L["date_from"])
        self.date_to = w.DatePicker(value=self.today, description=L["date_to"])
        self.call = w.Dropdown(options=[(L["no_call"], None)], description=L["call"])
        self.call_id = w.Text(description=L["call_id"])
        self.recording = w.Text(description=L["recording"])
        self.call_date = w.DatePicker(value=self.today, description=L["call_date"])
        self.player = w.HTML()
        self.comment = w.Textarea(description=L["comment"], layout=w.Layout(width="95%"))
        self.score = w.HTML()
        self.status = w.HTML()
        self.save_button = w.Button(description=L["save"], button_style="primary", icon="save")
        self.new_button = w.Button(description=L["new"])
        self.saved_list = w.HTML()
        self.saved_select = w.Dropdown(options=[], description=L["saved_pick"])
        self.open_button = w.Button(description=L["open"], layout=w.Layout(width="auto"))
        self.controls: dict[str, w.ToggleButtons] = {}
        self.section_comments: dict[str, w.Textarea] = {}
        self.section_titles: dict[str, w.HTML] = {}
        self.criteria_box = w.VBox()

        for widget, css in (
            (self.template, "sp-template"), (self.reviewer, "sp-reviewer"),
            (self.manager, "sp-manager"), (self.call, "sp-call"), (self.call_id, "sp-call-id"),
            (self.recording, "sp-recording"), (self.player, "sp-player"), (self.comment, "sp-comment"),
            (self.score, "sp-score"), (self.status, "sp-status"), (self.save_button, "sp-save"),
            (self.new_button, "sp-new"), (self.saved_list, "sp-saved"),
            (self.saved_select, "sp-saved-select"), (self.open_button, "sp-open"),
        ):
            widget.add_class(css)

        self.template.observe(self._on_template, "value")
        self.reviewer.observe(self._on_reviewer, "value")
        self.manager.observe(self._on_manager, "value")
        for widget in (self.date_from, self.date_to):
            widget.observe(self._on_dates, "value")
        for widget in (self.call, self.call_id, self.recording, self.call_date, self.comment):
            widget.observe(self._changed, "value")
        for widget in (self.call, self.recording):
            widget.observe(self._show_player, "value")
        self.save_button.on_click(self.save)
        self.new_button.on_click(lambda _b: self.reset(keep_call=False))
        self.open_button.on_click(lambda _b: self.open(self.saved_select.value))

        self._build_criteria()
        label = {"description_width": "110px"}
        for widget in (self.template, self.reviewer, self.manager, self.date_from, self.date_to,
                       self.call, self.call_id, self.recording, self.call_date, self.comment,
                       self.saved_select):
            widget.style = label
        for widget in (self.template, self.reviewer, self.manager, self.call_id, self.recording):
            widget.layout = w.Layout(width="420px")
        self.call.layout = self.saved_select.layout = w.Layout(width="95%")
        self.root = w.VBox(
            [
                w.HBox([self.template, self.reviewer]),
                w.HBox([self.manager, self.date_from, self.date_to]),
                self.call,
                w.HBox([self.call_id, self.recording, self.call_date]),
                self.player,
                self.score,  # shown twice: above the criteria and by the Save button
                self.criteria_box,
                self.comment,
                self.score,
                w.HBox([self.save_button, self.new_button]),
                self.status,
                w.HTML(f"<h4>{_esc(L['saved_list'])}</h4>"),
                self.saved_select,
                self.open_button,
                self.saved_list,
            ]
        )
        if users.on_hub():  # the reviewer is the login on the team server: shown, not typed
            reviewer = users.login()
            self.reviewer.disabled = True
        if reviewer:
            self.reviewer.value = reviewer  # restores the reviewer's draft
        else:
            self.status.value = _esc(L["need_reviewer"])
        self._refresh_list()
        self._show_score()

    @classmethod
    def from_parameters(cls, db_url: str = "", reviewer: str = "") -> ReviewForm | NoAccess:
        """The form from a notebook's parameters ("" for the default store, no reviewer yet);
        «нет доступа» for a login of the team server whose role does not see the form."""
        if not may_open(NOTEBOOK):
            return NoAccess()
        return cls(store.engine(db_url or None), reviewer=reviewer)

    def _repr_mimebundle_(self, **kwargs):
        return self.root._repr_mimebundle_(**kwargs)

    # --- reference data -------------------------------------------------------------------

    def _managers(self) -> pd.DataFrame:
        frame = store.read_table(self.eng, "managers")
        active = frame["leave_date"].isna() | (frame["leave_date"] >= pd.Timestamp(self.today))
        selling = frame["role"].isin(REVIEWED_ROLES)
        return frame[active & selling].sort_values("name").reset_index(drop=True)

    def _reviewers(self) -> list[str]:
        return sorted(current_reviews(self.eng)["reviewer"].unique().tolist())

    def _calls(self) -> list[tuple[str, str]]:
        """The manager's calls between the dates, newest first, as dropdown options; their
        recording links go to ``recordings``."""
        self.recordings = {}
        if not self.manager.value:
            return []
        c = store.calls
        start = datetime.combine(self.date_from.value or self.today, datetime.min.time())
        end = datetime.combine(self.date_to.value or self.today, datetime.max.time())
        query = (
            select(c.c.id, c.c.started_at, c.c.direction, c.c.duration_s, c.c.result, c.c.recording_url)
            .where(c.c.manager_id == self.manager.value, c.c.started_at.between(start, end))
            .order_by(c.c.started_at.desc())
            .limit(500)
        )
        with self.eng.connect() as conn:
            rows = conn.execute(query).all()
        self.recordings = {r.id: r.recording_url for r in rows}
        return [
            (
                L["call_option"].format(
                    time=r.started_at.strftime("%d.%m.%Y %H:%M"),
                    direction=labels.REVIEW_DIRECTIONS.get(r.direction, r.direction),
                    duration=_duration(r.duration_s),
                    result=r.result or "",
                    id=r.id,
                ),
                r.id,
            )
            for r in rows
        ]

    def recording_url(self) -> str | None:
        """The link to play: the chosen call's recording, else the link typed in."""
        if self.call.value:
            return self.recordings.get(self.call.value)
        return self.recording.value.strip() or None

    def _show_player(self, _change=None) -> None:
        self.player.value = player_html(self.recording_url())

    # --- the criteria ---------------------------------------------------------------------

    @property
    def current_template(self) -> Template:
        return self.templates[self.template.value]

    def _build_criteria(self) -> None:
        self.controls, self.section_comments, self.section_titles = {}, {}, {}
        blocks = []
        for section in self.current_template.sections:
            title = w.HTML()
            rows = [title]
            for crit in section.criteria:
                options = crit.scale_def.options() + ([(labels.REVIEW_NA, NA)] if crit.na_allowed else [])
                control = w.ToggleButtons(options=options, value=None, style={"button_width": "auto"})
                control.add_class(f"sp-crit-{crit.id}")
                control.observe(self._changed, "value")
                self.controls[crit.id] = control
                mark = f" <b>{_esc(L['critical_mark'])}</b>" if crit.critical else ""
                rows.append(
                    w.HTML(
                        f"<div><b>{_esc(crit.text)}</b>{mark}"
                        f"<br><small>{_esc(crit.hint)}</small></div>"
                    )
                )
                rows.append(control)
            comment = w.Textarea(placeholder=L["section_comment"], layout=w.Layout(width="95%"))
            comment.add_class(f"sp-comment-{section.id}")
            comment.observe(self._changed, "value")
            self.section_comments[section.id] = comment
            self.section_titles[section.id] = title
            rows.append(comment)
            blocks.append(w.VBox(rows, layout=w.Layout(border="1px solid #ddd", padding="4px")))
        self.criteria_box.children = blocks

    def answers(self) -> dict[str, float | None]:
        """The answered criteria: points, or None for N/A."""
        return {
            cid: (None if c.value == NA else float(c.value))
            for cid, c in self.controls.items()
            if c.value is not None
        }

    def scorecard(self) -> ScoreCard:
        return score_review(self.current_template, self.answers(), self.settings.bands)

    def _show_score(self) -> None:
        card = self.scorecard()
        template = self.current_template
        for section in template.sections:
            sub = card.sections.get(section.id)
            shown = "" if sub is None else f" — {fmt_number(sub, 0)}"
            self.section_titles[section.id].value = f"<h4>{_esc(section.title)}{_esc(shown)}</h4>"
        parts = [
            f"{L['score']}: <b>{_esc('—' if card.score is None else fmt_number(card.score, 1))}</b>",
        ]
        if card.band:
            parts.append(_esc(labels.REVIEW_BANDS[card.band]))
        if card.complete:
            parts.append(_esc(L["passed"] if card.passed else L["not_passed"]))
        parts.append(_esc(L["answered"].format(answered=card.answered, total=card.total)))
        if card.critical_failed:
            names = ", ".join(f"«{template.criteria[c].text}»" for c in card.critical_failed)
            parts.append(f"<b>{_esc(L['critical'].format(names=names))}</b>")
        if self.editing:
            revision = self.editing[1]
            parts.append(_esc(L["editing"].format(revision=revision, next=revision + 1)))
        self.score.value = (
            f"<div style='padding:6px;background:{BAND_COLOURS[card.band]}'>"
            + " · ".join(parts)
            + "</div>"
        )

    # --- state, drafts ----------------------------------------------------------------------

    def state(self) -> dict:
        """Everything typed or chosen, as JSON-friendly data (the draft)."""
        return {
            "template_id": self.template.value,
            "manager_id": self.manager.value,
            "date_from": self.date_from.value.isoformat() if self.date_from.value else None,
            "date_to": self.date_to.value.isoformat() if self.date_to.value else None,
            "call": self.call.value,
            "call_id": self.call_id.value,
            "recording_url": self.recording.value,
            "call_date": self.call_date.value.isoformat() if self.call_date.value else None,
            "answers": {cid: c.value for cid, c in self.controls.items() if c.value is not None},
            "section_comments": {k: t.value for k, t in self.section_comments.items() if t.value},
            "comment": self.comment.value,
            "editing": list(self.editing) if self.editing else None,
        }

    def restore(self, state: dict) -> None:
        """Fill the form from ``state()`` output (a draft)."""
        self._quiet = True
        try:
            if state.get("template_id") in self.templates:
                self.template.value = state["template_id"]
            manager_ids = [v for _, v in self.manager.options]
            self.manager.value = state.get("manager_id") if state.get("manager_id") in manager_ids else None
            for key, picker in (("date_from", self.date_from), ("date_to", self.date_to),
                                ("call_date", self.call_date)):
                if state.get(key):
                    picker.value = date.fromisoformat(state[key])
            self._reload_calls()
            call_ids = [v for _, v in self.call.options]
            self.call.value = state.get("call") if state.get("call") in call_ids else None
            self.call_id.value = state.get("call_id") or ""
            self.recording.value = state.get("recording_url") or ""
            for cid, control in self.controls.items():
                value = state.get("answers", {}).get(cid)
                allowed = [v for _, v in control.options]
                control.value = value if value in allowed else None
            for sid, area in self.section_comments.items():
                area.value = state.get("section_comments", {}).get(sid, "")
            self.comment.value = state.get("comment") or ""
            self.editing = tuple(state["editing"]) if state.get("editing") else None
        finally:
            self._quiet = False
        self._show_score()

    def _pristine(self) -> bool:
        return not self.answers() and not self.comment.value and not any(
            t.value for t in self.section_comments.values()
        )

    def _autosave(self) -> None:
        reviewer = self.reviewer.value.strip()
        if reviewer:
            save_draft(self.eng, reviewer, self.state())

    # --- events -----------------------------------------------------------------------------

    def _changed(self, _change=None) -> None:
        if self._quiet:
            return
        self._show_score()
        self._autosave()

    def _on_template(self, _change) -> None:
        self._build_criteria()
        self._changed()

    def _on_reviewer(self, _change) -> None:
        reviewer = self.reviewer.value.strip()
        draft = load_draft(self.eng, reviewer) if reviewer else None
        if draft and self._pristine():
            state, saved_at = draft
            self.restore(state)
            self.status.value = _esc(L["draft_restored"].format(at=saved_at.strftime("%d.%m.%Y %H:%M")))
        elif reviewer:
            self.status.value = ""
            self._autosave()
        self._refresh_list()

    def _on_manager(self, _change) -> None:
        if self._quiet:
            return
        role = self.managers.set_index("id")["role"].get(self.manager.value)
        if role and self._pristine() and role not in self.current_template.roles:
            fitting = [t.id for t in self.templates.values() if role in t.roles]
            if fitting:
                self.template.value = fitting[0]
        self._reload_calls()
        self._changed()

    def _on_dates(self, _change) -> None:
        if self._quiet:
            return
        self._reload_calls()
        self._changed()

    def _reload_calls(self) -> None:
        keep = self.call.value
        options = [(L["no_call"], None), *self._calls()]
        quiet, self._quiet = self._quiet, True
        try:
            self.call.options = options
            self.call.value = keep if keep in [v for _, v in options] else None
        finally:
            self._quiet = quiet
        self._show_player()

    # --- actions ----------------------------------------------------------------------------

    def review_input(self) -> ReviewInput:
        """The review as it would be saved; ``ReviewError`` (in Russian) if something is missing."""
        problems = []
        if not self.reviewer.value.strip():
            problems.append(L["missing_reviewer"])
        if not self.manager.value:
            problems.append(L["missing_manager"])
        call_id = self.call.value or self.call_id.value.strip() or None
        recording = self.recording.value.strip() or None
        if not (call_id or recording):
            problems.append(L["missing_call"])
        unanswered = [c.text for c in self.current_template.criteria.values()
                      if self.controls[c.id].value is None]
        if unanswered:
            problems.append(L["missing_answers"].format(names="; ".join(unanswered)))
        if problems:
            raise ReviewError(" ".join(problems))
        uid, revision = self.editing or (None, None)
        return ReviewInput(
            template_id=self.current_template.id,
            template_version=self.current_template.version,
            manager_id=self.manager.value,
            reviewer=self.reviewer.value.strip(),
            call_id=call_id,
            recording_url=recording,
            call_date=None if self.call.value else self.call_date.value,
            answers=self.answers(),
            comment=self.comment.value,
            section_comments={k: t.value for k, t in self.section_comments.items() if t.value},
            uid=uid,
            base_revision=revision,
        )

    def save(self, _button=None) -> SavedReview | None:
        """Store the review (a new revision when editing); clears the draft on success."""
        try:
            review = self.review_input()
            saved = save_review(self.eng, review, self.templates, self.settings.bands)
        except ReviewConflict:
            self.status.value = _esc(L["conflict"])
            return None
        except ReviewError as exc:
            self.status.value = _esc(L["not_saved"].format(message=exc))
            return None
        score = fmt_number(saved.score, 1)
        self.reset(keep_call=False)
        self.status.value = _esc(L["saved"].format(score=score, revision=saved.revision))
        self.reviewer.options = self._reviewers()
        self._refresh_list()
        return saved

    def reset(self, keep_call: bool = True) -> None:
        """Clear the answers and comments and drop the draft (a new review); the reviewer,
        template and manager stay."""
        self._quiet = True
        try:
            for control in self.controls.values():
                control.value = None
            for area in self.section_comments.values():
                area.value = ""
            self.comment.value = ""
            if not keep_call:
                self.call.value = None
                self.call_id.value = ""
                self.recording.value = ""
            self.editing = None
        finally:
            self._quiet = False
        self.status.value = ""
        self._show_score()
        if self.reviewer.value.strip():
            delete_draft(self.eng, self.reviewer.value.strip())

    def open(self, review_id: int | None) -> None:
        """Load a saved review for editing; saving it makes its next revision."""
        if review_id is None:
            return
        review = load_review(self.eng, review_id)
        if review.template_id not in self.templates or (
            self.templates[review.template_id].version != review.template_version
        ):
            self.status.value = _esc(L["old_template"].format(version=review.template_version))
            return
        state = {
            "template_id": review.template_id,
            "manager_id": review.manager_id,
            "date_from": (review.call_date - timedelta(days=1)).isoformat(),
            "date_to": max(review.call_date, self.date_to.value or self.today).isoformat(),
            "call": review.call_id,
            "call_id": review.call_id or "",
            "recording_url": review.recording_url or "",
            "call_date": review.call_date.isoformat(),
            "answers": {k: (NA if v is None else v) for k, v in review.answers.items()},
            "section_comments": review.section_comments,
            "comment": review.comment,
            "editing": [review.uid, review.base_revision],
        }
        self.restore(state)
        if self.call.value:  # found in the list: no need to repeat it as a free id
            self.call_id.value = ""
        self.status.value = ""
        self._autosave()

    def _refresh_list(self) -> None:
        """The reviewer's current reviews (everyone's latest when no reviewer is chosen)."""
        reviewer = self.reviewer.value.strip() or None
        frame = current_reviews(self.eng, reviewer=reviewer)
        frame = frame.sort_values(["created_at", "review_id"], ascending=False).head(LIST_LIMIT)
        self.saved_select.options = [
            (
                L["saved_option"].format(
                    date=d.strftime("%d.%m.%Y"), manager=m or mid,
                    score=fmt_number(s, 1), revision=r,
                ),
                int(rid),
            )
            for rid, d, m, mid, s, r in frame[
                ["review_id", "call_date", "manager_name", "manager_id", "score", "revision"]
            ].itertuples(index=False)
        ]
        self.saved_select.value = None
        if frame.empty:
            self.saved_list.value = f"<p>{_esc(L['no_reviews'])}</p>"
            return
        titles = {t.id: t.title for t in self.templates.values()}
        cols = labels.REVIEW_COLUMNS
        head = "".join(
            f"<th>{_esc(cols[c])}</th>"
            for c in ("call_date", "manager_name", "call", "template", "score", "band", "revision",
                      "created_at", "reviewer", "comment")
        )
        rows = []
        for r in frame.itertuples(index=False):
            score = None if pd.isna(r.score) else float(r.score)
            score_band = band(score, self.settings.bands)
            cells = [
                r.call_date.strftime("%d.%m.%Y"), r.manager_name or r.manager_id,
                r.call_id or r.recording_url, titles.get(r.template_id, r.template_id),
                fmt_number(score, 1),
                labels.REVIEW_BANDS.get(score_band, ""), r.revision,
                r.created_at.strftime("%d.%m.%Y %H:%M"), r.reviewer, r.comment,
            ]
            style = f" style='background:{BAND_COLOURS[score_band]}'"
            rows.append(
                f"<tr data-review='{int(r.review_id)}'{style}>"
                + "".join(f"<td>{_esc(c)}</td>" for c in cells)
                + "</tr>"
            )
        self.saved_list.value = (
            f"<table class='sp-reviews'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
