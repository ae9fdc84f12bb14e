"""Calibration of the parameters the suite's calibrated patterns pin down (docs/calibration.md).

An ABC-style rejection over a Latin hypercube: ``--n`` points over the declared
ranges of ``CALIBRATED`` (``scipy.stats.qmc`` via ``experiments.design.sample``),
each run for ``--seeds`` seeds (Agder, the suite's default run, 60 months) on the
local pool of ``experiments.executors``; each point's distance to the targets is the
root mean square of (model - target) / scale over ``TARGETS``; the points within
the ``--accept`` quantile of distances are accepted; their range is the reported
uncertainty and the closest one, rounded, is proposed as the new defaults. Usage::

    python -m analysis.calibration                 # 64 points x 3 seeds, 2 workers
    python -m analysis.calibration --n 96 --seeds 5 --workers 4 --out outputs/calibration

Writes ``<out>/points.csv`` (every point with its measures and distance) and prints
the accepted ranges and the proposal. It changes no file in the repository: the
proposal is copied into ``sim/config/`` by hand, with "calibrated" as provenance.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.patterns.catalogue import CATALOGUE
from analysis.patterns.runs import execute_measure, run_config
from sim.config import ModelConfig


@dataclass(frozen=True)
class Target:
    """A data target: the suite's pattern that measures it, the reported value, the scale.

    Attributes:
        name: Column name of the targeted quantity (``points.csv``).
        pattern: Id of the pattern whose measure gives it (``analysis/patterns/``).
        value: The reported value.
        scale: The scale of a unit error.
        source: Where the value is reported.
    """

    name: str
    pattern: str
    value: float
    scale: float
    source: str


# The parameters and their calibration ranges (wider than the sweep ranges: the
# range a fit may explore, from the parameter's meaning).
CALIBRATED = {
    # level perceived state dominance drifts to under activity steering (ch5_9 §3.2);
    # kept above partnership.dominance_dialogue (0.35) so that results dialogue still
    # lowers dominance (003 C22). (A first run over 0.20-0.60 preferred 0.28; a second
    # that also fitted partnership.dominance_consensus_step, 0.01-0.10, fitted worse
    # with 48 points in four dimensions and shrank the R-O gap below the suite's band:
    # the step lowers the rådmann's dominance only. The step was refitted through the
    # survey layer with the drift, analysis/fit_survey_trends.py, docs/calibration.md.)
    "partnership.dominance_steering": (0.36, 0.60),
    # monthly drift of task shares in mixed teams (003 §6.3)
    "staff.cross_work_drift": (0.004, 0.020),
    # satisfaction level staff relax to before team, pay, load and reorganisation terms
    "staff.satisfaction_base": (0.45, 0.65),
    # monthly noise of each person's satisfaction target: the spread that makes a
    # dissatisfied minority of people rather than of offices (a third run without it
    # met the 80% on the mean but with the seeds scattered 0.70-0.96 around it)
    "staff.satisfaction_noise": (0.02, 0.30),
}

# Targets (003 = domain/003_partnership_report.md); scales are the half-widths of the
# suite's tolerance bands, so distance 1 is "at the edge of the band".
TARGETS = (
    Target(
        "dominance_gap_radmann_ordforer",
        "radmann_sees_more_dominance",
        0.17,
        0.06,
        "003 §6.2: 61% R vs 44% O",
    ),
    Target(
        "cross_work_share_48",
        "cross_work_rises_towards_one_in_four",
        0.24,
        0.025,
        "003 §6.3 L8824-8838: 11% -> 24% in 4 years",
    ),
    Target(
        "staff_satisfied_share",
        "teams_satisfied",
        0.80,
        0.05,
        "003 §6.3 L8902-8906: ≈80% satisfied",
    ),
)
MEASURES = {p.id: p.measure for p in CATALOGUE}


def targets_of(m: dict[str, float]) -> dict[str, float]:
    """The targeted quantities from one default run's measures (``runs.measure``).

    Each is its pattern's measure (``analysis/patterns/``) on this one seed.
    """
    return {t.name: float(MEASURES[t.pattern]({"default": [m]})[0]) for t in TARGETS}


def with_values(values: dict[str, float]) -> ModelConfig:
    """The suite's default-run configuration with the given dotted parameters set."""
    cfg = copy.deepcopy(run_config("default"))
    for key, value in values.items():
        group, name = key.split(".")
        setattr(getattr(cfg, group), name, float(value))
    return cfg


def distance(row: pd.Series) -> float:
    """Root mean square of the scaled errors."""
    return float(np.sqrt(np.mean([((row[t.name] - t.value) / t.scale) ** 2 for t in TARGETS])))


def evaluate_points(points: pd.DataFrame, seeds: int, workers: int) -> pd.DataFrame:
    """Each point's mean targeted quantities over ``seeds`` seeds and its distance."""
    from tqdm import tqdm

    from experiments.executors import Task, get_executor

    tasks = [
        Task(
            cfg=("default", s, with_values(row.to_dict())),
            replicate=s,
            out_dir="",
            run_id=f"{i}-{s}",
            point=i,
        )
        for i, row in points.iterrows()
        for s in range(seeds)
    ]
    sums: dict[int, list[dict[str, float]]] = {i: [] for i in points.index}
    with tqdm(total=len(tasks), desc="calibration runs", unit="run") as bar:
        for res in get_executor("local", workers).map_unordered(execute_measure, tasks):
            bar.update(1)
            if res["status"] != "succeeded":
                raise RuntimeError(res["traceback"])
            sums[res["point"]].append(targets_of(res["measures"]))
    rows = []
    for i, row in points.iterrows():
        mean = pd.DataFrame(sums[i]).mean().to_dict()
        rows.append({**row.to_dict(), **mean})
    out = pd.DataFrame(rows, index=points.index)
    out["distance"] = out.apply(distance, axis=1)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the rejection and print the accepted ranges and the proposal."""
    from experiments.design import sample

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=64, help="Latin hypercube points")
    parser.add_argument("--seeds", type=int, default=3, help="seeds per point")
    parser.add_argument("--workers", type=int, default=2, help="processes")
    parser.add_argument("--accept", type=float, default=0.1, help="accepted quantile")
    parser.add_argument("--sampler-seed", type=int, default=20261123, help="seed of the LHS")
    parser.add_argument("--out", type=Path, default=Path("outputs/calibration"))
    args = parser.parse_args(argv)
    names = list(CALIBRATED)
    problem = {"num_vars": len(names), "names": names, "bounds": list(CALIBRATED.values())}
    x = sample("lhs", problem, args.n, args.sampler_seed)
    points = pd.DataFrame(x, columns=names)
    baseline = pd.DataFrame([current_defaults()])
    t0 = time.perf_counter()
    before = evaluate_points(baseline, args.seeds, args.workers)
    fit = evaluate_points(points, args.seeds, args.workers)
    seconds = time.perf_counter() - t0
    args.out.mkdir(parents=True, exist_ok=True)
    fit.to_csv(args.out / "points.csv", index_label="point")
    cut = fit["distance"].quantile(args.accept)
    accepted = fit[fit["distance"] <= cut]
    best = accepted.sort_values("distance").iloc[0]
    cols = [*names, *[t.name for t in TARGETS], "distance"]
    with pd.option_context("display.width", 200, "display.max_columns", None):
        print("defaults before:\n" + before[cols].round(4).to_string(index=False))
        print(f"\naccepted {len(accepted)} of {len(fit)} points (distance <= {cut:.3f}):")
        print(accepted.sort_values("distance")[cols].round(4).to_string(index=False))
        print("\naccepted ranges:")
        print(accepted[names].agg(["min", "max"]).round(4).to_string())
    proposal = {k: float(f"{best[k]:.2g}") for k in names}
    print(f"\nproposal (closest accepted point, two significant digits): {proposal}")
    print(f"targets: {[(t.name, t.value) for t in TARGETS]}")
    print(f"{len(fit) + 1} points x {args.seeds} seeds in {seconds:.0f} s; wrote {args.out}")
    return 0


def current_defaults() -> dict[str, float]:
    """The calibrated parameters' values in ``sim/config/``."""
    cfg = ModelConfig()
    return {k: getattr(getattr(cfg, k.split(".")[0]), k.split(".")[1]) for k in CALIBRATED}


if __name__ == "__main__":
    sys.exit(main())
