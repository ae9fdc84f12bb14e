"""Same seed and config -> identical bytes, whatever the workers; replicates are paired."""

from __future__ import annotations

import dataclasses
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from sim.config import GovernanceConfig

TABLES = ("offices", "municipalities", "actors", "model", "summary")
BASE = ["region=agder", "months=12", "burn_in=6"]
RUNS = {
    "a": [*BASE, "seed=3"],
    "a_again": [*BASE, "seed=3"],
    "b": [*BASE, "seed=4"],
    "r2w1": [*BASE, "seed=3", "replications=2", "workers=1"],
    "r2w2": [*BASE, "seed=3", "replications=2", "workers=2"],
    "r3w1": [*BASE, "seed=3", "replications=3", "workers=1"],
}


@pytest.fixture(scope="module")
def runs(run_cli, tmp_path_factory) -> dict[str, Path]:
    """All CLI runs of this module, two at a time (the subprocesses do the work)."""
    root = tmp_path_factory.mktemp("determinism")
    dirs = {name: root / name for name in RUNS}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(run_cli, args, dirs[name]) for name, args in RUNS.items()}
        results = {name: f.result() for name, f in futures.items()}
    for name, res in results.items():
        assert res.returncode == 0, f"{name}: {res.stderr}"
    return dirs


def _same_bytes(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()


def test_same_seed_gives_identical_tables(runs):
    for t in TABLES:
        assert _same_bytes(runs["a"] / f"{t}.parquet", runs["a_again"] / f"{t}.parquet"), t


def test_different_seed_gives_different_offices(runs):
    assert not _same_bytes(runs["a"] / "offices.parquet", runs["b"] / "offices.parquet")
    a = pd.read_parquet(runs["a"] / "offices.parquet")
    b = pd.read_parquet(runs["b"] / "offices.parquet")
    assert not a.exits_to_work.equals(b.exits_to_work)


def test_workers_do_not_change_results(runs):
    for k in (0, 1):
        for t in TABLES:
            f = f"rep_{k}/{t}.parquet"
            assert _same_bytes(runs["r2w1"] / f, runs["r2w2"] / f), f
    assert _same_bytes(runs["r2w1"] / "summary.parquet", runs["r2w2"] / "summary.parquet")


def test_replicate_seed_does_not_depend_on_replication_count(runs):
    for t in TABLES:
        f = f"rep_0/{t}.parquet"
        assert _same_bytes(runs["r2w1"] / f, runs["r3w1"] / f), f
    f = "rep_1/offices.parquet"
    assert _same_bytes(runs["r2w1"] / f, runs["r3w1"] / f)


def test_replicates_differ(runs):
    a = runs["r3w1"] / "rep_0" / "offices.parquet"
    b = runs["r3w1"] / "rep_1" / "offices.parquet"
    assert not _same_bytes(a, b)


def test_run_json_contents(runs):
    info = json.loads((runs["a"] / "run.json").read_text())
    for key in ("run_id", "seed_entropy", "spawn_key", "versions", "git_commit", "config"):
        assert key in info, key
    assert info["run_id"]
    assert info["seed_entropy"] == "3"
    assert info["spawn_key"] == [0]
    assert {"numpy", "mesa", "pandas"} <= set(info["versions"])
    assert isinstance(info["git_commit"], str) and info["git_commit"]
    gov = info["config"]["governance"]
    for name in (f.name for f in dataclasses.fields(GovernanceConfig)):
        assert name in gov, name
    assert info["config"]["months"] == 12 and info["config"]["burn_in"] == 6
    rep1 = json.loads((runs["r3w1"] / "rep_1" / "run.json").read_text())
    assert rep1["spawn_key"] == [1]
    assert rep1["seed_entropy"] == "3"


def test_run_id_constant_per_table_and_matches_run_json(runs):
    for d in (runs["a"], runs["r3w1"] / "rep_0", runs["r3w1"] / "rep_2"):
        info = json.loads((d / "run.json").read_text())
        for t in TABLES:
            df = pd.read_parquet(d / f"{t}.parquet")
            assert df.run_id.nunique() == 1, (d, t)
            assert df.run_id.iloc[0] == info["run_id"], (d, t)
            assert (df.replicate == info["replicate"]).all(), (d, t)


def test_run_ids_differ_between_replicates(runs):
    ids = [
        json.loads((runs["r3w1"] / f"rep_{k}" / "run.json").read_text())["run_id"] for k in range(3)
    ]
    assert len(set(ids)) == 3
    summary = pd.read_parquet(runs["r3w1"] / "summary.parquet")
    assert list(summary.replicate) == [0, 1, 2]
    assert list(summary.run_id) == ids
