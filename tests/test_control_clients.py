"""Clients over a year: ABC and XYZ, key clients, rhythm and churn, growth — by hand on a small
store, and the properties of the classes."""

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert

from salesplan import store
from salesplan.control.clients import ClientParams, abc_classes, client_table, xyz_classes
from salesplan.control.frames import load_frames
from salesplan.periods import Month

RUB = 100
NOV = Month(2026, 11)
STEADY = [date(2025, 12, 10)] + [date(2026, m, 10) for m in range(1, 12)]
# client, date, roubles, margin (roubles) — the window is Dec 2025 … Nov 2026
WON = (
    [("big", date(2025, 10, 15), 1_000_000, None)]  # the year before
    + [("big", date(2026, m, 15), 500_000, 50_000) for m in (1, 4, 7, 10)]
    + [("steady", d, 100_000, 30_000) for d in STEADY]
    + [("one", date(2026, 3, 1), 600_000, None),
       ("tie1", date(2026, 6, 1), 150_000, None), ("tie2", date(2026, 6, 1), 150_000, None),
       ("small", date(2026, 8, 1), 50_000, None), (None, date(2026, 5, 5), 20_000, None),
       ("lost", date(2025, 6, 1), 300_000, None), ("big", date(2026, 12, 3), 999_000, None)]  # after
)


def build(path, margins: bool):
    eng = store.engine(f"sqlite:///{path}")
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Продажи"}])
        conn.execute(insert(store.managers), [
            {"id": "a", "name": "Анна", "department_id": "sales", "role": "farmer"},
            {"id": "b", "name": "Борис", "department_id": "sales", "role": "hunter"}])
        names = sorted({c for c, *_ in WON if c})
        conn.execute(insert(store.clients), [
            {"id": c, "name": c.upper(), "manager_id": "a" if c == "big" else None} for c in names])
        conn.execute(insert(store.deals), [
            {"id": f"d{i}", "client_id": c, "manager_id": "b", "created": date(2024, 1, 1), "closed": d,
             "outcome": "won", "amount": amount * RUB,
             "margin": margin * RUB if margins and margin is not None else None}
            for i, (c, d, amount, margin) in enumerate(WON)])
    return eng


@pytest.fixture
def clients(tmp_path):
    return client_table(load_frames(build(tmp_path / "c.db", margins=False)), "won_deals", NOV,
                        ClientParams())


def test_revenue_share_and_abc_by_hand(clients):
    t = clients.table.set_index("client_id")
    total = 2_000_000 + 1_200_000 + 600_000 + 150_000 + 150_000 + 50_000 + 20_000  # 4 170 000
    assert clients.total == total * RUB
    assert (clients.unassigned_revenue, clients.unassigned_purchases) == (20_000 * RUB, 1)
    assert t.index.tolist() == ["big", "steady", "one", "tie1", "tie2", "small", "lost"]
    assert (t["revenue"] // RUB).tolist() == [2_000_000, 1_200_000, 600_000, 150_000, 150_000, 50_000, 0]
    assert t.loc["steady", "share"] == pytest.approx(1_200_000 / total)
    # before each: 0, 47.96 %, 76.74 %, 91.13 % (ties share it), 98.32 %
    assert t["abc"].tolist()[:6] == ["A", "A", "A", "B", "B", "C"] and pd.isna(t.loc["lost", "abc"])
    assert t["purchases"].tolist() == [4, 12, 1, 1, 1, 1, 0]


def test_xyz_by_hand(clients):
    t = clients.table.set_index("client_id")
    assert t.loc["steady", "cv"] == pytest.approx(0) and t.loc["steady", "xyz"] == "X"
    # 4 months of 500 000 and 8 of 0: σ = 235 702.3, mean = 166 666.7 → 141.4 %
    assert t.loc["big", "cv"] == pytest.approx(100 * 2 ** 0.5) and t.loc["big", "xyz"] == "Z"
    # one month of 600 000: σ = √(550 000² + 11 × 50 000²) / √12 = 165 831.2 → 331.7 %
    assert t.loc["one", "cv"] == pytest.approx(100 * 11 ** 0.5) and t.loc["one", "xyz"] == "Z"
    assert pd.isna(t.loc["lost", "xyz"])


def test_rhythm_churn_and_growth_by_hand(clients):
    t = clients.table.set_index("client_id")
    # big: 15.10.2025 → 15.01 → 15.04 → 15.07 → 15.10.2026: 92, 90, 91, 92 days
    assert t.loc["big", "avg_interval"] == pytest.approx((92 + 90 + 91 + 92) / 4)
    assert t.loc["big", "last_purchase"] == pd.Timestamp(2026, 10, 15)
    assert t.loc["big", "days_since"] == 46 and not t.loc["big", "churn"]
    assert t.loc["steady", "avg_interval"] == pytest.approx(335 / 11) and not t.loc["steady", "churn"]
    assert t.loc["one", "days_since"] == 274 and t.loc["one", "churn"]  # one purchase, > 90 days
    assert t.loc["small", "days_since"] == 121 and t.loc["small", "churn"]
    assert t.loc["lost", "churn"] and t.loc["lost", "growth"] == pytest.approx(-1)
    assert t.loc["big", "growth"] == pytest.approx(2_000_000 / 1_000_000 - 1)
    assert pd.isna(t.loc["steady", "growth"])  # nothing the year before
    assert t.loc["big", "manager_id"] == "a" and t.loc["steady", "manager_id"] == "b"


def test_key_clients_by_revenue_then_by_margin(clients, tmp_path):
    assert clients.basis == "revenue"
    t = clients.table.set_index("client_id")
    assert t.index[t["key"]].tolist() == ["big", "steady", "one"]  # 48.0 %, 28.8 %, 14.4 %
    by_margin = client_table(load_frames(build(tmp_path / "m.db", margins=True)), "won_deals", NOV,
                             ClientParams())
    m = by_margin.table.set_index("client_id")
    assert by_margin.basis == "margin"
    # margins of the window: big 4 × 50 000, steady 12 × 30 000 → 200 000 of 560 000, 360 000
    assert m.loc["big", "profit_share"] == pytest.approx(200_000 / 560_000)
    assert m.index[m["key"]].tolist() == ["big", "steady"]


def test_payments_take_their_deals_client(tmp_path):
    eng = build(tmp_path / "p.db", margins=False)
    with store.transaction(eng) as conn:
        conn.execute(insert(store.payments), [
            {"id": "p1", "date": date(2026, 11, 2), "amount": 70_000 * RUB, "deal_id": "d1",
             "client_id": None, "manager_id": "b"},  # d1: a deal of «big»
            {"id": "p2", "date": date(2026, 11, 3), "amount": 30_000 * RUB, "deal_id": None,
             "client_id": "one", "manager_id": "b"},
            {"id": "p3", "date": None, "amount": 5 * RUB, "deal_id": None, "client_id": "one",
             "manager_id": "b"}])  # outstanding: no purchase
    paid = client_table(load_frames(eng), "payments", NOV, ClientParams()).table.set_index("client_id")
    assert (paid["revenue"] // RUB).to_dict() == {"big": 70_000, "one": 30_000}


def test_a_client_alone_above_the_first_threshold():
    revenue = pd.Series({"x": 900, "y": 60, "z": 40})
    assert abc_classes(revenue, 1000, (80, 95)).tolist() == ["A", "B", "C"]


@given(st.lists(st.integers(1, 1000), min_size=1, max_size=30))
def test_abc_is_monotone_and_ties_share(values):
    revenue = pd.Series(values, index=[f"c{i}" for i in range(len(values))])
    classes = abc_classes(revenue, revenue.sum(), (80, 95))
    order = revenue.sort_values(ascending=False, kind="stable").index
    assert list(classes[order]) == sorted(classes[order])  # A before B before C
    assert classes[revenue.idxmax()] == "A"
    for value in set(values):
        assert classes[revenue == value].nunique() == 1


@given(st.lists(st.integers(0, 10_000), min_size=12, max_size=12), st.integers(1, 50))
def test_cv_does_not_depend_on_scale(months, factor):
    frame = pd.DataFrame([months, [m * factor for m in months]])
    cv, xyz = xyz_classes(frame, (10, 25))
    if sum(months):
        assert cv[0] == pytest.approx(cv[1]) and xyz[0] == xyz[1]
    else:
        assert cv.isna().all()


def test_the_command_on_the_small_store(tmp_path, monkeypatch, capsys):
    from cli_run import run as salesplan

    url = f"sqlite:///{tmp_path / 'c.db'}"
    build(tmp_path / "c.db", margins=False)
    code, out, _ = salesplan(monkeypatch, capsys, "clients", "--month", "2026-11", "--db", url,
                             "--department", "sales")
    assert code == 0
    assert out.splitlines()[0] == ("Клиенты с декабря 2025 по ноябрь 2026: выручка 4\xa0170\xa0000\xa0₽ от "
                                   "6 клиентов; ключевые — по выручке (маржа не указана).")
    assert out.splitlines()[1].split()[0] == "BIG"
    assert out.splitlines()[1].endswith("2\xa0000\xa0000\xa0₽  AZ  ключевой")
    assert out.splitlines()[3].endswith("600\xa0000\xa0₽  AZ  ключевой риск оттока")
    code, _, err = salesplan(monkeypatch, capsys, "clients", "--month", "2026-11", "--db", url,
                             "--department", "nord")
    assert code == 2 and "отдел «nord» не найден" in err
    code, out, _ = salesplan(monkeypatch, capsys, "clients", "--month", "2026-11", "--db", url, "--json")
    found = __import__("json").loads(out)
    assert (found["month"], found["total"], found["without_client"]) == (
        "2026-11", 4_170_000, {"revenue": 20_000, "purchases": 1})
    big = found["clients"][0]
    assert (big["client"], big["manager"], big["revenue"], big["abc"], big["xyz"], big["key"]) == (
        "BIG", "Анна", 2_000_000, "A", "Z", True)
    assert big["last_purchase"] == "2026-10-15" and big["growth"] == pytest.approx(1.0)
    assert sum(c["share"] for c in found["clients"]) == pytest.approx(4_150_000 / 4_170_000)
    assert {m["manager"]: m["revenue"] for m in found["managers"]} == {"Анна": 2_000_000, "Борис": 2_150_000}


@pytest.mark.notebook
def test_the_page_on_the_demo(tmp_path, demo_db, demo_month):
    from salesplan import runner
    from salesplan.money import fmt_rub

    reg = tmp_path / "reports.yaml"
    reg.write_text("monthly: [clients.ipynb]\n", encoding="utf-8")
    manifest = runner.run_report("monthly", {"month": demo_month}, out_dir=tmp_path / "pack",
                                 db_url=demo_db, registry=reg, progress=False)
    assert [(o.status, o.error) for o in manifest.outputs] == [("ok", None)]
    page = (tmp_path / "pack" / "clients.html").read_text(encoding="utf-8")
    # the demo's fact is its payments: the 12 months' money by client, from the store directly
    eng = store.engine(demo_db)
    payments, deals = store.read_table(eng, "payments"), store.read_table(eng, "deals")
    month = Month.parse(demo_month)
    paid = payments[(payments["date"] >= pd.Timestamp((month - 11).start))
                    & (payments["date"] <= pd.Timestamp(month.end))]
    client = paid["client_id"].fillna(paid["deal_id"].map(deals.set_index("id")["client_id"]))
    by_client = paid["amount"].groupby(client).sum().sort_values(ascending=False)
    names = store.read_table(eng, "clients").set_index("id")["name"]
    assert f"выручка {fmt_rub(int(paid['amount'].sum()))}" in page
    assert names[by_client.index[0]] in page and fmt_rub(int(by_client.iloc[0])) in page
    for heading in ("Классы ABC и XYZ", "Риск оттока"):
        assert heading in page


def test_the_key_account_view_by_hand(tmp_path):
    from salesplan.control.clients import accounts

    eng = build(tmp_path / "k.db", margins=False)
    with store.transaction(eng) as conn:  # a client's first purchase, in November
        conn.execute(insert(store.deals).values(
            id="fresh", client_id="fresh", manager_id="b", created=date(2026, 11, 1),
            closed=date(2026, 11, 20), outcome="won", amount=10_000 * RUB))
    params = ClientParams()
    view = accounts(client_table(load_frames(eng), "won_deals", NOV, params), params).set_index("manager_id")
    # Анна owns «big» in the roster; Борис sold the rest
    assert view.index.tolist() == ["b", "a"]
    a, b = view.loc["a"], view.loc["b"]
    assert (a["revenue"], a["previous"], a["clients"], a["active"], a["new"]) == (
        2_000_000 * RUB, 1_000_000 * RUB, 1, 1, 0)
    assert a["growth"] == pytest.approx(1.0) and a["key_clients"] == 1
    assert a["key_growth"] == pytest.approx(1.0)
    # steady, one, tie1, tie2, small, fresh bought; lost did not; active since September: steady, fresh
    assert (b["revenue"], b["previous"], b["clients"], b["active"], b["new"]) == (
        2_160_000 * RUB, 300_000 * RUB, 6, 2, 1)
    assert b["growth"] == pytest.approx(2_160_000 / 300_000 - 1)
    assert (b["key_clients"], b["key_revenue"]) == (2, 1_800_000 * RUB) and pd.isna(b["key_growth"])
