"""The ``navsim-design`` command: Latin hypercube, Morris and Sobol designs over declared ranges.

The ranges are the ``sweep`` metadata of each parameter in ``sim/config/``
(DESIGN §2b). A design is one job: its points × replications are spread over the
workers of the configured executor (``workers=``, ``executor=``, ``dask_address=``),
replicate k of every point uses the same seed (common random numbers), and a
replication already complete on disk is skipped, so the same command resumes an
interrupted design. Samples come from ``scipy.stats.qmc.LatinHypercube`` and
``SALib.sample.sobol`` / ``SALib.sample.morris``; indices from ``SALib.analyze``
(``sobol``: S1 and ST; ``morris``: mu_star, mu and sigma; Latin hypercube: ``delta``
and S1) on replication-averaged outcomes, with bootstrap confidence intervals.

Example::

    navsim-design --method sobol --n 16 --params users.cooperation_effect,staff.quit_rate
        region=agder months=24 workers=2   (one command line)

Layout of ``--out DIR``: ``design.json`` (the arguments), ``design.parquet`` (one row
per point: ``point`` and the parameter values), ``point_<i>/rep_<k>/`` (the tables of
each replication), ``summary.parquet`` (every replication's summary row with
``point``), ``indices.parquet`` and ``indices.csv``, ``failures.parquet`` if any.
"""

from __future__ import annotations

import argparse
import fnmatch
import io
import json
import shlex
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from experiments.atomic import remove_stale_tmp, write_atomic, write_bytes_atomic
from experiments.compare import _num
from experiments.errors import DEBUG_FLAG, OneLineParser, check_output, guard
from experiments.executors import Task, shutdown_executors
from experiments.jobs import Report, execute, executor_for, read_summaries, write_failures
from experiments.replication import make_run_id
from sim.config import ConfigError, iter_parameters, with_values
from sim.recording import OUTCOMES
from sim.scenarios import check_config

METHODS = ("lhs", "sobol", "morris")
# Defaults of the arguments (stated in README.md).
DEFAULT_N = {"lhs": 64, "sobol": 32, "morris": 10}
DEFAULT_REPLICATIONS = 3
DEFAULT_OUTCOMES = ("exit_rate", "cooperation_quality", "trust_owners")
DEFAULT_LEVELS = 4
DEFAULT_RESAMPLES = 1000
DEFAULT_CONF_LEVEL = 0.95
SUMMARY_OUTCOMES = (*OUTCOMES, "exit_rate")
VERSUS_DIR = "versus"  # point_<i>/versus/rep_<k>: the policy arm of a paired design
# a parameter's lower and upper part of its range, for the sign table (thirds)
SIGN_PART = 1 / 3


def sweepable() -> dict[str, dict]:
    """Every parameter with a declared ``sweep`` range: dotted key -> its metadata."""
    return {key: meta for key, _, meta in iter_parameters() if meta.get("sweep") is not None}


def problem_for(params: list[str]) -> dict:
    """The SALib problem over ``params``: names and bounds from their ``sweep`` ranges.

    Args:
        params: Dotted parameter keys; each must declare a ``sweep`` range.

    Returns:
        ``{"num_vars", "names", "bounds"}``.

    Raises:
        ConfigError: For an unknown key or one without a sweep range.
    """
    declared = sweepable()
    unknown = [p for p in params if p not in declared]
    if unknown:
        raise ConfigError(
            f"--params: {unknown} are not parameters with a declared sweep range "
            f"(sim/config/); e.g. {sorted(declared)[:3]}"
        )
    bounds = [[float(declared[p]["sweep"][0]), float(declared[p]["sweep"][1])] for p in params]
    return {"num_vars": len(params), "names": list(params), "bounds": bounds}


def expand_params(spec: str) -> list[str]:
    """The parameters a ``--params`` value names: "all", or comma-separated keys and globs.

    Args:
        spec: E.g. ``"all"``, ``"users.cooperation_effect,staff.quit_rate"`` or
            ``"size.*,partnership.reorganisation_*"`` (shell-style patterns over the
            dotted keys with a declared sweep range).

    Returns:
        The keys, in the order given (a pattern's matches sorted), without repeats.

    Raises:
        ConfigError: For a pattern that matches no parameter with a sweep range.
    """
    declared = list(sweepable())
    if spec.strip() == "all":
        return declared
    out: list[str] = []
    for item in (p.strip() for p in spec.split(",")):
        if not item:
            continue
        if any(ch in item for ch in "*?["):
            found = sorted(k for k in declared if fnmatch.fnmatchcase(k, item))
            if not found:
                raise ConfigError(
                    f"--params: {item!r} matches no parameter with a declared sweep range "
                    f"(sim/config/); e.g. {sorted(declared)[:3]}"
                )
        else:
            found = [item]
        out.extend(k for k in found if k not in out)
    return out


def integer_params(params: list[str]) -> list[bool]:
    """Whether each parameter is an integer (its values are rounded)."""
    defaults = {key: value for key, value, _ in iter_parameters()}
    return [isinstance(defaults[p], int) and not isinstance(defaults[p], bool) for p in params]


def sample(
    method: str, problem: dict, n: int, seed: int, levels: int = DEFAULT_LEVELS
) -> np.ndarray:
    """The design matrix: one row per point, one column per parameter (integers rounded).

    Args:
        method: "lhs", "sobol" or "morris".
        problem: From ``problem_for``.
        n: Base sample size: points (lhs), N of Saltelli's scheme giving N(D+2) points
            (sobol, first and total order), trajectories giving r(D+1) points (morris).
        seed: Seed of the sampler.
        levels: Grid levels (morris).

    Returns:
        The points.
    """
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample
    from scipy.stats import qmc

    bounds = np.asarray(problem["bounds"], dtype=float)
    if method == "lhs":
        unit = qmc.LatinHypercube(d=problem["num_vars"], rng=np.random.default_rng(seed)).random(n)
        x = qmc.scale(unit, bounds[:, 0], bounds[:, 1])
    elif method == "sobol":
        x = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)
    elif method == "morris":
        x = morris_sample.sample(problem, n, num_levels=levels, seed=seed)
    else:
        raise ConfigError(f"--method={method!r} is not one of: {', '.join(METHODS)}")
    ints = np.asarray(integer_params(problem["names"]))
    x[:, ints] = np.round(x[:, ints])
    return x


def point_config(base: Any, params: list[str], values: np.ndarray, replications: int) -> Any:
    """A copy of ``base`` with the parameters set to one design point's values.

    Args:
        base: The RunConfig of the design.
        params: Dotted keys.
        values: The point's values, in ``params`` order.
        replications: Replications per point.

    Returns:
        The point's RunConfig.
    """
    ints = integer_params(params)
    cfg = with_values(
        base,
        {
            key: int(round(value)) if is_int else float(value)
            for key, value, is_int in zip(params, values, ints, strict=True)
        },
    )
    cfg.replications = replications
    return cfg


def analyse(
    method: str,
    problem: dict,
    x: np.ndarray,
    y: np.ndarray,
    outcome: str,
    *,
    resamples: int,
    conf_level: float,
    levels: int,
    seed: int,
) -> pd.DataFrame:
    """Sensitivity indices of one outcome with bootstrap confidence intervals (SALib).

    Args:
        method: "lhs" (delta and S1), "sobol" (S1, ST) or "morris" (mu_star, mu, sigma).
        problem: From ``problem_for``.
        x: The design matrix.
        y: The replication-averaged outcome per point.
        outcome: Its name.
        resamples: Bootstrap resamples.
        conf_level: Confidence level of the intervals.
        levels: Grid levels (morris).
        seed: Seed of the bootstrap.

    Returns:
        Long rows: outcome, parameter, index, value, conf (half-width), lo, hi, width.
    """
    from SALib.analyze import delta, morris, sobol

    if method == "sobol":
        res = sobol.analyze(
            problem,
            y,
            calc_second_order=False,
            num_resamples=resamples,
            conf_level=conf_level,
            seed=seed,
        )
        pairs = {"S1": "S1_conf", "ST": "ST_conf"}
    elif method == "morris":
        res = morris.analyze(
            problem,
            x,
            y,
            num_resamples=resamples,
            conf_level=conf_level,
            num_levels=levels,
            seed=seed,
        )
        pairs = {"mu_star": "mu_star_conf", "mu": None, "sigma": None}
    else:
        with warnings.catch_warnings():  # SALib's notices about merged bins
            warnings.simplefilter("ignore")
            kw = {"num_resamples": resamples, "conf_level": conf_level, "seed": seed}
            # two calls: method="all" costs ten times more than "delta" plus "sobol"
            # SALib's delta refuses names ending in _step, _conf, _raw or _balanced
            # (partnership.dominance_consensus_step): it gets neutral ones, same order
            plain = {**problem, "names": [f"x{i}" for i in range(len(problem["names"]))]}
            res = dict(delta.analyze(plain, x, y, method="delta", **kw))
            res.update(delta.analyze(plain, x, y, method="sobol", **kw))
        res["delta"], res["delta_conf"] = res["delta_raw"], res["delta_raw_conf"]
        pairs = {"delta": "delta_conf", "S1": "S1_conf"}
    rows = []
    for index, conf_key in pairs.items():
        values = np.asarray(res[index], dtype=float)
        confs = np.asarray(res[conf_key], dtype=float) if conf_key else np.full(len(values), np.nan)
        for name, v, c in zip(problem["names"], values, confs, strict=True):
            rows.append(
                {
                    "outcome": outcome,
                    "parameter": name,
                    "index": index,
                    "value": float(v),
                    "conf": float(c),
                    "lo": float(v - c),
                    "hi": float(v + c),
                    "width": float(2 * c),
                }
            )
    return pd.DataFrame(rows)


MAIN_INDEX = {"sobol": "ST", "morris": "mu_star", "lhs": "delta"}


def run_and_record(
    tasks: list[Task], cfg: Any, out: Path, desc: str
) -> tuple[Report, dict[str, dict]]:
    """Run (resuming) an analysis's replications on ``cfg``'s executor; record failures.

    Args:
        tasks: The replications.
        cfg: The RunConfig whose ``executor``, ``workers`` and ``progress`` apply.
        out: The analysis directory (``failures.parquet`` goes there).
        desc: Label of the progress bar.

    Returns:
        The invocation's report and the summary rows of the tasks run, by ``run_id``.
    """
    rows: dict[str, dict] = {}
    try:
        report = execute(
            tasks, executor_for(cfg), progress=bool(cfg.progress), desc=desc, rows=rows
        )
    finally:
        shutdown_executors()
    write_failures(out, report.failures)
    return report, rows


def write_table_and_csv(df: pd.DataFrame, out: Path, name: str) -> None:
    """Write ``<name>.parquet`` and ``<name>.csv`` in ``out``, each atomically."""
    write_atomic(df, out / f"{name}.parquet")
    buf = io.StringIO()
    df.to_csv(buf, index=False)
    write_bytes_atomic(buf.getvalue().encode(), out / f"{name}.csv")


def versus_overrides(text: str | None) -> list[str]:
    """The policy arm's extra overrides from ``--versus`` (one shell-quoted string).

    Raises:
        ConfigError: For an empty or unparsable string.
    """
    if text is None:
        return []
    try:
        items = shlex.split(text)
    except ValueError as err:
        raise ConfigError(f"--versus {text!r}: {err}") from err
    if not items:
        raise ConfigError("--versus: give the policy's overrides, e.g. 'scenario=host_office'")
    return items


def paired_differences(
    base: pd.DataFrame,
    policy: pd.DataFrame,
    outcomes: list[str],
    keys: tuple[str, ...] = ("point", "replicate"),
) -> pd.DataFrame:
    """Policy minus base for each pair (the same seed: common random numbers).

    Args:
        base: Summary rows of the base arm with the ``keys`` columns.
        policy: Summary rows of the policy arm, the same keys.
        outcomes: Outcome columns.
        keys: The columns that pair a policy row with its base row.

    Returns:
        One row per pair: the keys and the differences.
    """
    keys = list(keys)
    b = base.set_index(keys)[outcomes].sort_index()
    v = policy.set_index(keys)[outcomes].sort_index()
    if not b.index.equals(v.index):
        raise ConfigError(f"--versus: the two arms do not hold the same {' and '.join(keys)}")
    return (v - b).reset_index()


def sign_table(
    design: pd.DataFrame,
    params: list[str],
    bounds: list[list[float]],
    means: pd.DataFrame,
    outcomes: list[str],
) -> pd.DataFrame:
    """Where in the plausible ranges the policy's effect is positive or negative.

    For each outcome: the share of points whose replication-averaged difference is
    positive, and for each parameter the mean difference over the points with the
    parameter in the lower third of its range and in the upper third; ``flips`` when
    the two have opposite signs (the sign is decided inside the range).

    Args:
        design: One row per point: ``point`` and the parameter values.
        params: Parameter keys.
        bounds: Their sweep ranges.
        means: Mean difference per point (index ``point``), one column per outcome.
        outcomes: Outcome columns.

    Returns:
        Long rows: outcome, parameter, points, positive_share, mean, low, high, flips.
    """
    rows = []
    values = design.set_index("point").loc[means.index]
    for outcome in outcomes:
        y = means[outcome].to_numpy(float)
        for name, (lo, hi) in zip(params, bounds, strict=True):
            v = values[name].to_numpy(float)
            span = hi - lo
            low = y[v <= lo + SIGN_PART * span + 1e-12 * abs(span)]
            high = y[v >= hi - SIGN_PART * span - 1e-12 * abs(span)]
            lo_mean = float(low.mean()) if len(low) else float("nan")
            hi_mean = float(high.mean()) if len(high) else float("nan")
            rows.append(
                {
                    "outcome": outcome,
                    "parameter": name,
                    "points": len(y),
                    "positive_share": float((y > 0).mean()),
                    "mean": float(y.mean()),
                    "low": lo_mean,
                    "high": hi_mean,
                    "flips": bool(np.sign(lo_mean) * np.sign(hi_mean) < 0),
                }
            )
    return pd.DataFrame(rows)


def print_signs(signs: pd.DataFrame, versus: str, top: int = 5) -> None:
    """Print, per outcome, how often the policy's effect is positive and what decides it.

    Args:
        signs: From ``sign_table``.
        versus: The policy's overrides, for the heading.
        top: Parameters listed per outcome (largest change from lower to upper third).
    """
    for outcome, df in signs.groupby("outcome", sort=False):
        first = df.iloc[0]
        print(
            f"\n{outcome}: ({versus}) - base > 0 in {first['positive_share']:.0%} of "
            f"{int(first['points'])} points (mean {_num(first['mean'], 'en').strip()}); "
            "lower -> upper third:"
        )
        df = df.assign(change=(df["high"] - df["low"]).abs()).sort_values("change", ascending=False)
        for r in df.head(top).itertuples():
            flip = "  (sign flips)" if r.flips else ""
            print(f"  {r.parameter:45s} {_num(r.low, 'en')} -> {_num(r.high, 'en')}{flip}")


def print_indices(indices: pd.DataFrame, method: str, conf_level: float, top: int = 10) -> None:
    """Print, per outcome, the interval widths and the most influential parameters.

    Args:
        indices: From ``analyse`` (all outcomes).
        method: The design method.
        conf_level: Confidence level of the intervals.
        top: Parameters listed per outcome.
    """
    pct = f"{conf_level:.0%}"
    for outcome, df in indices.groupby("outcome", sort=False):
        print(f"\n{outcome}: {pct} bootstrap interval widths (mean / max over parameters)")
        for index, g in df.groupby("index", sort=False):
            if g["width"].notna().any():
                mean, most = _num(g["width"].mean(), "en"), _num(g["width"].max(), "en")
                print(f"  {index:8s} {mean} / {most}")
        main = df[df["index"] == MAIN_INDEX[method]].sort_values("value", ascending=False)
        print(
            f"  {'parameter':45s} {MAIN_INDEX[method]:>10s} {pct + ' interval':>24s} {'width':>9s}"
        )
        for r in main.head(top).itertuples():
            print(
                f"  {r.parameter:45s} {_num(r.value, 'en')} "
                f"[{_num(r.lo, 'en')}, {_num(r.hi, 'en')}] {_num(r.width, 'en', 9)}"
            )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of ``navsim-design``."""
    p = OneLineParser(
        prog="navsim-design",
        description="A designed experiment (Latin hypercube, Morris, Sobol) over the declared "
        "sweep ranges, run as one job; writes the design, the runs and the indices.",
    )
    p.add_argument("--method", choices=METHODS, default="sobol", help="default: sobol")
    p.add_argument(
        "--n",
        type=int,
        default=None,
        help="base sample size: lhs points (default 64), sobol N giving N(D+2) points "
        "(default 32, a power of 2), morris trajectories giving r(D+1) points (default 10)",
    )
    p.add_argument(
        "--replications",
        type=int,
        default=DEFAULT_REPLICATIONS,
        help=f"replications per point (default {DEFAULT_REPLICATIONS})",
    )
    p.add_argument(
        "--outcomes",
        default=",".join(DEFAULT_OUTCOMES),
        help=f"comma-separated summary outcomes (default {','.join(DEFAULT_OUTCOMES)})",
    )
    p.add_argument(
        "--params",
        default="all",
        help="comma-separated dotted parameters or shell-style patterns ('size.*'), or "
        "'all' (default): every parameter with a declared sweep range",
    )
    p.add_argument(
        "--versus",
        default=None,
        help="a paired policy arm: Hydra overrides in one quoted string, e.g. "
        "'scenario=regionalisation scenario.min_population=15000'; every point runs with "
        "and without them on the same seeds, and the indices are of the difference",
    )
    p.add_argument("--levels", type=int, default=DEFAULT_LEVELS, help="morris grid levels (4)")
    p.add_argument(
        "--resamples", type=int, default=DEFAULT_RESAMPLES, help="bootstrap resamples (1000)"
    )
    p.add_argument(
        "--conf-level", type=float, default=DEFAULT_CONF_LEVEL, help="interval level (0.95)"
    )
    p.add_argument(
        "--out",
        default=None,
        help="design directory (default outputs/designs/<method>_n<N>_r<R>_seed<seed>)",
    )
    p.add_argument(DEBUG_FLAG, action="store_true", help="show the traceback of an error")
    p.add_argument(
        "overrides",
        nargs="*",
        help="Hydra overrides of the base config, e.g. region=agder months=24 workers=2 seed=3",
    )
    return p.parse_args(argv)


def compose(overrides: list[str]) -> Any:
    """The base RunConfig from ``configs/`` and Hydra-style overrides, validated."""
    from hydra import compose as hydra_compose
    from hydra import initialize_config_dir

    from experiments.cli import OPEN_MAPPINGS, check_overrides, config_dir, validated
    from experiments.overrides import force_keys
    from experiments.schema import register

    register()
    check_overrides(overrides)  # one line naming a bad key, as navsim says it
    with initialize_config_dir(config_dir=config_dir(), version_base="1.3"):
        cfg = hydra_compose(config_name="config", overrides=force_keys(overrides, OPEN_MAPPINGS))
    return validated(cfg)


def run_design(args: argparse.Namespace) -> int:
    """Sample, run (resuming), collect and analyse a design.

    Args:
        args: From ``parse_args``.

    Returns:
        The exit status: 0, or 1 if a replication failed.
    """
    base = compose(args.overrides)  # checked like navsim's config (seed, counts, ...)
    method = args.method
    n = args.n if args.n is not None else DEFAULT_N[method]
    reps = args.replications
    outcomes = [o.strip() for o in args.outcomes.split(",") if o.strip()]
    unknown = [o for o in outcomes if o not in SUMMARY_OUTCOMES]
    if unknown or reps < 1 or n < 1:
        msg = f"unknown outcomes {unknown}; allowed: {', '.join(SUMMARY_OUTCOMES)}"
        raise ConfigError(msg if unknown else "--n and --replications must be at least 1")
    if not 0 < args.conf_level < 1:
        raise ConfigError(f"--conf-level {args.conf_level}: allowed: a number in (0, 1), e.g. 0.95")
    if args.resamples < 1:
        raise ConfigError(f"--resamples {args.resamples}: allowed: an integer >= 1")
    if method == "morris" and args.levels < 2:
        raise ConfigError(f"--levels {args.levels}: allowed: an integer >= 2 (Morris grid)")
    params = expand_params(args.params)
    problem = problem_for(params)
    versus = versus_overrides(args.versus)
    x = sample(method, problem, n, base.seed, args.levels)
    configs = [point_config(base, params, row, reps) for row in x]
    policy = compose([*args.overrides, *versus]) if versus else None
    policy_configs = [point_config(policy, params, row, reps) for row in x] if versus else []
    for cfg in [*configs, *policy_configs]:
        check_config(cfg)
    out = Path(args.out or f"outputs/designs/{method}_n{n}_r{reps}_seed{base.seed}")
    check_output(out, "--out", is_dir=True)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_tmp(out, ("", "point_*/rep_*"))
    design = pd.DataFrame(x, columns=params)
    design.insert(0, "point", np.arange(len(x)))
    meta = {
        "method": method,
        "n": n,
        "replications": reps,
        "params": params,
        "bounds": problem["bounds"],
        "outcomes": outcomes,
        "levels": args.levels,
        "resamples": args.resamples,
        "conf_level": args.conf_level,
        "seed": base.seed,
        "overrides": list(args.overrides),
        "versus": versus,
        "points": len(x),
    }
    old = out / "design.parquet"
    if old.is_file():
        prev = pd.read_parquet(old)
        prev_meta = out / "design.json"
        prev_versus = (
            json.loads(prev_meta.read_text()).get("versus") if prev_meta.is_file() else versus
        )
        if (
            list(prev.columns) != list(design.columns)
            or not np.array_equal(prev.to_numpy(float), design.to_numpy(float))
            or (prev_versus or []) != versus
        ):
            raise ConfigError(f"{out} holds another design; give another --out")
    write_atomic(design, old)
    write_bytes_atomic(json.dumps(meta, indent=2).encode(), out / "design.json")
    arms = 2 if versus else 1
    print(
        f"navsim-design: {method}, {len(params)} parameters, {len(x)} points x {reps} "
        f"replications{' x 2 arms' if versus else ''} = {len(x) * reps * arms} runs -> {out}",
        flush=True,
    )
    tasks = [
        Task(cfg, k, str(out / f"point_{i}" / f"rep_{k}"), make_run_id(cfg, k), point=i)
        for i, cfg in enumerate(configs)
        for k in range(reps)
    ]
    policy_tasks = [
        Task(cfg, k, str(out / f"point_{i}" / VERSUS_DIR / f"rep_{k}"), make_run_id(cfg, k), i)
        for i, cfg in enumerate(policy_configs)
        for k in range(reps)
    ]
    report, rows = run_and_record([*tasks, *policy_tasks], base, out, "design")
    if report.failures:
        print("navsim-design: indices not computed: some replications failed", file=sys.stderr)
        print(report.line(), flush=True)
        return 1
    summary = read_summaries(tasks, rows)  # point-major, then replicate: the order of the tasks
    summary.insert(0, "point", [t.point for t in tasks])
    if versus:
        policy_summary = read_summaries(policy_tasks, rows)
        policy_summary.insert(0, "point", [t.point for t in policy_tasks])
        summary.insert(1, "arm", "base")
        policy_summary.insert(1, "arm", "versus")
        diffs = paired_differences(summary, policy_summary, outcomes)
        write_atomic(diffs, out / "differences.parquet")
        summary = pd.concat([summary, policy_summary], ignore_index=True)
        means = diffs.groupby("point", sort=True)[outcomes].mean()
        signs = sign_table(design, params, problem["bounds"], means, outcomes)
        write_atomic(signs, out / "signs.parquet")
    else:
        means = summary.groupby("point", sort=True)[outcomes].mean()
    write_atomic(summary, out / "summary.parquet")
    parts = [
        analyse(
            method,
            problem,
            x,
            means[o].to_numpy(float),
            o,
            resamples=args.resamples,
            conf_level=args.conf_level,
            levels=args.levels,
            seed=base.seed,
        )
        for o in outcomes
    ]
    indices = pd.concat(parts, ignore_index=True)
    indices.insert(0, "method", method)
    indices["conf_level"] = args.conf_level
    indices["points"] = len(x)
    indices["replications"] = reps
    write_table_and_csv(indices, out, "indices")
    print_indices(indices, method, args.conf_level)
    if versus:
        print_signs(signs, " ".join(versus))
    print(f"\nnavsim-design: indices in {out / 'indices.csv'}")
    print(report.line(), flush=True)
    return 0


def main(argv: list[str] | None = None) -> None:
    """Console entry point ``navsim-design``."""
    args = parse_args(argv)
    with guard("navsim-design", args.debug):
        status = run_design(args)
    sys.exit(status)


if __name__ == "__main__":
    main()
