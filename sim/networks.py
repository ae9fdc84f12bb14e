"""The partnership graph and the cooperation graph (DESIGN §2, "Networks").

networkx holds the structure and serves analysis and drawing; the monthly hot path
reads and writes tie strengths in the model's ``ties`` array (staff slot x service
kind), aligned with the cooperation graph's edges through the ``tie`` edge attribute
(the flat index ``slot * N_KINDS + kind``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from sim.vocabulary import N_KINDS, ServiceKind

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel


def build_partnership_graph(model: NavPartnershipModel) -> nx.Graph:
    """Municipality - office - county director (an office may serve several municipalities).

    Args:
        model: The model (its region, offices and county directors).

    Returns:
        An undirected graph with node attribute ``kind`` ("municipality", "office",
        "county_director") and ``label``.
    """
    g = nx.Graph()
    for m in model.municipalities:
        if model.munis.alive[m.index]:  # merged municipalities leave the graph
            g.add_node(("municipality", m.index), kind="municipality", label=m.name)
    for o, oid in enumerate(model.offices.ids):
        g.add_node(("office", o), kind="office", label=oid)
    for cd in model.county_directors.values():
        g.add_node(("county_director", cd.county_id), kind="county_director", label=cd.county_id)
        for o in cd.offices:
            g.add_edge(("office", o), ("county_director", cd.county_id))
    for o, m in zip(model.pairs.office, model.pairs.muni, strict=True):
        g.add_edge(("municipality", int(m)), ("office", int(o)))
    return g


def build_cooperation_graph(model: NavPartnershipModel) -> nx.Graph:
    """Staff posts and leaders linked to the service units of their municipality.

    Args:
        model: The model (staff slots, leaders and service units).

    Returns:
        A graph whose staff-unit edges carry ``tie``, the index into the flat
        ``model.staff.ties`` array; leader-unit edges carry ``tie=-1``.
    """
    g = nx.Graph()
    for m in range(len(model.municipalities)):
        for kind in ServiceKind:
            g.add_node(("unit", m, int(kind)), kind="unit", unit=kind.label, municipality=m)
    slots = np.arange(len(model.staff.office))
    for s in slots:
        g.add_node(("staff", int(s)), kind="staff", office=int(model.staff.office[s]))
    edges = [
        (("staff", int(s)), ("unit", int(model.staff.muni[s]), k), {"tie": int(s) * N_KINDS + k})
        for s in slots
        for k in range(N_KINDS)
    ]
    g.add_edges_from(edges)
    for leader in model.leaders:
        node = ("leader", leader.unique_id)
        g.add_node(node, kind="leader", office=leader.office)
        host = int(model.offices.host[leader.office])
        g.add_edges_from((node, ("unit", host, k), {"tie": -1}) for k in range(N_KINDS))
    return g


def tie_strengths(model: NavPartnershipModel, graph: nx.Graph) -> dict[tuple, float]:
    """Current tie strength of every staff-unit edge, read from the hot array.

    Args:
        model: The model.
        graph: Its cooperation graph.

    Returns:
        Edge -> strength, for drawing or analysis.
    """
    flat = model.staff.ties.ravel()
    return {(u, v): float(flat[d["tie"]]) for u, v, d in graph.edges(data=True) if d["tie"] >= 0}
