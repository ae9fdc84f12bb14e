"""The owners' views and the host-office transition (ODD 7.8; 003 §5.2, §6.2, §8).

Trust relaxes without contact; perceived state dominance drifts to a level set by
steering (003 §6.2, C17, C22); attention follows the rådmann's role, the leader's
placement and any reorganisation; influence is an observation function of
dominance, attention and what the municipality brings to the office (its cost
share). Satisfaction follows one rule for both owners: each judges what it sees
of the partnership (results, its trust, its municipality's cost), and what it
does not see it rates neutral; the rådmann, in the meetings and attentive, sees
more than the distant ordfører (003 §6.2, §8 fact 6). Satisfaction feeds the
outputs, not the dynamics. The rådmann weighs the municipality's own cost (social
assistance and its share of the office's staff) against its county's per
inhabitant: a higher cost draws its attention and lowers its satisfaction (ch5_9
§3.3). What the owners know of the office and attend to (``owners_grasp``) is what
they can put on the partnership's agenda against the leader's. Reads
``munis`` (owner states, SA cost, population), ``offices`` (trust, areas, results,
reorganisation, leader model, plans), ``pairs``, ``staff``. Writes the owner
states of ``munis`` (``rad_informed``, ``ord_informed`` among them),
``munis.own_cost``, ``cost_index``, ``offices.trust_cd``, ``trust_leader_state``,
``in_transition``, ``transition_months``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.submodels.meetings import seated_pairs
from sim.submodels.steering import director_attention
from sim.submodels.util import nudge
from sim.vocabulary import AREA_POLITICS, MIDPOINT

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

RESULTS_RANGE = (0, 2)  # results ratio as the owners read it: at most twice the county's
COST_INDEX_RANGE = (-1.0, 1.0)  # log cost ratio the owners respond to: at most e-fold
COST_FLOOR = 1e-9  # numerical guard: no log of zero cost


def relax_owner_states(model: NavPartnershipModel) -> None:
    """Monthly: trust relaxes without contact; perceptions and views follow."""
    p, of, mu = model.cfg.partnership, model.offices, model.munis
    mu.rad_trust = nudge(mu.rad_trust, p.trust_baseline, p.trust_relax)
    of.trust_cd = nudge(of.trust_cd, p.trust_baseline, p.trust_relax)
    mu.rad_trust_leader = nudge(mu.rad_trust_leader, p.trust_baseline, p.trust_relax)
    of.trust_leader_state = nudge(of.trust_leader_state, p.trust_baseline, p.trust_relax)
    mu.ord_trust = nudge(mu.ord_trust, mu.rad_trust, p.ordforer_trust_rate)
    mu.rad_attended = nudge(mu.rad_attended, 0.0, p.attendance_memory)
    muni_office = model.muni_main_office()
    perceive_dominance(model, muni_office)
    update_owner_views(model, muni_office)


def perceive_dominance(model: NavPartnershipModel, muni_office: np.ndarray) -> None:
    """Perceived state dominance drifts to a level set by steering (003 §6.2, C17, C22).

    Detailed activity steering, a state-employed leader and no joint plan make the
    state felt; ordførere, further away, feel it less (61% R vs 44% O).

    Args:
        model: The model.
        muni_office: Each municipality's (first) office.
    """
    p, gv, of, mu = model.cfg.partnership, model.gov, model.offices, model.munis
    target = p.dominance_steering if gv.indicator_steering else p.dominance_dialogue
    state_led = np.array([lm == "state" for lm in of.leader_model])[muni_office]
    plan = of.joint_plan[muni_office]
    target = (
        target
        + p.dominance_state_leader * state_led
        - p.dominance_joint_plan * plan
        - p.dominance_municipal_template * (plan & gv.municipal_template)
    )
    mu.rad_dominance = nudge(mu.rad_dominance, target, p.dominance_rate)
    mu.ord_dominance = nudge(
        mu.ord_dominance, target - p.dominance_ordforer_offset, p.dominance_rate
    )


def update_owner_views(model: NavPartnershipModel, muni_office: np.ndarray) -> None:
    """The owners' attention, influence and satisfaction (003 §6.2, §8 facts 1, 3, 6).

    Attention and influence are observation functions of each owner's position
    (dominance, attention, and for the rådmann what its municipality brings to the
    office: ``what_each_brings``). Satisfaction follows one rule for both owners
    (``judge_owner_satisfaction``): what differs between them is their position, not
    their constants.

    Args:
        model: The model.
        muni_office: Each municipality's (first) office.
    """
    p, gv, of, mu = model.cfg.partnership, model.gov, model.offices, model.munis
    e = model.cfg.economics
    v = p  # the owner-view weights are partnership parameters
    cost = weigh_own_costs(model)
    placed = p.placement_attention_bonus * gv.radmann_group
    reorg = p.reorganisation_attention * of.reorg_load[muni_office]
    mu.rad_attention = np.clip(p.radmann_attention + placed + reorg + e.cost_attention * cost, 0, 1)
    politics = of.dev_areas[muni_office, AREA_POLITICS]
    mu.ord_attention = np.clip(
        p.ordforer_attention
        + v.ordforer_politics_attention * politics
        + v.ordforer_reorganisation_attention * reorg,
        0,
        1,
    )
    mu.rad_influence = np.clip(
        v.radmann_influence_autonomy * (1 - mu.rad_dominance)
        + v.radmann_influence_stake * what_each_brings(model)
        + v.radmann_influence_attention * mu.rad_attention,
        0,
        1,
    )
    mu.ord_influence = np.clip((1 - mu.ord_dominance) * mu.ord_attention, 0, 1)
    inform_owners(model)
    results = np.clip(of.results_ratio[muni_office], *RESULTS_RANGE)
    rad_target = judge_owner_satisfaction(model, mu.rad_informed, mu.rad_trust, results, cost)
    ord_target = judge_owner_satisfaction(model, mu.ord_informed, mu.ord_trust, results, cost)
    mu.rad_satisfaction = nudge(mu.rad_satisfaction, rad_target, p.owner_satisfaction_rate)
    mu.ord_satisfaction = nudge(mu.ord_satisfaction, ord_target, p.owner_satisfaction_rate)


def what_each_brings(model: NavPartnershipModel) -> np.ndarray:
    """What each municipality brings to its (first) office, [0, 1] (003 §6.2, §5.2).

    A member's voice in an office follows what it brings to it: its share of the
    office's municipal costs (``munis.host_cost_share``, the cost key the host's
    rådmann chooses: by population with a joint pool, by use krone for krone; 003 §5.2
    L6192-6212), 1 for a municipality alone in its office. A small member of a host
    office brings a small share, and its weaker voice (≈1/5-1/4 of host-arrangement
    members want another model, 003 §6.2 L7975-7995; the non-hosts voice the strongest
    need for dialogue, §5.2 L6153-6171) is an outcome of the key, not of a seat.
    Knocked out (``weigh_by_stake``), every member counts as if it brought the whole
    office: 1.

    Returns:
        One value per municipality.
    """
    mu = model.munis
    if not model.on.weigh_by_stake:
        return np.ones(len(mu.host_cost_share))
    shared = model.offices.n_munis[model.muni_main_office()] > 1
    return np.where(shared, np.clip(mu.host_cost_share, 0, 1), 1.0)


def inform_owners(model: NavPartnershipModel) -> None:
    """How much of the partnership each owner sees (003 §6.2 L8279-8301, §8 fact 6).

    The rådmann sees it through its attention to the office and the partnership
    meetings it sits in, two channels: informed = 1 − (1 − attention)(1 − attended).
    The ordfører sits in no partnership meeting (it leads the councils, 003 §2.2
    L6088-6096); it sees the partnership through its own attention and what its
    rådmann passes on (``owner_information_relay`` of the rådmann's information):
    informed = 1 − (1 − attention)(1 − relay × rådmann's). Knocked out
    (``judge_by_information``), every owner sees everything (informed = 1).
    """
    p, mu = model.cfg.partnership, model.munis
    if not model.on.judge_by_information:
        mu.rad_informed = np.ones_like(mu.rad_attention)
        mu.ord_informed = np.ones_like(mu.ord_attention)
        return
    mu.rad_informed = 1 - (1 - mu.rad_attention) * (1 - mu.rad_attended)
    relayed = p.owner_information_relay * mu.rad_informed
    mu.ord_informed = 1 - (1 - mu.ord_attention) * (1 - relayed)


def owners_grasp(model: NavPartnershipModel) -> np.ndarray:
    """What the owners at each office's table know of the office and attend to, [0, 1].

    What an owner can put on the partnership's agenda (003 §8 facts 5, 6; §6.2): the
    seated rådmenn (``meetings.seated_pairs``) their information times their
    attention (``rad_informed`` x ``rad_attention``: Nav is one small unit among
    many, 003 §2.2 L1296-1322), averaged over the seats; the county director its
    attention to the partnership (``steering.director_attention``, with its focus: it
    notices what its attention reaches and has that much time to raise it, 003 §2.2
    L1289-1310). The owners' side is the mean of the two owners. Knocked out (``know_the_office``),
    both know and attend to the office as its leader does: 1.

    Returns:
        One value per office.
    """
    if not model.on.know_the_office:
        return np.ones(model.n_offices)
    mu, pr, n = model.munis, model.pairs, model.n_offices
    seated = seated_pairs(model)
    grasp = (mu.rad_informed * mu.rad_attention)[pr.muni]
    seats = np.maximum(np.bincount(pr.office[seated], minlength=n), 1)
    radmenn = np.bincount(pr.office[seated], weights=grasp[seated], minlength=n) / seats
    return (radmenn + director_attention(model)) / 2


def judge_owner_satisfaction(
    model: NavPartnershipModel,
    informed: np.ndarray,
    trust: np.ndarray,
    results: np.ndarray,
    cost: np.ndarray,
) -> np.ndarray:
    """One owner's satisfaction target: what it sees of the partnership (003 §6.2, §8).

    One rule for the rådmann and the ordfører. What the partnership gives the owner
    (its *experience*): ``owner_satisfaction_level`` at the county's results and
    midpoint trust, plus ``owner_satisfaction_results`` per unit of the results ratio
    above 1 (003 C5: results against what is expected of the office's users) and
    ``owner_satisfaction_trust`` per unit of the owner's trust above the midpoint
    (003 C1, C32), minus ``economics.cost_satisfaction`` × the municipality's cost
    index (ch5_9 §3.3). The owner judges only what it sees: the part ``informed`` of
    the experience; the part it does not see it rates in the middle of the scale
    (``MIDPOINT``, answer 3): target = MIDPOINT + informed × (experience − MIDPOINT).
    Influence does not enter: rådmenn lost influence markedly from 2011 to 2019
    (003 §6.2 L7800-7852) while their rating of the cooperation stayed about the same
    (L8542-8560).

    Args:
        model: The model.
        informed: The owner's information, [0, 1] (``inform_owners``).
        trust: The owner's trust in the partnership.
        results: The office's results ratio as the owners read it.
        cost: The municipality's cost index (zeros when ``weigh_own_costs`` is off).

    Returns:
        The satisfaction target per municipality, [0, 1].
    """
    p, e = model.cfg.partnership, model.cfg.economics
    experience = (
        p.owner_satisfaction_level
        + p.owner_satisfaction_results * (results - 1)
        + p.owner_satisfaction_trust * (trust - MIDPOINT)
        - e.cost_satisfaction * cost
    )
    return np.clip(MIDPOINT + informed * (experience - MIDPOINT), 0, 1)


def weigh_own_costs(model: NavPartnershipModel) -> np.ndarray:
    """The municipality's own cost and how it compares with its county's (ch5_9 §3.3).

    Own cost: the social assistance it pays (``munis.sa_cost``) plus its share of its
    offices' municipal staff costs (``model.municipal_office_costs``, the cost key of
    003 §5.2), NOK per month. ``cost_index``: log of its cost per inhabitant over its
    county's (all the county's municipalities in the region, population-weighted),
    clipped to [-1, 1]. The rådmann compares with its neighbours, not with its own
    past: a cost above the county's level persists and keeps its attention.

    Returns:
        The cost index the rådmann responds to: ``cost_index``, or zeros when
        ``weigh_own_costs`` is off (the index is still recorded).
    """
    mu = model.munis
    mu.own_cost = mu.sa_cost + model.municipal_office_costs()
    county = county_of_municipalities(model)
    pop = np.where(mu.alive, mu.population, 0.0)
    cost = np.where(mu.alive, mu.own_cost, 0.0)
    mean = np.bincount(county, weights=cost) / np.maximum(np.bincount(county, weights=pop), 1)
    per_head = cost / np.maximum(pop, 1)
    ratio = per_head / np.maximum(mean[county], COST_FLOOR)
    index = np.log(np.maximum(ratio, COST_FLOOR))
    mu.cost_index = np.where(pop > 0, np.clip(index, *COST_INDEX_RANGE), 0.0)
    return mu.cost_index if model.on.weigh_own_costs else np.zeros_like(mu.cost_index)


def county_of_municipalities(model: NavPartnershipModel) -> np.ndarray:
    """Each municipality's county, as an index (cached: counties do not change)."""
    if "muni_county" not in model.cache:
        ids = [m.county_id for m in model.municipalities]
        model.cache["muni_county"] = np.unique(ids, return_inverse=True)[1]
    return model.cache["muni_county"]


def update_host_transition(model: NavPartnershipModel) -> None:
    """Host offices stay in transition until the non-host rådmenn trust the partnership.

    Trust exists when a non-host rådmann trusts both the partnership and the leader it
    now depends on (the lower of ``rad_trust`` and ``rad_trust_leader``); the
    transition ends when the non-hosts' mean of it reaches ``host_trust_threshold``.
    Both are rebuilt in the meetings the non-hosts attend (``meetings.update_trust``)
    and relax without contact, so the length is an outcome (003 §5.2:
    "tilstandsbasert"), not a constant: more meetings, an agenda-setting leader and a
    lighter reorganisation shorten it; budget disputes and conflict lengthen it.
    """
    p, of, mu, pr = model.cfg.partnership, model.offices, model.munis, model.pairs
    for o in np.flatnonzero(of.in_transition):
        members = pr.muni[pr.office == o]
        others = members[members != of.host[o]]
        of.transition_months[o] += 1
        trust = np.minimum(mu.rad_trust[others], mu.rad_trust_leader[others])
        if len(others) == 0 or trust.mean() >= p.host_trust_threshold:
            of.in_transition[o] = False
