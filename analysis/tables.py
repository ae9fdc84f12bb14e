"""The report's tables, computed from the results (plain pandas, no plotting).

Each function takes DataFrames (from :mod:`analysis.results`) and returns the table a
figure of :mod:`analysis.plots` draws and a reading of :mod:`analysis.readings` states;
the report writes each as CSV beside the figure.
"""

from __future__ import annotations

import dataclasses

import networkx as nx
import numpy as np
import pandas as pd

from analysis.results import MUNICIPALITY_MEASURES
from experiments.compare import compare
from experiments.posterior import DRAW
from sim.config import GovernanceConfig, iter_parameters

# The outcomes of the scenario comparison (issue 7), in this order.
COMPARED = (
    "exits_to_work",
    "exit_rate",
    "mean_wait_months",
    "social_assistance_cost",
    "trust_owners",
    "trust_leader_state",
    "trust_leader_municipal",
    "perceived_state_dominance",
    "cooperation_quality",
    "external_cooperation",
    "staff_turnover",
    "moves_to_state",
    "leader_dev_capacity",
    "exit_rate_complex",
)
# The time series drawn with replication bands.
SERIES = (
    "exits_to_work",
    "mean_wait_months",
    "social_assistance_cost",
    "trust_owners",
    "cooperation_quality",
    "staff_turnover",
)
WINDOW = 12  # months before an event and at the end, compared in the municipality view


def comparison(summary: pd.DataFrame, level: float = 0.90) -> pd.DataFrame:
    """``navsim-compare``'s paired differences for the compared outcomes present.

    Args:
        summary: One row per replication (``Results.summary``).
        level: Coverage of the intervals.

    Returns:
        :func:`experiments.compare.compare`'s table.

    Raises:
        experiments.compare.CompareError: When there is nothing to compare.
    """
    outcomes = [o for o in COMPARED if o in summary.columns]
    return compare(summary.drop(columns=["label"], errors="ignore"), outcomes=outcomes, level=level)


def bands(model: pd.DataFrame, outcomes: tuple[str, ...] = SERIES) -> pd.DataFrame:
    """Median and 5-95 % band over the replications, per design point, month and outcome.

    Args:
        model: The ``model`` table of every run, with ``label``.
        outcomes: Columns to summarise.

    Returns:
        Long rows: label, outcome, month, q05, median, q95, n (replications).
    """
    rows = []
    for outcome in [o for o in outcomes if o in model.columns]:
        g = model.groupby(["label", "month"], sort=False)[outcome]
        q = g.quantile([0.05, 0.5, 0.95]).unstack()
        q.columns = ["q05", "median", "q95"]
        q["n"] = g.count()
        q = q.reset_index().assign(outcome=outcome)
        rows.append(q)
    if not rows:
        return pd.DataFrame(columns=["label", "outcome", "month", "q05", "median", "q95", "n"])
    out = pd.concat(rows, ignore_index=True)
    return out[["label", "outcome", "month", "q05", "median", "q95", "n"]]


Z90 = 1.6448536269514722  # the normal 95% quantile: a 5-95% band is mean ± Z90 sd


def has_posterior(summary: pd.DataFrame) -> bool:
    """Whether the replications ran posterior draws (``navsim posterior=...``)."""
    return DRAW in summary.columns and bool(summary[DRAW].notna().any())


def uncertainty(summary: pd.DataFrame, outcomes: tuple[str, ...] = COMPARED) -> pd.DataFrame:
    """Per point and outcome: the spread over seeds and the spread over posterior draws.

    A one-way random-effects decomposition of the replications' window means, grouped by
    posterior draw (``posterior_draw``; S seeds per draw, ``posterior_seeds``): the seed
    variance is the mean within-draw variance, the parameter variance that of the draw
    means less the seed variance's share in them (S_w / S, at least 0). Each is shown as a
    5-95% band around the mean (mean ± 1.645 sd); the total band adds the two variances.
    With one seed per draw the two cannot be told apart: only the total is given.

    Args:
        summary: One row per replication, with ``label`` and ``posterior_draw``.
        outcomes: Columns to decompose (those present).

    Returns:
        Rows: label, outcome, draws, seeds_per_draw, mean, seed_lo, seed_hi,
        parameter_lo, parameter_hi, total_lo, total_hi, parameter_share; empty without
        posterior draws.
    """
    cols = [
        "label",
        "outcome",
        "draws",
        "seeds_per_draw",
        "mean",
        "seed_lo",
        "seed_hi",
        "parameter_lo",
        "parameter_hi",
        "total_lo",
        "total_hi",
        "parameter_share",
    ]
    if not has_posterior(summary):
        return pd.DataFrame(columns=cols)
    rows = []
    drawn = summary[summary[DRAW].notna()]
    for label, g in drawn.groupby("label", sort=False):
        for outcome in [o for o in outcomes if o in g.columns]:
            by = g.groupby(DRAW)[outcome]
            sizes = by.size()
            mean = float(g[outcome].mean())
            seeds = float(sizes.mean())
            if sizes.min() >= 2:
                within = float(by.var(ddof=1).mean())
                between = max(0.0, float(by.mean().var(ddof=1)) - within / seeds)
                if len(sizes) < 2:
                    between = float("nan")
                total = within + between
            else:
                within = between = float("nan")
                total = float(g[outcome].var(ddof=1))
            share = between / total if total > 0 else float("nan")
            rows.append(
                {
                    "label": label,
                    "outcome": outcome,
                    "draws": len(sizes),
                    "seeds_per_draw": seeds,
                    "mean": mean,
                    "seed_lo": mean - Z90 * np.sqrt(within),
                    "seed_hi": mean + Z90 * np.sqrt(within),
                    "parameter_lo": mean - Z90 * np.sqrt(between),
                    "parameter_hi": mean + Z90 * np.sqrt(between),
                    "total_lo": mean - Z90 * np.sqrt(total),
                    "total_hi": mean + Z90 * np.sqrt(total),
                    "parameter_share": share,
                }
            )
    return pd.DataFrame(rows, columns=cols)


def members(munis: pd.DataFrame, lineage: pd.DataFrame) -> pd.DataFrame:
    """The municipalities inside the offices a structural event formed.

    Args:
        munis: ``municipalities`` rows of one design point.
        lineage: ``offices_lineage`` rows of the same point.

    Returns:
        municipality_id, name, new office_id, event and the event's month.
    """
    first = lineage.drop_duplicates(["office_id", "predecessor_id"])
    month = int(first["month"].min())
    before = munis[munis["month"] == month - 1] if month > 0 else munis[munis["month"] == month]
    pre = before.drop_duplicates("municipality_id")[["municipality_id", "name", "office_id"]]
    pre = pre.merge(
        first[["office_id", "predecessor_id", "event", "month"]].rename(
            columns={"office_id": "new_office", "predecessor_id": "office_id"}
        ),
        on="office_id",
    )
    return pre.drop(columns="office_id").rename(columns={"new_office": "office_id"})


def municipality_view(
    munis: pd.DataFrame,
    lineage: pd.DataFrame,
    label: str,
    baseline: str | None,
    window: int = WINDOW,
) -> pd.DataFrame:
    """Each member municipality's measures before and after its office changed.

    Before: the ``window`` months before the event; after: the last ``window``
    recorded months; both averaged over months and replications. With a baseline,
    ``<measure>_baseline`` is the baseline's value in the same last months.

    Args:
        munis: The ``municipalities`` table of every run (with ``label``).
        lineage: The ``offices_lineage`` table of every run (with ``label``).
        label: The design point.
        baseline: The baseline's label, or None.
        window: Months in each window (the runs' summary window).

    Returns:
        One row per member municipality: ids, office, population share within the new
        office, and ``<measure>_before``, ``_after``, ``_change`` (and ``_baseline``).
    """
    own = munis[munis["label"] == label]
    lin = lineage[lineage["label"] == label]
    if own.empty or lin.empty:
        return pd.DataFrame()
    mem = members(own, lin)
    if mem.empty or mem["month"].isna().all():  # e.g. an office formed at month 0
        return pd.DataFrame()
    month = int(mem["month"].min())
    last = int(own["month"].max())
    measures = [m for m in MUNICIPALITY_MEASURES if m in own.columns]
    ids = set(mem["municipality_id"])

    def mean_over(df: pd.DataFrame, lo: int, hi: int) -> pd.DataFrame:
        w = df[df["municipality_id"].isin(ids) & df["month"].between(lo, hi)]
        return w.groupby("municipality_id")[measures].mean()

    before = mean_over(own, max(0, month - window), max(0, month - 1))
    after = mean_over(own, last - window + 1, last)
    pop = own[own["month"] == max(0, month - 1)].groupby("municipality_id")["population"].mean()
    out = mem.set_index("municipality_id")
    out["population"] = pop.reindex(out.index)
    out["population_share"] = out["population"] / out.groupby("office_id")["population"].transform(
        "sum"
    )
    for m in measures:
        out[f"{m}_before"] = before[m].reindex(out.index)
        out[f"{m}_after"] = after[m].reindex(out.index)
        out[f"{m}_change"] = out[f"{m}_after"] - out[f"{m}_before"]
    if baseline is not None and baseline != label:
        base = mean_over(munis[munis["label"] == baseline], last - window + 1, last)
        for m in measures:
            out[f"{m}_baseline"] = base[m].reindex(out.index)
    out.insert(0, "label", label)
    return out.reset_index().sort_values(["office_id", "population"], ascending=[True, False])


def region_graph(munis: pd.DataFrame) -> nx.Graph:
    """The partnership graph of one month: municipality - office - county director.

    Built from ``municipalities.parquet`` rows (the county is the id's first two
    digits), the same structure as ``sim.networks.build_partnership_graph``.

    Args:
        munis: One month of one run.

    Returns:
        Nodes ("municipality", id), ("office", id), ("county_director", county) with
        ``kind`` and ``label``.
    """
    g = nx.Graph()
    for r in munis.itertuples(index=False):
        m, o = ("municipality", r.municipality_id), ("office", r.office_id)
        cd = ("county_director", str(r.municipality_id)[:2])
        g.add_node(m, kind="municipality", label=r.name)
        g.add_node(o, kind="office", label=r.office_id)
        g.add_node(cd, kind="county_director", label=cd[1])
        g.add_edge(m, o)
        g.add_edge(o, cd)
    return g


def graph_layout(before: nx.Graph, after: nx.Graph, seed: int = 1) -> dict[tuple, np.ndarray]:
    """Node positions for both pictures, on the map, so that they can be compared.

    Municipalities at their centroids (``analysis.maps``, km); an office at the mean of
    its municipalities; a county director above the region. A graph whose
    municipalities the geography does not know gets a spring layout (fixed seed).

    Args:
        before: The graph before the event.
        after: The graph after it.
        seed: The layout's seed.

    Returns:
        Node -> position.
    """
    from analysis.maps import positions_on_map

    pos = positions_on_map((before, after), lambda node: node[1])
    if not pos:
        k = 1.2 / np.sqrt(max(before.number_of_nodes(), 1))
        pos = dict(nx.spring_layout(before, seed=seed, k=k))
    for graph in (before, after):
        for node in graph.nodes:
            if node not in pos and node[0] == "office":
                near = [pos[n] for n in graph.neighbors(node) if n[0] == "municipality"]
                pos[node] = np.mean(near, axis=0) if near else np.zeros(2)
    for node in after.nodes:
        if node not in pos:
            near = [pos[n] for n in after.neighbors(node) if n in pos and n[0] == "municipality"]
            pos[node] = np.mean(near, axis=0) if near else np.zeros(2)
    return pos


def graph_state(
    munis: pd.DataFrame,
    offices: pd.DataFrame,
    label: str,
    month: int,
    outcome: str,
    over: tuple[int, int] | None = None,
) -> tuple[nx.Graph, dict[tuple, float]]:
    """A design point's partnership graph at ``month`` and each office's outcome there.

    The structure is replicate 0's (the office map does not depend on the seed); the
    value is the mean over replications (and over the months ``over``, first and last
    included, when given: a window rather than one month of a saw-tooth). A
    municipality's office is its main office (a city split into district offices shows
    one), so only those offices get values.

    Args:
        munis: ``municipalities`` of every run.
        offices: ``offices`` of every run.
        label: The design point.
        month: The month.
        outcome: An ``offices`` column, e.g. ``trust_owners``.
        over: The months averaged (default: ``month`` alone).

    Returns:
        The graph and office node -> value.
    """
    m = munis[(munis["label"] == label) & (munis["month"] == month)]
    first = m[m["replicate"] == m["replicate"].min()]
    g = region_graph(first)
    lo, hi = over or (month, month)
    o = offices[(offices["label"] == label) & offices["month"].between(lo, hi)]
    values = o.groupby("office_id")[outcome].mean()
    return g, {("office", k): float(v) for k, v in values.items() if ("office", k) in g}


def transition_durations(offices: pd.DataFrame, lineage: pd.DataFrame) -> pd.DataFrame:
    """How long each new host office stayed in its trust transition, per replication.

    A new office is in transition until its non-host rådmenn trust the partnership
    (``sim.model.update_host_transition``); ``transition_months`` counts the months.

    Args:
        offices: ``offices`` of every run.
        lineage: ``offices_lineage`` of every run.

    Returns:
        One row per run and new office: label, run_id, replicate, office_id, event,
        months (in transition), ended (False: still in transition at the last month).
    """
    if lineage.empty or "in_transition" not in offices:
        return pd.DataFrame()
    new = lineage.drop_duplicates(["run_id", "office_id"])[["run_id", "office_id", "event"]]
    last = offices.loc[offices.groupby(["run_id", "office_id"])["month"].idxmax()]
    out = last.merge(new, on=["run_id", "office_id"])
    out = out.assign(
        months=out["transition_months"].astype(int), ended=~out["in_transition"].astype(bool)
    )
    # a merged office with one member never enters a transition
    out = out[(out["months"] > 0) | out["ended"].eq(False)]
    return out[["label", "run_id", "replicate", "office_id", "event", "months", "ended"]]


def transition_summary(durations: pd.DataFrame) -> pd.DataFrame:
    """Median and 5-95 % of the transition length per design point.

    Args:
        durations: From :func:`transition_durations`.

    Returns:
        label, offices (office-replications), median, q05, q95, still_open (share not
        ended by the last month).
    """
    g = durations.groupby("label", sort=False)["months"]
    out = pd.DataFrame(
        {
            "offices": g.size(),
            "median": g.median(),
            "q05": g.quantile(0.05),
            "q95": g.quantile(0.95),
            "still_open": 1 - durations.groupby("label", sort=False)["ended"].mean(),
        }
    )
    return out.reset_index()


def provenance_kind(source: str) -> str:
    """A parameter's provenance class: assumption, partly assumption, calibrated, report."""
    s = source.lower().strip()
    if s.startswith("assumption") or not s:
        return "assumption"
    if "assumption" in s:
        return "partly_assumption"
    if s.startswith("calibrated"):
        return "calibrated"
    return "report"


def parameter_provenance(varied: list[str] | None = None) -> pd.DataFrame:
    """Every declared parameter and governance rule with its provenance (``sim/config/``).

    Args:
        varied: Settings varied in the results (marked ``varied``).

    Returns:
        key, default, unit, source, kind (:func:`provenance_kind`), varied.
    """
    varied = set(varied or [])
    rows = [
        {
            "key": key,
            "default": value,
            "unit": meta.get("unit", ""),
            "source": meta.get("source", ""),
        }
        for key, value, meta in iter_parameters()
        if key not in ("months", "burn_in", "record_every", "summary_window")
    ]
    gov = GovernanceConfig()
    declared = {r["key"] for r in rows}
    for f in dataclasses.fields(GovernanceConfig):
        if f"governance.{f.name}" in declared:
            continue
        value = getattr(gov, f.name)
        rows.append(
            {
                "key": f"governance.{f.name}",
                "default": getattr(value, "value", value),
                "unit": "rule",
                "source": f.metadata.get("source", ""),
            }
        )
    df = pd.DataFrame(rows)
    df["default"] = df["default"].astype(str)
    df["kind"] = df["source"].map(provenance_kind)
    df["varied"] = df["key"].isin(varied)
    return df
