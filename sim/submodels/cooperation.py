"""Cooperation on complex cases and with employers (ODD 7.3; coop M1-M14).

A contact needs a tie to the right unit (coop M9, M13), passes the leader's gate
(M6), meets the unit's barrier (M14, 003 C19) and thins with caseload (M4).
Employers are won by a fixed contact person and used up by failed placements (M1,
M2). Reads ``staff.ties``, ``offices`` (gate, caseload, staff, host),
``munis.unit_barrier``, the users' cells. Writes ``offices.tie_mean``,
``complex_contacted``, ``goodwill``, ``flows.contacts`` and the users'
``last_contact``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.submodels.util import nudge
from sim.vocabulary import N_KINDS, ServiceKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

CONTACT_P_MAX = 0.95  # numerical guard: a contact is never certain


def mean_ties(model: NavPartnershipModel) -> np.ndarray:
    """Mean tie strength per office and service kind (office x kind)."""
    n, st = model.n_offices, model.staff
    tie_mean = np.stack(
        [np.bincount(st.office, weights=st.ties[:, k], minlength=n) for k in range(N_KINDS)],
        axis=1,
    )
    return tie_mean / np.maximum(model.offices.n_staff, 1)[:, None]


def cooperate_on_complex_cases(model: NavPartnershipModel) -> None:
    """Contacts with service units on complex cases, and employer contacts."""
    c, users, of = model.cfg.cooperation, model.users, model.offices
    n_off = model.n_offices
    of.tie_mean = tie_mean = mean_ties(model)
    caseload_ref = np.median(of.caseload) if n_off else 1.0
    caseload_f = (np.maximum(of.caseload, 1) / max(caseload_ref, 1)) ** -c.caseload_sensitivity
    size_f = (np.maximum(of.n_staff, 1) / c.size_reference) ** -c.size_sensitivity
    per_office = c.contact_rate * of.gate * model.gov.contact_duty * caseload_f * size_f
    base = per_office[:, None] * (c.tie_offset + tie_mean) / (c.tie_offset + c.tie_init_mean)
    # each user meets the units of their own municipality (in an office serving
    # several municipalities, each member's own units)
    barrier = model.munis.unit_barrier
    key = model.flows.user_key
    cand = np.flatnonzero((key & 3) == 1)  # active complex cases
    o, k = users.office[cand], users.need_unit[cand].astype(np.intp)
    p = base[o, k] * barrier[users.muni[cand], k]
    hit = model.rng.random(len(cand)) < np.clip(p, 0.0, CONTACT_P_MAX)
    users.last_contact[cand[hit]] = model.month
    contacts = np.bincount(o[hit] * N_KINDS + k[hit], minlength=n_off * N_KINDS).reshape(
        n_off, N_KINDS
    )
    contacts[:, ServiceKind.EMPLOYERS] = model.rng.poisson(
        of.employer_hours / c.hours_per_employer_contact
    )
    model.flows.contacts = contacts
    of.complex_contacted = np.bincount(o[hit], minlength=n_off)


def update_goodwill(model: NavPartnershipModel) -> None:
    """Employers are won by a fixed contact person and used up by failed placements (M1, M2)."""
    c, of = model.cfg.cooperation, model.offices
    person = np.clip(of.employer_hours / c.contact_person_hours, 0, 1)
    of.goodwill = nudge(of.goodwill, 1.0, c.goodwill_gain * person)
    if model.on.use_up_employers:
        failed = of.failed_placements / np.maximum(of.n_users, 1) * 100
        of.goodwill = nudge(of.goodwill, 0.0, np.clip(c.goodwill_use * failed, 0, 1))
