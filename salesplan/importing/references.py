"""Managers and clients a file refers to: found in the store, else new.

A row names its manager (or client) by id, by name, or both; a client also by its ИНН
(``client_inn``). A known id is taken as given. Otherwise the row's spellings are looked up
in a ``Directory`` of the store's entries, in this order: the id as a spelling, the ИНН, the
name. A manager is found by his id, name or any alias (``managers.aliases``), ignoring case,
«ё»/«е» and spaces, and also by initials and word order (``names.same_person``); a client by
its ИНН, then by its name without quotes and legal form (``names.company_key``). A spelling
that fits several entries finds none.

What is not found is a new entry: a new id as it is, named by the row's name (or by the id);
a new name gets an id made from it: ``Иванов Иван`` → ``ivanov-ivan`` (``-2``, ``-3``… when
taken). Rows that spell one new entry alike (the same id, ИНН or key) share it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from salesplan.filenames import slug
from salesplan.importing.names import company_key, person_key, same_person
from salesplan.importing.parsing import as_arrow

ALIAS_SEPARATOR = "|"
CLOSEST = 3  # roster entries shown for a name not found

class NewManagers(StrEnum):
    """What an import does with a manager it cannot find: adds him, or rejects his rows."""

    ADD = "add"
    REJECT = "reject"


def normal_name(name: str) -> str:
    return " ".join(name.split())


def split_aliases(aliases: object) -> list[str]:
    """The aliases of a ``|``-separated cell, trimmed, without empty ones."""
    if not isinstance(aliases, str):
        return []
    return [normal_name(a) for a in aliases.split(ALIAS_SEPARATOR) if a.strip()]


def join_aliases(aliases: list[str]) -> str:
    """The aliases as one cell, each once (compared ignoring case and «ё»)."""
    unique = {person_key(a): a for a in reversed(aliases)}
    return ALIAS_SEPARATOR.join(reversed(unique.values()))


@dataclass(frozen=True)
class Directory:
    """The store's entries by the spellings that find them (comparison keys → ids).

    ``entries``: ``id``, ``name``, ``spellings`` (a list of other spellings) and ``inn`` (text or
    missing). The keys are made on first use: rows that all give known ids never need them.
    """

    entries: pd.DataFrame
    key: Callable[[str], str]
    people: bool = False  # initials and word order count (``names.same_person``)

    @cached_property
    def ids(self) -> set[str]:
        return set(self.entries["id"])

    @cached_property
    def labels(self) -> dict[str, str]:
        """id → «name (id)»."""
        return {i: f"{n} ({i})" for i, n in zip(self.entries["id"], self.entries["name"], strict=True)}

    @cached_property
    def keys(self) -> dict[str, set[str]]:
        """Each key of an entry's id, name and other spellings → the entries it finds."""
        keys: dict[str, set[str]] = {}
        for entry_id, name, spellings in zip(*(self.entries[c] for c in ("id", "name", "spellings")),
                                             strict=True):
            for spelling in (entry_id, name, *spellings):
                keys.setdefault(self.key(spelling), set()).add(entry_id)
        return keys

    @cached_property
    def inns(self) -> dict[str, set[str]]:
        """Each ИНН → the entries that have it."""
        inns: dict[str, set[str]] = {}
        for entry_id, inn in zip(self.entries["id"], self.entries["inn"], strict=True):
            if isinstance(inn, str) and inn:
                inns.setdefault(inn, set()).add(entry_id)
        return inns

    def candidates(self, spelling: str) -> set[str]:
        """The entries a spelling fits: by its key, else (people) by ``same_person``."""
        found = self.keys.get(self.key(spelling), set())
        if found or not self.people:
            return found
        return {i for k, ids in self.keys.items() if same_person(spelling, k) for i in ids}

    def find(self, spelling: object, inn: object = None) -> str | None:
        """The one entry the ИНН, else the spelling, fits; None when none or several."""
        for found in (self.inns.get(inn, set()) if isinstance(inn, str) else set(),
                      self.candidates(spelling) if isinstance(spelling, str) else set()):
            if len(found) == 1:
                return next(iter(found))
        return None

    def closest(self, spelling: str) -> list[str]:
        """Up to ``CLOSEST`` entries spelled most like ``spelling``: those it fits, those sharing
        a word with it (a surname), then the nearest by ``difflib``'s ratio."""
        key = self.key(spelling)
        words = {w for w in key.split() if len(w.rstrip(".")) > 1}
        sharing = [i for k, ids in self.keys.items() if words & set(k.split()) for i in sorted(ids)]
        near = difflib.get_close_matches(key, list(self.keys), n=CLOSEST, cutoff=0.5)
        ids = dict.fromkeys([*sorted(self.candidates(spelling)), *sharing,
                             *(i for k in near for i in sorted(self.keys[k]))])
        return [self.labels[i] for i in list(ids)[:CLOSEST]]


def managers_directory(known: pd.DataFrame) -> Directory:
    """The roster (``id``, ``name``, ``aliases``) as a directory of people."""
    aliases = known["aliases"] if "aliases" in known else pd.Series(None, known.index, dtype=object)
    entries = pd.DataFrame({"id": known["id"], "name": known["name"],
                            "spellings": aliases.map(split_aliases), "inn": None})
    return Directory(entries, person_key, people=True)


def clients_directory(known: pd.DataFrame) -> Directory:
    """The clients (``id``, ``name``, ``inn``) as a directory of companies."""
    inns = known.get("inn")
    entries = pd.DataFrame({"id": known["id"], "name": known["name"],
                            "spellings": [()] * len(known), "inn": inns})
    return Directory(entries, company_key)


@dataclass(frozen=True)
class Resolved:
    """Each row's id (``NA`` when the row names nobody), the entries to add (``id``, ``name``,
    ``inn``), the rows that name a new entry, and each spelling not found with the entries
    spelled most like it."""

    ids: pd.Series
    new: pd.DataFrame
    fresh: pd.Series  # bool: the row names a new entry
    unresolved: dict[str, list[str]]


def _unique_slug(name: str, taken: set[str]) -> str:
    base = candidate = slug(name)
    n = 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _among(values: pd.Series, allowed: Collection[str]) -> np.ndarray:
    """Whether each value is one of ``allowed`` (missing: no), through Arrow: pandas' ``isin``
    of text boxes each allowed value on its own, seconds for a store's clients."""
    found = pc.is_in(as_arrow(values), value_set=pa.array(list(allowed), pa.string()))
    return found.to_numpy(zero_copy_only=False).astype(bool)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def resolve(
    ids: pd.Series | None,
    names: pd.Series | None,
    directory: Directory,
    inns: pd.Series | None = None,
) -> Resolved:
    """The ids of the rows' references against ``directory`` (see the module's doc).

    ``ids``, ``names`` and ``inns`` are the file's columns (``None`` when it has not got one).
    """
    given = [c for c in (ids, names, inns) if c is not None]
    index = given[0].index
    frame = pd.DataFrame(
        {k: c if c is not None else pd.Series(pd.NA, index, dtype="str")
         for k, c in (("id", ids), ("name", names), ("inn", inns))}
    )
    known = pd.Series(_among(frame["id"], directory.ids), index)
    looked_up = frame[~known & frame.notna().any(axis=1)]
    # each distinct (id, name, ИНН) once: group numbers follow first appearance
    codes = looked_up.groupby(["id", "name", "inn"], dropna=False, sort=False).ngroup().to_numpy()
    combos = looked_up[~pd.Series(codes).duplicated().to_numpy()]

    taken = set(directory.ids)
    new: dict[str, dict] = {}
    by_spelling: dict[tuple[str, str], str] = {}  # ("id" | "inn" | "key", value) → new id
    unresolved: dict[str, list[str]] = {}
    found: list[str | None] = [None] * len(combos)
    # new ids before names: a name beside a new id finds it on the rows that name it alone
    rows = list(combos.itertuples(index=False, name=None))
    for at in combos["id"].isna().to_numpy().argsort(kind="stable"):
        entry_id, name, inn = rows[at]
        entry_id, name, inn = _text(entry_id), _text(name), _text(inn)
        hit = directory.find(entry_id) or directory.find(name, inn)
        if hit is None:
            spellings = [("id", entry_id), ("inn", inn), ("key", name and directory.key(name))]
            hit = next((by_spelling[s] for s in spellings if s in by_spelling), None)
            if hit is None:
                hit = entry_id or _unique_slug(normal_name(name or inn), taken)
                taken.add(hit)
                new[hit] = {"id": hit, "name": normal_name(name or entry_id or inn), "inn": inn}
            by_spelling.update({s: hit for s in spellings if s[1]})
            spelled = normal_name(name or entry_id or inn)
            # the closest entries of managers only: clients are many, and new ones common
            if directory.people and hit in new and spelled not in unresolved:
                unresolved[spelled] = directory.closest(spelled)
        found[at] = hit

    resolved = frame["id"].where(known)
    fresh = pd.Series(False, index)
    if len(combos):
        matched = pd.Series(found, dtype="str").to_numpy()[codes]
        resolved[looked_up.index] = matched
        fresh[looked_up.index] = _among(pd.Series(found, dtype="str"), new)[codes]
    entries = pd.DataFrame(list(new.values()), columns=["id", "name", "inn"]).astype("str")
    by_id = _among(entries["id"], combos["id"].dropna())
    entries = pd.concat([entries[by_id], entries[~by_id].sort_values("name")], ignore_index=True)
    return Resolved(resolved.astype("str"), entries, fresh, unresolved)
