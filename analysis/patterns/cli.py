"""The ``navsim-validate`` command: run the pattern suite, print and write its table.

Usage::

    navsim-validate                       # all patterns, 10 seeds, 2 workers
    navsim-validate --fast                # the patterns on the default and national runs
    navsim-validate --seeds 20 --workers 4 --out outputs/validation
    navsim-validate --audit               # also knock out each pattern's mechanism

Writes ``<out>/validation.csv``; with ``--audit`` also ``<out>/audit.csv`` (the
knock-out of each pattern's mechanism and the kind it gives, analysis/patterns/audit.py);
with ``--write-docs`` (which runs the audit) ``docs/validation.md``; ``--write-odd``
only rewrites the pattern list of ``docs/ODD.md``. Exit status 0 only if every gating
pattern passes (2 for bad arguments).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from analysis.patterns.audit import Audit, audit
from analysis.patterns.catalogue import NOT_REPRODUCED, PATTERNS
from analysis.patterns.docs import DOCS_PATH, ODD_PATH, markdown, write_odd_patterns
from analysis.patterns.runs import Measures, run_all
from analysis.patterns.suite import Result, evaluate, needed_runs, table, totals
from experiments.errors import DEBUG_FLAG, OneLineParser, check_output, guard
from experiments.executors import check_workers
from sim.config import ConfigError

DEFAULT_SEEDS = 10
DEFAULT_WORKERS = 2


def print_table(results: list[Result]) -> None:
    """The table on the terminal."""
    df = table(results)[
        ["pattern", "kind", "value", "interval_5", "interval_95", "tolerance", "result"]
    ]
    with pd.option_context("display.max_rows", None, "display.width", 200):
        print(df.to_string(index=False))
    t = totals(results)
    print(
        f"\n{t['patterns']} patterns ({t['emergent']} emergent, {t['calibrated']} calibrated, "
        f"{t['imposed']} imposed): {t['passed']} PASS, {t['failed']} FAIL"
    )


def validate(
    fast: bool = False, seeds: int = DEFAULT_SEEDS, workers: int = DEFAULT_WORKERS, progress=True
) -> tuple[list[Result], list[Result], float, Measures]:
    """Run the suite (or its fast part).

    Returns:
        The suite's results, the not-reproduced facts' results (empty with ``fast``),
        the wall time in seconds and the runs' measures.
    """
    patterns = [p for p in PATTERNS if p.fast] if fast else PATTERNS
    extra = [] if fast else NOT_REPRODUCED
    t0 = time.perf_counter()
    measures = run_all(needed_runs(patterns + extra), seeds, workers, progress=progress)
    seconds = time.perf_counter() - t0
    return evaluate(patterns, measures), evaluate(extra, measures), seconds, measures


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line arguments of ``navsim-validate``."""
    parser = OneLineParser(
        prog="navsim-validate", description="Run the pattern suite (docs/validation.md)."
    )
    parser.add_argument("--seeds", type=int, default=DEFAULT_SEEDS, help="seeds per run (≥ 10)")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="processes")
    parser.add_argument(
        "--out", type=Path, default=Path("outputs/validation"), help="where validation.csv goes"
    )
    parser.add_argument("--fast", action="store_true", help="only the fast patterns")
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help="also rewrite the tracked docs/validation.md (make validate does)",
    )
    parser.add_argument(
        "--audit",
        action="store_true",
        help="also run each pattern with its mechanism knocked out (--write-docs does)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--write-odd", action="store_true", help="only rewrite the pattern list of docs/ODD.md"
    )
    parser.add_argument(DEBUG_FLAG, action="store_true", help="show the traceback of an error")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the suite, print and write the table; 0 only if every pattern passes."""
    args = parse_args(argv)
    if args.write_odd:
        write_odd_patterns()
        print(f"wrote the pattern list to {ODD_PATH}")
        return 0
    if args.seeds < 2:
        print(
            "navsim-validate: --seeds must be at least 2 (10 or more recommended)", file=sys.stderr
        )
        return 2
    with guard("navsim-validate", args.debug):
        if args.workers < 1:
            raise ConfigError(f"--workers {args.workers}: allowed: an integer >= 1")
        check_workers("local", args.workers, None, False, key="--workers", override=None)
        check_output(args.out, "--out", is_dir=True)  # before the minutes of runs
        return run_suite(args)


def run_suite(args: argparse.Namespace) -> int:
    """Run the suite for checked arguments, print and write the table (and docs if asked)."""
    results, others, seconds, measures = validate(
        args.fast, args.seeds, args.workers, not args.no_progress
    )
    print_table(results)
    if others:
        print("\nnot reproduced (reported, not gating):")
        print_table(others)
    args.out.mkdir(parents=True, exist_ok=True)
    csv = args.out / "validation.csv"
    table(results).assign(gating=True).to_csv(csv, index=False)
    if others:
        table(others).assign(gating=False).to_csv(csv, mode="a", header=False, index=False)
    print(f"wrote {csv} ({seconds:.0f} s)")
    audits = None
    if args.audit or (args.write_docs and not args.fast):
        audits = run_audit(results + others, args)
    if args.write_docs and not args.fast:
        command = "navsim-validate --write-docs" + (
            f" --seeds {args.seeds}" if args.seeds != 10 else ""
        )
        text = markdown(results, others, args.seeds, seconds, command, measures, audits)
        DOCS_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {DOCS_PATH}")
    return 0 if all(r.passed for r in results) else 1


def run_audit(results: list[Result], args: argparse.Namespace) -> list[Audit]:
    """Knock out each pattern's mechanism; print the audit and write ``audit.csv``."""
    t0 = time.perf_counter()
    audits = audit(results, args.seeds, args.workers, not args.no_progress)
    print(f"audit: {time.perf_counter() - t0:.0f} s")
    rows = [
        {
            "pattern": a.pattern.id,
            "mechanism": "+".join(a.pattern.mechanism),
            "set_by": a.pattern.set_by,
            "value_on": a.on.mean,
            "value_off": a.off.mean if a.off else None,
            "strength_difference": a.difference[0],
            "difference_low": a.difference[1],
            "difference_high": a.difference[2],
            "knock_out": a.verdict,
            "declared_kind": a.pattern.kind,
            "kind": a.kind,
            "reason": a.reason,
        }
        for a in audits
    ]
    df = pd.DataFrame(rows)
    with pd.option_context("display.max_rows", None, "display.width", 200):
        print(df[["pattern", "mechanism", "value_on", "value_off", "knock_out", "kind"]])
    df.to_csv(args.out / "audit.csv", index=False)
    unconfirmed = [a.pattern.id for a in audits if not a.confirmed]
    if unconfirmed:
        print(f"the audit gives another kind than declared: {', '.join(unconfirmed)}")
    return audits


if __name__ == "__main__":
    sys.exit(main())
