"""The vectorised user population: waiting times, exit shares per need group, records.

Agder (the default region), months=60, default burn-in, seeds 0..4. Waits are
collected over the recorded months 1..60 only (not the burn-in), so the starting
stock's initial ``waited = 0`` does not shape them.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.config import ModelConfig
from sim.model import NavPartnershipModel
from sim.vocabulary import NeedGroup

SEEDS = range(5)
MONTHS = 60


def run_collecting_waits(seed: int) -> dict:
    """Run a model and collect, each recorded month, the waits and need groups of the
    users who started follow-up that month (``model.flows.started_waits``/``started_groups``).
    """
    model = NavPartnershipModel(ModelConfig(months=MONTHS), rng=seed)
    waits: list[np.ndarray] = []
    groups: list[np.ndarray] = []
    while model.month < 0:
        model.step()
    while model.month < MONTHS:
        model.step()
        waits.append(model.flows.started_waits.copy())
        groups.append(model.flows.started_groups.copy())
    return {
        "model": model,
        "waits": np.concatenate(waits).astype(float),
        "groups": np.concatenate(groups),
        "months_collected": len(waits),
    }


@pytest.fixture(scope="module")
def runs() -> dict[int, dict]:
    return {s: run_collecting_waits(s) for s in SEEDS}


# ----------------------------------------------------------------- (a) waiting times


def test_waits_collected_over_every_recorded_month(runs):
    for s, r in runs.items():
        assert r["months_collected"] == MONTHS, s
        assert len(r["waits"]) > 1000, s


def test_waits_are_right_skewed(runs):
    """ch1_4 §7 fact 5 (and ch5_9 fact 12): decision to first measure, mean 217 vs
    median 155 days; youth activity plan, mean 104 vs median <=40 days. Pattern: mean >
    median of the pooled waits of users starting follow-up, in every seed. Emergent from
    the monthly start hazard and the group mix (no wait distribution is an input)."""
    for s, r in runs.items():
        w = r["waits"]
        assert w.mean() > np.median(w), (s, w.mean(), np.median(w))


def test_reduced_capacity_users_wait_longer_than_jobseekers(runs):
    """ch1_4 §2.7 (the 217-day wait is for RCW users) and M22: people with reduced work
    capacity wait longest for a first measure. Imposed in direction by
    ``users.start_rate_weight_reduced_capacity`` < 1; asserted on mean and median."""
    for s, r in runs.items():
        w, g = r["waits"], r["groups"]
        rcw, js = w[g == NeedGroup.REDUCED_CAPACITY], w[g == NeedGroup.JOBSEEKER]
        assert len(rcw) > 100 and len(js) > 100, s
        assert rcw.mean() > js.mean(), (s, rcw.mean(), js.mean())
        assert np.median(rcw) >= np.median(js), (s, np.median(rcw), np.median(js))


def test_reduced_capacity_waits_are_right_skewed(runs):
    """The skew holds inside the group the 217/155-day figure is about (ch1_4 §2.7)."""
    for s, r in runs.items():
        w = r["waits"][r["groups"] == NeedGroup.REDUCED_CAPACITY]
        assert w.mean() > np.median(w), (s, w.mean(), np.median(w))


# ----------------------------------------------------------------- (b) exit shares

# Share of exits (work + education + other) that go to work, per need group, from
# ``model.exit_counts`` (cumulative over burn-in and the 60 recorded months).
# Calibration targets, domain/001_expert_group_ch1_4.md §2, and the tolerance:
# - JOBSEEKER (§2.3): "hovedtyngden … i arbeid innen 6 mnd., de aller fleste uten
#   vesentlig individuell bistand". "Hovedtyngden" is a majority, not a number: the
#   band is 0.55-0.85 — above one half with a margin, and below 0.85 because some
#   registrants leave for education or other benefits (the report gives no share).
# - REDUCED_CAPACITY (§2.7; §7 fact 6): "40 pst. … gikk til jobb", stable over years.
#   Band 40% +-8 pp = 0.32-0.48: the figure is one administrative statistic of
#   leavers, with definitional uncertainty (who "sluttet å melde seg") of that order.
# - SOCIAL_ASSISTANCE (§2.8): KVP completers 33-38% into work *including subsidised
#   work*; SA recipients outside KVP likely lower. Band 0.28-0.45: the reported range
#   widened by 5-7 pp each side for the SA/KVP mix the model's group pools.
# - SITUATIONAL (§2.4): no share given; between jobseekers and RCW users by
#   assumption, band 0.40-0.70.
# Calibrated (exit_work_* and exit_other_* are fitted to these targets), so these
# tests guard the calibration; the ordering below follows from it.
EXIT_TO_WORK_BANDS = {
    NeedGroup.JOBSEEKER: (0.55, 0.85),
    NeedGroup.SITUATIONAL: (0.40, 0.70),
    NeedGroup.REDUCED_CAPACITY: (0.32, 0.48),
    NeedGroup.SOCIAL_ASSISTANCE: (0.28, 0.45),
}


def work_shares(model: NavPartnershipModel) -> np.ndarray:
    counts = model.exit_counts.astype(float)
    assert counts.shape == (len(NeedGroup), 3)
    assert (counts.sum(axis=1) > 0).all()
    return counts[:, 0] / counts.sum(axis=1)


@pytest.mark.parametrize("group", list(EXIT_TO_WORK_BANDS), ids=lambda g: g.name.lower())
def test_exit_to_work_share_within_calibrated_band(runs, group):
    lo, hi = EXIT_TO_WORK_BANDS[group]
    shares = [work_shares(runs[s]["model"])[group] for s in SEEDS]
    assert all(lo <= x <= hi for x in shares), (group.name, (lo, hi), np.round(shares, 3))


def test_exit_to_work_ordering_across_groups(runs):
    """jobseeker > situational > reduced capacity, in every seed (ch1_4 §2.3, §2.4, §2.7)."""
    for s in SEEDS:
        sh = work_shares(runs[s]["model"])
        js, sit = sh[NeedGroup.JOBSEEKER], sh[NeedGroup.SITUATIONAL]
        rcw = sh[NeedGroup.REDUCED_CAPACITY]
        assert js > sit > rcw, (s, np.round(sh, 3))


# ----------------------------------------------------------------- (c) individual records


def test_users_are_individual_records_matching_office_counts(runs):
    for s, r in runs.items():
        model = r["model"]
        offices = model.recorder.tables()["offices"]
        last = offices[offices["month"] == offices["month"].max()]
        assert last["month"].iloc[0] == MONTHS
        assert len(model.users) == int(last["n_users"].sum()), s
        # one record per user: every field has one entry per user
        for name in ("office", "muni", "group", "status", "waited", "months"):
            assert len(getattr(model.users, name)) == len(model.users), (s, name)
        per_office = np.bincount(model.users.office, minlength=model.n_offices)
        assert per_office.tolist() == last["n_users"].tolist(), s


def test_reduced_capacity_mean_wait_near_217_days(runs):
    """ch1_4 §2.7 (L5107-5111): decision to first measure, mean 217 days (7.1 months).
    Calibrated (users.start_rate_weight_reduced_capacity); tolerance ±2 months, since
    the model's wait runs from registration to start of follow-up, a wider event than
    the report's vedtak to first measure."""
    for s, r in runs.items():
        w = r["waits"][r["groups"] == NeedGroup.REDUCED_CAPACITY]
        assert 5.1 < w.mean() < 9.1, (s, w.mean())
