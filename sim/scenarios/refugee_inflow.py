"""A refugee wave: settlements rise and fall, cases for the refugee service (003 §5.3).

003 §5.3 (L5069-5073, L6875-6879); coop §1; ch1_4 §8 fact 16.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.scenarios.base import Scenario, ScenarioPlan
from sim.submodels import inflow
from sim.vocabulary import NeedGroup, ScenarioKind, ServiceKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


def settle_refugees(model: NavPartnershipModel, per_1000: float) -> None:
    """Refugees settled this month come to the office with cases for the refugee service.

    They arrive as social-assistance users (ch1_4 §8 fact 16: the SA population
    shifts towards immigrants) whose cases need the refugee service (coop §1).

    Args:
        model: The model.
        per_1000: Expected settlements per 1,000 inhabitants this month.
    """
    pr = model.pairs
    counts = np.zeros((len(pr.office), len(NeedGroup)), dtype=np.int64)
    counts[:, NeedGroup.SOCIAL_ASSISTANCE] = model.rng.poisson(pr.pop / 1000 * per_1000)
    inflow.create_users(model, counts, forced_unit=ServiceKind.REFUGEE)


class RefugeeInflow(Scenario):
    """``refugee_inflow``: ``refugees_per_1000`` settled over ``refugee_months``."""

    kind = ScenarioKind.refugee_inflow

    @classmethod
    def schedule(cls, model: NavPartnershipModel, plan: ScenarioPlan) -> None:
        """Settlements rise and fall over ``refugee_months`` (the 2015 wave and its decline)."""
        sc, m0 = model.cfg.scenario, plan.month
        t = np.arange(sc.refugee_months)
        profile = np.sin(np.pi * (t + 0.5) / sc.refugee_months)
        profile = profile / profile.sum()
        for k, share in enumerate(profile):
            rate = sc.refugees_per_1000 * share
            model.schedule(m0 + k, lambda r=rate: settle_refugees(model, r))
