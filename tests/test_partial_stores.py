"""Stores that hold only part of the data (or none) run every scheduled pack, and the pages say what is
missing.

Each store (``tests/partial_stores.py``) is imported through ``salesplan.importing`` from
canonical CSV files; the real monthly pack (``params/reports.yaml``), the daily brief and the
weekly review run on it with papermill. The sums the pages show are worked out by hand from the
rows the store was built of.
"""

import html
import re
from pathlib import Path

import partial_stores as ps
import pytest

from salesplan import runner
from salesplan.money import fmt_rub

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"
RUNS = {"monthly": ps.MONTH, "daily": "2026-10-16", "weekly": "2026-W42"}

pytestmark = pytest.mark.notebook

# October 2026, won deals: manager m wins 100 000 (m + 1) + 100 000 + 5 000 n roubles, n = 0, 1
WON_OCTOBER = (405_000, 605_000, 805_000)
PAID_OCTOBER = (200_000, 210_000, 220_000)  # one payment per manager: 200 000 + 10 000 m

NO_CALLS = "Звонков нет: загрузите выгрузку телефонии — salesplan import calls ФАЙЛ --format …"
NO_DEALS = "Сделок нет: загрузите выгрузку сделок из CRM — salesplan import deals ФАЙЛ --format amocrm"
NO_PAYMENTS = "Оплат и счетов нет: загрузите выгрузку из 1С — salesplan import payments ФАЙЛ"
NO_FACT = "Факта нет: загрузите оплаты из 1С — salesplan import payments ФАЙЛ"
NO_PLAN = "Плана нет: предложите и утвердите план в модели плана"
MONTH_END_NO_PLAN = "Итог месяца: факт {}; план на месяц не утверждён."
ON_WON_DEALS = "Оплат в базе нет, поэтому факт считается по выигранным сделкам"

# What each page of each store must say (beside running without an error).
SAYS = {
    "deals": {
        "monthly_report": [ON_WON_DEALS, f"Плана нет, факт {fmt_rub(sum(WON_OCTOBER) * 100)}.",
                           NO_CALLS, NO_PAYMENTS, NO_PLAN, "нет плана"],
        "data_overview": [NO_PAYMENTS, NO_CALLS],
        "meeting_deck": [MONTH_END_NO_PLAN.format(fmt_rub(sum(WON_OCTOBER) * 100))],
        "call_review_summary": ["Звонков за октябрь 2026 в базе нет: загрузите выгрузку телефонии"],
        "daily_brief": [ON_WON_DEALS, NO_CALLS, NO_PLAN],
        "weekly_review": [ON_WON_DEALS, NO_CALLS],
    },
    "payments": {
        "monthly_report": ["Факт — поступившие оплаты.",
                           f"Плана нет, факт {fmt_rub(sum(PAID_OCTOBER) * 100)}.", NO_DEALS, NO_CALLS],
        "meeting_deck": [MONTH_END_NO_PLAN.format(fmt_rub(sum(PAID_OCTOBER) * 100))],
        "data_overview": [NO_DEALS, NO_CALLS],
        "daily_brief": [NO_CALLS, NO_PLAN],
        "weekly_review": [NO_CALLS],
    },
    "calls": {
        "monthly_report": [NO_FACT, NO_DEALS, NO_PAYMENTS],
        "data_overview": [NO_DEALS, NO_PAYMENTS],
        "call_review_summary": ["Оцените звонки в форме call_review.ipynb"],
        "daily_brief": [NO_FACT],
        "weekly_review": [NO_FACT],
    },
    "quiet": {
        "monthly_report": ["Факта за этот период нет.", "Сделок за этот период нет.",
                           "Звонков за этот период нет."],
        "daily_brief": ["Звонков за этот период нет."],
        "weekly_review": ["Звонков за этот период нет."],
    },
    "empty": {
        "monthly_report": [NO_FACT, NO_DEALS, NO_PAYMENTS, NO_CALLS, NO_PLAN],
        "data_overview": [NO_DEALS, NO_PAYMENTS, NO_CALLS],
        "daily_brief": [NO_FACT, NO_CALLS],
        "weekly_review": [NO_FACT, NO_CALLS],
    },
}


def text(page: str) -> str:
    """A page's text as a reader sees it: no tags, entities decoded, spaces collapsed."""
    body = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body))).replace("\xa0", " ")


@pytest.fixture(scope="module", params=ps.KINDS)
def packs(request, tmp_path_factory) -> tuple[str, Path]:
    """The store of one kind and its three packs (monthly, daily, weekly)."""
    folder = tmp_path_factory.mktemp(request.param)
    url = ps.build(request.param, folder / "store")
    for kind, value in RUNS.items():
        manifest = runner.run_report(kind, {runner.RUNS[kind].parameter: value}, out_dir=folder / kind,
                                     db_url=url, notebooks=NOTEBOOKS, progress=False, jobs=2)
        failed = [(o.notebook, o.error) for o in manifest.outputs if o.status != "ok"]
        assert failed == [], f"{request.param} {kind}: {failed}"
        assert manifest.papers is None or manifest.papers.error is None, manifest.papers.error
    return request.param, folder


def test_every_page_runs_and_says_what_is_missing(packs):
    kind, folder = packs
    pages = {p.stem: text(p.read_text(encoding="utf-8")) for p in folder.glob("*/*.html")
             if p.stem != "index"}
    assert {"monthly_report", "meeting_deck", "pay_statements", "daily_brief", "weekly_review"} <= set(pages)
    for page, sentences in SAYS[kind].items():
        for sentence in sentences:
            assert sentence.replace("\xa0", " ") in pages[page], f"{kind}/{page}: «{sentence}» not found"


def test_sections_with_their_data_do_not_ask_for_it(packs):
    kind, folder = packs
    report = text((folder / "monthly" / "monthly_report.html").read_text(encoding="utf-8"))
    has = {"deals": {"deals"}, "payments": {"payments"}, "calls": {"calls"},
           "quiet": {"deals", "payments", "calls"}, "empty": set()}[kind]
    asks = {"deals": NO_DEALS, "payments": NO_PAYMENTS, "calls": NO_CALLS}
    for table, sentence in asks.items():
        assert (sentence in report) == (table not in has), f"{kind}: {table}"
