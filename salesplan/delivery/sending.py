"""A run of ``salesplan send``: the month's parcels, which of them go, and what to tell.

A parcel without an address is reported, never sent; one already sent (``mailer.already_sent``)
is skipped unless ``again``; the rest go (``mailer.deliver``), or with ``dry_run`` are only
listed — nothing is sent and nothing logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from salesplan.delivery import mailer
from salesplan.delivery.params import DeliveryError, DeliveryParams
from salesplan.delivery.parcels import Plan, plan
from salesplan.labels import DELIVERY, DELIVERY_ERRORS
from salesplan.periods import Month

WOULD_SEND, ALREADY, NO_ADDRESS = "would_send", "already", "no_address"
UNDELIVERED = (mailer.REFUSED, mailer.FAILED, NO_ADDRESS)


@dataclass(frozen=True)
class Report:
    """A run: the parcels found and the fate of each, in the plan's order."""

    month: Month
    plan: Plan
    fates: list[mailer.Outcome]  # the mailer's, or would_send / already / no_address
    dry_run: bool

    def count(self, *statuses: str) -> int:
        return sum(f.status in statuses for f in self.fates)

    @property
    def ok(self) -> bool:
        """Whether everything that should go went (or would go, on a dry run)."""
        return not self.count(*UNDELIVERED)


def send_pack(eng: Engine, month: Month, pack: Path, params: DeliveryParams, department: str = "",
              dry_run: bool = False, again: bool = False) -> Report:
    """Send the pack of ``month`` in ``pack`` (see the module's doc)."""
    if not pack.is_dir():
        raise DeliveryError(DELIVERY_ERRORS["no_pack"].format(folder=pack, month=month))
    found = plan(eng, month, pack, params, department)
    fates: dict[int, mailer.Outcome] = {}
    going = []
    for i, parcel in enumerate(found.parcels):
        if parcel.address is None:
            fates[i] = mailer.Outcome(parcel, NO_ADDRESS)
        elif not again and mailer.already_sent(eng, month, parcel):
            fates[i] = mailer.Outcome(parcel, ALREADY)
        elif dry_run:
            fates[i] = mailer.Outcome(parcel, WOULD_SEND)
        else:
            going.append(i)
    outcomes = mailer.deliver(eng, month, [found.parcels[i] for i in going], params) if going else []
    fates.update(zip(going, outcomes, strict=True))
    return Report(month, found, [fates[i] for i in sorted(fates)], dry_run)


def lines(report: Report) -> list[str]:
    """The run told in Russian: a line per parcel, then what could not be matched, then the totals."""
    t = DELIVERY
    out = []
    for fate in report.fates:
        p = fate.parcel
        whom = t["whom"].format(name=p.name, address=p.address)
        files = ", ".join(f.name for f in p.files)
        kind = t["kinds"][p.kind]
        out.append(t[fate.status].format(whom=whom, kind=kind, files=files, name=p.name, id=p.manager,
                                         address=p.address, reply=fate.reply))
    out += [t["unknown_folder"].format(folder=folder) for folder in report.plan.unknown_folders]
    out += [t["no_team_address"].format(department=name) for name in report.plan.without_address]
    if report.plan.no_team_pack is not None:
        out.append(t["no_team_pack"].format(folder=report.plan.no_team_pack))
    if report.dry_run:
        out.append(t["summary_dry"].format(would=report.count(WOULD_SEND), already=report.count(ALREADY),
                                           no_address=report.count(NO_ADDRESS)))
    else:
        out.append(t["summary"].format(
            sent=report.count(mailer.SENT), already=report.count(ALREADY),
            undelivered=report.count(mailer.REFUSED, mailer.FAILED), no_address=report.count(NO_ADDRESS)))
    return out
