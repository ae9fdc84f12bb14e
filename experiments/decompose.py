"""The ``navsim-decompose`` command: which mechanisms make a policy's effect, and how much.

A policy (``--versus``: Hydra overrides such as ``scenario=regionalisation
scenario.min_population=15000``) is compared with the base configuration, paired by
seed, under several settings of the mechanism switches (``mechanisms.<name>``, DESIGN
§3): every listed mechanism on (``all_on``), each one off in turn (``without_<name>``)
and all of them off (``all_off``). Per replicate k (the same seed in every setting and
both arms) and outcome, with Δ_s = policy − base under setting s:

* the **contribution** of mechanism m is Δ_all_on − Δ_without_m (one-at-a-time
  knock-out: what the effect loses without m);
* the **rest** is Δ_all_off (what the policy does through the other mechanisms);
* the **interaction** residual is Δ_all_on − Δ_all_off − Σ_m contribution_m.

So total = rest + Σ contributions + interaction, replicate by replicate; each part
gets the paired mean and a Student-t interval (``experiments.compare.paired_stats``).

Example::

    navsim-decompose --versus 'scenario=regionalisation scenario.min_population=15000'
        --mechanisms specialise,spread_overhead --replications 10 region=agder

Layout of ``--out DIR``: ``decomposition.json`` (the arguments),
``<setting>/<base|versus>/rep_<k>/`` (the runs), ``effects.parquet`` (Δ per setting,
replicate and outcome), ``decomposition.parquet`` and ``.csv`` (one row per outcome
and part). A finished replication is skipped, so the same command resumes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from experiments.atomic import remove_stale_tmp, write_atomic, write_bytes_atomic
from experiments.compare import _num, paired_stats
from experiments.design import (
    SUMMARY_OUTCOMES,
    compose,
    paired_differences,
    run_and_record,
    versus_overrides,
    write_table_and_csv,
)
from experiments.errors import DEBUG_FLAG, OneLineParser, check_output, guard
from experiments.executors import Task
from experiments.jobs import read_summaries
from experiments.replication import make_run_id
from sim.config import ConfigError, ModelConfig, with_values
from sim.scenarios import check_config

DEFAULT_OUTCOMES = ("exit_rate", "mean_wait_months", "trust_owners")
DEFAULT_REPLICATIONS = 10
LEVEL = 0.90  # the intervals of navsim-compare
ALL_ON, ALL_OFF = "all_on", "all_off"
ARMS = ("base", "versus")


def settings(mechanisms: list[str]) -> dict[str, list[str]]:
    """The switch settings: name -> the mechanisms switched off in it."""
    out = {ALL_ON: []}
    out.update({f"without_{m}": [m] for m in mechanisms})
    out[ALL_OFF] = list(mechanisms)
    return out


def switched_off(cfg: Any, off: list[str]) -> Any:
    """A copy of a RunConfig with the mechanisms ``off`` switched off."""
    return with_values(cfg, {f"mechanisms.{m}": False for m in off})


def check_mechanisms(names: list[str]) -> None:
    """Every name is a knock-out switch of ``MechanismSwitches``, and there are some.

    Raises:
        ConfigError: Naming the unknown switches and the known ones.
    """
    known = list(vars(ModelConfig().mechanisms))
    unknown = [m for m in names if m not in known]
    if unknown or not names:
        raise ConfigError(f"--mechanisms: {unknown or 'none given'}; allowed: {', '.join(known)}")


def decompose(effects: pd.DataFrame, mechanisms: list[str], outcomes: list[str]) -> pd.DataFrame:
    """The parts of the policy's effect (see the module docstring), with intervals.

    Args:
        effects: One row per setting and replicate: ``setting``, ``replicate`` and Δ per
            outcome.
        mechanisms: The mechanisms decomposed.
        outcomes: Outcome columns.

    Returns:
        One row per outcome and part (``total``, each mechanism, ``rest``,
        ``interaction``): ``n``, ``difference``, ``ci_low``, ``ci_high``,
        ``same_sign_share``.
    """
    wide = {s: g.set_index("replicate").sort_index() for s, g in effects.groupby("setting")}
    reps = wide[ALL_ON].index
    for s, g in wide.items():
        if not g.index.equals(reps):
            raise ConfigError(f"setting {s} lacks replicates of {ALL_ON}: cannot pair them")
    rows = []
    for o in outcomes:
        total = wide[ALL_ON][o].to_numpy(float)
        parts = {"total": total}
        for m in mechanisms:
            parts[m] = total - wide[f"without_{m}"][o].to_numpy(float)
        parts["rest"] = wide[ALL_OFF][o].to_numpy(float)
        parts["interaction"] = total - parts["rest"] - sum(parts[m] for m in mechanisms)
        for part, values in parts.items():
            rows.append({"outcome": o, "part": part, **paired_stats(values, LEVEL)})
    return pd.DataFrame(rows)


def print_decomposition(table: pd.DataFrame) -> None:
    """Print each outcome's parts: mean and 90% interval."""
    for outcome, df in table.groupby("outcome", sort=False):
        print(f"\n{outcome}: policy - base, by mechanism ({LEVEL:.0%} paired intervals)")
        for r in df.itertuples():
            print(
                f"  {r.part:40s} {_num(r.difference, 'en')} "
                f"[{_num(r.ci_low, 'en')}, {_num(r.ci_high, 'en')}]"
            )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of ``navsim-decompose``."""
    p = OneLineParser(
        prog="navsim-decompose",
        description="Decompose a policy's paired effect into the contributions of "
        "mechanisms (one-at-a-time knock-outs) and their interaction residual.",
    )
    p.add_argument(
        "--versus",
        required=True,
        help="the policy: Hydra overrides in one quoted string, e.g. "
        "'scenario=regionalisation scenario.min_population=15000'",
    )
    p.add_argument(
        "--mechanisms",
        required=True,
        help="comma-separated knock-out switches (mechanisms.<name>) to decompose into",
    )
    p.add_argument(
        "--replications",
        type=int,
        default=DEFAULT_REPLICATIONS,
        help=f"paired replications per setting (default {DEFAULT_REPLICATIONS})",
    )
    p.add_argument(
        "--outcomes",
        default=",".join(DEFAULT_OUTCOMES),
        help=f"comma-separated summary outcomes (default {','.join(DEFAULT_OUTCOMES)})",
    )
    p.add_argument("--out", default=None, help="directory (default outputs/decompositions/...)")
    p.add_argument(DEBUG_FLAG, action="store_true", help="show the traceback of an error")
    p.add_argument(
        "overrides",
        nargs="*",
        help="Hydra overrides of the base, e.g. region=agder months=60 workers=2",
    )
    return p.parse_args(argv)


def run_decomposition(args: argparse.Namespace) -> int:
    """Run (resuming) every setting's two arms, then decompose.

    Args:
        args: From ``parse_args``.

    Returns:
        The exit status: 0, or 1 if a replication failed.
    """
    mechanisms = [m.strip() for m in args.mechanisms.split(",") if m.strip()]
    check_mechanisms(mechanisms)
    outcomes = [o.strip() for o in args.outcomes.split(",") if o.strip()]
    unknown = [o for o in outcomes if o not in SUMMARY_OUTCOMES]
    if unknown:
        raise ConfigError(f"--outcomes: unknown {unknown}; allowed: {', '.join(SUMMARY_OUTCOMES)}")
    if args.replications < 2:
        raise ConfigError("--replications: at least 2 (the intervals are over replicates)")
    versus = versus_overrides(args.versus)
    out = Path(args.out or f"outputs/decompositions/{'_'.join(mechanisms)[:60]}")
    check_output(out, "--out", is_dir=True)
    arms = {"base": compose(args.overrides), "versus": compose([*args.overrides, *versus])}
    reps = args.replications
    plan = settings(mechanisms)
    tasks: list[tuple[str, str, Task]] = []
    for setting, off in plan.items():
        for arm, cfg in arms.items():
            cfg = switched_off(cfg, off)
            cfg.replications = reps
            check_config(cfg)
            for k in range(reps):
                d = out / setting / arm / f"rep_{k}"
                tasks.append((setting, arm, Task(cfg, k, str(d), make_run_id(cfg, k))))
    meta = {
        "versus": versus,
        "mechanisms": mechanisms,
        "replications": reps,
        "outcomes": outcomes,
        "overrides": list(args.overrides),
        "level": LEVEL,
    }
    old = out / "decomposition.json"
    if old.is_file():
        prev = json.loads(old.read_text())
        if {k: prev.get(k) for k in ("versus", "mechanisms", "overrides")} != {
            k: meta[k] for k in ("versus", "mechanisms", "overrides")
        }:
            raise ConfigError(f"{out} holds another decomposition; give another --out")
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_tmp(out, ("", "*/*/rep_*"))
    write_bytes_atomic(json.dumps(meta, indent=2).encode(), old)
    print(
        f"navsim-decompose: {len(plan)} settings x 2 arms x {reps} replications = "
        f"{len(tasks)} runs -> {out}",
        flush=True,
    )
    report, rows = run_and_record([t for _, _, t in tasks], arms["base"], out, "decompose")
    if report.failures:
        print("navsim-decompose: not decomposed: some replications failed", file=sys.stderr)
        print(report.line(), flush=True)
        return 1
    effects = []
    for setting in plan:
        base, policy = (
            read_summaries([t for s, a, t in tasks if s == setting and a == arm], rows)
            for arm in ARMS
        )
        diff = paired_differences(base, policy, outcomes, keys=("replicate",))
        effects.append(diff.assign(setting=setting))
    effects_df = pd.concat(effects, ignore_index=True)[["setting", "replicate", *outcomes]]
    write_atomic(effects_df, out / "effects.parquet")
    table = decompose(effects_df, mechanisms, outcomes)
    write_table_and_csv(table, out, "decomposition")
    print_decomposition(table)
    print(f"\nnavsim-decompose: parts in {out / 'decomposition.csv'}")
    print(report.line(), flush=True)
    return 0


def main(argv: list[str] | None = None) -> None:
    """Console entry point ``navsim-decompose``."""
    args = parse_args(argv)
    with guard("navsim-decompose", args.debug):
        status = run_decomposition(args)
    sys.exit(status)


if __name__ == "__main__":
    main()
