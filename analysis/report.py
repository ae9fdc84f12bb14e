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
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis import plots, readings, tables
from analysis.readings import level_text, point_name
from analysis.results import MAX_GROUPS, ReportError, Results, complex_exit_rate, load_results
from experiments.atomic import write_bytes_atomic
from experiments.compare import CompareError
from experiments.design import MAIN_INDEX
from experiments.replication import git_commit
from messages import LANGUAGES, N_, _, format_number, ngettext

REPORT_DIR = "report"

TEXT = {
    "title": N_("navsim report"),
    "intro": N_(
        "Results of {replications} in {points} ({kind}) under {root}. All numbers are simulated: "
        "they show the model's mechanisms, not a forecast. The uncertainty between replications is "
        "shown as intervals and bands."
    ),
    "comparison": N_("Comparison with the baseline"),
    "comparison_note": N_(
        "Difference from the baseline over the last {w} months, paired by replicate (common random "
        "numbers), with {level}% t intervals (navsim-compare)."
    ),
    "series": N_("Time series"),
    "series_note": N_(
        "Median (line) and 5–95% (band) over the replications, per month; events are marked with "
        "dotted lines."
    ),
    "series_pooled": N_("{k} points: the time series pool all points."),
    "municipalities": N_("The municipalities in the new office"),
    "municipalities_note": N_(
        "Each municipality inside a host office or merger ({point}): change from the 12 months "
        "before the event to the last 12 months, averaged over the replications."
    ),
    "graph": N_("The region as a network"),
    "graph_note": N_(
        "Municipalities, Nav offices and the county director before and after the event ({point}); "
        "offices coloured by the trust between the owners (mean over the replications). Layout "
        "fixed (seed 1)."
    ),
    "transition": N_("The host-office trust transition"),
    "transition_note": N_(
        "Months a new office of several municipalities spends in transition: all rådmenn attend "
        "the partnership meetings until the other municipalities' rådmenn trust the partnership "
        "(003 §5.2)."
    ),
    "sensitivity": N_("Sensitivity"),
    "sensitivity_note": N_(
        "{method}: {points} × {replications}; indices from replication means with {conf}% "
        "bootstrap intervals (SALib)."
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
        "Parameters and rules that are assumptions or partly assumed (from sim/config/):"
    ),
    "config": N_("Configuration (first run per point)"),
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
    )


def _events(r: Results) -> dict[str, list[tuple[int, str]]]:
    return {lab: events for lab in r.labels if (events := r.events(lab))}


def series_section(r: Results, lang: str) -> Section:
    """Median and 5-95 % bands per design point, with the events marked."""
    model = r.tables.get("model", pd.DataFrame())
    if model.empty:
        return _omit("series", "series", _t("no_series", lang), lang)
    labels = r.labels
    note = _t("series_note", lang)
    baseline = r.baseline
    if len(labels) > MAX_GROUPS:
        model = model.assign(label="all")
        note += " " + _t("series_pooled", lang, k=len(labels))
        labels, baseline, events = ["all"], None, {}
    else:
        events = _events(r)
    b = tables.bands(model)
    return Section(
        "series",
        _t("series", lang),
        note=note,
        figures=[("series", plots.series_figure(b, events, lang, labels))],
        readings=readings.series_reading(b, baseline, events, lang),
        tables=[("series", b)],
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
    out_m = Section("municipalities", _t("municipalities", lang))
    out_g = Section("graph", _t("graph", lang))
    notes_m, notes_g = [], []
    for i, lab in enumerate(structural):
        stem = f"{i + 1}"
        view = tables.municipality_view(munis, lineage, lab, r.baseline)
        if view.empty:
            continue
        name = point_name(lab, lang)
        notes_m.append(name)
        out_m.figures.append((f"municipalities_{stem}", plots.municipality_figure(view, lang)))
        out_m.readings += [f"{name}: {t}" for t in readings.municipality_reading(view, lang)]
        out_m.tables.append((f"municipalities_{stem}", view))
        month = int(view["month"].min())
        last = int(munis.loc[munis["label"] == lab, "month"].max())
        months = (max(0, month - 1), last)
        g0, v0 = tables.graph_state(munis, offices, lab, months[0], "trust_owners")
        g1, v1 = tables.graph_state(munis, offices, lab, months[1], "trust_owners")
        pos = tables.graph_layout(g0, g1, seed=1)
        notes_g.append(name)
        out_g.figures.append(
            (f"graph_{stem}", plots.region_graph_figure((g0, g1), (v0, v1), pos, months, lang))
        )
        out_g.readings.append(f"{name}: {readings.graph_reading(v0, v1, months, lang)}")
        rows = [
            {"label": lab, "month": m, "office_id": k[1], "trust_owners": v}
            for m, vals in zip(months, (v0, v1), strict=True)
            for k, v in vals.items()
        ]
        out_g.tables.append((f"graph_{stem}", pd.DataFrame(rows)))
    out_m.note = _t("municipalities_note", lang, point=", ".join(notes_m))
    out_g.note = _t("graph_note", lang, point=", ".join(notes_g))
    return [out_m, out_g]


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
    return Section(
        "sensitivity",
        _t("sensitivity", lang),
        note=_t(
            "sensitivity_note",
            lang,
            method=method,
            points=count_text(r.design["points"], "point", lang),
            replications=count_text(r.design["replications"], "replication", lang),
            conf=level_text(100 * float(r.design["conf_level"]), lang),
        ),
        figures=[("sensitivity", plots.sensitivity_figure(idx, main, lang))],
        readings=readings.sensitivity_reading(idx, main, lang),
        tables=[("sensitivity", idx)],
    )


def limitations_section(r: Results, lang: str) -> Section:
    """What the model leaves out and which parameters are assumptions."""
    varied = list(r.factors)
    if r.design is not None:
        varied += list(r.design.get("params", []))
    params = tables.parameter_provenance(varied)
    assumed = params[params["kind"].isin(["assumption", "partly_assumption"])]
    items = "".join(f"<li>{html.escape(_(p, lang))}</li>" for p in LEAVES_OUT)
    return Section(
        "limitations",
        _t("limitations", lang),
        readings=[readings.limitations_reading(params, lang)],
        tables=[("parameters", params), ("assumptions", assumed)],
        html=f"<p>{_t('leaves_out', lang)}</p><ul>{items}</ul><p>{_t('assumed', lang)}</p>",
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
            f"<p>seed: {html.escape(seeds)}; git commit: {html.escape(commits)}; "
            f"{html.escape(vers)}</p>"
        )
        for lab, info in first.items():
            cfg = json.dumps(info.get("config", {}), indent=1, ensure_ascii=False)
            parts.append(
                f"<details><summary>{_t('config', lang)}: {html.escape(str(lab))}</summary>"
                f"<pre>{html.escape(cfg)}</pre></details>"
            )
    for job, ov in r.overrides.items():
        parts.append(f"<p><code>{html.escape(job)}: {html.escape(' '.join(ov))}</code></p>")
    if r.design is not None:
        parts.append(f"<pre>{html.escape(json.dumps(r.design, indent=1))}</pre>")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    parts.append(f"<p>{_t('made_by', lang, commit=html.escape(git_commit()), when=when)}</p>")
    return Section(
        "provenance", _t("provenance", lang), tables=[("runs", runs)], html="".join(parts)
    )


SECTIONS = (
    comparison_section,
    series_section,
    municipality_sections,
    transition_section,
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
.wide{overflow-x:auto}
"""


def _html_table(df: pd.DataFrame, lang: str, max_rows: int = 40) -> str:
    shown = df.head(max_rows)
    text = shown.to_html(
        index=False,
        border=0,
        float_format=lambda x: format_number(x, lang, 4, group=False),
        na_rep="–",
    )
    text = f"<div class='wide'>{text}</div>"
    if len(df) > max_rows:
        text += f"<p class='note'>… {len(df) - max_rows} / {len(df)}</p>"
    return text


def render(sections: list[Section], r: Results, lang: str, pngs: dict[str, bytes]) -> str:
    """The report as one HTML page: figures embedded as base64 PNG, tables inline.

    Args:
        sections: From :func:`build_sections`.
        r: The results (for the introduction).
        lang: "nb" or "en".
        pngs: Figure stem -> PNG bytes.

    Returns:
        The page.
    """
    intro = _t(
        "intro",
        lang,
        replications=count_text(len(r.summary), "replication", lang),
        points=count_text(len(r.labels), "point", lang),
        kind=_(KINDS[r.kind], lang),
        root=html.escape(str(r.root)),
    )
    nav = "".join(
        f"<a href='#{s.key}'>{html.escape(s.title)}</a>" for s in sections if not s.omitted
    )
    body = [f"<h1>{_t('title', lang)}</h1>", f"<p>{intro}</p>", f"<nav>{nav}</nav>"]
    for s in sections:
        body.append(f"<h2 id='{s.key}'>{html.escape(s.title)}</h2>")
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
            body.append(f"<p class='reading'>{html.escape(text)}</p>")
        body.append(s.html)
        for stem, df in s.tables:
            link = f"<a href='{stem}.csv'>{stem}.csv</a> ({_t('table', lang)})"
            body.append(f"<p class='note'>{link}</p>")
            if len(df.columns) <= 16:
                body.append(_html_table(df, lang))
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{_t('title', lang)}: {html.escape(str(r.root))}</title><style>{CSS}</style>"
        f"</head><body>{''.join(body)}</body></html>"
    )


def write_report(
    path: Path | str, lang: str = "nb", progress: bool = False, out: Path | str | None = None
) -> Path:
    """Read ``path``, build every section and write the report and its files.

    Args:
        path: A run, a multirun, a design or a collected dataset.
        lang: "nb" or "en".
        progress: Show progress bars.
        out: The report directory (default ``PATH/report``).

    Returns:
        The path of ``report.html``.

    Raises:
        ReportError: If ``path`` holds no results.
    """
    if lang not in LANGUAGES:
        raise ReportError(f"--lang {lang}: must be {' or '.join(LANGUAGES)}")
    r = load_results(path, progress=progress)
    sections = build_sections(r, lang, progress=progress)
    out_dir = Path(out) if out else Path(path) / REPORT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
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
    p = argparse.ArgumentParser(
        prog="navsim-report",
        description="A self-contained HTML report (figures, readings, tables) of a run, a "
        "multirun, a design or a collected dataset, written to PATH/report/report.html.",
    )
    p.add_argument("path", type=Path, help="a run, multirun, design or collected directory")
    p.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0], help="language (nb)")
    p.add_argument("--out", type=Path, help="report directory (default PATH/report)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point ``navsim-report``; a path without results exits 2 with one line.

    Args:
        argv: Arguments (``sys.argv[1:]`` when None).
    """
    args = build_parser().parse_args(argv)
    t0 = time.perf_counter()
    try:
        page = write_report(args.path, args.lang, progress=not args.no_progress, out=args.out)
    except ReportError as err:
        print(f"navsim-report: {err}", file=sys.stderr)
        sys.exit(2)
    print(f"navsim-report: {page} ({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
