"""Executors: 1 vs 2 workers and process pool vs Dask give identical bytes; failures are data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from experiments import jobs, replication
from experiments.atomic import remove_stale_tmp
from experiments.executors import (
    PoolExecutor,
    SerialExecutor,
    Task,
    get_executor,
    shutdown_executors,
)
from experiments.schema import ExecutorKind, RunConfig
from sim.config import RegionConfig

SMALL = {"months": 12, "burn_in": 6, "seed": 5, "progress": False}


def config(**kw) -> RunConfig:
    return RunConfig(**{**SMALL, **kw})


def parquet_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.parquet"))}


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("executors")
    settings = {
        "serial": {"workers": 1},
        "pool2": {"workers": 2},
        "dask2": {"workers": 2, "executor": ExecutorKind.dask},
    }
    out = {}
    try:
        for name, kw in settings.items():
            out[name] = root / name
            summary = jobs.run(config(replications=4, **kw), out[name])
            assert list(summary["replicate"]) == [0, 1, 2, 3]
    finally:
        shutdown_executors()
    return out


def test_one_or_two_workers_and_pool_or_dask_give_identical_bytes(runs):
    ref = parquet_bytes(runs["serial"])
    assert len(ref) == 4 * 6 + 1  # 6 tables per replication + the job's summary
    for name in ("pool2", "dask2"):
        assert parquet_bytes(runs[name]) == ref, name


def test_one_worker_runs_in_a_process_of_its_own_when_pipelined(runs, tmp_path):
    """A multirun's job (``pipelined``) runs even workers=1 on a pool; same bytes as serial."""
    assert isinstance(get_executor("local", 1), SerialExecutor)
    try:
        job = jobs.start_job(config(replications=4, workers=1), tmp_path, pipelined=True)
        assert isinstance(job.executor, PoolExecutor)
        assert job.executor.pool._max_workers == 1
        summary, report = jobs.wait_job(job)
    finally:
        shutdown_executors()
    assert (report.succeeded, report.failed, report.skipped) == (4, 0, 0)
    assert list(summary["replicate"]) == [0, 1, 2, 3]
    assert parquet_bytes(tmp_path) == parquet_bytes(runs["serial"])


def test_a_sweep_collects_its_deferred_jobs_in_order_and_counts_every_job(tmp_path):
    """The sweep's state is an object: deferred jobs come back in start order, all counted."""
    sweep = jobs.Sweep()
    try:
        for name, seed, lang in (("a", 5, "nb"), ("b", 6, "en")):
            job = jobs.start_job(config(replications=2, seed=seed), tmp_path / name, True)
            sweep.defer(job, lang)
        done = sweep.finish(progress=False)
        summary, report = sweep.wait(jobs.start_job(config(replications=2), tmp_path / "a"))
    finally:
        shutdown_executors()
    assert [(job.out_dir.name, lang) for job, _, _, lang in done] == [("a", "nb"), ("b", "en")]
    assert [list(s["replicate"]) for _, s, _, _ in done] == [[0, 1], [0, 1]]
    assert not sweep.pending
    assert (report.succeeded, report.skipped) == (0, 2)  # job "a" again: complete on disk
    assert (sweep.tally.succeeded, sweep.tally.failed, sweep.tally.skipped) == (4, 0, 2)
    assert list(summary["replicate"]) == [0, 1]
    assert jobs.SWEEP is not sweep and not jobs.SWEEP.pending


def test_one_replication_rerun_alone_gives_the_same_bytes(runs, tmp_path):
    summary, report = jobs.run_job(config(replications=4, only_replicate=2), tmp_path)
    assert (report.succeeded, report.failed, report.skipped) == (1, 0, 0)
    assert list(summary["replicate"]) == [2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep_2"]
    assert parquet_bytes(tmp_path / "rep_2") == parquet_bytes(runs["serial"] / "rep_2")
    alone = json.loads((tmp_path / "rep_2" / "run.json").read_text())
    full = json.loads((runs["serial"] / "rep_2" / "run.json").read_text())
    for key in ("run_id", "seed", "seed_entropy", "spawn_key", "config"):
        assert alone[key] == full[key], key
    assert alone["spawn_key"] == [2]


class FailingModel(replication.NavPartnershipModel):
    """Raises in replicate 1 (spawn key (1,)), like a bug hit by one seed."""

    def __init__(self, config, rng=None):
        if tuple(rng.spawn_key) == (1,):
            raise RuntimeError("forced failure in replicate 1")
        super().__init__(config, rng=rng)


def test_a_failing_replication_is_recorded_and_the_rest_completes(tmp_path, monkeypatch):
    monkeypatch.setattr(replication, "NavPartnershipModel", FailingModel)
    summary, report = jobs.run_job(config(replications=3), tmp_path)
    assert (report.succeeded, report.failed, report.skipped) == (2, 1, 0)
    assert list(summary["replicate"]) == [0, 2]
    failures = pd.read_parquet(tmp_path / "failures.parquet")
    assert list(failures["replicate"]) == [1]
    assert "RuntimeError: forced failure in replicate 1" in failures["traceback"].iloc[0]
    assert failures["run_id"].iloc[0] == replication.make_run_id(config(replications=3), 1)
    assert not (tmp_path / "rep_1" / "run.json").exists()
    assert not (tmp_path / "summary.parquet").exists()  # the job is not complete

    # fixed: the same job runs only the failed replication and completes
    monkeypatch.undo()
    summary, report = jobs.run_job(config(replications=3), tmp_path)
    assert (report.succeeded, report.failed, report.skipped) == (1, 0, 2)
    assert not (tmp_path / "failures.parquet").exists()
    assert list(pd.read_parquet(tmp_path / "summary.parquet")["replicate"]) == [0, 1, 2]


def test_a_failure_in_a_pool_worker_is_returned_with_its_traceback(tmp_path):
    good = config(replications=2)
    bad = config(replications=2, region=RegionConfig(name="custom", municipalities=["9999"]))
    tasks = [
        Task(good, 0, str(tmp_path / "good"), replication.make_run_id(good, 0)),
        Task(bad, 0, str(tmp_path / "bad"), replication.make_run_id(bad, 0)),
    ]
    try:
        report = jobs.execute(tasks, get_executor("local", 2))
    finally:
        shutdown_executors()
    assert (report.succeeded, report.failed, report.skipped) == (1, 1, 0)
    assert "9999" in report.failures[0]["traceback"]
    assert (tmp_path / "good" / "run.json").is_file()
    assert not (tmp_path / "bad" / "run.json").exists()


def test_a_task_holds_an_absolute_directory(tmp_path, monkeypatch):
    """A worker elsewhere (a Dask cluster) writes where the submitter meant, not in its cwd."""
    monkeypatch.chdir(tmp_path)
    task = Task(config(), 0, "design/point_0/rep_0", "x")
    assert task.out_dir == str(tmp_path / "design" / "point_0" / "rep_0")


def test_stale_temporary_files_are_removed_only_where_the_runner_writes(tmp_path):
    (tmp_path / "rep_0").mkdir()
    (tmp_path / "elsewhere").mkdir()
    stale = [tmp_path / "summary.parquet.tmp", tmp_path / "rep_0" / "offices.parquet.tmp"]
    kept = tmp_path / "elsewhere" / "notes.tmp"
    for p in [*stale, kept]:
        p.write_text("x")
    assert remove_stale_tmp(tmp_path) == 2
    assert not any(p.exists() for p in stale)
    assert kept.exists()


def test_slurm_and_joblib_launcher_configs_compose():
    from hydra import compose, initialize_config_dir

    import experiments.cli
    import experiments.schema

    experiments.schema.register()
    with initialize_config_dir(config_dir=experiments.cli.config_dir(), version_base="1.3"):
        slurm = compose(
            config_name="config",
            overrides=["hydra/launcher=slurm", "workers=8"],
            return_hydra_config=True,
        )
        joblib = compose(
            config_name="config",
            overrides=["hydra/launcher=joblib", "hydra.launcher.n_jobs=2"],
            return_hydra_config=True,
        )
    launcher = slurm.hydra.launcher
    assert launcher._target_.endswith("submitit_launcher.SlurmLauncher")
    assert launcher.cpus_per_task == 8  # the job's workers
    assert joblib.hydra.launcher._target_.endswith("JoblibLauncher")
    assert joblib.hydra.launcher.n_jobs == 2


def test_collect_gives_each_parameter_one_type_across_jobs():
    from experiments.collect import unify_types

    out = unify_types({"0": {"a": 1, "b": "x", "c": True}, "1": {"a": 1.5, "b": 2, "c": False}})
    assert out == {"0": {"a": 1.0, "b": "x", "c": True}, "1": {"a": 1.5, "b": "2", "c": False}}
    assert isinstance(out["0"]["a"], float)
