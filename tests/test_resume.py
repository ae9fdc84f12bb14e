"""kill -9 in mid-sweep, then the same command: the results equal an uninterrupted sweep's.

Also: re-running a finished sweep runs nothing and rewrites no file, and
``navsim-collect`` gathers the sweep into one dataset per table.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from conftest import assert_same_results

from experiments.collect import collect

REPO_ROOT = Path(__file__).resolve().parents[1]
SWEEP = [
    "-m",
    "governance.harmonised_terms=false,true",
    "governance.meetings_per_year=2,4",
    "replications=3",
    "workers=2",
    "months=18",
    "burn_in=6",
    "progress=false",
]
N_RUNS = 2 * 2 * 3


def command(sweep_dir: Path) -> list[str]:
    return [sys.executable, "-m", "experiments.cli", *SWEEP, f"hydra.sweep.dir={sweep_dir}"]


def run_sweep(sweep_dir: Path) -> str:
    res = subprocess.run(
        command(sweep_dir), cwd=REPO_ROOT, capture_output=True, text=True, timeout=300
    )
    assert res.returncode == 0, res.stderr[-3000:]
    return res.stdout


def test_kill_resume_equals_uninterrupted_and_rerun_writes_nothing(tmp_path):
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    first = run_sweep(whole)
    assert (
        first.strip().splitlines()[-1]
        == f"navsim: all jobs: {N_RUNS} succeeded, 0 failed, 0 skipped"
    )

    # start the same sweep elsewhere and kill -9 its whole process group mid-run
    proc = subprocess.Popen(
        command(cut),
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        done = len(list(cut.rglob("run.json")))
        if done >= 1:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    done = len(list(cut.rglob("run.json")))
    assert 1 <= done < N_RUNS, f"kill came too late or too early: {done} runs complete"

    out = run_sweep(cut)
    last = out.strip().splitlines()[-1]
    assert last == (f"navsim: all jobs: {N_RUNS - done} succeeded, 0 failed, {done} skipped"), last
    assert not list(cut.rglob("*.tmp")), "a temporary file survived"

    assert_same_results(whole, cut)

    # a finished sweep: the same command runs nothing and rewrites no file
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in cut.rglob("*") if p.is_file()}
    out = run_sweep(cut)
    assert out.strip().splitlines()[-1] == (
        f"navsim: all jobs: 0 succeeded, 0 failed, {N_RUNS} skipped"
    )
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in cut.rglob("*") if p.is_file()}
    assert set(after) == set(before)
    for p, (mtime, data) in before.items():
        assert after[p][1] == data, f"{p} changed"
        if ".hydra" not in p.parts and p.suffix != ".log" and p.name != "multirun.yaml":
            assert after[p][0] == mtime, f"{p} was rewritten"

    # navsim-collect: one dataset per table, joined with each job's overrides
    rows = collect(cut, progress=False)
    summary = pd.read_parquet(cut / "collected" / "summary")
    assert len(summary) == rows["summary"] == N_RUNS
    offices = pd.read_parquet(cut / "collected" / "offices")
    assert set(offices["governance.harmonised_terms"]) == {False, True}
    assert set(offices["governance.meetings_per_year"]) == {2, 4}
    assert offices.groupby("job", observed=True)["run_id"].nunique().eq(3).all()
    n_office_rows = sum(len(pd.read_parquet(p)) for p in cut.glob("*/rep_*/offices.parquet"))
    assert len(offices) == n_office_rows
