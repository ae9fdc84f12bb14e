"""Benchmarks: `python -m benchmarks.runner_bench` (runner vs mesa.batch_run)."""
