"""The state owner: Nav fylke's county director, one against many partnerships."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.agents.owner import Owner

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


class CountyDirector(Owner, mesa.Agent):
    """One county director per county; owns many partnerships (003 §2.2 "modellmakt").

    Attributes:
        county_id: Two-character county id.
        offices: Office indices this director owns.
    """

    def __init__(self, model: NavPartnershipModel, county_id: str) -> None:
        """Create the director.

        Args:
            model: The model.
            county_id: County id.
        """
        super().__init__(model)
        self.county_id = county_id
        self.offices: list[int] = []

    @property
    def decision_key(self) -> int:
        """The county id."""
        return int(self.county_id)

    def attention_per_partnership(self, scale: float) -> float:
        """Attention the director can give each partnership, in [0, 1].

        Shrinks with the number of partnerships owned (003 §2.2: one actor against many).

        Args:
            scale: Number of partnerships at which attention has halved.

        Returns:
            Attention per partnership.
        """
        return 1.0 / (1.0 + len(self.offices) / scale)
