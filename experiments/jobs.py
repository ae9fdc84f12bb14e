"""A job: the replications of one configuration, run on an executor, skipping finished ones.

``run_job(cfg, out_dir)`` runs ``cfg.replications`` replications (``experiments.
replication``) on the executor the config asks for, writes ``failures.parquet`` and,
with N > 1, the job's ``summary.parquet``. ``start_job`` and ``finish_job`` split it in
two so that a multirun can submit every job before waiting for the first; ``Sweep``
holds the jobs of one ``navsim`` invocation (the deferred ones and the counts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from experiments.atomic import remove_stale_tmp, write_atomic, write_table_atomic
from experiments.executors import Task, execute_task, get_executor
from experiments.replication import is_complete, make_run_id, summary_table


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


def executor_for(cfg: Any, pipelined: bool = False) -> Any:
    """The (cached) executor a RunConfig asks for: ``executor``, ``workers``, ``dask_address``.

    With ``pipelined`` (see ``get_executor``) one local worker is a process of its own.
    """
    return get_executor(
        getattr(cfg, "executor", "local"),
        max(1, int(getattr(cfg, "workers", 1))),
        getattr(cfg, "dask_address", None),
        pipelined,
        bool(getattr(cfg, "oversubscribe", False)),
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
    all are complete. A replication whose ``run.json`` holds its ``run_id`` and whose
    files match the sizes and checksums listed there is skipped (``is_complete``); a
    damaged one runs again; one that raises is recorded in ``out_dir/failures.parquet``
    and the others finish. With ``cfg.only_replicate = k`` only replicate k runs (into
    the same directory as in the full job, with the same bytes).

    Args:
        cfg: A RunConfig.
        out_dir: The run directory.

    Returns:
        The summary rows of the complete replications ordered by replicate, and the
        report of what ran, failed and was skipped.
    """
    return wait_job(start_job(cfg, out_dir))


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


@dataclass
class Sweep:
    """The jobs of one ``navsim`` invocation: the counts so far and the deferred jobs.

    A single run waits for its job (``wait``). A multirun under the basic launcher
    starts each job and defers it (``defer``), so the next job is composed while the
    workers run this one, and collects them all at the sweep's end (``finish``).

    Attributes:
        tally: Counts of every job waited for or finished (the closing line of a
            multirun; ``navsim`` exits 1 if any replication failed).
        pending: Started jobs not yet collected, each with the language of its summary.
    """

    tally: Report = field(default_factory=Report)
    pending: list[tuple[Job, str]] = field(default_factory=list)

    def wait(self, job: Job) -> tuple[pd.DataFrame, Report]:
        """``wait_job``, counted into the tally."""
        summary, report = wait_job(job)
        self.tally.add(report)
        return summary, report

    def defer(self, job: Job, lang: str) -> None:
        """Keep a started job to collect at the sweep's end."""
        self.pending.append((job, lang))

    def finish(self, progress: bool) -> list[tuple[Job, pd.DataFrame, Report, str]]:
        """Collect the deferred jobs in the order they were started (one progress bar).

        Args:
            progress: Show the bar over every replication of the deferred jobs.

        Returns:
            Per job: the job, its summary rows, its report and its language.
        """
        total = sum(len(job.tasks) for job, _ in self.pending)
        skipped = sum(job.report.skipped for job, _ in self.pending)
        done = []
        with tqdm(
            total=total, initial=skipped, disable=not progress, desc="sweep", unit="run"
        ) as bar:
            while self.pending:
                job, lang = self.pending.pop(0)
                summary, report = finish_job(job, bar)
                self.tally.add(report)
                done.append((job, summary, report, lang))
        return done


# The sweep of this process. It lives here, not in ``experiments.cli``, which may be
# loaded twice (as ``__main__`` and by Hydra for its callback): both copies must see
# the same jobs.
SWEEP = Sweep()
