"""The shipped municipality table loads and matches its documented facts."""

import re

import pandas as pd
import pytest

from sim.data import (
    COUNTY_SLUGS,
    load_municipalities,
    municipalities_of_county,
    validate_municipalities,
)


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return load_municipalities()


def test_row_count_and_unique_ids(df):
    assert len(df) == 357
    assert df["municipality_id"].is_unique


def test_ids_are_four_character_text(df):
    assert df["municipality_id"].map(lambda v: isinstance(v, str) and len(v) == 4).all()
    assert df["municipality_id"].str.fullmatch(r"\d{4}").all()
    assert df["county_id"].str.fullmatch(r"\d{2}").all()


def test_oslo_keeps_leading_zero(df):
    oslo = df[df["municipality_id"] == "0301"]
    assert len(oslo) == 1
    assert oslo["name"].item() == "Oslo"
    assert oslo["county_id"].item() == "03"
    assert oslo["population"].item() == 717_710


def test_populations_positive_and_total(df):
    assert (df["population"] > 0).all()
    assert int(df["population"].sum()) == 5_550_203


def test_fifteen_counties(df):
    assert df["county_id"].nunique() == 15
    assert df.groupby("county_id")["county"].nunique().eq(1).all()


def test_agder_has_25_municipalities():
    agder = municipalities_of_county("42")
    assert len(agder) == 25
    assert set(agder["county"]) == {"Agder"}
    assert len(municipalities_of_county(42)) == 25


def test_unknown_county_raises():
    with pytest.raises(ValueError, match="unknown county_id"):
        municipalities_of_county("99")


def test_county_slugs_cover_counties_and_are_unique(df):
    assert set(COUNTY_SLUGS) == set(df["county_id"])
    assert len(set(COUNTY_SLUGS.values())) == len(COUNTY_SLUGS)
    assert all(re.fullmatch(r"[a-z_]+", s) for s in COUNTY_SLUGS.values())


def test_county_slugs_transliterate_names(df):
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "_", "-": "_"})
    names = df.drop_duplicates("county_id").set_index("county_id")["county"]
    for county_id, name in names.items():
        assert COUNTY_SLUGS[county_id] == name.lower().translate(table)


def test_load_returns_independent_copies():
    first = load_municipalities()
    first.loc[0, "population"] = -1
    assert (load_municipalities()["population"] > 0).all()


def test_validation_rejects_bad_tables(df):
    with pytest.raises(ValueError, match="rows"):
        validate_municipalities(df.iloc[:-1])
    dup = df.copy()
    dup.loc[1, "municipality_id"] = dup.loc[0, "municipality_id"]
    with pytest.raises(ValueError, match="duplicate"):
        validate_municipalities(dup)
    short = df.copy()
    short.loc[0, "municipality_id"] = "301"
    with pytest.raises(ValueError, match="four-digit"):
        validate_municipalities(short)
    negative = df.copy()
    negative.loc[0, "population"] = 0
    with pytest.raises(ValueError, match="positive"):
        validate_municipalities(negative)
