"""The navsim sweeper (hydra/sweeper=navsim): Hydra finds it, and it composes each job once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hydra._internal.core_plugins.basic_launcher import BasicLauncher
from hydra.core.plugins import Plugins
from hydra.plugins.launcher import Launcher
from hydra.plugins.sweeper import Sweeper

from hydra_plugins.navsim_sweeper import navsim_sweeper

ROOT = Path(__file__).resolve().parents[1]


def test_hydra_discovers_the_sweeper():
    """Hydra lists plugins from the hydra_plugins namespace package (editable or wheel)."""
    names = [f"{c.__module__}.{c.__qualname__}" for c in Plugins.instance().discover(Sweeper)]
    assert "hydra_plugins.navsim_sweeper.navsim_sweeper.NavsimSweeper" in names


class OtherLauncher(Launcher):
    """A launcher that runs jobs elsewhere (as joblib or submitit do)."""

    def setup(self, **kwargs):  # pragma: no cover - never called here
        """Unused."""

    def launch(self, job_overrides, initial_job_idx):  # pragma: no cover
        """Unused."""


def sweeper_with(launcher) -> tuple[navsim_sweeper.NavsimSweeper, list]:
    """A NavsimSweeper with ``launcher`` whose early compositions are recorded."""
    composed = []

    class Loader:
        def load_sweep_config(self, master_config, sweep_overrides):
            composed.append(sweep_overrides)

    sweeper = navsim_sweeper.NavsimSweeper(max_batch_size=None)
    sweeper.launcher = launcher
    sweeper.config = object()
    sweeper.hydra_context = type("Ctx", (), {"config_loader": Loader()})()
    return sweeper, composed


@pytest.mark.parametrize(
    ("launcher", "early"),
    [(BasicLauncher.__new__(BasicLauncher), 0), (OtherLauncher(), 2)],
    ids=["basic launcher: composed once, at launch", "other launcher: composed early too"],
)
def test_batch_composed_early_only_for_launchers_that_run_elsewhere(launcher, early):
    sweeper, composed = sweeper_with(launcher)
    sweeper.validate_batch_is_legal([["seed=1"], ["seed=2"]])
    assert len(composed) == early


def test_a_multirun_uses_the_navsim_sweeper(tmp_path):
    """The primary config selects it; the sweep's multirun.yaml records its target."""
    out = tmp_path / "sweep"
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "experiments.cli",
            "-m",
            "seed=1,2",
            "months=2",
            "burn_in=0",
            "progress=false",
            f"hydra.sweep.dir={out}",
            "outputs=[model]",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    text = (out / "multirun.yaml").read_text()
    assert "hydra_plugins.navsim_sweeper.navsim_sweeper.NavsimSweeper" in text
    assert "all jobs: 2 succeeded, 0 failed, 0 skipped" in res.stdout
