"""The decision interface: the per-actor path equals the vectorised rule; a scripted
decider for one actor changes that actor's outcomes."""

from __future__ import annotations

import pandas as pd
import pytest

from sim import ModelConfig, NavPartnershipModel
from sim.decisions import MODEL_RULE, Decision, Scripted

SMALL = {"months": 24, "burn_in": 6}


class Recording:
    """A decider that follows the model's rule but answers per actor, and logs."""

    def __init__(self, log: list) -> None:
        self.log = log

    def decide(self, actor, decision, proposal, context):
        value = proposal.tolist() if hasattr(proposal, "tolist") else proposal
        self.log.append((actor.unique_id, str(decision), context.get("month"), value))
        return proposal


def run(deciders=None, seed: int = 3) -> NavPartnershipModel:
    model = NavPartnershipModel(ModelConfig(**SMALL), rng=seed)
    for actor, decider in (deciders or (lambda m: {}))(model).items():
        actor.decider = decider
    model.run()
    return model


def test_every_actor_deciding_one_by_one_gives_the_vectorised_rule():
    """All municipalities and leaders through ``decide``: the same tables, bit for bit."""
    log: list = []
    default = run()
    each = run(lambda m: {a: Recording(log) for a in [*m.municipalities, *m.leaders]})
    kinds = {d for _, d, _, _ in log}
    assert {"attend", "agenda", "areas", "detail_steer", "joint_plan"} <= kinds
    for name, table in default.recorder.tables().items():
        pd.testing.assert_frame_equal(table, each.recorder.tables()[name], check_exact=True)


def test_a_radmann_who_never_attends_loses_trust_the_others_attend_as_before():
    default = run()
    model = NavPartnershipModel(ModelConfig(**SMALL), rng=3)
    script = Scripted(attend=False)
    model.municipalities[0].decider = script
    model.run()
    assert script.log and all(v is False for d, v in script.log if d == Decision.ATTEND)
    mun = model.recorder.tables()["municipalities"]
    base = default.recorder.tables()["municipalities"]
    mid = model.municipalities[0].municipality_id
    later = mun.month > 6
    mine = mun[later & (mun.municipality_id == mid)].radmann_trust.mean()
    theirs = base[later & (base.municipality_id == mid)].radmann_trust.mean()
    assert mine < theirs - 0.05  # trust is built in the meetings it no longer attends
    attended = default.munis.rad_attended[0], model.munis.rad_attended[0]
    assert attended[1] == 0 < attended[0]
    # the others' attendance decisions are the rule's: each attends as in the default run
    assert ((model.munis.rad_attended[1:] > 0) == (default.munis.rad_attended[1:] > 0)).all()
    assert (model.munis.rad_attended[1:] > 0).any()
    assert all(m.decider is MODEL_RULE for m in model.municipalities[1:])


def test_scripted_decisions_are_checked():
    with pytest.raises(ValueError):
        Scripted(atend=False)
    model = NavPartnershipModel(ModelConfig(**SMALL), rng=3)
    model.leaders[0].decider = Scripted(areas=lambda actor, proposal, ctx: proposal[:1])
    with pytest.raises(ValueError, match="areas"):
        model.run()


def test_each_actor_draws_from_its_own_stream_keyed_by_who_it_is():
    """Decision streams are spawned from the run's seed by the actor's identity and
    consume nothing of the model's stream."""
    a = NavPartnershipModel(ModelConfig(**SMALL), rng=3)
    b = NavPartnershipModel(ModelConfig(**SMALL), rng=3)
    state = a.rng.bit_generator.state
    first = [m.decision_rng.random() for m in a.municipalities]
    assert a.rng.bit_generator.state == state  # the model's stream is untouched
    assert len(set(first)) == len(first)  # every actor its own stream
    # the same actor, the same stream, whatever the other actors drew before it
    for m in reversed(b.municipalities):
        assert m.decision_rng.random() == first[m.index]
    c = NavPartnershipModel(ModelConfig(**SMALL), rng=4)
    assert c.municipalities[0].decision_rng.random() != first[0]


def test_a_scripted_actor_leaves_every_other_actors_decisions_as_they_were():
    """Until the scripted rådmann's absence changes a meeting, every other actor decides
    the same values as in the run without it; its own trust then moves."""

    def logged(scripted: bool) -> tuple[NavPartnershipModel, list]:
        log: list = []
        model = NavPartnershipModel(ModelConfig(**SMALL), rng=3)
        for actor in [*model.municipalities, *model.leaders]:
            actor.decider = Recording(log)
        if scripted:
            model.municipalities[0].decider = Scripted(attend=False)
        model.run()
        return model, log

    (base, base_log), (mine, mine_log) = logged(False), logged(True)
    me = base.municipalities[0].unique_id
    absent = sorted({month for uid, d, month, v in base_log if uid == me and d == "attend"})
    assert absent, "the rådmann never had a meeting to miss"
    first = absent[0]  # the first meeting the scripted rådmann misses

    def others(log):
        return [e for e in log if e[0] != me and e[2] is not None and e[2] <= first]

    assert others(mine_log) == others(base_log) and others(base_log)
    assert mine.munis.rad_trust[0] != base.munis.rad_trust[0]


def test_a_council_that_votes_no_stays_outside_the_host_office():
    """``Decision.VOTE``: a member voting no keeps its own office; the others join."""
    from sim.config import ScenarioConfig

    def run_host(no: str | None) -> NavPartnershipModel:
        cfg = ModelConfig(
            months=8,
            burn_in=2,
            structure="2019",  # the Lister municipalities' own offices, before Nav Lister
            scenario=ScenarioConfig(
                name=["host_office"], month=4, host="4227", members=["4206", "4207"]
            ),
        )
        model = NavPartnershipModel(cfg, rng=3)
        if no is not None:
            muni = next(m for m in model.municipalities if m.municipality_id == no)
            muni.decider = Scripted(vote=False)
        model.run()
        return model

    def served_by_host(model) -> set[str]:
        (lineage,) = [model.recorder.tables()["offices_lineage"]]
        mun = model.recorder.tables()["municipalities"]
        last = mun[mun.month == mun.month.max()]
        new = set(lineage.office_id)
        return set(last[last.office_id.isin(new)].municipality_id)

    assert served_by_host(run_host(None)) == {"4227", "4206", "4207"}
    assert served_by_host(run_host("4207")) == {"4227", "4206"}
    assert served_by_host(run_host("4227")) == set()  # the host said no: no office
