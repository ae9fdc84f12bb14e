"""The plausibility checks of totals (analysis/patterns/totals.py) and their measures.

The checks are patterns of the suite (``tests/test_patterns.py`` runs each over the
suite's seeds); here: each has a cited target and a band that can fail, the measures
of one seed of the two national runs sit inside the gating bands and outside the
bands of the totals kept as not reproduced, and the measures add up with the model's
own tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.patterns import catalogue, totals
from analysis.patterns.runs import TOTALS_MONTHS, TOTALS_RUNS, measure, measure_totals
from analysis.patterns.suite import DOMAIN_FILES, Result
from sim.config import ModelConfig
from sim.model import NavPartnershipModel

TOTALS = totals.TOTALS
IDS = [t.pattern.id for t in TOTALS]


@pytest.fixture(scope="module")
def seed0():
    """One seed of each national run of the totals."""
    return {run: measure(run, 0) for run in TOTALS_RUNS}


@pytest.mark.parametrize("total", TOTALS, ids=IDS)
def test_each_check_has_a_cited_target_inside_a_band_that_can_fail(total):
    p = total.pattern
    lo, hi = p.band
    assert p.source.split(" ")[0] in DOMAIN_FILES and "(L" in p.source
    assert total.reported and total.year.isdigit() and total.unit
    assert lo < total.target < hi
    assert lo > 0 and hi - lo < total.target, "a band reaching 0 or wider than its target"
    assert set(p.runs) <= set(TOTALS_RUNS) and p.kind in ("imposed", "calibrated")
    assert p.why.startswith("±") or p.why[0].isdigit(), "the why opens with the tolerance"
    # the band fails a value that misses the target by half
    assert not Result(p, np.full(10, total.target * 1.5)).passed
    assert not Result(p, np.full(10, total.target * 0.5)).passed


def test_the_checks_are_in_the_catalogue_and_the_misses_do_not_gate():
    assert [p for p in catalogue.CATALOGUE if p.area == totals.AREA] == totals.PATTERNS
    for t in TOTALS:
        p = t.pattern
        assert (p in catalogue.PATTERNS) == p.gating
        assert p.gating or "NOT REPRODUCED" in p.why, f"{p.id}: say why it is not reproduced"


def test_the_year_picks_the_map():
    """A 2019 figure is compared on the 2019 map, an earlier one on the municipal map."""
    for t in TOTALS:
        (run,) = t.pattern.runs
        start, structure = TOTALS_RUNS[run]
        assert (structure == "2019") == (t.year == "2019"), t.pattern.id
        assert start.startswith("2019") == (structure == "2019"), t.pattern.id


@pytest.mark.parametrize("total", TOTALS, ids=IDS)
def test_one_seed_is_inside_the_gating_bands_and_outside_the_others(total, seed0):
    p = total.pattern
    (value,) = p.measure({r: [seed0[r]] for r in p.runs})
    lo, hi = p.band
    inside = lo <= value <= hi
    assert inside == p.gating, (
        f"{p.id}: {value:.4g} {'inside' if inside else 'outside'} [{lo:g}, {hi:g}]; "
        + ("a gating check must pass" if p.gating else "it passes now: make it gating")
    )


def test_the_measures_add_up_with_the_models_tables():
    """A year's users = month 0's users + the year's inflow; cost = recipient-months x rate."""
    cfg = ModelConfig(months=TOTALS_MONTHS, burn_in=6, structure="2019")
    model = NavPartnershipModel(cfg, rng=3)
    out = measure_totals(model)
    table = model.recorder.tables()["model"]
    year = table[table["month"] > 0]
    users_0 = float(table.loc[table["month"] == 0, "n_users"].item())
    assert out["users_year_work"] + out["sa_recipients_year"] == users_0 + year["inflow"].sum()
    recipient_months = out["users_social_assistance"] * TOTALS_MONTHS
    assert out["sa_cost_year_bn"] * 1e9 == pytest.approx(
        recipient_months * cfg.users.sa_monthly_cost, rel=1e-9
    )
    stock = sum(out[f"users_{g}"] for g in ("jobseeker", "situational", "reduced_capacity"))
    assert stock + out["users_social_assistance"] == pytest.approx(year["n_users"].mean())
    assert out["staff"] == year["n_staff"].iloc[-1]
    assert out["staff_turnover_year"] == pytest.approx(year["leavers"].sum() / out["staff"])


def test_the_section_shows_target_measured_tolerance_and_source():
    measures = {run: [{"offices": 382.0, "staff_turnover_year": 0.1}] for run in TOTALS_RUNS}
    results = [Result(t.pattern, np.array([t.target])) for t in TOTALS]
    lines = totals.markdown_section(results, measures)
    rows = [x for x in lines if x.startswith("| total_")]
    assert len(rows) == len(TOTALS)
    for row, t in zip(rows, TOTALS, strict=True):
        assert t.reported in row and t.pattern.source in row and t.office_map in row
        assert f"| {t.year} |" in row
        assert "**PASS" in row
    assert sum(x.startswith("- ") for x in lines) == len(totals.NOT_CHECKABLE)
    assert "Measured (norway_2015): `offices` 382." in "\n".join(lines)
    assert not pd.Series(lines).str.match(r"^\| `").any(), "would be read as the main table"
