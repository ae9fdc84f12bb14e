"""Optimisations may reorder random draws, never change the model's distributions.

``tests/reference/agder_20_seeds.json`` holds the main outcomes of 20 seeds measured
before the performance work (``tests/update_reference.py``). Here the same seeds run
with the current code, and for each outcome a two-sample Kolmogorov-Smirnov test must
not reject equality at a Bonferroni-corrected 1% (family-wise) level. Before a change
that reorders draws the samples are identical; after it they are new draws from what
must be the same distribution.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parent))
import update_reference as ref  # noqa: E402

ALPHA = 0.01


@pytest.fixture(scope="module")
def samples() -> tuple[dict, dict]:
    """(reference, current) outcomes per seed."""
    reference = json.loads(ref.REFERENCE.read_text())
    assert reference["seeds"] == list(ref.SEEDS)
    rows = [ref.outcomes(s) for s in ref.SEEDS]
    current = {c: [r[c] for r in rows] for c in ref.OUTCOMES}
    return reference["outcomes"], current


@pytest.mark.parametrize("outcome", ref.OUTCOMES)
def test_outcome_distribution_matches_the_reference(samples, outcome):
    reference, current = samples
    a, b = np.asarray(reference[outcome]), np.asarray(current[outcome])
    assert len(a) == len(b) == 20
    p = stats.ks_2samp(a, b).pvalue
    assert p > ALPHA / len(ref.OUTCOMES), (
        f"{outcome}: the 20-seed distribution moved (KS p={p:.2g}); reference mean "
        f"{a.mean():.4g}, now {b.mean():.4g}. If the change is intended, refresh "
        "tests/reference with tests/update_reference.py in a commit that says why."
    )
