"""The audit of the pattern suite (analysis/patterns/audit.py): the knock-out verdicts,
the kind rule, and one real knock-out run.

The rule on synthetic values (no runs), then the audit of one pattern on two seeds
(four short Agder runs, about 10 s on one core).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from conftest import a_pattern

from analysis.patterns import catalogue
from analysis.patterns.audit import Audit, audit, judge, knocked_out, strength
from analysis.patterns.runs import run_all
from analysis.patterns.suite import Pattern, Result, evaluate

RNG = np.random.default_rng(7)


def sign_pattern(**change) -> Pattern:
    """A positive-sign pattern named for a mechanism."""
    return a_pattern(**{"test": "positive", "band": None, "bounds": None, **change})


def around(mean: float, sd: float = 0.02, n: int = 10) -> np.ndarray:
    """n values around a mean."""
    return mean + sd * RNG.standard_normal(n)


def test_a_knock_out_that_flips_the_sign_removes_the_pattern():
    verdict, (diff, lo, _) = judge(sign_pattern(), around(0.3), around(-0.05))
    assert verdict == "removes"
    assert diff == pytest.approx(0.35, abs=0.05) and lo > 0


def test_a_knock_out_that_halves_it_weakens_it():
    assert judge(sign_pattern(), around(0.3), around(0.15))[0] == "weakens"


def test_a_small_or_noisy_change_leaves_it():
    p = sign_pattern()
    assert judge(p, around(0.3), around(0.27))[0] == "leaves"  # a tenth: below WEAKER
    assert judge(p, around(0.3), around(0.15, sd=0.5))[0] == "leaves"  # interval spans 0


def test_a_knock_out_that_strengthens_it_leaves_it():
    assert judge(sign_pattern(), around(0.3), around(0.6))[0] == "leaves"


def test_band_strength_is_measured_from_the_null_towards_the_band():
    p = sign_pattern(test="band", band=(1.25, 1.55), bounds=(0.0, 10.0), null=1.0)
    assert strength(p, np.array([1.4]))[0] == pytest.approx(0.4)
    assert judge(p, around(1.4), around(1.0))[0] == "removes"
    assert strength(dataclasses.replace(p, null=None), np.array([1.4])) is None


def test_the_kind_rule():
    p = sign_pattern()
    on = Result(p, around(0.3))

    def kind(pattern: Pattern, off: np.ndarray) -> Audit:
        return Audit(pattern, Result(pattern, on.values), Result(pattern, off))

    assert kind(p, around(-0.1)).kind == "emergent"
    left = kind(p, around(0.3))
    assert left.kind == "imposed" and not left.confirmed
    imposed = sign_pattern(kind="imposed", set_by="a parameter")
    assert kind(imposed, around(-0.1)).kind == "imposed"  # removed, but set directly
    fitted = sign_pattern(kind="calibrated", set_by="a fitted parameter")
    assert kind(fitted, around(-0.1)).kind == "calibrated"


def test_knocked_out_turns_the_switches_off_and_nothing_else():
    cfg = knocked_out("harmonised", ("compare_pay", "build_ties"))
    assert not cfg.mechanisms.compare_pay and not cfg.mechanisms.build_ties
    assert cfg.mechanisms.update_trust and cfg.governance.harmonised_terms


def test_the_audit_of_a_real_pattern_runs_its_knock_out():
    """Harmonised terms raise internal cooperation through the pay comparison: without it
    there is no pay gap to harmonise, and the paired difference vanishes. (Two seeds: a
    strong effect, 0.06 against 0 knocked out; the turnover pattern of the same runs is
    too small for two seeds since the staff calibration: 0.0011 over 10 seeds.)"""
    p = next(
        p for p in catalogue.CATALOGUE if p.id == "harmonised_terms_raise_internal_cooperation"
    )
    (result,) = evaluate([p], run_all(list(p.runs), 2, 1, progress=False))
    (a,) = audit([result], seeds=2, workers=1, progress=False)
    assert a.off is not None and a.off.values.shape == (2,)
    assert a.verdict in ("removes", "weakens")
    assert abs(a.off.mean) < abs(result.mean)
