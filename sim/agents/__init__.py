"""Mesa agents: identity and decisions; their hot state lives in the model's arrays."""

from sim.agents.county_director import CountyDirector
from sim.agents.municipality import Municipality
from sim.agents.nav_leader import NavLeader
from sim.agents.roles import Employer, Role
from sim.agents.service_unit import ServiceUnit
from sim.agents.staff import Staff

__all__ = [
    "CountyDirector",
    "Employer",
    "Municipality",
    "NavLeader",
    "Role",
    "ServiceUnit",
    "Staff",
]
