"""Roles and employers as enums (DESIGN §6 ``actors.parquet`` role values)."""

from enum import IntEnum, StrEnum


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
