"""User outcomes: exits to work, education and other benefits; starts; waits (ODD 7.4).

Exit to work = base rate of the need group x follow-up x cooperation x employer
goodwill x labour market x duration (DESIGN §2b; ch1_4 §2, §6). The factors that
vary by office, need group, waiting, complexity and recent contact form one small
table (``hazard_table``) read once per user; the municipality's labour market and the
months in the system are two more lookups. Reads ``offices`` (follow-up, goodwill,
development areas, hours), ``munis`` (density, local demand), ``inputs``, the users
and ``flows.user_key``. Writes the users (removed, started), ``exit_counts``,
``flows`` (exits, starts, waits), ``failed_placements`` and
the user counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.submodels import office_size
from sim.submodels.user_counts import tally_users
from sim.vocabulary import AREA_QUALITY, GROUP_POOL, MONTHS_PER_YEAR, NeedGroup, UserStatus

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

RECENT_CONTACT_MONTHS = 3  # a contact counts for the hazard for this many months (coop M9)
HAZARD_MAX = 0.95  # numerical guard: no monthly hazard reaches 1
START_RATIO_RANGE = (0.1, 3)  # numerical guard on the hours ratio's effect on starts


def resolve_user_outcomes(model: NavPartnershipModel) -> None:
    """Monthly hazards of exit to work, education and other benefits; starts; costs."""
    u, users, fl = model.cfg.users, model.users, model.flows
    n_off = model.n_offices
    g, o = users.group, users.office
    n = len(users)
    waiting = users.status == UserStatus.WAITING
    # single precision for the per-user hazards: half the memory traffic, and a
    # hazard needs no more than seven digits
    f32 = np.float32
    recent = users.last_contact > model.month - RECENT_CONTACT_MONTHS
    key = fl.user_key * 2 + recent
    labour = labour_factor(model)
    hazards = hazard_table(model)
    # each user's own municipality is the labour market (an office serving several
    # municipalities serves several markets; a district's is its city's)
    h_work = (hazards.ravel()[key] * labour[users.muni]).astype(f32)

    months = model.month - users.entry
    h_work *= duration_table(model, int(months.max()) if n else 0).astype(f32)[months]
    np.minimum(h_work, f32(HAZARD_MAX), out=h_work)
    other_table = np.broadcast_to(
        u.by_group("exit_other").astype(f32)[None, :, None, None],
        (n_off, len(NeedGroup), 2, 2),
    )
    h_leave = h_work + other_table.ravel()[fl.user_key]
    draw = model.rng.random(n, dtype=f32)
    leave = np.flatnonzero(draw < h_leave)
    to_work = draw[leave] < h_work[leave]
    work, others = leave[to_work], leave[~to_work]
    is_edu = model.rng.random(len(others)) < u.education_share_of_other
    edu, other = others[is_edu], others[~is_edu]
    for dest, idx in enumerate((work, edu, other)):
        model.exit_counts[:, dest] += np.bincount(g[idx], minlength=len(NeedGroup))
    fl.exits_work = np.bincount(o[work], minlength=n_off)
    fl.exits_work_complex = np.bincount(o[work[users.need_unit[work] >= 0]], minlength=n_off)
    cells = np.bincount(fl.user_key[work] >> 2, minlength=n_off * len(NeedGroup))  # (office, group)
    fl.exits_work_groups = cells.reshape(n_off, len(NeedGroup))
    fl.exits_education = np.bincount(o[edu], minlength=n_off)
    fl.exits_other = np.bincount(o[other], minlength=n_off)
    fl.muni_exits_work = np.bincount(users.muni[work], minlength=len(model.municipalities))
    count_failed_placements(model, work[~waiting[work]])
    waiting[leave] = False
    start_follow_up(model, np.flatnonzero(waiting))
    tally_users(model, leave, -1)
    users.remove(leave)


def hazard_table(model: NavPartnershipModel) -> np.ndarray:
    """Exit-to-work hazard by office, need group, waiting, complex case, recent contact.

    Base rate x follow-up (by hours per weighted user, and the office's specialisation,
    ``office_size.specialisation_factor``; a waiting user gets
    ``waiting_work_factor``; resource-strong users take more once digital channels
    open, ``strong_weight``) x service quality (area 12) x employer goodwill x
    cooperation (a complex case with a recent contact gains, one without loses).

    Returns:
        An array of shape (offices, groups, 2, 2, 2), indexed like ``user_key * 2 +
        recent``.
    """
    u, c, of = model.cfg.users, model.cfg.cooperation, model.offices
    q = u.quality_effect
    office = (1 - q / 2 + q * of.dev_areas[:, AREA_QUALITY]) * (
        1 - c.goodwill_effect / 2 + c.goodwill_effect * of.goodwill
    )
    follow_active = of.followup_factor[:, GROUP_POOL]  # (office, group)
    base = u.by_group("exit_work")[None, :] * office[:, None]
    t = np.empty((model.n_offices, len(NeedGroup), 2, 2, 2))
    strong = model.inputs.strong_weight**u.followup_elasticity  # non-complex, active only
    # specialised roles make active follow-up more effective (ch5_9 §2.2, §9)
    active = base * follow_active * office_size.specialisation_factor(model)[:, None]
    t[:, :, 0, 0, :] = (active * strong)[:, :, None]
    t[:, :, 0, 1, :] = active[:, :, None]
    t[:, :, 1, :, :] = (base * u.waiting_work_factor)[:, :, None, None]
    coop = np.array([1 - u.no_cooperation_penalty, 1 + u.cooperation_effect])
    t[:, :, :, 1, :] *= coop
    return t


def labour_factor(model: NavPartnershipModel) -> np.ndarray:
    """The local labour market's factor on exits to work, per municipality (M28).

    The office's knowledge of it thins with the distance to its seat
    (``office_size.knowledge_factor``: exactly 1 where the municipality hosts).
    """
    u, mu = model.cfg.users, model.munis
    return (
        (1 + u.labour_market_sensitivity * mu.density_z)
        * model.inputs.regional_demand
        * mu.local_demand
        * office_size.knowledge_factor(model)
    )


def duration_table(model: NavPartnershipModel, longest: int) -> np.ndarray:
    """Duration dependence exp(-d t / 12) for t = 0..longest months (ch1_4 §6 M19)."""
    d = model.cfg.users.duration_dependence
    return np.exp(-d * np.arange(longest + 1) / MONTHS_PER_YEAR)


def count_failed_placements(model: NavPartnershipModel, placed: np.ndarray) -> None:
    """Placements from follow-up that fail without enough follow-up use up employers (M2).

    Args:
        model: The model.
        placed: Indices of users placed in work from active follow-up.
    """
    c, users, of = model.cfg.cooperation, model.users, model.offices
    shortfall = np.clip(1 - of.followup_factor, 0, 1)
    o = users.office[placed]
    of.failed_placements = np.bincount(
        o,
        weights=c.placement_failure_base + shortfall[o, GROUP_POOL[users.group[placed]]],
        minlength=model.n_offices,
    )


def start_follow_up(model: NavPartnershipModel, queue: np.ndarray) -> None:
    """Waiting users start follow-up as capacity allows (ch5_9 §5: 217 days mean wait).

    Reduced-capacity users start more slowly (``start_rate_weight_reduced_capacity``);
    complex cases more slowly still once the office's opening hours are cut
    (``weak_access``, 003 C25), and the more slowly the farther they live from their
    office's seat (``office_size.reach_factor``; 003 §5.2: "Svake grupper må
    håndteres lokalt").

    Args:
        model: The model.
        queue: Indices of the users still waiting.
    """
    u, users, of, fl = model.cfg.users, model.users, model.offices, model.flows
    n_off = model.n_offices
    weight = np.ones(len(NeedGroup))
    weight[NeedGroup.REDUCED_CAPACITY] = u.start_rate_weight_reduced_capacity
    ratio = np.clip(of.hours_ratio[:, GROUP_POOL], *START_RATIO_RANGE)  # (office, group)
    rate = u.start_rate * weight[None, :] * ratio
    table = np.zeros((n_off, len(NeedGroup), 2, 2))  # indexed by the users' key
    table[:, :, 1, 0] = 1 - np.exp(-rate)
    table[:, :, 1, 1] = 1 - np.exp(-rate * model.inputs.weak_access)  # complex cases
    key = users.key[queue]
    p = table.ravel()[key]
    reach = office_size.reach_factor(model)  # weak groups far from the office reach it less
    if reach.min() < 1.0:
        weak = np.flatnonzero(key & 1)  # complex cases
        p[weak] *= reach[users.muni[queue[weak]]]
    started = queue[model.rng.random(len(queue)) < p]
    waits = users.start(started, model.month)
    o = users.office[started]
    fl.starts = np.bincount(o, minlength=n_off)
    of.n_waiting -= fl.starts
    fl.wait_sum = np.bincount(o, weights=waits, minlength=n_off)
    fl.started_waits = waits
    fl.started_groups = users.group[started]
