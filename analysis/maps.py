"""Maps of a region from Kartverket's boundaries (``sim.data.geography``).

Municipalities are drawn from the simplified boundaries shipped as package data, in a
simple equirectangular projection around the region's mean latitude (km; good enough
for a county's picture, not for measuring). Credit "Kartverket" where a map is shown.
"""

from __future__ import annotations

import json
from functools import cache

import numpy as np
from matplotlib.collections import PolyCollection

KM_PER_DEGREE = 111.32  # along a meridian, and along the equator
CREDIT = "Kartverket"


@cache
def _features() -> dict[str, list[np.ndarray]]:
    """Municipality id -> its polygons' outer rings (lon, lat arrays)."""
    from sim.data.geography import map_geojson_text

    out: dict[str, list[np.ndarray]] = {}
    for feature in json.loads(map_geojson_text())["features"]:
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        out[feature["properties"]["kommunenummer"]] = [np.asarray(p[0], float) for p in polys]
    return out


@cache
def _centroids() -> dict[str, tuple[float, float]]:
    from sim.data.geography import load_geography

    geo = load_geography()
    return {
        m: (float(lon), float(lat))
        for m, lon, lat in zip(geo.municipality_id, geo.centroid_lon, geo.centroid_lat, strict=True)
    }


def reference_latitude(ids: list[str]) -> float:
    """The mean centroid latitude of ``ids`` (the projection's standard parallel)."""
    lats = [_centroids()[m][1] for m in ids if m in _centroids()]
    return float(np.mean(lats)) if lats else 60.0


def project(lon: np.ndarray, lat: np.ndarray, lat0: float) -> np.ndarray:
    """Longitude and latitude to km east and north (equirectangular around ``lat0``)."""
    x = np.asarray(lon, float) * KM_PER_DEGREE * np.cos(np.radians(lat0))
    return np.column_stack([x, np.asarray(lat, float) * KM_PER_DEGREE])


def municipality_xy(ids: list[str], lat0: float) -> dict[str, np.ndarray]:
    """Each municipality's centroid in the map's km (unknown ids left out)."""
    c = _centroids()
    return {m: project([c[m][0]], [c[m][1]], lat0)[0] for m in ids if m in c}


def municipality_outlines(ids: list[str], lat0: float | None = None) -> list[np.ndarray]:
    """The boundary rings of ``ids`` in the map's km (the outer ring of each polygon).

    Args:
        ids: Municipality ids.
        lat0: The projection's reference latitude (default: ``reference_latitude(ids)``,
            as ``positions_on_map`` uses).

    Returns:
        One (n, 2) array per ring.
    """
    lat0 = reference_latitude(ids) if lat0 is None else lat0
    return [project(r[:, 0], r[:, 1], lat0) for m in ids for r in _features().get(m, [])]


def draw_municipalities(ax, ids: list[str], lat0: float, colours: dict[str, str] | None = None):
    """Draw the boundaries of ``ids`` on ``ax``, filled by ``colours`` (id -> colour).

    Args:
        ax: A matplotlib Axes.
        ids: Municipality ids.
        lat0: The projection's reference latitude (``reference_latitude``).
        colours: Fill per municipality (light grey when missing).

    Returns:
        The polygons' collection.
    """
    polys, fills = [], []
    for m in ids:
        for ring in _features().get(m, []):
            polys.append(project(ring[:, 0], ring[:, 1], lat0))
            fills.append((colours or {}).get(m, "#eeeeee"))
    collection = PolyCollection(
        polys, facecolors=fills, edgecolors="white", linewidths=0.6, zorder=0
    )
    ax.add_collection(collection)
    ax.set_aspect("equal")
    return collection


def positions_on_map(graphs, municipality_id) -> dict[tuple, np.ndarray]:
    """Node positions of partnership graphs on the map (km), or {} if a place is unknown.

    Municipalities at their centroids; a county director above the region's centre (at
    1.12 half-spans); an office at the mean of its municipalities in the first graph
    that holds it.

    Args:
        graphs: Partnership graphs (nodes ``("municipality" | "office" |
            "county_director", key)``), e.g. before and after an event.
        municipality_id: Municipality node -> its kommunenummer.

    Returns:
        Node -> position (``frame`` gives its centre and half-span).
    """
    nodes = {n: municipality_id(n) for g in graphs for n in g.nodes if n[0] == "municipality"}
    ids = list(dict.fromkeys(nodes.values()))
    xy = municipality_xy(ids, reference_latitude(ids))
    if not ids or len(xy) < len(ids):
        return {}
    pos = {n: xy[m] for n, m in nodes.items()}
    centre, half = frame(pos)
    for graph in graphs:
        for node in graph.nodes:
            if node in pos:
                continue
            if node[0] == "county_director":
                pos[node] = centre + np.array([0.0, 1.12 * half])
            else:
                near = [pos[n] for n in graph.neighbors(node) if n[0] == "municipality"]
                pos[node] = np.mean(near, axis=0) if near else centre.copy()
    return pos


def frame(pos: dict[tuple, np.ndarray]) -> tuple[np.ndarray, float]:
    """Centre and half of the larger span of the municipalities' positions."""
    pts = np.array([p for n, p in pos.items() if n[0] == "municipality"])
    centre = (pts.max(0) + pts.min(0)) / 2
    return centre, max(float(np.ptp(pts, axis=0).max()) / 2, 1e-9)
