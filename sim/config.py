"""Structured configuration: every parameter of navsim, declared once.

Each field carries its default, the range a sweep may explore, its unit and its
provenance (a section of ``shared/domain``, "calibrated" or "assumption") in the
dataclass field metadata. The experiment layer registers these dataclasses as the
Hydra schema; the model itself only ever sees plain dataclass instances, so a
notebook can build a model without Hydra::

    from sim import ModelConfig, NavPartnershipModel
    model = NavPartnershipModel(ModelConfig(), rng=1)

Domain references: ``003`` = ``domain/003_partnership_report.md``, ``ch1_4`` and
``ch5_9`` = the two expert-group files, ``coop`` = ``domain/000_002_004_cooperation.md``.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np

from sim.vocabulary import (
    NEED_GROUP_KEYS,
    SERVICE_EXTRAS,
    Attendance,
    Budget,
    DutyToCooperate,
    JointPlan,
    LeaderModel,
    LeaderPlacement,
    Measures,
    ScenarioKind,
    Steering,
    TeamModel,
)


class ConfigError(ValueError):
    """A configuration value that cannot be run; the message names the key."""


def param(
    default: Any,
    *,
    lo: float | None = None,
    hi: float | None = None,
    unit: str = "",
    source: str = "assumption",
    sweep: tuple[float, float] | None = None,
) -> Any:
    """Declare a parameter with its bounds, unit, provenance and sweep range.

    Args:
        default: The default value.
        lo: Smallest valid value (validation), or None.
        hi: Largest valid value (validation), or None.
        unit: Unit of the value, e.g. "per month" or "NOK".
        source: Report section the default rests on, "calibrated" or "assumption".
        sweep: Range for sensitivity designs; defaults to a band around the default.

    Returns:
        A dataclass field carrying the metadata.
    """
    if sweep is None and isinstance(default, float) and not isinstance(default, bool):
        a, b = sorted((default * 0.5, default * 1.5))
        sweep = (a if lo is None else max(lo, a), b if hi is None else min(hi, b))
    meta = {"lo": lo, "hi": hi, "unit": unit, "source": source, "sweep": sweep}
    return field(default=default, metadata=meta)


def rule(default: Any, source: str) -> Any:
    """Declare a governance rule with the source of its default (the 2019 situation).

    Args:
        default: The default value.
        source: Report section the default rests on.

    Returns:
        A dataclass field carrying the metadata.
    """
    return field(default=default, metadata={"unit": "rule", "source": source})


# --------------------------------------------------------------------------- groups


@dataclass
class GovernanceConfig:
    """Governance rules (DESIGN §4). Defaults: the 2019 situation of the 003 report."""

    leader_model: LeaderModel = rule(LeaderModel.observed, "ch5_9 §3.4: the Feb 2015 mix")
    leader_agreement: bool = rule(False, "003 §3: lederavtale found in Agder, not general")
    meetings_per_year: int = param(
        2, lo=0, hi=12, unit="per year", source="003 §3 (L4343-4351, L5563): about twice a year"
    )
    all_radmenn_attend: Attendance = rule(Attendance.transition, "003 §5.2 (L3741-3755)")
    joint_plan: JointPlan = rule(JointPlan.none, "003 §6.2: joint plans 'i liten grad'")
    budget: Budget = rule(Budget.separate, "003 §3 (L3736): krone for krone")
    portfolio: Any = rule("observed", "003 §3 (L8395-8409): observed shares of extras")
    team_model: TeamModel = rule(TeamModel.mixed, "003 §6.3: mixed teams rose 2014-2019")
    leader_placement: LeaderPlacement = rule(LeaderPlacement.kommunalsjef, "003 §3 (L4804-4811)")
    harmonised_terms: bool = rule(False, "003 §3 (L4743-4759): pay and terms differ")
    delegated_state_decisions: bool = rule(False, "003 §3 (L4767-4773): some offices only")
    steering: Steering = rule(Steering.activity_indicators, "ch5_9 §3.2: målekort 2015-2019")
    measures: Measures = rule(Measures.bought, "ch5_9 §2.3: the state buys most follow-up")
    common_duty_to_cooperate: DutyToCooperate = rule(
        DutyToCooperate.before_2021, "coop §5: NAV-loven §15a came in 2021"
    )


@dataclass
class RegionConfig:
    """A region: whole counties or a list of municipality ids (DESIGN §5)."""

    name: str = "agder"
    counties: list[Any] = field(default_factory=lambda: ["42"])
    municipalities: list[Any] = field(default_factory=list)
    # explicit office map: office label -> list of municipality ids (first = host)
    offices: dict[str, Any] = field(default_factory=dict)


@dataclass
class UserParams:
    """User flows: inflow, hazards, waiting and cost (DESIGN §2b; ch1_4 §2)."""

    inflow_jobseeker: float = param(
        4.1,
        lo=0,
        unit="per 1,000 inhabitants per month",
        source="ch1_4 §2.3: 270,000 registrations a year / 5.55 m inhabitants",
    )
    inflow_situational: float = param(
        1.0,
        lo=0,
        unit="per 1,000 inhabitants per month",
        source="ch1_4 §2.4: 31,000 stock, spells of about 8 months (assumption)",
    )
    inflow_reduced_capacity: float = param(
        0.9,
        lo=0,
        unit="per 1,000 inhabitants per month",
        source="ch1_4 §2.7: ~120,000 needing work-oriented help, stays of ~2 years",
    )
    inflow_social_assistance: float = param(
        1.2,
        lo=0,
        unit="per 1,000 inhabitants per month",
        source="ch1_4 §2.8: 120,775 recipients a year, 38% long-term",
    )
    exit_work_jobseeker: float = param(
        0.22,
        lo=0,
        hi=1,
        unit="per month",
        source="calibrated: ch1_4 §2.3 most exit within 6 months",
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
        0.08, lo=0, hi=1, unit="per month", source="calibrated: ch1_4 §2.3"
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
        lo=0.01,
        unit="hours per weighted user per month",
        source="ch1_4 §3: 7.5 h/yr per RCW user; calibrated",
    )
    weight_jobseeker: float = param(
        0.3, lo=0, unit="weight", source="ch1_4 §2.3: little individual help needed"
    )
    weight_situational: float = param(1.0, lo=0, unit="weight", source="assumption")
    weight_reduced_capacity: float = param(
        1.0, lo=0, unit="weight", source="ch1_4 §3: the 7.5 h/yr anchor"
    )
    weight_social_assistance: float = param(
        1.5, lo=0, unit="weight", source="ch1_4 §3: social-work follow-up is intensive"
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
        8345.0, lo=0, unit="NOK per recipient per month", source="ch1_4 §2.8 (L5516): 8,345 NOK"
    )
    sa_share_jobseeker: float = param(
        0.15, lo=0, hi=1, unit="share", source="ch1_4 §2.3: 32,000 of 77,000 without benefit"
    )
    sa_share_situational: float = param(
        0.35, lo=0, hi=1, unit="share", source="ch1_4 §2.4: 'trolig stor andel' SA"
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


@dataclass
class StaffParams:
    """Staffing, time budgets and staff dynamics (ch5_9 §2.2, §2.4; 003 §6.3)."""

    staff_per_1000: float = param(
        1.78,
        lo=0,
        unit="årsverk per 1,000 inhabitants",
        source="ch5_9 §2.2: 9,870 årsverk / 5.55 m (2025 population)",
    )
    size_exponent: float = param(
        0.92,
        lo=0.3,
        hi=1.2,
        unit="exponent",
        source="calibrated: ch5_9 table 5.1 office-size bands",
    )
    min_office_staff: float = param(
        2.0, lo=0, unit="årsverk", source="ch5_9 §2.4: minimum guarantee of state staff"
    )
    max_office_staff: float = param(
        180.0, lo=10, unit="årsverk", source="ch5_9 §2.2: largest office 180 årsverk"
    )
    municipal_share_small: float = param(
        0.38, lo=0, hi=1, unit="share", source="ch5_9 §2.2 (L10980-10988): state-heavy small"
    )
    municipal_share_large: float = param(
        0.60, lo=0, hi=1, unit="share", source="ch5_9 §2.2: municipal-heavy big cities"
    )
    municipal_share_per_extra: float = param(
        0.025, lo=0, hi=0.2, unit="share per service", source="ch5_9 §2.2 (L6693-6702)"
    )
    hours_per_month: float = param(
        137.0, lo=1, unit="hours", source="assumption: 1,650 h/yr per årsverk"
    )
    documentation_share: float = param(
        0.30,
        lo=0,
        hi=0.9,
        unit="share of hours",
        source="coop M22; ch1_4 §3 (documentation pressure)",
    )
    indicator_documentation: float = param(
        0.06, lo=0, hi=0.5, unit="share of hours", source="ch5_9 §3.2 (målekort reporting)"
    )
    double_reporting: float = param(
        0.04,
        lo=0,
        hi=0.5,
        unit="share of hours",
        source="003 C12: two steering and reporting lines",
    )
    reception_share: float = param(
        0.18, lo=0, hi=0.9, unit="share of hours", source="assumption (channel strategy, 003 §5.3)"
    )
    employer_share: float = param(
        0.025,
        lo=0,
        hi=0.5,
        unit="share of hours",
        source="ch1_4 §3 / ch5_9 §5: 2-3% of working time",
    )
    in_house_employer_share: float = param(
        0.03,
        lo=0,
        hi=0.5,
        unit="share of hours, paid from measure money",
        source="ch1_4 §6 M6: own follow-up -> employer contact; 003 §3 (L10082-10090): "
        "tiltaksmidler fund internal job specialists",
    )
    cooperation_share: float = param(
        0.04, lo=0, hi=0.5, unit="share of hours", source="assumption (coop §4)"
    )
    reorganisation_share: float = param(
        0.10,
        lo=0,
        hi=0.5,
        unit="share of hours at full load",
        source="003 §5.1 (attention to location, HR, ...)",
    )
    gaming_share: float = param(
        0.15,
        lo=0,
        hi=1,
        unit="share of follow-up hours",
        source="coop M5; ch5_9 §8 fact 8 (indicators gamed)",
    )
    gaming_effectiveness: float = param(0.2, lo=0, hi=1, unit="factor", source="assumption")
    quit_rate: float = param(
        0.009, lo=0, hi=0.2, unit="per month", source="assumption: ~11% a year; coop M12"
    )
    quit_satisfaction_slope: float = param(
        3.0, lo=0, unit="per unit satisfaction", source="assumption"
    )
    pay_gap: float = param(
        0.12,
        lo=0,
        hi=1,
        unit="satisfaction loss",
        source="003 C11; Riksrevisjonen 44% (L4729-4735)",
    )
    move_to_state_rate: float = param(
        0.35,
        lo=0,
        hi=1,
        unit="share of state vacancies",
        source="003 C11 (L7456-7460); size assumption",
    )
    satisfaction_base: float = param(
        0.53,
        lo=0,
        hi=1,
        unit="[0,1]",
        source="calibrated: 003 §6.3 ~80% satisfied with teamwork (docs/calibration.md)",
    )
    satisfaction_rate: float = param(0.15, lo=0, hi=1, unit="per month", source="assumption")
    satisfaction_init_sd: float = param(
        0.08, lo=0, hi=0.5, unit="sd of the starting satisfaction", source="assumption"
    )
    tenure_init_max: int = param(
        120,
        lo=1,
        hi=480,
        unit="months (starting tenure is uniform below this)",
        source="assumption",
        sweep=(60, 180),
    )
    joint_plan_reporting_cut: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="share of double reporting a joint plan removes",
        source="003 C12 (direction: one plan, one reporting line); size assumption",
    )
    double_work_relief: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="share of double reporting removed at full progress on area 11",
        source="003 §7 area 11 (direction); size assumption",
    )
    load_sensitivity: float = param(
        0.08,
        lo=0,
        hi=1,
        unit="per unit over reference",
        source="coop 004:L131-135 (cross-pressure); assumption",
    )
    cross_work_drift: float = param(
        0.013,
        lo=0,
        hi=0.5,
        unit="per month",
        source="calibrated: 003 §6.3, equal work 11% -> 24% in 4 yrs (docs/calibration.md)",
    )
    init_task_share_state: float = param(
        0.86, lo=0, hi=1, unit="share", source="003 §6.3 (L8824-8838): 2015 main tasks"
    )
    init_task_share_municipal: float = param(
        0.14, lo=0, hi=1, unit="share", source="003 §6.3 (L8824-8838): 2015 main tasks"
    )
    mixed_task_share_state: float = param(
        0.72, lo=0, hi=1, unit="share", source="calibrated: mixed teams, still mainly state"
    )
    mixed_task_share_municipal: float = param(
        0.46, lo=0, hi=1, unit="share", source="003 §6.3: municipal staff do state tasks"
    )
    task_share_concentration: float = param(
        6.0, lo=1, unit="beta concentration", source="calibrated: ~11% work equally in 2015"
    )
    municipal_state_work: float = param(
        0.8,
        lo=0,
        hi=1,
        unit="effectiveness on state tasks",
        source="003 §3 (L4767-4773): decisions not delegated",
    )
    duty_2021_cooperation_hours: float = param(
        1.25,
        lo=1,
        hi=3,
        unit="factor on cooperation hours",
        source="coop §5 (§15a: cooperation integral)",
    )
    satisfaction_noise: float = param(
        0.27,
        lo=0,
        hi=0.5,
        unit="sd per month",
        source="calibrated: 003 §6.3 a ~20% dissatisfied minority (docs/calibration.md)",
    )
    mixed_team_bonus: float = param(
        0.05, lo=0, hi=1, unit="satisfaction", source="003 §6.3 (~80% satisfied with teams), C9"
    )
    reorganisation_dissatisfaction: float = param(
        0.1, lo=0, hi=1, unit="satisfaction at full load", source="003 §5.1; assumption"
    )
    target_group_satisfaction: float = param(0.06, lo=0, hi=1, unit="satisfaction", source="003 C3")
    target_group_drift: float = param(
        1.0, lo=0, hi=5, unit="extra cross-work drift (relative)", source="003 C3"
    )
    delegated_drift: float = param(
        1.5, lo=1, hi=5, unit="drift factor, municipal staff", source="003 §3 (L4767-4773)"
    )
    local_terms_effect: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="share of pay gap removed by area 9",
        source="003 §7 area 9: mostly outside local control",
    )
    move_without_gap: float = param(
        0.25, lo=0, hi=1, unit="share of move rate without a pay gap", source="assumption"
    )
    municipal_cost_per_staff: float = param(
        62500.0,
        lo=0,
        unit="NOK per municipal årsverk per month",
        source="assumption: ~750,000 NOK a year with social costs; shared in host offices",
    )


@dataclass
class PartnershipParams:
    """Owners, leaders and the partnership meetings (003 §2, §4, §5)."""

    trust_init: float = param(
        0.62, lo=0, hi=1, unit="[0,1]", source="003 §8 fact 19: trust high everywhere"
    )
    trust_baseline: float = param(
        0.5, lo=0, hi=1, unit="[0,1]", source="assumption: level trust relaxes to without contact"
    )
    trust_relax: float = param(
        0.02, lo=0, hi=1, unit="per month", source="003 §5.2: the relationship 'tåler ikke avstand'"
    )
    trust_gain: float = param(
        0.12,
        lo=0,
        hi=1,
        unit="share of gap per consensus",
        source="003 C1, C32 (direction); assumption",
    )
    trust_loss: float = param(
        0.18, lo=0, hi=1, unit="share per conflict", source="003 C1 (direction); assumption"
    )
    consensus_intercept: float = param(-0.6, unit="logit", source="calibrated: 003 §6.2 ~60-75%")
    consensus_agenda: float = param(1.6, lo=0, unit="logit per unit", source="003 C2")
    consensus_trust: float = param(1.8, lo=0, unit="logit per unit", source="003 C1")
    consensus_areas: float = param(
        1.0, lo=0, unit="logit per unit", source="003 §7 areas 3-4 (meeting frames, shared goal)"
    )
    conflict_intercept: float = param(-2.4, unit="logit", source="ch5_9 §3.1: 3 disputes")
    conflict_trust: float = param(2.5, lo=0, unit="logit per unit", source="003 C1")
    budget_dispute: float = param(0.8, lo=0, unit="logit", source="003 C18, §5.2 (L6192-6212)")
    budget_dispute_joint: float = param(
        0.3, lo=0, unit="logit", source="003 §5.2: joint pool, fewer key disputes"
    )
    budget_talk_consensus: float = param(
        0.6,
        lo=0,
        hi=5,
        unit="logit, host offices in budget season (x dispute / budget_dispute)",
        source="003 C18 (L6541-6569): budget talk, owners look inward; size assumption",
    )
    leader_agreement_bonus: float = param(
        0.4, lo=0, unit="logit", source="003 §3: lederavtale a success criterion"
    )
    leader_trust_gain: float = param(0.08, lo=0, hi=1, unit="share of gap", source="003 C4")
    dominance_init_radmann: float = param(
        0.61, lo=0, hi=1, unit="[0,1]", source="003 §6.2: 61% of R see state dominance"
    )
    dominance_init_ordforer: float = param(
        0.44, lo=0, hi=1, unit="[0,1]", source="003 §6.2: 44% of O"
    )
    dominance_steering: float = param(
        0.38,
        lo=0,
        hi=1,
        unit="[0,1] target",
        source="calibrated: 003 §6.2 dominance 0.75 (2011) -> 0.525 (2019) (docs/calibration.md); "
        "ch5_9 §3.2 (state signals far more detailed)",
    )
    dominance_dialogue: float = param(
        0.35, lo=0, hi=1, unit="[0,1] target", source="003 C22 (dialogue steering)"
    )
    dominance_rate: float = param(0.015, lo=0, hi=1, unit="per month", source="assumption")
    dominance_consensus_step: float = param(
        0.03, lo=0, hi=1, unit="per consensus", source="003 §8 fact 2 (falling dominance)"
    )
    cd_attention_scale: float = param(
        8.0, lo=0.1, unit="partnerships", source="003 §2.2 'modellmakt': one against many"
    )
    radmann_attention: float = param(
        0.5, lo=0, hi=1, unit="[0,1]", source="003 §2.2: Nav 'personalmessig svært liten'"
    )
    ordforer_attention: float = param(
        0.25, lo=0, hi=1, unit="[0,1]", source="003 §6.2: >50% of O do not know meeting rhythm"
    )
    acceptable_results: float = param(
        0.85, lo=0, hi=2, unit="ratio to regional rate", source="003 C5 (direction); assumption"
    )
    detail_steering_hours: float = param(
        0.12,
        lo=0,
        hi=1,
        unit="share of leader hours",
        source="ch5_9 §3.3 'betydelig lederressurser'",
    )
    leader_operations_share: float = param(
        0.55, lo=0, hi=1, unit="share of leader hours", source="assumption"
    )
    leader_council_share: float = param(
        0.025,
        lo=0,
        hi=0.2,
        unit="per extra member council",
        source="003 §5.2 (L4453-4455): 7 councils' plans",
    )
    leader_reorganisation_share: float = param(
        0.35,
        lo=0,
        hi=1,
        unit="share at full load",
        source="003 §8 fact 16: 4 of 9 plans merger only",
    )
    leader_social_work_share: float = param(
        0.4, lo=0, hi=1, unit="share of leaders", source="ch5_9 §2.5: social workers 40% of staff"
    )
    leader_social_work_bonus: float = param(0.1, lo=0, hi=1, unit="activity", source="003 C6")
    municipal_leader_slope: float = param(
        0.25, lo=0, hi=2, unit="logit per extra service", source="ch5_9 §2.3 (L6991-7001)"
    )
    placement_attention_bonus: float = param(
        0.15, lo=0, hi=1, unit="attention", source="003 C20: central placement"
    )
    host_trust_init: float = param(
        0.35, lo=0, hi=1, unit="[0,1]", source="003 §5.2 (L6153-6171): non-hosts need trust"
    )
    transition_meetings_per_year: int = param(
        6,
        lo=0,
        hi=12,
        unit="per year",
        source="003 §5.2 (L3654-3789): the implementation phase meets with all rådmenn; "
        "frequency assumption",
    )
    host_trust_threshold: float = param(
        0.55, lo=0, hi=1, unit="[0,1]", source="003 §5.2 'tilstandsbasert'; level assumption"
    )
    target_group_rate: float = param(
        0.15, lo=0, hi=1, unit="per consensus meeting", source="003 C3, §8 fact 18"
    )
    reorganisation_months: int = param(
        18, lo=0, hi=120, unit="months", source="003 §5.1: 2018-2020 merger processes"
    )
    results_smoothing: float = param(
        0.25, lo=0, hi=1, unit="weight of the latest month", source="assumption"
    )
    leader_double_reporting: float = param(
        0.05,
        lo=0,
        hi=1,
        unit="share of leader hours without a joint plan",
        source="003 C12, §8 fact 12",
    )
    leader_transition_share: float = param(
        0.05, lo=0, hi=1, unit="share of leader hours in a host transition", source="003 §5.2"
    )
    leader_meeting_share: float = param(
        0.1,
        lo=0,
        hi=1,
        unit="share of leader hours in a meeting month",
        source="003 §3: the leader prepares agenda and minutes",
    )
    leader_two_leader_share: float = param(
        0.05,
        lo=0,
        hi=1,
        unit="share of leader hours",
        source="ch5_9 §3.4: two leaders a 'godværsmodell'",
    )
    leader_room_scale: float = param(
        1.4,
        lo=0.1,
        hi=5,
        unit="scale of development capacity",
        source="calibrated: ~0.4 of hours for development",
    )
    leader_activity_a: float = param(
        4.0,
        lo=0.1,
        hi=100,
        unit="beta a",
        source="003 §6.2: agenda set 'i stor grad' by the leader",
    )
    leader_activity_b: float = param(2.5, lo=0.1, hi=100, unit="beta b", source="assumption")
    joint_plan_bonus: float = param(
        0.3, lo=0, hi=3, unit="logit", source="003 §3: joint VP; assumption"
    )
    detail_steering_trust_loss: float = param(
        0.03, lo=0, hi=1, unit="share of trust in the leader per quarter", source="003 C4, C5"
    )
    detail_steering_dominance: float = param(
        0.01, lo=0, hi=1, unit="per quarter", source="ch5_9 §3.3 (state steering felt)"
    )
    ordforer_trust_rate: float = param(
        0.05, lo=0, hi=1, unit="per month", source="003 §8 fact 6: ordfører follows at a distance"
    )
    attendance_memory: float = param(0.05, lo=0, hi=1, unit="per month", source="assumption")
    attendance_update: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="share of the gap to full attendance closed per meeting attended",
        source="assumption",
    )
    leader_dev_capacity_init: float = param(
        0.3, lo=0, hi=1, unit="share of hours at the start (before burn-in)", source="assumption"
    )
    leader_room_from_trust: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="share of the leader's room that depends on the owners' trust",
        source="003 C4 (direction); size assumption",
    )
    agenda_offset: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="agenda strength of a leader with no development hours left (x propensity)",
        source="003 C2 (direction); size assumption",
    )
    leader_trust_base: float = param(
        0.5,
        lo=0,
        hi=2,
        unit="leader trust gain factor at zero agenda strength",
        source="003 C4, C32 (direction); size assumption",
    )
    target_group_base: float = param(
        0.5,
        lo=0,
        hi=2,
        unit="target-group chance factor at zero progress on area 17",
        source="003 C3 (direction); size assumption",
    )
    radmann_satisfaction_init: float = param(
        0.65, lo=0, hi=1, unit="[0,1] at the start", source="003 §8 fact 1 (most satisfied)"
    )
    ordforer_satisfaction_init: float = param(
        0.6, lo=0, hi=1, unit="[0,1] at the start", source="003 §8 fact 1 (direction)"
    )
    owner_satisfaction_rate: float = param(0.1, lo=0, hi=1, unit="per month", source="assumption")
    ordforer_politics_attention: float = param(
        0.2,
        lo=0,
        hi=1,
        unit="ordfører attention at full progress on area 5 (political agenda)",
        source="003 §7 area 5 (direction); size assumption",
    )
    ordforer_reorganisation_attention: float = param(
        2 / 3,
        lo=0,
        hi=2,
        unit="ordfører's attention from a reorganisation, relative to the rådmann's",
        source="003 §5 (mergers draw political attention); size assumption",
    )
    radmann_influence_autonomy: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="weight of (1 - dominance) in the rådmann's influence",
        source="003 §6.2, §8 fact 3 (observation function); size assumption",
    )
    radmann_influence_attendance: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="weight of attendance in the rådmann's influence",
        source="003 §6.2, §8 fact 3 (observation function); size assumption",
    )
    radmann_influence_attention: float = param(
        0.2,
        lo=0,
        hi=1,
        unit="weight of attention in the rådmann's influence",
        source="003 §6.2, §8 fact 3 (observation function); size assumption",
    )
    radmann_influence_reference: float = param(
        0.4, lo=0, hi=1, unit="influence at which it neither adds nor takes", source="assumption"
    )
    radmann_satisfaction_base: float = param(
        0.45,
        lo=0,
        hi=1,
        unit="[0,1] target at average results, trust and influence",
        source="003 §8 fact 1 (observation function); size assumption",
    )
    radmann_satisfaction_results: float = param(
        0.25, lo=0, hi=1, unit="per unit of the results ratio", source="003 §8 fact 1; assumption"
    )
    radmann_satisfaction_trust: float = param(
        0.3, lo=0, hi=1, unit="per unit of trust", source="003 §8 fact 1; assumption"
    )
    radmann_satisfaction_influence: float = param(
        0.2, lo=0, hi=1, unit="per unit of influence", source="003 §8 fact 1; assumption"
    )
    ordforer_satisfaction_base: float = param(
        0.45,
        lo=0,
        hi=1,
        unit="[0,1] target at average results and trust",
        source="003 §8 fact 6 (observation function); size assumption",
    )
    ordforer_satisfaction_results: float = param(
        0.15, lo=0, hi=1, unit="per unit of the results ratio", source="003 §8 fact 6; assumption"
    )
    ordforer_satisfaction_trust: float = param(
        0.2, lo=0, hi=1, unit="per unit of trust", source="003 §8 fact 6; assumption"
    )
    dominance_state_leader: float = param(
        0.08, lo=0, hi=1, unit="[0,1] target shift", source="003 §2.3; ch5_9 §3.4"
    )
    dominance_joint_plan: float = param(
        0.1, lo=0, hi=1, unit="[0,1] target shift", source="003 C17"
    )
    dominance_municipal_template: float = param(
        0.05,
        lo=0,
        hi=1,
        unit="[0,1] target shift",
        source="003 §3 Joint VP variant (b), municipal template (L4540-4574); size assumption",
    )
    consensus_attention: float = param(
        1.0,
        lo=0,
        hi=5,
        unit="logit per unit of rådmann attention above its base",
        source="003 C14, C20 (L4866-4872): a present, central rådmann anchors; size assumption",
    )
    dominance_ordforer_offset: float = param(
        0.15, lo=0, hi=1, unit="[0,1]", source="003 §6.2: 61% R vs 44% O"
    )
    reorganisation_attention: float = param(
        0.3, lo=0, hi=1, unit="rådmann attention at full load", source="003 §5.1"
    )
    portfolio_noise: float = param(
        0.5,
        lo=0,
        hi=5,
        unit="sd of the portfolio score",
        source="assumption: size explains part (ch5_9 §8 fact 2)",
    )


@dataclass
class CooperationParams:
    """Ties to service units and employers (coop §6; 003 §2.3)."""

    tie_base: float = param(0.15, lo=0, hi=1, unit="[0,1]", source="coop M13; assumption")
    tie_init_mean: float = param(0.35, lo=0, hi=1, unit="[0,1]", source="assumption")
    tie_decay: float = param(0.03, lo=0, hi=1, unit="per month", source="coop M12, M13")
    tie_case_gain: float = param(
        0.04, lo=0, hi=1, unit="per joint case per staff", source="coop M9; 003 C7"
    )
    arena_gain: float = param(
        0.02, lo=0, hi=1, unit="per month with an arena", source="coop M9, M11; 003 C8"
    )
    contact_rate: float = param(
        0.55,
        lo=0,
        hi=1,
        unit="per complex user per month",
        source="calibrated: coop §7a ~half cooperate much with health",
    )
    barrier_health: float = param(
        0.6, lo=0, hi=1, unit="factor", source="coop §8 fact 12: health the hardest interface"
    )
    barrier_other: float = param(0.85, lo=0, hi=1, unit="factor", source="coop M14")
    in_portfolio_factor: float = param(
        1.3, lo=1, hi=3, unit="factor", source="003 C19: same organisation, easier"
    )
    duty_2021_factor: float = param(1.15, lo=1, hi=3, unit="factor", source="coop §5 (§15a)")
    gate_floor: float = param(0.5, lo=0, hi=1, unit="factor", source="coop M6")
    size_sensitivity: float = param(
        0.12,
        lo=0,
        hi=2,
        unit="per log of staff / 20",
        source="ch5_9 §8 fact 17: small offices have better relations; coop M10",
    )
    caseload_sensitivity: float = param(
        0.15,
        lo=0,
        hi=2,
        unit="per doubling of caseload",
        source="coop M4: weak decline with caseload",
    )
    goodwill_init: float = param(0.6, lo=0, hi=1, unit="[0,1]", source="assumption")
    goodwill_gain: float = param(
        0.06, lo=0, hi=1, unit="per contact-person month", source="coop M1: fixed contact person"
    )
    goodwill_use: float = param(
        0.04, lo=0, hi=1, unit="per failed placement rate", source="coop M2: employers 'brukes opp'"
    )
    goodwill_effect: float = param(
        0.8,
        lo=0,
        hi=3,
        unit="hazard factor span",
        source="coop M21, 000:L219-222 (direction); assumption",
    )
    contact_person_hours: float = param(
        12.0, lo=0, unit="hours per month", source="coop M1; assumption"
    )
    tie_offset: float = param(
        0.4,
        lo=0,
        hi=5,
        unit="added to tie strength",
        source="assumption: contact possible without a tie",
    )
    arena_threshold: float = param(
        0.5, lo=0, hi=1, unit="state of area 13", source="003 §7 area 13; coop M9"
    )
    size_reference: float = param(20.0, lo=1, hi=200, unit="staff", source="assumption")
    hours_per_employer_contact: float = param(2.0, lo=0.1, hi=40, unit="hours", source="assumption")
    employer_tie_hours: float = param(
        10.0,
        lo=0.1,
        hi=100,
        unit="hours of employer work per month counted as one contact for the tie",
        source="assumption",
    )
    tie_init_sd: float = param(
        0.1, lo=0, hi=0.5, unit="sd of the starting ties", source="assumption"
    )
    gate_capacity_gain: float = param(
        2.0,
        lo=0,
        hi=10,
        unit="anchoring per unit of the leader's development capacity (capped at 1)",
        source="coop M6 (direction); size assumption",
    )
    gate_relations_weight: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="share of anchoring that depends on area 13 (relations to other units)",
        source="coop M6; 003 §7 area 13 (direction); size assumption",
    )
    placement_failure_base: float = param(
        0.2, lo=0, hi=1, unit="share of placements failing", source="coop M2; assumption"
    )


@dataclass
class DevelopmentParams:
    """The 20 development areas of 003 §7 and the work done on them (003 §2.1)."""

    init_mean: float = param(0.45, lo=0, hi=1, unit="[0,1]", source="003 §7: mixed status")
    work_rate: float = param(
        0.03,
        lo=0,
        hi=1,
        unit="per unit capacity per month",
        source="003 §3.2: work raises the state slowly",
    )
    decay: float = param(0.004, lo=0, hi=1, unit="per month", source="assumption")
    areas_per_period: int = param(
        3, lo=1, hi=20, unit="areas", source="003 §3: pilot offices prioritised a few areas"
    )
    init_sd: float = param(0.12, lo=0, hi=0.5, unit="sd", source="003 §7: offices differ")
    floor: float = param(
        0.2, lo=0, hi=1, unit="[0,1]", source="assumption: areas decay to this level"
    )
    owner_work_share: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="share of work_rate per consensus meeting",
        source="003 §2.1: owner level",
    )
    joint_plan_gain: float = param(
        0.2, lo=0, hi=1, unit="share of gap in January", source="003 §7 area 6"
    )


@dataclass
class MechanismSwitches:
    """Knock-out switches, one per mechanism of DESIGN §3 (all on by default)."""

    update_trust: bool = True  # 003 C1, C4, C32
    set_agenda: bool = True  # 003 C2
    steer_in_detail: bool = True  # 003 C5
    unite_around_target_group: bool = True  # 003 C3
    compare_pay: bool = True  # 003 C11
    crowd_out_by_reorganisation: bool = True  # 003 C13, §8 fact 16
    crowd_out_follow_up: bool = True  # coop M22
    build_ties: bool = True  # coop M9, M12, M13
    use_up_employers: bool = True  # coop M1, M2, M21
    game_indicators: bool = True  # coop M5; ch5_9 §8 fact 8
    gate_cooperation: bool = True  # coop M6
    transition_host_trust: bool = True  # 003 §5.2
    develop_partnership: bool = True  # 003 §2.1, §7


# The settings each scenario reads and its source (documented in docs/ODD.md 7.15 and
# the generated table there; every ``scenario.*`` setting is read by one at least).
SCENARIO_INPUTS: dict[ScenarioKind, tuple[tuple[str, ...], str]] = {
    ScenarioKind.baseline: ((), "no events"),
    ScenarioKind.host_office: (
        ("month", "host", "members", "min_population"),
        "003 §5.2 (L3654-3789, L6076-6171); §8 fact 15",
    ),
    ScenarioKind.municipal_merger: (
        ("month", "members", "min_population"),
        "003 §5.1 (L5691-5979); §8 fact 16; C13",
    ),
    ScenarioKind.regionalisation: (
        ("month", "offices", "min_population"),
        "003 §5.3 (L222-226, L4044-4079); §5.2 (L5988-6023); §8 fact 17",
    ),
    ScenarioKind.plant_closure: (
        (
            "month",
            "municipality",
            "jobs_lost",
            "registration_share",
            "closure_demand_drop",
            "recovery_months",
        ),
        "003 §5.3 (L1611-1651): Høyanger",
    ),
    ScenarioKind.refugee_inflow: (
        ("month", "refugees_per_1000", "refugee_months"),
        "003 §5.3 (L5069-5073, L6875-6879); coop §1",
    ),
    ScenarioKind.recession: (
        ("month", "recession_inflow", "recession_demand_drop", "recession_months"),
        "assumption (ch1_4 §2.3, §6 M28 direction)",
    ),
    ScenarioKind.channel_strategy: (
        ("month", "reception_cut", "digital_load", "access_penalty"),
        "003 §5.3 (L7909-7954); C25 (L5421-5430)",
    ),
}


@dataclass
class ScenarioConfig:
    """Timed scenario events (DESIGN §5), all at ``month``; several may be combined.

    The files of ``configs/scenario/`` each add their name to ``selected`` (Hydra
    merges dictionaries but replaces lists, so ``scenario=[host_office,plant_closure]``
    composes); ``name`` is the list in force, the union of both, set by ``validate``.
    Ids left empty (``host``, ``members``, ``municipality``) are chosen inside the
    region by ``sim.scenarios.plan_scenarios``, which says what it chose.
    """

    name: list[Any] = field(
        default_factory=lambda: ["baseline"],
        metadata={"unit": "scenario names", "source": "DESIGN §5"},
    )
    selected: dict[str, Any] = field(
        default_factory=dict,
        metadata={"unit": "name -> true, set by configs/scenario/*.yaml", "source": "DESIGN §5"},
    )
    month: int = param(24, lo=0, hi=1200, unit="month", source="assumption: after two years")
    # host_office (§28 vertskommune) and municipal_merger
    host: Any = field(
        default=None,
        metadata={"unit": "municipality id (None: chosen in the region)", "source": "DESIGN §5"},
    )
    members: list[Any] = field(
        default_factory=list,
        metadata={"unit": "municipality ids, at most 7 (8 to merge)", "source": "003 §5.2"},
    )
    # regionalisation: an explicit map (office label -> ids, host first) or a minimum
    offices: dict[str, Any] = field(
        default_factory=dict,
        metadata={"unit": "office label -> ids, host first, at most 8", "source": "DESIGN §5"},
    )
    min_population: int = param(
        15000,
        lo=0,
        hi=1_000_000,
        unit="inhabitants per office",
        source="003 §5.2 'færre og større Nav-kontor' (L5988-6023); DESIGN §5: 15,000-20,000",
        sweep=(10000, 20000),
    )
    # plant_closure (Høyanger, 003 §5.3 L1611-1651)
    municipality: Any = field(
        default=None,
        metadata={"unit": "municipality id (None: chosen in the region)", "source": "003 §5.3"},
    )
    jobs_lost: int = param(
        300, lo=0, hi=100_000, unit="jobs", source="003 §5.3: Høyanger, >300 jobs lost"
    )
    registration_share: float = param(
        0.8,
        lo=0,
        hi=1,
        unit="share of jobs lost",
        source="assumption: most of those laid off register at Nav",
    )
    closure_demand_drop: float = param(
        0.6,
        lo=0,
        hi=1,
        unit="relative drop of the local exit-to-work hazard",
        source="003 §5.3: ~160 of >300 still unemployed after a year; size assumption",
    )
    recovery_months: int = param(
        36,
        lo=1,
        hi=240,
        unit="months",
        source="003 §5.3: nearly 3 of 4 in work after the project",
    )
    # refugee_inflow (the 2015 wave and its later decline, 003 §5.3 L5069-5073)
    refugees_per_1000: float = param(
        5.0,
        lo=0,
        hi=100,
        unit="settled per 1,000 inhabitants over the wave",
        source="assumption: 2016-2017 settlements of ~15,000 and ~11,000 a year",
    )
    refugee_months: int = param(24, lo=1, hi=240, unit="months", source="003 §5.3; assumption")
    # recession
    recession_inflow: float = param(
        0.5,
        lo=0,
        hi=5,
        unit="relative rise of jobseeker inflow",
        source="assumption (ch1_4 §2.3: inflow ~270,000 a year in 2014)",
    )
    recession_demand_drop: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="relative drop of the exit-to-work hazard",
        source="assumption (ch1_4 §6 M28 direction)",
    )
    recession_months: int = param(
        18, lo=1, hi=240, unit="months at full depth, then as many to recover", source="assumption"
    )
    # channel_strategy (reduced opening hours, digital channels; 003 §5.3, C25)
    reception_cut: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="share of reception hours freed",
        source="003 §5.3 (L7909-7954): a 'gevinstrealisering' for staff",
    )
    digital_load: float = param(
        0.5,
        lo=0,
        hi=3,
        unit="relative rise of the follow-up capacity resource-strong users take",
        source="003 C25 (L5421-5430): they take the freed capacity; size assumption",
    )
    access_penalty: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="relative drop of the start rate of complex cases",
        source="003 §5.3: more burden for citizens; C25 (marginalised users); size assumption",
    )

    @property
    def kinds(self) -> list[ScenarioKind]:
        """The scenarios in force, as enums (``baseline`` alone when none)."""
        return [ScenarioKind(n) for n in self.name]


@dataclass
class ModelConfig:
    """Everything one run needs (DESIGN §6 for time and recording)."""

    region: RegionConfig = field(default_factory=RegionConfig)
    governance: GovernanceConfig = field(default_factory=GovernanceConfig)
    scenario: ScenarioConfig = field(default_factory=ScenarioConfig)
    users: UserParams = field(default_factory=UserParams)
    staff: StaffParams = field(default_factory=StaffParams)
    partnership: PartnershipParams = field(default_factory=PartnershipParams)
    cooperation: CooperationParams = field(default_factory=CooperationParams)
    development: DevelopmentParams = field(default_factory=DevelopmentParams)
    mechanisms: MechanismSwitches = field(default_factory=MechanismSwitches)
    months: int = param(120, lo=0, hi=1200, unit="months")
    burn_in: int = param(24, lo=0, hi=600, unit="months")
    start: str = "2019-01"
    record_every: int = param(1, lo=1, hi=120, unit="months")
    summary_window: int = param(12, lo=1, hi=1200, unit="months")


PARAMETER_GROUPS = ("users", "staff", "partnership", "cooperation", "development")


def iter_parameters(cfg: ModelConfig | None = None):
    """Yield (dotted name, value, metadata) for every declared numeric parameter.

    Args:
        cfg: A configuration to read values from; the defaults when None.

    Yields:
        Tuples of the dotted key, its value and the field's metadata dict.
    """
    cfg = cfg or ModelConfig()
    for group in PARAMETER_GROUPS:
        obj = getattr(cfg, group)
        for f in dataclasses.fields(obj):
            yield f"{group}.{f.name}", getattr(obj, f.name), dict(f.metadata)
    for name in ("months", "burn_in", "record_every", "summary_window"):
        f = next(x for x in dataclasses.fields(ModelConfig) if x.name == name)
        yield name, getattr(cfg, name), dict(f.metadata)
    f = next(x for x in dataclasses.fields(GovernanceConfig) if x.name == "meetings_per_year")
    yield "governance.meetings_per_year", cfg.governance.meetings_per_year, dict(f.metadata)
    for f in dataclasses.fields(ScenarioConfig):
        if "lo" in f.metadata:
            yield f"scenario.{f.name}", getattr(cfg.scenario, f.name), dict(f.metadata)


GOVERNANCE_ENUMS: dict[str, type[Enum]] = {
    "leader_model": LeaderModel,
    "all_radmenn_attend": Attendance,
    "joint_plan": JointPlan,
    "budget": Budget,
    "team_model": TeamModel,
    "leader_placement": LeaderPlacement,
    "steering": Steering,
    "measures": Measures,
    "common_duty_to_cooperate": DutyToCooperate,
}
PORTFOLIO_KEYWORDS = ("observed", "minimum")


def field_type(owner: type, name: str) -> Any:
    """The resolved type annotation of a dataclass field.

    Args:
        owner: A dataclass type.
        name: One of its field names.

    Returns:
        The annotation (a class such as ``int`` or an Enum, or a typing form).
    """
    return _type_hints(owner)[name]


@functools.cache
def _type_hints(owner: type) -> dict[str, Any]:
    """``typing.get_type_hints`` of a dataclass, resolved once per process.

    Uncached it cost about 0.1 s per model built (once for every parameter).
    """
    return typing.get_type_hints(owner)


def allowed_values(owner: type, name: str) -> str:
    """What a dataclass field accepts, in words, for error messages and the docs.

    Args:
        owner: A dataclass type, e.g. GovernanceConfig.
        name: One of its field names.

    Returns:
        E.g. "state, municipal", "true, false", "an integer in [0, 12]".
    """
    f = next(x for x in dataclasses.fields(owner) if x.name == name)
    hint = field_type(owner, name)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return ", ".join(str(e.value) for e in hint)
    if hint is bool:
        return "true, false"
    if dataclasses.is_dataclass(hint):
        return "the keys " + ", ".join(x.name for x in dataclasses.fields(hint))
    if hint in (int, float):
        lo, hi = f.metadata.get("lo"), f.metadata.get("hi")
        kind = "an integer" if hint is int else "a number"
        if lo is None and hi is None:
            return kind
        return f"{kind} in [{'-inf' if lo is None else lo}, {'inf' if hi is None else hi}]"
    if owner is GovernanceConfig and name == "portfolio":
        keywords = ", ".join(PORTFOLIO_KEYWORDS)
        return f"{keywords}, or a list of services from {sorted(SERVICE_EXTRAS)}"
    return getattr(hint, "__name__", str(hint))


def _check_number(key: str, value: Any, meta: dict[str, Any], hint: Any) -> None:
    """Raise ConfigError unless ``value`` is a number of the declared type within bounds."""
    lo, hi = meta.get("lo"), meta.get("hi")
    kind = "an integer" if hint is int else "a number"
    span = f"[{'-inf' if lo is None else lo}, {'inf' if hi is None else hi}]"
    wrong = isinstance(value, bool) or not isinstance(value, int | float)
    if wrong or (hint is int and not isinstance(value, int)):
        raise ConfigError(f"{key}={value!r} is not {kind}; allowed: {kind} in {span}")
    if lo is not None and value < lo:
        what = "a negative rate" if lo == 0 else f"below its minimum {lo}"
        raise ConfigError(f"{key}={value} is {what}; allowed: {kind} in {span}")
    if hi is not None and value > hi:
        raise ConfigError(f"{key}={value} is above its maximum {hi}; allowed: {kind} in {span}")


def _parameter_type(key: str) -> Any:
    """The annotation of a dotted parameter key of ModelConfig."""
    owner: type = ModelConfig
    *path, name = key.split(".")
    for part in path:
        owner = field_type(owner, part)
    return field_type(owner, name)


def validate(cfg: ModelConfig) -> None:
    """Check types, bounds and enumerated values; raise ConfigError naming the key.

    Every message names the key, the value and what is allowed. Enum fields given as
    their string values are converted to the enum in place.

    Args:
        cfg: The configuration to check.

    Raises:
        ConfigError: On the first value of a wrong type, outside its declared bounds or
            not among the allowed values.
    """
    for key, value, meta in iter_parameters(cfg):
        _check_number(key, value, meta, _parameter_type(key))
    gov = cfg.governance
    for name, enum in GOVERNANCE_ENUMS.items():
        value = getattr(gov, name)
        try:
            setattr(gov, name, enum(value.value if isinstance(value, Enum) else value))
        except ValueError:
            raise ConfigError(
                f"governance.{name}={value!r} is not one of the allowed values; "
                f"allowed: {allowed_values(GovernanceConfig, name)}"
            ) from None
    for name in ("leader_agreement", "harmonised_terms", "delegated_state_decisions"):
        if not isinstance(getattr(gov, name), bool):
            raise ConfigError(
                f"governance.{name}={getattr(gov, name)!r} is not a boolean; allowed: true, false"
            )
    portfolio = gov.portfolio
    allowed = allowed_values(GovernanceConfig, "portfolio")
    if isinstance(portfolio, str):
        if portfolio not in PORTFOLIO_KEYWORDS:
            raise ConfigError(
                f"governance.portfolio={portfolio!r} is not one of the allowed values; "
                f"allowed: {allowed}"
            )
    elif isinstance(portfolio, list | tuple) and all(isinstance(s, str) for s in portfolio):
        unknown = [s for s in portfolio if s not in SERVICE_EXTRAS]
        if unknown:
            raise ConfigError(
                f"governance.portfolio lists unknown services {unknown}; allowed: {allowed}"
            )
    else:
        raise ConfigError(f"governance.portfolio={portfolio!r} is not valid; allowed: {allowed}")
    if cfg.summary_window > max(cfg.months, 1):
        cfg.summary_window = max(cfg.months, 1)
    from sim.scenarios import check_scenarios  # local import: scenarios imports this module

    check_scenarios(cfg)
