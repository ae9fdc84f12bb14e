"""Reorganisation: regionalisation's crowding out, and host offices' trust transition.

The crowding out of cooperation, exits, waits and development work is a downstream
consequence of the hours and attention a reorganisation takes
(``crowd_out_by_reorganisation``); the host office's trust transition is built in its
meetings (``transition_host_trust``); the non-host rådmenn's influence is set by the
seating rule (its ``set_by``).
"""

from __future__ import annotations

from analysis.patterns.suite import CH14, CH59, F003, Pattern, diff, per_seed

AREA = "reorganisation"

PATTERNS: list[Pattern] = [
    Pattern(
        id="reorganisation_crowds_out_leaders",
        area=AREA,
        fact="reorganisation crowds out development work (4 of 9 plans 'merger only')",
        source=f"{F003} §8 fact 16 (L3969-3998, L4081-4103); C13",
        kind="imposed",
        mechanism=("crowd_out_by_reorganisation",),
        set_by=(
            "partnership.leader_reorganisation_share (the reorganisation load takes leader hours)"
        ),
        needs="an input by design: the report's crowding out of leaders",
        measured="leader_dev_capacity, months 25-42: regionalisation − baseline, paired by seed",
        measure=diff(
            "regionalisation",
            "leader_dev_capacity_after_event",
            "default",
            "leader_dev_capacity_after_event",
        ),
        test="negative",
        why=(
            "A paired sign. The reorganisation load takes leader hours by construction "
            "(partnership.leader_reorganisation_share), so the direction is an input."
        ),
    ),
    Pattern(
        id="reorganisation_thins_cooperation",
        area=AREA,
        fact="reorganisation crowds out cooperation work while it lasts",
        source=f"{F003} §8 fact 16 (L3969-3998); C13",
        kind="emergent",
        mechanism=("crowd_out_by_reorganisation",),
        measured="cooperation_quality, months 25-42: regionalisation − baseline, paired by seed",
        measure=diff(
            "regionalisation",
            "cooperation_quality_after_event",
            "default",
            "cooperation_quality_after_event",
        ),
        test="negative",
        why=(
            "A paired sign. Emergent: ties follow joint cases and arenas, which the load's "
            "hours and development work feed; no tie term for reorganisation."
        ),
    ),
    Pattern(
        id="reorganisation_costs_exits",
        area=AREA,
        fact="a transition costs the users (crowding out of follow-up)",
        source=f"{F003} §8 fact 16; {CH59} §9 (L18857-18865: a 'smidig' transition needs work)",
        kind="emergent",
        mechanism=("crowd_out_by_reorganisation",),
        measured="exit-to-work rate, months 25-42: regionalisation − baseline, paired by seed",
        measure=diff(
            "regionalisation", "exit_rate_after_event", "default", "exit_rate_after_event"
        ),
        test="negative",
        why=(
            "A paired sign. Emergent: exits follow follow-up hours and ties; the load takes "
            "staff hours, not exits."
        ),
    ),
    Pattern(
        id="reorganisation_lengthens_waits",
        area=AREA,
        fact="users wait longer while the offices reorganise",
        source=f"{F003} §8 fact 16; {CH14} §7 fact 5 (waits)",
        kind="emergent",
        mechanism=("crowd_out_by_reorganisation",),
        measured="mean_wait_months, months 25-48: regionalisation − baseline, paired by seed",
        measure=diff("regionalisation", "wait_after_event", "default", "wait_after_event"),
        test="positive",
        why=(
            "A paired sign. Emergent: waits come from the monthly start hazard, which follows "
            "capacity."
        ),
    ),
    Pattern(
        id="nonhost_trust_builds",
        area=AREA,
        fact="non-host municipalities need a trust transition: trust builds after the start",
        source=f"{F003} §8 fact 15 (L3728-3755, L6153-6171)",
        kind="emergent",
        mechanism=("transition_host_trust",),
        measured=(
            "non-host rådmenn's trust in the host office's leader at month 60 − the month "
            "after the event (month 25), host_office"
        ),
        measure=diff(
            "host_office", "nonhost_trust_leader_end", "host_office", "nonhost_trust_leader_start"
        ),
        test="positive",
        why=(
            "A sign (the report gives no size). A non-host whose own office closes meets a "
            "leader it has had no contact with (its trust in that leader starts at the "
            "no-contact level, partnership.trust_baseline, to which trust also relaxes); "
            "the trust it builds comes from the partnership meetings it is seated in during "
            "the transition and their outcomes (owner_views.update_host_transition, "
            "meetings). Emergent: nothing sets the rise."
        ),
    ),
    Pattern(
        id="transition_takes_time",
        area=AREA,
        fact="the trust transition is a period, not an instant",
        source=f"{F003} §5.2 (L6153-6171: 'tilstandsbasert')",
        kind="imposed",
        mechanism=("transition_host_trust",),
        set_by=(
            "partnership.host_trust_threshold above the no-contact trust "
            "(partnership.trust_baseline) the non-hosts start at in the new leader: the "
            "transition cannot end before meetings raise it"
        ),
        needs=(
            "a knock-out that makes the transition instant (none: without the meetings it "
            "never ends), or a length the report gives"
        ),
        bounds=(0, 36),
        measured=(
            "host office's transition_months at month 60 (months since the event while in "
            "transition; capped by the 36 months observed)"
        ),
        measure=per_seed("host_office", "transition_months"),
        test="band",
        band=(6.0, 35.0),
        why=(
            "The report gives no length; Agder's processes ran 2018-2020. Band 6-35 months: at "
            "least half a year (several meeting cycles) and ended within the 36 months the "
            "run observes after the event (a transition still open at the end reads 36 and "
            "fails: a state that never ends is not a transition). The transition ends when "
            "the non-hosts' trust, in the partnership and in the new leader, reaches "
            "partnership.host_trust_threshold; how long that takes comes from the meetings "
            "and the reorganisation, not from a starting dip. Imposed by the audit's rule: "
            "its knock-out makes the transition endless, not instant, so no mechanism is "
            "shown to make it a period."
        ),
    ),
    Pattern(
        id="nonhost_less_influence",
        area=AREA,
        fact="non-host municipalities have less influence over a host office",
        source=(
            f"{F003} §6.2 (L7975-7995: ≈1/5-1/4 of host-arrangement members want another "
            "model); §5.2 (L6153-6171, L6192-6212)"
        ),
        kind="emergent",
        mechanism=("weigh_by_stake",),
        needs=(
            "influence won by what the rådmann brings to the office (cost share, services "
            "placed in it), so that a small member's weaker voice is an outcome"
        ),
        measured="non-host − host rådmann perceived influence, months 25-60, host_office",
        measure=diff("host_office", "nonhost_influence", "host_office", "host_influence"),
        test="negative",
        why=(
            "A sign (the report gives no size). Emergent: a rådmann's influence counts what "
            "its municipality brings to the office, its share of the office's municipal "
            "costs (owner_views.what_each_brings: the cost key the host's rådmann chooses, "
            "by population or by use), not its seat; the non-hosts of a host office bring "
            "less than the host. Knocked out (weigh_by_stake), every member counts as if it "
            "brought the whole office and the gap all but closes (what is left comes from "
            "attention and felt dominance). Services placed in the office do not enter: the "
            "host office's portfolio is not split by member in the model."
        ),
    ),
    Pattern(
        id="reorganisation_slows_development",
        area=AREA,
        fact="offices in reorganisation fall behind in development work",
        source=f"{F003} §8 fact 16; §6.1 (4 pilot offices in mergers withdrew, L49-53)",
        kind="emergent",
        mechanism=("crowd_out_by_reorganisation",),
        measured="mean state of the 20 development areas at month 60: regionalisation − baseline",
        measure=diff("regionalisation", "dev_areas_mean", "default", "dev_areas_mean"),
        test="negative",
        why=(
            "A paired sign (the report gives no size). Emergent: areas move with the "
            "capacity leaders and owners choose to spend and with meeting outcomes, not by "
            "a reorganisation term."
        ),
    ),
]
