"""The demo department's data, simulated from a seed: the same seed and months give the same rows.

Deals come from ``deals`` (each month's money received follows what the month asks of each
manager; the funnel, stale cards and open deals around it). Farmers and key-account managers
sell to their portfolios, hunters to a new client each, who came as a lead; most leads come to
nothing. A won deal is invoiced on closing, one invoice per instalment; some clients pay late,
a few clients in trouble have not paid for weeks or months (``DEBTORS``). Calls fill each working day.

Frames carry the store's columns: money in integer kopecks, dates as ``datetime64``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import timedelta

import numpy as np
import pandas as pd

from salesplan import clock
from salesplan.demo import roster
from salesplan.demo.deals import choice, deals_frame
from salesplan.demo.roster import MEMBERS, ROLES
from salesplan.demo.window import DAY, Window, WorkingDays, months_since
from salesplan.periods import Month

PORTFOLIO = {"farmer": 70, "key_account": 12, "head": 0, "hunter": 0}  # clients of each role's own
# Clients in trouble: the invoice of an active manager of the role, due about that many days
# before the last day, is still unpaid.
DEBTORS = (("hunter", 95), ("farmer", 70), ("key_account", 25))


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
    nps_answers: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _company_names(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct names such as ``ООО «Альфаснаб»`` (at most the combinations there are)."""
    names = [f"{form} «{stem}{ending}»" for form in roster.LEGAL_FORMS
             for stem in roster.NAME_STEMS for ending in roster.NAME_ENDINGS]
    return [names[i] for i in rng.permutation(len(names))[:n]]


def _late_payers(rng: np.random.Generator, role: roster.Role, n: int) -> np.ndarray:
    """Which of a portfolio of ``n`` clients pay late: the role's share of them, at random."""
    return rng.permutation(np.arange(n) < round(role.late_payers * n))


def _clients(rng: np.random.Generator, deals: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Portfolios of farmers and key-account managers, and a new client for every hunter deal.

    Gives each deal its ``client_id`` (a portfolio client who pays late if the deal is paid late),
    ``title``, ``pipeline`` and ``source`` (None for hunters': their leads tell it).
    """
    role_of = {m.id: m.role for m in MEMBERS}
    owners = [m for m in MEMBERS if PORTFOLIO[m.role]]
    hunter_deals = deals["manager_id"].map(role_of).eq("hunter")
    size = sum(PORTFOLIO[m.role] for m in owners)
    n = size + int(hunter_deals.sum())
    clients = pd.DataFrame({
        "id": [f"C{i + 1:05d}" for i in range(n)],
        "name": _company_names(rng, n),
        "segment": choice(rng, dict.fromkeys(roster.SEGMENTS, 1.0), n),
        "inn": [f"{x:010d}" for x in rng.integers(10**9, 10**10 - 1, n)],
        "manager_id": [m.id for m in owners for _ in range(PORTFOLIO[m.role])]
        + deals.loc[hunter_deals, "manager_id"].tolist(),
    })
    late = np.concatenate([_late_payers(rng, ROLES[m.role], PORTFOLIO[m.role]) for m in owners])
    client_id = pd.Series(pd.NA, index=deals.index, dtype="object")
    client_id[hunter_deals] = clients["id"].iloc[size:].to_numpy()
    base = clients.iloc[:size].assign(late=late)
    for (manager_id, pays_late), rows in deals[~hunter_deals].groupby(["manager_id", "late"]):
        own = base[base["manager_id"] == manager_id]
        alike = own.loc[own["late"] == pays_late, "id"].to_numpy()
        client_id[rows.index] = rng.choice(alike if len(alike) else own["id"].to_numpy(), size=len(rows))
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
        "source": choice(rng, roster.LEAD_SOURCES, len(hunters)),
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
            "source": choice(rng, roster.LEAD_SOURCES, n),
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


def _payments(deals: pd.DataFrame, window: Window, wd: WorkingDays) -> pd.DataFrame:
    """Invoices of won deals, one per instalment of the role's terms, due that many days after
    closing and paid on the days ``deals`` gave them, if by the last day, unless
    the client is one of the ``DEBTORS``. The export holds the invoices paid since the first
    month and those still unpaid.
    """
    role_of = {m.id: m.role for m in MEMBERS}
    won = deals[deals["outcome"] == "won"]
    rows = []
    for role, group in won.groupby(won["manager_id"].map(role_of)):
        terms = ROLES[role].payment_terms
        amounts = group["amount"].astype("int64").to_numpy()
        first = (amounts // len(terms) // 100) * 100  # whole roubles; the last part takes the rest
        closed = group["closed"].to_numpy().astype("datetime64[D]")
        for k, term in enumerate(terms):
            rows.append(pd.DataFrame({
                "date": group[f"paid{k}"].to_numpy().astype("datetime64[D]"),
                "amount": amounts - first * (len(terms) - 1) if k == len(terms) - 1 else first,
                "client_id": group["client_id"].to_numpy(), "deal_id": group["id"].to_numpy(),
                "manager_id": group["manager_id"].to_numpy(),
                "due_date": wd.on_or_after(closed + term * DAY),
            }))
    pay = pd.concat(rows, ignore_index=True)
    end = pd.Timestamp(window.end)
    active = {m.id: m.role for m in MEMBERS if m.left is None}
    for role, days in DEBTORS:
        theirs = pay["manager_id"].map(active).eq(role) & (pay["due_date"] <= end - pd.Timedelta(days=days))
        pay.loc[pay.loc[theirs, "due_date"].idxmax(), "date"] = pd.NaT
    pay["date"] = pay["date"].where(pay["date"] <= end)
    pay = pay[pay["date"].isna() | (pay["date"] >= pd.Timestamp(window.start))]
    pay = pay.sort_values(["due_date", "deal_id"], kind="stable").reset_index(drop=True)
    pay.insert(0, "id", [f"P{i + 1:06d}" for i in range(len(pay))])
    pay["date"] = pd.to_datetime(pay["date"])
    pay["due_date"] = pd.to_datetime(pay["due_date"])
    return pay[["id", "date", "amount", "client_id", "deal_id", "manager_id", "due_date"]]


def _open_deal_on(rng: np.random.Generator, deals: pd.DataFrame, days: np.ndarray,
                  window: Window) -> np.ndarray:
    """For each of ``days``, the id of a random deal of ``deals`` open that day (None if none).

    Over a grid of days × deals (open or not), the running count of open deals along each day
    finds the k-th open deal of the day; the rows are laid end to end, each lifted above the one
    before, so that one ``searchsorted`` finds them all.
    """
    ids = deals["id"].to_numpy()
    if not len(days) or not len(ids):
        return np.full(len(days), None, dtype=object)
    opened = deals["created"].to_numpy().astype("datetime64[D]")
    until = deals["closed"].fillna(pd.Timestamp(window.end)).to_numpy().astype("datetime64[D]")
    first = days.min()
    grid = first + np.arange(int((days.max() - first) // DAY) + 1) * DAY
    count = np.cumsum((opened[None, :] <= grid[:, None]) & (grid[:, None] <= until[None, :]), axis=1)
    row = ((days - first) // DAY).astype(np.int64)
    found = count[row, -1]
    k = np.floor(rng.random(len(days)) * found).astype(np.int64) + 1
    width = len(ids) + 1
    lifted = (count + np.arange(len(grid))[:, None] * width).ravel()
    column = np.searchsorted(lifted, row * width + k) - row * len(ids)
    return np.where(found > 0, ids[np.minimum(column, len(ids) - 1)], None)


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
        activity = (np.array([roster.ramp(k) for k in months_since(days, hired)]) ** 0.5
                    * window.form(m, days))
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
    talked = np.flatnonzero(calls["talked"].to_numpy() & (rng.random(len(calls)) < 1 / 3))
    deal_of = np.full(len(calls), None, dtype=object)
    day = calls["started_at"].to_numpy().astype("datetime64[D]")
    talked_by = pd.Series(talked).groupby(calls["manager_id"].to_numpy()[talked]).indices
    for manager_id, mine in deals.groupby("manager_id").indices.items():
        which = talked[talked_by.get(manager_id, [])]
        deal_of[which] = _open_deal_on(rng, deals.iloc[mine], day[which], window)
    calls["deal_id"] = deal_of
    calls["client_id"] = calls["deal_id"].map(deals.set_index("id")["client_id"])
    digits = pd.Series(np.char.zfill(rng.integers(0, 10**9, len(calls)).astype(str), 9), dtype="str")
    calls["phone"] = ("+7 9" + digits.str[:2] + " " + digits.str[2:5] + "-" + digits.str[5:7] + "-"
                      + digits.str[7:]).to_numpy()
    calls["recording_url"] = np.where(
        calls["talked"], "https://pbx.example.com/records/" + calls["id"] + ".mp3", None)
    return calls[["id", "started_at", "manager_id", "direction", "duration_s", "result",
                  "client_id", "phone", "deal_id", "recording_url"]]


PRAISE = ("Быстро привезли", "Менеджер всегда на связи", "Хорошие условия", "")
COMPLAINTS = ("Сорвали срок поставки", "Долго отвечали на письма", "Ошиблись в счёте",
              "Пришлось напоминать несколько раз")
NPS_SHARE = 0.35  # of the won deals whose client answers the survey


def _nps_answers(rng: np.random.Generator, deals: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Survey answers some clients give a few days after a won deal: each manager with a
    satisfaction of their own (promoters from 45 to 70 %); a detractor says why; half of the
    answers name the manager, the others leave it to the client's."""
    won = deals[(deals["outcome"] == "won") & deals["closed"].notna()]
    won = won[rng.random(len(won)) < NPS_SHARE]
    answered = pd.to_datetime(won["closed"]) + pd.to_timedelta(rng.integers(3, 21, len(won)), unit="D")
    keep = (answered >= pd.Timestamp(window.start)) & (answered <= pd.Timestamp(window.end))
    won, answered = won[keep], answered[keep]
    managers = sorted(won["manager_id"].unique())
    promoters = dict(zip(managers, np.linspace(0.45, 0.7, len(managers)), strict=True))
    p = won["manager_id"].map(promoters).to_numpy()
    draw = rng.random(len(won))
    score = np.where(draw < p, rng.integers(9, 11, len(won)),
                     np.where(draw < p + 0.3, rng.integers(7, 9, len(won)), rng.integers(2, 7, len(won))))
    comment = np.where(score <= 6, rng.choice(COMPLAINTS, len(won)), rng.choice(PRAISE, len(won)))
    frame = pd.DataFrame({
        "date": answered.to_numpy(), "client_id": won["client_id"].to_numpy(),
        "manager_id": np.where(rng.random(len(won)) < 0.5, won["manager_id"], None),
        "score": score, "comment": np.where(comment == "", None, comment),
    }).sort_values(["date", "client_id"], kind="stable").reset_index(drop=True)
    frame.insert(0, "id", [f"N{i + 1:05d}" for i in range(len(frame))])
    return frame


def generate(seed: int = 2026, end_month: str | None = None, months: int = 16) -> DemoData:
    """The demo department's tables: ``months`` months of history ending with ``end_month``
    (default: the last complete month before today)."""
    last = Month.parse(end_month) if end_month else Month.of(clock.today()).previous()
    window = Window(last, months)
    rng = np.random.default_rng(seed)
    wd = WorkingDays(window.warm - timedelta(days=7), window.end + timedelta(days=400))
    deals = deals_frame(rng, window, wd)
    clients = _clients(rng, deals, window)
    leads = _leads(rng, deals, window, wd)
    payments = _payments(deals, window, wd)
    calls = _calls(rng, deals, window, wd)
    managers = pd.DataFrame({
        "id": [m.id for m in MEMBERS],
        "name": [m.name for m in MEMBERS],
        "department_id": [m.department for m in MEMBERS],
        "role": [m.role for m in MEMBERS],
        "hire_date": pd.to_datetime([window.hire_date(m) for m in MEMBERS]),
        "leave_date": pd.to_datetime([window.leave_date(m) for m in MEMBERS]),
        "email": [m.email for m in MEMBERS],
    })
    departments = pd.DataFrame({"id": list(roster.DEPARTMENTS), "name": list(roster.DEPARTMENTS.values())})
    deal_columns = ["id", "title", "client_id", "manager_id", "pipeline", "stage", "amount", "margin",
                    "created", "closed", "outcome", "expected_date", "stage_changed", "product", "source"]
    for col in ("created", "closed", "expected_date", "stage_changed"):
        deals[col] = pd.to_datetime(deals[col])
    # its own generator: the survey leaves every other table as it was
    nps = _nps_answers(np.random.default_rng(seed + 1), deals, window)
    return DemoData(departments, managers, clients, deals[deal_columns], payments, calls, leads, nps)
