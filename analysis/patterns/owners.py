"""Owners: rådmann and ordfører in the partnership (dominance, satisfaction, meetings, trust).

Not reproduced (``gating=False``): more than 75% of rådmenn satisfied.
"""

from __future__ import annotations

from analysis.patterns.runs import MONTHS, SURVEY_MONTH, TREND_MONTHS
from analysis.patterns.suite import CH59, F003, Pattern, diff, each, per_seed, ratio

AREA = "owners"


def owners_dominance_share(x: dict[str, float], month: int) -> float:
    """Mean of the survey layer's R and O shares seeing state dominance at a month."""
    return 0.5 * (
        x[f"survey{month}:owners/radmann/state_dominates"]
        + x[f"survey{month}:owners/ordforer/state_dominates"]
    )


PATTERNS: list[Pattern] = [
    Pattern(
        id="dominance_falls",
        area=AREA,
        fact="perceived state dominance falls over time (≈75% in 2011 → 61% R / 44% O in 2019)",
        source=f"{F003} §8 fact 2; §6.2 (L8573-8599)",
        kind="calibrated",
        measured=(
            "fall per year, months 0→48, of the mean of the survey layer's R and O shares "
            "seeing state dominance (sim/survey.py)"
        ),
        measure=each(
            "default",
            lambda x: (
                (owners_dominance_share(x, 0) - owners_dominance_share(x, SURVEY_MONTH))
                / (SURVEY_MONTH / 12)
            ),
        ),
        test="band",
        band=(0.01, 0.045),
        why=(
            "The survey's mean of R and O fell from ≈0.75 to 0.525 over 8 years, ≈0.028 a year. "
            "The model continues the trend after 2019; a band from a third to 1.5 times that "
            "rate (0.01-0.045 a year) admits that the trend slows as dominance nears its "
            "steering target and the survey items' sampling error (n≈200 R, ≈150 O). Read like "
            "the survey, through the survey layer: the band is in survey shares (it was once "
            "applied to the model state, whose scale is not the share's). Calibrated: "
            "partnership.dominance_steering, dominance_rate and dominance_consensus_step are "
            "fitted to it and to the 2011→2019 pattern below (analysis/fit_survey_trends.py)."
        ),
    ),
    Pattern(
        id="dominance_2011_to_2019_in_the_survey",
        area=AREA,
        fact="perceived state dominance: ≈75% of O/R in 2011, 61% R / 44% O in 2019",
        source=f"{F003} §6.2 (L8573-8599); §8 fact 2",
        kind="calibrated",
        measured=(
            "mean of the survey layer's R and O shares seeing state dominance at month 96 "
            "of a run from 2011-01 (it starts at the 2011 values)"
        ),
        measure=each("from_2011", lambda x: owners_dominance_share(x, TREND_MONTHS)),
        test="band",
        band=(0.455, 0.595),
        why=(
            "Like with like through the survey layer (sim/survey.py): the 2019 mean of R and O, "
            "0.525, ± 0.07 (the 95% sampling half-widths of R, 0.076, and O, 0.094, for their "
            "mean). Calibrated: partnership.dominance_steering, dominance_rate and "
            "dominance_consensus_step are fitted to it (analysis/fit_survey_trends.py); before "
            "that fit, with the drift fitted to the state read as a share, the model's share "
            "fell to ≈0.11 by 2019."
        ),
    ),
    Pattern(
        id="radmann_sees_more_dominance",
        area=AREA,
        fact="rådmenn perceive more state dominance than ordførere (61% vs 44%)",
        source=f"{F003} §6.2 (L8573-8599)",
        kind="imposed",
        measured="survey layer's R share − O share seeing state dominance at month 60",
        measure=each(
            "default",
            lambda x: (
                x[f"survey{MONTHS}:owners/radmann/state_dominates"]
                - x[f"survey{MONTHS}:owners/ordforer/state_dominates"]
            ),
        ),
        test="band",
        band=(0.05, 0.30),
        why=(
            "Reported gap 0.17 (shares); the anchored start and "
            "partnership.dominance_ordforer_offset impose it. Band 0.05-0.30: the gap must "
            "persist through meetings and drift. Read through the survey layer, like the "
            "reported shares (the model states' gap is on another scale)."
        ),
    ),
    Pattern(
        id="radmann_informed_ordforer_distant",
        area=AREA,
        fact="the rådmann is informed, the ordfører distant",
        source=f"{F003} §8 fact 6 (L8210-8214, L8411-8424)",
        kind="imposed",
        measured="rådmann − ordfører mean perceived influence, months 1-60 (actors table)",
        measure=diff("default", "radmann_influence", "default", "ordforer_influence"),
        test="positive",
        why=(
            "An ordering; attention is an input (radmann_attention > ordforer_attention) and "
            "influence follows from it."
        ),
    ),
    Pattern(
        id="radmenn_satisfied_despite_dominance",
        area=AREA,
        fact="asymmetric but satisfied owners: >75% of rådmenn say cooperation works well",
        source=f"{F003} §8 fact 1; §6.2 (L8542-8560)",
        kind="emergent",
        measured="share of rådmenn with satisfaction > 0.5 at month 60",
        measure=per_seed("default", "radmann_satisfied_share"),
        test="band",
        band=(0.75, 1.0),
        why=(
            "Reported >75% of R (2019 and 2011), so the band is the report's: 0.75-1.0. "
            "Not reproduced: the model's share sits near 0.6 (10 seeds: mean 0.635 before "
            "the decisions' own random streams, 0.604 after; it passed only the former, "
            "wider band 0.6-1.0, and only just). The model's satisfaction is not the survey "
            "item; measuring it like the survey is issue 22's. Emergent: satisfaction "
            "follows results, trust and influence; no satisfaction level is an input."
        ),
        gating=False,
    ),
    Pattern(
        id="ordforer_less_satisfied",
        area=AREA,
        fact="ordførere rate the cooperation lower than rådmenn (≈60% vs >75%)",
        source=f"{F003} §6.2 (L8542-8560)",
        kind="emergent",
        measured="share of rådmenn minus share of ordførere with satisfaction > 0.5, month 60",
        measure=diff("default", "radmann_satisfied_share", "default", "ordforer_satisfied_share"),
        test="positive",
        why=(
            "An ordering (R > O by ≈15 pp in the report). Emergent from the two roles' "
            "attention, trust and influence."
        ),
    ),
    Pattern(
        id="conflict_rare",
        area=AREA,
        fact="formal conflict between the owners is rare",
        source=f"{CH59} §8 fact 22 (L7208)",
        kind="calibrated",
        measured="meetings ending in conflict / in consensus, months 1-60",
        measure=ratio("default", "conflict", "consensus"),
        test="band",
        band=(0.0, 0.2),
        why=(
            "Three disputes in the national board's lifetime: conflict must be well under a "
            "fifth of consensus outcomes (band 0-0.2), as in tests/test_patterns.py. "
            "Calibrated (partnership.conflict_intercept)."
        ),
    ),
    Pattern(
        id="meetings_infrequent",
        area=AREA,
        fact="formal owner meetings are infrequent: 1-2 a year",
        source=f"{F003} §8 fact 4 (L8215-8254)",
        kind="imposed",
        measured="partnership meetings held per office per year, months 1-60",
        measure=per_seed("default", "meetings_per_office_year"),
        test="band",
        band=(1.0, 2.2),
        why=(
            "Reported mostly 1-2 a year, ≈10% below one. governance.meetings_per_year=2 is the "
            "input; the band 1-2.2 checks that the calendar delivers it."
        ),
    ),
    Pattern(
        id="trust_high_everywhere",
        area=AREA,
        fact="trust is high everywhere",
        source=f"{F003} §8 fact 19 (L5145-5178)",
        kind="imposed",
        measured="share of offices with trust_owners > 0.5, mean over months 0-60",
        measure=per_seed("default", "trust_high_share"),
        test="band",
        band=(0.9, 1.0),
        why=(
            "'High everywhere': at least 90% of offices, as in tests/test_patterns.py. The "
            "starting level (partnership.trust_init) is an input from this fact."
        ),
    ),
]
