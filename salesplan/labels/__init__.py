"""Every Russian text a user reads, in one place: a module per area, values strings only.

Code uses the keys; reports show the values. Add a text to the module of its area (``common``
for the words every area uses); every name of every module is read here, so ``labels.NAME``
works wherever the text lives.

The package also words what a template cannot: ``count`` puts a number with the form of its
noun, ``month_genitive`` and ``month_prepositional`` put a month in the case of its sentence.
"""

from datetime import date

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import format_decimal

from salesplan.labels.attestation import *  # noqa: F403
from salesplan.labels.common import *  # noqa: F403
from salesplan.labels.common import MONTHS_PREPOSITIONAL, PLURALS
from salesplan.labels.control import *  # noqa: F403
from salesplan.labels.deck import *  # noqa: F403
from salesplan.labels.errors import *  # noqa: F403
from salesplan.labels.importing import *  # noqa: F403
from salesplan.labels.motivation import *  # noqa: F403
from salesplan.labels.overview import *  # noqa: F403
from salesplan.labels.plan import *  # noqa: F403
from salesplan.labels.reviews import *  # noqa: F403
from salesplan.labels.runner import *  # noqa: F403

_RU = Locale.parse("ru_RU")
_GENITIVE = get_month_names("wide", context="format", locale=_RU)


def plural(n: float, noun: str) -> str:
    """The form of ``noun`` (a key of ``PLURALS``) that goes with the number ``n``.

    The form is chosen by the CLDR plural category of ``n`` for Russian (Babel's
    ``Locale.plural_form``): 1 → «звонок», 3 → «звонка», 5 → «звонков», 1,5 → «звонка».
    """
    return PLURALS[noun][_RU.plural_form(abs(n))]


def count(n: float, noun: str) -> str:
    """``n`` the Russian way (``1 000``, ``2,5``) and its noun: «1 звонок», «21 день», «2,5 дня»."""
    return f"{format_decimal(n, locale=_RU)} {plural(n, noun)}"


def _month(month: str | date | int) -> tuple[int, str]:
    """The month number and ``" YYYY"`` (or ``""``) of ``2026-07``, a date or a bare month 1–12."""
    if isinstance(month, date):
        return month.month, f" {month.year}"
    if isinstance(month, int):
        return month, ""
    year, mon = str(month).split("-")[:2]
    return int(mon), f" {year}"


def month_genitive(month: str | date | int) -> str:
    """``2026-07`` → «июля 2026» (Babel's format-context month), as in «действует с июля 2026»."""
    number, year = _month(month)
    return f"{_GENITIVE[number]}{year}"


def month_prepositional(month: str | date | int) -> str:
    """``2026-07`` → «июле 2026», as in «нет продаж в июле 2026»."""
    number, year = _month(month)
    return f"{MONTHS_PREPOSITIONAL[number - 1]}{year}"
