"""The office maps of ``structure=2019|present`` (package data; DESIGN §5).

``offices_<structure>.csv`` holds one row per office and municipality (or part of
one: a city district, a pre-2020 municipality that has since merged): ``office_id``,
``office_name``, ``county_id``, ``host``, ``municipality_id``, ``part``,
``part_kind`` (``district`` of a city, or a ``former`` municipality merged since),
``share`` (of the municipality's inhabitants), ``basis`` (``sourced`` or ``rule-based``) and
``source``. ``scripts/derive_office_maps.py`` derives both from the sourced offices in
``data-raw/`` and a documented rule; ``README.md`` beside this module says more.
``structure=municipal`` (one office per municipality) is built by ``sim.regions``.

Example:
    >>> from sim.data.offices import load_office_map
    >>> m = load_office_map("present")
    >>> m.groupby("municipality_id").share.sum().round(6).eq(1).all()
    np.True_
"""

from __future__ import annotations

import functools
from importlib import resources

import pandas as pd

from sim.vocabulary import STRUCTURES

__all__ = ["COLUMNS", "MAPPED", "STRUCTURES", "load_office_map", "validate_office_map"]

MAPPED = ("2019", "present")
COLUMNS = (
    "office_id",
    "office_name",
    "county_id",
    "host",
    "municipality_id",
    "part",
    "part_kind",
    "share",
    "basis",
    "source",
)
SHARE_TOLERANCE = 1e-5  # shares are written with six decimals


def validate_office_map(df: pd.DataFrame, name: str, known: set[str]) -> None:
    """Check an office map's shape: known ids, shares summing to one, hosts served.

    Args:
        df: The table.
        name: Its file name, for messages.
        known: The municipality ids of the data.

    Raises:
        ValueError: Naming the file and the first problem found.
    """
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {missing}")
    unknown = sorted(set(df.municipality_id) - known)
    if unknown:
        raise ValueError(f"{name}: unknown municipality ids {unknown[:5]}")
    uncovered = sorted(known - set(df.municipality_id))
    if uncovered:
        raise ValueError(f"{name}: municipalities in no office {uncovered[:5]}")
    total = df.groupby("municipality_id").share.sum()
    off = total[(total - 1).abs() > SHARE_TOLERANCE]
    if len(off):
        raise ValueError(f"{name}: shares of {list(off.index[:5])} do not sum to 1")
    for oid, office in df.groupby("office_id"):
        if office.host.nunique() != 1 or office.host.iloc[0] not in set(office.municipality_id):
            raise ValueError(f"{name}: office {oid} does not serve its one host")
    if not df.basis.isin(["sourced", "rule-based"]).all():
        raise ValueError(f"{name}: basis must be 'sourced' or 'rule-based'")


@functools.cache
def _load(structure: str) -> pd.DataFrame:
    from sim.data import load_municipalities

    name = f"offices_{structure}.csv"
    with resources.files(__package__).joinpath(name).open("rb") as fh:
        df = pd.read_csv(
            fh,
            encoding="utf-8",
            dtype={"office_id": str, "county_id": str, "host": str, "municipality_id": str},
            keep_default_na=False,
        )
    validate_office_map(df, name, set(load_municipalities().municipality_id))
    return df


def load_office_map(structure: str) -> pd.DataFrame:
    """The office map of ``structure`` (``2019`` or ``present``), a fresh copy.

    Args:
        structure: ``2019`` or ``present``.

    Returns:
        One row per office and municipality (or part), columns ``COLUMNS``.

    Raises:
        ValueError: On another structure, or a shipped file that fails validation.
    """
    if structure not in MAPPED:
        raise ValueError(f"structure={structure!r} has no office map; mapped: {MAPPED}")
    return _load(structure).copy()
