"""Owners' economics (issue 20): social assistance at the reported national scale,
results judged against the office's users with chance allowed for, few offices steered.

The national figures are SSB's for 2019, the calibration year (the model starts in
2019-01): NOK 6,983,773,000 gross social assistance paid, 9,718 NOK per recipient per
month, "i underkant av 60 000" recipients a month (ssb.no/soshjelpk, 2019; domain/001
ch1-4 §2.8 gives 5.12 bn and 8,345 NOK for 2013).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize

from sim.config import ModelConfig, RegionConfig
from sim.model import NavPartnershipModel
from sim.submodels import steering
from sim.vocabulary import Benefit, NeedGroup

SA_PAID_2019 = 6_983_773_000.0  # NOK, SSB 2019
SA_RECIPIENTS_PER_MONTH_2019 = 59_900  # 6.98 bn / 9,718 NOK / 12 ("i underkant av 60 000")
TOLERANCE = 0.25  # the issue: within 25% of the reported gross figure
MAX_STEERED = 0.10  # the issue: at most 10% of offices detail-steered at any time


@pytest.fixture(scope="module")
def national():
    """All of Norway on today's map: 24 months of burn-in, 36 recorded months."""
    cfg = ModelConfig(
        region=RegionConfig(name="norway", counties=["all"]), structure="present", months=36
    )
    model = NavPartnershipModel(cfg, rng=1)
    model.run()
    return model, model.recorder.tables()


def test_national_social_assistance_paid_is_at_the_reported_scale(national):
    model, tables = national
    munis = tables["municipalities"]
    first_year = munis[(munis["month"] >= 1) & (munis["month"] <= 12)]
    paid = first_year["social_assistance_cost"].sum()  # the municipalities pay it
    assert abs(paid / SA_PAID_2019 - 1) <= TOLERANCE, paid / 1e9
    offices = tables["offices"]
    assert offices.loc[offices["month"].between(1, 12), "social_assistance_cost"].sum() == (
        pytest.approx(paid)
    )
    recipients = int((model.users.benefit == Benefit.SOCIAL_ASSISTANCE).sum())
    assert abs(recipients / SA_RECIPIENTS_PER_MONTH_2019 - 1) <= TOLERANCE, recipients


def test_few_offices_are_steered_and_not_by_size_alone(national):
    _, tables = national
    offices = tables["offices"]
    calendar = offices["month"] % 12 + 1
    reviews = offices[(offices["month"] > 0) & calendar.isin(steering.REVIEW_MONTHS)]
    share = reviews.groupby("month")["detail_steered"].mean()
    assert share.max() <= MAX_STEERED, share.round(3).tolist()
    assert share.mean() > 0  # the owners still steer some offices
    # how much of who is steered office size explains: McFadden's pseudo-R² of a
    # logistic regression of being steered on log staff (the raw rule's was 0.17)
    y = reviews["detail_steered"].to_numpy(float)
    x = np.column_stack([np.ones(len(y)), np.log(np.maximum(reviews["n_staff"], 1))])

    def loss(b):
        z = x @ b
        return -(y * z - np.logaddexp(0, z)).sum()

    p = y.mean()
    null = -(y * np.log(p) + (1 - y) * np.log(1 - p)).sum()
    pseudo_r2 = 1 - minimize(loss, np.zeros(2)).fun / null
    assert pseudo_r2 < 0.1, pseudo_r2
    large = reviews["n_staff"] > reviews["n_staff"].median()
    assert reviews.loc[large, "detail_steered"].mean() > 0  # not only small offices


def review_with_rates(model: NavPartnershipModel, heavy: int, adjust: bool) -> None:
    """Fill the review window: every office exits at the same rates by need group (the
    same follow-up), office ``heavy`` has a heavier mix (mostly reduced capacity and
    social assistance); then review."""
    of = model.offices
    rates = np.array([0.25, 0.08, 0.02, 0.03])  # jobseeker, situational, RCW, SA
    light = np.array([400, 100, 300, 100])
    mix = np.tile(light, (model.n_offices, 1))
    mix[heavy] = [40, 50, 600, 500]  # exits at the rates are whole numbers
    window = model.cfg.economics.review_window
    of.review_users = np.repeat(mix[:, None, :], window, axis=1).astype(np.int64)
    of.review_exits = np.rint(of.review_users * rates).astype(np.int64)
    model.on.adjust_for_user_mix = adjust
    steering.review_results(model)


@pytest.mark.parametrize("adjust", [True, False])
def test_a_heavier_mix_with_the_same_follow_up_is_not_steered(adjust):
    model = NavPartnershipModel(ModelConfig(structure="municipal", burn_in=0, months=0), rng=1)
    assert len(NeedGroup) == 4
    heavy = 0
    review_with_rates(model, heavy, adjust)
    of = model.offices
    if adjust:  # the office does as well as its users let it: no shortfall, no steering
        assert of.results_ratio[heavy] == pytest.approx(1.0, abs=0.01)
        assert not of.detail_steered.any()
    else:  # read against the county's crude rate, the heavy office looks weak
        assert of.results_ratio[heavy] < model.cfg.partnership.acceptable_results
        assert of.detail_steered[heavy]
        assert of.detail_steered.sum() == 1


def test_a_shortfall_chance_explains_is_not_steered():
    """The same shortfall (about 0.63 of expected): steered in a large office, not in a
    small one, where 3 exits against about 4.7 expected is within chance."""
    model = NavPartnershipModel(ModelConfig(structure="municipal", burn_in=0, months=0), rng=1)
    of, window = model.offices, model.cfg.economics.review_window
    users = np.zeros((model.n_offices, window, len(NeedGroup)), dtype=np.int64)
    users[:, :, NeedGroup.JOBSEEKER] = 1000
    users[0, :, NeedGroup.JOBSEEKER] = 2  # a small office
    users[1, :, NeedGroup.JOBSEEKER] = 2000  # a large one
    exits = np.rint(users * 0.2).astype(np.int64)  # 0.2 exits a month: the county's rate
    exits[0] = 0
    exits[0, :3, NeedGroup.JOBSEEKER] = 1  # 3 exits in the year
    exits[1] = np.rint(exits[1] * 0.63).astype(np.int64)
    of.review_users, of.review_exits = users, exits
    steering.review_results(model)
    acceptable = model.cfg.partnership.acceptable_results
    assert of.results_ratio[0] < acceptable and of.results_ratio[1] < acceptable
    assert not of.detail_steered[0]
    assert of.detail_steered[1]
