"""A channel strategy: reduced opening hours and digital channels (003 §5.3, C25).

003 §5.3 (L7909-7954); C25 (L5421-5430).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenarios.base import Scenario, ScenarioPlan
from sim.vocabulary import ScenarioKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


def adopt_channel_strategy(model: NavPartnershipModel) -> None:
    """Reduced opening hours and digital channels (003 §5.3, C25).

    Front-desk hours are freed for follow-up; resource-strong users take more of
    the follow-up capacity through digital channels (``strong_weight``); resource-
    weak users, the complex cases, find it harder to get started.
    """
    sc, inputs = model.cfg.scenario, model.inputs
    inputs.reception_share = model.cfg.staff.reception_share * (1 - sc.reception_cut)
    inputs.strong_weight = 1 + sc.digital_load
    inputs.weak_access = 1 - sc.access_penalty


class ChannelStrategy(Scenario):
    """``channel_strategy``: ``reception_cut``, ``digital_load``, ``access_penalty``."""

    kind = ScenarioKind.channel_strategy

    @classmethod
    def schedule(cls, model: NavPartnershipModel, plan: ScenarioPlan) -> None:
        """The strategy starts in phase 7 of ``scenario.month``."""
        model.schedule(plan.month, lambda: adopt_channel_strategy(model))
