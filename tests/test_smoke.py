"""The default model builds, steps and runs; agent counts and networks are consistent."""

from __future__ import annotations

import logging
import subprocess
import sys

import numpy as np

from sim import ModelConfig, NavPartnershipModel
from sim.agents import CountyDirector, Municipality, NavLeader
from sim.networks import tie_strengths
from sim.vocabulary import N_KINDS, Employer, ServiceKind


def test_default_config_builds_and_steps():
    model = NavPartnershipModel(ModelConfig(), rng=1)
    assert model.month == -ModelConfig().burn_in
    start = model.month
    model.step()
    assert model.month == start + 1
    model.step()
    assert model.month == start + 2
    assert model.n_offices == 13  # Agder today (structure=present)
    assert len(model.users) > 0


def test_run_records_months_zero_to_months(small_model, small_tables):
    months = small_model.cfg.months
    assert small_model.month == months
    assert small_model.recorder.months == list(range(months + 1))
    for name in ("offices", "municipalities", "actors", "model"):
        df = small_tables[name]
        assert not df.empty, name
        assert sorted(df.month.unique()) == list(range(months + 1)), name


def test_agder_has_25_municipality_agents(small_model):
    munis = small_model.agents_by_type[Municipality]
    assert len(munis) == 25
    assert len(small_model.municipalities) == 25
    assert {m.county_id for m in munis} == {"42"}


def test_agder_has_one_county_director(small_model):
    assert list(small_model.county_directors) == ["42"]
    cd = small_model.county_directors["42"]
    assert sorted(cd.offices) == list(range(small_model.n_offices))
    assert all(c is cd for c in small_model.offices.director)
    # one CountyDirector agent registered with the model, not one per office
    assert len(small_model.agents_by_type[CountyDirector]) == 1


def test_eight_service_units_per_municipality(small_model):
    mu = small_model.munis
    assert mu.unit_barrier.shape == (25, len(ServiceKind))
    assert (mu.unit_barrier[:, ServiceKind.EMPLOYERS] == 1.0).all()
    units = [n for n, d in small_model.cooperation_graph.nodes(data=True) if d["kind"] == "unit"]
    assert len(units) == 8 * 25


def test_only_deciding_actors_are_agents(small_model):
    """Staff and service units are rows of arrays; the agents are the actors who decide."""
    model = small_model
    kinds = {type(a) for a in model.agents}
    assert kinds == {Municipality, CountyDirector, NavLeader}
    n_slots = len(model.staff.office)
    assert n_slots > 0
    for name in ("post", "muni", "satisfaction", "task_state", "tenure", "ties"):
        assert len(getattr(model.staff, name)) == n_slots, name


def test_leaders_per_office(small_model):
    model = small_model
    leaders = list(model.agents_by_type[NavLeader])
    per_office = np.bincount([ld.office for ld in leaders], minlength=model.n_offices)
    assert (per_office >= 1).all()
    for o, lm in enumerate(model.offices.leader_model):
        expected = 2 if lm == "two_leaders" else 1
        assert per_office[o] == expected, (model.offices.ids[o], lm)
        employers = sorted(ld.employer for ld in model.offices.leaders[o])
        if lm == "two_leaders":
            assert employers == [Employer.STATE, Employer.MUNICIPAL]
        else:
            assert employers == [Employer.STATE if lm == "state" else Employer.MUNICIPAL]


def test_two_leader_offices_get_two_leaders():
    cfg = ModelConfig(months=1, burn_in=0)
    cfg.governance.leader_model = "two_leaders"
    model = NavPartnershipModel(cfg, rng=2)
    assert set(model.offices.leader_model) == {"two_leaders"}
    assert len(model.agents_by_type[NavLeader]) == 2 * model.n_offices


def test_cooperation_graph_tie_index_matches_ties_array(small_model):
    model = small_model
    g = model.cooperation_graph
    flat = model.staff.ties.ravel()
    seen = []
    for u, v, d in g.edges(data=True):
        staff, unit = (u, v) if u[0] == "staff" else (v, u)
        if staff[0] != "staff":
            assert d["tie"] == -1  # leader-unit edge
            continue
        assert unit[0] == "unit"
        slot, muni, kind = staff[1], unit[1], unit[2]
        assert d["tie"] == slot * N_KINDS + kind
        assert muni == model.staff.muni[slot]
        assert flat[d["tie"]] == model.staff.ties[slot, kind]
        seen.append(d["tie"])
    assert sorted(seen) == list(range(flat.size))
    strengths = tie_strengths(model, g)
    assert len(strengths) == flat.size
    for (u, v), value in strengths.items():
        staff, unit = (u, v) if u[0] == "staff" else (v, u)
        assert value == model.staff.ties[staff[1], unit[2]]


def test_partnership_graph_links(small_model):
    model = small_model
    g = model.partnership_graph
    kinds = {n: d["kind"] for n, d in g.nodes(data=True)}
    munis = [n for n, k in kinds.items() if k == "municipality"]
    offices = [n for n, k in kinds.items() if k == "office"]
    cds = [n for n, k in kinds.items() if k == "county_director"]
    assert len(munis) == 25
    assert len(offices) == model.n_offices
    assert len(cds) == 1
    for m in munis:
        assert any(kinds[x] == "office" for x in g.neighbors(m)), m
    for o in offices:
        nb = [kinds[x] for x in g.neighbors(o)]
        assert nb.count("county_director") == 1, o
        assert nb.count("municipality") >= 1, o


def test_mesa_step_log_is_silenced():
    code = (
        "import logging, sim\n"
        "print(logging.getLogger('MESA').getEffectiveLevel())\n"
        "print(int(logging.getLogger('MESA.mesa.model').isEnabledFor(logging.INFO)))\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    level, info_enabled = res.stdout.split()
    assert int(level) >= logging.WARNING
    assert info_enabled == "0"


def test_month_zero_without_burn_in_is_the_initial_state(small_config):
    """With burn_in=0, month 0 is recorded before any step: stocks, no flows."""
    model = NavPartnershipModel(small_config(months=2, burn_in=0), rng=5)
    model.run()
    tables = model.recorder.tables()
    first = tables["offices"][tables["offices"]["month"] == 0]
    assert (first["n_users"] > 0).all()
    assert (first[["inflow", "exits_to_work", "starts", "leavers"]] == 0).all().all()
    assert set(tables["actors"]["month"]) == {0, 1, 2}
