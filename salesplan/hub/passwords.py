"""The team server's passwords: scrypt hashes in ``passwords.json`` of the server's state folder.

The state folder (``$SALESPLAN_HUB_STATE``, else ``~/.local/state/salesplan/hub``) is outside the
project, so no password, not even hashed, is ever committed; the file is readable by its owner
only. A hash is ``scrypt$N$r$p$salt$key`` (hex): scrypt with a random 16-byte salt per password,
compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

STATE_ENV = "SALESPLAN_HUB_STATE"
FILE = "passwords.json"
N, R, P = 2**14, 8, 1  # scrypt's cost: 16 MiB and ~50 ms a check


def state_dir() -> Path:
    """The server's state folder: hub database, cookie secret, passwords, the roles' folders."""
    given = os.environ.get(STATE_ENV)
    return Path(given) if given else Path.home() / ".local" / "state" / "salesplan" / "hub"


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P)
    return f"scrypt${N}${R}${P}${salt.hex()}${key.hex()}"


def matches(password: str, stored: str) -> bool:
    """Whether ``password`` is the one ``stored`` (a ``hash_password`` result) was made from."""
    _kind, n, r, p, salt, key = stored.split("$")
    found = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(found, bytes.fromhex(key))


def _read(state: Path) -> dict[str, str]:
    path = state / FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def set_password(state: Path, login: str, password: str) -> Path:
    """Store ``login``'s password hash (replacing the old one); returns the file."""
    state.mkdir(parents=True, exist_ok=True, mode=0o700)
    hashes = _read(state) | {login: hash_password(password)}
    path = state / FILE
    temporary = path.with_suffix(".tmp")
    with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w",
                   encoding="utf-8") as out:  # the owner's alone from the start
        json.dump(hashes, out, indent=1, sort_keys=True)
    temporary.replace(path)
    return path


def check_password(state: Path, login: str, password: str) -> bool:
    """Whether ``password`` is ``login``'s (False for a login without a password)."""
    stored = _read(state).get(login)
    return stored is not None and matches(password, stored)
