"""What scenario events do to the model (DESIGN §5): the handlers the scenarios schedule.

Each handler changes only inputs of the mechanisms: the office map (through
``sim.restructure``), who attends, hours, weights, inflow and the local labour
market.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.restructure import form_offices, merge_municipalities, new_office_id
from sim.submodels import inflow, steering
from sim.submodels.reorganisation import begin_reorganisation
from sim.vocabulary import NeedGroup, ServiceKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


def form_host_offices(
    model: NavPartnershipModel, groups: list[list[int]], event: str, labels: list[str]
) -> list[int]:
    """§28 host offices (vertskommuner), each from the offices of one group.

    The first municipality of a group hosts. The non-host rådmenn start the new
    partnership with the trust a host arrangement must build (003 §5.2,
    L6153-6171) and attend its meetings while ``governance.all_radmenn_attend``
    says so; the transition lasts until their trust passes
    ``host_trust_threshold`` (an outcome); the leader follows every member's
    plans (``leaders.budget_leader_time``); the members' cost shares follow the
    cost key from the event (``steering.set_budgets``).

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
    new = form_offices(model, [(g, g[0], i) for g, i in zip(groups, ids, strict=True)], event)
    others = np.array([m for g in groups for m in g[1:]], dtype=np.int64)
    mu.rad_trust[others] = np.minimum(mu.rad_trust[others], p.host_trust_init)
    mu.rad_trust_leader[others] = np.minimum(mu.rad_trust_leader[others], p.host_trust_init)
    of.in_transition[new] = True
    of.transition_months[new] = 0
    begin_reorganisation(model, new)
    steering.set_budgets(model)
    return new


def merge_into_one_municipality(
    model: NavPartnershipModel, municipalities: list[int], label: str
) -> list[int]:
    """A municipal merger: one municipality and one office (003 §5.1).

    The most populous member continues; the old partnerships fade into the new
    one over a reorganisation (``begin_reorganisation``: the "temporary
    partnership" whose load falls linearly, 003 §5.1 L5785-5787).

    Args:
        model: The model.
        municipalities: Municipality indices, the successor first.
        label: Id base of the new office.

    Returns:
        The new office's index (a one-element list).
    """
    successor = municipalities[0]
    merge_municipalities(model, municipalities, successor)
    office_id = new_office_id(model, label)
    new = form_offices(model, [([successor], successor, office_id)], "municipal_merger")
    begin_reorganisation(model, new)
    return new


def admit_displaced_workers(model: NavPartnershipModel, muni: int, expected: float) -> None:
    """Workers laid off by a plant closure register as jobseekers (003 §5.3, Høyanger).

    Args:
        model: The model.
        muni: Municipality index.
        expected: Expected registrations this month.
    """
    pr = model.pairs
    pairs = np.flatnonzero(pr.muni == muni)
    counts = np.zeros((len(pr.office), len(NeedGroup)), dtype=np.int64)
    share = pr.pop[pairs] / pr.pop[pairs].sum()
    counts[pairs, NeedGroup.JOBSEEKER] = model.rng.poisson(expected * share)
    inflow.create_users(model, counts)


def set_local_demand(model: NavPartnershipModel, muni: int, factor: float) -> None:
    """The local labour market's effect on the exit-to-work hazard of one municipality.

    Args:
        model: The model.
        muni: Municipality index.
        factor: Multiplier of the hazard (1 = normal).
    """
    model.munis.local_demand[muni] = factor


def set_labour_market(model: NavPartnershipModel, inflow_factor: float, demand: float) -> None:
    """A recession: jobseeker inflow up, exits to work down, region-wide.

    Args:
        model: The model.
        inflow_factor: Multiplier of the jobseeker inflow.
        demand: Multiplier of the exit-to-work hazard.
    """
    model.inputs.inflow_factor[NeedGroup.JOBSEEKER] = inflow_factor
    model.inputs.regional_demand = demand


def settle_refugees(model: NavPartnershipModel, per_1000: float) -> None:
    """Refugees settled this month come to the office with cases for the refugee service.

    They arrive as social-assistance users (ch1_4 §8 fact 16: the SA population
    shifts towards immigrants) whose cases need the refugee service (coop §1).

    Args:
        model: The model.
        per_1000: Expected settlements per 1,000 inhabitants this month.
    """
    pr = model.pairs
    counts = np.zeros((len(pr.office), len(NeedGroup)), dtype=np.int64)
    counts[:, NeedGroup.SOCIAL_ASSISTANCE] = model.rng.poisson(pr.pop / 1000 * per_1000)
    inflow.create_users(model, counts, forced_unit=ServiceKind.REFUGEE)


def adopt_channel_strategy(model: NavPartnershipModel) -> None:
    """Reduced opening hours and digital channels (003 §5.3, C25).

    Front-desk hours are freed for follow-up; resource-strong users take more of
    the follow-up capacity through digital channels (``strong_weight``); resource-
    weak users, the complex cases, find it harder to get started.
    """
    sc, inputs = model.cfg.scenario, model.inputs
    inputs.reception_share = model.cfg.staff.reception_share * (1 - sc.reception_cut)
    inputs.strong_weight = 1 + sc.digital_load
    inputs.weak_access = 1 - sc.access_penalty
