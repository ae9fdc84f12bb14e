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
        "workshop/navigator.vue",
        "hydra_plugins/navsim_sweeper/navsim_sweeper.py",
        "messages/__init__.py",
        "messages/locale/navsim.pot",
        "messages/locale/nb/LC_MESSAGES/navsim.po",
        "messages/locale/en/LC_MESSAGES/navsim.po",
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
    assert not any(n.endswith(".mo") for n in names)  # compiled at run time from the .po

    # the installed package reads its catalogues (not the source tree's)
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "-t", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import messages; from messages import _, format_number; "
        "print(messages.__file__); print(_('Governance levers', 'nb')); "
        "print(format_number(-1234.5, 'nb', 5))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target)},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert Path(out[0]).is_relative_to(target)
    assert out[1:] == ["Styringsgrep", "\u22121\u00a0234,5"]


def test_every_python_package_is_listed_in_pyproject():
    """The package list is explicit (configs/ ships renamed): a new package must be on it."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = set()
    for top in ("sim", "experiments", "analysis", "benchmarks", "workshop", "messages"):
        for init in (ROOT / top).rglob("__init__.py"):
            found.add(".".join(init.parent.relative_to(ROOT).parts))
    assert found - listed == set(), f"add to [tool.setuptools] packages: {sorted(found - listed)}"
