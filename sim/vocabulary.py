"""The vocabulary of navsim: enums, kinds and area lists that every layer shares.

A leaf module: it imports nothing from ``sim`` (checked by import-linter), so the
configuration, the data layer, the sub-models and the agents can all name the same
things without importing each other.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

import numpy as np

# need groups in NeedGroup order, as they appear in parameter names
NEED_GROUP_KEYS = ("jobseeker", "situational", "reduced_capacity", "social_assistance")

# --------------------------------------------------------------------------- governance


class LeaderModel(StrEnum):
    """Who employs the Nav leader (DESIGN §4; ch5_9 §3.4)."""

    observed = "observed"  # the 2015 mix: ch5_9 §3.4 (313 state, 113 municipal, 28 two-leader)
    state = "state"
    municipal = "municipal"
    two_leaders = "two_leaders"


class Attendance(StrEnum):
    """Which rådmenn attend partnership meetings of a host office (003 §5.2)."""

    always = "always"
    transition = "transition"
    never = "never"


class JointPlan(StrEnum):
    """Joint virksomhetsplan variants (003 §3, "Joint VP variants")."""

    none = "none"
    state_template = "state_template"
    municipal_template = "municipal_template"


class Budget(StrEnum):
    """Krone-for-krone separate budgets or a joint pool (003 §3, L3736)."""

    separate = "separate"
    joint = "joint"


class TeamModel(StrEnum):
    """Team composition (003 §6.3, L8871-8880)."""

    single_employer = "single_employer"
    mixed = "mixed"


class LeaderPlacement(StrEnum):
    """The leader's seat in the municipal organisation (003 §3, area 10)."""

    kommunalsjef = "kommunalsjef"
    radmann_group = "radmann_group"


class Steering(StrEnum):
    """Målekort counting or dialogue on results (003 C22; ch5_9 §3.2)."""

    activity_indicators = "activity_indicators"
    results_dialogue = "results_dialogue"


class Measures(StrEnum):
    """Follow-up bought from providers or done by own job specialists (ch5_9 §2.3)."""

    bought = "bought"
    in_house = "in_house"


class DutyToCooperate(StrEnum):
    """The 2021 amendment, NAV-loven §15a (coop §5)."""

    before_2021 = "before_2021"
    after_2021 = "after_2021"


# --------------------------------------------------------------------------- scenarios


class ScenarioKind(StrEnum):
    """The scenarios of DESIGN §5; each is a class of ``sim/scenarios/``."""

    baseline = "baseline"
    host_office = "host_office"
    municipal_merger = "municipal_merger"
    regionalisation = "regionalisation"
    plant_closure = "plant_closure"
    refugee_inflow = "refugee_inflow"
    recession = "recession"
    channel_strategy = "channel_strategy"


STRUCTURAL_SCENARIOS = (
    ScenarioKind.host_office,
    ScenarioKind.municipal_merger,
    ScenarioKind.regionalisation,
)


# --------------------------------------------------------------------------- actors


class Role(StrEnum):
    """The roles of ``actors.parquet``."""

    RADMANN = "radmann"
    ORDFORER = "ordforer"
    COUNTY_DIRECTOR = "county_director"
    NAV_LEADER = "nav_leader"


class Employer(IntEnum):
    """Who employs a member of staff or a leader."""

    STATE = 0
    MUNICIPAL = 1


# --------------------------------------------------------------------------- users


class NeedGroup(IntEnum):
    """Need groups with their own flows (ch1_4 §2.3-2.8)."""

    JOBSEEKER = 0  # self-reliant jobseekers, standard innsats (§2.3)
    SITUATIONAL = 1  # "i arbeid med litt hjelp", situasjonsbestemt innsats (§2.4)
    REDUCED_CAPACITY = 2  # nedsatt arbeidsevne / AAP, spesielt tilpasset innsats (§2.7)
    SOCIAL_ASSISTANCE = 3  # økonomisk sosialhjelp and KVP (§2.8)


STATE_GROUPS = (NeedGroup.JOBSEEKER, NeedGroup.SITUATIONAL, NeedGroup.REDUCED_CAPACITY)


class Benefit(IntEnum):
    """The benefit a user lives on while in the system."""

    NONE = 0
    DAGPENGER = 1
    AAP = 2
    SOCIAL_ASSISTANCE = 3


class FollowUpGroup(IntEnum):
    """Innsatsgruppe set at assessment (ch1_4 §3)."""

    STANDARD = 0
    SITUATIONAL = 1
    SPECIAL = 2


class UserStatus(IntEnum):
    """Where a user is in the office's pipeline."""

    WAITING = 0  # registered, waiting for assessment and a first measure (ch5_9 §5)
    ACTIVE = 1  # in follow-up
    EXIT_WORK = 2
    EXIT_EDUCATION = 3
    EXIT_OTHER = 4


NO_UNIT = -1  # need_unit of a user without complex needs
NEVER = -30000  # last_contact of a user never contacted (an int16 month far in the past)


# --------------------------------------------------------------------------- service units


class ServiceKind(IntEnum):
    """The eight kinds of service unit around an office (DESIGN §2, §6)."""

    HEALTH = 0
    MENTAL_HEALTH = 1
    CHILD_WELFARE = 2
    HOUSING = 3
    REFUGEE = 4
    EDUCATION = 5
    SPECIALIST_HEALTH = 6
    EMPLOYERS = 7

    @property
    def label(self) -> str:
        """The snake_case name used in output columns (``contacts_<label>``)."""
        return self.name.lower()


UNIT_LABELS = [k.label for k in ServiceKind]
N_KINDS = len(ServiceKind)

# Extra municipal services that may be placed in the office: Table 5.2 (ch5_9 §2.3,
# L7003-7035), offices with the service out of 439, and the unit kind it belongs to.
SERVICE_EXTRAS: dict[str, tuple[int, ServiceKind]] = {
    "rus": (213, ServiceKind.MENTAL_HEALTH),
    "introduksjon": (210, ServiceKind.REFUGEE),
    "bostotte": (206, ServiceKind.HOUSING),
    "bosetting": (193, ServiceKind.REFUGEE),
    "booppfolging": (122, ServiceKind.HOUSING),
    "boliger": (99, ServiceKind.HOUSING),
    "stottekontakt": (90, ServiceKind.HEALTH),
    "psykisk_helse": (18, ServiceKind.MENTAL_HEALTH),
    "barnevern": (16, ServiceKind.CHILD_WELFARE),
    "omsorgslonn": (14, ServiceKind.HEALTH),
}
MINIMUM_PORTFOLIO = 5  # ch5_9 §2.3: advice, financial assistance, KVP, individual plan, housing


# --------------------------------------------------------------------------- development areas
# The 20 development areas of the Agder pilot (003 §7) and the levels they belong to.
# Each partnership holds a state in [0, 1] per area (``offices.dev_areas``); leaders
# work on office- and service-level areas, owners on owner-level areas (003 §2.1).

# (name in the report, levels: O = owner, F = office, S = service), in 003 §7 order
AREAS: list[tuple[str, str]] = [
    ("Samfunnsoppdrag og strategi", "OFS"),
    ("God og synlig ledelse", "O"),
    ("Rammer for partnerskapsmøter", "O"),
    ("Felles forståelse av oppdrag", "O"),
    ("Politisk dagsorden", "O"),
    ("Felles plan- og målstruktur", "O"),
    ("Plassering av oppgaver / portefølje", "O"),
    ("Sammenslåing / samarbeid", "O"),
    ("Vilkår ansatte", "F"),
    ("Plassering i kommuneorganisasjon", "F"),
    ("Dobbeltarbeid", "F"),
    ("Høy tjenestekvalitet og -volum", "S"),
    ("Godt forhold til andre enheter", "S"),
    ("Kommunal interesse / statlig forståelse", "S"),
    ("Tillit til Nav-leder", "OF"),
    ("Økonomisk handlingsrom", "OF"),
    ("Strategisk utvikling av tjenester", "OS"),
    ("Lokal tilpasning av tjenestetilbud", "OS"),
    ("Mange systemer", "FS"),
    ("Navs rolle for innbyggere", "FS"),
]
N_AREAS = len(AREAS)
OWNER_AREAS = np.array(["O" in levels for _, levels in AREAS])
LEADER_AREAS = np.array([("F" in levels or "S" in levels) for _, levels in AREAS])

# areas that feed mechanisms (0-based index = area number - 1)
AREA_MEETINGS = 2  # 3: meeting frames -> consensus
AREA_UNDERSTANDING = 3  # 4: shared understanding -> consensus
AREA_POLITICS = 4  # 5: political agenda -> ordfører attention
AREA_PLANS = 5  # 6: joint plan structure (advanced by a joint plan)
AREA_MERGER = 7  # 8: merger / cooperation (takes reorganisation capacity)
AREA_TERMS = 8  # 9: staff terms -> part of the pay gap
AREA_DOUBLE_WORK = 10  # 11: double work -> double reporting
AREA_QUALITY = 11  # 12: service quality -> exit hazard
AREA_RELATIONS = 12  # 13: relations to other units -> arenas, gate
AREA_STRATEGY = 16  # 17: strategic service development -> shared target group


# --------------------------------------------------------------------------- meetings

MONTHS_PER_YEAR = 12
STRUCTURES = ("present", "2019", "municipal")  # office maps at the start (DESIGN §5)
MAX_PER_OFFICE = 8  # 003 §5.2 (L6076-6122): up to 7 municipalities per host office, read
MIDPOINT = 0.5  # the middle of a state in [0, 1]: where it neither adds nor takes
CONSENSUS, CONFLICT, NOTHING = 0, 1, 2  # meeting outcomes (columns of meeting_outcomes)
GROUP_POOL = np.array([0, 0, 0, 1])  # follow-up pool of each need group: state 0, municipal 1
