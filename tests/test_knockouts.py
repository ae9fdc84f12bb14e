"""Knock-outs (DESIGN §3, §8): switching a mechanism off moves its intermediate
quantity and at least one downstream outcome in the direction the reports state.

Every claim is paired by seed: replicate k of the knock-out and of the baseline use
the same ``rng=k``, for k = 0..4, and the direction must hold for every seed (for the
few claims marked ``in_mean``: the 90% paired t-interval over the seeds must exclude
zero on the expected side; for those marked ``mostly``: the mean's sign and at most one
seed against it; each with the reason and the numbers in its comment). A
quantity is averaged over the last 36 recorded months of the ``model`` table (Agder,
months=60, default burn-in); ``exit_rate`` is exits_to_work / n_users per month,
averaged; ``detail_steered`` is the share of office-months detail-steered and
``consensus_share`` (``conflict_share``) the share of meetings ending in consensus
(in conflict), all from the
``offices`` table over the same window; ``other_areas`` is the mean state of the
development areas other than area 8 (merger) in the last month; ``lister_*`` are the
host office's own values
(``lister_reorganisation_load`` and ``lister_prep_dev_capacity``: its offices from the
councils' decision on, when it forms in month ``LATE``); ``shared_*`` are the offices
serving several municipalities; ``small_*`` pool the offices of at most ``SMALL_OFFICE``
staff and ``multi_*`` those serving several municipalities over the window
(``*_starts_rate``: follow-up starts per waiting user). Scenarios: ``distant`` runs
today's map (offices serving several municipalities) with the distance effects,
``wide_sharing`` the municipal map with the shared specialists' share and the
specialisation gain, at the top of their sweep ranges (``AT_SWEEP_TOP``).

Sources: C-numbers are ``domain/003_partnership_report.md`` §4, M-numbers
``domain/000_002_004_cooperation.md`` §6 (the same references as ``MechanismSwitches``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
import pytest

from experiments.compare import paired_stats
from sim.config import ModelConfig, RegionConfig, ScenarioConfig, SizeParams
from sim.model import NavPartnershipModel
from sim.submodels.reorganisation import begin_reorganisation
from sim.submodels.steering import REVIEW_MONTHS
from sim.vocabulary import AREA_MERGER

SIZE_FIELDS = {f.name: f for f in dataclasses.fields(SizeParams)}
# size parameters set at the top of their sweep ranges, per scenario: effects the
# defaults make too small to show in every seed of a 36-month window
AT_SWEEP_TOP = {
    "wide_sharing": ("shared_specialist_share", "specialisation_gain"),
    "distant": ("distance_reach_effect", "distance_knowledge_effect"),
}
SEEDS = range(5)
MONTHS = 60
WINDOW = 36  # last recorded months averaged
UP, DOWN = +1, -1
SMALL_OFFICE = 20  # staff: the offices whose size mechanisms matter most (ch5_9 §9)

# Lyngdal (4225) hosts four neighbours (Åseral, Kvinesdal, Hægebostad, Sirdal) in a
# host office formed at month 0 (a transition: offices at the start are mature), from
# one office per municipality (structure=municipal); 003 §5.2, host offices.
LISTER = RegionConfig(
    name="lister",
    counties=["42"],
    offices={"lister": ["4225", "4224", "4227", "4226", "4228"]},
)
LISTER_OFFICE = "host-4225"

MODEL_COLUMNS = (
    "trust_owners",
    "leader_dev_capacity",
    "perceived_state_dominance",
    "team_satisfaction",
    "staff_turnover",
    "moves_to_state",
    "followup_hours_ratio",
    "mean_wait_months",
    "cooperation_quality",
    "external_cooperation",
    "employer_goodwill",
    "cross_work_share",
    "internal_cooperation",
    # office size (issue 20, part 1)
    "followup_hours",
    "effective_staff",
    "specialisation",
    "absence_hours_lost",
    "overhead_share",
    "local_presence",
)


@dataclass(frozen=True)
class Knockout:
    """One mechanism's knock-out claim: expected sign of (knock-out - baseline)."""

    mechanism: str
    expect: dict[str, int]
    source: str
    # "baseline", "reorganisation", "lister", "lister_late", "present_duty",
    # "wide_sharing" or "distant"
    scenario: str = "baseline"
    extra: dict[str, int] = field(default_factory=dict)
    # claims that hold on average, not in every seed: the 90% paired t-interval of
    # knock-out - baseline over the seeds must lie on the expected side of zero
    in_mean: dict[str, int] = field(default_factory=dict)
    # small effects: the sign of the mean, and at most one seed against it (as in
    # tests/test_governance.py)
    mostly: dict[str, int] = field(default_factory=dict)
    # the seeds its claims are read over (more where an effect is small against the
    # noise of five)
    seeds: range = SEEDS


KNOCKOUTS = [
    # Trust grows with consensus meetings and gives the leader room to act (003 C1, C4, C32).
    Knockout(
        "update_trust", {"trust_owners": DOWN, "leader_dev_capacity": DOWN}, "003 C1, C4, C32"
    ),
    # An agenda-setting leader vitalises the partnership: consensus, trust, less felt
    # dominance (003 C2).
    # (Felt dominance rises too, but by at most 0.01 and only in the mean since the
    # issue-20 mechanisms joined: knock-out - baseline [0.0024, -0.0007, 0.0059, 0.0017,
    # 0.0100], a 90% interval [-0.0001, 0.0078]. The owners' trust falls mostly since
    # the staff calibration of issue 22: [-0.068, -0.066, +0.011, -0.043, -0.074].)
    Knockout("set_agenda", {"consensus_share": DOWN}, "003 C2", mostly={"trust_owners": DOWN}),
    # Owners detail-steer offices with poor results; that takes leader hours (003 C5).
    # (Since owners allow for chance, economics.shortfall_z 1.96, about one office in
    # twenty is steered in Agder and the leaders' hours it takes move the region's mean
    # only mostly: knock-out - baseline [-0.0019, 0.0008, 0.0019, 0.0029, 0.0020].)
    Knockout(
        "steer_in_detail",
        {"detail_steered": DOWN},
        "003 C5",
        mostly={"leader_dev_capacity": UP},
    ),
    # A shared, locally chosen target group unites state and municipal staff (003 C3).
    Knockout(
        "unite_around_target_group",
        # (turnover rises too, but only in the mean: 4 of 5 seeds). Cross-work falls in
        # the mean of ten seeds since the owner mechanisms and the staff calibration of
        # issue 22: [+0.000, -0.020, +0.028, -0.054, -0.041, -0.013, -0.070, -0.023,
        # -0.040, -0.042], 90% interval [-0.044, -0.011]; five seeds are too few.
        {"team_satisfaction": DOWN},
        "003 C3",
        in_mean={"cross_work_share": DOWN},
        seeds=range(10),
    ),
    # Different pay and terms cause unrest and moves to state posts (003 C11).
    # Different terms also strain the ties between the office's state and municipal staff
    # (003 §8 fact 12; ties.update_internal_ties): without the comparison they are stronger.
    Knockout(
        "compare_pay",
        {"team_satisfaction": UP, "moves_to_state": DOWN, "internal_cooperation": UP},
        "003 C11, §8 fact 12",
    ),
    # Time pressure and documentation crowd out follow-up (coop M22).
    Knockout(
        "crowd_out_follow_up",
        {"followup_hours_ratio": UP, "exit_rate": UP, "mean_wait_months": DOWN},
        "coop M22",
    ),
    # Counting indicators are gamed; gamed hours are follow-up lost (coop M5).
    Knockout("game_indicators", {"followup_hours_ratio": UP, "exit_rate": UP}, "coop M5"),
    # Joint cases and arenas build ties; without them ties decay (coop M9, M12, M13); so
    # does the work shared with the other employer's colleagues inside the office.
    Knockout(
        "build_ties",
        {
            "cooperation_quality": DOWN,
            "external_cooperation": DOWN,
            "exit_rate": DOWN,
            "internal_cooperation": DOWN,
        },
        "coop M9, M12, M13",
    ),
    # Failed placements without follow-up use employers up (coop M1, M2).
    Knockout("use_up_employers", {"employer_goodwill": UP, "exit_rate": UP}, "coop M1, M2"),
    # Leaders gate cross-unit cooperation (coop M6).
    Knockout(
        "gate_cooperation",
        {"external_cooperation": UP, "cooperation_quality": UP},
        "coop M6",
    ),
    # Development work on the 20 areas of 003 §7 (owner, office, service; 003 §2.1).
    Knockout(
        "develop_partnership",
        {"cooperation_quality": DOWN, "exit_rate": DOWN},
        "003 §2.1, §7",
    ),
    # Reorganisation eats leader capacity and crowds out development (003 C13, §8 fact 16);
    # both arms reorganise every office from month 0 for 36 months.
    # The owners' meetings in a reorganisation are about it too (issue 22): the other
    # development areas advance less, through the leaders' and the owners' work.
    Knockout(
        "crowd_out_by_reorganisation",
        # (the effect on exits within 36 months is too small to show in every seed)
        {"leader_dev_capacity": UP, "cooperation_quality": UP, "other_areas": UP},
        "003 C13, §8 fact 16",
        scenario="reorganisation",
    ),
    # Non-host rådmenn need a trust transition, attending until trust exists (003 §5.2).
    Knockout(
        "transition_host_trust",
        # (the Lister leader's development capacity falls too, but only in the mean:
        # 4 of 5 seeds after the performance work reordered the draws). Trust in a
        # transition can also collapse: meetings that end in conflict lower it, and more
        # seats then lower it more (C1). Since the issue-20 mechanisms joined, seed 0's
        # non-host trust falls to 0.40 and the transition never ends, with the rule or
        # without it (switching any one new mechanism off ends it within 8-24 months:
        # a knife edge), so both claims hold on average. The non-hosts' trust holds
        # only mostly since the 2014 user stocks and acceptable_results 0.93 (issue 22):
        # knock-out - baseline [-0.0385, -0.0040, +0.0115, -0.0579, -0.0664], 90%
        # interval [-0.063, +0.001]; the 10-seed pattern nonhost_trust_builds still holds.
        {},
        "003 §5.2",
        scenario="lister",
        in_mean={"lister_transition_months": UP},
        mostly={"lister_nonhost_trust": DOWN},
    ),
    # --- Office size on both sides (issue 20, part 1; sim/submodels/office_size.py) ---
    # Larger offices hold specialised roles, which make follow-up more effective
    # (ch5_9 §2.2 Ørsta/Volda, §4 item 8, §9).
    Knockout(
        "specialise",
        {"specialisation": DOWN, "exit_rate": DOWN},
        "ch5_9 §2.2 (L6749-6812), §4 item 8 (L8578-8611), §9 (L18849-18857)",
    ),
    # Colleagues of the same pool cover absence, better in larger pools (ch5_9 §9).
    Knockout(
        "cover_absence",
        # (exits fall too, but only in the mean: 4 of 5 seeds)
        {"absence_hours_lost": UP, "followup_hours_ratio": DOWN, "mean_wait_months": UP},
        "ch5_9 §4 item 9, §9 (L18840-18848)",
    ),
    # Tjenesteområder share specialists across nearby offices (ch5_9 §2.2, §9); with the
    # sharing and the specialisation gain at the top of their sweep ranges (at the
    # defaults the exits fall only in the mean: 3 of 5 seeds).
    Knockout(
        "share_specialists",
        {"effective_staff": DOWN, "specialisation": DOWN, "exit_rate": DOWN},
        "ch5_9 §2.2 (L6840-6864), §9 (L18820-18828)",
        scenario="wide_sharing",
    ),
    # Every office carries a fixed administration, a larger share of a small one's hours;
    # the small offices start follow-up sooner without it (exits rise only in the mean).
    Knockout(
        "carry_overhead",
        # (the small offices' start rate rises mostly since the owner mechanisms of
        # issue 22: [+0.040, +0.012, +0.019, +0.006, -0.005])
        {"overhead_share": DOWN, "followup_hours": UP},
        "ch5_9 §9 (L18812-18814)",
        mostly={"small_starts_rate": UP},
    ),
    # Distance to the office's seat costs weak groups' reach and local knowledge (ch1_4
    # M28; 003 §5.2), on today's map, where offices serve several municipalities, with
    # both effects at the top of their sweep ranges (at the defaults the exits of the
    # multi-municipality offices rise in every seed, but by as little as 1e-5 in one);
    # the multi-municipality offices' own values.
    Knockout(
        "weaken_with_distance",
        {"local_presence": UP, "multi_exit_rate": UP, "multi_starts_rate": UP},
        "ch1_4 M28 (L2115-2132); 003 §5.1 (L4097-4103), §5.2 (L3775-3776)",
        scenario="distant",
    ),
    # --- issue 20, ties and reorganisation (helper B) ---
    # Ties are held with each member municipality's units, and an office's arena time
    # is spread over them (coop M9, M13; 003 §5.2 "tåler ikke avstand", L6153-6171):
    # knocked out, one set of ties serves every municipality and the cost disappears.
    # On today's Agder map (offices serving several municipalities) under the 2021
    # duty, whose arenas run in every office (coop §5); the claims are about the
    # offices serving several municipalities. (Under the 2019 rules arenas run in about
    # a third of the offices and the effect on contacts is within the seeds' noise.)
    Knockout(
        "hold_ties_per_municipality",
        # (external cooperation mostly: one seed of five -0.002 at shortfall_z 1.96)
        {"shared_cooperation_quality": UP},
        "coop M9, M13; 003 §5.2",
        scenario="present_duty",
        mostly={"shared_external_cooperation": UP},
    ),
    # The reorganisation load is built from the steps of 003 §5.1/§5.2 and starts at the
    # councils' decision (§8 fact 16: the merging offices withdrew from development
    # work ahead of their mergers): knocked out, nothing happens before the event, and
    # Lister's five-municipality host office carries the old fixed load, a smaller one.
    Knockout(
        "build_load_from_steps",
        {"lister_reorganisation_load": DOWN, "lister_prep_dev_capacity": UP},
        "003 §5.1 (L3978-3998, L4097-4103), §5.2 (L3654-3789), §8 fact 16",
        scenario="lister_late",
    ),
    # --- owners' economics (issue 20) ---
    # Municipalities watch sosialhjelp (ch5_9 §3.3): a rådmann paying more per inhabitant
    # than its county attends more to the office, and steers by its costs: a shortfall
    # weighs more where costs are high and less where they are low, and since most
    # municipalities pay less than their county's per-capita mean (a few large ones pay
    # more), fewer offices are steered with the weighing than without it (the direction
    # is the model's; the report gives none). The high-cost rådmenn's satisfaction rises
    # without it only in the mean: [0.006, 0.005, 0.032, -0.010, -0.021] at
    # shortfall_z 1.96. Since conflict comes from what costs put at stake (issue 22,
    # meetings.owners_disagree), the weighing also feeds the owners' disputes, and the
    # steered share no longer moves reliably: ten seeds [-0.005, -0.003, +0.060, +0.050,
    # +0.059, +0.013, +0.008, -0.031, +0.029, -0.005], 90% interval [-0.001, +0.035].
    # Not claimed.
    Knockout(
        "weigh_own_costs",
        {"cost_attention_slope": DOWN},
        "ch5_9 §3.3 (L18146-18156)",
    ),
    # Results judged against the office's own users (003 C5): without the adjustment an
    # office with a heavier user mix looks weaker and is steered more.
    Knockout(
        "adjust_for_user_mix",
        {"mix_results_corr": UP, "heavy_mix_steered": UP},
        "003 C5",
    ),
    # One county director against many partnerships (003 §2.2 'modellmakt'): undivided,
    # its attention to each is larger, it notices more and builds more trust.
    Knockout(
        "divide_director_attention",
        {"cd_attention": UP, "cd_trust": UP},
        "003 §2.2 (L1289-1310)",
    ),
    # --- owners' satisfaction (issue 22) ---
    # Each owner judges the partnership by what it sees of it and rates the rest
    # neutral; the rådmann, attentive and in the meetings, sees more than the distant
    # ordfører (003 §6.2 L8279-8301, §8 fact 6), so rådmenn are the more satisfied
    # (>75% vs ≈60%, L8542-8560). Knocked out, every owner sees everything: the
    # ordfører's information and satisfaction rise and the gap closes (Agder 2019 map,
    # 10 seeds, survey layer at month 0: R − O 0.114 → 0.006).
    Knockout(
        "judge_by_information",
        {"ordforer_informed": UP, "ordforer_satisfaction": UP, "owner_satisfaction_gap": DOWN},
        "003 §6.2 (L8279-8301, L8542-8560), §8 fact 6",
    ),
    # The Nav leader sets the agenda from what it knows of the office, against owners
    # whose grasp of it is thin (003 §8 facts 5, 6; L8312-8318): knocked out, the owners
    # know and attend to the office as its leader does, the leader sets a smaller share
    # of the agenda, its agenda moves the meetings less and fewer end in consensus (C2).
    Knockout(
        "know_the_office",
        {"agenda_share": DOWN, "consensus_share": DOWN},
        "003 §8 facts 5, 6 (L8312-8318, L8210-8214); C2",
    ),
    # The owners share the partnership's goal and dispute only what costs put at stake
    # (003 §8 fact 7, §5.2 L6192-6212; ch5_9 §8 fact 22): knocked out, every item is in
    # dispute, meetings that do not agree end in conflict unless trust settles them,
    # and conflict breaks trust (C1).
    Knockout(
        "share_goals",
        {"conflict_share": UP, "trust_owners": DOWN},
        "003 §8 fact 7, §5.2 (L6192-6212), C1; ch5_9 §8 fact 22 (L7208)",
    ),
    # A member's voice follows what it brings to the office, its share of the office's
    # municipal costs (003 §6.2 L7975-7995, §5.2 L6153-6171): knocked out, every member
    # counts as if it brought the whole office and Lister's non-host rådmenn gain
    # influence.
    Knockout(
        "weigh_by_stake",
        {"lister_nonhost_influence": UP},
        "003 §6.2 (L7975-7995), §5.2 (L6153-6171, L6192-6212)",
        scenario="lister",
    ),
]
LATE = 36  # the lister_late host office forms in this month


def summarise(model: NavPartnershipModel) -> dict[str, float]:
    """The quantities the claims are about, over the last ``WINDOW`` recorded months."""
    tables = model.recorder.tables()
    mod = tables["model"]
    last = mod[mod["month"] > MONTHS - WINDOW]
    assert len(last) == WINDOW
    out = {c: float(last[c].mean()) for c in MODEL_COLUMNS}
    out["exit_rate"] = float((last["exits_to_work"] / last["n_users"]).mean())
    offices = tables["offices"]
    window = offices[offices["month"] > MONTHS - WINDOW]
    out["detail_steered"] = float(window["detail_steered"].mean())
    out["consensus_share"] = float(
        window["meetings_consensus"].sum() / max(window["meetings_held"].sum(), 1)
    )
    out["conflict_share"] = float(
        window["meetings_conflict"].sum() / max(window["meetings_held"].sum(), 1)
    )
    small = window[window["n_staff"] <= SMALL_OFFICE]
    out["small_exit_rate"] = float(small["exits_to_work"].sum() / small["n_users"].sum())
    out["small_starts_rate"] = float(small["starts"].sum() / small["n_waiting"].sum())
    multi = window[window["n_municipalities"] > 1]
    if len(multi):
        out["multi_exit_rate"] = float(multi["exits_to_work"].sum() / multi["n_users"].sum())
        out["multi_starts_rate"] = float(multi["starts"].sum() / multi["n_waiting"].sum())
    out.update(summarise_economics(tables, window))
    out.update(summarise_owners(model, tables["municipalities"]))
    other = np.arange(model.offices.dev_areas.shape[1]) != AREA_MERGER
    out["other_areas"] = float(model.offices.dev_areas[:, other].mean())  # at the end
    if LISTER_OFFICE in model.offices.ids:
        row = offices[(offices["office_id"] == LISTER_OFFICE) & (offices["month"] == MONTHS)]
        out["lister_transition_months"] = float(row["transition_months"].item())
        out["lister_in_transition"] = float(row["in_transition"].item())
        munis = tables["municipalities"]
        members = munis[munis["municipality_id"].isin(LISTER.offices["lister"][1:])]
        members = members[members["month"] > MONTHS - WINDOW]
        out["lister_nonhost_trust"] = float(members["radmann_trust"].mean())
        out["lister_nonhost_influence"] = float(members["radmann_influence"].mean())
        host = window[window["office_id"] == LISTER_OFFICE]
        out["lister_dev_capacity"] = float(host["leader_dev_capacity"].mean())
        out.update(summarise_reorganisation(model, offices, tables["offices_lineage"]))
    out.update(summarise_shared_offices(offices, tables["municipalities"]))
    return out


def summarise_owners(model: NavPartnershipModel, munis) -> dict[str, float]:
    """The owners' satisfaction over the window and the ordfører's information at the end.

    ``owner_satisfaction_gap``: mean rådmann − ordfører satisfaction over the window;
    ``ordforer_informed``: the ordførere's mean information (``inform_owners``) in the
    last month; ``agenda_share``: the offices' mean share of the agenda their leader
    sets, last month.
    """
    window = munis[munis["month"] > MONTHS - WINDOW]
    rad, ord_ = window["radmann_satisfaction"], window["ordforer_satisfaction"]
    return {
        "ordforer_satisfaction": float(ord_.mean()),
        "owner_satisfaction_gap": float((rad - ord_).mean()),
        "ordforer_informed": float(model.munis.ord_informed[model.munis.alive].mean()),
        "agenda_share": float(model.offices.agenda_share.mean()),
    }


def summarise_shared_offices(offices, munis) -> dict[str, float]:
    """Ties and contacts of the offices serving several municipalities, over the window."""
    served = munis.groupby(["month", "office_id"]).size().rename("served").reset_index()
    window = offices[offices["month"] > MONTHS - WINDOW].merge(served, on=["month", "office_id"])
    shared = window[window["served"] > 1]
    return {
        "shared_cooperation_quality": float(shared["cooperation_quality"].mean()),
        "shared_external_cooperation": float(shared["external_cooperation"].mean()),
    }


def summarise_reorganisation(model, offices, lineage) -> dict[str, float]:
    """Lister's reorganisation: its offices' mean load per month from the decision on,
    and the predecessors' development capacity while they prepare (a late event)."""
    event = model.cfg.scenario.month
    if event <= 0:
        return {}
    first = max(event - model.cfg.partnership.reorganisation_lead_months, 0) + 1
    old = lineage[lineage["office_id"] == LISTER_OFFICE]["predecessor_id"]
    mine = offices[offices["office_id"].isin({*old, LISTER_OFFICE}) & (offices["month"] >= first)]
    before = mine[(mine["month"] <= event) & mine["office_id"].isin(set(old))]
    return {
        "lister_reorganisation_load": float(
            mine.groupby("month")["reorganisation_load"].mean().sum()
        ),
        "lister_prep_dev_capacity": float(before["leader_dev_capacity"].mean()),
    }


def summarise_economics(tables: dict, window) -> dict[str, float]:
    """The owners' economics quantities over the window (issue 20).

    ``cost_attention_slope``: slope of the rådmann's attention on the municipality's
    own-cost index; ``high_cost_satisfaction``: mean satisfaction of rådmenn whose cost
    per inhabitant is above their county's; ``mix_results_corr``: correlation of the
    office's expected exit rate (its user mix: low = heavy) with its results ratio, over
    review months; ``heavy_mix_steered``: detail-steered share of offices with a heavier
    mix than the month's median minus that of the others; ``cd_attention``: the county
    director's attention per partnership; ``cd_trust`` its trust in the partnerships.
    """
    actors, munis = tables["actors"], tables["municipalities"]
    actors = actors[actors["month"] > MONTHS - WINDOW]
    munis = munis[munis["month"] > MONTHS - WINDOW]
    rad = actors[actors["role"] == "radmann"].merge(
        munis[["month", "municipality_id", "own_cost_index"]], on=["month", "municipality_id"]
    )
    slope = np.polyfit(rad["own_cost_index"], rad["attention"], 1)[0]
    high = munis[munis["own_cost_index"] > 0]
    director = actors[actors["role"] == "county_director"]
    calendar = window["month"] % 12 + 1  # start 2019-01: month 0 is January
    reviews = window[calendar.isin(REVIEW_MONTHS)]  # offices are judged in these months
    heavy = reviews["expected_exit_rate"] < reviews.groupby("month")[
        "expected_exit_rate"
    ].transform("median")
    return {
        "cost_attention_slope": float(slope),
        "high_cost_satisfaction": float(high["radmann_satisfaction"].mean()),
        "mix_results_corr": float(
            np.corrcoef(reviews["expected_exit_rate"], reviews["results_ratio"])[0, 1]
        ),
        "heavy_mix_steered": float(
            reviews.loc[heavy, "detail_steered"].mean()
            - reviews.loc[~heavy, "detail_steered"].mean()
        ),
        "cd_attention": float(director["attention"].mean()),
        "cd_trust": float(director["trust_in_partner"].mean()),
    }


def run(scenario: str, seed: int, off: str | None = None) -> dict[str, float]:
    """One run of ``scenario`` with mechanism ``off`` switched off (None = baseline)."""
    # one office per municipality (26 partnerships in Agder, 13 on today's map): the
    # claims are about mechanisms, not a map, and every seed must agree
    cfg = ModelConfig(months=MONTHS, structure="municipal")
    if scenario == "distant":  # today's map: offices serving several municipalities
        cfg.structure = "present"
    for name in AT_SWEEP_TOP.get(scenario, ()):
        setattr(cfg.size, name, SIZE_FIELDS[name].metadata["sweep"][1])
    if scenario in ("lister", "lister_late"):
        host, *members = LISTER.offices["lister"]
        cfg.structure = "municipal"
        month = LATE if scenario == "lister_late" else 0
        cfg.scenario = ScenarioConfig(name=["host_office"], month=month, host=host, members=members)
    if scenario == "present_duty":
        cfg.structure = "present"
        cfg.governance.common_duty_to_cooperate = "after_2021"
    if off is not None:
        assert hasattr(cfg.mechanisms, off), off
        setattr(cfg.mechanisms, off, False)
    model = NavPartnershipModel(cfg, rng=seed)
    if scenario == "reorganisation":
        model.schedule(0, lambda: begin_reorganisation(model, range(model.n_offices), 36))
    model.run()
    return summarise(model)


@pytest.fixture(scope="module")
def runs():
    """Cache: (scenario, mechanism or None, seed) -> summary, shared by the module."""
    cache: dict[tuple[str, str | None, int], dict[str, float]] = {}

    def get(scenario: str, off: str | None, seed: int) -> dict[str, float]:
        key = (scenario, off, seed)
        if key not in cache:
            cache[key] = run(scenario, seed, off)
        return cache[key]

    return get


def test_every_mechanism_has_a_knockout_claim():
    switches = set(vars(ModelConfig().mechanisms))
    assert {k.mechanism for k in KNOCKOUTS} == switches


@pytest.mark.parametrize("case", KNOCKOUTS, ids=[k.mechanism for k in KNOCKOUTS])
def test_knockout_moves_intermediate_and_outcome(case: Knockout, runs):
    claims = {**case.expect, **case.extra}
    failures = []
    for metric, sign in [*claims.items(), *case.in_mean.items(), *case.mostly.items()]:
        diffs = np.array(
            [
                runs(case.scenario, case.mechanism, s)[metric]
                - runs(case.scenario, None, s)[metric]
                for s in case.seeds
            ]
        )
        word = "rise" if sign > 0 else "fall"
        if metric in case.in_mean:
            st = paired_stats(diffs, 0.90)
            if not (st["ci_low"] > 0 if sign > 0 else st["ci_high"] < 0):
                failures.append(
                    f"{metric} should {word} on average when {case.mechanism} is off "
                    f"({case.source}); 90% interval [{st['ci_low']:.5g}, {st['ci_high']:.5g}] "
                    f"of knock-out - baseline {np.round(diffs, 5).tolist()}"
                )
        elif metric in case.mostly:
            if np.sign(diffs.mean()) != sign or np.sum(np.sign(diffs) != sign) > 1:
                failures.append(
                    f"{metric} should {word} mostly when {case.mechanism} is off "
                    f"({case.source}): the mean and all seeds but one; knock-out - baseline "
                    f"per seed {list(case.seeds)}: {np.round(diffs, 5).tolist()}"
                )
        elif not np.all(np.sign(diffs) == sign):
            failures.append(
                f"{metric} should {word} when {case.mechanism} is off ({case.source}); "
                f"knock-out - baseline per seed {list(case.seeds)}: {np.round(diffs, 5).tolist()}"
            )
    assert not failures, "\n".join(failures)


def test_host_transition_never_ends_without_the_transition_rule(runs):
    """003 §5.2: without all rådmenn attending, the non-hosts' trust does not build and
    the transition does not end; with them, it lasts at most as long, and ends in
    some seeds (its length is an outcome: the seeds differ)."""
    ended = 0
    for s in SEEDS:
        base = runs("lister", None, s)
        ko = runs("lister", "transition_host_trust", s)
        assert ko["lister_in_transition"] == 1.0, s
        assert base["lister_transition_months"] <= ko["lister_transition_months"], s
        ended += base["lister_in_transition"] == 0.0
    assert ended >= 1
