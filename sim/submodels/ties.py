"""Ties: joint cases and arenas build ties; without contact they decay (ODD 7.12).

Coop M9, M12, M13; 003 §5.2 (the relationship "tåler ikke avstand").

Each staff post serves one municipality of its office (``staff.muni``), and its ties
are to that municipality's service units. With ``hold_ties_per_municipality`` the
office holds its ties per (office, municipality) pair (``Catchment``): a user's
contact reads the ties of the posts serving the user's own municipality, the
contacts grow the ties of those posts, and an office's arena time is spread over its
members' units (``tie_split_exponent``). Knocked out, the office holds one set of
ties for all its municipalities (the office-wide mean). In an office serving one
municipality the pair is the office, and both give the same numbers.

Reads ``flows.contacts``, ``flows.pair_contacts``, ``offices`` (employer hours,
staff, municipalities, relations area), ``pairs`` and the compiled governance (the
2021 duty's arenas). Writes ``staff.ties``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.vocabulary import AREA_RELATIONS, N_KINDS, ServiceKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

CONTACTS_PER_STAFF_MAX = 5.0  # numerical guard: ties saturate beyond five contacts a month


def pair_lookup(model: NavPartnershipModel) -> np.ndarray:
    """The catchment pair of each (office, municipality), -1 where none (office x muni)."""
    pr = model.pairs
    lookup = np.full((model.n_offices, len(model.municipalities)), -1, dtype=np.int64)
    lookup[pr.office, pr.muni] = np.arange(len(pr.office))
    return lookup


def staff_pairs(model: NavPartnershipModel, lookup: np.ndarray) -> np.ndarray:
    """The catchment pair each staff post serves (its office and municipality)."""
    return lookup[model.staff.office, model.staff.muni]


def pair_ties(model: NavPartnershipModel, tie_mean: np.ndarray, lookup: np.ndarray) -> np.ndarray:
    """Mean tie strength of the posts serving each pair's municipality (pair x kind).

    A pair without a post of its own (a small member of a shared office) is served
    by the office's staff at large: it reads the office-wide mean.

    Args:
        model: The model.
        tie_mean: The office-wide means (``cooperation.mean_ties``).
        lookup: ``pair_lookup``.

    Returns:
        One row per catchment pair.
    """
    st, pr = model.staff, model.pairs
    n_pairs = len(pr.office)
    slot_pair = staff_pairs(model, lookup)
    sums = np.stack(
        [np.bincount(slot_pair, weights=st.ties[:, k], minlength=n_pairs) for k in range(N_KINDS)],
        axis=1,
    )
    posts = np.bincount(slot_pair, minlength=n_pairs)
    ties = sums / np.maximum(posts, 1)[:, None]
    empty = posts == 0
    ties[empty] = tie_mean[pr.office[empty]]
    return ties


def update_ties(model: NavPartnershipModel) -> None:
    """Decay towards the base tie; growth from contacts per staff member and arenas."""
    c, st, of = model.cfg.cooperation, model.staff, model.offices
    st.ties -= c.tie_decay * (st.ties - c.tie_base)
    if not model.on.build_ties:
        return
    staff = np.maximum(of.n_staff, 1)
    employer = of.employer_hours / staff / c.employer_tie_hours
    arena = (of.dev_areas[:, AREA_RELATIONS] > c.arena_threshold) | model.gov.duty_2021
    if not model.on.hold_ties_per_municipality:
        per_staff = model.flows.contacts / staff[:, None]
        per_staff[:, ServiceKind.EMPLOYERS] = employer
        growth = c.tie_case_gain * np.minimum(per_staff, CONTACTS_PER_STAFF_MAX)
        growth[:, : ServiceKind.EMPLOYERS] += c.arena_gain * arena[:, None]
        st.ties += growth[st.office] * (1 - st.ties)
        np.clip(st.ties, 0, 1, out=st.ties)
        return
    # per (office, municipality) pair: the contacts of the pair's users grow the ties
    # of the posts serving that municipality; employers are the region's, not a
    # municipality's, so employer work grows every post's employer tie alike
    pr = model.pairs
    slot_pair = staff_pairs(model, pair_lookup(model))
    posts = np.maximum(np.bincount(slot_pair, minlength=len(pr.office)), 1)
    per_staff = model.flows.pair_contacts / posts[:, None]
    per_staff[:, ServiceKind.EMPLOYERS] = employer[pr.office]
    growth = c.tie_case_gain * np.minimum(per_staff, CONTACTS_PER_STAFF_MAX)
    # the office's arena time is spread over its members' units (1 for one municipality)
    spread = arena / np.maximum(of.n_munis, 1) ** c.tie_split_exponent
    growth[:, : ServiceKind.EMPLOYERS] += c.arena_gain * spread[pr.office, None]
    st.ties += growth[slot_pair] * (1 - st.ties)
    np.clip(st.ties, 0, 1, out=st.ties)
