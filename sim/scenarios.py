"""Scenarios as timed events (DESIGN §5): plan them before the run, schedule them in it.

``plan_scenarios(cfg)`` turns ``cfg.scenario`` into concrete municipality ids for the
region, choosing what was left empty and saying so in ``notes``; every bad input
raises one ``ConfigError`` naming the key, before any run (it is called by
``sim.config.validate``). ``schedule_scenarios(model, plan)`` registers the events
with ``model.schedule``; they fire in phase 7 of ``scenario.month`` and change only
inputs of the mechanisms: the office map, who attends, hours, weights, inflow and
the local labour market.

Defaults chosen inside a region use kommunenummer order as a proxy for
neighbourhood (assumption: the data hold no coordinates; numbers run along the
county).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from sim import events
from sim.config import ConfigError, ModelConfig
from sim.regions import (
    _known_id,
    claim_members,
    resolve_municipalities,
    split_municipalities,
)
from sim.vocabulary import STRUCTURAL_SCENARIOS, ScenarioKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

MAX_PER_OFFICE = 8  # 003 §5.2 (L6076-6122): up to 7 municipalities per host office, read
MAX_MEMBERS = MAX_PER_OFFICE - 1  # as DESIGN §5 does: a host and up to seven members
HOYANGER_INHABITANTS_PER_JOB = 3879 / 300  # 003 §5.3: Høyanger, >300 jobs lost, 3,879 inhabitants
DISPLACEMENT_MONTHS = 3  # assumption: lay-offs register over a quarter


@dataclass
class ScenarioPlan:
    """The scenarios of one run with every id resolved.

    Attributes:
        kinds: Scenarios in force (``baseline`` alone: no events).
        month: Month the events start.
        offices: Per structural scenario, the new offices: (label, [host, members...]).
        municipality: The plant-closure municipality.
        notes: What was chosen inside the region, one (bokmål, English) pair per line,
            printed by the CLI.
    """

    kinds: list[ScenarioKind]
    month: int
    offices: dict[ScenarioKind, list[tuple[str, list[str]]]] = field(default_factory=dict)
    municipality: str | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)


def scenario_names(cfg: ModelConfig) -> list[str]:
    """The scenarios in force: ``scenario.name`` and ``scenario.selected``, checked.

    Args:
        cfg: The configuration.

    Returns:
        Names in order, without ``baseline`` when another scenario is present.

    Raises:
        ConfigError: On an unknown scenario name.
    """
    sc = cfg.scenario
    names = list(sc.name) if isinstance(sc.name, list | tuple) else [sc.name]
    names += [k for k, v in sc.selected.items() if v]
    allowed = [k.value for k in ScenarioKind]
    out: list[str] = []
    for n in names:
        if str(n) not in allowed:
            raise ConfigError(f"scenario.name: unknown scenario {n!r}; allowed: {allowed}")
        if str(n) not in out:
            out.append(str(n))
    real = [n for n in out if n != ScenarioKind.baseline]
    return real or [ScenarioKind.baseline.value]


def check_scenarios(cfg: ModelConfig) -> ScenarioPlan:
    """Normalise ``scenario.name`` and plan the scenarios; raise on bad input.

    Args:
        cfg: The configuration (``scenario.name`` is set to the list in force).

    Returns:
        The plan.
    """
    cfg.scenario.name = scenario_names(cfg)
    return plan_scenarios(cfg)


class _Region:
    """The region's municipalities as seen by the planner (no random draws)."""

    def __init__(self, cfg: ModelConfig) -> None:
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
        return int(self.munis.population[mid])

    def name(self, mid: str) -> str:
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


def plan_scenarios(cfg: ModelConfig) -> ScenarioPlan:
    """Resolve the scenarios of ``cfg`` into concrete ids; raise ConfigError on bad input.

    Args:
        cfg: The configuration (``scenario.name`` already normalised or not).

    Returns:
        The plan with notes on every default chosen.

    Raises:
        ConfigError: Naming the key, on any input that cannot run.
    """
    sc = cfg.scenario
    kinds = [ScenarioKind(n) for n in scenario_names(cfg)]
    plan = ScenarioPlan(kinds=kinds, month=sc.month)
    if kinds == [ScenarioKind.baseline]:
        return plan
    if sc.month > cfg.months:
        raise ConfigError(
            f"scenario.month={sc.month} is after the last month (months={cfg.months}); "
            f"allowed: 0 to {cfg.months}"
        )
    if ScenarioKind.host_office in kinds and ScenarioKind.municipal_merger in kinds:
        raise ConfigError(
            "scenario.name: host_office and municipal_merger both read scenario.members; "
            "run them as separate scenarios"
        )
    region = _Region(cfg)
    if ScenarioKind.host_office in kinds:
        plan.offices[ScenarioKind.host_office] = [_plan_host_office(cfg, region, plan)]
    if ScenarioKind.municipal_merger in kinds:
        plan.offices[ScenarioKind.municipal_merger] = [_plan_merger(cfg, region, plan)]
    if ScenarioKind.regionalisation in kinds:
        plan.offices[ScenarioKind.regionalisation] = _plan_regionalisation(cfg, region, plan)
    _check_disjoint(plan, region)
    if ScenarioKind.plant_closure in kinds:
        plan.municipality = _plan_closure(cfg, region, plan)
    return plan


def _plan_host_office(cfg: ModelConfig, region: _Region, plan: ScenarioPlan):
    sc = cfg.scenario
    if sc.host is None and not sc.members:
        eligible = region.eligible()
        if len(eligible) < 2:
            raise ConfigError(
                "scenario.host: the region has no two municipalities that could share an "
                "office; set scenario.host and scenario.members"
            )
        start = min(eligible, key=lambda m: (region.pop(m), m))
        group = region.nearest_group(start, cfg.scenario.min_population, set())
        if len(group) < 2:
            raise ConfigError("scenario.members: no neighbour found for a host office")
        names = ", ".join(f"{region.name(m)} ({m})" for m in group[1:])
        host = f"{region.name(group[0])} ({group[0]})"
        target = f"{cfg.scenario.min_population:,}"
        plan.notes.append(
            (
                f"host_office: vertskommune {host} med {names} (valgt i regionen: den minste "
                f"kommunen og naboene i kommunenummer opp til {target} innbyggere)",
                f"host_office: host {host} with {names} (chosen in the region: the smallest "
                f"municipality and its kommunenummer neighbours up to {target} inhabitants)",
            )
        )
        return (f"host-{group[0]}", group)
    if sc.host is None:
        raise ConfigError("scenario.host: set the host municipality when members are given")
    host = region.joinable(region.id_(sc.host, "scenario.host"), "scenario.host")
    members = region.members(sc.members)
    if not members:
        raise ConfigError("scenario.members: a host office needs at least one member")
    if host in members:
        raise ConfigError(f"scenario.members: the host {host} is also listed as a member")
    if len(members) > MAX_MEMBERS:
        raise ConfigError(
            f"scenario.members: {len(members)} members; a host office has at most "
            f"{MAX_MEMBERS} besides the host (8 municipalities, 003 §5.2)"
        )
    return (f"host-{host}", [host, *members])


def _plan_merger(cfg: ModelConfig, region: _Region, plan: ScenarioPlan):
    sc = cfg.scenario
    if not sc.members:
        eligible = region.eligible()
        if len(eligible) < 2:
            raise ConfigError(
                "scenario.members: the region has no two municipalities that could merge"
            )
        start = min(eligible, key=lambda m: (region.pop(m), m))
        group = region.nearest_group(start, cfg.scenario.min_population, set())
        names = ", ".join(f"{region.name(m)} ({m})" for m in group)
        plan.notes.append(
            (
                f"municipal_merger: {names} slås sammen til {region.name(group[0])} (valgt i "
                "regionen; rapportenes tilfeller, nye Kristiansand og nye Lindesnes 2020, er "
                "allerede slått sammen i 2025-dataene og er utelatt)",
                f"municipal_merger: {names} merge into {region.name(group[0])} (chosen in the "
                "region; the reports' cases, new Kristiansand and new Lindesnes 2020, are "
                "already merged in the 2025 data and are left out)",
            )
        )
        return (f"merged-{group[0]}", group)
    if len(set(map(str, sc.members))) < 2:
        raise ConfigError(
            "scenario.members: a merger needs at least two different municipalities, got "
            f"{list(sc.members)}"
        )
    members = region.members(sc.members)
    if len(members) > MAX_PER_OFFICE:
        raise ConfigError(
            f"scenario.members: {len(members)} municipalities; at most {MAX_PER_OFFICE} merge"
        )
    group = sorted(members, key=lambda m: (-region.pop(m), m))
    return (f"merged-{group[0]}", group)


def _plan_regionalisation(cfg: ModelConfig, region: _Region, plan: ScenarioPlan):
    sc = cfg.scenario
    if sc.offices:
        offices, seen = [], {}
        for label, ms in sc.offices.items():
            key = f"scenario.offices.{label}"
            if not isinstance(ms, list | tuple) or not ms:
                raise ConfigError(f"{key}: give a non-empty list of municipality ids, host first")
            ids = [region.joinable(region.id_(m, key), key) for m in ms]
            claim_members(key, str(label), ids, seen)
            if len(ids) > MAX_PER_OFFICE:
                raise ConfigError(
                    f"{key}: {len(ids)} municipalities; an office serves at most "
                    f"{MAX_PER_OFFICE} (003 §5.2)"
                )
            if len(ids) > 1:
                offices.append((f"region-{label}", ids))
        return offices
    target = sc.min_population
    taken: set[str] = set()
    offices = []
    small = sorted(
        (m for m in region.eligible() if region.pop(m) < target),
        key=lambda m: (region.pop(m), m),
    )
    for m in small:
        if m in taken:
            continue
        group = region.nearest_group(m, target, taken)
        taken |= set(group)
        if len(group) > 1:
            offices.append((f"region-{group[0]}", group))
        else:
            where = f"{region.name(m)} ({m})"
            plan.notes.append(
                (
                    f"regionalisation: {where} har ingen ledig nabo",
                    f"regionalisation: {where} has no free neighbour",
                )
            )
    plan.notes.append(
        (
            f"regionalisation: {len(offices)} nye kontorer av kommuner under {target:,} "
            "innbyggere og naboene deres i kommunenummer",
            f"regionalisation: {len(offices)} new offices from municipalities under "
            f"{target:,} inhabitants and their kommunenummer neighbours",
        )
    )
    return offices


def _check_disjoint(plan: ScenarioPlan, region: _Region) -> None:
    owner: dict[str, str] = {}
    for kind, offices in plan.offices.items():
        for label, ids in offices:
            for m in ids:
                if m in owner and owner[m] != label:
                    raise ConfigError(
                        f"scenario: {region.name(m)} ({m}) is in two new offices "
                        f"('{owner[m]}' and '{label}', {kind.value})"
                    )
                owner[m] = label


def _plan_closure(cfg: ModelConfig, region: _Region, plan: ScenarioPlan) -> str:
    sc = cfg.scenario
    if sc.municipality is None:
        size = sc.jobs_lost * HOYANGER_INHABITANTS_PER_JOB
        mid = min(region.known, key=lambda m: (abs(region.pop(m) - size), m))
        where = f"{region.name(mid)} ({mid}), {region.pop(mid):,}"
        plan.notes.append(
            (
                f"plant_closure: {where} innbyggere (valgt i regionen: Høyangers størrelse "
                "per tapt arbeidsplass)",
                f"plant_closure: {where} inhabitants (chosen in the region: the size of "
                "Høyanger per job lost)",
            )
        )
    else:
        mid = region.id_(sc.municipality, "scenario.municipality")
    registered = sc.jobs_lost * sc.registration_share
    if registered > 0.5 * region.pop(mid):
        raise ConfigError(
            f"scenario.jobs_lost={sc.jobs_lost}: more than half of {region.name(mid)}'s "
            f"{region.pop(mid):,} inhabitants; allowed up to {int(0.5 * region.pop(mid))}"
        )
    return mid


# --------------------------------------------------------------------------- events


def schedule_scenarios(model: NavPartnershipModel, plan: ScenarioPlan) -> None:
    """Register the plan's events with ``model.schedule`` (phase 7 of their month).

    Args:
        model: The model.
        plan: The resolved scenarios.
    """
    m0 = plan.month
    index = {mu.municipality_id: mu.index for mu in model.municipalities}
    for kind in plan.kinds:
        if kind in STRUCTURAL_SCENARIOS and plan.offices.get(kind):
            offices = [(label, [index[m] for m in ids]) for label, ids in plan.offices[kind]]
            model.schedule(m0, _structural_event(model, kind, offices))
        elif kind == ScenarioKind.plant_closure:
            _schedule_closure(model, index[plan.municipality], m0)
        elif kind == ScenarioKind.refugee_inflow:
            _schedule_refugees(model, m0)
        elif kind == ScenarioKind.recession:
            _schedule_recession(model, m0)
        elif kind == ScenarioKind.channel_strategy:
            model.schedule(m0, lambda: events.adopt_channel_strategy(model))


def _structural_event(model: NavPartnershipModel, kind: ScenarioKind, offices):
    """One event forming all of a structural scenario's new offices at once."""

    def event() -> None:
        if kind == ScenarioKind.municipal_merger:
            for label, members in offices:
                events.merge_into_one_municipality(model, members, label)
        else:
            labels = [label for label, _ in offices]
            events.form_host_offices(model, [members for _, members in offices], kind.value, labels)

    event.__name__ = kind.value
    return event


def _schedule_closure(model: NavPartnershipModel, muni: int, m0: int) -> None:
    """Lay-offs register over a quarter; local demand drops, then recovers linearly."""
    sc = model.cfg.scenario
    per_month = sc.jobs_lost * sc.registration_share / DISPLACEMENT_MONTHS
    for t in range(DISPLACEMENT_MONTHS):
        model.schedule(m0 + t, lambda n=per_month: events.admit_displaced_workers(model, muni, n))
    for t in range(sc.recovery_months + 1):
        depth = sc.closure_demand_drop * (1 - t / sc.recovery_months)
        model.schedule(m0 + t, lambda d=depth: events.set_local_demand(model, muni, 1 - d))


def _schedule_refugees(model: NavPartnershipModel, m0: int) -> None:
    """Settlements rise and fall over ``refugee_months`` (the 2015 wave and its decline)."""
    sc = model.cfg.scenario
    t = np.arange(sc.refugee_months)
    profile = np.sin(np.pi * (t + 0.5) / sc.refugee_months)
    profile = profile / profile.sum()
    for k, share in enumerate(profile):
        rate = sc.refugees_per_1000 * share
        model.schedule(m0 + k, lambda r=rate: events.settle_refugees(model, r))


def _schedule_recession(model: NavPartnershipModel, m0: int) -> None:
    """Full depth for ``recession_months``, then a linear recovery over as many months."""
    sc = model.cfg.scenario
    n = sc.recession_months
    for t in range(2 * n + 1):
        depth = 1.0 if t < n else max(0.0, 1 - (t - n + 1) / n)
        model.schedule(
            m0 + t,
            lambda d=depth: events.set_labour_market(
                model, 1 + sc.recession_inflow * d, 1 - sc.recession_demand_drop * d
            ),
        )
