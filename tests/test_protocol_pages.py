"""A task recorded at one weekly meeting follows the department to the next: overdue on the next
weekly review while open, done once closed, and listed on the deck's «Решения и задачи» slide.
Real papermill runs of the weekly review and the daily brief on a copy of the demo store, and the
deck builder's PowerPoint and HTML files."""

import html
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from pptx import Presentation
from store_copy import copy_db

from salesplan import clock, runner, store
from salesplan.deck.content import NEW_TASK_ROWS, TASK_ROWS
from salesplan.deck.pack import write_deck
from salesplan.protocol.repository import DONE, ItemInput, MeetingInput, change, save_protocol

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"
TASK = "Подготовить КП для «Вектор-Снаб» <срочно>"  # typed text with markup: shown as text
MEETING = date(2026, 10, 12)  # the weekly meeting on Monday of ISO week 42
DEADLINE = date(2026, 10, 16)  # Friday of that week
NEXT_REVIEW = "2026-W42"  # reviewed on Monday 19 October, for the meeting that day

pytestmark = pytest.mark.notebook


@pytest.fixture()
def store_url(demo_db, tmp_path) -> str:
    """A copy of the demo store with the task recorded at the meeting of 12 October."""
    url = copy_db(demo_db, tmp_path / "protocol.db")
    saved = save_protocol(store.engine(url), MeetingInput(
        kind="weekly", held_on=MEETING, department_id="sales",
        items=[ItemInput(kind="task", text=TASK, owner="Мария Кузнецова", deadline=DEADLINE)]),
        at=datetime(2026, 10, 12, 11, 0))
    assert len(saved.item_ids) == 1
    return url


def page(tmp_path: Path, kind: str, notebook: str, value: str, db: str) -> str:
    reg = tmp_path / "reports.yaml"
    reg.write_text(f"{kind}: [{notebook}]\n", encoding="utf-8")
    out = tmp_path / f"pack-{kind}-{value}"
    manifest = runner.run_report(kind, {runner.RUNS[kind].parameter: value}, out_dir=out, db_url=db,
                                 registry=reg, notebooks=NOTEBOOKS, progress=False)
    assert [(o.status, o.error) for o in manifest.outputs] == [("ok", None)]
    return (out / notebook.replace(".ipynb", ".html")).read_text(encoding="utf-8")


def row_of(text: str, page_html: str) -> str:
    """The table row that holds ``text`` (escaped as a page shows it)."""
    found = [r for r in re.findall(r"<tr>.*?</tr>", page_html, re.S) if html.escape(text, quote=False) in r]
    assert len(found) == 1, f"{text!r} is in {len(found)} rows"
    return found[0]


def test_the_next_weekly_review_shows_the_task_overdue_then_done(store_url, tmp_path, monkeypatch):
    review = page(tmp_path, "weekly", "weekly_review.ipynb", NEXT_REVIEW, store_url)
    assert "Протоколы прошлых совещаний: открытые пункты" in review
    assert TASK not in review  # never as markup
    row = row_of(TASK, review)
    # 16 October was a Friday: on Monday 19 October it is one working day late
    assert "просрочено на 1 рабочий день" in row and "Мария Кузнецова" in row and "16.10.2026" in row
    assert "Еженедельное собрание 12.10.2026" in row
    assert "Кейсы недели для группового обучения" in review

    item = int(re.search(r"<th>(\d+)</th>", row).group(1))
    with monkeypatch.context() as m:
        m.setenv(clock.ENV, "2026-10-16T17:30")  # closed on the Friday, in time
        change(store.engine(store_url), item, DONE, "КП отправлено")
    again = page(tmp_path, "weekly", "weekly_review.ipynb", NEXT_REVIEW, store_url)
    assert "выполнено 16.10.2026" in row_of(TASK, again)

    # the week after, a task done the week before is no longer on the page
    later = page(tmp_path, "weekly", "weekly_review.ipynb", "2026-W43", store_url)
    assert html.escape(TASK, quote=False) not in later


def test_the_daily_brief_opens_with_the_open_items(store_url, tmp_path):
    brief = page(tmp_path, "daily", "daily_brief.ipynb", "2026-10-20", store_url)
    headings = re.findall(r"<h2[^>]*>(.*?)<", brief)
    assert headings[0].startswith("Протоколы прошлых совещаний")
    assert "просрочено на 2 рабочих дня" in row_of(TASK, brief)  # 19 and 20 October


def test_the_deck_lists_the_months_items_within_the_slide(store_url, tmp_path):
    files = write_deck(store.engine(store_url), "2026-10", "sales", tmp_path, today=date(2026, 11, 2))
    slide = {s.key: s for s in files.slides}["tasks"]
    listed = [r for r in slide.table.rows if r[0]]
    assert len(listed) == TASK_ROWS and len(slide.table.rows) == TASK_ROWS + NEW_TASK_ROWS
    assert slide.table.rows[-NEW_TASK_ROWS:] == [[""] * 5] * NEW_TASK_ROWS
    lead, more = slide.bullets[1:]
    found = re.fullmatch(r"Пункты на 02\.11\.2026: просрочено (\d+), в работе (\d+), выполнено (\d+), "
                         r"отменено (\d+)\.", lead)
    assert found, lead
    overdue = int(found.group(1))
    assert sum(map(int, found.groups())) == len(listed) + int(
        re.fullmatch(r"Показаны первые 7, ещё (\d+) — в salesplan protocol list\.", more).group(1))
    assert all(len(b) <= 80 for b in slide.bullets)  # one line each at the slide's 16 pt
    assert overdue >= 1
    shown = min(overdue, TASK_ROWS)
    assert [r[4] for r in listed[:shown]] == ["просрочено"] * shown  # overdue first
    assert TASK in {r[1] for r in listed}  # 14 working days late on 2 November: among the first

    prs = Presentation(files.pptx)
    page_ = next(p for p in prs.slides if p.shapes.title is not None
                 and p.shapes.title.text == slide.title)  # the deck may add pages that go on
    table = next(sh for sh in page_.shapes if sh.has_table)
    header = [table.table.cell(0, c).text for c in range(5)]
    assert header == ["№", "Задача", "Ответственный", "Срок", "Статус"]
    assert TASK in {table.table.cell(r, 1).text for r in range(1, TASK_ROWS + 1)}
    for shape in page_.shapes:
        assert shape.left >= 0 and shape.top >= 0
        assert shape.left + shape.width <= prs.slide_width
        assert shape.top + shape.height <= prs.slide_height
    assert sum(c.width for c in table.table.columns) <= table.width
    deck_page = files.html.read_text(encoding="utf-8")
    assert html.escape(TASK, quote=False) in deck_page and TASK not in deck_page
