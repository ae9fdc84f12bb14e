"""Office size on both sides: what a larger office gains and what distance costs (ODD 7.16).

Gains of size (ch5_9 §2.2, §4 items 8-9, §9; parameters ``size.*``):

* specialisation: above ``specialisation_threshold`` effective staff an office can hold
  specialised roles; the level 1 - exp(-(S_eff - threshold) / scale) raises the
  exit-to-work hazard of active follow-up by (1 + gain x level), relative to an office
  of ``reference_staff`` (``specialise``);
* shared specialists (tjenesteområder): the effective size counts a share of the staff
  of the other offices of the county whose seat lies within a radius
  (``share_specialists``), so merging gains less where offices already share;
* absence cover: a person's absent hours (``absence_rate``) are covered by colleagues of
  the same employer pool only as the pool allows, uncovered share
  1 / (1 + cover x (pool - 1)) (``cover_absence``);
* overhead: ``overhead_hours`` per office per month come out of staff hours, a larger
  share in a small office (``carry_overhead``).

The size factors are normalised to 1 at ``reference_staff`` (the knock-outs keep the
normaliser: switching a gain off removes it, it does not recalibrate).

Cost of distance (ch1_4 M28; 003 §5.1, §5.2): each municipality's distance from its
centroid to its office's seat (the host's centroid) lowers its waiting complex cases'
start rate (weak groups, 003 §5.2) and the exit-to-work hazard by 1 - effect x (1 - exp(-d / scale))
(``weaken_with_distance``); the distance is 0, the factor exactly 1, where the office
serves one municipality (or districts of one city).

Deterministic: no random draws. Reads ``offices`` (staff, host, director), ``staff``
(office, post), ``pairs``, ``munis.users``. Writes ``offices.effective_staff``,
``specialisation``, ``absence_lost``, ``overhead_share`` and ``munis.distance_km``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.data.geography import centroid_distance_km
from sim.vocabulary import Employer

if TYPE_CHECKING:
    from sim.config import SizeParams
    from sim.model import NavPartnershipModel

REFERENCE_POOL_SHARE = 0.5  # ch5_9 §2.2 (L6691): 51% municipal, 49% state staff
WEIGHT_FLOOR = 1e-12  # numerical guard: no division by a zero weight


def update_office_size(model: NavPartnershipModel) -> None:
    """This month's size quantities per office (phase 2a, before the hours are split)."""
    p, of, on = model.cfg.size, model.offices, model.on
    measure_distances(model)
    staff = of.n_staff.astype(float)
    if on.share_specialists and p.shared_specialist_share > 0:
        staff = staff + p.shared_specialist_share * (nearby_offices(model) @ staff)
    of.effective_staff = staff
    of.specialisation = (
        specialisation_level(staff, p) if on.specialise else np.zeros(model.n_offices)
    )
    hours = np.maximum(of.n_staff, 1) * model.cfg.staff.hours_per_month
    of.overhead_share = (
        np.minimum(p.overhead_hours / hours, 1.0) if on.carry_overhead else np.zeros(len(hours))
    )


def specialisation_level(staff: np.ndarray | float, p: SizeParams) -> np.ndarray:
    """Share of specialised roles an office of ``staff`` effective staff can hold, [0, 1].

    Args:
        staff: Effective staff per office.
        p: The size parameters.

    Returns:
        0 up to ``specialisation_threshold``, rising towards 1 with ``specialisation_scale``.
    """
    above = np.maximum(np.asarray(staff, float) - p.specialisation_threshold, 0.0)
    return 1.0 - np.exp(-above / p.specialisation_scale)


def specialisation_factor(model: NavPartnershipModel) -> np.ndarray:
    """Factor on the exit-to-work hazard of active follow-up, 1 at ``reference_staff``."""
    p = model.cfg.size
    ref = 1.0 + p.specialisation_gain * specialisation_level(p.reference_staff, p)
    return (1.0 + p.specialisation_gain * model.offices.specialisation) / ref


def overhead_excess(model: NavPartnershipModel) -> np.ndarray:
    """Share of hours the overhead takes beyond what it takes in a reference office."""
    p = model.cfg.size
    ref = p.overhead_hours / (p.reference_staff * model.cfg.staff.hours_per_month)
    return model.offices.overhead_share - ref


def uncovered_share(pool: np.ndarray | float, cover: float) -> np.ndarray:
    """Share of an absent person's hours no colleague of the same pool covers.

    Args:
        pool: Staff in the employer pool (the absent person included).
        cover: Cover per colleague (0: nothing is covered, whatever the size).

    Returns:
        1 for a pool of one, falling with the pool's size.
    """
    return 1.0 / (1.0 + cover * (np.maximum(np.asarray(pool, float), 1.0) - 1.0))


def presence_factor(model: NavPartnershipModel) -> np.ndarray:
    """Each post's follow-up hours after uncovered absence, relative to a reference office.

    Sets ``offices.absence_lost`` (share of hours lost, staff mean per office).

    Returns:
        One factor per staff post, 1 in a pool of a reference office's size.
    """
    p, st, of = model.cfg.size, model.staff, model.offices
    n = model.n_offices
    cell = st.office * 2 + (st.post == Employer.MUNICIPAL)
    pool = np.bincount(cell, minlength=2 * n)  # (office, employer) pools
    cover = p.absence_cover if model.on.cover_absence else 0.0
    lost = p.absence_rate * uncovered_share(pool, cover)
    ref_pool = REFERENCE_POOL_SHARE * p.reference_staff
    ref = 1.0 - p.absence_rate * uncovered_share(ref_pool, p.absence_cover)
    of.absence_lost = (lost * pool).reshape(n, 2).sum(axis=1) / np.maximum(of.n_staff, 1)
    return ((1.0 - lost) / ref)[cell]


def nearby_offices(model: NavPartnershipModel) -> np.ndarray:
    """Offices of the same county whose seats lie within the radius (0/1, no self; cached).

    Returns:
        An offices x offices matrix.
    """
    of, cache = model.offices, model.cache
    radius = model.cfg.size.shared_specialist_radius_km
    county = np.array([d.county_id for d in of.director])
    key = (of.host.tobytes(), county.tobytes())
    if cache.get("nearby_key") != key:
        d = municipality_distances(model)[np.ix_(of.host, of.host)]
        near = (d <= radius) & (county[:, None] == county[None, :])
        np.fill_diagonal(near, False)
        cache["nearby"] = near.astype(float)
        cache["nearby_key"] = key
    return cache["nearby"]


def municipality_distances(model: NavPartnershipModel) -> np.ndarray:
    """Centroid distances between the region's municipalities, km (cached: none moves)."""
    if "muni_distances" not in model.cache:
        ids = [m.municipality_id for m in model.municipalities]
        model.cache["muni_distances"] = centroid_distance_km(ids)
    return model.cache["muni_distances"]


def measure_distances(model: NavPartnershipModel) -> None:
    """Each municipality's distance to its office's seat, km (``munis.distance_km``).

    Straight-line distance from the municipality's centroid to its office's host's
    centroid, population-weighted over the offices serving it; 0 where the
    municipality hosts (one-municipality offices, a city's districts). Recomputed only
    when the office map changes.
    """
    pr, of, mu, cache = model.pairs, model.offices, model.munis, model.cache
    key = (pr.office.tobytes(), pr.muni.tobytes(), of.host.tobytes())
    if cache.get("distance_key") == key and mu.distance_km is not None:
        return
    host = of.host[pr.office]
    d = np.where(host == pr.muni, 0.0, municipality_distances(model)[pr.muni, host])
    n = len(model.municipalities)
    pop = np.bincount(pr.muni, weights=pr.pop, minlength=n)
    mu.distance_km = np.bincount(pr.muni, weights=d * pr.pop, minlength=n) / np.maximum(
        pop, WEIGHT_FLOOR
    )
    cache["distance_key"] = key


def distance_factor(model: NavPartnershipModel, effect: float) -> np.ndarray:
    """1 - effect x (1 - exp(-distance / scale)) per municipality (1 when switched off).

    Args:
        model: The model.
        effect: The largest cut (``distance_reach_effect`` or ``distance_knowledge_effect``).

    Returns:
        One factor per municipality, exactly 1 at distance 0.
    """
    d = model.munis.distance_km
    if not model.on.weaken_with_distance or effect == 0:
        return np.ones(len(d))
    return 1.0 - effect * (1.0 - np.exp(-d / model.cfg.size.distance_scale_km))


def reach_factor(model: NavPartnershipModel) -> np.ndarray:
    """Factor on waiting complex cases' start rate per municipality (003 §5.2: weak groups)."""
    return distance_factor(model, model.cfg.size.distance_reach_effect)


def knowledge_factor(model: NavPartnershipModel) -> np.ndarray:
    """Factor on the exit-to-work hazard per municipality (ch1_4 M28: local overview)."""
    return distance_factor(model, model.cfg.size.distance_knowledge_effect)


def users_mean(model: NavPartnershipModel, values: np.ndarray) -> np.ndarray:
    """Mean over each office's users of a per-municipality value.

    A municipality's users are split between its offices by population (a city's
    districts); no pass over the users.

    Args:
        model: The model.
        values: One value per municipality.

    Returns:
        One value per office (0 for an office without users).
    """
    pr, mu = model.pairs, model.munis
    share = pr.pop / np.maximum(mu.population[pr.muni], WEIGHT_FLOOR)
    users = mu.users[pr.muni] * share
    num = np.bincount(pr.office, weights=users * values[pr.muni], minlength=model.n_offices)
    den = np.bincount(pr.office, weights=users, minlength=model.n_offices)
    return num / np.maximum(den, WEIGHT_FLOOR)
