"""Shared fixtures: a small in-process run and a CLI runner that writes only to tmp dirs.

Every test also fails if the code it ran looked up a message that a catalogue
(``messages/locale``) lacks.
"""

from __future__ import annotations

import gettext
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import messages
from sim import ModelConfig, NavPartnershipModel

REPO_ROOT = Path(__file__).resolve().parents[1]

SMALL = {"months": 24, "burn_in": 12}


def in_ci() -> bool:
    """Whether this is a CI run (``.ci/run`` exports CI=1; CI services set CI=true).

    Tests that need something from the machine (Chromium, a SLURM cluster) skip
    without it outside CI and fail without it in CI.
    """
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def result_files(root: Path) -> dict[str, Path]:
    """Parquet files and run.json of a sweep or design, by relative path (Hydra's files aside)."""
    return {
        str(p.relative_to(root)): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and (p.suffix == ".parquet" or p.name == "run.json")
    }


def run_json_without_time(path: Path) -> dict:
    """A run.json without ``wall_time_s``, the one field that differs between equal runs."""
    info = json.loads(path.read_text())
    info.pop("wall_time_s")
    return info


def assert_same_results(a: Path, b: Path) -> int:
    """The result files under ``a`` and ``b`` are the same files with the same bytes.

    run.json files are compared without ``wall_time_s``.

    Returns:
        The number of files compared.
    """
    fa, fb = result_files(a), result_files(b)
    assert set(fa) == set(fb), sorted(set(fa) ^ set(fb))[:10]
    for rel in fa:
        if rel.endswith("run.json"):
            assert run_json_without_time(fa[rel]) == run_json_without_time(fb[rel]), rel
        else:
            assert fa[rel].read_bytes() == fb[rel].read_bytes(), rel
    return len(fa)


def make_small_config(**overrides) -> ModelConfig:
    """A ModelConfig for Agder (the default region) with months=24, burn_in=12.

    Keyword overrides replace top-level ModelConfig fields (e.g. ``record_every=3``
    or ``governance=GovernanceConfig(...)``).
    """
    return ModelConfig(**{**SMALL, **overrides})


def a_pattern(**change):
    """A valid emergent band pattern of the suite, with some fields changed."""
    from analysis.patterns.suite import Pattern, per_seed

    fields = {
        "id": "x",
        "area": "owners",
        "fact": "f",
        "source": "s",
        "kind": "emergent",
        "measured": "m",
        "measure": per_seed("default", "x"),
        "test": "band",
        "band": (0.2, 0.8),
        "bounds": (0.0, 1.0),
        "why": "w",
        "mechanism": ("update_trust",),
    }
    return Pattern(**{**fields, **change})


def run_model(cfg: ModelConfig, seed: int = 1) -> NavPartnershipModel:
    """Build and run a model; the tables are in ``model.recorder.tables()``."""
    model = NavPartnershipModel(cfg, rng=seed)
    model.run()
    return model


def run_cli_process(
    args: list[str], run_dir: Path, timeout: float = 180
) -> subprocess.CompletedProcess:
    """Run ``python -m experiments.cli *args hydra.run.dir=<run_dir>`` from the repo root.

    Progress bars are switched off unless ``args`` sets ``progress`` itself.
    """
    extra = [] if any(a.startswith("progress=") for a in args) else ["progress=false"]
    cmd = [sys.executable, "-m", "experiments.cli", *args, *extra, f"hydra.run.dir={run_dir}"]
    return subprocess.run(
        cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="session")
def small_config() -> Callable[..., ModelConfig]:
    """Factory: ``small_config(**overrides)`` -> Agder, months=24, burn_in=12."""
    return make_small_config


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., subprocess.CompletedProcess]:
    """Factory: ``run_cli(args, run_dir)`` -> the CompletedProcess of a CLI call."""
    return run_cli_process


@pytest.fixture(scope="module")
def small_model() -> NavPartnershipModel:
    """One small default run (Agder, months=24, burn_in=12, rng=1), shared per module."""
    return run_model(make_small_config(), seed=1)


@pytest.fixture(scope="module")
def small_tables(small_model) -> dict[str, pd.DataFrame]:
    """The tables of ``small_model``: offices, municipalities, actors, model."""
    return small_model.recorder.tables()


class _MissingMessages(gettext.NullTranslations):
    """A catalogue's fallback that records every message it was asked for (= missing)."""

    def __init__(self, lang: str, found: list) -> None:
        super().__init__()
        self.lang, self.found = lang, found

    def gettext(self, message):
        self.found.append((self.lang, None, message))
        return message

    def ngettext(self, msgid1, msgid2, n):
        self.found.append((self.lang, None, (msgid1, msgid2)))
        return msgid1 if n == 1 else msgid2

    def pgettext(self, context, message):
        self.found.append((self.lang, context, message))
        return message


MISSING_MESSAGES: list = []


@pytest.fixture(scope="session", autouse=True)
def _record_missing_messages():
    """Every catalogue records the messages it lacks, for the whole session."""
    for lang in messages.LANGUAGES:
        messages.translations(lang).add_fallback(_MissingMessages(lang, MISSING_MESSAGES))


@pytest.fixture(autouse=True)
def _no_missing_message():
    """A test fails if the code it ran looked up a message absent from a catalogue."""
    MISSING_MESSAGES.clear()
    yield
    missing = sorted(set(MISSING_MESSAGES), key=str)
    MISSING_MESSAGES.clear()
    assert not missing, f"messages missing from messages/locale: {missing}"


# ---------------------------------------------------------------- browser tests
# test_workshop_browser.py and test_workshop_rooms_browser.py share these: defined here
# once, so that a worker running tests of both files starts one server and one Playwright
# (a fixture imported into a second test module is a second fixture: a second sync
# Playwright inside the first's event loop fails).


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium (``workshop.browser``): skip without it, fail in CI."""
    from workshop.browser import CHROMIUM

    if not Path(CHROMIUM).exists():
        if in_ci():
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (browser tests run in CI)")
    return CHROMIUM


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(chromium_path, tmp_path_factory):
    """A navsim-workshop server on a free port, with no way out to the internet.

    Its output goes to a file: a pipe nobody reads would stop the server once full.
    """
    port = free_port()
    log_path = tmp_path_factory.mktemp("workshop_server") / "server.log"
    env = {
        **os.environ,
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "NO_PROXY": "",
        "no_proxy": "",
    }
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "workshop.cli", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while True:
        try:
            opener.open(url, timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                out = log_path.read_text(errors="replace")
                pytest.fail(f"navsim-workshop did not start:\n{out}")
            time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the session's browser tests."""
    from playwright.sync_api import sync_playwright

    from workshop.browser import CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()
