"""Bad input stops with one clear message naming it, before any run directory exists."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import REPO_ROOT
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


# ------------------------------------------------------------------ governance input

SERVICES = "['barnevern', 'boliger'"  # the start of the sorted service list

# (override, key named, allowed values named): one kind of bad governance input each
BAD_GOVERNANCE_CLI = [
    ("governance.boss=1", "governance.boss", ["leader_model", "common_duty_to_cooperate"]),
    ("governance.leader_model=boss", "governance.leader_model", ["state, municipal, two_leaders"]),
    ("governance.meetings_per_year=abc", "governance.meetings_per_year", ["integer in [0, 12]"]),
    ("governance.meetings_per_year=2.5", "governance.meetings_per_year", ["integer in [0, 12]"]),
    ("governance.meetings_per_year=13", "governance.meetings_per_year", ["integer in [0, 12]"]),
    ("governance.harmonised_terms=maybe", "governance.harmonised_terms", ["true, false"]),
    ("governance=nonexistent", "governance", ["default", "integrated", "agder_arshjul"]),
    ("governance.portfolio=everything", "governance.portfolio", ["observed, minimum", SERVICES]),
    ("governance.portfolio=[rus,astrology]", "astrology", ["observed, minimum", SERVICES]),
    ("governance.portfolio=5", "governance.portfolio", ["observed, minimum", SERVICES]),
    ("governance.steering=dialogue", "governance.steering", ["activity_indicators"]),
]


@pytest.mark.parametrize(
    ("override", "key", "allowed"), BAD_GOVERNANCE_CLI, ids=[b[0] for b in BAD_GOVERNANCE_CLI]
)
def test_bad_governance_input_gives_one_line_naming_key_and_allowed(
    run_cli, tmp_path, override, key, allowed
):
    run_dir = tmp_path / "run"
    res = run_cli([override], run_dir)
    assert res.returncode == 2, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("navsim: bad configuration:"), lines[0]
    assert key in lines[0], lines[0]
    for word in allowed:
        assert word in lines[0], (word, lines[0])
    assert not run_dir.exists()


def test_bad_value_in_a_governance_sweep_fails_before_any_job(run_cli, tmp_path):
    sweep_dir = tmp_path / "sweep"
    res = run_cli(
        ["-m", "governance.budget=separate,pooled", f"hydra.sweep.dir={sweep_dir}"],
        tmp_path / "run",
    )
    assert res.returncode == 2, res.stderr
    assert "governance.budget='pooled'" in res.stderr
    assert "separate, joint" in res.stderr
    assert not sweep_dir.exists()


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("leader_model", "boss", "observed, state, municipal, two_leaders"),
        ("all_radmenn_attend", "sometimes", "always, transition, never"),
        ("joint_plan", "shared", "none, state_template, municipal_template"),
        ("budget", "pooled", "separate, joint"),
        ("team_model", 3, "single_employer, mixed"),
        ("leader_placement", "mayor", "kommunalsjef, radmann_group"),
        ("steering", "dialogue", "activity_indicators, results_dialogue"),
        ("measures", "rented", "bought, in_house"),
        ("common_duty_to_cooperate", 2021, "before_2021, after_2021"),
        ("leader_agreement", "yes", "true, false"),
        ("harmonised_terms", 1, "true, false"),
        ("delegated_state_decisions", None, "true, false"),
        ("meetings_per_year", "two", "an integer in [0, 12]"),
        ("meetings_per_year", 2.5, "an integer in [0, 12]"),
        ("meetings_per_year", True, "an integer in [0, 12]"),
        ("meetings_per_year", -1, "an integer in [0, 12]"),
        ("meetings_per_year", 13, "an integer in [0, 12]"),
        ("portfolio", "everything", "observed, minimum, or a list of services"),
        ("portfolio", 5, "observed, minimum, or a list of services"),
        ("portfolio", ["rus", 3], "observed, minimum, or a list of services"),
    ],
)
def test_validate_names_governance_key_and_allowed_values(name, value, allowed):
    cfg = ModelConfig()
    setattr(cfg.governance, name, value)
    with pytest.raises(ConfigError) as info:
        validate(cfg)
    msg = str(info.value)
    assert f"governance.{name}" in msg
    assert f"allowed: {allowed}" in msg


# ------------------------------------------------------------------ the table of bad inputs

BAD_INPUTS = yaml.safe_load((Path(__file__).with_name("bad_inputs.yaml")).read_text("utf-8"))

# the modules of the commands (``command:`` in bad_inputs.yaml; navsim when absent)
COMMANDS = {
    "navsim": "experiments.cli",
    "navsim-design": "experiments.design",
    "navsim-decompose": "experiments.decompose",
    "navsim-compare": "experiments.compare",
    "navsim-report": "analysis.report",
    "navsim-collect": "experiments.collect",
    "navsim-validate": "analysis.patterns.cli",
    "navsim-bench": "benchmarks.bench",
    "navsim-workshop": "workshop.cli",
    "navsim-calibrate": "analysis.calibration",
}
BROKEN_YAML = "# @package _global_\nmonths: [2\nburn_in: 0\n  x: :\n"
SWEEP_ARGS = ["-m", "months=3", "burn_in=0", "replications=2", "scenario.month=1"]


@pytest.fixture(scope="module")
def finished_sweep(run_cli, tmp_path_factory) -> Path:
    """A small finished sweep (two jobs of two replications), copied by the cases that need one."""
    out = tmp_path_factory.mktemp("bad_input_sweep") / "sweep"
    res = run_cli([*SWEEP_ARGS, "scenario=baseline,host_office", f"hydra.sweep.dir={out}"], out)
    assert res.returncode == 0, res.stderr[-2000:]
    return out


def files_under(root: Path) -> dict[str, int]:
    """Every file and directory under ``root``, with its modification time."""
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in sorted(root.rglob("*"))}


def prepare(case: dict, tmp_path: Path, sweep: Path) -> dict[str, str]:
    """Make what a case's placeholders name; return them by name.

    ``{out}``: a fresh path that must not exist afterwards; ``{file}``: a regular file
    (a path below it cannot be made); ``{sweep}``: a copy of a finished sweep, its
    ``{sweep}/collected`` gathered; ``{empty}``: an empty directory; ``{experiments}``: a
    search-path directory holding ``experiment/mine.yaml`` and the malformed
    ``experiment/broken.yaml``.
    """
    places = {"out": tmp_path / "out", "file": tmp_path / "a_file", "empty": tmp_path / "empty"}
    places["file"].write_text("not a directory\n")
    places["empty"].mkdir()
    text = " ".join(case["args"])
    if "{sweep}" in text:
        places["sweep"] = tmp_path / "sweep"
        shutil.copytree(sweep, places["sweep"])
    if "{experiments}" in text:
        places["experiments"] = tmp_path / "experiments"
        (places["experiments"] / "experiment").mkdir(parents=True)
        (places["experiments"] / "experiment" / "broken.yaml").write_text(BROKEN_YAML)
        (places["experiments"] / "experiment" / "mine.yaml").write_text(
            "# @package _global_\nmonths: 2\n"
        )
    return {k: str(v) for k, v in places.items()}


def fill(text: str, places: dict[str, str]) -> str:
    """``text`` with each ``{name}`` of ``places`` replaced (other braces are kept)."""
    for name, path in places.items():
        text = text.replace("{" + name + "}", path)
    return text


def case_id(case: dict) -> str:
    """The test id of a case: its command and arguments."""
    return " ".join([case.get("command", "navsim"), *case["args"]])


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[case_id(c) for c in BAD_INPUTS])
def test_each_bad_input_gives_one_line_and_writes_nothing(run_cli, tmp_path, finished_sweep, case):
    """tests/bad_inputs.yaml: exit non-zero, one line naming the key or file, nothing new."""
    places = prepare(case, tmp_path, finished_sweep)
    args = [fill(a, places) for a in case["args"]]
    before = files_under(tmp_path)
    command = case.get("command", "navsim")
    if command == "navsim" and "run_dir" not in case:
        res = run_cli(args, Path(places["out"]))
    else:
        if command == "navsim":
            args = [*args, "progress=false", f"hydra.run.dir={fill(case['run_dir'], places)}"]
        cmd = [sys.executable, "-m", COMMANDS[command], *args]
        res = subprocess.run(
            cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False
        )
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert res.returncode == case.get("exit", 2), res.stderr[-2000:]
    assert len(lines) == 1, res.stderr[-2000:]
    assert lines[0].startswith(f"{command}: "), lines[0]
    assert fill(case["says"], places) in lines[0], lines[0]
    assert "Traceback" not in res.stderr
    assert not Path(places["out"]).exists()
    assert files_under(tmp_path) == before, "the command wrote or changed files"


def test_the_table_holds_at_least_60_distinct_bad_inputs():
    keys = [(c.get("command", "navsim"), tuple(c["args"])) for c in BAD_INPUTS]
    assert len(set(keys)) == len(keys), "a bad input is listed twice"
    assert len(keys) >= 60
    assert len({c.get("command", "navsim") for c in BAD_INPUTS}) >= 7


def test_debug_shows_the_traceback(tmp_path):
    """``--debug`` shows the traceback the one line stands for."""
    afile = tmp_path / "a_file"
    afile.write_text("x")
    cmd = [sys.executable, "-m", "experiments.compare", str(tmp_path), "--out", f"{afile}/c.csv"]
    plain = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    debug = subprocess.run(
        [*cmd, "--debug"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    assert debug.returncode != 0 and "Traceback" in debug.stderr
    assert "UserError" in debug.stderr


def test_lhs_indices_of_a_parameter_named_step():
    """SALib's delta refuses names ending in _step; the design's analysis passes others."""
    from experiments.design import analyse, problem_for, sample

    params = ["partnership.dominance_consensus_step", "staff.quit_rate"]
    problem = problem_for(params)
    x = sample("lhs", problem, 40, 1, 4)
    y = x[:, 0] * 3 + np.random.default_rng(1).normal(0, 0.01, len(x))
    out = analyse("lhs", problem, x, y, "y", resamples=20, conf_level=0.9, levels=4, seed=1)
    assert set(out.parameter) == set(params)
    delta = out[out["index"] == "delta"].set_index("parameter")["value"]
    assert delta[params[0]] > delta[params[1]]


def test_workers_above_the_cores_are_refused_where_the_pool_starts(monkeypatch):
    from experiments import executors

    monkeypatch.setattr(executors, "usable_cores", lambda: 2)
    with pytest.raises(ConfigError, match="workers=3 is more than the 2 cores"):
        executors.get_executor("local", 3)
    executors.check_workers("local", 3, None, oversubscribe=True)  # the override
    executors.check_workers("dask", 64, "tcp://scheduler:8786", oversubscribe=False)  # remote
    executors.check_workers("local", 2, None, oversubscribe=False)
