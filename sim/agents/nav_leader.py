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

    def agenda_strength(
        self, dev_capacity: float, bonus: float, offset: float, owners: float
    ) -> float:
        """How strongly the leader sets the partnership's agenda, in [0, 1] (003 C2, C6).

        The share of the agenda the leader sets (``agenda_share``), carried as far as
        its development hours allow: share x min(1, ``offset`` + capacity).

        Args:
            dev_capacity: Share of the leader's hours left for development.
            bonus: Activity bonus of a social-work background.
            offset: Agenda strength of a leader with no development hours left.
            owners: What the owners know of the office and attend to (``owners_grasp``).

        Returns:
            Agenda strength.
        """
        return self.agenda_share(bonus, owners) * min(1.0, offset + dev_capacity)

    def agenda_share(self, bonus: float, owners: float) -> float:
        """The share of the partnership's agenda this leader sets (003 §8 facts 5, 6).

        The leader writes the invitation and the agenda (003 §3, L11813-11817) and puts
        on it what it knows of the office's results and needs: all of it (it runs the
        office), raised as actively as its propensity (C2, C6). The owners put on it
        what they know of the office and attend to (``owners``, in [0, 1]: 1 if they
        knew it as the leader does). The leader's share is its part of the two:
        propensity / (propensity + owners).

        Args:
            bonus: Activity bonus of a social-work background.
            owners: What the owners know of the office and attend to, [0, 1].

        Returns:
            The share in [0, 1] (0 when neither side brings anything).
        """
        drive = self.propensity(bonus)
        return drive / (drive + owners) if drive + owners > 0 else 0.0

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
