"""What both owners share: judging the office's results (003 C5)."""

from __future__ import annotations

from sim.decisions import Actor, Decision


class Owner(Actor):
    """Mixin for the two owners, the municipality and the county director."""

    def judge_results(self, results_ratio: float, acceptable: float, office: int) -> bool:
        """Decide whether to detail-steer the office this quarter (003 C5).

        The rule: owners leave the office alone while its results are acceptable.

        Args:
            results_ratio: The office's exit rate relative to its county's.
            acceptable: The ratio below which results are not acceptable.
            office: The office judged.

        Returns:
            True if the owner steers the office in detail.
        """
        proposal = results_ratio < acceptable
        if not self.overridden:
            return proposal
        return bool(
            self.decide(Decision.DETAIL_STEER, proposal, office=office, ratio=results_ratio)
        )
