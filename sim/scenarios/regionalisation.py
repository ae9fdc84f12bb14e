"""Regionalisation: fewer, larger offices across municipal borders (003 §5.3, §5.2).

003 §5.3 (L222-226, L4044-4079); §5.2 (L5988-6023); §8 fact 17. Each new office is
formed as a host office (``sim.restructure.form_host_offices``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.config import ConfigError, ModelConfig
from sim.office_maps import claim_members
from sim.scenarios.base import N_, NN_, Note, ScenarioPlan, StructuralScenario
from sim.scenarios.planning import MAX_PER_OFFICE, PlanningRegion
from sim.vocabulary import ScenarioKind

if TYPE_CHECKING:
    pass


class Regionalisation(StructuralScenario):
    """``regionalisation``: ``scenario.offices`` (a map) or ``scenario.min_population``."""

    kind = ScenarioKind.regionalisation

    @staticmethod
    def resolve(cfg: ModelConfig, region: PlanningRegion, plan: ScenarioPlan):
        """The new offices: an explicit map, or grown from the small municipalities."""
        sc = cfg.scenario
        if sc.offices:
            offices, seen = [], {}
            for label, ms in sc.offices.items():
                key = f"scenario.offices.{label}"
                if not isinstance(ms, list | tuple) or not ms:
                    raise ConfigError(
                        f"{key}: give a non-empty list of municipality ids, host first"
                    )
                ids = region.expand([region.joinable(region.id_(m, key), key) for m in ms])
                claim_members(key, str(label), ids, seen)
                if len(ids) > MAX_PER_OFFICE:
                    raise ConfigError(
                        f"{key}: {len(ids)} municipalities; an office serves at most "
                        f"{MAX_PER_OFFICE} (003 §5.2)"
                    )
                if set(ids) != set(region.office_mates(ids[0])):
                    offices.append((f"region-{label}", ids))
            return offices
        target = sc.min_population
        taken: set[str] = set()
        offices = []
        small = sorted(
            (o.host for o in region.offices if o.whole and o.host in region.known),
            key=lambda m: (region.office_pop(m), m),
        )
        for m in small:
            if m in taken or region.office_pop(m) >= target:
                continue
            group = region.nearest_group(m, target, taken)
            taken |= set(group)
            if set(group) != set(region.office_mates(m)):
                offices.append((f"region-{group[0]}", group))
            else:
                where = f"{region.name(m)} ({m})"
                plan.notes.append(
                    Note(N_("regionalisation: {where} has no free neighbour"), {"where": where})
                )
        singular, plural = NN_(
            "regionalisation: {n} new office from offices under {target} "
            "inhabitants and their neighbouring offices on the map",
            "regionalisation: {n} new offices from offices under {target} "
            "inhabitants and their neighbouring offices on the map",
        )
        plan.notes.append(Note(singular, {"n": len(offices), "target": target}, plural=plural))
        return offices
