"""Benchmarks of model speed (``navsim-bench``) and of the runner (``runner_bench``).

``benchmarks/bench.py`` times the model against Mesa's own example;
``python -m benchmarks.runner_bench`` times our runner against ``mesa.batch_run``.
Their recorded results are in ``benchmarks/README.md`` and
``benchmarks/runner_results.md``.
"""
