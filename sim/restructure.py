"""Structural events: offices formed from others and municipalities merged (DESIGN §5).

The model keeps its offices in arrays indexed by office. When offices merge, the
arrays are compacted: the offices that are not touched keep their order, the new
office is appended last, and every index into offices (users, staff, catchment
pairs, leaders, county directors) is remapped. ``OFFICE_ARRAYS`` says how each
office array combines; ``tests/test_scenarios.py`` checks that it names every
office-indexed array of the model, so a new array cannot be forgotten.

Municipalities are never removed: a merged municipality's members other than the
successor are marked dissolved (``muni_alive``), have no users, staff or
catchment, and are left out of ``municipalities.parquet`` from the event on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.networks import build_cooperation_graph, build_partnership_graph

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

# How an office-indexed array combines when offices merge:
#   mean   population-weighted mean of the predecessors (states of the partnership)
#   sum    summed (the month's flows and counts, so conservation holds in the event month)
#   host   the value of the host's office (the partnership the others join)
#   max    the largest (a reorganisation already under way)
#   reset  zero / False (set by the event that formed the office)
OFFICE_ARRAYS: dict[str, str] = {
    "trust_cd": "mean",
    "trust_leader_state": "mean",
    "leader_dev_capacity": "mean",
    "agenda": "mean",
    "gate": "mean",
    "goodwill": "mean",
    "dev_areas": "mean",
    "results_ratio": "mean",
    "exit_rate": "mean",
    "hours_ratio": "mean",
    "followup_factor": "mean",
    "followup_share": "mean",
    "caseload": "mean",
    "tie_mean": "mean",
    "documentation_hours_share": "mean",
    "reorg_load": "max",
    "reorg_left": "max",
    "target_group": "host",
    "detail_steered": "reset",
    "in_transition": "reset",
    "transition_months": "reset",
    "meetings_held": "sum",
    "meeting_outcomes": "sum",
    "radmenn_attending": "sum",
    "failed_placements": "sum",
    "complex_active": "sum",
    "complex_contacted": "sum",
    "inflow": "sum",
    "exits_work": "sum",
    "exits_work_complex": "sum",
    "n_users_complex": "sum",
    "n_waiting": "sum",
    "exits_education": "sum",
    "exits_other": "sum",
    "starts": "sum",
    "wait_sum": "sum",
    "contacts": "sum",
    "leavers": "sum",
    "moves_to_state": "sum",
    "n_users": "sum",
    "n_staff": "sum",
    "sa_cost": "sum",
    "employer_hours": "sum",
    "office_n_munis": "sum",
    "office_population": "sum",
}

# Owner states of merging municipalities: the successor's owners start from the
# population-weighted mean of the members' (assumption).
MUNICIPAL_STATES = (
    "rad_trust",
    "rad_trust_leader",
    "ord_trust",
    "rad_dominance",
    "ord_dominance",
    "rad_satisfaction",
    "ord_satisfaction",
    "rad_attention",
    "ord_attention",
    "rad_influence",
    "ord_influence",
    "rad_attended",
)


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
    used = set(model.office_ids) | {row["office_id"] for row in model.lineage} | (taken or set())
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
    muni_office = model.muni_main_office()
    n = model.n_offices
    olds = []
    for munis, _, _ in groups:
        old = np.unique(model.pair_office[np.isin(model.pair_muni, munis)])
        outside = np.setdiff1d(model.pair_muni[np.isin(model.pair_office, old)], munis)
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
    for name, rule in OFFICE_ARRAYS.items():
        arr = getattr(model, name)
        if arr is None:
            continue
        arr = np.asarray(arr)
        parts = [arr[keep]] + [
            _combine(arr[old], rule, model.office_population[old], pos)[None]
            for old, (_, pos) in zip(olds, hosts, strict=True)
        ]
        setattr(model, name, np.concatenate(parts))
    for old, (_, _, office_id) in zip(olds, groups, strict=True):
        for row in old:
            model.lineage.append(
                {
                    "month": model.month,
                    "event": event,
                    "office_id": office_id,
                    "predecessor_id": model.office_ids[row],
                }
            )
    host_rows = [h for h, _ in hosts]
    model.office_ids = [model.office_ids[o] for o in keep] + [g[2] for g in groups]
    model.leader_models = [model.leader_models[o] for o in keep] + [
        model.leader_models[h] for h in host_rows
    ]
    model.office_cd = [model.office_cd[o] for o in keep] + [model.office_cd[h] for h in host_rows]
    model.office_host = np.concatenate([model.office_host[keep], [g[1] for g in groups]])
    leaving = {
        ld
        for old, h in zip(olds, host_rows, strict=True)
        for o in old
        if o != h
        for ld in model.office_leaders[o]
    }
    for leader in sorted(leaving, key=lambda ld: ld.unique_id):
        leader.remove()
    model.leaders = [ld for ld in model.leaders if ld not in leaving]
    model.office_leaders = [model.office_leaders[o] for o in keep] + [
        model.office_leaders[h] for h in host_rows
    ]
    for leader in model.leaders:
        leader.office = int(mapping[leader.office])
    for cd in model.county_directors.values():
        cd.offices = [o for o, owner in enumerate(model.office_cd) if owner is cd]
    model.pair_office = mapping[model.pair_office]
    model.staff_office = mapping[model.staff_office]
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
    members = sorted(set(members))
    others = [m for m in members if m != successor]
    pop = model.muni_population[members]
    for name in MUNICIPAL_STATES:
        arr = getattr(model, name)
        arr[successor] = float(np.average(arr[members], weights=pop))
    munis = model.region.munis
    area = float(munis.area_km2.iloc[members].sum())
    model.muni_density_z[successor] = pooled_density_z(float(pop.sum()), area)
    model.muni_population[successor] = pop.sum()
    model.muni_population[others] = 0.0
    model.muni_exits_work[successor] += model.muni_exits_work[others].sum()
    model.muni_exits_work[others] = 0
    model.muni_alive[others] = False
    names = [model.municipalities[m].name for m in members]
    agent = model.municipalities[successor]
    agent.population = int(pop.sum())
    agent.name = " + ".join([agent.name] + [x for x in names if x != agent.name])
    for m in others:
        model.municipalities[m].merged_into = agent.municipality_id
    remap = np.arange(len(model.municipalities))
    remap[others] = successor
    model.users.muni = remap[model.users.muni].astype(model.users.muni.dtype)
    model.staff_muni = remap[model.staff_muni]
    model.pair_muni = remap[model.pair_muni]
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
    keys = model.pair_office * len(model.municipalities) + model.pair_muni
    uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    if len(uniq) == len(keys):
        return
    order = np.argsort(first, kind="stable")  # keep the pairs' first-seen order
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    group = rank[inverse]
    pop = np.bincount(group, weights=model.pair_pop)
    mix = np.zeros((len(uniq), model.inflow_mix.shape[1]))
    np.add.at(mix, group, model.inflow_mix * model.pair_pop[:, None])
    model.inflow_mix = mix / np.maximum(pop, 1e-12)[:, None]
    model.pair_office = model.pair_office[first[order]]
    model.pair_muni = model.pair_muni[first[order]]
    model.pair_pop = pop


def refresh_structure(model: NavPartnershipModel) -> None:
    """Recompute what follows from the office map: sizes, staff time, users, graphs.

    Draws no random numbers.
    """
    n_off = model.n_offices
    model.office_n_munis = np.bincount(model.pair_office, minlength=n_off)
    model.office_population = np.bincount(
        model.pair_office, weights=model.pair_pop, minlength=n_off
    )
    model.allocate_staff_time()
    model.count_users()
    model.tie_mean = model.mean_ties()
    model.partnership_graph = build_partnership_graph(model)
    model.cooperation_graph = build_cooperation_graph(model)
