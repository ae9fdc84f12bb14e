"""A §28 host office (vertskommune): a host and up to seven members share one office.

003 §5.2 (L3654-3789, L6076-6171); §8 fact 15. The non-host rådmenn start with the
trust a host arrangement must build; the transition lasts until they trust it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.config import ConfigError, ModelConfig
from sim.scenarios.base import N_, Note, ScenarioPlan, StructuralScenario
from sim.scenarios.planning import MAX_MEMBERS, PlanningRegion
from sim.vocabulary import ScenarioKind

if TYPE_CHECKING:
    pass


class HostOffice(StructuralScenario):
    """``host_office``: ``scenario.host`` and up to seven ``scenario.members``."""

    kind = ScenarioKind.host_office

    @staticmethod
    def resolve(cfg: ModelConfig, region: PlanningRegion, plan: ScenarioPlan):
        """The host office: [(label, [host, members...])], chosen in the region if unset."""
        sc = cfg.scenario
        if sc.host is None and not sc.members:
            eligible = region.eligible()
            if len(eligible) < 2:
                raise ConfigError(
                    "scenario.host: the region has no two municipalities that could share an "
                    "office; set scenario.host and scenario.members"
                )
            start = min(eligible, key=lambda m: (region.pop(m), m))
            group = region.nearest_group(start, cfg.scenario.min_population, set())
            if len(group) < 2:
                raise ConfigError("scenario.members: no neighbour found for a host office")
            names = ", ".join(f"{region.name(m)} ({m})" for m in group[1:])
            host = f"{region.name(group[0])} ({group[0]})"
            plan.notes.append(
                Note(
                    N_(
                        "host_office: host {host} with {names} (chosen in the region: the "
                        "smallest municipality and its kommunenummer neighbours up to {target} "
                        "inhabitants)"
                    ),
                    {"host": host, "names": names, "target": cfg.scenario.min_population},
                )
            )
            return [(f"host-{group[0]}", group)]
        if sc.host is None:
            raise ConfigError("scenario.host: set the host municipality when members are given")
        host = region.joinable(region.id_(sc.host, "scenario.host"), "scenario.host")
        members = region.members(sc.members)
        if not members:
            raise ConfigError("scenario.members: a host office needs at least one member")
        if host in members:
            raise ConfigError(f"scenario.members: the host {host} is also listed as a member")
        if len(members) > MAX_MEMBERS:
            raise ConfigError(
                f"scenario.members: {len(members)} members; a host office has at most "
                f"{MAX_MEMBERS} besides the host (8 municipalities, 003 §5.2)"
            )
        return [(f"host-{host}", [host, *members])]
