"""The benchmarks' plumbing: the speed-up benchmark's pairing, order and share of the
ceiling, and what the cluster benchmark derives from its timings.

Nothing here times anything: ``timed`` is replaced by a fake that returns given wall
times (and the cluster benchmark's ``derive`` is given times), so these tests check how
the benchmarks order their runs and what they derive.
"""

from __future__ import annotations

import pytest

from benchmarks import speedup_bench as sb


@pytest.fixture
def fake_timed(monkeypatch):
    """Record every (tool, workers) call; walls: 1 worker 40 s, 2 workers 40/speed-up."""
    speedups = {"ceiling": 1.8, "runner": 1.62, "model": 1.71, "batch": 1.5}
    calls = []

    def timed(make, runs, workers):
        name = next(short for short, (_, cmd) in sb.SHORT.items() if cmd is make)
        calls.append((name, workers))
        wall = 40.0 if workers == 1 else round(40.0 / speedups[name], 2)
        return {"wall_s": wall, "cpu_s": 41.0}

    monkeypatch.setattr(sb, "timed", timed)
    return calls


def test_each_tool_runs_its_two_worker_counts_back_to_back(fake_timed):
    sb.bench(160, repeat=3)
    for i in range(0, len(fake_timed), 2):
        (tool_a, w_a), (tool_b, w_b) = fake_timed[i : i + 2]
        assert tool_a == tool_b and {w_a, w_b} == {1, 2}


def test_order_rotates_tools_and_alternates_worker_counts(fake_timed):
    sb.bench(160, repeat=2)
    per_repeat = len(sb.TOOLS) * 2
    first, second = fake_timed[:per_repeat], fake_timed[per_repeat:]
    assert [t for t, _ in first[::2]] == ["ceiling", "runner", "model", "batch"]
    assert [t for t, _ in second[::2]] == ["runner", "model", "batch", "ceiling"]
    assert first[0][1] == 1 and second[0][1] == 2


def test_share_of_ceiling_is_relative_to_the_same_repeat(fake_timed):
    rows = sb.bench(160, repeat=2)
    text = sb.markdown(rows, {"command": "test", "date": "today", "machine": "fake"})
    runner = [row for row in rows if row["tool"] == "navsim runner"]
    assert [row["speedup"] for row in runner] == pytest.approx([1.62, 1.62], abs=0.01)
    assert "share of ceiling 0.90" in text  # 1.62 / 1.8
    assert "ceiling (bare model, forked pool): speed-up 1.80" in text
    assert "repeats at >= 1.8×: 2 of 2" in text  # the ceiling's
    assert "navsim runner: speed-up 1.62 (1.62-1.62); share of ceiling 0.90" in text


def test_a_subset_of_tools_runs_only_those(fake_timed):
    sb.bench(160, repeat=1, tools=(sb.SHORT["ceiling"], sb.SHORT["model"]))
    assert {tool for tool, _ in fake_timed} == {"ceiling", "model"}


def test_cluster_bench_derives_fixed_cost_and_overhead_per_replication():
    from benchmarks.cluster_bench import derive

    # 1 run: 3 s wall, 1 s of work; 5 runs: 7 s wall, 4 s of work shared by 2 CPUs
    out = derive(
        {"wall_s": 3.0, "work_s": 1.0, "runs": 1}, {"wall_s": 7.0, "work_s": 4.0, "runs": 5}
    )
    assert out["fixed_s"] == 2.0
    assert out["per_replication_s"] == pytest.approx((7 - 3) / 4 - 0.8 / 2)
    assert out["replications_per_min"] == pytest.approx(60 * 5 / 7, abs=0.05)
