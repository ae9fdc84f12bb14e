"""navsim's model package: the Nav partnership as a Mesa model (no Hydra, no file paths)."""

from sim.config import ConfigError, ModelConfig
from sim.model import NavPartnershipModel

__all__ = ["ConfigError", "ModelConfig", "NavPartnershipModel"]
