"""The state owner: Nav fylke's county director, one against many partnerships."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


class CountyDirector(mesa.Agent):
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

    def attention_per_partnership(self, scale: float) -> float:
        """Attention the director can give each partnership, in [0, 1].

        Shrinks with the number of partnerships owned (003 §2.2: one actor against many).

        Args:
            scale: Number of partnerships at which attention has halved.

        Returns:
            Attention per partnership.
        """
        return 1.0 / (1.0 + len(self.offices) / scale)

    def judge_results(self, results_ratio: float, acceptable: float) -> bool:
        """Decide whether the state line detail-steers an office (003 C5).

        Args:
            results_ratio: The office's exit rate relative to its county's.
            acceptable: The ratio below which results are not acceptable.

        Returns:
            True if the director steers the office in detail this period.
        """
        return results_ratio < acceptable
