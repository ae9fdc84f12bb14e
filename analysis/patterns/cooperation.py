"""Service-level cooperation: inside and across units, caseloads, ties, outcomes, rankings.

Not gating (``gating=False``): flat outcomes, which cannot fail as measured on a
stationary baseline.
"""

from __future__ import annotations

import math

from analysis.patterns.runs import rank_agreement
from analysis.patterns.suite import CH14, CH59, COOP, Pattern, between_seeds, diff, per_seed

AREA = "cooperation"

PATTERNS: list[Pattern] = [
    Pattern(
        id="tight_inside_thin_across",
        area=AREA,
        fact="cooperation inside the office is rated high, across units low",
        source=f"{COOP} §8 fact 2 (002:L3443-3510)",
        kind="emergent",
        mechanism=("build_ties",),
        measured="internal_cooperation − external_cooperation, mean months 1-60",
        measure=diff(
            "default", "internal_cooperation_mean", "default", "external_cooperation_mean"
        ),
        test="positive",
        why=(
            "An ordering (the report gives no sizes on one scale). Emergent: the ties inside "
            "the office build from daily shared work (co-location, mixed teams, the other "
            "line's tasks: staff.internal_tie), the external ones only from contacts on "
            "complex cases across unit barriers and the leader's gate."
        ),
    ),
    Pattern(
        id="external_cooperation_falls_with_caseload",
        area=AREA,
        fact="veiledere with small caseloads cooperate most externally; the decline is weak",
        source=f"{COOP} §8 fact 4 (002:L7315-7343)",
        kind="imposed",
        mechanism=("crowd_out_follow_up",),
        set_by="cooperation.caseload_sensitivity in the contact probability",
        bounds=(-1, 1),
        needs=(
            "contacts limited by the veileder's hours: with more users each gets fewer hours "
            "and fewer contacts"
        ),
        measured="Spearman(users per staff, external_cooperation) across Vestland's offices",
        measure=per_seed("vestland", "rho_caseload_external"),
        test="negative",
        why=(
            "A sign across offices (as tests/test_patterns.py). Emergent: the per-contact "
            "caseload factor is an input, but office rankings also depend on ties, gates and "
            "unit barriers."
        ),
    ),
    Pattern(
        id="small_offices_better_relations",
        area=AREA,
        fact="small offices have better relations",
        source=f"{CH59} §8 fact 17; {COOP} M10",
        kind="imposed",
        mechanism=("build_ties",),
        set_by="cooperation.size_sensitivity",
        bounds=(-1, 1),
        needs=("ties held per person: in a small office the same few people meet the units often"),
        measured="Spearman(office staff, cooperation_quality) across Vestland's offices",
        measure=per_seed("vestland", "rho_size_cooperation"),
        test="negative",
        why="A sign; cooperation.size_sensitivity is the input.",
    ),
    Pattern(
        id="health_hardest_interface",
        area=AREA,
        fact="health is the hardest interface",
        source=f"{COOP} §8 fact 12 (002:L6194-6251)",
        kind="imposed",
        set_by="cooperation.barrier_health < barrier_other",
        needs=(
            "the health units' own capacity and priorities (a unit agent) in place of a "
            "barrier factor"
        ),
        measured=(
            "contacts per active complex case needing health − needing the other municipal and "
            "specialist units, months 1-60"
        ),
        measure=diff("default", "contact_rate_health", "default", "contact_rate_other_units"),
        test="negative",
        why=(
            "An ordering; cooperation.barrier_health < barrier_other is the input. (The pilot "
            "measured tie strength, which is highest with health because health cases are the "
            "most numerous: contact volume, not how hard each case is.)"
        ),
    ),
    Pattern(
        id="flat_outcomes",
        area=AREA,
        fact="outcomes stay flat despite more cooperation activity",
        source=f"{COOP} §8 fact 16 (002:L7776-7796; 004:L353-356)",
        kind="imposed",
        set_by=("a stationary baseline: no input trends, so the exit rate is flat by construction"),
        bounds=(-1, math.inf),
        needs=(
            "a rising cooperation activity in the baseline (the partnership's development "
            "over the 2010s), so that 'flat despite more activity' can be tested"
        ),
        measured="relative change of the exit-to-work rate, months 49-60 vs 1-12",
        measure=per_seed("default", "exit_rate_change"),
        test="band",
        band=(-0.10, 0.10),
        why=(
            "'Stable or worse': within ±10% over four years while cross-work rises. Not "
            "gating: as measured it cannot fail, since the baseline has no trend in its "
            "inputs and so none in its exits; a test needs cooperation activity that rises "
            "in the baseline (see needs)."
        ),
        gating=False,
    ),
    Pattern(
        id="office_rankings_stable",
        area=AREA,
        fact="small and large offices differ systematically; heterogeneity comes from structure",
        source=f"{CH14} §7 fact 13 (L2115-2132); DESIGN §8",
        kind="imposed",
        set_by=(
            "the offices' structure from data (population, user mix, staffing): the fact is "
            "that structure orders them"
        ),
        bounds=(-1, 1),
        needs="an input by design: structure is the claimed cause",
        measured="Spearman of the offices' exit-to-work rates between seeds k and k+1, Vestland",
        measure=between_seeds("vestland", rank_agreement),
        test="band",
        band=(0.5, None),
        why=(
            "Rankings must be stable, not reshuffled by noise: rank correlation at least 0.5 "
            "between independent seeds (one-sided: the report gives no figure). Imposed: "
            "the structure from data (need mix, staffing, labour market of each place) is "
            "what orders the offices; no mechanism is claimed."
        ),
    ),
    Pattern(
        id="turnover_thins_ties",
        area=AREA,
        fact="ties depend on people and decay with turnover",
        source=f"{COOP} §8 fact 1 (002:L2213-2223), M12, M13",
        kind="imposed",
        mechanism=("build_ties",),
        set_by="new hires start with their ties at cooperation.tie_base (staff_dynamics.hire)",
        needs=(
            "turnover that costs the office more than the leaver's own ties: the colleagues' "
            "knowledge of whom to call and the units' trust in the office (coop M12)"
        ),
        bounds=(-1, 1),
        measured="Spearman(staff_turnover, cooperation_quality) across Vestland's offices",
        measure=per_seed("vestland", "rho_turnover_cooperation"),
        test="negative",
        why=(
            "A sign across offices. Imposed: a new hire starts at the base tie, and the "
            "audit shows that this reset, not the building of ties, makes the sign: with "
            "build_ties off the correlation stays."
        ),
    ),
]
