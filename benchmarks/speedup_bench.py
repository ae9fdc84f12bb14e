"""Benchmark: the speed-up of 2 workers over 1, paired, against the machine's own ceiling.

``runner_bench`` compares the fastest 1-worker run with the fastest 2-worker run, which
may lie many minutes apart; on a shared VM whose speed drifts by tens of percent (see
``benchmarks/README.md``) that ratio mixes the tool with the machine. Here each tool runs
its 1-worker and its 2-worker configuration back to back (which goes first alternates
between repeats), and each repeat also measures the **ceiling**: the same replications of
the bare model (``NavPartnershipModel(...).run()``, nothing written, no Hydra) over a
forked pool of 1 and of 2 processes. The ceiling is what this machine's two cores give
this work at that moment; no runner can beat it.

The design is ``runner_bench``'s (Agder, 4 points, ``months=60``, ``burn_in=24``,
``record_every=1``, replicate k on ``SeedSequence(1).spawn(R)[k]``); the default 160
runs is about 22 s of work per worker with 2 workers. Tools: the ceiling, our runner
(``python -m experiments.cli -m ...``, every table, and ``outputs=[model]``) and
``mesa.batch_run`` (model reporters only).

Run from the repository root (nothing else running: the machine is the instrument)::

    .venv/bin/python -m benchmarks.speedup_bench --repeat 5
    .venv/bin/python -m benchmarks.speedup_bench --quick      # 8 runs, to check it works

Writes ``benchmarks/speedup_results.json`` and ``.md``: per repeat, each tool's wall
times and speed-up, and for the runner its speed-up as a share of that repeat's ceiling;
then the median and range over repeats.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.runner_bench import (
    BURN_IN,
    HARMONISED,
    MEETINGS,
    MONTHS,
    POINTS,
    RECORD_EVERY,
    batch_cmd,
    child_cmd,
    measure,
    ours_cmd,
    ours_model_cmd,
)

HERE = Path(__file__).resolve().parent


# ----------------------------------------------------------------- the ceiling


def bare_run(task: tuple[bool, int, int, int]) -> None:
    """Run one replication of the bare model (nothing written)."""
    from sim import ModelConfig, NavPartnershipModel
    from sim.config import GovernanceConfig

    harmonised, meetings, replicate, reps = task
    cfg = ModelConfig(
        governance=GovernanceConfig(harmonised_terms=harmonised, meetings_per_year=meetings),
        months=MONTHS,
        burn_in=BURN_IN,
        record_every=RECORD_EVERY,
    )
    NavPartnershipModel(cfg, rng=np.random.SeedSequence(1).spawn(reps)[replicate]).run()


def child_ceiling(runs: int, workers: int) -> None:
    """The design's replications over a forked pool of ``workers`` (child process)."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    import sim  # noqa: F401 - imported once, before the fork, as the runner's pool does

    reps = runs // POINTS
    tasks = [(h, m, k, reps) for h in HARMONISED for m in MEETINGS for k in range(reps)]
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        list(pool.map(bare_run, tasks))


def ceiling_cmd(runs: int, workers: int, out: Path) -> list[str]:
    """The ceiling child of the design (``out`` unused: it writes nothing)."""
    return child_cmd("benchmarks.speedup_bench", "ceiling", runs, workers)


TOOLS = (
    ("ceiling (bare model, forked pool)", ceiling_cmd),
    ("navsim runner", ours_cmd),
    ("navsim runner, model only", ours_model_cmd),
    ("mesa.batch_run", batch_cmd),
)
CEILING = TOOLS[0][0]
SHORT = dict(zip(("ceiling", "runner", "model", "batch"), TOOLS, strict=True))


# ----------------------------------------------------------------- measurement


def timed(make, runs: int, workers: int) -> dict:
    """One configuration in a fresh temporary directory: ``measure``'s wall and CPU."""
    with tempfile.TemporaryDirectory(prefix="navsim-speedup-") as tmp:
        return measure(make(runs, workers, Path(tmp) / "out"))


def bench(runs: int, repeat: int, tools: tuple = TOOLS) -> list[dict]:
    """Each tool at 1 and 2 workers, back to back, ``repeat`` times.

    The tools' order rotates from repeat to repeat and the worker counts' order
    alternates, so a drift of the machine's speed favours neither a tool nor a count.
    """
    rows = []
    for r in range(repeat):
        shift = r % len(tools)
        for tool, make in tools[shift:] + tools[:shift]:
            counts = (1, 2) if r % 2 == 0 else (2, 1)
            res = {w: timed(make, runs, w) for w in counts}
            row = {
                "repeat": r,
                "tool": tool,
                "runs": runs,
                "wall_1_s": res[1]["wall_s"],
                "wall_2_s": res[2]["wall_s"],
                "cpu_1_s": res[1]["cpu_s"],
                "cpu_2_s": res[2]["cpu_s"],
                "speedup": round(res[1]["wall_s"] / res[2]["wall_s"], 3),
            }
            print(json.dumps(row), flush=True)
            rows.append(row)
    return rows


def spread(values: list[float]) -> str:
    """Median and range, two decimals."""
    v = sorted(values)
    return f"{float(np.median(v)):.2f} ({v[0]:.2f}-{v[-1]:.2f})"


def markdown(rows: list[dict], meta: dict) -> str:
    """Per-repeat table, then each tool's median speed-up and the runner's share of the ceiling."""
    ceiling = {row["repeat"]: row["speedup"] for row in rows if row["tool"] == CEILING}
    lines = [
        "# Speed-up of 2 workers over 1, paired, with the machine's ceiling",
        "",
        f"Command: `{meta['command']}` ({meta['date']}, {meta['machine']}).",
        f"Design: Agder, 4 points × {rows[0]['runs'] // POINTS} replications = "
        f"{rows[0]['runs']} runs, months={MONTHS}, burn_in={BURN_IN}, "
        f"record_every={RECORD_EVERY}. Each tool ran 1 and 2 workers back to back; the "
        "ceiling is the bare model over a forked pool (nothing written, no Hydra) in the "
        "same repeat. 'Share of ceiling' = the tool's speed-up / the ceiling's.",
        "",
        "| repeat | tool | wall, 1 worker (s) | wall, 2 workers (s) | CPU per worker, "
        "2 workers (s) | speed-up | share of ceiling |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        share = row["speedup"] / ceiling[row["repeat"]] if row["repeat"] in ceiling else None
        lines.append(
            f"| {row['repeat']} | {row['tool']} | {row['wall_1_s']} | {row['wall_2_s']} | "
            f"{row['cpu_2_s'] / 2:.1f} | {row['speedup']:.2f} | "
            f"{'' if share is None else f'{share:.2f}'} |"
        )
    lines += ["", "Median (range) over repeats:", ""]
    for tool, _ in TOOLS:
        mine = [row for row in rows if row["tool"] == tool]
        if not mine:
            continue
        text = f"- {tool}: speed-up {spread([row['speedup'] for row in mine])}"
        if tool != CEILING and ceiling:
            shares = [row["speedup"] / ceiling[row["repeat"]] for row in mine]
            text += f"; share of ceiling {spread(shares)}"
        wins = sum(row["speedup"] >= 1.8 for row in mine)
        text += f"; repeats at >= 1.8×: {wins} of {len(mine)}"
        lines.append(text)
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the paired speed-up benchmark (or, with ``--child ceiling``, one ceiling run)."""
    p = argparse.ArgumentParser(prog="speedup_bench")
    p.add_argument("--child", choices=["ceiling"], default=None)
    p.add_argument("--runs", type=int, default=160, help="runs, a multiple of 4 (160)")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--repeat", type=int, default=5, help="repeats (5)")
    p.add_argument("--quick", action="store_true", help="8 runs, one repeat, not saved")
    p.add_argument("--name", default="speedup_results", help="stem of the result files")
    p.add_argument(
        "--tools",
        type=lambda text: text.split(","),
        default=list(SHORT),
        help=f"comma-separated, of {','.join(SHORT)} (all)",
    )
    args = p.parse_args()
    if args.child == "ceiling":
        child_ceiling(args.runs, args.workers)
        return
    if args.runs % POINTS:
        p.error(f"--runs must be a multiple of {POINTS} (the design's points)")
    unknown = sorted(set(args.tools) - set(SHORT))
    if unknown:
        p.error(f"--tools: unknown {unknown}; allowed: {', '.join(SHORT)}")
    runs, repeat = (8, 1) if args.quick else (args.runs, args.repeat)
    meta = {
        "command": "python -m benchmarks.speedup_bench"
        + (" --quick" if args.quick else f" --runs {runs} --repeat {repeat}")
        + (f" --tools {','.join(args.tools)}" if args.tools != list(SHORT) else "")
        + (f" --name {args.name}" if args.name != "speedup_results" else ""),
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average at start {os.getloadavg()[0]:.1f}",
    }
    rows = bench(runs, repeat, tuple(SHORT[t] for t in SHORT if t in args.tools))
    text = markdown(rows, meta)
    print(text)
    if not args.quick:
        (HERE / f"{args.name}.json").write_text(
            json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n"
        )
        (HERE / f"{args.name}.md").write_text(text)


if __name__ == "__main__":
    main()
