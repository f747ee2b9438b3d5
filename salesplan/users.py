"""Who is using salesplan: the one place that knows the current login.

Under the team server every user's kernels run with ``$JUPYTERHUB_USER`` (JupyterHub sets it
for the user's server, and kernels inherit it); a scheduled run or a command line may set
``$SALESPLAN_USER``; otherwise the operating system's user name. The apps record this login as
the author (the reviewer of a call, the head who approves a plan) and the audit trail keeps it.
"""

from __future__ import annotations

import getpass
import os

HUB_ENV = "JUPYTERHUB_USER"
ENV = "SALESPLAN_USER"


def login() -> str:
    """The current user's login: the hub's, else ``$SALESPLAN_USER``, else the system's."""
    for variable in (HUB_ENV, ENV):
        value = os.environ.get(variable, "").strip()
        if value:
            return value
    return getpass.getuser()


def on_hub() -> bool:
    """Whether this process runs for a logged-in user of the team server."""
    return bool(os.environ.get(HUB_ENV, "").strip())
