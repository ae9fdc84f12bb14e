"""The 14 governance rules compiled once per run into what the sub-models read (ODD 7.14).

``compile_governance(cfg)`` turns ``cfg.governance`` (DESIGN §4) into a frozen
``Governance`` of flags, factors and calendars. Sub-models read these inputs and never
the rules themselves, so each rule's effect on the mechanisms is listed here, once.
The leader model and the portfolio shape the region when it is built
(``sim.regions.build_region``) and are not compiled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config import ModelConfig
from sim.vocabulary import (
    Attendance,
    Budget,
    DutyToCooperate,
    JointPlan,
    LeaderPlacement,
    Measures,
    Steering,
    TeamModel,
)

FIRST_MEETING_MONTH = 3  # the årshjul's first partnership meeting: March (003 §3)


def meeting_months(per_year: int) -> frozenset[int]:
    """Calendar months of ``per_year`` meetings spread over the year, the first in March.

    Args:
        per_year: Meetings a year (0 = none).

    Returns:
        Calendar months (1-12).
    """
    months = {
        int(np.floor(i * 12 / per_year)) + FIRST_MEETING_MONTH for i in range(max(per_year, 0))
    }
    return frozenset((m - 1) % 12 + 1 for m in months)


@dataclass(frozen=True, slots=True)
class Governance:
    """The governance rules as inputs of the mechanisms.

    Attributes:
        meeting_months: Calendar months of the regular partnership meetings.
        transition_meeting_months: Extra months a host office in transition meets.
        attendance: Which rådmenn of a host office attend (``all_radmenn_attend``).
        leader_agreement: A lederavtale is signed (consensus bonus).
        joint_plan: Any joint plan (less double reporting, consensus, dominance).
        municipal_template: The joint plan is on the municipal template (dominance).
        joint_budget: A host office's costs are pooled by population, not by use.
        mixed_teams: Mixed teams (satisfaction, cross-work drift).
        radmann_group: The leader sits in the rådmann's leader group (attention).
        harmonised_terms: Harmonised pay and terms (no pay gap felt).
        delegated_state_decisions: Municipal staff decide on state measures.
        indicator_steering: Målekort counting instead of dialogue on results.
        duty_2021: The §15a duty to cooperate (2021) is in force.
        employer_share: Share of staff hours on employer contact.
        cooperation_share: Share of staff hours on cooperation.
        municipal_state_work: Effectiveness of municipal staff on state tasks.
        contact_duty: Factor of the duty on the contact rate with service units.
    """

    meeting_months: frozenset[int]
    transition_meeting_months: frozenset[int]
    attendance: Attendance
    leader_agreement: bool
    joint_plan: bool
    municipal_template: bool
    joint_budget: bool
    mixed_teams: bool
    radmann_group: bool
    harmonised_terms: bool
    delegated_state_decisions: bool
    indicator_steering: bool
    duty_2021: bool
    employer_share: float
    cooperation_share: float
    municipal_state_work: float
    contact_duty: float


def compile_governance(cfg: ModelConfig) -> Governance:
    """Compile ``cfg.governance`` into the inputs the sub-models read.

    Args:
        cfg: A validated configuration.

    Returns:
        The compiled rules.
    """
    gov, s, c = cfg.governance, cfg.staff, cfg.cooperation
    duty = gov.common_duty_to_cooperate == DutyToCooperate.after_2021
    return Governance(
        meeting_months=meeting_months(gov.meetings_per_year),
        transition_meeting_months=meeting_months(cfg.partnership.transition_meetings_per_year),
        attendance=Attendance(gov.all_radmenn_attend),
        leader_agreement=bool(gov.leader_agreement),
        joint_plan=gov.joint_plan != JointPlan.none,
        municipal_template=gov.joint_plan == JointPlan.municipal_template,
        joint_budget=gov.budget != Budget.separate,
        mixed_teams=gov.team_model == TeamModel.mixed,
        radmann_group=gov.leader_placement == LeaderPlacement.radmann_group,
        harmonised_terms=bool(gov.harmonised_terms),
        delegated_state_decisions=bool(gov.delegated_state_decisions),
        indicator_steering=gov.steering == Steering.activity_indicators,
        duty_2021=duty,
        employer_share=s.employer_share
        + (s.in_house_employer_share if gov.measures == Measures.in_house else 0.0),
        cooperation_share=s.cooperation_share * (s.duty_2021_cooperation_hours if duty else 1.0),
        municipal_state_work=1.0 if gov.delegated_state_decisions else s.municipal_state_work,
        contact_duty=c.duty_2021_factor if duty else 1.0,
    )
