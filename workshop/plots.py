"""The app's live plots and network pictures, drawn with matplotlib into PNG bytes.

Figures are ``matplotlib.figure.Figure`` objects (no pyplot, no global state), so
sessions can draw from their own threads. Each time-series plot shows this run (solid)
and the same-seed reference (dashed). Graph layouts are computed once per model
(``Layout``, seeded from the session's seed) and only the colours change per frame.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")  # noqa: E402  (no display on a server; set before pyplot could load)

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis.plots import draw_partnership, localise  # noqa: E402
from messages import _  # noqa: E402
from sim.vocabulary import N_KINDS  # noqa: E402
from workshop.labels import actor_label, plot_title, series_label  # noqa: E402

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel
    from workshop.session import Session

# plot name -> the model-table columns it draws
PLOT_SERIES = {
    "trust": ("trust_owners", "trust_leader_state", "trust_leader_municipal"),
    "exits": ("exits_to_work",),
    "users": ("n_users", "n_waiting"),
    "waiting": ("mean_wait_months",),
    "staff": ("n_staff_state", "n_staff_municipal"),
    "cooperation": (
        "contacts_health",
        "contacts_mental_health",
        "contacts_child_welfare",
        "contacts_housing",
        "contacts_refugee",
        "contacts_education",
        "contacts_specialist_health",
        "contacts_employers",
    ),
}
GRAPHS = ("partnership_graph", "cooperation_graph")
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
PRINT_DPI = 300  # the exported PNGs: print resolution (a 5.6-inch plot is 1,680 px wide)
SCREEN_DPI = 110  # a picture shown in the page (the room's band)
SIZE = (5.6, 3.0)
GRAPH_SIZE = (5.6, 4.6)


def to_png(fig: Figure, dpi: int = PRINT_DPI) -> bytes:
    """The figure as PNG bytes, cut to what it draws (no label is cut off)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.08)
    return buf.getvalue()


def series_figure(name: str, data: pd.DataFrame, lang: str, month: int | None = None) -> Figure:
    """One time-series plot: this run solid, the reference dashed.

    Args:
        name: A key of ``PLOT_SERIES``.
        data: ``Session.series()`` (columns and their ``ref_`` twins).
        lang: "nb" or "en".
        month: The scenario month, marked with a vertical line (None: not marked).

    Returns:
        The figure.
    """
    fig = Figure(figsize=SIZE)
    draw_series(fig.subplots(), name, data, lang, month)
    return localise(fig, lang)


def draw_series(ax, name: str, data: pd.DataFrame, lang: str, month: int | None = None) -> None:
    """Draw one time-series plot on ``ax`` (``series_figure``, the summary page)."""
    x = data["month"].to_numpy()
    for i, col in enumerate(PLOT_SERIES[name]):
        colour = COLOURS[i % len(COLOURS)]
        ax.plot(x, data[col].to_numpy(), color=colour, lw=1.6, label=series_label(col, lang))
        ref = f"ref_{col}"
        if ref in data and name != "cooperation":  # eight dashed twins would hide the lines
            ax.plot(x, data[ref].to_numpy(), color=colour, lw=1.0, ls="--", alpha=0.8)
    if month is not None:
        ax.axvline(month, color="grey", lw=0.8, ls=":")
    ax.set_title(plot_title(name, lang), fontsize=10)
    ax.set_xlabel(_("month", lang), fontsize=8)
    ax.tick_params(labelsize=7)
    ax.set_xlim(0, max(12, int(x.max()) if len(x) else 12))
    ax.legend(fontsize=6, ncol=2 if len(PLOT_SERIES[name]) > 3 else 1, loc="best")
    ax.grid(alpha=0.3)


class Layout:
    """Node positions of one model's network pictures, computed once.

    Municipalities sit where they are on the map (their centroids, Kartverket; scaled
    into [-1, 1]), an office at the mean of its municipalities, the county directors
    above the region; a graph the geography does not know is laid out with
    ``nx.spring_layout`` seeded from the session's seed. An office formed later (a host
    office, a merger) is placed at the mean of its municipalities. Service units sit on
    a small ring around their municipality.

    Args:
        model: The model at month 0.
        seed: The layout's seed (the session's seed).
    """

    def __init__(self, model: NavPartnershipModel, seed: int) -> None:
        """Lay out the partnership graph once."""
        g = model.partnership_graph
        self.outlines: list[np.ndarray] = []  # municipality boundaries (layout units)
        pos = self.on_map(model, self.outlines) or nx.spring_layout(
            g, seed=seed, k=1.2 / np.sqrt(max(g.number_of_nodes(), 1))
        )
        self.pos: dict[tuple, np.ndarray] = {self.key(model, n): p for n, p in pos.items()}
        self.names = [  # municipality names where they are (the map's labels)
            (self.pos[("municipality", m.index)], m.name)
            for m in model.municipalities
            if ("municipality", m.index) in self.pos
        ]
        self.ring = 0.06 * np.array(
            [
                [np.cos(2 * np.pi * k / N_KINDS), np.sin(2 * np.pi * k / N_KINDS)]
                for k in range(N_KINDS)
            ]
        )

    @staticmethod
    def on_map(
        model: NavPartnershipModel, outlines: list[np.ndarray] | None = None
    ) -> dict[tuple, np.ndarray]:
        """Node -> position from the geography, scaled into [-1, 1] (empty if unknown).

        Args:
            model: The model.
            outlines: If given, filled with the municipalities' boundaries in the same
                units (Kartverket's simplified polygons), for the map under the network.
        """
        from analysis.maps import frame, municipality_outlines, positions_on_map

        ids = [m.municipality_id for m in model.municipalities]
        pos = positions_on_map(
            (model.partnership_graph,), lambda n: model.municipalities[n[1]].municipality_id
        )
        if not pos:
            return {}
        centre, half = frame(pos)
        if outlines is not None:
            outlines += [(ring - centre) / half for ring in municipality_outlines(ids)]
        return {node: (p - centre) / half for node, p in pos.items()}

    @staticmethod
    def key(model: NavPartnershipModel, node: tuple) -> tuple:
        """A node's stable key: offices by their id (indices change when offices merge)."""
        if node[0] == "office":
            return ("office", model.offices.ids[node[1]])
        return node

    def position(self, model: NavPartnershipModel, node: tuple) -> np.ndarray:
        """A node's position; a new office is placed (once) at its municipalities' mean."""
        key = self.key(model, node)
        if key not in self.pos:
            g = model.partnership_graph
            near = [
                self.pos[self.key(model, n)]
                for n in g.neighbors(node)
                if n[0] == "municipality" and self.key(model, n) in self.pos
            ]
            self.pos[key] = np.mean(near, axis=0) if near else np.zeros(2)
        return self.pos[key]


def _latest_offices(model: NavPartnershipModel) -> dict[str, np.ndarray]:
    return model.recorder.blocks["offices"][-1]


def partnership_figure(model: NavPartnershipModel, layout: Layout, lang: str) -> Figure:
    """The partnership graph: municipalities, offices (colour: owners' trust), county director."""
    fig = Figure(figsize=GRAPH_SIZE)
    draw_partnership_graph(fig.subplots(), model, layout, lang)
    return localise(fig, lang)


def draw_partnership_graph(ax, model: NavPartnershipModel, layout: Layout, lang: str) -> None:
    """Draw the partnership graph on the map of the region (boundaries, municipality names).

    As the live picture (``workshop.svg.network``): the municipalities' outlines under the
    network, their names over it, the offices coloured by the owners' trust (colour bar).
    """
    g = model.partnership_graph
    pos = {n: layout.position(model, n) for n in g.nodes}
    for ring in layout.outlines:
        ax.fill(ring[:, 0], ring[:, 1], facecolor="#f1f1ec", edgecolor="white", lw=0.6, zorder=0)
    trust = _latest_offices(model)["trust_owners"]
    office_trust = {n: trust[n[1]] for n, d in g.nodes(data=True) if d["kind"] == "office"}
    offices = draw_partnership(ax, g, pos, office_trust, 0.3, 0.9, lang)
    for xy, name in layout.names:
        label = ax.annotate(
            name, xy, xytext=(0, 4), textcoords="offset points", ha="center", fontsize=5
        )
        label.set_path_effects([patheffects.withStroke(linewidth=1.5, foreground="white")])
    if offices is not None:
        ax.figure.colorbar(offices, ax=ax, shrink=0.6)
    ax.set_title(plot_title("partnership_graph", lang), fontsize=9, wrap=True)
    # under the map, so that it covers no municipality
    ax.legend(fontsize=6, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, frameon=False)
    ax.set_axis_off()
    ax.autoscale_view()


def cooperation_ties(model: NavPartnershipModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean tie strength of each office's staff to each municipality's service units.

    The cooperation graph (``sim.networks``) links every staff post to the units of its
    municipality; the picture contracts it to office -> unit, averaged over the staff.

    Returns:
        Office index, municipality index (one per pair) and the mean ties (pair x kind).
    """
    n_m = len(model.municipalities)
    key = model.staff.office.astype(np.int64) * n_m + model.staff.muni.astype(np.int64)
    pairs, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    sums = np.stack(
        [
            np.bincount(inverse, weights=model.staff.ties[:, k], minlength=len(pairs))
            for k in range(N_KINDS)
        ],
        axis=1,
    )
    return pairs // n_m, pairs % n_m, sums / counts[:, None]


def cooperation_figure(model: NavPartnershipModel, layout: Layout, lang: str) -> Figure:
    """The cooperation graph contracted to offices and service units (colour: tie strength)."""
    fig = Figure(figsize=GRAPH_SIZE)
    draw_cooperation_graph(fig.subplots(), model, layout, lang)
    return localise(fig, lang)


def draw_cooperation_graph(ax, model: NavPartnershipModel, layout: Layout, lang: str) -> None:
    """Draw the cooperation network on ``ax`` (with its colour bar beside it)."""
    edges, values, nodes = cooperation_elements(model, layout)
    lc = LineCollection(edges, cmap="viridis", lw=0.9)
    lc.set_array(values)
    lc.set_clim(0, 1)
    ax.add_collection(lc)
    ax.figure.colorbar(lc, ax=ax, shrink=0.6)
    u = np.array([xy for kind, xy, _value in nodes if kind == "unit"])
    ax.scatter(u[:, 0], u[:, 1], s=5, c="#555555", label=actor_label("unit", lang), zorder=2)
    o_xy = np.array([xy for kind, xy, _value in nodes if kind == "office"])
    ax.scatter(
        o_xy[:, 0],
        o_xy[:, 1],
        s=40,
        marker="s",
        c="white",
        edgecolors="black",
        label=actor_label("office", lang),
        zorder=3,
    )
    ax.set_title(plot_title("cooperation_graph", lang), fontsize=9, wrap=True)
    # under the map, so that it covers no municipality
    ax.legend(fontsize=6, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, frameon=False)
    ax.set_axis_off()
    ax.autoscale_view()


def event_month(session: Session) -> int | None:
    """The month the session's scenario happens (None without a scenario)."""
    return session.settings.scenario_month if session.settings.scenario != "baseline" else None


def draw_plot(ax, name: str, session: Session, lang: str) -> None:
    """Draw the plot or network picture ``name`` of a session on ``ax`` (the summary page)."""
    if name == "partnership_graph":
        draw_partnership_graph(ax, session.model, session.layout, lang)
    elif name == "cooperation_graph":
        draw_cooperation_graph(ax, session.model, session.layout, lang)
    else:
        draw_series(ax, name, session.series(), lang, event_month(session))


def series_pngs(session: Session, lang: str) -> dict[str, bytes]:
    """Every time-series plot of a session as PNG bytes."""
    data = session.series()
    month = event_month(session)
    return {name: to_png(series_figure(name, data, lang, month)) for name in PLOT_SERIES}


def graph_pngs(session: Session, lang: str) -> dict[str, bytes]:
    """Both network pictures of a session as PNG bytes."""
    return {
        "partnership_graph": to_png(partnership_figure(session.model, session.layout, lang)),
        "cooperation_graph": to_png(cooperation_figure(session.model, session.layout, lang)),
    }


def all_pngs(session: Session, lang: str) -> dict[str, bytes]:
    """Every plot and picture of a session as PNG bytes (the export)."""
    return {**series_pngs(session, lang), **graph_pngs(session, lang)}


def partnership_elements(model: NavPartnershipModel, layout: Layout) -> tuple[list, list]:
    """Edges (position pairs) and nodes (kind, position, value) of the partnership graph.

    An office's value is the owners' trust of its latest recorded month.
    """
    g = model.partnership_graph
    pos = {n: layout.position(model, n) for n in g.nodes}
    trust = _latest_offices(model)["trust_owners"]
    edges = [(pos[u], pos[v]) for u, v in g.edges]
    nodes = [
        (d["kind"], pos[n], float(trust[n[1]]) if d["kind"] == "office" else None)
        for n, d in g.nodes(data=True)
    ]
    order = {"municipality": 0, "office": 1, "county_director": 2}
    nodes.sort(key=lambda n: order[n[0]])
    return edges, nodes


def cooperation_elements(
    model: NavPartnershipModel, layout: Layout
) -> tuple[list, np.ndarray, list]:
    """Edges office -> service unit, their mean tie strengths, and the nodes."""
    offices, munis, ties = cooperation_ties(model)
    edges, values, nodes = [], [], []
    for o, m, row in zip(offices, munis, ties, strict=True):
        centre = layout.position(model, ("municipality", int(m)))
        start = layout.position(model, ("office", int(o)))
        for k in range(N_KINDS):
            end = centre + layout.ring[k]
            edges.append((start, end))
            values.append(row[k])
            nodes.append(("unit", end, None))
    for o in np.unique(offices):
        nodes.append(("office", layout.position(model, ("office", int(o))), None))
    return edges, np.array(values), nodes


def series_svgs(session: Session, lang: str, reference: bool = True) -> dict[str, str]:
    """Every time-series plot of a session as inline SVG (the live view)."""
    from workshop import svg

    data = session.series()
    month = event_month(session)
    return {
        name: svg.line_chart(name, data, cols, lang, month, reference=reference)
        for name, cols in PLOT_SERIES.items()
    }


def graph_svgs(session: Session, lang: str) -> dict[str, str]:
    """Both network pictures of a session as inline SVG (the live view)."""
    from workshop import svg

    edges, nodes = partnership_elements(session.model, session.layout)
    layout = session.layout
    partnership = svg.network(
        "partnership_graph",
        lang,
        edges,
        None,
        nodes,
        "RdYlGn",
        0.3,
        0.9,
        outlines=layout.outlines,
        names=layout.names,
    )
    edges, values, nodes = cooperation_elements(session.model, session.layout)
    cooperation = svg.network("cooperation_graph", lang, edges, values, nodes, "viridis", 0.0, 1.0)
    return {"partnership_graph": partnership, "cooperation_graph": cooperation}
