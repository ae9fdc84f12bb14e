"""The region as the scenario planner sees it: ids, populations, offices (no draws).

A structural scenario changes whole offices: the planner knows the office map at the
start (``structure``, ``region.offices``), so a municipality that shares an office
brings its office-mates along, and a municipality served by several offices (a city's
districts) cannot join another. Defaults chosen inside a region grow groups on the
neighbour graph of ``sim.data.geography`` (shared borders; islands linked to their
nearest neighbour), nearest centroid first, within the county.
"""

from __future__ import annotations

import networkx as nx

from sim.config import ConfigError, ModelConfig
from sim.data.geography import centroid_distance_km, neighbour_graph
from sim.office_maps import StartOffice
from sim.regions import _known_id, region_offices, resolve_municipalities
from sim.vocabulary import MAX_PER_OFFICE

MAX_MEMBERS = MAX_PER_OFFICE - 1  # as DESIGN §5 does: a host and up to seven members


class PlanningRegion:
    """The region's municipalities as seen by the planner (no random draws)."""

    def __init__(self, cfg: ModelConfig) -> None:
        """Read the region's municipalities and who may join a new office."""
        self.region_name = cfg.region.name
        self.munis = resolve_municipalities(cfg.region).set_index("municipality_id", drop=False)
        self.known = set(self.munis.municipality_id)
        self.offices = region_offices(
            cfg.region, str(cfg.structure), cfg.staff, self.munis.reset_index(drop=True)
        )
        self.unit_of = movable_units(self.offices)
        self.all_ids = set(resolve_municipalities_all())
        ids = list(self.munis.municipality_id)
        self.graph: nx.Graph = neighbour_graph(ids)
        self.distance = dict(zip(ids, centroid_distance_km(ids), strict=True))
        self.column = {m: i for i, m in enumerate(ids)}

    def pop(self, mid: str) -> int:
        """Inhabitants of ``mid``."""
        return int(self.munis.population[mid])

    def name(self, mid: str) -> str:
        """Name of ``mid``."""
        return str(self.munis.name[mid])

    def id_(self, value: object, key: str) -> str:
        """A configured id, checked against the data and the region."""
        mid = _known_id(value, key, self.all_ids)
        if mid not in self.known:
            raise ConfigError(
                f"{key}: municipality '{mid}' ({_data_name(mid)}) is outside the region "
                f"'{self.region_name}'; choose one of {sorted(self.known)}"
            )
        return mid

    def joinable(self, mid: str, key: str) -> str:
        """An id that may join a new office: not served by several offices."""
        if mid not in self.unit_of:
            raise ConfigError(
                f"{key}: {self.name(mid)} ({mid}) is served by city district offices (or "
                "shares an office with a city district) and cannot join a host office or merge"
            )
        return mid

    def office_mates(self, mid: str) -> list[str]:
        """The municipalities that move with ``mid`` (``mid`` first).

        Those of its office at the start and, where a municipality is served by the
        offices of its former municipalities (2019), of all those offices.
        """
        return [mid] + [m for m in self.unit_of[mid] if m != mid]

    def expand(self, ids: list[str]) -> list[str]:
        """``ids`` with their office-mates: a structural event takes whole offices."""
        out: list[str] = []
        for m in ids:
            out += [x for x in self.office_mates(m) if x not in out]
        return out

    def members(self, values: list) -> list[str]:
        """``scenario.members`` checked: known, in the region, joinable, none twice."""
        ids = [self.joinable(self.id_(m, "scenario.members"), "scenario.members") for m in values]
        dup = sorted({m for m in ids if ids.count(m) > 1})
        if dup:
            raise ConfigError(f"scenario.members: {dup} listed twice")
        return ids

    def eligible(self) -> list[str]:
        """Ids that a default choice may use, in kommunenummer order."""
        return sorted(m for m in self.known if m in self.unit_of)

    def smallest_group(self, target: float) -> list[str]:
        """The smallest office that has a neighbouring office, grown to ``target``.

        Returns:
            The group, host first; empty if no office has a neighbouring office.
        """
        for start in sorted(self.eligible(), key=lambda m: (self.office_pop(m), m)):
            group = self.nearest_group(start, target, set())
            if set(group) != set(self.office_mates(start)):
                return group
        return []

    def office_pop(self, mid: str) -> int:
        """Inhabitants of ``mid``'s office at the start."""
        return sum(self.pop(m) for m in self.office_mates(mid))

    def _gap(self, a: list[str], b: list[str]) -> float:
        return min(float(self.distance[x][self.column[y]]) for x in a for y in b)

    def nearest_group(self, start: str, target: float, taken: set[str]) -> list[str]:
        """Grow a group from ``start``'s office by neighbouring offices to ``target``.

        Neighbours share a border on the map (islands: their nearest link); the
        nearest (centroid distance) joins first; at most ``MAX_PER_OFFICE``
        municipalities, within ``start``'s county.

        Returns:
            The group, host (most populous) first.
        """
        county = self.munis.county_id[start]
        group = self.office_mates(start)
        while sum(self.pop(m) for m in group) < target:
            options: dict[str, list[str]] = {}
            for g in group:
                for n in self.graph[g]:
                    if (
                        n in group
                        or n in taken
                        or n not in self.unit_of
                        or self.munis.county_id[n] != county
                    ):
                        continue
                    options.setdefault(n, self.office_mates(n))
            options = {
                n: ms
                for n, ms in options.items()
                if len(group) + len(ms) <= MAX_PER_OFFICE and not set(ms) & taken
            }
            if not options:
                break
            best = min(options, key=lambda n: (self._gap(group, options[n]), n))
            group += options[best]
        return sorted(group, key=lambda m: (-self.pop(m), m))


def movable_units(offices: list[StartOffice]) -> dict[str, list[str]]:
    """Municipality id -> the municipalities a structural event must move with it.

    Offices that share a municipality (a former municipality's office in 2019) or a
    municipality's offices move together (union of their members); a unit with a
    city district office cannot move and is left out.
    """
    graph = nx.Graph()
    for office in offices:
        ids = [m for m, _ in office.members]
        graph.add_nodes_from(ids)
        graph.add_edges_from(zip(ids, ids[1:], strict=False))
    fixed = {m for o in offices if o.districts for m, _ in o.members}
    units: dict[str, list[str]] = {}
    for component in nx.connected_components(graph):
        if component & fixed:
            continue
        for m in component:
            units[m] = sorted(component)
    return units


def resolve_municipalities_all() -> list[str]:
    """Every municipality id in the shipped data."""
    from sim.data import load_municipalities

    return list(load_municipalities().municipality_id)


def _data_name(mid: str) -> str:
    from sim.data import load_municipalities

    data = load_municipalities().set_index("municipality_id")
    return str(data.name[mid]) if mid in data.index else "?"
