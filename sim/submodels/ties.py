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

Inside the office (``update_internal_ties``): each person's tie to the office's staff
of the other employer grows with the work they share with them (co-location, a
mixed-employer team, the other line's tasks they do; less in a two-leader office),
decays without it (coop M9, M12, M13; 003 C9, §6.3), is strained by different pay and
terms (003 §8 fact 12; C11) and is lost when the person leaves (a new person knows
none of them). The office's mean is its ``internal_cooperation`` (DESIGN §6). Reads
``staff`` (employer, task shares), ``offices`` (leader model, area 9) and the
compiled governance (mixed teams, harmonised terms). Writes ``staff.internal_tie``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.submodels.staff_dynamics import felt_pay_gap, pay_gap_active
from sim.vocabulary import AREA_RELATIONS, N_KINDS, Employer, LeaderModel, ServiceKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

CONTACTS_PER_STAFF_MAX = 5.0  # numerical guard: ties saturate beyond five contacts a month
RATE_FLOOR = 1e-12  # numerical guard: no division by zero rates of an internal tie


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


def shared_work(model: NavPartnershipModel) -> np.ndarray:
    """How much of each person's work they share with the other employer's staff, [0, 1].

    ``colocation_contact`` (003 C9) + ``mixed_team_contact`` in a mixed-employer team
    (003 §6.3) + the share of their follow-up time on the other line's tasks (a
    municipal employee's state tasks, a state employee's municipal ones), less
    ``two_leader_separation`` of it in a two-leader office (ch5_9 §3.4: «mine» og
    «dine» ansatte).
    """
    s, st = model.cfg.staff, model.staff
    other_line = np.where(st.post == Employer.MUNICIPAL, st.task_state, 1 - st.task_state)
    two = np.array([lm == LeaderModel.two_leaders for lm in model.offices.leader_model])
    work = s.colocation_contact + s.mixed_team_contact * model.gov.mixed_teams + other_line
    return np.clip(work * (1 - s.two_leader_separation * two[st.office]), 0, 1)


def internal_tie_rates(model: NavPartnershipModel, building: bool) -> tuple[np.ndarray, np.ndarray]:
    """Each person's monthly gain and loss rates of the internal tie.

    Gain: ``internal_tie_gain`` x shared work (none unless ``building``). Loss:
    ``cooperation.tie_decay`` (ties fade without contact, coop M12, M13) plus
    ``dual_terms_strain`` x the office's felt pay gap while different terms are felt
    (003 §8 fact 12; C11; switched with ``compare_pay`` and ``harmonised_terms``).

    Args:
        model: The model.
        building: Whether shared work builds the ties (``build_ties``).

    Returns:
        (gain, loss) per staff post.
    """
    s, st = model.cfg.staff, model.staff
    gain = s.internal_tie_gain * shared_work(model) * building
    loss = np.full(len(st.office), model.cfg.cooperation.tie_decay)
    if pay_gap_active(model):
        loss = loss + s.dual_terms_strain * felt_pay_gap(model)[st.office]
    return gain, loss


def update_internal_ties(model: NavPartnershipModel) -> None:
    """A month of the ties between the office's state and municipal staff (ODD 7.12)."""
    st = model.staff
    gain, loss = internal_tie_rates(model, model.on.build_ties)
    st.internal_tie = np.clip(
        st.internal_tie + gain * (1 - st.internal_tie) - loss * st.internal_tie, 0, 1
    )


def settle_internal_ties(model: NavPartnershipModel) -> None:
    """Start each person's internal tie where its rates balance: gain / (gain + loss).

    Offices at the start are mature (DESIGN §5), whatever the switches: with
    ``build_ties`` off the ties then fade from there, as the ties to the service
    units do. Draws no random numbers.
    """
    gain, loss = internal_tie_rates(model, building=True)
    model.staff.internal_tie = gain / np.maximum(gain + loss, RATE_FLOOR)
