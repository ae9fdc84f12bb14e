"""Reorganisation: the load of a merger or host arrangement, fading (ODD 7.11; 003 C13).

A reorganisation starts at an intensity and fades linearly over its months; while it
lasts it takes staff hours (``staff_time``), leader hours and development capacity
(``leaders``), attention (``owner_views``) and satisfaction (``staff_dynamics``).
Reads and writes ``offices.reorg_load``, ``reorg_left``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


def begin_reorganisation(
    model: NavPartnershipModel,
    offices: np.ndarray | list[int],
    months: int | None = None,
    intensity: float = 1.0,
) -> None:
    """Start a reorganisation load on offices (a merger or host arrangement, 003 §5).

    Args:
        model: The model.
        offices: Office indices.
        months: Duration; ``partnership.reorganisation_months`` if None.
        intensity: Load at the start, in [0, 1]; it fades linearly.
    """
    of = model.offices
    months = model.cfg.partnership.reorganisation_months if months is None else months
    idx = np.asarray(offices, dtype=np.int64)
    of.reorg_load[idx] = intensity
    of.reorg_left[idx] = months


def fade_reorganisation(model: NavPartnershipModel) -> None:
    """Reorganisation load fades linearly over its months."""
    of = model.offices
    active = of.reorg_left > 0
    of.reorg_load[active] -= of.reorg_load[active] / of.reorg_left[active]
    of.reorg_left[active] -= 1
    of.reorg_load[of.reorg_left == 0] = 0.0
