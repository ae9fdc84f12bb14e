"""Benchmarks: ``navsim-bench`` (model speed) and their recorded results."""
