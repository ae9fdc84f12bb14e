"""The pattern suite (analysis/validation.py), provenance of every parameter, and the
documents that must agree with the code: docs/ODD.md (headings, element 1's pattern
list, element 3's order) and docs/validation.md.

The fast patterns (default Agder runs and the national build, 10 seeds) run here on
every ``make test``; the whole suite is the ``slow`` test below, which ``make test``
also runs (no marker is deselected; 88 s measured on two shared cores).
"""

from __future__ import annotations

import dataclasses
import inspect
import re

import pytest

from analysis import validation
from sim.config import GovernanceConfig, ScenarioConfig, iter_parameters
from sim.model import NavPartnershipModel

PROVENANCE = re.compile(r"^(calibrated|assumption|(003|ch1_4|ch5_9|coop|DESIGN) §?)")
AREAS = {"owners", "leaders", "staff", "cooperation", "users", "reorganisation"}
ODD = validation.ODD_PATH.read_text(encoding="utf-8")


# ----------------------------------------------------------------- provenance


def test_every_parameter_has_a_provenance_entry():
    """A domain citation, "calibrated" or "assumption" for every declared setting."""
    missing = []
    for key, _, meta in iter_parameters():
        if not PROVENANCE.match(meta.get("source", "")):
            missing.append((key, meta.get("source")))
    for owner in (GovernanceConfig, ScenarioConfig):
        for f in dataclasses.fields(owner):
            if not PROVENANCE.match(f.metadata.get("source", "")):
                missing.append((f"{owner.__name__}.{f.name}", f.metadata.get("source")))
    assert not missing, missing


def test_calibrated_parameters_say_calibrated():
    """The parameters analysis/calibration.py fits carry "calibrated" as provenance."""
    from analysis.calibration import CALIBRATED

    sources = {key: meta["source"] for key, _, meta in iter_parameters()}
    for key in CALIBRATED:
        assert sources[key].startswith("calibrated"), (key, sources[key])


# ----------------------------------------------------------------- the suite's shape


def test_suite_covers_enough_patterns_files_and_areas():
    patterns = validation.PATTERNS
    kinds = [p.kind for p in patterns]
    assert len(patterns) >= 25
    assert kinds.count("emergent") >= 15
    assert set(kinds) <= {"imposed", "calibrated", "emergent"}
    files = {p.source.split(" ")[0] for p in patterns}
    assert len(files & {validation.F003, validation.CH14, validation.CH59, validation.COOP}) >= 3
    assert {p.area for p in patterns} >= AREAS
    assert len({p.key for p in patterns + validation.NOT_REPRODUCED}) == len(
        patterns + validation.NOT_REPRODUCED
    )
    for p in patterns:
        assert p.why and p.measured, p.key
        assert p.test in ("band", "positive", "negative"), p.key
        if p.test == "band":
            assert p.band is not None and p.band[0] < p.band[1], p.key
        assert set(p.runs) <= set(validation.needed_runs(validation.PATTERNS)), p.key


def test_pass_rule_fails_when_seeds_disagree():
    """The rule can fail: a mean of the right sign with too few agreeing seeds fails."""
    import numpy as np

    p = validation.PATTERNS[0]
    sign = dataclasses.replace(p, test="positive")
    assert validation.Result(sign, np.array([1.0] * 7 + [-0.1] * 3)).passed
    assert not validation.Result(sign, np.array([5.0] * 6 + [-0.1] * 4)).passed
    band = dataclasses.replace(p, test="band", band=(0.0, 1.0))
    assert not validation.Result(band, np.array([2.0] * 10)).passed


def test_fast_patterns_pass():
    results, others, _ = validation.validate(fast=True, seeds=10, workers=2, progress=False)
    assert not others
    assert len(results) >= 20
    failed = [r.row() for r in results if not r.passed]
    assert not failed, failed


@pytest.mark.slow
def test_whole_suite_passes_and_docs_validation_matches_the_code():
    results, others, _ = validation.validate(seeds=10, workers=2, progress=False)
    failed = [r.row() for r in results if not r.passed]
    assert not failed, failed
    assert [r.pattern.key for r in others] == [p.key for p in validation.NOT_REPRODUCED]
    doc = validation.DOCS_PATH.read_text(encoding="utf-8")
    listed = re.findall(r"^\| `(\w+)` \|", doc, flags=re.M)
    assert listed == [p.key for p in validation.PATTERNS + validation.NOT_REPRODUCED], (
        "docs/validation.md is stale; run `make validate`"
    )


# ----------------------------------------------------------------- docs/ODD.md

ODD_2020 = [
    "1. Purpose and patterns",
    "2. Entities, state variables, and scales",
    "3. Process overview and scheduling",
    "4. Design concepts",
    "Basic principles",
    "Emergence",
    "Adaptation",
    "Objectives",
    "Learning",
    "Prediction",
    "Sensing",
    "Interaction",
    "Stochasticity",
    "Collectives",
    "Observation",
    "5. Initialization",
    "6. Input data",
    "7. Submodels",
]
ODD_D = [
    "Theoretical and Empirical Background",
    "Individual decision making",
    "Individual sensing",
    "Individual prediction",
    "Heterogeneity",
]


def test_odd_has_the_2020_headings_in_order_and_the_odd_d_additions():
    headings = re.findall(r"^#{2,4} (?:4\.\d+ )?(.+)$", ODD, flags=re.M)
    pos = -1
    for name in ODD_2020:
        hits = [i for i, h in enumerate(headings) if h.startswith(name) and i > pos]
        assert hits, f"ODD heading {name!r} missing or out of order"
        pos = hits[0]
    for name in ODD_D:
        assert any(name in h for h in headings), name


def test_odd_element_1_lists_the_suites_patterns():
    i, j = ODD.find(validation.ODD_START), ODD.find(validation.ODD_END)
    assert 0 <= i < j
    assert ODD[i + len(validation.ODD_START) : j].strip() == validation.odd_patterns_table(), (
        "docs/ODD.md's pattern list differs from the suite; run `navsim-validate --write-odd`"
    )


def test_odd_element_3_follows_step_in_order():
    source = inspect.getsource(NavPartnershipModel.step)
    phases = re.findall(r"self\.(\w+)\(\)", source)
    assert phases[0] == "reset_flows" and phases[-1] == "record", phases
    section = ODD[ODD.index("## 3. Process overview") : ODD.index("## 4. Design concepts")]
    positions = [section.find(f"`{name}`") for name in phases]
    assert all(p >= 0 for p in positions), dict(zip(phases, positions, strict=True))
    assert positions == sorted(positions), dict(zip(phases, positions, strict=True))


def test_odd_element_7_has_a_subsection_per_mechanism_switch():
    """Every knock-out switch (one per mechanism of DESIGN §3) is named in element 7."""
    from sim.config import MechanismSwitches

    section = ODD[ODD.index("## 7. Submodels") :]
    for f in dataclasses.fields(MechanismSwitches):
        assert f"`{f.name}`" in section, f.name
