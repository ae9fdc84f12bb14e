"""What a workshop session can set, and the ModelConfig it becomes (no Hydra).

A ``Settings`` holds a region (a file of ``configs/region/``), the 14 governance levers
of DESIGN §4 (filled from a preset of ``configs/governance/``), at most one scenario of
``configs/scenario/`` with its settings, the scenario month and the seed. The
reference run of the "compare with baseline" view uses the same region and seed with
the 2019 governance (``default``) and no scenario.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sim.config import GovernanceConfig, ModelConfig, RegionConfig, ScenarioConfig, field_type
from sim.vocabulary import ScenarioKind

# The governance fields in DESIGN §4 order (the order of GovernanceConfig).
GOVERNANCE_FIELDS = tuple(f.name for f in dataclasses.fields(GovernanceConfig))
BOOL_FIELDS = ("leader_agreement", "harmonised_terms", "delegated_state_decisions")
# portfolio: the app offers the two keywords; a list of services is for the command line
PORTFOLIO_CHOICES = ("observed", "minimum")
# Regions the app offers: the counties (all of Norway and `custom` are for the command line;
# Norway's 357 municipalities make the network pictures unreadable in a room).
EXCLUDED_REGIONS = ("custom", "norway")
# Scenarios the app offers (one at a time; the command line combines several).
SCENARIOS = tuple(k.value for k in ScenarioKind)
# Scenario settings a card may set (the ids stay strings: DESIGN §5).
SCENARIO_KEYS = (
    "host",
    "members",
    "offices",
    "min_population",
    "municipality",
    "jobs_lost",
    "refugees_per_1000",
)
DEFAULT_SCENARIO_MONTH = 12  # a room sees the event after a year, not two (config default: 24)
MAX_MONTHS = 120  # a session runs at most ten years after month 0


def config_dir() -> Path:
    """The shipped configs: the source tree's, else the installed ``navsim_configs``."""
    source = Path(__file__).resolve().parents[1] / "configs"
    if (source / "config.yaml").is_file():
        return source
    return Path(str(resources.files("navsim_configs")))


def _read(group: str, name: str) -> dict[str, Any]:
    data = yaml.safe_load((config_dir() / group / f"{name}.yaml").read_text(encoding="utf-8"))
    data = dict(data or {})
    data.pop("defaults", None)
    return data


@cache
def region_names() -> tuple[str, ...]:
    """The regions the app offers (files of ``configs/region/``), Agder first."""
    names = sorted(p.stem for p in (config_dir() / "region").glob("*.yaml"))
    names = [n for n in names if n not in EXCLUDED_REGIONS]
    return tuple(["agder", *[n for n in names if n != "agder"]])


@cache
def governance_presets() -> tuple[str, ...]:
    """The governance presets (files of ``configs/governance/``), ``default`` first."""
    names = sorted(p.stem for p in (config_dir() / "governance").glob("*.yaml"))
    return tuple(["default", *[n for n in names if n != "default"]])


@cache
def _preset(name: str) -> dict[str, Any]:
    data = _read("governance", name)
    unknown = set(data) - set(GOVERNANCE_FIELDS)
    if unknown:
        raise ValueError(f"configs/governance/{name}.yaml: unknown fields {sorted(unknown)}")
    return data


def governance_preset(name: str) -> dict[str, Any]:
    """The 14 levers of a preset, as plain values (strings, bools, ints).

    Args:
        name: A file of ``configs/governance/`` without ``.yaml``.

    Returns:
        Field -> value for every governance field (defaults where the file is silent).
    """
    defaults = GovernanceConfig()
    values = {n: _plain(getattr(defaults, n)) for n in GOVERNANCE_FIELDS}
    values.update(copy.deepcopy(_preset(name)))
    return values


def lever_choices(name: str) -> list[Any] | None:
    """The values a Select lever offers (None for switches and the meetings slider)."""
    if name in BOOL_FIELDS or name == "meetings_per_year":
        return None
    if name == "portfolio":
        return list(PORTFOLIO_CHOICES)
    return [e.value for e in field_type(GovernanceConfig, name)]


def meetings_range() -> tuple[int, int]:
    """Bounds of ``meetings_per_year`` as declared in ``sim.config``."""
    f = next(x for x in dataclasses.fields(GovernanceConfig) if x.name == "meetings_per_year")
    return int(f.metadata["lo"]), int(f.metadata["hi"])


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


@dataclass
class Settings:
    """One session's settings. Every field is a plain value (safe to copy and compare)."""

    region: str = "agder"
    # with region "custom": the municipality ids (a card's own region, e.g. Sogn)
    municipalities: list[str] = field(default_factory=list)
    preset: str = "default"
    governance: dict[str, Any] = field(default_factory=lambda: governance_preset("default"))
    scenario: str = "baseline"
    scenario_settings: dict[str, Any] = field(default_factory=dict)
    scenario_month: int = DEFAULT_SCENARIO_MONTH
    seed: int = 1

    def copy(self) -> Settings:
        """A deep copy (sessions never share a settings object)."""
        return copy.deepcopy(self)

    def with_preset(self, name: str) -> Settings:
        """These settings with every lever taken from a governance preset."""
        new = self.copy()
        new.preset = name
        new.governance = governance_preset(name)
        return new

    def with_lever(self, name: str, value: Any) -> Settings:
        """These settings with one governance lever changed."""
        if name not in GOVERNANCE_FIELDS:
            raise KeyError(name)
        new = self.copy()
        new.governance[name] = value
        return new

    def reference(self) -> Settings:
        """The compare-with-baseline run: same region and seed, 2019 governance, no scenario."""
        return Settings(
            region=self.region,
            municipalities=list(self.municipalities),
            seed=self.seed,
            scenario_month=self.scenario_month,
        )

    def model_config(self) -> ModelConfig:
        """The ModelConfig of these settings (validated by the model when it is built)."""
        if self.region == "custom":
            region = RegionConfig(
                name="custom", counties=[], municipalities=list(self.municipalities)
            )
        else:
            region = RegionConfig(**_read("region", self.region))
        governance = GovernanceConfig(**copy.deepcopy(self.governance))
        scenario = ScenarioConfig(name=[self.scenario], month=int(self.scenario_month))
        if self.scenario != "baseline":
            scenario.selected = {self.scenario: True}
        for key, value in self.scenario_settings.items():
            if key not in SCENARIO_KEYS:
                raise KeyError(f"scenario setting {key!r} is not one of {SCENARIO_KEYS}")
            setattr(scenario, key, copy.deepcopy(value))
        return ModelConfig(
            region=region, governance=governance, scenario=scenario, months=MAX_MONTHS
        )
