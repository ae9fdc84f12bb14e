"""Reorganisation: the load of a merger or host arrangement (ODD 7.13; 003 C13, §5).

A reorganisation takes staff hours (``staff_time``), leader hours and development
capacity (``leaders``), attention (``owner_views``) and satisfaction
(``staff_dynamics``) while it lasts. With ``build_load_from_steps`` its load is built
from the steps the reports describe, counted for the offices and municipalities
involved (``count_steps``), in two phases:

* preparation, from the councils' decision ``reorganisation_lead_months`` before the
  event: the start-up steps (003 §5.2 L3654-3789: the map, the host, the allocation
  keys; each council votes, L6076-6122) and what must be settled before the new
  office opens of the steps the merging offices' attention went to (003 §5.1
  L4097-4103): tjenestekatalogsamkjøring, rammer for økonomisk sosialhjelp, HR; an
  even load on the predecessor offices;
* implementation, from the event, fading linearly: an agreement per member (003 §5.2
  L3654-3789: "Det skal mer til enn samarbeidsavtaler"), and what takes effect with
  the new office (§5.1 L4097-4103: lokasjon and reisetider as offices close, roller og
  posisjoner, the staff settling into one office; §5.1 the old partnership fades,
  L5785-5787).

Each step's size is a parameter in full-load months (a month at load 1) per unit
counted. Knocked out, a change gets one fixed load at the event (intensity 1 fading
over ``reorganisation_months``), as before. Reads and writes ``offices.reorg_load``,
``reorg_left``, ``reorg_prep``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.vocabulary import Employer

if TYPE_CHECKING:
    from sim.config.partnership import PartnershipParams
    from sim.model import NavPartnershipModel

# the steps of 003 §5.1/§5.2: name -> (parameter of its size, phase)
PREPARATION, IMPLEMENTATION = "preparation", "implementation"
STEPS: dict[str, tuple[str, str]] = {
    "councils": ("reorganisation_per_council", PREPARATION),
    "cost_keys": ("reorganisation_per_cost_key", PREPARATION),
    "portfolios": ("reorganisation_per_portfolio", PREPARATION),
    "assistance_frames": ("reorganisation_per_assistance_frame", PREPARATION),
    "employer_changes": ("reorganisation_per_employer_change", PREPARATION),
    "agreements": ("reorganisation_per_agreement", IMPLEMENTATION),
    "offices_closed": ("reorganisation_per_office_closed", IMPLEMENTATION),
    "leader_roles": ("reorganisation_per_leader_role", IMPLEMENTATION),
    "staff_moved": ("reorganisation_per_staff_moved", IMPLEMENTATION),
}


@dataclass(frozen=True)
class ReorganisationWork:
    """One new office's reorganisation work, in full-load months, by phase.

    Attributes:
        offices: The predecessor offices (indices at the decision).
        counts: What each step counts (``STEPS``).
        preparation: Work before the event.
        implementation: Work from the event.
    """

    offices: np.ndarray
    counts: dict[str, float]
    preparation: float
    implementation: float


def count_steps(
    model: NavPartnershipModel, members: list[int], offices: np.ndarray, merger: bool
) -> dict[str, float]:
    """What each step of a structural change counts, from the offices and municipalities.

    Args:
        model: The model (the state at the decision).
        members: Municipality indices of the new office, host (or successor) first.
        offices: The offices serving them (the predecessors of the new office).
        merger: The members merge into one municipality (no cost key, one agreement).

    Returns:
        Step name -> count: councils voting (every member); cost keys to set (1 for a
        host office); members whose office portfolio differs from the host's; social
        assistance frames to align (every member but the host); predecessor offices
        closed; leaders of the closed offices whose role changes; the share of the
        staff whose employer changes (municipal posts of the closed offices); agreements
        to write (one per non-host member and the new partnership's); the share of the
        staff moving into the host's office.
    """
    st, of = model.staff, model.offices
    host_office = int(model.muni_main_office()[members[0]])
    closed = offices[offices != host_office]
    in_group = np.isin(st.office, offices)
    moving = np.isin(st.office, closed)
    staff = max(int(in_group.sum()), 1)
    host_portfolio = set(model.municipalities[members[0]].extras)
    others = members[1:]
    return {
        "councils": float(len(members)),
        "cost_keys": 0.0 if merger else 1.0,
        "portfolios": float(
            sum(set(model.municipalities[m].extras) != host_portfolio for m in others)
        ),
        "assistance_frames": float(len(others)),
        "offices_closed": float(len(closed)),
        "leader_roles": float(sum(len(of.leaders[o]) for o in closed)),
        "employer_changes": float((moving & (st.post == Employer.MUNICIPAL)).sum()) / staff,
        "agreements": 1.0 + (0.0 if merger else float(len(others))),
        "staff_moved": float(moving.sum()) / staff,
    }


def plan_work(model: NavPartnershipModel, members: list[int], merger: bool) -> ReorganisationWork:
    """The work of one new office's reorganisation, by phase (``STEPS``).

    Args:
        model: The model (the state at the decision).
        members: Municipality indices, host (or successor) first.
        merger: The members merge into one municipality.

    Returns:
        The predecessor offices, the counts and the work per phase.
    """
    p, pr = model.cfg.partnership, model.pairs
    offices = np.unique(pr.office[np.isin(pr.muni, members)])
    counts = count_steps(model, members, offices, merger)
    work = {PREPARATION: 0.0, IMPLEMENTATION: 0.0}
    for step, (size, phase) in STEPS.items():
        work[phase] += getattr(p, size) * counts[step]
    return ReorganisationWork(offices, counts, work[PREPARATION], work[IMPLEMENTATION])


def decision_month(model: NavPartnershipModel, event: int) -> int:
    """The month the councils decide: ``reorganisation_lead_months`` before the event.

    Never before the first month the model runs (the start of the burn-in); the event
    month itself when the load is not built from steps.

    Args:
        model: The model.
        event: Month of the structural event.

    Returns:
        The decision's month (at most ``event``).
    """
    if not model.on.build_load_from_steps:
        return event
    first = model.month + 1  # the first month still to run
    return min(event, max(event - model.cfg.partnership.reorganisation_lead_months, first))


def begin_preparation(model: NavPartnershipModel, work: ReorganisationWork, months: int) -> float:
    """Start the preparation load on the predecessor offices; return the work left over.

    The preparation work is spread evenly over the ``months`` until the event, at most
    load 1; what does not fit is done after the event.

    Args:
        model: The model.
        work: The office's reorganisation work (``plan_work``).
        months: Months from the decision to the event.

    Returns:
        Preparation work moved to the implementation (full-load months).
    """
    if months <= 0:
        return work.preparation
    intensity = min(1.0, work.preparation / months)
    of = model.offices
    of.reorg_prep[work.offices] = np.maximum(of.reorg_prep[work.offices], intensity)
    of.reorg_load[work.offices] = np.maximum(of.reorg_load[work.offices], intensity)
    return work.preparation - intensity * months


def implementation_load(p: PartnershipParams, work: float) -> tuple[float, int]:
    """Start intensity and months of a linearly fading load that does ``work``.

    A load starting at ``L`` and fading over ``T`` months is read ``L (T + 1) / 2``
    full-load months; it lasts ``reorganisation_months`` at an intensity below 1, or
    longer at intensity 1 when the work does not fit.

    Args:
        p: The partnership parameters.
        work: Full-load months.

    Returns:
        (intensity, months).
    """
    base = p.reorganisation_months
    if work <= 0:
        return 0.0, 0
    if 2 * work <= base + 1:
        return 2 * work / (base + 1), base
    return 1.0, max(base, math.ceil(2 * work - 1))


def begin_reorganisation(
    model: NavPartnershipModel,
    offices: np.ndarray | list[int],
    months: int | None = None,
    intensity: float = 1.0,
) -> None:
    """Start a reorganisation load on offices (a merger or host arrangement, 003 §5).

    Args:
        model: The model.
        offices: Office indices.
        months: Duration; ``partnership.reorganisation_months`` if None.
        intensity: Load at the start, in [0, 1]; it fades linearly.
    """
    of = model.offices
    months = model.cfg.partnership.reorganisation_months if months is None else months
    idx = np.asarray(offices, dtype=np.int64)
    of.reorg_load[idx] = intensity
    of.reorg_left[idx] = months


def begin_implementation(model: NavPartnershipModel, office: int, work: float) -> None:
    """The implementation load of a new office, doing ``work`` full-load months."""
    intensity, months = implementation_load(model.cfg.partnership, work)
    begin_reorganisation(model, [office], months, intensity)


def fade_reorganisation(model: NavPartnershipModel) -> None:
    """Reorganisation load fades linearly over its months; preparation holds until the event."""
    of = model.offices
    active = of.reorg_left > 0
    of.reorg_load[active] -= of.reorg_load[active] / of.reorg_left[active]
    of.reorg_left[active] -= 1
    of.reorg_load[of.reorg_left == 0] = 0.0
    if model.on.build_load_from_steps:
        np.maximum(of.reorg_load, of.reorg_prep, out=of.reorg_load)
