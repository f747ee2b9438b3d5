"""How two spellings of a person or a company are told to be the same.

``person_key`` and ``company_key`` reduce a spelling to a comparison key: lower case, «ё» as
«е», spaces collapsed; a company also loses its quotes, punctuation and legal form
(«ООО "Ромашка"», «Ромашка, ООО» and «ромашка» all give ``ромашка``). ``same_person`` also
matches initials to names and ignores word order: «Иванов И.», «Иванов Иван», «Иван Иванов»
and «Иванов Иван Иванович» are one person.
"""

from __future__ import annotations

import re
from itertools import permutations

LEGAL_FORMS = (  # long forms first: «акционерное общество» is inside «публичное акционерное общество»
    "общество с ограниченной ответственностью",
    "публичное акционерное общество",
    "закрытое акционерное общество",
    "открытое акционерное общество",
    "непубличное акционерное общество",
    "акционерное общество",
    "индивидуальный предприниматель",
    "ооо", "пао", "зао", "оао", "нао", "ао", "ип",
)
_LEGAL_FORM = re.compile(r"\b(?:" + "|".join(f.replace(" ", r"\s+") for f in LEGAL_FORMS) + r")\b")
_QUOTES_AND_PUNCTUATION = re.compile(r"[«»\"'“”„‘’`.,;:()]")
_WORD = re.compile(r"[^\s.]+\.?")  # «И.И.» is two initials
MAX_WORDS = 5  # longer spellings are matched only as a whole


def plain(text: str) -> str:
    """Lower case, «ё» as «е», words separated by one space."""
    return " ".join(text.lower().replace("ё", "е").split())


def person_key(name: str) -> str:
    return plain(name)


def company_key(name: str) -> str:
    """The name without quotes, punctuation and legal form; the plain name when nothing else is left."""
    key = plain(_LEGAL_FORM.sub(" ", _QUOTES_AND_PUNCTUATION.sub(" ", plain(name))))
    return key or plain(name)


def _words(name: str) -> list[str]:
    return [w.rstrip(".") for w in _WORD.findall(plain(name))]


def _fits(short: str, full: str) -> bool:
    """One word spelled as the other, or an initial of it."""
    return short == full or (len(short) == 1 and full.startswith(short)) or (
        len(full) == 1 and short.startswith(full))


def same_person(a: str, b: str) -> bool:
    """Whether two spellings can name one person: every word of the shorter one matches a
    different word of the longer one (equal, or an initial of it), in any order, at least two
    words matched and at least one of them in full."""
    short, long = sorted((_words(a), _words(b)), key=len)
    if len(short) < 2 or len(long) > MAX_WORDS:
        return short == long
    for order in permutations(long, len(short)):
        pairs = list(zip(short, order, strict=True))
        if all(_fits(s, f) for s, f in pairs) and any(s == f and len(s) > 1 for s, f in pairs):
            return True
    return False
