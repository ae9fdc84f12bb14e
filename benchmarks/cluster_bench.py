"""Benchmark: what a replication costs through the local pool, a Dask cluster and SLURM.

The same tiny replications (Agder, ``months=12``, ``burn_in=6``: about 0.1 s of work
each) run through each path, once as 1 replication and once as ``--runs`` (default 40):

- ``local``: ``navsim replications=R workers=2`` (a pool of 2 processes);
- ``dask``: ``navsim replications=R executor=dask dask_address=...`` on a ``dask
  scheduler`` and two ``dask worker`` processes (one thread each) started here and warmed
  up by one replication first;
- ``slurm, one task``: ``navsim -m hydra/launcher=slurm replications=R workers=2``, one
  array task holding every replication (the shipped launcher config, partition and
  ``mem_gb=1`` set for the test cluster);
- ``slurm, task per replication``: ``navsim -m hydra/launcher=slurm replications=1
  seed=range(1,R+1)``, R array tasks of one replication each;
- ``sbatch``: ``sbatch --array=0-(R-1) --wrap true``, timed until ``squeue`` no longer
  lists it (polled every 0.1 s): the scheduler alone.

From each pair: the fixed cost (wall time of 1 replication minus its own work, from
``run.json``'s ``wall_time_s``), the overhead per replication (the marginal wall time of
the other R - 1 replications minus their work shared by the 2 CPUs), and jobs per
minute. Needs the one-node cluster (``scripts/slurm-cluster.sh start``). Run from the
repository root with nothing else running::

    .venv/bin/python -m benchmarks.cluster_bench --repeat 3
    .venv/bin/python -m benchmarks.cluster_bench --quick      # 4 runs, once: does it work

Writes ``benchmarks/cluster_results.json`` and ``.md`` (``--quick``: ``cluster_results_quick``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
NAVSIM = str(BIN / "navsim")
TINY = ["region=agder", "months=12", "burn_in=6", "progress=false"]
CPUS = 2  # workers of the pool and of the Dask cluster; CPUs of the test cluster's node
DERIVED = ("fixed_s", "per_replication_s", "replications_per_min")
PATHS = ("local", "dask", "slurm, one task", "slurm, task per replication", "sbatch")


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate a process started here (by its pid); kill it if it does not stop."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


@contextlib.contextmanager
def dask_cluster(home: Path, workers: int = CPUS) -> Iterator[str]:
    """A ``dask scheduler`` and ``workers`` ``dask worker`` processes on localhost.

    Each is a process of its own (the workers under Dask's default nanny, one thread
    each), run in ``home``; all are stopped on exit.

    Args:
        home: Their working directory (the scheduler file is written there).
        workers: Worker processes.

    Yields:
        The scheduler's address, ``tcp://127.0.0.1:PORT``.
    """
    from dask.distributed import Client

    scheduler_file = home / "scheduler.json"
    dask = str(BIN / "dask")
    quiet = {"cwd": home, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(scheduler_file)],
            **quiet,
        )
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.is_file() or not scheduler_file.stat().st_size:
            if procs[0].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("dask scheduler did not start")
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        for k in range(workers):
            procs.append(
                subprocess.Popen(
                    [dask, "worker", address, "--nthreads", "1", "--no-dashboard",
                     "--name", f"w{k}"],
                    **quiet,
                )
            )  # fmt: skip
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            stop_process(proc)


def default_partition() -> str:
    """The SLURM cluster's default partition (``sinfo`` marks it with ``*``)."""
    names = subprocess.run(
        ["sinfo", "-h", "-o", "%P"], capture_output=True, text=True, check=True
    ).stdout.split()
    return next(n.rstrip("*") for n in names if n.endswith("*"))


def commands(path: str, runs: int, out: Path, address: str, partition: str) -> list[str]:
    """The command line of ``runs`` replications through ``path``, writing under ``out``."""
    slurm = [
        NAVSIM,
        "-m",
        "hydra/launcher=slurm",
        f"hydra.launcher.partition={partition}",
        "hydra.launcher.mem_gb=1",
        *TINY,
        f"hydra.sweep.dir={out}",
    ]
    if path == "local":
        return [NAVSIM, *TINY, f"replications={runs}", f"workers={CPUS}", f"hydra.run.dir={out}"]
    if path == "dask":
        return [
            NAVSIM,
            *TINY,
            f"replications={runs}",
            "executor=dask",
            f"dask_address={address}",
            f"hydra.run.dir={out}",
        ]
    if path == "slurm, one task":
        return [*slurm, f"replications={runs}", f"workers={CPUS}"]
    if path == "slurm, task per replication":
        return [*slurm, "replications=1", f"seed=range(1,{runs + 1})"]
    out.mkdir(parents=True)
    return ["sbatch", "--parsable", f"--array=0-{runs - 1}", f"--partition={partition}",
            "--mem=100M", f"--output={out}/%A_%a.out", "--wrap", "true"]  # fmt: skip


def work_s(out: Path) -> float:
    """Seconds of replication work under ``out``: the sum of the run.json ``wall_time_s``."""
    return sum(json.loads(p.read_text())["wall_time_s"] for p in out.rglob("run.json"))


def timed(cmd: list[str], out: Path, runs: int, cwd: Path) -> dict:
    """Run a command; its wall time, the work it did and how many replications it wrote."""
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"{cmd} failed:\n{res.stdout[-2000:]}\n{res.stderr[-3000:]}")
    if cmd[0] == "sbatch":  # submitted: wait (polling every 0.1 s) until the array has left
        array = res.stdout.strip().split(";")[0]
        while subprocess.run(["squeue", "-h", "-j", array], capture_output=True).stdout:
            time.sleep(0.1)
    wall = time.perf_counter() - t0
    done = len(list(out.rglob("run.json")))
    if cmd[0] != "sbatch" and done != runs:
        raise RuntimeError(f"{cmd} wrote {done} replications, not {runs}")
    return {"wall_s": round(wall, 3), "work_s": round(work_s(out), 3), "runs": runs}


def derive(one: dict, many: dict) -> dict:
    """Fixed cost, overhead per replication and jobs per minute from a 1-run and an R-run case."""
    runs = many["runs"]
    marginal = (many["wall_s"] - one["wall_s"]) / (runs - 1)
    work_each = many["work_s"] / runs
    return {
        "fixed_s": round(one["wall_s"] - one["work_s"], 3),
        "per_replication_s": round(marginal - work_each / CPUS, 4),
        "replications_per_min": round(60 * runs / many["wall_s"], 1),
    }


def bench(runs: int, repeat: int) -> dict:
    """Every path at 1 and ``runs`` replications, ``repeat`` times (order rotating)."""
    partition = default_partition()
    rows = []
    with tempfile.TemporaryDirectory(prefix="cluster_bench_") as tmp:
        tmp = Path(tmp)
        (tmp / "dask").mkdir()
        with dask_cluster(tmp / "dask") as address:
            warm = tmp / "warm"
            timed(commands("dask", 2, warm, address, partition), warm, 2, tmp)
            for r in range(repeat):
                order = PATHS[r % len(PATHS) :] + PATHS[: r % len(PATHS)]
                for path in order:
                    row = {"repeat": r, "path": path}
                    for n in (1, runs):
                        out = tmp / f"{r}-{PATHS.index(path)}-{n}"
                        row[n] = timed(commands(path, n, out, address, partition), out, n, tmp)
                    row.update(derive(row[1], row[runs]))
                    rows.append(row)
                    print(json.dumps(row), flush=True)
    return {
        "command": " ".join(["python -m benchmarks.cluster_bench", *sys.argv[1:]]),
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_at_start": round(os.getloadavg()[0], 2),
        "runs": runs,
        "rows": [{**row, "one": row.pop(1), "many": row.pop(runs)} for row in rows],
    }


def to_markdown(result: dict) -> str:
    """The results as a markdown report: every repeat, then the medians."""
    runs = result["runs"]
    lines = [
        "# A replication through the local pool, a Dask cluster and SLURM",
        "",
        f"Command: `{result['command']}` ({result['date']}, {result['cpus']} CPUs, Python "
        f"{result['python']}, load average at start {result['load_at_start']}).",
        f"Replications: Agder, months=12, burn_in=6 (about 0.1 s of work each); 1 and {runs} "
        f"per path. Fixed cost = wall time of 1 replication minus its work (run.json "
        f"`wall_time_s`); overhead per replication = (wall({runs}) - wall(1)) / {runs - 1} "
        f"minus the mean work per replication / {CPUS} CPUs. The Dask cluster (2 workers) "
        "and the SLURM node (2 CPUs) run on this machine.",
        "",
        f"| repeat | path | wall, 1 (s) | wall, {runs} (s) | work, {runs} (s) | fixed cost (s) "
        "| overhead per replication (s) | replications per minute |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['repeat']} | {row['path']} | {row['one']['wall_s']:.2f} "
            f"| {row['many']['wall_s']:.2f} | {row['many']['work_s']:.2f} | {row['fixed_s']:.2f} "
            f"| {row['per_replication_s']:.3f} | {row['replications_per_min']:.0f} |"
        )
    lines += [
        "",
        "Median over repeats:",
        "",
        "| path | fixed cost (s) | overhead per replication (s) | replications per minute |",
        "|---|---:|---:|---:|",
    ]
    for path in PATHS:
        rows = [row for row in result["rows"] if row["path"] == path]
        med = {k: float(np.median([row[k] for row in rows])) for k in DERIVED}
        lines.append(
            f"| {path} | {med['fixed_s']:.2f} | {med['per_replication_s']:.3f} "
            f"| {med['replications_per_min']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Command line: run the benchmark and write ``benchmarks/<name>.json`` and ``.md``."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=40, help="replications of the large case (40)")
    p.add_argument("--repeat", type=int, default=3, help="repeats (3)")
    p.add_argument("--quick", action="store_true", help="4 runs, once, to check it works")
    p.add_argument(
        "--name", default=None, help="output name in benchmarks/ (cluster_results[_quick])"
    )
    args = p.parse_args(argv)
    runs, repeat = (4, 1) if args.quick else (args.runs, args.repeat)
    name = args.name or ("cluster_results_quick" if args.quick else "cluster_results")
    result = bench(runs, repeat)
    (HERE / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    (HERE / f"{name}.md").write_text(to_markdown(result))
    print(to_markdown(result))


if __name__ == "__main__":
    main()
