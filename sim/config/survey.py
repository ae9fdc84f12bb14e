"""The survey layer's response model (``sim.survey``): how a respondent answers.

Declared once for every survey and item: a respondent's latent view is the model
state plus a normal respondent noise, and the five-point answer is the bin of the
latent between four thresholds (1 below the first, 5 above the fourth). "Agree" is
4 or 5, "mainly state" 4 or 5, "both equally" 3. No report gives these numbers: all
are assumptions with ranges for sensitivity designs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import param

SCALE_SOURCE = "assumption: a five-point answer read as five equal bins of the [0,1] state"


@dataclass
class SurveyParams:
    """The response model of every survey instrument (``sim.survey``)."""

    respondent_noise: float = param(
        0.15,
        lo=0.01,
        hi=1,
        unit="sd of a respondent's latent view around the model state, [0,1] scale",
        source="assumption: respondents in the same state answer differently; no report gives it",
        sweep=(0.05, 0.3),
    )
    threshold_1: float = param(
        0.2, lo=0, hi=1, unit="[0,1] latent, answer 1|2", source=SCALE_SOURCE, sweep=(0.1, 0.3)
    )
    threshold_2: float = param(
        0.4, lo=0, hi=1, unit="[0,1] latent, answer 2|3", source=SCALE_SOURCE, sweep=(0.3, 0.5)
    )
    threshold_3: float = param(
        0.6, lo=0, hi=1, unit="[0,1] latent, answer 3|4", source=SCALE_SOURCE, sweep=(0.5, 0.7)
    )
    threshold_4: float = param(
        0.8, lo=0, hi=1, unit="[0,1] latent, answer 4|5", source=SCALE_SOURCE, sweep=(0.7, 0.9)
    )

    @property
    def thresholds(self) -> tuple[float, float, float, float]:
        """The four thresholds, in order."""
        return (self.threshold_1, self.threshold_2, self.threshold_3, self.threshold_4)
