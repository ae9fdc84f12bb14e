"""The county director's attention as a decision (``Decision.ATTENTION``, 003 §2.2
"modellmakt"): the model's rule is today's equal division, bit for bit; a focus moves
attention to the focused partnerships and conserves the director's total."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim import ModelConfig, NavPartnershipModel
from sim.decisions import DECIDERS, Decision, Scripted
from sim.submodels.owner_views import owners_grasp
from sim.submodels.steering import director_attention, director_presence

SMALL = {"months": 12, "burn_in": 3}


class Following:
    """A decider that is not the model's rule but answers with its proposal (and logs)."""

    def __init__(self) -> None:
        self.log: list = []

    def decide(self, actor, decision, proposal, context):
        if decision == Decision.ATTENTION:
            self.log.append((decision, proposal, context["offices"]))
        return proposal


def equal_shares(model: NavPartnershipModel) -> np.ndarray:
    """Today's rule written out: 1 / (1 + n / scale) for a director of n partnerships."""
    scale = model.cfg.partnership.cd_attention_scale
    return np.array([1.0 / (1.0 + len(cd.offices) / scale) for cd in model.offices.director])


def director_rows(model: NavPartnershipModel) -> pd.DataFrame:
    actors = model.recorder.tables()["actors"]
    return actors[actors.role == "county_director"]


def test_attention_is_the_county_directors_decision():
    assert DECIDERS[Decision.ATTENTION] == "CountyDirector"


def test_the_model_rule_reproduces_the_equal_division_exactly():
    model = NavPartnershipModel(ModelConfig(**SMALL), rng=2)
    model.step()
    assert np.array_equal(director_attention(model), equal_shares(model))
    ref = model.cfg.economics.cd_reference_partnerships
    scale = model.cfg.partnership.cd_attention_scale
    assert np.array_equal(director_presence(model), equal_shares(model) * (1.0 + ref / scale))


def test_directors_asked_and_following_the_rule_give_the_same_tables_bit_for_bit():
    default = NavPartnershipModel(ModelConfig(**SMALL), rng=2)
    default.run()
    asked = NavPartnershipModel(ModelConfig(**SMALL), rng=2)
    deciders = {cd: Following() for cd in asked.county_directors.values()}
    for cd, d in deciders.items():
        cd.decider = d
    asked.run()
    months = asked.cfg.months + asked.cfg.burn_in
    for cd, d in deciders.items():
        assert len(d.log) == months  # asked once a month
        assert all(dec == Decision.ATTENTION and prop == () for dec, prop, _ in d.log)
        assert d.log[-1][2] == tuple(cd.offices)
    for name, table in default.recorder.tables().items():
        pd.testing.assert_frame_equal(table, asked.recorder.tables()[name], check_exact=True)


@pytest.fixture(scope="module")
def focused_run():
    """One director focuses on its first two partnerships from month 1; the default run."""
    runs = {}
    for focus in (False, True):
        model = NavPartnershipModel(ModelConfig(**SMALL), rng=2)
        cd = max(model.county_directors.values(), key=lambda c: len(c.offices))
        if focus:
            cd.decider = Scripted(attention=lambda actor, proposal, ctx: ctx["offices"][:2])
        model.run()
        runs[focus] = (model, cd)
    return runs


def test_a_focus_moves_attention_to_the_focused_offices_and_keeps_the_total(focused_run):
    model, cd = focused_run[True]
    base, _ = focused_run[False]
    ids = np.array(model.offices.ids, dtype=object)
    mine = ids[cd.offices]
    focus = set(ids[sorted(cd.focus)])
    assert len(focus) == 2 and len(mine) > 2
    rows, rule = director_rows(model), director_rows(base)
    last = rows[(rows.month == rows.month.max()) & rows.office_id.isin(mine)]
    then = rule[(rule.month == rule.month.max()) & rule.office_id.isin(mine)]
    equal = then.attention.iloc[0]
    assert np.allclose(then.attention, equal)  # the model's rule: equal shares
    up = last[last.office_id.isin(focus)].attention
    down = last[~last.office_id.isin(focus)].attention
    assert (up > equal).all() and (down < equal).all()
    assert ((last.attention >= 0) & (last.attention <= 1)).all()
    assert last.attention.sum() == pytest.approx(then.attention.sum(), rel=1e-12)
    # the rule: the others give up cd_focus_shift of their share, the focused ones no more
    # than full attention (here 2 of 13 offices: the cap binds, the focused get 1)
    shift, n, k = model.cfg.economics.cd_focus_shift, len(mine), 2
    gain = min(shift * equal * (n - k) / k, 1 - equal)
    assert np.allclose(up, equal + gain) and np.allclose(down, equal - gain * k / (n - k))
    # the other directors' offices keep their equal shares
    others = ~rows.office_id.isin(mine) & (rows.month == rows.month.max())
    assert np.allclose(
        rows[others].attention.to_numpy(),
        rule[~rule.office_id.isin(mine) & (rule.month == rule.month.max())].attention.to_numpy(),
    )


def test_a_focus_reaches_what_the_owners_bring_to_the_agenda(focused_run):
    """The director's part of the owners' grasp (``owners_grasp``) is its focused attention."""
    model, cd = focused_run[True]
    with_focus = owners_grasp(model)
    focus, cd.focus = cd.focus, frozenset()
    rule = owners_grasp(model)
    cd.focus = focus
    mine = np.zeros(model.n_offices, dtype=bool)
    mine[cd.offices] = True
    focused = np.isin(np.arange(model.n_offices), sorted(focus))
    assert (with_focus[focused] > rule[focused]).all()
    assert (with_focus[mine & ~focused] < rule[mine & ~focused]).all()
    assert np.array_equal(with_focus[~mine], rule[~mine])


def test_focused_attention_is_capped_at_full_attention_and_conserved():
    model = NavPartnershipModel(ModelConfig(**SMALL), rng=2)
    cd = max(model.county_directors.values(), key=lambda c: len(c.offices))
    n = len(cd.offices)
    cd.focus = frozenset(cd.offices[:1])
    p, e = model.cfg.partnership, model.cfg.economics
    att = [cd.attention(p.cd_attention_scale, 16.0, True, o, 1.0) for o in cd.offices]
    equal = cd.attention(p.cd_attention_scale, 16.0, True)
    assert att[0] == pytest.approx(1.0)  # one focus, all of the others' shift: capped at 1
    assert sum(att) == pytest.approx(n * equal, rel=1e-12)
    assert min(att[1:]) > 0
    cd.focus = frozenset(cd.offices)  # focusing on all of them is the equal division
    assert cd.attention(p.cd_attention_scale, 16.0, True, cd.offices[0], 1.0) == equal
    assert e.cd_focus_shift == 0.5


def test_a_focus_outside_the_directors_offices_is_ignored():
    model = NavPartnershipModel(ModelConfig(**SMALL), rng=2)
    cd = max(model.county_directors.values(), key=lambda c: len(c.offices))
    foreign = model.n_offices  # no office of this director (the region has one county)
    cd.decider = Scripted(attention=[foreign])
    model.step()
    assert cd.focus == frozenset()
    assert np.array_equal(director_attention(model), equal_shares(model))
