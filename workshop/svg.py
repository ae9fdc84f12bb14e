"""Live plots as inline SVG: drawn in a few milliseconds, rendered by the browser.

matplotlib takes 100-200 ms per figure on this machine (measured: five series plots
and two network pictures, about 1.1 s per frame); a room of 20 sessions could not play
at that cost. The live view therefore writes small SVG documents (polylines, circles,
text) and the debrief export draws the same data with matplotlib (``workshop.plots``).

Each time-series SVG carries ``data-plot`` (its name), ``data-last`` and
``data-ref-last`` (the last month's values of this run and of the reference, in the
order of its series), which the browser tests read.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
from matplotlib import colormaps

from messages import _, format_number
from workshop.labels import actor_label, plot_title, series_label

W, H = 520, 250  # series plots (px)
GW, GH = 520, 420  # network pictures (px)
PAD_L, PAD_R, PAD_T, PAD_B = 52, 10, 30, 62
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def _num(x: float) -> str:
    return f"{x:.1f}"


def _fmt(v: float, lang: str = "en") -> str:
    """A value as the plots write it (``data-last`` attributes: English, for the tests)."""
    if not np.isfinite(v):
        return "nan"
    if abs(v) >= 100:
        return format_number(v, lang, fraction=0, group=False)
    return format_number(v, lang, 4, group=False)


def _ticks(lo: float, hi: float, n: int = 5) -> tuple[np.ndarray, int]:
    """About ``n`` round tick values inside [lo, hi], and the decimals that tell them apart.

    Ticks are whole multiples of the step (no ``5.55e-17`` for zero), written with as
    many decimals as the step has, so that two ticks never read the same ("294 294").
    """
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / n
    mag = 10 ** np.floor(np.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    k = np.arange(np.ceil(lo / step), np.floor(hi / step + 1e-9) + 1)
    extra = 1 if np.isclose(step / mag, 2.5) else 0  # 2.5, 0.25: one decimal more
    decimals = max(0, -int(np.floor(np.log10(step) + 1e-9)) + extra)
    return np.round(k * step, decimals + 1) + 0.0, decimals


def line_chart(
    name: str,
    data: pd.DataFrame,
    columns: tuple[str, ...],
    lang: str,
    mark: int | None = None,
    reference: bool = True,
) -> str:
    """A time-series plot: this run solid, the reference (``ref_<column>``) dashed.

    Args:
        name: The plot's name (a key of ``workshop.labels.PLOTS``).
        data: ``Session.series()``.
        columns: The columns drawn.
        lang: "nb" or "en".
        mark: A month to mark with a dotted line (the scenario month), or None.
        reference: Whether to draw the dashed reference lines.

    Returns:
        An ``<svg>`` element as a string.
    """
    x = data["month"].to_numpy(dtype=float)
    cols = [c for c in columns]
    ys = [data[c].to_numpy(dtype=float) for c in cols]
    refs = [data[f"ref_{c}"].to_numpy(dtype=float) for c in cols] if reference else []
    values = np.concatenate([*ys, *refs]) if len(x) else np.zeros(1)
    values = values[np.isfinite(values)]
    lo = float(values.min()) if values.size else 0.0
    hi = float(values.max()) if values.size else 1.0
    pad = 0.05 * (hi - lo) if hi > lo else max(abs(hi) * 0.05, 0.05)
    lo, hi = lo - pad, hi + pad
    x_hi = max(12.0, float(x.max()) if len(x) else 12.0)
    pw, ph = W - PAD_L - PAD_R, H - PAD_T - PAD_B

    def sx(v):
        return PAD_L + pw * v / x_hi

    def sy(v):
        return PAD_T + ph * (1 - (v - lo) / (hi - lo))

    def poly(y, colour, dashed):
        ok = np.isfinite(y)
        if ok.sum() == 0:
            return ""
        px = (PAD_L + pw * x[ok] / x_hi).tolist()
        py = (PAD_T + ph * (1 - (y[ok] - lo) / (hi - lo))).tolist()
        pts = " ".join([f"{a:.1f},{b:.1f}" for a, b in zip(px, py, strict=True)])
        if dashed:
            style = ' stroke-dasharray="5,3" stroke-width="1.2" opacity="0.8"'
            return f'<polyline fill="none" stroke="{colour}"{style} points="{pts}"/>'
        line = f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"/>'
        # the current month as a dot (visible from month 0, when a line has one point)
        return line + f'<circle cx="{px[-1]:.1f}" cy="{py[-1]:.1f}" r="2.5" fill="{colour}"/>'

    last = ",".join(_fmt(y[-1]) if len(y) else "nan" for y in ys)
    ref_last = ",".join(_fmt(y[-1]) if len(y) else "nan" for y in refs)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" '
        f'viewBox="0 0 {W} {H}" data-plot="{name}" data-last="{last}" '
        f'data-ref-last="{ref_last}" data-months="{len(x)}" role="img" '
        f'aria-label="{escape(plot_title(name, lang))}" '
        'style="font-family: sans-serif; background: white">',
        f'<text x="{W / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">'
        f"{escape(plot_title(name, lang))}</text>",
        f'<rect x="{PAD_L}" y="{PAD_T}" width="{pw}" height="{ph}" fill="none" stroke="#bbb"/>',
    ]
    ticks, decimals = _ticks(lo, hi)
    for t in ticks:
        y = sy(t)
        out.append(
            f'<line x1="{PAD_L}" x2="{PAD_L + pw}" y1="{_num(y)}" y2="{_num(y)}" stroke="#eee"/>'
        )
        out.append(
            f'<text x="{PAD_L - 4}" y="{_num(y + 3)}" text-anchor="end" '
            f'font-size="9">{format_number(t, lang, fraction=decimals)}</text>'
        )
    for t in (t for t in _ticks(0, x_hi, 6)[0] if t == int(t)):  # whole months
        xx = sx(t)
        out.append(
            f'<text x="{_num(xx)}" y="{PAD_T + ph + 12}" text-anchor="middle" '
            f'font-size="9">{format_number(t, lang, fraction=0)}</text>'
        )
    out.append(
        f'<text x="{PAD_L + pw / 2}" y="{PAD_T + ph + 24}" text-anchor="middle" '
        f'font-size="9">{_("month", lang)}</text>'
    )
    if mark is not None and mark <= x_hi:  # the event: solid grey, labelled inside the plot
        left = mark > x_hi / 2
        out.append(
            f'<line class="event" x1="{_num(sx(mark))}" x2="{_num(sx(mark))}" y1="{PAD_T}" '
            f'y2="{PAD_T + ph}" stroke="#888" stroke-width="1.5"/>'
            f'<text x="{_num(sx(mark) + (-3 if left else 3))}" y="{PAD_T + 10}" font-size="9" '
            f'fill="#555" text-anchor="{"end" if left else "start"}">'
            f"{escape(_('event', lang))}</text>"
        )
    for i, (col, y) in enumerate(zip(cols, ys, strict=True)):
        colour = COLOURS[i % len(COLOURS)]
        if refs:
            out.append(poly(refs[i], colour, True))
        out.append(poly(y, colour, False))
        per_row = 4 if len(cols) > 3 else 2
        lx = PAD_L + (i % per_row) * (pw / per_row)
        ly = PAD_T + ph + 36 + (i // per_row) * 12
        out.append(f'<rect x="{_num(lx)}" y="{ly - 7}" width="10" height="3" fill="{colour}"/>')
        out.append(
            f'<text x="{_num(lx + 13)}" y="{ly}" font-size="9">'
            f"{escape(series_label(col, lang))}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _legend_places(labels: list[str]) -> list[tuple[float, int]]:
    """Each legend entry's x and row: side by side, wrapped before the picture's edge.

    Widths are estimated at 5.2 px a character (9 px sans-serif), so that no entry runs
    into the next (the English labels are longer than the bokmål ones).
    """
    places, x, row = [], 14.0, 0
    for label in labels:
        width = 11 + 5.2 * len(label) + 14
        if x > 14 and x + width > GW - 6:
            x, row = 14.0, row + 1
        places.append((x, row))
        x += width
    return places


def network(
    name: str,
    lang: str,
    edges: list[tuple[np.ndarray, np.ndarray]],
    edge_values: np.ndarray | None,
    nodes: list[tuple[str, np.ndarray, float | None]],
    cmap: str,
    vmin: float,
    vmax: float,
    outlines: list[np.ndarray] | None = None,
    names: list[tuple[np.ndarray, str]] | None = None,
) -> str:
    """A network picture with fixed positions, coloured by current values.

    With ``outlines`` (municipality boundaries, layout units) and ``names`` (a position
    and a municipality's name) the picture is a map of the region.

    Args:
        name: ``partnership_graph`` or ``cooperation_graph``.
        lang: "nb" or "en".
        edges: Pairs of positions (layout units).
        edge_values: One value per edge for its colour, or None (grey).
        nodes: (kind, position, value or None) per node; kinds as in ``labels.ACTORS``.
        cmap: A matplotlib colormap name for the values.
        vmin: The value at the colormap's start.
        vmax: The value at its end.
        outlines: Polygons drawn under the network (the map), or None.
        names: Labels drawn over it, or None.

    Returns:
        An ``<svg>`` element as a string.
    """
    cm = colormaps[cmap]
    outlines = outlines or []
    e = np.array(edges, dtype=float).reshape(-1, 2, 2)
    n_xy = np.array([n[1] for n in nodes], dtype=float).reshape(-1, 2)
    everything = [e.reshape(-1, 2), n_xy, *outlines]
    xy = np.concatenate(everything) if len(e) + len(n_xy) else np.zeros((1, 2))
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    span = max(x1 - x0, y1 - y0, 1e-9)
    kinds = list(dict.fromkeys(n[0] for n in nodes))
    legend = _legend_places([actor_label(k, lang) for k in kinds])
    top, margin = 26, 14
    bottom = 28 + 12 * (max((row for _x, row in legend), default=0) + 1)
    scale = min(GW - 2 * margin, GH - top - bottom) / span

    def screen(p: np.ndarray) -> np.ndarray:
        return np.stack([margin + (p[..., 0] - x0) * scale, top + (y1 - p[..., 1]) * scale], -1)

    def colour(values) -> list[str]:
        v = np.clip((np.asarray(values, dtype=float) - vmin) / (vmax - vmin), 0, 1)
        rgb = (np.atleast_2d(cm(v))[:, :3] * 255).astype(int).tolist()
        return [f"#{r:02x}{g:02x}{b:02x}" for r, g, b in rgb]

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" '
        f'viewBox="0 0 {GW} {GH}" data-plot="{name}" data-nodes="{len(nodes)}" role="img" '
        f'aria-label="{escape(plot_title(name, lang))}" '
        'style="font-family: sans-serif; background: white">',
        f'<text x="{GW / 2}" y="15" text-anchor="middle" font-size="11" font-weight="bold">'
        f"{escape(plot_title(name, lang))}</text>",
    ]
    for ring in outlines:
        pts = " ".join(f"{a:.1f},{b:.1f}" for a, b in screen(ring).tolist())
        out.append(f'<polygon points="{pts}" fill="#f1f1ec" stroke="#ffffff" stroke-width="1"/>')
    se = screen(e).reshape(-1, 4).tolist()
    strokes = colour(edge_values) if edge_values is not None else ["#aaaaaa"] * len(se)
    out += [
        f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" stroke="{c}"/>'
        for (ax, ay, bx, by), c in zip(se, strokes, strict=True)
    ]
    style = {
        "municipality": ("circle", 4, "#4c72b0"),
        "office": ("rect", 6, "#ffffff"),
        "county_director": ("rect", 9, "#222222"),
        "unit": ("circle", 1.8, "#555555"),
    }
    valued = [i for i, n in enumerate(nodes) if n[2] is not None]
    fills = [style[n[0]][2] for n in nodes]
    for i, c in zip(valued, colour([nodes[i][2] for i in valued]) if valued else [], strict=True):
        fills[i] = c
    for (kind, _pos, _value), (px, py), fill in zip(
        nodes, screen(n_xy).tolist(), fills, strict=True
    ):
        shape, r, _colour = style[kind]
        if shape == "circle":
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{r}" fill="{fill}"/>')
        else:
            out.append(
                f'<rect x="{px - r:.1f}" y="{py - r:.1f}" width="{2 * r}" height="{2 * r}" '
                f'fill="{fill}" stroke="black" stroke-width="0.7"/>'
            )
    for pos, text in names or []:
        px, py = screen(np.asarray(pos, dtype=float)).tolist()
        out.append(
            f'<text class="place" x="{px:.1f}" y="{py - 6:.1f}" text-anchor="middle" '
            'font-size="8" fill="#222" stroke="#fff" stroke-width="2" paint-order="stroke">'
            f"{escape(text)}</text>"
        )
    rows = max((row for _x, row in legend), default=0) + 1
    for kind, (lx, row) in zip(kinds, legend, strict=True):
        shape, r, fill = style[kind]
        ly = GH - 22 - 12 * (rows - 1 - row)
        out.append(
            f'<rect x="{_num(lx)}" y="{ly - 8}" width="8" height="8" fill="{fill}" '
            'stroke="black" stroke-width="0.5"/>'
        )
        out.append(
            f'<text x="{_num(lx + 11)}" y="{ly}" font-size="9">'
            f"{escape(actor_label(kind, lang))}</text>"
        )
    low, high = (format_number(v, lang, fraction=1) for v in (vmin, vmax))
    out.append(f'<text x="14" y="{GH - 6}" font-size="9">{low}</text>')
    for k, c in enumerate(colour(vmin + (vmax - vmin) * np.arange(10) / 9)):
        out.append(f'<rect x="{34 + 12 * k}" y="{GH - 14}" width="12" height="8" fill="{c}"/>')
    out.append(f'<text x="{34 + 12 * 10 + 4}" y="{GH - 6}" font-size="9">{high}</text>')
    out.append("</svg>")
    return "".join(out)
