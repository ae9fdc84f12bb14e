"""Leaders: development capacity, agenda, development areas, gating (ODD 7.5).

The leader's hours left for development after everything else (003 C4, C12, C13);
the share of the agenda each office's most active leader sets against what the
owners know of the office, and its strength (003 C2, C6, §8 facts 5, 6); the
development areas the leaders pick (003 §2.1, §7); the gate on cross-unit
cooperation (coop M6). The agenda and the areas are the leaders' decisions
(``NavLeader.decide``). Reads ``offices`` (reorganisation, steering, transition,
trust, areas), ``munis`` (rådmann's trust in the leader, information, attention) and
the compiled governance. Writes
``offices.leader_dev_capacity``, ``agenda_share``, ``agenda``, ``dev_areas``, ``gate``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.decisions import Decision
from sim.submodels.meetings import is_meeting_month
from sim.submodels.owner_views import owners_grasp
from sim.vocabulary import AREA_MERGER, AREA_RELATIONS, LEADER_AREAS

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

SHARE_FLOOR = 1e-9  # numerical guard: no division by zero when neither side sets an agenda


def leaders_act(model: NavPartnershipModel) -> None:
    """Leaders budget their hours, set the agenda, develop and gate (003 C2, C4, C13; M6)."""
    d = model.cfg.development
    budget_leader_time(model)
    set_agendas(model)
    work_on_development_areas(model, model.offices.leader_dev_capacity, LEADER_AREAS, d.work_rate)
    of = model.offices
    of.dev_areas -= d.decay * (of.dev_areas - d.floor)
    gate_cooperation(model)


def budget_leader_time(model: NavPartnershipModel) -> None:
    """The leader's hours left for development after everything else (003 C4, C12, C13).

    Operations, following each member council (003 §5.2), reorganisation, detail
    steering, double reporting without a joint plan, a host transition, meeting
    preparation and two-leader coordination take their shares; trust from the
    owners gives the leader room to use the rest (C4).
    """
    p, of = model.cfg.partnership, model.offices
    load = p.leader_operations_share + p.leader_council_share * (of.n_munis - 1)
    if model.on.crowd_out_by_reorganisation:
        load = load + p.leader_reorganisation_share * of.reorg_load
    if model.on.steer_in_detail:
        load = load + p.detail_steering_hours * of.detail_steered
    load = load + p.leader_double_reporting * ~of.joint_plan
    load = load + p.leader_transition_share * of.in_transition
    load = load + p.leader_meeting_share * is_meeting_month(model)
    two = np.array([lm == "two_leaders" for lm in of.leader_model])
    load = load + p.leader_two_leader_share * two
    trust_leader = (of.trust_leader_state + model.office_mean(model.munis.rad_trust_leader)) / 2
    room = (1 - p.leader_room_from_trust) + p.leader_room_from_trust * trust_leader
    of.leader_dev_capacity = np.clip((1 - load) * room * p.leader_room_scale, 0, 1)


def set_agendas(model: NavPartnershipModel) -> None:
    """Each office's agenda: the share its leaders set, and its strength (003 C2, C6, §8 5-6).

    The leaders' decision (``NavLeader.agenda_share``): the most active leader sets
    the share propensity / (propensity + owners' grasp) of the agenda, where the
    owners' grasp is what they know of the office and attend to
    (``owner_views.owners_grasp``): the leader's information advantage over owners
    whose attention is thin. Knocked out (``know_the_office``), the owners know and
    attend to the office as its leader does (grasp 1). The agenda's strength in the
    meetings: share x min(1, ``agenda_offset`` + development capacity). A leader with
    another decider answers with the strength it sets; the office takes the
    strongest of its leaders'.
    """
    of, p = model.offices, model.cfg.partnership
    owners = owners_grasp(model)
    drive = office_activity(model)
    of.agenda_share = drive / np.maximum(drive + owners, SHARE_FLOOR)
    if not model.on.set_agenda:
        of.agenda = np.zeros(model.n_offices)
        return
    of.agenda = of.agenda_share * np.minimum(1.0, p.agenda_offset + of.leader_dev_capacity)
    for o in sorted({ld.office for ld in model.overridden_leaders()}):
        capacity, grasp = float(of.leader_dev_capacity[o]), float(owners[o])
        strengths = []
        for leader in of.leaders[o]:
            rule = leader.agenda_strength(
                capacity, p.leader_social_work_bonus, p.agenda_offset, grasp
            )
            if leader.overridden:
                rule = float(leader.decide(Decision.AGENDA, rule, office=o))
            strengths.append(rule)
        of.agenda[o] = max(strengths)


def office_activity(model: NavPartnershipModel) -> np.ndarray:
    """The most active leader's agenda-setting propensity per office (cached)."""
    key = (model.n_offices, len(model.leaders))
    cache = model.cache
    if cache.get("activity_key") != key:
        bonus = model.cfg.partnership.leader_social_work_bonus
        cache["activity"] = np.array(
            [max(ld.propensity(bonus) for ld in here) for here in model.offices.leaders]
        )
        cache["activity_key"] = key
    return cache["activity"]


def gate_cooperation(model: NavPartnershipModel) -> None:
    """Leaders gate cross-unit cooperation by anchoring it (coop M6).

    The gate rises from ``gate_floor`` with the leader's development capacity and
    the office's relations to other units (area 13); knocked out, it is open.
    """
    c, of = model.cfg.cooperation, model.offices
    if not model.on.gate_cooperation:
        of.gate = np.ones(model.n_offices)
        return
    anchoring = np.minimum(1, c.gate_capacity_gain * of.leader_dev_capacity) * (
        (1 - c.gate_relations_weight) + c.gate_relations_weight * of.dev_areas[:, AREA_RELATIONS]
    )
    of.gate = c.gate_floor + (1 - c.gate_floor) * anchoring


def work_on_development_areas(
    model: NavPartnershipModel, capacity: np.ndarray, levels: np.ndarray, rate: float
) -> None:
    """Raise the state of the chosen development areas (003 §2.1, §7).

    A reorganisation takes its share of the capacity for area 8 (merger or
    cooperation) first: the "merger only" plans of 003 §3.2; the leader's hours
    that the reorganisation itself takes (``budget_leader_time``) are work on
    area 8 too. The leaders choose the other areas (``Decision.AREAS``; the rule:
    the ``areas_per_period`` weakest of their levels).

    Args:
        model: The model.
        capacity: Development capacity per office, in [0, 1].
        levels: Mask of the areas these actors work on.
        rate: State gained per unit of capacity per month.
    """
    if not model.on.develop_partnership:
        return
    of = model.offices
    k = model.cfg.development.areas_per_period
    merger = np.clip(of.reorg_load, 0, 1) if model.on.crowd_out_by_reorganisation else 0
    free = capacity * (1 - merger)
    effort = capacity * merger + model.cfg.partnership.leader_reorganisation_share * merger
    of.dev_areas[:, AREA_MERGER] += rate * effort * (1 - of.dev_areas[:, AREA_MERGER])
    cand = np.flatnonzero(levels)
    order = np.argsort(of.dev_areas[:, cand], axis=1, kind="stable")[:, :k]
    chosen = cand[order]
    for leader in model.overridden_leaders():
        o = leader.office
        proposal = leader.choose_areas(of.dev_areas[o], levels, k)
        picked = np.asarray(leader.decide(Decision.AREAS, proposal, office=o), dtype=np.int64)
        if picked.shape != (k,) or not np.all(levels[picked]):
            raise ValueError(f"{Decision.AREAS}: {k} areas of the leader's levels, got {picked}")
        chosen[o] = picked
    rows = np.arange(model.n_offices)[:, None]
    of.dev_areas[rows, chosen] += (rate * free)[:, None] * (1 - of.dev_areas[rows, chosen])
