"""navsim-decompose: a policy's paired effect split into the parts of mechanisms (one at a
time knock-outs), the other mechanisms and the interaction residual; the parts add up to
the total replicate by replicate, and the report shows them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.decompose import decompose, parse_args, run_decomposition, settings
from sim.config import ConfigError

BASE = ["region=agder", "months=12", "burn_in=6", "progress=false", "workers=1"]
BASE += ["structure=municipal"]


def host_office_args(out, outcomes: str) -> list[str]:
    """A small decomposition of a host office at month 3 into one mechanism, two replications."""
    return [
        "--versus",
        "scenario=host_office scenario.month=3",
        "--mechanisms",
        "transition_host_trust",
        "--replications",
        "2",
        "--outcomes",
        outcomes,
        "--out",
        str(out),
        *BASE,
    ]


def test_parts_add_up_to_the_total_for_synthetic_effects():
    rng = np.random.default_rng(0)
    mechanisms = ["a", "b"]
    rows = []
    for setting in settings(mechanisms):
        for k in range(4):
            rows.append({"setting": setting, "replicate": k, "y": rng.normal()})
    effects = pd.DataFrame(rows)
    table = decompose(effects, mechanisms, ["y"]).set_index("part")
    parts = ["a", "b", "rest", "interaction"]
    assert np.isclose(table.loc[parts, "difference"].sum(), table.loc["total", "difference"])
    wide = effects.pivot(index="replicate", columns="setting", values="y")
    assert np.isclose(table.loc["a", "difference"], (wide["all_on"] - wide["without_a"]).mean())
    assert np.isclose(table.loc["rest", "difference"], wide["all_off"].mean())


def test_unknown_mechanism_is_refused_before_any_run(tmp_path):
    args = parse_args(
        [
            "--versus",
            "scenario=host_office",
            "--mechanisms",
            "no_such",
            "--out",
            str(tmp_path / "d"),
        ]
        + BASE
    )
    with pytest.raises(ConfigError, match="--mechanisms"):
        run_decomposition(args)
    assert not (tmp_path / "d").exists()


def test_small_decomposition_runs_pairs_and_reports(tmp_path, capsys):
    from analysis.report import write_report

    out = tmp_path / "dec"
    argv = host_office_args(out, "exit_rate,trust_owners")
    assert run_decomposition(parse_args(argv)) == 0
    assert capsys.readouterr().out.strip().endswith("12 succeeded, 0 failed, 0 skipped")
    effects = pd.read_parquet(out / "effects.parquet")
    assert sorted(effects["setting"].unique()) == [
        "all_off",
        "all_on",
        "without_transition_host_trust",
    ]
    # one mechanism: its knock-out is all off, so the interaction is exactly zero
    table = pd.read_parquet(out / "decomposition.parquet").set_index(["outcome", "part"])
    assert np.allclose(table.xs("interaction", level="part")["difference"], 0, atol=1e-12)
    total = table.xs("total", level="part")["difference"]
    assert (total.abs() > 0).all()  # the host office changes both outcomes
    # a re-run resumes: nothing runs again
    assert run_decomposition(parse_args(argv)) == 0
    assert capsys.readouterr().out.strip().endswith("0 succeeded, 0 failed, 12 skipped")
    page = write_report(out, "en", progress=False)
    text = page.read_text()
    assert "The effect by mechanism" in text


def test_a_decomposition_below_a_run_shows_in_its_report_not_in_its_comparison(tmp_path, run_cli):
    """Kept below a run (or multirun) directory, a decomposition's runs are not the run's
    replications: compare reads only the run's own, and the run's report shows the
    decomposition's section."""
    from analysis.report import write_report
    from experiments.compare import load_summaries

    run = tmp_path / "run"
    proc = run_cli([*BASE, "replications=2", "scenario=host_office", "scenario.month=3"], run)
    assert proc.returncode == 0, proc.stderr
    argv = host_office_args(run / "decomposition", "exit_rate")
    assert run_decomposition(parse_args(argv)) == 0
    assert len(load_summaries(run)) == 2  # the run's two replications, not the 12 below
    text = write_report(run, "en", progress=False).read_text()
    assert "The effect by mechanism: decomposition" in text
