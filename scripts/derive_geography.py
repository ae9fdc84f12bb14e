"""Derive the municipal geography navsim ships, once, from Kartverket's boundaries.

Input: ``../shared/data/municipalities_2024.geojson`` (Kartverket's administrative
units, "S" quality, clipped at the coastline; the 357 municipalities of 2024, WGS84).
Output (package data of ``sim.data``, see ``sim/data/README.md``):

- ``municipality_geography.csv``: per municipality, the centroid of the repaired
  polygon (longitude, latitude; the centroid of the land area, a proxy for where
  people live and travel from, not the administrative centre) and its coordinates
  in UTM zone 33 (EPSG:25833, km), the projection Norway's maps use.
- ``municipality_neighbours.csv``: one row per linked pair, ``kind`` ``border``
  (the polygons touch, within ``TOUCH_M`` metres, since the simplified polygons of
  neighbours do not always meet exactly; ``border_km`` is the length of the shared
  boundary) or ``nearest`` (a municipality, or a group of them, that shares no
  boundary with the rest of the country is linked to its nearest municipality by
  polygon distance, ``gap_km``: islands reached by ferry or bridge; the data hold no
  ferry routes, so the nearest coast stands for the crossing).
- ``municipalities_2024_map.geojson``: the boundaries simplified further (to
  ``MAP_TOLERANCE_M``), for the maps of the report and the workshop.

Repairs: 28 polygons are invalid (self-intersections of the simplification);
``shapely.make_valid`` repairs them, keeping the polygonal part.

Run (needs the dev extra: shapely, pyproj)::

    .venv/bin/python scripts/derive_geography.py            # writes sim/data/
    .venv/bin/python scripts/derive_geography.py --check    # compares, writes nothing
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pyproj
import shapely
from derived_files import write_or_check
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "municipalities_2024.geojson"
OUT = ROOT / "sim" / "data"
TOUCH_M = 50.0  # polygons this close count as touching (simplification gaps)
MIN_BORDER_M = 100.0  # a shared boundary shorter than this is a corner, not a border
MAP_TOLERANCE_M = 400.0  # simplification of the map copy
MAP_DECIMALS = 4  # coordinate decimals in the map copy (about 10 m)


def projector(source: str, target: str):
    """A function reprojecting a geometry between two coordinate systems."""
    move = pyproj.Transformer.from_crs(source, target, always_xy=True).transform

    def project(geom: shapely.Geometry) -> shapely.Geometry:
        return shapely.transform(geom, lambda xy: np.column_stack(move(xy[:, 0], xy[:, 1])))

    return project


def load_geometries(path: Path) -> dict[str, tuple[str, shapely.Geometry]]:
    """Municipality id -> (name, repaired polygon in UTM 33, metres)."""
    to_utm = projector("EPSG:4326", "EPSG:25833")
    data = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for feature in data["features"]:
        props = feature["properties"]
        geom = shape(feature["geometry"])
        if not geom.is_valid:
            geom = shapely.make_valid(geom)
            polys = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type.endswith("Polygon")]
            geom = shapely.union_all(polys)
        out[props["kommunenummer"]] = (props["kommunenavn"], to_utm(geom))
    return dict(sorted(out.items()))


def border_pairs(geoms: dict[str, tuple[str, shapely.Geometry]]) -> list[dict]:
    """Pairs whose polygons touch, with the length of the shared boundary."""
    ids = list(geoms)
    polys = [geoms[m][1] for m in ids]
    tree = shapely.STRtree(polys)
    rows = []
    for i, poly in enumerate(polys):
        for j in tree.query(poly, predicate="dwithin", distance=TOUCH_M):
            if j <= i:
                continue
            shared = poly.boundary.buffer(TOUCH_M).intersection(polys[j].boundary)
            length = shared.length
            if length >= MIN_BORDER_M:
                rows.append(
                    {"a": ids[i], "b": ids[j], "kind": "border", "border_km": length / 1000}
                )
    return rows


def link_islands(geoms: dict[str, tuple[str, shapely.Geometry]], rows: list[dict]) -> list[dict]:
    """Link every component without a land border to its nearest other municipality."""
    graph = nx.Graph()
    graph.add_nodes_from(geoms)
    graph.add_edges_from((r["a"], r["b"]) for r in rows)
    added = []
    while nx.number_connected_components(graph) > 1:
        component = min(nx.connected_components(graph), key=lambda c: (len(c), min(c)))
        inside = shapely.union_all([geoms[m][1] for m in component])
        best = min((inside.distance(geoms[m][1]), m) for m in geoms if m not in component)
        gap, target = best
        source = min(component, key=lambda m: (geoms[m][1].distance(geoms[target][1]), m))
        a, b = sorted((source, target))
        added.append({"a": a, "b": b, "kind": "nearest", "gap_km": gap / 1000})
        graph.add_edge(a, b)
    return added


def geography_rows(geoms: dict[str, tuple[str, shapely.Geometry]]) -> list[dict]:
    """Centroid (lon, lat and UTM 33 km) and area of each municipality."""
    to_wgs = pyproj.Transformer.from_crs("EPSG:25833", "EPSG:4326", always_xy=True).transform
    rows = []
    for mid, (name, geom) in geoms.items():
        c = geom.centroid
        lon, lat = to_wgs(c.x, c.y)
        rows.append(
            {
                "municipality_id": mid,
                "name": name,
                "centroid_lon": round(lon, 5),
                "centroid_lat": round(lat, 5),
                "x_km": round(c.x / 1000, 3),
                "y_km": round(c.y / 1000, 3),
                "land_area_km2": round(geom.area / 1e6, 2),
            }
        )
    return rows


def to_csv(rows: list[dict], columns: list[str]) -> str:
    """Rows as CSV text (LF line ends, 3 decimals for lengths)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow(
            {k: (f"{r[k]:.3f}" if k.endswith("_km") and k in r else r.get(k, "")) for k in columns}
        )
    return buf.getvalue()


def map_geojson(geoms: dict[str, tuple[str, shapely.Geometry]]) -> str:
    """The boundaries simplified for drawing, in WGS84, rounded."""
    to_wgs = projector("EPSG:25833", "EPSG:4326")
    features = []
    for mid, (name, geom) in geoms.items():
        simple = geom.simplify(MAP_TOLERANCE_M, preserve_topology=True)
        simple = shapely.set_precision(to_wgs(simple), 10**-MAP_DECIMALS)
        features.append(
            {
                "type": "Feature",
                "properties": {"kommunenummer": mid, "kommunenavn": name},
                "geometry": mapping(simple),
            }
        )
    doc = {
        "type": "FeatureCollection",
        "name": "municipalities_2024_map",
        "source": "Kartverket (CC BY 4.0), via robhop/fylker-og-kommuner Kommuner-S.geojson "
        "(ae87825); simplified by navsim scripts/derive_geography.py",
        "features": features,
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def derive(source: Path) -> dict[str, str]:
    """File name -> content of every derived file."""
    geoms = load_geometries(source)
    borders = border_pairs(geoms)
    links = link_islands(geoms, borders)
    neighbours = sorted(borders + links, key=lambda r: (r["a"], r["b"]))
    return {
        "municipality_geography.csv": to_csv(
            geography_rows(geoms),
            [
                "municipality_id",
                "name",
                "centroid_lon",
                "centroid_lat",
                "x_km",
                "y_km",
                "land_area_km2",
            ],
        ),
        "municipality_neighbours.csv": to_csv(
            neighbours, ["a", "b", "kind", "border_km", "gap_km"]
        ),
        "municipalities_2024_map.geojson": map_geojson(geoms),
    }


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check compare) the derived files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare with the shipped files")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(
            f"error: {args.source} not found (../shared/data beside the project)", file=sys.stderr
        )
        return 2
    files = derive(args.source)
    return write_or_check({args.out / name: text for name, text in files.items()}, args.check)


if __name__ == "__main__":
    sys.exit(main())
