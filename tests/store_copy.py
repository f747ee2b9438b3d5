"""Copies of a test store, for tests that write to a store shared by the session."""

import sqlite3
from pathlib import Path


def copy_db(url: str, target: Path) -> str:
    """A consistent copy of a SQLite store (the backup API, safe with WAL); returns its URL."""
    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    dest = sqlite3.connect(target)
    with dest:
        source.backup(dest)
    source.close()
    dest.close()
    return f"sqlite:///{target}"
