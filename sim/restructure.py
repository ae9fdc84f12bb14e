"""Structural events: offices formed from others and municipalities merged (DESIGN §5).

The model keeps its offices in arrays indexed by office. When offices merge, the
arrays are compacted: the offices that are not touched keep their order, the new
office is appended last, and every index into offices (users, staff, catchment
pairs, leaders, county directors) is remapped. Each field of ``OfficeState`` and
``MonthFlows`` declares how it combines (``sim.state``), so a new field cannot be
forgotten.

Municipalities are never removed: a merged municipality's members other than the
successor are marked dissolved (``muni_alive``), have no users, staff or
catchment, and are left out of ``municipalities.parquet`` from the event on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.networks import build_cooperation_graph, build_partnership_graph
from sim.office_maps import office_name
from sim.state import MonthFlows, MunicipalityState, OfficeState, fields_by_rule
from sim.submodels import steering
from sim.submodels.cooperation import mean_ties
from sim.submodels.reorganisation import begin_reorganisation
from sim.submodels.staff_time import allocate_staff_time
from sim.submodels.ties import PAIR_CACHE
from sim.submodels.user_counts import count_users

NUMERIC_RULES = ("mean", "sum", "host", "max", "reset")

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


def _combine(values: np.ndarray, rule: str, weights: np.ndarray, host_pos: int) -> np.ndarray:
    """One office's value from its predecessors' values under ``rule``."""
    if rule == "sum":
        return values.sum(axis=0)
    if rule == "max":
        return values.max(axis=0)
    if rule == "host":
        return values[host_pos]
    if rule == "reset":
        return np.zeros_like(values[0])
    w = weights / max(weights.sum(), 1e-12)
    w = w.reshape((-1,) + (1,) * (values.ndim - 1))
    return (values.astype(float) * w).sum(axis=0).astype(values.dtype)


def new_office_id(model: NavPartnershipModel, base: str, taken: set[str] | None = None) -> str:
    """An office id not used before in this run (``base``, else ``base-2``, ...)."""
    used = set(model.offices.ids) | {row["office_id"] for row in model.lineage} | (taken or set())
    used |= {row["predecessor_id"] for row in model.lineage}
    candidate, k = base, 2
    while candidate in used:
        candidate, k = f"{base}-{k}", k + 1
    return candidate


def form_offices(
    model: NavPartnershipModel,
    groups: list[tuple[list[int], int, str]],
    event: str,
) -> list[int]:
    """Merge the offices serving each group of municipalities into one new office.

    Staff and users of the predecessor offices move to the new office with their
    municipality; the host office's leader(s) lead it (003 §5.2: Kvinesdal's leader
    led Nav Lister), the others leave. The new offices are appended last, in the
    order of ``groups``; all groups are formed in one pass (one remapping, one
    rebuild of the graphs), so a national regionalisation stays cheap.

    Args:
        model: The model.
        groups: (municipality indices, host index, new office id) per new office.
        event: Scenario kind, for ``offices_lineage``.

    Returns:
        The new offices' indices.

    Raises:
        ValueError: If a predecessor office also serves a municipality outside its
            group, or two groups share an office (the scenario plan rules both out
            before the run).
    """
    of, pr = model.offices, model.pairs
    muni_office = model.muni_main_office()
    n = model.n_offices
    olds = []
    for munis, _, _ in groups:
        old = np.unique(pr.office[np.isin(pr.muni, munis)])
        outside = np.setdiff1d(pr.muni[np.isin(pr.office, old)], munis)
        if len(outside):
            raise ValueError(f"{event}: an office also serves municipalities {outside.tolist()}")
        olds.append(old)
    touched = np.concatenate(olds)
    if len(np.unique(touched)) < len(touched):
        raise ValueError(f"{event}: two new offices would share a predecessor")
    keep = np.setdiff1d(np.arange(n), touched)
    mapping = np.empty(n, dtype=np.int64)
    mapping[keep] = np.arange(len(keep))
    new = [len(keep) + g for g in range(len(groups))]
    hosts = []
    for g, old in enumerate(olds):
        mapping[old] = new[g]
        host_office = int(muni_office[groups[g][1]])
        hosts.append((host_office, int(np.flatnonzero(old == host_office)[0])))
    host_rows = [h for h, _ in hosts]
    leaving = {
        ld
        for old, h in zip(olds, host_rows, strict=True)
        for o in old
        if o != h
        for ld in of.leaders[o]
    }
    weights = of.population.copy()
    for container, kind in ((of, OfficeState), (model.flows, MonthFlows)):
        for name, rule in fields_by_rule(kind).items():
            arr = getattr(container, name)
            if rule not in NUMERIC_RULES or arr is None:
                continue
            if isinstance(arr, list):
                parts = [arr[o] for o in keep] + [arr[h] for h, _ in hosts]
                setattr(container, name, parts)
                continue
            arr = np.asarray(arr)
            parts = [arr[keep]] + [
                _combine(arr[old], rule, weights[old], pos)[None]
                for old, (_, pos) in zip(olds, hosts, strict=True)
            ]
            setattr(container, name, np.concatenate(parts))
    for old, (_, _, office_id) in zip(olds, groups, strict=True):
        for row in old:
            model.lineage.append(
                {
                    "month": model.month,
                    "event": event,
                    "office_id": office_id,
                    "predecessor_id": of.ids[row],
                }
            )
    of.ids = [of.ids[o] for o in keep] + [g[2] for g in groups]
    of.names = [of.names[o] for o in keep] + [
        office_name(
            [model.municipalities[g[1]].name]
            + [model.municipalities[m].name for m in g[0] if m != g[1]]
        )
        for g in groups
    ]
    of.host = np.concatenate([of.host[keep], [g[1] for g in groups]])
    for leader in sorted(leaving, key=lambda ld: ld.unique_id):
        leader.remove()
    model.leaders = [ld for ld in model.leaders if ld not in leaving]
    for leader in model.leaders:
        leader.office = int(mapping[leader.office])
    for cd in model.county_directors.values():
        cd.offices = [o for o, owner in enumerate(of.director) if owner is cd]
    pr.office = mapping[pr.office]
    model.staff.office = mapping[model.staff.office]
    model.users.remap_offices(mapping)
    refresh_structure(model)
    return new


def merge_municipalities(model: NavPartnershipModel, members: list[int], successor: int) -> None:
    """Merge municipalities into ``successor`` (a kommunesammenslåing, 003 §5.1).

    The successor takes the members' population, users, staff posts and catchment;
    its owners start from the members' population-weighted states. Members other
    than the successor are dissolved.

    Args:
        model: The model.
        members: Municipality indices that merge (including the successor).
        successor: Index of the municipality that continues (keeps its id).
    """
    mu, pr = model.munis, model.pairs
    members = sorted(set(members))
    others = [m for m in members if m != successor]
    pop = mu.population[members]
    for name, rule in fields_by_rule(MunicipalityState).items():
        if rule == "mean":
            arr = getattr(mu, name)
            arr[successor] = float(np.average(arr[members], weights=pop))
    munis = model.region.munis
    area = float(munis.area_km2.iloc[members].sum())
    mu.density_z[successor] = pooled_density_z(float(pop.sum()), area)
    mu.population[successor] = pop.sum()
    mu.population[others] = 0.0
    fl = model.flows
    fl.muni_exits_work[successor] += fl.muni_exits_work[others].sum()
    fl.muni_exits_work[others] = 0
    mu.alive[others] = False
    names = [model.municipalities[m].name for m in members]
    agent = model.municipalities[successor]
    agent.population = int(pop.sum())
    agent.name = " + ".join([agent.name] + [x for x in names if x != agent.name])
    for m in others:
        model.municipalities[m].merged_into = agent.municipality_id
    remap = np.arange(len(model.municipalities))
    remap[others] = successor
    model.users.muni = remap[model.users.muni].astype(model.users.muni.dtype)
    model.staff.muni = remap[model.staff.muni]
    pr.muni = remap[pr.muni]
    collapse_pairs(model)
    refresh_structure(model)


def pooled_density_z(population: float, area_km2: float) -> float:
    """The national density z-score of a place with this population and area."""
    from sim.data import load_municipalities

    data = load_municipalities()
    national = np.log(data.population / np.maximum(data.area_km2, 1.0))
    value = np.log(population / max(area_km2, 1.0))
    return float((value - national.mean()) / national.std())


def collapse_pairs(model: NavPartnershipModel) -> None:
    """Join catchment pairs that now have the same office and municipality."""
    pr = model.pairs
    keys = pr.office * len(model.municipalities) + pr.muni
    uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    if len(uniq) == len(keys):
        return
    order = np.argsort(first, kind="stable")  # keep the pairs' first-seen order
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    group = rank[inverse]
    pop = np.bincount(group, weights=pr.pop)
    mix = np.zeros((len(uniq), pr.inflow_mix.shape[1]))
    np.add.at(mix, group, pr.inflow_mix * pr.pop[:, None])
    pr.inflow_mix = mix / np.maximum(pop, 1e-12)[:, None]
    pr.office = pr.office[first[order]]
    pr.muni = pr.muni[first[order]]
    pr.pop = pop


def refresh_structure(model: NavPartnershipModel) -> None:
    """Recompute what follows from the office map: sizes, staff time, users, graphs.

    Draws no random numbers.
    """
    of, pr, n_off = model.offices, model.pairs, model.n_offices
    model.cache.pop(PAIR_CACHE, None)  # the ties' pairs (sim.submodels.ties.pair_map)
    of.n_munis = np.bincount(pr.office, minlength=n_off)
    of.population = np.bincount(pr.office, weights=pr.pop, minlength=n_off)
    allocate_staff_time(model)
    count_users(model)
    of.tie_mean = mean_ties(model)
    model.partnership_graph = build_partnership_graph(model)
    model.cooperation_graph = build_cooperation_graph(model)


def form_host_offices(
    model: NavPartnershipModel, groups: list[list[int]], event: str, labels: list[str]
) -> list[int]:
    """§28 host offices (vertskommuner), each from the offices of one group.

    The first municipality of a group hosts, and its office's leader leads the new
    office (``form_offices``). The non-host rådmenn keep the trust in the partnership
    where their former partnership left it; what the event changes is the leader:
    a non-host rådmann whose own office closes loses its relation to that office's
    leader and now depends on the host's, one it has not worked with, so its trust in
    the leader starts at what a relation without contact has (``trust_baseline``;
    003 §5.2 L6153-6171: the non-host municipalities voice the strongest need for
    dialogue and trust). They attend the meetings while
    ``governance.all_radmenn_attend`` says so, and the trust is rebuilt there
    (``meetings.update_trust``); the transition lasts until it exists
    (``owner_views.update_host_transition``: an outcome); the leader follows every
    member's plans (``leaders.budget_leader_time``); the members' cost shares follow
    the cost key from the event (``steering.set_budgets``).

    Args:
        model: The model.
        groups: Municipality indices per new office, host first.
        event: Scenario kind ("host_office" or "regionalisation").
        labels: Id base of each new office.

    Returns:
        The new offices' indices.
    """
    p, of, mu = model.cfg.partnership, model.offices, model.munis
    ids: list[str] = []
    for label in labels:
        ids.append(new_office_id(model, label, set(ids)))
    before = model.muni_main_office()
    new_leader = np.array(
        [before[m] != before[g[0]] for g in groups for m in g[1:]], dtype=bool
    )  # a non-host whose own office closes meets the host office's leader
    others = np.array([m for g in groups for m in g[1:]], dtype=np.int64)
    new = form_offices(model, [(g, g[0], i) for g, i in zip(groups, ids, strict=True)], event)
    mu.rad_trust_leader[others[new_leader]] = p.trust_baseline
    of.in_transition[new] = True
    of.transition_months[new] = 0
    begin_reorganisation(model, new)
    steering.set_budgets(model)
    return new
