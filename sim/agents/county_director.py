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
        focus: Offices the director focuses its attention on (``Decision.ATTENTION``;
            empty: its attention is divided equally, the model's rule).
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
        self.focus: frozenset[int] = frozenset()

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

    def attention(
        self,
        scale: float,
        reference: float,
        divided: bool = True,
        office: int | None = None,
        shift: float = 0.0,
    ) -> float:
        """The attention the director gives a partnership, in [0, 1].

        Divided equally among its partnerships (``attention_per_partnership``);
        undivided (``divide_director_attention`` off), every director gives what one
        with ``reference`` partnerships gives. A director that focuses on some of its
        partnerships (``focus``) moves attention to them: see ``focused``.

        Args:
            scale: Number of partnerships at which attention has halved.
            reference: Partnerships of the reference director.
            divided: Whether attention is divided among the partnerships owned.
            office: The partnership (office index); None: the equal share.
            shift: Share of each other partnership's attention a focus moves
                (``economics.cd_focus_shift``).

        Returns:
            Attention to the partnership.
        """
        equal = (
            self.attention_per_partnership(scale) if divided else 1.0 / (1.0 + reference / scale)
        )
        if office is None or not self.focus:
            return equal
        return self.focused(equal, office, shift)

    def focused(self, equal: float, office: int, shift: float) -> float:
        """The attention to ``office`` when the director focuses on ``focus``.

        The director's total attention is conserved: each partnership outside the focus
        gives up at most ``shift`` of its equal share, and the attention freed is shared
        equally by the focused partnerships, none beyond full attention (1). With k of n
        partnerships focused, a focused one gets ``equal + g`` with
        g = min(shift · equal · (n − k) / k, 1 − equal), the others ``equal − g k / (n − k)``.
        Focusing on none or on all of them is the equal division.

        Args:
            equal: The equal share (``attention`` without a focus).
            office: The partnership.
            shift: Share of each other partnership's attention moved, in [0, 1].

        Returns:
            Attention to the partnership, in [0, 1].
        """
        k = len(self.focus.intersection(self.offices))
        n = len(self.offices)
        if k in (0, n):
            return equal
        gain = min(shift * equal * (n - k) / k, 1.0 - equal)
        return equal + gain if office in self.focus else equal - gain * k / (n - k)

    def presence(
        self,
        scale: float,
        reference: float,
        elasticity: float,
        divided: bool = True,
        office: int | None = None,
        shift: float = 0.0,
    ) -> float:
        """The director's presence in a partnership relative to the reference director.

        (attention / reference attention) ** elasticity: it scales how much the
        director notices of an office's results and how much a meeting moves its trust.

        Args:
            scale: Number of partnerships at which attention has halved.
            reference: Partnerships of the reference director.
            elasticity: Elasticity of presence to attention (0: no effect).
            divided: Whether attention is divided among the partnerships owned.
            office: The partnership (office index); None: the equal share.
            shift: Share of each other partnership's attention a focus moves.

        Returns:
            Relative presence, 1 for the reference director.
        """
        attention = self.attention(scale, reference, divided, office, shift)
        relative = attention * (1.0 + reference / scale)
        return relative**elasticity
