"""The Hydra schema: ``sim.config`` dataclasses plus the run's own settings.

Registered in Hydra's ConfigStore as ``navsim_schema``; the primary config
``configs/config.yaml`` names it first in its defaults list, so an unknown key, a
wrong type or an unknown enum value fails at composition, naming the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from hydra.core.config_store import ConfigStore

from messages import LANGUAGES
from sim.config import GovernanceConfig, ModelConfig, RegionConfig, ScenarioConfig
from sim.recording import RECORDED_TABLES


class ExecutorKind(StrEnum):
    """Where replications run (DESIGN §7)."""

    local = "local"  # this process (workers=1 outside a -m sweep) or a pool of `workers`
    dask = "dask"  # Dask distributed: a LocalCluster of `workers`, or dask_address


# the tables a replication can write (``outputs=``); summary.parquet and run.json always
OUTPUT_TABLES = RECORDED_TABLES


# Languages of printed output: those of the message catalogue (``messages.LANGUAGES``)
Language = StrEnum("Language", [(code, code) for code in LANGUAGES])


@dataclass
class RunConfig(ModelConfig):
    """One invocation of ``navsim``: the model config plus seeds and execution."""

    seed: int = 1
    replications: int = 1
    workers: int = 1
    executor: ExecutorKind = ExecutorKind.local
    dask_address: str | None = None  # a running scheduler, e.g. tcp://host:8786
    # allow more local workers than the cores where the pool starts
    oversubscribe: bool = False
    only_replicate: int | None = None  # re-run replicate k alone (same seed, same bytes)
    # posterior draws as replications (experiments/posterior.py): a CSV of
    # navsim-calibrate --export-posterior; replicate k runs draw k // posterior_seeds
    posterior: str | None = None
    posterior_seeds: int = 1
    # tables written per replication (summary.parquet and run.json always are)
    outputs: list[str] = field(default_factory=lambda: list(OUTPUT_TABLES))
    progress: bool = True
    # language of what the command prints (bokmål or English)
    lang: Language = Language[LANGUAGES[0]]


def register() -> None:
    """Register the schema and the group schemas in Hydra's ConfigStore."""
    cs = ConfigStore.instance()
    cs.store(name="navsim_schema", node=RunConfig)
    cs.store(group="region", name="region_schema", node=RegionConfig)
    cs.store(group="governance", name="governance_schema", node=GovernanceConfig)
    cs.store(group="scenario", name="scenario_schema", node=ScenarioConfig)
