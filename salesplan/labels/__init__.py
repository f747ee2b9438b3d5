"""Every Russian text a user reads, in one place: a module per area, values strings only.

Code uses the keys; reports show the values. Add a text to the module of its area (``common``
for the words every area uses); every name of every module is read here, so ``labels.NAME``
works wherever the text lives.
"""

from salesplan.labels.attestation import *  # noqa: F403
from salesplan.labels.common import *  # noqa: F403
from salesplan.labels.control import *  # noqa: F403
from salesplan.labels.deck import *  # noqa: F403
from salesplan.labels.importing import *  # noqa: F403
from salesplan.labels.motivation import *  # noqa: F403
from salesplan.labels.overview import *  # noqa: F403
from salesplan.labels.plan import *  # noqa: F403
from salesplan.labels.reviews import *  # noqa: F403
from salesplan.labels.runner import *  # noqa: F403
