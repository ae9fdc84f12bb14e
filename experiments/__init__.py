"""Entry points and runners: Hydra composes the config here and hands ``sim`` dataclasses."""
