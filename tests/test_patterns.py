"""Stylized facts of ``/work/shared/domain`` as pattern tests (DESIGN §8).

Each test is an ordering or a sign across seeds 0..4, never a number copied from a
run, and says whether the pattern is *imposed* (built in as an input), *calibrated*
(a fitting target of a parameter) or *emergent* (neither). Runs: Agder (the default
region), months=60, default burn-in; national patterns use a Norway model that is
built but not run.

Domain files: ``003`` = 003_partnership_report.md §8, ``ch5_9`` =
001_expert_group_ch5_9.md §8, ``coop`` = 000_002_004_cooperation.md §8.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from sim.agents import Employer
from sim.config import ModelConfig, RegionConfig, TeamModel
from sim.model import NavPartnershipModel

SEEDS = range(5)
MONTHS = 60
NORWAY = RegionConfig(name="norway", counties=["all"])


def run(seed: int, **governance) -> NavPartnershipModel:
    cfg = ModelConfig(months=MONTHS)
    for key, value in governance.items():
        setattr(cfg.governance, key, value)
    model = NavPartnershipModel(cfg, rng=seed)
    model.run()
    return model


def at(table: pd.DataFrame, month: int, column: str) -> float:
    return float(table.loc[table["month"] == month, column].item())


@pytest.fixture(scope="module")
def default_runs() -> dict[int, tuple[NavPartnershipModel, dict[str, pd.DataFrame]]]:
    out = {}
    for s in SEEDS:
        model = run(s)
        out[s] = (model, model.recorder.tables())
    return out


@pytest.fixture(scope="module")
def single_employer_runs() -> dict[int, pd.DataFrame]:
    return {
        s: run(s, team_model=TeamModel.single_employer).recorder.tables()["model"] for s in SEEDS
    }


@pytest.fixture(scope="module")
def harmonised_runs() -> dict[int, pd.DataFrame]:
    return {s: run(s, harmonised_terms=True).recorder.tables()["model"] for s in SEEDS}


@pytest.fixture(scope="module")
def norway_builds() -> dict[int, pd.DataFrame]:
    """Per office at build time: population, staff, municipal staff share."""
    out = {}
    for s in SEEDS:
        m = NavPartnershipModel(ModelConfig(region=NORWAY), rng=s)
        staff = np.bincount(m.staff_office, minlength=m.n_offices)
        municipal = np.bincount(
            m.staff_office, weights=m.staff_post == Employer.MUNICIPAL, minlength=m.n_offices
        )
        out[s] = pd.DataFrame(
            {
                "population": m.office_population,
                "staff": staff,
                "municipal_share": municipal / np.maximum(staff, 1),
            }
        )
    return out


# ----------------------------------------------------------------- partnership (003)


def test_perceived_state_dominance_falls_over_time(default_runs):
    """003 §8 fact 2: perceived state dominance falls (≈75% in 2011 -> 44-61% in 2019).
    Pattern: region's perceived_state_dominance at month 60 < month 0, every seed.
    Calibrated: the relaxation targets (partnership.dominance_steering) lie below the
    initial 61%/44% and partnership.dominance_consensus_step was set for this fact."""
    for s, (_, t) in default_runs.items():
        mod = t["model"]
        d0, d60 = (
            at(mod, 0, "perceived_state_dominance"),
            at(mod, MONTHS, "perceived_state_dominance"),
        )
        assert d60 < d0, (s, d0, d60)


def test_cross_work_rises_under_mixed_teams(default_runs):
    """003 §8 fact 9: the share working equally across the employers' task areas rose
    from 11% to 24% over four years (2015-19). Pattern: cross_work_share at month 48 >
    month 0 under the default mixed teams, every seed. Calibrated
    (staff.cross_work_drift was fitted to 11% -> 24%)."""
    for s, (_, t) in default_runs.items():
        mod = t["model"]
        c0, c48 = at(mod, 0, "cross_work_share"), at(mod, 48, "cross_work_share")
        assert c48 > c0, (s, c0, c48)


def test_cross_work_does_not_rise_under_single_employer_teams(single_employer_runs):
    """003 §8 fact 9 (counterfactual): the rise comes with mixed teams (003 §6.3). With
    governance.team_model=single_employer, cross_work_share at month 48 is not above
    month 0, every seed. Imposed: single-employer teams drift back to the 2015 task
    shares (the mechanism's input)."""
    for s, mod in single_employer_runs.items():
        c0, c48 = at(mod, 0, "cross_work_share"), at(mod, 48, "cross_work_share")
        assert c48 <= c0, (s, c0, c48)


def test_cross_work_is_asymmetric(default_runs):
    """003 §8 fact 10: municipal staff do state tasks more than the reverse (18% vs 5%).
    Pattern: at month 60, the share of municipal staff working mainly on state tasks
    (task share > 0.5) exceeds the share of state staff working mainly on municipal
    tasks (task share < 0.5), every seed. Imposed in intent
    (staff.mixed_task_share_municipal and _state are the settled shares; 003 §6.3)."""
    for s, (m, _) in default_runs.items():
        municipal = m.staff_post == Employer.MUNICIPAL
        mun_on_state = float((m.staff_task_state[municipal] > 0.5).mean())
        state_on_mun = float((m.staff_task_state[~municipal] < 0.5).mean())
        assert mun_on_state > state_on_mun, (s, round(mun_on_state, 3), round(state_on_mun, 3))


def test_harmonised_terms_reduce_moves_to_state_posts(default_runs, harmonised_runs):
    """003 §8 fact 21: pay gaps cause municipal staff to move to state posts (C11).
    Pattern: moves_to_state summed over months 1..60 is lower with
    governance.harmonised_terms=True than False, paired by seed. Imposed (the
    mechanism's direction is an input; its size, staff.move_to_state_rate, an assumption)."""
    for s, (_, t) in default_runs.items():
        base = t["model"]
        base_moves = base.loc[base["month"] > 0, "moves_to_state"].sum()
        h = harmonised_runs[s]
        harm_moves = h.loc[h["month"] > 0, "moves_to_state"].sum()
        assert harm_moves < base_moves, (s, base_moves, harm_moves)


def test_trust_is_high_everywhere(default_runs):
    """003 §8 fact 19: trust is high everywhere but used unevenly. Pattern: in every
    seed, trust_owners > 0.5 in at least 90% of offices on average over the months,
    and in at least 80% in every month. (The earlier bound, 90% in every month, fails
    by chance in 3-7% of seeds, measured over 60 seeds before and after the
    performance work, i.e. in a quarter of 5-seed runs.) Imposed at the start
    (partnership.trust_init from this fact); that it stays high through meetings,
    conflicts and relaxation is the model's dynamics."""
    for s, (_, t) in default_runs.items():
        off = t["offices"]
        share = (off["trust_owners"] > 0.5).groupby(off["month"]).mean()
        assert share.mean() >= 0.9, (s, share.mean())
        assert share.min() >= 0.8, (s, share.idxmin(), share.min())


def test_radmann_informed_ordforer_distant(default_runs):
    """003 §8 fact 6: the rådmann is informed, the ordfører distant. Pattern: in the
    actors table, the rådmann's mean attention and perceived influence exceed the
    ordfører's, every seed. Imposed (partnership.radmann_attention >
    ordforer_attention); influence follows from attention and dominance."""
    for s, (_, t) in default_runs.items():
        a = t["actors"]
        a = a[a["month"] > 0].groupby("role")[["attention", "perceived_influence"]].mean()
        for col in ("attention", "perceived_influence"):
            assert a.loc["radmann", col] > a.loc["ordforer", col], (s, col, a[col].to_dict())


# ----------------------------------------------------------------- expert group (ch5_9)


def test_formal_conflict_between_owners_is_rare(default_runs):
    """ch5_9 §8 fact 22: formal conflict between the owners is rare (the dispute board
    has handled three cases). Pattern: meetings ending in conflict, summed over months
    1..60, are fewer than a fifth of those ending in consensus, every seed. Calibrated
    (partnership.conflict_intercept, from ch5_9 §3.1)."""
    for s, (_, t) in default_runs.items():
        mod = t["model"]
        mod = mod[mod["month"] > 0]
        conflict, consensus = mod["meetings_conflict"].sum(), mod["meetings_consensus"].sum()
        assert consensus > 0, s
        assert conflict < 0.2 * consensus, (s, conflict, consensus)


def test_office_sizes_are_highly_skewed(norway_builds):
    """ch5_9 §8 fact 1: office sizes run from 0.6 to 180 årsverk. Pattern (national
    build): staff per office max/median > 10 and mean > median. Imposed (municipal
    populations are data; staff.size_exponent calibrated, max_office_staff an input)."""
    for s, df in norway_builds.items():
        staff = df["staff"]
        assert staff.max() / staff.median() > 10, (s, staff.max(), staff.median())
        assert staff.mean() > staff.median(), (s, staff.mean(), staff.median())


def test_small_offices_are_relatively_better_staffed(norway_builds):
    """ch5_9 §8 fact 16: small offices are "relativt sett bedre bemannet". Pattern
    (national build): Spearman(office population, staff per 1,000 inhabitants) < 0.
    Imposed (staff.size_exponent < 1 and the minimum staffing guarantee)."""
    for s, df in norway_builds.items():
        per_1000 = df["staff"] / df["population"] * 1000
        rho = spearmanr(df["population"], per_1000).statistic
        assert rho < 0, (s, rho)


def test_municipal_share_of_staff_higher_in_largest_offices(norway_builds):
    """ch5_9 §8 fact 4: the municipal side dominates in the biggest cities, the state
    in somewhat smaller offices. Pattern (national build): mean municipal staff share
    of the largest fifth of offices (by population) > that of the smallest fifth.
    Imposed (staff.municipal_share_small / _large)."""
    for s, df in norway_builds.items():
        lo, hi = df["population"].quantile([0.2, 0.8])
        large = df.loc[df["population"] >= hi, "municipal_share"].mean()
        small = df.loc[df["population"] <= lo, "municipal_share"].mean()
        assert large > small, (s, large, small)


# ----------------------------------------------------------------- cooperation (coop)


@pytest.fixture(scope="module")
def vestland_offices():
    """Vestland (about 50 offices), 60 months, seeds 0..4: the offices tables."""
    cfg_region = RegionConfig(name="vestland", counties=["46"])
    out = {}
    for s in SEEDS:
        m = NavPartnershipModel(ModelConfig(region=cfg_region, months=60), rng=s)
        m.run()
        out[s] = m.recorder.tables()["offices"]
    return out


def test_external_cooperation_falls_with_caseload(vestland_offices):
    """coop §8 fact 4: veiledere with small caseloads report the most external
    cooperation; the decline with caseload is weak and not strictly monotone. Pattern:
    across offices, Spearman(mean caseload n_users/n_staff, mean external_cooperation)
    < 0 over months 1..60 in Vestland (enough offices for a rank correlation), every
    seed. Emergent across offices (the per-contact
    caseload factor, cooperation.caseload_sensitivity, is imposed, but office rankings
    also depend on ties, gates and unit barriers)."""
    for s, o in vestland_offices.items():
        o = o[o["month"] > 0].assign(caseload=lambda d: d["n_users"] / d["n_staff"])
        g = o.groupby("office_id")[["caseload", "external_cooperation"]].mean()
        rho = spearmanr(g["caseload"], g["external_cooperation"]).statistic
        assert rho < 0, (s, round(rho, 3))
