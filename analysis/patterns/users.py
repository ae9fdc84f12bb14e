"""Users: waits and exits to work by need group (expert group ch1_4)."""

from __future__ import annotations

from analysis.patterns.suite import CH14, Pattern, per_seed

AREA = "users"

PATTERNS: list[Pattern] = [
    Pattern(
        id="waits_right_skewed",
        area=AREA,
        fact="waits are right-skewed (mean 217 vs median 155 days)",
        source=f"{CH14} §7 fact 5 (L5107-5111; L4081-4087)",
        kind="emergent",
        measured="mean / median wait of users starting follow-up, months 1-60",
        measure=per_seed("default", "wait_mean_median"),
        test="band",
        band=(1.1, 3.0),
        why=(
            "Reported ratios 1.4 (RCW) and ≥2.6 (youth). Band 1.1-3.0 covers both. Emergent: "
            "no wait distribution is an input (a monthly start hazard)."
        ),
    ),
    Pattern(
        id="rcw_mean_wait",
        area=AREA,
        fact="people with reduced work capacity wait 217 days on average",
        source=f"{CH14} §2.7 (L5107-5111)",
        kind="calibrated",
        measured="mean wait (months) of reduced-capacity users starting follow-up",
        measure=per_seed("default", "rcw_wait_mean"),
        test="band",
        band=(5.1, 9.1),
        why=(
            "7.1 months ±2 (tests/test_users.py): the model's wait runs from registration, "
            "a wider event than the report's. Calibrated (users.start_rate_weight_*)."
        ),
    ),
    Pattern(
        id="rcw_exit_to_work",
        area=AREA,
        fact="about 40% of people with reduced work capacity leave for work",
        source=f"{CH14} §7 fact 6 (L6356-6358)",
        kind="calibrated",
        measured="share of reduced-capacity exits going to work",
        measure=per_seed("default", "work_share_reduced_capacity"),
        test="band",
        band=(0.32, 0.48),
        why="40% ±8 pp (tests/test_users.py): definitional uncertainty of the statistic.",
    ),
    Pattern(
        id="jobseeker_exit_to_work",
        area=AREA,
        fact="most jobseekers exit to work without substantial help",
        source=f"{CH14} §7 fact 1 (L3372-3381)",
        kind="calibrated",
        measured="share of jobseeker exits going to work",
        measure=per_seed("default", "work_share_jobseeker"),
        test="band",
        band=(0.55, 0.85),
        why="'hovedtyngden': a majority with margin, below 0.85 (education, other benefits).",
    ),
    Pattern(
        id="social_assistance_exit_to_work",
        area=AREA,
        fact="33-38% of KVP completers go to work, incl. subsidised work",
        source=f"{CH14} §7 fact 6 (L5804-5810)",
        kind="calibrated",
        measured="share of social-assistance exits going to work",
        measure=per_seed("default", "work_share_social_assistance"),
        test="band",
        band=(0.28, 0.45),
        why="The reported range widened by 5-7 pp each side for the SA/KVP mix (0.28-0.45).",
    ),
]
