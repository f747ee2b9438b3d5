"""Managers and clients a file refers to: found in the store by id or by name, else new.

A row names its manager (or client) by id, by name, or both. An id is taken as given;
an id the store does not know is a new entry, named by the row's name (or by the id).
A name alone is looked up (surrounding and repeated spaces ignored); a name the store
does not know is a new entry whose id is the name transliterated: ``Иванов Иван`` →
``ivanov-ivan`` (``-2``, ``-3``… when taken).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

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


def slug(name: str) -> str:
    """A readable ASCII id for a name: lower case, Cyrillic transliterated, words joined by ``-``."""
    latin = "".join(_CYRILLIC.get(ch, ch) for ch in name.lower())
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "x"


def normal_name(name: str) -> str:
    return " ".join(name.split())


@dataclass(frozen=True)
class Resolved:
    """Each row's id (``NA`` when the row names nobody) and the entries to add."""

    ids: pd.Series
    new: pd.DataFrame  # columns id, name


def _unique_slugs(names: list[str], taken: set[str]) -> dict[str, str]:
    out = {}
    for name in names:
        base = candidate = slug(name)
        n = 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        out[name] = candidate
    return out


def resolve(ids: pd.Series | None, names: pd.Series | None, known: pd.DataFrame) -> Resolved:
    """The ids of the rows' references against ``known`` (the store's ``id``, ``name``).

    ``ids`` and ``names`` are the file's columns (``None`` when it has not got one).
    """
    index = (ids if ids is not None else names).index
    ids = ids if ids is not None else pd.Series(pd.NA, index, dtype="str")
    names = names if names is not None else pd.Series(pd.NA, index, dtype="str")
    known_ids = set(known["id"])

    unknown = ids.notna() & ~ids.isin(known_ids)
    given = pd.DataFrame({"id": ids[unknown], "name": names[unknown]}).dropna().drop_duplicates("id")
    first_names = dict(zip(given["id"], given["name"], strict=True))
    new_ids = ids[unknown].unique()
    new_by_id = pd.DataFrame(
        {"id": new_ids, "name": [normal_name(first_names.get(i, i)) for i in new_ids]}
    )

    by_name = dict(zip(new_by_id["name"], new_by_id["id"], strict=True))
    by_name |= {normal_name(n): i for i, n in zip(known["id"], known["name"], strict=True)}
    named_only = ids.isna() & names.notna()
    normal = {n: normal_name(n) for n in names[named_only].unique()}
    unknown_names = sorted(set(normal.values()) - by_name.keys())
    by_name |= _unique_slugs(unknown_names, known_ids | set(new_ids))
    resolved = ids
    if named_only.any():
        looked_up = names[named_only].map({n: by_name[v] for n, v in normal.items()})
        resolved = ids.mask(named_only, looked_up.astype("str"))

    new_by_name = pd.DataFrame({"id": [by_name[n] for n in unknown_names], "name": unknown_names})
    new = pd.concat([new_by_id, new_by_name], ignore_index=True).astype("str")
    return Resolved(resolved, new)
