"""The suite's documents: ``docs/validation.md`` and the patterns table of ``docs/ODD.md``.

``markdown`` renders a run of the suite (``navsim-validate`` writes it unless
``--write-docs``); ``odd_patterns_table`` lists the catalogue as ODD element 1 does (no
runs needed), written between the markers of ``docs/ODD.md`` by ``navsim-validate
--write-odd`` and checked by ``tests/test_validation.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from analysis.patterns.audit import LEVEL, WEAKER, Audit, counts
from analysis.patterns.catalogue import NOT_REPRODUCED, PATTERNS
from analysis.patterns.runs import MONTHS, TREND_MONTHS, Measures
from analysis.patterns.suite import AGREE, Result, totals
from analysis.patterns.totals import markdown_section as totals_section
from sim import survey

DOCS_PATH = Path(__file__).resolve().parents[2] / "docs" / "validation.md"


def table_row(cells: list) -> str:
    """One markdown table row (a ``|`` inside a cell escaped)."""
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def markdown_rows(results: list[Result]) -> list[str]:
    """The rows of a markdown validation table."""
    lines = [
        "| pattern | area | fact | source | kind | measured | value [5%, 95%] | tolerance | "
        "seeds agreeing | result |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        row = r.row()
        value = f"{row['value']:.3g} [{row['interval_5']:.3g}, {row['interval_95']:.3g}]"
        cells = [
            f"`{row['pattern']}`",
            row["area"],
            row["fact"],
            row["source"],
            row["kind"],
            row["measured"],
            value,
            row["tolerance"],
            f"{row['seeds_agreeing']:.0%}",
            f"**{row['result']}**",
        ]
        lines.append(table_row(cells))
    return lines


def seed_values(measures: Measures, run: str, key: str) -> np.ndarray:
    """The per-seed values of one measure of one run (empty if not measured)."""
    return np.array([m[key] for m in measures.get(run, []) if key in m], float)


def seed_mean(measures: Measures, run: str, key: str) -> float:
    """The mean over seeds of one measure of one run (nan if not measured)."""
    values = seed_values(measures, run, key)
    return float(values.mean()) if len(values) else float("nan")


def seed_summary(measures: Measures, run: str, key: str) -> str:
    """Mean [5%, 95%] over seeds of one measure of one run, or a dash if not measured."""
    values = seed_values(measures, run, key)
    if not len(values):
        return "-"
    lo, hi = np.percentile(values, [5, 95])
    return f"{values.mean():.2f} [{lo:.2f}, {hi:.2f}]"


# The source of the instruments with no reported value of their own.
UNTARGETED_SOURCES = {
    "equal_partners": "003 §6.2 (as state_dominates)",
    "team_satisfied": "003 §6.3 L8929-8966 (an ordering: municipal staff more critical)",
}


def survey_section(measures: Measures) -> list[str]:
    """The survey layer at month 0 beside the reported shares (sim/survey.py)."""
    lines = [
        "## The survey layer at month 0",
        "",
        "What each survey would have measured in the model (`sim/survey.py`: one response "
        "model, latent = state + respondent noise, five-point answer by thresholds; "
        "the share giving the item's answers), mean [5%, 95%] over the seeds, beside the "
        "reported share ± its 95% sampling half-width. *Default*: the suite's Agder run on "
        "the 2019 office map (`structure=2019`, the surveys' year) at month 0 (2019-01). "
        "*From 2011*: a run from 2011-01 on one office per municipality (`structure="
        "municipal`, the map closest to 2011; its month 0 is the 2011 survey) at month "
        f"{TREND_MONTHS} (2019-01). Anchored items start at the start "
        "month's survey value whatever the burn-in (ODD element 5); the others are what "
        "the model's own mechanisms give. *Within*: the default run's mean lies within the "
        "reported share ± its half-width.",
        "",
        "| survey | group | item | anchored | default, month 0 | reported 2019 | within | "
        f"from 2011, month {TREND_MONTHS} | source |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key in survey.instruments():
        name = "/".join(key)
        within = "-"
        try:
            value, tol = survey.reported(*key, 2019)
            reported = f"{value:.2f} ± {tol:.2f}"
            mean = seed_mean(measures, "default", f"survey0:{name}")
            within = "yes" if abs(mean - value) <= tol else "**no**"
        except KeyError:
            reported = "-"
        rows = [t for t in survey.TARGETS if (t.survey, t.group, t.item) == key]
        if rows and rows[0].value is None:
            reported = rows[0].note.split(";")[0]
        source = rows[-1].source if rows else UNTARGETED_SOURCES[key[2]]
        cells = [
            *key,
            "yes" if key in survey.ANCHORED else "no",
            seed_summary(measures, "default", f"survey0:{name}"),
            reported,
            within,
            seed_summary(measures, "from_2011", f"survey{TREND_MONTHS}:{name}"),
            source,
        ]
        lines.append(table_row(cells))
    return lines


def summary(result: Result | None) -> str:
    """Mean [5%, 95%] of a result, or a dash."""
    if result is None:
        return "-"
    return f"{result.mean:.3g} [{result.lo:.3g}, {result.hi:.3g}]"


def kind_cell(a: Audit) -> str:
    """The audit table's kind: bold when emergent, marked when not judged."""
    if not a.judged:
        return f"{a.kind} (not judged)"
    return f"**{a.kind}**" if a.kind == "emergent" else a.kind


def audit_section(audits: list[Audit]) -> list[str]:
    """The audit table (pattern, mechanism, knock-out effect, kind) and what is missing."""
    c = counts(audits)
    lines = [
        "## The audit: which mechanism produces each pattern",
        "",
        "Each pattern names the knock-out switches of the mechanism that should produce it "
        "(`sim.config.MechanismSwitches`) and, if a parameter or formula sets the measured "
        "quantity directly, what sets it (`analysis/patterns/<area>.py`: `mechanism`, "
        "`set_by`). The pattern's runs are repeated with those switches off, same seeds. "
        "*Strength* is the distance from the pattern's absence in the stated direction "
        "(the value for a positive sign, minus it for a negative one, the distance from "
        "the declared `null` towards the band for a band). When the paired strength "
        f"difference (on − off) has a {LEVEL:.0%} Student-t interval above 0, the knock-out "
        "*removes* the pattern if it then fails its test, and *weakens* it if it still "
        f"passes with at least {WEAKER:.0%} less strength; otherwise it *leaves* it "
        "(`analysis/patterns/audit.py`).",
        "",
        "**Kind by the audit's rule:** *emergent* only if nothing sets the measured quantity "
        "directly, it is not a fitting target, and the knock-out removes or weakens it; "
        "*calibrated* if it is a fitting target; otherwise *imposed*. "
        "A pattern that does not hold with the mechanisms on, or does not gate, is not "
        "judged and keeps its declared kind. "
        f"**{c['emergent']} emergent**, {c['calibrated']} calibrated, {c['imposed']} "
        f"imposed; {c['not_judged']} not judged.",
        "",
        "| pattern | mechanism knocked out | set by | mechanisms on | knocked out | "
        f"strength on − off [{LEVEL:.0%}] | knock-out effect | kind |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for a in audits:
        p = a.pattern
        mean, lo, hi = a.difference
        diff = "-" if np.isnan(mean) else f"{mean:.3g} [{lo:.3g}, {hi:.3g}]"
        lines.append(
            table_row(
                [
                    f"`{p.id}`",
                    ", ".join(f"`{m}`" for m in p.mechanism) or "-",
                    p.set_by or "-",
                    summary(a.on),
                    summary(a.off),
                    diff,
                    a.verdict or "-",
                    kind_cell(a),
                ]
            )
        )
    missing = [a for a in audits if not (a.judged and a.kind == "emergent")]
    lines += [
        "",
        "### Not emergent: the mechanism each would need",
        "",
        "Patterns the audit does not find emergent (or does not judge), and what would make "
        "them so (`needs` in their declaration).",
        "",
    ]
    lines += [
        f"- `{a.pattern.id}` ({a.kind}; {a.reason}): "
        f"{a.pattern.needs or 'an input by design: no mechanism named'}"
        for a in missing
    ]
    return lines


def markdown(
    results: list[Result],
    others: list[Result],
    seeds: int,
    seconds: float,
    command: str,
    measures: Measures | None = None,
    audits: list[Audit] | None = None,
) -> str:
    """``docs/validation.md``: the table with its totals, the audit and how it was made."""
    t = totals(results)
    files = sorted({r.pattern.source.split(" ")[0] for r in results})
    lines = [
        "# Validation: the pattern suite",
        "",
        f"Generated by `{command}` (analysis/patterns/); do not edit by hand. "
        f"{seeds} seeds per run, Agder unless the pattern says Vestland or the national "
        f"build, {MONTHS} recorded months after a 24-month burn-in; wall time "
        f"{seconds:.0f} s on this machine.",
        "",
        f"**{t['patterns']} patterns** from {len(files)} domain files "
        f"({', '.join(files)}): {t['emergent']} emergent, {t['calibrated']} calibrated, "
        f"{t['imposed']} imposed; **{t['passed']} pass, {t['failed']} fail**.",
        "",
        "Kinds (DESIGN §8): *imposed* = built in as an input, *calibrated* = a fitting "
        "target (docs/calibration.md, or an earlier fit named in the parameter's provenance), "
        "*emergent* = neither, and confirmed by the audit below: a knock-out of its "
        "mechanism removes or weakens it. Survey facts are read through the survey layer "
        "(`sim/survey.py`), never through a cut-off of a model state. A band passes when the "
        "mean "
        f"over seeds lies in it and at least {AGREE:.0%} of the seeds do; a sign when the "
        f"mean has it and at least {AGREE:.0%} of the seeds agree. The interval is the "
        "5th-95th percentile over seeds. Each tolerance is argued in the pattern's "
        "definition in `analysis/patterns/<area>.py`.",
        "",
    ]
    lines += markdown_rows(results)
    lines += [
        "",
        "## Not reproduced",
        "",
        "Facts the model was tested on and does not reproduce (`gating=False` in "
        "analysis/patterns/<area>.py, with the reasons known so far). They are measured with "
        "the same rule but do not gate the exit status; a FAIL here is a finding about "
        "the model, not a pass.",
        "",
    ]
    lines += markdown_rows(others)
    if audits:
        lines += ["", *audit_section(audits)]
    if measures:
        lines += ["", *totals_section(results + others, measures)]
        lines += ["", *survey_section(measures)]
    lines += ["", "Re-run: `make validate` (or `navsim-validate`).", ""]
    return "\n".join(lines)


ODD_PATH = DOCS_PATH.parent / "ODD.md"
ODD_START = "<!-- patterns-table:start -->"
ODD_END = "<!-- patterns-table:end -->"


def odd_patterns_table() -> str:
    """The patterns of the suite as ODD element 1 lists them (no runs needed)."""
    lines = [
        "Generated from `analysis/patterns/` by `navsim-validate --write-odd`; "
        "`tests/test_validation.py` checks it. Results: `docs/validation.md`.",
        "",
        "| pattern | area | fact | source | kind | tolerance |",
        "|---|---|---|---|---|---|",
    ]
    for p in PATTERNS:
        cells = [f"`{p.id}`", p.area, p.fact, p.source, p.kind, p.tolerance]
        lines.append(table_row(cells))
    lines += ["", "Tested and not reproduced (reported, not gating):", ""]
    lines += [f"- `{p.id}`: {p.fact} ({p.source}; {p.kind})" for p in NOT_REPRODUCED]
    return "\n".join(lines)


def write_odd_patterns(path: Path = ODD_PATH) -> None:
    """Replace the patterns table between the markers of docs/ODD.md."""
    text = path.read_text(encoding="utf-8")
    i, j = text.find(ODD_START), text.find(ODD_END)
    if i < 0 or j < i:
        raise ValueError(f"markers {ODD_START} ... {ODD_END} not found in {path}")
    body = odd_patterns_table()
    path.write_text(text[: i + len(ODD_START)] + "\n" + body + "\n" + text[j:], encoding="utf-8")
