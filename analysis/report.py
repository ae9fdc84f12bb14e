"""The ``navsim-report PATH [--lang nb|en]`` command: a self-contained HTML report.

``PATH`` is a run, a multirun, a design or a collected dataset. The report is written
to ``PATH/report/report.html`` with every figure embedded as a base64 PNG (nothing is
fetched to render it; it opens offline), and beside it every figure as PNG and every
table as CSV. Sections that do not apply to the input (no baseline: no comparison; no
structural event: no municipality view or graphs; no design: no sensitivity) are
left out with a one-line note.

Examples::

    navsim -m experiment=demo && navsim-report outputs/demo
    navsim-report outputs/designs/morris_n10_r3_seed0 --lang en

Everything but :func:`main` works on DataFrames and can be used from a notebook
(:func:`build_sections`, and :mod:`analysis.plots` for the figures).
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis import plots, present, readings, tables
from analysis.readings import level_text, point_name
from analysis.results import MAX_GROUPS, ReportError, Results, complex_exit_rate, load_results
from experiments.atomic import write_bytes_atomic
from experiments.compare import CompareError, posterior_columns
from experiments.design import MAIN_INDEX
from experiments.errors import DEBUG_FLAG, OneLineParser, check_output, guard, say_left_out
from experiments.replication import git_commit
from messages import LANGUAGES, N_, _, ngettext

REPORT_DIR = "report"

TEXT = {
    "title": N_("navsim report"),
    "title_region": N_("navsim report: {region}"),
    "intro": N_(
        "Results of {replications} ({kind}). All numbers are simulated: they show the model's "
        "mechanisms, not a forecast."
    ),
    "summary": N_("Summary"),
    "compared": N_(
        "Compared in {region}: {points} against the baseline (no change: {map}), from month "
        "{month} ({calendar}); {n} paired replications each, read over the last {w} months "
        "of {months}."
    ),
    # the office map at the start (``structure``), as the summary names the baseline
    "map_present": N_("today's Nav offices, as of 2025"),
    "map_2019": N_("the Nav offices of 2019"),
    "map_municipal": N_("one Nav office per municipality, as before 2016"),
    "compared_plain": N_("Shown for {region}: {points}; {replications}, {months} months."),
    "findings": N_(
        "What holds across the replications (the paired difference's {level}% interval "
        "excludes zero), largest change first:"
    ),
    "no_findings": N_(
        "No difference has an interval that excludes zero: with these replications, no effect "
        "can be told apart from the run-to-run variation."
    ),
    "how_to_read": N_("How to read the numbers"),
    "bands_cover": N_(
        "Intervals and bands cover run-to-run variation only: the same model and parameters "
        "with other random draws. They do not cover the uncertainty in the parameters (most "
        "are assumptions, see Limitations) nor in the model's structure."
    ),
    "bands_cover_posterior": N_(
        "These replications ran posterior draws of the calibration (navsim-calibrate): the "
        "time-series bands cover both run-to-run variation and the calibrated parameters' "
        "uncertainty. The section Parameter uncertainty shows the two apart. Neither covers "
        "the uncertainty in the parameters that were not calibrated nor in the model's "
        "structure."
    ),
    "indices_are": N_("The indices are states of the model on a scale from 0 to 1:"),
    "files_note": N_("Full tables as CSV: {links}."),
    "parameters_differ": N_("Parameters and rules that differ from their defaults:"),
    "parameters_same": N_("Every point runs the default parameters and rules."),
    "parameters_drawn": N_(
        "Besides: {n} calibrated parameters take a posterior draw in each replication (see "
        "Parameter uncertainty)."
    ),
    "comparison": N_("Comparison with the baseline"),
    "comparison_note": N_(
        "Difference from the baseline over the last {w} months, paired by replicate (common random "
        "numbers), with {level}% t intervals (navsim-compare)."
    ),
    "series": N_("Time series"),
    "series_note": N_(
        "Median (line) and 5–95% (band) over the replications, per month: the band is run-to-run "
        "variation only. A single month can mislead (trust moves in a saw-tooth); the readings "
        "use the comparison's window and pairing."
    ),
    "series_note_posterior": N_(
        "Median (line) and 5–95% (band) over the replications, per month: the replications "
        "ran posterior draws, so the band holds both run-to-run variation and the calibrated "
        "parameters' uncertainty (the section Parameter uncertainty shows them apart)."
    ),
    "series_pooled": N_("{k} points: the time series pool all points."),
    "uncertainty": N_("Parameter uncertainty"),
    "uncertainty_note": N_(
        "Replicate k ran posterior draw k // {seeds} of the calibration ({draws} draws × "
        "{seeds} seeds; {file}). Each outcome's mean over the last {w} months, with two "
        "labelled 5–95% bands from a variance decomposition: over seeds with the parameters "
        "fixed (run-to-run), and over the posterior draws (the calibrated parameters); the "
        "total band adds the two."
    ),
    "uncertainty_one_seed": N_(
        "With one seed per draw the two kinds of uncertainty cannot be told apart: only the "
        "total band is given. Run with two or more seeds per draw to separate them."
    ),
    "no_uncertainty": N_(
        "The replications ran the model's parameters as they are (no posterior draws: "
        "navsim posterior=FILE)."
    ),
    "municipalities": N_("The municipalities in the new office"),
    "municipalities_note": N_(
        "Each municipality inside a host office or merger ({point}): change from the {w} months "
        "before the event to the last {w} months, averaged over the replications."
    ),
    "graph": N_("The region as a network"),
    "graph_note": N_(
        "Municipalities, Nav offices and the county director before and after the event ({point}); "
        "offices coloured by the trust between the owners (mean over the replications and over "
        "{w} months). Layout fixed (seed 1)."
    ),
    "before_event": N_("the {w} months before the event"),
    "last_months": N_("the last {w} months"),
    "transition": N_("The host-office trust transition"),
    "transition_note": N_(
        "Months a new office of several municipalities spends in transition: all rådmenn attend "
        "the partnership meetings until the other municipalities' rådmenn trust the partnership "
        "(as the 2019 partnership report describes)."
    ),
    "sensitivity": N_("Sensitivity"),
    "sensitivity_note": N_(
        "{method}: {points} × {replications}; indices from replication means with {conf}% "
        "bootstrap intervals (SALib)."
    ),
    "sensitivity_versus_note": N_(
        "Each point ran twice on the same seeds, as it is and with {versus}; the indices and "
        "the readings are of the difference (the policy minus the base)."
    ),
    "decomposition": N_("The effect by mechanism"),
    "decomposition_note": N_(
        "The policy ({versus}) minus the base, paired by seed ({replications}), with every "
        "listed mechanism on, each switched off in turn and all off: a mechanism's part is "
        "what the effect loses without it, the other mechanisms' part is the effect with all "
        "of them off, and the interaction is what is left; {conf}% intervals over the "
        "replications."
    ),
    "limitations": N_("Limitations"),
    "provenance": N_("Provenance"),
    "omitted": N_("Omitted: {why}"),
    "no_baseline": N_("no baseline to compare with ({err})"),
    "no_structural": N_("no event changes the office map in these results"),
    "no_transition": N_("no new office of several municipalities (no trust transition)"),
    "no_design": N_("the results are not a design (navsim-design)"),
    "no_indices": N_("the design has no indices.parquet (did a replication fail?)"),
    "no_series": N_("no model.parquet in the results"),
    "table": N_("table, CSV"),
    "png": N_("figure (PNG)"),
    "leaves_out": N_("The model leaves out, among others:"),
    "assumed": N_(
        "Every parameter and rule with its source, and those that are assumptions or partly "
        "assumed, are in the CSV files below."
    ),
    "config": N_("Configuration (first run of each alternative)"),
    "made_by": N_("Made by navsim-report, commit {commit}, {when}."),
}
# the kind of results (``Results.kind``)
KINDS = {
    "run": N_("a run"),
    "multirun": N_("a multirun"),
    "design": N_("a design"),
    "collected": N_("a collected dataset"),
}

LEAVES_OUT = [
    N_(
        "geography and travel distance: the units are municipalities, offices and counties, "
        "without space"
    ),
    N_(
        "users' own choices and health trajectories: users are records with need group, benefit "
        "and status, with monthly transition hazards"
    ),
    N_(
        "the labour market as a system of its own: local shocks are parameters (plant closure, "
        "recession), with no feedback"
    ),
    N_(
        "municipal politics and finance outside the partnership (elections, other sectors, tax "
        "income)"
    ),
    N_(
        "today's office map: the baseline is one office per municipality (the 2025 "
        "municipalities); the 2020 mergers are not modelled as events, and the Agder "
        "regionalisation map is illustrative"
    ),
    N_(
        "full validation: the pattern tests (docs/ODD.md element 1) check directions and "
        "orderings, not levels"
    ),
]


@dataclass
class Section:
    """One section of the report: heading, note, figures, readings and tables."""

    key: str
    title: str
    note: str = ""
    figures: list[tuple[str, object]] = field(default_factory=list)  # (file stem, Figure)
    readings: list[str] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # (file stem, table)
    # tables shown on the page, as a reader reads them: (translated table, code columns)
    shown: list[tuple[pd.DataFrame, tuple[str, ...]]] = field(default_factory=list)
    html: str = ""  # extra HTML (lists, details)
    omitted: str = ""  # non-empty: the section does not apply, and why


def _t(key: str, lang: str, **kw) -> str:
    return _(TEXT[key], lang).format(**kw)


def count_text(n: int, what: str, lang: str) -> str:
    """A count with its noun in the right form: "1 punkt", "3 punkter" ("1 point", ...).

    Args:
        n: The count.
        what: "point" or "replication".
        lang: "nb" or "en".
    """
    if what == "point":
        text = ngettext("{n} point", "{n} points", n, lang)
    else:
        text = ngettext("{n} replication", "{n} replications", n, lang)
    return text.format(n=n)


def _omit(key: str, title_key: str, why: str, lang: str) -> Section:
    return Section(key, _t(title_key, lang), omitted=_t("omitted", lang, why=why))


# ----------------------------------------------------------------------- sections


def summary_window(r: Results) -> int:
    """Months in the summary window of the results (the runs' ``summary_window``, else 12)."""
    return int(r.summary["summary_window"].iloc[0]) if "summary_window" in r.summary else 12


def with_derived(r: Results) -> pd.DataFrame:
    """The summary rows plus the report's derived outcome ``exit_rate_complex``."""
    summary = r.summary
    model = r.tables.get("model", pd.DataFrame())
    if not model.empty and "exits_to_work_complex" in model:
        rate = complex_exit_rate(model, summary_window(r))
        summary = summary.assign(exit_rate_complex=summary["run_id"].map(rate))
    return summary


def first_configs(r: Results) -> dict[str, dict]:
    """Design point label -> the resolved config of its first run (``run.json``)."""
    label_of = dict(zip(r.summary["run_id"], r.summary["label"], strict=True))
    out: dict[str, dict] = {}
    for run_id, info in r.runs.items():
        lab = label_of.get(run_id)
        if lab is not None and lab not in out:
            out[lab] = info.get("config", {})
    return {lab: out[lab] for lab in r.labels if lab in out}


def report_region(r: Results, lang: str) -> str:
    """The region of the results by name (the first run's config), or "" if unknown."""
    configs = first_configs(r)
    if configs:
        return present.region_name(next(iter(configs.values())), lang)
    if "region.name" in r.summary:
        return str(r.summary["region.name"].iloc[0]).title()
    return ""


def calendar_month(start: str, month: int, lang: str) -> str:
    """Month ``month`` of a run that starts at ``start`` (YYYY-MM) as "januar 2021"."""
    import datetime

    from babel.dates import format_date

    from messages import LOCALES

    year, mon = (int(x) for x in str(start).split("-")[:2])
    k = year * 12 + mon - 1 + int(month)
    return format_date(datetime.date(k // 12, k % 12 + 1, 1), "MMMM y", locale=LOCALES[lang])


def new_offices_text(r: Results, lang: str) -> list[str]:
    """Per structural design point: its new offices by name."""
    lineage = _lineage(r)
    munis = r.tables.get("municipalities", pd.DataFrame())
    if lineage.empty or munis.empty:
        return []
    out = []
    for lab in r.structural_labels():
        ids = list(dict.fromkeys(lineage.loc[lineage["label"] == lab, "office_id"]))
        names = present.office_names(munis[munis["label"] == lab], lang)
        text = ngettext(
            "{point}: {n} new office: {names}.",
            "{point}: {n} new offices: {names}.",
            len(ids),
            lang,
        ).format(
            point=point_name(lab, lang),
            n=len(ids),
            names=present.join_names([names.get(o, o) for o in ids], lang),
        )
        out.append(capitalise(text))
    return out


def capitalise(text: str) -> str:
    """The text with its first letter upper case (a sentence that starts with a name)."""
    return text[:1].upper() + text[1:]


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in items) + "</ul>"


def summary_section(r: Results, lang: str) -> Section:
    """The first screen: region, what was compared, offices by name, the findings.

    Every finding is a row of the comparison (paired differences over the summary
    window) whose interval excludes zero, stated in words with its size and interval.
    """
    region = report_region(r, lang)
    w = summary_window(r)
    months = int(r.summary["months"].iloc[0]) if "months" in r.summary else 0
    parts = []
    try:
        comp = tables.comparison(with_derived(r))
    except CompareError:
        comp = None
    others = [lab for lab in r.labels if lab != r.baseline]
    configs = first_configs(r)
    if comp is not None and others:
        events = [m for lab in others for m, _n in r.events(lab)]
        month = min(events) if events else 0
        first = next(iter(configs.values())) if configs else {}
        start = first.get("start", "2019-01")
        structure = str(first.get("structure", "present"))
        structure = structure if structure in ("present", "2019", "municipal") else "present"
        parts.append(
            _t(
                "compared",
                lang,
                region=region,
                points=present.join_names([point_name(lab, lang) for lab in others], lang),
                map=_t(f"map_{structure}", lang),
                month=month,
                calendar=calendar_month(start, month, lang),
                n=int(comp["n"].max()),
                w=w,
                months=months,
            )
        )
    else:
        parts.append(
            _t(
                "compared_plain",
                lang,
                region=region,
                points=present.join_names([point_name(lab, lang) for lab in r.labels], lang),
                replications=count_text(len(r.summary), "replication", lang),
                months=months,
            )
        )
    body = [f"<p class='lead'>{html.escape(parts[0])}</p>"]
    offices = new_offices_text(r, lang)
    if offices:
        body.append(_list(offices))
    findings: list[str] = []
    if comp is not None:
        level = level_text(100 * float(comp["level"].iloc[0]), lang)
        rows = present.headline_rows(comp)
        findings = [capitalise(present.finding_text(row, lang)) for row in rows]
        body.append(f"<p>{html.escape(_t('findings', lang, level=level))}</p>")
        if findings:
            body.append(
                "<ol class='findings'>"
                + "".join(f"<li>{html.escape(t)}</li>" for t in findings)
                + "</ol>"
            )
        else:
            body.append(f"<p>{html.escape(_t('no_findings', lang))}</p>")
    body.append(f"<h3>{html.escape(_t('how_to_read', lang))}</h3>")
    cover = "bands_cover_posterior" if tables.has_posterior(r.summary) else "bands_cover"
    body.append(f"<p>{html.escape(_t(cover, lang))}</p>")
    body.append(f"<p>{html.escape(_t('indices_are', lang))}</p>")
    body.append(_list([_(d, lang) for d in present.INDEX_DEFINITIONS]))
    title = _t("summary", lang)
    return Section("summary", title, html="".join(body), readings=[])


def map_section(r: Results, lang: str) -> list[Section]:
    """The region's map with municipality names: the hook for the geography table.

    No section yet: the map needs ``sim.data``'s geography (municipality centroids and
    neighbours, Kartverket; ``analysis.present.geography`` returns it once it lands).
    Draw it here then, with the office names of ``analysis.present.office_names``.
    """
    return []


def comparison_section(r: Results, lang: str) -> Section:
    """Differences from the baseline, paired by replicate, with intervals."""
    try:
        comp = tables.comparison(with_derived(r))
    except CompareError as err:
        return _omit("comparison", "comparison", _t("no_baseline", lang, err=err), lang)
    level = 100 * float(comp["level"].iloc[0])
    return Section(
        "comparison",
        _t("comparison", lang),
        note=_t("comparison_note", lang, w=summary_window(r), level=level_text(level, lang)),
        figures=[("comparison", plots.comparison_figure(comp, lang))],
        readings=readings.comparison_reading(comp, lang),
        tables=[("comparison", comp)],
        shown=[(_headed(present.comparison_table(comp, lang), lang), ())],
    )


def _events(r: Results) -> dict[str, list[tuple[int, str]]]:
    return {lab: events for lab in r.labels if (events := r.events(lab))}


def series_section(r: Results, lang: str) -> Section:
    """Median and 5-95 % bands per design point, with the events marked.

    The readings are the comparison's paired differences over the summary window (the
    window is shaded in the figure), never one month of the series.
    """
    model = r.tables.get("model", pd.DataFrame())
    if model.empty:
        return _omit("series", "series", _t("no_series", lang), lang)
    labels = r.labels
    note = _t("series_note_posterior" if tables.has_posterior(r.summary) else "series_note", lang)
    if len(labels) > MAX_GROUPS:
        model = model.assign(label="all")
        note += " " + _t("series_pooled", lang, k=len(labels))
        labels, events = ["all"], {}
    else:
        events = _events(r)
    try:
        comp = tables.comparison(with_derived(r))
    except CompareError:
        comp = None
    b = tables.bands(model)
    w = summary_window(r)
    outcomes = list(dict.fromkeys(b["outcome"]))
    return Section(
        "series",
        _t("series", lang),
        note=note,
        figures=[("series", plots.series_figure(b, events, lang, labels, window=w))],
        readings=readings.series_reading(comp, with_derived(r), outcomes, events, w, lang),
        tables=[("series", b)],
    )


def uncertainty_section(r: Results, lang: str) -> Section:
    """Run-to-run and parameter uncertainty apart, when the replications ran posterior draws."""
    table = tables.uncertainty(with_derived(r))
    if table.empty:
        return _omit("uncertainty", "uncertainty", _t("no_uncertainty", lang), lang)
    files = {str(i["posterior"]["file"]) for i in r.runs.values() if "posterior" in i}
    seeds = float(table["seeds_per_draw"].iloc[0])
    note = _t(
        "uncertainty_note",
        lang,
        seeds=int(round(seeds)),
        draws=int(table["draws"].max()),
        file=", ".join(sorted(Path(f).name for f in files)) or "–",
        w=summary_window(r),
    )
    if table["seed_lo"].isna().all():
        note += " " + _t("uncertainty_one_seed", lang)
    return Section(
        "uncertainty",
        _t("uncertainty", lang),
        note=note,
        figures=[("uncertainty", plots.uncertainty_figure(table, lang))],
        readings=readings.uncertainty_reading(table, lang),
        tables=[("uncertainty", table)],
        shown=[(_headed(present.uncertainty_table(table, lang), lang), ())],
    )


def municipality_sections(r: Results, lang: str) -> list[Section]:
    """One municipality view and one region graph per design point with a structural event."""
    structural = r.structural_labels()
    if not structural:
        why = _t("no_structural", lang)
        return [
            _omit("municipalities", "municipalities", why, lang),
            _omit("graph", "graph", why, lang),
        ]
    munis, lineage = r.tables["municipalities"], r.tables["offices_lineage"]
    offices = r.tables["offices"]
    w = summary_window(r)
    try:
        comp = tables.comparison(with_derived(r))
    except CompareError:
        comp = None
    out_m = Section("municipalities", _t("municipalities", lang))
    out_g = Section("graph", _t("graph", lang))
    notes_m, notes_g = [], []
    for i, lab in enumerate(structural):
        stem = f"{i + 1}"
        view = tables.municipality_view(munis, lineage, lab, r.baseline, window=w)
        if view.empty:
            continue
        names = present.office_names(munis[munis["label"] == lab], lang)
        name = point_name(lab, lang)
        notes_m.append(name)
        out_m.figures.append(
            (f"municipalities_{stem}", plots.municipality_figure(view, lang, names))
        )
        out_m.readings += [
            f"{name}: {t}" for t in readings.municipality_reading(view, lang, names, w)
        ]
        out_m.tables.append((f"municipalities_{stem}", view))
        out_m.shown.append((_headed(present.municipality_table(view, names, lang), lang), ()))
        month = int(view["month"].min())
        last = int(munis.loc[munis["label"] == lab, "month"].max())
        spans = ((max(0, month - w), max(0, month - 1)), (last - w + 1, last))
        g0, v0 = tables.graph_state(munis, offices, lab, spans[0][1], "trust_owners", spans[0])
        g1, v1 = tables.graph_state(munis, offices, lab, last, "trust_owners", spans[1])
        pos = tables.graph_layout(g0, g1, seed=1)
        notes_g.append(name)
        titles = (_t("before_event", lang, w=w), _t("last_months", lang, w=w))
        out_g.figures.append(
            (f"graph_{stem}", plots.region_graph_figure((g0, g1), (v0, v1), pos, titles, lang))
        )
        row = None
        if comp is not None:
            hit = comp[(comp["point"] == lab) & (comp["outcome"] == "trust_owners")]
            if hit.empty:  # a point label of a scenario sweep is "scenario=<name>"
                hit = comp[
                    (comp["point"].str.endswith(f"={lab}")) & (comp["outcome"] == "trust_owners")
                ]
            row = hit.iloc[0] if not hit.empty else None
        out_g.readings.append(f"{name}: {readings.graph_reading(v0, v1, w, row, lang)}")
        rows = [
            {"label": lab, "months": f"{lo}-{hi}", "office_id": k[1], "trust_owners": v}
            for (lo, hi), vals in zip(spans, (v0, v1), strict=True)
            for k, v in vals.items()
        ]
        out_g.tables.append((f"graph_{stem}", pd.DataFrame(rows)))
    out_m.note = _t("municipalities_note", lang, point=", ".join(notes_m), w=w)
    out_g.note = _t("graph_note", lang, point=", ".join(notes_g), w=w)
    return [out_m, out_g]


def _headed(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A shown table with its headers translated (``analysis.present.HEADERS``)."""
    return df.rename(columns=lambda c: present.header(c, lang))


def transition_section(r: Results, lang: str) -> Section:
    """The length of the host-office trust transition per design point."""
    d = tables.transition_durations(r.tables.get("offices", pd.DataFrame()), _lineage(r))
    if d.empty:
        return _omit("transition", "transition", _t("no_transition", lang), lang)
    s = tables.transition_summary(d)
    return Section(
        "transition",
        _t("transition", lang),
        note=_t("transition_note", lang),
        figures=[("transition", plots.transition_figure(d, lang, r.labels))],
        readings=readings.transition_reading(s, lang),
        tables=[("transition", s), ("transition_runs", d)],
        shown=[(_headed(present.transition_table(s, lang), lang), ())],
    )


def _lineage(r: Results) -> pd.DataFrame:
    return r.tables.get("offices_lineage", pd.DataFrame())


def sensitivity_section(r: Results, lang: str) -> Section:
    """Morris μ*/σ, Sobol S1/ST or the delta index, with intervals (a design only)."""
    if r.design is None:
        return _omit("sensitivity", "sensitivity", _t("no_design", lang), lang)
    if r.indices is None or r.indices.empty:
        return _omit("sensitivity", "sensitivity", _t("no_indices", lang), lang)
    method = r.design["method"]
    main = MAIN_INDEX[method]
    idx = r.indices
    note = _t(
        "sensitivity_note",
        lang,
        method=method,
        points=count_text(r.design["points"], "point", lang),
        replications=count_text(r.design["replications"], "replication", lang),
        conf=level_text(100 * float(r.design["conf_level"]), lang),
    )
    sign_readings, sign_tables = [], []
    if r.design.get("versus"):
        note += " " + _t("sensitivity_versus_note", lang, versus=" ".join(r.design["versus"]))
        if r.signs is not None:
            sign_readings = readings.sign_reading(r.signs, lang)
            sign_tables = [("signs", r.signs)]
    return Section(
        "sensitivity",
        _t("sensitivity", lang),
        note=note,
        figures=[("sensitivity", plots.sensitivity_figure(idx, main, lang))],
        readings=[*sign_readings, *readings.sensitivity_reading(idx, main, lang)],
        tables=[("sensitivity", idx), *sign_tables],
    )


def decomposition_sections(r: Results, lang: str) -> list[Section]:
    """A policy's effect by mechanism, one section per ``navsim-decompose`` result.

    None when there is no decomposition (most results have none; not an omission).
    """
    out = []
    for name, meta, table in r.decompositions:
        out.append(
            Section(
                f"decomposition_{name}",
                _t("decomposition", lang) + f": {name}",
                note=_t(
                    "decomposition_note",
                    lang,
                    versus=" ".join(meta["versus"]),
                    replications=count_text(int(meta["replications"]), "replication", lang),
                    conf=level_text(100 * float(meta["level"]), lang),
                ),
                figures=[(f"decomposition_{name}", plots.decomposition_figure(table, lang))],
                readings=readings.decomposition_reading(name, meta, table, lang),
                tables=[(f"decomposition_{name}", table)],
            )
        )
    return out


def limitations_section(r: Results, lang: str) -> Section:
    """What the model leaves out, which parameters are assumptions, and what differs.

    The page shows only the parameters and rules that differ from their defaults in
    some point; every parameter with its source is in ``parameters.csv``.
    """
    varied = list(r.factors)
    if r.design is not None:
        varied += list(r.design.get("params", []))
    params = tables.parameter_provenance(varied)
    assumed = params[params["kind"].isin(["assumption", "partly_assumption"])]
    # parameters drawn from a posterior differ between replications: the section
    # Parameter uncertainty shows them, not one replication's values here
    drawn = posterior_columns(r.summary)
    differ = present.differing_parameters(
        params[~params["key"].isin(drawn)], first_configs(r), lang
    )
    items = "".join(f"<li>{html.escape(_(p, lang))}</li>" for p in LEAVES_OUT)
    extra = f"<p>{_t('leaves_out', lang)}</p><ul>{items}</ul><p>{_t('assumed', lang)}</p>"
    extra += f"<p>{_t('parameters_differ' if len(differ) else 'parameters_same', lang)}"
    if drawn:
        extra += " " + _t("parameters_drawn", lang, n=len(drawn))
    extra += "</p>"
    setting = present.header("setting", lang)
    return Section(
        "limitations",
        _t("limitations", lang),
        readings=[readings.limitations_reading(params, lang)],
        tables=[("parameters", params), ("assumptions", assumed)],
        shown=[(_headed(differ, lang), (setting,))] if len(differ) else [],
        html=extra,
    )


def provenance_section(r: Results, lang: str) -> Section:
    """Config, seeds, versions and commit of every replication (run.json)."""
    label_of = dict(zip(r.summary["run_id"], r.summary["label"], strict=True))
    rows = []
    for run_id, info in r.runs.items():
        rows.append(
            {
                "run_id": run_id,
                "label": label_of.get(run_id),
                "replicate": info.get("replicate"),
                "seed": info.get("seed"),
                "seed_entropy": info.get("seed_entropy"),
                "spawn_key": str(info.get("spawn_key")),
                "git_commit": info.get("git_commit"),
                "wall_time_s": info.get("wall_time_s"),
                "dir": str(Path(info["dir"]).relative_to(r.root)),
            }
        )
    runs = pd.DataFrame(rows)
    if runs.empty:  # a collected dataset has no run.json
        cols = ["run_id", "label", "replicate", "seed_entropy", "spawn_key"]
        runs = r.summary[[c for c in cols if c in r.summary]].copy()
    parts = []
    first = {}
    for run_id, info in r.runs.items():
        first.setdefault(label_of.get(run_id), info)
    if first:
        info = next(iter(first.values()))
        vers = ", ".join(f"{k} {v}" for k, v in info.get("versions", {}).items())
        commits = ", ".join(sorted({str(i.get("git_commit")) for i in r.runs.values()}))
        seeds = ", ".join(sorted({str(i.get("seed")) for i in r.runs.values()}))
        parts.append(
            f"<p><code>seed: {html.escape(seeds)}; git commit: {html.escape(commits)}; "
            f"{html.escape(vers)}</code></p>"
        )
        for lab, info in first.items():
            cfg = json.dumps(info.get("config", {}), indent=1, ensure_ascii=False)
            name = html.escape(point_name(str(lab), lang))
            parts.append(
                f"<details><summary>{_t('config', lang)}: {name}</summary>"
                f"<pre><code>{html.escape(cfg)}</code></pre></details>"
            )
    for job, ov in r.overrides.items():
        parts.append(f"<p><code>{html.escape(job)}: {html.escape(' '.join(ov))}</code></p>")
    if r.design is not None:
        parts.append(f"<pre><code>{html.escape(json.dumps(r.design, indent=1))}</code></pre>")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    commit = f"<code>{html.escape(git_commit())}</code>"
    parts.append(f"<p>{_t('made_by', lang, commit=commit, when=when)}</p>")
    return Section(
        "provenance", _t("provenance", lang), tables=[("runs", runs)], html="".join(parts)
    )


SECTIONS = (
    summary_section,
    map_section,
    comparison_section,
    series_section,
    uncertainty_section,
    municipality_sections,
    transition_section,
    decomposition_sections,
    sensitivity_section,
    limitations_section,
    provenance_section,
)


def build_sections(r: Results, lang: str = "nb", progress: bool = False) -> list[Section]:
    """Every section of the report, in order (figures as matplotlib figures).

    Args:
        r: The results.
        lang: "nb" or "en".
        progress: Show a progress bar over the sections.

    Returns:
        The sections; those that do not apply carry ``omitted``.
    """
    out: list[Section] = []
    for make in tqdm(SECTIONS, disable=not progress, desc="report", unit="section"):
        s = make(r, lang)
        out += s if isinstance(s, list) else [s]
    return out


# ----------------------------------------------------------------------- HTML

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;
margin-top:2rem}img{max-width:100%;height:auto;border:1px solid #eee}
.note{color:#555;font-size:.92rem}.reading{background:#f4f7fb;padding:.4rem .8rem;
border-left:3px solid #1f77b4}.omitted{color:#777;font-style:italic}
table{border-collapse:collapse;font-size:.8rem;margin:.5rem 0}td,th{border:1px solid #ddd;
padding:.15rem .4rem;text-align:right}th{background:#f0f0f0}pre{font-size:.75rem;
overflow-x:auto;background:#fafafa;padding:.5rem}nav a{margin-right:.8rem}
.wide{overflow-x:auto}.lead{font-size:1.05rem}.findings li{margin:.35rem 0}
h3{font-size:1rem;margin-top:1.2rem}code{font-size:.85em}
"""


def _html_table(df: pd.DataFrame, code: tuple[str, ...] = (), max_rows: int = 40) -> str:
    """A shown table: cells already written for the reader (strings), escaped here.

    Columns named in ``code`` are set as code (config keys).
    """
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    for rec in df.head(max_rows).itertuples(index=False):
        cells = []
        for c, v in zip(df.columns, rec, strict=True):
            text = html.escape("–" if v is None or (isinstance(v, float) and v != v) else str(v))
            cells.append(f"<td><code>{text}</code></td>" if c in code else f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    text = f"<div class='wide'><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}"
    text += "</tbody></table></div>"
    if len(df) > max_rows:
        text += f"<p class='note'>… {len(df) - max_rows} / {len(df)}</p>"
    return text


def render(sections: list[Section], r: Results, lang: str, pngs: dict[str, bytes]) -> str:
    """The report as one HTML page: figures embedded as base64 PNG, tables inline.

    Args:
        sections: From :func:`build_sections` (the summary first).
        r: The results (for the title and the introduction).
        lang: "nb" or "en".
        pngs: Figure stem -> PNG bytes.

    Returns:
        The page.
    """
    region = report_region(r, lang)
    title = _t("title_region", lang, region=region) if region else _t("title", lang)
    intro = _t(
        "intro",
        lang,
        replications=count_text(len(r.summary), "replication", lang),
        kind=_(KINDS[r.kind], lang),
    )
    nav = "".join(
        f"<a href='#{s.key}'>{html.escape(s.title)}</a>" for s in sections if not s.omitted
    )
    body = [f"<h1>{html.escape(title)}</h1>"]
    for s in sections:
        body.append(f"<h2 id='{s.key}'>{html.escape(s.title)}</h2>")
        if s.key == "summary":
            body.append(s.html)
            body.append(
                f"<p class='note'>{html.escape(intro)} <code>{html.escape(str(r.root))}</code></p>"
            )
            body.append(f"<nav>{nav}</nav>")
            continue
        if s.omitted:
            body.append(f"<p class='omitted'>{html.escape(s.omitted)}</p>")
            continue
        if s.note:
            body.append(f"<p class='note'>{html.escape(s.note)}</p>")
        for stem, _fig in s.figures:
            data = base64.b64encode(pngs[stem]).decode("ascii")
            body.append(
                f"<figure><img alt='{html.escape(s.title)}' src='data:image/png;base64,{data}'>"
                f"<figcaption class='note'><a href='{stem}.png'>{_t('png', lang)}</a>"
                "</figcaption></figure>"
            )
        for text in s.readings:
            body.append(f"<p class='reading'>{html.escape(capitalise(text))}</p>")
        body.append(s.html)
        for df, code in s.shown:
            body.append(_html_table(df, code))
        if s.tables:
            links = ", ".join(
                f"<a href='{stem}.csv'><code>{stem}.csv</code></a>" for stem, _df in s.tables
            )
            body.append(f"<p class='note'>{_t('files_note', lang, links=links)}</p>")
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{CSS}</style>"
        f"</head><body>{''.join(body)}</body></html>"
    )


def write_report(
    path: Path | str,
    lang: str = "nb",
    progress: bool = False,
    out: Path | str | None = None,
    damaged: list[str] | None = None,
) -> Path:
    """Read ``path``, build every section and write the report and its files.

    Args:
        path: A run, a multirun, a design or a collected dataset.
        lang: "nb" or "en".
        progress: Show progress bars.
        out: The report directory (default ``PATH/report``).
        damaged: If given, the damaged files left out are appended to it.

    Returns:
        The path of ``report.html``.

    Raises:
        ReportError: If ``path`` holds no results.
    """
    if lang not in LANGUAGES:
        raise ReportError(f"--lang {lang}: must be {' or '.join(LANGUAGES)}")
    out_dir = Path(out) if out else Path(path) / REPORT_DIR
    if out or Path(path).is_dir():
        check_output(out_dir, "--out" if out else "the report directory", is_dir=True)
    r = load_results(path, progress=progress)
    if damaged is not None:
        damaged.extend(r.damaged)
    out_dir.mkdir(parents=True, exist_ok=True)
    sections = build_sections(r, lang, progress=progress)
    pngs = {}
    for s in sections:
        for stem, fig in s.figures:
            pngs[stem] = plots.to_png(fig)
            (out_dir / f"{stem}.png").write_bytes(pngs[stem])
        for stem, df in s.tables:
            df.to_csv(out_dir / f"{stem}.csv", index=False)
    page = out_dir / "report.html"
    write_bytes_atomic(render(sections, r, lang, pngs).encode("utf-8"), page)
    return page


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``navsim-report``."""
    p = OneLineParser(
        prog="navsim-report",
        description="A self-contained HTML report (figures, readings, tables) of a run, a "
        "multirun, a design or a collected dataset, written to PATH/report/report.html.",
    )
    p.add_argument("path", type=Path, help="a run, multirun, design or collected directory")
    p.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0], help="language (nb)")
    p.add_argument("--out", type=Path, help="report directory (default PATH/report)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(DEBUG_FLAG, action="store_true", help="show the traceback of an error")
    return p


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point ``navsim-report``; a path without results exits 2 with one line.

    Args:
        argv: Arguments (``sys.argv[1:]`` when None).
    """
    args = build_parser().parse_args(argv)
    t0 = time.perf_counter()
    damaged: list[str] = []
    with guard("navsim-report", args.debug):
        page = write_report(
            args.path, args.lang, progress=not args.no_progress, out=args.out, damaged=damaged
        )
    say_left_out("navsim-report", damaged)
    print(f"navsim-report: {page} ({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
