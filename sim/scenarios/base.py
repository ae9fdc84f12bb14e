"""What every scenario is: the settings it reads, its plan, and its events (DESIGN §5).

A scenario is a class (one file each in this package): ``plan`` resolves its
settings into concrete municipality ids before the run (raising one ``ConfigError``
naming the key on bad input, and noting what it chose inside the region);
``schedule`` registers its events with ``model.schedule``; the events change only
inputs of the mechanisms: the office map (through ``sim.restructure``, the
structural surgery shared by all), who attends, hours, weights, inflow and the local
labour market.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from sim.config import SCENARIO_INPUTS, ModelConfig
from sim.vocabulary import ScenarioKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel
    from sim.scenarios.planning import PlanningRegion


@dataclass
class ScenarioPlan:
    """The scenarios of one run with every id resolved.

    Attributes:
        kinds: Scenarios in force (``baseline`` alone: no events).
        month: Month the events start.
        offices: Per structural scenario, the new offices: (label, [host, members...]).
        municipality: The plant-closure municipality.
        notes: What was chosen inside the region, one (bokmål, English) pair per line,
            printed by the CLI.
    """

    kinds: list[ScenarioKind]
    month: int
    offices: dict[ScenarioKind, list[tuple[str, list[str]]]] = field(default_factory=dict)
    municipality: str | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)


class Scenario:
    """A scenario of DESIGN §5 (the baseline: no plan, no events).

    Attributes:
        kind: The scenario's name.
        structural: Whether it changes the office map (planned before the others).
    """

    kind: ClassVar[ScenarioKind] = ScenarioKind.baseline
    structural: ClassVar[bool] = False

    @classmethod
    def settings(cls) -> tuple[str, ...]:
        """The ``scenario.*`` settings this scenario reads (``SCENARIO_INPUTS``)."""
        return SCENARIO_INPUTS[cls.kind][0]

    @classmethod
    def source(cls) -> str:
        """Where the scenario comes from in the reports."""
        return SCENARIO_INPUTS[cls.kind][1]

    @classmethod
    def plan(cls, cfg: ModelConfig, region: PlanningRegion, plan: ScenarioPlan) -> None:
        """Resolve the scenario's settings into ``plan``; raise ConfigError on bad input.

        Args:
            cfg: The configuration in normal form.
            region: The region as the planner sees it.
            plan: The plan to fill in.
        """

    @classmethod
    def schedule(cls, model: NavPartnershipModel, plan: ScenarioPlan) -> None:
        """Register the scenario's events with ``model.schedule``.

        Args:
            model: The model.
            plan: The resolved plan.
        """


class Baseline(Scenario):
    """No change: the reference every scenario is compared with."""

    kind = ScenarioKind.baseline
