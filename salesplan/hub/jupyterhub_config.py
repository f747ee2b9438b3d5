"""JupyterHub's configuration file for the team server: ``salesplan serve`` runs
``jupyterhub -f`` on it; everything is in ``salesplan.hub.server.configure``."""

from salesplan.hub.server import configure

configure(get_config())  # noqa: F821  (JupyterHub defines get_config for its configuration file)
