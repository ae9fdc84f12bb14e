"""Issue 20: the reorganisation load built from steps, and ties held per municipality.

The load grows with what a change involves (councils, members, offices), its
preparation starts ``reorganisation_lead_months`` before the event (never before the
burn-in), the fading implementation does the work it is given, and ties held per
(office, municipality) pair leave offices that serve one municipality exactly as they
were (003 §5.1, §5.2; coop M9, M13).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim import ModelConfig, NavPartnershipModel
from sim.config import ScenarioConfig
from sim.submodels import reorganisation

# Lyngdal hosts, then Åseral, Kvinesdal, Hægebostad, Sirdal (test_knockouts' Lister)
LISTER = ["4225", "4224", "4227", "4226", "4228"]


@pytest.fixture(scope="module")
def municipal_agder() -> NavPartnershipModel:
    """Agder with one office per municipality, at the start."""
    return NavPartnershipModel(ModelConfig(months=1, burn_in=0, structure="municipal"), rng=1)


def test_load_grows_with_the_councils_and_members(municipal_agder):
    model = municipal_agder
    index = {mu.municipality_id: mu.index for mu in model.municipalities}
    works = [
        reorganisation.plan_work(model, [index[m] for m in LISTER[:k]], merger=False)
        for k in range(2, len(LISTER) + 1)
    ]
    assert [w.counts["councils"] for w in works] == [2, 3, 4, 5]
    assert [w.counts["agreements"] for w in works] == [2, 3, 4, 5]
    assert [w.counts["offices_closed"] for w in works] == [1, 2, 3, 4]
    for small, large in zip(works, works[1:], strict=False):
        assert large.preparation > small.preparation
        assert large.implementation > small.implementation
    # a merger of the same municipalities sets no cost key and writes one agreement
    merger = reorganisation.plan_work(model, [index[m] for m in LISTER], merger=True)
    assert merger.counts["cost_keys"] == 0 and merger.counts["agreements"] == 1
    assert merger.preparation + merger.implementation < (
        works[-1].preparation + works[-1].implementation
    )


@pytest.mark.parametrize("work", [0.5, 3.0, 9.5, 20.0, 37.8])
def test_the_fading_implementation_does_its_work(municipal_agder, work):
    """Read month by month as the model reads it, the load adds up to ``work``."""
    p = municipal_agder.cfg.partnership
    intensity, months = reorganisation.implementation_load(p, work)
    assert 0 < intensity <= 1 and months >= p.reorganisation_months
    load, left, read = intensity, months, 0.0
    while left > 0:  # as fade_reorganisation: read in the month, then fade
        read += load
        load -= load / left
        left -= 1
    exact = 2 * work <= p.reorganisation_months + 1
    assert read == pytest.approx(work) if exact else work - 1e-9 <= read <= work + 0.5


def host_office_run(event: int, lead: int, burn_in: int, steps: bool = True) -> pd.DataFrame:
    """Offices table of a Lister host office formed at ``event``."""
    cfg = ModelConfig(months=event + 2, burn_in=burn_in, structure="municipal")
    cfg.scenario = ScenarioConfig(
        name=["host_office"], month=event, host=LISTER[0], members=LISTER[1:]
    )
    cfg.partnership.reorganisation_lead_months = lead
    cfg.mechanisms.build_load_from_steps = steps
    model = NavPartnershipModel(cfg, rng=2)
    model.run()
    return model.recorder.tables()["offices"]


def predecessor_load(offices: pd.DataFrame) -> pd.Series:
    """Mean reorganisation load of the five Lister offices per month before the event."""
    mine = offices[offices.office_id.str.contains("|".join(LISTER))]
    mine = mine[~mine.office_id.str.startswith("host-")]
    assert mine.groupby("month").size().eq(len(LISTER)).all()
    return mine.groupby("month").reorganisation_load.mean()


def test_preparation_starts_lead_months_before_the_event():
    event, lead = 10, 4
    load = predecessor_load(host_office_run(event, lead, burn_in=3))
    assert (load.loc[: event - lead - 1] == 0).all()
    assert (load.loc[event - lead : event - 1] > 0).all()
    assert load.loc[event - lead : event - 1].nunique() == 1  # an even load until the event
    # knocked out: nothing before the event
    old = predecessor_load(host_office_run(event, lead, burn_in=3, steps=False))
    assert (old == 0).all()


def test_preparation_reaches_back_at_most_to_the_start_of_the_burn_in():
    load = predecessor_load(host_office_run(6, lead=40, burn_in=3))
    assert (load > 0).all()  # recorded months 0..5, the decision in month -2


def test_one_municipality_offices_ties_are_unchanged_by_the_pair_ties():
    """On structure=municipal every pair is an office: the same tables, to the bit."""

    def tables(per_municipality: bool) -> dict[str, pd.DataFrame]:
        cfg = ModelConfig(months=12, burn_in=6, structure="municipal")
        cfg.mechanisms.hold_ties_per_municipality = per_municipality
        model = NavPartnershipModel(cfg, rng=3)
        model.run()
        return model.recorder.tables()

    on, off = tables(True), tables(False)
    assert set(on) == set(off)
    for name in on:
        pd.testing.assert_frame_equal(on[name], off[name], check_exact=True)
    assert np.isfinite(on["model"].cooperation_quality).all()
