"""The municipal owner: rådmann (administrative) and ordfører (political)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.agents.owner import Owner
from sim.decisions import Decision
from sim.vocabulary import MINIMUM_PORTFOLIO

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


class Municipality(Owner, mesa.Agent):
    """A municipality and its two owner roles (DESIGN §2; 003 §2.2).

    The owners' states (attention, trust, satisfaction, influence, perceived
    dominance) are rows ``index`` of ``model.munis`` (``MunicipalityState``). Its
    rådmann and council decide through ``decide`` (``sim.decisions``): attend
    meetings, detail-steer, sign a leader agreement or joint plan, the cost key of
    a host office, a shared target group, and the council's vote on joining a host
    office or merger.

    Attributes:
        index: Row of this municipality in the model's municipal arrays.
        municipality_id: Four-character kommunenummer.
        name: Name of the municipality.
        county_id: Two-character county id.
        population: Inhabitants on 1 January 2025.
        extras: Extra services placed in the Nav office (its portfolio beyond the minimum).
        merged_into: Id of the municipality it merged into (None while it exists).
    """

    def __init__(
        self,
        model: NavPartnershipModel,
        index: int,
        municipality_id: str,
        name: str,
        county_id: str,
        population: int,
        extras: tuple[str, ...],
    ) -> None:
        """Create the municipality.

        Args:
            model: The model.
            index: Row in the municipal arrays.
            municipality_id: Kommunenummer.
            name: Name.
            county_id: County id.
            population: Inhabitants.
            extras: Extra services in the office.
        """
        super().__init__(model)
        self.index = index
        self.municipality_id = municipality_id
        self.name = name
        self.county_id = county_id
        self.population = population
        self.extras = extras
        self.merged_into: str | None = None  # the successor's id after a merger

    def vote(self, scenario: str, members: list[str]) -> bool:
        """The council's vote on joining a host office or merger (the rule: yes).

        Args:
            scenario: The scenario kind proposed.
            members: Municipality ids of the proposed office, host first.

        Returns:
            True to join.
        """
        if not self.overridden:
            return True
        return bool(self.decide(Decision.VOTE, True, scenario=scenario, members=members))

    @property
    def decision_key(self) -> int:
        """The kommunenummer: the same stream whatever the region."""
        return int(self.municipality_id)

    @property
    def portfolio_size(self) -> int:
        """Number of municipal services in the office: the minimum five plus extras."""
        return MINIMUM_PORTFOLIO + len(self.extras)
