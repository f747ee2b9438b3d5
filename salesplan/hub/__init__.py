"""The team server: JupyterHub serving the apps and JupyterLab to the department's logins.

``passwords``: the logins' password hashes, kept in the server's state folder (outside git).
``roots``: each role's root folder and its kernels' environment (the role's store credentials).
``auth`` and ``jupyterhub_config``: the hub's authenticator and configuration; they import
JupyterHub (the ``team`` extra) and run inside the hub. ``salesplan serve`` starts it.
``apps``: an extension of each user's Jupyter server that serves the user's apps from preheated
kernels (a Voilà of the user's own, through jupyter-server-proxy, also of the ``team`` extra).
"""
