"""Service-level cooperation: inside and across units, caseloads, ties, outcomes, rankings."""

from __future__ import annotations

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
        measured="internal_cooperation − external_cooperation, mean months 1-60",
        measure=diff(
            "default", "internal_cooperation_mean", "default", "external_cooperation_mean"
        ),
        test="positive",
        why=(
            "An ordering of two outputs built from different mechanisms (teams and task "
            "gaps vs ties, barriers and gates)."
        ),
    ),
    Pattern(
        id="external_cooperation_falls_with_caseload",
        area=AREA,
        fact="veiledere with small caseloads cooperate most externally; the decline is weak",
        source=f"{COOP} §8 fact 4 (002:L7315-7343)",
        kind="emergent",
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
        kind="emergent",
        measured="relative change of the exit-to-work rate, months 49-60 vs 1-12",
        measure=per_seed("default", "exit_rate_change"),
        test="band",
        band=(-0.10, 0.10),
        why=(
            "'Stable or worse': within ±10% over four years while cross-work rises. "
            "Emergent: exits follow follow-up hours, ties and the labour market."
        ),
    ),
    Pattern(
        id="office_rankings_stable",
        area=AREA,
        fact="small and large offices differ systematically; heterogeneity comes from structure",
        source=f"{CH14} §7 fact 13 (L2115-2132); DESIGN §8",
        kind="emergent",
        measured="Spearman of the offices' exit-to-work rates between seeds k and k+1, Vestland",
        measure=between_seeds("vestland", rank_agreement),
        test="band",
        band=(0.5, 1.0),
        why=(
            "Rankings must be stable, not reshuffled by noise: rank correlation 0.5-1 between "
            "independent seeds. Emergent: exits follow need mix, staffing, ties and the "
            "labour market of each place."
        ),
    ),
    Pattern(
        id="turnover_thins_ties",
        area=AREA,
        fact="ties depend on people and decay with turnover",
        source=f"{COOP} §8 fact 1 (002:L2213-2223), M12, M13",
        kind="emergent",
        measured="Spearman(staff_turnover, cooperation_quality) across Vestland's offices",
        measure=per_seed("vestland", "rho_turnover_cooperation"),
        test="negative",
        why=(
            "A sign across offices. A new hire starting at the base tie is the input; that "
            "offices with more turnover end with weaker cooperation, against their size, "
            "caseload and arenas, is not."
        ),
    ),
]
