"""Staffing, time budgets and staff dynamics (ch5_9 §2.2, §2.4; 003 §6.3)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import param


@dataclass
class StaffParams:
    """Staffing, time budgets and staff dynamics (ch5_9 §2.2, §2.4; 003 §6.3)."""

    staff_per_1000: float = param(
        1.78,
        hi=50,
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
        2.0, hi=1000, lo=0, unit="årsverk", source="ch5_9 §2.4: minimum guarantee of state staff"
    )
    max_office_staff: float = param(
        180.0, hi=10000, lo=10, unit="årsverk", source="ch5_9 §2.2: largest office 180 årsverk"
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
        137.0, hi=300, lo=1, unit="hours", source="assumption: 1,650 h/yr per årsverk"
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
        3.0, hi=50, lo=0, unit="per unit satisfaction", source="assumption"
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
        0.73,
        lo=0,
        hi=1,
        unit="[0,1]",
        source="calibrated: 003 §6.3 ~80% satisfied with teamwork; "
        "posterior median of navsim-calibrate (teams satisfied + cross-work, docs/calibration.md)",
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
        0.0138,
        lo=0,
        hi=0.5,
        unit="per month",
        source="calibrated: 003 §6.3, equal work 11% -> 24% in 4 yrs; "
        "posterior median of navsim-calibrate (teams satisfied + cross-work, docs/calibration.md)",
    )
    init_task_share_state: float = param(
        0.86, lo=0, hi=1, unit="share", source="003 §6.3 (L8824-8838): 2015 main tasks"
    )
    init_task_share_municipal: float = param(
        0.14, lo=0, hi=1, unit="share", source="003 §6.3 (L8824-8838): 2015 main tasks"
    )
    mixed_task_share_state: float = param(
        0.65,
        lo=0,
        hi=1,
        unit="share",
        source="calibrated: a run from 2015-01 reads 2019's staff shares through the survey "
        "layer (003 §6.3 L8810-8838: the rise and the asymmetry); posterior median of "
        "navsim-calibrate (teams satisfied + cross-work, docs/calibration.md)",
    )
    mixed_task_share_municipal: float = param(
        0.60,
        lo=0,
        hi=1,
        unit="share",
        source="003 §6.3: municipal staff do state tasks; calibrated: with "
        "mixed_task_share_state; posterior median of navsim-calibrate (teams satisfied + "
        "cross-work, docs/calibration.md)",
    )
    task_share_concentration: float = param(
        6.0,
        hi=1000,
        lo=1,
        unit="beta concentration",
        source="calibrated: ~11% work equally in 2015",
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
        0.20,
        lo=0,
        hi=0.5,
        unit="sd per month",
        source="calibrated: 003 §6.3 a ~20% dissatisfied minority; "
        "posterior median of navsim-calibrate (teams satisfied + cross-work, docs/calibration.md)",
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
    # issue 22: ties between the office's state and municipal staff (internal cooperation)
    internal_tie_gain: float = param(
        0.1,
        lo=0,
        hi=1,
        unit="share of the gap to a full tie closed per month of full shared work",
        source="coop M9 (002:L4012-4014: working together, people get to know each other); "
        "003 C9 (L2125-2131); size assumption",
        sweep=(0.03, 0.3),
    )
    colocation_contact: float = param(
        0.2,
        lo=0,
        hi=1,
        unit="shared work of any colleague in the same office (canteen, meetings), [0,1]",
        source="003 C9 (L2125-2131, L2193-2195, L7486): co-location and social events give "
        "acquaintance; size assumption",
        sweep=(0.0, 0.4),
    )
    mixed_team_contact: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="shared work a mixed-employer team adds, [0,1]",
        source="003 §6.3 (L8859-8880): 79% work in teams, mixed-employer teams rose 2014-2019; "
        "§8 fact 11; size assumption",
        sweep=(0.1, 0.6),
    )
    two_leader_separation: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="share of the shared work lost in a two-leader office",
        source="ch5_9 §3.4 (L7870-7894): two leaders a 'godværsmodell' with «mine» og «dine» "
        "ansatte; size assumption",
        sweep=(0.0, 0.6),
    )
    dual_terms_strain: float = param(
        0.1,
        lo=0,
        hi=1,
        unit="share of the internal tie lost per month per unit of the felt pay gap "
        "(pay_gap, reduced by area 9)",
        source="003 §8 fact 12 (L330-334, L9541-9545): dual terms strain the office; §6.1 "
        "Riksrevisjonen: 44% of leaders say pay and personnel differences harm the work "
        "environment (L4729-4735); size assumption",
        sweep=(0.0, 0.3),
    )
    move_without_gap: float = param(
        0.25, lo=0, hi=1, unit="share of move rate without a pay gap", source="assumption"
    )
    municipal_cost_per_staff: float = param(
        62500.0,
        hi=1000000,
        lo=0,
        unit="NOK per municipal årsverk per month",
        source="assumption: ~750,000 NOK a year with social costs; shared in host offices",
    )
