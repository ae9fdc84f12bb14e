"""navsim-compare: paired differences vs the baseline (experiments/compare.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from experiments.compare import (
    RESULT_COLUMNS,
    CompareError,
    compare,
    default_outcomes,
    design_columns,
    load_summaries,
    main,
)

# --------------------------------------------------------------------------- helpers

REPO_ROOT = Path(__file__).resolve().parents[1]


def synthetic(points, values, seed="1", extra=None):
    """Summary rows: one per (point, replicate); ``values[i][k]`` is point i, replicate k."""
    rows = []
    for i, (point, vals) in enumerate(zip(points, values, strict=True)):
        for k, v in enumerate(vals):
            seed_k = seed[i] if isinstance(seed, list) else seed
            rows.append(
                {
                    "run_id": f"p{i}r{k}",
                    "replicate": k,
                    "seed_entropy": seed_k,
                    "spawn_key": f"[{k}]",
                    "region": "agder",
                    "scenario": "baseline",
                    "months": 24,
                    "governance.harmonised_terms": False,
                    "governance.meetings_per_year": 2,
                    **point,
                    "exits_to_work": float(v),
                    "moves_to_state": 2.0 * float(v),
                    **(extra or {}),
                }
            )
    return pd.DataFrame(rows)


def write_multirun(df, root):
    """Write summary rows as a multirun: ``root/<job>/rep_<k>/{summary.parquet,run.json}``."""
    points = df.groupby(design_columns(df), sort=False) if design_columns(df) else [(0, df)]
    for job, (_, point) in enumerate(points):
        for j in range(len(point)):
            row = point.iloc[[j]]
            d = root / str(job) / f"rep_{row.replicate.iloc[0]}"
            d.mkdir(parents=True)
            row.to_parquet(d / "summary.parquet", index=False)
            (d / "run.json").write_text("{}")
        point.to_parquet(root / str(job) / "summary.parquet", index=False)


HARMONISED = [{"governance.harmonised_terms": False}, {"governance.harmonised_terms": True}]


# --------------------------------------------------------------------------- a real multirun


@pytest.fixture(scope="module")
def multirun(tmp_path_factory):
    sweep = tmp_path_factory.mktemp("multirun")
    cmd = [
        sys.executable,
        "-m",
        "experiments.cli",
        "-m",
        "governance.harmonised_terms=false,true",
        "replications=4",
        "months=24",
        "burn_in=12",
        "progress=false",
        f"hydra.sweep.dir={sweep}",
    ]
    res = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    return sweep


def test_load_summaries_of_a_multirun(multirun):
    df = load_summaries(multirun)
    assert len(df) == 8 and df.run_id.is_unique
    assert sorted(df.job.unique()) == ["0", "1"]
    assert design_columns(df) == ["governance.harmonised_terms"]


def test_cli_prints_and_writes_the_table(multirun):
    cmd = [sys.executable, "-m", "experiments.compare", str(multirun), "--lang", "en"]
    res = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "governance.harmonised_terms=True  vs baseline governance.harmonised_terms=False" in out
    assert "moves to state posts per month" in out and "90% interval" in out
    table = pd.read_csv(multirun / "compare.csv")
    outcomes = default_outcomes(load_summaries(multirun))
    assert list(table.columns) == [*RESULT_COLUMNS, "governance.harmonised_terms"]
    assert list(table.outcome) == outcomes
    assert set(table.point) == {"governance.harmonised_terms=True"}
    assert set(table.baseline) == {"governance.harmonised_terms=False"}
    assert (table.n == 4).all() and (table.level == 0.9).all()
    assert (table.ci_low <= table.difference + 1e-12).all()
    assert (table.difference <= table.ci_high + 1e-12).all()
    # harmonised terms remove the pay-gap moves towards state posts
    moves = table.set_index("outcome").loc["moves_to_state"]
    assert moves.difference < 0 and moves.point_mean < moves.baseline_mean


def test_cli_bokmal_is_the_default(multirun, tmp_path, capsys):
    main([str(multirun), "--outcomes", "moves_to_state", "--out", str(tmp_path / "c.csv")])
    out = capsys.readouterr().out
    assert "overganger til statlig stilling per mnd" in out and "mot referanse" in out
    assert len(pd.read_csv(tmp_path / "c.csv")) == 1


# --------------------------------------------------------------------------- compare()


def test_known_paired_difference():
    base = [10.0, 20.0, 30.0, 40.0]
    shift = [0.4, 0.5, 0.6, 0.5]
    df = synthetic(HARMONISED, [base, np.add(base, shift)])
    res = compare(df, outcomes=["exits_to_work"]).iloc[0]
    assert res.n == 4
    assert res.difference == pytest.approx(0.5)
    assert res.baseline_mean == pytest.approx(25.0)
    assert res.difference_pct == pytest.approx(2.0)
    half = stats.t.ppf(0.95, 3) * np.std(shift, ddof=1) / 2
    assert res.ci_low == pytest.approx(0.5 - half) and res.ci_high == pytest.approx(0.5 + half)
    assert res.ci_low < 0.5 < res.ci_high
    assert res.same_sign_share == 1.0 and res.baseline == "governance.harmonised_terms=False"


def test_pairing_uses_replicates_not_row_order():
    rng = np.random.default_rng(3)
    base = rng.normal(100, 30, 8)
    df = synthetic(HARMONISED, [base, base + 1.0])
    expected = compare(df, outcomes=["exits_to_work"]).iloc[0]
    shuffled = df.sample(frac=1, random_state=5).reset_index(drop=True)
    got = compare(shuffled, outcomes=["exits_to_work"]).iloc[0]
    assert got.difference == pytest.approx(1.0) and expected.difference == pytest.approx(1.0)
    assert got.ci_high - got.ci_low == pytest.approx(0, abs=1e-9)


def test_unpaired_seeds_raise():
    df = synthetic(HARMONISED, [[1, 2, 3], [1, 2, 3]], seed=["1", "2"])
    with pytest.raises(CompareError, match="unpaired seeds"):
        compare(df)


def test_common_random_numbers_narrow_the_interval():
    rng = np.random.default_rng(11)
    common = rng.normal(0, 10, 10)  # the replicate's random numbers, shared by both points
    base = 50 + common + rng.normal(0, 0.2, 10)
    point = 51 + common + rng.normal(0, 0.2, 10)
    res = compare(synthetic(HARMONISED, [base, point]), outcomes=["exits_to_work"]).iloc[0]
    paired = res.ci_high - res.ci_low
    welch = stats.ttest_ind(point, base, equal_var=False).confidence_interval(0.90)
    assert paired < (welch.high - welch.low) / 10
    assert res.ci_low > 0 > welch.low  # the paired interval sees the effect


def test_one_pair_gives_no_interval_and_says_why():
    res = compare(synthetic(HARMONISED, [[1.0], [2.0]]), outcomes=["exits_to_work"]).iloc[0]
    assert res.n == 1 and res.difference == 1.0
    assert np.isnan(res.ci_low) and np.isnan(res.ci_high)
    assert "no interval" in res.note


def test_scenario_baseline_per_stratum():
    points = [
        {"scenario": s, "governance.budget": b}
        for b in ("separate", "joint")
        for s in ("baseline", "host_office")
    ]
    values = [[1, 2, 3], [2, 3, 4], [10, 20, 30], [15, 25, 35]]
    res = compare(synthetic(points, values), outcomes=["exits_to_work"])
    assert list(res.point) == [
        "scenario=host_office governance.budget=separate",
        "scenario=host_office governance.budget=joint",
    ]
    assert list(res.baseline) == [
        "scenario=baseline governance.budget=separate",
        "scenario=baseline governance.budget=joint",
    ]
    assert list(res["governance.budget"]) == ["separate", "joint"]
    assert list(res.difference) == pytest.approx([1.0, 5.0])


def test_scenario_settings_do_not_split_the_baseline():
    # a scenario's own settings vary with it (baseline rows have none)
    points = [
        {"scenario": "baseline", "scenario.host": None},
        {"scenario": "host_office", "scenario.host": "4204"},
        {"scenario": "host_office", "scenario.host": "4215"},
    ]
    res = compare(synthetic(points, [[1, 2], [2, 3], [4, 5]]), outcomes=["exits_to_work"])
    assert list(res.point) == [
        "scenario=host_office scenario.host=4204",
        "scenario=host_office scenario.host=4215",
    ]
    assert set(res.baseline) == {"scenario=baseline"}
    assert list(res.difference) == [1.0, 3.0]


def test_default_baseline_is_the_schema_default_and_can_be_named():
    points = [{"governance.meetings_per_year": m} for m in (4, 2, 6)]
    df = synthetic(points, [[2, 2], [1, 1], [3, 3]])
    res = compare(df, outcomes=["exits_to_work"])
    assert set(res.baseline) == {"governance.meetings_per_year=2"}
    assert list(res.difference) == [1.0, 2.0]
    res = compare(df, baseline={"governance.meetings_per_year": "4"}, outcomes=["exits_to_work"])
    assert list(res.point) == ["governance.meetings_per_year=2", "governance.meetings_per_year=6"]
    assert list(res.difference) == [-1.0, 1.0]
    flipped = compare(
        synthetic(HARMONISED, [[1, 1], [3, 3]]), baseline={"governance.harmonised_terms": "true"}
    )
    assert set(flipped.point) == {"governance.harmonised_terms=False"}


def test_load_summaries_deduplicates_and_falls_back(tmp_path):
    df = synthetic(HARMONISED, [[1, 2, 3], [2, 3, 4]])
    write_multirun(df, tmp_path)
    # job 1 lost one replication directory: its job-level summary still has the row
    for f in (tmp_path / "1" / "rep_2").iterdir():
        f.unlink()
    got = load_summaries(tmp_path)
    assert len(got) == 6 and got.run_id.is_unique
    assert list(got.job) == ["0"] * 3 + ["1"] * 3


# --------------------------------------------------------------------------- errors


def one_line_exit(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err.strip()
    assert exc.value.code == 2
    assert len(err.splitlines()) == 1 and err.startswith("navsim-compare: ")
    return err


def test_error_no_results(tmp_path, capsys):
    assert "no results" in one_line_exit([str(tmp_path)], capsys)


def test_error_single_design_point(tmp_path, capsys):
    write_multirun(synthetic([{}], [[1, 2, 3]]), tmp_path)
    assert "single design point" in one_line_exit([str(tmp_path)], capsys)


def test_error_no_baseline(tmp_path, capsys):
    points = [{"governance.meetings_per_year": m} for m in (4, 6)]
    write_multirun(synthetic(points, [[1, 2], [2, 3]]), tmp_path)
    err = one_line_exit([str(tmp_path)], capsys)
    assert "no baseline found" in err and "--baseline" in err
    err = one_line_exit([str(tmp_path), "--baseline", "governance.meetings_per_year=5"], capsys)
    assert "no baseline found" in err


def test_error_unpaired_seeds(tmp_path, capsys):
    write_multirun(synthetic(HARMONISED, [[1, 2], [2, 3]], seed=["1", "7"]), tmp_path)
    err = one_line_exit([str(tmp_path)], capsys)
    assert "unpaired seeds" in err and "seed=" in err


def test_error_unknown_outcome(tmp_path, capsys):
    write_multirun(synthetic(HARMONISED, [[1, 2], [2, 3]]), tmp_path)
    assert "unknown outcome" in one_line_exit([str(tmp_path), "--outcomes", "nope"], capsys)


def test_error_baseline_names_no_setting(tmp_path, capsys):
    write_multirun(synthetic(HARMONISED, [[1, 2], [2, 3]]), tmp_path)
    err = one_line_exit([str(tmp_path), "--baseline", "replicate=0"], capsys)
    assert "unknown setting" in err and "governance.harmonised_terms" in err


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_printed_table_writes_no_exponent(lang):
    """Issue 23: "1,684e+04" in the terminal table; numbers as people write them."""
    from experiments.compare import _num

    for x in (1.684e4, 3.719e7, -6.505e4, 6.824e-4, 0.6381, 1342.0, -3.975):
        text = _num(x, lang).strip()
        assert "e" not in text.lower(), text
    assert _num(3.719e7, lang).strip() == ("37\u00a0190\u00a0000" if lang == "nb" else "37,190,000")
    assert _num(-3.975, lang).strip() == ("\u22123,975" if lang == "nb" else "-3.975")
