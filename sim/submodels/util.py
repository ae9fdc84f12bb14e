"""Small helpers the sub-models share."""

from __future__ import annotations

import numpy as np


def nudge(x: np.ndarray, target: np.ndarray | float, rate: np.ndarray | float) -> np.ndarray:
    """Move bounded states a fraction ``rate`` of the way to ``target`` (DESIGN §2b).

    Args:
        x: Current states.
        target: Where they move to.
        rate: Fraction of the gap closed, in [0, 1].

    Returns:
        The updated states, clipped to [0, 1].
    """
    return np.clip(x + rate * (target - x), 0.0, 1.0)
