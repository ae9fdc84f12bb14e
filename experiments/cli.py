"""The ``navsim`` command: a thin ``@hydra.main`` wrapper over ``experiments.runner.run``.

Examples::

    navsim region=agder months=120 seed=7
    navsim region=norway replications=4 workers=2 hydra.run.dir=outputs/norway
    navsim -m governance.harmonised_terms=false,true replications=5
"""

from __future__ import annotations

import copy
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import hydra
import numpy as np
from hydra.core.hydra_config import HydraConfig
from hydra.experimental.callback import Callback
from omegaconf import DictConfig, OmegaConf, open_dict, read_write

from experiments.labels import SUMMARY_LABELS
from experiments.runner import run
from experiments.schema import register
from sim.config import ConfigError, validate
from sim.regions import resolve_municipalities
from sim.scenarios import plan_scenarios


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
    except ConfigError as err:
        print(f"navsim: bad configuration: {err}", file=sys.stderr)
        sys.exit(2)
    return run_cfg


class ValidateConfig(Callback):
    """Hydra callback: validate before any job directory exists."""

    def on_run_start(self, config: DictConfig, **kwargs: Any) -> None:
        """Validate a single run's config."""
        check(config)

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        """Validate the sweep's base config (each job is validated again at its start)."""
        check(config)


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


def print_scenario_choices(run_cfg: Any, lang: str = "nb") -> None:
    """Print what the scenarios chose inside the region (DESIGN §5: defaults are printed).

    Args:
        run_cfg: The validated run config.
        lang: "nb" (bokmål) or "en".
    """
    plan = plan_scenarios(run_cfg)
    for nb, en in plan.notes:
        print(f"navsim: {nb if lang == 'nb' else en}")


def main_task(cfg: DictConfig) -> None:
    """The Hydra task: resolve the config, run, print a summary."""
    run_cfg = check(cfg)
    print_scenario_choices(run_cfg, str(run_cfg.lang))
    out_dir = Path(HydraConfig.get().runtime.output_dir)
    summary = run(run_cfg, out_dir)
    print_summary(summary, out_dir, str(run_cfg.lang))


def main() -> None:
    """Console entry point ``navsim``."""
    register()
    hydra.main(version_base="1.3", config_path=config_dir(), config_name="config")(main_task)()


if __name__ == "__main__":
    main()
