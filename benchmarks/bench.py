"""``navsim-bench --out FILE``: how fast the model runs, against Mesa's own anchor.

Each case runs in its own process (``python -m benchmarks.bench --case NAME``), so its
peak memory is its own; one thread per process (this measures one core). Cases:

- ``national``: ``region=norway``, default governance, every mechanism on, 120 months
  after a 24-month burn-in: build time, run time, µs per staff-agent-month, peak RSS,
  the counts it ran, and the share of run time spent recording;
- ``agder``: the same for Agder;
- ``mesa_boltzmann``: Mesa's BoltzmannWealth example at 10,000 agents (100 x 100),
  µs per agent-step timed over steps after construction;
- ``scale_<fraction>``: whole counties holding about 1/4 and 1/2 of the population.

The JSON holds ``national.build_s``, ``national.run_s``, ``national.us_per_staff_month``,
``national.peak_rss_mb``, ``national.counts``, ``agder.run_s``,
``mesa_boltzmann.us_per_agent_step``, ``ratio_vs_mesa`` (Mesa's µs per agent-step
divided by ours per staff-month), ``scaling`` (a list of ``{fraction, run_s}``) and
``recording_share``; a markdown table is written beside it (``FILE`` with ``.md``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

from experiments.errors import DEBUG_FLAG, OneLineParser, check_output, guard

MONTHS, BURN_IN = 120, 24
BOLTZMANN_AGENTS, BOLTZMANN_STEPS = 10_000, 30


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def counties_for(fraction: float) -> tuple[list[str], float]:
    """Whole counties, largest first, until they hold about ``fraction`` of the population.

    Args:
        fraction: Target share of Norway's population.

    Returns:
        County ids and the share of the population they hold.
    """
    from sim.data import load_municipalities

    data = load_municipalities()
    pop = data.groupby("county_id").population.sum().sort_values(ascending=False)
    total, chosen, share = pop.sum(), [], 0.0
    for cid, p in pop.items():
        if share >= fraction:
            break
        if share + p / total > fraction + 0.05 and chosen:
            continue  # skip a county that overshoots; a smaller one may fit
        chosen.append(str(cid))
        share += p / total
    return chosen, share


def run_model_case(counties: list[str] | None) -> dict:
    """Build and run one region; time the recording separately."""
    from sim import ModelConfig, NavPartnershipModel
    from sim.config import RegionConfig

    region = RegionConfig() if counties is None else RegionConfig(name="bench", counties=counties)
    cfg = ModelConfig(months=MONTHS, burn_in=BURN_IN, region=region)
    t0 = time.perf_counter()
    model = NavPartnershipModel(cfg, rng=1)
    build = time.perf_counter() - t0
    recording = 0.0
    record = model.recorder.record

    def timed_record() -> None:
        nonlocal recording
        t = time.perf_counter()
        record()
        recording += time.perf_counter() - t

    model.recorder.record = timed_record
    t0 = time.perf_counter()
    model.run()
    run = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.recorder.tables()
    tables = time.perf_counter() - t0
    staff = len(model.staff.office)
    steps = MONTHS + BURN_IN
    return {
        "build_s": round(build, 3),
        "run_s": round(run, 3),
        "tables_s": round(tables, 3),
        "us_per_staff_month": round(run / (staff * steps) * 1e6, 3),
        "recording_share": round((recording + tables) / (run + tables), 4),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "counts": {
            "offices": model.n_offices,
            "municipalities": len(model.municipalities),
            "staff": staff,
            "users": len(model.users),
            "months": MONTHS,
            "burn_in": BURN_IN,
        },
    }


def run_boltzmann() -> dict:
    """Mesa's BoltzmannWealth at 10,000 agents: µs per agent-step after construction."""
    from mesa.examples.basic.boltzmann_wealth_model.model import (
        BoltzmannScenario,
        BoltzmannWealth,
    )

    scenario = BoltzmannScenario(n=BOLTZMANN_AGENTS, width=100, height=100, rng=1)
    t0 = time.perf_counter()
    model = BoltzmannWealth(scenario)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(BOLTZMANN_STEPS):
        model.step()
    run = time.perf_counter() - t0
    return {
        "agents": BOLTZMANN_AGENTS,
        "steps": BOLTZMANN_STEPS,
        "build_s": round(build, 3),
        "run_s": round(run, 3),
        "us_per_agent_step": round(run / (BOLTZMANN_AGENTS * BOLTZMANN_STEPS) * 1e6, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def run_case(name: str) -> dict:
    """One case in this process."""
    if name == "mesa_boltzmann":
        return run_boltzmann()
    if name == "national":
        return run_model_case(["all"])
    if name == "agder":
        return run_model_case(None)
    if name.startswith("scale_"):
        counties, share = counties_for(float(name.split("_", 1)[1]))
        out = run_model_case(counties)
        out.update(fraction=round(share, 3), counties=counties)
        return out
    raise ValueError(f"unknown case {name!r}")


def in_subprocess(name: str) -> dict:
    """Run one case in a fresh single-threaded process and read its JSON."""
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    res = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench", "--case", name],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if res.returncode != 0:
        raise RuntimeError(f"benchmark case {name} failed:\n{res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def markdown(result: dict) -> str:
    """The results as a markdown table."""
    nat, agd, mb = result["national"], result["agder"], result["mesa_boltzmann"]
    rows = [
        ("national build (s)", nat["build_s"]),
        ("national run, 120 + 24 months (s)", nat["run_s"]),
        ("national µs per staff-agent-month", nat["us_per_staff_month"]),
        ("national peak RSS (MB)", nat["peak_rss_mb"]),
        (
            "national counts",
            ", ".join(f"{k} {v:,}" for k, v in nat["counts"].items()),
        ),
        ("Agder run (s)", agd["run_s"]),
        ("Agder µs per staff-agent-month", agd["us_per_staff_month"]),
        ("Mesa BoltzmannWealth µs per agent-step (10,000 agents)", mb["us_per_agent_step"]),
        ("ratio vs Mesa (Mesa µs / navsim µs)", result["ratio_vs_mesa"]),
        ("recording share of national run time", result["recording_share"]),
    ]
    rows += [
        (f"run time at {s['fraction']:.0%} of the population (s)", s["run_s"])
        for s in result["scaling"]
    ]
    lines = ["| measure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    m = result["machine"]
    head = f"navsim-bench, {m['when']}, {m['cpu']}, {m['cores']} cores, Python {m['python']}"
    return head + "\n\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Entry point ``navsim-bench``."""
    parser = OneLineParser(prog="navsim-bench", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the JSON here (and a .md beside it)")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument(DEBUG_FLAG, action="store_true", help="show the traceback of an error")
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(args.case)))
        return 0
    if args.out is None:
        parser.error("--out FILE is required")
    with guard("navsim-bench", args.debug):
        check_output(args.out, "--out")  # before the minutes of benchmarking
        return run_benchmarks(args.out)


def run_benchmarks(out: Path) -> int:
    """Run every case in a subprocess of its own and write ``out`` and its ``.md``."""
    from tqdm import tqdm

    cases = ["mesa_boltzmann", "agder", "scale_0.25", "scale_0.5", "national"]
    done = {}
    for name in tqdm(cases, desc="navsim-bench", unit="case"):
        done[name] = in_subprocess(name)
    nat = done["national"]
    result = {
        "machine": {
            "when": time.strftime("%Y-%m-%d %H:%M"),
            "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
        },
        "national": nat,
        "agder": done["agder"],
        "mesa_boltzmann": done["mesa_boltzmann"],
        "ratio_vs_mesa": round(
            done["mesa_boltzmann"]["us_per_agent_step"] / nat["us_per_staff_month"], 2
        ),
        "scaling": [
            {
                "fraction": done[n]["fraction"],
                "run_s": done[n]["run_s"],
                "counties": done[n]["counties"],
            }
            for n in ("scale_0.25", "scale_0.5")
        ]
        + [{"fraction": 1.0, "run_s": nat["run_s"]}],
        "recording_share": nat["recording_share"],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    out.with_suffix(".md").write_text(markdown(result))
    print(markdown(result))
    print(f"navsim-bench: wrote {out} and {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
