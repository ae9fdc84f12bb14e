"""User counts per office and municipality, kept current month by month (ODD 7.3).

A full count after set-up and structural events (``count_users``); between them the
counts follow inflow and exits (``tally_users``). Reads ``users``; writes
``offices.n_users``, ``n_users_complex``, ``n_waiting``, ``sa_cost`` and
``munis.users``, ``munis.sa_cost``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.vocabulary import Benefit, NeedGroup

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


def user_cells(model: NavPartnershipModel, keys: np.ndarray) -> np.ndarray:
    """Users by office, need group, waiting and complex case, from their cell keys.

    Args:
        model: The model.
        keys: The users' ``key`` (index into the (office, group, waiting, complex) grid).

    Returns:
        Counts of shape (offices, groups, 2, 2).
    """
    n_off = model.n_offices
    return np.bincount(keys, minlength=n_off * len(NeedGroup) * 4).reshape(
        n_off, len(NeedGroup), 2, 2
    )


def tally_users(model: NavPartnershipModel, idx: np.ndarray, sign: int) -> None:
    """Add (+1) or subtract (-1) users ``idx`` from the counts ``count_users`` makes.

    Args:
        model: The model.
        idx: Indices of users entering or leaving.
        sign: +1 for new users, -1 for leavers.
    """
    users, of, mu = model.users, model.offices, model.munis
    n_off, n_muni = model.n_offices, len(model.municipalities)
    cost = model.cfg.users.sa_monthly_cost
    kinds = user_cells(model, users.key[idx])
    of.n_users += sign * kinds.sum(axis=(1, 2, 3))
    of.n_users_complex += sign * kinds[:, :, :, 1].sum(axis=(1, 2))
    of.n_waiting += sign * kinds[:, :, 1, :].sum(axis=(1, 2))
    sa = idx[users.benefit[idx] == Benefit.SOCIAL_ASSISTANCE]
    of.sa_cost += sign * cost * np.bincount(users.office[sa], minlength=n_off)
    m = users.muni[idx]
    mu.users += sign * np.bincount(m, minlength=n_muni)
    mu.sa_cost += sign * cost * np.bincount(users.muni[sa], minlength=n_muni)


def count_users(model: NavPartnershipModel) -> None:
    """Users and social assistance cost per office and per municipality (ch1_4 §2.8)."""
    users, of, mu = model.users, model.offices, model.munis
    n_off, n_muni = model.n_offices, len(model.municipalities)
    cost = model.cfg.users.sa_monthly_cost
    on_sa = users.benefit == Benefit.SOCIAL_ASSISTANCE
    mu.sa_cost = np.bincount(users.muni[on_sa], minlength=n_muni) * float(cost)
    of.sa_cost = np.bincount(users.office[on_sa], minlength=n_off) * float(cost)
    kinds = user_cells(model, users.key)
    of.n_users = kinds.sum(axis=(1, 2, 3))
    of.n_users_complex = kinds[:, :, :, 1].sum(axis=(1, 2))
    of.n_waiting = kinds[:, :, 1, :].sum(axis=(1, 2))
    mu.users = np.bincount(users.muni, minlength=n_muni)
