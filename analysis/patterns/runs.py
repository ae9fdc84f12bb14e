"""The suite's runs and their measures: every read of the model's state is here.

A *run* is a named configuration (``RUNS``; Agder on the 2019 map unless said,
``MONTHS`` recorded months after the default 24-month burn-in): ``default``; ``single_employer`` and
``harmonised`` (one governance rule changed); ``host_office`` and ``regionalisation``
(the scenarios at the default month 24, members chosen in Agder); ``vestland`` (about
50 offices, for rankings across offices); ``norway`` (the national build, not run);
``from_2015`` (``start=2015-01``: month 0 is the 2015 staff survey) and ``from_2011``
(``start=2011-01``, 96 months: the O/R trend from the 2011 survey to the 2019 one);
``norway_2015`` and ``norway_2019`` (the national build run for ``TOTALS_MONTHS``
after the burn-in, on the map of the year of the reported totals they are compared
with: one office per municipality from 2015-01, the 2019 map from 2019-01).

``measure(run, seed)`` builds and runs the model and returns its *measures* (a flat
dict of numbers) from the recorded tables and from model attributes the tables do not
hold. This module is the only one in ``analysis/patterns/`` that reads the model:
when the model's state moves, only this module changes. ``run_all`` spreads the runs
over the local process pool of ``experiments.executors`` with a tqdm bar; replicate k
of every run uses seed k, so paired comparisons share their random numbers.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from sim import survey
from sim.config import ModelConfig, RegionConfig
from sim.vocabulary import N_KINDS, NeedGroup, ScenarioKind, TeamModel, UserStatus

MONTHS = 60
VESTLAND = RegionConfig(name="vestland", counties=["46"])
NORWAY = RegionConfig(name="norway", counties=["all"])
# Every run, in the order the suite starts them.
RUNS = (
    "default",
    "norway",
    "single_employer",
    "harmonised",
    "host_office",
    "regionalisation",
    "vestland",
    "from_2015",
    "from_2011",
    "norway_2015",
    "norway_2019",
)
TREND_MONTHS = 96  # from_2011: 2011-01 to 2019-01, the two O/R surveys
SURVEY_MONTH = 48  # the survey layer is also read here: 2019-01 of from_2015, 4 years on
TOTALS_MONTHS = 12  # norway_2015, norway_2019: one year of flows after the burn-in
TOTALS_RUNS = {"norway_2015": ("2015-01", "municipal"), "norway_2019": ("2019-01", "2019")}
FAST_RUNS = ("default", "norway", *TOTALS_RUNS)

# Run name -> one measures dict per seed, in seed order.
Measures = dict[str, list[dict[str, float]]]


def run_config(run: str) -> ModelConfig:
    """The configuration of one named run of the suite.

    On the 2019 map (the surveys' year, DESIGN §5); the national build, whose facts are
    the 2015 expert group's (ch5_9 table 5.1: 439 offices), on one office per
    municipality (``structure=municipal``).
    """
    cfg = ModelConfig(months=MONTHS, structure="2019")
    if run == "single_employer":
        cfg.governance.team_model = TeamModel.single_employer
    elif run == "harmonised":
        cfg.governance.harmonised_terms = True
    elif run in ("host_office", "regionalisation"):
        cfg.scenario.name = [run]
        cfg.scenario.selected = {run: True}
    elif run == "vestland":
        cfg.region = copy.deepcopy(VESTLAND)
    elif run == "norway":
        cfg.region = copy.deepcopy(NORWAY)
        cfg.structure = "municipal"
    elif run == "from_2015":  # the map closest to 2015 (439 offices): one per municipality
        cfg.start, cfg.structure = "2015-01", "municipal"
    elif run == "from_2011":  # the map closest to 2011 (456 offices): one per municipality
        cfg.start, cfg.months, cfg.structure = "2011-01", TREND_MONTHS, "municipal"
    elif run in TOTALS_RUNS:  # the national build, run for a year, on its year's map
        cfg.region = copy.deepcopy(NORWAY)
        cfg.start, cfg.structure = TOTALS_RUNS[run]
        cfg.months = TOTALS_MONTHS
    elif run != "default":
        raise ValueError(f"unknown run {run!r}")
    return cfg


def spearman(x: Any, y: Any) -> float:
    """Spearman's rank correlation (0 when undefined)."""
    rho = spearmanr(np.asarray(x, float), np.asarray(y, float)).statistic
    return 0.0 if np.isnan(rho) else float(rho)


def at(table: pd.DataFrame, month: int, column: str) -> float:
    """One month's value of a column of the ``model`` table."""
    return float(table.loc[table["month"] == month, column].item())


def window(table: pd.DataFrame, first: int, last: int, column: str) -> float:
    """Mean of a column of the ``model`` table over months first..last."""
    rows = table[(table["month"] >= first) & (table["month"] <= last)]
    return float(rows[column].mean())


def run_model(cfg: ModelConfig, seed: int, collect_waits: bool = False):
    """Build and run; optionally collect the waits of users starting follow-up."""
    from sim.model import NavPartnershipModel

    model = NavPartnershipModel(cfg, rng=seed)
    waits: list[np.ndarray] = []
    groups: list[np.ndarray] = []
    dev_areas = []  # mean state of the development areas, per recorded month
    trust_leader = []  # each rådmann's trust in their office's leader, per recorded month
    need = np.zeros(N_KINDS)  # active complex cases per service kind, summed over months
    contacted = np.zeros(N_KINDS)  # their contacts that month

    readings = {}  # the survey layer at month 0, SURVEY_MONTH and the last month

    def observe(_: int) -> None:
        """After each month: collect what the tables do not hold (recorded months only)."""
        if model.month in (0, SURVEY_MONTH, cfg.months):
            readings[model.month] = survey.measure(model)
        if model.month <= 0:
            return
        dev_areas.append(float(model.offices.dev_areas.mean()))
        trust_leader.append(model.munis.rad_trust_leader.copy())
        users = model.users
        active = (users.status == UserStatus.ACTIVE) & (users.need_unit >= 0)
        need[:] += np.bincount(users.need_unit[active].astype(np.intp), minlength=N_KINDS)
        contacted[:] += model.flows.contacts.sum(axis=0)
        if collect_waits:
            waits.append(model.flows.started_waits.copy())
            groups.append(model.flows.started_groups.copy())

    if model.month == 0:  # no burn-in: month 0 is the state as built
        readings[0] = survey.measure(model)
    model.run(progress=observe)
    out = {
        "dev_areas": np.array(dev_areas),
        "trust_leader": np.array(trust_leader),
        "contact_rate": contacted / np.maximum(need, 1),
    }
    out["survey"] = {
        f"survey{month}:{'/'.join(key)}": v
        for month, values in readings.items()
        for key, v in values.items()
    }
    if collect_waits:
        out["waits"] = np.concatenate(waits).astype(float)
        out["wait_groups"] = np.concatenate(groups)
    return model, out


def measure_partnership(
    model, tables: dict[str, pd.DataFrame], extra: dict[str, np.ndarray]
) -> dict[str, float]:
    """Owners, leaders, staff and cooperation in a region run (model and offices tables)."""
    from sim.vocabulary import Employer

    mod, off, act = tables["model"], tables["offices"], tables["actors"]
    later = mod[mod["month"] > 0]
    out = {
        f"{c}_{m}": at(mod, m, c)
        for c in ("perceived_state_dominance", "cross_work_share")
        for m in (0, 48, MONTHS)
    }
    out["conflict"] = float(later["meetings_conflict"].sum())
    out["consensus"] = float(later["meetings_consensus"].sum())
    out["meetings"] = float(later["meetings_held"].sum())
    n_offices = float(off.loc[off["month"] > 0].groupby("month").size().mean())
    out["meetings_per_office_year"] = out["meetings"] / n_offices / (MONTHS / 12)
    trust_share = (off["trust_owners"] > 0.5).groupby(off["month"]).mean()
    out["trust_high_share"] = float(trust_share.mean())
    out["rad_dominance"] = float(model.munis.rad_dominance.mean())
    out["ord_dominance"] = float(model.munis.ord_dominance.mean())
    a = act[act["month"] > 0].groupby("role")[["attention", "perceived_influence"]].mean()
    for role in ("radmann", "ordforer", "nav_leader"):
        out[f"{role}_attention"] = float(a.loc[role, "attention"])
        out[f"{role}_influence"] = float(a.loc[role, "perceived_influence"])
    last = act[act["month"] == MONTHS]
    for role in ("radmann", "ordforer"):
        out[f"{role}_satisfied_share"] = float(
            (last.loc[last["role"] == role, "satisfaction"] > 0.5).mean()
        )
    # staff at the end of the run
    municipal = model.staff.post == Employer.MUNICIPAL
    out["mun_on_state"] = float((model.staff.task_state[municipal] > 0.5).mean())
    out["state_on_mun"] = float((model.staff.task_state[~municipal] < 0.5).mean())
    out["staff_satisfied_share"] = float((model.staff.satisfaction > 0.5).mean())
    out["sat_municipal"] = float(model.staff.satisfaction[municipal].mean())
    out["sat_state"] = float(model.staff.satisfaction[~municipal].mean())
    for c in (
        "staff_turnover",
        "moves_to_state",
        "internal_cooperation",
        "external_cooperation",
        "leader_dev_capacity",
        "cooperation_quality",
    ):
        out[f"{c}_mean"] = float(later[c].mean())
    out["moves_to_state_sum"] = float(later["moves_to_state"].sum())
    out["leader_dev_capacity_after_event"] = window(mod, 25, 42, "leader_dev_capacity")
    out["dev_areas_mean"] = float(model.offices.dev_areas.mean())
    out["dev_areas_after_event"] = float(extra["dev_areas"][24:42].mean())  # months 25-42
    out["cooperation_quality_after_event"] = window(mod, 25, 42, "cooperation_quality")
    out["wait_after_event"] = window(mod, 25, 48, "mean_wait_months")
    rate_w = mod[(mod["month"] >= 25) & (mod["month"] <= 42)]
    out["exit_rate_after_event"] = float((rate_w["exits_to_work"] / rate_w["n_users"]).mean())
    out["internal_cooperation_0"] = at(mod, 0, "internal_cooperation")
    out["internal_cooperation_60"] = at(mod, MONTHS, "internal_cooperation")
    rate_k = extra["contact_rate"]  # contacts per active complex case, per kind
    out["contact_rate_health"] = float(rate_k[0])
    out["contact_rate_other_units"] = float(rate_k[1:7].mean())
    rate = mod["exits_to_work"] / mod["n_users"]
    first, final = rate[(mod["month"] >= 1) & (mod["month"] <= 12)], rate[mod["month"] > 48]
    out["exit_rate_change"] = float(final.mean() / first.mean() - 1)
    out["agenda_share"] = float(model.offices.agenda_share.mean())
    # across offices (meaningful with many offices: Vestland)
    g = (
        off[off["month"] > 0]
        .assign(caseload=lambda d: d["n_users"] / d["n_staff"])
        .groupby("office_id")[
            [
                "n_staff",
                "caseload",
                "external_cooperation",
                "team_satisfaction",
                "staff_turnover",
                "cooperation_quality",
            ]
        ]
        .mean()
    )
    leaders = act[(act["month"] > 0) & (act["role"] == "nav_leader")]
    g["leader_satisfaction"] = leaders.groupby("office_id")["satisfaction"].mean()
    out["rho_caseload_external"] = spearman(g["caseload"], g["external_cooperation"])
    out["rho_size_team_satisfaction"] = spearman(g["n_staff"], g["team_satisfaction"])
    out["rho_size_turnover"] = spearman(g["n_staff"], g["staff_turnover"])
    out["rho_size_cooperation"] = spearman(g["n_staff"], g["cooperation_quality"])
    out["rho_size_leader_satisfaction"] = spearman(g["n_staff"], g["leader_satisfaction"])
    out["rho_turnover_cooperation"] = spearman(g["staff_turnover"], g["cooperation_quality"])
    caseload = g["caseload"]
    out["caseload_p90_p10"] = float(caseload.quantile(0.9) / caseload.quantile(0.1))
    per_office = off[off["month"] > 0].groupby("office_id")
    cv = per_office[["leader_dev_capacity", "trust_owners"]].mean()
    cv = cv.std() / cv.mean()
    out["cv_dev_capacity_minus_cv_trust"] = float(cv["leader_dev_capacity"] - cv["trust_owners"])
    exits = per_office["exits_to_work"].sum() / per_office["n_users"].sum()
    out.update({f"exit_rate_office:{k}": float(v) for k, v in exits.items()})
    return out


def measure_users(model, extra: dict[str, np.ndarray]) -> dict[str, float]:
    """Waits and exit shares of the user population."""
    counts = model.exit_counts.astype(float)
    share = counts[:, 0] / np.maximum(counts.sum(axis=1), 1)
    w, grp = extra["waits"], extra["wait_groups"]
    rcw = w[grp == NeedGroup.REDUCED_CAPACITY]
    return {
        "wait_mean_median": float(w.mean() / max(np.median(w), 0.5)),
        "rcw_wait_mean": float(rcw.mean()),
        "rcw_wait_mean_median": float(rcw.mean() / max(np.median(rcw), 0.5)),
        **{f"work_share_{g.name.lower()}": float(share[g]) for g in NeedGroup},
    }


def measure_host(
    model, tables: dict[str, pd.DataFrame], extra: dict[str, np.ndarray]
) -> dict[str, float]:
    """The host office formed at ``scenario.month``: its non-host rådmenn and transition.

    ``extra["trust_leader"]`` holds each rådmann's trust in their office's leader for
    months 1..MONTHS (row k is month k + 1).
    """
    plan = model.scenario_plan  # planned once, in the model's constructor
    month = plan.month
    (_, members), *_ = plan.offices[ScenarioKind.host_office]
    host, others = members[0], members[1:]
    mun = tables["municipalities"]
    mine = mun[mun["municipality_id"].isin(members)]
    after = mine[mine["month"] > month]
    nonhost = after[after["municipality_id"].isin(others)]
    hostrow = after[after["municipality_id"] == host]
    first = mine[(mine["month"] == month) & mine["municipality_id"].isin(others)]
    off = tables["offices"]
    new_id = tables["offices_lineage"]["office_id"].iloc[0]
    end = off[(off["office_id"] == new_id) & (off["month"] == MONTHS)].iloc[0]
    index = {m.municipality_id: k for k, m in enumerate(model.municipalities)}
    nonhosts = [index[m] for m in others]
    leader = extra["trust_leader"][:, nonhosts]  # months 1..MONTHS x non-hosts
    return {
        "nonhost_trust_start": float(first["radmann_trust"].mean()),
        "nonhost_trust_end": float(
            mine[(mine["month"] == MONTHS) & mine["municipality_id"].isin(others)][
                "radmann_trust"
            ].mean()
        ),
        "transition_months": float(end["transition_months"]),
        "nonhost_trust_leader_start": float(leader[month].mean()),  # month + 1
        "nonhost_trust_leader_end": float(leader[-1].mean()),
        "nonhost_influence": float(nonhost["radmann_influence"].mean()),
        "host_influence": float(hostrow["radmann_influence"].mean()),
    }


def measure_norway(model) -> dict[str, float]:
    """The national build: office sizes, staffing per inhabitant, municipal shares."""
    from sim.vocabulary import Employer

    staff = np.bincount(model.staff.office, minlength=model.n_offices).astype(float)
    municipal = np.bincount(
        model.staff.office,
        weights=model.staff.post == Employer.MUNICIPAL,
        minlength=model.n_offices,
    )
    pop = model.offices.population
    share = municipal / np.maximum(staff, 1)
    lo, hi = np.quantile(pop, [0.2, 0.8])
    return {
        "size_max_median": float(staff.max() / np.median(staff)),
        "rho_pop_staff_per_1000": spearman(pop, staff / pop * 1000),
        "municipal_share_large_minus_small": float(
            share[pop >= hi].mean() - share[pop <= lo].mean()
        ),
        "rho_pop_portfolio": spearman(model.munis.population, model.munis.portfolio),
    }


def measure_totals(model) -> dict[str, float]:
    """National totals over the first recorded year (``analysis/patterns/totals.py``).

    Runs the model. Stocks are means over months 1-12; a year's users are those at the
    end of month 0 plus the year's inflow (a user entering twice counts twice); follow-up
    hours per user of a group are, each month, the hours per weighted user of the
    group's pool (``offices.hours_ratio`` x ``users.followup_ref_hours``) times the
    group's load at the month's end (``staff_time.load_weights``) over its users,
    summed over the year.
    """
    from sim.submodels.staff_time import load_weights
    from sim.submodels.user_counts import user_cells
    from sim.vocabulary import GROUP_POOL, Employer

    n_groups = len(NeedGroup)
    stock = np.zeros((0, n_groups))  # users by group at the end of each month, months 0-12
    arrived = np.zeros(n_groups)  # inflow by group, months 1-12
    hours = np.zeros(n_groups)  # follow-up hours by group, months 1-12
    leavers = 0.0

    def observe(_: int) -> None:
        """After each month from month 0: stocks, inflow, hours and leavers."""
        nonlocal stock, arrived, hours, leavers
        if model.month < 0:
            return
        cells = user_cells(model, model.users.key)  # (office, group, waiting, complex)
        if model.month > 0:
            # users at allocation (after the month's inflow) less last month's end stock
            arrived += model.flows.users_groups.sum(axis=0) - stock[-1]
            load = (cells * load_weights(model)[None]).sum(axis=(2, 3))  # (office, group)
            per_weighted = model.offices.hours_ratio * model.cfg.users.followup_ref_hours
            n_users = np.maximum(cells.sum(axis=(0, 2, 3)), 1)
            hours += (per_weighted[:, GROUP_POOL] * load).sum(axis=0) / n_users
            leavers += float(model.flows.leavers.sum())
        stock = np.vstack([stock, cells.sum(axis=(0, 2, 3))])

    model.run(progress=observe)
    year = model.recorder.tables()["model"].query("month > 0")
    population = float(model.munis.population.sum())
    municipal = float((model.staff.post == Employer.MUNICIPAL).sum())
    n_staff = float(len(model.staff.post))
    users = stock[1:].mean(axis=0)
    sa = NeedGroup.SOCIAL_ASSISTANCE
    out = {
        "offices": float(model.n_offices),
        "staff": n_staff,
        "staff_municipal_share": municipal / n_staff,
        "staff_municipal_per_1000": municipal / population * 1000,
        "users_year_work": float(np.delete(stock[0] + arrived, sa).sum()),
        "sa_recipients_year": float(stock[0][sa] + arrived[sa]),
        "sa_cost_year_bn": float(year["social_assistance_cost"].sum()) / 1e9,
        "staff_turnover_year": leavers / n_staff * (12 / TOTALS_MONTHS),
    }
    for g in NeedGroup:
        key = g.name.lower()
        out[f"users_{key}"] = float(users[g])
        out[f"users_{key}_per_1000"] = float(users[g]) / population * 1000
        out[f"followup_hours_year_{key}"] = float(hours[g]) * 12 / TOTALS_MONTHS
    return out


def measure(run: str, seed: int, cfg: ModelConfig | None = None) -> dict[str, float]:
    """Every measure of one run of the suite (a top-level function: runs in a worker).

    Args:
        run: A run name of ``RUNS``.
        seed: Its seed (replicate k uses seed k).
        cfg: The configuration; ``run_config(run)`` when None (calibration passes its
            candidate here).

    Returns:
        Measure name -> value.
    """
    from sim.model import NavPartnershipModel

    cfg = run_config(run) if cfg is None else cfg
    if run == "norway":
        return measure_norway(NavPartnershipModel(cfg, rng=seed))
    if run in TOTALS_RUNS:
        return measure_totals(NavPartnershipModel(cfg, rng=seed))
    model, extra = run_model(cfg, seed, collect_waits=run == "default")
    tables = model.recorder.tables()
    out = measure_partnership(model, tables, extra)
    out.update(extra["survey"])
    if run == "default":
        out.update(measure_users(model, extra))
    if run == "host_office":
        out.update(measure_host(model, tables, extra))
    return out


def execute_measure(task) -> dict:
    """Worker entry for ``experiments.executors``: ``task.cfg`` is (run, seed, cfg or None).

    Never raises: a failed run comes back with its traceback (``executors.attempt``).
    """
    from experiments.executors import attempt

    run, seed, cfg = task.cfg
    return attempt(
        lambda: {"measures": measure(run, seed, cfg)},
        {"run": run, "seed": seed, "point": task.point, "run_id": task.run_id},
    )


def run_all(
    runs: list[str],
    seeds: int,
    workers: int,
    progress: bool = True,
    configs: dict[str, ModelConfig] | None = None,
) -> Measures:
    """Measure every run for seeds 0..seeds-1 on the local pool of ``experiments.executors``.

    Args:
        runs: Run names.
        seeds: Number of seeds.
        workers: Processes (1: in this process).
        progress: Show a tqdm bar over the runs.
        configs: Optional configurations per run name (default: ``run_config``).

    Returns:
        Run name -> one measures dict per seed, in seed order.

    Raises:
        RuntimeError: If any run failed (with its traceback).
    """
    configs = configs or {}
    jobs = {r: (r, configs.get(r)) for r in runs}
    return run_jobs(jobs, seeds, workers, progress)


def run_jobs(
    jobs: dict[str, tuple[str, ModelConfig | None]],
    seeds: int,
    workers: int,
    progress: bool = True,
    desc: str = "validation runs",
) -> Measures:
    """Measure named jobs, each a run of the suite with an optional configuration.

    One pool and one progress bar for all of them (the audit's knock-outs are jobs
    like ``"update_trust|default"``).

    Args:
        jobs: Job name -> (run name of ``RUNS``, its configuration or None for
            ``run_config(run)``).
        seeds: Number of seeds (replicate k of every job uses seed k).
        workers: Processes (1: in this process).
        progress: Show a tqdm bar over the runs.
        desc: The bar's label.

    Returns:
        Job name -> one measures dict per seed, in seed order.

    Raises:
        RuntimeError: If any run failed (with its traceback).
    """
    from tqdm import tqdm

    from experiments.executors import Task, get_executor

    tasks = [
        Task(cfg=(run, s, cfg), replicate=s, out_dir="", run_id=f"{name}-{s}", point=name)
        for name, (run, cfg) in jobs.items()
        for s in range(seeds)
    ]
    executor = get_executor("local", workers)
    out: dict[str, dict[int, dict[str, float]]] = {name: {} for name in jobs}
    failures = []
    with tqdm(total=len(tasks), desc=desc, unit="run", disable=not progress) as bar:
        for res in executor.map_unordered(execute_measure, tasks):
            bar.update(1)
            if res["status"] != "succeeded":
                failures.append(res)
                continue
            out[res["point"]][res["seed"]] = res["measures"]
    if failures:
        raise RuntimeError(
            f"{len(failures)} validation runs failed; first ({failures[0]['point']}, "
            f"seed {failures[0]['seed']}):\n{failures[0]['traceback']}"
        )
    return {name: [out[name][s] for s in range(seeds)] for name in jobs}


def rank_agreement(a: dict[str, float], b: dict[str, float]) -> float:
    """Spearman of the offices' exit-to-work rates between two seeds' measures."""
    keys = sorted(k for k in a if k.startswith("exit_rate_office:"))
    return spearman([a[k] for k in keys], [b[k] for k in keys])
