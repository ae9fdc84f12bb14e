"""The sub-models of ODD element 7, one module each, in the order ``step()`` runs them.

Each module is a set of small functions over the model's declared state
(``sim.state``); its docstring names its ODD section and the state it reads and
writes. Decisions are taken by the agents (``sim.agents``) through
``sim.decisions``; the sub-models carry the flows.
"""
