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
from typing import TYPE_CHECKING, Any, ClassVar

from sim.config import SCENARIO_INPUTS, ModelConfig
from sim.vocabulary import ScenarioKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel
    from sim.scenarios.planning import PlanningRegion


def N_(msgid: str) -> str:  # noqa: N802 (gettext's marker: pybabel extracts the message)
    """Mark ``msgid`` for the message catalogue; the experiment layer translates it."""
    return msgid


def NN_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 (as N_, two forms)
    """Mark a message with a plural form for the catalogue; return both forms."""
    return singular, plural


@dataclass(frozen=True)
class Note:
    """What a scenario chose inside the region, for people to read.

    ``sim`` prints nothing: the note is an English message id of the catalogue
    (``messages/``) with its fields; ``experiments.labels.scenario_note`` translates it
    and writes its numbers the language's way.

    Attributes:
        msgid: The message (its English singular).
        fields: Values of its ``{fields}``.
        plural: The English plural, when ``fields["n"]`` chooses the form.
    """

    msgid: str
    fields: dict[str, Any]
    plural: str | None = None


@dataclass
class ScenarioPlan:
    """The scenarios of one run with every id resolved.

    Attributes:
        kinds: Scenarios in force (``baseline`` alone: no events).
        month: Month the events start.
        offices: Per structural scenario, the new offices: (label, [host, members...]).
        municipality: The plant-closure municipality.
        notes: What was chosen inside the region (``Note``), printed by the CLI and shown
            in the workshop app.
    """

    kinds: list[ScenarioKind]
    month: int
    offices: dict[ScenarioKind, list[tuple[str, list[str]]]] = field(default_factory=dict)
    municipality: str | None = None
    notes: list[Note] = field(default_factory=list)


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
