"""The demo department's data, simulated from a seed: the same seed and months give the same rows.

Each manager opens deals on working days (Poisson, by role, season, growth and a new hire's
ramp). A deal walks the funnel: at each stage it passes with the stage's chance (scaled so
that the product is the manager's win rate) or is lost there; stage durations split the
deal's cycle. What has not closed by the last day is open at the stage it has reached, with
the manager's expected date; some deals that died are never closed in the CRM (stale). A won
deal is invoiced on closing; clients pay on time, late or not yet. Hunters' deals come from
leads, most leads come to nothing. Calls fill each working day.

Frames carry the store's columns: money in integer kopecks, dates as ``datetime64``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta

import numpy as np
import pandas as pd

from salesplan.calendar import default_calendar, month_end
from salesplan.demo import roster
from salesplan.demo.roster import MEMBERS, ROLES, Member

DAY = np.timedelta64(1, "D")


@dataclass(frozen=True)
class DemoData:
    """The demo's tables, in the order they are imported."""

    departments: pd.DataFrame
    managers: pd.DataFrame
    clients: pd.DataFrame
    deals: pd.DataFrame
    payments: pd.DataFrame
    calls: pd.DataFrame
    leads: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def last_complete_month(today: date) -> str:
    """``YYYY-MM`` of the month before ``today``'s."""
    first = today.replace(day=1) - timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def add_months(month: str, n: int) -> str:
    year, mon = map(int, month.split("-"))
    index = year * 12 + mon - 1 + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_start(month: str) -> date:
    return date.fromisoformat(f"{month}-01")


@dataclass(frozen=True)
class Window:
    """The simulated span: deals open from ``warm`` on; data are kept from ``start`` on."""

    end_month: str
    months: int

    @property
    def first_month(self) -> str:
        return add_months(self.end_month, 1 - self.months)

    @property
    def start(self) -> date:
        return month_start(self.first_month)

    @property
    def warm(self) -> date:
        return month_start(add_months(self.first_month, -3))

    @property
    def end(self) -> date:
        year, mon = map(int, self.end_month.split("-"))
        return month_end(year, mon)

    def hire_date(self, m: Member) -> date:
        return month_start(add_months(self.end_month, -m.hired)).replace(day=m.hire_day)

    def leave_date(self, m: Member) -> date | None:
        if m.left is None:
            return None
        return month_start(add_months(self.end_month, -m.left)).replace(day=m.leave_day)

    def employed(self, m: Member, since: date) -> tuple[date, date]:
        """First and last day from ``since`` to the end on which ``m`` works here."""
        return max(since, self.hire_date(m)), min(self.end, self.leave_date(m) or self.end)


class WorkingDays:
    """Working-day lookups over a span of calendar days as numpy ``datetime64[D]``."""

    def __init__(self, first: date, last: date):
        self.first = np.datetime64(first, "D")
        days = pd.date_range(first, last, freq="D")
        working = default_calendar().is_working_series(days)
        self.days = days.values.astype("datetime64[D]")
        self.working = working
        # Index of the first working day on or after each day.
        positions = np.where(working, np.arange(len(days)), len(days) - 1)
        self.next_index = np.minimum.accumulate(positions[::-1])[::-1]

    def between(self, lo: date, hi: date) -> np.ndarray:
        mask = self.working & (self.days >= np.datetime64(lo, "D")) & (self.days <= np.datetime64(hi, "D"))
        return self.days[mask]

    def on_or_after(self, days: np.ndarray) -> np.ndarray:
        offset = ((days - self.first) // DAY).astype(np.int64)
        offset = np.clip(offset, 0, len(self.days) - 1)
        return self.days[self.next_index[offset]]


def _months_since(days: np.ndarray, since: date) -> np.ndarray:
    months = days.astype("datetime64[M]") - np.datetime64(since, "M")
    return months.astype(np.int64)


def _season(days: np.ndarray, shift: int = 0) -> np.ndarray:
    month = (days.astype("datetime64[M]").astype(np.int64) + shift) % 12 + 1
    return np.vectorize(roster.SEASON.__getitem__)(month) if len(days) else np.zeros(0)


def _growth(days: np.ndarray, window: Window) -> np.ndarray:
    return 1 + roster.GROWTH_PER_MONTH * _months_since(days, window.start)


def _company_names(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct names such as ``ООО «Альфаснаб»`` (at most the combinations there are)."""
    names = [f"{form} «{stem}{ending}»" for form in roster.LEGAL_FORMS
             for stem in roster.NAME_STEMS for ending in roster.NAME_ENDINGS]
    return [names[i] for i in rng.permutation(len(names))[:n]]


def _choice(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    keys = list(weights)
    p = np.array([weights[k] for k in keys])
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=p / p.sum())]


@dataclass
class _Deals:
    """Deals of one manager before clients and ids are given."""

    manager: str
    created: np.ndarray
    amount: np.ndarray  # kopecks
    product: np.ndarray
    margin: np.ndarray
    closed: np.ndarray  # NaT while open
    outcome: np.ndarray
    stage: np.ndarray
    stage_changed: np.ndarray
    expected: np.ndarray


def _simulate_deals(rng: np.random.Generator, m: Member, window: Window, wd: WorkingDays) -> _Deals:
    role = ROLES[m.role]
    hired = window.hire_date(m)
    days = wd.between(*window.employed(m, window.warm))
    ramp = np.array([roster.ramp(k) for k in _months_since(days, hired)])
    # Deals opened this month close about a month later: the next month's season applies.
    rate = role.deals_per_day * m.volume * _season(days, shift=1) * _growth(days, window) * ramp
    created = np.repeat(days, rng.poisson(rate))
    n = len(created)
    ramp_of = np.array([roster.ramp(k) for k in _months_since(created, hired)])

    product = _choice(rng, role.products, n)
    factor = np.array([roster.PRODUCTS[p][0] for p in product])
    base_margin = np.array([roster.PRODUCTS[p][1] for p in product])
    roubles = role.amount_median * factor * rng.lognormal(0.0, role.amount_sigma, n)
    roubles = np.maximum(100, np.round(roubles / 100) * 100)
    amount = (roubles * 100).astype(np.int64)
    rate_margin = np.clip(base_margin - m.discount + rng.normal(0, 0.03, n), 0.03, 0.75)
    margin = (np.round(roubles * rate_margin) * 100).astype(np.int64)

    # The funnel: pass chances scaled so that their product is this manager's win rate.
    win = np.clip(role.win_rate * m.skill * ramp_of, 0.02, 0.85)
    scale = (win / np.prod(roster.STAGE_PASS)) ** (1 / len(roster.STAGES))
    passes = np.clip(np.outer(scale, roster.STAGE_PASS), 0, 0.98)
    passed = rng.random(passes.shape) < passes
    died_at = np.where(passed.all(axis=1), len(roster.STAGES), passed.argmin(axis=1))
    cycle = role.cycle_days * rng.lognormal(0.0, 0.5, n)
    shares = rng.dirichlet(np.full(len(roster.STAGES), 2.0), n)
    ends = np.cumsum(shares, axis=1) * cycle[:, None]  # days after opening each stage ends
    enters = np.hstack([np.zeros((n, 1)), ends[:, :-1]])
    last_stage = np.minimum(died_at, len(roster.STAGES) - 1)
    close_after = ends[np.arange(n), last_stage]
    close = wd.on_or_after(created + np.ceil(close_after).astype(np.int64) * DAY)

    end = np.datetime64(window.end, "D")
    is_open = close > end
    # A deal that died in the last five months may never have been closed in the CRM.
    stale = (~is_open) & (died_at < len(roster.STAGES)) & (close > end - 150 * DAY)
    stale &= rng.random(n) < 0.2
    is_open |= stale
    since_open = ((end - created) // DAY).astype(np.float64)
    reached = (enters <= since_open[:, None]).sum(axis=1) - 1
    reached = np.where(stale, last_stage, np.minimum(reached, last_stage))
    entered = created + np.floor(enters[np.arange(n), reached]).astype(np.int64) * DAY

    outcome = np.where(is_open, "open", np.where(died_at == len(roster.STAGES), "won", "lost"))
    stage = np.where(outcome == "won", roster.WON_STAGE,
                     np.array(roster.STAGES, dtype=object)[last_stage])
    stage = np.where(is_open, np.array(roster.STAGES, dtype=object)[reached], stage)
    estimate = role.cycle_days * rng.lognormal(0.0, 0.3, n)
    expected = created + np.ceil(estimate).astype(np.int64) * DAY
    # Most managers move an expected date that has passed a few weeks ahead.
    moved = (expected < end) & (rng.random(n) < 0.6)
    expected = wd.on_or_after(np.where(moved, end + rng.integers(3, 26, n) * DAY, expected))
    expected = np.where(is_open & (rng.random(n) > 0.05), expected, np.datetime64("NaT"))
    closed = np.where(is_open, np.datetime64("NaT"), close)
    stage_changed = np.where(is_open, entered, closed)
    return _Deals(m.id, created, amount, product, margin, closed, outcome.astype(object),
                  stage.astype(object), stage_changed, expected)


def _deals_frame(rng: np.random.Generator, parts: list[_Deals], window: Window) -> pd.DataFrame:
    frame = pd.concat(
        [pd.DataFrame({
            "manager_id": p.manager, "created": p.created, "amount": p.amount,
            "product": p.product, "margin": p.margin, "closed": p.closed,
            "outcome": p.outcome, "stage": p.stage, "stage_changed": p.stage_changed,
            "expected_date": p.expected,
        }) for p in parts],
        ignore_index=True,
    )
    # The export holds the deals open or closed since a month before the first month, so the
    # first month's payments have their deals.
    since = pd.Timestamp(month_start(add_months(window.first_month, -1)))
    frame = frame[frame["closed"].isna() | (frame["closed"] >= since)]
    frame = frame.sort_values(["created", "manager_id"], kind="stable").reset_index(drop=True)
    frame["amount"] = frame["amount"].astype("Int64")
    frame["margin"] = frame["margin"].astype("Int64")
    no_amount = (frame["outcome"] == "open") & (rng.random(len(frame)) < 0.03)
    frame.loc[no_amount, ["amount", "margin"]] = pd.NA
    frame.insert(0, "id", [str(24_100_000 + i) for i in range(len(frame))])
    return frame


def _hand_over(deals: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Deals of a manager who left and not closed by the leaving day go to the successor."""
    for m in MEMBERS:
        left = window.leave_date(m)
        if left is None:
            continue
        after = pd.Timestamp(left)
        moved = (deals["manager_id"] == m.id) & (deals["closed"].isna() | (deals["closed"] > after))
        deals.loc[moved, "manager_id"] = m.successor
    return deals


def _clients(rng: np.random.Generator, deals: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Portfolios of farmers and key-account managers, and a new client for every hunter deal.

    Gives each deal its ``client_id``, ``title``, ``pipeline`` and ``source`` (None for hunters':
    their leads tell it).
    """
    role_of = {m.id: m.role for m in MEMBERS}
    portfolio = {"farmer": 70, "key_account": 12, "head": 0, "hunter": 0}
    owners = [(m.id, m.role) for m in MEMBERS for _ in range(portfolio[m.role])]
    hunter_deals = deals["manager_id"].map(role_of).eq("hunter")
    n = len(owners) + int(hunter_deals.sum())
    names = _company_names(rng, n)
    clients = pd.DataFrame({
        "id": [f"C{i + 1:05d}" for i in range(n)],
        "name": names,
        "segment": _choice(rng, dict.fromkeys(roster.SEGMENTS, 1.0), n),
        "inn": [f"{x:010d}" for x in rng.integers(10**9, 10**10 - 1, n)],
        "manager_id": [o for o, _ in owners] + deals.loc[hunter_deals, "manager_id"].tolist(),
    })
    client_id = pd.Series(pd.NA, index=deals.index, dtype="object")
    client_id[hunter_deals] = clients["id"].iloc[len(owners):].to_numpy()
    dept_of = {m.id: m.department for m in MEMBERS}
    base = clients.iloc[: len(owners)]
    for manager_id, rows in deals[~hunter_deals].groupby("manager_id"):
        own = base[base["manager_id"] == manager_id]["id"].to_numpy()
        if len(own) == 0:  # a head sells to the department's key clients
            key_owners = [m.id for m in MEMBERS if dept_of[m.id] == dept_of[manager_id]
                          and m.role in ("key_account", "farmer")]
            own = base[base["manager_id"].isin(key_owners)]["id"].to_numpy()
        client_id[rows.index] = rng.choice(own, size=len(rows))
    deals["client_id"] = client_id
    name_of = clients.set_index("id")["name"]
    deals["title"] = deals["product"] + " — " + deals["client_id"].map(name_of)
    roles = deals["manager_id"].map(role_of)
    deals["pipeline"] = roles.map({r: ROLES[r].pipeline for r in ROLES})
    deals["source"] = roles.map({r: ROLES[r].source for r in ROLES})
    return clients


def _leads(rng: np.random.Generator, deals: pd.DataFrame, window: Window, wd: WorkingDays) -> pd.DataFrame:
    """A lead before every hunter deal, and the leads that came to nothing."""
    role_of = {m.id: m.role for m in MEMBERS}
    hunters = deals[deals["manager_id"].map(role_of).eq("hunter")]
    won_leads = pd.DataFrame({
        "created": hunters["created"] - pd.to_timedelta(rng.integers(0, 4, len(hunters)), unit="D"),
        "source": _choice(rng, roster.LEAD_SOURCES, len(hunters)),
        "manager_id": hunters["manager_id"].to_numpy(),
        "deal_id": hunters["id"].to_numpy(),
        "client_id": hunters["client_id"].to_numpy(),
    })
    deals.loc[hunters.index, "source"] = won_leads["source"].to_numpy()
    lost = []
    for m in (m for m in MEMBERS if m.role == "hunter"):
        opened = (deals["manager_id"] == m.id).sum()
        days = wd.between(*window.employed(m, window.start))
        n = rng.poisson(opened * (1 / roster.LEAD_CONVERSION - 1))
        if len(days) == 0 or n == 0:
            continue
        lost.append(pd.DataFrame({
            "created": rng.choice(days, size=n),
            "source": _choice(rng, roster.LEAD_SOURCES, n),
            "manager_id": m.id,
            "deal_id": None,
            "client_id": None,
        }))
    leads = pd.concat([won_leads, *lost], ignore_index=True)
    leads["created"] = pd.to_datetime(leads["created"])
    leads = leads[leads["created"] >= pd.Timestamp(window.start)]
    leads = leads.sort_values(["created", "manager_id"], kind="stable").reset_index(drop=True)
    leads.insert(0, "id", [f"L{i + 1:06d}" for i in range(len(leads))])
    return leads


def _payments(rng: np.random.Generator, deals: pd.DataFrame, clients: pd.DataFrame,
              window: Window, wd: WorkingDays) -> pd.DataFrame:
    """Invoices of won deals: one per instalment of the role's terms; paid on time, late or not yet.

    A client is a reliable payer (70 %: pays between invoice and due date), a slow one (22 %:
    5–40 days late) or a bad one (8 %: 40–240 days late, or never). The export holds the
    invoices paid since the first month and those still unpaid.
    """
    role_of = {m.id: m.role for m in MEMBERS}
    payer = pd.Series(rng.choice(3, size=len(clients), p=[0.7, 0.22, 0.08]), index=clients["id"])
    won = deals[deals["outcome"] == "won"]
    rows = []
    for role, group in won.groupby(won["manager_id"].map(role_of)):
        terms = ROLES[role].payment_terms
        amounts = group["amount"].astype("int64").to_numpy()
        first = (amounts // len(terms) // 100) * 100  # whole roubles; the last part takes the rest
        for k, term in enumerate(terms):
            part = amounts - first * (len(terms) - 1) if k == len(terms) - 1 else first
            due = wd.on_or_after(group["closed"].to_numpy().astype("datetime64[D]") + term * DAY)
            rows.append(pd.DataFrame({
                "amount": part, "client_id": group["client_id"].to_numpy(),
                "deal_id": group["id"].to_numpy(), "manager_id": group["manager_id"].to_numpy(),
                "invoiced": group["closed"].to_numpy().astype("datetime64[D]"), "due_date": due,
                "term": term,
            }))
    pay = pd.concat(rows, ignore_index=True)
    kind = payer.reindex(pay["client_id"]).to_numpy()
    n = len(pay)
    early = np.floor(rng.random(n) * (pay["term"].to_numpy() + 1)).astype(np.int64)
    on_time = pay["invoiced"].to_numpy() + early * DAY
    slow = pay["due_date"].to_numpy() + rng.integers(5, 41, n) * DAY
    bad = pay["due_date"].to_numpy() + rng.integers(40, 241, n) * DAY
    never = (kind == 2) & (rng.random(n) < 0.3)
    paid = wd.on_or_after(np.select([kind == 0, kind == 1], [on_time, slow], bad))
    end = np.datetime64(window.end, "D")
    pay["date"] = np.where((paid <= end) & ~never, paid, np.datetime64("NaT"))
    pay = pay[pay["date"].isna() | (pay["date"] >= np.datetime64(window.start, "D"))]
    pay = pay.sort_values(["due_date", "deal_id"], kind="stable").reset_index(drop=True)
    pay.insert(0, "id", [f"P{i + 1:06d}" for i in range(len(pay))])
    pay["date"] = pd.to_datetime(pay["date"])
    pay["due_date"] = pd.to_datetime(pay["due_date"])
    return pay[["id", "date", "amount", "client_id", "deal_id", "manager_id", "due_date"]]


def _calls(rng: np.random.Generator, deals: pd.DataFrame, window: Window, wd: WorkingDays) -> pd.DataFrame:
    """Each working day's calls: outgoing by role and volume, some incoming; about a third of
    the conversations concern one of the manager's deals open that day (and its client)."""
    frames = []
    for m in MEMBERS:
        role = ROLES[m.role]
        hired = window.hire_date(m)
        days = wd.between(*window.employed(m, window.start))
        if len(days) == 0:
            continue
        activity = np.array([roster.ramp(k) for k in _months_since(days, hired)]) ** 0.5
        for direction, per_day, results in (
            ("out", role.calls_per_day * m.volume, roster.OUT_RESULTS),
            ("in", role.calls_per_day * m.volume * role.inbound_share, roster.IN_RESULTS),
        ):
            day = np.repeat(days, rng.poisson(per_day * activity * rng.lognormal(0, 0.15, len(days))))
            chance = np.array([p for p, _ in results.values()])
            k = rng.choice(len(results), size=len(day), p=chance / chance.sum())
            result = np.array(list(results), dtype=object)[k]
            median = np.array([m for _, m in results.values()], dtype=np.float64)[k]
            talk = np.round(median * rng.lognormal(0.0, 0.8, len(day))).astype(np.int64)
            ring = rng.integers(5, 40, len(day))
            frames.append(pd.DataFrame({
                "started_at": day.astype("datetime64[s]")
                + (9 * 3600 + rng.integers(0, int(9.5 * 3600), len(day))) * np.timedelta64(1, "s"),
                "manager_id": m.id, "direction": direction,
                "duration_s": np.where(median > 0, np.maximum(talk, 10), ring * (direction == "out")),
                "result": result, "talked": median > 0,
            }))
    calls = pd.concat(frames, ignore_index=True)
    calls = calls.sort_values(["started_at", "manager_id"], kind="stable").reset_index(drop=True)
    calls.insert(0, "id", [f"CL{i + 1:07d}" for i in range(len(calls))])
    # A third of the conversations concern one of the deals the manager has open that day.
    opened = deals["created"].to_numpy().astype("datetime64[D]")
    until = deals["closed"].fillna(pd.Timestamp(window.end)).to_numpy().astype("datetime64[D]")
    ids = deals["id"].to_numpy()
    own = deals.groupby("manager_id").indices
    talked = calls[calls["talked"] & (rng.random(len(calls)) < 1 / 3)]
    deal_of = np.full(len(calls), None, dtype=object)
    keys = [talked["manager_id"], talked["started_at"].to_numpy().astype("datetime64[D]")]
    for (manager_id, day), idx in talked.groupby(keys).indices.items():
        mine = own.get(manager_id, np.empty(0, dtype=np.int64))
        candidates = mine[(opened[mine] <= day) & (day <= until[mine])]
        if len(candidates):
            deal_of[talked.index[idx]] = ids[candidates[rng.integers(0, len(candidates), len(idx))]]
    calls["deal_id"] = deal_of
    calls["client_id"] = calls["deal_id"].map(deals.set_index("id")["client_id"])
    digits = pd.Series(np.char.zfill(rng.integers(0, 10**9, len(calls)).astype(str), 9), dtype="str")
    calls["phone"] = ("+7 9" + digits.str[:2] + " " + digits.str[2:5] + "-" + digits.str[5:7] + "-"
                      + digits.str[7:]).to_numpy()
    calls["recording_url"] = np.where(
        calls["talked"], "https://pbx.example.com/records/" + calls["id"] + ".mp3", None)
    return calls[["id", "started_at", "manager_id", "direction", "duration_s", "result",
                  "client_id", "phone", "deal_id", "recording_url"]]


def generate(seed: int = 2026, end_month: str | None = None, months: int = 16) -> DemoData:
    """The demo department's tables: ``months`` months of history ending with ``end_month``
    (default: the last complete month before today)."""
    window = Window(end_month or last_complete_month(date.today()), months)
    rng = np.random.default_rng(seed)
    wd = WorkingDays(window.warm - timedelta(days=7), window.end + timedelta(days=400))
    parts = [_simulate_deals(rng, m, window, wd) for m in MEMBERS]
    deals = _hand_over(_deals_frame(rng, parts, window), window)
    clients = _clients(rng, deals, window)
    leads = _leads(rng, deals, window, wd)
    payments = _payments(rng, deals, clients, window, wd)
    calls = _calls(rng, deals, window, wd)
    managers = pd.DataFrame({
        "id": [m.id for m in MEMBERS],
        "name": [m.name for m in MEMBERS],
        "department_id": [m.department for m in MEMBERS],
        "role": [m.role for m in MEMBERS],
        "hire_date": pd.to_datetime([window.hire_date(m) for m in MEMBERS]),
        "leave_date": pd.to_datetime([window.leave_date(m) for m in MEMBERS]),
    })
    departments = pd.DataFrame({"id": list(roster.DEPARTMENTS), "name": list(roster.DEPARTMENTS.values())})
    deal_columns = ["id", "title", "client_id", "manager_id", "pipeline", "stage", "amount", "margin",
                    "created", "closed", "outcome", "expected_date", "stage_changed", "product", "source"]
    for col in ("created", "closed", "expected_date", "stage_changed"):
        deals[col] = pd.to_datetime(deals[col])
    return DemoData(departments, managers, clients, deals[deal_columns], payments, calls, leads)
