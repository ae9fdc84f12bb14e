"""The ``navsim-compare`` command: design points against a baseline, paired by seed.

Replicate k of every design point of a multirun uses the same spawned seed
(``SeedSequence(seed).spawn(N)[k]``), so the difference of an outcome between a
point and the baseline can be taken replicate by replicate (common random numbers)
and its interval comes from the spread of those paired differences (DESIGN §7).

Examples::

    navsim -m scenario=baseline,host_office replications=10
    navsim-compare outputs/multiruns/2025-01-01/12-00-00

    navsim -m governance.harmonised_terms=false,true replications=10
    navsim-compare DIR --lang en --outcomes moves_to_state,staff_turnover

Everything but :func:`main` is a plain function over DataFrames (no Hydra).
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from experiments.collect import in_other_analysis
from experiments.errors import (
    DEBUG_FLAG,
    OneLineParser,
    UserError,
    check_output,
    guard,
    say_left_out,
)
from experiments.labels import label
from experiments.posterior import PARAMETERS as POSTERIOR_PARAMETERS
from experiments.replication import damage_reason, file_matches, recorded_run_id, to_plain
from messages import LANGUAGES, N_, _, format_number, format_percent, ngettext
from sim.config import (
    PARAMETER_GROUPS,
    GovernanceConfig,
    MechanismSwitches,
    ModelConfig,
    iter_parameters,
)
from sim.recording import OUTCOMES

# Columns that identify a replication or its seed; never part of a design point.
ID_COLUMNS = ("run_id", "replicate", "seed_entropy", "spawn_key", "job")
# Config columns of the summary table: top-level keys and dotted groups.
CONFIG_KEYS = (
    "region",
    "structure",
    "scenario",
    "months",
    "burn_in",
    "record_every",
    "summary_window",
)
CONFIG_GROUPS = ("governance", "mechanisms", "scenario", "region", *PARAMETER_GROUPS)
# Columns of the result before the design columns of the point.
RESULT_COLUMNS = (
    "point",
    "baseline",
    "outcome",
    "n",
    "baseline_mean",
    "point_mean",
    "difference",
    "difference_pct",
    "ci_low",
    "ci_high",
    "level",
    "same_sign_share",
    "note",
)
REP_DIR = re.compile(r"rep_\d+")


class CompareError(UserError):
    """A multirun that cannot be compared; the message says why and what to do."""


# --------------------------------------------------------------------------- loading


def _job_dir(summary_file: Path, root: Path) -> str:
    """The job directory of a summary file, relative to ``root`` ("." for root itself)."""
    d = summary_file.parent
    if REP_DIR.fullmatch(d.name) and d != root:
        d = d.parent
    rel = d.relative_to(root).as_posix()
    return rel or "."


def summary_damage(summary_file: Path) -> str | None:
    """Why a replication's ``summary.parquet`` cannot be trusted, or None if it can.

    It must match the size and sha256 its ``run.json`` records (a ``run.json`` from
    before files were recorded is not checked).
    """
    try:
        record = json.loads((summary_file.parent / "run.json").read_text()).get("files", {})
    except (OSError, ValueError, AttributeError):
        return "its run.json cannot be read"
    expected = record.get(summary_file.name) if isinstance(record, dict) else None
    if expected is not None and not file_matches(summary_file, expected):
        return damage_reason(summary_file.name)
    return None


def load_summaries(directory: Path | str, damaged: list[str] | None = None) -> pd.DataFrame:
    """One row per replication found under ``directory``.

    Reads every ``summary.parquet`` whose directory also holds a ``run.json`` (a
    replication directory) and matches the size and checksum recorded there;
    job-level ``summary.parquet`` files (several rows, no ``run.json``) are a fallback
    for replications whose own directory is missing. Rows are de-duplicated by
    ``run_id`` (replication files first). A damaged replication's row is not taken from
    the fallback either.

    Args:
        directory: A multirun directory (``hydra.sweep.dir``) or any directory above
            run directories.
        damaged: If given, a damaged or unreadable summary file is left out and named
            here ("<path>: <why>") and the others are read; if None, it raises.

    Returns:
        The summary rows with a ``job`` column (the job directory relative to
        ``directory``), sorted by job and replicate.

    Raises:
        CompareError: If ``directory`` does not exist or holds no summary rows, or (without
            ``damaged``) a summary file is damaged or cannot be read.
    """
    root = Path(directory)
    if not root.is_dir():
        raise CompareError(f"{root}: no such directory")
    files = [f for f in sorted(root.rglob("summary.parquet")) if not in_other_analysis(f, root)]
    rep_files = [f for f in files if (f.parent / "run.json").is_file()]
    job_files = [f for f in files if f not in rep_files]
    frames = []
    left_out: set[str] = set()  # run_ids of damaged replications
    for f in [*rep_files, *job_files]:
        why = summary_damage(f) if f in rep_files else None
        try:
            df = pd.read_parquet(f) if why is None else None
        except Exception as err:  # noqa: BLE001 - a truncated or foreign file: name it
            why = f"cannot be read ({type(err).__name__})"
        if why is not None:
            if damaged is None:
                raise CompareError(f"{f}: {why}")
            damaged.append(f"{f}: {why}")
            run_id = recorded_run_id(f.parent)
            if run_id is not None:
                left_out.add(run_id)
            continue
        if df.empty or "run_id" not in df or "replicate" not in df:
            continue
        frames.append(df[~df["run_id"].isin(left_out)].assign(job=_job_dir(f, root)))
    if not frames:
        raise CompareError(
            f"{root}: no results (no summary.parquet of a navsim run below it); "
            "run e.g. `navsim -m scenario=baseline,host_office replications=5` first"
        )
    out = pd.concat(frames, ignore_index=True)
    out = out.drop_duplicates(subset="run_id", keep="first")
    return out.sort_values(["job", "replicate"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- design


def is_config_column(name: str) -> bool:
    """Whether a summary column holds a setting (not an id, seed or outcome).

    Args:
        name: A column name of the summary table.

    Returns:
        True for ``scenario``, ``region``, ``months`` and the like, and for dotted
        keys of the config groups (``governance.*``, ``mechanisms.*``, ``staff.*``...).
    """
    if name in ID_COLUMNS:
        return False
    return name in CONFIG_KEYS or ("." in name and name.split(".", 1)[0] in CONFIG_GROUPS)


def posterior_columns(df: pd.DataFrame) -> set[str]:
    """The parameters drawn from a posterior (``navsim posterior=...``): not design factors.

    They vary between the replications of one point (``experiments.posterior``).
    """
    if POSTERIOR_PARAMETERS not in df:
        return set()
    return {p for v in df[POSTERIOR_PARAMETERS].dropna() for p in str(v).split("+") if p}


def design_columns(df: pd.DataFrame) -> list[str]:
    """The config columns whose values differ between the rows (the design factors).

    Args:
        df: Summary rows, e.g. from :func:`load_summaries`.

    Returns:
        Column names: ``scenario`` first, then ``governance.*``, then the rest in
        column order. Ids, seeds and outcomes are never included.
    """
    drawn = posterior_columns(df)
    cols = [
        c
        for c in df.columns
        if is_config_column(c) and c not in drawn and df[c].astype(str).nunique(dropna=False) > 1
    ]
    rank = {"scenario": 0}
    return sorted(cols, key=lambda c: rank.get(c, 1 if c.startswith("governance.") else 2))


def schema_defaults() -> dict[str, Any]:
    """The default value of every config column, as the summary table writes it.

    Returns:
        Column name -> default (``scenario`` "baseline", governance rules by their
        enum value, numeric parameters, mechanism switches).
    """
    out: dict[str, Any] = {
        "scenario": "baseline",
        "region": "agder",
        "structure": ModelConfig().structure,
    }
    for k, v in to_plain(GovernanceConfig()).items():
        out[f"governance.{k}"] = "+".join(v) if isinstance(v, list) else v
    out.update({key: value for key, value, _ in iter_parameters()})
    out.update({f"mechanisms.{k}": v for k, v in to_plain(MechanismSwitches()).items()})
    return out


def _matches(series: pd.Series, value: Any) -> pd.Series:
    """Rows of ``series`` equal to ``value``; a string value is read as the column's type."""
    values = series.dropna()
    if len(values) and all(isinstance(v, bool | np.bool_) for v in values):
        if isinstance(value, str):
            low = value.strip().lower()
            if low not in ("true", "false"):
                return pd.Series(False, index=series.index)
            value = low == "true"
        return series.map(lambda v: isinstance(v, bool | np.bool_) and bool(v) == bool(value))
    if pd.api.types.is_numeric_dtype(series):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return pd.Series(False, index=series.index)
        return pd.Series(np.isclose(series.to_numpy(float), number), index=series.index)
    return series.astype(str) == str(value)


def rows_matching(df: pd.DataFrame, spec: dict[str, Any]) -> pd.Series:
    """Rows whose columns equal every value of ``spec`` (each read as in ``_matches``)."""
    mask = pd.Series(True, index=df.index)
    for k, v in spec.items():
        mask &= _matches(df[k], v)
    return mask


def spec_label(values: dict[str, Any]) -> str:
    """``k=v`` pairs of a design point, space-separated; unset (NaN) values left out."""
    return " ".join(f"{k}={v}" for k, v in values.items() if not pd.isna(v)) or "(all)"


def default_baseline(df: pd.DataFrame, design: Sequence[str] | None = None) -> dict[str, Any]:
    """The baseline when none is given.

    ``scenario == "baseline"`` when the scenario varies (each other combination of
    factors then has its own baseline); otherwise the point whose design values all
    equal the schema defaults (``ModelConfig()``, ``GovernanceConfig()``).

    Args:
        df: Summary rows.
        design: The design columns; computed when None.

    Returns:
        Column -> value that selects the baseline point(s).

    Raises:
        CompareError: If no point qualifies.
    """
    design = list(design_columns(df) if design is None else design)
    if "scenario" in design:
        if not _matches(df["scenario"], "baseline").any():
            found = ", ".join(sorted(df["scenario"].astype(str).unique()))
            raise CompareError(
                f"no baseline found: scenario varies ({found}) but no point has "
                "scenario=baseline; name one with --baseline KEY=VALUE"
            )
        return {"scenario": "baseline"}
    defaults = schema_defaults()
    spec = {c: defaults[c] for c in design if c in defaults}
    if len(spec) != len(design) or not rows_matching(df, spec).any():
        raise CompareError(
            f"no baseline found: no point has the default values of {', '.join(design)}; "
            "name one with --baseline KEY=VALUE"
        )
    return spec


# --------------------------------------------------------------------------- compare


def _pair_keys(df: pd.DataFrame) -> list[str]:
    """Columns that must be equal for two replications to share their random numbers."""
    return [c for c in ("replicate", "seed_entropy", "spawn_key") if c in df.columns]


def _paired(base: pd.DataFrame, point: pd.DataFrame, names: tuple[str, str]) -> pd.DataFrame:
    """Inner join of two design points' replications on replicate and seed.

    Raises:
        CompareError: If a replicate appears twice in one point, or no replicate of
            the point has the baseline's seed.
    """
    keys = _pair_keys(base)
    for frame, name in ((base, names[0]), (point, names[1])):
        dup = frame.duplicated(subset=keys, keep=False)
        if dup.any():
            jobs = ", ".join(sorted(frame.loc[dup, "job"].astype(str).unique()))
            raise CompareError(
                f"point {name} has replicate(s) {sorted(set(frame.loc[dup, 'replicate']))} "
                f"twice (jobs {jobs}): they differ in a setting the summary does not record"
            )
    merged = base.merge(point, on=keys, suffixes=("_b", "_p"))
    if merged.empty:
        seeds = [sorted(set(f["seed_entropy"].astype(str))) for f in (base, point)]
        raise CompareError(
            f"unpaired seeds: baseline {names[0]} (seed entropy {', '.join(seeds[0])}) and "
            f"{names[1]} (seed entropy {', '.join(seeds[1])}) share no replicate with the "
            "same seed; run every point with the same seed= for paired comparisons"
        )
    return merged


def paired_stats(diff: np.ndarray, level: float = 0.90) -> dict[str, float]:
    """Mean, Student-t interval and same-sign share of paired differences.

    Args:
        diff: Paired differences (point minus baseline), NaN-free.
        level: Coverage of the interval.

    Returns:
        ``n``, ``difference``, ``ci_low``, ``ci_high`` (NaN when n < 2) and
        ``same_sign_share`` (share of pairs whose difference has the sign of the mean).
    """
    n = len(diff)
    mean = float(diff.mean()) if n else math.nan
    lo = hi = math.nan
    if n >= 2:
        half = stats.t.ppf((1 + level) / 2, n - 1) * diff.std(ddof=1) / math.sqrt(n)
        lo, hi = mean - half, mean + half
    same = float(np.mean(np.sign(diff) == np.sign(mean))) if n else math.nan
    return {"n": n, "difference": mean, "ci_low": lo, "ci_high": hi, "same_sign_share": same}


def compare(
    df: pd.DataFrame,
    baseline: dict[str, Any] | None = None,
    outcomes: Iterable[str] | None = None,
    level: float = 0.90,
) -> pd.DataFrame:
    """Each outcome's difference from the baseline, paired by replicate and seed.

    The design points are the distinct combinations of :func:`design_columns`. The
    ``baseline`` dict selects the reference point(s); when several points match it,
    each point is compared with the one that agrees with it on the factors that vary
    among them (e.g. ``{"scenario": "baseline"}`` in a scenario × budget sweep gives
    one baseline per budget, while a scenario's own settings, constant over the
    baseline points, do not split it). Replications pair when ``replicate`` and
    ``seed_entropy`` (and ``spawn_key``, when present) are equal.

    Args:
        df: One row per replication (see :func:`load_summaries`).
        baseline: Column -> value of the baseline; :func:`default_baseline` if None.
            String values are read as the column's type ("false", "4").
        outcomes: Outcome columns; all of ``OUTCOMES`` plus ``exit_rate`` present
            if None.
        level: Coverage of the intervals, in (0, 1).

    Returns:
        One row per non-baseline point and outcome, with the columns of
        ``RESULT_COLUMNS`` and then the point's design values.

    Raises:
        CompareError: With a single design point, no (or an ambiguous) baseline, an
            unknown column or outcome, or replications that cannot be paired.
    """
    if not 0 < level < 1:
        raise CompareError(f"level={level}: must be between 0 and 1 (e.g. 0.9)")
    if df.empty:
        raise CompareError("no results to compare")
    outcomes = default_outcomes(df) if outcomes is None else list(outcomes)
    missing = [o for o in outcomes if o not in df.columns or is_config_column(o)]
    if missing or not outcomes:
        raise CompareError(
            f"unknown outcome(s) {', '.join(missing) or '(none)'}; "
            f"available: {', '.join(default_outcomes(df))}"
        )
    if "job" not in df.columns:
        df = df.assign(job="")
    design = design_columns(df)
    if not design:
        seeds = df["seed_entropy"].nunique() if "seed_entropy" in df else 1
        raise CompareError(
            "a single design point: every job has the same settings"
            + (" (only the seed differs)" if seeds > 1 else "")
            + "; compare needs a multirun over scenarios or governance values (navsim -m ...)"
        )
    spec = default_baseline(df, design) if baseline is None else dict(baseline)
    unknown = [k for k in spec if k not in df.columns or not is_config_column(k)]
    if unknown:
        raise CompareError(
            f"--baseline names unknown setting(s) {', '.join(unknown)}; "
            f"the design columns are {', '.join(design)}"
        )
    is_base = rows_matching(df, spec)
    if not is_base.any():
        raise CompareError(
            f"no baseline found: no point has {spec_label(spec)}; "
            f"the design columns are {', '.join(design)}"
        )
    # Factors that vary among the baseline points pick each point's own baseline;
    # settings that only come with a scenario (constant over the baseline points,
    # e.g. a host municipality) do not.
    strata = [
        c
        for c in design
        if c not in spec and df.loc[is_base, c].astype(str).nunique(dropna=False) > 1
    ]
    points = df.groupby(design, sort=False, dropna=False)
    rows = []
    for values, point in points:
        values = dict(zip(design, values if isinstance(values, tuple) else (values,), strict=True))
        if is_base.loc[point.index].all():
            continue
        ref_mask = is_base.copy()
        for c in strata:
            ref_mask &= df[c].astype(str) == str(values[c])
        ref = df[ref_mask]
        if ref.empty:
            raise CompareError(
                f"no baseline found for {spec_label(values)}: no point has {spec_label(spec)} with "
                f"the same {', '.join(strata)}"
            )
        ref_values = {c: ref.iloc[0][c] for c in design}
        # labels: the settings that differ from the baseline, and the stratum
        shown = {c: v for c, v in values.items() if c in strata or str(v) != str(ref_values[c])}
        names = (spec_label({c: ref_values[c] for c in shown}), spec_label(shown))
        merged = _paired(ref, point, names)
        unpaired = len(ref) + len(point) - 2 * len(merged)
        for o in outcomes:
            b = merged[f"{o}_b"].to_numpy(float)
            p = merged[f"{o}_p"].to_numpy(float)
            ok = ~(np.isnan(b) | np.isnan(p))
            b, p = b[ok], p[ok]
            st = paired_stats(p - b, level)
            base_mean = float(b.mean()) if len(b) else math.nan
            notes = []
            if st["n"] < 2:
                notes.append(f"n={st['n']}: no interval (needs at least 2 paired replicates)")
            if unpaired:
                notes.append(f"{unpaired} replication(s) without a partner left out")
            rows.append(
                {
                    "point": names[1],
                    "baseline": names[0],
                    "outcome": o,
                    "n": st["n"],
                    "baseline_mean": base_mean,
                    "point_mean": float(p.mean()) if len(p) else math.nan,
                    "difference": st["difference"],
                    "difference_pct": (
                        100 * st["difference"] / abs(base_mean) if base_mean else math.nan
                    ),
                    "ci_low": st["ci_low"],
                    "ci_high": st["ci_high"],
                    "level": level,
                    "same_sign_share": st["same_sign_share"],
                    "note": "; ".join(notes),
                    **values,
                }
            )
    if not rows:
        raise CompareError(
            f"nothing to compare: every point matches the baseline {spec_label(spec)}; "
            "name another with --baseline KEY=VALUE"
        )
    return pd.DataFrame(rows, columns=[*RESULT_COLUMNS, *design])


def default_outcomes(df: pd.DataFrame) -> list[str]:
    """``sim.recording.OUTCOMES`` plus ``exit_rate``, those present in ``df``.

    Args:
        df: Summary rows.

    Returns:
        Outcome column names in the order of ``OUTCOMES``.
    """
    return [o for o in (*OUTCOMES, "exit_rate") if o in df.columns]


# --------------------------------------------------------------------------- printing

# the column headings of the printed table
HEADINGS = {
    "outcome": N_("outcome"),
    "baseline": N_("baseline"),
    "point": N_("point"),
    "difference": N_("difference"),
    "pct": N_("change %"),
    "interval": N_("{level}% interval"),
    "same": N_("same sign"),
}


def _num(x: float, lang: str, width: int = 11) -> str:
    """A number in ``width`` characters: 4 significant digits, never an exponent.

    Large numbers are rounded to 4 significant digits and grouped (bokmål "37 190 000",
    English "37,190,000"); small ones get up to 6 decimals; "–" for NaN.
    """
    if x is None or not np.isfinite(x) or x == 0:
        return format_number(x, lang, 4, group=False).rjust(width)
    magnitude = int(np.floor(np.log10(abs(x))))
    fraction = min(6, max(0, 3 - magnitude))
    rounded = round(float(x), 3 - magnitude) if magnitude > 3 else float(x)
    return format_number(rounded, lang, fraction=fraction).rjust(width)


def format_table(result: pd.DataFrame, lang: str = "nb") -> str:
    """The comparison as printed text, one block per design point.

    Args:
        result: The output of :func:`compare`.
        lang: "nb" (bokmål) or "en".

    Returns:
        The table as a string (no trailing newline).
    """
    h = {key: _(msgid, lang) for key, msgid in HEADINGS.items()}
    level = format_number(100 * float(result["level"].iloc[0]), lang, 6)
    n_points = result["point"].nunique()
    lines = [
        ngettext(
            "navsim-compare: {n} point vs the baseline, paired by replicate (common random "
            "numbers), {level}% intervals, last summary window",
            "navsim-compare: {n} points vs the baseline, paired by replicate (common random "
            "numbers), {level}% intervals, last summary window",
            n_points,
            lang,
        ).format(n=n_points, level=level)
    ]
    interval = h["interval"].format(level=level)
    header = (
        f"{h['outcome']:40s} {h['baseline']:>11s} {h['point']:>11s} {h['difference']:>11s} "
        f"{h['pct']:>9s} {interval:>25s} {h['same']:>13s}"
    )
    any_nan = False
    for (point, base), block in result.groupby(["point", "baseline"], sort=False):
        n = block["n"].max()
        heading = ngettext(
            "{point}  vs baseline {baseline}  (n = {n} pair)",
            "{point}  vs baseline {baseline}  (n = {n} pairs)",
            n,
            lang,
        )
        lines += ["", heading.format(point=point, baseline=base, n=n), header]
        for r in block.itertuples(index=False):
            any_nan |= bool(np.isnan(r.ci_low))
            ci = _("[{low}, {high}]", lang).format(
                low=_num(r.ci_low, lang).strip(), high=_num(r.ci_high, lang).strip()
            )
            pct = format_number(r.difference_pct, lang, fraction=2, group=False)
            same = format_percent(100 * r.same_sign_share, lang, fraction=0, group=False)
            lines.append(
                f"{label(r.outcome, lang)[:40]:40s} {_num(r.baseline_mean, lang)} "
                f"{_num(r.point_mean, lang)} {_num(r.difference, lang)} {pct:>9s} {ci:>25s} "
                f"{same:>13s}"
            )
        unpaired = block["note"].str.extract(r"(\d+) replication", expand=False).dropna()
        if len(unpaired):
            k = int(unpaired.iloc[0])
            lines.append(
                ngettext(
                    "({n} replication without a partner left out)",
                    "({n} replications without a partner left out)",
                    k,
                    lang,
                ).format(n=k)
            )
    if any_nan:
        lines += ["", _("–: no interval with fewer than 2 pairs", lang)]
    return "\n".join(lines)


# --------------------------------------------------------------------------- command


def parse_assignments(items: Sequence[str]) -> dict[str, str]:
    """``["key=value", ...]`` as a dict (values stay strings).

    Args:
        items: Assignments as given on the command line.

    Returns:
        Key -> value.

    Raises:
        CompareError: If an item has no ``=``.
    """
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CompareError(f"--baseline {item!r}: expected KEY=VALUE")
        out[key.strip()] = value.strip()
    return out


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser of ``navsim-compare``.

    Returns:
        An ``argparse`` parser.
    """
    p = OneLineParser(
        prog="navsim-compare",
        description="Each outcome's difference from the baseline, paired by replicate "
        "(common random numbers), with intervals, over the summary window.",
    )
    p.add_argument("dir", type=Path, help="a multirun directory (hydra.sweep.dir)")
    p.add_argument(
        "--baseline",
        nargs="+",
        action="extend",
        default=[],
        metavar="KEY=VALUE",
        help="the baseline point (default: scenario=baseline, else the schema defaults)",
    )
    p.add_argument("--outcomes", help="comma-separated outcome columns (default: all)")
    p.add_argument("--level", type=float, default=0.90, help="interval coverage (0.9)")
    p.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0], help="printed language")
    p.add_argument("--out", type=Path, help="CSV file (default DIR/compare.csv)")
    p.add_argument(DEBUG_FLAG, action="store_true", help="show the traceback of an error")
    return p


def run_compare(args: argparse.Namespace) -> pd.DataFrame:
    """Load, compare, print and write the CSV for parsed arguments.

    Args:
        args: Parsed arguments of :func:`build_parser`.

    Returns:
        The comparison table.
    """
    out = args.out or Path(args.dir) / "compare.csv"
    if args.out is not None or Path(args.dir).is_dir():
        check_output(out, "--out" if args.out else "the table")
    damaged: list[str] = []
    df = load_summaries(args.dir, damaged)
    say_left_out("navsim-compare", damaged)
    outcomes = None
    if args.outcomes:
        outcomes = [o.strip() for o in args.outcomes.split(",") if o.strip()]
    baseline = parse_assignments(args.baseline) if args.baseline else None
    result = compare(df, baseline=baseline, outcomes=outcomes, level=args.level)
    out.parent.mkdir(parents=True, exist_ok=True)
    result.to_csv(out, index=False)
    print(format_table(result, args.lang))
    print("\n" + _("table written to {path}", args.lang).format(path=out))
    return result


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point ``navsim-compare``; bad input exits 2 with one line.

    Args:
        argv: Arguments (``sys.argv[1:]`` when None).
    """
    args = build_parser().parse_args(argv)
    with guard("navsim-compare", args.debug):
        run_compare(args)


if __name__ == "__main__":
    main()
