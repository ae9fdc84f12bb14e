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
    decimals' worth of significant digits (zeros kept: 0.50), below 0.001 an exponent;
    the minus sign is U+2212 in both languages (:func:`messages.format_number`).

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
    elif a >= 0.001:
        text = format_number(x, lang, fraction=2 - math.floor(math.log10(a)), signed=signed)
    else:
        text = format_number(x, lang, 3, scientific=True, signed=signed)
    return text.replace("-", "\u2212")


def pct(x: float, lang: str) -> str:
    """A signed percentage with one decimal, e.g. "+1,5 %" (nb) or "+1.5%" (en)."""
    if x is None or math.isnan(x):
        return format_number(x, lang)
    if abs(x) >= 0.05:
        text = format_percent(x, lang, fraction=1, signed=True)
    else:
        text = format_percent(x, lang, 1, signed=True)
    return text.replace("-", "\u2212")


def interval(lo: float, hi: float, lang: str) -> str:
    """An interval as "[lo, hi]" ("[lo; hi]" in bokmål, where the comma is decimal)."""
    return _("[{low}, {high}]", lang).format(low=num(lo, lang), high=num(hi, lang))


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
                difference=num(r["difference"], lang, True),
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
    bands: pd.DataFrame, baseline: str | None, events: dict[str, list], lang: str
) -> list[str]:
    """Per outcome: each point's median at the last month, its band, and vs the baseline.

    Args:
        bands: ``analysis.tables.bands``'s table.
        baseline: The baseline's label, or None.
        events: label -> [(month, scenario)], the events marked.
        lang: "nb" or "en".

    Returns:
        Paragraphs.
    """
    out = []
    band = _("5–95%", lang)
    for outcome, block in bands.groupby("outcome", sort=False):
        last = int(block["month"].max())
        end = block[block["month"] == last].set_index("label")
        parts = []
        for lab, r in end.iterrows():
            text = (
                f"{point_name(lab, lang)} {num(r['median'], lang)} "
                f"({band}: {interval(r['q05'], r['q95'], lang)})"
            )
            if baseline is not None and lab != baseline and baseline in end.index:
                d = r["median"] - end.loc[baseline, "median"]
                text += ", " + _("{difference} vs the baseline", lang).format(
                    difference=num(d, lang, True)
                )
            parts.append(text)
        out.append(
            _("{outcome}, median at month {month}: {values}.", lang).format(
                outcome=outcome_label(outcome, lang), month=last, values="; ".join(parts)
            )
        )
    marked = sorted({(m, n) for evs in events.values() for m, n in evs})
    if marked:
        ev = ", ".join(f"{scenario_label(n, lang)} ({m})" for m, n in marked)
        out.append(_("Events marked on the time axis (month): {events}.", lang).format(events=ev))
    return out


# ----------------------------------------------------------------------- municipalities


def municipality_reading(view: pd.DataFrame, lang: str) -> list[str]:
    """Per new office: the owners' changes in influence and satisfaction, and cost shares.

    How many members' rådmann and ordfører lost influence and satisfaction, the mean
    and the largest change, the difference from the baseline, and the smallest
    member's share of the joint costs against its share of the population.

    Args:
        view: ``analysis.tables.municipality_view`` for one design point.
        lang: "nb" or "en".

    Returns:
        Paragraphs.
    """
    out = []
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
            "{office} ({n} municipality), from the 12 months before the event to the last 12 "
            "months: {findings}.",
            "{office} ({n} municipalities), from the 12 months before the event to the last 12 "
            "months: {findings}.",
            n,
            lang,
        ).format(office=office, n=n, findings="; ".join(parts))
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
    before: dict[tuple, float], after: dict[tuple, float], months: tuple[int, int], lang: str
) -> str:
    """The number of offices and their mean outcome before and after the event.

    Args:
        before: Office node -> value (owners' trust) before.
        after: The same after.
        months: The two months shown.
        lang: "nb" or "en".

    Returns:
        One paragraph.
    """
    b, a = np.array(list(before.values())), np.array(list(after.values()))
    new = [v for k, v in after.items() if k not in before]
    text = _(
        "Month {month}: {offices}, mean trust between the owners {mean}; month {month_after}: "
        "{offices_after}, {mean_after} ({difference})",
        lang,
    ).format(
        month=months[0],
        offices=offices_text(len(b), lang),
        mean=num(b.mean(), lang),
        month_after=months[1],
        offices_after=offices_text(len(a), lang),
        mean_after=num(a.mean(), lang),
        difference=num(a.mean() - b.mean(), lang, True),
    )
    if new:
        text += "; " + ngettext(
            "the new office {mean}", "the {n} new offices {mean}", len(new), lang
        ).format(n=len(new), mean=num(float(np.mean(new)), lang))
    return text + "."


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
    vary = ngettext(
        "{n} assumed parameter varies in these results.",
        "{n} assumed parameters vary in these results.",
        varied,
        lang,
    ).format(n=varied)
    return f"{kinds} {vary}"
