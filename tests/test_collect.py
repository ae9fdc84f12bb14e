"""``navsim-collect`` gathers only the runs of each job's config and rebuilds its dataset.

A sweep directory is used twice: ``months=24`` with two jobs of three replications,
then ``months=12`` with one job of two. The first job's third replication is left over
from the first sweep; the second job is deleted after a first collect. The dataset of
the second collect holds exactly the new job's two replications, each labelled as its
own ``run.json`` says, and no partition of the deleted job.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from experiments.collect import BUILDING, COLLECTED, REPLACED, collect

BASE = ["burn_in=6", "workers=2", "seed=7"]
FIRST = ["-m", "governance.meetings_per_year=2,4", "months=24", "replications=3", *BASE]
SECOND = ["-m", "governance.meetings_per_year=2", "months=12", "replications=2", *BASE]


def sweep(run_cli, args: list[str], sweep_dir: Path) -> None:
    """Run a multirun into ``sweep_dir``."""
    res = run_cli([*args, f"hydra.sweep.dir={sweep_dir}"], sweep_dir / "unused")
    assert res.returncode == 0, res.stderr[-3000:]


def run_jsons(root: Path) -> dict[str, dict]:
    """run_id -> run.json of every run below ``root`` (outside the collected dataset)."""
    out = {}
    for p in root.rglob("run.json"):
        info = json.loads(p.read_text())
        out[info["run_id"]] = info
    return out


def test_reused_sweep_dir_labels_match_each_run(run_cli, tmp_path):
    root = tmp_path / "sweep"
    sweep(run_cli, FIRST, root)
    rows = collect(root, progress=False)
    assert rows["summary"] == 6
    assert {p.name for p in (root / COLLECTED / "offices").iterdir()} == {"job=0", "job=1"}

    sweep(run_cli, SECOND, root)
    assert (root / "0" / "rep_2" / "run.json").is_file()  # the leftover of the first sweep
    shutil.rmtree(root / "1")  # a job deleted since the first collect
    rows = collect(root, progress=False)

    infos = run_jsons(root)
    new_ids = {
        json.loads((root / "0" / f"rep_{k}" / "run.json").read_text())["run_id"] for k in (0, 1)
    }
    for table in ("offices", "model", "summary"):
        df = pd.read_parquet(root / COLLECTED / table)
        assert set(df["run_id"]) == new_ids, table
        assert {p.name for p in (root / COLLECTED / table).iterdir()} == {"job=0"}, table
        for run_id, part in df.groupby("run_id", observed=True):
            config = infos[run_id]["config"]
            assert set(part["months"]) == {config["months"]} == {12}, (table, run_id)
            meetings = config["governance"]["meetings_per_year"]
            assert set(part["governance.meetings_per_year"]) == {meetings}, (table, run_id)
    n_offices = sum(
        len(pd.read_parquet(root / "0" / f"rep_{k}" / "offices.parquet")) for k in (0, 1)
    )
    assert rows["offices"] == n_offices
    assert not (root / BUILDING).exists() and not (root / REPLACED).exists()
