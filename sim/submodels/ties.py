"""Ties: joint cases and arenas build ties; without contact they decay (ODD 7.10).

Coop M9, M12, M13.

Reads ``flows.contacts``, ``offices`` (employer hours, staff, relations area) and the
compiled governance (the 2021 duty's arenas). Writes ``staff.ties``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.vocabulary import AREA_RELATIONS, ServiceKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

CONTACTS_PER_STAFF_MAX = 5.0  # numerical guard: ties saturate beyond five contacts a month


def update_ties(model: NavPartnershipModel) -> None:
    """Decay towards the base tie; growth from contacts per staff member and arenas."""
    c, st, of = model.cfg.cooperation, model.staff, model.offices
    st.ties -= c.tie_decay * (st.ties - c.tie_base)
    if not model.on.build_ties:
        return
    staff = np.maximum(of.n_staff, 1)
    per_staff = model.flows.contacts / staff[:, None]
    per_staff[:, ServiceKind.EMPLOYERS] = of.employer_hours / staff / c.employer_tie_hours
    growth = c.tie_case_gain * np.minimum(per_staff, CONTACTS_PER_STAFF_MAX)
    arena = (of.dev_areas[:, AREA_RELATIONS] > c.arena_threshold) | model.gov.duty_2021
    growth[:, : ServiceKind.EMPLOYERS] += c.arena_gain * arena[:, None]
    st.ties += growth[st.office] * (1 - st.ties)
    np.clip(st.ties, 0, 1, out=st.ties)
