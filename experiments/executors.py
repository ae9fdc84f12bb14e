"""Where replications run: this process, a local process pool, or Dask distributed.

No scheduler of our own: the local pool is a ``concurrent.futures.ProcessPoolExecutor``
(forked or spawned processes), Dask is ``dask.distributed.Client`` (a ``LocalCluster`` of
``workers`` processes with one thread each, or a running scheduler at
``dask_address``). Executors are cached per process, so in a Hydra multirun (jobs run
one after another in the launching process) the same workers serve every job of the
sweep; ``shutdown_executors()`` ends them.

Every executor runs the same top-level function ``execute_task`` on a ``Task``; it
never raises: a replication that fails comes back as a record with its traceback.
``submit`` returns at once and ``results`` waits, so work can be queued for several
jobs before the first is waited for.
"""

from __future__ import annotations

import atexit
import functools
import gc
import logging
import os
import socket
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from sim.config import ConfigError


@dataclass(frozen=True)
class Task:
    """One replication to run: its config, index, directory and expected ``run_id``.

    Attributes:
        cfg: A RunConfig (a picklable dataclass).
        replicate: Index k of the replication.
        out_dir: Directory of its tables (made absolute on creation).
        run_id: The ``run_id`` it will have (its completeness key).
        point: Design point index, or None outside a design.
    """

    cfg: Any
    replicate: int
    out_dir: str
    run_id: str
    point: int | None = None

    def __post_init__(self) -> None:
        """Make ``out_dir`` absolute, relative to the submitting process's directory.

        A worker of a Dask cluster runs in a directory of its own: given a relative
        path it would write the replication there, not where the command was run.
        """
        object.__setattr__(self, "out_dir", os.path.abspath(self.out_dir))


_GC_TUNED = False
# how long ``check_scheduler`` and a Dask client wait for a scheduler to answer (seconds)
CONNECT_TIMEOUT = 5.0


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. a SLURM allocation)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on macOS and Windows
        return os.cpu_count() or 1


def starts_pool(kind: str, address: str | None) -> bool:
    """Whether these settings start worker processes on this machine (not a remote scheduler)."""
    return kind == "local" or (kind == "dask" and not address)


def check_workers(
    kind: str,
    workers: int,
    address: str | None,
    oversubscribe: bool,
    key: str = "workers",
    override: str | None = "oversubscribe=true",
) -> None:
    """A pool started here has at most as many workers as the machine gives this process.

    Checked where the pool starts (in a SLURM job: on its node, against its allocation),
    so a job asking for 8 workers on a 32-core node is fine.

    Args:
        kind: "local" or "dask".
        workers: Processes asked for.
        address: Dask scheduler address (a remote scheduler is not checked), or None.
        oversubscribe: Allow more workers than cores (``oversubscribe=true``).
        key: The setting named in the message.
        override: How to allow more (named in the message), or None.

    Raises:
        ConfigError: Naming ``workers``, the cores and the override.
    """
    cores = usable_cores()
    if starts_pool(kind, address) and workers > cores and not oversubscribe:
        anyway = f" ({override} starts {workers} anyway)" if override else ""
        raise ConfigError(
            f"{key}={workers} is more than the {cores} cores this process may use; "
            f"allowed: 1 to {cores}{anyway}"
        )


def check_scheduler(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """A Dask scheduler listens at ``address`` (a TCP connection within ``timeout``).

    Only ``tcp://``, ``tls://`` and bare ``host:port`` addresses are tried; others
    (``inproc://``, ``ucx://``) are left to Dask.

    Raises:
        ConfigError: Naming ``dask_address`` and why the connection failed.
    """
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme not in ("tcp", "tls"):
        return
    host, _, port = rest.rstrip("/").rpartition(":")
    if not host or not port.isdigit():
        host, port = rest.rstrip("/"), "8786"
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except (OSError, ValueError) as err:
        reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
        raise ConfigError(
            f"dask_address={address!r}: no Dask scheduler answers there ({reason}); "
            "allowed: the address of a running scheduler (e.g. tcp://host:8786), or none "
            "to start a LocalCluster of `workers` processes"
        ) from None


def pool_start_method() -> str:
    """The pool's start method: "fork" where safe (one thread in this process), else "spawn"."""
    if "fork" in get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def tune_gc() -> None:
    """Once per process: move what is loaded so far to the permanent generation.

    ``gc.freeze`` spares every later collection a walk over the imported modules;
    the thresholds stay at their defaults (raising them lets the garbage of finished
    replications pile up, so memory grows with the number of runs). A process that
    forks workers calls it before forking, as the ``gc`` documentation advises: the
    workers then inherit the frozen objects and never write to their pages, which
    stay shared. Results do not depend on it: the garbage collector never touches the
    random streams.
    """
    global _GC_TUNED
    if not _GC_TUNED:
        gc.collect()
        gc.freeze()
        _GC_TUNED = True


def attempt(call: Callable[[], dict], record: dict) -> dict:
    """Run ``call``; never raises.

    Args:
        call: The work; returns what to add to ``record`` on success.
        record: What identifies the work (run_id, replicate, ...).

    Returns:
        ``record`` with ``status`` "succeeded" and the call's result, or ``status``
        "failed" with ``error`` and ``traceback``.
    """
    try:
        result = call()
    except Exception as err:  # noqa: BLE001 - recorded, the other tasks go on
        return {
            **record,
            "status": "failed",
            "error": f"{type(err).__name__}: {err}",
            "traceback": traceback.format_exc(),
        }
    return {**record, "status": "succeeded", **result}


def execute_task(task: Task) -> dict:
    """Run one replication and report how it went; never raises.

    Args:
        task: The replication.

    Returns:
        ``{"status": "succeeded"|"failed", "run_id", "replicate", "point"}``, plus the
        replication's ``summary`` row on success (so the job's summary need not be read
        back from disk), or ``error`` and ``traceback`` on failure.
    """
    from experiments.replication import run_replication  # experiments.jobs imports this module

    tune_gc()
    return attempt(
        lambda: {"summary": run_replication(task.cfg, task.replicate, Path(task.out_dir))},
        {"run_id": task.run_id, "replicate": task.replicate, "point": task.point},
    )


class Executor:
    """What every executor offers: ``submit`` tasks, then take their ``results``.

    Submitting returns at once (a pool starts working), so a Hydra multirun can submit
    every job's replications before waiting for any (``experiments.cli``);
    ``map_unordered`` does both in one call.
    """

    def submit(self, fn: Callable[[Task], dict], tasks: Iterable[Task]) -> list[Any]:
        """Start ``fn`` on each task; return one handle per task."""
        raise NotImplementedError

    def results(self, handles: list[Any]) -> Iterator[dict]:
        """Yield the result of each handle as it completes."""
        raise NotImplementedError

    def map_unordered(self, fn: Callable[[Task], dict], tasks: Iterable[Task]) -> Iterator[dict]:
        """Submit every task, then yield the results as they complete."""
        return self.results(self.submit(fn, tasks))

    def shutdown(self) -> None:
        """Release the workers."""


class SerialExecutor(Executor):
    """Runs tasks one after another in this process (``workers=1``, not pipelined) when taken."""

    def submit(self, fn: Callable[[Task], dict], tasks: Iterable[Task]) -> list[Any]:
        """Nothing runs yet: each handle is the call to make."""
        return [functools.partial(fn, task) for task in tasks]

    def results(self, handles: list[Any]) -> Iterator[dict]:
        """Run each task in order and yield its result."""
        for call in handles:
            yield call()


class PoolExecutor(Executor):
    """A pool of ``workers`` processes that lives until ``shutdown``.

    The processes are forked when this process runs a single thread (as
    ``mesa.batch_run``'s pool is on Linux): they start at once with everything already
    imported. With other threads alive (e.g. under pytest-xdist) forking could deadlock
    a child, so they are spawned and import what they need. Results are the same
    either way: every replication's randomness comes from its own seed.

    Args:
        workers: Number of processes.
    """

    def __init__(self, workers: int) -> None:
        """Create the pool (its processes start with the first task)."""
        self.start_method = pool_start_method()
        if self.start_method == "fork":
            tune_gc()  # before the fork: the workers share the frozen objects' pages
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=get_context(self.start_method)
        )

    def submit(self, fn: Callable[[Task], dict], tasks: Iterable[Task]) -> list[Any]:
        """Queue every task on the pool."""
        return [self.pool.submit(fn, t) for t in tasks]

    def results(self, handles: list[Any]) -> Iterator[dict]:
        """Yield results as the futures complete."""
        for fut in as_completed(handles):
            yield fut.result()

    def shutdown(self) -> None:
        """Stop the worker processes."""
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor(Executor):
    """Dask distributed: a client of a running scheduler or of a new ``LocalCluster``.

    Args:
        workers: Worker processes of the LocalCluster (one thread each).
        address: Scheduler address (e.g. ``tcp://host:8786``); None starts a LocalCluster.
    """

    def __init__(self, workers: int, address: str | None = None) -> None:
        """Connect to ``address`` or start a LocalCluster of ``workers`` processes."""
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if address:
            try:
                self.client = Client(address, timeout=CONNECT_TIMEOUT)
            except Exception as err:  # noqa: BLE001 - timeouts, refusals, a foreign server
                check_scheduler(address)  # names the key if nothing listens there
                raise ConfigError(
                    f"dask_address={address!r}: no Dask scheduler answers there "
                    f"({type(err).__name__}); allowed: the address of a running scheduler"
                ) from None
        else:
            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)

    def submit(self, fn: Callable[[Task], dict], tasks: Iterable[Task]) -> list[Any]:
        """Submit every task (not deduplicated: ``pure=False``)."""
        return [self.client.submit(fn, t, pure=False) for t in tasks]

    def results(self, handles: list[Any]) -> Iterator[dict]:
        """Yield results as the futures complete, releasing each."""
        from dask.distributed import as_completed as dask_completed

        if not handles:
            return
        for fut in dask_completed(handles):
            yield fut.result()
            fut.release()

    def shutdown(self) -> None:
        """Close the client and, if we started it, the LocalCluster."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


_EXECUTORS: dict[tuple, Any] = {}


def get_executor(
    kind: str = "local",
    workers: int = 1,
    address: str | None = None,
    pipelined: bool = False,
    oversubscribe: bool = False,
) -> Any:
    """The cached executor for these settings, created on first use.

    Args:
        kind: "local" or "dask".
        workers: Processes (local pool or LocalCluster workers).
        address: Dask scheduler address, or None.
        pipelined: The caller submits work and goes on with other work before taking
            the results (a multirun composing its next job): then even one local worker
            is a process of its own, so that work overlaps the replications. Otherwise
            one local worker is this process (``SerialExecutor``).
        oversubscribe: Allow more local workers than cores (``check_workers``).

    Returns:
        An ``Executor``.

    Raises:
        ConfigError: More workers than cores, or no Dask scheduler at ``address``.
    """
    kind = str(getattr(kind, "value", kind))
    if kind not in ("local", "dask"):
        raise ValueError(f"executor={kind!r} is not one of: local, dask")
    serial = kind == "local" and workers <= 1 and not pipelined
    key = (kind, int(workers), address if kind == "dask" else None, serial)
    if key not in _EXECUTORS:
        check_workers(kind, int(workers), address, oversubscribe)
        if kind == "dask":
            _EXECUTORS[key] = DaskExecutor(workers, address)
        elif serial:
            _EXECUTORS[key] = SerialExecutor()
        else:
            _EXECUTORS[key] = PoolExecutor(workers)
    return _EXECUTORS[key]


def shutdown_executors() -> None:
    """Shut down every cached executor (end of a run or a sweep)."""
    while _EXECUTORS:
        _, ex = _EXECUTORS.popitem()
        ex.shutdown()


atexit.register(shutdown_executors)
