"""The monthly report, the daily brief and the weekly review run on the demo through the runner.

One run per kind (kernels are slow); the figures checked on each page are summed here straight
from the store, not through ``salesplan.control``.
"""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from salesplan import runner, store
from salesplan.money import fmt_rub
from salesplan.plan_of_record import plan_of_record

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"

pytestmark = pytest.mark.notebook


def run(tmp_path: Path, kind: str, notebook: str, value: str, db: str) -> str:
    """Run ``notebook`` alone as run ``kind``; the page's HTML."""
    reg = tmp_path / "reports.yaml"
    reg.write_text(f"{kind}: [{notebook}]\n", encoding="utf-8")
    param = runner.RUNS[kind].parameter
    manifest = runner.run_report(kind, {param: value}, out_dir=tmp_path / "pack", db_url=db,
                                 registry=reg, notebooks=NOTEBOOKS, progress=False)
    assert [(o.status, o.error) for o in manifest.outputs] == [("ok", None)]
    page = (tmp_path / "pack" / notebook.replace(".ipynb", ".html")).read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "<script" not in page
    assert "Control.load" not in page  # no code
    return page


def paid(db: str, start: str, end: str) -> int:
    payments = store.read_table(store.engine(db), "payments")
    days = payments["date"]
    return int(payments["amount"][(days >= start) & (days <= end)].sum())


def test_monthly_report(tmp_path, demo_db, demo_month):
    page = run(tmp_path, "monthly", "monthly_report.ipynb", demo_month, demo_db)
    assert "<title>План – факт – отклонение: итоги месяца</title>" in page
    first = f"{demo_month}-01"
    last = str(pd.Timestamp(first) + pd.offsets.MonthEnd(0))[:10]
    plan = int(plan_of_record(store.engine(demo_db), demo_month)["amount"].sum())
    assert f"План {fmt_rub(plan)}, факт {fmt_rub(paid(demo_db, first, last))}" in page
    for heading in ("Ключевые показатели", "Воронка и конверсия", "Активность и нормативы",
                    "Оплаты и дебиторская задолженность", "Гигиена CRM", "Следующий месяц",
                    "Вероятность выполнить план"):
        assert heading in page


def test_daily_brief(tmp_path, demo_db, demo_month):
    # the last Friday of the demo month: "yesterday" is the Thursday before it
    friday = pd.Timestamp(f"{demo_month}-01") + pd.offsets.MonthEnd(0)
    while friday.weekday() != 4:
        friday -= pd.Timedelta(days=1)
    thursday = friday - pd.Timedelta(days=1)
    page = run(tmp_path, "daily", "daily_brief.ipynb", str(friday.date()), demo_db)
    assert f"Вчерашний факт ({thursday:%d.%m.%Y})" in page
    yesterday = paid(demo_db, str(thursday.date()), str(thursday.date()))
    assert f">{fmt_rub(yesterday)}<" in page
    for heading in ("Отстают от плана", "План оплат на сегодня", "План оплат на завтра",
                    "Факт оплат за сегодня по контрольным точкам", "Неделя на сегодня",
                    "План оплат на вчера и факт", "План оплат менеджеров на завтра",
                    "Что изменилось с плана на неделю"):
        assert heading in page
    assert "Планов оплат на эту неделю менеджеры не сдавали" not in page  # the demo has them
    assert "перенесена позже" in page and "оплачена раньше срока" in page


def test_weekly_review(tmp_path, demo_db, demo_month):
    monday = date.fromisocalendar(*pd.Timestamp(f"{demo_month}-15").isocalendar()[:2], 1)
    week = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
    sunday = monday + pd.Timedelta(days=6)
    page = run(tmp_path, "weekly", "weekly_review.ipynb", week, demo_db)
    assert f"Итоги недели: {week} ({monday:%d.%m}–{sunday:%d.%m.%Y})" in page
    assert f">{fmt_rub(paid(demo_db, str(monday), str(sunday)))}<" in page
    for heading in ("Неделя в цифрах", "Активность за неделю", "План оплат на следующую неделю",
                    "Вероятность выполнить план"):
        assert heading in page
