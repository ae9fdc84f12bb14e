"""The difference view: a setting against the reference over several seeds and a window.

One run at one month misleads a room: trust moves in a saw-tooth, so the sign of a
single month's difference flips from month to month. The difference view therefore
pairs runs as the report's comparison does (seed k of the setting against seed k of
the reference, ``Settings.reference``) and averages each pair's difference over the
months a card's claim is about (its ``window``), for ``DEFAULT_SEEDS`` seeds. It shows
the median, the range over the seeds and how many of them agree in sign.

A card's claims (``workshop/cards/*.yaml``: an outcome and the range its window mean
difference falls in) are checked with the same numbers (``claim_holds``).

Runs are cached per (settings, seed, window) for the process: a reference run is
shared by every session of its region, and recomputing a view after a lever change
only runs the changed arm.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from workshop.session import COMPARED, series, start_model
from workshop.settings import Settings

DEFAULT_SEEDS = 5  # seeds of the difference view (a setting of the page)
SEED_CHOICES = (3, 5, 10)
WINDOW_MONTHS = 12  # the default window: the year after the event (or after month 0)


def default_window(settings: Settings) -> tuple[int, int]:
    """The months a view without a card averages: the year after the scenario month.

    Args:
        settings: The session's settings.

    Returns:
        (first, last) month, both included; months 1-12 when there is no event.
    """
    start = 0 if settings.scenario == "baseline" else int(settings.scenario_month)
    return start + 1, start + WINDOW_MONTHS


def seeds_from(first: int, n: int) -> list[int]:
    """``n`` seeds from ``first`` on (the session's seed first)."""
    return list(range(int(first), int(first) + int(n)))


def _key(settings: Settings) -> str:
    return json.dumps(asdict(settings), sort_keys=True, default=str)


@lru_cache(maxsize=256)
def _window_means(key: str, first: int, last: int) -> tuple[float, ...]:
    settings = Settings(**json.loads(key))
    model = start_model(settings)
    while model.month < last:
        model.step()
    data = series(model, COMPARED)
    rows = data[(data["month"] >= first) & (data["month"] <= last)]
    return tuple(float(rows[c].mean()) for c in COMPARED)


def window_means(settings: Settings, window: tuple[int, int]) -> dict[str, float]:
    """Each compared outcome's mean over the window months of one run (cached).

    Args:
        settings: The run's settings (its seed included).
        window: (first, last) month, both included.

    Returns:
        Outcome -> mean.
    """
    return dict(zip(COMPARED, _window_means(_key(settings), *window), strict=True))


def paired_differences(
    settings: Settings,
    window: tuple[int, int],
    seeds: Sequence[int],
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> pd.DataFrame:
    """One row per seed: the window mean of (this setting - the reference), seed k vs seed k.

    Args:
        settings: The session's settings (their seed is replaced by each of ``seeds``).
        window: (first, last) month, both included.
        seeds: The seeds.
        progress: Called with (seeds done, seeds) after each seed.
        cancel: Stop after the current seed once set (the page's settings changed).

    Returns:
        Columns ``seed`` and every outcome of ``COMPARED``.
    """
    rows = []
    for k, seed in enumerate(seeds):
        if cancel is not None and cancel.is_set():
            break
        mine = settings.copy()
        mine.seed = int(seed)
        a, b = window_means(mine, window), window_means(mine.reference(), window)
        rows.append({"seed": int(seed), **{c: a[c] - b[c] for c in COMPARED}})
        if progress:
            progress(k + 1, len(seeds))
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Agreement:
    """One outcome's paired differences summarised over the seeds.

    Attributes:
        outcome: The model-table column.
        median: The median difference over the seeds.
        low: The smallest difference.
        high: The largest difference.
        agree: Seeds whose difference has the median's sign (a median of 0: the seeds
            with no difference).
        seeds: Seeds run.
    """

    outcome: str
    median: float
    low: float
    high: float
    agree: int
    seeds: int


def summarise(diffs: pd.DataFrame) -> list[Agreement]:
    """The median, range and sign agreement of every outcome of ``paired_differences``."""
    out = []
    for c in COMPARED:
        d = diffs[c].to_numpy(dtype=float)
        med = float(np.median(d))
        agree = int(np.sum(np.sign(d) == np.sign(med))) if med != 0 else int(np.sum(d == 0))
        out.append(Agreement(c, med, float(d.min()), float(d.max()), agree, len(d)))
    return out


def claim_holds(claim: dict, diffs: pd.DataFrame) -> np.ndarray:
    """Per seed, whether a card's claim holds: its outcome's difference lies in its range.

    Args:
        claim: ``{"outcome": column, "range": [low, high]}`` from a card.
        diffs: ``paired_differences`` over the card's window.

    Returns:
        One bool per seed.
    """
    lo, hi = claim["range"]
    d = diffs[claim["outcome"]].to_numpy(dtype=float)
    return (d >= lo) & (d <= hi)
