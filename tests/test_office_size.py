"""The office-size sub-model (``sim.submodels.office_size``): its factors and parameters.

Cheap checks: the size factors are 1 at the declared reference size and rise with
size; the distance factor is exactly 1 where an office serves one municipality; the
parameters are validated and their sweep ranges include no effect (issue 20).
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest

from sim import ModelConfig, NavPartnershipModel
from sim.config import ConfigError, MechanismSwitches, SizeParams, validate
from sim.submodels import office_size
from sim.vocabulary import Employer

P = SizeParams()
FIELDS = {f.name: f for f in dataclasses.fields(SizeParams)}


def fake_model(staff_per_office: list[int], size: SizeParams | None = None, **switches):
    """A stand-in with what the size factors read: staff posts, offices, config."""
    size = size or SizeParams()
    office = np.repeat(np.arange(len(staff_per_office)), staff_per_office)
    post = np.where(np.arange(len(office)) % 2 == 0, Employer.STATE, Employer.MUNICIPAL)
    cfg = SimpleNamespace(size=size, staff=ModelConfig().staff)
    offices = SimpleNamespace(n_staff=np.array(staff_per_office), specialisation=None)
    return SimpleNamespace(
        cfg=cfg,
        on=MechanismSwitches(**switches),
        offices=offices,
        staff=SimpleNamespace(office=office, post=post.astype(np.int8)),
        n_offices=len(staff_per_office),
    )


@pytest.fixture(scope="module")
def agder():
    """Agder built (no months run) on one office per municipality and on today's map."""
    return {
        s: NavPartnershipModel(ModelConfig(months=0, structure=s), rng=3)
        for s in ("municipal", "present")
    }


# ----------------------------------------------------------------- specialisation


def test_specialisation_is_zero_to_the_threshold_then_rises_towards_one():
    staff = np.array([0, P.specialisation_threshold, 20, 40, 80, 160, 1000.0])
    level = office_size.specialisation_level(staff, P)
    assert level[0] == level[1] == 0.0
    assert np.all(np.diff(level[1:]) > 0)
    assert 0.99 < level[-1] <= 1.0


def test_specialisation_factor_is_one_at_the_reference_size_and_rises_with_size():
    sizes = np.array([3.0, 10, 30, P.reference_staff, 100, 180])
    model = fake_model([1] * len(sizes))
    model.offices.specialisation = office_size.specialisation_level(sizes, P)
    factor = office_size.specialisation_factor(model)
    assert factor[list(sizes).index(P.reference_staff)] == pytest.approx(1.0, abs=1e-12)
    assert np.all(np.diff(factor) >= 0) and factor[0] < 1 < factor[-1]


def test_no_specialisation_gain_means_factor_one_everywhere():
    size = SizeParams(specialisation_gain=0.0)
    model = fake_model([1, 1], size)
    model.offices.specialisation = np.array([0.0, 0.9])
    assert np.all(office_size.specialisation_factor(model) == 1.0)


def test_shared_specialists_count_only_nearby_offices_of_the_same_county(agder):
    model = agder["present"]
    near = office_size.nearby_offices(model)
    assert np.all(np.diag(near) == 0) and np.array_equal(near, near.T)
    county = np.array([d.county_id for d in model.offices.director])
    assert np.all(near[county[:, None] != county[None, :]] == 0)
    of = model.offices
    expect = of.n_staff + model.cfg.size.shared_specialist_share * (near @ of.n_staff)
    assert np.allclose(of.effective_staff, expect)
    assert np.all(of.effective_staff >= of.n_staff)


# ----------------------------------------------------------------- absence and overhead


def test_uncovered_absence_falls_with_the_pool_and_cover_zero_has_no_size_effect():
    pools = np.array([1, 2, 5, 20, 100])
    u = office_size.uncovered_share(pools, P.absence_cover)
    assert u[0] == 1.0 and np.all(np.diff(u) < 0)
    assert np.all(office_size.uncovered_share(pools, 0.0) == 1.0)


def test_presence_factor_is_one_in_a_reference_office_and_rises_with_size():
    size = SizeParams(reference_staff=40.0)
    model = fake_model([2, 10, 40, 120], size)
    factor = office_size.presence_factor(model)
    per_office = np.array([factor[model.staff.office == o].mean() for o in range(4)])
    assert per_office[2] == pytest.approx(1.0, abs=1e-12)
    assert np.all(np.diff(per_office) > 0)
    lost = model.offices.absence_lost
    assert np.all(np.diff(lost) < 0) and lost[0] <= size.absence_rate


def test_without_cover_every_absent_hour_is_lost():
    model = fake_model([2, 40, 120], cover_absence=False)
    office_size.presence_factor(model)
    assert np.allclose(model.offices.absence_lost, P.absence_rate)


def test_overhead_takes_a_larger_share_of_a_small_office_and_none_beyond_the_reference():
    sizes = [2, 10, P.reference_staff, 150]
    model = fake_model([int(s) for s in sizes])
    hours = model.cfg.staff.hours_per_month
    model.offices.overhead_share = P.overhead_hours / (np.array(sizes) * hours)
    excess = office_size.overhead_excess(model)
    assert excess[2] == pytest.approx(0.0, abs=1e-12)
    assert np.all(np.diff(excess) < 0) and excess[0] > 0 > excess[-1]


# ----------------------------------------------------------------- distance


def test_distance_is_zero_and_factors_exactly_one_in_one_municipality_offices(agder):
    model = agder["municipal"]
    assert np.all(model.munis.distance_km == 0.0)
    assert np.all(office_size.reach_factor(model) == 1.0)
    assert np.all(office_size.knowledge_factor(model) == 1.0)


def test_distance_lowers_reach_only_for_members_away_from_the_seat(agder):
    model = agder["present"]
    pr, of = model.pairs, model.offices
    single = of.n_munis[pr.office] == 1
    hosts = pr.muni == of.host[pr.office]
    reach = office_size.reach_factor(model)
    assert np.all(reach[pr.muni[single | hosts]] == 1.0)
    members = pr.muni[~single & ~hosts]
    assert len(members) > 0
    assert np.all(model.munis.distance_km[members] > 0)
    assert np.all(reach[members] < 1.0)
    assert np.all(reach >= 1 - model.cfg.size.distance_reach_effect)
    # the office's users' mean distance is positive exactly where members live away
    away = np.bincount(pr.office, weights=~single & ~hosts, minlength=model.n_offices) > 0
    assert np.array_equal(office_size.users_mean(model, model.munis.distance_km) > 0, away)


def test_distance_factor_falls_monotonically_to_one_minus_the_effect():
    model = SimpleNamespace(
        munis=SimpleNamespace(distance_km=np.array([0.0, 5, 20, 60, 500])),
        on=MechanismSwitches(),
        cfg=SimpleNamespace(size=P),
    )
    f = office_size.distance_factor(model, 0.2)
    assert f[0] == 1.0 and np.all(np.diff(f) < 0) and f[-1] == pytest.approx(0.8, abs=1e-6)
    model.on = MechanismSwitches(weaken_with_distance=False)
    assert np.all(office_size.distance_factor(model, 0.2) == 1.0)


# ----------------------------------------------------------------- parameters


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("absence_rate", -0.1),
        ("absence_rate", 0.9),
        ("shared_specialist_share", 1.5),
        ("specialisation_scale", 0.0),
        ("reference_staff", 0.0),
        ("distance_reach_effect", 2.0),
    ],
)
def test_size_parameters_are_validated(name, value):
    cfg = ModelConfig()
    setattr(cfg.size, name, value)
    with pytest.raises(ConfigError, match=f"size.{name}"):
        validate(cfg)


NO_EFFECT = (
    "specialisation_gain",
    "shared_specialist_share",
    "absence_cover",
    "overhead_hours",
    "distance_reach_effect",
    "distance_knowledge_effect",
)


@pytest.mark.parametrize("name", NO_EFFECT)
def test_every_gain_has_a_sweep_range_that_includes_no_effect(name):
    meta = FIELDS[name].metadata
    assert meta["sweep"][0] == 0.0 < getattr(P, name) <= meta["sweep"][1]
    assert meta["source"]


def test_every_size_parameter_declares_unit_range_sweep_and_source():
    for f in FIELDS.values():
        meta = f.metadata
        assert meta["unit"] and meta["source"], f.name
        lo, hi = meta["sweep"]
        assert meta["lo"] <= lo <= getattr(P, f.name) <= hi <= meta["hi"], f.name
