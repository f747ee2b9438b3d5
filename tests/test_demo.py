"""The demo department: deterministic, realistic in the ways the reports rely on, and loaded whole."""

from datetime import date

import numpy as np
import openpyxl
import pandas as pd
import pytest

from salesplan import store
from salesplan.demo import roster
from salesplan.demo.generate import generate
from salesplan.demo.window import Window
from salesplan.periods import Month
from salesplan.plan_of_record import plan_of_record
from salesplan.protocol.pages import listing

END = "2026-10"
LAST_DAY = pd.Timestamp("2026-10-31")
FIRST_MONTH = "2025-07"
MONTHS = 16


@pytest.fixture(scope="module")
def demo():
    return generate(end_month=END)


def add_months(month: str, n: int) -> str:
    return str(Month.parse(month) + n)


def test_the_window():
    window = Window(Month.parse(END), MONTHS)
    assert str(window.first_month) == FIRST_MONTH
    assert (window.start, window.end) == (date(2025, 7, 1), date(2026, 10, 31))


def test_same_seed_same_data_other_seed_other_data(demo):
    again = generate(end_month=END)
    for name, frame in demo.tables().items():
        pd.testing.assert_frame_equal(frame, again.tables()[name])
    other = generate(seed=7, end_month=END)
    assert not other.deals["amount"].equals(demo.deals["amount"])


def test_sixteen_months_of_history_and_nothing_after_its_end(demo):
    months = sorted(demo.calls["started_at"].dt.strftime("%Y-%m").unique())
    assert months == [add_months(FIRST_MONTH, k) for k in range(MONTHS)]
    assert sorted(demo.leads["created"].dt.strftime("%Y-%m").unique()) == months
    for frame, column in [(demo.deals, "created"), (demo.deals, "closed"), (demo.deals, "stage_changed"),
                          (demo.payments, "date"), (demo.calls, "started_at"), (demo.leads, "created")]:
        assert frame[column].max() <= LAST_DAY + pd.Timedelta(hours=23, minutes=59), column


def test_the_roster(demo):
    managers = demo.managers.set_index("id")
    sales = managers[managers["department_id"] == "sales"]
    assert len(sales) == 8
    assert sales["role"].value_counts().to_dict() == {"hunter": 4, "farmer": 2, "key_account": 1, "head": 1}
    assert set(managers["department_id"]) == {"sales", "regions"}
    assert (managers.loc[managers["department_id"] == "regions", "role"] == "head").sum() == 1


def test_the_one_who_left_stops_and_hands_over(demo):
    left = demo.managers[demo.managers["leave_date"].notna()]
    assert len(left) == 1
    who, day = left["id"].iloc[0], left["leave_date"].iloc[0]
    assert pd.Timestamp(f"{FIRST_MONTH}-01") < day < LAST_DAY
    mine = demo.deals[demo.deals["manager_id"] == who]
    assert (mine["created"] <= day).all() and (mine["closed"] <= day).all()  # no open deal kept
    assert (demo.calls.loc[demo.calls["manager_id"] == who, "started_at"] < day + pd.Timedelta(days=1)).all()
    assert (demo.leads.loc[demo.leads["manager_id"] == who, "created"] <= day).all()


def test_the_new_hire_ramps_up(demo):
    managers = demo.managers.set_index("id")
    newest = managers["hire_date"].idxmax()
    hired = managers.loc[newest, "hire_date"]
    assert hired > LAST_DAY - pd.DateOffset(months=3) and managers.loc[newest, "role"] == "hunter"
    calls = demo.calls[demo.calls["manager_id"] == newest]
    assert calls["started_at"].min() >= hired
    # He brings in more each month; in his first month, less than a third of what the others do.
    paid = demo.payments[demo.payments["date"] >= hired]
    hunters = managers.index[(managers["role"] == "hunter") & managers["leave_date"].isna()]
    paid = paid[paid["manager_id"].isin(hunters)]
    by_month = paid.groupby([paid["date"].dt.to_period("M"), "manager_id"])["amount"].sum().unstack()
    assert by_month[newest].is_monotonic_increasing and len(by_month) == 3
    first = by_month.iloc[0]
    assert first[newest] < first.drop(newest).mean() / 3


def test_the_funnel(demo):
    deals = demo.deals
    stage_index = {s: i for i, s in enumerate(roster.STAGES)}
    open_ = deals[deals["outcome"] == "open"]
    assert set(open_["stage"]) <= set(roster.STAGES)
    assert (deals.loc[deals["outcome"] == "won", "stage"] == roster.WON_STAGE).all()
    assert set(deals.loc[deals["outcome"] == "lost", "stage"]) <= set(roster.STAGES)
    # Deals reaching each stage: never more than reached the one before.
    reached = [((deals["outcome"] == "won") | (deals["stage"].map(stage_index) >= k)).sum()
               for k in range(len(roster.STAGES))]
    assert reached == sorted(reached, reverse=True) and reached[0] > reached[-1]
    closed = deals[deals["outcome"] != "open"]
    role = closed["manager_id"].map(demo.managers.set_index("id")["role"])
    win_rate = (closed["outcome"] == "won").groupby(role).mean()
    assert win_rate["hunter"] < win_rate["farmer"]


def test_open_deals_carry_dates_and_some_are_stale(demo):
    open_ = demo.deals[demo.deals["outcome"] == "open"]
    assert len(open_) > 50
    assert (open_["stage_changed"] >= open_["created"]).all() and (open_["stage_changed"] <= LAST_DAY).all()
    assert open_["expected_date"].notna().mean() > 0.9
    assert ((LAST_DAY - open_["stage_changed"]).dt.days > 30).sum() >= 10
    assert open_["amount"].isna().sum() >= 1  # a card without an amount, for CRM hygiene


def test_margins_and_the_discounter(demo):
    deals = demo.deals.dropna(subset=["amount"])
    assert ((deals["margin"] > 0) & (deals["margin"] <= deals["amount"])).all()
    rate = (deals["margin"] / deals["amount"]).astype(float)
    discounter = next(m.id for m in roster.MEMBERS if m.discount > 0)
    hunters = [m.id for m in roster.MEMBERS if m.role == "hunter" and m.id != discounter]
    others = rate[deals["manager_id"].isin(hunters)].mean()
    assert rate[deals["manager_id"] == discounter].mean() < others - 0.03
    assert set(deals["product"]) == set(roster.PRODUCTS)


def test_payments_follow_the_deals(demo):
    deals = demo.deals.set_index("id")
    pay = demo.payments
    won = deals[(deals["outcome"] == "won") & (deals["closed"] >= pd.Timestamp(f"{FIRST_MONTH}-01"))]
    paid_per_deal = pay.groupby("deal_id")["amount"].sum()
    assert (paid_per_deal.reindex(won.index) == won["amount"].astype("int64")).all()  # exact kopecks
    invoiced = pay["deal_id"].map(deals["closed"])
    lag = (pay["date"] - invoiced).dt.days
    assert (lag.dropna() >= 0).all() and lag.median() > 3
    owed = pay[pay["date"].isna()]
    assert (owed["due_date"] >= LAST_DAY).any()  # invoices not yet due
    overdue = owed[owed["due_date"] < LAST_DAY]
    assert 0.05 <= overdue["amount"].sum() / owed["amount"].sum() <= 0.15
    assert overdue["client_id"].nunique() >= 3  # a few debtors
    days = (LAST_DAY - overdue["due_date"]).dt.days
    assert days.between(61, 90).any() and (days > 90).any()  # and a couple of long cases


def test_seasonality(demo):
    """Money comes in most in December, least in January and May (``roster.SEASON``); deals
    close the same way."""
    paid = demo.payments.dropna(subset=["date"])
    by_month = paid.groupby(paid["date"].dt.strftime("%Y-%m"))["amount"].sum()
    last_year = by_month[by_month.index > add_months(END, -12)]
    assert last_year.idxmax() == "2025-12" and last_year.idxmin() == "2026-01"
    assert by_month["2026-05"] < by_month["2026-04"]
    won = demo.deals[demo.deals["outcome"] == "won"]
    closed = won.groupby(won["closed"].dt.strftime("%Y-%m"))["amount"].sum()
    assert closed["2025-12"] > closed["2026-01"] and closed["2025-12"] > closed["2026-05"]


def test_calls(demo):
    calls, deals = demo.calls, demo.deals.set_index("id")
    assert set(calls["manager_id"]) == set(demo.managers["id"])
    assert set(calls["direction"]) == {"in", "out"}
    assert (calls.loc[calls["result"] == "не дозвонился", "duration_s"] < 40).all()
    assert (calls.loc[calls["result"] == "разговор", "duration_s"] >= 10).all()
    linked = calls.dropna(subset=["deal_id"])
    assert len(linked) > 0.2 * calls["recording_url"].notna().sum()  # of the conversations
    assert linked["client_id"].notna().all()
    deal = deals.loc[linked["deal_id"]]
    assert (deal["manager_id"].to_numpy() == linked["manager_id"].to_numpy()).all()
    day = linked["started_at"].dt.normalize().to_numpy()
    assert (deal["created"].to_numpy() <= day).all()
    assert (deal["closed"].isna().to_numpy() | (day <= deal["closed"].to_numpy())).all()
    # A hunter's working day has tens of calls.
    hunter = next(m.id for m in roster.MEMBERS if m.role == "hunter" and m.left is None and m.hired > 6)
    mine = calls[calls["manager_id"] == hunter]
    assert 30 < len(mine) / mine["started_at"].dt.date.nunique() < 90


def test_leads(demo):
    leads, deals = demo.leads, demo.deals.set_index("id")
    assert set(leads["source"]) == set(roster.LEAD_SOURCES)
    converted = leads.dropna(subset=["deal_id"])
    assert 0.25 < len(converted) / len(leads) < 0.45
    roles = deals.loc[converted["deal_id"], "manager_id"].map(demo.managers.set_index("id")["role"])
    assert (roles == "hunter").all()
    assert (converted["created"].to_numpy() <= deals.loc[converted["deal_id"], "created"].to_numpy()).all()
    assert (deals.loc[converted["deal_id"], "source"].to_numpy() == converted["source"].to_numpy()).all()


def test_export_files_look_like_real_exports(demo_build):
    files = demo_build.files
    deals = files["deals"].read_bytes()
    assert deals.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
    header, first = deals.decode("utf-8-sig").splitlines()[:2]
    assert header.startswith("id;title;client_id;manager_id")
    assert any(len(v) == 10 and v[2] == "." and v[5] == "." for v in first.split(";"))  # dd.mm.yyyy
    assert any("\xa0" in v and "," in v for v in first.split(";"))  # 1 234,00
    with pytest.raises(UnicodeDecodeError):
        files["leads"].read_bytes().decode("utf-8")
    assert "Сайт" in files["leads"].read_bytes().decode("cp1251")
    calls = files["calls"].read_text(encoding="utf-8").splitlines()[1].split(";")
    assert calls[1].count(":") == 2 and calls[4].count(":") == 2  # dd.mm.yyyy HH:MM:SS, H:MM:SS
    sheet = openpyxl.load_workbook(files["payments"], read_only=True).active
    header, row = list(sheet.iter_rows(max_row=2, values_only=True))
    assert header[:3] == ("id", "date", "amount") and isinstance(row[2], int | float)  # a number
    assert hasattr(row[6], "year")  # a typed date cell


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.sort_values("id").reset_index(drop=True)
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].astype("datetime64[s]")
        elif pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].astype("Int64")
        else:
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def test_the_store_holds_exactly_what_was_generated(demo, demo_build):
    eng = store.engine(demo_build.db_url)
    counts = store.counts(eng)
    for name, frame in demo.tables().items():
        result = demo_build.imports[name]
        assert result.rows_read == result.rows_accepted == demo_build.rows[name] == counts[name] == len(frame)
        stored = store.read_table(eng, name)[list(frame.columns)]
        pd.testing.assert_frame_equal(_comparable(stored), _comparable(frame), check_dtype=False)


def test_every_month_of_the_history_has_an_approved_plan(demo_build):
    eng = store.engine(demo_build.db_url)
    for k in range(MONTHS):
        month = add_months(FIRST_MONTH, k)
        for department in roster.DEPARTMENTS:
            lines = plan_of_record(eng, month, department)
            assert len(lines) and (lines["amount"] > 0).any(), (month, department)
    assert np.issubdtype(lines["amount"].dtype, np.integer)


@pytest.fixture(scope="module")
def fulfilment(demo_build) -> pd.DataFrame:
    """Money received / plan of record × 100 per month (after the first) and manager, with the
    manager's department; computed here from the payments and the plan lines."""
    eng = store.engine(demo_build.db_url)
    department = store.read_table(eng, "managers").set_index("id")["department_id"]
    pay = store.read_table(eng, "payments").dropna(subset=["date"])
    fact = pay.groupby([pay["date"].dt.strftime("%Y-%m"), "manager_id"])["amount"].sum()
    rows = []
    for month in (add_months(FIRST_MONTH, k) for k in range(1, MONTHS)):
        plan = plan_of_record(eng, month).groupby("manager_id")["amount"].sum()
        rows += [(month, m, department[m], fact.get((month, m), 0), p) for m, p in plan.items()]
    return pd.DataFrame(rows, columns=["month", "manager_id", "department", "fact", "plan"])


def test_departments_meet_their_plans_as_a_managed_department_does(fulfilment):
    by_department = fulfilment.groupby(["department", "month"])[["fact", "plan"]].sum()
    pct = by_department["fact"] / by_department["plan"] * 100
    assert ((pct >= 80) & (pct <= 120)).mean() >= 0.85, pct.round()
    assert pct.between(60, 150).all(), pct.round()
    assert (pct.groupby(level="department").std() > 3).all()  # not a flat line either
    setback = next(m for m in roster.MEMBERS if m.setback)
    assert pct[(setback.department, add_months(END, -setback.setback[0]))] < 80  # a miss to discuss


def test_managers_mostly_within_60_to_140_percent_the_weak_one_and_the_new_one_below(fulfilment):
    pct = fulfilment.set_index(["manager_id", "month"]).eval("fact / plan * 100")
    assert ((pct >= 60) & (pct <= 140)).mean() >= 0.8
    slump = next(m for m in roster.MEMBERS if m.slump)
    slump_months = [add_months(END, -k) for k in range(slump.slump + 1)]
    recent = pct[pct.index.get_level_values("month").isin(slump_months)]
    weak = recent.xs(slump.id, level="manager_id")
    others = recent.drop(slump.id, level="manager_id").groupby(level="month").median()
    assert (weak < others.reindex(weak.index)).all() and weak.mean() < 80
    newest = min((m for m in roster.MEMBERS if m.left is None), key=lambda m: m.hired)
    ramp = pct.xs(newest.id, level="manager_id")
    assert ramp.is_monotonic_increasing and ramp.iloc[0] < 50


def test_the_first_months_are_as_full_as_a_year_later(demo):
    """No month lacks the payments of deals closed before the history begins: each first month's
    receipts are close to the same month's a year later (growth, give or take)."""
    pay = demo.payments.dropna(subset=["date"])
    monthly = pay.groupby(pay["date"].dt.strftime("%Y-%m"))["amount"].sum()
    first = [add_months(FIRST_MONTH, k) for k in range(MONTHS - 12)]
    ratio = monthly[[add_months(m, 12) for m in first]].to_numpy() / monthly[first].to_numpy()
    assert ((ratio > 0.8) & (ratio < 1.35)).all(), ratio.round(2)


def test_no_seller_dominates_and_the_head_opens_no_deals(demo):
    managers = demo.managers.set_index("id")
    assert not demo.deals["manager_id"].map(managers["role"]).eq("head").any()
    pay = demo.payments.dropna(subset=["date"])
    keys = [pay["date"].dt.strftime("%Y-%m").rename("month"),
            pay["manager_id"].map(managers["department_id"]).rename("department")]
    share = pay.groupby([*keys, "manager_id"])["amount"].sum() / pay.groupby(keys)["amount"].sum()
    key_account = managers.index[managers["role"] == "key_account"]
    assert share[share.index.get_level_values("manager_id").isin(key_account)].max() < 0.6
    won = demo.deals[demo.deals["outcome"] == "won"]
    average_month = pay.groupby(keys[1])["amount"].sum() / MONTHS
    biggest = won.groupby(won["manager_id"].map(managers["department_id"]))["amount"].max()
    assert (biggest / average_month < 0.25).all()  # no single deal makes a month


def test_each_area_adds_its_demo_data_and_the_discounter_is_cut(demo_build):
    eng = store.engine(demo_build.db_url)
    for table in ("plans", "reviews", "attestation_ratings", "pay_penalties"):
        assert len(store.read_table(eng, table)), table
    cuts = store.read_table(eng, "pay_penalties")
    assert set(cuts["month"]) == {END} and cuts["manager_id"].is_unique and len(cuts) == 2
    discounter = next(m.id for m in roster.MEMBERS if m.discount > 0)
    assert cuts.loc[cuts["amount"].idxmax(), "manager_id"] == discounter  # the cut for discounts
    heads = store.read_table(eng, "managers").query("role == 'head'")["name"]
    assert set(cuts["set_by"]) <= set(heads)


def test_the_months_meetings_have_protocols_open_done_and_overdue(demo_build):
    eng = store.engine(demo_build.db_url)
    month = Month.parse(END)
    items = listing(eng, month.end)
    assert set(items["meeting_kind"]) == {"daily", "weekly", "monthly"}
    assert set(items["department_id"]) == set(roster.DEPARTMENTS)
    assert items["held_on"].between(pd.Timestamp(month.start), pd.Timestamp(month.end)).all()
    followed = items[items["kind"] != "decision"]
    for department, of_department in followed.groupby("department_id"):
        assert {"overdue", "done", "cancelled"} <= set(of_department["standing"]), department
    managers = store.read_table(eng, "managers").set_index("id")
    owners = followed["owner_id"]
    assert owners.map(managers["department_id"]).eq(followed["department_id"]).all()  # their own people
    assert managers.loc[owners, "leave_date"].isna().all()
    # the next month's first days: what was due later is still open, nothing is lost
    assert len(listing(eng, (month + 1).start)) == len(items)
    assert (listing(eng, (month + 1).start)["standing"] == "due").any()
