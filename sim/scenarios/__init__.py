"""Scenarios as timed events (DESIGN §5): one class per scenario, one file each.

``plan_scenarios(cfg)`` turns ``cfg.scenario`` into concrete municipality ids for the
region, choosing what was left empty and saying so in ``notes``; every bad input
raises one ``ConfigError`` naming the key, before any run (``check_config`` is the
complete check). ``schedule_scenarios(model, plan)`` asks each scenario in force to
register its events with ``model.schedule``; they fire in phase 7 of
``scenario.month`` and change only inputs of the mechanisms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.config import ConfigError, ModelConfig, normalise, scenario_names, validate
from sim.regions import check_office_map
from sim.scenarios.base import Baseline, Scenario, ScenarioPlan
from sim.scenarios.channel_strategy import ChannelStrategy
from sim.scenarios.host_office import HostOffice
from sim.scenarios.municipal_merger import MunicipalMerger
from sim.scenarios.planning import MAX_MEMBERS, MAX_PER_OFFICE, PlanningRegion
from sim.scenarios.plant_closure import PlantClosure
from sim.scenarios.recession import Recession
from sim.scenarios.refugee_inflow import RefugeeInflow
from sim.scenarios.regionalisation import Regionalisation
from sim.vocabulary import ScenarioKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

# every scenario of DESIGN §5, in the order they are planned and scheduled
SCENARIOS: dict[ScenarioKind, type[Scenario]] = {
    s.kind: s
    for s in (
        Baseline,
        HostOffice,
        MunicipalMerger,
        Regionalisation,
        PlantClosure,
        RefugeeInflow,
        Recession,
        ChannelStrategy,
    )
}

__all__ = [
    "MAX_MEMBERS",
    "MAX_PER_OFFICE",
    "SCENARIOS",
    "Scenario",
    "ScenarioPlan",
    "check_config",
    "plan_scenarios",
    "schedule_scenarios",
]


def check_config(cfg: ModelConfig) -> ScenarioPlan:
    """Check a configuration completely, the scenarios' ids included; raise on bad input.

    ``validate`` (pure, no data), then the plan of the normal form, which checks the
    municipalities, hosts and members against the data. ``cfg`` is not changed.

    Args:
        cfg: The configuration.

    Returns:
        The plan.
    """
    validate(cfg)
    check_office_map(cfg.region, cfg.staff, str(cfg.structure))
    return plan_scenarios(normalise(cfg))


def plan_scenarios(cfg: ModelConfig) -> ScenarioPlan:
    """Resolve the scenarios of ``cfg`` into concrete ids; raise ConfigError on bad input.

    Args:
        cfg: The configuration (``scenario.name`` already normalised or not).

    Returns:
        The plan with notes on every default chosen.

    Raises:
        ConfigError: Naming the key, on any input that cannot run.
    """
    sc = cfg.scenario
    kinds = [ScenarioKind(n) for n in scenario_names(cfg)]
    plan = ScenarioPlan(kinds=kinds, month=sc.month)
    if kinds == [ScenarioKind.baseline]:
        return plan
    if sc.month > cfg.months:
        raise ConfigError(
            f"scenario.month={sc.month} is after the last month (months={cfg.months}); "
            f"allowed: 0 to {cfg.months}"
        )
    if ScenarioKind.host_office in kinds and ScenarioKind.municipal_merger in kinds:
        raise ConfigError(
            "scenario.name: host_office and municipal_merger both read scenario.members; "
            "run them as separate scenarios"
        )
    region = PlanningRegion(cfg)
    for structural in (True, False):  # the office map first: the others may read it
        for scenario in SCENARIOS.values():
            if scenario.kind in kinds and scenario.structural == structural:
                scenario.plan(cfg, region, plan)
        if structural:
            _check_disjoint(plan, region)
    return plan


def _check_disjoint(plan: ScenarioPlan, region: PlanningRegion) -> None:
    owner: dict[str, str] = {}
    for kind, offices in plan.offices.items():
        for label, ids in offices:
            for m in ids:
                if m in owner and owner[m] != label:
                    raise ConfigError(
                        f"scenario: {region.name(m)} ({m}) is in two new offices "
                        f"('{owner[m]}' and '{label}', {kind.value})"
                    )
                owner[m] = label


def schedule_scenarios(model: NavPartnershipModel, plan: ScenarioPlan) -> None:
    """Register the plan's events with ``model.schedule`` (phase 7 of their month).

    Args:
        model: The model.
        plan: The resolved scenarios.
    """
    for kind in plan.kinds:
        SCENARIOS[kind].schedule(model, plan)
