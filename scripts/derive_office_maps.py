"""Derive navsim's office maps (``structure=2019|present``) from the sourced offices.

Inputs (in ``data-raw/``, each row citing its source; see ``data-raw/README.md``):

- ``office_sources_<map>.csv``: offices found in reports and public pages, one row
  per office: ``office``, ``county_id``, ``host``, ``members`` (space-separated 2024
  ids, or parts ``id/Part``; host first), ``source``, ``source_date``,
  ``confidence``, ``note``.
- ``municipality_parts_2019.csv`` and ``district_populations.csv``: populations of
  the parts (pre-2020 municipalities, city districts) that give each part's share of
  its 2024 municipality; a part without one gets an equal share of what is left.

The rule (``RULE``) fills every municipality no source covers, county by county, on
the neighbour graph (``sim.data.geography``): Nav fylke's logic in domain/003 §5.3
(L4044-4079; host offices large enough for the county management group, along
regional councils and labour-market areas) read as "an office serves at least
``threshold`` inhabitants where the map allows": the smallest uncovered municipality
under the threshold grows an office by its nearest uncovered neighbour (centroid
distance) until the office reaches the threshold, eight municipalities (003 §5.2) or
has no uncovered neighbour left; the most populous member hosts. Populations are
those of 2025 (the data's year) for both maps, a stated proxy. The threshold of each
map is chosen so the national count meets the published count of that year
(``THRESHOLD``): the count is a calibration target of the rule-made part, not a test
of it.

Outputs (package data of ``sim.data``): ``offices_2019.csv`` and
``offices_present.csv``, one row per office and municipality (or part of one):
``office_id``, ``office_name``, ``county_id``, ``host``, ``municipality_id``,
``part``, ``part_kind`` (``district`` of a city, or a ``former`` municipality),
``share`` (of the municipality's inhabitants), ``basis`` (``sourced`` or
``rule-based``), ``source``.

Run::

    .venv/bin/python scripts/derive_office_maps.py           # writes sim/data/
    .venv/bin/python scripts/derive_office_maps.py --check   # compares, writes nothing
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import networkx as nx
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from derived_files import write_or_check  # noqa: E402

from sim.data import load_municipalities  # noqa: E402
from sim.data.geography import centroid_distance_km, neighbour_graph  # noqa: E402
from sim.data.offices import COLUMNS  # noqa: E402
from sim.office_maps import office_name  # noqa: E402

RAW = ROOT / "data-raw"
OUT = ROOT / "sim" / "data"
MAPS = ("2019", "present")
MAX_MEMBERS = 8  # 003 §5.2: an office serves at most eight municipalities
# Inhabitants below which the rule groups uncovered municipalities, per map: chosen so
# the national count meets the published count (data-raw/README.md says which).
THRESHOLD = {"2019": 3500, "present": 8000}
# A city no source splits into district offices gets one per this many inhabitants: the
# population ``sim.regions.office_staff`` staffs with about 180 årsverk, ch5_9 §2.2's
# largest office (Fredrikstad, L6657-6661); Oslo and Bergen keep 15 and 8 (ch5_9 §3.4).
CITY_DISTRICT_POPULATION = 110_000
CITY_DISTRICTS = {"0301": 15, "4601": 8}
CITY_RULE = (
    "rule-based: a city no source splits has one district office per "
    f"{CITY_DISTRICT_POPULATION:,} inhabitants (Oslo 15, Bergen 8: ch5_9 §3.4), equal shares"
)
JOIN_RULE = (
    "rule-based: a small municipality no source places, with no unplaced neighbour, joins "
    "the neighbouring office whose host is nearest (scripts/derive_office_maps.py)"
)
RULE = (
    "rule-based: smallest uncovered municipality under {threshold} inhabitants grows an "
    "office by its nearest uncovered neighbours in the county (scripts/derive_office_maps.py)"
)


def read_sources(path: Path) -> list[dict]:
    """The sourced offices of one map (none if the file does not exist)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row.get("office", "").strip()]


def read_part_populations() -> dict[tuple[str, str], float]:
    """(2024 id, part name) -> inhabitants, from the parts and districts files."""
    out: dict[tuple[str, str], float] = {}
    for name in ("municipality_parts_2019.csv", "district_populations.csv"):
        path = RAW / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                try:
                    out[(row["municipality_id"], row["part"])] = float(row["population"])
                except (KeyError, ValueError):
                    continue
    return out


def split_member(member: str) -> tuple[str, str]:
    """``4204/Søgne`` -> ("4204", "Søgne"); ``0301/Gamle_Oslo`` -> ("0301", "Gamle Oslo")."""
    mid, _, part = member.strip().partition("/")
    return mid, part.strip().replace("_", " ")


def sourced_rows(sources: list[dict], known: set[str]) -> list[dict]:
    """Rows of the sourced offices, shares still unset for parts."""
    rows, seen = [], set()
    for k, src in enumerate(sources):
        members = [split_member(m) for m in src["members"].split()]
        host_id, host_part = split_member(src["host"] or src["members"].split()[0])
        for mid, part in members:
            if mid not in known:
                raise ValueError(f"{src['office']}: unknown municipality id {mid!r}")
            if (mid, part) in seen:
                raise ValueError(f"{src['office']}: {mid}/{part} is in two offices")
            seen.add((mid, part))
            rows.append(
                {
                    "key": f"s{k}",
                    "office_name": src["office"].strip(),
                    "county_id": src["county_id"].strip().zfill(2),
                    "host": host_id,
                    "host_part": host_part,
                    "municipality_id": mid,
                    "part": part,
                    "basis": "sourced",
                    "source": src["source"].strip(),
                }
            )
    return rows


def assign_shares(rows: list[dict], populations: dict[tuple[str, str], float]) -> None:
    """Each part's share of its municipality: by population where known, else equal."""
    by_muni: dict[str, list[dict]] = {}
    for row in rows:
        by_muni.setdefault(row["municipality_id"], []).append(row)
    for mid, parts in by_muni.items():
        if len(parts) == 1 and not parts[0]["part"]:
            parts[0]["share"] = 1.0
            continue
        known = {p["part"]: populations.get((mid, p["part"])) for p in parts}
        if all(v is not None for v in known.values()):
            total = sum(known.values())
            for p in parts:
                p["share"] = known[p["part"]] / total
        else:
            for p in parts:
                p["share"] = 1.0 / len(parts)


def read_parts_2019() -> dict[str, list[tuple[str, float]]]:
    """2024 id -> the 2019 municipalities it was made of, (name, inhabitants 2019).

    A 2019 municipality split between several 2024 ones (Snillfjord, Tysfjord) has no
    population per piece in the crosswalk; its pieces are left to the main part.
    """
    path = RAW / "municipality_parts_2019.csv"
    out: dict[str, list[tuple[str, float]]] = {}
    if not path.is_file():
        return out
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["population"].strip():
                out.setdefault(row["municipality_id"], []).append(
                    (row["part"], float(row["population"]))
                )
    return {m: parts for m, parts in out.items() if len(parts) > 1}


def rule_units(
    munis: pd.DataFrame, covered: set[str], structure: str
) -> list[tuple[str, str, float]]:
    """What the rule groups: uncovered municipalities, as (id, part, inhabitants).

    On the 2019 map a municipality merged since is its 2019 municipalities (parts).
    """
    parts = read_parts_2019() if structure == "2019" else {}
    units = []
    for mid, pop in zip(munis.municipality_id, munis.population, strict=True):
        if mid in covered:
            continue
        if mid in parts:
            units += [(mid, name, p) for name, p in parts[mid]]
        else:
            units.append((mid, "", float(pop)))
    return units


def rule_groups(
    munis: pd.DataFrame, covered: set[str], threshold: float, structure: str
) -> list[list[tuple[str, str, float]]]:
    """Offices the rule makes from the uncovered units, host (most populous) first.

    Two units neighbour if they are parts of one municipality or their municipalities
    neighbour on the map (a part takes its municipality's neighbours: the 2019
    boundaries are not in the data).
    """
    graph = neighbour_graph()
    county = dict(zip(munis.municipality_id, munis.county_id, strict=True))
    ids = list(munis.municipality_id)
    dist = pd.DataFrame(centroid_distance_km(ids), index=ids, columns=ids)
    units = rule_units(munis, covered, structure)
    groups: list[list[tuple[str, str, float]]] = []
    taken: set[tuple[str, str]] = set()

    def near(a: tuple, b: tuple) -> bool:
        return a[0] == b[0] or b[0] in graph[a[0]]

    for start in sorted(units, key=lambda u: (u[2], u[0], u[1])):
        if start[:2] in taken:
            continue
        group = [start]
        taken.add(start[:2])
        while sum(u[2] for u in group) < threshold and len(group) < MAX_MEMBERS:
            options = [
                u
                for u in units
                if u[:2] not in taken
                and county[u[0]] == county[start[0]]
                and any(near(g, u) for g in group)
            ]
            if not options:
                break
            nearest = min(
                options, key=lambda u: (min(dist.at[u[0], g[0]] for g in group), u[0], u[1])
            )
            group.append(nearest)
            taken.add(nearest[:2])
        groups.append(sorted(group, key=lambda u: (-u[2], u[0], u[1])))
    return groups


def join_neighbour(
    group: list[tuple[str, str, float]], rows: list[dict], threshold: float, county: dict
) -> bool:
    """A lone small unit with no free neighbour joins its nearest neighbouring office.

    Returns:
        True if it joined (a row was added to ``rows``).
    """
    if len(group) > 1 or group[0][2] >= threshold:
        return False
    mid, part, _ = group[0]
    graph = neighbour_graph()
    size: dict[str, int] = {}
    for row in rows:
        size[row["key"]] = size.get(row["key"], 0) + 1
    options = {
        row["key"]: row
        for row in rows
        if row["municipality_id"] in graph[mid]
        and county[row["municipality_id"]] == county[mid]
        and size[row["key"]] < MAX_MEMBERS
    }
    if not options:
        return False
    ids = sorted({mid} | {r["host"] for r in options.values()})
    dist = pd.DataFrame(centroid_distance_km(ids), index=ids, columns=ids)
    key = min(options, key=lambda k: (dist.at[mid, options[k]["host"]], k))
    host = next(r for r in rows if r["key"] == key)
    rows.append(
        {
            **host,
            "municipality_id": mid,
            "part": part,
            "basis": "rule-based",
            "source": JOIN_RULE,
        }
    )
    return True


def city_districts(munis: pd.DataFrame, covered: set[str], first_key: int) -> list[dict]:
    """District offices of the large cities no source covers (``CITY_RULE``)."""
    rows = []
    for mid, name, county, pop in zip(
        munis.municipality_id, munis.name, munis.county_id, munis.population, strict=True
    ):
        n = CITY_DISTRICTS.get(mid, -(-int(pop) // CITY_DISTRICT_POPULATION))
        if mid in covered or n < 2:
            continue
        for d in range(1, n + 1):
            part = f"{name} {d}"
            rows.append(
                {
                    "key": f"c{first_key}-{mid}-{d}",
                    "office_name": f"Nav {part}",
                    "county_id": county,
                    "host": mid,
                    "host_part": part,
                    "municipality_id": mid,
                    "part": part,
                    "basis": "rule-based",
                    "source": CITY_RULE,
                }
            )
    return rows


def office_ids(rows: list[dict]) -> None:
    """Office ids: the host's id, with ``-NN`` where its municipality has several offices."""
    offices: dict[str, list[dict]] = {}
    for row in rows:
        offices.setdefault(row["key"], []).append(row)
    by_host: dict[str, list[str]] = {}
    for key, members in offices.items():
        by_host.setdefault(members[0]["host"], []).append(key)
    split = {r["municipality_id"] for r in rows if r["part"]}
    for host, keys in by_host.items():
        keys.sort(key=lambda k: (offices[k][0]["host_part"], offices[k][0]["office_name"]))
        for k, key in enumerate(keys, start=1):
            oid = host if len(keys) == 1 and host not in split else f"{host}-{k:02d}"
            for row in offices[key]:
                row["office_id"] = oid


def derive_map(structure: str) -> str:
    """The office map of one structure as CSV text."""
    munis = load_municipalities()
    names = dict(zip(munis.municipality_id, munis.name, strict=True))
    known = set(munis.municipality_id)
    rows = sourced_rows(read_sources(RAW / f"office_sources_{structure}.csv"), known)
    covered = {r["municipality_id"] for r in rows}
    rows += city_districts(munis, covered, len(rows))
    covered = {r["municipality_id"] for r in rows}
    threshold = THRESHOLD[structure]
    county = dict(zip(munis.municipality_id, munis.county_id, strict=True))
    groups = rule_groups(munis, covered, threshold, structure)
    groups = [g for g in groups if not join_neighbour(g, rows, threshold, county)]
    for k, group in enumerate(groups):
        labels = [part or names[mid] for mid, part, _ in group]
        label = office_name(labels)
        rows += [
            {
                "key": f"r{k}",
                "office_name": label,
                "county_id": county[group[0][0]],
                "host": group[0][0],
                "host_part": group[0][1],
                "municipality_id": mid,
                "part": part,
                "basis": "rule-based",
                "source": RULE.format(threshold=threshold),
            }
            for mid, part, _ in group
        ]
    assign_shares(rows, read_part_populations())
    former = {(m, name) for m, parts in read_parts_2019().items() for name, _ in parts}
    for row in rows:
        kind = "former" if (row["municipality_id"], row["part"]) in former else "district"
        row["part_kind"] = kind if row["part"] else ""
    office_ids(rows)
    order = {m: i for i, m in enumerate(munis.municipality_id)}
    rows.sort(
        key=lambda r: (
            r["county_id"],
            r["office_id"],
            r["host"] != r["municipality_id"],
            order[r["municipality_id"]],
            r["part"],
        )
    )
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "share": f"{row['share']:.6f}"})
    return buf.getvalue()


def contiguity_report(text: str) -> list[str]:
    """Offices the rule made or added to whose municipalities are not one piece of the map."""
    df = pd.read_csv(io.StringIO(text), dtype=str)
    bad = []
    for oid, office in df.groupby("office_id"):
        if (office.basis == "rule-based").any() and not nx.is_connected(
            neighbour_graph(sorted(set(office.municipality_id)))
        ):
            bad.append(oid)
    return bad


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check compare) ``offices_2019.csv`` and ``offices_present.csv``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped files")
    args = parser.parse_args(argv)
    files: dict[Path, str] = {}
    for structure in MAPS:
        text = derive_map(structure)
        bad = contiguity_report(text)
        if bad:
            print(f"error: {structure}: rule-made offices not contiguous: {bad}", file=sys.stderr)
            return 1
        df = pd.read_csv(io.StringIO(text), dtype=str)
        print(
            f"{structure}: {df.office_id.nunique()} offices "
            f"({df[df.basis == 'sourced'].office_id.nunique()} sourced)"
        )
        files[OUT / f"offices_{structure}.csv"] = text
    return write_or_check(files, args.check)


if __name__ == "__main__":
    sys.exit(main())
