"""Structured configuration: every parameter of navsim, declared once (a package).

Each field carries its default, the range a sweep may explore, its unit and its
provenance (a section of ``shared/domain``, "calibrated" or "assumption") in the
dataclass field metadata. The experiment layer registers these dataclasses as the
Hydra schema; the model itself only ever sees plain dataclass instances, so a
notebook can build a model without Hydra::

    from sim import ModelConfig, NavPartnershipModel
    model = NavPartnershipModel(ModelConfig(), rng=1)

Domain references: ``003`` = ``domain/003_partnership_report.md``, ``ch1_4`` and
``ch5_9`` = the two expert-group files, ``coop`` = ``domain/000_002_004_cooperation.md``.
"""

from sim.config.checks import allowed_values, check_start, field_type, normalise, validate
from sim.config.cooperation import CooperationParams, DevelopmentParams, MechanismSwitches
from sim.config.declare import ConfigError, param, rule, with_values
from sim.config.economics import EconomicsParams
from sim.config.model import (
    GOVERNANCE_ENUMS,
    PARAMETER_GROUPS,
    PORTFOLIO_KEYWORDS,
    GovernanceConfig,
    ModelConfig,
    RegionConfig,
    iter_parameters,
)
from sim.config.partnership import PartnershipParams
from sim.config.scenario import SCENARIO_INPUTS, ScenarioConfig, scenario_names
from sim.config.size import SizeParams
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
    ScenarioKind,
    Steering,
    TeamModel,
)

__all__ = [
    "GOVERNANCE_ENUMS",
    "PARAMETER_GROUPS",
    "PORTFOLIO_KEYWORDS",
    "SCENARIO_INPUTS",
    "Attendance",
    "Budget",
    "ConfigError",
    "CooperationParams",
    "DevelopmentParams",
    "DutyToCooperate",
    "EconomicsParams",
    "GovernanceConfig",
    "JointPlan",
    "LeaderModel",
    "LeaderPlacement",
    "Measures",
    "MechanismSwitches",
    "ModelConfig",
    "PartnershipParams",
    "RegionConfig",
    "ScenarioConfig",
    "ScenarioKind",
    "SizeParams",
    "StaffParams",
    "SurveyParams",
    "Steering",
    "TeamModel",
    "UserParams",
    "allowed_values",
    "check_start",
    "field_type",
    "iter_parameters",
    "with_values",
    "normalise",
    "param",
    "rule",
    "scenario_names",
    "validate",
]
