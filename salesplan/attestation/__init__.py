"""Manager attestation (аттестация): evidence from the store, scores, a decision, a draft ИПР,
printable A4 sheets and finalised records.

The modules: ``template`` (``params/attestation.yaml``; the period is a quarter or a
half-year of ``salesplan.periods``), ``evidence`` (each manager's KPIs, call quality and
inputs), ``scoring`` (component and total scores, the decision), ``development`` (the draft
ИПР), ``inputs`` (ratings, test scores, the head's edits), ``tables`` and ``records``
(finalised sheets), ``assessment`` (a sheet as data), ``sheet`` (the HTML), ``batch`` (every
sheet and the summary, printed by one browser), ``form`` (the head's widgets), ``demo`` (demo
inputs).

For other reports: ``attestation_summary(eng, "2026-Q3")`` — one row per attested manager
with the total and the decision.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy import Engine

    from salesplan.periods import Half, Quarter

# what the package gives, by the module that holds it: imported when first asked for (the
# sheets and their printing pull in matplotlib; reading the settings needs only ``template``)
EXPORTS = {
    "SUMMARY_COLUMNS": "assessment", "build": "assessment", "finalise": "assessment",
    "summary": "assessment", "Pack": "batch", "write_pack": "batch", "parse_period": "template",
}


def __getattr__(name: str):
    if name in EXPORTS:
        return getattr(import_module(f"{__name__}.{EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def attestation_summary(eng: Engine, period: str | Quarter | Half, department: str = "") -> pd.DataFrame:
    """The decisions of ``period`` (``YYYY-Qn`` or ``YYYY-Hn``) for ``department`` ("" = all).

    One row per manager employed at the period's end, by name: ``SUMMARY_COLUMNS`` —
    ``manager_id, name, role, status`` (``eligible``, ``probation``, ``insufficient_data``),
    ``total`` (0–100, NaN when not scored), ``decision`` (``fits``, ``conditional``, ``unfit``
    or the status), ``decision_text`` (Russian), ``reattest_by`` (date or None) and
    ``finalised`` (True once on record; drafts otherwise).
    """
    from salesplan.attestation.assessment import build, summary
    from salesplan.attestation.template import parse_period

    period = parse_period(period) if isinstance(period, str) else period
    return summary(build(eng, period, department))


__all__ = [
    "SUMMARY_COLUMNS", "Pack", "attestation_summary", "build", "finalise", "parse_period",
    "summary", "write_pack",
]
