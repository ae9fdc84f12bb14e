"""A §28 host office (vertskommune): a host and up to seven members share one office.

003 §5.2 (L3654-3789, L6076-6171); §8 fact 15. The non-host rådmenn start with the
trust a host arrangement must build; the transition lasts until they trust it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.config import ConfigError, ModelConfig
from sim.restructure import form_offices, new_office_id
from sim.scenarios.base import N_, Note, Scenario, ScenarioPlan
from sim.scenarios.planning import MAX_MEMBERS, PlanningRegion
from sim.submodels import steering
from sim.submodels.reorganisation import begin_reorganisation
from sim.vocabulary import ScenarioKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


def form_host_offices(
    model: NavPartnershipModel, groups: list[list[int]], event: str, labels: list[str]
) -> list[int]:
    """§28 host offices (vertskommuner), each from the offices of one group.

    The first municipality of a group hosts. The non-host rådmenn start the new
    partnership with the trust a host arrangement must build (003 §5.2,
    L6153-6171) and attend its meetings while ``governance.all_radmenn_attend``
    says so; the transition lasts until their trust passes
    ``host_trust_threshold`` (an outcome); the leader follows every member's
    plans (``leaders.budget_leader_time``); the members' cost shares follow the
    cost key from the event (``steering.set_budgets``).

    Args:
        model: The model.
        groups: Municipality indices per new office, host first.
        event: Scenario kind ("host_office" or "regionalisation").
        labels: Id base of each new office.

    Returns:
        The new offices' indices.
    """
    p, of, mu = model.cfg.partnership, model.offices, model.munis
    ids: list[str] = []
    for label in labels:
        ids.append(new_office_id(model, label, set(ids)))
    new = form_offices(model, [(g, g[0], i) for g, i in zip(groups, ids, strict=True)], event)
    others = np.array([m for g in groups for m in g[1:]], dtype=np.int64)
    mu.rad_trust[others] = np.minimum(mu.rad_trust[others], p.host_trust_init)
    mu.rad_trust_leader[others] = np.minimum(mu.rad_trust_leader[others], p.host_trust_init)
    of.in_transition[new] = True
    of.transition_months[new] = 0
    begin_reorganisation(model, new)
    steering.set_budgets(model)
    return new


def structural_event(model: NavPartnershipModel, kind: ScenarioKind, plan: ScenarioPlan):
    """One event forming all of a structural scenario's new offices at once."""
    index = {mu.municipality_id: mu.index for mu in model.municipalities}
    offices = [(label, [index[m] for m in ids]) for label, ids in plan.offices[kind]]

    def event() -> None:
        labels = [label for label, _ in offices]
        form_host_offices(model, [members for _, members in offices], kind.value, labels)

    event.__name__ = kind.value
    return event


class HostOffice(Scenario):
    """``host_office``: ``scenario.host`` and up to seven ``scenario.members``."""

    kind = ScenarioKind.host_office
    structural = True

    @classmethod
    def plan(cls, cfg: ModelConfig, region: PlanningRegion, plan: ScenarioPlan) -> None:
        """The host office's ids (chosen in the region when unset)."""
        plan.offices[cls.kind] = [cls.resolve(cfg, region, plan)]

    @staticmethod
    def resolve(cfg: ModelConfig, region: PlanningRegion, plan: ScenarioPlan):
        """The host office: (label, [host, members...]), chosen in the region if unset."""
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
            return (f"host-{group[0]}", group)
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
        return (f"host-{host}", [host, *members])

    @classmethod
    def schedule(cls, model: NavPartnershipModel, plan: ScenarioPlan) -> None:
        """The office forms in phase 7 of ``scenario.month``."""
        if plan.offices.get(cls.kind):
            model.schedule(plan.month, structural_event(model, cls.kind, plan))
