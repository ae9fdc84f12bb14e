"""navsim-calibrate (analysis/calibration.py): targets from the suite, priors inside the
declared bounds, and a smoke run of ABC-SMC on a tiny budget (two targets of the default
run, 3 particles, 1 seed, a tmp_path database): the same seed gives the same posterior,
resumed or not, another seed another; resume adds a generation to the same run; the docs
writer writes its sections; bad options are one line and exit 2.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import calibration as cal
from analysis.patterns import catalogue


def run_cli(argv: list[str]) -> int:
    """Run navsim-calibrate in this process; its exit status."""
    with pytest.raises(SystemExit) as exc:
        cal.main(argv)
    return int(exc.value.code or 0)


def test_prior_ranges_lie_inside_the_declared_bounds():
    cal.check_parameters()
    bad = cal.Parameter("staff.satisfaction_base", 0.5, 1.2, ("teams_satisfied",), "too wide")
    with pytest.raises(ValueError, match="leaves the declared"):
        cal.check_parameters((bad,))


def test_every_parameter_is_fitted_to_a_pattern_of_the_suite():
    ids = {p.id for p in catalogue.CATALOGUE}
    assert [p.path for p in cal.PARAMETERS if not ids & set(p.patterns)] == []
    assert len({p.path for p in cal.PARAMETERS}) == len(cal.PARAMETERS)


def test_targets_are_the_suites_calibrated_patterns_with_band_centre_and_half_width():
    expected = [
        p
        for p in catalogue.CATALOGUE
        if p.kind == "calibrated"
        and p.band is not None
        and None not in p.band  # a one-sided band is a bound, not a value
        and set(p.runs) <= set(cal.REGIONAL_RUNS)
    ]
    targets = cal.default_targets()
    assert [t.id for t in targets] == [p.id for p in expected]
    for t, p in zip(targets, expected, strict=True):
        assert t.value == pytest.approx(sum(p.band) / 2)
        assert t.scale == pytest.approx((p.band[1] - p.band[0]) / 2)
        assert t.measure is p.measure
    others = [p for p in catalogue.CATALOGUE if p.kind != "calibrated"]
    assert others and all("not calibrated" in cal.eligible(p) for p in others)


def test_parameters_follow_the_chosen_targets():
    target = cal.default_targets()[0]
    chosen = cal.parameters_for([target])
    assert chosen and all(target.id in p.patterns for p in chosen)
    assert len(cal.parameters_for(cal.default_targets())) > len(chosen)


def test_distance_is_the_rms_of_errors_scaled_by_half_widths():
    measure = catalogue.CATALOGUE[0].measure
    targets = [cal.Target("a", 1.0, 0.5, measure, ""), cal.Target("b", 0.0, 2.0, measure, "")]
    # scaled errors 2 and 1: sqrt((4 + 1) / 2)
    assert cal.scaled_distance({"a": 2.0, "b": 2.0}, {"a": 1.0, "b": 0.0}, targets) == (
        pytest.approx(np.sqrt(2.5))
    )


def smoke_targets() -> str:
    """Two calibrated patterns that read only the default run (the cheapest)."""
    ids = [t.id for t in cal.default_targets() if t.measure.runs == ("default",)]
    assert len(ids) >= 2, ids
    return ",".join(ids[:2])


def posterior(db) -> tuple[pd.DataFrame, np.ndarray, int, int]:
    """The last population's particles and weights, its t and the run's id."""
    import pyabc

    settings = cal.read_meta(db)
    history = pyabc.History(cal.db_url(db), _id=settings["abc_id"])
    df, w = history.get_distribution(m=0, t=history.max_t)
    return df.sort_index(axis=1), np.asarray(w), history.max_t, settings["abc_id"]


def test_smoke_run_is_reproducible_resumable_and_documented(tmp_path, capsys):
    base = ["--targets", smoke_targets(), "--population", "3", "--seeds", "1", "--lang", "en"]
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    assert run_cli(["--db", str(a), *base, "--seed", "5", "--generations", "2"]) == 0
    out = capsys.readouterr().out
    assert "generation 0: epsilon ∞" in out and "generation 1: epsilon" in out
    # the same seed in two invocations (one generation, then resumed): the same particles
    assert run_cli(["--db", str(b), *base, "--seed", "5", "--generations", "1"]) == 0
    assert run_cli(["--db", str(b), "--resume", "--generations", "2"]) == 0
    pa, pb = posterior(a), posterior(b)
    assert pa[2] == pb[2] == 1
    pd.testing.assert_frame_equal(pa[0], pb[0])
    np.testing.assert_array_equal(pa[1], pb[1])
    # another seed: other particles
    assert run_cli(["--db", str(c), *base, "--seed", "6", "--generations", "2"]) == 0
    assert not np.allclose(posterior(c)[0].to_numpy(), pa[0].to_numpy())
    # resume adds a generation to the same run in the same database, and writes the docs
    docs, draws = tmp_path / "calibration.md", tmp_path / "posterior.csv"
    docs.write_text("# Calibration\n\nHand-written how-to.\n", encoding="utf-8")
    argv = ["--db", str(a), "--resume", "--generations", "3", "--write-docs", "--docs", str(docs)]
    assert run_cli([*argv, "--export-posterior", str(draws), "--draws", "4"]) == 0
    after = posterior(a)
    assert (after[2], after[3]) == (2, pa[3])
    text = docs.read_text(encoding="utf-8")
    assert text.startswith("# Calibration\n\nHand-written how-to.\n")
    for heading in ("### Posterior", "### Generations", "### Targets and the posterior predictive"):
        assert heading in text
    assert "| effective sample size |" in text
    for name in cal.parameters_for(cal.choose_targets(smoke_targets().split(","))):
        assert f"`{name.path}`" in text
    assert "navsim-calibrate --db" in text and "--resume --generations 3" in text
    assert "--population 3 --seeds 1 --seed 5 --generations 3" in text
    # regenerating replaces the generated part, it does not append a second one
    assert (
        run_cli(
            ["--db", str(a), "--resume", "--generations", "0", "--write-docs", "--docs", str(docs)]
        )
        == 0
    )
    assert docs.read_text(encoding="utf-8").count(cal.BEGIN) == 1
    exported = pd.read_csv(draws)
    assert list(exported["draw"]) == [0, 1, 2, 3]
    assert set(exported.columns[1:]) == set(after[0].columns)
    # a resumed run keeps its settings
    assert run_cli(["--db", str(a), "--resume", "--seed", "9"]) == 2
    assert "a resumed run keeps its settings" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--targets", "no_such_pattern"], "is not a pattern of the suite"),
        (["--population", "0"], "--population 0: must be at least 1"),
        (["--resume"], "does not exist"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(tmp_path, capsys, argv, says):
    assert run_cli(["--db", str(tmp_path / "x.db"), *argv]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1


def test_an_existing_database_needs_resume(tmp_path, capsys):
    db = tmp_path / "x.db"
    db.write_bytes(b"")
    assert run_cli(["--db", str(db), "--targets", smoke_targets()]) == 2
    assert "add --resume" in capsys.readouterr().err


def test_a_non_calibrated_pattern_is_refused_with_the_reason(tmp_path, capsys):
    other = next(p for p in catalogue.CATALOGUE if p.kind != "calibrated")
    assert run_cli(["--db", str(tmp_path / "x.db"), "--targets", other.id]) == 2
    assert f"{other.id} cannot be a target: its kind is {other.kind}" in capsys.readouterr().err
