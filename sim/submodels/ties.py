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

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.vocabulary import AREA_RELATIONS, N_KINDS, ServiceKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

CONTACTS_PER_STAFF_MAX = 5.0  # numerical guard: ties saturate beyond five contacts a month


PAIR_CACHE = "tie_pairs"  # model.cache key; sim.restructure.refresh_structure drops it


@dataclass(frozen=True)
class PairMap:
    """Who serves whom, per catchment pair (``Catchment`` row), for the ties.

    Attributes:
        lookup: The pair of each (office, municipality), -1 where none (office x muni).
        slot: The pair each staff post serves (its office and municipality).
        posts: Staff posts per pair.
    """

    lookup: np.ndarray
    slot: np.ndarray
    posts: np.ndarray


def pair_map(model: NavPartnershipModel) -> PairMap:
    """The pairs of the current office map (cached until the structure changes)."""
    pr, st = model.pairs, model.staff
    key = (model.n_offices, len(pr.office), len(st.office))
    cached = model.cache.get(PAIR_CACHE)
    if cached is not None and cached[0] == key:
        return cached[1]
    lookup = np.full((model.n_offices, len(model.municipalities)), -1, dtype=np.int64)
    lookup[pr.office, pr.muni] = np.arange(len(pr.office))
    slot = lookup[st.office, st.muni]
    assert (slot >= 0).all(), "a staff post serves a municipality its office does not serve"
    pairs = PairMap(lookup, slot, np.bincount(slot, minlength=len(pr.office)))
    model.cache[PAIR_CACHE] = (key, pairs)
    return pairs


def sum_ties(rows: np.ndarray, ties: np.ndarray, n: int) -> np.ndarray:
    """Sum of the staff's ties per row index and kind (n x kind), in staff order.

    One bincount over (row, kind): each cell adds the same values in the same order as
    a bincount per kind, so the sums are the same to the bit.
    """
    index = (rows[:, None] * N_KINDS + np.arange(N_KINDS)).ravel()
    return np.bincount(index, weights=ties.ravel(), minlength=n * N_KINDS).reshape(n, N_KINDS)


def pair_ties(model: NavPartnershipModel, tie_mean: np.ndarray, pairs: PairMap) -> np.ndarray:
    """Mean tie strength of the posts serving each pair's municipality (pair x kind).

    A pair without a post of its own (a small member of a shared office) is served
    by the office's staff at large: it reads the office-wide mean.

    Args:
        model: The model.
        tie_mean: The office-wide means (``cooperation.mean_ties``).
        pairs: ``pair_map``.

    Returns:
        One row per catchment pair.
    """
    sums = sum_ties(pairs.slot, model.staff.ties, len(pairs.posts))
    ties = sums / np.maximum(pairs.posts, 1)[:, None]
    empty = pairs.posts == 0
    ties[empty] = tie_mean[model.pairs.office[empty]]
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
    pr, pairs = model.pairs, pair_map(model)
    per_staff = model.flows.pair_contacts / np.maximum(pairs.posts, 1)[:, None]
    per_staff[:, ServiceKind.EMPLOYERS] = employer[pr.office]
    growth = c.tie_case_gain * np.minimum(per_staff, CONTACTS_PER_STAFF_MAX)
    # the office's arena time is spread over its members' units (1 for one municipality)
    spread = arena / np.maximum(of.n_munis, 1) ** c.tie_split_exponent
    growth[:, : ServiceKind.EMPLOYERS] += c.arena_gain * spread[pr.office, None]
    st.ties += growth[pairs.slot] * (1 - st.ties)
    np.clip(st.ties, 0, 1, out=st.ties)
