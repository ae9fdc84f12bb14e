"""The governance rules, the region and ModelConfig: everything one run needs."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sim.config.cooperation import CooperationParams, DevelopmentParams, MechanismSwitches
from sim.config.declare import param, rule
from sim.config.partnership import PartnershipParams
from sim.config.scenario import ScenarioConfig
from sim.config.staff import StaffParams
from sim.config.survey import SurveyParams
from sim.config.users import UserParams
from sim.vocabulary import (
    Attendance,
    Budget,
    DutyToCooperate,
    JointPlan,
    LeaderModel,
    LeaderPlacement,
    Measures,
    Steering,
    TeamModel,
)


@dataclass
class GovernanceConfig:
    """Governance rules (DESIGN §4). Defaults: the 2019 situation of the 003 report."""

    leader_model: LeaderModel = rule(LeaderModel.observed, "ch5_9 §3.4: the Feb 2015 mix")
    leader_agreement: bool = rule(False, "003 §3: lederavtale found in Agder, not general")
    meetings_per_year: int = param(
        2, lo=0, hi=12, unit="per year", source="003 §3 (L4343-4351, L5563): about twice a year"
    )
    all_radmenn_attend: Attendance = rule(Attendance.transition, "003 §5.2 (L3741-3755)")
    joint_plan: JointPlan = rule(JointPlan.none, "003 §6.2: joint plans 'i liten grad'")
    budget: Budget = rule(Budget.separate, "003 §3 (L3736): krone for krone")
    portfolio: Any = rule("observed", "003 §3 (L8395-8409): observed shares of extras")
    team_model: TeamModel = rule(TeamModel.mixed, "003 §6.3: mixed teams rose 2014-2019")
    leader_placement: LeaderPlacement = rule(LeaderPlacement.kommunalsjef, "003 §3 (L4804-4811)")
    harmonised_terms: bool = rule(False, "003 §3 (L4743-4759): pay and terms differ")
    delegated_state_decisions: bool = rule(False, "003 §3 (L4767-4773): some offices only")
    steering: Steering = rule(Steering.activity_indicators, "ch5_9 §3.2: målekort 2015-2019")
    measures: Measures = rule(Measures.bought, "ch5_9 §2.3: the state buys most follow-up")
    common_duty_to_cooperate: DutyToCooperate = rule(
        DutyToCooperate.before_2021, "coop §5: NAV-loven §15a came in 2021"
    )


@dataclass
class RegionConfig:
    """A region: whole counties or a list of municipality ids (DESIGN §5)."""

    name: str = "agder"
    counties: list[Any] = field(default_factory=lambda: ["42"])
    municipalities: list[Any] = field(default_factory=list)
    # explicit office map: office label -> list of municipality ids (first = host)
    offices: dict[str, Any] = field(default_factory=dict)


@dataclass
class ModelConfig:
    """Everything one run needs (DESIGN §6 for time and recording)."""

    region: RegionConfig = field(default_factory=RegionConfig)
    # the office map at the start (DESIGN §5): present | 2019 | municipal
    structure: str = "present"
    governance: GovernanceConfig = field(default_factory=GovernanceConfig)
    scenario: ScenarioConfig = field(default_factory=ScenarioConfig)
    users: UserParams = field(default_factory=UserParams)
    staff: StaffParams = field(default_factory=StaffParams)
    partnership: PartnershipParams = field(default_factory=PartnershipParams)
    cooperation: CooperationParams = field(default_factory=CooperationParams)
    development: DevelopmentParams = field(default_factory=DevelopmentParams)
    survey: SurveyParams = field(default_factory=SurveyParams)
    mechanisms: MechanismSwitches = field(default_factory=MechanismSwitches)
    months: int = param(120, lo=0, hi=1200, unit="months")
    burn_in: int = param(24, lo=0, hi=600, unit="months")
    start: str = "2019-01"
    record_every: int = param(1, lo=1, hi=120, unit="months")
    summary_window: int = param(12, lo=1, hi=1200, unit="months")


PARAMETER_GROUPS = ("users", "staff", "partnership", "cooperation", "development", "survey")


def iter_parameters(cfg: ModelConfig | None = None):
    """Yield (dotted name, value, metadata) for every declared numeric parameter.

    Args:
        cfg: A configuration to read values from; the defaults when None.

    Yields:
        Tuples of the dotted key, its value and the field's metadata dict.
    """
    cfg = cfg or ModelConfig()
    for group in PARAMETER_GROUPS:
        obj = getattr(cfg, group)
        for f in dataclasses.fields(obj):
            yield f"{group}.{f.name}", getattr(obj, f.name), dict(f.metadata)
    for name in ("months", "burn_in", "record_every", "summary_window"):
        f = next(x for x in dataclasses.fields(ModelConfig) if x.name == name)
        yield name, getattr(cfg, name), dict(f.metadata)
    f = next(x for x in dataclasses.fields(GovernanceConfig) if x.name == "meetings_per_year")
    yield "governance.meetings_per_year", cfg.governance.meetings_per_year, dict(f.metadata)
    for f in dataclasses.fields(ScenarioConfig):
        if "lo" in f.metadata:
            yield f"scenario.{f.name}", getattr(cfg.scenario, f.name), dict(f.metadata)


GOVERNANCE_ENUMS: dict[str, type[Enum]] = {
    "leader_model": LeaderModel,
    "all_radmenn_attend": Attendance,
    "joint_plan": JointPlan,
    "budget": Budget,
    "team_model": TeamModel,
    "leader_placement": LeaderPlacement,
    "steering": Steering,
    "measures": Measures,
    "common_duty_to_cooperate": DutyToCooperate,
}
PORTFOLIO_KEYWORDS = ("observed", "minimum")
