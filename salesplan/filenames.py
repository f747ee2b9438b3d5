"""File names built from data: every id, name or period that becomes part of a path goes here.

An id from an imported file is text, not a path: ``../../x`` or ``C:\\x`` must not steer where
a file is written. ``safe_name`` turns any text into one readable path component: Cyrillic
transliterated, every character but ``A–Z a–z 0–9 _ -`` replaced by ``-``, no leading or
trailing ``-``; a text that had to change gets a short digest of itself appended, so two ids
never share a file. ``stem`` makes one name of several such parts (``2026-10_ivanov``);
``inside`` joins components under a folder and refuses a result outside it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from salesplan import labels
from salesplan.errors import PathOutsideFolder

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        (
            "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
            "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia",
        ),
        strict=True,
    )
)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
MAX_LENGTH = 80  # characters of a component before its digest


def transliterate(text: str) -> str:
    """Cyrillic letters in Latin ones (ISO 9-like, as Russian passports write them), case kept."""
    out = []
    for ch in text:
        latin = _CYRILLIC.get(ch.lower())
        out.append(ch if latin is None else latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def slug(name: str) -> str:
    """A readable ASCII id for a name: lower case, Cyrillic transliterated, words joined by ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", transliterate(name.lower())).strip("-") or "x"


def safe_name(text: object) -> str:
    """One path component for ``text``: itself when it is already plain ASCII
    (``ivanov``, ``2026-Q4``), else its transliterated, cleaned form plus a digest of the
    original (``../../x`` → ``x-1b2c3d4e``), never empty, ``.`` or ``..``."""
    text = str(text)
    clean = _UNSAFE.sub("-", transliterate(text)).strip("-")[:MAX_LENGTH]
    if clean == text and clean:
        return clean
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return f"{clean}-{digest}" if clean else digest


def stem(*parts: object) -> str:
    """One file name of several parts from data: each ``safe_name``-d, the empty ones left out,
    joined by ``_`` (``stem("plan", "2026-10", "../x")`` → ``plan_2026-10_x-<digest>``)."""
    return "_".join(safe_name(p) for p in parts if str(p))


def inside(folder: Path | str, *parts: object, suffix: str = "") -> Path:
    """``folder / safe_name(part) / … + suffix``, checked to lie inside ``folder``."""
    base = Path(folder)
    names = [safe_name(p) for p in parts]
    if names and suffix:
        names[-1] += suffix
    path = base.joinpath(*names)
    if not path.resolve().is_relative_to(base.resolve()):
        raise PathOutsideFolder(labels.ERRORS["path_outside"].format(path=path, folder=base))
    return path
