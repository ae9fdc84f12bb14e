"""What both owners share: judging the office's results (003 C5)."""

from __future__ import annotations


class Owner:
    """Mixin for the two owners, the municipality and the county director."""

    def judge_results(self, results_ratio: float, acceptable: float) -> bool:
        """Decide whether to detail-steer the office this quarter (003 C5).

        Owners leave the office alone while its results are acceptable.

        Args:
            results_ratio: The office's exit rate relative to its county's.
            acceptable: The ratio below which results are not acceptable.

        Returns:
            True if the owner steers the office in detail.
        """
        return results_ratio < acceptable
