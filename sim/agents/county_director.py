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

    def attention(self, scale: float, reference: float, divided: bool = True) -> float:
        """The attention the director gives each of its partnerships, in [0, 1].

        Divided among its partnerships (``attention_per_partnership``); undivided
        (``divide_director_attention`` off), every director gives what one with
        ``reference`` partnerships gives.

        Args:
            scale: Number of partnerships at which attention has halved.
            reference: Partnerships of the reference director.
            divided: Whether attention is divided among the partnerships owned.

        Returns:
            Attention per partnership.
        """
        if divided:
            return self.attention_per_partnership(scale)
        return 1.0 / (1.0 + reference / scale)

    def presence(
        self, scale: float, reference: float, elasticity: float, divided: bool = True
    ) -> float:
        """The director's presence in a partnership relative to the reference director.

        (attention / reference attention) ** elasticity: it scales how much the
        director notices of an office's results and how much a meeting moves its trust.

        Args:
            scale: Number of partnerships at which attention has halved.
            reference: Partnerships of the reference director.
            elasticity: Elasticity of presence to attention (0: no effect).
            divided: Whether attention is divided among the partnerships owned.

        Returns:
            Relative presence, 1 for the reference director.
        """
        relative = self.attention(scale, reference, divided) * (1.0 + reference / scale)
        return relative**elasticity
