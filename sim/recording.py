"""Output tables of DESIGN §6, recorded as aggregates (no row per agent per month).

Every recorded month appends one block of columns (numpy arrays) per table; the
blocks become DataFrames once, at the end. ``sim`` writes no files: the experiment
layer adds ``run_id``/``replicate`` and writes parquet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.submodels import office_size
from sim.submodels.steering import director_attention
from sim.survey import equality_view
from sim.vocabulary import UNIT_LABELS, Employer, JointPlan, Role

if TYPE_CHECKING:
    from sim.model import NavPartnershipModel

# offices.parquet columns summed in model.parquet; every other numeric column is a
# staff-weighted mean (mean_wait_months: weighted by follow-up starts).
SUM_COLUMNS = (
    "n_municipalities",
    "population",
    "n_staff",
    "n_staff_state",
    "n_staff_municipal",
    "n_users",
    "n_users_complex",
    "n_waiting",
    "inflow",
    "exits_to_work",
    "exits_to_work_complex",
    "exits_to_education",
    "exits_other",
    "starts",
    "social_assistance_cost",
    "meetings_held",
    "radmenn_attending",
    "meetings_consensus",
    "meetings_conflict",
    "moves_to_state",
    "leavers",
    *[f"contacts_{u}" for u in UNIT_LABELS],
    "followup_hours",
)
# states and perceptions, in [0, 1] (DESIGN §6)
STATE_COLUMNS = (
    "trust_owners",
    "trust_leader_state",
    "trust_leader_municipal",
    "perceived_state_dominance",
    "perceived_equality",
    "cooperation_quality",
    "internal_cooperation",
    "external_cooperation",
    "cross_work_share",
    "team_satisfaction",
    "staff_turnover",
    "leader_dev_capacity",
)
OUTCOMES = (
    "n_users",
    "exits_to_work",
    "mean_wait_months",
    "social_assistance_cost",
    *STATE_COLUMNS,
    "moves_to_state",
    "meetings_held",
)


# The tables a Recorder returns (DESIGN §6), in this order; the runner adds ``summary``.
RECORDED_TABLES = ("offices", "municipalities", "actors", "model", "offices_lineage")


class Recorder:
    """Collects the per-month blocks of the output tables.

    Args:
        model: The model to record.
    """

    def __init__(self, model: NavPartnershipModel) -> None:
        """Start with no recorded month."""
        self.model = model
        self.blocks: dict[str, list[dict[str, np.ndarray]]] = {
            "offices": [],
            "municipalities": [],
            "actors": [],
            "model": [],
        }
        self.months: list[int] = []

    def has(self, month: int) -> bool:
        """Whether ``month`` has been recorded."""
        return month in self.months

    def record(self) -> None:
        """Append the current month to every table."""
        m = self.model
        self.months.append(m.month)
        offices = self.office_block()
        self.blocks["offices"].append(offices)
        self.blocks["model"].append(aggregate_block(offices))
        self.blocks["municipalities"].append(self.municipality_block())
        self.blocks["actors"].append(self.actor_block(offices))

    # ------------------------------------------------------------------ blocks

    def office_block(self) -> dict[str, np.ndarray]:
        """One row per office: the columns of ``offices.parquet``."""
        m = self.model
        n = m.n_offices
        o = m.staff.office
        n_staff = np.bincount(o, minlength=n)
        n_state = np.bincount(o[m.staff.post == Employer.STATE], minlength=n)
        task = m.staff.task_state
        cross = np.bincount(o, weights=(task >= 0.35) & (task <= 0.65), minlength=n)
        sat = np.bincount(o, weights=m.staff.satisfaction, minlength=n)
        internal = np.bincount(o, weights=m.staff.internal_tie, minlength=n)
        team_sat = sat / np.maximum(n_staff, 1)
        dominance = m.office_mean(0.5 * (m.munis.rad_dominance + m.munis.ord_dominance))
        trust_rad = m.office_mean(m.munis.rad_trust)
        block = {
            "month": np.full(n, m.month, dtype=np.int64),
            "office_id": np.array(m.offices.ids, dtype=object),
            "office_name": np.array(m.offices.names, dtype=object),
            "n_municipalities": m.offices.n_munis.astype(np.int64),
            "population": np.rint(m.offices.population).astype(np.int64),
            "portfolio_size": m.munis.portfolio[m.offices.host].astype(np.int64),
            "leader_model": np.array(m.offices.leader_model, dtype=object),
            "n_staff": n_staff,
            "n_staff_state": n_state,
            "n_staff_municipal": n_staff - n_state,
            "n_users": m.offices.n_users.astype(np.int64),
            "n_waiting": m.offices.n_waiting.astype(np.int64),
            "inflow": m.flows.inflow.astype(np.int64),
            "exits_to_work": m.flows.exits_work.astype(np.int64),
            "exits_to_work_complex": m.flows.exits_work_complex.astype(np.int64),
            "n_users_complex": m.offices.n_users_complex.astype(np.int64),
            "exits_to_education": m.flows.exits_education.astype(np.int64),
            "exits_other": m.flows.exits_other.astype(np.int64),
            "starts": m.flows.starts.astype(np.int64),
            "mean_wait_months": np.where(
                m.flows.starts > 0, m.flows.wait_sum / np.maximum(m.flows.starts, 1), np.nan
            ),
            "social_assistance_cost": m.offices.sa_cost.copy(),
            "trust_owners": 0.5 * (trust_rad + m.offices.trust_cd),
            "trust_leader_state": m.offices.trust_leader_state.copy(),
            "trust_leader_municipal": m.office_mean(m.munis.rad_trust_leader),
            "meetings_held": m.flows.meetings_held.copy(),
            "radmenn_attending": m.flows.radmenn_attending.copy(),
            "meetings_consensus": m.flows.meeting_outcomes[:, 0].copy(),
            "meetings_conflict": m.flows.meeting_outcomes[:, 1].copy(),
            "joint_plan": np.where(
                m.offices.joint_plan, JointPlan(m.cfg.governance.joint_plan).value, "none"
            ).astype(object),
            "perceived_state_dominance": dominance,
            "perceived_equality": equality_view(m),
            "cooperation_quality": m.offices.tie_mean.mean(axis=1),
            "internal_cooperation": internal / np.maximum(n_staff, 1),
            "external_cooperation": m.offices.complex_contacted
            / np.maximum(m.offices.complex_active, 1),
            **{f"contacts_{u}": m.flows.contacts[:, k].copy() for k, u in enumerate(UNIT_LABELS)},
            "cross_work_share": cross / np.maximum(n_staff, 1),
            "team_satisfaction": team_sat,
            "staff_turnover": m.flows.leavers / np.maximum(n_staff, 1),
            "leavers": m.flows.leavers.astype(np.int64),
            "moves_to_state": m.flows.moves_to_state.copy(),
            "leader_dev_capacity": m.offices.leader_dev_capacity.copy(),
            "followup_hours_ratio": m.offices.hours_ratio[:, 0].copy(),
            "documentation_share": np.broadcast_to(m.offices.documentation_share, (n,)).copy(),
            "employer_goodwill": m.offices.goodwill.copy(),
            "in_transition": m.offices.in_transition.copy(),
            "transition_months": m.offices.transition_months.copy(),
            "reorganisation_load": m.offices.reorg_load.copy(),
            "reorganisation_preparation": m.offices.reorg_prep.copy(),
            "detail_steered": m.offices.detail_steered.copy(),
            "results_ratio": m.offices.results_ratio.copy(),
            "results_shortfall_z": m.offices.results_z.copy(),
            "expected_exit_rate": m.offices.expected_rate.copy(),
            "target_group": m.offices.target_group.copy(),
            # office size (sim.submodels.office_size)
            "followup_hours": m.offices.followup_hours.copy(),
            "effective_staff": m.offices.effective_staff.copy(),
            "specialisation": m.offices.specialisation.copy(),
            "absence_hours_lost": m.offices.absence_lost.copy(),
            "overhead_share": m.offices.overhead_share.copy(),
            "distance_km": office_size.users_mean(m, m.munis.distance_km),
            "local_presence": office_size.users_mean(m, office_size.reach_factor(m)),
        }
        return block

    def municipality_block(self) -> dict[str, np.ndarray]:
        """One row per municipality: the columns of ``municipalities.parquet``."""
        m = self.model
        alive = np.flatnonzero(m.munis.alive)  # merged municipalities have no rows after
        main = m.muni_main_office()[alive]
        return {
            "month": np.full(len(alive), m.month, dtype=np.int64),
            "municipality_id": np.array(
                [m.municipalities[i].municipality_id for i in alive], dtype=object
            ),
            "name": np.array([m.municipalities[i].name for i in alive], dtype=object),
            "office_id": np.array([m.offices.ids[o] for o in main], dtype=object),
            "population": m.munis.population[alive].astype(np.int64),
            "n_users": m.munis.users[alive].astype(np.int64),
            "exits_to_work": m.flows.muni_exits_work[alive].astype(np.int64),
            "social_assistance_cost": m.munis.sa_cost[alive],
            "host_cost_share": m.munis.host_cost_share[alive],
            "office_cost": m.municipal_office_costs()[alive],
            "own_cost": m.munis.own_cost[alive],
            "own_cost_index": m.munis.cost_index[alive],
            "radmann_satisfaction": m.munis.rad_satisfaction[alive],
            "ordforer_satisfaction": m.munis.ord_satisfaction[alive],
            "radmann_influence": m.munis.rad_influence[alive],
            "ordforer_influence": m.munis.ord_influence[alive],
            "radmann_trust": m.munis.rad_trust[alive],
            "radmann_attended": m.munis.rad_attended[alive],
            "distance_km": m.munis.distance_km[alive],
        }

    def actor_block(self, offices: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """One row per actor and partnership: the columns of ``actors.parquet``.

        Args:
            offices: This month's office block (dominance and trust per office).
        """
        m = self.model
        po, pm = m.pairs.office, m.pairs.muni
        oid = np.array(m.offices.ids, dtype=object)
        mid = np.array([x.municipality_id for x in m.municipalities], dtype=object)
        n = m.n_offices
        dominance = offices["perceived_state_dominance"]
        cd_attention = director_attention(m)  # the value that drives what it does
        cd_sat = np.clip(
            0.5 + 0.5 * (m.offices.results_ratio - 1) + 0.3 * (m.offices.trust_cd - 0.5), 0, 1
        )
        trust_owners = offices["trust_owners"]
        lead_o = np.array([ld.office for ld in m.leaders], dtype=np.int64)
        parts = [
            (
                oid[po],
                mid[pm],
                Role.RADMANN,
                m.munis.rad_influence[pm],
                m.munis.rad_satisfaction[pm],
                m.munis.rad_attention[pm],
                m.munis.rad_trust[pm],
            ),
            (
                oid[po],
                mid[pm],
                Role.ORDFORER,
                m.munis.ord_influence[pm],
                m.munis.ord_satisfaction[pm],
                m.munis.ord_attention[pm],
                m.munis.ord_trust[pm],
            ),
            (
                oid,
                np.full(n, "", dtype=object),
                Role.COUNTY_DIRECTOR,
                dominance,
                cd_sat,
                cd_attention,
                m.offices.trust_cd,
            ),
            (
                oid[lead_o],
                np.full(len(lead_o), "", dtype=object),
                Role.NAV_LEADER,
                m.offices.agenda[lead_o],
                np.clip(
                    0.4 + 0.4 * m.offices.leader_dev_capacity[lead_o] + 0.2 * trust_owners[lead_o],
                    0,
                    1,
                ),
                m.offices.leader_dev_capacity[lead_o],
                trust_owners[lead_o],
            ),
        ]
        cols = {
            k: []
            for k in (
                "office_id",
                "municipality_id",
                "role",
                "perceived_influence",
                "satisfaction",
                "attention",
                "trust_in_partner",
            )
        }
        for office, muni, role, infl, sat, att, trust in parts:
            cols["office_id"].append(office)
            cols["municipality_id"].append(muni)
            cols["role"].append(np.full(len(office), role.value, dtype=object))
            cols["perceived_influence"].append(np.asarray(infl, float))
            cols["satisfaction"].append(np.asarray(sat, float))
            cols["attention"].append(np.asarray(att, float))
            cols["trust_in_partner"].append(np.asarray(trust, float))
        block = {k: np.concatenate(v) for k, v in cols.items()}
        block["month"] = np.full(len(block["role"]), m.month, dtype=np.int64)
        return block

    # ------------------------------------------------------------------ tables

    def columns(self, name: str) -> dict[str, np.ndarray]:
        """One table's recorded columns, ``month`` first, as numpy arrays (no pandas).

        ``offices_lineage`` has one row per new office and predecessor (DESIGN §5).

        Args:
            name: One of ``RECORDED_TABLES``.

        Returns:
            Column name -> array, all of one length; empty if nothing was recorded.
        """
        if name == "offices_lineage":
            rows = self.model.lineage
            return {c: np.array([r[c] for r in rows], dtype=t) for c, t in LINEAGE_DTYPES.items()}
        blocks = self.blocks[name]
        if not blocks:
            return {}
        keys = ["month", *[k for k in blocks[0] if k != "month"]]
        return {k: np.concatenate([b[k] for b in blocks]) for k in keys}

    def table(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame (``columns``), ``month`` first."""
        return pd.DataFrame(self.columns(name))

    def tables(self, names: list[str] | None = None) -> dict[str, pd.DataFrame]:
        """The tables (all, or those named), with ``model`` aggregated from ``offices``.

        Args:
            names: The tables wanted; all when None.

        Returns:
            Name -> DataFrame, in the order of ``RECORDED_TABLES``.
        """
        return {n: self.table(n) for n in RECORDED_TABLES if names is None or n in names}


# the columns of offices_lineage and their dtypes (the rows are dicts in model.lineage)
LINEAGE_DTYPES = {"month": np.int64, "event": object, "office_id": object, "predecessor_id": object}


NOT_AGGREGATED = (
    "month",
    "office_id",
    "office_name",
    "leader_model",
    "joint_plan",
    "run_id",
    "replicate",
)


def aggregate_block(block: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """One month of ``model.parquet`` from that month's office block (numpy, no pandas).

    The same rule as ``aggregate_offices``: sums for counts and money, staff-weighted
    means for states, start-weighted mean waits; ``tests/test_invariants.py`` checks
    that both agree.

    Args:
        block: The month's office columns.

    Returns:
        One-element arrays, ``month`` and ``n_offices`` first.
    """
    w = block["n_staff"].astype(float)
    row = {"month": block["month"][:1], "n_offices": np.array([len(w)], dtype=np.int64)}
    for c, x in block.items():
        if c in NOT_AGGREGATED or x.dtype.kind not in "biuf":
            continue
        if c in SUM_COLUMNS:
            row[c] = np.array([x.sum()])
        elif c == "mean_wait_months":
            ww = block["starts"].astype(float) * ~np.isnan(x)
            total = ww.sum()
            row[c] = np.array([np.nansum(x * ww) / total if total > 0 else np.nan])
        else:
            row[c] = np.array([(x.astype(float) * w).sum() / w.sum() if w.sum() else np.nan])
    row["staff_turnover"] = row["leavers"] / row["n_staff"]
    return row


def aggregate_offices(offices: pd.DataFrame) -> pd.DataFrame:
    """The region per month: sums for counts and money, staff-weighted means for states.

    Args:
        offices: The ``offices`` table.

    Returns:
        One row per month with the offices' columns under the same names.
    """
    if offices.empty:
        return pd.DataFrame()
    numeric = [
        c
        for c in offices.columns
        if c not in NOT_AGGREGATED and pd.api.types.is_numeric_dtype(offices[c])
    ]
    g = offices.groupby("month", sort=True)
    out = {"n_offices": g.size()}
    w = offices["n_staff"].astype(float)
    for c in numeric:
        if c in SUM_COLUMNS:
            out[c] = g[c].sum()
        elif c == "mean_wait_months":
            ww = offices["starts"].astype(float) * offices[c].notna()
            out[c] = (offices[c].fillna(0) * ww).groupby(offices["month"]).sum() / ww.groupby(
                offices["month"]
            ).sum().replace(0, np.nan)
        else:
            x = offices[c].astype(float)
            out[c] = (x * w).groupby(offices["month"]).sum() / w.groupby(offices["month"]).sum()
    out["staff_turnover"] = out["leavers"] / out["n_staff"]
    return pd.DataFrame(out).reset_index()
