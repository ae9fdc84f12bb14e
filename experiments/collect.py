"""The ``navsim-collect DIR`` command: a multirun or a design as one parquet dataset per table.

Every run directory under ``DIR`` (one holding ``run.json``) belongs to a job: the
first path component below ``DIR`` (``0``, ``1``, ... in a Hydra multirun,
``point_<i>`` in a design; ``.`` for a single run). Each table is written to
``DIR/collected/<table>/job=<job>/part-0.parquet`` (hive partitioning), with the job's
parameters as columns: the overrides of a Hydra job (``.hydra/overrides.yaml``) or the
values of a design point (``design.parquet``), where the table does not already hold
them. One ``pandas.read_parquet`` reads a table of the whole sweep::

    import pandas as pd
    offices = pd.read_parquet("outputs/multiruns/sweep1/collected/offices")

Files are written atomically and only when their bytes change, so collecting again
rewrites nothing that is already up to date.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from tqdm import tqdm

from experiments.atomic import remove_stale_tmp, write_atomic

COLLECTED = "collected"


def scalar(value: Any) -> Any:
    """A value fit for one parquet column: scalars unchanged, anything else as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def job_parameters(root: Path, job: str) -> dict[str, Any]:
    """The parameters that define a job: its Hydra overrides or its design point's values.

    Args:
        root: The multirun or design directory.
        job: The job's directory name below ``root``.

    Returns:
        Parameter -> value.
    """
    overrides = root / job / ".hydra" / "overrides.yaml"
    params: dict[str, Any] = {}
    if overrides.is_file():
        for item in yaml.safe_load(overrides.read_text()) or []:
            key, _, value = str(item).partition("=")
            key = key.lstrip("+~")
            if key.startswith("hydra.") or key in ("progress", "workers", "executor"):
                continue
            params[key] = scalar(yaml.safe_load(value) if value else None)
    design = root / "design.parquet"
    if job.startswith("point_") and design.is_file():
        row = pd.read_parquet(design)
        row = row[row["point"] == int(job.removeprefix("point_"))]
        if len(row):
            params.update({k: scalar(v) for k, v in row.iloc[0].to_dict().items()})
    return params


def unify_types(params: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """One type per parameter across jobs, so that the parts of a dataset share a schema.

    Integers mixed with floats become floats (``x=1,1.5``); any other mix becomes text.

    Args:
        params: Job -> its parameters.

    Returns:
        The same mapping with unified values.
    """
    kinds: dict[str, set[type]] = defaultdict(set)
    for values in params.values():
        for key, value in values.items():
            if value is not None:
                kinds[key].add(type(value))
    out = {}
    for job, values in params.items():
        fixed = {}
        for key, value in values.items():
            k = kinds[key]
            if value is None or len(k) <= 1:
                fixed[key] = value
            elif k <= {int, float}:
                fixed[key] = float(value)
            else:
                fixed[key] = str(value)
        out[job] = fixed
    return out


def find_runs(root: Path) -> dict[str, list[Path]]:
    """Complete run directories under ``root``, grouped by job, in a stable order."""
    jobs: dict[str, list[Path]] = defaultdict(list)
    for run_json in sorted(root.rglob("run.json")):
        run_dir = run_json.parent
        rel = run_dir.relative_to(root)
        if rel.parts and rel.parts[0] == COLLECTED:
            continue
        jobs[rel.parts[0] if rel.parts else "."].append(run_dir)

    def key(job: str) -> tuple:
        tail = job.removeprefix("point_")
        return (0, int(tail), job) if tail.isdigit() else (1, 0, job)

    return {job: sorted(jobs[job], key=lambda p: str(p)) for job in sorted(jobs, key=key)}


def collect(root: Path | str, progress: bool = True) -> dict[str, int]:
    """Gather every complete run under ``root`` into ``root/collected/<table>/``.

    Args:
        root: A multirun, a design or a single run directory.
        progress: Show a progress bar over the jobs.

    Returns:
        Rows written per table.
    """
    root = Path(root)
    out = root / COLLECTED
    remove_stale_tmp(out, ("*/job=*",))
    jobs = find_runs(root)
    job_params = unify_types({job: job_parameters(root, job) for job in jobs})
    rows: dict[str, int] = defaultdict(int)
    for job, run_dirs in tqdm(jobs.items(), disable=not progress, desc="collect", unit="job"):
        params = job_params[job]
        tables: dict[str, list[pd.DataFrame]] = defaultdict(list)
        for d in run_dirs:
            for f in sorted(d.glob("*.parquet")):
                tables[f.stem].append(pd.read_parquet(f))
        for name, frames in tables.items():
            df = pd.concat(frames, ignore_index=True)
            for key, value in params.items():
                if key not in df.columns:
                    df[key] = value
            dest = out / name / f"job={job if job != '.' else 'run'}"
            dest.mkdir(parents=True, exist_ok=True)
            write_atomic(df, dest / "part-0.parquet")
            rows[name] += len(df)
    return dict(rows)


def main(argv: list[str] | None = None) -> None:
    """Console entry point ``navsim-collect DIR``."""
    p = argparse.ArgumentParser(
        prog="navsim-collect",
        description="Gather a multirun or a design into DIR/collected/<table>/ "
        "(one partitioned parquet dataset per table, joined with each job's parameters).",
    )
    p.add_argument("dir", help="a multirun (hydra.sweep.dir) or design directory")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = p.parse_args(argv)
    root = Path(args.dir)
    if not root.is_dir():
        print(f"navsim-collect: no such directory: {root}", file=sys.stderr)
        sys.exit(2)
    rows = collect(root, progress=not args.no_progress)
    if not rows:
        print(f"navsim-collect: no complete run under {root}", file=sys.stderr)
        sys.exit(1)
    for name, n in sorted(rows.items()):
        print(f"navsim-collect: {name:16s} {n:10d} rows -> {root / COLLECTED / name}")


if __name__ == "__main__":
    main()
