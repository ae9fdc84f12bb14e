"""Shipped input data: Norway's 357 municipalities on 1 January 2025.

The table ``municipalities_2025.csv`` is package data (see ``README.md`` beside it for
its provenance and licence), so a model runs without any folder outside the package.

Example:
    >>> from sim.data import load_municipalities, municipalities_of_county
    >>> len(load_municipalities())
    357
    >>> len(municipalities_of_county("42"))  # Agder
    25
"""

from __future__ import annotations

import functools
from importlib import resources

import pandas as pd

__all__ = [
    "COLUMNS",
    "COUNTY_SLUGS",
    "CSV_NAME",
    "N_MUNICIPALITIES",
    "load_municipalities",
    "municipalities_of_county",
    "validate_municipalities",
]

CSV_NAME = "municipalities_2025.csv"
"""File name of the shipped table inside the ``sim.data`` package."""

N_MUNICIPALITIES = 357
"""Number of municipalities in Norway in 2025, after the 2024 boundary changes."""

COLUMNS = (
    "municipality_id",
    "name",
    "county_id",
    "county",
    "population",
    "area_km2",
    "adm_center",
)
"""Columns of the shipped table, in file order."""

COUNTY_SLUGS: dict[str, str] = {
    "03": "oslo",
    "11": "rogaland",
    "15": "more_og_romsdal",
    "18": "nordland",
    "31": "ostfold",
    "32": "akershus",
    "33": "buskerud",
    "34": "innlandet",
    "39": "vestfold",
    "40": "telemark",
    "42": "agder",
    "46": "vestland",
    "50": "trondelag",
    "55": "troms",
    "56": "finnmark",
}
"""County id (two digits, text) to a lowercase ASCII slug of the county's name.

Slugs transliterate æ to ae, ø to o, å to a and turn spaces and hyphens into
underscores; they name region configs (e.g. ``region=agder``).
"""


def _is_digit_text(value: object, width: int) -> bool:
    """Return True if ``value`` is a string of exactly ``width`` ASCII digits."""
    return isinstance(value, str) and len(value) == width and value.isascii() and value.isdigit()


def validate_municipalities(df: pd.DataFrame) -> None:
    """Check that a municipality table has the shape the model relies on.

    Args:
        df: A table as returned by :func:`load_municipalities`.

    Raises:
        ValueError: If columns are missing, the row count is not 357, ids are not
            unique four-character strings, county ids are not two-character strings,
            or any population is missing or not positive.
    """
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{CSV_NAME}: missing columns {missing}")
    if len(df) != N_MUNICIPALITIES:
        raise ValueError(f"{CSV_NAME}: expected {N_MUNICIPALITIES} rows, found {len(df)}")
    ids = df["municipality_id"]
    id_ok = ids.map(lambda v: _is_digit_text(v, 4))
    if not id_ok.all():
        bad = ids[~id_ok].tolist()[:5]
        raise ValueError(
            f"{CSV_NAME}: municipality_id must be four-digit text (leading zeros kept); "
            f"offending values include {bad}"
        )
    if ids.duplicated().any():
        dupes = sorted(ids[ids.duplicated()].unique())
        raise ValueError(f"{CSV_NAME}: duplicate municipality_id values {dupes}")
    counties = df["county_id"]
    if not counties.map(lambda v: _is_digit_text(v, 2)).all():
        raise ValueError(f"{CSV_NAME}: county_id must be two-digit text (leading zeros kept)")
    pop = pd.to_numeric(df["population"], errors="coerce")
    if pop.isna().any() or not (pop > 0).all():
        bad = df.loc[pop.isna() | ~(pop > 0), "municipality_id"].tolist()[:5]
        raise ValueError(
            f"{CSV_NAME}: population must be a positive number; offending municipalities {bad}"
        )


@functools.cache
def _load_cached() -> pd.DataFrame:
    """Read and validate the shipped CSV once per process."""
    source = resources.files(__name__).joinpath(CSV_NAME)
    with source.open("rb") as fh:
        df = pd.read_csv(
            fh,
            encoding="utf-8",
            dtype={"municipality_id": str, "county_id": str},
        )
    validate_municipalities(df)
    return df


def load_municipalities() -> pd.DataFrame:
    """Load Norway's 357 municipalities (1 January 2025) from the shipped package data.

    The file is read once per process and cached; every call returns a fresh copy,
    so callers may modify the result freely.

    Returns:
        One row per municipality with columns ``municipality_id`` (four-digit text,
        e.g. ``"0301"`` for Oslo), ``name``, ``county_id`` (two-digit text),
        ``county``, ``population`` (int, residents on 1 January 2025),
        ``area_km2`` (float, total area) and ``adm_center``.

    Raises:
        ValueError: If the shipped file fails validation (see
            :func:`validate_municipalities`).
    """
    return _load_cached().copy()


def municipalities_of_county(county_id: str | int) -> pd.DataFrame:
    """Return the municipalities of one county.

    Args:
        county_id: Two-digit county number as text (e.g. ``"42"`` for Agder,
            ``"03"`` for Oslo); an int is zero-padded (``3`` -> ``"03"``).

    Returns:
        The rows of :func:`load_municipalities` for that county, in file order,
        with a fresh 0-based index.

    Raises:
        ValueError: If no county has that id.
    """
    key = f"{county_id:02d}" if isinstance(county_id, int) else str(county_id)
    if key not in COUNTY_SLUGS:
        raise ValueError(
            f"unknown county_id {county_id!r}; known ids: {', '.join(sorted(COUNTY_SLUGS))}"
        )
    df = load_municipalities()
    return df[df["county_id"] == key].reset_index(drop=True)
