"""What an e-mail address looks like: one rule for the roster's ``email`` column and the
addresses of ``params/delivery.yaml``.

``local@domain.tld``: a local part of the characters RFC 5322 allows unquoted (no spaces,
no ``<>()[],;:"``), a domain of dot-separated labels of letters, digits and inner hyphens
(Cyrillic ones too: ``почта.рф``), ending in a top-level domain of two letters or more.
"""

from __future__ import annotations

import re

LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+"
LABEL = r"[^\W_](?:(?:[^\W_]|-)*[^\W_])?"
EMAIL = rf"^{LOCAL}@(?:{LABEL}\.)+[^\W\d_]{{2,}}$"
_EMAIL = re.compile(EMAIL)


def is_address(text: str) -> bool:
    """Whether ``text`` is one e-mail address (see the module's doc)."""
    return bool(_EMAIL.fullmatch(text))
