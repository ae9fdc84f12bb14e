"""navsim's Hydra sweeper (a Hydra plugin: Hydra finds plugins in the ``hydra_plugins`` package)."""
