"""Accounting identities and bounds of the output tables (DESIGN §6), plus properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.recording import STATE_COLUMNS, SUM_COLUMNS
from sim.submodels.util import nudge
from sim.users import _FIELDS, UserPopulation

UNIT_COLUMNS = list(STATE_COLUMNS)
MUNI_UNIT_COLUMNS = [
    "host_cost_share",
    "radmann_satisfaction",
    "ordforer_satisfaction",
    "radmann_influence",
    "ordforer_influence",
    "radmann_trust",
]
ACTOR_UNIT_COLUMNS = ["perceived_influence", "satisfaction", "attention", "trust_in_partner"]
ROLES = {"radmann", "ordforer", "county_director", "nav_leader"}


@pytest.fixture(scope="module")
def offices(small_tables) -> pd.DataFrame:
    return small_tables["offices"].sort_values(["office_id", "month"]).reset_index(drop=True)


# ------------------------------------------------------------------ counts and flows


SIGNED_COLUMNS = ("results_shortfall_z", "own_cost_index")  # signed by definition (issue 20)


def test_no_negative_values(small_tables):
    for name in ("offices", "municipalities", "model"):
        df = small_tables[name]
        num = df.select_dtypes("number").drop(columns=list(SIGNED_COLUMNS), errors="ignore")
        assert len(num.columns) > 5, name
        bad = (num < 0).any()
        assert not bad.any(), (name, list(bad[bad].index))


def test_users_conserved_per_office_and_month(small_model, offices):
    assert small_model.cfg.record_every == 1
    g = offices.groupby("office_id", sort=False)
    delta = g.n_users.diff()
    flow = offices.inflow - offices.exits_to_work - offices.exits_to_education - offices.exits_other
    later = offices.month > 0
    assert later.sum() == small_model.n_offices * small_model.cfg.months
    assert (delta[later] == flow[later]).all()
    assert (offices.inflow[later] > 0).any()
    assert (offices.exits_to_work[later] > 0).any()


def test_staff_split_and_constant_posts(offices):
    assert (offices.n_staff == offices.n_staff_state + offices.n_staff_municipal).all()
    per_office = offices.groupby("office_id").n_staff.nunique()
    assert (per_office == 1).all()
    assert (offices.n_staff > 0).all()


def test_staff_turnover_matches_leavers(offices):
    expected = offices.leavers / offices.n_staff
    np.testing.assert_allclose(offices.staff_turnover, expected, rtol=1e-12)


# ------------------------------------------------------------------ bounds


def test_state_columns_in_unit_interval(small_tables):
    for name, cols in (
        ("offices", UNIT_COLUMNS),
        ("model", UNIT_COLUMNS),
        ("municipalities", MUNI_UNIT_COLUMNS),
        ("actors", ACTOR_UNIT_COLUMNS),
    ):
        df = small_tables[name]
        for c in cols:
            assert c in df.columns, (name, c)
            x = df[c]
            assert x.notna().all(), (name, c)
            assert ((x >= 0) & (x <= 1)).all(), (name, c, x.min(), x.max())


# ------------------------------------------------------------------ time axis


def test_months_contiguous_from_zero(small_model, small_tables):
    months = small_model.cfg.months
    for name in ("offices", "municipalities", "actors"):
        df = small_tables[name]
        assert sorted(df.month.unique()) == list(range(months + 1)), name
        counts = df.groupby("month").size()
        assert counts.nunique() == 1, name  # the same rows every month (no events)
    assert list(small_tables["model"].month) == list(range(months + 1))


def test_record_every_three(small_config):
    from sim import NavPartnershipModel

    model = NavPartnershipModel(small_config(record_every=3), rng=5)
    model.run()
    tables = model.recorder.tables()
    expected = list(range(0, 25, 3))
    assert model.recorder.months == expected
    for name in ("offices", "municipalities", "actors", "model"):
        assert sorted(tables[name].month.unique()) == expected, name


# ------------------------------------------------------------------ aggregation


def test_model_sums_equal_office_sums(small_tables):
    offices, model = small_tables["offices"], small_tables["model"].set_index("month")
    sums = offices.groupby("month")[[c for c in SUM_COLUMNS if c in offices]].sum()
    assert len(sums.columns) == len(SUM_COLUMNS)
    for c in sums.columns:
        np.testing.assert_allclose(model[c].to_numpy(float), sums[c].to_numpy(float), err_msg=c)
    assert (model.n_offices == offices.groupby("month").size()).all()


def test_model_state_columns_are_staff_weighted_means(small_tables):
    offices, model = small_tables["offices"], small_tables["model"].set_index("month")
    w = offices.n_staff.astype(float)
    for c in ("trust_owners", "team_satisfaction", "cooperation_quality"):
        expected = (offices[c] * w).groupby(offices.month).sum() / w.groupby(offices.month).sum()
        np.testing.assert_allclose(model[c].to_numpy(), expected.to_numpy(), err_msg=c)


def test_municipality_users_sum_to_office_users(small_tables):
    muni = small_tables["municipalities"].groupby("month").n_users.sum()
    off = small_tables["offices"].groupby("month").n_users.sum()
    assert (muni == off).all()
    muni_w = small_tables["municipalities"].groupby("month").exits_to_work.sum()
    off_w = small_tables["offices"].groupby("month").exits_to_work.sum()
    assert (muni_w == off_w).all()


# ------------------------------------------------------------------ actors


def test_actor_roles_and_rows(small_model, small_tables):
    actors, offices = small_tables["actors"], small_tables["offices"]
    assert set(actors.role) == ROLES
    state = actors.role.isin(["county_director", "nav_leader"])
    assert (actors.municipality_id[state] == "").all()
    assert (actors.municipality_id[~state] != "").all()
    n_pairs = len(small_model.pairs.office)
    per_month = offices.groupby("month").n_municipalities.sum()
    assert (per_month == n_pairs).all()
    for role in ("radmann", "ordforer"):
        rows = actors[actors.role == role]
        keys = rows.groupby(["month", "office_id", "municipality_id"]).size()
        assert (keys == 1).all(), role
        assert (rows.groupby("month").size() == n_pairs).all(), role
    cd = actors[actors.role == "county_director"]
    assert (cd.groupby(["month", "office_id"]).size() == 1).all()
    assert (cd.groupby("month").size() == small_model.n_offices).all()
    leaders = actors[actors.role == "nav_leader"]
    assert (leaders.groupby("month").size() == len(small_model.leaders)).all()


# ------------------------------------------------------------------ properties


unit = st.floats(0.0, 1.0, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(unit, unit, unit), min_size=1, max_size=20),
)
def test_nudge_stays_in_unit_interval(triples):
    x, target, rate = (np.array(v) for v in zip(*triples, strict=True))
    out = nudge(x, target, rate)
    assert out.shape == x.shape
    assert ((out >= 0) & (out <= 1)).all()
    lo, hi = np.minimum(x, target), np.maximum(x, target)
    assert ((out >= lo - 1e-12) & (out <= hi + 1e-12)).all()
    np.testing.assert_array_equal(nudge(x, target, 0.0), x)
    np.testing.assert_allclose(nudge(x, target, 1.0), target, atol=1e-12)


@settings(max_examples=200, deadline=None)
@given(unit, unit, unit)
def test_nudge_scalar_target_and_rate(x, target, rate):
    out = nudge(np.array([x]), target, rate)
    assert 0.0 <= out[0] <= 1.0


ops = st.lists(
    st.one_of(
        st.tuples(st.just("append"), st.integers(0, 30), st.booleans()),
        st.tuples(st.just("keep"), st.integers(0, 2**31 - 1), st.booleans()),
    ),
    max_size=12,
)


@settings(max_examples=100, deadline=None)
@given(ops)
def test_user_population_arrays_stay_aligned(operations):
    pop = UserPopulation()
    expected_office: list[int] = []
    next_id = 0
    for op, n, full in operations:
        if op == "append":
            office = np.arange(next_id, next_id + n)
            cols = {"office": office, "muni": office % 7, "group": office % 4}
            if full:
                cols.update(months=np.ones(n), status=np.ones(n), need_unit=np.zeros(n))
            pop.append(**cols)
            expected_office += office.tolist()
            next_id += n
        else:
            rng = np.random.default_rng(n)
            mask = rng.random(len(pop)) < (0.5 if full else 0.9)
            expected_office = [o for o, k in zip(pop.office.tolist(), mask, strict=True) if k]
            pop.keep(mask)
        lengths = {name: len(getattr(pop, name)) for name in _FIELDS}
        assert set(lengths.values()) == {len(pop)}, lengths
        assert len(pop) == len(expected_office)
        for name, dtype in _FIELDS.items():
            assert getattr(pop, name).dtype == dtype, name
        # removal moves the last records into the gaps: the order is not kept
        assert sorted(pop.office.tolist()) == sorted(expected_office)
        assert (pop.muni == pop.office % 7).all()
        assert (pop.key == pop.cell_keys(slice(0, len(pop)))).all()


def test_model_table_equals_the_pandas_aggregation_of_offices(small_tables):
    """model.parquet is aggregated month by month while recording (numpy); the pandas
    aggregation of the whole offices table gives the same numbers."""
    from sim.recording import aggregate_offices

    expected = aggregate_offices(small_tables["offices"])
    pd.testing.assert_frame_equal(small_tables["model"], expected, check_exact=False, rtol=1e-12)
