"""Anchored time (DESIGN §5, ODD element 5): the start's survey values, held in the burn-in.

The states whose surveys show a trend between survey years (perceived state dominance
of rådmenn and ordførere; the staff's task shares, read by the main-task items) are set
at the start from the start month's survey values through the inverse of their
instrument (``anchor_states``; the instruments and the survey table are
``sim.survey``), and put back there after every burn-in month (``hold_trends``): the
burn-in settles flows, not the trends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import least_squares

from sim.survey import (
    AGREE,
    ALL_STAFF,
    ANCHORED,
    ITEMS,
    ORDFORER,
    OWNERS,
    RADMANN,
    STAFF_ANCHORED,
    STAFF_GROUPS,
    TARGETS,
    calendar_time,
    invert,
    reported,
    share,
    staff_employer,
)
from sim.vocabulary import MIDPOINT, Employer

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

TENURE_SLOPE_MAX = 4.0  # numerical: bound of the fitted tenure slope of the integration


@dataclass
class Anchor:
    """The anchored states at the start (``anchor_states``), held during the burn-in.

    Attributes:
        when: Calendar time of month 0.
        rad_dominance: Rådmenn's perceived dominance (per municipality).
        ord_dominance: Ordførere's.
        integration: Each person's share of the way from their drawn starting task share
            to the share they settle at in a mixed team (0 = 2015-type shares, 1 = settled).
        task_state: The staff's task shares (per post).
    """

    when: float
    rad_dominance: np.ndarray
    ord_dominance: np.ndarray
    integration: np.ndarray
    task_state: np.ndarray


def first_year(key: tuple[str, str, str]) -> int:
    """The first year the survey table has a value for an item."""
    return min(
        t.year for t in TARGETS if (t.survey, t.group, t.item) == key and t.value is not None
    )


def anchored_items(when: float) -> tuple[tuple[str, str, str], ...]:
    """The items anchored at a calendar time.

    An item counts from the year its survey first asked it (no value is carried back
    before that); before a survey's first year, the items of that year count (their
    values clamped, as ``reported`` does).
    """
    surveys = {k[0] for k in ANCHORED}
    first = {s: min(first_year(k) for k in ANCHORED if k[0] == s) for s in surveys}
    return tuple(k for k in ANCHORED if first_year(k) <= max(when, first[k[0]]))


def tenure_rank(tenure: np.ndarray, post: np.ndarray) -> np.ndarray:
    """Each person's rank by tenure within their employer, in (0, 1) (1 = longest)."""
    rank = np.zeros(len(tenure))
    for employer in (Employer.STATE, Employer.MUNICIPAL):
        idx = np.flatnonzero(post == employer)
        order = idx[np.argsort(tenure[idx], kind="stable")]
        rank[order] = (np.arange(len(idx)) + MIDPOINT) / max(len(idx), 1)
    return rank


def anchor_states(model: NavPartnershipModel) -> Anchor:
    """Set the anchored states to the start month's survey values (inverse instruments).

    Dominance: the state every municipality's rådmann (ordfører) starts with is the
    one whose instrument gives the survey share. Staff: each person starts part of the
    way from their drawn starting task share to their mixed-team share; the share of
    the way rises with their time in the post (in the drift, ``staff_dynamics.
    drift_cross_work``, a person integrates over the months they have worked in the
    team, and a new hire starts at the starting share): per employer, a level and,
    where the survey asked two items of that employer's staff, a slope over the
    tenure rank. These are fitted by least squares, each item's error scaled by its
    sampling half-width, so the staff items of ``anchored_items`` give the survey's
    shares. Draws no random numbers.

    Returns:
        The anchor, for ``hold_trends``.
    """
    p, mu, st = model.cfg.survey, model.munis, model.staff
    when = calendar_time(model, 0)  # month 0, whatever the burn-in
    n = len(mu.alive)
    for group, attr in ((RADMANN, "rad_dominance"), (ORDFORER, "ord_dominance")):
        value, _ = reported(OWNERS, group, "state_dominates", when)
        level = invert(lambda x: share(np.array([x]), AGREE, p), value)
        setattr(mu, attr, np.full(n, level))
    start, settled = st.task_state.copy(), st.task_target
    integration = fit_integration(model, start, settled, when)
    st.task_state = start + integration * (settled - start)
    return Anchor(
        when, mu.rad_dominance.copy(), mu.ord_dominance.copy(), integration, st.task_state.copy()
    )


def fit_integration(
    model: NavPartnershipModel, start: np.ndarray, settled: np.ndarray, when: float
) -> np.ndarray:
    """Each person's integration at the start: the staff items' survey shares at ``when``.

    Args:
        model: The model (its staff, after ``build_staff``).
        start: Each person's drawn starting task share.
        settled: Each person's mixed-team task share.
        when: Calendar time of month 0.

    Returns:
        Integration per person in [0, 1].
    """
    p, st = model.cfg.survey, model.staff
    items = [k for k in anchored_items(when) if k in STAFF_ANCHORED]
    targets = [reported(*k, when) for k in items]
    centred = tenure_rank(st.tenure, st.post) - MIDPOINT
    member = {g: st.post == staff_employer(g) for g in STAFF_GROUPS}
    sloped = [g for g in STAFF_GROUPS if sum(k[1] == g for k in items) > 1]

    def integration(theta: np.ndarray) -> np.ndarray:
        x = np.zeros(len(start))
        for i, g in enumerate(STAFF_GROUPS):
            slope = theta[2 + sloped.index(g)] if g in sloped else 0.0
            x[member[g]] = theta[i] + slope * centred[member[g]]
        return np.clip(x, 0, 1)

    def errors(theta: np.ndarray) -> np.ndarray:
        tasks = start + integration(theta) * (settled - start)
        out = []
        for (_, group, item), (value, tol) in zip(items, targets, strict=True):
            states = tasks if group == ALL_STAFF else tasks[member[group]]
            out.append((share(states, ITEMS[item], p) - value) / tol if states.size else 0.0)
        return np.array(out)

    k = len(sloped)
    fit = least_squares(
        errors,
        np.r_[np.full(2, MIDPOINT), np.ones(k)],  # a slope of 0 is a saddle: start off it
        bounds=(np.zeros(2 + k), np.r_[np.ones(2), np.full(k, TENURE_SLOPE_MAX)]),
    )
    return integration(fit.x)


def hold_trends(model: NavPartnershipModel) -> None:
    """During the burn-in: put the anchored states back at their anchor.

    The mechanisms run (their flows settle), but the trends the surveys measure do
    not move before month 0. A post refilled during the burn-in takes its slot's
    anchored task share.
    """
    a, mu, st = model.anchor, model.munis, model.staff
    if len(mu.rad_dominance) == len(a.rad_dominance):
        mu.rad_dominance[:] = a.rad_dominance
        mu.ord_dominance[:] = a.ord_dominance
    if len(st.task_state) == len(a.task_state):
        st.task_state[:] = a.task_state
