"""Geography and office maps: the shipped tables, their derivation, contiguity, counts."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from sim.config import ModelConfig, RegionConfig, StaffParams
from sim.data import load_municipalities
from sim.data.geography import (
    centroid_distance_km,
    is_contiguous,
    load_geography,
    load_neighbours,
    neighbour_graph,
)
from sim.data.offices import load_office_map
from sim.model import NavPartnershipModel
from sim.regions import region_offices

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "municipalities_2024.geojson"
# the published counts the maps are checked against (sim/data/README.md)
PUBLISHED_2019 = 315  # 003 §1: the 2019 survey's frame, all office leaders (L11326-11332)
PUBLISHED_PRESENT = 264  # KS, OsloMet/AFI + Proba: 264 Nav offices in November 2022


def test_geography_covers_every_municipality_once():
    geo = load_geography()
    ids = set(load_municipalities().municipality_id)
    assert len(geo) == 357 and set(geo.municipality_id) == ids
    # Norway's mainland lies between 57.9 and 71.2 degrees north, 4.5 and 31.2 east
    assert geo.centroid_lat.between(57.9, 71.2).all()
    assert geo.centroid_lon.between(4.5, 31.2).all()


def test_neighbour_graph_is_connected_and_mostly_borders():
    links = load_neighbours()
    assert (links.a < links.b).all() and not links.duplicated(["a", "b"]).any()
    assert set(links.kind) == {"border", "nearest"}
    # the islands and island groups without a land border are linked, no more
    assert (links.kind == "nearest").sum() < 40
    graph = neighbour_graph()
    assert graph.number_of_nodes() == 357 and nx.is_connected(graph)


def test_known_neighbours_and_distances():
    graph = neighbour_graph()
    assert "4204" in graph["4223"]  # Kristiansand borders Vennesla
    assert "4201" not in graph["4202"]  # Risør does not border Grimstad
    d = centroid_distance_km(["0301", "4601", "5001"])
    assert 250 < d[0, 1] < 350  # Oslo-Bergen, about 300 km as the crow flies
    assert np.allclose(d, d.T) and (np.diag(d) == 0).all()
    assert is_contiguous(["4206", "4225"]) and not is_contiguous(["4201", "4202"])


NEEDS_SHAPELY = pytest.mark.skipif(
    importlib.util.find_spec("shapely") is None or not SHARED.is_file(),
    reason="needs shapely and pyproj (the dev extra) and ../shared/data",
)


@pytest.mark.parametrize(
    "script",
    [pytest.param("derive_geography.py", marks=NEEDS_SHAPELY), "derive_office_maps.py"],
)
def test_shipped_data_is_what_the_script_derives(script):
    result = subprocess.run(
        [sys.executable, f"scripts/{script}", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("structure", ["2019", "present"])
def test_rule_made_offices_are_contiguous(structure):
    office_map = load_office_map(structure)
    rule = office_map[office_map.basis == "rule-based"].office_id.unique()
    assert len(rule) > 0 or structure == "present"
    for oid in rule:
        ids = sorted(set(office_map[office_map.office_id == oid].municipality_id))
        assert is_contiguous(ids), f"{structure}: rule-made office {oid} {ids} is not contiguous"


@pytest.mark.parametrize("structure", ["2019", "present"])
def test_every_row_names_its_source(structure):
    office_map = load_office_map(structure)
    assert office_map.source.str.len().gt(0).all()
    sourced = office_map[office_map.basis == "sourced"]
    assert sourced.source.str.contains(r"https?://|§|L\d", regex=True).all()


@pytest.mark.parametrize(
    ("structure", "expected", "tolerance"),
    [("2019", PUBLISHED_2019, 10), ("present", PUBLISHED_PRESENT, 0.05 * PUBLISHED_PRESENT)],
)
def test_national_office_count_meets_the_published_count(structure, expected, tolerance):
    cfg = ModelConfig()
    cfg.structure = structure
    cfg.region = RegionConfig(name="norway", counties=["all"])
    offices = region_offices(cfg.region, structure, StaffParams())
    assert abs(len(offices) - expected) <= tolerance, (structure, len(offices))


def test_structures_build_and_name_their_offices():
    sizes = {}
    for structure in ("municipal", "2019", "present"):
        cfg = ModelConfig(months=0, burn_in=0)
        cfg.structure = structure
        model = NavPartnershipModel(cfg, rng=np.random.default_rng(1))
        sizes[structure] = model.n_offices
        assert all(name.startswith("Nav ") for name in model.offices.names)
        shares = pd.Series(model.pairs.pop).groupby(model.pairs.muni).sum()
        assert np.allclose(shares.to_numpy(), model.munis.population[shares.index])
    # Agder: 25 municipalities, Kristiansand split in two (municipal); 30 offices of the
    # 2019 municipalities; fewer, shared offices today
    assert sizes == {"municipal": 26, "2019": 30, "present": 13}


def _office_graph(region) -> nx.Graph:
    """Start offices as nodes; two offices neighbour if a member of each borders."""
    graph = nx.Graph()
    owner = {}
    for o in region.offices:
        graph.add_node(o.office_id)
        for m, _ in o.members:
            owner.setdefault(m, set()).add(o.office_id)
    for a, b in region.graph.edges:
        for x in owner.get(a, ()):
            for y in owner.get(b, ()):
                if x != y:
                    graph.add_edge(x, y)
    for offices in owner.values():  # offices sharing a municipality move together
        offices = sorted(offices)
        graph.add_edges_from(zip(offices, offices[1:], strict=False))
    return graph


EXPERIMENTS = sorted(p.stem for p in (ROOT / "configs" / "experiment").glob("*.yaml"))


@pytest.mark.parametrize("experiment", EXPERIMENTS)
def test_experiments_group_neighbouring_offices(experiment):
    """Every structural group of every sweep point joins offices that border each other."""
    from hydra import compose, initialize_config_dir
    from hydra.core.global_hydra import GlobalHydra
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from omegaconf import OmegaConf

    import experiments.cli
    import experiments.schema
    from sim.scenarios import check_config
    from sim.scenarios.planning import PlanningRegion

    experiments.schema.register()
    GlobalHydra.instance().clear()
    points = [[]]
    spec = OmegaConf.load(ROOT / "configs" / "experiment" / f"{experiment}.yaml")
    params = OmegaConf.select(spec, "hydra.sweeper.params") or {}
    parser = OverridesParser.create()
    for key, values in params.items():
        override = parser.parse_overrides([f"{key}={values}"])[0]
        choices = (
            list(override.sweep_string_iterator())
            if override.is_sweep_override()
            else [str(values)]
        )
        points = [p + [f"{key}={v}"] for p in points for v in choices]
    with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
        for overrides in points:
            cfg = compose(config_name="config", overrides=[f"experiment={experiment}", *overrides])
            run_cfg = experiments.cli.to_run_config(cfg)
            plan = check_config(run_cfg)
            region = PlanningRegion(run_cfg)
            graph = _office_graph(region)
            owner = {m: o.office_id for o in region.offices for m, _ in o.members}
            for groups in plan.offices.values():
                for label, ids in groups:
                    offices = sorted({owner[m] for m in ids})
                    assert nx.is_connected(graph.subgraph(offices)), (experiment, label, ids)
    GlobalHydra.instance().clear()
