"""Every Russian text a user reads, in one place: a module per area, values strings only.

Code uses the keys; reports show the values. Add a text to the module of its area (``common``
for the words every area uses); every name of every module is read here, so ``labels.NAME``
works wherever the text lives.

The package also words what a template cannot: ``count`` puts a number with the form of its
noun. A month in the case of its sentence is ``periods.Month``'s (``label_genitive``,
``label_prepositional``).
"""

from babel import Locale
from babel.numbers import format_decimal

from salesplan.labels.attestation import *  # noqa: F403
from salesplan.labels.audit import *  # noqa: F403
from salesplan.labels.checklist import *  # noqa: F403
from salesplan.labels.common import *  # noqa: F403
from salesplan.labels.common import PLURALS
from salesplan.labels.control import *  # noqa: F403
from salesplan.labels.deck import *  # noqa: F403
from salesplan.labels.delivery import *  # noqa: F403
from salesplan.labels.errors import *  # noqa: F403
from salesplan.labels.importing import *  # noqa: F403
from salesplan.labels.inventory import *  # noqa: F403
from salesplan.labels.motivation import *  # noqa: F403
from salesplan.labels.overview import *  # noqa: F403
from salesplan.labels.papers import *  # noqa: F403
from salesplan.labels.payplan import *  # noqa: F403
from salesplan.labels.plan import *  # noqa: F403
from salesplan.labels.protocol import *  # noqa: F403
from salesplan.labels.reviews import *  # noqa: F403
from salesplan.labels.runner import *  # noqa: F403
from salesplan.labels.settings import *  # noqa: F403
from salesplan.labels.store import *  # noqa: F403
from salesplan.labels.team import *  # noqa: F403

_RU = Locale.parse("ru_RU")


def plural(n: float, noun: str) -> str:
    """The form of ``noun`` (a key of ``PLURALS``) that goes with the number ``n``.

    The form is chosen by the CLDR plural category of ``n`` for Russian (Babel's
    ``Locale.plural_form``): 1 → «звонок», 3 → «звонка», 5 → «звонков», 1,5 → «звонка».
    """
    return PLURALS[noun][_RU.plural_form(abs(n))]


def count(n: float, noun: str) -> str:
    """``n`` the Russian way (``1 000``, ``2,5``) and its noun: «1 звонок», «21 день», «2,5 дня»."""
    return f"{format_decimal(n, locale=_RU)} {plural(n, noun)}"
