"""Commission on payments received (a scheme's ``credit: payments``): each payment credited to
its deal's manager on its date, and taken back in the month a refund or a cancellation happens.

A payment ``p`` on a deal of amount ``A`` and margin ``M`` credits turnover ``p`` and margin
``round(p × M / A)``: a partial payment credits its share (a deal without an amount or a margin
credits no margin; a payment without a deal is its own manager's, with no margin). A refund (a
negative payment) is a negative credit on its date. A deal lost after it was paid — ``outcome``
lost, its closing date (else its last stage change) the cancellation — takes back on that date
what its payments credited before; its later payments credit nothing.

A negative credit reverses a month (``origin``): a refund the month of the deal's last payment
before it, a cancellation each month its payments were credited in. It is taken back at the
rate the commission paid on that month's credits (its amount / its base), in the month it
happens: a paid month is never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd

from salesplan.control.frames import isin, lookup
from salesplan.labels import PAY_NOTES
from salesplan.motivation.pay import SHARE_DIGITS, ManagerMonth, PayLine, commission_lines, round_kopecks
from salesplan.motivation.schemes import Commission, Scheme
from salesplan.periods import Month

CREDIT_COLUMNS = ["manager_id", "deal_id", "date", "month", "kind", "turnover", "margin", "origin"]
KINDS = ("payment", "refund", "cancellation")


def _months(days: pd.Series) -> pd.Series:
    """``YYYY-MM`` of each date."""
    return days.dt.strftime("%Y-%m")


def _margin_credits(paid: pd.Series, amount: pd.Series, margin: pd.Series) -> list[int]:
    """``round(paid × margin / amount)`` per row, half away from zero, in exact integers; 0
    without a positive amount or a margin."""
    out = []
    for p, a, m in zip(paid.tolist(), amount.tolist(), margin.tolist(), strict=True):
        if a != a or m != m or a <= 0:  # NaN: no amount or no margin
            out.append(0)
            continue
        a, m = int(a), int(m)
        whole = (2 * abs(p) * m + a) // (2 * a)
        out.append(whole if p >= 0 else -whole)
    return out


def payment_credits(payments: pd.DataFrame, deals: pd.DataFrame) -> pd.DataFrame:
    """Every credit (``CREDIT_COLUMNS``, money in kopecks) of the paid ``payments`` on ``deals``
    (the store's columns), by the module's rules; ``kind`` is payment, refund or cancellation."""
    deal = deals.set_index("id")
    cancelled_on = deal["closed"].fillna(deal["stage_changed"]).where(deal["outcome"] == "lost")
    paid = payments[payments["date"].notna()].sort_values(["date", "id"])
    cancel = lookup(paid["deal_id"], cancelled_on)
    paid = paid[~(cancel.notna() & (paid["date"] > cancel))]  # paid after the cancellation
    known = isin(paid["deal_id"], deal.index)
    month = _months(paid["date"])
    amount = paid["amount"].astype("int64")
    positive = amount >= 0
    # a refund reverses the month of its deal's last payment before it (its own month without one)
    last_paid = month.where(positive & known).groupby(paid["deal_id"].where(known)).ffill()
    credits = pd.DataFrame({
        "manager_id": lookup(paid["deal_id"], deal["manager_id"]).where(known, paid["manager_id"]),
        "deal_id": paid["deal_id"], "date": paid["date"], "month": month,
        "kind": positive.map({True: "payment", False: "refund"}), "turnover": amount,
        "margin": _margin_credits(amount, lookup(paid["deal_id"], deal["amount"]),
                                  lookup(paid["deal_id"], deal["margin"])),
        "origin": month.where(positive, last_paid.reindex(month.index).fillna(month)),
    }, columns=CREDIT_COLUMNS).reset_index(drop=True)
    return pd.concat([credits, _cancellations(credits, cancelled_on.dropna())], ignore_index=True)


def _cancellations(credits: pd.DataFrame, cancelled_on: pd.Series) -> pd.DataFrame:
    """For each cancelled deal, on its cancellation date: minus the net credit of each month its
    payments were credited in (refunds already taken back are not taken twice)."""
    of_cancelled = credits[isin(credits["deal_id"], cancelled_on.index)]
    net = of_cancelled.groupby(["deal_id", "manager_id", "origin"], as_index=False)[
        ["turnover", "margin"]].sum()
    net = net[net["turnover"] > 0]
    day = lookup(net["deal_id"], cancelled_on)
    return pd.DataFrame({
        "manager_id": net["manager_id"], "deal_id": net["deal_id"], "date": day,
        "month": _months(day), "kind": "cancellation",
        "turnover": -net["turnover"], "margin": -net["margin"], "origin": net["origin"],
    }, columns=CREDIT_COLUMNS)


@dataclass(frozen=True)
class Clawback:
    """What a month takes back of the credits of the month ``origin`` (positive kopecks), and
    what ``origin`` credited (the base of the rate it is taken back at)."""

    origin: str
    turnover: int
    margin: int
    origin_turnover: int
    origin_margin: int


@dataclass(frozen=True)
class CreditedMonth:
    """A manager's month under ``credit: payments``: turnover and margin credited by the
    payments received in it, and what it takes back of earlier (or its own) credits."""

    turnover: int = 0
    margin: int = 0
    clawbacks: tuple[Clawback, ...] = ()

    def scaled(self, ratio: Fraction) -> CreditedMonth:
        """The month's received credits × ``ratio`` (the clawbacks as they are)."""
        return CreditedMonth(round_kopecks(self.turnover * ratio), round_kopecks(self.margin * ratio),
                             self.clawbacks)


def credited_months(credits: pd.DataFrame, month: str) -> dict[str, CreditedMonth]:
    """Manager id → their ``CreditedMonth`` of ``month`` (those with a credit in it)."""
    received = credits[credits["kind"] == "payment"].groupby(["manager_id", "month"])[
        ["turnover", "margin"]].sum()
    inside = credits[credits["month"] == month]
    out = {}
    for manager, rows in inside.groupby("manager_id"):
        own = rows[rows["kind"] == "payment"]
        back = rows[rows["kind"] != "payment"].groupby("origin")[["turnover", "margin"]].sum()
        clawbacks = tuple(
            Clawback(str(origin), -int(r.turnover), -int(r.margin),
                     *_received(received, (manager, origin)))
            for origin, r in back.iterrows()
        )
        out[str(manager)] = CreditedMonth(int(own["turnover"].sum()), int(own["margin"].sum()), clawbacks)
    return out


def _received(received: pd.DataFrame, key: tuple[str, str]) -> tuple[int, int]:
    """Turnover and margin credited by the payments of ``key`` (manager, month); zeros for none."""
    if key not in received.index:
        return 0, 0
    row = received.loc[key]
    return int(row["turnover"]), int(row["margin"])


def _base(commission: Commission, credited: CreditedMonth | Clawback) -> int:
    return credited.margin if commission.base == "margin" else credited.turnover


def paid_rate(commission: Commission, base: int) -> Fraction:
    """The rate ``commission`` pays on ``base``: its amount / ``base`` (the first tier's rate
    when the base is not positive)."""
    if base <= 0:
        first = commission.rate if commission.method == "flat" else commission.tiers[0].rate
        return Fraction(first) / 100
    return Fraction(sum(line.amount for line in commission_lines(commission, base)), base)


def clawback_line(commission: Commission, back: Clawback) -> PayLine:
    """Minus the clawed base × the rate the commission paid on its origin month's credits."""
    base = _base(commission, back)
    origin_base = back.origin_margin if commission.base == "margin" else back.origin_turnover
    rate = paid_rate(commission, origin_base)
    shown = (Decimal(rate.numerator) / Decimal(rate.denominator)).quantize(SHARE_DIGITS, ROUND_HALF_UP)
    return PayLine("commission", commission.label, base, None, shown, -round_kopecks(base * rate),
                   PAY_NOTES["clawback"].format(month=Month.parse(back.origin).label))


def credited_commissions(scheme: Scheme, facts: ManagerMonth) -> tuple[list[PayLine], list[PayLine]]:
    """The commissions on the month's credited payments, and the clawback lines (one per
    commission and month reversed) that no gate stops."""
    credited = facts.credits or CreditedMonth()
    received = [line for c in scheme.commissions for line in commission_lines(c, _base(c, credited))]
    clawed = [clawback_line(c, back) for back in credited.clawbacks for c in scheme.commissions
              if _base(c, back) != 0]
    return received, clawed
