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
from sim.restructure import form_host_offices
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


class StructuralScenario(Scenario):
    """A scenario that changes the office map; its new offices form at ``scenario.month``.

    ``resolve`` returns the new offices, (label, [host, members...]) each; by default
    they form as host offices, all at once (``sim.restructure.form_host_offices``).
    """

    structural = True

    @staticmethod
    def resolve(cfg: ModelConfig, region: PlanningRegion, plan: ScenarioPlan) -> list:
        """The new offices (label, [host, members...]); raise ConfigError on bad input."""
        raise NotImplementedError

    @classmethod
    def plan(cls, cfg: ModelConfig, region: PlanningRegion, plan: ScenarioPlan) -> None:
        """The new offices' ids (chosen in the region when unset)."""
        plan.offices[cls.kind] = cls.resolve(cfg, region, plan)

    @classmethod
    def schedule(cls, model: NavPartnershipModel, plan: ScenarioPlan) -> None:
        """All new offices form at once in phase 7 of ``scenario.month``."""
        if not plan.offices.get(cls.kind):
            return
        index = {mu.municipality_id: mu.index for mu in model.municipalities}
        offices = [(label, [index[m] for m in ids]) for label, ids in plan.offices[cls.kind]]

        def event() -> None:
            agreed = [(label, cls.voted(model, members)) for label, members in offices]
            agreed = [(label, members) for label, members in agreed if len(members) > 1]
            if agreed:
                cls.form(model, agreed)

        event.__name__ = cls.kind.value
        model.schedule(plan.month, event)

    @classmethod
    def voted(cls, model: NavPartnershipModel, members: list[int]) -> list[int]:
        """The group after its councils' votes (``Decision.VOTE``; the rule: yes).

        An office joins only if every council it serves votes yes (a shared office
        moves whole, ``sim.restructure.form_offices``); an office voting no stays
        outside; if the host's office votes no, the group does not form.

        Args:
            model: The model.
            members: Municipality indices, host first.

        Returns:
            The members that joined, host first (empty without the host).
        """
        ids = [model.municipalities[m].municipality_id for m in members]
        yes = {m for m in members if model.municipalities[m].vote(cls.kind.value, ids)}
        office = model.muni_main_office()
        pr = model.pairs
        refused = {int(office[m]) for m in members if m not in yes}
        joined = [m for m in members if not refused & set(pr.office[pr.muni == m].tolist())]
        return joined if joined and joined[0] == members[0] else []

    @classmethod
    def form(cls, model: NavPartnershipModel, offices: list[tuple[str, list[int]]]) -> None:
        """Form the new offices (municipality indices, host first) as host offices."""
        labels = [label for label, _ in offices]
        form_host_offices(model, [members for _, members in offices], cls.kind.value, labels)
