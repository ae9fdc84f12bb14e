"""The runner writes the recorder's columns as Arrow and sums the summary in numpy.

Both skip pandas for speed; these tests hold them to what pandas would give: the same
frames read back (values and dtypes) and the same bits in every summary outcome.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from experiments.replication import identified_table, summary_row, window_mean
from sim.config import ScenarioConfig
from sim.recording import OUTCOMES, RECORDED_TABLES


def pandas_summary(model_df: pd.DataFrame, window: int) -> dict[str, float]:
    """The summary outcomes computed the way the runner did before (pandas means)."""
    last = model_df[model_df.month > model_df.month.max() - window]
    row = {c: float(last[c].mean()) for c in OUTCOMES}
    row["exit_rate"] = float((last.exits_to_work / last.n_users.clip(lower=1)).mean())
    return row


def same_float(a: float, b: float) -> bool:
    return (np.isnan(a) and np.isnan(b)) or a == b


@pytest.fixture(scope="module")
def merger_model(small_config):
    """A run with a merger, so ``offices_lineage`` has rows."""
    from conftest import run_model

    scenario = ScenarioConfig(name=["municipal_merger"], month=3)
    return run_model(small_config(scenario=scenario), seed=2)


@pytest.mark.parametrize(
    "values",
    [
        [1.0, 2.0, 4.0],
        [np.nan, 0.1, 0.2, 0.7],
        [np.nan, np.nan],
        [3, 5, 8],
        list(np.linspace(0, 1, 13)),
    ],
    ids=["floats", "with NaN", "all NaN", "integers", "thirteen"],
)
def test_window_mean_has_the_bits_of_the_pandas_mean(values):
    assert same_float(window_mean(np.array(values)), float(pd.Series(values).mean()))


@pytest.mark.parametrize("window", [1, 5, 12, 100])
def test_summary_row_equals_the_pandas_summary(small_model, window):
    columns = small_model.recorder.columns("model")
    expected = pandas_summary(pd.DataFrame(columns), window)
    row = summary_row(columns, window, {"run_id": "x"})
    assert row["run_id"] == "x"
    for c, value in expected.items():
        assert same_float(row[c], value), c


def test_written_tables_read_back_as_the_recorder_frames(small_model, merger_model):
    for model in (small_model, merger_model):
        for name in RECORDED_TABLES:
            expected = model.recorder.table(name)
            expected.insert(0, "replicate", 3)
            expected.insert(0, "run_id", "abc")
            buf = io.BytesIO()
            pq.write_table(identified_table(model.recorder.columns(name), "abc", 3), buf)
            got = pd.read_parquet(io.BytesIO(buf.getvalue()))
            if expected.empty:  # an empty table keeps its columns, typed
                assert list(got.columns) == list(expected.columns), name
                continue
            pd.testing.assert_frame_equal(got, expected, check_dtype=True, obj=name)
    assert len(merger_model.recorder.columns("offices_lineage")["month"]) > 0
