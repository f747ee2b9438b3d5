"""Voilà's configuration for the apps (``make app``): a pool of preheated kernels per app
(``salesplan.apps``)."""

from salesplan.apps import pools

c = get_config()  # noqa: F821  (Voilà defines get_config for its configuration file)
c.VoilaConfiguration.preheat_kernel = True
c.VoilaKernelManager.kernel_pools_config = pools()
