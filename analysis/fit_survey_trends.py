"""Fit the trends the surveys show, read through the survey layer (``sim.survey``).

Two small point fits (Nelder-Mead from ``scipy.optimize``, common random numbers:
seeds 0..``--seeds``-1 at every point), each against survey values of
``sim.survey.TARGETS``, never against a model state read as a share:

``dominance``: ``partnership.dominance_steering``, ``dominance_rate`` and
``dominance_consensus_step`` so that a run from 2011-01 (the suite's ``from_2011``,
one office per municipality) reads, through the owners' instruments at month 96
(2019-01), the 2019 shares of rådmenn (0.61) and ordførere (0.44) seeing state
dominance, each scaled by its 95% sampling half-width; and so that the suite's
default run (2019 map, from 2019-01) continues the 2011-2019 fall of the mean of the
two shares, 0.026 a year (003 §6.2 L8573-8599), scaled by 0.009 (docs/calibration.md).

``staff``: ``staff.mixed_task_share_state`` and ``mixed_task_share_municipal`` (the
task shares people settle at in mixed teams) so that a run from 2015-01 (the suite's
``from_2015``) reads at month 48 (2019-01), through the staff instruments, the 2019
shares: both lines equally 0.24, state staff mainly state 0.70, municipal staff mainly
municipal 0.55 (003 §6.3 L8810-8838), each scaled by its sampling half-width.
``staff.cross_work_drift`` keeps its fitted rate. Usage::

    python -m analysis.fit_survey_trends dominance --seeds 2
    python -m analysis.fit_survey_trends staff --seeds 2

Prints every evaluated point and the best one. Changes no file: the values are copied
into ``sim/config/`` by hand, with "calibrated" as provenance.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from scipy.optimize import minimize

from analysis.patterns.runs import SURVEY_MONTH, TREND_MONTHS, run_all, run_config
from sim import survey
from sim.config import with_values

DOMINANCE = (
    "partnership.dominance_steering",
    "partnership.dominance_rate",
    "partnership.dominance_consensus_step",
)
STAFF = ("staff.mixed_task_share_state", "staff.mixed_task_share_municipal")
FALL_PER_YEAR, FALL_SCALE = 0.026, 0.009  # 003 §6.2: mean of R and O, 0.736 -> 0.525 in 8 yrs
FALL_MONTHS = SURVEY_MONTH
R_KEY, O_KEY = "owners/radmann/state_dominates", "owners/ordforer/state_dominates"
STAFF_KEYS = (
    ("staff", "staff", "both_equally"),
    ("staff", "state_staff", "mainly_state"),
    ("staff", "municipal_staff", "mainly_municipal"),
)


def configure(run: str, names: tuple[str, ...], values: np.ndarray):
    """The suite's configuration of ``run`` with the dotted parameters set."""
    return with_values(run_config(run), {k: float(v) for k, v in zip(names, values, strict=True)})


def z(value: float, survey_id: str, group: str, item: str, year: int) -> float:
    """Scaled error of a model reading against a survey value (its 95% half-width)."""
    target, tolerance = survey.reported(survey_id, group, item, year)
    return (value - target) / tolerance


def dominance_errors(values: np.ndarray, seeds: int, workers: int) -> dict[str, float]:
    """Seed-mean readings and scaled errors of the dominance fit."""
    runs = ("from_2011", "default")
    m = run_all(
        list(runs),
        seeds,
        workers,
        progress=False,
        configs={r: configure(r, DOMINANCE, values) for r in runs},
    )

    def mean(run: str, key: str) -> float:
        return float(np.mean([x[key] for x in m[run]]))

    r96 = mean("from_2011", f"survey{TREND_MONTHS}:{R_KEY}")
    o96 = mean("from_2011", f"survey{TREND_MONTHS}:{O_KEY}")
    start = 0.5 * (mean("default", f"survey0:{R_KEY}") + mean("default", f"survey0:{O_KEY}"))
    end = 0.5 * (
        mean("default", f"survey{FALL_MONTHS}:{R_KEY}")
        + mean("default", f"survey{FALL_MONTHS}:{O_KEY}")
    )
    fall = (start - end) / (FALL_MONTHS / 12)
    return {
        "R_2019": r96,
        "O_2019": o96,
        "fall_per_year": fall,
        "z_R": z(r96, *R_KEY.split("/"), 2019),
        "z_O": z(o96, *O_KEY.split("/"), 2019),
        "z_fall": (fall - FALL_PER_YEAR) / FALL_SCALE,
    }


def staff_errors(values: np.ndarray, seeds: int, workers: int) -> dict[str, float]:
    """Seed-mean readings at 2019-01 of a run from 2015-01 and their scaled errors."""
    m = run_all(
        ["from_2015"],
        seeds,
        workers,
        progress=False,
        configs={"from_2015": configure("from_2015", STAFF, values)},
    )
    out = {}
    for key in STAFF_KEYS:
        name = "/".join(key)
        reading = float(np.mean([x[f"survey{FALL_MONTHS}:{name}"] for x in m["from_2015"]]))
        out[name] = reading
        out[f"z_{key[2]}_{key[1]}"] = z(reading, *key, 2019)
    return out


FITS = {
    "dominance": (DOMINANCE, dominance_errors, (0.50, 0.006, 0.008)),
    "staff": (STAFF, staff_errors, (0.60, 0.40)),
}


def main(argv: list[str] | None = None) -> int:
    """Run one fit and print its points and the best."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("fit", choices=sorted(FITS))
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--maxfev", type=int, default=60)
    args = ap.parse_args(argv)
    names, errors, x0 = FITS[args.fit]
    seen: list[tuple[float, np.ndarray, dict[str, float]]] = []

    def loss(x: np.ndarray) -> float:
        if np.any(x <= 0) or np.any(x >= 1):
            return 1e6
        e = errors(x, args.seeds, args.workers)
        value = float(sum(v**2 for k, v in e.items() if k.startswith("z_")))
        seen.append((value, x.copy(), e))
        print(f"{value:8.3f}  {np.round(x, 5)}  { ({k: round(v, 4) for k, v in e.items()}) }")
        sys.stdout.flush()
        return value

    minimize(loss, np.asarray(x0), method="Nelder-Mead", options={"maxfev": args.maxfev})
    best = min(seen, key=lambda s: s[0])
    print("best:", dict(zip(names, np.round(best[1], 4), strict=True)), best[2])
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
