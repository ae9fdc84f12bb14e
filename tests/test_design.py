"""navsim-design: Morris and Sobol return indices with intervals for every parameter in the
design; LHS samples the declared ranges; a finished design re-run rewrites no file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.design import (
    analyse,
    parse_args,
    problem_for,
    run_design,
    sample,
    sweepable,
)
from sim.config import ConfigError, iter_parameters

PARAMS = ["users.cooperation_effect", "staff.quit_rate", "partnership.trust_gain"]
OUTCOMES = ["exit_rate", "trust_owners"]
BASE = ["region=agder", "months=12", "burn_in=6", "progress=false", "workers=1"]


def design_args(method: str, n: int, out) -> list[str]:
    return [
        "--method",
        method,
        "--n",
        str(n),
        "--replications",
        "2",
        "--outcomes",
        ",".join(OUTCOMES),
        "--params",
        ",".join(PARAMS),
        "--resamples",
        "200",
        "--out",
        str(out),
        *BASE,
    ]


@pytest.mark.parametrize(
    ("method", "n", "indices"),
    [("sobol", 2, ("S1", "ST")), ("morris", 2, ("mu_star",))],
)
def test_small_design_gives_indices_with_intervals_for_every_parameter(
    tmp_path, capsys, method, n, indices
):
    assert run_design(parse_args(design_args(method, n, tmp_path))) == 0
    out = capsys.readouterr().out
    points = pd.read_parquet(tmp_path / "design.parquet")
    expected_points = n * (len(PARAMS) + (2 if method == "sobol" else 1))
    assert len(points) == expected_points
    summary = pd.read_parquet(tmp_path / "summary.parquet")
    assert len(summary) == expected_points * 2
    # replicate k of every point shares a seed (paired comparisons)
    assert summary.groupby("replicate")["spawn_key"].nunique().eq(1).all()

    idx = pd.read_parquet(tmp_path / "indices.parquet")
    for outcome in OUTCOMES:
        for index in indices:
            rows = idx[(idx["outcome"] == outcome) & (idx["index"] == index)]
            assert sorted(rows["parameter"]) == sorted(PARAMS)
            assert np.isfinite(rows[["value", "conf", "lo", "hi", "width"]]).all().all()
            assert (rows["width"] >= 0).all()
            assert np.allclose(rows["hi"] - rows["lo"], rows["width"])
    assert "interval widths" in out
    assert out.strip().splitlines()[-1] == (
        f"navsim: {expected_points * 2} succeeded, 0 failed, 0 skipped"
    )
    assert (tmp_path / "indices.csv").is_file()

    # the same command again: nothing runs and no file is rewritten
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file()}
    assert run_design(parse_args(design_args(method, n, tmp_path))) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == f"navsim: 0 succeeded, 0 failed, {expected_points * 2} skipped"
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_default_parameters_are_every_declared_sweep_range():
    declared = [k for k, _, meta in iter_parameters() if meta.get("sweep") is not None]
    assert list(sweepable()) == declared
    assert len(declared) > 100
    problem = problem_for(declared)
    for method, n, rows in (("sobol", 2, 2 * (len(declared) + 2)), ("lhs", 8, 8)):
        x = sample(method, problem, n, seed=1)
        assert x.shape == (rows, len(declared))
        lo, hi = np.asarray(problem["bounds"]).T
        assert (x >= lo - 1e-12).all() and (x <= hi + 1e-12).all()


def test_lhs_sample_and_delta_indices_with_intervals():
    problem = problem_for(PARAMS)
    x = sample("lhs", problem, 64, seed=3)
    assert x.shape == (64, 3)
    # a Latin hypercube: each of the 64 strata of every parameter holds one point
    lo, hi = np.asarray(problem["bounds"]).T
    strata = np.floor((x - lo) / (hi - lo) * 64).astype(int)
    assert all(len(set(strata[:, j])) == 64 for j in range(3))
    assert np.array_equal(x, sample("lhs", problem, 64, seed=3))
    y = 10 * (x[:, 0] - lo[0]) / (hi[0] - lo[0]) + np.random.default_rng(0).normal(0, 0.1, 64)
    idx = analyse("lhs", problem, x, y, "y", resamples=100, conf_level=0.95, levels=4, seed=1)
    delta = idx[idx["index"] == "delta"].set_index("parameter")
    assert sorted(delta.index) == sorted(PARAMS)
    assert delta["value"].idxmax() == PARAMS[0]
    assert np.isfinite(delta["width"]).all()


def test_unknown_parameter_is_refused(tmp_path):
    args = design_args("sobol", 2, tmp_path)
    args[args.index("--params") + 1] = "users.no_such_thing"
    with pytest.raises(Exception, match="users.no_such_thing"):
        run_design(parse_args(args))


def test_paired_design_analyses_the_policy_minus_base_difference(tmp_path, capsys):
    """--versus: each point runs twice on the same seeds; the indices and the sign
    table are of the difference, which equals the two arms' summaries subtracted."""
    args = design_args("morris", 1, tmp_path)
    args[args.index("--params") + 1] = "users.cooperation_effect,staff.quit_r*"
    args[args.index("--replications") + 1] = "1"
    args += ["--versus", "scenario=host_office scenario.month=3"]
    assert run_design(parse_args(args)) == 0
    out = capsys.readouterr().out
    summary = pd.read_parquet(tmp_path / "summary.parquet")
    base = summary[summary["arm"] == "base"].set_index("point")
    policy = summary[summary["arm"] == "versus"].set_index("point")
    assert len(base) == len(policy) == 3  # r(D+1) points, D = 2 (the glob gave one key)
    assert (base["spawn_key"] == policy["spawn_key"]).all()  # common random numbers
    diffs = pd.read_parquet(tmp_path / "differences.parquet").set_index("point")
    for o in OUTCOMES:
        assert np.allclose(diffs[o], policy[o] - base[o])
        assert not np.allclose(diffs[o], 0)  # the host office changes something
    signs = pd.read_parquet(tmp_path / "signs.parquet")
    assert set(signs["parameter"]) == {"users.cooperation_effect", "staff.quit_rate"}
    for o in OUTCOMES:
        rows = signs[signs["outcome"] == o]
        assert np.allclose(rows["positive_share"], (diffs[o] > 0).mean())
        assert np.allclose(rows["mean"], diffs[o].mean())
    assert "- base > 0 in" in out
    assert (tmp_path / "point_0" / "versus" / "rep_0" / "run.json").is_file()


def test_params_accept_patterns_and_refuse_one_matching_nothing():
    from experiments.design import expand_params

    assert expand_params("staff.quit_r*,staff.quit_rate") == ["staff.quit_rate"]
    with pytest.raises(ConfigError, match="matches no parameter"):
        expand_params("nosuchgroup.*")
    with pytest.raises(ConfigError, match="--versus"):
        run_design(parse_args(["--versus", " ", "--out", "/nonexistent/x", *BASE]))
