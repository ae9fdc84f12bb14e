"""Staff time: each person's hours split between tasks (ODD 7.2; DESIGN §2b).

Documentation, reporting and reorganisation take hours from the same budget as
follow-up: that is how crowding out happens (coop M22; 003 C12, C13); so do an
office's fixed overhead and its uncovered absence (``office_size``, ch5_9 §9). Reads
``staff`` (office, post, task share), ``offices`` (reorganisation load, development
areas), the users' cells and ``inputs``. Writes ``offices.followup_share``,
``documentation_share``, ``employer_hours``, ``n_staff``, ``followup_hours``, ``hours_ratio``,
``followup_factor``, ``n_users``, ``n_waiting``, ``complex_active``, ``caseload``
and ``flows.user_key``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.submodels import office_size
from sim.submodels.user_counts import user_cells
from sim.vocabulary import AREA_DOUBLE_WORK, GROUP_POOL, Employer

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

FOLLOWUP_SHARE_FLOOR = 0.05  # numerical guard: some follow-up hours are always left
FOLLOWUP_FACTOR_RANGE = (0.1, 5.0)  # numerical guard on the hours ratio's effect


def allocate_staff_time(model: NavPartnershipModel) -> None:
    """Split each staff member's hours; derive follow-up hours per user (DESIGN §2b)."""
    s, gv, of, st = model.cfg.staff, model.gov, model.offices, model.staff
    n_off = model.n_offices
    of.n_staff = np.bincount(st.office, minlength=n_off)
    office_size.update_office_size(model)
    base_doc = s.documentation_share
    pressure = documentation_pressure(model)
    reorg = s.reorganisation_share * of.reorg_load
    if not model.on.crowd_out_by_reorganisation:
        reorg = np.zeros(n_off)
    of.documentation_share = base_doc + pressure
    # in-house job specialists are paid from measure money, not from follow-up hours
    fu_share = np.clip(
        1.0
        - base_doc
        - pressure
        - reorg
        - s.employer_share
        - gv.cooperation_share
        - model.inputs.reception_share
        - office_size.overhead_excess(model),
        FOLLOWUP_SHARE_FLOOR,
        1.0,
    )
    of.followup_share = fu_share
    hours = s.hours_per_month
    fu = hours * fu_share[st.office]
    gaming = gaming_share(model)
    effective = fu * (1 - gaming + gaming * s.gaming_effectiveness)
    effective *= office_size.presence_factor(model)  # uncovered absence (ch5_9 §9)
    # municipal staff may decide on state measures only where delegated (003 §3)
    state_eff = np.where(st.post == Employer.MUNICIPAL, gv.municipal_state_work, 1.0)
    hs = np.bincount(st.office, weights=effective * st.task_state * state_eff, minlength=n_off)
    hm = np.bincount(st.office, weights=effective * (1 - st.task_state), minlength=n_off)
    of.followup_hours = hs + hm
    of.employer_hours = of.n_staff * hours * gv.employer_share
    counts = count_user_kinds(model)
    load = (counts * load_weights(model)[None]).sum(axis=(2, 3))  # (office, group)
    ws = load[:, GROUP_POOL == 0].sum(axis=1)
    wm = load[:, GROUP_POOL == 1].sum(axis=1)
    ref = model.cfg.users.followup_ref_hours
    of.hours_ratio = np.stack(
        [hs / np.maximum(ws, 1.0) / ref, hm / np.maximum(wm, 1.0) / ref], axis=1
    )
    of.followup_factor = (
        np.clip(of.hours_ratio, *FOLLOWUP_FACTOR_RANGE) ** model.cfg.users.followup_elasticity
    )
    of.n_users = counts.sum(axis=(1, 2, 3))
    of.n_waiting = counts[:, :, 1, :].sum(axis=(1, 2))
    of.complex_active = counts[:, :, 0, 1].sum(axis=1)
    of.caseload = of.n_users / np.maximum(of.n_staff, 1)


def count_user_kinds(model: NavPartnershipModel) -> np.ndarray:
    """Users by office, need group, waiting and complex case; sets ``flows.user_key``.

    ``flows.user_key`` (the users' ``key``) is each user's index into that (office,
    group, waiting, complex) grid, read again by the outcomes in the same month;
    ``flows.users_groups`` the users at risk by office and group (the owners' review).

    Returns:
        Counts of shape (offices, groups, 2, 2).
    """
    model.flows.user_key = key = model.users.key
    counts = user_cells(model, key)
    model.flows.users_groups = counts.sum(axis=(2, 3))
    return counts


def load_weights(model: NavPartnershipModel) -> np.ndarray:
    """Follow-up load of one user by need group, waiting and complex case (ch1_4 §3).

    A waiting user weighs ``waiting_load_weight``; resource-strong (non-complex)
    users weigh ``strong_weight`` once digital channels open (003 C25).

    Returns:
        Weights of shape (groups, 2, 2).
    """
    w = model.cfg.users.by_group("weight")[:, None, None] * np.ones((1, 2, 2))
    w[:, 1, :] *= model.cfg.users.waiting_load_weight
    w[:, :, 0] *= model.inputs.strong_weight
    return w


def documentation_pressure(model: NavPartnershipModel) -> np.ndarray:
    """Documentation beyond the base share: målekort reporting and double reporting.

    Two steering and reporting lines make extra work (003 C12), cut by a joint plan
    (``joint_plan_reporting_cut``) and reduced by work on double work (area 11,
    ``double_work_relief``); activity-indicator steering adds reporting (ch5_9 §3.2).
    Knock-out ``crowd_out_follow_up``: none of it takes follow-up hours (coop M22).

    Returns:
        Share of hours per office.
    """
    s, gv = model.cfg.staff, model.gov
    pressure = np.zeros(model.n_offices)
    if not model.on.crowd_out_follow_up:
        return pressure
    if gv.indicator_steering:
        pressure += s.indicator_documentation
    double = s.double_reporting * (1 - s.joint_plan_reporting_cut if gv.joint_plan else 1.0)
    areas = model.offices.dev_areas[:, AREA_DOUBLE_WORK]
    pressure += double * (1.0 - s.double_work_relief * areas)
    return pressure


def gaming_share(model: NavPartnershipModel) -> float:
    """Share of follow-up hours spent on counted contacts of little effect (coop M5).

    Returns:
        The gamed share under activity-indicator steering, else 0.
    """
    steered = model.gov.indicator_steering
    return model.cfg.staff.gaming_share if steered and model.on.game_indicators else 0.0
