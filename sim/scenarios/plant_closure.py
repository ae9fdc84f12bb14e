"""A plant closure: lay-offs register as jobseekers, local demand drops (003 §5.3).

003 §5.3 (L1611-1651): Høyanger, more than 300 jobs lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.config import ConfigError, ModelConfig
from sim.scenarios.base import N_, Note, Scenario, ScenarioPlan
from sim.scenarios.planning import PlanningRegion
from sim.submodels import inflow
from sim.vocabulary import NeedGroup, ScenarioKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

HOYANGER_INHABITANTS_PER_JOB = 3879 / 300  # 003 §5.3: Høyanger, >300 jobs lost, 3,879 inhabitants
DISPLACEMENT_MONTHS = 3  # assumption: lay-offs register over a quarter


def admit_displaced_workers(model: NavPartnershipModel, muni: int, expected: float) -> None:
    """Workers laid off by a plant closure register as jobseekers (003 §5.3, Høyanger).

    Args:
        model: The model.
        muni: Municipality index.
        expected: Expected registrations this month.
    """
    pr = model.pairs
    pairs = np.flatnonzero(pr.muni == muni)
    counts = np.zeros((len(pr.office), len(NeedGroup)), dtype=np.int64)
    share = pr.pop[pairs] / pr.pop[pairs].sum()
    counts[pairs, NeedGroup.JOBSEEKER] = model.rng.poisson(expected * share)
    inflow.create_users(model, counts)


def set_local_demand(model: NavPartnershipModel, muni: int, factor: float) -> None:
    """The local labour market's effect on the exit-to-work hazard of one municipality.

    Args:
        model: The model.
        muni: Municipality index.
        factor: Multiplier of the hazard (1 = normal).
    """
    model.munis.local_demand[muni] = factor


class PlantClosure(Scenario):
    """``plant_closure``: ``scenario.municipality`` loses ``scenario.jobs_lost`` jobs."""

    kind = ScenarioKind.plant_closure

    @classmethod
    def plan(cls, cfg: ModelConfig, region: PlanningRegion, plan: ScenarioPlan) -> None:
        """The closure's municipality."""
        plan.municipality = cls.resolve(cfg, region, plan)

    @staticmethod
    def resolve(cfg: ModelConfig, region: PlanningRegion, plan: ScenarioPlan) -> str:
        """The closure's municipality (Høyanger's size per job lost when unset)."""
        sc = cfg.scenario
        if sc.municipality is None:
            size = sc.jobs_lost * HOYANGER_INHABITANTS_PER_JOB
            mid = min(region.known, key=lambda m: (abs(region.pop(m) - size), m))
            plan.notes.append(
                Note(
                    N_(
                        "plant_closure: {name} ({id}), {population} inhabitants (chosen in the "
                        "region: the size of Høyanger per job lost)"
                    ),
                    {"name": region.name(mid), "id": mid, "population": region.pop(mid)},
                )
            )
        else:
            mid = region.id_(sc.municipality, "scenario.municipality")
        registered = sc.jobs_lost * sc.registration_share
        if registered > 0.5 * region.pop(mid):
            raise ConfigError(
                f"scenario.jobs_lost={sc.jobs_lost}: more than half of {region.name(mid)}'s "
                f"{region.pop(mid):,} inhabitants; allowed up to {int(0.5 * region.pop(mid))}"
            )
        return mid

    @classmethod
    def schedule(cls, model: NavPartnershipModel, plan: ScenarioPlan) -> None:
        """Lay-offs register over a quarter; local demand drops, then recovers linearly."""
        index = {mu.municipality_id: mu.index for mu in model.municipalities}
        muni, m0 = index[plan.municipality], plan.month
        sc = model.cfg.scenario
        per_month = sc.jobs_lost * sc.registration_share / DISPLACEMENT_MONTHS
        for t in range(DISPLACEMENT_MONTHS):
            model.schedule(m0 + t, lambda n=per_month: admit_displaced_workers(model, muni, n))
        for t in range(sc.recovery_months + 1):
            depth = sc.closure_demand_drop * (1 - t / sc.recovery_months)
            model.schedule(m0 + t, lambda d=depth: set_local_demand(model, muni, 1 - d))
