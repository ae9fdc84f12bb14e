"""What both owners share: judging the office's results (003 C5)."""

from __future__ import annotations

from sim.decisions import Actor, Decision


class Owner(Actor):
    """Mixin for the two owners, the municipality and the county director."""

    def judge_results(
        self, shortfall: float, threshold: float, office: int, weight: float = 1.0
    ) -> bool:
        """Decide whether to detail-steer the office this quarter (003 C5).

        The rule: owners leave the office alone while its results are acceptable, or
        fall short by no more than chance explains: they steer when the shortfall, as
        this owner reads it (``weight`` x ``shortfall``), is beyond ``threshold``
        standard errors.

        Args:
            shortfall: The office's exits to work against acceptable results, in
                standard errors (``offices.results_z``; negative: short).
            threshold: Standard errors of shortfall that chance is not taken to explain.
            office: The office judged.
            weight: How heavily this owner reads the shortfall: a rådmann paying more
                than its county's level reads it heavier, a county director with its
                attention spread over many partnerships lighter.

        Returns:
            True if the owner steers the office in detail.
        """
        proposal = bool(weight * shortfall < -threshold)
        if not self.overridden:
            return proposal
        ratio = float(self.model.offices.results_ratio[office])
        return bool(
            self.decide(
                Decision.DETAIL_STEER, proposal, office=office, ratio=ratio, shortfall=shortfall
            )
        )
