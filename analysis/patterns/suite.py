"""What a pattern is, how its values come from the runs' measures, and when it passes.

A ``Pattern`` is declared with keyword arguments in its area's catalogue file
(``owners.py``, ``leaders.py``, ...): the fact and its source, its kind (DESIGN §8:
*imposed* = built in as an input, *calibrated* = a fitting target of
``analysis/calibration.py`` or an earlier documented fit, *emergent* = neither), what
is measured (``measure``: a ``Measure`` built by ``per_seed``, ``each``, ``diff``,
``ratio`` or ``between_seeds``, which also names the runs it reads) and the test with
its tolerance, argued in ``why``.

A pattern is measured once per seed and passes when

- ``band``: the mean over seeds lies in [lo, hi] and at least ``AGREE`` of the seeds do
  (a one-sided band has ``None`` at its open end: "at least lo" or "at most hi");
- ``positive`` / ``negative``: the mean has that sign and at least ``AGREE`` of the
  seeds agree.

The reported interval is the 5th-95th percentile of the per-seed values.

Each pattern also declares what should produce it, for the audit of
``analysis.patterns.audit`` (issue 22): ``mechanism``, the knock-out switches
(``sim.config.MechanismSwitches``) of the mechanism that should produce it;
``set_by``, the parameter or formula that sets the measured quantity directly
(required for *imposed* and *calibrated*: what imposes it, or the parameters fitted to
it); ``null``, the value a band pattern takes when it is absent; ``bounds``, the range
the measured quantity can take (no tolerance may reach it); and ``needs``, for a
pattern that is not emergent, the mechanism it would need to be.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from analysis.patterns.runs import FAST_RUNS, RUNS, Measures
from sim.config import MechanismSwitches

AGREE = 0.7  # share of seeds that must agree
# The knock-out switches a pattern may name (sim.config.MechanismSwitches).
MECHANISMS = frozenset(f.name for f in fields(MechanismSwitches))
KINDS = ("imposed", "calibrated", "emergent")
TESTS = ("band", "positive", "negative")

# Domain files (in /work/shared/domain, cited as in sim/config/).
F003 = "003_partnership_report.md"
CH14 = "001_expert_group_ch1_4.md"
CH59 = "001_expert_group_ch5_9.md"
COOP = "000_002_004_cooperation.md"
DOMAIN_FILES = (F003, CH14, CH59, COOP)


@dataclass(frozen=True)
class Measure:
    """A pattern's per-seed values from the measures, and the runs they are read from.

    Attributes:
        runs: The runs it reads (``analysis.patterns.runs.RUNS``).
        values: Measures -> one value per seed (or per pair of seeds).
    """

    runs: tuple[str, ...]
    values: Callable[[Measures], np.ndarray]

    def __call__(self, measures: Measures) -> np.ndarray:
        """The per-seed values."""
        return self.values(measures)


def each(run: str, value: Callable[[dict[str, float]], float]) -> Measure:
    """Per seed: a function of one seed's measures of one run."""
    return Measure((run,), lambda m: np.array([value(x) for x in m[run]]))


def per_seed(run: str, key: str) -> Measure:
    """The per-seed values of one measure of one run."""
    return each(run, lambda x: x[key])


def ratio(run: str, num: str, den: str) -> Measure:
    """Per seed: one measure divided by another of the same run."""
    return each(run, lambda x: x[num] / max(x[den], 1e-9))


def diff(run_a: str, key_a: str, run_b: str, key_b: str) -> Measure:
    """Per seed: measure a of run a minus measure b of run b (paired by seed)."""
    return Measure(
        tuple(dict.fromkeys((run_a, run_b))),
        lambda m: np.array([a[key_a] - b[key_b] for a, b in zip(m[run_a], m[run_b], strict=True)]),
    )


def between_seeds(
    run: str, value: Callable[[dict[str, float], dict[str, float]], float]
) -> Measure:
    """Per pair of consecutive seeds k and k+1: a function of their measures of one run."""
    return Measure(
        (run,),
        lambda m: np.array([value(a, b) for a, b in zip(m[run][:-1], m[run][1:], strict=True)]),
    )


@dataclass(frozen=True, kw_only=True)
class Pattern:
    """One stylized fact as a testable pattern.

    Attributes:
        id: Short identifier (the ``pattern`` column of the table).
        area: owners, leaders, staff, cooperation, users, reorganisation or structure
            (the catalogue file it is declared in).
        fact: The fact in words.
        source: Domain file, section and lines.
        kind: "imposed", "calibrated" or "emergent" (DESIGN §8).
        measured: What is measured, in words.
        measure: How its per-seed values come from the measures (names the runs).
        test: "band", "positive" or "negative".
        band: (lo, hi) for a band test, else None.
        why: The argument for the tolerance (and for the kind).
        gating: False for a fact the model was tested on and does not reproduce: it is
            measured and reported ("Not reproduced") but does not gate the exit status.
        mechanism: Knock-out switches (``MechanismSwitches`` fields) of the mechanism
            that should produce it; the audit runs with them off.
        set_by: What sets the measured quantity directly: the input parameter or formula
            (imposed) or the fitted parameters (calibrated); empty for emergent.
        null: For a band test, the value when the pattern is absent (the audit measures
            the pattern's strength from it); a sign test's null is 0.
        bounds: The range the measured quantity can take; no end of the band reaches it.
        needs: For a pattern that is not emergent: the mechanism it would need to be.
    """

    id: str
    area: str
    fact: str
    source: str
    kind: str
    measured: str
    measure: Measure
    test: str
    band: tuple[float | None, float | None] | None = None
    why: str
    gating: bool = True
    mechanism: tuple[str, ...] = ()
    set_by: str = ""
    null: float | None = None
    bounds: tuple[float, float] | None = None
    needs: str = ""

    def __post_init__(self) -> None:
        """Check the kind, the test and the band.

        Raises:
            ValueError: Naming the pattern and what is wrong.
        """
        if self.kind not in KINDS:
            raise ValueError(f"{self.id}: kind {self.kind!r} is not one of {KINDS}")
        if self.test not in TESTS:
            raise ValueError(f"{self.id}: test {self.test!r} is not one of {TESTS}")
        if (self.test == "band") != (self.band is not None):
            raise ValueError(f"{self.id}: a band is given exactly for a band test")
        if self.band is not None and self.bounds is None:
            raise ValueError(f"{self.id}: a band test declares the bounds of what it measures")
        if self.band is not None:
            lo, hi = self.band
            if lo is None and hi is None:
                raise ValueError(f"{self.id}: band {self.band} has no end")
            if lo is not None and hi is not None and not lo < hi:
                raise ValueError(f"{self.id}: band {self.band} is empty")
            if self.bounds is not None and not (
                (lo is None or self.bounds[0] < lo) and (hi is None or hi < self.bounds[1])
            ):
                raise ValueError(
                    f"{self.id}: band {self.band} reaches the bounds {self.bounds} of what "
                    "it measures: a tolerance there cannot fail"
                )
        if self.kind == "emergent" and (self.set_by or not self.mechanism):
            raise ValueError(
                f"{self.id}: an emergent pattern names its mechanism and nothing that sets it"
            )
        if self.kind != "emergent" and not self.set_by:
            raise ValueError(f"{self.id}: an {self.kind} pattern says what sets it (set_by)")
        unknown = set(self.mechanism) - MECHANISMS
        if unknown:
            raise ValueError(f"{self.id}: no knock-out switch {sorted(unknown)}")

    @property
    def runs(self) -> tuple[str, ...]:
        """The runs it needs."""
        return self.measure.runs

    @property
    def fast(self) -> bool:
        """Whether it needs only the fast runs (default Agder and the national build)."""
        return set(self.runs) <= set(FAST_RUNS)

    @property
    def tolerance(self) -> str:
        """The pass rule in words."""
        need = f"≥{AGREE:.0%} of seeds"
        if self.test == "band":
            lo, hi = self.band
            if hi is None:
                return f"mean ≥ {lo:g}, {need} too"
            if lo is None:
                return f"mean ≤ {hi:g}, {need} too"
            return f"mean in [{lo:g}, {hi:g}], {need} in it"
        return f"mean {'> 0' if self.test == 'positive' else '< 0'}, {need} agree"


@dataclass
class Result:
    """A pattern's outcome over the seeds."""

    pattern: Pattern
    values: np.ndarray
    mean: float = field(init=False)
    lo: float = field(init=False)
    hi: float = field(init=False)
    agree: float = field(init=False)
    passed: bool = field(init=False)

    def __post_init__(self) -> None:
        """Summarise the values and apply the pass rule."""
        v, p = self.values, self.pattern
        self.mean = float(v.mean())
        self.lo, self.hi = (float(q) for q in np.quantile(v, [0.05, 0.95]))
        if p.test == "band":
            a, b = (-np.inf if p.band[0] is None else p.band[0]), p.band[1]
            b = np.inf if b is None else b
            inside = (v >= a) & (v <= b)
            self.agree = float(inside.mean())
            ok = a <= self.mean <= b
        else:
            sign = 1 if p.test == "positive" else -1
            self.agree = float((np.sign(v) == sign).mean())
            ok = np.sign(self.mean) == sign
        self.passed = bool(ok and self.agree >= AGREE)

    def row(self) -> dict[str, Any]:
        """One row of the validation table."""
        p = self.pattern
        return {
            "pattern": p.id,
            "area": p.area,
            "fact": p.fact,
            "source": p.source,
            "kind": p.kind,
            "measured": p.measured,
            "value": round(self.mean, 4),
            "interval_5": round(self.lo, 4),
            "interval_95": round(self.hi, 4),
            "seeds_agreeing": round(self.agree, 2),
            "tolerance": p.tolerance,
            "result": "PASS" if self.passed else "FAIL",
        }


def needed_runs(patterns: list[Pattern]) -> list[str]:
    """The runs the patterns need, in a stable order."""
    wanted = {r for p in patterns for r in p.runs}
    return [r for r in RUNS if r in wanted]


def evaluate(patterns: list[Pattern], measures: Measures) -> list[Result]:
    """Each pattern's result from the measures."""
    return [Result(p, np.asarray(p.measure(measures), float)) for p in patterns]


def table(results: list[Result]) -> pd.DataFrame:
    """The validation table, one row per pattern."""
    return pd.DataFrame([r.row() for r in results])


def totals(results: list[Result]) -> dict[str, int]:
    """Counts: patterns, per kind, passed, failed."""
    kinds = [r.pattern.kind for r in results]
    return {
        "patterns": len(results),
        "emergent": kinds.count("emergent"),
        "calibrated": kinds.count("calibrated"),
        "imposed": kinds.count("imposed"),
        "passed": sum(r.passed for r in results),
        "failed": sum(not r.passed for r in results),
    }
