"""The report's figures: plain functions of DataFrames returning matplotlib figures.

Usable from a notebook::

    from analysis import plots, tables
    from analysis.results import load_results
    r = load_results("outputs/demo")
    plots.comparison_figure(tables.comparison(r.summary), "en")

Figures are ``matplotlib.figure.Figure`` objects drawn with the Agg backend (no
pyplot state). ``sim`` never imports matplotlib.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # noqa: E402

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator, ScalarFormatter  # noqa: E402

from analysis.readings import (  # noqa: E402
    INDEX_NAMES,
    decomposition_part_label,
    level_text,
    offices_text,
    outcome_label,
    point_name,
    scenario_label,
)
from messages import _, format_number, format_percent  # noqa: E402
from workshop.labels import actor_label  # noqa: E402

COLOURS = ("#444444", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")
DPI = 200  # print resolution
FONT = 8  # the smallest text of a figure, points


def to_png(fig: Figure) -> bytes:
    """The figure as PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
    return buf.getvalue()


def _colour(i: int) -> str:
    return COLOURS[i % len(COLOURS)]


class LocalisedFormatter(ScalarFormatter):
    """Tick labels in the language's numbers: no offset, no exponent, thousands grouped.

    Each tick is written with as many decimals as the ticks need (0,25 and 0,50, not
    0,25 and 0,5) by :func:`messages.format_number`: bokmål "36 000 000" and "0,5",
    English "36,000,000" and "0.5"; never "1e7" on the axis.
    """

    def __init__(self, lang: str) -> None:  # noqa: D107
        super().__init__(useOffset=False)
        self.set_scientific(False)
        self.lang = lang
        self.ticks: list[float] = []

    def set_locs(self, locs) -> None:  # noqa: D102
        self.ticks = [float(x) for x in locs if np.isfinite(x)]
        super().set_locs(locs)

    def decimals(self) -> int:
        """The fewest decimals that write every tick exactly (at most 6)."""
        locs = self.ticks
        for d in range(7):
            if all(abs(x * 10**d - round(x * 10**d)) < 1e-6 for x in locs):
                return d
        return 6

    def __call__(self, x, pos=None) -> str:  # noqa: D102
        d = self.decimals()
        if abs(x) < 0.5 * 10**-d:
            x = 0.0
        return format_number(x, self.lang, fraction=d)

    def get_offset(self) -> str:  # noqa: D102
        return ""


def localise(fig: Figure, lang: str) -> Figure:
    """Number the figure's numeric axes (colour bars too) in ``lang`` (bokmål: 0,5).

    Axes with fixed labels (outcomes, parameters, municipalities) are left as they are.

    Args:
        fig: A figure, drawn.
        lang: "nb" or "en".

    Returns:
        The same figure.
    """
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(LocalisedFormatter(lang))
    return fig


def comparison_figure(comp: pd.DataFrame, lang: str) -> Figure:
    """Differences from the baseline in % of its mean, with the paired intervals.

    Each outcome's label carries the better direction (↑ higher is better, ↓ lower).
    The axis is set by most intervals, not stretched by one wide one: an interval
    reaching past it is cut at the edge with a triangle and its end written there.

    Args:
        comp: ``analysis.tables.comparison``'s table.
        lang: "nb" or "en".

    Returns:
        A forest plot: one row per outcome, one marker per design point.
    """
    from analysis.present import better_mark

    outcomes = list(dict.fromkeys(comp["outcome"]))
    points = list(dict.fromkeys(comp["point"]))
    fig = Figure(figsize=(7.5, 0.32 * len(outcomes) * max(1, len(points)) ** 0.5 + 1.2))
    ax = fig.subplots()
    k = len(points)
    blocks = []
    for point in points:
        block = comp[comp["point"] == point].set_index("outcome").reindex(outcomes)
        base = block["baseline_mean"].abs().replace(0, np.nan)
        mid = block["difference_pct"].to_numpy(float)
        lo = (100 * block["ci_low"] / base).to_numpy(float)
        hi = (100 * block["ci_high"] / base).to_numpy(float)
        blocks.append((mid, lo, hi))
    reach = np.concatenate([np.nanmax(np.abs(np.vstack(b)), axis=0) for b in blocks])
    reach = reach[np.isfinite(reach)]
    mids = np.concatenate([np.abs(b[0]) for b in blocks])
    lim = 1.0
    if reach.size:
        lim = 1.15 * max(np.quantile(reach, 0.8), np.nanmax(mids) if mids.size else 0, 0.5)
    for j, (point, (mid, lo, hi)) in enumerate(zip(points, blocks, strict=True)):
        y = np.arange(len(outcomes)) + (j - (k - 1) / 2) * 0.8 / max(k, 1)
        c = _colour(j + 1)
        cmid = np.clip(mid, -lim, lim)
        clo, chi = np.clip(lo, -lim, lim), np.clip(hi, -lim, lim)
        err = np.nan_to_num(np.vstack([cmid - clo, chi - cmid]))
        ax.errorbar(
            cmid,
            y,
            xerr=err,
            fmt="o",
            ms=4,
            color=c,
            capsize=2,
            lw=1.2,
            label=point_name(point, lang),
        )
        for side, ends, cut in ((-1, lo, clo), (1, hi, chi)):
            for yi, end, edge in zip(y, ends, cut, strict=True):
                if np.isfinite(end) and abs(end) > lim:
                    ax.plot(edge, yi, marker="<" if side < 0 else ">", color=c, ms=5)
                    ax.annotate(
                        format_percent(end, lang, fraction=0),
                        xy=(edge, yi),
                        xytext=(-3 if side > 0 else 3, 4),
                        textcoords="offset points",
                        ha="right" if side > 0 else "left",
                        fontsize=FONT - 1,
                        color=c,
                    )
    ax.set_xlim(-lim, lim)
    ax.xaxis.set_major_locator(MaxNLocator(7))
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_yticks(np.arange(len(outcomes)))
    ax.set_yticklabels(
        [f"{outcome_label(o, lang)}  {better_mark(o, lang)}".rstrip() for o in outcomes],
        fontsize=FONT,
    )
    ax.invert_yaxis()
    level = level_text(100 * float(comp["level"].iloc[0]), lang)
    ax.set_xlabel(
        _("difference from the baseline, % of the baseline mean ({level}% interval)", lang).format(
            level=level
        ),
        fontsize=FONT,
    )
    ax.tick_params(axis="x", labelsize=FONT)
    ax.grid(axis="x", alpha=0.3)
    legend_below(fig, ax.get_legend_handles_labels())
    return localise(fig, lang)


def legend_below(fig: Figure, handles_labels: tuple[list, list], ncol: int = 4) -> None:
    """One legend under the figure, outside every axes (never over bars or lines)."""
    handles, names = handles_labels
    if handles:
        fig.legend(
            handles,
            names,
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=min(ncol, len(names)),
            fontsize=FONT,
            frameon=False,
        )


def series_figure(
    bands: pd.DataFrame,
    events: dict[str, list[tuple[int, str]]],
    lang: str,
    labels: list[str] | None = None,
    window: int | None = None,
) -> Figure:
    """Time series: median and 5-95 % band over the replications, events marked.

    The events are dotted lines named once above the panels (not across the data);
    the comparison's window (the last ``window`` months) is shaded; each panel's title
    carries the better direction.

    Args:
        bands: ``analysis.tables.bands``'s table.
        events: label -> [(month, scenario)]: vertical lines on the time axis.
        lang: "nb" or "en".
        labels: Design points in drawing order (default: as in ``bands``).
        window: Months of the comparison's window, shaded (None: not shaded).

    Returns:
        One panel per outcome.
    """
    from analysis.present import better_mark

    outcomes = list(dict.fromkeys(bands["outcome"]))
    labels = labels or list(dict.fromkeys(bands["label"]))
    cols = 2 if len(outcomes) > 1 else 1
    rows = int(np.ceil(len(outcomes) / cols))
    fig = Figure(figsize=(7.5, 2.4 * rows + 0.5))
    axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False)).ravel()
    marked = sorted({(m, n) for evs in events.values() for m, n in evs})
    last = int(bands["month"].max()) if len(bands) else 0
    for ax, outcome in zip(axes, outcomes, strict=False):
        block = bands[bands["outcome"] == outcome]
        if window:
            ax.axvspan(last - window + 0.5, last + 0.5, color="#000000", alpha=0.06, lw=0)
        for i, lab in enumerate(labels):
            b = block[block["label"] == lab].sort_values("month")
            if b.empty:
                continue
            c = _colour(i)
            ax.fill_between(b["month"], b["q05"], b["q95"], color=c, alpha=0.15, lw=0)
            ax.plot(b["month"], b["median"], color=c, lw=1.3, label=point_name(lab, lang))
        for m, _name in marked:
            ax.axvline(m, color="black", lw=0.8, ls=":")
        title = outcome_label(outcome, lang)
        mark = better_mark(outcome, lang)
        ax.set_title(f"{title} ({mark})" if mark else title, fontsize=FONT)
        ax.tick_params(labelsize=FONT - 1)
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
        ax.grid(alpha=0.3)
    for ax in axes[len(outcomes) :]:
        ax.set_axis_off()
    for ax in axes[-cols:]:
        ax.set_xlabel(_("month", lang), fontsize=FONT)
    heading = []
    if marked:
        at: dict[int, list[str]] = {}
        for m, name in marked:
            at.setdefault(m, []).append(scenario_label(name, lang))
        heading.append(
            _("dotted line: {events}", lang).format(
                events="; ".join(
                    _("month {month}, {names}", lang).format(month=m, names=", ".join(n))
                    for m, n in at.items()
                )
            )
        )
    if window:
        heading.append(_("shaded: the comparison's last {w} months", lang).format(w=window))
    if heading:
        fig.suptitle("  ·  ".join(heading), fontsize=FONT, y=0.995)
    fig.tight_layout(rect=(0, 0, 1, 0.97 if heading else 1), h_pad=1.2)
    legend_below(fig, axes[0].get_legend_handles_labels())
    return localise(fig, lang)


def municipality_figure(
    view: pd.DataFrame, lang: str, names: dict[str, str] | None = None
) -> Figure:
    """Per member municipality: the owners' change in influence and satisfaction; cost shares.

    The third panel sets each municipality's share of the joint costs after the event
    against its share of the office's population. Legends sit under the panels.

    Args:
        view: ``analysis.tables.municipality_view`` for one design point.
        lang: "nb" or "en".
        names: office_id -> the office's name (``analysis.present.office_names``).

    Returns:
        Three panels, municipalities ordered by office and population.
    """
    names = names or {}
    several = view["office_id"].nunique() > 1
    ticks = [
        f"{n} ({names.get(o, o)})" if several else str(n)
        for n, o in zip(view["name"], view["office_id"], strict=True)
    ]
    y = np.arange(len(view))
    fig = Figure(figsize=(9, 0.3 * len(view) + 1.5))
    axes = fig.subplots(1, 3, sharey=True)
    pairs = (
        ("radmann_influence", "ordforer_influence"),
        ("radmann_satisfaction", "ordforer_satisfaction"),
    )
    roles = (_("rådmann", lang), _("ordfører", lang))
    titles = (_("change in influence", lang), _("change in satisfaction", lang))
    for ax, pair, title in zip(axes[:2], pairs, titles, strict=True):
        for j, m in enumerate(pair):
            col = f"{m}_change"
            if col in view:
                ax.barh(
                    y + (j - 0.5) * 0.38,
                    view[col].fillna(0),
                    height=0.38,
                    color=_colour(j + 1),
                    label=roles[j],
                )
        ax.axvline(0, color="grey", lw=0.8)
        ax.set_title(title, fontsize=FONT)
        ax.tick_params(labelsize=FONT - 1)
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.grid(axis="x", alpha=0.3)
    ax = axes[2]
    if "host_cost_share_after" in view:
        ax.barh(
            y - 0.19,
            100 * view["host_cost_share_after"].fillna(0),
            height=0.38,
            color=_colour(3),
            label=outcome_label("host_cost_share", lang),
        )
    ax.barh(
        y + 0.19,
        100 * view["population_share"].fillna(0),
        height=0.38,
        color=_colour(4),
        label=_("share of the population", lang),
    )
    ax.set_title(_("after, %", lang), fontsize=FONT)
    ax.tick_params(labelsize=FONT - 1)
    ax.xaxis.set_major_locator(MaxNLocator(4))
    axes[0].set_yticks(y)
    axes[0].set_yticklabels(ticks, fontsize=FONT - 1)
    axes[0].invert_yaxis()
    fig.tight_layout()
    h0, l0 = axes[0].get_legend_handles_labels()
    h2, l2 = axes[2].get_legend_handles_labels()
    legend_below(fig, (h0 + h2, l0 + l2))
    return localise(fig, lang)


def draw_partnership(
    ax,
    graph: nx.Graph,
    pos: dict,
    office_values: dict,
    vmin: float,
    vmax: float,
    lang: str,
):
    """Draw a partnership graph on ``ax`` (shared by the report and the workshop app).

    Ties in grey; municipalities as dots, county directors as stars and offices as
    squares coloured by ``office_values`` (red to green between ``vmin`` and ``vmax``).

    Args:
        ax: A matplotlib Axes.
        graph: Nodes with a ``kind`` attribute: municipality, office, county_director.
        pos: Node -> (x, y).
        office_values: Office node -> the value that colours it (missing: NaN).
        vmin: Value drawn in red.
        vmax: Value drawn in green.
        lang: "nb" or "en" (legend labels).

    Returns:
        The offices' scatter (for a colour bar), or None without offices.
    """
    ax.add_collection(
        LineCollection([(pos[u], pos[v]) for u, v in graph.edges], colors="#999999", lw=0.6)
    )
    offices = None
    for kind, marker, size in (
        ("municipality", "o", 22),
        ("office", "s", 60),
        ("county_director", "*", 260),
    ):
        nodes = [n for n, d in graph.nodes(data=True) if d["kind"] == kind]
        if not nodes:
            continue
        xy = np.array([pos[n] for n in nodes])
        style = {"marker": marker, "s": size, "label": actor_label(kind, lang)}
        if kind == "office":
            offices = ax.scatter(
                xy[:, 0],
                xy[:, 1],
                c=[office_values.get(n, np.nan) for n in nodes],
                cmap="RdYlGn",
                vmin=vmin,
                vmax=vmax,
                edgecolors="black",
                linewidths=0.5,
                zorder=3,
                **style,
            )
        else:
            colour = "#4c72b0" if kind == "municipality" else "#222222"
            ax.scatter(xy[:, 0], xy[:, 1], c=colour, zorder=2, **style)
    return offices


def region_graph_figure(
    graphs: tuple[nx.Graph, nx.Graph],
    values: tuple[dict[tuple, float], dict[tuple, float]],
    pos: dict[tuple, np.ndarray],
    titles: tuple[str, str],
    lang: str,
    outcome: str = "trust_owners",
) -> Figure:
    """The region before and after a structural event, offices coloured by an outcome.

    Municipalities are named on both panels.

    Args:
        graphs: The partnership graphs before and after (``analysis.tables.region_graph``).
        values: Office node -> outcome, before and after.
        pos: Node positions (``analysis.tables.graph_layout``), shared by both panels.
        titles: The two panels' titles (which months they show).
        lang: "nb" or "en".
        outcome: The outcome's name (for the colour bar).

    Returns:
        Two panels with one colour bar.
    """
    from analysis.present import better_mark

    fig = Figure(figsize=(10, 5))
    axes = fig.subplots(1, 2)
    allv = [v for d in values for v in d.values()]
    vmin, vmax = (min(allv), max(allv)) if allv else (0, 1)
    if vmax - vmin < 1e-6:
        vmin, vmax = vmin - 0.05, vmax + 0.05
    sc = None
    from analysis.maps import CREDIT, draw_municipalities, reference_latitude

    ids = sorted({n[1] for g in graphs for n in g.nodes if n[0] == "municipality"})
    lat0 = reference_latitude(ids)
    on_map = all(("municipality", m) in pos for m in ids)
    for ax, g, vals, title in zip(axes, graphs, values, titles, strict=True):
        if on_map:
            draw_municipalities(ax, ids, lat0)
        sc = draw_partnership(ax, g, pos, vals, vmin, vmax, lang) or sc
        for node, d in g.nodes(data=True):
            if d["kind"] == "municipality":
                x, y = pos[node]
                ax.annotate(
                    str(d.get("label", node[1])),
                    xy=(x, y),
                    xytext=(0, -7),
                    textcoords="offset points",
                    ha="center",
                    va="top",
                    fontsize=FONT - 2.5,
                    color="#333333",
                )
        n_off = sum(1 for _, d in g.nodes(data=True) if d["kind"] == "office")
        ax.set_title(f"{title}: {offices_text(n_off, lang)}", fontsize=FONT)
        ax.set_axis_off()
        ax.autoscale_view()
        ax.margins(0.08)
    legend_below(fig, axes[0].get_legend_handles_labels(), ncol=3)
    if on_map:
        fig.text(0.99, 0.01, CREDIT, ha="right", va="bottom", fontsize=FONT - 2, color="#666666")
    if sc is not None:
        bar = fig.colorbar(sc, ax=list(axes), shrink=0.7)
        mark = better_mark(outcome, lang)
        label = outcome_label(outcome, lang)
        bar.set_label(f"{label} (0–1, {mark})" if mark else label, fontsize=FONT)
        bar.ax.tick_params(labelsize=FONT - 1)
    return localise(fig, lang)


def sensitivity_figure(indices: pd.DataFrame, main: str, lang: str, top: int = 10) -> Figure:
    """The main sensitivity index with its interval, per outcome, top parameters first.

    Args:
        indices: ``indices.parquet`` of a design.
        main: "ST" (Sobol; S1 drawn too), "mu_star" (Morris; σ drawn too) or "delta".
        lang: "nb" or "en".
        top: Parameters shown per outcome.

    Returns:
        One panel per outcome.
    """
    outcomes = list(dict.fromkeys(indices["outcome"]))
    second = {"ST": "S1", "mu_star": "sigma", "delta": "S1"}.get(main)
    fig = Figure(figsize=(7.5, (0.3 * top + 0.9) * len(outcomes)))
    axes = np.atleast_1d(fig.subplots(len(outcomes), 1, squeeze=False)).ravel()
    for ax, outcome in zip(axes, outcomes, strict=True):
        df = indices[indices["outcome"] == outcome]
        m = df[df["index"] == main].sort_values("value", ascending=False).head(top)
        y = np.arange(len(m))
        err = np.vstack([m["value"] - m["lo"], m["hi"] - m["value"]])
        ax.barh(y, m["value"], color=_colour(1), alpha=0.8, label=INDEX_NAMES.get(main, main))
        ax.errorbar(m["value"], y, xerr=np.nan_to_num(err), fmt="none", color="black", lw=0.9)
        if second:
            s = df[df["index"] == second].set_index("parameter").reindex(m["parameter"])
            ax.plot(s["value"], y, "D", color=_colour(2), ms=4, label=INDEX_NAMES[second])
        ax.set_yticks(y)
        ax.set_yticklabels(m["parameter"], fontsize=7)
        ax.invert_yaxis()
        ax.set_title(outcome_label(outcome, lang), fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.3)
        ax.legend(fontsize=6, loc="lower right")
    fig.tight_layout()
    return localise(fig, lang)


def decomposition_figure(table: pd.DataFrame, lang: str) -> Figure:
    """A policy's effect by mechanism (``navsim-decompose``): mean and interval per part.

    Args:
        table: ``decomposition.parquet`` (outcome, part, difference, ci_low, ci_high).
        lang: "nb" or "en".

    Returns:
        One panel per outcome; the total on top, the interaction residual last.
    """
    outcomes = list(dict.fromkeys(table["outcome"]))
    parts = list(dict.fromkeys(table["part"]))
    fig = Figure(figsize=(7.5, (0.28 * len(parts) + 0.9) * len(outcomes)))
    axes = np.atleast_1d(fig.subplots(len(outcomes), 1, squeeze=False)).ravel()
    for ax, outcome in zip(axes, outcomes, strict=True):
        df = table[table["outcome"] == outcome].set_index("part").reindex(parts)
        y = np.arange(len(parts))
        colours = [_colour(0) if p == "total" else _colour(1) for p in parts]
        ax.barh(y, df["difference"], color=colours, alpha=0.8)
        err = np.vstack([df["difference"] - df["ci_low"], df["ci_high"] - df["difference"]])
        ax.errorbar(df["difference"], y, xerr=np.nan_to_num(err), fmt="none", color="black", lw=0.9)
        ax.axvline(0, color="black", lw=0.6)
        ax.set_yticks(y)
        ax.set_yticklabels([decomposition_part_label(p, lang) for p in parts], fontsize=7)
        ax.invert_yaxis()
        ax.set_title(outcome_label(outcome, lang), fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return localise(fig, lang)


def transition_figure(durations: pd.DataFrame, lang: str, labels: list[str]) -> Figure:
    """The months each new host office spent in its trust transition, per design point.

    Args:
        durations: ``analysis.tables.transition_durations``.
        lang: "nb" or "en".
        labels: Design points in order.

    Returns:
        A strip plot with the median marked.
    """
    labels = [lab for lab in labels if lab in set(durations["label"])]
    fig = Figure(figsize=(7.5, 0.5 * len(labels) + 1.3))
    ax = fig.subplots()
    rng = np.random.default_rng(0)  # jitter only
    for i, lab in enumerate(labels):
        d = durations[durations["label"] == lab]
        ax.scatter(
            d["months"],
            i + rng.uniform(-0.15, 0.15, len(d)),
            s=12,
            c=np.where(d["ended"], _colour(1), _colour(2)),
            alpha=0.7,
        )
        ax.plot([d["months"].median()] * 2, [i - 0.3, i + 0.3], color="black", lw=2)
    ax.set_yticks(np.arange(len(labels)))
    ax.set_yticklabels([point_name(lab, lang) for lab in labels], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(
        _("months in the trust transition (red: not ended by the last month)", lang), fontsize=8
    )
    ax.grid(axis="x", alpha=0.3)
    return localise(fig, lang)


def uncertainty_figure(table: pd.DataFrame, lang: str) -> Figure:
    """Each outcome's two labelled 5-95% bands: seeds at fixed parameters, posterior draws.

    Args:
        table: ``analysis.tables.uncertainty`` (one design point or several).
        lang: "nb" or "en".

    Returns:
        One row per outcome and point, bands relative to the mean (% of the mean), so that
        outcomes on different scales share one axis.
    """
    rows = table.reset_index(drop=True)
    fig = Figure(figsize=(7.5, 0.32 * len(rows) + 1.5))
    ax = fig.subplots()
    scale = 100 / rows["mean"].abs().where(rows["mean"].abs() > 0)
    bands = (
        ("seed", _("run-to-run (seeds, parameters fixed)", lang), 1, 0.18),
        ("parameter", _("parameters (posterior draws)", lang), 2, -0.18),
        ("total", _("both", lang), 0, 0.0),
    )
    for key, name, colour, offset in bands:
        lo = (rows[f"{key}_lo"] - rows["mean"]) * scale
        hi = (rows[f"{key}_hi"] - rows["mean"]) * scale
        y = np.arange(len(rows)) + offset
        ax.hlines(y, lo, hi, color=_colour(colour), lw=4 if key != "total" else 1.2, label=name)
    ax.axvline(0, color="black", lw=0.6)
    ax.set_yticks(np.arange(len(rows)))
    ax.set_yticklabels(
        [
            f"{outcome_label(o, lang)} ({point_name(p, lang)})"
            if rows["label"].nunique() > 1
            else outcome_label(o, lang)
            for o, p in zip(rows["outcome"], rows["label"], strict=True)
        ],
        fontsize=7,
    )
    ax.invert_yaxis()
    ax.set_xlabel(_("5–95% band around the mean, % of the mean", lang), fontsize=FONT)
    ax.grid(axis="x", alpha=0.3)
    legend_below(fig, ax.get_legend_handles_labels(), ncol=3)
    return localise(fig, lang)
