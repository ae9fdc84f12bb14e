"""Steering by the owners: results reviews, detail steering, budgets, plans (ODD 7.7).

Monthly, each office's exits to work and users by need group are tallied; quarterly,
its owners (the host's rådmann and the county director) judge its results against
those expected for its users and may steer it in detail (003 C5;
``Decision.DETAIL_STEER``); in June
the municipal budgets set each member's share of a host office's costs (003 §5.2;
the cost key, ``Decision.COST_KEY``); in January a joint plan, where signed
(``Decision.JOINT_PLAN``), advances the plan structure (003 §7 area 6). Reads
``offices`` (review window, host, director), ``flows`` (exits and users by group),
``munis`` (users, population, cost index), ``pairs``. Writes
``offices.results_ratio``, ``results_z``, ``expected_rate``, ``review_exits``,
``review_users``, ``detail_steered``, ``trust_leader_state``, ``joint_plan``,
``joint_budget``, ``dev_areas``, ``munis.rad_dominance``, ``host_cost_share``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.decisions import Decision, overridden
from sim.submodels.util import nudge
from sim.vocabulary import AREA_PLANS

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

REVIEW_MONTHS = (3, 6, 9, 12)  # quarterly results reviews (003 C5)
BUDGET_MONTH = 6  # June: the municipal budget round (003 §5.2)
PLAN_MONTH = 1  # January: the joint plan is renewed (003 §3)
RATE_FLOOR = 1e-9  # numerical guard: no division by a zero county mean


def tally_review_window(model: NavPartnershipModel) -> None:
    """Monthly: exits to work and users at risk by need group, the last months kept.

    The owners judge the last ``economics.review_window`` months (a ring of months per
    office: this month's slot is overwritten).
    """
    of, fl = model.offices, model.flows
    window = model.cfg.economics.review_window
    if of.review_exits.shape[1] != window:  # first month: the ring's length
        shape = (model.n_offices, window, fl.exits_work_groups.shape[1])
        of.review_exits = np.zeros(shape, dtype=np.int64)
        of.review_users = np.zeros(shape, dtype=np.int64)
    slot = model.month % window
    of.review_exits[:, slot] = fl.exits_work_groups
    of.review_users[:, slot] = fl.users_groups


def standardised_exits(
    model: NavPartnershipModel, by_group: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Observed and expected exits to work per office over the last review window.

    Indirect standardisation: the expected exits are the office's user-months by need
    group at its county's exit rates by need group, so an office with a heavier user
    mix is not read as a weaker office (``by_group`` False: the county's crude rate
    for all of the office's users).

    Args:
        model: The model.
        by_group: Whether to standardise by need group.

    Returns:
        Observed exits, expected exits and user-months, one value per office each.
    """
    of = model.offices
    exits, users = of.review_exits.sum(axis=1), of.review_users.sum(axis=1)
    exits, users = exits.astype(float), users.astype(float)
    county = np.unique([cd.county_id for cd in of.director], return_inverse=True)[1]
    n_county = county.max() + 1
    if not by_group:
        exits, users = exits.sum(axis=1, keepdims=True), users.sum(axis=1, keepdims=True)
    width = exits.shape[1]
    c_exits = np.zeros((n_county, width))
    c_users = np.zeros((n_county, width))
    np.add.at(c_exits, county, exits)
    np.add.at(c_users, county, users)
    rates = c_exits / np.maximum(c_users, RATE_FLOOR)
    return exits.sum(axis=1), (users * rates[county]).sum(axis=1), users.sum(axis=1)


def review_results(model: NavPartnershipModel) -> None:
    """Quarterly: owners detail-steer offices whose results are not acceptable (003 C5).

    Each office's exits to work over the last ``economics.review_window`` months are
    compared with those expected
    for its users at the county's rates (``standardised_exits``): ``results_ratio`` is
    observed / expected, ``results_z`` the shortfall against ``acceptable_results`` x
    expected in Poisson standard errors. An owner steers when the shortfall, as it
    reads it, is beyond ``economics.shortfall_z`` (chance allowed for): the host's
    rådmann reads it heavier when its own costs are above its county's
    (``weigh_own_costs``), the county director lighter when its attention is spread
    over many partnerships (``divide_director_attention``).
    """
    p, e, of, mu, pr = (
        model.cfg.partnership,
        model.cfg.economics,
        model.offices,
        model.munis,
        model.pairs,
    )
    observed, expected, exposure = standardised_exits(model, by_group=True)
    of.expected_rate = expected / np.maximum(exposure, 1)  # the office's user mix, recorded
    if not model.on.adjust_for_user_mix:
        observed, expected, _ = standardised_exits(model, by_group=False)
    seen = expected > 0
    of.results_ratio = np.where(seen, observed / np.maximum(expected, RATE_FLOOR), 1.0)
    target = p.acceptable_results * expected
    of.results_z = np.where(
        seen, (observed - target) / np.sqrt(np.maximum(target, RATE_FLOOR)), 0.0
    )
    if not model.on.steer_in_detail:
        of.detail_steered[:] = False
        return
    host = [model.municipalities[h] for h in of.host]
    cost = mu.cost_index[of.host] if model.on.weigh_own_costs else np.zeros(model.n_offices)
    host_weight = 1 + e.cost_steering * cost
    director_weight = np.sqrt(director_presence(model))
    of.detail_steered = np.array(
        [
            host[o].judge_results(
                float(of.results_z[o]), e.shortfall_z, office=o, weight=float(host_weight[o])
            )
            or of.director[o].judge_results(
                float(of.results_z[o]), e.shortfall_z, office=o, weight=float(director_weight[o])
            )
            for o in range(model.n_offices)
        ]
    )
    # detail steering narrows the leader's room (003 C4) and is felt as dominance
    of.trust_leader_state[of.detail_steered] *= 1 - p.detail_steering_trust_loss
    members = of.detail_steered[pr.office]
    mu.rad_dominance[pr.muni[members]] = np.clip(
        mu.rad_dominance[pr.muni[members]] + p.detail_steering_dominance, 0, 1
    )


def focus_director_attention(model: NavPartnershipModel) -> None:
    """Monthly: the directors not decided by the model's rule choose their focus.

    ``Decision.ATTENTION`` (003 §2.2 (L1289-1310) "modellmakt"): which of its
    partnerships the director focuses its attention on. The model's rule proposes no
    focus (equal division, ``CountyDirector.attention``), so only overridden directors
    are asked; a focus outside the director's own offices is ignored.
    """
    for cd in overridden(model.county_directors.values()):
        focus = cd.decide(Decision.ATTENTION, (), offices=tuple(cd.offices))
        cd.focus = frozenset(int(o) for o in focus).intersection(cd.offices)


def director_attention(model: NavPartnershipModel) -> np.ndarray:
    """Each office's county director's attention to it, in [0, 1] (003 §2.2 "modellmakt").

    Returns:
        One value per office (``CountyDirector.attention``, with the director's focus).
    """
    p, e = model.cfg.partnership, model.cfg.economics
    divided = model.on.divide_director_attention
    return np.array(
        [
            cd.attention(
                p.cd_attention_scale, e.cd_reference_partnerships, divided, o, e.cd_focus_shift
            )
            for o, cd in enumerate(model.offices.director)
        ]
    )


def director_presence(model: NavPartnershipModel) -> np.ndarray:
    """The county director's presence in each partnership, relative to the reference.

    1 for a director with ``cd_reference_partnerships`` partnerships (and everywhere
    when ``divide_director_attention`` is off); more for one with fewer, less for one
    with more (``CountyDirector.presence``); more where it focuses, less elsewhere.

    Returns:
        One value per office.
    """
    p, e = model.cfg.partnership, model.cfg.economics
    divided = model.on.divide_director_attention
    return np.array(
        [
            cd.presence(
                p.cd_attention_scale,
                e.cd_reference_partnerships,
                e.cd_attention_elasticity,
                divided,
                o,
                e.cd_focus_shift,
            )
            for o, cd in enumerate(model.offices.director)
        ]
    )


def set_budgets(model: NavPartnershipModel) -> None:
    """June: municipal budgets; each member's share of a host office's costs (003 §5.2).

    The host's rådmann chooses the cost key (``Decision.COST_KEY``: a joint pool by
    population, or krone for krone by use; the rule: ``governance.budget``).
    """
    of, mu, pr = model.offices, model.munis, model.pairs
    users = np.maximum(mu.users, 0).astype(float)
    shared = np.flatnonzero(of.n_munis > 1)
    of.joint_budget[shared] = decide_by_hosts(
        model, shared, Decision.COST_KEY, model.gov.joint_budget
    )
    for o in shared:
        members = pr.muni[pr.office == o]
        w = mu.population[members] if of.joint_budget[o] else users[members]
        mu.host_cost_share[members] = w / max(w.sum(), RATE_FLOOR)


def sign_agreements(model: NavPartnershipModel, offices: np.ndarray) -> None:
    """The host's rådmann signs (or not) a leader agreement for new offices (003 §3).

    The rule: ``governance.leader_agreement``.

    Args:
        model: The model.
        offices: Offices whose agreement is decided (all at set-up, new ones after an
            event).
    """
    model.offices.leader_agreement[offices] = decide_by_hosts(
        model, offices, Decision.LEADER_AGREEMENT, model.gov.leader_agreement
    )


def renew_joint_plan(model: NavPartnershipModel) -> None:
    """January: each host's rådmann signs the year's joint plan, or not.

    A signed plan advances the plan structure (003 §7 area 6). The rule:
    ``governance.joint_plan``.
    """
    of = model.offices
    decide_joint_plans(model, np.arange(model.n_offices))
    if model.on.develop_partnership and of.joint_plan.any():
        gain = model.cfg.development.joint_plan_gain
        signed = of.joint_plan
        of.dev_areas[signed, AREA_PLANS] = nudge(of.dev_areas[signed, AREA_PLANS], 1.0, gain)


def decide_joint_plans(model: NavPartnershipModel, offices: np.ndarray) -> None:
    """Whether each office has a joint plan this year (``Decision.JOINT_PLAN``).

    Args:
        model: The model.
        offices: Offices deciding.
    """
    model.offices.joint_plan[offices] = decide_by_hosts(
        model, offices, Decision.JOINT_PLAN, model.gov.joint_plan
    )


def decide_by_hosts(
    model: NavPartnershipModel, offices: np.ndarray, decision: Decision, rule: bool
) -> np.ndarray:
    """An office's yes/no decision taken by its host's rådmann; the rule says ``rule``.

    Vectorised for the rule; only hosts with another decider are asked, per office.

    Args:
        model: The model.
        offices: Offices deciding.
        decision: What is decided.
        rule: The model rule's answer (the same for every office).

    Returns:
        One decision per office in ``offices``.
    """
    offices = np.asarray(offices, dtype=np.int64)
    out = np.full(len(offices), bool(rule))
    hosts = model.offices.host[offices]
    for muni in model.overridden_municipalities():
        for i in np.flatnonzero(hosts == muni.index):
            out[i] = bool(muni.decide(decision, bool(rule), office=int(offices[i])))
    return out
