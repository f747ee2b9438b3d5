"""The one clock: every "today" and "now" in salesplan comes from here.

``$SALESPLAN_TODAY`` (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM[:SS]``) moves the clock for a run:
the CLI's ``--as-of`` sets it, and so it reaches the notebooks' kernels and the apps' servers,
which inherit the environment. Time still runs from the set moment (a date alone keeps the
real time of day), so records written one after another stay in order.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from functools import lru_cache

from salesplan import labels
from salesplan.errors import ParamsError

ENV = "SALESPLAN_TODAY"


def _offset() -> timedelta:
    """How far the set moment is from the system clock (zero when nothing is set)."""
    value = os.environ.get(ENV, "").strip()
    return _offset_of(value) if value else timedelta(0)


def parse(value: str) -> date | datetime:
    """``YYYY-MM-DD`` as a date, ``YYYY-MM-DDTHH:MM[:SS]`` as a moment; anything else is an error."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise ParamsError(labels.ERRORS["today"].format(variable=ENV, value=value)) from exc
    return moment.date() if len(value.strip()) <= len("2026-12-05") else moment.replace(tzinfo=None)


@lru_cache(maxsize=4)
def _offset_of(value: str) -> timedelta:
    """The offset of ``value``, fixed the first time it is read: from then on time runs."""
    real = datetime.now()
    moment = parse(value)
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, real.time())
    return moment - real


def now() -> datetime:
    """The current local time, naive, as the clock is set."""
    offset = _offset()  # first: the moment it is fixed at must not come after the reading below
    return datetime.now() + offset


def now_aware() -> datetime:
    """The current time with the local zone (for records that say when a run happened)."""
    return now().astimezone()


def today() -> date:
    """The current date, as the clock is set."""
    return now().date()


def set_today(value: date | datetime | None) -> None:
    """Set the clock for this process and the processes it starts (``None`` gives back the real one)."""
    if value is None:
        os.environ.pop(ENV, None)
    else:
        os.environ[ENV] = value.isoformat()
