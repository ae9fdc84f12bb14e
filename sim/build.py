"""Initialisation (ODD element 5): the region, its actors, staff, service units, users.

Builds the declared state (``sim.state``) from the data and the configuration, in a
fixed order of random draws: the region (``sim.regions.build_region``), the offices'
development areas, the leaders, the staff, the user stock. The deciding actors are
Mesa agents (``Municipality``, ``CountyDirector``, ``NavLeader``); staff, service
units and users are rows of arrays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.agents import CountyDirector, Municipality, NavLeader
from sim.regions import build_region
from sim.state import (
    Catchment,
    MonthFlows,
    MunicipalityState,
    OfficeState,
    ScenarioInputs,
    StaffState,
)
from sim.submodels import inflow, meetings, staff_dynamics, steering
from sim.submodels.cooperation import mean_ties
from sim.submodels.owner_views import update_owner_views
from sim.submodels.staff_time import allocate_staff_time
from sim.submodels.user_counts import count_users
from sim.users import UserPopulation
from sim.vocabulary import (
    N_AREAS,
    N_KINDS,
    SERVICE_EXTRAS,
    Employer,
    NeedGroup,
    ServiceKind,
)

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

LEADER_EMPLOYERS = {
    "state": [Employer.STATE],
    "municipal": [Employer.MUNICIPAL],
    "two_leaders": [Employer.STATE, Employer.MUNICIPAL],
}
AREA_INIT_RANGE = (0.05, 0.95)  # numerical guard: no area starts at its bound
TIE_INIT_RANGE = (0.02, 1.0)  # numerical guard: every post starts with some tie
USER_BUFFER = 1024  # initial capacity of the user arrays (they grow as needed)


def build_offices(model: NavPartnershipModel) -> None:
    """Municipalities, offices and catchments from the data and the region config."""
    cfg, rng = model.cfg, model.rng
    p, d = cfg.partnership, cfg.development
    model.region = r = build_region(
        cfg.region, cfg.governance, cfg.staff, rng, p, str(cfg.structure)
    )
    n_off = len(r.office_ids)
    model.pairs = Catchment(
        office=r.pair_office.copy(), muni=r.pair_muni.copy(), pop=r.pair_pop.copy()
    )
    n_munis = np.bincount(r.pair_office, minlength=n_off)
    model.offices = of = OfficeState(
        ids=list(r.office_ids),
        names=list(r.office_names),
        host=r.office_host.copy(),
        leader_model=list(r.leader_models),
        n_munis=n_munis,
        population=np.bincount(r.pair_office, weights=model.pairs.pop, minlength=n_off),
        trust_cd=np.full(n_off, p.trust_init),
        trust_leader_state=np.full(n_off, p.trust_init),
        leader_dev_capacity=np.full(n_off, p.leader_dev_capacity_init),
        agenda=np.zeros(n_off),
        agenda_share=np.zeros(n_off),
        gate=np.ones(n_off),
        reorg_load=np.zeros(n_off),
        reorg_left=np.zeros(n_off, dtype=np.int64),
        reorg_prep=np.zeros(n_off),
        goodwill=np.full(n_off, cfg.cooperation.goodwill_init),
        detail_steered=np.zeros(n_off, dtype=bool),
        target_group=np.zeros(n_off, dtype=bool),
        in_transition=np.zeros(n_off, dtype=bool),  # mature at the start (DESIGN §5)
        transition_months=np.zeros(n_off, dtype=np.int64),
        dev_areas=np.clip(rng.normal(d.init_mean, d.init_sd, (n_off, N_AREAS)), *AREA_INIT_RANGE),
        results_ratio=np.ones(n_off),
        results_z=np.zeros(n_off),
        expected_rate=np.zeros(n_off),
        review_exits=np.zeros((n_off, 0, len(NeedGroup)), dtype=np.int64),
        review_users=np.zeros((n_off, 0, len(NeedGroup)), dtype=np.int64),
        leader_agreement=np.zeros(n_off, dtype=bool),
        joint_plan=np.zeros(n_off, dtype=bool),
        joint_budget=np.zeros(n_off, dtype=bool),
    )
    model.lineage = []  # offices_lineage rows: office -> predecessor, month
    model.inputs = ScenarioInputs(
        inflow_factor=np.ones(len(NeedGroup)), reception_share=cfg.staff.reception_share
    )
    model.flows = MonthFlows.start(n_off, len(r.munis), None)
    del of


def build_owners(model: NavPartnershipModel) -> None:
    """Municipality agents (rådmann, ordfører) and one county director per county."""
    p, r = model.cfg.partnership, model.region
    model.municipalities = [
        Municipality(
            model,
            i,
            row.municipality_id,
            row.name,
            row.county_id,
            int(row.population),
            tuple(row.extras),
        )
        for i, row in enumerate(r.munis.itertuples(index=False))
    ]
    n = len(model.municipalities)
    trust = np.where(seated_at_start(model), p.trust_init, p.trust_baseline)
    model.munis = MunicipalityState(
        population=r.munis.population.to_numpy(float).copy(),
        density_z=r.munis.density_z.to_numpy(float).copy(),
        portfolio=np.array([m.portfolio_size for m in model.municipalities]),
        alive=np.ones(n, dtype=bool),
        local_demand=np.ones(n),
        host_cost_share=np.ones(n),
        own_cost=np.zeros(n),
        cost_index=np.zeros(n),
        rad_trust=trust,
        rad_trust_leader=trust.copy(),
        ord_trust=np.full(n, p.trust_init),
        rad_dominance=np.zeros(n),  # set from the start's survey (sim.anchoring.anchor_states)
        ord_dominance=np.zeros(n),
        rad_satisfaction=np.full(n, p.owner_satisfaction_init),
        ord_satisfaction=np.full(n, p.owner_satisfaction_init),
        rad_attention=np.full(n, p.radmann_attention),
        ord_attention=np.full(n, p.ordforer_attention),
        rad_attended=np.zeros(n),
        rad_informed=np.full(n, p.radmann_attention),  # set monthly (owner_views.inform_owners)
        ord_informed=np.full(n, p.ordforer_attention),
    )
    model.county_directors = {}
    for o, cid in enumerate(r.county_ids):
        if cid not in model.county_directors:
            model.county_directors[cid] = CountyDirector(model, cid)
        model.county_directors[cid].offices.append(o)
    model.offices.director = [model.county_directors[c] for c in r.county_ids]


def seated_at_start(model: NavPartnershipModel) -> np.ndarray:
    """Whether each rådmann sits in the partnership meetings of a mature office.

    Offices at the start are running arrangements (DESIGN §5), past any transition:
    the host's rådmann (and a single municipality's) attends; a non-host rådmann only
    where ``governance.all_radmenn_attend`` is ``always``. A seated rådmann starts at
    the trust the reports find (``trust_init``); one who is not has the trust a
    partnership settles at without contact (``trust_baseline``, 003 §5.2: it "tåler
    ikke avstand"). Only a host office formed during the run goes through a
    transition (``owner_views.update_host_transition``).
    """
    out = np.zeros(len(model.municipalities), dtype=bool)
    out[model.pairs.muni[meetings.seated_pairs(model)]] = True  # none in transition yet
    return out


def build_leaders(model: NavPartnershipModel) -> None:
    """One leader per office, two in two-leader offices (ch5_9 §3.4)."""
    p, rng = model.cfg.partnership, model.rng
    model.leaders = []
    model.offices.leaders = []
    for o, lm in enumerate(model.offices.leader_model):
        here = [
            NavLeader(
                model,
                o,
                e,
                float(rng.beta(p.leader_activity_a, p.leader_activity_b)),
                bool(rng.random() < p.leader_social_work_share),
            )
            for e in LEADER_EMPLOYERS[lm]
        ]
        model.leaders += here
        model.offices.leaders.append(here)


def build_staff(model: NavPartnershipModel) -> None:
    """Staff posts per office by employer, each serving one municipality of its office."""
    r, s, c, rng, pr = model.region, model.cfg.staff, model.cfg.cooperation, model.rng, model.pairs
    n_state, n_mun = r.staff_state, r.staff_municipal
    offices = np.arange(model.n_offices)
    office = np.concatenate([np.repeat(offices, n_state), np.repeat(offices, n_mun)])
    post = np.concatenate(
        [np.full(n_state.sum(), Employer.STATE), np.full(n_mun.sum(), Employer.MUNICIPAL)]
    ).astype(np.int8)
    order = np.argsort(office, kind="stable")
    office, post = office[order], post[order]
    # each post serves one municipality of its office, in proportion to population
    muni = np.empty(len(office), dtype=np.int64)
    for o in offices:
        slots = np.flatnonzero(office == o)
        pairs = np.flatnonzero(pr.office == o)
        w = pr.pop[pairs] / pr.pop[pairs].sum()
        muni[slots] = pr.muni[pairs[rng.choice(len(pairs), len(slots), p=w)]]
    n = len(office)
    model.staff = st = StaffState(office=office, post=post, muni=muni)
    st.satisfaction = np.clip(rng.normal(s.satisfaction_base, s.satisfaction_init_sd, n), 0, 1)
    st.task_state = staff_dynamics.draw_task_share(model, post)
    st.task_target = staff_dynamics.draw_task_share(model, post, mixed=True)
    st.tenure = rng.integers(0, s.tenure_init_max, n)
    st.ties = np.clip(rng.normal(c.tie_init_mean, c.tie_init_sd, (n, N_KINDS)), *TIE_INIT_RANGE)


def build_service_units(model: NavPartnershipModel) -> None:
    """The eight service units of each municipality (DESIGN §2): rows of two arrays.

    A unit placed in the office's portfolio shares its organisation and cooperation
    comes easier (003 C19); health and specialist health are harder to reach than the
    other units (coop M14, §8 fact 12); employers are no unit with a barrier.
    """
    c, mu = model.cfg.cooperation, model.munis
    n = len(model.municipalities)
    mu.unit_in_portfolio = np.zeros((n, N_KINDS), dtype=bool)
    for m in model.municipalities:
        for e in m.extras:
            mu.unit_in_portfolio[m.index, SERVICE_EXTRAS[e][1]] = True
    base = np.full(N_KINDS, c.barrier_other)
    base[[ServiceKind.HEALTH, ServiceKind.SPECIALIST_HEALTH]] = c.barrier_health
    barrier = base[None, :] * np.where(mu.unit_in_portfolio, c.in_portfolio_factor, 1.0)
    barrier[:, ServiceKind.EMPLOYERS] = 1.0
    mu.unit_barrier = barrier


def seed_users(model: NavPartnershipModel) -> None:
    """The user stock near its steady state, as the first month finds it."""
    model.users = UserPopulation(capacity=USER_BUFFER)
    model.users.clock = model.month + 1
    model.pairs.inflow_mix = inflow.need_mix(model, model.munis.density_z[model.pairs.muni])
    inflow.seed_user_stock(model)


def decide_agreements(model: NavPartnershipModel) -> None:
    """The owners' standing decisions at the start: agreements, joint plans, cost keys.

    Offices at the start are running arrangements (DESIGN §5): their hosts have chosen
    a cost key, so each member's share of a shared office's costs is set from month 0.
    """
    offices = np.arange(model.n_offices)
    steering.sign_agreements(model, offices)
    steering.decide_joint_plans(model, offices)
    model.offices.joint_budget[:] = model.gov.joint_budget
    count_users(model)
    steering.set_budgets(model)


def observe_initial_state(model: NavPartnershipModel) -> None:
    """Derive the starting state's aggregates, so month 0 can be recorded without burn-in.

    Draws no random numbers: a run's stream is the same with or without it.
    """
    of, n = model.offices, model.n_offices
    allocate_staff_time(model)
    count_users(model)
    of.tie_mean = mean_ties(model)
    of.failed_placements = np.zeros(n)
    of.complex_active = np.zeros(n, dtype=np.int64)
    of.complex_contacted = np.zeros(n, dtype=np.int64)
    update_owner_views(model, model.muni_main_office())
