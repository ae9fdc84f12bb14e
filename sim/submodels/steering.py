"""Steering by the owners: results reviews, detail steering, budgets, plans (ODD 7.7).

Quarterly, each office's owners (the host's rådmann and the county director) judge
its results and may steer it in detail (003 C5; ``Decision.DETAIL_STEER``); in June
the municipal budgets set each member's share of a host office's costs (003 §5.2;
the cost key, ``Decision.COST_KEY``); in January a joint plan, where signed
(``Decision.JOINT_PLAN``), advances the plan structure (003 §7 area 6). Reads
``offices`` (exit rate, users, host, director), ``munis`` (users, population),
``pairs``. Writes ``offices.results_ratio``, ``detail_steered``,
``trust_leader_state``, ``joint_plan``, ``joint_budget``, ``dev_areas``,
``munis.rad_dominance``, ``host_cost_share``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.decisions import Decision
from sim.submodels.util import nudge
from sim.vocabulary import AREA_PLANS

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

REVIEW_MONTHS = (3, 6, 9, 12)  # quarterly results reviews (003 C5)
BUDGET_MONTH = 6  # June: the municipal budget round (003 §5.2)
PLAN_MONTH = 1  # January: the joint plan is renewed (003 §3)
RATE_FLOOR = 1e-9  # numerical guard: no division by a zero county mean


def review_results(model: NavPartnershipModel) -> None:
    """Quarterly: owners detail-steer offices whose results are not acceptable (003 C5)."""
    p, of, mu, pr = model.cfg.partnership, model.offices, model.munis, model.pairs
    county = np.array([cd.county_id for cd in of.director])
    ratio = np.ones(model.n_offices)
    for cid in np.unique(county):
        idx = county == cid
        mean = np.average(of.exit_rate[idx], weights=np.maximum(of.n_users[idx], 1))
        ratio[idx] = of.exit_rate[idx] / max(mean, RATE_FLOOR)
    of.results_ratio = ratio
    if not model.on.steer_in_detail:
        of.detail_steered[:] = False
        return
    host = [model.municipalities[h] for h in of.host]
    of.detail_steered = np.array(
        [
            host[o].judge_results(float(ratio[o]), p.acceptable_results, office=o)
            or of.director[o].judge_results(float(ratio[o]), p.acceptable_results, office=o)
            for o in range(model.n_offices)
        ]
    )
    # detail steering narrows the leader's room (003 C4) and is felt as dominance
    of.trust_leader_state[of.detail_steered] *= 1 - p.detail_steering_trust_loss
    members = of.detail_steered[pr.office]
    mu.rad_dominance[pr.muni[members]] = np.clip(
        mu.rad_dominance[pr.muni[members]] + p.detail_steering_dominance, 0, 1
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
