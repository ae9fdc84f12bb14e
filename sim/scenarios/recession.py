"""A recession: jobseeker inflow up, exits to work down, then recovery (assumption).

Assumption (ch1_4 §2.3, §6 M28 direction).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenarios.base import Scenario, ScenarioPlan
from sim.vocabulary import NeedGroup, ScenarioKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


def set_labour_market(model: NavPartnershipModel, inflow_factor: float, demand: float) -> None:
    """A recession: jobseeker inflow up, exits to work down, region-wide.

    Args:
        model: The model.
        inflow_factor: Multiplier of the jobseeker inflow.
        demand: Multiplier of the exit-to-work hazard.
    """
    model.inputs.inflow_factor[NeedGroup.JOBSEEKER] = inflow_factor
    model.inputs.regional_demand = demand


class Recession(Scenario):
    """``recession``: ``recession_inflow`` and ``recession_demand_drop`` for a while."""

    kind = ScenarioKind.recession

    @classmethod
    def schedule(cls, model: NavPartnershipModel, plan: ScenarioPlan) -> None:
        """Full depth for ``recession_months``, then a linear recovery over as many months."""
        sc, m0 = model.cfg.scenario, plan.month
        n = sc.recession_months
        for t in range(2 * n + 1):
            depth = 1.0 if t < n else max(0.0, 1 - (t - n + 1) / n)
            model.schedule(
                m0 + t,
                lambda d=depth: set_labour_market(
                    model, 1 + sc.recession_inflow * d, 1 - sc.recession_demand_drop * d
                ),
            )
