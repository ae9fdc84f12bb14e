"""Owners, leaders and the partnership meetings (003 §2, §4, §5), and the owners' views."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import param


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
    consensus_intercept: float = param(
        -0.6, lo=-20, hi=20, unit="logit", source="calibrated: 003 §6.2 ~60-75%"
    )
    consensus_agenda: float = param(1.6, hi=20, lo=0, unit="logit per unit", source="003 C2")
    consensus_trust: float = param(1.8, hi=20, lo=0, unit="logit per unit", source="003 C1")
    consensus_areas: float = param(
        1.0,
        hi=20,
        lo=0,
        unit="logit per unit",
        source="003 §7 areas 3-4 (meeting frames, shared goal)",
    )
    budget_dispute: float = param(
        0.8, hi=20, lo=0, unit="logit", source="003 C18, §5.2 (L6192-6212)"
    )
    cost_key_stake: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="share of a host office's budget-season meeting the cost keys put in dispute "
        "(without a joint pool; x budget_dispute_joint / budget_dispute with one)",
        source="003 §5.2 (L6192-6212): disputes over the allocation keys, the social "
        "assistance key and refugee budgets; C18 (L6541-6569); size assumption",
        sweep=(0.1, 1.0),
    )
    budget_dispute_joint: float = param(
        0.3, hi=20, lo=0, unit="logit", source="003 §5.2: joint pool, fewer key disputes"
    )
    budget_talk_consensus: float = param(
        0.6,
        lo=0,
        hi=5,
        unit="logit, host offices in budget season (x dispute / budget_dispute)",
        source="003 C18 (L6541-6569): budget talk, owners look inward; size assumption",
    )
    leader_agreement_bonus: float = param(
        0.4, hi=20, lo=0, unit="logit", source="003 §3: lederavtale a success criterion"
    )
    leader_trust_gain: float = param(0.08, lo=0, hi=1, unit="share of gap", source="003 C4")
    dominance_steering: float = param(
        0.55,
        lo=0,
        hi=1,
        unit="[0,1] target",
        source="calibrated: through the survey layer, a run from 2011-01 reads 2019's 61% R / "
        "44% O (003 §6.2 L8573-8599) and the fall continues at ≈0.026/yr "
        "(python -m analysis.fit_survey_trends dominance --seeds 2); ch5_9 §3.2",
    )
    dominance_dialogue: float = param(
        0.35, lo=0, hi=1, unit="[0,1] target", source="003 C22 (dialogue steering)"
    )
    dominance_rate: float = param(
        0.0056,
        lo=0,
        hi=1,
        unit="per month",
        source="calibrated: with dominance_steering "
        "(python -m analysis.fit_survey_trends dominance)",
    )
    dominance_consensus_step: float = param(
        0.009,
        lo=0,
        hi=1,
        unit="per consensus",
        source="003 §8 fact 2 (falling dominance); calibrated: with dominance_steering "
        "(python -m analysis.fit_survey_trends dominance)",
    )
    cd_attention_scale: float = param(
        8.0, hi=1000, lo=0.1, unit="partnerships", source="003 §2.2 'modellmakt': one against many"
    )
    radmann_attention: float = param(
        0.5, lo=0, hi=1, unit="[0,1]", source="003 §2.2: Nav 'personalmessig svært liten'"
    )
    ordforer_attention: float = param(
        0.25, lo=0, hi=1, unit="[0,1]", source="003 §6.2: >50% of O do not know meeting rhythm"
    )
    acceptable_results: float = param(
        0.93,
        lo=0,
        hi=2,
        unit="exits to work / expected for the office's users at the county's rates",
        source="003 C5 (direction); assumption: calibrated with economics.shortfall_z so "
        "that at most 10% of offices are steered (issue 20; national, seed 1, 36 months: "
        "at most 8.7% a quarter, mean 6.7%; 0.95 gave 10.3% after the 2014 user stocks)",
        sweep=(0.85, 1.0),
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
    transition_meetings_per_year: int = param(
        6,
        lo=0,
        hi=12,
        unit="per year",
        source="003 §5.2 (L3654-3789): the implementation phase meets with all rådmenn; "
        "frequency assumption",
    )
    host_trust_threshold: float = param(
        0.55,
        lo=0,
        hi=1,
        unit="[0,1]: the non-host rådmenn's mean of the lower of their trust in the "
        "partnership and in its leader at which a transition ends",
        source="003 §5.2 (L3741-3755) 'tilstandsbasert': until trust exists; level assumption",
    )
    target_group_rate: float = param(
        0.15, lo=0, hi=1, unit="per consensus meeting", source="003 C3, §8 fact 18"
    )
    reorganisation_months: int = param(
        18, lo=0, hi=120, unit="months", source="003 §5.1: 2018-2020 merger processes"
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
        source="003 C2, C6 (L1715-1752, L1840-1848): leaders differ in how actively they "
        "raise the office's needs; assumption (mean propensity 4/6.5 ≈ 0.62): the share of "
        "the agenda they set is an outcome (leaders.set_agendas), not this draw",
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
    owner_satisfaction_init: float = param(
        0.6,
        lo=0,
        hi=1,
        unit="[0,1] at the start, both owners (before burn-in: the rule's target is reached "
        "within months)",
        source="assumption: one start for both owners; the burn-in leaves 0.9**24 ≈ 8% of it",
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
    radmann_influence_stake: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="weight of the municipality's share of its office's municipal costs in the "
        "rådmann's influence (1 alone in its office)",
        source="003 §6.2 (L7975-7995), §5.2 (L6153-6171, L6192-6212): a member's voice "
        "follows what it brings to the office; size assumption (the weight attendance had)",
        sweep=(0.1, 0.6),
    )
    radmann_influence_attention: float = param(
        0.2,
        lo=0,
        hi=1,
        unit="weight of attention in the rådmann's influence",
        source="003 §6.2, §8 fact 3 (observation function); size assumption",
    )
    owner_satisfaction_level: float = param(
        0.72,
        lo=0,
        hi=1,
        unit="[0,1] satisfaction an owner who saw everything would have at the county's "
        "results, midpoint trust and its county's cost (one level for both owners)",
        source="calibrated (a calibration target, to be refitted by navsim-calibrate): "
        "through the survey layer, 'cooperation works well' at month 0 of the suite's "
        "default run (Agder, structure=2019, 24 months' burn-in) within >75% R ± 0.07 and "
        "≈60% O ± 0.09 (003 §6.2 L8542-8560; sim.survey.TARGETS)",
        sweep=(0.6, 0.85),
    )
    owner_satisfaction_results: float = param(
        0.25,
        lo=0,
        hi=1,
        unit="per unit of the results ratio above 1 (what the owner sees of it)",
        source="003 C5 (L1799-1803), §8 fact 1 (direction); size assumption",
    )
    owner_satisfaction_trust: float = param(
        0.3,
        lo=0,
        hi=1,
        unit="per unit of the owner's trust above the midpoint",
        source="003 C1, C32 (L4226-4234), §8 fact 1 (direction); size assumption",
    )
    owner_information_relay: float = param(
        0.5,
        lo=0,
        hi=1,
        unit="share of the rådmann's information about the partnership that reaches its ordfører",
        source="003 §8 fact 6: rådmann informed, ordfører distant; O and R often disagree on "
        "the portfolio (L8411-8424), >50% of O do not know the meeting rhythm (L8210-8214); "
        "§5.2: a reporting system that reassures rådmenn and politicians is needed "
        "(L3654-3789); size assumption",
        sweep=(0.1, 0.9),
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
    # issue 20: the reorganisation load built from the steps of 003 §5.1/§5.2 (ODD 7.13;
    # build_load_from_steps). Sizes are assumptions; the defaults give the smallest host
    # office (two municipalities, two offices) about the old fixed load's total (≈9.5
    # full-load months: load 1 fading over 18 months).
    reorganisation_lead_months: int = param(
        20,
        lo=0,
        hi=120,
        unit="months from the councils' decision to the event (at most back to the "
        "start of the burn-in)",
        source="003 §1 (L1180-1258), §5.1 (L3978-3998, L5799-5808): the four merging "
        "offices left the pilot after its first gathering (April 2018), about 20 months "
        "before their mergers on 1 January 2020",
        sweep=(0, 24),
    )
    reorganisation_per_council: float = param(
        0.5,
        lo=0,
        hi=12,
        unit="full-load months per council voting (preparation)",
        source="assumption; 003 §5.2 (L6076-6122): each council votes separately, up to 7",
        sweep=(0.0, 1.5),
    )
    reorganisation_per_cost_key: float = param(
        1.5,
        lo=0,
        hi=24,
        unit="full-load months per cost key to set (a host office; preparation)",
        source="assumption; 003 §5.2 (L3654-3789): the host and the allocation keys are "
        "chosen in the start-up phase; key disputes (L6192-6212)",
        sweep=(0.0, 4.5),
    )
    reorganisation_per_portfolio: float = param(
        1.0,
        lo=0,
        hi=12,
        unit="full-load months per member whose office portfolio differs from the host's "
        "(preparation)",
        source="assumption; 003 §5.1 (L4097-4103): tjenestekatalogsamkjøring; portfolio "
        "disputes (§5.2, L6192-6212)",
        sweep=(0.0, 3.0),
    )
    reorganisation_per_assistance_frame: float = param(
        0.5,
        lo=0,
        hi=12,
        unit="full-load months per member's social assistance frame to align (preparation)",
        source="assumption; 003 §5.1 (L4097-4103): rammer for økonomisk sosialhjelp; §5.2 "
        "(L6192-6212): the allocation key for social assistance",
        sweep=(0.0, 1.5),
    )
    reorganisation_per_office_closed: float = param(
        1.0,
        lo=0,
        hi=12,
        unit="full-load months per predecessor office closed (preparation)",
        source="assumption; 003 §5.1 (L4097-4103): lokasjon, reisetider",
        sweep=(0.0, 3.0),
    )
    reorganisation_per_leader_role: float = param(
        0.5,
        lo=0,
        hi=12,
        unit="full-load months per leader of a closed office whose role changes (preparation)",
        source="assumption; 003 §5.1 (L4097-4103): roller og posisjoner",
        sweep=(0.0, 1.5),
    )
    reorganisation_per_employer_change: float = param(
        3.0,
        lo=0,
        hi=24,
        unit="full-load months if every staff member changed employer (x the share whose "
        "employer changes; preparation)",
        source="assumption; 003 §5.1 (L4097-4103): HR",
        sweep=(0.0, 9.0),
    )
    reorganisation_per_agreement: float = param(
        1.0,
        lo=0,
        hi=12,
        unit="full-load months per agreement (one per non-host member and the new "
        "partnership's; implementation)",
        source="assumption; 003 §5.2 (L3654-3789): the implementation phase, 'Det skal mer "
        "til enn samarbeidsavtaler'; an agreement per municipality (L6177-6187)",
        sweep=(0.0, 3.0),
    )
    reorganisation_per_staff_moved: float = param(
        4.0,
        lo=0,
        hi=24,
        unit="full-load months if every staff member moved office (x the share moving into "
        "the host's office; implementation)",
        source="assumption; 003 §5.2 (L3654-3789): culture in the implementation phase; "
        "§5.1 (L5785-5787): the old partnership fades",
        sweep=(0.0, 12.0),
    )
