"""Readings of the report's figures, generated from the numbers they show (bokmål, English).

Each function takes the table a figure draws and returns sentences that state the
sign and the size of what it shows; nothing here is fixed text about results. The
sentences are messages of the catalogue (``messages``); numbers are written by
:func:`num` over ``messages.format_number`` (decimal comma and a no-break space between
thousands in bokmål), so a test can look for the same string.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from experiments.labels import label as outcome_label_base
from messages import N_, NP_, _, format_number, format_percent, ngettext, pgettext

# the context of the report's scenario names (shorter than the workshop's, ``msgctxt``)
REPORT = "report"

EXTRA_LABELS = {
    "exit_rate_complex": N_("exits to work per user with complex needs/month"),
}
SCENARIO_LABELS = {
    "baseline": NP_("report", "baseline (no change)"),
    "host_office": NP_("report", "host office"),
    "municipal_merger": NP_("report", "municipal merger"),
    "regionalisation": NP_("report", "regionalisation"),
    "plant_closure": NP_("report", "plant closure"),
    "refugee_inflow": NP_("report", "refugee inflow"),
    "recession": NP_("report", "recession"),
    "channel_strategy": NP_("report", "channel strategy"),
}
# Measures of the municipality view that are not summary outcomes (those are labelled
# in ``experiments.labels``).
MEASURE_LABELS = {
    "host_cost_share": N_("share of the joint costs"),
    "radmann_satisfaction": N_("rådmann's satisfaction"),
    "ordforer_satisfaction": N_("ordfører's satisfaction"),
    "radmann_influence": N_("rådmann's influence"),
    "ordforer_influence": N_("ordfører's influence"),
}


def outcome_label(outcome: str, lang: str) -> str:
    """An outcome's or measure's label (``experiments.labels`` plus the report's own)."""
    own = EXTRA_LABELS.get(outcome) or MEASURE_LABELS.get(outcome)
    return _(own, lang) if own else outcome_label_base(outcome, lang)


def scenario_label(name: str, lang: str) -> str:
    """A scenario's name in the language (the key itself when unknown)."""
    return pgettext(REPORT, SCENARIO_LABELS[name], lang) if name in SCENARIO_LABELS else name


def point_name(label: str, lang: str) -> str:
    """A design point's label for a reader: scenario names translated, ``+`` as "and"."""
    if label == "all":
        return _("all points", lang)
    if "=" in label:
        return " ".join(
            point_name(t.split("=", 1)[1], lang) if t.startswith("scenario=") else t
            for t in label.split(" ")
        )
    names = [scenario_label(p, lang) for p in label.split("+")]
    text = names[0]
    for name in names[1:]:
        text = _("{first} and {second}", lang).format(first=text, second=name)
    return text


def num(x: float, lang: str, signed: bool = False) -> str:
    """A number with about three significant digits, as the report writes it.

    From 100 on a whole number, from 1 three significant digits, below 1 three
    significant digits after the zeros (0.50, 0.000312); never an exponent (a number
    below 1e-9 is written 0). The minus sign is U+2212 in both languages
    (:func:`messages.format_number`).

    Args:
        x: The number.
        lang: "nb" (decimal comma, space between thousands) or "en".
        signed: Write "+" before a positive number.

    Returns:
        The text; "–" for NaN.
    """
    if x is None or math.isnan(x):
        return format_number(x, lang)
    a = abs(x)
    if a >= 100:
        text = format_number(x, lang, fraction=0, signed=signed)
    elif a >= 1 or a == 0:
        text = format_number(x, lang, 3, signed=signed)
    elif a < 1e-9:
        text = format_number(0.0, lang, 3, signed=signed)
    else:
        text = format_number(x, lang, fraction=2 - math.floor(math.log10(a)), signed=signed)
    return text.replace("-", "\u2212")


def pct(x: float, lang: str) -> str:
    """A signed percentage with one decimal, e.g. "+1,5 %" (nb) or "+1.5%" (en).

    Below 0.05 % two significant digits ("+0,012 %"), below 1e-9 zero; never an exponent.
    """
    if x is None or math.isnan(x):
        return format_number(x, lang)
    a = abs(x)
    if a >= 0.05:
        text = format_percent(x, lang, fraction=1, signed=True)
    elif a < 1e-9:
        text = format_percent(0.0, lang, fraction=0, signed=True)
    else:
        text = format_percent(x, lang, fraction=1 - math.floor(math.log10(a)), signed=True)
    return text.replace("-", "\u2212")


def interval(lo: float, hi: float, lang: str) -> str:
    """An interval as "[lo, hi]" ("[lo; hi]" in bokmål, where the comma is decimal)."""
    return _("[{low}, {high}]", lang).format(low=num(lo, lang), high=num(hi, lang))


def interval_words(lo: float, hi: float, lang: str) -> str:
    """An interval of a difference in words: "between 0.028 and 0.040 lower".

    Both ends on one side of zero: "between a and b higher/lower"; across zero: "from a
    lower to b higher".
    """
    if lo >= 0:
        text = _("between {low} and {high} higher", lang)
    elif hi <= 0:
        text = _("between {low} and {high} lower", lang)
        lo, hi = -hi, -lo
    else:
        text = _("from {low} lower to {high} higher", lang)
        lo = -lo
    return text.format(low=num(lo, lang), high=num(hi, lang))


def level_text(level: float, lang: str) -> str:
    """An interval's level in percent (90, 95, 99,5), without the percent sign."""
    return format_number(level, lang, 6)


def clear(row: pd.Series) -> bool:
    """Whether a comparison row's interval excludes zero."""
    lo, hi = row["ci_low"], row["ci_high"]
    return not (pd.isna(lo) or pd.isna(hi)) and (lo > 0 or hi < 0)


# ----------------------------------------------------------------------- comparison


def comparison_reading(comp: pd.DataFrame, lang: str) -> list[str]:
    """One paragraph per design point, stating each outcome's sign and size.

    Outcomes whose interval excludes zero come first, with the difference, the change
    in % and the interval; then those whose interval includes zero, with the difference.

    Args:
        comp: ``analysis.tables.comparison``'s table.
        lang: "nb" or "en".

    Returns:
        Paragraphs.
    """
    out = []
    level = level_text(100 * float(comp["level"].iloc[0]) if len(comp) else 90, lang)
    higher = _("{outcome} higher by {difference} ({percent}; {level}% interval {interval})", lang)
    lower = _("{outcome} lower by {difference} ({percent}; {level}% interval {interval})", lang)
    for (point, base), block in comp.groupby(["point", "baseline"], sort=False):
        n = int(block["n"].max())
        sure = [r for _row, r in block.iterrows() if clear(r)]
        unsure = [r for _row, r in block.iterrows() if not clear(r)]
        parts = [
            (higher if r["difference"] > 0 else lower).format(
                outcome=outcome_label(r["outcome"], lang),
                difference=num(abs(r["difference"]), lang),
                percent=pct(r["difference_pct"], lang),
                level=level,
                interval=interval(r["ci_low"], r["ci_high"], lang),
            )
            for r in sure
        ]
        findings = (
            "; ".join(parts) + "."
            if parts
            else _("no difference whose interval excludes zero.", lang)
        )
        text = ngettext(
            "{point} vs {baseline} ({n} paired replication): {findings}",
            "{point} vs {baseline} ({n} paired replications): {findings}",
            n,
            lang,
        ).format(
            point=point_name(point, lang), baseline=point_name(base, lang), n=n, findings=findings
        )
        if unsure:
            names = ", ".join(
                f"{outcome_label(r['outcome'], lang)} ({num(r['difference'], lang, True)})"
                for r in unsure
            )
            text += " " + _(
                "The interval includes zero (no clear difference) for: {outcomes}.", lang
            ).format(outcomes=names)
        out.append(text)
    return out


# ----------------------------------------------------------------------- time series


def series_reading(
    comp: pd.DataFrame | None,
    window_means: pd.DataFrame,
    outcomes: list[str],
    events: dict[str, list],
    window: int,
    lang: str,
) -> list[str]:
    """Per outcome: the figure's window, read with the comparison's paired differences.

    A time series moves month by month (trust in a saw-tooth), so no single month is
    read: each outcome is read over the last ``window`` months, the same window and
    the same pairing by replicate as the comparison (``comp``), so that the two
    readings cannot disagree. Without a comparison, each point's mean over the window
    with the 5-95 % range over its replications.

    Args:
        comp: ``analysis.tables.comparison``'s table, or None.
        window_means: One row per replication: ``label`` and the outcomes' window means
            (the ``summary`` table).
        outcomes: The outcomes drawn, in order.
        events: label -> [(month, scenario)], the events marked.
        window: Months in the summary window.
        lang: "nb" or "en".

    Returns:
        Paragraphs.
    """
    out = []
    level = level_text(100 * float(comp["level"].iloc[0]), lang) if comp is not None else ""
    for outcome in outcomes:
        rows = comp[comp["outcome"] == outcome] if comp is not None else pd.DataFrame()
        if not rows.empty:
            parts = [
                _("{point} {difference} ({level}% interval {interval})", lang).format(
                    point=point_name(r["point"], lang),
                    difference=num(r["difference"], lang, True),
                    level=level,
                    interval=interval(r["ci_low"], r["ci_high"], lang),
                )
                for _i, r in rows.iterrows()
            ]
            out.append(
                _(
                    "{outcome}, mean of the last {w} months (the comparison's window): the "
                    "baseline {value}; paired difference from it: {values}.",
                    lang,
                ).format(
                    outcome=outcome_label(outcome, lang),
                    w=window,
                    value=num(rows["baseline_mean"].iloc[0], lang),
                    values="; ".join(parts),
                )
            )
        elif outcome in window_means:
            g = window_means.groupby("label", sort=False)[outcome]
            band = _("5–95%", lang)
            parts = [
                f"{point_name(lab, lang)} {num(v.mean(), lang)} "
                f"({band}: {interval(v.quantile(0.05), v.quantile(0.95), lang)})"
                for lab, v in g
            ]
            out.append(
                _("{outcome}, mean of the last {w} months: {values}.", lang).format(
                    outcome=outcome_label(outcome, lang), w=window, values="; ".join(parts)
                )
            )
    marked = sorted({(m, n) for evs in events.values() for m, n in evs})
    if marked:
        ev = ", ".join(f"{scenario_label(n, lang)} ({m})" for m, n in marked)
        out.append(_("Events marked on the time axis (month): {events}.", lang).format(events=ev))
    return out


# ----------------------------------------------------------------------- municipalities


def municipality_reading(
    view: pd.DataFrame, lang: str, names: dict[str, str] | None = None, window: int = 12
) -> list[str]:
    """Per new office: the owners' changes in influence and satisfaction, and cost shares.

    How many members' rådmann and ordfører lost influence and satisfaction, the mean
    and the largest change, the difference from the baseline, and the smallest
    member's share of the joint costs against its share of the population.

    Args:
        view: ``analysis.tables.municipality_view`` for one design point.
        lang: "nb" or "en".
        names: office_id -> the office's name (``analysis.present.office_names``).
        window: The months before the event and at the end that are compared.

    Returns:
        Paragraphs.
    """
    out = []
    names = names or {}
    for office, block in view.groupby("office_id", sort=False):
        n = len(block)
        parts = []
        for m in (
            "radmann_influence",
            "ordforer_influence",
            "radmann_satisfaction",
            "ordforer_satisfaction",
        ):
            col = f"{m}_change"
            if col not in block or block[col].isna().all():
                continue
            ch = block[col].dropna()
            down = int((ch < 0).sum())
            worst = block.loc[ch.abs().idxmax()]
            vs = ""
            if f"{m}_baseline" in block and block[f"{m}_baseline"].notna().any():
                d = (block[f"{m}_after"] - block[f"{m}_baseline"]).mean()
                vs = "; " + _("vs the baseline in the same months {difference}", lang).format(
                    difference=num(d, lang, True)
                )
            parts.append(
                ngettext(
                    "{outcome} fell in {down} of {n} municipality "
                    "(mean {mean}; largest change {name} {change}{vs_baseline})",
                    "{outcome} fell in {down} of {n} municipalities "
                    "(mean {mean}; largest change {name} {change}{vs_baseline})",
                    len(ch),
                    lang,
                ).format(
                    outcome=outcome_label(m, lang),
                    down=down,
                    n=len(ch),
                    mean=num(ch.mean(), lang, True),
                    name=worst["name"],
                    change=num(worst[col], lang, True),
                    vs_baseline=vs,
                )
            )
        text = ngettext(
            "{office} ({n} municipality), from the {w} months before the event to the last {w} "
            "months: {findings}.",
            "{office} ({n} municipalities), from the {w} months before the event to the last {w} "
            "months: {findings}.",
            n,
            lang,
        ).format(office=names.get(office, office), n=n, w=window, findings="; ".join(parts))
        if "host_cost_share_after" in block and block["host_cost_share_after"].notna().any():
            small = block.loc[block["population"].idxmin()]
            share, popshare = small["host_cost_share_after"], small["population_share"]
            text += " " + _(
                "The smallest member, {name}, bears {cost_share}% of the joint costs with "
                "{population_share}% of the population.",
                lang,
            ).format(
                name=small["name"],
                cost_share=num(100 * share, lang),
                population_share=num(100 * popshare, lang),
            )
        out.append(text)
    return out


# ----------------------------------------------------------------------- graph


def graph_reading(
    before: dict[tuple, float],
    after: dict[tuple, float],
    window: int,
    comp_row: pd.Series | None,
    lang: str,
) -> str:
    """The offices and their owners' trust before and after the event, and the comparison.

    Both pictures are means over ``window`` months (the months before the event, the
    last months), not single months. The change for the region is the comparison's
    paired difference from the baseline (``comp_row``), so the reading cannot disagree
    with it.

    Args:
        before: Office node -> trust between the owners, mean over the months before.
        after: The same over the last months.
        window: Months in each window.
        comp_row: The comparison's row for trust between the owners, or None.
        lang: "nb" or "en".

    Returns:
        One paragraph.
    """
    b = np.array(list(before.values()))
    new = [v for k, v in after.items() if k not in before]
    kept = [v for k, v in after.items() if k in before]
    text = _(
        "The {w} months before the event: {offices}, mean trust between the owners {mean}; "
        "the last {w} months: {offices_after}",
        lang,
    ).format(
        w=window,
        offices=offices_text(len(b), lang),
        mean=num(b.mean(), lang),
        offices_after=offices_text(len(after), lang),
    )
    if new:
        text += ", " + ngettext(
            "the new office {mean}", "the {n} new offices {mean}", len(new), lang
        ).format(n=len(new), mean=num(float(np.mean(new)), lang))
    if kept:
        text += ", " + _("the others {mean}", lang).format(mean=num(float(np.mean(kept)), lang))
    text += "."
    if comp_row is not None:
        text += " " + _(
            "For the region against the baseline in the same months (the comparison): "
            "{difference} ({level}% interval {interval}).",
            lang,
        ).format(
            difference=num(comp_row["difference"], lang, True),
            level=level_text(100 * float(comp_row["level"]), lang),
            interval=interval(comp_row["ci_low"], comp_row["ci_high"], lang),
        )
    return text


def offices_text(n: int, lang: str) -> str:
    """A number of offices: "1 kontor", "25 kontorer" ("1 office", "25 offices")."""
    return ngettext("{n} office", "{n} offices", n, lang).format(n=n)


# ----------------------------------------------------------------------- transition


def transition_reading(summary: pd.DataFrame, lang: str) -> list[str]:
    """The median length of the trust transition per design point, shortest first.

    Args:
        summary: ``analysis.tables.transition_summary``.
        lang: "nb" or "en".

    Returns:
        Paragraphs.
    """
    out = []
    for r in summary.sort_values("median").itertuples(index=False):
        open_text = ""
        if r.still_open > 0:
            open_text = "; " + _("{share}% were still in transition at the end", lang).format(
                share=num(100 * r.still_open, lang)
            )
        out.append(
            ngettext(
                "{point}: median {median} months in transition (5–95%: {interval}, {n} "
                "office-replication{still_open}).",
                "{point}: median {median} months in transition (5–95%: {interval}, {n} "
                "office-replications{still_open}).",
                r.offices,
                lang,
            ).format(
                point=point_name(r.label, lang),
                median=num(r.median, lang),
                interval=interval(r.q05, r.q95, lang),
                n=r.offices,
                still_open=open_text,
            )
        )
    return out


# ----------------------------------------------------------------------- uncertainty

MAX_UNCERTAIN = 5  # outcomes read in words (the table has all)


def uncertainty_reading(table: pd.DataFrame, lang: str) -> list[str]:
    """The outcomes whose spread comes most from the calibrated parameters, in words.

    Args:
        table: ``analysis.tables.uncertainty``.
        lang: "nb" or "en".

    Returns:
        Paragraphs: per outcome (largest parameter share first, at most
        ``MAX_UNCERTAIN``) its mean and both labelled bands; with one seed per draw, the
        total band only.
    """
    if table["seed_lo"].isna().all():
        rows = table
        text = N_(
            "{outcome} ({point}): mean {mean}; seeds and parameters together, 5–95%: {total}."
        )
    else:
        rows = table.sort_values("parameter_share", ascending=False, na_position="last")
        text = N_(
            "{outcome} ({point}): mean {mean}; run-to-run (seeds, parameters fixed) 5–95%: "
            "{seeds}; parameters (posterior draws) 5–95%: {parameters}; {share}% of the "
            "variance comes from the parameters."
        )
    return [
        _(text, lang).format(
            outcome=outcome_label(r.outcome, lang),
            point=point_name(r.label, lang),
            mean=num(r.mean, lang),
            seeds=interval(r.seed_lo, r.seed_hi, lang),
            parameters=interval(r.parameter_lo, r.parameter_hi, lang),
            total=interval(r.total_lo, r.total_hi, lang),
            share=num(100 * r.parameter_share, lang),
        )
        for r in rows.head(MAX_UNCERTAIN).itertuples(index=False)
    ]


# ----------------------------------------------------------------------- sensitivity

INDEX_NAMES = {"ST": "ST", "S1": "S1", "mu_star": "μ*", "sigma": "σ", "delta": "δ", "mu": "μ"}


def sensitivity_reading(indices: pd.DataFrame, main: str, lang: str) -> list[str]:
    """Per outcome: the most influential parameter, its index and interval.

    Also whether its interval separates it from the second parameter.

    Args:
        indices: ``indices.parquet`` of a design.
        main: The index ranked ("ST", "mu_star" or "delta").
        lang: "nb" or "en".

    Returns:
        Paragraphs.
    """
    out = []
    for outcome, df in indices[indices["index"] == main].groupby("outcome", sort=False):
        df = df.sort_values("value", ascending=False)
        top = df.iloc[0]
        text = _(
            "{outcome}: the most influential parameter is {parameter} ({index} = {value}, "
            "interval {interval})",
            lang,
        ).format(
            outcome=outcome_label(outcome, lang),
            parameter=top["parameter"],
            index=INDEX_NAMES.get(main, main),
            value=num(top["value"], lang),
            interval=interval(top["lo"], top["hi"], lang),
        )
        if len(df) > 1:
            second = df.iloc[1]
            second_text = (
                _("second is {parameter} ({value}), the intervals do not overlap", lang)
                if top["lo"] > second["hi"]
                else _("second is {parameter} ({value}), the intervals overlap", lang)
            )
            text += "; " + second_text.format(
                parameter=second["parameter"], value=num(second["value"], lang)
            )
        out.append(text + ".")
    return out


# ----------------------------------------------------------------------- limitations


def limitations_reading(params: pd.DataFrame, lang: str) -> str:
    """How many parameters are assumptions, partly assumed, calibrated or from reports."""
    counts = params["kind"].value_counts()
    assumed = params["kind"].isin(["assumption", "partly_assumption"])
    varied = int((params["varied"] & assumed).sum())
    kinds = _(
        "Of {n} parameters and governance rules, {assumptions} are assumptions, {partly} "
        "partly assumed (direction from the reports, size assumed), {calibrated} calibrated "
        "and {reports} taken from the reports.",
        lang,
    ).format(
        n=len(params),
        assumptions=int(counts.get("assumption", 0)),
        partly=int(counts.get("partly_assumption", 0)),
        calibrated=int(counts.get("calibrated", 0)),
        reports=int(counts.get("report", 0)),
    )
    if varied == 0:
        vary = _("No assumed parameter varies between the points of these results.", lang)
    else:
        vary = ngettext(
            "{n} assumed parameter varies in these results.",
            "{n} assumed parameters vary in these results.",
            varied,
            lang,
        ).format(n=varied)
    return f"{kinds} {vary}"


def sign_reading(signs: pd.DataFrame, lang: str) -> list[str]:
    """Per outcome of a paired design (``navsim-design --versus``): the answer's sign.

    How often the policy minus the base is positive over the plausible ranges, and the
    parameter whose lower and upper third of its range differ most, with both means
    and whether the sign flips between them ("pays off if ...").

    Args:
        signs: ``signs.parquet`` of a paired design.
        lang: "nb" or "en".

    Returns:
        Paragraphs.
    """
    out = []
    for outcome, df in signs.groupby("outcome", sort=False):
        first = df.iloc[0]
        text = _(
            "{outcome}: the policy minus the base is positive in {share} of {points} points "
            "of the plausible ranges (mean {mean})",
            lang,
        ).format(
            outcome=outcome_label(outcome, lang),
            share=format_percent(float(first["positive_share"]), lang, fraction=0),
            points=int(first["points"]),
            mean=num(float(first["mean"]), lang, signed=True),
        )
        change = (df["high"] - df["low"]).abs()
        if change.notna().any():
            top = df.loc[change.idxmax()]
            key = (
                N_(
                    "; the sign is decided inside the ranges: {low} with {parameter} in the "
                    "lower third of its range, {high} in the upper third"
                )
                if top["flips"]
                else N_(
                    "; {parameter} moves it most: {low} in the lower third of its range, "
                    "{high} in the upper third"
                )
            )
            text += _(key, lang).format(
                parameter=top["parameter"],
                low=num(float(top["low"]), lang, signed=True),
                high=num(float(top["high"]), lang, signed=True),
            )
        out.append(text + ".")
    return out


def decomposition_part_label(part: str, lang: str) -> str:
    """A part of a decomposition as the report names it: a mechanism keeps its key."""
    names = {
        "total": N_("total effect"),
        "rest": N_("other mechanisms"),
        "interaction": N_("interaction"),
    }
    return _(names[part], lang) if part in names else part


def decomposition_reading(name: str, meta: dict, table: pd.DataFrame, lang: str) -> list[str]:
    """Per outcome: the total effect and the mechanisms pulling up and down.

    A mechanism pulls one way when its interval excludes zero; the others are named as
    not distinguishable from zero.

    Args:
        name: The decomposition's directory name.
        meta: Its ``decomposition.json``.
        table: Its ``decomposition.parquet``.
        lang: "nb" or "en".

    Returns:
        Paragraphs.
    """
    out = []
    mechanisms = meta["mechanisms"]
    for outcome, df in table.groupby("outcome", sort=False):
        rows = df.set_index("part")
        total = rows.loc["total"]
        up = [m for m in mechanisms if rows.loc[m, "ci_low"] > 0]
        down = [m for m in mechanisms if rows.loc[m, "ci_high"] < 0]
        text = _("{outcome} ({name}): total {total}, interval {interval}", lang).format(
            outcome=outcome_label(outcome, lang),
            name=name,
            total=num(float(total["difference"]), lang, signed=True),
            interval=interval(float(total["ci_low"]), float(total["ci_high"]), lang),
        )
        if up:
            text += _("; pulling it up: {names}", lang).format(names=", ".join(up))
        if down:
            text += _("; pulling it down: {names}", lang).format(names=", ".join(down))
        if not up and not down:
            text += _("; no mechanism's part is distinguishable from zero", lang)
        inter = rows.loc["interaction"]
        text += _("; interaction {value}, interval {interval}", lang).format(
            value=num(float(inter["difference"]), lang, signed=True),
            interval=interval(float(inter["ci_low"]), float(inter["ci_high"]), lang),
        )
        out.append(text + ".")
    return out
