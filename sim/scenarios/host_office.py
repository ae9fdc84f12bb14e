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
            group = region.smallest_group(cfg.scenario.min_population)
            if not group:
                raise ConfigError(
                    "scenario.members: no neighbouring office found for a host office"
                )
            names = ", ".join(f"{region.name(m)} ({m})" for m in group[1:])
            host = f"{region.name(group[0])} ({group[0]})"
            plan.notes.append(
                Note(
                    N_(
                        "host_office: host {host} with {names} (chosen in the region: the "
                        "smallest office and its neighbouring offices on the map, up to {target} "
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
        group = region.expand([host, *members])
        if len(group) - 1 > MAX_MEMBERS:
            raise ConfigError(
                f"scenario.members: {len(group) - 1} members with their office-mates; a host "
                f"office has at most {MAX_MEMBERS} besides the host (8 municipalities, 003 §5.2)"
            )
        if set(group) == set(region.office_mates(host)):
            raise ConfigError(
                f"scenario.members: {sorted(members)} already share an office with the host "
                f"{host} at the start (structure={cfg.structure})"
            )
        added = [m for m in group if m != host and m not in members]
        if added:
            plan.notes.append(
                Note(
                    N_("host_office: {names} join too: they share an office with a member"),
                    {"names": ", ".join(f"{region.name(m)} ({m})" for m in added)},
                )
            )
        return [(f"host-{host}", group)]
