"""The monthly meeting deck: slide contents from a hand-built store, the PowerPoint file read back
with python-pptx, the offline HTML page, and the deck of the demo department."""

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pay_store
import pytest
from pptx import Presentation
from pptx.util import Pt
from sqlalchemy import update

from salesplan import store
from salesplan.control.report import Control
from salesplan.deck import layout
from salesplan.deck.content import SLIDE_KEYS, SLIDES, build_deck
from salesplan.deck.layout import png_size
from salesplan.deck.pack import write_deck
from salesplan.deck.powerpoint import write_pptx
from salesplan.deck.slides import Slide, Table
from salesplan.deck.webpage import deck_html
from salesplan.labels import DECK, DECK_TITLES
from salesplan.money import fmt_percent
from salesplan.periods import Month

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
CHART_SLIDES = {"managers", "cumulative", "funnel", "check", "receivables", "calls"}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """March 2026 of the hand-built store; manager b is named with markup."""
    eng = pay_store.fill(store.engine(f"sqlite:///{tmp_path_factory.mktemp('deck') / 'd.db'}"))
    with store.transaction(eng) as conn:
        conn.execute(update(store.managers).where(store.managers.c.id == "b")
                     .values(name="Борис <b>жирный</b>"))
    return {s.key: s for s in build_deck(eng, "2026-03", "sales", today=date(2026, 4, 10))}


def test_slides_in_meeting_order():
    assert [make.__name__.removesuffix("_slide") for make in SLIDES] == SLIDE_KEYS
    assert len(SLIDE_KEYS) == 13


def test_month_in_numbers_by_hand(small):
    table = small["numbers"].table
    rows = {r[0]: r for r in table.rows}
    assert table.columns[1:3] == ["март 2026", "февраль 2026"]
    assert rows["План"][1] == "1\xa0000\xa0000\xa0₽"
    assert rows["Факт"][1] == "800\xa0000\xa0₽"  # 600 000 + 200 000 received in March
    assert rows["Выполнение"][1] == "80,0\xa0%"
    assert rows["Отклонение"][1] == "-200\xa0000\xa0₽"
    assert rows["Выиграно сделок"][1] == "3"
    assert rows["Средний чек"][1] == "566\xa0667\xa0₽"  # (1 000 000 + 500 000 + 200 000) / 3
    assert rows["Факт"][2] == "—" and rows["Факт"][3] == "—"  # nothing in February
    assert small["numbers"].bullets[0] == "Факт 800\xa0000\xa0₽ — 80,0\xa0% плана (1\xa0000\xa0000\xa0₽)."


def test_managers_ranked_with_pace_and_forecast(small):
    slide = small["managers"]
    assert [r[1] for r in slide.table.rows] == ["Анна", "Борис <b>жирный</b>"]
    anna = slide.table.rows[0]
    assert anna[2:] == ["1\xa0000\xa0000\xa0₽", "600\xa0000\xa0₽", "60,0\xa0%", "-400\xa0000\xa0₽",
                        "60,0\xa0%", "600\xa0000\xa0₽"]  # month closed: pace = %, forecast = fact
    assert slide.image is not None


def test_receivables_aged_at_the_months_end(small):
    slide = small["receivables"]
    assert slide.bullets[1] == ("Дебиторская задолженность на 31.03.2026: 900\xa0000\xa0₽, "
                                "просрочено 900\xa0000\xa0₽ (100,0\xa0%).")
    assert [r[2:] for r in slide.table.rows] == [["500\xa0000\xa0₽", "6"], ["400\xa0000\xa0₽", "11"]]


def test_missing_data_is_said_plainly(small):
    assert small["calls"].notice == "Данные недоступны: оценки звонков за месяц."
    assert small["next_plan"].notice == "Данные недоступны: план на апрель 2026 ещё не сохранён."
    assert small["attestation"].bullets[0] == "Аттестация за I квартал 2026"  # March closes Q1
    assert [r[0] for r in small["attestation"].table.rows] == ["Анна", "Борис <b>жирный</b>"]


def test_pptx_reopens_16_9_with_native_titles_tables_and_pictures(small, tmp_path):
    slides = list(small.values())
    prs = Presentation(write_pptx(slides, tmp_path / "deck.pptx"))
    assert (prs.slide_width, prs.slide_height) == (Pt(960), Pt(540))  # 13.333 × 7.5 in, 16:9
    pages = [p for s in slides for p in ([s] if s.key == "title" else layout.pages(s))]
    assert len(prs.slides) == len(pages) >= len(SLIDE_KEYS)
    for s, page in zip(pages, prs.slides, strict=True):
        assert page.shapes.title.text == s.title
        assert CYRILLIC.search(page.shapes.title.text)
        kinds = {shape.shape_type for shape in page.shapes}
        assert (19 in kinds) == (s.table is not None)  # MSO_SHAPE_TYPE.TABLE
        assert (13 in kinds) == (s.image is not None)  # MSO_SHAPE_TYPE.PICTURE
        for shape in page.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height
    table = next(sh for sh in prs.slides[2].shapes if sh.has_table).table
    assert table.cell(1, 1).text == "Анна" and table.cell(0, 6).text == "Темп"


def test_html_page_is_offline_and_escaped(small):
    slides = list(small.values())
    page = deck_html(slides, "Собрание")
    assert not re.search(r"https?://|<script|<link|@import", page)
    assert page.count('src="data:image/png;base64,') == sum(s.image is not None for s in slides)
    assert page.count('<section class="slide') == len(SLIDE_KEYS)
    assert "Борис &lt;b&gt;жирный&lt;/b&gt;" in page and "<b>жирный" not in page


def test_numbers_slide_counts_deals_against_the_plan(small, tmp_path):
    eng = pay_store.fill(store.engine(f"sqlite:///{tmp_path / 'same.db'}"))
    deals, managers = store.read_table(eng, "deals"), store.read_table(eng, "managers")
    sales = set(managers.loc[managers["department_id"] == "sales", "id"])
    won = deals[(deals["outcome"] == "won") & deals["manager_id"].isin(sales)
                & (deals["closed"] >= "2026-03-01") & (deals["closed"] <= "2026-03-31")]
    line = small["numbers"].bullets[3]
    assert line.startswith(f"Сделки: {len(won)}") and "Лиды:" in line and line.endswith(".")


def test_contests_slide_ranks_as_the_kpis_do(small, tmp_path):
    # params/control.yaml: «Лучший менеджер месяца» on revenue_pct, every month; the deck of
    # March (made on 10 April) shows it finished, best first, as the month's KPIs rank
    slide = small["contests"]
    assert slide.bullets[0].startswith(
        "Лучший менеджер месяца — Выручка, % плана, март 2026 (завершён). Участвуют: все менеджеры.")
    shown = [r[3] for r in slide.table.rows if r[0] == "Лучший менеджер месяца"]
    eng = pay_store.fill(store.engine(f"sqlite:///{tmp_path / 'same.db'}"))
    kpis = Control.load(eng, "sales").kpis(*Month.parse("2026-03").bounds)
    best = kpis["revenue_pct"].dropna().sort_values(ascending=False)
    expected = [fmt_percent(v, 1) for v in best] + ["—"] * len(shown)  # no plan: last, no place
    assert shown == expected[:len(shown)] and len(shown) > len(best) > 0


def test_png_size_and_table_width_checks():
    assert png_size(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80\x00\x00\x01\xe0") == (640, 480)
    with pytest.raises(ValueError, match="differ in width"):
        Table(["a", "b"], [["1"]])
    assert not Slide("x", "Пусто").has_content


def test_demo_deck_has_every_slide_with_content(demo_db, demo_month, tmp_path):
    files = write_deck(store.engine(demo_db), demo_month, "", tmp_path, today=date(2026, 11, 23))
    assert files.pptx.name == f"meeting_deck_{demo_month}.pptx" and files.html.exists()
    slides = {s.key: s for s in files.slides}
    assert list(slides) == SLIDE_KEYS
    for key, slide in slides.items():
        assert slide.has_content, key
        assert not slide.notice.startswith("Данные недоступны"), (key, slide.notice)
        text = " ".join([slide.title, slide.subtitle, *slide.bullets])
        assert CYRILLIC.search(text), key
    for key in CHART_SLIDES:
        assert slides[key].image, key
    for key in ("numbers", "managers", "funnel", "check", "receivables", "calls", "contests",
                "next_plan", "cases", "tasks"):
        assert slides[key].table and slides[key].table.rows, key
    assert slides["next_plan"].title == DECK_TITLES["next_plan"].format(month="ноябрь 2026")
    prs = Presentation(files.pptx)
    titles = [p.shapes.title.text for p in prs.slides]
    assert [t for t in titles if not t.endswith(DECK["continued"])] == [s.title for s in files.slides]
    assert all(t.removesuffix(" " + DECK["continued"]) in titles for t in titles)


@pytest.mark.notebook
def test_the_demo_monthly_pack_holds_the_deck_and_a_statement_per_active_manager(
    demo_db, demo_month, tmp_path
):
    from salesplan.runner import run_report

    pack = tmp_path / "pack"
    manifest = run_report("monthly", {"month": demo_month}, out_dir=pack, db_url=demo_db,
                          progress=False)
    status = {Path(o.notebook).name: o.status for o in manifest.outputs}
    assert status["meeting_deck.ipynb"] == status["pay_statements.ipynb"] == "ok", status
    prs = Presentation(pack / f"meeting_deck_{demo_month}.pptx")
    assert len(prs.slides) >= len(SLIDE_KEYS)  # a long table or its chart may take a page more
    assert (pack / f"meeting_deck_{demo_month}.html").exists()
    first, last = Month.parse(demo_month).bounds
    managers = store.read_table(store.engine(demo_db), "managers")
    active = managers[(managers["hire_date"] <= pd.Timestamp(last))
                      & (managers["leave_date"].isna() | (managers["leave_date"] >= pd.Timestamp(first)))]
    statements = sorted(p.name for p in (pack / "payouts").glob(f"{demo_month}_*.xlsx"))
    assert statements == sorted([f"{demo_month}_{m}.xlsx" for m in active["id"]]
                                + [f"{demo_month}_payroll.xlsx"])
    assert len(active) >= 8


def test_managers_slide_mid_month_counts_working_days(tmp_path):
    eng = pay_store.fill(store.engine(f"sqlite:///{tmp_path / 'd.db'}"))
    slide = {s.key: s for s in build_deck(eng, "2026-03", "sales", today=date(2026, 3, 13))}["managers"]
    # March 2026 has 21 working days (8 March falls on a Sunday: the 9th is off)
    assert "На 13.03.2026: отработано 9 из 21 рабочего дня." in slide.bullets


def test_a_long_table_goes_on_over_pages_each_within_the_slide():
    rows = [[f"Менеджер {i}", f"{i}\xa0000\xa0000\xa0₽"] for i in range(60)]
    slide = Slide("long", "Длинная таблица", bullets=["Строка"], table=Table(["Кто", "Сумма"], rows,
                                                                             [False, True]),
                  notice="Заполняется на собрании.")
    pages = layout.pages(slide)
    assert len(pages) > 1 and [r for p in pages for r in p.table.rows] == rows
    assert [p.title for p in pages[1:]] == [f"Длинная таблица {DECK['continued']}"] * (len(pages) - 1)
    assert [bool(p.notice) for p in pages] == [False] * (len(pages) - 1) + [True]
    for page in pages:
        lay = page.table_layout
        assert page.table_area.top + lay.height <= layout.BODY_BOTTOM - (page.notice_area.height
                                                                          if page.notice else 0)
        assert lay.width <= layout.FULL + 1e-6
        assert lay.widths[1] >= layout.measure.width("59 000 000 ₽", lay.size) + 2 * layout.INSET_X


def test_chunks_fill_each_page_and_take_at_least_one_row():
    assert layout.chunks([10, 5, 5, 5, 5], [22, 30]) == [range(0, 2), range(2, 4)]
    assert layout.chunks([10, 50, 5], [20]) == [range(0, 1), range(1, 2)]
    assert layout.measure.lines("один два три", layout.measure.width("один два", 12), 12) == 2
