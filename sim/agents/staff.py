"""Staff: veiledere and specialists, employed by the state or the municipality."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.agents.roles import Employer

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


class Staff(mesa.Agent):
    """One member of staff in one post (slot) of an office (DESIGN §2).

    Hot state (satisfaction, task share, ties, tenure) sits in the model's staff
    arrays at row ``slot``; the agent is the person: when someone leaves, a new Staff
    agent takes the slot, with fresh ties (coop M12, M13).

    Attributes:
        slot: Row in the model's staff arrays.
        employer: Employer of the person.
    """

    def __init__(self, model: NavPartnershipModel, slot: int, employer: Employer) -> None:
        """Create the person.

        Args:
            model: The model.
            slot: Row in the staff arrays.
            employer: State or municipality.
        """
        super().__init__(model)
        self.slot = slot
        self.employer = employer

    @property
    def satisfaction(self) -> float:
        """Current job satisfaction in [0, 1]."""
        return float(self.model.staff_satisfaction[self.slot])

    @property
    def task_share_state(self) -> float:
        """Share of follow-up time on state tasks."""
        return float(self.model.staff_task_state[self.slot])

    def move_to(self, slot: int, employer: Employer) -> None:
        """Take another post, keeping one's ties and history (003 C11: to state posts).

        Args:
            slot: The new post's row.
            employer: The new employer.
        """
        self.slot = slot
        self.employer = employer
