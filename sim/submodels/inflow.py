"""Inflow: new users by population, labour market and need group (ODD 7.1; ch1_4 §2).

Reads ``pairs`` (population, inflow mix), ``inputs.inflow_factor``, ``users.*``
parameters. Writes ``users`` (appended), ``flows.inflow`` and, through
``outcomes.tally_users``, the office and municipal user counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.data import load_municipalities
from sim.regions import density_z
from sim.submodels.user_counts import tally_users
from sim.vocabulary import N_KINDS, NO_UNIT, Benefit, NeedGroup, UserStatus

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

# relative inflow gradient by density, per need group (jobseeker, situational, RCW, SA)
MIX_SIGN = np.array([0.0, 0.0, -1.0, 1.0])  # direction only: sizes are users.mix_density_gradient
EXIT_RATE_FLOOR = 1e-3  # numerical guard: no division by a zero exit rate in the stock


def admit_users(model: NavPartnershipModel) -> None:
    """Inflow by population, local labour market and need group (ch1_4 §2)."""
    pr = model.pairs
    lam = pr.pop[:, None] / 1000 * inflow_rates(model)[None, :] * pr.inflow_mix
    counts = model.rng.poisson(lam)
    create_users(model, counts)
    model.flows.inflow = np.bincount(
        pr.office, weights=counts.sum(axis=1), minlength=model.n_offices
    ).astype(np.int64)


def inflow_rates(model: NavPartnershipModel) -> np.ndarray:
    """Inflow per 1,000 inhabitants per month, per need group (a recession scales it)."""
    return model.cfg.users.by_group("inflow") * model.inputs.inflow_factor


def need_mix(model: NavPartnershipModel, place_z: np.ndarray) -> np.ndarray:
    """Relative inflow per need group by place (assumption, see ``mix_density_gradient``).

    Social assistance concentrates in dense, urban municipalities and health-related
    benefits in the periphery; each factor is normalised to a national mean of 1.

    Args:
        model: The model.
        place_z: Standardised log population density per catchment pair.

    Returns:
        A (pair x need group) matrix of factors.
    """
    g = model.cfg.users.mix_density_gradient
    data = load_municipalities()
    z_all = density_z(data)
    w = data.population.to_numpy(float)
    norm = np.average(np.exp(g * MIX_SIGN[None, :] * z_all[:, None]), axis=0, weights=w)
    return np.exp(g * MIX_SIGN[None, :] * place_z[:, None]) / norm[None, :]


def seed_user_stock(model: NavPartnershipModel) -> None:
    """Start the user stock near its steady state: expected stock per need group."""
    u, pr = model.cfg.users, model.pairs
    inflow = inflow_rates(model)
    exits = u.by_group("exit_work") + u.by_group("exit_other")
    stock = (
        pr.pop[:, None]
        / 1000
        * inflow[None, :]
        * pr.inflow_mix
        / np.maximum(exits, EXIT_RATE_FLOOR)
    )
    counts = model.rng.poisson(stock)
    create_users(model, counts, initial=True)


def create_users(
    model: NavPartnershipModel,
    counts: np.ndarray,
    initial: bool = False,
    forced_unit: int | None = None,
) -> None:
    """Create users from a (pair x need group) count matrix.

    Args:
        model: The model.
        counts: Users to create per catchment pair and need group.
        initial: Whether these form the starting stock (given months and status).
        forced_unit: The service unit every new user's case needs (refugees),
            instead of the drawn one.
    """
    u, rng, pr = model.cfg.users, model.rng, model.pairs
    pair_idx, group = np.nonzero(counts)
    reps = counts[pair_idx, group]
    pair = np.repeat(pair_idx, reps)
    group = np.repeat(group, reps).astype(np.int8)
    n = len(pair)
    if n == 0:
        return
    complex_share = u.by_group("complex_share")
    # the unit a complex case needs (coop §1; ch5_9 §5: psychiatric/MSK diagnoses);
    # employers are no service a case is referred to
    unit_p = np.array(
        [
            u.need_health,
            u.need_mental_health,
            u.need_child_welfare,
            u.need_housing,
            u.need_refugee,
            u.need_education,
            u.need_specialist_health,
            0.0,
        ]
    )
    unit_p = unit_p / unit_p.sum()
    is_complex = np.flatnonzero(rng.random(n) < complex_share[group])
    need_unit = np.full(n, NO_UNIT)
    need_unit[is_complex] = rng.choice(N_KINDS, len(is_complex), p=unit_p)
    if forced_unit is not None:
        need_unit = np.full(n, forced_unit)
    sa_share = np.array([u.sa_share_jobseeker, u.sa_share_situational, 0.0, 1.0])
    benefit = np.select(
        [
            group == NeedGroup.REDUCED_CAPACITY,
            rng.random(n) < sa_share[group],
            group == NeedGroup.JOBSEEKER,
        ],
        [Benefit.AAP, Benefit.SOCIAL_ASSISTANCE, Benefit.DAGPENGER],
        Benefit.NONE,
    )
    followup = np.select(
        [group == NeedGroup.JOBSEEKER, group == NeedGroup.REDUCED_CAPACITY], [0, 2], 1
    )
    cols = dict(
        office=pr.office[pair],
        muni=pr.muni[pair],
        group=group,
        benefit=benefit,
        followup=followup,
        need_unit=need_unit,
    )
    if initial:
        cols["months"] = rng.integers(0, u.initial_months_max, n)
        cols["status"] = np.where(
            rng.random(n) < u.initial_active_share, UserStatus.ACTIVE, UserStatus.WAITING
        )
    users = model.users
    start = len(users)
    users.append(**cols)
    if not initial:
        tally_users(model, np.arange(start, len(users)), +1)
