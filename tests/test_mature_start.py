"""Offices that exist at the start are mature: no transition, settled trust (issue 18, part 3).

Over the first 24 months, the non-host rådmenn's mean trust (the lower of their trust in
the partnership and in its leader, what a transition waits for) in host offices that exist
at the start moves less than a tenth of what it moves in a host office formed at month 1
(10 seeds, Møre og Romsdal: shared offices on both maps, Agder has none in 2019).
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.config import ModelConfig, RegionConfig
from sim.model import NavPartnershipModel
from sim.scenarios import check_config

SEEDS = range(10)
MONTHS = 24


def _non_hosts(model: NavPartnershipModel, offices: np.ndarray) -> np.ndarray:
    pr, of = model.pairs, model.offices
    return np.array(
        sorted({int(m) for o in offices for m in pr.muni[pr.office == o] if m != of.host[o]}),
        dtype=np.int64,
    )


def transition_trust(model: NavPartnershipModel, munis: np.ndarray) -> np.ndarray:
    """The trust a transition waits for: the lower of the rådmann's trust in the
    partnership and in its leader (``owner_views.update_host_transition``)."""
    mu = model.munis
    return np.minimum(mu.rad_trust[munis], mu.rad_trust_leader[munis])


def _trust_moves(structure: str, seed: int) -> tuple[float, float]:
    """|Change| of the non-host rådmenn's mean transition trust, months 1-25: existing, fresh."""
    cfg = ModelConfig(months=MONTHS + 1, burn_in=24)
    cfg.structure = structure
    cfg.region = RegionConfig(name="more_og_romsdal", counties=["15"])
    cfg.scenario.name = ["host_office"]
    cfg.scenario.month = 1
    model = NavPartnershipModel(cfg, rng=np.random.default_rng(seed))
    plan = check_config(cfg)
    fresh_ids = set(next(iter(plan.offices.values()))[0][1])
    while model.month < 1:
        model.step()
    of = model.offices
    index = {m.municipality_id: m.index for m in model.municipalities}
    fresh_munis = {index[m] for m in fresh_ids}
    shared = np.flatnonzero(of.n_munis > 1)
    old = [o for o in shared if not set(model.pairs.muni[model.pairs.office == o]) & fresh_munis]
    new = [o for o in shared if set(model.pairs.muni[model.pairs.office == o]) <= fresh_munis]
    assert len(old) > 0 and len(new) == 1
    old_m, new_m = _non_hosts(model, np.array(old)), _non_hosts(model, np.array(new))
    assert not of.in_transition[old].any() and of.in_transition[new].all()
    before_old, before_new = transition_trust(model, old_m), transition_trust(model, new_m)
    while model.month < MONTHS + 1:
        model.step()
    moved_old = abs(float(transition_trust(model, old_m).mean() - before_old.mean()))
    moved_new = abs(float(transition_trust(model, new_m).mean() - before_new.mean()))
    return moved_old, moved_new


@pytest.mark.parametrize("structure", ["present", "2019"])
def test_existing_host_offices_show_no_transition(structure):
    moves = np.array([_trust_moves(structure, s) for s in SEEDS])
    old, new = moves.mean(axis=0)
    # The fresh office's non-host trust starts where their former partnerships left it
    # and their trust in the leader at the no-contact level (issue 22: no imposed dip),
    # so it moves by what the transition does to it: 0.048 (present) and 0.052 (2019)
    # over these seeds (means); before, an imposed dip to host_trust_init = 0.35 made it
    # move more, and the guard was 0.05.
    assert new > 0.025, f"a fresh host office's trust should move: moved {new:.3f}"
    assert old < new / 10, f"{structure}: existing offices moved {old:.4f}, fresh {new:.4f}"


def test_offices_at_the_start_are_not_in_transition():
    cfg = ModelConfig(months=0, burn_in=0)
    model = NavPartnershipModel(cfg, rng=np.random.default_rng(1))
    assert (model.offices.n_munis > 1).any()
    assert not model.offices.in_transition.any()
    shared = model.offices.n_munis[model.muni_main_office()] > 1
    # a running arrangement's cost key: each shared office's shares sum to one
    shares = np.bincount(
        model.muni_main_office()[shared], weights=model.munis.host_cost_share[shared]
    )
    assert np.allclose(shares[shares > 0], 1.0)
