"""Partnership meetings: who attends, consensus or conflict, and what follows (ODD 7.6).

The owners' årshjul (003 §3): meetings in the calendar months the governance sets,
more often for a host office in transition (003 §5.2). Rådmenn decide whether to
attend (``Decision.ATTEND``); the outcome is drawn from the participants' states
(003 C1, C2, C18); consensus lowers felt dominance, advances the owner-level areas
and may bring a shared target group (``Decision.TARGET_GROUP``); trust moves with
the outcome (003 C1, C4, C32). Reads ``offices`` (agenda, trust, areas,
transition, agreements), ``munis`` (trust, attention, cost index), ``pairs``. Writes
``flows.meetings_held``, ``meeting_outcomes``, ``radmenn_attending``,
``munis.rad_attended``, ``rad_trust``, ``rad_trust_leader``, ``rad_dominance``,
``offices.trust_cd``, ``trust_leader_state``, ``dev_areas``, ``target_group``. The
county director's trust moves with its presence (``steering.director_presence``:
its attention divided among its partnerships, 003 §2.2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.decisions import Decision
from sim.submodels.steering import director_presence
from sim.submodels.util import nudge
from sim.vocabulary import (
    AREA_MEETINGS,
    AREA_MERGER,
    AREA_STRATEGY,
    AREA_UNDERSTANDING,
    CONFLICT,
    CONSENSUS,
    MIDPOINT,
    N_AREAS,
    NOTHING,
    OWNER_AREAS,
    Attendance,
)

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

BUDGET_SEASON = (5, 6, 7, 8, 9, 10, 11)  # calendar months of municipal budget work (003 §5.2)


def is_meeting_month(model: NavPartnershipModel) -> np.ndarray:
    """Offices holding a partnership meeting this month (the årshjul, 003 §3).

    A host office in transition meets more often: its implementation phase
    (``transition_meetings_per_year``, 003 §5.2).
    """
    month, gv = model.calendar_month, model.gov
    regular = month in gv.meeting_months
    extra = month in gv.transition_meeting_months
    return np.where(model.offices.in_transition, regular or extra, regular)


def hold_partnership_meetings(model: NavPartnershipModel) -> None:
    """This month's partnership meetings, drawn from their participants' states.

    Each office holds at most one meeting a month; a rådmann whose municipality
    has several offices (a city's districts) sits in each of them.
    """
    offices = np.flatnonzero(is_meeting_month(model))
    if len(offices) == 0:
        return
    mu, fl, pr = model.munis, model.flows, model.pairs
    pairs = attending_pairs(model, offices)
    po, pm = pr.office[pairs], pr.muni[pairs]
    outcome = draw_meeting_outcomes(model, offices, po, pm)
    fl.meeting_outcomes[offices, outcome] += 1
    fl.meetings_held[offices] += 1
    fl.radmenn_attending += np.bincount(po, minlength=model.n_offices)
    seats = np.bincount(pm, minlength=len(model.municipalities))
    kept = 1 - model.cfg.partnership.attendance_update
    mu.rad_attended = 1 - (1 - mu.rad_attended) * kept**seats
    result = np.full(model.n_offices, NOTHING)
    result[offices] = outcome
    if model.on.update_trust:
        update_trust(model, result, po, pm)
    consensus = offices[outcome == CONSENSUS]
    if len(consensus):
        conclude_in_consensus(model, consensus, pm[result[po] == CONSENSUS])


def seated_pairs(model: NavPartnershipModel) -> np.ndarray:
    """Whether each catchment pair's rådmann has a seat in its office's meetings (the rule).

    A single-municipality office's rådmann always; in a host office all rådmenn as
    ``governance.all_radmenn_attend`` says (``transition``: while the office is in
    transition), otherwise only the host's (003 §5.2).

    Args:
        model: The model.

    Returns:
        One bool per pair.
    """
    of, pr = model.offices, model.pairs
    rule = model.gov.attendance if model.on.transition_host_trust else Attendance.never
    everyone = (of.n_munis == 1) | (rule == Attendance.always)
    if rule == Attendance.transition:
        everyone = everyone | of.in_transition
    return everyone[pr.office] | (pr.muni == of.host[pr.office])


def attending_pairs(model: NavPartnershipModel, offices: np.ndarray) -> np.ndarray:
    """Catchment pairs whose rådmann attends the meetings of ``offices`` (003 §5.2).

    The rule's seats (``seated_pairs``); a rådmann with another decider answers
    ``Decision.ATTEND`` per meeting.

    Args:
        model: The model.
        offices: Office indices holding a meeting.

    Returns:
        Pair indices.
    """
    po = model.pairs.office
    meets = np.zeros(model.n_offices, dtype=bool)
    meets[offices] = True
    attends = meets[po] & seated_pairs(model)
    for muni in model.overridden_municipalities():
        for pair in np.flatnonzero(meets[po] & (model.pairs.muni == muni.index)):
            proposal = bool(attends[pair])
            attends[pair] = bool(muni.decide(Decision.ATTEND, proposal, office=int(po[pair])))
    return np.flatnonzero(attends)


def draw_meeting_outcomes(
    model: NavPartnershipModel, offices: np.ndarray, po: np.ndarray, pm: np.ndarray
) -> np.ndarray:
    """Consensus, conflict or nothing (003 C1, C2, C18; ch5_9 §3.1: disputes are rare).

    Consensus is likelier with an agenda-setting leader, trust, good meeting frames
    and shared understanding (areas 3-4), a leader agreement, a joint plan and
    attentive rådmenn (C14, C20: the leader's central seat draws their attention);
    in host offices budget talk in budget season crowds out agreement on services
    (C18; less so with a joint pool). A meeting that does not agree ends in conflict
    with the chance that the owners disagree (``owners_disagree``) and their trust
    does not settle it: disagreement x (1 − trust) (C1).

    Args:
        model: The model.
        offices: Office indices holding a meeting.
        po: Office of each attending pair.
        pm: Municipality of each attending pair.

    Returns:
        CONSENSUS, CONFLICT or NOTHING per office in ``offices``.
    """
    p, of, mu, n = model.cfg.partnership, model.offices, model.munis, model.n_offices
    seats = np.maximum(np.bincount(po, minlength=n), 1)[offices]
    rad_trust = np.bincount(po, weights=mu.rad_trust[pm], minlength=n)[offices] / seats
    attention = np.bincount(po, weights=mu.rad_attention[pm], minlength=n)[offices] / seats
    trust = (rad_trust + of.trust_cd[offices]) / 2
    areas = of.dev_areas[offices][:, [AREA_MEETINGS, AREA_UNDERSTANDING]].mean(axis=1)
    logit_c = (
        p.consensus_intercept
        + p.consensus_agenda * of.agenda[offices]
        + p.consensus_trust * (trust - MIDPOINT)
        + p.consensus_areas * (areas - MIDPOINT)
        + p.leader_agreement_bonus * of.leader_agreement[offices]
        + p.joint_plan_bonus * of.joint_plan[offices]
        + p.consensus_attention * (attention - p.radmann_attention)
    )
    budget_season = model.calendar_month in BUDGET_SEASON
    dispute = np.where(of.joint_budget[offices], p.budget_dispute_joint, p.budget_dispute)
    budget_talk = (of.n_munis[offices] > 1) & budget_season
    keys = dispute / p.budget_dispute * budget_talk
    logit_c = logit_c - p.budget_talk_consensus * keys
    pc = 1 / (1 + np.exp(-logit_c))
    pk = owners_disagree(model, offices, po, pm, keys) * (1 - trust)
    draw = model.rng.random(len(offices))
    return np.where(draw < pc, CONSENSUS, np.where(draw < pc + (1 - pc) * pk, CONFLICT, NOTHING))


def owners_disagree(
    model: NavPartnershipModel,
    offices: np.ndarray,
    po: np.ndarray,
    pm: np.ndarray,
    keys: np.ndarray,
) -> np.ndarray:
    """How much of a meeting's agenda the owners disagree on, [0, 1] (ch5_9 §8 fact 22).

    The owners share the goal of the partnership (003 §8 fact 7, L8464-8494: a shared
    standpoint; §7 area 4, L4398-4440: they agree on the goal, not always on the
    means; C17): what is left to dispute is what costs put at stake between them.
    A rådmann whose municipality pays more per inhabitant than its county's presses
    on costs (``cost_index`` above 0, ch5_9 §3.3; C29 cost-shifting), the seated
    rådmenn's mean; in a host office in budget season the cost keys are on the table
    (003 §5.2 L6192-6212: ``cost_key_stake``, scaled down with a joint pool as the
    budget dispute is): stake = 1 − (1 − costs)(1 − keys). Knocked out
    (``share_goals``), the owners pursue different goals and every item is in
    dispute: 1.

    Args:
        model: The model.
        offices: Office indices holding a meeting.
        po: Office of each attending pair.
        pm: Municipality of each attending pair.
        keys: Cost-key dispute per office in ``offices`` (0 outside a host office's
            budget season; 1 without a joint pool).

    Returns:
        The disagreement per office in ``offices``.
    """
    if not model.on.share_goals:
        return np.ones(len(offices))
    n, mu = model.n_offices, model.munis
    pressed = np.clip(mu.cost_index[pm], 0, 1) if model.on.weigh_own_costs else np.zeros(len(pm))
    seats = np.maximum(np.bincount(po, minlength=n), 1)[offices]
    costs = np.bincount(po, weights=pressed, minlength=n)[offices] / seats
    at_stake = np.clip(model.cfg.partnership.cost_key_stake * keys, 0, 1)
    return 1 - (1 - costs) * (1 - at_stake)


def conclude_in_consensus(model: NavPartnershipModel, offices: np.ndarray, munis: np.ndarray):
    """After consensus: less felt dominance, owner-level development, a target group.

    A consensus advances the owner-level areas (003 §2.1). While an office reorganises,
    its owners' meetings are about the reorganisation (003 §5.1 L4097-4103: location,
    service catalogue, HR, frames, roles; L5785-5787: the old partnership fades): the
    share ``reorg_load`` of the work goes to area 8 (merger / cooperation) only, as the
    leaders' does (``leaders.work_on_development_areas``; 003 C13, §8 fact 16: 4 of 9
    plans covered only the merger).

    Args:
        model: The model.
        offices: Offices whose meeting ended in consensus.
        munis: The municipalities that sat in them (one entry per seat).
    """
    p, d, of, mu = model.cfg.partnership, model.cfg.development, model.offices, model.munis
    steps = np.bincount(munis, minlength=len(model.municipalities))
    mu.rad_dominance = np.clip(mu.rad_dominance - p.dominance_consensus_step * steps, 0, 1)
    if model.on.develop_partnership:
        rows = offices[:, None]
        merger = np.zeros(len(offices))
        if model.on.crowd_out_by_reorganisation:
            merger = np.clip(of.reorg_load[offices], 0, 1)
        share = np.where(np.arange(N_AREAS) == AREA_MERGER, 1.0, 1 - merger[:, None])
        of.dev_areas[rows, OWNER_AREAS] += (
            d.owner_work_share
            * d.work_rate
            * share[:, OWNER_AREAS]
            * (1 - of.dev_areas[rows, OWNER_AREAS])
        )
    adopt_target_group(model, offices)


def adopt_target_group(model: NavPartnershipModel, offices: np.ndarray) -> None:
    """Owners may agree on a shared, locally chosen target group (003 C3, §8 fact 18).

    Likelier where strategic service development (area 17) is advanced; once adopted
    it stays. Its effects (satisfaction, cross-work) are switched by
    ``unite_around_target_group``. The host's rådmann decides
    (``Decision.TARGET_GROUP``) on the rule's draw, taken from the rådmann's own
    stream (``Actor.decision_rng``), so that who decides for one office changes no
    other actor's draws.

    Args:
        model: The model.
        offices: Offices whose owners just agreed in a meeting.
    """
    p, of = model.cfg.partnership, model.offices
    open_ = offices[~of.target_group[offices]]
    chance = p.target_group_rate * (p.target_group_base + of.dev_areas[open_, AREA_STRATEGY])
    agreed = np.zeros(len(open_), dtype=bool)
    for i, o in enumerate(open_):  # each host draws from its own stream (sim.decisions)
        host = model.municipalities[of.host[o]]
        agreed[i] = host.decision_rng.random() < chance[i]
        if host.overridden:
            agreed[i] = bool(host.decide(Decision.TARGET_GROUP, bool(agreed[i]), office=int(o)))
    of.target_group[open_[agreed]] = True


def update_trust(
    model: NavPartnershipModel, result: np.ndarray, po: np.ndarray, pm: np.ndarray
) -> None:
    """Move trust after meetings: consensus builds it, conflict breaks it (003 C1, C4, C32).

    A rådmann who sat in several meetings this month is moved by each; the county
    director's trust moves in proportion to its presence (``director_presence``).

    Args:
        model: The model.
        result: Outcome per office (NOTHING where no meeting was held).
        po: Office of each attending pair.
        pm: Municipality of each attending pair.
    """
    p, of, mu = model.cfg.partnership, model.offices, model.munis
    n_muni = len(model.municipalities)
    agreed, fought = result == CONSENSUS, result == CONFLICT
    gain = p.leader_trust_gain * (p.leader_trust_base + of.agenda)
    seat_agreed, seat_fought = agreed[po], fought[po]
    keep_gap = np.bincount(  # product of (1 - rate) over the seats, through logs
        pm[seat_agreed],
        weights=np.full(seat_agreed.sum(), np.log1p(-p.trust_gain)),
        minlength=n_muni,
    )
    keep_level = np.bincount(
        pm[seat_fought],
        weights=np.full(seat_fought.sum(), np.log1p(-p.trust_loss)),
        minlength=n_muni,
    )
    keep_leader_gap = np.bincount(
        pm[seat_agreed], weights=np.log1p(-gain[po[seat_agreed]]), minlength=n_muni
    )
    mu.rad_trust = (1 - (1 - mu.rad_trust) * np.exp(keep_gap)) * np.exp(keep_level)
    mu.rad_trust_leader = 1 - (1 - mu.rad_trust_leader) * np.exp(keep_leader_gap)
    # the county director's presence scales what a meeting does to its trust (003 §2.2)
    presence = director_presence(model)
    of.trust_cd[agreed] = nudge(
        of.trust_cd[agreed], 1.0, np.minimum(p.trust_gain * presence[agreed], 1.0)
    )
    of.trust_cd[fought] = nudge(
        of.trust_cd[fought], 0.0, np.minimum(p.trust_loss * presence[fought], 1.0)
    )
    of.trust_leader_state[agreed] = nudge(of.trust_leader_state[agreed], 1.0, gain[agreed])
