"""The deciding actors, as Mesa agents: identity and decisions.

Their hot state lives in the model's containers (``sim.state``); their decisions go
through ``sim.decisions`` so that a scripted strategy or a human player can take them.
Staff, service units and users are rows of arrays, not agents: nothing decides for
one of them alone.
"""

from sim.agents.county_director import CountyDirector
from sim.agents.municipality import Municipality
from sim.agents.nav_leader import NavLeader

__all__ = ["CountyDirector", "Municipality", "NavLeader"]
