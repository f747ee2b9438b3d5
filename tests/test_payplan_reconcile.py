"""The daily brief's payment plan sections on a week worked out by hand (``payplan_store``):
Wednesday's brief shows the two deals moved and the one paid early, with their amounts,
yesterday's promises against the fact and tomorrow's promises; every version is kept."""

import io
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from payplan_store import MONDAY, THURSDAY, TUESDAY, WEDNESDAY, WEEK, base_store, the_week
from sqlalchemy import text, update
from sqlalchemy.exc import IntegrityError

from salesplan import clock, schema, store
from salesplan.control import reconcile
from salesplan.control.report import Control
from salesplan.money import fmt_rub
from salesplan.payplan import repository as repo
from salesplan.payplan import rows as R


@pytest.fixture()
def week(db_url, monkeypatch):
    """The worked week on SQLite, then on PostgreSQL."""
    monkeypatch.setenv("SALESPLAN_USER", "anna")
    eng = base_store(db_url)
    the_week(eng)
    clock.set_today(None)
    yield eng
    clock.set_today(None)


def test_wednesdays_brief_shows_the_two_moves_and_the_early_payment(week):
    found = Control.load(week).plan_changes(WEDNESDAY)
    assert found[["manager_id", "change", "deal_id", "planned_date", "planned_amount", "new_date",
                  "money"]].to_dict("records") == [
        {"manager_id": "a", "change": "moved_later", "deal_id": "d2", "planned_date": WEDNESDAY,
         "planned_amount": 20_000_000, "new_date": date(2026, 11, 25), "money": 20_000_000},
        {"manager_id": "a", "change": "paid_early", "deal_id": "d3", "planned_date": THURSDAY,
         "planned_amount": 15_000_000, "new_date": TUESDAY, "money": 15_000_000},
        {"manager_id": "b", "change": "moved_later", "deal_id": "d6", "planned_date": THURSDAY,
         "planned_amount": 12_000_000, "new_date": date(2026, 11, 23), "money": 12_000_000},
    ]
    ctl = Control.load(week)
    by_manager = ctl.plan_changes_by_manager(WEDNESDAY).set_index("manager_id")
    assert by_manager.loc["a", ["moved_later", "dropped", "new", "paid_early"]].tolist() == [
        20_000_000, 0, 0, 15_000_000]
    assert by_manager.loc["b", ["moved_later", "paid_early"]].tolist() == [12_000_000, 0]
    total = ctl.plan_changes_by_manager(WEDNESDAY, level="total").iloc[0]
    assert (total["moved_later"], total["paid_early"], total["dropped"]) == (32_000_000, 15_000_000, 0)


def test_on_monday_nothing_has_moved_yet(week):
    assert Control.load(week).plan_changes(MONDAY).empty
    assert Control.load(week).missing_plans(MONDAY) == ""


def test_yesterdays_promises_against_the_fact(week):
    """Tuesday: Анна promised d1 (100 000 at 90 %) and got d1 and d3 (250 000); Борис promised
    d5 (80 000 at 90 %) and got nothing."""
    table = Control.load(week).promised_vs_fact(TUESDAY, TUESDAY, WEDNESDAY).set_index("manager_id")
    assert table.loc["a", ["rows", "promised", "promised_weighted", "fact", "deviation"]].tolist() == [
        1, 10_000_000, 9_000_000, 25_000_000, 15_000_000]
    assert table.loc["a", "pct"] == pytest.approx(250.0)
    assert table.loc["b", ["rows", "promised", "promised_weighted", "fact", "deviation"]].tolist() == [
        1, 8_000_000, 7_200_000, 0, -8_000_000]
    total = Control.load(week).promised_vs_fact(TUESDAY, TUESDAY, WEDNESDAY, level="total").iloc[0]
    assert (total["promised"], total["fact"], total["deviation"]) == (18_000_000, 25_000_000, 7_000_000)


def test_tomorrows_plan_follows_the_updates_and_the_payments(week):
    """Thursday, seen on Wednesday: d3 is paid already and Борис moved d6 off it, so only d7
    (Борис, 90 000 at 25 %) is still to come. Seen on Monday, all three were."""
    ctl = Control.load(week)
    rows = ctl.promised(THURSDAY, THURSDAY, WEDNESDAY)
    assert rows[["manager_id", "deal_id", "amount", "weighted"]].to_dict("records") == [
        {"manager_id": "b", "deal_id": "d7", "amount": 9_000_000, "weighted": 2_250_000}]
    assert ctl.promised(THURSDAY, THURSDAY, MONDAY)["deal_id"].tolist() == ["d3", "d6", "d7"]
    # Wednesday itself: Анна's plan for the day moved d2 away, so nothing is left of hers
    assert ctl.promised(WEDNESDAY, WEDNESDAY, WEDNESDAY).empty
    # as Monday saw Wednesday, d2 was due then
    assert ctl.promised(WEDNESDAY, WEDNESDAY, MONDAY)["deal_id"].tolist() == ["d2"]
    totals = ctl.promised_totals(THURSDAY, THURSDAY, WEDNESDAY, level="total").iloc[0]
    assert (totals["rows"], totals["promised"], totals["promised_weighted"]) == (1, 9_000_000, 2_250_000)


def test_a_second_submission_keeps_the_first_and_neither_can_change(week):
    versions = repo.versions(week, "week", WEEK, "b")
    assert versions["version"].tolist() == [2, 1]
    assert versions["submitted_by"].tolist() == ["anna", "anna"]
    first = repo.rows_of(week, [versions.iloc[1]["id"]])
    assert first["expected_date"].tolist() == [date(2026, 11, 17), THURSDAY, THURSDAY]  # d6 where it was
    assert repo.latest(week, "week", WEEK, "b").rows["expected_date"].tolist() == [
        date(2026, 11, 17), date(2026, 11, 23), THURSDAY]
    for statement in (update(schema.payment_plan_rows).values(amount=1),
                      update(schema.payment_plans).values(version=9),
                      text("DELETE FROM payment_plan_rows")):
        with pytest.raises(IntegrityError, match=schema.PAYMENT_PLAN), store.transaction(week) as conn:
            conn.execute(statement)
    assert len(repo.plans(week)) == 4


def test_before_any_plan_the_brief_says_how_to_submit_one(tmp_path):
    ctl = Control.load(base_store(tmp_path / "empty.db"))
    assert "salesplan payplan template" in ctl.missing_plans(WEDNESDAY)
    assert ctl.plan_changes(WEDNESDAY).empty
    assert ctl.promised_vs_fact(TUESDAY, TUESDAY, WEDNESDAY).empty


def tables(page: str, match: str) -> list[pd.DataFrame]:
    """The page's tables holding ``match``, the index's name («Менеджер») a column like the others."""
    found = pd.read_html(io.StringIO(page), match=match)
    return [t.set_axis([b if a.startswith("Unnamed") else a for a, b in t.columns], axis=1) for t in found]


@pytest.mark.notebook
def test_the_wednesday_brief_shows_them(week, tmp_path):
    """The daily brief run for Wednesday: its payment plan sections hold the figures above."""
    from test_control_notebooks import run

    url = week.url.render_as_string(hide_password=False)
    page = run(tmp_path, "daily", "daily_brief.ipynb", str(WEDNESDAY), url)
    for heading in ("План оплат на вчера и факт (17.11.2026)",
                    "План оплат менеджеров на завтра (19.11.2026)",
                    "Что изменилось с плана на неделю (неделя 47, 16–22 ноября 2026)",
                    "Изменения по сделкам"):
        assert heading in page
    detail = tables(page, "Сумма по плану недели")[0].fillna("")
    assert detail[["Менеджер", "Изменение", "Сделка", "Дата по плану недели", "Сумма по плану недели",
                   "Новая дата / оплачено"]].values.tolist() == [
        ["Анна", "перенесена позже", "Сервисный контракт", "18.11.2026", fmt_rub(20_000_000), "25.11.2026"],
        ["Анна", "оплачена раньше срока", "Запчасти", "19.11.2026", fmt_rub(15_000_000), "17.11.2026"],
        ["Борис", "перенесена позже", "Аудит", "19.11.2026", fmt_rub(12_000_000), "23.11.2026"]]
    summary = tables(page, "Перенесено позже")[0].set_index("Менеджер")
    changed = ["Перенесено позже", "Оплачено раньше срока", "Выпало из плана"]
    assert summary.loc["Итого", changed].tolist() == [fmt_rub(32_000_000), fmt_rub(15_000_000), fmt_rub(0)]
    promised = tables(page, "Обещано взвешенно")
    yesterday = promised[0].set_index("Менеджер")
    assert yesterday.loc["Итого", ["Обещано", "Факт", "Отклонение"]].tolist() == [
        fmt_rub(18_000_000), fmt_rub(25_000_000), fmt_rub(7_000_000)]
    tomorrow = promised[1].set_index("Менеджер")
    assert tomorrow.loc["Итого", ["Обещано", "Обещано взвешенно"]].tolist() == [
        fmt_rub(9_000_000), fmt_rub(2_250_000)]


OPS = ("keep", "drop", "later", "earlier", "amount", "paid_early", "paid_on_time")


@settings(max_examples=60)
@given(st.lists(st.sampled_from(OPS), min_size=1, max_size=8), st.integers(0, 3))
def test_each_promise_is_kept_or_reported_once_as_what_befell_it(ops, added):
    """Promises due Wednesday, each befallen by one of ``OPS``, and ``added`` new ones: the
    changes are exactly what was done, each once, with the amounts of the module's rules."""
    days = {"later": date(2026, 11, 20), "earlier": date(2026, 11, 16)}
    promised = [{"deal_id": f"d{i}", "client": f"К{i}", "deal": "", "expected_date": WEDNESDAY,
                 "amount": 100_000 * (i + 1), "probability": 0.5} for i in range(len(ops))]
    now, paid, expected = [], [], {}
    for row, op in zip(promised, ops, strict=True):
        kept = dict(row)
        if op in days:
            kept["expected_date"] = days[op]
            expected[row["deal_id"]] = (f"moved_{op}", row["amount"])
        if op == "amount":
            kept["amount"] += 5_000
            expected[row["deal_id"]] = ("amount_changed", 5_000)
        if op == "drop":
            expected[row["deal_id"]] = ("dropped", row["amount"])
        else:
            now.append(kept)
        if op.startswith("paid"):
            paid.append({"deal_id": row["deal_id"], "amount": row["amount"] - 1,
                         "date": TUESDAY if op == "paid_early" else WEDNESDAY})
        if op == "paid_early":
            expected[row["deal_id"]] = ("paid_early", row["amount"] - 1)
    for i in range(added):
        now.append({"deal_id": f"n{i}", "client": f"Н{i}", "deal": "", "expected_date": THURSDAY,
                    "amount": 7_000, "probability": 0.3})
        expected[f"n{i}"] = ("new", 7_000)

    def frame(rows):
        typed = R.typed(pd.DataFrame(rows, columns=R.COLUMNS))
        return typed.assign(manager_id="a", key=R.keys(typed))

    found = reconcile.changes(frame(promised), frame(now),
                              pd.DataFrame(paid, columns=["deal_id", "amount", "date"]), MONDAY, WEDNESDAY)
    assert {r.deal_id: (r.change, r.money) for r in found.itertuples()} == expected
    assert len(found) == len(expected)
