"""The region as the scenario planner sees it: ids, populations, who may join (no draws).

Defaults chosen inside a region use kommunenummer order as a proxy for
neighbourhood (assumption: the data hold no coordinates; numbers run along the
county).
"""

from __future__ import annotations

from sim.config import ConfigError, ModelConfig
from sim.regions import _known_id, resolve_municipalities, split_municipalities
from sim.vocabulary import MAX_PER_OFFICE

MAX_MEMBERS = MAX_PER_OFFICE - 1  # as DESIGN §5 does: a host and up to seven members


class PlanningRegion:
    """The region's municipalities as seen by the planner (no random draws)."""

    def __init__(self, cfg: ModelConfig) -> None:
        """Read the region's municipalities and who may join a new office."""
        self.region_name = cfg.region.name
        self.munis = resolve_municipalities(cfg.region).set_index("municipality_id", drop=False)
        self.known = set(self.munis.municipality_id)
        self.split = split_municipalities(self.munis.reset_index(drop=True), cfg.staff)
        # municipalities already sharing an office in an explicit region office map
        self.shared: dict[str, str] = {
            str(m): str(label)
            for label, ms in cfg.region.offices.items()
            if len(ms) > 1
            for m in ms
        }
        self.all_ids = set(resolve_municipalities_all())

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
        """An id that may join a new office: not a split city, not already sharing one."""
        if mid in self.split:
            raise ConfigError(
                f"{key}: {self.name(mid)} ({mid}) is split into district offices and "
                "cannot join a host office or merge"
            )
        if mid in self.shared:
            raise ConfigError(
                f"{key}: {self.name(mid)} ({mid}) is already in host office "
                f"'{self.shared[mid]}' (region.offices); a municipality cannot be in two"
            )
        return mid

    def members(self, values: list) -> list[str]:
        """``scenario.members`` checked: known, in the region, joinable, none twice."""
        ids = [self.joinable(self.id_(m, "scenario.members"), "scenario.members") for m in values]
        dup = sorted({m for m in ids if ids.count(m) > 1})
        if dup:
            raise ConfigError(f"scenario.members: {dup} listed twice")
        return ids

    def eligible(self) -> list[str]:
        """Ids that a default choice may use, in kommunenummer order."""
        return sorted(m for m in self.known if m not in self.split and m not in self.shared)

    def nearest_group(self, start: str, target: float, taken: set[str]) -> list[str]:
        """Grow a group from ``start`` by nearest kommunenummer until ``target`` inhabitants.

        At most ``MAX_PER_OFFICE`` municipalities, within ``start``'s county.

        Returns:
            The group, host (most populous) first.
        """
        county = self.munis.county_id[start]
        order = [m for m in self.eligible() if self.munis.county_id[m] == county]
        rank = {m: i for i, m in enumerate(order)}
        group = [start]
        while sum(self.pop(m) for m in group) < target and len(group) < MAX_PER_OFFICE:
            free = [m for m in order if m not in group and m not in taken]
            if not free:
                break

            def distance(m: str) -> tuple[int, int]:
                return (min(abs(rank[m] - rank[g]) for g in group), self.pop(m))

            group.append(min(free, key=distance))
        return sorted(group, key=lambda m: (-self.pop(m), m))


def resolve_municipalities_all() -> list[str]:
    """Every municipality id in the shipped data."""
    from sim.data import load_municipalities

    return list(load_municipalities().municipality_id)


def _data_name(mid: str) -> str:
    from sim.data import load_municipalities

    data = load_municipalities().set_index("municipality_id")
    return str(data.name[mid]) if mid in data.index else "?"
