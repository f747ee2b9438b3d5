"""Control tables for a reader: names, Russian headings, money and percent the Russian way."""

import pandas as pd

from salesplan.control.display import (
    all_missing,
    forecast_title,
    hygiene_lead,
    or_note,
    period_text,
    plan_note,
    table,
)
from salesplan.control.frames import UNASSIGNED


def test_table_formats_by_column_kind():
    frame = pd.DataFrame({
        "manager_id": ["m1", UNASSIGNED, "zz"],
        "plan_month": [123_456_700, 0, 5],
        "pace": [87.5, float("nan"), 100.0],
        "probability": [0.75, 1.0, float("nan")],
        "over_limit": [True, False, True],
        "stale": [3, 0, 1],
        "expected_date": pd.to_datetime(["2026-11-02", None, "2026-12-31"]),
    })
    total = pd.DataFrame({"plan_month": [123_456_705], "pace": [90.0], "probability": [None],
                          "over_limit": [None], "stale": [4], "expected_date": [None]})
    out = table(frame, {"m1": "Анна"}, total=total)
    assert out.index.name == "Менеджер"
    assert out.index.tolist() == ["Анна", "Без менеджера", "zz", "Итого"]
    assert out["План на месяц"].tolist() == ["1\xa0234\xa0567\xa0₽", "0\xa0₽", "0\xa0₽",
                                             "1\xa0234\xa0567\xa0₽"]
    assert out["% плана на сегодня"].tolist()[:2] == ["87,5\xa0%", "—"]
    assert out["Вероятность"].tolist()[:3] == ["75\xa0%", "100\xa0%", "—"]
    assert out["Сверх лимита"].tolist()[:3] == ["да", "", "да"]
    assert out["Без движения"].tolist() == ["3", "0", "1", "4"]  # counts, not flags
    assert out["Ожидаемая дата оплаты"].tolist()[:2] == ["02.11.2026", "—"]


def test_key_and_columns():
    frame = pd.DataFrame({"client_id": ["k1"], "manager_id": ["m1"], "overdue": [100]})
    out = table(frame, {"m1": "Анна"}, clients={"k1": "ООО «Альфа»"}, key="client_id")
    assert out.index.tolist() == ["ООО «Альфа»"] and out["Менеджер"].tolist() == ["Анна"]
    only = table(frame, columns=["overdue"])
    assert only.columns.tolist() == ["Просрочено"]


def test_sentences():
    assert period_text(pd.Timestamp("2026-10-26"), pd.Timestamp("2026-11-01")) == "26.10–01.11.2026"
    assert period_text(pd.Timestamp("2026-10-26"), pd.Timestamp("2026-10-26")) == "26.10.2026"
    assert plan_note("approved", "2026-11") == ""
    assert "ноябрь 2026" in plan_note("none", "2026-11")
    assert "«Рост»" in plan_note("scenario", "2026-11", "Рост")
    assert "без движения — 21 день и более" in hygiene_lead(30, 21)
    assert "без движения — 14 дней и более" in hygiene_lead(30, 14)
    assert "(Монте-Карло, 10\xa0000 прогонов, интервал 80 %)" in forecast_title(10_000, 80)


def test_a_table_without_any_plan_says_so_in_its_plan_columns():
    frame = pd.DataFrame({"manager_id": ["m1", "m2"], "plan": [0, 0], "fact": [500_00, 0],
                          "deviation": [500_00, 0], "pct": [float("nan")] * 2})
    total = pd.DataFrame({"plan": [0], "fact": [500_00], "deviation": [500_00], "pct": [float("nan")]})
    out = table(frame, {"m1": "Анна"}, total=total)
    assert out["План"].tolist() == ["нет плана"] * 3
    assert out["Отклонение"].tolist() == ["—"] * 3  # fact − 0 is no deviation from a plan
    assert out["Факт"].tolist() == ["500\xa0₽", "0\xa0₽", "500\xa0₽"]
    planned = table(frame.assign(plan=[0, 100_00]))  # one plan is a plan: zeros are zeros
    assert planned["План"].tolist() == ["0\xa0₽", "100\xa0₽"]


def test_a_section_without_data_shows_why():
    frame = pd.DataFrame({"fact": [1]})
    assert or_note(frame) is frame
    assert or_note(frame, "Звонков нет.").data == "Звонков нет."
    assert or_note(frame[:0]).data == "Нет данных."
    assert or_note(frame[:0], empty="Все в темпе.").data == "Все в темпе."
    assert all_missing("Сделок нет.", "Оплат нет.") == "Сделок нет. Оплат нет."
    assert all_missing("Сделок нет.", "") == ""
