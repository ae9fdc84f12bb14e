"""Readings of the report's figures, generated from the numbers they show (bokmål, English).

Each function takes the table a figure draws and returns sentences that state the
sign and the size of what it shows; nothing here is fixed text about results.
Numbers are written by :func:`num` (decimal comma and a space as thousands separator
in bokmål), so a test can look for the same string.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from experiments.labels import label as outcome_label_base

EXTRA_LABELS = {
    "exit_rate_complex": (
        "overgang til arbeid per bruker med sammensatte behov/mnd",
        "exits to work per user with complex needs/month",
    ),
}
SCENARIO_LABELS = {
    "baseline": ("referanse (ingen endring)", "baseline (no change)"),
    "host_office": ("vertskommunekontor", "host office"),
    "municipal_merger": ("kommunesammenslåing", "municipal merger"),
    "regionalisation": ("regionalisering", "regionalisation"),
    "plant_closure": ("nedleggelse av bedrift", "plant closure"),
    "refugee_inflow": ("flyktningtilstrømning", "refugee inflow"),
    "recession": ("lavkonjunktur", "recession"),
    "channel_strategy": ("kanalstrategi", "channel strategy"),
}
# Measures of the municipality view that are not summary outcomes (those are labelled
# in ``experiments.labels``).
MEASURE_LABELS = {
    "host_cost_share": ("andel av felleskostnadene", "share of the joint costs"),
    "radmann_satisfaction": ("rådmannens tilfredshet", "rådmann's satisfaction"),
    "ordforer_satisfaction": ("ordførerens tilfredshet", "ordfører's satisfaction"),
    "radmann_influence": ("rådmannens innflytelse", "rådmann's influence"),
    "ordforer_influence": ("ordførerens innflytelse", "ordfører's influence"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The bokmål or English member of a pair."""
    return pair[0] if lang == "nb" else pair[1]


def outcome_label(outcome: str, lang: str) -> str:
    """An outcome's or measure's label (``experiments.labels`` plus the report's own)."""
    own = EXTRA_LABELS.get(outcome) or MEASURE_LABELS.get(outcome)
    return pick(own, lang) if own else outcome_label_base(outcome, lang)


def scenario_label(name: str, lang: str) -> str:
    """A scenario's name in the language (the key itself when unknown)."""
    return pick(SCENARIO_LABELS[name], lang) if name in SCENARIO_LABELS else name


def point_name(label: str, lang: str) -> str:
    """A design point's label for a reader: scenario names translated, ``+`` as "and"."""
    if label == "all":
        return "alle punkter" if lang == "nb" else "all points"
    if "=" in label:
        return " ".join(
            point_name(t.split("=", 1)[1], lang) if t.startswith("scenario=") else t
            for t in label.split(" ")
        )
    joiner = " og " if lang == "nb" else " and "
    return joiner.join(scenario_label(p, lang) for p in label.split("+"))


def num(x: float, lang: str, signed: bool = False) -> str:
    """A number with about three significant digits, as the report writes it.

    Args:
        x: The number.
        lang: "nb" (decimal comma, space between thousands) or "en".
        signed: Write "+" before a positive number.

    Returns:
        The text; "–" for NaN.
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    a = abs(x)
    sign = "+" if signed else ""
    if a >= 100:
        text = f"{x:{sign},.0f}"
    elif a >= 1 or a == 0:
        text = f"{x:{sign}.3g}" if a < 100 else f"{x:{sign}.0f}"
        if "e" in text:
            text = f"{x:{sign}.0f}"
    elif a >= 0.001:
        digits = max(0, 2 - int(math.floor(math.log10(a))))
        text = f"{x:{sign}.{digits}f}"
    else:
        text = f"{x:{sign}.2e}"
    text = text.replace("-", "−")
    if lang == "nb":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def pct(x: float, lang: str) -> str:
    """A signed percentage with one decimal, e.g. "+1,5 %" (nb) or "+1.5%" (en)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{x:+,.1f}" if abs(x) >= 0.05 else f"{x:+.1g}"
    text = text.replace("-", "−")
    if lang == "nb":
        return text.replace(",", "\u00a0").replace(".", ",") + "\u00a0%"
    return text + "%"


def interval(lo: float, hi: float, lang: str) -> str:
    """An interval as "[lo, hi]" ("[lo; hi]" in bokmål, where the comma is decimal)."""
    sep = "; " if lang == "nb" else ", "
    return f"[{num(lo, lang)}{sep}{num(hi, lang)}]"


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
    level = 100 * float(comp["level"].iloc[0]) if len(comp) else 90
    for (point, base), block in comp.groupby(["point", "baseline"], sort=False):
        n = int(block["n"].max())
        sure = [r for _, r in block.iterrows() if clear(r)]
        unsure = [r for _, r in block.iterrows() if not clear(r)]
        head = (
            f"{point_name(point, lang)} mot {point_name(base, lang)} ({n} parvise replikasjoner): "
            if lang == "nb"
            else f"{point_name(point, lang)} vs {point_name(base, lang)} "
            f"({n} paired replications): "
        )
        parts = []
        for r in sure:
            word = (
                ("høyere" if r["difference"] > 0 else "lavere")
                if lang == "nb"
                else ("higher" if r["difference"] > 0 else "lower")
            )
            parts.append(
                f"{outcome_label(r['outcome'], lang)} {word} med {num(r['difference'], lang, True)}"
                f" ({pct(r['difference_pct'], lang)}; {level:g}\u00a0% intervall "
                f"{interval(r['ci_low'], r['ci_high'], lang)})"
                if lang == "nb"
                else f"{outcome_label(r['outcome'], lang)} {word} by "
                f"{num(r['difference'], lang, True)} ({pct(r['difference_pct'], lang)}; "
                f"{level:g}% interval {interval(r['ci_low'], r['ci_high'], lang)})"
            )
        if parts:
            text = head + "; ".join(parts) + "."
        else:
            text = head + (
                "ingen forskjell med intervall som utelukker null."
                if lang == "nb"
                else "no difference whose interval excludes zero."
            )
        if unsure:
            names = ", ".join(
                f"{outcome_label(r['outcome'], lang)} ({num(r['difference'], lang, True)})"
                for r in unsure
            )
            text += (
                f" Intervallet inkluderer null (ingen klar forskjell) for: {names}."
                if lang == "nb"
                else f" The interval includes zero (no clear difference) for: {names}."
            )
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
    for outcome, block in bands.groupby("outcome", sort=False):
        last = int(block["month"].max())
        end = block[block["month"] == last].set_index("label")
        parts = []
        for lab, r in end.iterrows():
            band = "5–95\u00a0%" if lang == "nb" else "5–95%"
            text = (
                f"{point_name(lab, lang)} {num(r['median'], lang)} "
                f"({band}: {interval(r['q05'], r['q95'], lang)})"
            )
            if baseline is not None and lab != baseline and baseline in end.index:
                d = r["median"] - end.loc[baseline, "median"]
                text += (
                    f", {num(d, lang, True)} mot referansen"
                    if lang == "nb"
                    else f", {num(d, lang, True)} vs the baseline"
                )
            parts.append(text)
        head = (
            f"{outcome_label(outcome, lang)}, median i måned {last}: "
            if lang == "nb"
            else f"{outcome_label(outcome, lang)}, median at month {last}: "
        )
        out.append(head + "; ".join(parts) + ".")
    marked = sorted({(m, n) for evs in events.values() for m, n in evs})
    if marked:
        ev = ", ".join(f"{scenario_label(n, lang)} ({m})" for m, n in marked)
        out.append(
            f"Hendelser markert på tidsaksen (måned): {ev}."
            if lang == "nb"
            else f"Events marked on the time axis (month): {ev}."
        )
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
                vs = (
                    f"; mot referansen i de samme månedene {num(d, lang, True)}"
                    if lang == "nb"
                    else f"; vs the baseline in the same months {num(d, lang, True)}"
                )
            parts.append(
                f"{outcome_label(m, lang)} falt i {down} av {len(ch)} kommuner "
                f"(gjennomsnitt {num(ch.mean(), lang, True)}; størst endring "
                f"{worst['name']} {num(worst[col], lang, True)}{vs})"
                if lang == "nb"
                else f"{outcome_label(m, lang)} fell in {down} of {len(ch)} municipalities "
                f"(mean {num(ch.mean(), lang, True)}; largest change "
                f"{worst['name']} {num(worst[col], lang, True)}{vs})"
            )
        head = (
            f"{office} ({n} kommuner), fra {WINDOW_TEXT[0]} til {WINDOW_TEXT[1]}: "
            if lang == "nb"
            else f"{office} ({n} municipalities), from {WINDOW_TEXT[2]} to {WINDOW_TEXT[3]}: "
        )
        text = head + "; ".join(parts) + "."
        if "host_cost_share_after" in block and block["host_cost_share_after"].notna().any():
            small = block.loc[block["population"].idxmin()]
            share, popshare = small["host_cost_share_after"], small["population_share"]
            text += (
                f" Den minste kommunen, {small['name']}, bærer {num(100 * share, 'nb')}\u00a0% "
                f"av felleskostnadene med {num(100 * popshare, 'nb')}\u00a0% av innbyggerne."
                if lang == "nb"
                else f" The smallest member, {small['name']}, bears {num(100 * share, 'en')}% "
                f"of the joint costs with {num(100 * popshare, 'en')}% of the population."
            )
        out.append(text)
    return out


WINDOW_TEXT = (
    "de 12 månedene før hendelsen",
    "de siste 12 månedene",
    "the 12 months before the event",
    "the last 12 months",
)


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
    text = (
        f"Måned {months[0]}: {len(b)} kontorer, gjennomsnittlig tillit mellom eierne "
        f"{num(b.mean(), lang)}; måned {months[1]}: {len(a)} kontorer, "
        f"{num(a.mean(), lang)} ({num(a.mean() - b.mean(), lang, True)})"
        if lang == "nb"
        else f"Month {months[0]}: {len(b)} offices, mean trust between the owners "
        f"{num(b.mean(), lang)}; month {months[1]}: {len(a)} offices, "
        f"{num(a.mean(), lang)} ({num(a.mean() - b.mean(), lang, True)})"
    )
    if new:
        text += (
            f"; de {len(new)} nye kontorene {num(float(np.mean(new)), lang)}."
            if lang == "nb"
            else f"; the {len(new)} new offices {num(float(np.mean(new)), lang)}."
        )
    else:
        text += "."
    return text


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
            open_text = (
                f"; {num(100 * r.still_open, lang)}\u00a0% var fortsatt i overgang ved slutten"
                if lang == "nb"
                else f"; {num(100 * r.still_open, lang)}% were still in transition at the end"
            )
        out.append(
            f"{point_name(r.label, lang)}: median {num(r.median, lang)} måneder i overgang "
            f"(5–95\u00a0%: {interval(r.q05, r.q95, lang)}, {r.offices} kontor-replikasjoner"
            f"{open_text})."
            if lang == "nb"
            else f"{point_name(r.label, lang)}: median {num(r.median, lang)} months in transition "
            f"(5–95%: {interval(r.q05, r.q95, lang)}, {r.offices} office-replications"
            f"{open_text})."
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
        name = INDEX_NAMES.get(main, main)
        text = (
            f"{outcome_label(outcome, lang)}: størst betydning har {top['parameter']} "
            f"({name} = {num(top['value'], lang)}, "
            f"intervall {interval(top['lo'], top['hi'], lang)})"
            if lang == "nb"
            else f"{outcome_label(outcome, lang)}: the most influential parameter is "
            f"{top['parameter']} ({name} = {num(top['value'], lang)}, interval "
            f"{interval(top['lo'], top['hi'], lang)})"
        )
        if len(df) > 1:
            second = df.iloc[1]
            apart = top["lo"] > second["hi"]
            text += (
                f"; nest størst er {second['parameter']} ({num(second['value'], lang)}), "
                + ("intervallene overlapper ikke" if apart else "intervallene overlapper")
                if lang == "nb"
                else f"; second is {second['parameter']} ({num(second['value'], lang)}), "
                + ("the intervals do not overlap" if apart else "the intervals overlap")
            )
        out.append(text + ".")
    return out


# ----------------------------------------------------------------------- limitations


def limitations_reading(params: pd.DataFrame, lang: str) -> str:
    """How many parameters are assumptions, partly assumed, calibrated or from reports."""
    counts = params["kind"].value_counts()
    n = len(params)
    a, p = int(counts.get("assumption", 0)), int(counts.get("partly_assumption", 0))
    c, r = int(counts.get("calibrated", 0)), int(counts.get("report", 0))
    assumed = params["kind"].isin(["assumption", "partly_assumption"])
    varied = int((params["varied"] & assumed).sum())
    if lang == "nb":
        return (
            f"Av {n} parametere og styringsregler er {a} antakelser, {p} delvis antatt "
            f"(retningen fra rapportene, størrelsen antatt), {c} kalibrert og {r} hentet fra "
            f"rapportene. {varied} antatte parametere varierer i disse resultatene."
        )
    return (
        f"Of {n} parameters and governance rules, {a} are assumptions, {p} partly assumed "
        f"(direction from the reports, size assumed), {c} calibrated and {r} taken from the "
        f"reports. {varied} assumed parameters vary in these results."
    )
