"""The trainer's form without a browser: widgets driven as a user would, clicks included."""

from datetime import date

import pytest
from reviews_department import build

from salesplan import store
from salesplan.reviews import repository as repo
from salesplan.reviews.form import NA, ReviewForm

XSS = "<script>alert(1)</script>"
TODAY = date(2026, 10, 20)


@pytest.fixture()
def eng(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'f.db'}")
    build(eng)
    return eng


def fill(form: ReviewForm, top: bool = True) -> None:
    """Answer every criterion: the best option, or the worst when ``top`` is False."""
    for control in form.controls.values():
        options = [v for _, v in control.options if v != NA]
        control.value = options[0] if top else options[-1]


def test_choices_come_from_the_store(eng):
    form = ReviewForm(eng, today=TODAY)
    names = [label for label, _ in form.manager.options[1:]]
    assert names == sorted(names) and "Олег Главный" not in names  # the head is not reviewed
    assert "Ирина Ушедшая" not in names  # left in August
    form.manager.value = "far1"
    assert form.template.value == "current_client"  # the farmer's scorecard
    calls = [v for _, v in form.call.options[1:]]
    assert calls and all(c.startswith("far1-") for c in calls)
    first_label = form.call.options[1][0]
    assert "исходящий" in first_label and "мин" in first_label
    form.date_from.value = date(2026, 10, 19)
    assert len(form.call.options) == 1 + 2 * 2  # two working days, two calls each


def test_score_updates_as_answers_change(eng):
    form = ReviewForm(eng, reviewer="Орлова Анна", today=TODAY)
    form.manager.value = "hun1"
    assert "заполнено 0 из 16" in form.score.value
    fill(form)
    assert "100,0" in form.score.value and "зелёная зона" in form.score.value
    assert "зачёт" in form.score.value
    form.controls["next_step"].value = 0.0
    assert "88,0" in form.score.value
    form.controls["objection_clarified"].value = NA  # out of both sums: 81/93
    assert "87,1" in form.score.value
    form.controls["truthful"].value = 0.0
    assert "Критическое нарушение" in form.score.value and "<b>0,0</b>" in form.score.value
    assert "— 100" in form.section_titles["contact"].value  # section subscore


def test_save_lists_the_review_and_escapes_what_was_typed(eng):
    form = ReviewForm(eng, reviewer="Орлова Анна", today=TODAY)
    form.manager.value = "hun1"
    form.call.value = form.call.options[1][1]
    fill(form)
    form.controls["next_step"].value = 0.0
    form.comment.value = XSS
    form.section_comments["closing"].value = XSS
    form.save_button.click()
    assert "Сохранено: оценка 88,0, ревизия 1" in form.status.value
    heads = repo.current_reviews(eng)
    assert len(heads) == 1 and heads.iloc[0]["comment"] == XSS
    assert heads.iloc[0]["section_comments"] == {"closing": XSS}
    assert XSS not in form.saved_list.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in form.saved_list.value
    assert "88,0" in form.saved_list.value
    assert all(c.value is None for c in form.controls.values())  # ready for the next call
    assert repo.load_draft(eng, "Орлова Анна") is None


def test_a_reviewer_named_like_a_script_is_shown_as_text(eng):
    form = ReviewForm(eng, reviewer=XSS, today=TODAY)
    form.manager.value = "hun1"
    form.call_id.value = XSS
    fill(form)
    form.save()
    for widget in (form.saved_list, form.status, form.score):
        assert "<script>" not in widget.value
    assert form.saved_list.value.count("&lt;script&gt;") == 2  # call and reviewer


def test_missing_pieces_are_named_and_nothing_is_saved(eng):
    form = ReviewForm(eng, today=TODAY)
    form.controls["greeting"].value = 1.0
    assert form.save() is None
    status = form.status.value
    assert "Укажите проверяющего" in status and "Выберите менеджера" in status
    assert "Выберите звонок" in status and "Вышел на ЛПР" in status
    assert repo.current_reviews(eng).empty


def test_the_draft_survives_a_rerun(eng):
    form = ReviewForm(eng, reviewer="Крылов Денис", today=TODAY)
    form.manager.value = "hun2"
    form.call.value = form.call.options[2][1]
    form.controls["hook"].value = 1.0
    form.controls["case"].value = NA
    form.section_comments["needs"].value = "мало вопросов"
    chosen = form.call.value
    del form  # the cell is run again, or the tab closed

    again = ReviewForm(eng, reviewer="Крылов Денис", today=TODAY)
    assert "Восстановлен черновик" in again.status.value
    assert again.manager.value == "hun2" and again.call.value == chosen
    assert again.controls["hook"].value == 1.0 and again.controls["case"].value == NA
    assert again.section_comments["needs"].value == "мало вопросов"
    other = ReviewForm(eng, reviewer="Савина Мария", today=TODAY)
    assert other.controls["hook"].value is None  # drafts are per reviewer


def test_choosing_the_reviewer_later_restores_their_draft(eng):
    ReviewForm(eng, reviewer="Крылов Денис", today=TODAY).manager.value = "far2"
    form = ReviewForm(eng, today=TODAY)
    assert form.manager.value is None
    form.reviewer.value = "Крылов Денис"
    assert form.manager.value == "far2"


def test_editing_saves_a_new_revision(eng):
    form = ReviewForm(eng, reviewer="Орлова Анна", today=TODAY)
    form.manager.value = "hun1"
    form.call.value = form.call.options[1][1]
    fill(form)
    first = form.save()
    assert [v for _, v in form.saved_select.options] == [first.id]
    form.saved_select.value = first.id
    form.open_button.click()
    assert form.editing == (first.uid, 1) and "ревизию 2" in form.score.value
    assert form.call.value is not None and form.controls["hook"].value == 2.0
    form.controls["hook"].value = 0.0
    second = form.save()
    assert (second.uid, second.revision) == (first.uid, 2)
    assert second.score == pytest.approx(94.0)
    history = repo.revisions(eng, first.uid)
    assert list(history["score"]) == pytest.approx([100.0, 94.0])
    assert len(form.saved_select.options) == 1  # the list shows the current revision


def test_a_stale_edit_is_reported(eng):
    form = ReviewForm(eng, reviewer="Орлова Анна", today=TODAY)
    form.manager.value = "hun1"
    form.call.value = form.call.options[1][1]
    fill(form)
    first = form.save()
    form.open(first.id)
    repo.save_review(eng, repo.load_review(eng, first.id))  # someone else edits meanwhile
    assert form.save() is None
    assert "уже изменил другой проверяющий" in form.status.value


def test_new_clears_the_form(eng):
    form = ReviewForm(eng, reviewer="Орлова Анна", today=TODAY)
    form.manager.value = "hun1"
    fill(form)
    form.comment.value = "текст"
    form.new_button.click()
    assert form.comment.value == "" and not form.answers() and form.manager.value == "hun1"
    assert repo.load_draft(eng, "Орлова Анна") is None
    form.controls["hook"].value = 1.0  # the next change starts a new draft
    assert repo.load_draft(eng, "Орлова Анна")[0]["answers"] == {"hook": 1.0}


RECORDING = "https://records.example.test/hun1/c0042.mp3?sig=a'b&x=<1>"


def with_recording(eng, call_id: str, url: str) -> None:
    with store.transaction(eng) as conn:
        conn.execute(store.calls.update().where(store.calls.c.id == call_id).values(recording_url=url))


def test_the_chosen_calls_recording_plays_in_the_page(eng):
    form = ReviewForm(eng, reviewer="Орлова Анна", today=TODAY)
    form.manager.value = "hun1"
    with_recording(eng, form.call.options[1][1], RECORDING)
    form.date_from.value = date(2026, 10, 1)  # the list is read again, links with it
    assert form.player.value == ""  # no call chosen, no link typed
    form.call.value = form.call.options[1][1]
    escaped = "https://records.example.test/hun1/c0042.mp3?sig=a&#x27;b&amp;x=&lt;1&gt;"
    assert f"<audio controls preload='none' src='{escaped}'></audio>" in form.player.value
    form.call.value = form.call.options[2][1]  # a call without a recording
    assert form.player.value == ""
    form.call.value = None
    form.recording.value = " http://pbx.example.test/rec/77.wav "  # a link typed in plays too
    assert "src='http://pbx.example.test/rec/77.wav'" in form.player.value
    form.recording.value = "javascript:alert(1)"  # not a web link: no player
    assert form.player.value == ""
    form.recording.value = RECORDING
    form.reset(keep_call=False)
    assert form.player.value == ""
