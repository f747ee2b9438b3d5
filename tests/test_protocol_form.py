"""The meeting protocol form without a browser: widgets driven as a user would, clicks included;
and its notebook run by papermill."""

from datetime import date, datetime

import nbformat
import pytest
from reviews_department import build

from salesplan import clock, store, users
from salesplan.protocol import repository as repo
from salesplan.protocol.form import ProtocolForm
from salesplan.runner import notebooks_dir

XSS = "<script>alert(1)</script>"
TODAY = date(2026, 10, 26)


@pytest.fixture()
def eng(tmp_path, monkeypatch):
    """A department with a task set at the weekly meeting of 19 October; the clock on the next Monday."""
    monkeypatch.setenv(users.ENV, "rop-ivanova")
    monkeypatch.setenv(clock.ENV, f"{TODAY}T10:00")
    eng = store.engine(f"sqlite:///{tmp_path / 'f.db'}")
    build(eng)
    repo.save_protocol(eng, repo.MeetingInput(
        kind="weekly", held_on=date(2026, 10, 19), department_id="sales",
        items=[repo.ItemInput(kind="task", text="Обзвонить базу", owner="hun1",
                              deadline=date(2026, 10, 23))]),
        at=datetime(2026, 10, 19, 11, 0))
    return eng


def type_item(form: ProtocolForm, **values) -> None:
    for field, value in values.items():
        getattr(form, field).value = value


def test_the_earlier_items_open_the_form_and_can_be_closed(eng):
    form = ProtocolForm(eng)
    assert "просрочено на 1 рабочий день" in form.follow_up.value  # due Friday 23rd, seen on Monday 26th
    assert [label for label, _ in form.item_pick.options] == ["1. Обзвонить базу — Глеб Холодов, 23.10.2026"]
    form.item_pick.value = 1
    form.note.value = "дозвонился до всех"
    form.done_button.click()
    assert form.status.value == "Пункт 1: выполнено."
    assert "выполнено" in form.follow_up.value and form.item_pick.options == ()
    assert repo.events_frame(eng)["note"].tolist() == ["", "дозвонился до всех"]


def test_an_earlier_item_moved_to_a_new_deadline(eng):
    form = ProtocolForm(eng)
    form.item_pick.value = 1
    form.postpone_button.click()
    assert form.status.value == "не указан срок"
    form.new_deadline.value = date(2026, 11, 6)
    form.note.value = "клиент в отпуске"
    form.postpone_button.click()
    assert form.status.value == "Пункт 1: новый срок 06.11.2026."
    assert "осталось 8 рабочих дней" in form.follow_up.value  # 27–30 October, 2, 3, 5, 6 November
    assert repo.events_frame(eng)["deadline"].dt.date.tolist() == [date(2026, 10, 23), date(2026, 11, 6)]


def test_items_added_saved_and_listed_with_typed_text_escaped(eng):
    form = ProtocolForm(eng)
    form.meeting_kind.value = "daily"
    form.department.value = "sales"
    type_item(form, kind="promise", text=XSS, owner="far1", deadline=date(2026, 10, 28), amount="150 000")
    form.add_button.click()
    assert form.status.value == "Добавлен пункт 1."
    assert XSS not in form.pending_html.value and "&lt;script&gt;" in form.pending_html.value
    assert form.text.value == "" and form.deadline.value is None  # ready for the next item
    type_item(form, kind="deviation", text="Плюс 10 звонков в день", owner="far2",
              deadline=date(2026, 10, 30), metric="Звонки", plan_value="400", fact_value="3x0")
    form.add_button.click()
    assert form.status.value == "Пункт не добавлен: «3x0» — не число"
    form.fact_value.value = "310"
    form.add_button.click()
    type_item(form, kind="task", text="Без срока", owner="hun2")
    form.add_button.click()
    assert form.status.value == "Пункт не добавлен: не указан срок"
    form.save_button.click()
    assert form.status.value == "Протокол сохранён: Планёрка 26.10.2026, пунктов: 2."
    assert "отклонение -90" in form.recent.value and XSS not in form.recent.value
    items = repo.items_frame(eng)
    assert items["kind"].tolist() == ["task", "promise", "deviation"]
    assert items["amount"].tolist()[1] == 15_000_000 and items["meeting_kind"].tolist()[1] == "daily"
    assert repo.load_draft(eng) is None


def test_the_draft_survives_a_closed_tab(eng):
    form = ProtocolForm(eng)
    form.meeting_kind.value = "monthly"
    type_item(form, kind="decision", text="Планёрка в 9:30")
    form.add_button.click()
    type_item(form, kind="task", text="Недописанная задача", owner="kam1")
    del form

    again = ProtocolForm(eng)
    assert again.status.value.startswith("Восстановлен черновик от ")
    assert again.meeting_kind.value == "monthly" and len(again.pending) == 1
    assert again.text.value == "Недописанная задача" and again.owner.value == "kam1"
    assert "Планёрка в 9:30" in again.pending_html.value


@pytest.mark.notebook
def test_the_form_notebook_runs(eng, tmp_path):
    import papermill

    out = tmp_path / "protocol.ipynb"
    url = eng.url.render_as_string(hide_password=False)
    papermill.execute_notebook(str(notebooks_dir() / "meeting_protocol.ipynb"), str(out),
                               parameters={"db_url": url}, progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for c in nb.cells for o in c.get("outputs", []))
