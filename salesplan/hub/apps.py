"""Each user's apps on the team server, opened from preheated kernels: a Jupyter server extension
of the user's server (``salesplan.hub.server`` enables it).

Voilà keeps preheated kernels only as a program of its own, not inside a Jupyter server. So each
user's server runs one: Voilà on the role's root folder with the apps' pools and configuration
(``salesplan.apps``, as ``make app``), on a local port, reached at ``/user/<login>/apps/``
through the user's server (jupyter-server-proxy), that is by the user logged in to the hub alone.
Voilà asks for a token, made at the server's start and given to Voilà in its environment, which
the proxy adds to every request it passes on: another process on the machine that finds the port
gets no page. Voilà runs with the user's server's environment (the login, the role's store
credentials, the clock) and its kernels with Voilà's, so a preheated kernel has the login, role
and store that a kernel started for the page would have, and never another user's.

The server starts Voilà as soon as it runs (``_start_jupyter_server_extension`` opens the list
of apps once, with the server's own hub token), so the pools fill before an app is opened.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from jupyter_server.utils import url_path_join
from jupyter_server_proxy.config import ServerProcess, make_handlers
from tornado.httpclient import AsyncHTTPClient

from salesplan.apps import config_dir

PREFIX = "apps"  # the apps' address under the user's server: /user/<login>/apps/
TOKEN_ENV = "JUPYTER_TOKEN"  # read by Voilà's identity provider (with --Voila.auto_token)
HUB_TOKEN_ENV = "JUPYTERHUB_API_TOKEN"  # the user's server's own token at the hub
START_TIMEOUT = 120  # seconds Voilà may take to answer on a busy machine


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": __name__}]


def voila_command(root: str) -> list[str]:
    """Voilà on ``root`` with the apps' configuration, at the port and address the proxy gives
    (``{port}``, ``{base_url}``: jupyter-server-proxy fills them in)."""
    return [str(Path(sys.executable).with_name("voila")), root, "--no-browser", "--port={port}",
            "--Voila.ip=127.0.0.1", "--Voila.base_url={base_url}" + PREFIX + "/",
            f"--Voila.config_file_paths=['{config_dir()}']", "--Voila.auto_token=True"]


def apps_process(root: str, token: str) -> ServerProcess:
    """The proxy's description of the apps' Voilà: started on the first request, asked with
    ``token``, reached at its full address (Voilà serves under the user's prefix)."""
    return ServerProcess(name=PREFIX, command=voila_command(root), environment={TOKEN_ENV: token},
                         request_headers_override={"Authorization": f"token {token}"},
                         absolute_url=True, timeout=START_TIMEOUT,
                         launcher_entry={"enabled": False})


def _load_jupyter_server_extension(serverapp) -> None:
    """Route ``/user/<login>/apps/`` of the user's server to the apps' Voilà."""
    process = apps_process(serverapp.root_dir, secrets.token_urlsafe(32))
    serverapp.web_app.add_handlers(".*", make_handlers(serverapp.base_url, [process]))


async def _start_jupyter_server_extension(serverapp) -> None:
    """Once the server runs: open the list of apps, which starts Voilà and its pools."""
    token = os.environ.get(HUB_TOKEN_ENV)
    if token:
        answer = await AsyncHTTPClient().fetch(
            url_path_join(serverapp.connection_url, PREFIX, "/"), raise_error=False,
            headers={"Authorization": f"token {token}"}, request_timeout=START_TIMEOUT + 30)
        serverapp.log.info("salesplan apps: Voilà answered %s", answer.code)
