"""Scenario settings (DESIGN §5): what each scenario reads, and its timing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sim.config.declare import ConfigError, param
from sim.vocabulary import ScenarioKind

if TYPE_CHECKING:
    from sim.config.model import ModelConfig

# The settings each scenario reads and its source (documented in docs/ODD.md 7.15 and
# the generated table there; every ``scenario.*`` setting is read by one at least).
SCENARIO_INPUTS: dict[ScenarioKind, tuple[tuple[str, ...], str]] = {
    ScenarioKind.baseline: ((), "no events"),
    ScenarioKind.host_office: (
        ("month", "host", "members", "min_population"),
        "003 §5.2 (L3654-3789, L6076-6171); §8 fact 15",
    ),
    ScenarioKind.municipal_merger: (
        ("month", "members", "min_population"),
        "003 §5.1 (L5691-5979); §8 fact 16; C13",
    ),
    ScenarioKind.regionalisation: (
        ("month", "offices", "min_population"),
        "003 §5.3 (L222-226, L4044-4079); §5.2 (L5988-6023); §8 fact 17",
    ),
    ScenarioKind.plant_closure: (
        (
            "month",
            "municipality",
            "jobs_lost",
            "registration_share",
            "closure_demand_drop",
            "recovery_months",
        ),
        "003 §5.3 (L1611-1651): Høyanger",
    ),
    ScenarioKind.refugee_inflow: (
        ("month", "refugees_per_1000", "refugee_months"),
        "003 §5.3 (L5069-5073, L6875-6879); coop §1",
    ),
    ScenarioKind.recession: (
        ("month", "recession_inflow", "recession_demand_drop", "recession_months"),
        "assumption (ch1_4 §2.3, §6 M28 direction)",
    ),
    ScenarioKind.channel_strategy: (
        ("month", "reception_cut", "digital_load", "access_penalty"),
        "003 §5.3 (L7909-7954); C25 (L5421-5430)",
    ),
}


@dataclass
class ScenarioConfig:
    """Timed scenario events (DESIGN §5), all at ``month``; several may be combined.

    The files of ``configs/scenario/`` each add their name to ``selected`` (Hydra
    merges dictionaries but replaces lists, so ``scenario=[host_office,plant_closure]``
    composes); ``name`` is the list in force, the union of both, set by ``validate``.
    Ids left empty (``host``, ``members``, ``municipality``) are chosen inside the
    region by ``sim.scenarios.plan_scenarios``, which says what it chose.
    """

    name: list[Any] = field(
        default_factory=lambda: ["baseline"],
        metadata={"unit": "scenario names", "source": "DESIGN §5"},
    )
    selected: dict[str, Any] = field(
        default_factory=dict,
        metadata={"unit": "name -> true, set by configs/scenario/*.yaml", "source": "DESIGN §5"},
    )
    month: int = param(24, lo=0, hi=1200, unit="month", source="assumption: after two years")
    # host_office (§28 vertskommune) and municipal_merger
    host: Any = field(
        default=None,
        metadata={"unit": "municipality id (None: chosen in the region)", "source": "DESIGN §5"},
    )
    members: list[Any] = field(
        default_factory=list,
        metadata={"unit": "municipality ids, at most 7 (8 to merge)", "source": "003 §5.2"},
    )
    # regionalisation: an explicit map (office label -> ids, host first) or a minimum
    offices: dict[str, Any] = field(
        default_factory=dict,
        metadata={"unit": "office label -> ids, host first, at most 8", "source": "DESIGN §5"},
    )
    min_population: int = param(
        15000,
        lo=0,
        hi=1_000_000,
        unit="inhabitants per office",
        source="003 §5.2 'færre og større Nav-kontor' (L5988-6023); DESIGN §5: 15,000-20,000",
        sweep=(10000, 20000),
    )
    # plant_closure (Høyanger, 003 §5.3 L1611-1651)
    municipality: Any = field(
        default=None,
        metadata={"unit": "municipality id (None: chosen in the region)", "source": "003 §5.3"},
    )
    jobs_lost: int = param(
        300, lo=0, hi=100_000, unit="jobs", source="003 §5.3: Høyanger, >300 jobs lost"
    )
    registration_share: float = param(
        0.8,
        lo=0,
        hi=1,
        unit="share of jobs lost",
        source="assumption: most of those laid off register at Nav",
    )
    closure_demand_drop: float = param(
        0.6,
        lo=0,
        hi=1,
        unit="relative drop of the local exit-to-work hazard",
        source="003 §5.3: ~160 of >300 still unemployed after a year; size assumption",
    )
    recovery_months: int = param(
        36,
        lo=1,
        hi=240,
        unit="months",
        source="003 §5.3: nearly 3 of 4 in work after the project",
    )
    # refugee_inflow (the 2015 wave and its later decline, 003 §5.3 L5069-5073)
    refugees_per_1000: float = param(
        5.0,
        lo=0,
        hi=100,
        unit="settled per 1,000 inhabitants over the wave",
        source="assumption: 2016-2017 settlements of ~15,000 and ~11,000 a year",
    )
    refugee_months: int = param(24, lo=1, hi=240, unit="months", source="003 §5.3; assumption")
    # recession
    recession_inflow: float = param(
        0.5,
        lo=0,
        hi=5,
        unit="relative rise of jobseeker inflow",
        source="assumption (ch1_4 §2.3: inflow ~270,000 a year in 2014)",
    )
    recession_demand_drop: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="relative drop of the exit-to-work hazard",
        source="assumption (ch1_4 §6 M28 direction)",
    )
    recession_months: int = param(
        18, lo=1, hi=240, unit="months at full depth, then as many to recover", source="assumption"
    )
    # channel_strategy (reduced opening hours, digital channels; 003 §5.3, C25)
    reception_cut: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="share of reception hours freed",
        source="003 §5.3 (L7909-7954): a 'gevinstrealisering' for staff",
    )
    digital_load: float = param(
        0.5,
        lo=0,
        hi=3,
        unit="relative rise of the follow-up capacity resource-strong users take",
        source="003 C25 (L5421-5430): they take the freed capacity; size assumption",
    )
    access_penalty: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="relative drop of the start rate of complex cases",
        source="003 §5.3: more burden for citizens; C25 (marginalised users); size assumption",
    )

    @property
    def kinds(self) -> list[ScenarioKind]:
        """The scenarios in force, as enums (``baseline`` alone when none)."""
        return [ScenarioKind(n) for n in self.name]


def scenario_names(cfg: ModelConfig) -> list[str]:
    """The scenarios in force: ``scenario.name`` and ``scenario.selected``, checked.

    Args:
        cfg: The configuration.

    Returns:
        Names in order, without ``baseline`` when another scenario is present.

    Raises:
        ConfigError: On an unknown scenario name.
    """
    sc = cfg.scenario
    names = list(sc.name) if isinstance(sc.name, list | tuple) else [sc.name]
    names += [k for k, v in sc.selected.items() if v]
    allowed = [k.value for k in ScenarioKind]
    out: list[str] = []
    for n in names:
        if str(n) not in allowed:
            raise ConfigError(f"scenario.name: unknown scenario {n!r}; allowed: {allowed}")
        if str(n) not in out:
            out.append(str(n))
    real = [n for n in out if n != ScenarioKind.baseline]
    return real or [ScenarioKind.baseline.value]
