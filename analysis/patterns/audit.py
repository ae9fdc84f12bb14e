"""The audit of the pattern suite: is each pattern produced by the mechanism it names?

For every pattern that names a ``mechanism`` (knock-out switches of
``sim.config.MechanismSwitches``), the runs it reads are run again, same seeds, with
those switches off, and the pattern is measured the same way. Its *strength* is how
far it sits from its absence, in the direction the fact states: the value itself for
a positive sign, minus it for a negative one, and for a band the distance from the
pattern's ``null`` towards the band. The knock-out

- *removes* the pattern when the paired difference of strength (on − off) has a 90%
  Student-t interval above zero and, with the mechanism off, the pattern fails its test;
- *weakens* it when that interval is above zero, the pattern still passes, and its
  strength falls by at least ``WEAKER`` of its value with the mechanism on;
- otherwise *leaves* it.

A pattern is *emergent* by the audit's rule (DESIGN §8, issue 22) only if nothing sets
the measured quantity directly (``set_by`` empty), it is not a fitting target, and
the knock-out removes or weakens it; a pattern declared emergent whose knock-out
leaves it is reported as *imposed* (by something other than its named mechanism).
A pattern that does not hold with the mechanisms on, or does not gate (the "Not
reproduced" list), is not judged: it keeps its declared kind, and its knock-out is
reported for what it shows.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from analysis.patterns.runs import Measures, run_config, run_jobs
from analysis.patterns.suite import Pattern, Result
from experiments.compare import paired_stats
from experiments.decompose import switched_off

# A knock-out weakens a pattern only if it takes at least this share of its strength:
# less could be a side effect of switching anything off; more would ask one mechanism
# to carry a pattern the reports trace to several.
WEAKER = 0.25
LEVEL = 0.90  # coverage of the paired interval
VERDICTS = ("removes", "weakens", "leaves")


def knocked_out(run: str, mechanism: tuple[str, ...]):
    """The configuration of a suite run with the mechanism's switches off."""
    return switched_off(run_config(run), list(mechanism))


def job_name(mechanism: tuple[str, ...], run: str) -> str:
    """The name of a knock-out job: switches and run."""
    return f"{'+'.join(mechanism)}|{run}"


def knockout_measures(
    patterns: list[Pattern], seeds: int, workers: int, progress: bool = True
) -> dict[tuple[str, ...], Measures]:
    """Run every pattern's runs with its mechanism off (one job per mechanism and run).

    Returns:
        Mechanism (tuple of switches) -> run name -> one measures dict per seed.
    """
    jobs = {}
    for p in patterns:
        if p.mechanism:
            for run in p.runs:
                jobs[job_name(p.mechanism, run)] = (run, knocked_out(run, p.mechanism))
    done = run_jobs(jobs, seeds, workers, progress, desc="knock-out runs") if jobs else {}
    out: dict[tuple[str, ...], Measures] = {}
    for name, values in done.items():
        switches, run = name.split("|")
        out.setdefault(tuple(switches.split("+")), {})[run] = values
    return out


def strength(p: Pattern, values: np.ndarray) -> np.ndarray | None:
    """How far the pattern sits from its absence, per seed (None: no null declared).

    Positive where the pattern holds in the stated direction.
    """
    if p.test == "positive":
        return values
    if p.test == "negative":
        return -values
    if p.null is None:
        return None
    lo, hi = p.band
    inner = lo if hi is None else hi if lo is None else 0.5 * (lo + hi)
    return np.sign(inner - p.null) * (values - p.null)


@dataclass
class Audit:
    """One pattern's knock-out and the kind the audit gives it.

    Attributes:
        pattern: The pattern.
        on: Its result with every mechanism on (the suite's).
        off: Its result with its mechanism off, or None when it names no mechanism.
        verdict: "removes", "weakens" or "leaves"; "" without a knock-out.
        difference: Paired strength on − off: mean and the 90% interval (nan without one).
        kind: The kind by the audit's rule.
        reason: Why that kind, in words.
    """

    pattern: Pattern
    on: Result
    off: Result | None
    verdict: str = ""
    difference: tuple[float, float, float] = (np.nan, np.nan, np.nan)
    kind: str = dataclasses.field(init=False)
    reason: str = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        """Apply the rule."""
        p = self.pattern
        if self.off is not None:
            self.verdict, self.difference = judge(p, self.on.values, self.off.values)
        if not self.judged:
            self.kind = p.kind
            self.reason = "not judged: " + (
                "not gating" if not p.gating else "it does not hold with the mechanisms on"
            )
        elif p.kind == "calibrated":
            self.kind, self.reason = "calibrated", f"fitted: {p.set_by}"
        elif p.set_by:
            self.kind, self.reason = "imposed", f"set by {p.set_by}"
        elif self.verdict in ("removes", "weakens"):
            self.kind, self.reason = "emergent", f"the knock-out {self.verdict} it"
        else:
            self.kind = "imposed"
            self.reason = (
                f"the knock-out {self.verdict or 'is not run'}: produced by something other "
                "than its named mechanism"
            )

    @property
    def judged(self) -> bool:
        """Whether the rule was applied: a gating pattern that holds."""
        return self.pattern.gating and self.on.passed

    @property
    def confirmed(self) -> bool:
        """The audit gives it the kind it is declared with."""
        return self.kind == self.pattern.kind


def judge(p: Pattern, on: np.ndarray, off: np.ndarray) -> tuple[str, tuple[float, float, float]]:
    """The knock-out's verdict and the paired strength difference (mean, lo, hi)."""
    s_on, s_off = strength(p, on), strength(p, off)
    if s_on is None:
        return "leaves", (np.nan, np.nan, np.nan)
    stats = paired_stats(s_on - s_off, LEVEL)
    diff = (stats["difference"], stats["ci_low"], stats["ci_high"])
    if not stats["ci_low"] > 0:  # not weaker beyond chance (nan: fewer than two seeds)
        return "leaves", diff
    if not Result(p, off).passed:
        return "removes", diff
    if s_off.mean() <= (1 - WEAKER) * s_on.mean():
        return "weakens", diff
    return "leaves", diff


def audit(results: list[Result], seeds: int, workers: int, progress: bool = True) -> list[Audit]:
    """Knock out each pattern's mechanism and judge the pattern (the audit table).

    Args:
        results: The suite's results with every mechanism on.
        seeds: Seeds per run (the same seeds: differences are paired).
        workers: Processes.
        progress: Show a progress bar.

    Returns:
        One audit per result, in order.
    """
    patterns = [r.pattern for r in results]
    off = knockout_measures(patterns, seeds, workers, progress)
    out = []
    for r in results:
        p = r.pattern
        ko = Result(p, np.asarray(p.measure(off[p.mechanism]), float)) if p.mechanism else None
        out.append(Audit(p, r, ko))
    return out


def counts(audits: list[Audit]) -> dict[str, int]:
    """Judged patterns per audited kind, and the patterns not judged."""
    judged = [a.kind for a in audits if a.judged]
    return {
        **{k: judged.count(k) for k in ("emergent", "calibrated", "imposed")},
        "not_judged": len(audits) - len(judged),
    }
