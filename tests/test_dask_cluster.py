"""A design on a real Dask cluster: a scheduler and two workers, each a process of its own.

The test starts ``dask scheduler`` and two ``dask worker`` processes (one thread each,
under Dask's default nanny; ``benchmarks.cluster_bench.dask_cluster``) on localhost, in a
directory of their own, and runs
``navsim-design ... executor=dask dask_address=tcp://127.0.0.1:PORT`` with a relative
``--out`` from another directory: the replications must land under the submitter's
directory, with the same bytes as the same design on the local process pool. Then the
design runs again while one worker process, busy with a replication, is killed by its
pid (SIGKILL): the design still completes every replication exactly once, with the
same bytes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import assert_same_results

from benchmarks.cluster_bench import dask_cluster, stop_process

pytestmark = pytest.mark.cluster

BIN = Path(sys.executable).parent
POINTS, REPLICATIONS = 8, 2
N_RUNS = POINTS * REPLICATIONS
DESIGN = [
    "--method",
    "lhs",
    "--n",
    str(POINTS),
    "--replications",
    str(REPLICATIONS),
    "--params",
    "users.cooperation_effect,staff.quit_rate",
    "--resamples",
    "100",
]
# Agder, 126 months: about 0.4 s a replication on one core of this machine
OVERRIDES = ["region=agder", "months=120", "burn_in=6", "progress=false"]
TIMEOUT = 300


@pytest.fixture
def cluster(tmp_path):
    """A ``dask scheduler`` and two ``dask worker`` processes; yields the scheduler address."""
    home = tmp_path / "cluster"
    home.mkdir()
    with dask_cluster(home, workers=2) as address:
        yield address


def design(out: str, *overrides: str) -> list[str]:
    return [str(BIN / "navsim-design"), *DESIGN, "--out", out, *OVERRIDES, *overrides]


def run_design(out: str, cwd: Path, *overrides: str) -> str:
    res = subprocess.run(
        design(out, *overrides), cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert res.returncode == 0, (res.stdout[-2000:], res.stderr[-4000:])
    return res.stdout.strip().splitlines()[-1]


def assert_every_replication_once(root: Path) -> None:
    summary = pd.read_parquet(root / "summary.parquet")
    assert len(summary) == N_RUNS
    assert summary["run_id"].is_unique
    pairs = set(zip(summary["point"], summary["replicate"], strict=True))
    assert pairs == {(i, k) for i in range(POINTS) for k in range(REPLICATIONS)}
    assert len(list(root.glob("point_*/rep_*/run.json"))) == N_RUNS
    assert not list(root.rglob("*.tmp")), "a temporary file survived"


def test_design_on_a_dask_cluster_equals_the_local_pool_and_survives_a_killed_worker(
    cluster, tmp_path
):
    t0 = time.monotonic()
    submit = tmp_path / "submit"
    submit.mkdir()
    ok = f"navsim: {N_RUNS} succeeded, 0 failed, 0 skipped"
    assert run_design("local", submit, "workers=2") == ok
    t_local = time.monotonic()

    # the design on the cluster, from a relative --out in another directory than the workers'
    dask_args = ("executor=dask", f"dask_address={cluster}")
    assert run_design("dask", submit, *dask_args) == ok
    assert not list((tmp_path / "cluster").rglob("point_*")), "a worker wrote in its own cwd"
    assert_every_replication_once(submit / "dask")
    n = assert_same_results(submit / "local", submit / "dask")
    assert n == N_RUNS * 7 + 3  # and the design, its summary and its indices
    assert (submit / "dask" / "indices.csv").read_bytes() == (
        submit / "local" / "indices.csv"
    ).read_bytes()
    t_dask = time.monotonic()

    # again elsewhere; kill a worker process busy with a replication once one is complete
    from dask.distributed import Client

    killed = submit / "killed"
    proc = subprocess.Popen(
        design("killed", *dask_args),
        cwd=submit,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with Client(cluster, timeout=60) as client:
            pids = client.run(os.getpid)  # worker address -> pid of the worker process
            deadline = time.monotonic() + TIMEOUT
            while not list(killed.glob("point_*/rep_*/run.json")):
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.02)
            busy = [addr for addr, keys in client.processing().items() if keys]
            done = len(list(killed.glob("point_*/rep_*/run.json")))
            assert busy and done < N_RUNS, f"the kill came too late: {done} complete"
            os.kill(pids[busy[0]], signal.SIGKILL)
            out, err = proc.communicate(timeout=TIMEOUT)
            assert proc.returncode == 0, (out[-2000:], err[-4000:])
            assert busy[0] not in client.scheduler_info()["workers"], "the worker was not lost"
    finally:
        stop_process(proc)
    assert out.strip().splitlines()[-1] == ok  # each replication counted once
    assert_every_replication_once(killed)
    assert assert_same_results(submit / "local", killed) == n
    t_end = time.monotonic()
    print(
        f"\ndask test: local {t_local - t0:.1f} s, dask {t_dask - t_local:.1f} s, "
        f"killed worker ({done} of {N_RUNS} done) {t_end - t_dask:.1f} s"
    )
