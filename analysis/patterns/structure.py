"""Office structure of the national build: sizes, staffing, municipal shares, portfolios."""

from __future__ import annotations

import math

from analysis.patterns.suite import CH59, Pattern, per_seed

AREA = "structure"

PATTERNS: list[Pattern] = [
    Pattern(
        id="office_sizes_skewed",
        area=AREA,
        fact="office sizes are highly skewed (0.6 to 180 årsverk)",
        source=f"{CH59} §8 fact 1 (L6657-6659)",
        kind="calibrated",
        needs="an input by design: the staffing rule on the data's populations",
        set_by="staff.size_exponent (the staffing rule on the data's populations)",
        bounds=(1, math.inf),
        measured="max / median staff per office, national build",
        measure=per_seed("norway", "size_max_median"),
        test="band",
        band=(10.0, 20.0),
        why=(
            "Reported 180 / median ≈ 10-20 (the median office from table 5.1's size bands). "
            "Band 10-20, the reported range. Calibrated (staff.size_exponent)."
        ),
    ),
    Pattern(
        id="small_offices_better_staffed",
        area=AREA,
        fact="small offices are relatively better staffed",
        source=f"{CH59} §8 fact 16 (L18792)",
        kind="imposed",
        set_by="staff.size_exponent < 1 and the minimum staffing (inputs)",
        needs="an input by design: the staffing rule",
        measured="Spearman(office population, staff per 1,000 inhabitants), national build",
        measure=per_seed("norway", "rho_pop_staff_per_1000"),
        test="negative",
        why="A sign; staff.size_exponent < 1 and the minimum guarantee are inputs.",
    ),
    Pattern(
        id="municipal_share_in_large_offices",
        area=AREA,
        fact="the municipal side dominates in the biggest cities, the state in smaller offices",
        source=f"{CH59} §8 fact 4 (L10984-10988)",
        kind="imposed",
        set_by="staff.municipal_share_small and municipal_share_large (inputs)",
        needs="an input by design: the staffing rule",
        measured="municipal staff share of the largest fifth − smallest fifth of offices, national",
        measure=per_seed("norway", "municipal_share_large_minus_small"),
        test="positive",
        why="A sign; staff.municipal_share_small/_large are inputs.",
    ),
    Pattern(
        id="small_municipalities_load_services",
        area=AREA,
        fact="small municipalities place more services in the office",
        source=f"{CH59} §8 fact 2 (L6997-6999)",
        kind="imposed",
        set_by="portfolios drawn by a size-tilted score (input)",
        needs=(
            "the rådmann's decision to place services in the office, weighing the "
            "municipality's own capacity"
        ),
        measured="Spearman(municipal population, portfolio size), national build",
        measure=per_seed("norway", "rho_pop_portfolio"),
        test="negative",
        why="A sign; portfolios are drawn by a size-tilted score (input).",
    ),
]
