"""Hydra composition of configs/ against the structured schema, and parameter metadata."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir
from hydra.core.global_hydra import GlobalHydra
from omegaconf import OmegaConf

import experiments.cli
import experiments.schema
from sim import config as simconfig
from sim.config import GovernanceConfig, iter_parameters, validate
from sim.data import COUNTY_SLUGS, load_municipalities
from sim.regions import resolve_municipalities

CONFIG_DIR = Path(experiments.cli.config_dir())
REGION_FILES = sorted(p.stem for p in (CONFIG_DIR / "region").glob("*.yaml"))

# DESIGN §4: the governance contract (field -> allowed values, None = not an enum).
DESIGN_GOVERNANCE = {
    "leader_model": ["state", "municipal", "two_leaders"],
    "leader_agreement": None,
    "meetings_per_year": None,
    "all_radmenn_attend": ["always", "transition", "never"],
    "joint_plan": ["none", "state_template", "municipal_template"],
    "budget": ["separate", "joint"],
    "portfolio": None,
    "team_model": ["single_employer", "mixed"],
    "leader_placement": ["kommunalsjef", "radmann_group"],
    "harmonised_terms": None,
    "delegated_state_decisions": None,
    "steering": ["activity_indicators", "results_dialogue"],
    "measures": ["bought", "in_house"],
    "common_duty_to_cooperate": ["before_2021", "after_2021"],
}


@pytest.fixture(scope="module")
def hydra_ctx():
    experiments.schema.register()
    GlobalHydra.instance().clear()
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        yield compose
    GlobalHydra.instance().clear()


def _enum_values(name: str) -> list[str]:
    hints = {
        "leader_model": simconfig.LeaderModel,
        "all_radmenn_attend": simconfig.Attendance,
        "joint_plan": simconfig.JointPlan,
        "budget": simconfig.Budget,
        "team_model": simconfig.TeamModel,
        "leader_placement": simconfig.LeaderPlacement,
        "steering": simconfig.Steering,
        "measures": simconfig.Measures,
        "common_duty_to_cooperate": simconfig.DutyToCooperate,
    }
    return [e.value for e in hints[name]]


# --------------------------------------------------------------------- composition


def test_default_config_composes_to_run_config(hydra_ctx):
    cfg = hydra_ctx(config_name="config")
    run_cfg = experiments.cli.to_run_config(cfg)
    assert isinstance(run_cfg, experiments.schema.RunConfig)
    assert isinstance(run_cfg.governance, GovernanceConfig)
    validate(run_cfg)
    assert run_cfg.region.name == "agder"
    assert run_cfg.seed == 1 and run_cfg.replications == 1
    assert len(resolve_municipalities(run_cfg.region)) == 25


def test_region_files_cover_norway_counties_and_custom():
    assert {"norway", "custom", *COUNTY_SLUGS.values()} <= set(REGION_FILES)


@pytest.mark.parametrize("name", [r for r in REGION_FILES if r != "custom"])
def test_region_file_composes_and_resolves(hydra_ctx, name):
    cfg = hydra_ctx(config_name="config", overrides=[f"region={name}"])
    run_cfg = experiments.cli.to_run_config(cfg)
    assert run_cfg.region.name == name
    munis = resolve_municipalities(run_cfg.region)
    assert len(munis) >= 1
    data = load_municipalities()
    if name == "norway":
        assert len(munis) == 357
        assert set(munis.municipality_id) == set(data.municipality_id)
    else:
        county = {slug: cid for cid, slug in COUNTY_SLUGS.items()}[name]
        expected = set(data.municipality_id[data.county_id == county])
        assert set(munis.municipality_id) == expected
    if name == "agder":
        assert len(munis) == 25


def test_custom_region(hydra_ctx):
    cfg = hydra_ctx(
        config_name="config",
        overrides=["region=custom", "region.municipalities=['4204','4215']"],
    )
    run_cfg = experiments.cli.to_run_config(cfg)
    validate(run_cfg)
    munis = resolve_municipalities(run_cfg.region)
    assert len(munis) == 2
    assert sorted(munis.municipality_id) == ["4204", "4215"]


def test_experiment_demo_composes(hydra_ctx):
    cfg = hydra_ctx(config_name="config", overrides=["experiment=demo"])
    run_cfg = experiments.cli.to_run_config(cfg)
    validate(run_cfg)
    demo = OmegaConf.load(CONFIG_DIR / "experiment" / "demo.yaml")
    assert run_cfg.replications == demo.replications
    assert run_cfg.workers == demo.workers


# --------------------------------------------------------------------- governance


def test_governance_fields_and_default_preset(hydra_ctx):
    preset = OmegaConf.to_container(OmegaConf.load(CONFIG_DIR / "governance" / "default.yaml"))
    preset.pop("defaults", None)
    assert set(DESIGN_GOVERNANCE) <= set(preset), set(DESIGN_GOVERNANCE) - set(preset)
    fields = {f.name for f in dataclasses.fields(GovernanceConfig)}
    assert set(DESIGN_GOVERNANCE) <= fields
    cfg = hydra_ctx(config_name="config")
    composed = OmegaConf.to_container(cfg.governance, enum_to_str=True)
    for name in DESIGN_GOVERNANCE:
        assert composed[name] == preset[name], name
    run_cfg = experiments.cli.to_run_config(cfg)
    for name in DESIGN_GOVERNANCE:
        value = getattr(run_cfg.governance, name)
        value = getattr(value, "value", value)
        assert value == preset[name], name


@pytest.mark.parametrize(
    ("name", "value"),
    [(n, v) for n, vals in DESIGN_GOVERNANCE.items() if vals for v in _enum_values(n)],
)
def test_each_enum_value_composes(hydra_ctx, name, value):
    if DESIGN_GOVERNANCE[name]:
        assert set(DESIGN_GOVERNANCE[name]) <= set(_enum_values(name))
    cfg = hydra_ctx(config_name="config", overrides=[f"governance.{name}={value}"])
    run_cfg = experiments.cli.to_run_config(cfg)
    validate(run_cfg)
    got = getattr(run_cfg.governance, name)
    assert getattr(got, "value", got) == value


@pytest.mark.parametrize(
    "override",
    [
        "governance.leader_agreement=true",
        "governance.harmonised_terms=true",
        "governance.delegated_state_decisions=true",
        "governance.meetings_per_year=6",
        "governance.portfolio=minimum",
        "governance.portfolio=[rus,barnevern]",
    ],
)
def test_other_governance_values_compose(hydra_ctx, override):
    cfg = hydra_ctx(config_name="config", overrides=[override])
    run_cfg = experiments.cli.to_run_config(cfg)
    validate(run_cfg)
    key, value = override.split("=", 1)
    got = getattr(run_cfg.governance, key.split(".")[1])
    assert str(got).lower().replace("'", "").replace(" ", "") == value


@pytest.mark.parametrize(
    ("override", "key"),
    [
        ("foo=1", "foo"),
        ("governance.boss=1", "boss"),
        ("governance.leader_model=boss", "governance.leader_model"),
        ("governance.meetings_per_year=abc", "governance.meetings_per_year"),
        ("governance.harmonised_terms=maybe", "governance.harmonised_terms"),
        ("staff.quit_rat=0.1", "quit_rat"),
    ],
)
def test_bad_overrides_fail_at_composition(hydra_ctx, override, key):
    with pytest.raises(Exception) as info:  # noqa: B017 - Hydra wraps several error types
        hydra_ctx(config_name="config", overrides=[override])
    err = info.value
    text = str(err) + " " + str(err.__cause__ or "")
    assert key in text, text


# --------------------------------------------------------------------- parameters


SOURCE = re.compile(r"^(calibrated|assumption|003|ch1_4|ch5_9|coop|000)\b")


def test_every_parameter_declares_source_unit_and_bounds():
    params = list(iter_parameters())
    assert len(params) > 50
    for key, value, meta in params:
        assert isinstance(value, int | float) and not isinstance(value, bool), key
        assert isinstance(meta.get("source"), str) and meta["source"].strip(), key
        assert SOURCE.match(meta["source"]), (key, meta["source"])
        assert "unit" in meta and isinstance(meta["unit"], str), key
        lo, hi = meta.get("lo"), meta.get("hi")
        assert lo is None or value >= lo, (key, value, lo)
        assert hi is None or value <= hi, (key, value, hi)


def test_sweep_ranges_are_ordered_and_contain_the_default():
    for key, value, meta in iter_parameters():
        sweep = meta.get("sweep")
        if sweep is None:
            continue
        lo, hi = meta.get("lo"), meta.get("hi")
        assert sweep[0] <= value <= sweep[1], (key, value, sweep)
        assert lo is None or sweep[0] >= lo, (key, sweep, lo)
        assert hi is None or sweep[1] <= hi, (key, sweep, hi)


def test_parameter_keys_are_dotted_paths_of_the_config():
    cfg = simconfig.ModelConfig()
    for key, value, _ in iter_parameters(cfg):
        obj = cfg
        for part in key.split("."):
            obj = getattr(obj, part)
        assert obj == value, key


def test_validate_is_pure_and_loads_no_data(monkeypatch):
    """``validate`` changes nothing and reads no data; ``normalise`` returns a new object."""
    import copy

    import sim.data
    import sim.regions
    import sim.scenarios

    def refuse(*_a, **_k):
        raise AssertionError("validate loaded data")

    for module in (sim.data, sim.regions, sim.scenarios):
        monkeypatch.setattr(module, "load_municipalities", refuse, raising=False)
    cfg = simconfig.ModelConfig(months=6)
    cfg.governance.joint_plan = "municipal_template"  # a string, as Hydra gives it
    cfg.scenario.selected = {"host_office": True}
    before = copy.deepcopy(cfg)
    validate(cfg)
    assert cfg == before
    normal = simconfig.normalise(cfg)
    assert cfg == before and normal is not cfg
    assert normal.governance.joint_plan is simconfig.JointPlan.municipal_template
    assert normal.scenario.name == ["host_office"] and normal.summary_window == 6
    assert simconfig.normalise(normal) == normal
