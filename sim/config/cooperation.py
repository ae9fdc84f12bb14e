"""Ties, employers, development areas and the knock-out switches."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import param


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
        12.0, hi=1000, lo=0, unit="hours per month", source="coop M1; assumption"
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
    # issue 20 (ties held with each member municipality's services; ODD 7.12)
    tie_split_exponent: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="exponent: the arena gain per municipality's units is divided by the office's "
        "municipalities to this power (0: no split, 1: an even split)",
        source="assumption; direction 003 §5.2: the relationship 'tåler ikke avstand', the "
        "non-host municipalities need dialogue (L6153-6171), the leader follows 7 councils "
        "(L4453-4455)",
        sweep=(0.0, 1.0),
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
    specialise: bool = True  # ch5_9 §2.2 (L6749-6812), §4 item 8, §9 (L925-927, L18849-18857)
    cover_absence: bool = True  # ch5_9 §4 item 9, §9 (L18840-18848)
    share_specialists: bool = True  # ch5_9 §2.2 (L6840-6864), §9 (L18820-18828)
    carry_overhead: bool = True  # ch5_9 §9 (L18812-18814)
    weaken_with_distance: bool = True  # ch1_4 M28 (L2115-2132); 003 §5.1, §5.2 (L3775-3776)
    hold_ties_per_municipality: bool = True  # coop M9, M13; 003 §5.2 (L6153-6171)
    build_load_from_steps: bool = True  # 003 §5.1 (L4097-4103), §5.2 (L3654-3789), §8 fact 16
    # owners' economics (issue 20)
    weigh_own_costs: bool = True  # ch5_9 §3.3 (L18146-18156): municipalities watch SA
    adjust_for_user_mix: bool = True  # 003 C5: results judged against the office's users
    divide_director_attention: bool = True  # 003 §2.2 (L1289-1310) 'modellmakt'
    # owners judge the partnership by what they see of it (issue 22)
    judge_by_information: bool = True  # 003 §6.2 (L8279-8301), §8 fact 6
    # the Nav leader sets the agenda from what it knows of the office (issue 22)
    know_the_office: bool = True  # 003 §8 facts 5, 6 (L8312-8318, L8210-8214)
    # the owners share the partnership's goal; costs are what they dispute (issue 22)
    share_goals: bool = True  # 003 §8 fact 7, C17; ch5_9 §8 fact 22 (L7208)
    # a member's voice follows what it brings to the office (issue 22)
    weigh_by_stake: bool = True  # 003 §6.2 (L7975-7995), §5.2 (L6153-6171, L6192-6212)
