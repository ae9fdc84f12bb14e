"""A non-editable install ships the configs and the data (the wheel's contents)."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_configs_data_and_entry_point(tmp_path):
    # build from a copy, so that setuptools' build/ never lands in the source tree
    src = tmp_path / "src"
    skip = (".venv", ".git", "outputs", "multirun", "build", "*.egg-info", "__pycache__", ".*cache")
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*skip))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("navsim-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "navsim_configs/config.yaml",
        "navsim_configs/region/agder.yaml",
        "navsim_configs/region/norway.yaml",
        "navsim_configs/governance/default.yaml",
        "navsim_configs/experiment/demo.yaml",
        "sim/data/municipalities_2025.csv",
        "sim/data/README.md",
        "sim/model.py",
        "experiments/cli.py",
        "analysis/patterns/cli.py",
        "analysis/patterns/owners.py",
        "workshop/app.py",
        "workshop/cards/1_host_office_lister.yaml",
        "workshop/cards/5_plant_closure.yaml",
        "hydra_plugins/navsim_sweeper/navsim_sweeper.py",
    ):
        assert needed in names, needed
    # hydra_plugins is a namespace shared with the other Hydra plugins: an __init__.py
    # of ours would hide them
    assert "hydra_plugins/__init__.py" not in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry).decode()
    assert "navsim = experiments.cli:main" in text
    assert "navsim-workshop = workshop.cli:main" in text
    assert "navsim-validate = analysis.patterns.cli:main" in text
