"""The ``navsim`` command: a thin ``@hydra.main`` wrapper over ``experiments.jobs``.

Examples::

    navsim region=agder months=120 seed=7
    navsim region=norway replications=4 workers=2 hydra.run.dir=outputs/norway
    navsim -m governance.harmonised_terms=false,true replications=5
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import itertools
import os
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

import hydra
import numpy as np
import pandas as pd
import yaml
from hydra.core.hydra_config import HydraConfig
from hydra.experimental.callback import Callback
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf, open_dict, read_write

from experiments.errors import guard, split_debug
from experiments.executors import (
    check_scheduler,
    check_workers,
    get_executor,
    shutdown_executors,
)
from experiments.jobs import SWEEP, Job, Report, start_job
from experiments.labels import SUMMARY_OUTCOMES, label, scenario_note
from experiments.overrides import force_keys, plain_changes, search_path, unparsable
from experiments.posterior import check_posterior
from experiments.schema import OUTPUT_TABLES, RunConfig, register
from hydra_plugins.navsim_sweeper.navsim_sweeper import BASIC_LAUNCHER
from messages import _, format_number, ngettext
from sim.config import ConfigError, allowed_values, field_type, normalise
from sim.regions import resolve_municipalities
from sim.scenarios import check_config, plan_scenarios


def config_dir() -> str:
    """Absolute path of the Hydra configs: the source tree's, else the installed package's."""
    source = Path(__file__).resolve().parents[1] / "configs"
    if (source / "config.yaml").is_file():
        return str(source)
    return str(resources.files("navsim_configs"))


def to_run_config(cfg: DictConfig) -> Any:
    """The composed config as a RunConfig dataclass (without the ``hydra`` node).

    A job's config reaches the task without ``hydra`` and converts as it is; the
    sweep's base config (in a callback) still has it and is copied without it first.
    """
    if "hydra" in cfg:
        cfg = copy.deepcopy(cfg)
        with read_write(cfg), open_dict(cfg):
            cfg.pop("hydra")
    return OmegaConf.to_object(cfg)


def check_counts(run_cfg: Any) -> None:
    """Seed at least 0, replications and workers at least 1; outputs name known tables.

    Raises:
        ConfigError: Naming the key and what is allowed.
    """
    if not isinstance(run_cfg.seed, int) or run_cfg.seed < 0:
        raise ConfigError(f"seed={run_cfg.seed!r} is negative; allowed: an integer >= 0")
    for key in ("replications", "workers"):
        if getattr(run_cfg, key) < 1:
            raise ConfigError(
                f"{key}={getattr(run_cfg, key)} must be at least 1; allowed: an integer >= 1"
            )
    unknown = [t for t in run_cfg.outputs if t not in OUTPUT_TABLES]
    if unknown:
        raise ConfigError(
            f"outputs={list(run_cfg.outputs)} names unknown tables {unknown}; allowed: any of "
            f"{', '.join(OUTPUT_TABLES)} (summary.parquet and run.json are always written)"
        )


def fail(err: ConfigError) -> None:
    """Print one line naming the bad key and what is allowed; exit 2."""
    print(f"navsim: bad configuration: {err}", file=sys.stderr)
    sys.exit(2)


def check_execution(run_cfg: Any) -> None:
    """The workers fit this machine's cores; a Dask scheduler answers at ``dask_address``.

    The client of a scheduler is connected here (before anything is written) and kept
    for the jobs (``experiments.executors.get_executor`` caches it).

    Raises:
        ConfigError: Naming ``workers`` or ``dask_address``.
    """
    kind = str(getattr(run_cfg.executor, "value", run_cfg.executor))
    address = run_cfg.dask_address
    pooled = run_cfg.workers > 1 or kind == "dask"
    if pooled:
        check_workers(kind, run_cfg.workers, address, run_cfg.oversubscribe)
    if kind == "dask" and address:
        check_scheduler(address)  # fast: nothing listens there
        get_executor(kind, run_cfg.workers, address)  # connects now (cached for the jobs)


def runs_here(cfg: DictConfig) -> bool:
    """Whether the jobs of this command start their workers on this machine.

    Not so under a launcher that sends the jobs elsewhere (SLURM): each job then checks
    its workers where it runs.
    """
    if "hydra" not in cfg:
        return True
    target = str(OmegaConf.select(cfg, "hydra.launcher._target_", default="") or "")
    return cfg.hydra.mode != RunMode.MULTIRUN or "Slurm" not in target


def check(cfg: DictConfig) -> Any:
    """``validated``; on bad input print one line and exit 2.

    Runs from a Hydra callback before the run directory is created, so nothing is
    written for a config that cannot run.
    """
    try:
        return validated(cfg)
    except ConfigError as err:
        fail(err)


def validated(cfg: DictConfig) -> Any:
    """A composed config as a RunConfig, checked.

    Where the jobs run on this machine, the workers are checked against its cores and a
    Dask scheduler must answer at ``dask_address``.

    Raises:
        ConfigError: Naming the key and what is allowed.
    """
    run_cfg = to_run_config(cfg)
    check_config(run_cfg)
    resolve_municipalities(run_cfg.region)
    check_counts(run_cfg)
    check_posterior(run_cfg)
    only = run_cfg.only_replicate
    if only is not None and not 0 <= only < run_cfg.replications:
        raise ConfigError(
            f"only_replicate={only} must be in [0, replications={run_cfg.replications})"
        )
    if runs_here(cfg):
        check_execution(run_cfg)
    return run_cfg


def group_dirs(group: str, searchpath: list[str] | None = None) -> list[Path] | None:
    """Where the presets of a config group are: ``configs/<group>/`` and the search path's.

    Args:
        group: The config group (``experiment``, ``region``, ...).
        searchpath: The entries of a ``hydra.searchpath`` override (``file://`` URLs or
            plain directories), if one was given.

    Returns:
        The directories, or None if an entry is one this check cannot look into
        (``pkg://``): the choice is then left to Hydra.
    """
    dirs = [Path(config_dir()) / group]
    for entry in searchpath or []:
        scheme, sep, rest = entry.partition("://")
        if sep and scheme != "file":
            return None
        dirs.append(Path(rest if sep else entry) / group)
    return dirs


def group_options(group: str, searchpath: list[str] | None = None) -> dict[str, Path]:
    """The presets of a config group (its YAML files), by name; the first found wins."""
    options: dict[str, Path] = {}
    for d in group_dirs(group, searchpath) or []:
        for p in sorted(d.glob("*.yaml")):
            options.setdefault(p.stem, p)
    return options


def check_yaml(path: Path, where: str) -> None:
    """A preset file parses as YAML.

    Raises:
        ConfigError: Naming the file, the line and column, and what is wrong.
    """
    try:
        yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or type(err).__name__
        raise ConfigError(f"{where}: {path} is not valid YAML{at}: {problem}") from None


def check_group_choice(group: str, values: list[Any], searchpath: list[str] | None = None) -> None:
    """A config group selection (``experiment=demo``) names a preset that parses.

    Presets are looked up in ``configs/<group>/`` and in the ``hydra.searchpath``
    directories (a user's own experiment files).
    """
    if group_dirs(group, searchpath) is None:
        return
    options = group_options(group, searchpath)
    for value in values:
        if value is None and group == "experiment":
            continue
        if str(value) not in options:
            where = " or the hydra.searchpath directories" if searchpath else ""
            raise ConfigError(
                f"{group}={value} is not a preset in configs/{group}/{where}; "
                f"allowed: {', '.join(sorted(options))}"
            )
        check_yaml(options[str(value)], f"{group}={value}")


@functools.cache
def one_field(owner: type, name: str) -> type:
    """A dataclass holding only field ``name`` of ``owner`` (type and default).

    OmegaConf converts a value set on it exactly as on ``owner``, at a fraction of the
    cost of structuring the whole (large) schema for every override.
    """
    spec = next(f for f in dataclasses.fields(owner) if f.name == name)
    default = (
        dataclasses.field(default_factory=spec.default_factory)
        if spec.default_factory is not dataclasses.MISSING
        else dataclasses.field(default=spec.default)
    )
    return dataclasses.make_dataclass(
        f"{owner.__name__}_{name}", [(name, field_type(owner, name), default)]
    )


def check_key_value(key: str, values: list[Any]) -> None:
    """A dotted key exists in the RunConfig schema and each value fits its field.

    The value is converted as Hydra will (OmegaConf's structured-config rules), then set
    on a default RunConfig and checked by ``sim.scenarios.check_config`` (bounds, enum values,
    the portfolio); keys below a non-dataclass field (e.g. ``region.offices.<label>``)
    are left to composition.
    """
    owner: type = RunConfig
    parts = key.split(".")
    for i, part in enumerate(parts):
        names = [f.name for f in dataclasses.fields(owner)]
        if part not in names:
            where = ".".join(parts[:i]) or "the configuration"
            raise ConfigError(
                f"{key}: unknown key {part!r} in {where}; allowed: {', '.join(names)}"
            )
        hint = field_type(owner, part)
        if i < len(parts) - 1:
            if not dataclasses.is_dataclass(hint):
                return
            owner = hint
    name = parts[-1]
    for value in values:
        node = OmegaConf.structured(one_field(owner, name))
        try:
            with open_dict(node):
                node[name] = value
            converted = getattr(OmegaConf.to_object(node), name)
        except Exception:  # noqa: BLE001 - OmegaConf raises several error types
            raise ConfigError(
                f"{key}={value!r} is not allowed; allowed: {allowed_values(owner, name)}"
            ) from None
        if dataclasses.is_dataclass(converted):
            continue
        run_cfg = RunConfig()
        target = run_cfg
        for part in parts[:-1]:
            target = getattr(target, part)
        setattr(target, name, converted)
        check_config(run_cfg)
        check_counts(run_cfg)


def precheck(args: list[str]) -> None:
    """``check_overrides``; on bad input print one line and exit 2."""
    try:
        check_overrides(args)
    except ConfigError as err:
        fail(err)


def check_overrides(args: list[str]) -> None:
    """Check command-line overrides against the schema before Hydra composes anything.

    Catches an unknown key, a wrong type, an unknown enum value, an out-of-range number
    and an unknown preset with one line naming the key and the allowed values (Hydra's
    own messages span several lines and do not list the allowed keys). Overrides with a
    ``+``, ``++`` or ``~`` prefix, ``hydra.*`` keys and anything this check cannot parse
    are left to Hydra (``experiments.overrides.plain_changes``).

    Args:
        args: The command line without the program name.

    Raises:
        ConfigError: Naming the key (or the override that cannot be read) and what is
            allowed.
    """
    groups = {p.name for p in Path(config_dir()).iterdir() if p.is_dir()}
    searchpath = search_path(args)
    bad = unparsable(args)
    if bad is not None:
        key, _, value = bad.partition("=")
        # the shell split an unquoted value at its spaces: the words after it belong to it
        rest = args[args.index(bad) + 1 :]
        words = list(itertools.takewhile(lambda a: "=" not in a and a[:1] != "-", rest))
        value = " ".join([value, *words])
        bad = f"{key}={value}"
        raise ConfigError(
            f"cannot read the override {bad!r}; a value with spaces, letters such as "
            f"æøå or other special characters must be quoted, e.g. '{key}=\"{value}\"' "
            "(the outer quotes for the shell, the inner for Hydra)"
        )
    for key, values in plain_changes(args):
        if key in groups:
            check_group_choice(key, values, searchpath)
        else:
            check_key_value(key, values)


def tally_from_disk(sweep_dir: Path, since: float) -> Report:
    """Counts of a sweep whose jobs ran in other processes, read from the files on disk.

    A ``run.json`` written since ``since`` is a replication that succeeded in this
    invocation, an older one was skipped; rows of a ``failures.parquet`` written since
    ``since`` failed.

    Args:
        sweep_dir: The multirun directory.
        since: The invocation's start (``time.time()``).

    Returns:
        The counts.
    """
    report = Report()
    for path in sweep_dir.rglob("run.json"):
        if path.stat().st_mtime >= since:
            report.succeeded += 1
        else:
            report.skipped += 1
    for path in sweep_dir.rglob("failures.parquet"):
        if path.stat().st_mtime >= since:
            report.failed += len(pd.read_parquet(path, columns=["run_id"]))
    return report


class ValidateConfig(Callback):
    """Hydra callback: validate before any job directory exists; close the sweep."""

    def __init__(self) -> None:
        """Remember when the invocation started."""
        self.started = time.time()

    def on_run_start(self, config: DictConfig, **kwargs: Any) -> None:
        """Validate a single run's config."""
        check(config)

    def on_run_end(self, config: DictConfig, **kwargs: Any) -> None:
        """Stop the workers of a single run."""
        shutdown_executors()

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        """Validate the sweep's base config (each job is validated again at its start)."""
        self.started = time.time()
        check(config)

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        """Collect the deferred jobs, stop the workers, print the closing line over all jobs."""
        try:
            finish_pending(bool(config.progress))
        finally:
            shutdown_executors()
        report = SWEEP.tally
        if report.succeeded + report.failed + report.skipped == 0:
            # jobs ran in other processes (joblib, submitit): count from the files
            report = tally_from_disk(Path(config.hydra.sweep.dir), self.started)
        print(report.line().replace("navsim:", "navsim: all jobs:", 1), flush=True)


def print_summary(summary: Any, out_dir: Path, lang: str = "nb") -> None:
    """Print the main outcomes over the summary window, with replicate spread.

    Args:
        summary: The summary rows of the replications.
        out_dir: Where the tables were written.
        lang: "nb" (bokmål) or "en".
    """
    n = len(summary)
    written = ngettext(
        "{n} replication written to {path}", "{n} replications written to {path}", n, lang
    )
    print("\nnavsim: " + written.format(n=n, path=out_dir))
    heading = _("outcome (last summary window)", lang)
    print(f"{heading:40s} {_('median', lang):>12s} {'5%':>12s} {'95%':>12s}")
    for col in SUMMARY_OUTCOMES:
        x = summary[col].to_numpy(float)
        values = (np.median(x), *np.quantile(x, [0.05, 0.95]))
        # four significant digits; large numbers whole, never in e-notation
        cells = [
            format_number(v, lang, 4) if abs(v) < 1e4 else format_number(v, lang, fraction=0)
            for v in values
        ]
        print(f"{label(col, lang):40s} " + " ".join(f"{c:>12s}" for c in cells))


def print_scenario_choices(run_cfg: Any, lang: str = "nb") -> None:
    """Print what the scenarios chose inside the region (DESIGN §5: defaults are printed).

    Args:
        run_cfg: The validated run config.
        lang: "nb" (bokmål) or "en".
    """
    plan = plan_scenarios(normalise(run_cfg))
    for note in plan.notes:
        print(f"navsim: {scenario_note(note, lang)}")


def pipelined_sweep() -> bool:
    """Whether this is a multirun whose jobs run one after another in this process.

    Under Hydra's basic launcher each job's replications are submitted to worker
    processes (even with ``workers=1``) and collected at the sweep's end, so the next
    job is composed and submitted while the workers run this one: they never wait for
    Hydra between jobs.
    """
    hc = HydraConfig.get()
    return hc.mode == RunMode.MULTIRUN and hc.launcher.get("_target_") == BASIC_LAUNCHER


def print_job(job: Job, summary: Any, report: Report, lang: str) -> None:
    """Print a finished job's summary and its closing line."""
    if not summary.empty:
        print_summary(summary, job.out_dir, lang)
    print(report.line(), flush=True)


def finish_pending(progress: bool) -> None:
    """Collect the deferred jobs of a multirun (one progress bar), then print each."""
    for args in SWEEP.finish(progress):
        print_job(*args)


def main_task(cfg: DictConfig) -> None:
    """The Hydra task: resolve the config, run (or, in a sweep, start), print a summary."""
    run_cfg = check(cfg)
    lang = str(run_cfg.lang)
    print_scenario_choices(run_cfg, lang)
    out_dir = Path(HydraConfig.get().runtime.output_dir)
    pipelined = pipelined_sweep()  # then the job runs on worker processes: collect at the end
    job = start_job(run_cfg, out_dir, pipelined=pipelined)
    if pipelined:
        SWEEP.defer(job, lang)
        return
    print_job(job, *SWEEP.wait(job), lang)


# config mappings a plain override may add labels to (``region.offices={lister: [...]}``)
OPEN_MAPPINGS = ("region.offices", "scenario.offices")


def main() -> None:
    """Console entry point ``navsim``; ``--debug`` shows the traceback of any error.

    Bad input, an OS error (a directory that cannot be written) and a file that
    cannot be read end with one line naming the key or file (``experiments.errors``).
    """
    args, debug = split_debug(sys.argv[1:])
    register()
    with guard("navsim", debug):
        precheck(args)
        sys.argv = [sys.argv[0], *force_keys(args, OPEN_MAPPINGS)]
        os.environ["HYDRA_FULL_ERROR"] = "1"  # Hydra raises; the guard says it in one line
        hydra.main(version_base="1.3", config_path=config_dir(), config_name="config")(main_task)()
    if SWEEP.tally.failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
