"""Every pattern of the catalogue (``analysis/patterns/``) as a test of its own.

Nothing is restated here: each test takes its pattern's measure, test and tolerance
from the catalogue and applies the suite's rule over the suite's seeds, so a pattern's
numbers are written once, in its area's file. Each run is measured once per test
process and shared by the patterns that read it. Patterns needing only the default
Agder run and the national build run on every ``make test``; the others are marked
``slow`` (``make test`` runs them too: no marker is deselected).
"""

from __future__ import annotations

import numpy as np
import pytest

from analysis.patterns.catalogue import NOT_REPRODUCED, PATTERNS
from analysis.patterns.cli import DEFAULT_SEEDS, DEFAULT_WORKERS
from analysis.patterns.runs import Measures, run_all
from analysis.patterns.suite import Pattern, Result, evaluate, needed_runs


def params(patterns: list[Pattern]) -> list:
    """One pytest param per pattern, ``slow`` unless it needs only the fast runs."""
    return [pytest.param(p, id=p.id, marks=() if p.fast else pytest.mark.slow) for p in patterns]


@pytest.fixture(scope="module")
def measures():
    """``get(patterns)``: the measures of the runs they need, each run measured once."""
    cache: Measures = {}

    def get(patterns: list[Pattern]) -> Measures:
        missing = [r for r in needed_runs(patterns) if r not in cache]
        if missing:
            cache.update(run_all(missing, DEFAULT_SEEDS, DEFAULT_WORKERS, progress=False))
        return cache

    return get


def result_of(pattern: Pattern, measures) -> Result:
    (result,) = evaluate([pattern], measures([pattern]))
    return result


@pytest.mark.parametrize("pattern", params(PATTERNS))
def test_pattern_passes(pattern, measures):
    result = result_of(pattern, measures)
    assert result.passed, result.row()


@pytest.mark.parametrize("pattern", params(NOT_REPRODUCED))
def test_not_reproduced_pattern_is_measured_on_every_seed(pattern, measures):
    """Not gating: measured and reported, whatever the result (docs/validation.md)."""
    result = result_of(pattern, measures)
    assert result.values.shape == (DEFAULT_SEEDS,)
    assert np.isfinite(result.values).all(), result.row()
