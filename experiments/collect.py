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

Only runs that belong to their job are gathered: complete and undamaged
(``experiments.replication.is_complete``: every file ``run.json`` lists has its size and
sha256) and, where the job's config is on disk (``.hydra/config.yaml`` of a Hydra job),
with a ``run_id`` of one of the job's replications under that config. Leftovers of an
earlier sweep in a re-used directory (``months=24`` runs in a ``months=12`` job) are left
out instead of being labelled with the new job's parameters.

The dataset is rebuilt from scratch on every call, into a temporary directory that then
replaces ``collected/``, so no partition of a job that no longer exists survives.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from omegaconf import OmegaConf
from tqdm import tqdm

from experiments.atomic import TMP_SUFFIX, sync_directory, write_atomic
from experiments.errors import DEBUG_FLAG, OneLineParser, UserError, guard, say_left_out
from experiments.replication import damage_reason, damaged_files, make_run_id, recorded_run_id
from experiments.schema import RunConfig

COLLECTED = "collected"
# the dataset being built, and the previous one while it is being replaced
BUILDING = f"{COLLECTED}{TMP_SUFFIX}"
REPLACED = f"{COLLECTED}.old"


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


def job_run_ids(root: Path, job: str) -> set[str] | None:
    """The ``run_id`` of each replication of a Hydra job, from its ``.hydra/config.yaml``.

    Args:
        root: The multirun directory (or the run directory of a single run).
        job: The job's directory name below ``root`` ("." for a single run).

    Returns:
        The job's run_ids; None if the job has no config on disk (a design point) or
        it cannot be read as a RunConfig.
    """
    path = root / job / ".hydra" / "config.yaml"
    if not path.is_file():
        return None
    try:
        cfg = OmegaConf.merge(OmegaConf.structured(RunConfig), OmegaConf.load(path))
        cfg = OmegaConf.to_object(cfg)
        return {make_run_id(cfg, k) for k in range(cfg.replications)}
    except Exception:  # noqa: BLE001 - any unreadable config: not checked against it
        return None


# a directory holding one of these is an analysis of its own (navsim-design,
# navsim-decompose): a multirun above it does not count its runs as its jobs
ANALYSIS_MARKERS = ("design.json", "decomposition.json")


def in_other_analysis(path: Path, root: Path) -> bool:
    """Whether ``path`` lies in an analysis directory below ``root`` (not ``root`` itself)."""
    rel = path.relative_to(root)
    d = root
    for part in rel.parts[:-1]:
        d = d / part
        if any((d / m).is_file() for m in ANALYSIS_MARKERS):
            return True
    return False


def find_runs(root: Path, damaged: list[str] | None = None) -> dict[str, list[Path]]:
    """Run directories under ``root`` that belong to their job, by job, in a stable order.

    A run belongs to its job if it is complete and undamaged and, where the job's
    config is on disk, its ``run_id`` is one of the job's (``job_run_ids``). A run of
    the job whose files do not match its ``run.json`` is damaged: left out and, if
    ``damaged`` is given, its damaged files are appended to it ("<path>: <why>"). A leftover of
    an earlier sweep (another ``run_id``) is left out silently.
    """
    jobs: dict[str, list[Path]] = defaultdict(list)
    expected: dict[str, set[str] | None] = {}
    for run_json in sorted(root.rglob("run.json")):
        run_dir = run_json.parent
        rel = run_dir.relative_to(root)
        if rel.parts and rel.parts[0] in (COLLECTED, BUILDING, REPLACED):
            continue
        if in_other_analysis(run_json, root):
            continue
        job = rel.parts[0] if rel.parts else "."
        if job not in expected:
            expected[job] = job_run_ids(root, job)
        run_id = recorded_run_id(run_dir)
        if run_id is not None and expected[job] is not None and run_id not in expected[job]:
            continue
        bad = ["run.json"] if run_id is None else damaged_files(run_dir)
        if bad:
            if damaged is not None:
                damaged.extend(f"{run_dir / name}: {damage_reason(name)}" for name in bad)
            continue
        jobs[job].append(run_dir)

    def key(job: str) -> tuple:
        tail = job.removeprefix("point_")
        return (0, int(tail), job) if tail.isdigit() else (1, 0, job)

    return {job: sorted(jobs[job], key=lambda p: str(p)) for job in sorted(jobs, key=key)}


def collect(
    root: Path | str, progress: bool = True, damaged: list[str] | None = None
) -> dict[str, int]:
    """Gather every complete run under ``root`` into ``root/collected/<table>/``.

    Args:
        root: A multirun, a design or a single run directory.
        progress: Show a progress bar over the jobs.
        damaged: If given, the damaged files of runs left out are appended to it.

    Returns:
        Rows written per table (empty if no run belongs to its job; ``collected/`` is
        then left as it was).
    """
    root = Path(root)
    building = root / BUILDING
    shutil.rmtree(building, ignore_errors=True)  # left by an interrupted call
    jobs = find_runs(root, damaged)
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
            dest = building / name / f"job={job if job != '.' else 'run'}"
            dest.mkdir(parents=True, exist_ok=True)
            write_atomic(df, dest / "part-0.parquet")
            rows[name] += len(df)
    if rows:
        replace_directory(building, root / COLLECTED)
    else:
        shutil.rmtree(building, ignore_errors=True)
    return dict(rows)


def replace_directory(new: Path, dest: Path) -> None:
    """Put the directory ``new`` in the place of ``dest`` (which may exist).

    Two renames: ``dest`` aside, ``new`` into place; then the old copy is removed. A
    reader sees the old dataset or the new one (or, between the renames, none), never a
    mix; a crash between the two renames leaves the old one as ``collected.old`` (the
    next call removes it).

    Args:
        new: The complete new directory, on the same file system.
        dest: Where it goes.
    """
    old = dest.with_name(REPLACED)
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        os.replace(dest, old)
    os.replace(new, dest)
    sync_directory(dest.parent)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """Console entry point ``navsim-collect DIR``."""
    p = OneLineParser(
        prog="navsim-collect",
        description="Gather a multirun or a design into DIR/collected/<table>/ "
        "(one partitioned parquet dataset per table, joined with each job's parameters).",
    )
    p.add_argument("dir", help="a multirun (hydra.sweep.dir) or design directory")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(DEBUG_FLAG, action="store_true", help="show the traceback of an error")
    args = p.parse_args(argv)
    root = Path(args.dir)
    with guard("navsim-collect", args.debug):
        if not root.is_dir():
            raise UserError(f"no such directory: {root}")
        damaged: list[str] = []
        rows = collect(root, progress=not args.no_progress, damaged=damaged)
        say_left_out("navsim-collect", damaged)
        if not rows:
            print(f"navsim-collect: no complete run under {root}", file=sys.stderr)
            sys.exit(1)
    for name, n in sorted(rows.items()):
        print(f"navsim-collect: {name:16s} {n:10d} rows -> {root / COLLECTED / name}")


if __name__ == "__main__":
    main()
