"""Damaged results are not trusted: resume re-runs exactly the damaged replications.

A job of four replications is run once; then one replication's ``offices.parquet`` is
truncated, another's ``summary.parquet`` garbled (same size, other bytes), a third's
``run.json`` deleted. The same command re-runs those three, leaves the fourth alone,
and gives the same bytes as before the damage. ``is_complete`` itself is checked
against further damage (an extended file, a ``run.json`` without ``files``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO_ROOT, assert_same_results

from experiments.compare import load_summaries
from experiments.replication import TABLES, is_complete

ARGS = ["region=agder", "months=12", "burn_in=6", "seed=5", "replications=4", "workers=2"]
N = 4


def run_id_of(rep: Path) -> str:
    """The run_id a replication's run.json holds."""
    return json.loads((rep / "run.json").read_text())["run_id"]


@pytest.fixture(scope="module")
def job(run_cli, tmp_path_factory) -> Path:
    """One undamaged job of four replications (not modified by the tests)."""
    out = tmp_path_factory.mktemp("damage") / "job"
    res = run_cli(ARGS, out)
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip().splitlines()[-1] == f"navsim: {N} succeeded, 0 failed, 0 skipped"
    return out


def test_run_json_records_every_file(job):
    for k in range(N):
        rep = job / f"rep_{k}"
        info = json.loads((rep / "run.json").read_text())
        assert set(info["files"]) == {f"{t}.parquet" for t in info["tables"]}
        for name, record in info["files"].items():
            assert record["bytes"] == (rep / name).stat().st_size, (k, name)
            assert len(record["sha256"]) == 64, (k, name)
        assert is_complete(rep, info["run_id"])


def truncate(path: Path) -> None:
    """Keep the first half of a file."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garble(path: Path) -> None:
    """Invert 16 bytes in the middle of a file: same size, other bytes."""
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid : mid + 16] = bytes(b ^ 0xFF for b in data[mid : mid + 16])
    path.write_bytes(bytes(data))


def extend(path: Path) -> None:
    """Append a byte to a file."""
    path.write_bytes(path.read_bytes() + b"\0")


def drop_files_record(path: Path) -> None:
    """Remove the ``files`` mapping from a run.json (as one written before it existed)."""
    info = json.loads(path.read_text())
    del info["files"]
    path.write_text(json.dumps(info))


def wrong_run_id(path: Path) -> None:
    """Give a run.json another run_id."""
    info = json.loads(path.read_text())
    info["run_id"] = "0" * 16
    path.write_text(json.dumps(info))


@pytest.mark.parametrize(
    ("name", "damage"),
    [
        ("offices.parquet", truncate),
        ("summary.parquet", garble),
        ("model.parquet", extend),
        ("actors.parquet", Path.unlink),
        ("run.json", Path.unlink),
        ("run.json", truncate),
        ("run.json", drop_files_record),
        ("run.json", wrong_run_id),
    ],
)
def test_is_complete_refuses_damage(job, tmp_path, name, damage):
    rep = tmp_path / "rep"
    shutil.copytree(job / "rep_1", rep)
    run_id = run_id_of(rep)
    assert is_complete(rep, run_id)
    damage(rep / name)
    assert not is_complete(rep, run_id)


def test_rerun_repairs_exactly_the_damaged_replications(job, run_cli, tmp_path):
    cut = tmp_path / "cut"
    shutil.copytree(job, cut)
    truncate(cut / "rep_0" / "offices.parquet")
    garble(cut / "rep_1" / "summary.parquet")
    (cut / "rep_2" / "run.json").unlink()
    damaged = {
        cut / "rep_0" / "offices.parquet",
        cut / "rep_1" / "summary.parquet",
        cut / "rep_2" / "run.json",
    }
    before = {p: p.stat().st_mtime_ns for p in cut.rglob("*") if p.is_file()}

    res = run_cli(ARGS, cut)
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip().splitlines()[-1] == "navsim: 3 succeeded, 0 failed, 1 skipped"

    # the undamaged replication was not touched at all
    for p in (cut / "rep_3").iterdir():
        assert p.stat().st_mtime_ns == before[p], f"{p} was rewritten"
    # the damaged replications ran again: new run.json, the damaged file written anew
    for k in range(3):
        assert (cut / f"rep_{k}" / "run.json").stat().st_mtime_ns != before.get(
            cut / f"rep_{k}" / "run.json"
        )
    for p in damaged - {cut / "rep_2" / "run.json"}:
        assert p.stat().st_mtime_ns != before[p], f"{p} was not repaired"
    # ... and their undamaged files already held the right bytes: left as they were
    for k in range(3):
        for p in (cut / f"rep_{k}").glob("*.parquet"):
            if p not in damaged:
                assert p.stat().st_mtime_ns == before[p], f"{p} was rewritten"

    # every table and run.json of each replication, and the job's summary.parquet
    assert assert_same_results(job, cut) == N * (len(TABLES) + 1) + 1
    for k in range(N):
        rep = cut / f"rep_{k}"
        assert is_complete(rep, run_id_of(rep))


def test_report_compare_and_collect_name_the_damaged_files_and_go_on(job, tmp_path):
    """Report and collect name every damaged file they leave out, say they go on, exit 0.

    Compare (which needs several jobs) reads the summaries through ``load_summaries``:
    the garbled one is named and its row left out.
    """
    cut = tmp_path / "cut"
    shutil.copytree(job, cut)
    truncate(cut / "rep_0" / "offices.parquet")
    garble(cut / "rep_1" / "summary.parquet")
    damaged: list[str] = []
    rows = load_summaries(cut, damaged)
    assert damaged == [f"{cut / 'rep_1' / 'summary.parquet'}: does not match its run.json"]
    assert sorted(rows["replicate"]) == [0, 2, 3]  # not from the job's summary.parquet either
    for module in ("experiments.collect", "analysis.report"):
        res = subprocess.run(
            [sys.executable, "-m", module, str(cut), "--no-progress"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert res.returncode == 0, (module, res.stderr[-2000:])
        said = [ln for ln in res.stderr.splitlines() if "left out" in ln]
        named = [
            f"{cut / 'rep_0' / 'offices.parquet'}: does not match its run.json",
            f"{cut / 'rep_1' / 'summary.parquet'}: does not match its run.json",
        ]
        assert len(said) == len(named), (module, res.stderr[-2000:])
        for line in named:
            assert any(line in s and s.endswith("going on with the other runs") for s in said)
    collected = pd.read_parquet(cut / "collected" / "summary")
    assert sorted(collected["replicate"]) == [2, 3]  # the two undamaged replications
