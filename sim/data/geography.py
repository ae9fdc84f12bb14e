"""Municipal geography derived from Kartverket's boundaries (package data).

``scripts/derive_geography.py`` derives, once, from
``../shared/data/municipalities_2024.geojson``: each municipality's centroid (a proxy
for where its people travel from, not the administrative centre) in longitude and
latitude and in UTM zone 33 km, and the links of the neighbour graph: shared
boundaries (``border``) and, for municipalities that share none with the rest of the
country (islands), a link to the nearest municipality by polygon distance
(``nearest``: the crossing by ferry or bridge; the data hold no routes). The graph
connects all 357 municipalities. See ``README.md`` beside this module.

Example:
    >>> from sim.data.geography import neighbour_graph
    >>> g = neighbour_graph()
    >>> sorted(g["4206"])  # Farsund
    ['4225', '4227']
"""

from __future__ import annotations

import functools
from importlib import resources

import networkx as nx
import numpy as np
import pandas as pd

GEOGRAPHY_CSV = "municipality_geography.csv"
NEIGHBOURS_CSV = "municipality_neighbours.csv"
MAP_GEOJSON = "municipalities_2024_map.geojson"


@functools.cache
def _read(name: str, ids: tuple[str, ...]) -> pd.DataFrame:
    with resources.files(__package__).joinpath(name).open("rb") as fh:
        return pd.read_csv(fh, encoding="utf-8", dtype=dict.fromkeys(ids, str))


def load_geography() -> pd.DataFrame:
    """Centroid and land area of each of the 357 municipalities.

    Returns:
        Columns ``municipality_id``, ``name``, ``centroid_lon``, ``centroid_lat``,
        ``x_km``, ``y_km`` (UTM 33) and ``land_area_km2``; a fresh copy.
    """
    return _read(GEOGRAPHY_CSV, ("municipality_id",)).copy()


def load_neighbours() -> pd.DataFrame:
    """The links of the neighbour graph, one row per pair.

    Returns:
        Columns ``a``, ``b`` (ids, ``a < b``), ``kind`` (``border`` or ``nearest``),
        ``border_km`` (shared boundary) and ``gap_km`` (the crossing of a
        ``nearest`` link); a fresh copy.
    """
    return _read(NEIGHBOURS_CSV, ("a", "b")).copy()


@functools.cache
def _graph() -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(load_geography().municipality_id)
    for row in load_neighbours().itertuples(index=False):
        graph.add_edge(row.a, row.b, kind=row.kind)
    return graph


def neighbour_graph(ids: list[str] | None = None) -> nx.Graph:
    """The neighbour graph, or its subgraph on ``ids``.

    Args:
        ids: Municipality ids to keep (all 357 when None).

    Returns:
        A new graph; edges carry ``kind`` (``border`` or ``nearest``).
    """
    graph = _graph()
    return graph.copy() if ids is None else graph.subgraph(ids).copy()


def centroid_distance_km(ids: list[str]) -> np.ndarray:
    """Straight-line distance between centroids, km (a proxy for travel, not a route).

    Args:
        ids: Municipality ids.

    Returns:
        A symmetric ``len(ids) x len(ids)`` matrix.
    """
    geo = load_geography().set_index("municipality_id").loc[ids]
    xy = geo[["x_km", "y_km"]].to_numpy(float)
    return np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=-1))


def is_contiguous(ids: list[str]) -> bool:
    """Whether ``ids`` form one connected piece of the neighbour graph.

    Args:
        ids: Municipality ids (at least one).

    Returns:
        True if every municipality can be reached from every other through the group.
    """
    return nx.is_connected(neighbour_graph(list(ids)))


def map_geojson_text() -> str:
    """The simplified boundaries (GeoJSON text) for drawing maps."""
    return resources.files(__package__).joinpath(MAP_GEOJSON).read_text(encoding="utf-8")
