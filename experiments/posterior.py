"""Posterior draws as replications: ``navsim posterior=FILE posterior_seeds=S``.

``FILE`` is a CSV of posterior draws (``navsim-calibrate --export-posterior``): a ``draw``
column and one column per calibrated parameter, named by its dotted path
(``staff.satisfaction_base``). Replicate k runs draw ``k // S`` with its own seed k
(``SeedSequence(seed).spawn(N)[k]``, as every replicate): S seeds per draw, so the
report can tell the spread over seeds at fixed parameters from the spread over the
posterior draws (``analysis.tables.uncertainty``). The draw is part of the replication's
configuration (its ``run_id``) and is recorded in its summary row (``posterior_draw``,
``posterior_parameters``; the parameter columns hold the drawn values) and its
``run.json`` (``posterior``).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pandas as pd

from sim.config import ConfigError, ModelConfig, iter_parameters, with_values

DRAW = "posterior_draw"  # summary column: the draw a replication ran
PARAMETERS = "posterior_parameters"  # summary column: the drawn parameters, "+"-joined


@functools.cache
def _read(path: str, mtime: float) -> pd.DataFrame:
    """The draws of a file (cached per path and modification time)."""
    del mtime  # part of the cache key only
    return pd.read_csv(path)


def read_draws(path: str | Path) -> pd.DataFrame:
    """The posterior draws of a CSV, checked: ``draw`` 0..n-1, declared parameters, numbers.

    Raises:
        ConfigError: Naming ``posterior=`` and what is wrong with the file.
    """
    p = Path(path)
    try:
        df = _read(str(p.resolve()), p.stat().st_mtime)
    except (OSError, ValueError) as err:
        raise ConfigError(f"posterior={path}: cannot be read ({err})") from err
    declared = {key for key, _, _ in iter_parameters()}
    names = [c for c in df.columns if c != "draw"]
    if "draw" not in df.columns or list(df["draw"]) != list(range(len(df))) or df.empty:
        raise ConfigError(f"posterior={path}: needs a column draw numbering the rows 0..n-1")
    unknown = [c for c in names if c not in declared]
    if unknown or not names:
        raise ConfigError(
            f"posterior={path}: columns {unknown or names} are not declared parameters "
            "(expected dotted paths such as staff.satisfaction_base)"
        )
    if not all(pd.api.types.is_numeric_dtype(df[c]) for c in names) or df[names].isna().any().any():
        raise ConfigError(f"posterior={path}: every parameter value must be a number")
    return df


def check_posterior(cfg: Any) -> None:
    """A run's posterior settings: a readable file with a draw for every replicate.

    Raises:
        ConfigError: Naming ``posterior`` or ``posterior_seeds``.
    """
    if cfg.posterior_seeds < 1:
        raise ConfigError(f"posterior_seeds={cfg.posterior_seeds} must be at least 1")
    if not cfg.posterior:
        return
    n = len(read_draws(cfg.posterior))
    need = -(-cfg.replications // cfg.posterior_seeds)
    if need > n:
        raise ConfigError(
            f"posterior={cfg.posterior}: {n} draws, but replications={cfg.replications} with "
            f"posterior_seeds={cfg.posterior_seeds} need {need}"
        )


def apply_draw(mcfg: ModelConfig, cfg: Any, replicate: int) -> tuple[ModelConfig, dict | None]:
    """The model config of replicate k with its posterior draw set, and the draw's record.

    Args:
        mcfg: The replication's model config (not changed).
        cfg: The RunConfig (``posterior``, ``posterior_seeds``); without a posterior the
            config is returned as it is.
        replicate: Index k.

    Returns:
        The config to run, and ``{"file", "draw", "values"}`` (None without a posterior).
    """
    path = getattr(cfg, "posterior", None)
    if not path:
        return mcfg, None
    draws = read_draws(path)
    draw = replicate // int(cfg.posterior_seeds)
    if draw >= len(draws):
        raise ConfigError(f"posterior={path}: no draw {draw} for replicate {replicate}")
    values = {k: float(v) for k, v in draws.iloc[draw].items() if k != "draw"}
    return with_values(mcfg, values), {"file": str(path), "draw": draw, "values": values}
