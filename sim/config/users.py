"""User flows: inflow, hazards, waiting and cost (DESIGN §2b; ch1_4 §2)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.declare import param
from sim.vocabulary import NEED_GROUP_KEYS


@dataclass
class UserParams:
    """User flows: inflow, hazards, waiting and cost (DESIGN §2b; ch1_4 §2)."""

    inflow_jobseeker: float = param(
        4.1,
        hi=100,
        lo=0,
        unit="per 1,000 inhabitants per month",
        source="ch1_4 §2.3: 270,000 registrations a year / 5.55 m inhabitants",
    )
    inflow_situational: float = param(
        0.7,
        hi=100,
        lo=0,
        unit="per 1,000 inhabitants per month",
        source="ch1_4 §2.4: 31,000 stock / spells of about 8 months (assumption) / 5.55 m",
    )
    inflow_reduced_capacity: float = param(
        0.9,
        hi=100,
        lo=0,
        unit="per 1,000 inhabitants per month",
        source="ch1_4 §2.7: ~120,000 needing work-oriented help, stays of ~2 years",
    )
    inflow_social_assistance: float = param(
        1.2,
        hi=100,
        lo=0,
        unit="per 1,000 inhabitants per month",
        source="ch1_4 §2.8: 120,775 recipients a year, 38% long-term",
    )
    exit_work_jobseeker: float = param(
        0.176,
        lo=0,
        hi=1,
        unit="per month",
        source="calibrated: ch1_4 §2.3, the 77,000 stock at 270,000 registrations a year "
        "(total_jobseekers), with exit_other_jobseeker; most exit within 6 months",
    )
    exit_work_situational: float = param(
        0.075, lo=0, hi=1, unit="per month", source="calibrated: ch1_4 §2.4"
    )
    exit_work_reduced_capacity: float = param(
        0.017, lo=0, hi=1, unit="per month", source="calibrated: ch1_4 §2.7, ~40% exit to work"
    )
    exit_work_social_assistance: float = param(
        0.028, lo=0, hi=1, unit="per month", source="calibrated: ch1_4 §2.8, KVP 33-38%"
    )
    exit_other_jobseeker: float = param(
        0.064,
        lo=0,
        hi=1,
        unit="per month",
        source="calibrated: ch1_4 §2.3, as exit_work_jobseeker (the work share kept)",
    )
    exit_other_situational: float = param(
        0.05, lo=0, hi=1, unit="per month", source="calibrated: ch1_4 §2.4"
    )
    exit_other_reduced_capacity: float = param(
        0.024, lo=0, hi=1, unit="per month", source="calibrated: ch1_4 §2.7"
    )
    exit_other_social_assistance: float = param(
        0.065, lo=0, hi=1, unit="per month", source="calibrated: ch1_4 §2.8"
    )
    education_share_of_other: float = param(
        0.25, lo=0, hi=1, unit="share", source="ch1_4 §2.6: 54% work or education"
    )
    start_rate: float = param(
        0.45,
        lo=0,
        hi=1,
        unit="per month",
        source="calibrated: ch5_9 §5, 217 days mean to first measure",
    )
    start_rate_weight_reduced_capacity: float = param(
        0.2,
        lo=0,
        hi=1,
        unit="factor",
        source="calibrated: ch1_4 §2.7 (L5107-5111), RCW users wait 217 days on average",
    )
    waiting_work_factor: float = param(
        0.6, lo=0, hi=1, unit="factor", source="assumption: no follow-up while waiting"
    )
    followup_elasticity: float = param(
        0.35, lo=0, hi=2, unit="elasticity", source="ch1_4 §6 M1/M5 (direction); size assumption"
    )
    followup_ref_hours: float = param(
        1.2,
        hi=100,
        lo=0.01,
        unit="hours per weighted user per month",
        source="ch1_4 §3: 7.5 h/yr per RCW user; calibrated",
    )
    weight_jobseeker: float = param(
        0.3, hi=20, lo=0, unit="weight", source="ch1_4 §2.3: little individual help needed"
    )
    weight_situational: float = param(1.0, hi=20, lo=0, unit="weight", source="assumption")
    weight_reduced_capacity: float = param(
        1.0, hi=20, lo=0, unit="weight", source="ch1_4 §3: the 7.5 h/yr anchor"
    )
    weight_social_assistance: float = param(
        1.5, hi=20, lo=0, unit="weight", source="ch1_4 §3: social-work follow-up is intensive"
    )
    complex_share_jobseeker: float = param(0.03, lo=0, hi=1, unit="share", source="assumption")
    complex_share_situational: float = param(0.2, lo=0, hi=1, unit="share", source="assumption")
    complex_share_reduced_capacity: float = param(
        0.55, lo=0, hi=1, unit="share", source="ch5_9 §5: 2/3 psychiatric or MSK diagnoses"
    )
    complex_share_social_assistance: float = param(
        0.6, lo=0, hi=1, unit="share", source="coop §1: rus, mental health, refugees"
    )
    cooperation_effect: float = param(
        0.5, lo=0, hi=3, unit="relative hazard gain", source="003 C7 (direction); size assumption"
    )
    no_cooperation_penalty: float = param(
        0.35,
        lo=0,
        hi=1,
        unit="relative hazard loss",
        source="coop 004:L150-151 (direction); assumption",
    )
    duration_dependence: float = param(
        0.15,
        lo=0,
        hi=2,
        unit="per year in system",
        source="ch1_4 §6 M19 (direction); size assumption",
    )
    mix_density_gradient: float = param(
        0.25,
        lo=0,
        hi=2,
        unit="log inflow per sd of log density",
        source="assumption: SA in cities, health-related benefits in the periphery",
    )
    labour_market_sensitivity: float = param(
        0.06, lo=0, hi=1, unit="per sd of log density", source="assumption (ch1_4 §5 M28 direction)"
    )
    sa_monthly_cost: float = param(
        9718.0,
        hi=200000,
        lo=0,
        unit="NOK per recipient per month",
        source="calibrated: SSB økonomisk sosialhjelp 2019 (ssb.no/soshjelpk): 9,718 NOK a month, "
        "NOK 6.98 bn gross to 129,894 recipients (the calibration year; ch1_4 §2.8 "
        "L5514-5516 gives 8,345 NOK and 5.12 bn for 2013)",
        sweep=(8345.0, 11000.0),
    )
    sa_share_jobseeker: float = param(
        0.0,
        lo=0,
        hi=1,
        unit="share on SA besides the SA need group",
        source="calibrated: the SA need group's inflow counts all recipients (ch1_4 §2.8) "
        "and its stock matches SSB 2019's ~60,000 a month; a share here counts "
        "recipients twice (0.15 gave 84,000 a month, NOK 8.5 bn at 2013 prices)",
        sweep=(0.0, 0.15),
    )
    sa_share_situational: float = param(
        0.0,
        lo=0,
        hi=1,
        unit="share on SA besides the SA need group",
        source="calibrated: as sa_share_jobseeker (ch1_4 §2.4 'trolig stor andel' SA is "
        "carried by the SA need group)",
        sweep=(0.0, 0.35),
    )
    need_health: float = param(
        0.25,
        lo=0,
        hi=1,
        unit="share of complex cases",
        source="coop §1 (health interface); assumption",
    )
    need_mental_health: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="share of complex cases",
        source="ch5_9 §5: 2/3 psychiatric or MSK diagnoses; coop §1",
    )
    need_child_welfare: float = param(
        0.05, lo=0, hi=1, unit="share of complex cases", source="assumption (coop §4)"
    )
    need_housing: float = param(
        0.15,
        lo=0,
        hi=1,
        unit="share of complex cases",
        source="assumption (ch5_9 §6: housing routines)",
    )
    need_refugee: float = param(
        0.08,
        lo=0,
        hi=1,
        unit="share of complex cases",
        source="coop §1: refugees one of three groups",
    )
    need_education: float = param(
        0.07,
        lo=0,
        hi=1,
        unit="share of complex cases",
        source="coop §8 fact 13: youth between systems",
    )
    need_specialist_health: float = param(
        0.1, lo=0, hi=1, unit="share of complex cases", source="coop §4 (DPS); assumption"
    )
    initial_active_share: float = param(
        0.7,
        lo=0,
        hi=1,
        unit="share of the starting stock",
        source="ch1_4 §2.7: ~20% waiting for measures",
    )
    initial_months_max: int = param(
        24,
        lo=1,
        hi=240,
        unit="months (the starting stock's time in the system is uniform below this)",
        source="assumption: most users leave within two years (ch1_4 §6 M19)",
        sweep=(12, 36),
    )
    waiting_load_weight: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="follow-up weight of a waiting user",
        source="assumption: assessment work",
    )
    quality_effect: float = param(
        0.2,
        lo=0,
        hi=1,
        unit="hazard span of area 12",
        source="003 §7 area 12 (service quality); assumption",
    )

    def by_group(self, prefix: str) -> np.ndarray:
        """The per-need-group parameters ``<prefix>_<group>`` in NeedGroup order.

        Args:
            prefix: E.g. "inflow", "exit_work", "weight".

        Returns:
            Values for jobseeker, situational, reduced capacity, social assistance.
        """
        return np.array([getattr(self, f"{prefix}_{g}") for g in NEED_GROUP_KEYS])
