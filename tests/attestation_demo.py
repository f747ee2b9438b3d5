"""The demo store with the attestation's demo inputs, for the attestation tests.

``seeded(demo_db, folder)`` copies the session's demo store (which must stay untouched) and
seeds the copy with ``salesplan.attestation.demo.seed_demo`` (a no-op when the demo builder
already did); the copy is made once per session. ``writable(url, folder)`` gives a test its
own copy of it to write to.
"""

from __future__ import annotations

from pathlib import Path

from store_copy import copy_db

from salesplan import store
from salesplan.attestation.demo import seed_demo

_seeded: dict[str, str] = {}


def seeded(demo_db: str, folder: Path, end_month: str) -> str:
    if demo_db not in _seeded:
        url = copy_db(demo_db, folder / "attestation_demo.db")
        seed_demo(store.engine(url), end_month)
        _seeded[demo_db] = url
    return _seeded[demo_db]


def writable(url: str, folder: Path) -> str:
    return copy_db(url, folder / "attestation_writable.db")
