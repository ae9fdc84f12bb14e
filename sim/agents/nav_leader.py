"""The Nav leader: one per office, or two under the two-leader model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from sim.decisions import Actor
from sim.vocabulary import Employer

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


class NavLeader(Actor, mesa.Agent):
    """A Nav leader (DESIGN §2; 003 §2.2: a "nøkkelrolle" on all levels).

    Attributes:
        office: Office index.
        employer: State or municipality.
        activity: Propensity to set the agenda and develop, in [0, 1] (003 C2).
        social_work: Social-work or municipal background (003 C6).
    """

    def __init__(
        self,
        model: NavPartnershipModel,
        office: int,
        employer: Employer,
        activity: float,
        social_work: bool,
    ) -> None:
        """Create the leader.

        Args:
            model: The model.
            office: Office index.
            employer: Employer.
            activity: Agenda-setting propensity.
            social_work: Whether the leader has a social-work background.
        """
        super().__init__(model)
        self.office = office
        self.employer = employer
        self.activity = activity
        self.social_work = social_work

    def agenda_strength(self, dev_capacity: float, bonus: float, offset: float) -> float:
        """How strongly the leader sets the partnership's agenda, in [0, 1] (003 C2, C6).

        Args:
            dev_capacity: Share of the leader's hours left for development.
            bonus: Activity bonus of a social-work background.
            offset: Agenda strength of a leader with no development hours left.

        Returns:
            Agenda strength.
        """
        return self.propensity(bonus) * min(1.0, offset + dev_capacity)

    def propensity(self, bonus: float) -> float:
        """Agenda-setting propensity: activity plus the social-work bonus (003 C6), at most 1.

        Args:
            bonus: Activity bonus of a social-work background.

        Returns:
            The propensity in [0, 1].
        """
        return min(1.0, self.activity + (bonus if self.social_work else 0.0))

    def choose_areas(self, states: np.ndarray, levels: np.ndarray, k: int) -> np.ndarray:
        """Pick the development areas to work on: the weakest of the office and service levels.

        Args:
            states: State of the 20 areas of the office.
            levels: Level mask of the 20 areas the leader works on (003 §7).
            k: Number of areas.

        Returns:
            Indices of the chosen areas.
        """
        candidates = np.flatnonzero(levels)
        order = np.argsort(states[candidates], kind="stable")
        return candidates[order[:k]]
