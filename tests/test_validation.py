"""The pattern suite's shape and command (analysis/patterns/), provenance of every
parameter, and the documents that must agree with the code: docs/ODD.md (headings,
element 1's pattern list, element 3's order) and docs/validation.md.

Each pattern is run as a test of its own in ``tests/test_patterns.py``; here the
catalogue is checked as data (no runs), and ``navsim-validate`` once on its fast part
with two seeds.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re

import numpy as np
import pandas as pd
import pytest
from conftest import a_pattern

from analysis.patterns import catalogue, cli, docs
from analysis.patterns.runs import RUNS
from analysis.patterns.suite import DOMAIN_FILES, Result
from sim.config import GovernanceConfig, ScenarioConfig, iter_parameters
from sim.model import NavPartnershipModel

PROVENANCE = re.compile(r"^(calibrated|assumption|(003|ch1_4|ch5_9|coop|DESIGN) §?)")
ODD = docs.ODD_PATH.read_text(encoding="utf-8")
REPO = docs.ODD_PATH.parents[1]
CATALOGUE = catalogue.CATALOGUE


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


def test_calibrated_parameters_are_declared_parameters():
    """Every parameter navsim-calibrate may fit is a declared parameter (tests/test_calibration.py
    checks its prior against the declared bounds and its targets against the suite)."""
    from analysis.calibration import PARAMETERS

    declared = {key for key, _, _ in iter_parameters()}
    assert {p.path for p in PARAMETERS} <= declared


# ----------------------------------------------------------------- the catalogue as data


def test_suite_covers_enough_patterns_files_and_areas():
    patterns = catalogue.PATTERNS
    assert len(patterns) >= 25
    assert len({p.source.split(" ")[0] for p in patterns} & set(DOMAIN_FILES)) >= 3
    assert {p.area for p in patterns} == set(catalogue.AREAS)
    assert len({p.id for p in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("pattern", CATALOGUE, ids=[p.id for p in CATALOGUE])
def test_pattern_is_declared_whole_in_its_area_file(pattern):
    module = next(m for m in catalogue.AREA_MODULES if pattern in m.PATTERNS)
    assert pattern.area == module.AREA
    assert pattern.why and pattern.measured and pattern.fact
    assert pattern.source.split(" ")[0] in DOMAIN_FILES
    assert pattern.runs and set(pattern.runs) <= set(RUNS)


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "guessed"},
        {"test": "sign"},
        {"band": None},
        {"band": (None, None)},
        {"bounds": None},
        {"band": (0.0, 0.5)},
        {"band": (0.5, 1.0)},
        {"set_by": "a parameter"},
        {"mechanism": ()},
        {"mechanism": ("no_such_switch",)},
        {"kind": "imposed"},
        {"kind": "calibrated"},
        {"band": (1.0, 0.0)},
        {"test": "positive"},
    ],
)
def test_a_bad_declaration_is_refused(change):
    a_pattern()
    with pytest.raises(ValueError, match="x: "):
        a_pattern(**change)


def test_pass_rule_fails_when_seeds_disagree():
    """The rule can fail: a mean of the right sign with too few agreeing seeds fails."""
    p = catalogue.PATTERNS[0]
    sign = dataclasses.replace(p, test="positive", band=None)
    assert Result(sign, np.array([1.0] * 7 + [-0.1] * 3)).passed
    assert not Result(sign, np.array([5.0] * 6 + [-0.1] * 4)).passed
    band = dataclasses.replace(p, test="band", band=(0.2, 0.8), bounds=(0.0, 1.0))
    assert not Result(band, np.array([0.9] * 10)).passed
    above = dataclasses.replace(p, test="band", band=(0.2, None), bounds=(0.0, 1.0))
    assert Result(above, np.array([0.9] * 10)).passed
    assert not Result(above, np.array([0.1] * 10)).passed


# ----------------------------------------------------------------- navsim-validate


def test_the_command_writes_the_fast_table_and_exits_by_the_rule(tmp_path):
    argv = ["--fast", "--seeds", "2", "--workers", "2", "--no-progress"]
    status = cli.main([*argv, "--out", str(tmp_path)])
    table = pd.read_csv(tmp_path / "validation.csv")
    assert list(table["pattern"]) == [p.id for p in catalogue.PATTERNS if p.fast]
    assert table["gating"].all()
    assert status == (0 if (table["result"] == "PASS").all() else 1)


def test_the_command_refuses_fewer_than_two_seeds(tmp_path):
    assert cli.main(["--seeds", "1", "--out", str(tmp_path)]) == 2
    assert not any(tmp_path.iterdir())


def test_docs_validation_audit_confirms_every_declared_kind():
    """The kinds declared in the catalogue are the kinds the last audit gave (the audit
    table of docs/validation.md, written by `navsim-validate --write-docs`)."""
    doc = docs.DOCS_PATH.read_text(encoding="utf-8")
    audit = doc[doc.index("## The audit") :]
    kind = r"\**(emergent|calibrated|imposed)\**(?: \(not judged\))?"
    rows = re.findall(rf"^\| `(\w+)` \|.*\| {kind} \|$", audit, re.M)
    declared = {p.id: p.kind for p in CATALOGUE}
    assert dict(rows) == declared, "docs/validation.md is stale or a kind is unconfirmed"


def test_docs_validation_lists_the_catalogue():
    doc = docs.DOCS_PATH.read_text(encoding="utf-8")
    tables = doc[: doc.index("## The audit")]
    listed = re.findall(r"^\| `(\w+)` \|", tables, flags=re.M)
    assert listed == [p.id for p in catalogue.PATTERNS + catalogue.NOT_REPRODUCED], (
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
    i, j = ODD.find(docs.ODD_START), ODD.find(docs.ODD_END)
    assert 0 <= i < j
    assert ODD[i + len(docs.ODD_START) : j].strip() == docs.odd_patterns_table(), (
        "docs/ODD.md's pattern list differs from the suite; run `navsim-validate --write-odd`"
    )


def test_odd_element_3_follows_step_in_order():
    source = inspect.getsource(NavPartnershipModel.step)
    phases = re.findall(r"self\.(\w+)\(\)", source)
    assert "MonthFlows.start" in source and phases[-1] == "record", phases
    section = ODD[ODD.index("## 3. Process overview") : ODD.index("## 4. Design concepts")]
    positions = [section.find(f"`{name}`") for name in ["MonthFlows.start", *phases]]
    assert all(p >= 0 for p in positions), dict(zip(phases, positions, strict=False))
    assert positions == sorted(positions), dict(zip(phases, positions, strict=False))


def test_odd_element_7_names_modules_and_functions_that_exist():
    """Each sub-model heading names its module and functions; every one exists."""
    section = ODD[ODD.index("## 7. Submodels") : ODD.index("## Parameter table")]
    headings = re.findall(r"^### 7\.\d+ .*$", section, flags=re.M)
    named = 0
    for heading in headings:
        for module, names in re.findall(r"`(sim/[\w/]+)\.py`: ([^;)]*)", heading):
            mod = importlib.import_module(module.replace("/", "."))
            for name in re.findall(r"`(\w+)`", names):
                assert hasattr(mod, name), f"{module}.py has no {name} (ODD: {heading})"
                named += 1
    assert named >= 30
    for path in sorted((REPO / "sim" / "submodels").glob("*.py")):
        if path.stem not in ("__init__", "util"):
            assert f"sim/submodels/{path.stem}.py" in section, path.stem


def test_odd_element_7_has_a_subsection_per_mechanism_switch():
    """Every knock-out switch (one per mechanism of DESIGN §3) is named in element 7."""
    from sim.config import MechanismSwitches

    section = ODD[ODD.index("## 7. Submodels") :]
    for f in dataclasses.fields(MechanismSwitches):
        assert f"`{f.name}`" in section, f.name
