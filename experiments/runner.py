"""Run replications of one configuration and write the tables of DESIGN §6.

``run(cfg, out_dir)`` is a plain function (no Hydra): replicate k of any design
point uses ``SeedSequence(cfg.seed).spawn(N)[k]``, so replicates pair across
scenarios and one replication can be re-run alone with the same bytes.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import os
import platform
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from experiments.executors import Task, execute_task, get_executor
from sim import NavPartnershipModel
from sim.config import ModelConfig, iter_parameters
from sim.recording import OUTCOMES, RECORDED_TABLES

TABLES = (*RECORDED_TABLES, "summary")
TMP_SUFFIX = ".tmp"


def to_plain(obj: Any) -> Any:
    """A JSON-ready copy of a (nested) config dataclass: enums by value."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, dict):
        return {str(k): to_plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_plain(v) for v in obj]
    return obj


def model_config(cfg: Any) -> ModelConfig:
    """The ModelConfig part of a RunConfig (drops the execution settings)."""
    kwargs = {f.name: getattr(cfg, f.name) for f in dataclasses.fields(ModelConfig)}
    return ModelConfig(**kwargs)


def make_run_id(cfg: Any, replicate: int) -> str:
    """Deterministic id: a hash of the resolved config (no paths, no workers) and replicate."""
    plain = to_plain(model_config(cfg))
    plain["seed"] = cfg.seed
    text = json.dumps(plain, sort_keys=True) + f"|{replicate}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@functools.cache
def versions() -> dict[str, str]:
    """Versions of Python and the packages a result depends on."""
    out = {"python": platform.python_version()}
    for pkg in ("navsim", "mesa", "numpy", "pandas", "networkx", "pyarrow", "hydra-core"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


@functools.cache
def git_commit() -> str:
    """The commit of the source tree, or "unknown" outside a git checkout."""
    here = Path(__file__).resolve().parent
    try:
        res = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=here,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return res.stdout.strip() if res.returncode == 0 else "unknown"


def write_bytes_atomic(data: bytes, path: Path) -> bool:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    A file that already holds exactly these bytes is left untouched, so re-running a
    finished job rewrites nothing.

    Args:
        data: The file's content.
        path: Destination.

    Returns:
        True if the file was written, False if it already held these bytes.
    """
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    tmp = path.with_name(path.name + TMP_SUFFIX)
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return True


def write_table_atomic(table: pa.Table, path: Path) -> bool:
    """Write an Arrow table as parquet atomically (see ``write_bytes_atomic``).

    Args:
        table: The table.
        path: Destination ``*.parquet``.

    Returns:
        True if the file was written, False if it already held these bytes.
    """
    buf = io.BytesIO()
    # zstd without dictionary pages: smaller and faster to write for these tables
    pq.write_table(table, buf, compression="zstd", use_dictionary=False)
    return write_bytes_atomic(buf.getvalue(), path)


def write_atomic(df: pd.DataFrame, path: Path) -> bool:
    """``write_table_atomic`` for a DataFrame (its index is not stored)."""
    return write_table_atomic(pa.Table.from_pandas(df, preserve_index=False), path)


def remove_stale_tmp(root: Path, patterns: tuple[str, ...] = ("", "rep_*")) -> int:
    """Delete temporary files left by an interrupted run in ``root`` and its run directories.

    Only the directories the runner writes are searched (``root`` itself and those
    matching ``patterns`` below it), never a whole tree: ``root`` may be a directory
    the user also keeps other files in.

    Args:
        root: A run, job or design directory.
        patterns: Glob patterns of sub-directories, relative to ``root`` ("" = itself).

    Returns:
        The number of files removed.
    """
    n = 0
    for pattern in patterns:
        for tmp in root.glob(f"{pattern}/*{TMP_SUFFIX}" if pattern else f"*{TMP_SUFFIX}"):
            if tmp.is_file():
                tmp.unlink(missing_ok=True)
                n += 1
    return n


def is_complete(out_dir: Path, run_id: str) -> bool:
    """Whether a replication is complete on disk: its ``run.json`` (written last) has ``run_id``.

    Args:
        out_dir: The replication's directory.
        run_id: The expected ``run_id``.

    Returns:
        True if it need not (and must not) be run again.
    """
    try:
        return json.loads((Path(out_dir) / "run.json").read_text())["run_id"] == run_id
    except (OSError, ValueError, KeyError, TypeError):
        return False


def replicate_seed(seed: int, replicate: int) -> np.random.SeedSequence:
    """The seed of replicate k: ``SeedSequence(seed).spawn(...)[k]`` (spawn key ``(k,)``).

    Args:
        seed: The master seed.
        replicate: Index k.

    Returns:
        The spawned SeedSequence; the same whatever the number of replications.
    """
    return np.random.SeedSequence(seed).spawn(replicate + 1)[replicate]


def window_mean(x: np.ndarray) -> float:
    """The mean of the values that are not NaN (NaN if none), as ``pandas.Series.mean``.

    Computed as pandas does (NaN set to 0, summed in float64, divided by the count), so
    the summary has the same bits as a pandas mean of the same column.
    """
    x = np.asarray(x, dtype=float)
    missing = np.isnan(x)
    count = x.size - int(missing.sum())
    return float(np.where(missing, 0.0, x).sum() / count) if count else float("nan")


def summary_row(model: Mapping[str, Any], window: int, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters and each outcome over the last ``window`` recorded months.

    Args:
        model: The ``model`` table's columns (``Recorder.columns("model")``, or a DataFrame).
        window: Months in the summary window.
        params: Identifying columns and parameters.

    Returns:
        The summary row, plain Python values.
    """
    month = np.asarray(model["month"])
    last = month > month.max() - window
    row = dict(params)
    for c in OUTCOMES:
        row[c] = window_mean(np.asarray(model[c])[last]) if c in model else float("nan")
    n_users = np.maximum(np.asarray(model["n_users"])[last], 1)
    row["exit_rate"] = window_mean(np.asarray(model["exits_to_work"])[last] / n_users)
    return row


def summary_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Summary rows as an Arrow table (one row: a replication's ``summary.parquet``).

    Built in Arrow directly: cheaper than going through pandas for ~250 columns; read
    back with pandas it gives the same columns and dtypes.

    Args:
        rows: Rows from ``summary_row``.

    Returns:
        The table.
    """
    return pa.Table.from_pylist(rows)


def summary_bytes(row: dict[str, Any]) -> bytes:
    """``summary.parquet`` of one replication (``summary_table``, uncompressed).

    Args:
        row: From ``summary_row``.

    Returns:
        The parquet file's bytes.
    """
    buf = io.BytesIO()
    # ~250 columns of one row: no compression and no dictionary pages, which only cost
    pq.write_table(summary_table([row]), buf, compression="none", use_dictionary=False)
    return buf.getvalue()


def identified_table(columns: dict[str, np.ndarray], run_id: str, replicate: int) -> pa.Table:
    """A recorded table as Arrow, ``run_id`` and ``replicate`` first (DESIGN §6).

    Built from the recorder's numpy columns directly (no pandas): text columns become
    Arrow strings, every other column keeps its numpy type.

    Args:
        columns: From ``Recorder.columns``.
        run_id: The replication's id.
        replicate: Its index k.

    Returns:
        The table to write.
    """
    n = len(next(iter(columns.values()))) if columns else 0
    arrays = {
        "run_id": pa.array([run_id] * n, pa.string()),
        "replicate": pa.array(np.full(n, replicate, dtype=np.int64)),
    }
    for name, x in columns.items():
        arrays[name] = pa.array(x, pa.string()) if x.dtype == object else pa.array(x)
    return pa.table(arrays)


def run_replication(cfg: Any, replicate: int, out_dir: Path, progress: bool = False) -> dict:
    """Run one replication and write its tables and ``run.json`` into ``out_dir``.

    The tables are those ``model.recorder.columns`` gives plus ``summary``; each is
    written atomically, and ``run.json`` last, so a directory whose ``run.json`` holds
    the ``run_id`` is complete (``is_complete``).

    Args:
        cfg: A RunConfig (or any object with ModelConfig fields plus ``seed``).
        replicate: Index k of the replication.
        out_dir: Directory for the tables.
        progress: Show a progress bar over months.

    Returns:
        The summary row as a dict.
    """
    t0 = time.perf_counter()
    out_dir = Path(out_dir)
    seed_seq = replicate_seed(cfg.seed, replicate)
    mcfg = model_config(cfg)
    model = NavPartnershipModel(mcfg, rng=seed_seq)
    total = mcfg.burn_in + mcfg.months
    with tqdm(
        total=total, disable=not progress, desc=f"replicate {replicate}", unit="month", leave=False
    ) as bar:
        model.run(progress=bar.update)
    run_id = make_run_id(cfg, replicate)
    ident = {"run_id": run_id, "replicate": replicate}
    outputs = list(getattr(cfg, "outputs", RECORDED_TABLES))
    model_columns = model.recorder.columns("model")
    gov = to_plain(mcfg.governance)
    params = {
        **ident,
        "seed_entropy": str(seed_seq.entropy),
        "spawn_key": str(list(seed_seq.spawn_key)),
        "region": mcfg.region.name,
        "scenario": "+".join(map(str, mcfg.scenario.name)),
        "months": mcfg.months,
        **{
            f"governance.{k}": (v if not isinstance(v, list) else "+".join(v))
            for k, v in gov.items()
        },
    }
    params.update({key: value for key, value, _ in iter_parameters(mcfg)})
    params.update({f"mechanisms.{k}": v for k, v in to_plain(mcfg.mechanisms).items()})
    row = summary_row(model_columns, mcfg.summary_window, params)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in outputs:
        columns = model_columns if name == "model" else model.recorder.columns(name)
        table = identified_table(columns, run_id, replicate)
        write_table_atomic(table, out_dir / f"{name}.parquet")
    write_bytes_atomic(summary_bytes(row), out_dir / "summary.parquet")
    info = {
        **ident,
        "seed": cfg.seed,
        "seed_entropy": str(seed_seq.entropy),
        "spawn_key": list(seed_seq.spawn_key),
        "tables": [*outputs, "summary"],
        "config": to_plain(mcfg),
        "versions": versions(),
        "git_commit": git_commit(),
        "wall_time_s": round(time.perf_counter() - t0, 3),
        "counts": {
            "offices": model.n_offices,
            "municipalities": len(model.municipalities),
            "staff": len(model.staff.office),
            "users": len(model.users),
            "months": mcfg.months,
            "burn_in": mcfg.burn_in,
        },
    }
    text = json.dumps(info, indent=2, ensure_ascii=False)
    write_bytes_atomic(text.encode(), out_dir / "run.json")  # last: marks the run complete
    return row


@dataclass
class Report:
    """What one invocation did: counts and the failures with their tracebacks."""

    succeeded: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list[dict] = field(default_factory=list)

    def add(self, other: Report) -> None:
        """Add another report's counts and failures to this one."""
        self.succeeded += other.succeeded
        self.failed += other.failed
        self.skipped += other.skipped
        self.failures.extend(other.failures)

    def line(self) -> str:
        """The closing line of an invocation."""
        return f"navsim: {self.succeeded} succeeded, {self.failed} failed, {self.skipped} skipped"


# Counts of everything run in this process (a Hydra multirun prints the total at its end).
TALLY = Report()
# Jobs of a multirun whose replications were submitted to a pool or Dask and are
# collected at the sweep's end (``experiments.cli``), each with its language. Kept here,
# not in ``experiments.cli``, which may be loaded twice (as ``__main__`` and by Hydra).
PENDING: list[tuple[Any, str]] = []


def executor_for(cfg: Any, pipelined: bool = False) -> Any:
    """The (cached) executor a RunConfig asks for: ``executor``, ``workers``, ``dask_address``.

    With ``pipelined`` (see ``get_executor``) one local worker is a process of its own.
    """
    return get_executor(
        getattr(cfg, "executor", "local"),
        max(1, int(getattr(cfg, "workers", 1))),
        getattr(cfg, "dask_address", None),
        pipelined,
    )


def submit(tasks: list[Task], executor: Any) -> tuple[list[Any], Report]:
    """Start the tasks that are not complete on disk (a complete one is skipped, not run).

    Args:
        tasks: Replications to run.
        executor: From ``experiments.executors.get_executor``.

    Returns:
        The executor's handles of the started tasks, and a report counting the skipped.
    """
    todo = [t for t in tasks if not is_complete(Path(t.out_dir), t.run_id)]
    return executor.submit(execute_task, todo), Report(skipped=len(tasks) - len(todo))


def collect(
    handles: list[Any],
    executor: Any,
    report: Report,
    bar: Any,
    rows: dict[str, dict] | None = None,
) -> Report:
    """Wait for submitted tasks; count them into ``report``; never raise for one.

    Args:
        handles: From ``submit``.
        executor: The executor they were submitted to.
        report: Counts so far (the skipped); successes and failures are added.
        bar: A tqdm bar advanced once per finished task.
        rows: If given, each succeeded task's summary row is stored here by ``run_id``.

    Returns:
        ``report``, with the failure records and their tracebacks.
    """
    for res in executor.results(handles):
        row = res.pop("summary", None)
        if res["status"] == "succeeded":
            if rows is not None:
                rows[res["run_id"]] = row
            report.succeeded += 1
        else:
            report.failed += 1
            report.failures.append(res)
            tqdm.write(f"navsim: replicate {res['replicate']} failed: {res['error']}")
        bar.update(1)
    TALLY.add(report)
    return report


def execute(
    tasks: list[Task],
    executor: Any,
    progress: bool = False,
    desc: str = "replications",
    rows: dict[str, dict] | None = None,
) -> Report:
    """Run the tasks that are not complete on disk; record failures; never raise for one.

    Args:
        tasks: Replications to run.
        executor: From ``experiments.executors.get_executor``.
        progress: Show a progress bar over the tasks.
        desc: Label of the progress bar.
        rows: If given, filled with the summary rows of the tasks run (see ``collect``).

    Returns:
        The counts (a complete task is skipped, not run) and the failure records.
    """
    handles, report = submit(tasks, executor)
    with tqdm(
        total=len(tasks), initial=report.skipped, disable=not progress, desc=desc, unit="run"
    ) as bar:
        return collect(handles, executor, report, bar, rows)


def write_failures(out_dir: Path, failures: list[dict]) -> None:
    """Write ``failures.parquet`` (one row per failed replication), or remove a stale one.

    Args:
        out_dir: The job or design directory.
        failures: Records from ``execute_task`` with status "failed".
    """
    path = out_dir / "failures.parquet"
    if not failures:
        path.unlink(missing_ok=True)
        return
    cols = ["run_id", "point", "replicate", "error", "traceback"]
    df = pd.DataFrame([{c: f.get(c) for c in cols} for f in failures], columns=cols)
    df = df.sort_values(["point", "replicate"], na_position="first").reset_index(drop=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(df, path)


def read_summaries(tasks: list[Task], rows: dict[str, dict] | None = None) -> pd.DataFrame:
    """``summaries_table`` as a DataFrame (empty if no task is complete)."""
    table = summaries_table(tasks, rows)
    return pd.DataFrame() if table is None else table.to_pandas()


def summaries_table(tasks: list[Task], rows: dict[str, dict] | None = None) -> pa.Table | None:
    """The summary rows of the complete tasks, in the tasks' order.

    A task run in this invocation gives its row from ``rows`` (as returned by its
    worker); one skipped as complete is read from its ``summary.parquet``. Both become
    the same one-row Arrow table, so the result does not depend on which tasks were
    resumed: the rows of the tasks run are converted in one call (``summary_table`` of
    a job's rows, which share their config, gives each column the type it gives one
    row) and sliced into one-row tables.

    Args:
        tasks: The replications.
        rows: Summary rows by ``run_id`` (from ``collect``), or None to read every row.

    Returns:
        One row per complete task; None if none is.
    """
    rows = rows or {}
    ran = [t.run_id for t in tasks if t.run_id in rows]
    fresh = summary_table([rows[r] for r in ran]) if ran else None
    index = {run_id: i for i, run_id in enumerate(ran)}
    tables = []
    for t in tasks:
        if t.run_id in index:
            tables.append(fresh.slice(index[t.run_id], 1))
        elif is_complete(Path(t.out_dir), t.run_id):
            tables.append(pq.read_table(Path(t.out_dir) / "summary.parquet"))
    return pa.concat_tables(tables, promote_options="default") if tables else None


def run(cfg: Any, out_dir: Path | str) -> pd.DataFrame:
    """Run a job's replications (see ``run_job``) and return their summary rows.

    Args:
        cfg: A RunConfig.
        out_dir: The run directory.

    Returns:
        The summary rows of the complete replications, ordered by replicate.
    """
    return run_job(cfg, out_dir)[0]


def run_job(cfg: Any, out_dir: Path | str) -> tuple[pd.DataFrame, Report]:
    """Run ``cfg.replications`` replications on the configured executor, skipping finished ones.

    With one replication the tables sit in ``out_dir``; with N they sit in
    ``out_dir/rep_<k>/`` (DESIGN §7) and ``out_dir/summary.parquet`` gathers them once
    all are complete. A replication whose ``run.json`` holds its ``run_id`` is skipped;
    one that raises is recorded in ``out_dir/failures.parquet`` and the others finish.
    With ``cfg.only_replicate = k`` only replicate k runs (into the same directory as
    in the full job, with the same bytes).

    Args:
        cfg: A RunConfig.
        out_dir: The run directory.

    Returns:
        The summary rows of the complete replications ordered by replicate, and the
        report of what ran, failed and was skipped.
    """
    return wait_job(start_job(cfg, out_dir))


def wait_job(job: Job) -> tuple[pd.DataFrame, Report]:
    """``finish_job`` with its own progress bar (shown if ``progress`` and N > 1)."""
    progress = bool(getattr(job.cfg, "progress", False)) and job.cfg.replications > 1
    with tqdm(
        total=len(job.tasks),
        initial=job.report.skipped,
        disable=not progress,
        desc="replications",
        unit="run",
    ) as bar:
        return finish_job(job, bar)


@dataclass
class Job:
    """A job whose replications were submitted (``start_job``) and not yet collected.

    Attributes:
        cfg: Its RunConfig.
        out_dir: Its run directory.
        tasks: Every replication of the job (complete ones included).
        handles: The executor's handles of the replications started.
        executor: Where they run.
        report: Counts so far.
        rows: Summary rows of the replications finished so far, by ``run_id``.
    """

    cfg: Any
    out_dir: Path
    tasks: list[Task]
    handles: list[Any]
    executor: Any
    report: Report
    rows: dict[str, dict] = field(default_factory=dict)


def start_job(cfg: Any, out_dir: Path | str, pipelined: bool = False) -> Job:
    """Check a job, remove stale temporary files and submit its unfinished replications.

    On a process pool or Dask the replications start at once, so a multirun can
    submit every job before waiting for the first (``finish_job`` waits).

    Args:
        cfg: A RunConfig.
        out_dir: The run directory.
        pipelined: The caller goes on (composes its next job) before ``finish_job``:
            run even ``workers=1`` in a process of its own (``executor_for``).

    Returns:
        The started job.

    Raises:
        ValueError: For ``replications`` < 1 or ``only_replicate`` out of range.
    """
    out_dir = Path(out_dir)
    n = cfg.replications
    if n < 1:
        raise ValueError(f"replications={n}: must be at least 1")
    only = getattr(cfg, "only_replicate", None)
    if only is not None and not 0 <= only < n:
        raise ValueError(f"only_replicate={only}: must be in [0, replications={n})")
    dirs = [out_dir] if n == 1 else [out_dir / f"rep_{k}" for k in range(n)]
    remove_stale_tmp(out_dir)
    reps = range(n) if only is None else [only]
    tasks = [Task(cfg, k, str(dirs[k]), make_run_id(cfg, k)) for k in reps]
    executor = executor_for(cfg, pipelined)
    handles, report = submit(tasks, executor)
    return Job(cfg, out_dir, tasks, handles, executor, report)


def finish_job(job: Job, bar: Any) -> tuple[pd.DataFrame, Report]:
    """Wait for a started job; write ``failures.parquet`` and the job's ``summary.parquet``.

    Args:
        job: From ``start_job``.
        bar: A tqdm bar advanced once per finished replication.

    Returns:
        The summary rows of the complete replications ordered by replicate, and the
        report of what ran, failed and was skipped.
    """
    report = collect(job.handles, job.executor, job.report, bar, job.rows)
    n, only = job.cfg.replications, getattr(job.cfg, "only_replicate", None)
    if only is None or report.failures:
        write_failures(job.out_dir, report.failures)
    table = summaries_table(job.tasks, job.rows)  # the tasks are in replicate order
    if table is None:
        return pd.DataFrame(), report
    if n > 1 and only is None and not report.failures:
        write_table_atomic(table, job.out_dir / "summary.parquet")
    return table.to_pandas(), report
