"""NavPartnershipModel: the Nav partnership as a monthly agent-based model.

The model builds the region (``sim.build``) and runs the month's phases in the
order of DESIGN §2; each phase is a sub-model module (``sim.submodels``, ODD
element 7) over the declared state (``sim.state``):

1. ``admit_users``: inflow by population, labour market and need group;
2. ``allocate_staff_time`` and ``cooperate``: hour budgets, contacts;
3. ``resolve_outcomes``: exits to work, education, other; waiting; costs;
4. ``leaders_act``: development capacity, agenda, development areas, gating;
5. ``owners_act``: the årshjul: meetings, detail steering, budgets, plans; views;
6. ``update_staff``: satisfaction, turnover, cross-work, ties, reorganisation, goodwill;
7. ``fire_scheduled_events``: timed scenario events;
8. ``record``: the output tables.

The deciding actors (``Municipality``, ``CountyDirector``, ``NavLeader``) are Mesa
agents and take their decisions through ``sim.decisions``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import mesa
import networkx as nx
import numpy as np

from sim import anchoring, build
from sim.agents import CountyDirector, Municipality, NavLeader
from sim.config import ModelConfig, check_start, normalise
from sim.governance import compile_governance
from sim.networks import build_cooperation_graph, build_partnership_graph
from sim.recording import Recorder
from sim.regions import Region
from sim.scenarios import check_config, schedule_scenarios
from sim.state import (
    Catchment,
    MonthFlows,
    MunicipalityState,
    OfficeState,
    ScenarioInputs,
    StaffState,
)
from sim.submodels import (
    cooperation,
    inflow,
    leaders,
    meetings,
    outcomes,
    owner_views,
    reorganisation,
    staff_dynamics,
    staff_time,
    steering,
    ties,
)
from sim.users import UserPopulation
from sim.vocabulary import Employer, NeedGroup

logging.getLogger("MESA").setLevel(logging.WARNING)


class NavPartnershipModel(mesa.Model):
    """The Nav partnership of one region (one county, several, or all of Norway).

    Args:
        config: The run's configuration (defaults: Agder, the 2019 governance).
        rng: Seed material for the model's one generator (int, SeedSequence or Generator).

    Attributes:
        offices: Office state (``OfficeState``).
        munis: Municipal and owner state (``MunicipalityState``).
        staff: Staff posts (``StaffState``).
        pairs: Who serves whom (``Catchment``).
        users: The user records (``UserPopulation``).
        flows: This month's flows (``MonthFlows``).
        inputs: What scenario events change (``ScenarioInputs``).
        gov: The governance rules compiled (``sim.governance.Governance``).
    """

    offices: OfficeState
    munis: MunicipalityState
    staff: StaffState
    pairs: Catchment
    users: UserPopulation
    flows: MonthFlows
    inputs: ScenarioInputs
    region: Region
    municipalities: list[Municipality]
    county_directors: dict[str, CountyDirector]
    leaders: list[NavLeader]
    partnership_graph: nx.Graph
    cooperation_graph: nx.Graph

    def __init__(self, config: ModelConfig | None = None, rng=None) -> None:
        """Build the region, its agents, users and networks."""
        config = config if config is not None else ModelConfig()
        plan = check_config(config)  # the complete check, the office map included
        config = normalise(config)  # a copy: the caller's config is not changed
        if isinstance(rng, np.random.SeedSequence):
            rng = np.random.default_rng(rng)
        super().__init__(rng=rng)
        self.cfg = config
        self.gov = compile_governance(config)
        self.on = config.mechanisms
        self.month = -config.burn_in
        self.start_year, self.start_month = check_start(config.start)
        self.events: list[tuple[int, Callable[[], None]]] = []
        self.cache: dict[str, Any] = {}  # derived values, recomputed when their key changes
        self.decision_observer = None  # called with every per-actor decision (tests, app)
        build.build_offices(self)
        build.build_owners(self)
        build.build_leaders(self)
        build.build_staff(self)
        self.anchor = anchoring.anchor_states(self)  # anchored time: the start's survey values
        ties.settle_internal_ties(self)  # mature offices: the staff's ties where they settle
        build.build_service_units(self)
        build.seed_users(self)
        build.decide_agreements(self)
        self.exit_counts = np.zeros((len(NeedGroup), 3), dtype=np.int64)  # work, edu, other
        self.partnership_graph = build_partnership_graph(self)
        self.cooperation_graph = build_cooperation_graph(self)
        build.observe_initial_state(self)
        self.recorder = Recorder(self)
        self.scenario_plan = plan
        schedule_scenarios(self, self.scenario_plan)

    # ------------------------------------------------------------------ the month

    def step(self) -> None:
        """One month, in the order of DESIGN §2."""
        self.month += 1
        self.users.clock = self.month
        self.flows = MonthFlows.start(self.n_offices, len(self.municipalities), self.flows)
        self.admit_users()
        self.allocate_staff_time()
        self.cooperate()
        self.resolve_outcomes()
        self.leaders_act()
        self.owners_act()
        self.update_staff()
        if self.month <= 0:
            anchoring.hold_trends(self)  # the burn-in settles flows, not the surveys' trends
        self.fire_scheduled_events()
        self.record()

    def admit_users(self) -> None:
        """Phase 1: inflow (``submodels.inflow``)."""
        inflow.admit_users(self)

    def allocate_staff_time(self) -> None:
        """Phase 2a: hour budgets (``submodels.staff_time``)."""
        staff_time.allocate_staff_time(self)

    def cooperate(self) -> None:
        """Phase 2b: contacts on complex cases and with employers (``submodels.cooperation``)."""
        cooperation.cooperate_on_complex_cases(self)

    def resolve_outcomes(self) -> None:
        """Phase 3: exits, starts, waits, costs (``submodels.outcomes``)."""
        outcomes.resolve_user_outcomes(self)

    def leaders_act(self) -> None:
        """Phase 4: capacity, agenda, areas, gate (``submodels.leaders``)."""
        leaders.leaders_act(self)

    def owners_act(self) -> None:
        """Phase 5: the owners' årshjul, then their views.

        Sub-models ``meetings``, ``steering`` and ``owner_views``.
        """
        month = self.calendar_month
        steering.tally_review_window(self)
        steering.focus_director_attention(self)
        meetings.hold_partnership_meetings(self)
        if month in steering.REVIEW_MONTHS:
            steering.review_results(self)
        if month == steering.BUDGET_MONTH:
            steering.set_budgets(self)
        if month == steering.PLAN_MONTH:
            steering.renew_joint_plan(self)
        owner_views.relax_owner_states(self)
        owner_views.update_host_transition(self)

    def update_staff(self) -> None:
        """Phase 6: staff, ties, reorganisation, goodwill.

        Sub-models ``staff_dynamics``, ``ties`` (to the service units and inside the
        office), ``reorganisation``, ``cooperation``.
        """
        staff_dynamics.update_staff(self)
        ties.update_ties(self)
        ties.update_internal_ties(self)
        reorganisation.fade_reorganisation(self)
        cooperation.update_goodwill(self)

    def fire_scheduled_events(self) -> None:
        """Phase 7: run the scenario events due this month."""
        while self.events and self.events[0][0] <= self.month:
            _, action = self.events.pop(0)
            action()

    def record(self) -> None:
        """Phase 8: record the month's rows (recorded months only; never during burn-in)."""
        if self.month >= 0 and self.month % self.cfg.record_every == 0:
            self.recorder.record()

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

    def schedule(self, month: int, action: Callable[[], None]) -> None:
        """Schedule a scenario event for phase 7 of ``month``.

        Args:
            month: Model month (0 = the first recorded month).
            action: Callable run once in that month.
        """
        self.events.append((month, action))
        self.events.sort(key=lambda e: e[0])

    # ------------------------------------------------------------------ derived

    @property
    def n_offices(self) -> int:
        """Number of offices."""
        return len(self.offices.ids)

    @property
    def calendar_month(self) -> int:
        """Month of year (1-12) of the current model month (``start`` is month 0)."""
        return (self.start_month - 1 + self.month) % 12 + 1

    def overridden_municipalities(self) -> list[Municipality]:
        """Municipalities whose decisions someone other than the model's rule takes."""
        return [m for m in self.municipalities if m.overridden]

    def overridden_leaders(self) -> list[NavLeader]:
        """Leaders whose decisions someone other than the model's rule takes."""
        return [ld for ld in self.leaders if ld.overridden]

    def office_mean(self, values: np.ndarray) -> np.ndarray:
        """Population-weighted mean over each office's municipalities.

        Args:
            values: One value per municipality.

        Returns:
            One value per office.
        """
        pr = self.pairs
        num = np.bincount(pr.office, weights=values[pr.muni] * pr.pop, minlength=self.n_offices)
        return num / np.maximum(self.offices.population, 1e-9)

    def municipal_office_costs(self) -> np.ndarray:
        """Each municipality's cost of its office's municipal staff, NOK per month.

        A host office's cost is split by ``munis.host_cost_share`` (the cost key,
        003 §5.2); a municipality alone in its offices bears their full cost.

        Returns:
            One value per municipality.
        """
        st, pr = self.staff, self.pairs
        municipal = np.bincount(st.office[st.post == Employer.MUNICIPAL], minlength=self.n_offices)
        cost = municipal * self.cfg.staff.municipal_cost_per_staff
        shared = self.offices.n_munis[pr.office] > 1
        share = np.where(shared, self.munis.host_cost_share[pr.muni], 1.0)
        return np.bincount(
            pr.muni, weights=cost[pr.office] * share, minlength=len(self.municipalities)
        )

    def muni_main_office(self) -> np.ndarray:
        """The (first) office of each municipality."""
        out = np.zeros(len(self.municipalities), dtype=np.int64)
        out[self.pairs.muni[::-1]] = self.pairs.office[::-1]
        return out
