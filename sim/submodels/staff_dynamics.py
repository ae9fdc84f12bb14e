"""Staff dynamics: satisfaction, turnover, moves to state posts, cross-work (ODD 7.9).

Satisfaction relaxes to a target set by team, pay, load, reorganisation and a shared
target group (003 C3, C11); quits follow satisfaction; state vacancies draw municipal
staff (003 C11); a new person starts with ties at their base (coop M12); mixed teams
draw staff towards both lines' tasks (003 §6.3, C3). Reads ``staff``, ``offices``
(hours ratio, reorganisation, target group, areas) and the compiled governance.
Writes ``staff`` (satisfaction, task shares, tenure, ties of new hires) and
``flows.leavers``, ``moves_to_state``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.submodels.util import nudge
from sim.vocabulary import AREA_TERMS, Employer

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

HOURS_RATIO_FLOOR = 0.05  # numerical guard: shortage is read from at least this ratio
SHORTAGE_MAX = 3  # numerical guard: at most a fourfold shortage is felt
TASK_SHARE_GUARD = 1e-3  # numerical guard: a beta draw needs a mean strictly inside (0, 1)


def update_staff(model: NavPartnershipModel) -> None:
    """Tenure, satisfaction, quits and hires, cross-work (003 C3, C11; coop M12)."""
    model.staff.tenure += 1
    update_satisfaction(model)
    turn_over_staff(model)
    drift_cross_work(model)


def pay_gap_active(model: NavPartnershipModel) -> bool:
    """Whether different pay and terms are felt (003 C11)."""
    return model.on.compare_pay and not model.gov.harmonised_terms


def felt_pay_gap(model: NavPartnershipModel) -> np.ndarray:
    """The pay gap as felt in each office: ``pay_gap`` less what area 9 settles locally.

    Satisfaction units per office (003 C11; §7 area 9). Whether it is felt at all is
    ``pay_gap_active``.
    """
    s = model.cfg.staff
    return s.pay_gap * (1 - s.local_terms_effect * model.offices.dev_areas[:, AREA_TERMS])


def draw_task_share(
    model: NavPartnershipModel, employer: np.ndarray, mixed: bool = False
) -> np.ndarray:
    """Share of follow-up time on state tasks (003 §6.3, the 2015 survey).

    Args:
        model: The model.
        employer: Employer per person.
        mixed: Draw the share a person settles at in a mixed team instead of the
            share a new hire starts with.

    Returns:
        Task shares in [0, 1].
    """
    s = model.cfg.staff
    if mixed:
        mean = np.where(
            employer == Employer.STATE, s.mixed_task_share_state, s.mixed_task_share_municipal
        )
    else:
        mean = np.where(
            employer == Employer.STATE, s.init_task_share_state, s.init_task_share_municipal
        )
    k = s.task_share_concentration
    mean = np.clip(mean, TASK_SHARE_GUARD, 1 - TASK_SHARE_GUARD)
    return model.rng.beta(mean * k, (1 - mean) * k)


def update_satisfaction(model: NavPartnershipModel) -> None:
    """Staff satisfaction relaxes to a target set by team, pay, load and reorganisation."""
    s, of, st = model.cfg.staff, model.offices, model.staff
    o = st.office
    municipal = st.post == Employer.MUNICIPAL
    gap = felt_pay_gap(model)[o] * municipal if pay_gap_active(model) else 0.0
    shortage = np.clip(1 / np.maximum(of.hours_ratio[o, 0], HOURS_RATIO_FLOOR) - 1, 0, SHORTAGE_MAX)
    target_group = of.target_group[o] * model.on.unite_around_target_group
    target = (
        s.satisfaction_base
        + s.mixed_team_bonus * model.gov.mixed_teams
        - gap
        - s.load_sensitivity * shortage
        - s.reorganisation_dissatisfaction * of.reorg_load[o]
        + s.target_group_satisfaction * target_group
    )
    noise = model.rng.normal(0, s.satisfaction_noise, len(o))
    st.satisfaction = nudge(st.satisfaction, target + noise, s.satisfaction_rate)


def turn_over_staff(model: NavPartnershipModel) -> None:
    """Quits by satisfaction; state vacancies draw municipal staff (003 C11); new hires.

    A new person starts with ties at their base: relations depend on people (coop M12).
    """
    s, st, rng = model.cfg.staff, model.staff, model.rng
    p_quit = s.quit_rate * np.exp(
        s.quit_satisfaction_slope * (s.satisfaction_base - st.satisfaction)
    )
    quits = np.flatnonzero(rng.random(len(p_quit)) < p_quit)
    move_p = s.move_to_state_rate * (1.0 if pay_gap_active(model) else s.move_without_gap)
    vacated = list(quits)
    available = st.post == Employer.MUNICIPAL
    available[quits] = False
    slots = office_slots(model)
    for slot in quits[st.post[quits] == Employer.STATE]:
        o = st.office[slot]
        if rng.random() >= move_p:
            continue
        municipal = slots[o][available[slots[o]]]
        if len(municipal) == 0:
            continue
        mover = int(rng.choice(municipal))
        move_person(model, mover, int(slot))
        model.flows.moves_to_state[o] += 1
        available[mover] = False
        vacated.remove(slot)
        vacated.append(mover)
    vacated = np.array(sorted(vacated), dtype=np.int64)
    model.flows.leavers = np.bincount(st.office[vacated], minlength=model.n_offices)
    hire(model, vacated)


def office_slots(model: NavPartnershipModel) -> list[np.ndarray]:
    """Staff slots of each office (cached; posts keep their office between events)."""
    st, cache = model.staff, model.cache
    key = (model.n_offices, id(st.office))
    if cache.get("slots_key") != key:
        order = np.argsort(st.office, kind="stable")
        bounds = np.searchsorted(st.office[order], np.arange(model.n_offices + 1))
        cache["slots"] = [order[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        cache["slots_key"] = key
    return cache["slots"]


def move_person(model: NavPartnershipModel, source: int, target: int) -> None:
    """A municipal employee takes a state post in the same office, keeping their ties.

    Args:
        model: The model.
        source: Slot the person leaves (refilled by ``hire``).
        target: Slot (a state post) the person takes.
    """
    st = model.staff
    st.satisfaction[target] = st.satisfaction[source]
    state = np.array([Employer.STATE])
    st.task_state[target] = draw_task_share(model, state)[0]
    st.task_target[target] = draw_task_share(model, state, mixed=True)[0]
    st.tenure[target] = st.tenure[source]
    st.ties[target] = st.ties[source]
    st.internal_tie[target] = st.internal_tie[source]  # the same colleagues


def hire(model: NavPartnershipModel, slots: np.ndarray) -> None:
    """Fill vacated posts with new people (fresh ties, base satisfaction).

    A new person starts with ties to the service units at their base (coop M12) and
    with no tie to the office's staff of the other employer.

    Args:
        model: The model.
        slots: Vacated slots.
    """
    if len(slots) == 0:
        return
    s, st = model.cfg.staff, model.staff
    st.satisfaction[slots] = s.satisfaction_base
    st.task_state[slots] = draw_task_share(model, st.post[slots])
    st.task_target[slots] = draw_task_share(model, st.post[slots], mixed=True)
    st.tenure[slots] = 0
    st.ties[slots] = model.cfg.cooperation.tie_base
    st.internal_tie[slots] = 0.0  # a new person knows none of the other employer's staff


def drift_cross_work(model: NavPartnershipModel) -> None:
    """Mixed teams draw staff towards working on both lines' tasks (003 §6.3, C3)."""
    s, st, gv = model.cfg.staff, model.staff, model.gov
    municipal = st.post == Employer.MUNICIPAL
    if gv.mixed_teams:
        united = model.offices.target_group[st.office] * model.on.unite_around_target_group
        rate = s.cross_work_drift * (1 + s.target_group_drift * united)
        delegated = municipal & gv.delegated_state_decisions
        rate = rate * np.where(delegated, s.delegated_drift, 1.0)
        target = st.task_target
    else:
        rate = s.cross_work_drift
        target = np.where(municipal, s.init_task_share_municipal, s.init_task_share_state)
    st.task_state = nudge(st.task_state, target, rate)
