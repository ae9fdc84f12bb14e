"""Bad input stops with one clear message naming it, before any run directory exists."""

from __future__ import annotations

import numpy as np
import pytest
from omegaconf import OmegaConf

from sim import ConfigError, ModelConfig, NavPartnershipModel
from sim.config import GovernanceConfig, RegionConfig, StaffParams, validate
from sim.regions import build_region, resolve_municipalities

# ------------------------------------------------------------------ through the CLI


def test_unknown_key_fails_without_run_dir(run_cli, tmp_path):
    run_dir = tmp_path / "run"
    res = run_cli(["foo=1"], run_dir)
    assert res.returncode != 0
    assert "foo" in res.stderr
    assert "Traceback" not in res.stderr
    assert not run_dir.exists()


def test_negative_rate_exits_2_with_one_line(run_cli, tmp_path):
    run_dir = tmp_path / "run"
    res = run_cli(["staff.quit_rate=-0.1"], run_dir)
    assert res.returncode == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert "staff.quit_rate" in lines[0]
    assert "-0.1" in lines[0]
    assert not run_dir.exists()


def test_unknown_municipality_fails_without_run_dir(run_cli, tmp_path):
    run_dir = tmp_path / "run"
    res = run_cli(["region=custom", "region.municipalities=['9999']"], run_dir)
    assert res.returncode != 0
    assert "9999" in res.stderr
    assert "Traceback" not in res.stderr
    assert not run_dir.exists()


# ------------------------------------------------------------------ directly


def _region_from_yaml(text: str) -> RegionConfig:
    base = OmegaConf.structured(RegionConfig(name="custom", counties=[]))
    return OmegaConf.to_object(OmegaConf.merge(base, OmegaConf.create(text)))


def test_unquoted_0301_is_rejected_with_a_hint_to_quote():
    region = _region_from_yaml("municipalities: [0301]")
    assert region.municipalities == [193]  # YAML reads unquoted 0301 as octal
    with pytest.raises(ConfigError) as info:
        resolve_municipalities(region)
    msg = str(info.value)
    assert "quote" in msg.lower()
    assert "0301" in msg
    assert "193" in msg
    assert "region.municipalities" in msg


def test_quoted_0301_resolves_to_oslo():
    region = _region_from_yaml("municipalities: ['0301']")
    munis = resolve_municipalities(region)
    assert list(munis.municipality_id) == ["0301"]


def test_municipality_in_two_offices_is_rejected():
    region = RegionConfig(
        name="custom",
        counties=[],
        offices={"east": ["4204", "4215"], "west": ["4215", "4223"]},
    )
    with pytest.raises(ConfigError) as info:
        build_region(region, GovernanceConfig(), StaffParams(), np.random.default_rng(1))
    assert "4215" in str(info.value)
    assert "region.offices" in str(info.value)
    cfg = ModelConfig(region=region, months=1, burn_in=0)
    with pytest.raises(ConfigError, match="4215"):
        NavPartnershipModel(cfg, rng=1)


def test_office_map_without_duplicates_builds():
    region = RegionConfig(name="custom", counties=[], offices={"east": ["4204", "4215"]})
    built = build_region(region, GovernanceConfig(), StaffParams(), np.random.default_rng(1))
    assert built.office_ids == ["east"]
    assert sorted(built.munis.municipality_id[built.pair_muni]) == ["4204", "4215"]


def test_unknown_portfolio_keyword_is_rejected():
    cfg = ModelConfig()
    cfg.governance.portfolio = "everything"
    with pytest.raises(ConfigError, match="governance.portfolio"):
        validate(cfg)


def test_unknown_service_in_portfolio_list_is_rejected():
    cfg = ModelConfig()
    cfg.governance.portfolio = ["rus", "astrology"]
    with pytest.raises(ConfigError) as info:
        validate(cfg)
    assert "astrology" in str(info.value)
    assert "governance.portfolio" in str(info.value)


def test_known_portfolio_list_is_accepted():
    cfg = ModelConfig()
    cfg.governance.portfolio = ["rus", "barnevern"]
    validate(cfg)
    cfg.governance.portfolio = "minimum"
    validate(cfg)
