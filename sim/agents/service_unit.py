"""Service units around the office: municipal services, specialist health, employers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.regions import ServiceKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


class ServiceUnit(mesa.Agent):
    """A service unit of one kind in one municipality (DESIGN §2).

    Its goals differ from Nav's (treatment vs work, coop M14): the barrier to
    cooperation with it is a parameter per kind. Placed in the office's portfolio,
    the unit shares the office's organisation and cooperation comes easier (003 C19).

    Attributes:
        kind: The ServiceKind.
        municipality: Index of its municipality.
        in_portfolio: True if the service is placed in the Nav office.
    """

    def __init__(
        self, model: NavPartnershipModel, kind: ServiceKind, municipality: int, in_portfolio: bool
    ) -> None:
        """Create the unit.

        Args:
            model: The model.
            kind: Kind of service.
            municipality: Municipality index.
            in_portfolio: Whether the service sits in the office.
        """
        super().__init__(model)
        self.kind = kind
        self.municipality = municipality
        self.in_portfolio = in_portfolio

    def barrier(self, health: float, other: float, in_portfolio_factor: float) -> float:
        """How readily the unit cooperates on a case, as a factor in [0, ~1.3].

        Args:
            health: Barrier factor of health and specialist health (coop §8 fact 12).
            other: Barrier factor of other units (coop M14).
            in_portfolio_factor: Gain when the service is placed in the office (003 C19).

        Returns:
            The cooperation factor.
        """
        if self.kind == ServiceKind.EMPLOYERS:
            return 1.0
        base = health if self.kind in (ServiceKind.HEALTH, ServiceKind.SPECIALIST_HEALTH) else other
        return base * (in_portfolio_factor if self.in_portfolio else 1.0)
