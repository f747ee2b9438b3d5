"""The hub's authenticator: a login of ``params/team.yaml`` with the password set for it by
``salesplan team password`` (``salesplan.hub.passwords``); its role becomes its hub group."""

from __future__ import annotations

import asyncio

from jupyterhub.auth import Authenticator

from salesplan.hub.passwords import check_password, state_dir
from salesplan.team import team


class TeamAuthenticator(Authenticator):
    """Users and roles from ``params/team.yaml``, passwords from the server's state folder."""

    async def authenticate(self, handler, data: dict) -> dict | None:
        login = self.normalize_username(data.get("username", ""))
        role = team().role_of(login)
        password = data.get("password", "")
        if role is None or not await asyncio.to_thread(check_password, state_dir(), login, password):
            return None
        return {"name": login, "groups": [role]}

    def check_allowed(self, username: str, authentication: dict | None = None) -> bool:
        """A login of ``params/team.yaml`` as it is now (a user added or removed counts at once)."""
        return team().role_of(username) is not None
