"""NavPartnershipModel: the Nav partnership as a monthly agent-based model.

``step()`` is the schedule of DESIGN §2, in order:

1. ``admit_users``: inflow by population, labour market and need group; assessment queue;
2. ``allocate_staff_time`` and ``cooperate_on_complex_cases``: hour budgets, contacts;
3. ``resolve_user_outcomes``: exits to work, education, other; waiting; social assistance;
4. ``leaders_act``: development capacity, agenda, development areas, gating;
5. ``owners_act``: the årshjul: meetings, detail steering, budgets, plans; perceptions;
6. ``update_staff``: satisfaction, turnover, moves between employers, cross-work, ties;
7. ``fire_scheduled_events``: timed scenario events;
8. ``record``: the output tables.

Hot state is in numpy arrays indexed by office, municipality, staff slot or user;
the Mesa agents carry identity and the decisions that are taken rarely.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import mesa
import numpy as np

from sim.agents import CountyDirector, Employer, Municipality, NavLeader, ServiceUnit, Staff
from sim.config import (
    Attendance,
    Budget,
    DutyToCooperate,
    JointPlan,
    LeaderPlacement,
    Measures,
    ModelConfig,
    Steering,
    TeamModel,
    validate,
)
from sim.data import load_municipalities
from sim.development import (
    AREA_DOUBLE_WORK,
    AREA_MEETINGS,
    AREA_MERGER,
    AREA_PLANS,
    AREA_POLITICS,
    AREA_QUALITY,
    AREA_RELATIONS,
    AREA_STRATEGY,
    AREA_TERMS,
    AREA_UNDERSTANDING,
    LEADER_AREAS,
    N_AREAS,
    OWNER_AREAS,
)
from sim.networks import build_cooperation_graph, build_partnership_graph
from sim.regions import N_KINDS, SERVICE_EXTRAS, ServiceKind, build_region, density_z
from sim.restructure import form_offices, merge_municipalities, new_office_id
from sim.scenarios import plan_scenarios, schedule_scenarios
from sim.users import NO_UNIT, Benefit, NeedGroup, UserPopulation, UserStatus

logging.getLogger("MESA").setLevel(logging.WARNING)

CONSENSUS, CONFLICT, NOTHING = 0, 1, 2  # meeting outcomes (columns of meeting_outcomes)
GROUP_POOL = np.array([0, 0, 0, 1])  # follow-up pool of each need group: state 0, municipal 1


def nudge(x: np.ndarray, target: np.ndarray | float, rate: np.ndarray | float) -> np.ndarray:
    """Move bounded states a fraction ``rate`` of the way to ``target`` (DESIGN §2b).

    Args:
        x: Current states.
        target: Where they move to.
        rate: Fraction of the gap closed, in [0, 1].

    Returns:
        The updated states, clipped to [0, 1].
    """
    return np.clip(x + rate * (target - x), 0.0, 1.0)


def meeting_months(per_year: int) -> set[int]:
    """Calendar months of ``per_year`` meetings spread over the year, the first in March.

    Args:
        per_year: Meetings a year (0 = none).

    Returns:
        Calendar months (1-12).
    """
    months = {int(np.floor(i * 12 / per_year)) + 3 for i in range(max(per_year, 0))}
    return {(m - 1) % 12 + 1 for m in months}


class NavPartnershipModel(mesa.Model):
    """The Nav partnership of one region (one county, several, or all of Norway).

    Args:
        config: The run's configuration (defaults: Agder, the 2019 governance).
        rng: Seed material for the model's one generator (int, SeedSequence or Generator).
    """

    def __init__(self, config: ModelConfig | None = None, rng=None) -> None:
        """Build the region, its agents, users and networks."""
        config = config if config is not None else ModelConfig()
        validate(config)
        if isinstance(rng, np.random.SeedSequence):
            rng = np.random.default_rng(rng)
        super().__init__(rng=rng)
        self.cfg = config
        self.gov = config.governance
        self.on = config.mechanisms
        self.month = -config.burn_in
        self.start_year, self.start_month = (int(x) for x in config.start.split("-"))
        self.events: list[tuple[int, Callable[[], None]]] = []
        self.setup_region()
        self.setup_owners()
        self.setup_leaders()
        self.setup_staff()
        self.setup_service_units()
        self.setup_users()
        self.exit_counts = np.zeros((len(NeedGroup), 3), dtype=np.int64)  # work, education, other
        self.partnership_graph = build_partnership_graph(self)
        self.cooperation_graph = build_cooperation_graph(self)
        self.observe_initial_state()
        from sim.recording import Recorder  # recording imports this module's constants

        self.recorder = Recorder(self)
        self.scenario_plan = plan_scenarios(config)
        schedule_scenarios(self, self.scenario_plan)

    def observe_initial_state(self) -> None:
        """Derive the starting state's aggregates, so month 0 can be recorded without burn-in.

        Draws no random numbers: a run's stream is the same with or without it.
        """
        self.allocate_staff_time()
        self.count_users()
        self.tie_mean = self.mean_ties()
        self.exit_rate: np.ndarray | None = None  # smoothed exits per user, from month 1
        self.failed_placements = np.zeros(self.n_offices)
        self.complex_active = np.zeros(self.n_offices, dtype=np.int64)
        self.complex_contacted = np.zeros(self.n_offices, dtype=np.int64)
        self.started_waits = np.zeros(0, dtype=np.int16)
        self.started_groups = np.zeros(0, dtype=np.int8)
        self.update_owner_views(self.muni_main_office())

    def mean_ties(self) -> np.ndarray:
        """Mean tie strength per office and service kind (office x kind)."""
        n = self.n_offices
        tie_mean = np.stack(
            [
                np.bincount(self.staff_office, weights=self.ties[:, k], minlength=n)
                for k in range(N_KINDS)
            ],
            axis=1,
        )
        return tie_mean / np.maximum(self.n_staff, 1)[:, None]

    # ------------------------------------------------------------------ set-up

    def setup_region(self) -> None:
        """Municipalities, offices and catchments from the data and the region config."""
        p, d = self.cfg.partnership, self.cfg.development
        self.region = build_region(self.cfg.region, self.gov, self.cfg.staff, self.rng, p)
        r = self.region
        self.office_ids = list(r.office_ids)
        self.office_host = r.office_host.copy()
        self.pair_office, self.pair_muni, self.pair_pop = (
            r.pair_office.copy(),
            r.pair_muni.copy(),
            r.pair_pop.copy(),
        )
        self.leader_models = list(r.leader_models)
        n_off = self.n_offices
        self.office_n_munis = np.bincount(self.pair_office, minlength=n_off)
        self.office_population = np.bincount(
            self.pair_office, weights=self.pair_pop, minlength=n_off
        )
        self.trust_cd = np.full(n_off, p.trust_init)
        self.trust_leader_state = np.full(n_off, p.trust_init)
        self.leader_dev_capacity = np.full(n_off, 0.3)
        self.agenda = np.zeros(n_off)
        self.gate = np.ones(n_off)
        self.reorg_load = np.zeros(n_off)
        self.reorg_left = np.zeros(n_off, dtype=np.int64)
        self.goodwill = np.full(n_off, self.cfg.cooperation.goodwill_init)
        self.detail_steered = np.zeros(n_off, dtype=bool)
        self.target_group = np.zeros(n_off, dtype=bool)
        self.in_transition = self.office_n_munis > 1
        self.transition_months = np.zeros(n_off, dtype=np.int64)
        self.dev_areas = np.clip(
            self.rng.normal(d.init_mean, d.init_sd, (n_off, N_AREAS)), 0.05, 0.95
        )
        self.meetings_held = np.zeros(n_off, dtype=np.int64)
        self.meeting_outcomes = np.zeros((n_off, 3), dtype=np.int64)  # consensus/conflict/none
        self.results_ratio = np.ones(n_off)
        self.lineage: list[dict] = []  # offices_lineage rows: office -> predecessor, month
        self.set_scenario_inputs()
        self.reset_flows()

    def set_scenario_inputs(self) -> None:
        """Mechanism inputs that scenario events change (DESIGN §5); neutral at the start.

        ``inflow_factor`` scales inflow per need group; ``regional_demand`` and
        ``local_demand`` (per municipality) scale the exit-to-work hazard;
        ``reception_share`` is the share of staff hours at the front desk;
        ``strong_weight`` scales the follow-up weight (the capacity taken) of
        resource-strong users; ``weak_access`` scales resource-weak users' start rate.
        """
        self.inflow_factor = np.ones(len(NeedGroup))
        self.regional_demand = 1.0
        self.local_demand = np.ones(len(self.region.munis))
        self.reception_share = self.cfg.staff.reception_share
        self.strong_weight = 1.0
        self.weak_access = 1.0

    def setup_owners(self) -> None:
        """Municipality agents (rådmann, ordfører) and one county director per county."""
        p, r = self.cfg.partnership, self.region
        self.municipalities = [
            Municipality(
                self,
                i,
                row.municipality_id,
                row.name,
                row.county_id,
                int(row.population),
                tuple(row.extras),
            )
            for i, row in enumerate(r.munis.itertuples(index=False))
        ]
        n = len(self.municipalities)
        self.muni_population = r.munis.population.to_numpy(float).copy()
        self.muni_density_z = r.munis.density_z.to_numpy(float).copy()
        self.muni_portfolio = np.array([m.portfolio_size for m in self.municipalities])
        hosts = set(self.office_host.tolist())
        is_member = np.array([i not in hosts for i in range(n)])
        self.rad_trust = np.where(is_member, p.host_trust_init, p.trust_init)
        self.rad_trust_leader = np.where(is_member, p.host_trust_init, p.trust_init)
        self.ord_trust = np.full(n, p.trust_init)
        self.rad_dominance = np.full(n, p.dominance_init_radmann)
        self.ord_dominance = np.full(n, p.dominance_init_ordforer)
        self.rad_satisfaction = np.full(n, 0.65)
        self.ord_satisfaction = np.full(n, 0.6)
        self.rad_attention = np.full(n, p.radmann_attention)
        self.ord_attention = np.full(n, p.ordforer_attention)
        self.rad_attended = np.zeros(n)  # share of recent meetings attended
        self.host_cost_share = np.ones(n)
        self.muni_alive = np.ones(n, dtype=bool)  # False once merged into another
        self.county_directors: dict[str, CountyDirector] = {}
        for o, cid in enumerate(r.county_ids):
            if cid not in self.county_directors:
                self.county_directors[cid] = CountyDirector(self, cid)
            cd = self.county_directors[cid]
            cd.offices.append(o)
        self.office_cd = [self.county_directors[c] for c in r.county_ids]

    def setup_leaders(self) -> None:
        """One leader per office, two in two-leader offices (ch5_9 §3.4)."""
        p = self.cfg.partnership
        self.leaders: list[NavLeader] = []
        self.office_leaders: list[list[NavLeader]] = []
        for o, lm in enumerate(self.leader_models):
            employers = {
                "state": [Employer.STATE],
                "municipal": [Employer.MUNICIPAL],
                "two_leaders": [Employer.STATE, Employer.MUNICIPAL],
            }[lm]
            here = [
                NavLeader(
                    self,
                    o,
                    e,
                    float(self.rng.beta(p.leader_activity_a, p.leader_activity_b)),
                    bool(self.rng.random() < p.leader_social_work_share),
                )
                for e in employers
            ]
            self.leaders += here
            self.office_leaders.append(here)

    def setup_staff(self) -> None:
        """Staff posts per office by employer; one Staff agent per person in a post."""
        r, s = self.region, self.cfg.staff
        n_state, n_mun = r.staff_state, r.staff_municipal
        offices = np.arange(self.n_offices)
        self.staff_office = np.concatenate([np.repeat(offices, n_state), np.repeat(offices, n_mun)])
        self.staff_post = np.concatenate(
            [np.full(n_state.sum(), Employer.STATE), np.full(n_mun.sum(), Employer.MUNICIPAL)]
        ).astype(np.int8)
        order = np.argsort(self.staff_office, kind="stable")
        self.staff_office, self.staff_post = self.staff_office[order], self.staff_post[order]
        # each post serves one municipality of its office, in proportion to population
        self.staff_muni = np.empty(len(self.staff_office), dtype=np.int64)
        for o in offices:
            slots = np.flatnonzero(self.staff_office == o)
            pairs = np.flatnonzero(self.pair_office == o)
            w = self.pair_pop[pairs] / self.pair_pop[pairs].sum()
            self.staff_muni[slots] = self.pair_muni[
                pairs[self.rng.choice(len(pairs), len(slots), p=w)]
            ]
        n = len(self.staff_office)
        self.staff_satisfaction = np.clip(self.rng.normal(s.satisfaction_base, 0.08, n), 0, 1)
        self.staff_task_state = self.draw_task_share(self.staff_post)
        self.staff_task_target = self.draw_task_share(self.staff_post, mixed=True)
        self.staff_tenure = self.rng.integers(0, 120, n)
        c = self.cfg.cooperation
        self.ties = np.clip(self.rng.normal(c.tie_init_mean, 0.1, (n, N_KINDS)), 0.02, 1.0)
        self.staff: list[Staff] = [
            Staff(self, i, Employer(int(e))) for i, e in enumerate(self.staff_post)
        ]

    def setup_service_units(self) -> None:
        """The eight service units of each municipality (DESIGN §2)."""
        self.service_units: list[ServiceUnit] = []
        self.unit_in_portfolio = np.zeros((len(self.municipalities), N_KINDS), dtype=bool)
        for m in self.municipalities:
            placed = {SERVICE_EXTRAS[e][1] for e in m.extras}
            for kind in ServiceKind:
                unit = ServiceUnit(self, kind, m.index, kind in placed)
                self.unit_in_portfolio[m.index, kind] = unit.in_portfolio
                self.service_units.append(unit)
        c = self.cfg.cooperation
        self.unit_barrier = np.array(
            [
                [
                    u.barrier(c.barrier_health, c.barrier_other, c.in_portfolio_factor)
                    for u in self.service_units[m * N_KINDS : (m + 1) * N_KINDS]
                ]
                for m in range(len(self.municipalities))
            ]
        )

    def setup_users(self) -> None:
        """Start the user stock near its steady state: expected stock per need group."""
        self.users = UserPopulation(capacity=1024)
        self.users.clock = self.month + 1  # the stock as the first month finds it
        u = self.cfg.users
        self.inflow_mix = self.need_mix(self.muni_density_z[self.pair_muni])
        inflow = self.inflow_rates()
        exits = u.by_group("exit_work") + u.by_group("exit_other")
        stock = (
            self.pair_pop[:, None]
            / 1000
            * inflow[None, :]
            * self.inflow_mix
            / np.maximum(exits, 1e-3)
        )
        counts = self.rng.poisson(stock)
        self.create_users(counts, initial=True)

    # ------------------------------------------------------------------ helpers

    @property
    def n_offices(self) -> int:
        """Number of offices."""
        return len(self.office_ids)

    @property
    def calendar_month(self) -> int:
        """Month of year (1-12) of the current model month (``start`` is month 0)."""
        return (self.start_month - 1 + self.month) % 12 + 1

    def draw_task_share(self, employer: np.ndarray, mixed: bool = False) -> np.ndarray:
        """Share of follow-up time on state tasks (003 §6.3, the 2015 survey).

        Args:
            employer: Employer per person.
            mixed: Draw the share a person settles at in a mixed team instead of the
                share a new hire starts with.

        Returns:
            Task shares in [0, 1].
        """
        s = self.cfg.staff
        if mixed:
            mean = np.where(
                employer == Employer.STATE, s.mixed_task_share_state, s.mixed_task_share_municipal
            )
        else:
            mean = np.where(
                employer == Employer.STATE, s.init_task_share_state, s.init_task_share_municipal
            )
        k = s.task_share_concentration
        return self.rng.beta(mean * k, (1 - mean) * k)

    def need_mix(self, place_z: np.ndarray) -> np.ndarray:
        """Relative inflow per need group by place (assumption, see ``mix_density_gradient``).

        Social assistance concentrates in dense, urban municipalities and health-related
        benefits in the periphery; each factor is normalised to a national mean of 1.

        Args:
            place_z: Standardised log population density per catchment pair.

        Returns:
            A (pair x need group) matrix of factors.
        """
        g = self.cfg.users.mix_density_gradient
        sign = np.array([0.0, 0.0, -1.0, 1.0])  # jobseeker, situational, RCW, SA
        data = load_municipalities()
        z_all = density_z(data)
        w = data.population.to_numpy(float)
        norm = np.average(np.exp(g * sign[None, :] * z_all[:, None]), axis=0, weights=w)
        return np.exp(g * sign[None, :] * place_z[:, None]) / norm[None, :]

    def inflow_rates(self) -> np.ndarray:
        """Inflow per 1,000 inhabitants per month, per need group (a recession scales it)."""
        return self.cfg.users.by_group("inflow") * self.inflow_factor

    def create_users(
        self, counts: np.ndarray, initial: bool = False, forced_unit: int | None = None
    ) -> None:
        """Create users from a (pair x need group) count matrix.

        Args:
            counts: Users to create per catchment pair and need group.
            initial: Whether these form the starting stock (given months and status).
            forced_unit: The service unit every new user's case needs (refugees),
                instead of the drawn one.
        """
        u = self.cfg.users
        pair_idx, group = np.nonzero(counts)
        reps = counts[pair_idx, group]
        pair = np.repeat(pair_idx, reps)
        group = np.repeat(group, reps).astype(np.int8)
        n = len(pair)
        if n == 0:
            return
        complex_share = u.by_group("complex_share")
        # the unit a complex case needs (coop §1; ch5_9 §5: psychiatric/MSK diagnoses)
        unit_p = np.array(
            [
                u.need_health,
                u.need_mental_health,
                u.need_child_welfare,
                u.need_housing,
                u.need_refugee,
                u.need_education,
                u.need_specialist_health,
                0.0,  # employers are no service a case is referred to
            ]
        )
        unit_p = unit_p / unit_p.sum()
        is_complex = np.flatnonzero(self.rng.random(n) < complex_share[group])
        need_unit = np.full(n, NO_UNIT)
        need_unit[is_complex] = self.rng.choice(N_KINDS, len(is_complex), p=unit_p)
        if forced_unit is not None:
            need_unit = np.full(n, forced_unit)
        sa_share = np.array([u.sa_share_jobseeker, u.sa_share_situational, 0.0, 1.0])
        benefit = np.select(
            [
                group == NeedGroup.REDUCED_CAPACITY,
                self.rng.random(n) < sa_share[group],
                group == NeedGroup.JOBSEEKER,
            ],
            [Benefit.AAP, Benefit.SOCIAL_ASSISTANCE, Benefit.DAGPENGER],
            Benefit.NONE,
        )
        followup = np.select(
            [group == NeedGroup.JOBSEEKER, group == NeedGroup.REDUCED_CAPACITY], [0, 2], 1
        )
        cols = dict(
            office=self.pair_office[pair],
            muni=self.pair_muni[pair],
            group=group,
            benefit=benefit,
            followup=followup,
            need_unit=need_unit,
        )
        if initial:
            cols["months"] = self.rng.integers(0, 24, n)
            cols["status"] = np.where(
                self.rng.random(n) < u.initial_active_share, UserStatus.ACTIVE, UserStatus.WAITING
            )
        start = len(self.users)
        self.users.append(**cols)
        if not initial:
            self.tally_users(np.arange(start, len(self.users)), +1)

    def reset_flows(self) -> None:
        """Zero the month's flow counters."""
        n = self.n_offices
        self.inflow = np.zeros(n, dtype=np.int64)
        self.exits_work = np.zeros(n, dtype=np.int64)
        self.exits_work_complex = np.zeros(n, dtype=np.int64)
        self.exits_education = np.zeros(n, dtype=np.int64)
        self.exits_other = np.zeros(n, dtype=np.int64)
        self.starts = np.zeros(n, dtype=np.int64)
        self.wait_sum = np.zeros(n)
        self.contacts = np.zeros((n, N_KINDS), dtype=np.int64)
        self.leavers = np.zeros(n, dtype=np.int64)
        self.moves_to_state = np.zeros(n, dtype=np.int64)
        self.meetings_held[:] = 0
        self.meeting_outcomes[:] = 0
        self.radmenn_attending = np.zeros(n, dtype=np.int64)
        self.muni_exits_work = np.zeros(len(self.region.munis), dtype=np.int64)

    def schedule(self, month: int, action: Callable[[], None]) -> None:
        """Schedule a scenario event for phase 7 of ``month``.

        Args:
            month: Model month (0 = the first recorded month).
            action: Callable run once in that month.
        """
        self.events.append((month, action))
        self.events.sort(key=lambda e: e[0])

    def begin_reorganisation(
        self, offices: np.ndarray | list[int], months: int | None = None, intensity: float = 1.0
    ) -> None:
        """Start a reorganisation load on offices (a merger or host arrangement, 003 §5).

        Args:
            offices: Office indices.
            months: Duration; ``partnership.reorganisation_months`` if None.
            intensity: Load at the start, in [0, 1]; it fades linearly.
        """
        months = self.cfg.partnership.reorganisation_months if months is None else months
        idx = np.asarray(offices, dtype=np.int64)
        self.reorg_load[idx] = intensity
        self.reorg_left[idx] = months

    # ------------------------------------------------------------------ the month

    def step(self) -> None:
        """One month, in the order of DESIGN §2."""
        self.month += 1
        self.users.clock = self.month
        self.reset_flows()
        self.admit_users()
        self.allocate_staff_time()
        self.cooperate_on_complex_cases()
        self.resolve_user_outcomes()
        self.leaders_act()
        self.owners_act()
        self.update_staff()
        self.fire_scheduled_events()
        self.record()

    def run(self, progress: Callable[[int], None] | None = None) -> None:
        """Burn in, record month 0, then run ``months`` recorded months.

        Args:
            progress: Called with 1 after every month (e.g. a tqdm bar's update).
        """
        while self.month < 0:
            self.step()
            if progress:
                progress(1)
        if self.month == 0 and not self.recorder.has(0):
            self.recorder.record()
        while self.month < self.cfg.months:
            self.step()
            if progress:
                progress(1)

    # 1 -------------------------------------------------------------- inflow

    def admit_users(self) -> None:
        """Inflow by population, local labour market and need group (ch1_4 §2)."""
        lam = self.pair_pop[:, None] / 1000 * self.inflow_rates()[None, :] * self.inflow_mix
        counts = self.rng.poisson(lam)
        self.create_users(counts)
        self.inflow = np.bincount(
            self.pair_office, weights=counts.sum(axis=1), minlength=self.n_offices
        ).astype(np.int64)

    # 2 -------------------------------------------------------------- staff time

    def allocate_staff_time(self) -> None:
        """Split each staff member's hours; derive follow-up hours per user (DESIGN §2b).

        Documentation, reporting and reorganisation take hours from the same budget as
        follow-up: that is how crowding out happens (coop M22; 003 C12, C13).
        """
        s, gov, n_off = self.cfg.staff, self.gov, self.n_offices
        base_doc = s.documentation_share
        pressure = self.documentation_pressure()
        reorg = s.reorganisation_share * self.reorg_load
        if not self.on.crowd_out_by_reorganisation:
            reorg = np.zeros(n_off)
        self.documentation_hours_share = base_doc + pressure
        employer = s.employer_share + (
            s.in_house_employer_share if gov.measures == Measures.in_house else 0.0
        )
        coop = s.cooperation_share * (
            s.duty_2021_cooperation_hours
            if gov.common_duty_to_cooperate == DutyToCooperate.after_2021
            else 1.0
        )
        # in-house job specialists are paid from measure money, not from follow-up hours
        fu_share = np.clip(
            1.0 - base_doc - pressure - reorg - s.employer_share - coop - self.reception_share,
            0.05,
            1.0,
        )
        self.followup_share = fu_share
        hours = s.hours_per_month
        fu = hours * fu_share[self.staff_office]
        self.gaming = self.game_indicators()
        effective = fu * (1 - self.gaming + self.gaming * s.gaming_effectiveness)
        # municipal staff may decide on state measures only where delegated (003 §3)
        state_eff = np.where(
            (self.staff_post == Employer.MUNICIPAL) & (not gov.delegated_state_decisions),
            s.municipal_state_work,
            1.0,
        )
        hs = np.bincount(
            self.staff_office,
            weights=effective * self.staff_task_state * state_eff,
            minlength=n_off,
        )
        hm = np.bincount(
            self.staff_office, weights=effective * (1 - self.staff_task_state), minlength=n_off
        )
        self.employer_hours = np.bincount(self.staff_office, minlength=n_off) * hours * employer
        self.n_staff = np.bincount(self.staff_office, minlength=n_off)
        counts = self.count_user_kinds()
        load = (counts * self.load_weights()[None]).sum(axis=(2, 3))  # (office, group)
        ws = load[:, GROUP_POOL == 0].sum(axis=1)
        wm = load[:, GROUP_POOL == 1].sum(axis=1)
        ref = self.cfg.users.followup_ref_hours
        self.hours_ratio = np.stack(
            [hs / np.maximum(ws, 1.0) / ref, hm / np.maximum(wm, 1.0) / ref], axis=1
        )
        self.followup_factor = (
            np.clip(self.hours_ratio, 0.1, 5.0) ** self.cfg.users.followup_elasticity
        )
        self.n_users = counts.sum(axis=(1, 2, 3))
        self.n_waiting = counts[:, :, 1, :].sum(axis=(1, 2))
        self.complex_active = counts[:, :, 0, 1].sum(axis=1)
        self.caseload = self.n_users / np.maximum(self.n_staff, 1)

    def count_user_kinds(self) -> np.ndarray:
        """Users by office, need group, waiting and complex case; sets ``user_key``.

        ``user_key`` (the users' ``key``) is each user's index into that (office,
        group, waiting, complex) grid, read again by ``resolve_user_outcomes`` in the
        same month.

        Returns:
            Counts of shape (offices, groups, 2, 2).
        """
        users, n_off = self.users, self.n_offices
        self.user_key = key = users.key
        return np.bincount(key, minlength=n_off * len(NeedGroup) * 4).reshape(
            n_off, len(NeedGroup), 2, 2
        )

    def load_weights(self) -> np.ndarray:
        """Follow-up load of one user by need group, waiting and complex case (ch1_4 §3).

        A waiting user weighs ``waiting_load_weight``; resource-strong (non-complex)
        users weigh ``strong_weight`` once digital channels open (003 C25).

        Returns:
            Weights of shape (groups, 2, 2).
        """
        w = self.user_weights()[:, None, None] * np.ones((1, 2, 2))
        w[:, 1, :] *= self.cfg.users.waiting_load_weight
        w[:, :, 0] *= self.strong_weight
        return w

    def documentation_pressure(self) -> np.ndarray:
        """Documentation beyond the base share: målekort reporting and double reporting.

        Two steering and reporting lines make extra work (003 C12), halved by a joint
        plan and reduced by work on double work (area 11); activity-indicator steering
        adds reporting (ch5_9 §3.2). Knock-out ``crowd_out_follow_up``: none of it
        takes follow-up hours (coop M22).

        Returns:
            Share of hours per office.
        """
        s, gov = self.cfg.staff, self.gov
        pressure = np.zeros(self.n_offices)
        if not self.on.crowd_out_follow_up:
            return pressure
        if gov.steering == Steering.activity_indicators:
            pressure += s.indicator_documentation
        double = s.double_reporting * (0.5 if gov.joint_plan != JointPlan.none else 1.0)
        pressure += double * (1.0 - 0.5 * self.dev_areas[:, AREA_DOUBLE_WORK])
        return pressure

    def game_indicators(self) -> float:
        """Share of follow-up hours spent on counted contacts of little effect (coop M5).

        Returns:
            The gamed share under activity-indicator steering, else 0.
        """
        steered = self.gov.steering == Steering.activity_indicators
        return self.cfg.staff.gaming_share if steered and self.on.game_indicators else 0.0

    def user_weights(self) -> np.ndarray:
        """Follow-up weight per need group (ch1_4 §3)."""
        return self.cfg.users.by_group("weight")

    def cooperate_on_complex_cases(self) -> None:
        """Contacts with service units on complex cases, and employer contacts.

        A contact needs a tie to the right unit (coop M9, M13), passes the leader's
        gate (M6), meets the unit's barrier (M14, 003 C19) and thins with caseload (M4).
        """
        c, users, n_off = self.cfg.cooperation, self.users, self.n_offices
        self.tie_mean = tie_mean = self.mean_ties()
        caseload_ref = np.median(self.caseload) if n_off else 1.0
        caseload_f = (
            np.maximum(self.caseload, 1) / max(caseload_ref, 1)
        ) ** -c.caseload_sensitivity
        duty = (
            c.duty_2021_factor
            if self.gov.common_duty_to_cooperate == DutyToCooperate.after_2021
            else 1.0
        )
        size_f = (np.maximum(self.n_staff, 1) / c.size_reference) ** -c.size_sensitivity
        per_office = c.contact_rate * self.gate * duty * caseload_f * size_f
        base = per_office[:, None] * (c.tie_offset + tie_mean) / (c.tie_offset + c.tie_init_mean)
        # the units of each office's host municipality; users of an office that serves
        # several municipalities meet their own municipality's units instead
        table = base * self.unit_barrier[self.office_host]
        cand = np.flatnonzero((self.user_key & 3) == 1)  # active complex cases (user_key)
        o, k = users.office[cand], users.need_unit[cand].astype(np.intp)
        p = table.ravel()[o * N_KINDS + k]
        shared = np.flatnonzero(self.office_n_munis > 1)
        if len(shared):
            rows = np.flatnonzero(np.isin(o, shared))
            p[rows] = base[o[rows], k[rows]] * self.unit_barrier[users.muni[cand[rows]], k[rows]]
        hit = self.rng.random(len(cand)) < np.clip(p, 0.0, 0.95)
        users.last_contact[cand[hit]] = self.month
        self.contacts = np.bincount(o[hit] * N_KINDS + k[hit], minlength=n_off * N_KINDS).reshape(
            n_off, N_KINDS
        )
        self.contacts[:, ServiceKind.EMPLOYERS] = self.rng.poisson(
            self.employer_hours / c.hours_per_employer_contact
        )
        self.complex_contacted = np.bincount(o[hit], minlength=n_off)

    # 3 -------------------------------------------------------------- outcomes

    def resolve_user_outcomes(self) -> None:
        """Monthly hazards of exit to work, education and other benefits; starts; costs.

        Exit to work = base rate of the need group x follow-up x cooperation x
        employer goodwill x labour market x duration (DESIGN §2b; ch1_4 §2, §6). The
        factors that vary by office, need group, waiting, complexity and recent
        contact form one small table (``hazard_table``) read once per user; the
        municipality's labour market and the months in the system are two more
        lookups.
        """
        u, users, n_off = self.cfg.users, self.users, self.n_offices
        g, o = users.group, users.office
        n = len(users)
        waiting = users.status == UserStatus.WAITING
        # single precision for the per-user hazards: half the memory traffic, and a
        # hazard needs no more than seven digits
        f32 = np.float32
        recent = users.last_contact > self.month - 3
        key = self.user_key * 2 + recent
        labour = self.labour_factor()
        hazards = self.hazard_table()
        table = hazards * labour[self.office_host][:, None, None, None, None]
        h_work = table.astype(f32).ravel()[key]
        shared = np.flatnonzero(self.office_n_munis > 1)
        if len(shared):  # offices serving several municipalities: each its own market
            rows = np.flatnonzero(np.isin(users.office, shared))
            h_work[rows] = (hazards.ravel()[key[rows]] * labour[users.muni[rows]]).astype(f32)

        months = self.month - users.entry
        h_work *= self.duration_table(int(months.max()) if n else 0).astype(f32)[months]
        np.minimum(h_work, f32(0.95), out=h_work)
        other_table = np.broadcast_to(
            u.by_group("exit_other").astype(f32)[None, :, None, None],
            (n_off, len(NeedGroup), 2, 2),
        )
        h_leave = h_work + other_table.ravel()[self.user_key]
        draw = self.rng.random(n, dtype=f32)
        leave = np.flatnonzero(draw < h_leave)
        to_work = draw[leave] < h_work[leave]
        work, others = leave[to_work], leave[~to_work]
        is_edu = self.rng.random(len(others)) < u.education_share_of_other
        edu, other = others[is_edu], others[~is_edu]
        for dest, idx in enumerate((work, edu, other)):
            self.exit_counts[:, dest] += np.bincount(g[idx], minlength=len(NeedGroup))
        self.exits_work = np.bincount(o[work], minlength=n_off)
        self.exits_work_complex = np.bincount(o[work[users.need_unit[work] >= 0]], minlength=n_off)
        self.exits_education = np.bincount(o[edu], minlength=n_off)
        self.exits_other = np.bincount(o[other], minlength=n_off)
        self.muni_exits_work = np.bincount(users.muni[work], minlength=len(self.municipalities))
        self.count_failed_placements(work[~waiting[work]])
        waiting[leave] = False
        self.start_follow_up(np.flatnonzero(waiting))
        self.tally_users(leave, -1)
        users.remove(leave)
        rate = self.exits_work / np.maximum(self.n_users, 1)
        smooth = self.cfg.partnership.results_smoothing
        if self.exit_rate is None:  # the first month sets the level
            self.exit_rate = rate
        else:
            self.exit_rate = (1 - smooth) * self.exit_rate + smooth * rate

    def hazard_table(self) -> np.ndarray:
        """Exit-to-work hazard by office, need group, waiting, complex case, recent contact.

        Base rate x follow-up (by hours per weighted user; a waiting user gets
        ``waiting_work_factor``; resource-strong users take more once digital channels
        open, ``strong_weight``) x service quality (area 12) x employer goodwill x
        cooperation (a complex case with a recent contact gains, one without loses).

        Returns:
            An array of shape (offices, groups, 2, 2, 2), indexed like ``user_key * 2 +
            recent``.
        """
        u, c = self.cfg.users, self.cfg.cooperation
        q = u.quality_effect
        office = (1 - q / 2 + q * self.dev_areas[:, AREA_QUALITY]) * (
            1 - c.goodwill_effect / 2 + c.goodwill_effect * self.goodwill
        )
        follow_active = self.followup_factor[:, GROUP_POOL]  # (office, group)
        base = u.by_group("exit_work")[None, :] * office[:, None]
        t = np.empty((self.n_offices, len(NeedGroup), 2, 2, 2))
        strong = self.strong_weight**u.followup_elasticity  # non-complex, active only
        t[:, :, 0, 0, :] = (base * follow_active * strong)[:, :, None]
        t[:, :, 0, 1, :] = (base * follow_active)[:, :, None]
        t[:, :, 1, :, :] = (base * u.waiting_work_factor)[:, :, None, None]
        coop = np.array([1 - u.no_cooperation_penalty, 1 + u.cooperation_effect])
        t[:, :, :, 1, :] *= coop
        return t

    def labour_factor(self) -> np.ndarray:
        """The local labour market's factor on exits to work, per municipality (M28)."""
        u = self.cfg.users
        return (
            (1 + u.labour_market_sensitivity * self.muni_density_z)
            * self.regional_demand
            * self.local_demand
        )

    def duration_table(self, longest: int) -> np.ndarray:
        """Duration dependence exp(-d t / 12) for t = 0..longest months (ch1_4 §6 M19)."""
        d = self.cfg.users.duration_dependence
        return np.exp(-d * np.arange(longest + 1) / 12.0)

    def count_failed_placements(self, placed: np.ndarray) -> None:
        """Placements from follow-up that fail without enough follow-up use up employers (M2).

        Args:
            placed: Indices of users placed in work from active follow-up.
        """
        c, users = self.cfg.cooperation, self.users
        shortfall = np.clip(1 - self.followup_factor, 0, 1)
        o = users.office[placed]
        self.failed_placements = np.bincount(
            o,
            weights=c.placement_failure_base + shortfall[o, GROUP_POOL[users.group[placed]]],
            minlength=self.n_offices,
        )

    def start_follow_up(self, queue: np.ndarray) -> None:
        """Waiting users start follow-up as capacity allows (ch5_9 §5: 217 days mean wait).

        Reduced-capacity users start more slowly (``start_rate_weight_reduced_capacity``);
        complex cases more slowly still once the office's opening hours are cut
        (``weak_access``, 003 C25).

        Args:
            queue: Indices of the users still waiting.
        """
        u, users, n_off = self.cfg.users, self.users, self.n_offices
        weight = np.ones(len(NeedGroup))
        weight[NeedGroup.REDUCED_CAPACITY] = u.start_rate_weight_reduced_capacity
        ratio = np.clip(self.hours_ratio[:, GROUP_POOL], 0.1, 3)  # (office, group)
        rate = u.start_rate * weight[None, :] * ratio
        table = np.zeros((n_off, len(NeedGroup), 2, 2))  # indexed by the users' key
        table[:, :, 1, 0] = 1 - np.exp(-rate)
        table[:, :, 1, 1] = 1 - np.exp(-rate * self.weak_access)  # complex cases
        p = table.ravel()[users.key[queue]]
        started = queue[self.rng.random(len(queue)) < p]
        waits = users.start(started, self.month)
        o = users.office[started]
        self.starts = np.bincount(o, minlength=n_off)
        self.n_waiting -= self.starts
        self.wait_sum = np.bincount(o, weights=waits, minlength=n_off)
        self.started_waits = waits
        self.started_groups = users.group[started]

    def tally_users(self, idx: np.ndarray, sign: int) -> None:
        """Add (+1) or subtract (-1) users ``idx`` from the counts ``count_users`` makes.

        Args:
            idx: Indices of users entering or leaving.
            sign: +1 for new users, -1 for leavers.
        """
        users, n_off, n_muni = self.users, self.n_offices, len(self.municipalities)
        cost = self.cfg.users.sa_monthly_cost
        kinds = np.bincount(users.key[idx], minlength=n_off * len(NeedGroup) * 4).reshape(
            n_off, len(NeedGroup), 2, 2
        )
        self.n_users += sign * kinds.sum(axis=(1, 2, 3))
        self.n_users_complex += sign * kinds[:, :, :, 1].sum(axis=(1, 2))
        self.n_waiting += sign * kinds[:, :, 1, :].sum(axis=(1, 2))
        sa = idx[users.benefit[idx] == Benefit.SOCIAL_ASSISTANCE]
        self.sa_cost += sign * cost * np.bincount(users.office[sa], minlength=n_off)
        m = users.muni[idx]
        self.muni_users += sign * np.bincount(m, minlength=n_muni)
        self.muni_sa_cost += sign * cost * np.bincount(users.muni[sa], minlength=n_muni)

    def count_users(self) -> None:
        """Users and social assistance cost per office and per municipality (ch1_4 §2.8).

        A full count, after set-up and structural events; month by month the counts
        follow inflow and exits (``tally_users``).
        """
        users, n_off, n_muni = self.users, self.n_offices, len(self.municipalities)
        cost = self.cfg.users.sa_monthly_cost
        on_sa = users.benefit == Benefit.SOCIAL_ASSISTANCE
        self.muni_sa_cost = np.bincount(users.muni[on_sa], minlength=n_muni) * float(cost)
        self.sa_cost = np.bincount(users.office[on_sa], minlength=n_off) * float(cost)
        kinds = np.bincount(users.key, minlength=n_off * len(NeedGroup) * 4).reshape(
            n_off, len(NeedGroup), 2, 2
        )
        self.n_users = kinds.sum(axis=(1, 2, 3))
        self.n_users_complex = kinds[:, :, :, 1].sum(axis=(1, 2))
        self.n_waiting = kinds[:, :, 1, :].sum(axis=(1, 2))
        self.muni_users = np.bincount(users.muni, minlength=n_muni)

    # 4 -------------------------------------------------------------- leaders

    def leaders_act(self) -> None:
        """Leaders budget their hours, set the agenda, develop and gate (003 C2, C4, C13; M6)."""
        self.budget_leader_time()
        self.set_agendas()
        d = self.cfg.development
        self.work_on_development_areas(self.leader_dev_capacity, LEADER_AREAS, d.work_rate)
        self.dev_areas -= d.decay * (self.dev_areas - d.floor)
        self.gate_cooperation()

    def budget_leader_time(self) -> None:
        """The leader's hours left for development after everything else (003 C4, C12, C13).

        Operations, following each member council (003 §5.2), reorganisation, detail
        steering, double reporting without a joint plan, a host transition, meeting
        preparation and two-leader coordination take their shares; trust from the
        owners gives the leader room to use the rest (C4).
        """
        p, gov = self.cfg.partnership, self.gov
        load = p.leader_operations_share + p.leader_council_share * (self.office_n_munis - 1)
        if self.on.crowd_out_by_reorganisation:
            load = load + p.leader_reorganisation_share * self.reorg_load
        if self.on.steer_in_detail:
            load = load + p.detail_steering_hours * self.detail_steered
        load = load + p.leader_double_reporting * (gov.joint_plan == JointPlan.none)
        load = load + p.leader_transition_share * self.in_transition
        load = load + p.leader_meeting_share * self.is_meeting_month()
        two = np.array([lm == "two_leaders" for lm in self.leader_models])
        load = load + p.leader_two_leader_share * two
        trust_leader = 0.5 * (self.trust_leader_state + self.office_mean(self.rad_trust_leader))
        room = 0.5 + 0.5 * trust_leader
        self.leader_dev_capacity = np.clip((1 - load) * room * p.leader_room_scale, 0, 1)

    def set_agendas(self) -> None:
        """Each office's agenda strength: its most active leader's (003 C2, C6)."""
        if not self.on.set_agenda:
            self.agenda = np.zeros(self.n_offices)
            return
        self.agenda = self.office_activity * np.minimum(1.0, 0.3 + self.leader_dev_capacity)

    @property
    def office_activity(self) -> np.ndarray:
        """The most active leader's agenda-setting propensity per office (cached)."""
        key = (self.n_offices, len(self.leaders))
        if getattr(self, "_activity_key", None) != key:
            bonus = self.cfg.partnership.leader_social_work_bonus
            self._activity = np.array(
                [max(ld.propensity(bonus) for ld in here) for here in self.office_leaders]
            )
            self._activity_key = key
        return self._activity

    def gate_cooperation(self) -> None:
        """Leaders gate cross-unit cooperation by anchoring it (coop M6).

        The gate rises from ``gate_floor`` with the leader's development capacity and
        the office's relations to other units (area 13); knocked out, it is open.
        """
        c = self.cfg.cooperation
        if not self.on.gate_cooperation:
            self.gate = np.ones(self.n_offices)
            return
        anchoring = np.minimum(1, 2 * self.leader_dev_capacity) * (
            0.5 + 0.5 * self.dev_areas[:, AREA_RELATIONS]
        )
        self.gate = c.gate_floor + (1 - c.gate_floor) * anchoring

    def work_on_development_areas(
        self, capacity: np.ndarray, levels: np.ndarray, rate: float
    ) -> None:
        """Raise the state of the chosen development areas (003 §2.1, §7).

        A reorganisation takes its share of the capacity for area 8 (merger or
        cooperation) first: the "merger only" plans of 003 §3.2; the leader's hours
        that the reorganisation itself takes (``budget_leader_time``) are work on
        area 8 too.

        Args:
            capacity: Development capacity per office, in [0, 1].
            levels: Mask of the areas these actors work on.
            rate: State gained per unit of capacity per month.
        """
        if not self.on.develop_partnership:
            return
        k = self.cfg.development.areas_per_period
        merger = np.clip(self.reorg_load, 0, 1) if self.on.crowd_out_by_reorganisation else 0
        free = capacity * (1 - merger)
        effort = capacity * merger + self.cfg.partnership.leader_reorganisation_share * merger
        self.dev_areas[:, AREA_MERGER] += rate * effort * (1 - self.dev_areas[:, AREA_MERGER])
        cand = np.flatnonzero(levels)
        order = np.argsort(self.dev_areas[:, cand], axis=1, kind="stable")[:, :k]
        chosen = cand[order]
        rows = np.arange(self.n_offices)[:, None]
        self.dev_areas[rows, chosen] += (rate * free)[:, None] * (1 - self.dev_areas[rows, chosen])

    # 5 -------------------------------------------------------------- owners

    def is_meeting_month(self) -> np.ndarray:
        """Offices holding a partnership meeting this month (the årshjul, 003 §3).

        A host office in transition meets more often: its implementation phase
        (``transition_meetings_per_year``, 003 §5.2).
        """
        regular = self.calendar_month in meeting_months(self.gov.meetings_per_year)
        extra = self.calendar_month in meeting_months(
            self.cfg.partnership.transition_meetings_per_year
        )
        return np.where(self.in_transition, regular or extra, regular)

    def owners_act(self) -> None:
        """The owners' årshjul: meetings, detail steering, budgets, plans; then perceptions."""
        self.hold_partnership_meetings(np.flatnonzero(self.is_meeting_month()))
        if self.calendar_month in (3, 6, 9, 12):
            self.review_results()
        if self.calendar_month == 6:
            self.set_budgets()
        if self.calendar_month == 1:
            self.renew_joint_plan()
        self.relax_owner_states()
        self.update_host_transition()

    def attending_pairs(self, offices: np.ndarray) -> np.ndarray:
        """Catchment pairs whose rådmann attends the meetings of ``offices`` (003 §5.2).

        A single-municipality office's rådmann always attends; in a host office all
        rådmenn attend as ``governance.all_radmenn_attend`` says (``transition``: while
        the office is in transition), otherwise only the host's.

        Args:
            offices: Office indices holding a meeting.

        Returns:
            Pair indices.
        """
        rule = self.gov.all_radmenn_attend if self.on.transition_host_trust else Attendance.never
        everyone = (self.office_n_munis == 1) | (rule == Attendance.always)
        if rule == Attendance.transition:
            everyone = everyone | self.in_transition
        po = self.pair_office
        meets = np.zeros(self.n_offices, dtype=bool)
        meets[offices] = True
        attends = meets[po] & (everyone[po] | (self.pair_muni == self.office_host[po]))
        return np.flatnonzero(attends)

    def hold_partnership_meetings(self, offices: np.ndarray) -> None:
        """This month's partnership meetings, drawn from their participants' states.

        Each office holds at most one meeting a month; a rådmann whose municipality
        has several offices (a city's districts) sits in each of them.

        Args:
            offices: Office indices holding a meeting.
        """
        if len(offices) == 0:
            return
        pairs = self.attending_pairs(offices)
        po, pm = self.pair_office[pairs], self.pair_muni[pairs]
        outcome = self.draw_meeting_outcomes(offices, po, pm)
        self.meeting_outcomes[offices, outcome] += 1
        self.meetings_held[offices] += 1
        self.radmenn_attending += np.bincount(po, minlength=self.n_offices)
        n_muni = len(self.municipalities)
        seats = np.bincount(pm, minlength=n_muni)
        self.rad_attended = 1 - (1 - self.rad_attended) * 0.5**seats
        result = np.full(self.n_offices, NOTHING)
        result[offices] = outcome
        if self.on.update_trust:
            self.update_trust(result, po, pm)
        consensus = offices[outcome == CONSENSUS]
        if len(consensus):
            self.conclude_in_consensus(consensus, pm[result[po] == CONSENSUS])

    def draw_meeting_outcomes(
        self, offices: np.ndarray, po: np.ndarray, pm: np.ndarray
    ) -> np.ndarray:
        """Consensus, conflict or nothing (003 C1, C2, C18; ch5_9 §3.1: disputes are rare).

        Consensus is likelier with an agenda-setting leader, trust, good meeting frames
        and shared understanding (areas 3-4), a leader agreement, a joint plan and
        attentive rådmenn (C14, C20: the leader's central seat draws their attention);
        conflict with low trust and, in host offices, budget disputes in budget season,
        when budget talk also crowds out agreement on services (C18; less so with a
        joint pool).

        Args:
            offices: Office indices holding a meeting.
            po: Office of each attending pair.
            pm: Municipality of each attending pair.

        Returns:
            CONSENSUS, CONFLICT or NOTHING per office in ``offices``.
        """
        p, gov, n = self.cfg.partnership, self.gov, self.n_offices
        seats = np.maximum(np.bincount(po, minlength=n), 1)[offices]
        rad_trust = np.bincount(po, weights=self.rad_trust[pm], minlength=n)[offices] / seats
        attention = np.bincount(po, weights=self.rad_attention[pm], minlength=n)[offices] / seats
        trust = 0.5 * (rad_trust + self.trust_cd[offices])
        areas = self.dev_areas[offices][:, [AREA_MEETINGS, AREA_UNDERSTANDING]].mean(axis=1)
        logit_c = (
            p.consensus_intercept
            + p.consensus_agenda * self.agenda[offices]
            + p.consensus_trust * (trust - 0.5)
            + p.consensus_areas * (areas - 0.5)
            + p.leader_agreement_bonus * gov.leader_agreement
            + p.joint_plan_bonus * (gov.joint_plan != JointPlan.none)
            + p.consensus_attention * (attention - p.radmann_attention)
        )
        budget_season = self.calendar_month in (5, 6, 7, 8, 9, 10, 11)
        dispute = p.budget_dispute if gov.budget == Budget.separate else p.budget_dispute_joint
        budget_talk = (self.office_n_munis[offices] > 1) & budget_season
        logit_c = logit_c - p.budget_talk_consensus * dispute / p.budget_dispute * budget_talk
        logit_k = p.conflict_intercept - p.conflict_trust * (trust - 0.5) + dispute * budget_talk
        pc = 1 / (1 + np.exp(-logit_c))
        pk = 1 / (1 + np.exp(-logit_k))
        draw = self.rng.random(len(offices))
        return np.where(
            draw < pc, CONSENSUS, np.where(draw < pc + (1 - pc) * pk, CONFLICT, NOTHING)
        )

    def conclude_in_consensus(self, offices: np.ndarray, munis: np.ndarray) -> None:
        """After consensus: less felt dominance, owner-level development, a target group.

        Args:
            offices: Offices whose meeting ended in consensus.
            munis: The municipalities that sat in them (one entry per seat).
        """
        p, d = self.cfg.partnership, self.cfg.development
        steps = np.bincount(munis, minlength=len(self.municipalities))
        self.rad_dominance = np.clip(self.rad_dominance - p.dominance_consensus_step * steps, 0, 1)
        if self.on.develop_partnership:
            rows = offices[:, None]
            self.dev_areas[rows, OWNER_AREAS] += (
                d.owner_work_share * d.work_rate * (1 - self.dev_areas[rows, OWNER_AREAS])
            )
        self.adopt_target_group(offices)

    def adopt_target_group(self, offices: np.ndarray) -> None:
        """Owners may agree on a shared, locally chosen target group (003 C3, §8 fact 18).

        Likelier where strategic service development (area 17) is advanced; once adopted
        it stays. Its effects (satisfaction, cross-work) are switched by
        ``unite_around_target_group``.

        Args:
            offices: Offices whose owners just agreed in a meeting.
        """
        p = self.cfg.partnership
        open_ = offices[~self.target_group[offices]]
        chance = p.target_group_rate * (0.5 + self.dev_areas[open_, AREA_STRATEGY])
        self.target_group[open_[self.rng.random(len(open_)) < chance]] = True

    def update_trust(self, result: np.ndarray, po: np.ndarray, pm: np.ndarray) -> None:
        """Move trust after meetings: consensus builds it, conflict breaks it (003 C1, C4, C32).

        A rådmann who sat in several meetings this month is moved by each.

        Args:
            result: Outcome per office (NOTHING where no meeting was held).
            po: Office of each attending pair.
            pm: Municipality of each attending pair.
        """
        p, n_muni = self.cfg.partnership, len(self.municipalities)
        agreed, fought = result == CONSENSUS, result == CONFLICT
        gain = p.leader_trust_gain * (0.5 + self.agenda)
        seat_agreed, seat_fought = agreed[po], fought[po]
        keep_gap = np.bincount(  # product of (1 - rate) over the seats, through logs
            pm[seat_agreed],
            weights=np.full(seat_agreed.sum(), np.log1p(-p.trust_gain)),
            minlength=n_muni,
        )
        keep_level = np.bincount(
            pm[seat_fought],
            weights=np.full(seat_fought.sum(), np.log1p(-p.trust_loss)),
            minlength=n_muni,
        )
        keep_leader_gap = np.bincount(
            pm[seat_agreed], weights=np.log1p(-gain[po[seat_agreed]]), minlength=n_muni
        )
        self.rad_trust = (1 - (1 - self.rad_trust) * np.exp(keep_gap)) * np.exp(keep_level)
        self.rad_trust_leader = 1 - (1 - self.rad_trust_leader) * np.exp(keep_leader_gap)
        self.trust_cd[agreed] = nudge(self.trust_cd[agreed], 1.0, p.trust_gain)
        self.trust_cd[fought] = nudge(self.trust_cd[fought], 0.0, p.trust_loss)
        self.trust_leader_state[agreed] = nudge(self.trust_leader_state[agreed], 1.0, gain[agreed])

    def review_results(self) -> None:
        """Quarterly: owners detail-steer offices whose results are not acceptable (003 C5)."""
        p = self.cfg.partnership
        county = np.array([cd.county_id for cd in self.office_cd])
        ratio = np.ones(self.n_offices)
        for cid in np.unique(county):
            idx = county == cid
            mean = np.average(self.exit_rate[idx], weights=np.maximum(self.n_users[idx], 1))
            ratio[idx] = self.exit_rate[idx] / max(mean, 1e-9)
        self.results_ratio = ratio
        if not self.on.steer_in_detail:
            self.detail_steered[:] = False
            return
        host = [self.municipalities[h] for h in self.office_host]
        self.detail_steered = np.array(
            [
                host[o].judge_results(ratio[o], p.acceptable_results)
                or self.office_cd[o].judge_results(ratio[o], p.acceptable_results)
                for o in range(self.n_offices)
            ]
        )
        # detail steering narrows the leader's room (003 C4) and is felt as dominance
        self.trust_leader_state[self.detail_steered] *= 1 - p.detail_steering_trust_loss
        members = np.isin(self.pair_office, np.flatnonzero(self.detail_steered))
        self.rad_dominance[self.pair_muni[members]] = np.clip(
            self.rad_dominance[self.pair_muni[members]] + p.detail_steering_dominance, 0, 1
        )

    def set_budgets(self) -> None:
        """June: municipal budgets; each member's share of a host office's costs (003 §5.2)."""
        users = np.maximum(self.muni_users, 0).astype(float)
        for o in np.flatnonzero(self.office_n_munis > 1):
            members = self.pair_muni[self.pair_office == o]
            if self.gov.budget == Budget.separate:  # krone for krone: by use
                w = users[members]
            else:  # joint pool: by population
                w = self.muni_population[members]
            self.host_cost_share[members] = w / max(w.sum(), 1e-9)

    def renew_joint_plan(self) -> None:
        """January: a joint plan, where agreed, advances the plan structure (003 §7 area 6)."""
        if self.gov.joint_plan != JointPlan.none and self.on.develop_partnership:
            gain = self.cfg.development.joint_plan_gain
            self.dev_areas[:, AREA_PLANS] = nudge(self.dev_areas[:, AREA_PLANS], 1.0, gain)

    def relax_owner_states(self) -> None:
        """Monthly: trust relaxes without contact; perceptions and views follow."""
        p = self.cfg.partnership
        self.rad_trust = nudge(self.rad_trust, p.trust_baseline, p.trust_relax)
        self.trust_cd = nudge(self.trust_cd, p.trust_baseline, p.trust_relax)
        self.rad_trust_leader = nudge(self.rad_trust_leader, p.trust_baseline, p.trust_relax)
        self.trust_leader_state = nudge(self.trust_leader_state, p.trust_baseline, p.trust_relax)
        self.ord_trust = nudge(self.ord_trust, self.rad_trust, p.ordforer_trust_rate)
        self.rad_attended = nudge(self.rad_attended, 0.0, p.attendance_memory)
        muni_office = self.muni_main_office()
        self.perceive_dominance(muni_office)
        self.update_owner_views(muni_office)

    def perceive_dominance(self, muni_office: np.ndarray) -> None:
        """Perceived state dominance drifts to a level set by steering (003 §6.2, C17, C22).

        Detailed activity steering, a state-employed leader and no joint plan make the
        state felt; ordførere, further away, feel it less (61% R vs 44% O).

        Args:
            muni_office: Each municipality's (first) office.
        """
        p, gov = self.cfg.partnership, self.gov
        target = (
            p.dominance_steering
            if gov.steering == Steering.activity_indicators
            else p.dominance_dialogue
        )
        state_led = np.array([lm == "state" for lm in self.leader_models])[muni_office]
        target = (
            target
            + p.dominance_state_leader * state_led
            - p.dominance_joint_plan * (gov.joint_plan != JointPlan.none)
            - p.dominance_municipal_template * (gov.joint_plan == JointPlan.municipal_template)
        )
        self.rad_dominance = nudge(self.rad_dominance, target, p.dominance_rate)
        self.ord_dominance = nudge(
            self.ord_dominance, target - p.dominance_ordforer_offset, p.dominance_rate
        )

    def update_owner_views(self, muni_office: np.ndarray) -> None:
        """The owners' attention, influence and satisfaction (003 §6.2, §8 facts 1, 3, 6).

        Attention is set by the rådmann's role, the leader's placement and any
        reorganisation; influence and satisfaction are observation functions of
        dominance, attendance, attention, results and trust (their weights are fixed
        here: they feed the outputs, not the dynamics).

        Args:
            muni_office: Each municipality's (first) office.
        """
        p, gov = self.cfg.partnership, self.gov
        placed = p.placement_attention_bonus * (
            gov.leader_placement == LeaderPlacement.radmann_group
        )
        reorg = p.reorganisation_attention * self.reorg_load[muni_office]
        self.rad_attention = np.clip(p.radmann_attention + placed + reorg, 0, 1)
        politics = self.dev_areas[muni_office, AREA_POLITICS]
        self.ord_attention = np.clip(p.ordforer_attention + 0.2 * politics + 2 / 3 * reorg, 0, 1)
        results = np.clip(self.results_ratio[muni_office], 0, 2)
        self.rad_influence = np.clip(
            0.5 * (1 - self.rad_dominance) + 0.3 * self.rad_attended + 0.2 * self.rad_attention,
            0,
            1,
        )
        self.ord_influence = np.clip((1 - self.ord_dominance) * self.ord_attention, 0, 1)
        rad_target = np.clip(
            0.45
            + 0.25 * (results - 1)
            + 0.3 * (self.rad_trust - 0.5)
            + 0.2 * (self.rad_influence - 0.4),
            0,
            1,
        )
        self.rad_satisfaction = nudge(self.rad_satisfaction, rad_target, 0.1)
        ord_target = np.clip(0.45 + 0.15 * (results - 1) + 0.2 * (self.ord_trust - 0.5), 0, 1)
        self.ord_satisfaction = nudge(self.ord_satisfaction, ord_target, 0.1)

    def update_host_transition(self) -> None:
        """Host offices stay in transition until the non-host rådmenn trust the partnership.

        Its length is an outcome (003 §5.2: "tilstandsbasert"), not a constant.
        """
        p = self.cfg.partnership
        for o in np.flatnonzero(self.in_transition):
            members = self.pair_muni[self.pair_office == o]
            others = members[members != self.office_host[o]]
            self.transition_months[o] += 1
            if len(others) == 0 or self.rad_trust[others].mean() >= p.host_trust_threshold:
                self.in_transition[o] = False

    # 6 -------------------------------------------------------------- staff

    def update_staff(self) -> None:
        """Satisfaction, quits, moves to state posts, cross-work, ties (003 C3, C11; coop M12)."""
        self.staff_tenure += 1
        self.update_satisfaction()
        self.turn_over_staff()
        self.drift_cross_work()
        self.update_ties()
        self.fade_reorganisation()
        self.update_goodwill()

    def pay_gap_active(self) -> bool:
        """Whether different pay and terms are felt (003 C11)."""
        return self.on.compare_pay and not self.gov.harmonised_terms

    def update_satisfaction(self) -> None:
        """Staff satisfaction relaxes to a target set by team, pay, load and reorganisation."""
        s = self.cfg.staff
        o = self.staff_office
        municipal = self.staff_post == Employer.MUNICIPAL
        gap = (
            s.pay_gap * (1 - s.local_terms_effect * self.dev_areas[o, AREA_TERMS]) * municipal
            if self.pay_gap_active()
            else 0.0
        )
        shortage = np.clip(1 / np.maximum(self.hours_ratio[o, 0], 0.05) - 1, 0, 3)
        mixed = self.gov.team_model == TeamModel.mixed
        target_group = self.target_group[o] * self.on.unite_around_target_group
        target = (
            s.satisfaction_base
            + s.mixed_team_bonus * mixed
            - gap
            - s.load_sensitivity * shortage
            - s.reorganisation_dissatisfaction * self.reorg_load[o]
            + s.target_group_satisfaction * target_group
        )
        noise = self.rng.normal(0, s.satisfaction_noise, len(o))
        self.staff_satisfaction = nudge(
            self.staff_satisfaction, target + noise, s.satisfaction_rate
        )

    def turn_over_staff(self) -> None:
        """Quits by satisfaction; state vacancies draw municipal staff (003 C11); new hires.

        A new person starts with ties at their base: relations depend on people (coop M12).
        """
        s = self.cfg.staff
        p_quit = s.quit_rate * np.exp(
            s.quit_satisfaction_slope * (s.satisfaction_base - self.staff_satisfaction)
        )
        quits = np.flatnonzero(self.rng.random(len(p_quit)) < p_quit)
        move_p = s.move_to_state_rate * (1.0 if self.pay_gap_active() else s.move_without_gap)
        vacated = list(quits)
        available = self.staff_post == Employer.MUNICIPAL
        available[quits] = False
        slots = self.office_slots()
        for slot in quits[self.staff_post[quits] == Employer.STATE]:
            o = self.staff_office[slot]
            if self.rng.random() >= move_p:
                continue
            municipal = slots[o][available[slots[o]]]
            if len(municipal) == 0:
                continue
            mover = int(self.rng.choice(municipal))
            self.move_person(mover, int(slot))
            self.moves_to_state[o] += 1
            available[mover] = False
            vacated.remove(slot)
            vacated.append(mover)
        vacated = np.array(sorted(vacated), dtype=np.int64)
        self.leavers = np.bincount(self.staff_office[vacated], minlength=self.n_offices)
        self.hire(vacated)

    def office_slots(self) -> list[np.ndarray]:
        """Staff slots of each office (cached; posts keep their office between events)."""
        key = (self.n_offices, id(self.staff_office))
        if getattr(self, "_slots_key", None) != key:
            order = np.argsort(self.staff_office, kind="stable")
            bounds = np.searchsorted(self.staff_office[order], np.arange(self.n_offices + 1))
            self._slots = [order[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
            self._slots_key = key
        return self._slots

    def move_person(self, source: int, target: int) -> None:
        """A municipal employee takes a state post in the same office, keeping their ties.

        Args:
            source: Slot the person leaves.
            target: Slot (a state post) the person takes.
        """
        self.staff[target].remove()
        person = self.staff[source]
        person.move_to(target, Employer.STATE)
        self.staff[target] = person
        self.staff_satisfaction[target] = self.staff_satisfaction[source]
        state = np.array([Employer.STATE])
        self.staff_task_state[target] = self.draw_task_share(state)[0]
        self.staff_task_target[target] = self.draw_task_share(state, mixed=True)[0]
        self.staff_tenure[target] = self.staff_tenure[source]
        self.ties[target] = self.ties[source]
        self.staff[source] = None  # refilled by hire()

    def hire(self, slots: np.ndarray) -> None:
        """Fill vacated posts with new people (fresh ties, base satisfaction).

        Args:
            slots: Vacated slots.
        """
        if len(slots) == 0:
            return
        s, c = self.cfg.staff, self.cfg.cooperation
        for slot in slots:
            if self.staff[slot] is not None:
                self.staff[slot].remove()
            self.staff[slot] = Staff(self, int(slot), Employer(int(self.staff_post[slot])))
        self.staff_satisfaction[slots] = s.satisfaction_base
        self.staff_task_state[slots] = self.draw_task_share(self.staff_post[slots])
        self.staff_task_target[slots] = self.draw_task_share(self.staff_post[slots], mixed=True)
        self.staff_tenure[slots] = 0
        self.ties[slots] = c.tie_base

    def drift_cross_work(self) -> None:
        """Mixed teams draw staff towards working on both lines' tasks (003 §6.3, C3)."""
        s = self.cfg.staff
        municipal = self.staff_post == Employer.MUNICIPAL
        if self.gov.team_model == TeamModel.mixed:
            united = self.target_group[self.staff_office] * self.on.unite_around_target_group
            rate = s.cross_work_drift * (1 + s.target_group_drift * united)
            delegated = municipal & self.gov.delegated_state_decisions
            rate = rate * np.where(delegated, s.delegated_drift, 1.0)
            target = self.staff_task_target
        else:
            rate = s.cross_work_drift
            target = np.where(municipal, s.init_task_share_municipal, s.init_task_share_state)
        self.staff_task_state = nudge(self.staff_task_state, target, rate)

    def update_ties(self) -> None:
        """Joint cases and arenas build ties; without contact they decay (coop M9, M12, M13)."""
        c = self.cfg.cooperation
        self.ties -= c.tie_decay * (self.ties - c.tie_base)
        if not self.on.build_ties:
            return
        per_staff = self.contacts / np.maximum(self.n_staff, 1)[:, None]
        per_staff[:, ServiceKind.EMPLOYERS] = self.employer_hours / np.maximum(self.n_staff, 1) / 10
        growth = c.tie_case_gain * np.minimum(per_staff, 5.0)
        arena = (self.dev_areas[:, AREA_RELATIONS] > c.arena_threshold) | (
            self.gov.common_duty_to_cooperate == DutyToCooperate.after_2021
        )
        growth[:, : ServiceKind.EMPLOYERS] += c.arena_gain * arena[:, None]
        self.ties += growth[self.staff_office] * (1 - self.ties)
        np.clip(self.ties, 0, 1, out=self.ties)

    def fade_reorganisation(self) -> None:
        """Reorganisation load fades linearly over its months."""
        active = self.reorg_left > 0
        self.reorg_load[active] -= self.reorg_load[active] / self.reorg_left[active]
        self.reorg_left[active] -= 1
        self.reorg_load[self.reorg_left == 0] = 0.0

    def update_goodwill(self) -> None:
        """Employers are won by a fixed contact person and used up by failed placements (M1, M2)."""
        c = self.cfg.cooperation
        person = np.clip(self.employer_hours / c.contact_person_hours, 0, 1)
        self.goodwill = nudge(self.goodwill, 1.0, c.goodwill_gain * person)
        if self.on.use_up_employers:
            failed = self.failed_placements / np.maximum(self.n_users, 1) * 100
            self.goodwill = nudge(self.goodwill, 0.0, np.clip(c.goodwill_use * failed, 0, 1))

    # 7 -------------------------------------------------------------- events

    def fire_scheduled_events(self) -> None:
        """Run the scenario events due this month."""
        while self.events and self.events[0][0] <= self.month:
            _, action = self.events.pop(0)
            action()

    def form_host_offices(self, groups: list[list[int]], event: str, labels: list[str]) -> None:
        """§28 host offices (vertskommuner), each from the offices of one group.

        The first municipality of a group hosts. The non-host rådmenn start the new
        partnership with the trust a host arrangement must build (003 §5.2,
        L6153-6171) and attend its meetings while ``governance.all_radmenn_attend``
        says so; the transition lasts until their trust passes
        ``host_trust_threshold`` (an outcome); the leader follows every member's
        plans (``budget_leader_time``); the members' cost shares follow
        ``governance.budget`` from the event (``set_budgets``).

        Args:
            groups: Municipality indices per new office, host first.
            event: Scenario kind ("host_office" or "regionalisation").
            labels: Id base of each new office.
        """
        p = self.cfg.partnership
        ids: list[str] = []
        for label in labels:
            ids.append(new_office_id(self, label, set(ids)))
        new = form_offices(self, [(g, g[0], i) for g, i in zip(groups, ids, strict=True)], event)
        others = np.array([m for g in groups for m in g[1:]], dtype=np.int64)
        self.rad_trust[others] = np.minimum(self.rad_trust[others], p.host_trust_init)
        self.rad_trust_leader[others] = np.minimum(self.rad_trust_leader[others], p.host_trust_init)
        self.in_transition[new] = True
        self.transition_months[new] = 0
        self.begin_reorganisation(new)
        self.set_budgets()

    def merge_into_one_municipality(self, municipalities: list[int], label: str) -> None:
        """A municipal merger: one municipality and one office (003 §5.1).

        The most populous member continues; the old partnerships fade into the new
        one over a reorganisation (``begin_reorganisation``: the "temporary
        partnership" whose load falls linearly, 003 §5.1 L5785-5787).

        Args:
            municipalities: Municipality indices, the successor first.
            label: Id base of the new office.
        """
        successor = municipalities[0]
        merge_municipalities(self, municipalities, successor)
        office_id = new_office_id(self, label)
        new = form_offices(self, [([successor], successor, office_id)], "municipal_merger")
        self.begin_reorganisation(new)

    def admit_displaced_workers(self, muni: int, expected: float) -> None:
        """Workers laid off by a plant closure register as jobseekers (003 §5.3, Høyanger).

        Args:
            muni: Municipality index.
            expected: Expected registrations this month.
        """
        pairs = np.flatnonzero(self.pair_muni == muni)
        counts = np.zeros((len(self.pair_office), len(NeedGroup)), dtype=np.int64)
        share = self.pair_pop[pairs] / self.pair_pop[pairs].sum()
        counts[pairs, NeedGroup.JOBSEEKER] = self.rng.poisson(expected * share)
        self.create_users(counts)

    def set_local_demand(self, muni: int, factor: float) -> None:
        """The local labour market's effect on the exit-to-work hazard of one municipality.

        Args:
            muni: Municipality index.
            factor: Multiplier of the hazard (1 = normal).
        """
        self.local_demand[muni] = factor

    def set_labour_market(self, inflow: float, demand: float) -> None:
        """A recession: jobseeker inflow up, exits to work down, region-wide.

        Args:
            inflow: Multiplier of the jobseeker inflow.
            demand: Multiplier of the exit-to-work hazard.
        """
        self.inflow_factor[NeedGroup.JOBSEEKER] = inflow
        self.regional_demand = demand

    def settle_refugees(self, per_1000: float) -> None:
        """Refugees settled this month come to the office with cases for the refugee service.

        They arrive as social-assistance users (ch1_4 §8 fact 16: the SA population
        shifts towards immigrants) whose cases need the refugee service (coop §1).

        Args:
            per_1000: Expected settlements per 1,000 inhabitants this month.
        """
        counts = np.zeros((len(self.pair_office), len(NeedGroup)), dtype=np.int64)
        counts[:, NeedGroup.SOCIAL_ASSISTANCE] = self.rng.poisson(self.pair_pop / 1000 * per_1000)
        self.create_users(counts, forced_unit=ServiceKind.REFUGEE)

    def adopt_channel_strategy(self) -> None:
        """Reduced opening hours and digital channels (003 §5.3, C25).

        Front-desk hours are freed for follow-up; resource-strong users take more of
        the follow-up capacity through digital channels (``strong_weight``); resource-
        weak users, the complex cases, find it harder to get started.
        """
        sc = self.cfg.scenario
        self.reception_share = self.cfg.staff.reception_share * (1 - sc.reception_cut)
        self.strong_weight = 1 + sc.digital_load
        self.weak_access = 1 - sc.access_penalty

    def resource_weak(self) -> np.ndarray:
        """Users whom reduced opening hours hurt (003 C25): the complex cases."""
        return self.users.need_unit >= 0

    def record(self) -> None:
        """Record the month's rows (recorded months only; never during burn-in)."""
        if self.month >= 0 and self.month % self.cfg.record_every == 0:
            self.recorder.record()

    # ------------------------------------------------------------------ derived

    def office_mean(self, values: np.ndarray) -> np.ndarray:
        """Population-weighted mean over each office's municipalities.

        Args:
            values: One value per municipality.

        Returns:
            One value per office.
        """
        w = self.pair_pop
        num = np.bincount(
            self.pair_office, weights=values[self.pair_muni] * w, minlength=self.n_offices
        )
        return num / np.maximum(self.office_population, 1e-9)

    def municipal_office_costs(self) -> np.ndarray:
        """Each municipality's cost of its office's municipal staff, NOK per month.

        A host office's cost is split by ``host_cost_share`` (``governance.budget``,
        003 §5.2); a municipality alone in its offices bears their full cost.

        Returns:
            One value per municipality.
        """
        municipal = np.bincount(
            self.staff_office[self.staff_post == Employer.MUNICIPAL], minlength=self.n_offices
        )
        cost = municipal * self.cfg.staff.municipal_cost_per_staff
        shared = self.office_n_munis[self.pair_office] > 1
        share = np.where(shared, self.host_cost_share[self.pair_muni], 1.0)
        return np.bincount(
            self.pair_muni,
            weights=cost[self.pair_office] * share,
            minlength=len(self.municipalities),
        )

    def muni_main_office(self) -> np.ndarray:
        """The (first) office of each municipality."""
        out = np.zeros(len(self.municipalities), dtype=np.int64)
        out[self.pair_muni[::-1]] = self.pair_office[::-1]
        return out
