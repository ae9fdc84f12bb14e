"""The ``navsim`` command: a thin ``@hydra.main`` wrapper over ``experiments.runner.run``.

Examples::

    navsim region=agder months=120 seed=7
    navsim region=norway replications=4 workers=2 hydra.run.dir=outputs/norway
    navsim -m governance.harmonised_terms=false,true replications=5
"""

from __future__ import annotations

import copy
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

import hydra
import numpy as np
import pandas as pd
from hydra.core.hydra_config import HydraConfig
from hydra.experimental.callback import Callback
from omegaconf import DictConfig, OmegaConf, open_dict, read_write

from experiments.executors import shutdown_executors
from experiments.runner import TALLY, Report, run_job
from experiments.schema import register
from sim.config import ConfigError, validate
from sim.regions import resolve_municipalities


def config_dir() -> str:
    """Absolute path of the Hydra configs: the source tree's, else the installed package's."""
    source = Path(__file__).resolve().parents[1] / "configs"
    if (source / "config.yaml").is_file():
        return str(source)
    return str(resources.files("navsim_configs"))


def to_run_config(cfg: DictConfig) -> Any:
    """The composed config as a RunConfig dataclass (without the ``hydra`` node)."""
    c = copy.deepcopy(cfg)
    with read_write(c), open_dict(c):
        c.pop("hydra", None)
    return OmegaConf.to_object(c)


def check(cfg: DictConfig) -> Any:
    """Validate a composed config; on bad input print one line and exit 2.

    Runs from a Hydra callback before the run directory is created, so nothing is
    written for a config that cannot run.
    """
    try:
        run_cfg = to_run_config(cfg)
        validate(run_cfg)
        resolve_municipalities(run_cfg.region)
        for key in ("replications", "workers"):
            if getattr(run_cfg, key) < 1:
                raise ConfigError(f"{key}={getattr(run_cfg, key)} must be at least 1")
        only = run_cfg.only_replicate
        if only is not None and not 0 <= only < run_cfg.replications:
            raise ConfigError(
                f"only_replicate={only} must be in [0, replications={run_cfg.replications})"
            )
    except ConfigError as err:
        print(f"navsim: bad configuration: {err}", file=sys.stderr)
        sys.exit(2)
    return run_cfg


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
        """Stop the sweep's workers and print the sweep's closing line over all jobs."""
        shutdown_executors()
        report = TALLY
        if report.succeeded + report.failed + report.skipped == 0:
            # jobs ran in other processes (joblib, submitit): count from the files
            report = tally_from_disk(Path(config.hydra.sweep.dir), self.started)
        print(report.line().replace("navsim:", "navsim: all jobs:", 1), flush=True)


# Printed summary: outcome -> (bokmål, English)
SUMMARY_LABELS = {
    "exit_rate": ("overgang til arbeid per bruker/mnd", "exits to work per user/month"),
    "exits_to_work": ("overganger til arbeid per mnd", "exits to work per month"),
    "mean_wait_months": ("ventetid, måneder", "waiting time, months"),
    "social_assistance_cost": ("sosialhjelp, NOK per mnd", "social assistance, NOK/month"),
    "trust_owners": ("tillit mellom eierne", "trust between the owners"),
    "perceived_state_dominance": ("opplevd statlig dominans", "perceived state dominance"),
    "cooperation_quality": ("samarbeidskvalitet", "cooperation quality"),
    "external_cooperation": ("eksternt samarbeid", "external cooperation"),
    "cross_work_share": ("andel som jobber likt stat/kommune", "share working on both lines"),
    "staff_turnover": ("turnover per mnd", "staff turnover per month"),
    "leader_dev_capacity": ("Nav-lederens utviklingskapasitet", "leader development capacity"),
}
HEADINGS = {
    "nb": ("replikasjon(er) skrevet til", "utfall (siste oppsummeringsvindu)", "median"),
    "en": ("replication(s) written to", "outcome (last summary window)", "median"),
}


def print_summary(summary: Any, out_dir: Path, lang: str = "nb") -> None:
    """Print the main outcomes over the summary window, with replicate spread.

    Args:
        summary: The summary rows of the replications.
        out_dir: Where the tables were written.
        lang: "nb" (bokmål) or "en".
    """
    written, heading, median = HEADINGS[lang]
    pick = 0 if lang == "nb" else 1
    print(f"\nnavsim: {len(summary)} {written} {out_dir}")
    print(f"{heading:40s} {median:>12s} {'5%':>12s} {'95%':>12s}")
    for col, labels in SUMMARY_LABELS.items():
        x = summary[col].to_numpy(float)
        print(
            f"{labels[pick]:40s} {np.median(x):12.4g} {np.quantile(x, 0.05):12.4g} "
            f"{np.quantile(x, 0.95):12.4g}"
        )


def main_task(cfg: DictConfig) -> None:
    """The Hydra task: resolve the config, run, print a summary."""
    run_cfg = check(cfg)
    out_dir = Path(HydraConfig.get().runtime.output_dir)
    summary, report = run_job(run_cfg, out_dir)
    if not summary.empty:
        print_summary(summary, out_dir, str(run_cfg.lang))
    print(report.line(), flush=True)


def main() -> None:
    """Console entry point ``navsim``."""
    register()
    hydra.main(version_base="1.3", config_path=config_dir(), config_name="config")(main_task)()
    if TALLY.failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
