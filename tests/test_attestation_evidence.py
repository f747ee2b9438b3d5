"""A demo manager's evidence equals the KPIs computed here straight from the raw tables."""

from __future__ import annotations

import pandas as pd
import pytest
from attestation_demo import seeded
from sqlalchemy import text

from salesplan import store
from salesplan.attestation import assessment, evidence, scoring, sheet
from salesplan.attestation.template import load_template
from salesplan.calendar import default_calendar
from salesplan.control.params import control_params
from salesplan.periods import Quarter
from salesplan.plan_of_record import activity_norms

Q3 = Quarter(2026, 3)
START, END = "2026-07-01", "2026-09-30"


@pytest.fixture(scope="module")
def url(demo_db, demo_month, tmp_path_factory) -> str:
    return seeded(demo_db, tmp_path_factory.mktemp("attestation"), demo_month)


@pytest.fixture(scope="module")
def ev(url) -> evidence.Evidence:
    return evidence.collect(store.engine(url), Q3, load_template())


def sql(url: str, query: str, **params) -> pd.DataFrame:
    with store.engine(url).connect() as conn:
        return pd.read_sql(text(query), conn, params=params)


def value(ev, manager, component, indicator) -> float:
    v = ev.values
    row = v[(v["manager_id"] == manager) & (v["component"] == component) & (v["indicator"] == indicator)]
    assert len(row) == 1
    return float(row["value"].iloc[0])


def month_plan(url: str, manager: str, month: str) -> int:
    """The latest approved plan of the month, summed for the manager (kopecks)."""
    return int(sql(url, """
        SELECT COALESCE(SUM(l.amount), 0) AS plan FROM plan_lines l JOIN plans p ON p.id = l.plan_id
        WHERE p.month = :month AND p.status = 'approved' AND l.manager_id = :m
          AND p.version = (SELECT MAX(q.version) FROM plans q WHERE q.month = p.month
                           AND q.department_id = p.department_id AND q.status = 'approved')
    """, month=month, m=manager)["plan"].iloc[0])


def month_fact(url: str, manager: str, month: str) -> int:
    """Money received in the month from the manager's clients (the payment's manager, else the deal's)."""
    return int(sql(url, """
        SELECT COALESCE(SUM(p.amount), 0) AS fact FROM payments p LEFT JOIN deals d ON d.id = p.deal_id
        WHERE COALESCE(p.manager_id, d.manager_id) = :m AND strftime('%Y-%m', p.date) = :month
    """, month=month, m=manager)["fact"].iloc[0])


@pytest.mark.parametrize("manager", ["m10", "m04"])  # a hunter and a farmer
def test_kpi_evidence_equals_the_raw_tables(url, ev, manager):
    # plan fulfilment: mean over the months with a plan of fact / plan × 100
    pct = []
    for month in map(str, Q3.months):
        plan, fact = month_plan(url, manager, month), month_fact(url, manager, month)
        if plan:
            pct.append(fact / plan * 100)
    assert value(ev, manager, "kpi", "plan_fulfilment") == pytest.approx(sum(pct) / len(pct))

    # conversion: leads of the period converted to a deal / leads
    leads = sql(url, "SELECT deal_id FROM leads WHERE manager_id = :m AND created BETWEEN :a AND :b",
                m=manager, a=START, b=END)
    conversion = value(ev, manager, "kpi", "conversion")
    if len(leads):
        assert conversion == pytest.approx(leads["deal_id"].notna().sum() / len(leads) * 100)
    else:
        assert pd.isna(conversion)

    # average check against the average of the same role among the attested managers
    won = sql(url, """SELECT manager_id, amount FROM deals
                      WHERE outcome = 'won' AND closed BETWEEN :a AND :b""", a=START, b=END)
    role = ev.managers.set_index("manager_id").loc[manager, "role"]
    peers = won[won["manager_id"].isin(ev.managers.loc[ev.managers["role"] == role, "manager_id"])]
    own = won[won["manager_id"] == manager]
    expected = own["amount"].mean() / peers["amount"].mean() * 100
    assert value(ev, manager, "kpi", "average_check") == pytest.approx(expected)

    # activity: outgoing calls / (daily call norm × working days of the quarter)
    calls = sql(url, """SELECT COUNT(*) AS n FROM calls WHERE manager_id = :m AND direction = 'out'
                        AND started_at >= :a AND started_at < '2026-10-01'""", m=manager, a=START)
    norms = activity_norms(store.engine(url), "2026-07")  # the plan of record's, else the role's
    norms = norms[norms["manager_id"] == manager]
    per_day = (norms["calls_per_day"].iloc[0] if len(norms)
               else control_params().activity_norms.for_role(role).calls_per_day)
    norm = per_day * default_calendar().working_days_between(START, END)
    assert value(ev, manager, "kpi", "activity") == pytest.approx(int(calls["n"].iloc[0]) / norm * 100)

    # receivables at the period's end: invoices unpaid on 30.09 of deals closed by then;
    # overdue when due before 30.09
    debts = sql(url, """
        SELECT p.amount, p.due_date FROM payments p LEFT JOIN deals d ON d.id = p.deal_id
        WHERE COALESCE(p.manager_id, d.manager_id) = :m AND (p.date IS NULL OR p.date > :b)
          AND (d.closed IS NULL OR d.closed <= :b)""", m=manager, b=END)
    overdue = debts.loc[pd.to_datetime(debts["due_date"]) < pd.Timestamp(END), "amount"].sum()
    share = overdue / debts["amount"].sum() * 100 if debts["amount"].sum() else 0.0
    assert value(ev, manager, "kpi", "receivables") == pytest.approx(share)


@pytest.mark.parametrize("manager", ["m10", "m04"])
def test_call_quality_and_inputs_equal_the_raw_tables(url, ev, manager):
    reviews = sql(url, """
        SELECT r.score, r.call_date FROM reviews r
        WHERE r.manager_id = :m AND r.call_date BETWEEN :a AND :b
          AND r.revision = (SELECT MAX(q.revision) FROM reviews q WHERE q.uid = r.uid)""",
                  m=manager, a=START, b=END)
    assert len(reviews) >= load_template().eligibility.min_reviewed_calls
    assert value(ev, manager, "call_quality", "average") == pytest.approx(reviews["score"].mean())
    monthly = reviews.groupby(pd.to_datetime(reviews["call_date"]).dt.month)["score"].mean()
    x = monthly.index.to_numpy(dtype=float)
    slope = ((x - x.mean()) * (monthly - monthly.mean())).sum() / ((x - x.mean()) ** 2).sum()
    assert value(ev, manager, "call_quality", "trend") == pytest.approx(slope)

    ratings = sql(url, """SELECT competency, rating FROM attestation_ratings
                          WHERE manager_id = :m AND period = :p""", m=manager, p=str(Q3))
    assert len(ratings) == 8
    for r in ratings.itertuples():
        assert value(ev, manager, "competencies", r.competency) == r.rating
    tests = sql(url, """SELECT topic, score, max_score FROM attestation_tests
                        WHERE manager_id = :m AND period = :p""", m=manager, p=str(Q3))
    assert len(tests) == 3
    for t in tests.itertuples():
        assert value(ev, manager, "knowledge_test", t.topic) == pytest.approx(t.score / t.max_score * 100)


def test_only_managers_employed_at_the_end_are_attested(ev):
    # the heads and the hunter who left in May are not attested; the new hire is, on probation
    assert set(ev.managers["manager_id"]) == {"m02", "m03", "m04", "m05", "m06", "m07", "m10", "m11"}
    status = ev.managers.set_index("manager_id")["status"]
    assert status["m07"] == scoring.PROBATION
    assert (status.drop("m07") == scoring.ELIGIBLE).all()


def test_probation_sheet_says_so_without_a_score(url):
    sheets = {p["manager"]["id"]: p for p in assessment.build(store.engine(url), Q3)}
    p = sheets["m07"]
    assert p["status"] == "probation" and p["decision"] == "probation"
    assert p["total"] is None
    assert all(c["score"] is None for c in p["components"])
    assert p["plan"]["goals"] == [] and p["strengths"] == [] and p["weaknesses"] == []
    html = sheet.render_sheet(p)
    assert "испытательный срок до 06.11.2026" in html
    assert "Аттестация не проводится: испытательный срок" in html
    assert "Итоговая оценка" not in html  # no total anywhere on the sheet
    # the evidence is still shown
    assert "Выполнение плана по месяцам" in html


def test_too_little_time_in_the_role(url, tmp_path):
    t = load_template()
    short = t.model_copy(update={"eligibility": t.eligibility.model_copy(
        update={"probation_months": 1, "min_days_in_role": 45})})
    sheets = {p["manager"]["id"]: p for p in assessment.build(store.engine(url), Q3, template=short)}
    p = sheets["m07"]
    # hired 06.08.2026: 40 working days in the quarter, fewer than the 45 needed
    assert p["status"] == "insufficient_data" and p["total"] is None
    assert p["reasons"][0] == "в должности 40 рабочих дней, а нужно не меньше 45"
    assert ("Оценка не выставляется: в должности 40 рабочих дней, а нужно не меньше 45"
            in sheet.render_sheet(p))


def test_too_few_reviewed_calls_reads_with_the_count(url):
    t = load_template()
    strict = t.model_copy(update={"eligibility": t.eligibility.model_copy(
        update={"min_reviewed_calls": 1000})})
    sheets = {p["manager"]["id"]: p for p in assessment.build(store.engine(url), Q3, template=strict)}
    reviewed = sql(url, """
        SELECT COUNT(DISTINCT r.uid) AS n FROM reviews r
        WHERE r.manager_id = 'm04' AND r.call_date BETWEEN :a AND :b""", a=START, b=END)["n"][0]
    noun = {1: "звонок", 2: "звонка", 3: "звонка", 4: "звонка"}.get(reviewed % 10, "звонков")
    if 11 <= reviewed % 100 <= 14:
        noun = "звонков"
    assert f"{reviewed} {noun} с оценкой, а нужно не меньше 1000" in sheets["m04"]["reasons"]


def test_a_key_account_managers_client_figures(tmp_path):
    """plan_history: Анна (kam1) sells every month to her 4 clients since January 2025."""
    import plan_history

    eng = store.engine(plan_history.history_db(tmp_path))
    q3 = Quarter(2026, 3)
    ev = evidence.collect(eng, q3, load_template())
    clients = ev.values[ev.values["indicator"].isin(["client_growth", "active_clients", "new_clients"])]
    assert set(clients["manager_id"]) == {"kam1", "gov1"}  # key-account managers' criteria only
    figures = clients[clients["manager_id"] == "kam1"].set_index("indicator")["value"]

    def revenue(months):
        return sum(plan_history.expected_revenue("kam1", y, m) for y, m in months)

    year = [(2025, m) for m in (10, 11, 12)] + [(2026, m) for m in range(1, 10)]
    before = [(2025, m) for m in range(1, 10)]  # the history starts in January 2025
    assert figures["client_growth"] == pytest.approx((revenue(year) / revenue(before) - 1) * 100)
    assert figures["active_clients"] == 100  # all 4 bought in July–September
    assert figures["new_clients"] == 0  # each first bought in January 2025
