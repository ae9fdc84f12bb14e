"""Benchmark: our runner against ``mesa.batch_run`` on the same design (Agder).

The design: ``governance.harmonised_terms`` in {false, true} × ``governance.meetings_per_year``
in {2, 4}, with 10 or 40 replications per point (40 and 160 runs), ``months=60``,
``burn_in=24``, ``record_every=1``, replicate k seeded with ``SeedSequence(1).spawn(R)[k]``
in both. Each configuration runs as its own process tree, sampled every 50 ms with psutil:

- ours: ``python -m experiments.cli -m ... replications=R workers=W`` (a Hydra multirun,
  one job per point, the replications spread over a pool of W processes that lives for
  the whole sweep), every table written to parquet;
- batch_run: ``python -m benchmarks.runner_bench --child batch`` runs
  ``mesa.batch_run(BatchNavModel, parameters, number_processes=W, rng=seeds,
  data_collection_period=1, max_steps=burn_in+months)`` with model reporters only (the
  summary outcomes of ``sim.recording.OUTCOMES``, read from the model's own recorded
  month), then saves the rows it returned as one parquet file.

Measured: wall time, CPU time (user + system) of the whole process tree, its peak
memory (the sums of RSS and of PSS over the process and its descendants), output size
on disk (and, for batch_run, the rows held in memory). Run from the repository root::

    .venv/bin/python -m benchmarks.runner_bench            # 40 and 160 runs, 1 and 2 workers, x2
    .venv/bin/python -m benchmarks.runner_bench --quick    # 8 runs, to check it works
    .venv/bin/python -m benchmarks.runner_bench --sizes 480 --repeat 1 --name runner_results_480

Writes ``benchmarks/<name>.json`` and ``benchmarks/<name>.md`` (``--name``, default
``runner_results``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
MONTHS, BURN_IN, RECORD_EVERY = 60, 24, 1
HARMONISED = [False, True]
MEETINGS = [2, 4]
POINTS = len(HARMONISED) * len(MEETINGS)


# ----------------------------------------------------------------- batch_run side


def _latest_region_values(model) -> dict[str, float]:
    """The region's outcomes in the month just recorded (as ``model.parquet`` aggregates)."""
    from sim.recording import SUM_COLUMNS

    block = model.recorder.blocks["offices"][-1]
    n_staff = block["n_staff"].astype(float)
    out = {}
    for c, x in block.items():
        if c in ("month", "office_id", "leader_model", "joint_plan") or x.dtype.kind not in "biuf":
            continue
        x = x.astype(float)
        if c in SUM_COLUMNS:
            out[c] = float(x.sum())
        elif c == "mean_wait_months":
            w = block["starts"].astype(float) * ~np.isnan(x)
            out[c] = float((np.nan_to_num(x) * w).sum() / w.sum()) if w.sum() else float("nan")
        else:
            out[c] = float((x * n_staff).sum() / n_staff.sum())
    out["staff_turnover"] = out["leavers"] / out["n_staff"]
    out["exit_rate"] = out["exits_to_work"] / max(out["n_users"], 1.0)
    return out


def _reporter(name: str):
    return lambda m: m.latest[name]


def make_batch_model():
    """The adapter class for ``mesa.batch_run`` (built lazily: imports sim)."""
    from mesa import DataCollector

    from sim import ModelConfig, NavPartnershipModel
    from sim.config import GovernanceConfig
    from sim.recording import OUTCOMES

    class BatchNavModel(NavPartnershipModel):
        """NavPartnershipModel from keyword arguments, with a Mesa DataCollector."""

        def __init__(
            self,
            harmonised_terms: bool = False,
            meetings_per_year: int = 2,
            months: int = MONTHS,
            burn_in: int = BURN_IN,
            record_every: int = RECORD_EVERY,
            rng=None,
        ) -> None:
            """Build the model and its model reporters (the summary outcomes)."""
            gov = GovernanceConfig(
                harmonised_terms=harmonised_terms, meetings_per_year=meetings_per_year
            )
            cfg = ModelConfig(
                governance=gov, months=months, burn_in=burn_in, record_every=record_every
            )
            super().__init__(cfg, rng=rng)
            self.latest: dict[str, float] = {}
            self.datacollector = DataCollector(
                model_reporters={o: _reporter(o) for o in (*OUTCOMES, "exit_rate")}
            )

        def step(self) -> None:
            """One month; collect the outcomes in every recorded month."""
            super().step()
            if self.month >= 0 and self.month % self.cfg.record_every == 0:
                self.latest = _latest_region_values(self)
                self.datacollector.collect(self)

    return BatchNavModel


def BatchNavModel(**kwargs):  # noqa: N802 - stands for the class in batch_run
    """Build the adapter model: a module-level callable that spawned workers can import."""
    return make_batch_model()(**kwargs)


def child_batch(runs: int, workers: int, out: Path) -> None:
    """Run the design through ``mesa.batch_run`` and save its rows (child process)."""
    import mesa
    import pandas as pd

    reps = runs // POINTS
    seeds = np.random.SeedSequence(1).spawn(reps)
    rows = mesa.batch_run(
        BatchNavModel,
        parameters={"harmonised_terms": HARMONISED, "meetings_per_year": MEETINGS},
        number_processes=workers,
        rng=seeds,
        data_collection_period=1,
        max_steps=BURN_IN + MONTHS,
        display_progress=False,
    )
    df = pd.DataFrame(rows)
    df["rng"] = df["rng"].map(lambda s: str(list(s.spawn_key)))
    out.mkdir(parents=True, exist_ok=True)
    df.to_parquet(out / "batch_run.parquet", index=False, compression="zstd")
    info = {"rows": len(df), "memory_bytes": int(df.memory_usage(deep=True).sum())}
    (out / "batch_info.json").write_text(json.dumps(info))


# ----------------------------------------------------------------- measurement


def tree_memory(proc) -> tuple[int, int]:
    """Resident (RSS) and proportional (PSS) memory of a process and its descendants.

    RSS counts a page shared by a parent and its forked workers once per process; PSS
    splits it among them, so the PSS sum is the tree's real footprint.

    Returns:
        (RSS sum, PSS sum) in bytes.
    """
    import psutil

    rss = pss = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            mem = p.memory_full_info()
            rss += mem.rss
            pss += mem.pss
    return rss, pss


def measure(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd``: wall time, CPU time and the peaks of the process tree's memory.

    CPU time is user + system of the command and every descendant it waited for
    (``RUSAGE_CHILDREN``), so it counts a pool's workers too.
    """
    import resource

    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    ps = psutil.Process(proc.pid)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss, pss = tree_memory(ps)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed:\n{err[-3000:]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "peak_rss_mb": round(peak_rss / 2**20, 1),
        "peak_pss_mb": round(peak_pss / 2**20, 1),
    }


def dir_size(path: Path) -> int:
    """Bytes of all files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def ours_model_cmd(runs: int, workers: int, out: Path) -> list[str]:
    """The navsim multirun writing only what batch_run collects (``outputs=[model]``)."""
    return [*ours_cmd(runs, workers, out), "outputs=[model]"]


def ours_cmd(runs: int, workers: int, out: Path) -> list[str]:
    """The navsim multirun of the design."""
    return [
        sys.executable,
        "-m",
        "experiments.cli",
        "-m",
        "governance.harmonised_terms=false,true",
        "governance.meetings_per_year=2,4",
        f"replications={runs // POINTS}",
        f"workers={workers}",
        f"months={MONTHS}",
        f"burn_in={BURN_IN}",
        f"record_every={RECORD_EVERY}",
        "seed=1",
        "progress=false",
        f"hydra.sweep.dir={out}",
    ]


def child_cmd(module: str, child: str, runs: int, workers: int, *extra: str) -> list[str]:
    """A benchmark module run as a child of one configuration (``--child``)."""
    return [
        sys.executable,
        "-m",
        module,
        "--child",
        child,
        "--runs",
        str(runs),
        "--workers",
        str(workers),
        *extra,
    ]


def batch_cmd(runs: int, workers: int, out: Path) -> list[str]:
    """The batch_run child of the design."""
    return child_cmd("benchmarks.runner_bench", "batch", runs, workers, "--out", str(out))


TOOLS = (
    ("mesa.batch_run", batch_cmd),
    ("navsim runner", ours_cmd),
    ("navsim runner, model only", ours_model_cmd),
)


def bench(sizes: list[int], workers_list: list[int], repeat: int = 1) -> list[dict]:
    """Every (tool, runs, workers) configuration, each in a fresh temporary directory.

    With ``repeat`` > 1 the tools alternate, in reverse order every other repeat (so a
    drift of the machine's speed within a repeat favours no tool), and each
    configuration keeps its fastest wall time (the least disturbed by other load) and
    its largest peak memory.
    """
    results = []
    for runs in sizes:
        for workers in workers_list:
            best: dict[str, dict] = {}
            for r in range(repeat):
                for tool, make in TOOLS if r % 2 == 0 else TOOLS[::-1]:
                    tmp = Path(tempfile.mkdtemp(prefix="navsim-bench-"))
                    try:
                        res = measure(make(runs, workers, tmp / "out"))
                        res.update({"tool": tool, "runs": runs, "workers": workers})
                        res["output_mb"] = round(dir_size(tmp / "out") / 2**20, 2)
                        info = tmp / "out" / "batch_info.json"
                        if info.is_file():
                            b = json.loads(info.read_text())
                            res["rows_in_memory"] = b["rows"]
                            res["rows_memory_mb"] = round(b["memory_bytes"] / 2**20, 2)
                        print(json.dumps(res), flush=True)
                    finally:
                        shutil.rmtree(tmp, ignore_errors=True)
                    prev = best.get(tool)
                    if prev is None:
                        best[tool] = {**res, "walls_s": [res["wall_s"]], "cpus_s": [res["cpu_s"]]}
                    else:
                        prev["walls_s"].append(res["wall_s"])
                        prev["cpus_s"].append(res["cpu_s"])
                        prev["wall_s"] = min(prev["wall_s"], res["wall_s"])
                        prev["cpu_s"] = min(prev["cpu_s"], res["cpu_s"])
                        for key in ("peak_rss_mb", "peak_pss_mb"):
                            prev[key] = max(prev[key], res[key])
            results.extend(best.values())
    return results


def paired(a: dict, b: dict, key: str = "walls_s") -> str:
    """Median and range of the ratios a/b repeat by repeat (the two ran back to back).

    The tools alternate within each repeat, so a repeat's two runs share the machine's
    state; on a shared VM this ratio is steadier than the fastest against the fastest.
    """
    ratios = sorted(x / y for x, y in zip(a.get(key, []), b.get(key, []), strict=False))
    if not ratios:
        return "no paired repeats"
    return (
        f"paired by repeat: median {float(np.median(ratios)):.2f} "
        f"(range {ratios[0]:.2f}-{ratios[-1]:.2f}, {len(ratios)} repeats)"
    )


def markdown(results: list[dict], meta: dict) -> str:
    """The results as a markdown table with the derived comparisons."""
    lines = [
        "# Runner benchmark: navsim runner vs mesa.batch_run",
        "",
        f"Command: `{meta['command']}` ({meta['date']}, {meta['machine']}).",
        f"Design: Agder, harmonised_terms × meetings_per_year (4 points), months={MONTHS}, "
        f"burn_in={BURN_IN}, record_every={RECORD_EVERY}; batch_run collects model "
        "reporters only (the summary outcomes); the runner writes every table to parquet, "
        "or, as 'model only', just model.parquet, summary.parquet and run.json "
        "(`outputs=[model]`, the like-for-like comparison).",
        "Peak memory: the whole process tree (parent + workers), sampled every 50 ms: the "
        "sum of RSS (a page shared by a parent and its forked workers counted in each) and "
        "of PSS (shared pages split among the processes: the tree's real footprint). CPU: "
        "user + system time of the tree.",
        "",
        "Wall and CPU time: the fastest of the repeats (all repeats in brackets); peak "
        "memory: the largest.",
        "",
        "| tool | runs | workers | wall (s) | CPU (s) | peak RSS tree (MB) "
        "| peak PSS tree (MB) | output on disk (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['tool']} | {r['runs']} | {r['workers']} | {r['wall_s']} "
            f"({', '.join(map(str, r.get('walls_s', [r['wall_s']])))}) | "
            f"{r.get('cpu_s', '–')} ({', '.join(map(str, r.get('cpus_s', [])))}) | "
            f"{r['peak_rss_mb']} | {r.get('peak_pss_mb', '–')} | {r['output_mb']} |"
        )
    get = {(r["tool"], r["runs"], r["workers"]): r for r in results}
    lines += ["", "Derived:", ""]
    for runs in sorted({r["runs"] for r in results}):
        for w in sorted({r["workers"] for r in results}):
            b = get.get(("mesa.batch_run", runs, w))
            for tool in ("navsim runner", "navsim runner, model only"):
                a = get.get((tool, runs, w))
                if a and b:
                    lines.append(
                        f"- {runs} runs, {w} worker(s): {tool} / batch_run wall time = "
                        f"{a['wall_s'] / b['wall_s']:.2f} (fastest against fastest); "
                        f"{paired(a, b)}; CPU time {paired(a, b, 'cpus_s')}"
                    )
        for tool in ("navsim runner", "navsim runner, model only", "mesa.batch_run"):
            a1, a2 = get.get((tool, runs, 1)), get.get((tool, runs, 2))
            if a1 and a2:
                lines.append(
                    f"- {runs} runs: {tool} speed-up 2 vs 1 workers = "
                    f"{a1['wall_s'] / a2['wall_s']:.2f}×"
                )
    sizes = sorted({r["runs"] for r in results})
    if len(sizes) > 1:
        for tool in ("navsim runner", "mesa.batch_run"):
            for w in sorted({r["workers"] for r in results}):
                lo, hi = get.get((tool, sizes[0], w)), get.get((tool, sizes[-1], w))
                if lo and hi:
                    lines.append(
                        f"- {tool}, {w} worker(s): peak memory (RSS tree) "
                        f"{lo['peak_rss_mb']} MB at {sizes[0]} runs -> {hi['peak_rss_mb']} MB "
                        f"at {sizes[-1]} runs; PSS tree {lo.get('peak_pss_mb', '–')} -> "
                        f"{hi.get('peak_pss_mb', '–')} MB"
                    )
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the benchmark (or, with ``--child batch``, one batch_run configuration)."""
    p = argparse.ArgumentParser(prog="runner_bench")
    p.add_argument("--child", choices=["batch"], default=None)
    p.add_argument("--runs", type=int, default=40)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--quick", action="store_true", help="8 runs only, results not saved")
    p.add_argument("--repeat", type=int, default=2, help="repeats per configuration (2)")
    p.add_argument(
        "--sizes",
        type=lambda text: [int(x) for x in text.split(",")],
        default=[40, 160],
        help="runs per configuration, comma-separated multiples of 4 (40,160)",
    )
    p.add_argument(
        "--name",
        default="runner_results",
        help="stem of the result files in benchmarks/ (runner_results)",
    )
    p.add_argument(
        "--markdown-only",
        action="store_true",
        help="rewrite <name>.md from <name>.json (no runs)",
    )
    args = p.parse_args()
    if args.child == "batch":
        child_batch(args.runs, args.workers, args.out)
        return
    if args.markdown_only:
        saved = json.loads((HERE / f"{args.name}.json").read_text())
        results, meta = saved["results"], saved["meta"]
    else:
        if any(n % POINTS for n in args.sizes):
            p.error(f"--sizes: each must be a multiple of {POINTS} (the design's points)")
        sizes = [8] if args.quick else args.sizes
        results = bench(sizes, [1, 2], args.repeat)
        meta = {
            "command": "python -m benchmarks.runner_bench"
            + (" --quick" if args.quick else "")
            + (f" --repeat {args.repeat}" if args.repeat != 2 else "")
            + (f" --sizes {','.join(map(str, sizes))}" if sizes != [40, 160] else "")
            + (f" --name {args.name}" if args.name != "runner_results" else ""),
            "date": time.strftime("%Y-%m-%d"),
            "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"load average at start {os.getloadavg()[0]:.1f}",
        }
    text = markdown(results, meta)
    print(text)
    if not args.quick and not args.markdown_only:
        (HERE / f"{args.name}.json").write_text(
            json.dumps({"meta": meta, "results": results}, indent=2) + "\n"
        )
        (HERE / f"{args.name}.md").write_text(text)


if __name__ == "__main__":
    main()
