"""The model's state, in declared containers of numpy arrays (ODD element 2).

Every entity's state is one container: ``OfficeState`` (one row per office),
``MunicipalityState`` (one row per municipality, with its two owners' states),
``StaffState`` (one row per staff post), ``Catchment`` (one row per office-municipality
pair) and ``ScenarioInputs`` (what scenario events change); the users live in
``sim.users.UserPopulation``. What lives for one month only (the month's flows and
the keys one phase hands to the next) is ``MonthFlows``, zeroed at the start of each
month. Sub-models read and write these fields and nothing else on the model.

Each office field declares in its metadata how it combines when offices merge
(``merge``); each municipal field how it combines when municipalities merge:

* ``mean``: population-weighted mean of the predecessors (states of the partnership);
* ``sum``: summed (flows and counts, so conservation holds in the event month);
* ``host``: the value of the host's office (the partnership the others join);
* ``max``: the largest (a reorganisation already under way);
* ``reset``: zero / False (set by the event that formed the office);
* ``derived``: recomputed from the new structure (``sim.restructure.refresh_structure``);
* ``id``: the new office's identity, set by the event.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sim.vocabulary import N_KINDS, NeedGroup

MERGE_RULES = ("mean", "sum", "host", "max", "reset", "derived", "id")


def declared(merge: str, doc: str) -> Any:
    """A container field with its merge rule and meaning (the field starts unset).

    Args:
        merge: How the field combines when its entities merge (``MERGE_RULES``).
        doc: What the field holds, with its unit or range.

    Returns:
        A dataclass field carrying the metadata.
    """
    assert merge in MERGE_RULES, merge
    return field(default=None, metadata={"merge": merge, "doc": doc})


def fields_by_rule(container: type) -> dict[str, str]:
    """Field name -> merge rule of a container class, in declaration order."""
    return {f.name: f.metadata["merge"] for f in dataclasses.fields(container)}


@dataclass(slots=True)
class OfficeState:
    """One row per office (the partnership and its office)."""

    ids: list[str] = declared("id", "office_id of each office")
    names: list[str] = declared("id", "each office's name as people know it")
    host: np.ndarray = declared("id", "municipality index of the host (the office's owner)")
    leader_model: list[str] = declared("host", "state, municipal or two_leaders")
    director: list[Any] = declared("host", "the CountyDirector owning the office")
    leaders: list[list[Any]] = declared("host", "the office's NavLeader agents")
    n_munis: np.ndarray = declared("derived", "municipalities served")
    population: np.ndarray = declared("derived", "inhabitants served")
    trust_cd: np.ndarray = declared("mean", "county director's trust in the partnership, [0, 1]")
    trust_leader_state: np.ndarray = declared("mean", "state owner's trust in the leader, [0, 1]")
    leader_dev_capacity: np.ndarray = declared("mean", "leader's hours left for development")
    agenda: np.ndarray = declared("mean", "strength of the leader's agenda setting, [0, 1]")
    agenda_share: np.ndarray = declared(
        "mean", "share of the partnership's agenda the leader sets, [0, 1]"
    )
    gate: np.ndarray = declared("mean", "the leader's gate on cross-unit cooperation, [0, 1]")
    goodwill: np.ndarray = declared("mean", "employers' goodwill, [0, 1]")
    dev_areas: np.ndarray = declared("mean", "state of the 20 development areas (office x area)")
    results_ratio: np.ndarray = declared(
        "mean", "exits to work / expected at the county's rates for its users (last review)"
    )
    results_z: np.ndarray = declared(
        "mean", "shortfall against acceptable results, in standard errors (last review)"
    )
    expected_rate: np.ndarray = declared(
        "mean", "exits to work per user-month expected for its users at the county's rates"
    )
    review_exits: np.ndarray = declared("sum", "exits to work, last months (x month x group)")
    review_users: np.ndarray = declared("sum", "users at risk, last months (x month x group)")
    hours_ratio: np.ndarray = declared("mean", "follow-up hours per weighted user / reference")
    followup_hours: np.ndarray = declared("derived", "effective follow-up hours per month")
    followup_factor: np.ndarray = declared("mean", "follow-up factor on the exit hazard")
    followup_share: np.ndarray = declared("mean", "share of staff hours left for follow-up")
    caseload: np.ndarray = declared("mean", "users per staff member")
    tie_mean: np.ndarray = declared("mean", "mean tie strength per service kind")
    documentation_share: np.ndarray = declared("mean", "share of hours on documentation")
    reorg_load: np.ndarray = declared("max", "reorganisation load, [0, 1], fading")
    reorg_left: np.ndarray = declared("max", "months of reorganisation left")
    reorg_prep: np.ndarray = declared(
        "reset", "preparation load until a structural event, [0, 1] (build_load_from_steps)"
    )
    target_group: np.ndarray = declared("host", "a shared target group is agreed")
    leader_agreement: np.ndarray = declared("host", "a leader agreement is signed")
    joint_plan: np.ndarray = declared("host", "a joint plan is signed this year")
    joint_budget: np.ndarray = declared("host", "a host office's costs are pooled")
    detail_steered: np.ndarray = declared("reset", "steered in detail this quarter")
    in_transition: np.ndarray = declared("reset", "a host office building its partnership")
    transition_months: np.ndarray = declared("reset", "months spent in transition")
    n_users: np.ndarray = declared("sum", "users")
    n_users_complex: np.ndarray = declared("sum", "users with complex needs")
    n_waiting: np.ndarray = declared("sum", "users waiting for follow-up")
    sa_cost: np.ndarray = declared("sum", "social assistance, NOK per month")
    n_staff: np.ndarray = declared("sum", "staff")
    employer_hours: np.ndarray = declared("sum", "hours on employer contact per month")
    failed_placements: np.ndarray = declared("sum", "placements failing for lack of follow-up")
    complex_active: np.ndarray = declared("sum", "complex cases in active follow-up")
    complex_contacted: np.ndarray = declared("sum", "of those, contacted this month")
    effective_staff: np.ndarray = declared("derived", "staff plus shared specialists' share")
    specialisation: np.ndarray = declared("derived", "share of specialised roles, [0, 1]")
    absence_lost: np.ndarray = declared("derived", "share of hours lost to uncovered absence")
    overhead_share: np.ndarray = declared("derived", "share of hours on the fixed overhead")


@dataclass(slots=True)
class MonthFlows:
    """What lives for one month: flows per office and the keys phases hand on.

    Zeroed (``start``) at the beginning of every month; the flows per office sum when
    offices merge, so that the month's counts are conserved in the event month.
    """

    inflow: np.ndarray = declared("sum", "new users")
    exits_work: np.ndarray = declared("sum", "exits to work")
    exits_work_complex: np.ndarray = declared("sum", "exits to work with complex needs")
    exits_work_groups: np.ndarray = declared("sum", "exits to work by need group (x group)")
    users_groups: np.ndarray = declared("sum", "users at risk this month by need group (x group)")
    exits_education: np.ndarray = declared("sum", "exits to education")
    exits_other: np.ndarray = declared("sum", "exits to other benefits")
    starts: np.ndarray = declared("sum", "follow-up starts")
    wait_sum: np.ndarray = declared("sum", "months waited by this month's starters")
    contacts: np.ndarray = declared("sum", "cooperation contacts (office x service kind)")
    pair_contacts: np.ndarray | None = declared(
        "derived", "the same per catchment pair (pair x kind; hold_ties_per_municipality)"
    )
    leavers: np.ndarray = declared("sum", "staff who left their post")
    moves_to_state: np.ndarray = declared("sum", "municipal staff taking state posts")
    meetings_held: np.ndarray = declared("sum", "partnership meetings")
    meeting_outcomes: np.ndarray = declared("sum", "consensus / conflict / nothing counts")
    radmenn_attending: np.ndarray = declared("sum", "rådmann seats in this month's meetings")
    muni_exits_work: np.ndarray = declared("derived", "exits to work per municipality")
    user_key: np.ndarray = declared("derived", "each user's cell (office, group, waiting, complex)")
    started_waits: np.ndarray = declared("derived", "waits of the users starting follow-up")
    started_groups: np.ndarray = declared("derived", "need groups of those users")

    @classmethod
    def start(cls, n_offices: int, n_munis: int, previous: MonthFlows | None) -> MonthFlows:
        """A month's zeroed flows (the per-user keys carry over until recomputed).

        Args:
            n_offices: Offices.
            n_munis: Municipalities.
            previous: Last month's flows, or None at set-up.

        Returns:
            The new month's flows.
        """
        z = np.zeros(n_offices, dtype=np.int64)
        return cls(
            inflow=z.copy(),
            exits_work=z.copy(),
            exits_work_complex=z.copy(),
            exits_work_groups=np.zeros((n_offices, len(NeedGroup)), dtype=np.int64),
            users_groups=np.zeros((n_offices, len(NeedGroup)), dtype=np.int64),
            exits_education=z.copy(),
            exits_other=z.copy(),
            starts=z.copy(),
            wait_sum=np.zeros(n_offices),
            contacts=np.zeros((n_offices, N_KINDS), dtype=np.int64),
            pair_contacts=None,
            leavers=z.copy(),
            moves_to_state=z.copy(),
            meetings_held=z.copy(),
            meeting_outcomes=np.zeros((n_offices, 3), dtype=np.int64),
            radmenn_attending=z.copy(),
            muni_exits_work=np.zeros(n_munis, dtype=np.int64),
            user_key=None if previous is None else previous.user_key,
            started_waits=np.zeros(0, dtype=np.int16)
            if previous is None
            else previous.started_waits,
            started_groups=np.zeros(0, dtype=np.int8)
            if previous is None
            else previous.started_groups,
        )


@dataclass(slots=True)
class MunicipalityState:
    """One row per municipality: the place and its two owners (rådmann, ordfører).

    ``mean`` fields of merging municipalities start from their population-weighted
    mean (assumption); the successor takes the sums; the rest is set by the merger.
    """

    population: np.ndarray = declared("sum", "inhabitants")
    density_z: np.ndarray = declared("derived", "standardised log population density")
    portfolio: np.ndarray = declared("derived", "municipal services in the office")
    alive: np.ndarray = declared("derived", "False once merged into another")
    users: np.ndarray = declared("derived", "users living here")
    sa_cost: np.ndarray = declared("derived", "social assistance, NOK per month")
    own_cost: np.ndarray = declared("derived", "SA + share of office staff cost, NOK per month")
    cost_index: np.ndarray = declared(
        "derived", "log own cost per inhabitant relative to the county's, in [-1, 1]"
    )
    local_demand: np.ndarray = declared("derived", "local labour market factor (scenarios)")
    host_cost_share: np.ndarray = declared("derived", "share of a host office's costs")
    unit_in_portfolio: np.ndarray = declared("derived", "service kind placed in the office")
    unit_barrier: np.ndarray = declared("derived", "cooperation factor per service kind")
    rad_trust: np.ndarray = declared("mean", "rådmann's trust in the partnership")
    rad_trust_leader: np.ndarray = declared("mean", "rådmann's trust in the leader")
    ord_trust: np.ndarray = declared("mean", "ordfører's trust")
    rad_dominance: np.ndarray = declared("mean", "rådmann's perceived state dominance")
    ord_dominance: np.ndarray = declared("mean", "ordfører's perceived state dominance")
    rad_satisfaction: np.ndarray = declared("mean", "rådmann's satisfaction")
    ord_satisfaction: np.ndarray = declared("mean", "ordfører's satisfaction")
    rad_attention: np.ndarray = declared("mean", "rådmann's attention to the office")
    ord_attention: np.ndarray = declared("mean", "ordfører's attention to the office")
    rad_influence: np.ndarray = declared("mean", "rådmann's perceived influence")
    ord_influence: np.ndarray = declared("mean", "ordfører's perceived influence")
    rad_attended: np.ndarray = declared("mean", "share of recent meetings attended")
    rad_informed: np.ndarray = declared(
        "mean", "share of the partnership the rådmann sees (attention, meetings), [0, 1]"
    )
    ord_informed: np.ndarray = declared(
        "mean", "share of the partnership the ordfører sees (attention, relayed), [0, 1]"
    )
    distance_km: np.ndarray = declared("derived", "km from the centroid to its office's seat")


@dataclass(slots=True)
class StaffState:
    """One row per staff post (slot); the person in it changes with turnover."""

    office: np.ndarray = declared("derived", "office of the post")
    post: np.ndarray = declared("derived", "employer of the post (Employer)")
    muni: np.ndarray = declared("derived", "municipality the post serves")
    satisfaction: np.ndarray = declared("derived", "job satisfaction, [0, 1]")
    task_state: np.ndarray = declared("derived", "share of follow-up time on state tasks")
    task_target: np.ndarray = declared("derived", "share a person settles at in a mixed team")
    tenure: np.ndarray = declared("derived", "months in the post")
    ties: np.ndarray = declared("derived", "tie strength per service kind (slot x kind)")
    internal_tie: np.ndarray = declared(
        "derived", "the person's tie to the office's staff of the other employer, [0, 1]"
    )


@dataclass(slots=True)
class Catchment:
    """One row per (office, municipality) pair: who serves whom."""

    office: np.ndarray = declared("derived", "office index")
    muni: np.ndarray = declared("derived", "municipality index")
    pop: np.ndarray = declared("derived", "inhabitants of the pair")
    inflow_mix: np.ndarray = declared("derived", "relative inflow per need group (pair x group)")


@dataclass(slots=True)
class ScenarioInputs:
    """Mechanism inputs that scenario events change (DESIGN §5); neutral at the start.

    ``inflow_factor`` scales inflow per need group; ``regional_demand`` scales the
    exit-to-work hazard region-wide (per municipality: ``MunicipalityState.
    local_demand``); ``reception_share`` is the share of staff hours at the front
    desk; ``strong_weight`` scales the follow-up weight of resource-strong users;
    ``weak_access`` scales resource-weak users' start rate.
    """

    inflow_factor: np.ndarray
    reception_share: float
    regional_demand: float = 1.0
    strong_weight: float = 1.0
    weak_access: float = 1.0
