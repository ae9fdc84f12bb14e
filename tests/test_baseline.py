"""Regression against a stored baseline run (Covasim style).

If a change of model behaviour is intended, rewrite the baseline with
``python tests/update_baseline.py`` and commit it with the change.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import update_baseline as ub

HINT = (
    "the model's output differs from tests/baseline/agder_seed1.json; if the change is "
    "intended, run `python tests/update_baseline.py` and commit the new baseline"
)


@pytest.fixture(scope="module")
def stored() -> dict:
    assert ub.BASELINE.is_file(), "missing baseline: run `python tests/update_baseline.py`"
    return json.loads(ub.BASELINE.read_text())


@pytest.fixture(scope="module")
def fresh() -> dict:
    return ub.compute()


def _as_float(values: list) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def test_baseline_file_is_complete(stored):
    assert stored["config"] == {"region": "agder", "months": 36, "burn_in": 12, "seed": 1}
    assert stored["months"] == list(range(0, 37, 6))
    assert set(stored["columns"]) == set(ub.COLUMNS)
    for c, values in stored["columns"].items():
        assert len(values) == len(stored["months"]), c
    assert np.array(stored["exit_counts"]).shape == (4, 3)


def test_months_match(stored, fresh):
    assert fresh["months"] == stored["months"], HINT


@pytest.mark.parametrize("column", ub.COLUMNS)
def test_model_column_matches_baseline(stored, fresh, column):
    np.testing.assert_allclose(
        _as_float(fresh["columns"][column]),
        _as_float(stored["columns"][column]),
        rtol=1e-9,
        atol=0,
        equal_nan=True,
        err_msg=f"{column}: {HINT}",
    )


def test_exit_counts_match_baseline(stored, fresh):
    np.testing.assert_allclose(
        np.array(fresh["exit_counts"], float),
        np.array(stored["exit_counts"], float),
        rtol=1e-9,
        atol=0,
        err_msg=f"exit_counts: {HINT}",
    )
