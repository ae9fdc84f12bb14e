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
