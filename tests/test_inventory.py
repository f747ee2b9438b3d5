"""``salesplan check``: figures against counts taken from the store with plain SQL, statuses on the
demo and on a store that holds nothing but a CRM's deals, the Russian text."""

import json
import re
import sqlite3

import pandas as pd
import pytest
import yaml
from cli_run import run as salesplan
from hypothesis import given
from hypothesis import strategies as st
from import_files import fresh_store, write_text
from sqlalchemy.engine import make_url

from salesplan import store
from salesplan.config import params_dir
from salesplan.filenames import slug
from salesplan.importing import import_file
from salesplan.inventory import auto_created, inventory, load

PROFILES = params_dir() / "profiles"
DATED = {  # table: (first date column, last date column), as the store's date range reads them
    "deals": ("created", "closed"),
    "payments": ("date", "due_date"),
    "calls": ("started_at", "started_at"),
    "leads": ("created", "created"),
}


def run(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    code, out, err = salesplan(monkeypatch, capsys, "check", *args)
    assert err == ""
    return code, out


def check_json(monkeypatch, capsys, url: str, *args: str) -> dict:
    code, out = run(monkeypatch, capsys, "--json", "--db", url, *args)
    assert code == 0
    return json.loads(out)


def sql(url: str, query: str, *params):
    with sqlite3.connect(make_url(url).database) as conn:
        return conn.execute(query, params).fetchone()


def test_demo_store_every_table_loaded_and_every_report_ready(demo_db, monkeypatch, capsys):
    found = check_json(monkeypatch, capsys, demo_db)
    tables = {t["table"]: t for t in found["tables"]}
    assert list(tables) == ["departments", "managers", "clients", "deals", "payments", "calls", "leads"]
    for name, table in tables.items():
        assert table["rows"] == sql(demo_db, f"SELECT COUNT(*) FROM {name}")[0] > 0
        if name in DATED:
            first, last = DATED[name]
            lo, hi = sql(demo_db, f"SELECT MIN({first}), MAX({last}) FROM {name}")
            assert (table["first"], table["last"]) == (lo[:10], hi[:10])
    issues = found["issues"]
    assert issues["deals_without_amount"] == sql(
        demo_db, "SELECT COUNT(*) FROM deals WHERE amount IS NULL")[0]
    assert issues["won_deals_without_amount"] == sql(
        demo_db, "SELECT COUNT(*) FROM deals WHERE amount IS NULL AND outcome = 'won'")[0]
    assert issues["payments_without_manager"] == sql(
        demo_db, "SELECT COUNT(*) FROM payments p LEFT JOIN deals d ON d.id = p.deal_id "
                 "WHERE p.manager_id IS NULL AND d.manager_id IS NULL")[0]
    assert issues["managers_without_department"] == sql(
        demo_db, "SELECT COUNT(*) FROM managers WHERE department_id NOT IN (SELECT id FROM departments)")[0]
    assert issues["auto_created_managers"] == []  # the demo's roster has ids m01… and hire dates
    assert found["fact_source"] == "payments"
    assert found["fact_months"] == sql(
        demo_db, "SELECT COUNT(DISTINCT substr(date, 1, 7)) FROM payments WHERE date IS NOT NULL")[0]
    for item in found["reports"] + found["plan_methods"]:
        assert (item["key"], item["status"], item["text"], item["reasons"]) == (
            item["key"], "ready", "готово", [])
    assert [r["key"] for r in found["reports"]] == [
        "monthly_report", "daily_brief", "weekly_review", "call_quality", "pay_statements",
        "meeting_deck", "attestation"]
    assert [m["key"] for m in found["plan_methods"]] == ["history", "trend", "funnel", "bottom_up"]
    assert found["next_imports"] == []


def test_one_department_counts_only_its_managers_rows(demo_db, monkeypatch, capsys):
    found = check_json(monkeypatch, capsys, demo_db, "--department", "regions")
    rows = {t["table"]: t["rows"] for t in found["tables"]}
    mine = "manager_id IN (SELECT id FROM managers WHERE department_id = 'regions')"
    assert rows["managers"] == sql(
        demo_db, "SELECT COUNT(*) FROM managers WHERE department_id = 'regions'")[0]
    for name in ("deals", "calls", "leads"):
        assert rows[name] == sql(demo_db, f"SELECT COUNT(*) FROM {name} WHERE {mine}")[0]
    # a payment without a manager belongs to its deal's manager
    assert rows["payments"] == sql(
        demo_db, "SELECT COUNT(*) FROM payments p LEFT JOIN deals d ON d.id = p.deal_id "
                 "WHERE COALESCE(p.manager_id, d.manager_id) IN "
                 "(SELECT id FROM managers WHERE department_id = 'regions')")[0]
    assert rows["departments"] == 1
    assert rows["deals"] < sql(demo_db, "SELECT COUNT(*) FROM deals")[0]


DEALS = [
    "id,manager,created,closed,outcome,amount",
    "D1,Иванова Мария,15.01.2025,20.02.2025,won,100000",
    "D2,Петров Пётр,16.01.2025,,open,",
    "D3,Иванова Мария,10.03.2025,01.04.2025,lost,5000",
    "D4,Петров Пётр,11.03.2025,14.05.2025,won,250 000",
    "D5,Петров Пётр,12.03.2025,14.06.2025,won,",
]


@pytest.fixture()
def deals_only(tmp_path) -> str:
    """A store holding one CRM's deals, loaded through the import, and nothing else."""
    eng = fresh_store(tmp_path)
    result = import_file(eng, "deals", write_text(tmp_path / "deals.csv", DEALS), "canonical", tmp_path)
    assert (result.rows_accepted, result.rows_rejected) == (5, 0)
    return eng.url.render_as_string(hide_password=False)


def test_deals_only_store_is_partial_and_names_what_to_import(deals_only, monkeypatch, capsys):
    found = check_json(monkeypatch, capsys, deals_only)
    rows = {t["table"]: t["rows"] for t in found["tables"]}
    assert rows == {"departments": 1, "managers": 2, "clients": 0, "deals": 5, "payments": 0,
                    "calls": 0, "leads": 0}
    deals = next(t for t in found["tables"] if t["table"] == "deals")
    assert (deals["first"], deals["last"]) == ("2025-01-15", "2025-06-14")
    assert found["issues"]["deals_without_amount"] == 2  # D2 (open) and D5 (won)
    assert found["issues"]["won_deals_without_amount"] == 1
    # managers first seen in the deals: ids transliterated from their names, no hire date
    assert found["issues"]["auto_created_managers"] == [
        {"id": "ivanova-mariia", "name": "Иванова Мария"}, {"id": "petrov-petr", "name": "Петров Пётр"}]
    assert found["fact_months"] == 2  # won deals with an amount: February and May 2025

    reports = {r["key"]: r for r in found["reports"]}
    monthly = reports["monthly_report"]
    assert monthly["status"] == "partial"
    assert monthly["reasons"] == ["fact_from_deals", "no_plan", "no_calls", "no_leads"]
    assert monthly["text"].startswith("частично: оплат нет — факт по выигранным сделкам")
    quality = reports["call_quality"]
    assert (quality["status"], quality["reasons"]) == ("missing", ["no_calls", "no_reviews"])
    assert quality["text"].startswith("нет данных: ")
    assert "salesplan import calls ФАЙЛ --format" in quality["text"]
    assert {k: r["status"] for k, r in reports.items()} == {
        "monthly_report": "partial", "daily_brief": "partial", "weekly_review": "partial",
        "call_quality": "missing", "pay_statements": "partial", "meeting_deck": "partial",
        "attestation": "partial"}
    methods = {m["key"]: (m["status"], m["reasons"]) for m in found["plan_methods"]}
    assert methods == {"history": ("missing", ["history_short"]), "trend": ("missing", ["history_short"]),
                       "funnel": ("partial", ["no_leads", "no_calls"]), "bottom_up": ("ready", [])}

    nxt = found["next_imports"]
    assert [n["table"] for n in nxt] == ["payments", "calls", "leads", "managers"]
    for n in nxt:
        # the profiles in params/profiles that map the table, else the canonical columns
        readers = sorted(p.stem for p in PROFILES.glob("*.yaml")
                         if n["table"] in (yaml.safe_load(p.read_text(encoding="utf-8"))["tables"]))
        assert n["formats"] == (readers or ["canonical"])
        assert n["command"] == f"salesplan import {n['table']} ФАЙЛ --format {n['formats'][0]}"


def test_human_output_in_russian_with_plural_forms(deals_only, monkeypatch, capsys):
    code, out = run(monkeypatch, capsys, "--db", deals_only)
    assert code == 0
    assert re.search(r"Отделы +1 строка\n", out)
    assert re.search(r"Менеджеры +2 строки\n", out)
    assert re.search(r"Сделки +5 строк +15\.01\.2025 – 14\.06\.2025\n", out)
    assert re.search(r"Оплаты +нет данных\n", out)
    assert "сделок без суммы: 2 (из них выигранных: 1)" in out
    assert "2 менеджера: Иванова Мария (ivanova-mariia), Петров Пётр (petrov-petr)" in out
    assert re.search(r"Качество звонков +нет данных:\n +– звонков нет.*\(salesplan import calls ФАЙЛ", out)
    assert re.search(r"Ежемесячный отчёт +частично:\n +– оплат нет — факт по выигранным сделкам", out)
    assert re.search(r"Снизу вверх +готово\n", out)
    assert "история факта — 2 месяца, нужно не меньше 12 месяцев" in out
    assert re.search(r"salesplan import payments ФАЙЛ --format \w+ +— ", out)  # formats: the JSON test
    # every word is Russian, but for commands, ids, the database's URL and notebook names
    code_like = r"salesplan [^—\n]*|\([a-z-]+\)|sqlite:\S+|\S+\.ipynb"
    assert not re.search(r"[A-Za-z]{4,}", re.sub(code_like, "", out))


def test_won_deals_as_the_fact_is_no_fallback(deals_only):
    found = inventory(load(store.engine(deals_only)), fact_source="won_deals")
    monthly = next(r for r in found.reports if r.key == "monthly_report")
    assert monthly.reasons == ["no_plan", "no_calls", "no_leads"]  # the fact is what was asked for
    assert found.fact_months == 2


WORDS = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ", min_size=2,
                max_size=12)


@given(names=st.lists(st.tuples(WORDS, WORDS).map(" ".join), min_size=1, max_size=6, unique=True),
       suffix=st.integers(min_value=2, max_value=5))
def test_managers_made_by_an_import_are_told_from_a_roster(names, suffix):
    made = [slug(n) for n in names]
    managers = pd.DataFrame({
        "id": [*made, f"{made[0]}-{suffix}", "m01", made[-1]],
        "name": [*names, names[0], names[0], names[-1]],
        "hire_date": [pd.NaT] * (len(names) + 2) + [pd.Timestamp("2024-01-01")],
    })
    # by construction: the first len(names) + 1 rows are an import's, the roster's id and the
    # hired manager are not
    assert auto_created(managers).index.tolist() == list(range(len(names) + 1))
