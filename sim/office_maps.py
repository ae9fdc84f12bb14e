"""The office map at the start: which offices serve which municipalities (DESIGN §5).

``structure`` chooses it: ``present`` (today's offices, the default for scenario
analysis), ``2019`` (the map of the 2019 report and its surveys, for validation and
calibration), both package data (``sim.data.offices``), or ``municipal``: one office
per municipality, the pre-2016 world, with Oslo and Bergen split into their 15 and 8
district offices (ch5_9 §3.4, L7783) and any other city whose staff would exceed
``staff.max_office_staff`` split evenly. ``region.offices`` declares offices on top of
any of them: its municipalities leave their map offices and form the declared ones.

An office may serve part of a municipality (a city district; in 2019 the office of a
municipality that has merged since): its catchment holds that share of the
municipality's inhabitants. Offices that exist at the start are mature (DESIGN §5).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.config import ConfigError, StaffParams
from sim.data.offices import MAPPED, STRUCTURES, load_office_map

# ch5_9 §3.4 (L7783): district offices of Oslo (15) and Bergen (8), all two-leader.
DISTRICT_OFFICES = {"0301": 15, "4601": 8}


@dataclass(frozen=True)
class StartOffice:
    """One office of the map at the start.

    Attributes:
        office_id: Its id (the host's kommunenummer, ``-NN`` for one of several).
        name: Its name as people know it ("Nav Lister").
        members: (municipality id, share of its inhabitants) per catchment, host first.
        basis: ``sourced``, ``rule-based``, ``municipal`` or ``declared``.
        source: A report section or page, or the rule.
        districts: Whether it serves a city district (a part no event can move).
    """

    office_id: str
    name: str
    members: tuple[tuple[str, float], ...]
    basis: str
    source: str = ""
    districts: bool = False

    @property
    def host(self) -> str:
        """The host municipality's id."""
        return self.members[0][0]

    @property
    def whole(self) -> bool:
        """Whether it serves whole municipalities only."""
        return all(share >= 1 - 1e-9 for _, share in self.members)


def office_name(places: list[str]) -> str:
    """An office's name from its places, as Nav names them ("Nav Farsund og Lyngdal").

    Args:
        places: Municipality (or part) names, host first.

    Returns:
        The name.
    """
    if len(places) == 1:
        return f"Nav {places[0]}"
    return f"Nav {', '.join(places[:-1])} og {places[-1]}"


def district_count(municipality_id: str, muni_staff: float, staff: StaffParams) -> int:
    """Offices a municipality has in ``structure=municipal`` (Oslo 15, Bergen 8, else by size).

    Args:
        municipality_id: Kommunenummer.
        muni_staff: Årsverk the municipality's office would have undivided.
        staff: Staffing parameters (``max_office_staff``).

    Returns:
        The number of district offices (1 = not split).
    """
    return DISTRICT_OFFICES.get(municipality_id, int(np.ceil(muni_staff / staff.max_office_staff)))


def claim_members(key: str, label: str, ids: list[str], claimed: dict[str, str]) -> None:
    """Record that office ``label`` serves ``ids``; each municipality may be claimed once.

    Args:
        key: The config key named in the error.
        label: The office's label.
        ids: Its municipality ids.
        claimed: Municipality id -> label of the office that claimed it (updated).

    Raises:
        ConfigError: On a municipality already claimed by another office.
    """
    for m in ids:
        if m in claimed:
            raise ConfigError(
                f"{key}: municipality '{m}' is listed in two offices ('{claimed[m]}' and '{label}')"
            )
        claimed[m] = label


def _municipal_map(
    munis: pd.DataFrame, muni_staff: np.ndarray, staff: StaffParams
) -> list[StartOffice]:
    offices = []
    for mid, name, n_staff in zip(munis.municipality_id, munis.name, muni_staff, strict=True):
        n_dist = district_count(mid, n_staff, staff)
        for d in range(n_dist):
            oid = mid if n_dist == 1 else f"{mid}-{d + 1:02d}"
            offices.append(
                StartOffice(
                    oid,
                    f"Nav {name}" + (f" {d + 1}" if n_dist > 1 else ""),
                    ((mid, 1.0 / n_dist),),
                    "municipal",
                    "",
                    n_dist > 1,
                )
            )
    return offices


def _data_map(structure: str, munis: pd.DataFrame) -> list[StartOffice]:
    """The shipped map's offices with a member in the region, in the region's terms.

    An office cut by the region's edge keeps the members inside it; its most
    populous member inside hosts when the host is outside.
    """
    rows = load_office_map(structure)
    inside = set(munis.municipality_id)
    pop = dict(zip(munis.municipality_id, munis.population, strict=True))
    order = {m: i for i, m in enumerate(munis.municipality_id)}
    rows = rows[rows.municipality_id.isin(inside)]
    offices = []
    for oid, office in rows.groupby("office_id", sort=False):
        members = [(m, float(s)) for m, s in zip(office.municipality_id, office.share, strict=True)]
        host = office.host.iloc[0]
        if host not in inside:
            host = max(members, key=lambda ms: (pop[ms[0]] * ms[1], -order[ms[0]]))[0]
        members.sort(key=lambda ms: (ms[0] != host, order[ms[0]]))
        offices.append(
            StartOffice(
                str(oid),
                str(office.office_name.iloc[0]),
                tuple(members),
                str(office.basis.iloc[0]),
                str(office.source.iloc[0]),
                bool((office.part_kind == "district").any()),
            )
        )
    offices.sort(key=lambda o: (order[o.host], o.office_id))
    return offices


def start_offices(
    structure: str,
    munis: pd.DataFrame,
    muni_staff: np.ndarray,
    staff: StaffParams,
    declared: dict | None = None,
) -> list[StartOffice]:
    """The offices at the start: the map of ``structure`` and the declared offices.

    Args:
        structure: ``2019``, ``present`` or ``municipal``.
        munis: The region's municipalities (``sim.regions.resolve_municipalities``).
        muni_staff: Årsverk of each municipality's office undivided (``municipal``).
        staff: Staffing parameters.
        declared: ``region.offices`` (label -> ids, host first), already checked.

    Returns:
        The declared offices first, then the map's offices that keep a member.

    Raises:
        ConfigError: On an unknown structure.
    """
    if structure not in STRUCTURES:
        raise ConfigError(f"structure={structure!r} is not a structure; allowed: {STRUCTURES}")
    base = (
        _data_map(structure, munis)
        if structure in MAPPED
        else _municipal_map(munis, muni_staff, staff)
    )
    declared = declared or {}
    if not declared:
        return base
    listed = {str(m) for ms in declared.values() for m in ms}
    out = [
        StartOffice(str(label), f"Nav {label}", tuple((str(m), 1.0) for m in ms), "declared")
        for label, ms in declared.items()
    ]
    for office in base:
        kept = tuple(ms for ms in office.members if ms[0] not in listed)
        if kept:
            out.append(
                StartOffice(
                    office.office_id,
                    office.name,
                    kept,
                    office.basis,
                    office.source,
                    office.districts,
                )
            )
    return out


def split_ids(offices: list[StartOffice]) -> set[str]:
    """Municipalities served by several offices (city districts, parts)."""
    return {m for o in offices for m, share in o.members if share < 1 - 1e-9}
