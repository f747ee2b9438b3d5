"""The current login: the hub's user first, then the one a run names, then the system's."""

import getpass

from salesplan import users


def test_login_order(monkeypatch):
    monkeypatch.delenv(users.HUB_ENV, raising=False)
    monkeypatch.delenv(users.ENV, raising=False)
    assert users.login() == getpass.getuser() and not users.on_hub()
    monkeypatch.setenv(users.ENV, "scheduler")
    assert users.login() == "scheduler"
    monkeypatch.setenv(users.HUB_ENV, "trainer-olga")
    assert users.login() == "trainer-olga" and users.on_hub()
