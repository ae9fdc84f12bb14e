"""Results on disk as DataFrames: a run, a multirun, a design or a collected dataset.

:func:`load_results` reads whatever ``PATH`` holds into one :class:`Results`: the
summary rows (one per replication, as ``navsim-compare`` reads them), the recorded
tables of every replication with its ``run_id``, each run's ``run.json``, and a
design's ``design.json`` and ``indices.parquet``. Each replication gets the label of
its design point (the settings that vary between the points, e.g. ``host_office``),
so plots can group by it. Plain pandas; no Hydra, no matplotlib.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from experiments.collect import COLLECTED, find_runs
from experiments.compare import (
    CompareError,
    default_baseline,
    design_columns,
    load_summaries,
    rows_matching,
    spec_label,
)
from experiments.errors import UserError

# Per-municipality measures of the municipality view (municipalities.parquet).
MUNICIPALITY_MEASURES = (
    "n_users",
    "exits_to_work",
    "social_assistance_cost",
    "host_cost_share",
    "radmann_satisfaction",
    "ordforer_satisfaction",
    "radmann_influence",
    "ordforer_influence",
)
# Columns read from the recorded tables (all of model.parquet is read).
MUNICIPALITY_COLUMNS = (
    "run_id",
    "replicate",
    "month",
    "municipality_id",
    "name",
    "office_id",
    "population",
    *MUNICIPALITY_MEASURES,
)
OFFICE_COLUMNS = (
    "run_id",
    "replicate",
    "month",
    "office_id",
    "n_staff",
    "population",
    "n_municipalities",
    "trust_owners",
    "in_transition",
    "transition_months",
)
TABLES = ("model", "municipalities", "offices", "offices_lineage")
# Scenarios whose event changes the office map.
STRUCTURAL = ("host_office", "municipal_merger", "regionalisation")
# More design points than this: the time series pool them (a design has dozens).
MAX_GROUPS = 8


class ReportError(UserError):
    """A path that holds no results a report can be made from; the message says why."""


@dataclass
class Results:
    """Everything a report reads, as DataFrames.

    Attributes:
        root: The path given.
        kind: "run", "multirun", "design" or "collected".
        summary: One row per replication (``job``, ``run_id``, ``replicate``, settings,
            outcomes) plus ``label`` (its design point).
        tables: Table name -> rows of every replication, with ``run_id`` and ``label``.
        runs: run_id -> the replication's ``run.json`` (empty for a collected dataset).
        design: ``design.json`` of a design, else None.
        indices: ``indices.parquet`` of a design, else None.
        signs: ``signs.parquet`` of a paired design (``navsim-design --versus``), else None.
        decompositions: ``navsim-decompose`` results at or directly below the path:
            (directory name, ``decomposition.json``, ``decomposition.parquet``).
        factors: The settings that vary between the design points.
        baseline: The label of the baseline point, or None (no or ambiguous baseline).
        overrides: Job -> its Hydra overrides (a multirun).
        damaged: The damaged files left out ("<path>: <why>").
    """

    root: Path
    kind: str
    summary: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)
    design: dict[str, Any] | None = None
    indices: pd.DataFrame | None = None
    signs: pd.DataFrame | None = None
    decompositions: list[tuple[str, dict[str, Any], pd.DataFrame]] = field(default_factory=list)
    factors: list[str] = field(default_factory=list)
    baseline: str | None = None
    overrides: dict[str, list[str]] = field(default_factory=dict)
    damaged: list[str] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        """The design points' labels, the baseline first."""
        labels = list(dict.fromkeys(self.summary["label"]))
        if self.baseline in labels:
            labels.remove(self.baseline)
            labels.insert(0, self.baseline)
        return labels

    def events(self, label: str) -> list[tuple[int, str]]:
        """The scenario events of a design point: (month, scenario name), by month.

        Args:
            label: A design point's label.

        Returns:
            One entry per scenario other than ``baseline``, at ``scenario.month``.
        """
        rows = self.summary[self.summary["label"] == label]
        if rows.empty or "scenario" not in rows:
            return []
        names = [n for n in str(rows["scenario"].iloc[0]).split("+") if n and n != "baseline"]
        month = rows["scenario.month"].iloc[0] if "scenario.month" in rows else np.nan
        if pd.isna(month):
            return []
        return [(int(month), n) for n in names]

    def structural_labels(self) -> list[str]:
        """Design points whose office map changes (a lineage row in their runs)."""
        lineage = self.tables.get("offices_lineage", pd.DataFrame())
        if lineage.empty:
            return []
        found = set(lineage["label"])
        return [lab for lab in self.labels if lab in found]


def point_label(values: dict[str, Any], factors: list[str]) -> str:
    """A design point's label: the scenario alone when only it varies, else ``k=v`` pairs."""
    if factors == ["scenario"]:
        return str(values["scenario"])
    return spec_label({k: values[k] for k in factors})


def _labelled_summary(summary: pd.DataFrame) -> tuple[pd.DataFrame, list[str], str | None]:
    """The summary with a ``label`` column, the factors and the baseline's label."""
    factors = design_columns(summary)
    if factors:
        labels = [point_label(r, factors) for r in summary[factors].to_dict("records")]
    else:
        labels = [str(summary["scenario"].iloc[0]) if "scenario" in summary else "run"] * len(
            summary
        )
    summary = summary.assign(label=labels)
    baseline = None
    if factors:
        try:
            spec = default_baseline(summary, factors)
        except CompareError:
            spec = None
        if spec is not None:
            found = summary.loc[rows_matching(summary, spec), "label"].unique()
            baseline = str(found[0]) if len(found) == 1 else None
    return summary, factors, baseline


def _read_parts(path: Path, columns: tuple[str, ...] | None, damaged: list[str]) -> pd.DataFrame:
    """A collected dataset, its parts read one by one; a part that cannot be read is named.

    One by one, because a setting that is empty in one job and text in another gives
    the parts different schemas. A damaged part is appended to ``damaged`` and left out.
    """
    frames = []
    for f in sorted(path.glob("job=*/*.parquet")):
        try:
            df = _read(f, columns)
        except Exception as err:  # noqa: BLE001 - a truncated or foreign file: name it
            damaged.append(f"{f}: cannot be read ({type(err).__name__})")
            continue
        frames.append(df.assign(job=f.parent.name.removeprefix("job=")))
    if not frames:
        raise ReportError(f"{path}: no part of this collected table can be read")
    return pd.concat(frames, ignore_index=True)


def _read(path: Path, columns: tuple[str, ...] | None) -> pd.DataFrame:
    """One parquet table, only the wanted columns that exist."""
    if columns is None:
        return pd.read_parquet(path)
    import pyarrow.parquet as pq

    names = pq.read_schema(path).names
    return pd.read_parquet(path, columns=[c for c in columns if c in names])


def _columns(table: str) -> tuple[str, ...] | None:
    return {"municipalities": MUNICIPALITY_COLUMNS, "offices": OFFICE_COLUMNS}.get(table)


def _collected_dir(root: Path) -> Path | None:
    """The collected dataset at or below ``root`` (``navsim-collect``), if any."""
    for d in (root, root / COLLECTED):
        if (d / "summary").is_dir() and (d / "model").is_dir():
            return d
    return None


def _design_files(root: Path) -> tuple[dict | None, pd.DataFrame | None, pd.DataFrame | None]:
    """The design files at ``root``, or of the first design directly below it.

    A question's sensitivity design is kept beside its multirun, e.g.
    ``outputs/<experiment>/sensitivity/``.

    Returns:
        ``design.json``, ``indices.parquet`` and ``signs.parquet`` (None where absent).
    """
    dirs = [root] if (root / "design.json").is_file() else []
    if not dirs and root.is_dir():
        dirs = sorted(p for p in root.iterdir() if (p / "design.json").is_file())
    if not dirs:
        return None, None, None
    d = dirs[0]
    design = json.loads((d / "design.json").read_text())
    indices = pd.read_parquet(d / "indices.parquet") if (d / "indices.parquet").is_file() else None
    signs = pd.read_parquet(d / "signs.parquet") if (d / "signs.parquet").is_file() else None
    return design, indices, signs


def load_results(path: Path | str, progress: bool = False) -> Results:
    """Read a run, a multirun, a design or a collected dataset.

    Args:
        path: The directory ``navsim``, ``navsim -m``, ``navsim-design`` or
            ``navsim-collect`` wrote.
        progress: Show a progress bar over the runs read.

    Returns:
        The results.

    Raises:
        ReportError: If ``path`` does not exist or holds no results.
    """
    from tqdm import tqdm

    root = Path(path)
    if not root.is_dir():
        raise ReportError(f"{root}: no such directory")
    damaged: list[str] = []
    jobs = find_runs(root, damaged)
    collected = _collected_dir(root)
    if not jobs and collected is None:
        raise ReportError(
            f"{root}: no results (no run.json of a navsim run and no collected dataset below "
            "it); run e.g. `navsim -m experiment=demo` and give its output directory"
        )
    runs: dict[str, dict[str, Any]] = {}
    frames: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    if jobs:
        kind = "design" if (root / "design.json").is_file() else "run"
        summary = load_summaries(root, damaged)
        run_dirs = [d for dirs in jobs.values() for d in dirs]
        if kind == "run" and len(jobs) > 1:
            kind = "multirun"
        for d in tqdm(run_dirs, disable=not progress, desc="read", unit="run"):
            info = json.loads((d / "run.json").read_text())
            runs[info["run_id"]] = {**info, "dir": str(d)}
            for t in TABLES:
                f = d / f"{t}.parquet"
                if f.is_file():
                    df = _read(f, _columns(t))
                    if "run_id" not in df:
                        df = df.assign(run_id=info["run_id"], replicate=info["replicate"])
                    frames[t].append(df)
    else:
        kind = "collected"
        summary = _read_parts(collected / "summary", None, damaged)
        for t in TABLES:
            if (collected / t).is_dir():
                frames[t].append(_read_parts(collected / t, _columns(t), damaged))
    summary, factors, baseline = _labelled_summary(summary.reset_index(drop=True))
    label_of = dict(zip(summary["run_id"], summary["label"], strict=True))
    tables = {}
    for t, parts in frames.items():
        df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        if not df.empty:
            df = df.drop(columns=[c for c in ("job",) if c in df.columns])
            df["label"] = df["run_id"].map(label_of)
            df = df[df["label"].notna()].reset_index(drop=True)
        tables[t] = df
    design, indices, signs = _design_files(root)
    decompositions = [
        (d.name, json.loads((d / "decomposition.json").read_text()), pd.read_parquet(f))
        for d in [root, *sorted(p for p in root.iterdir() if p.is_dir())]
        if (f := d / "decomposition.parquet").is_file() and (d / "decomposition.json").is_file()
    ]
    overrides = {}
    for job in jobs:
        f = root / job / ".hydra" / "overrides.yaml"
        if f.is_file():
            import yaml

            overrides[job] = [str(x) for x in yaml.safe_load(f.read_text()) or []]
    return Results(
        root=root,
        kind=kind,
        summary=summary,
        tables=tables,
        runs=runs,
        design=design,
        indices=indices,
        signs=signs,
        decompositions=decompositions,
        factors=factors,
        baseline=baseline,
        overrides=overrides,
        damaged=list(dict.fromkeys(damaged)),
    )


def complex_exit_rate(model: pd.DataFrame, window: int) -> pd.Series:
    """Exits to work per complex-needs user and month over the last ``window`` months, per run.

    The same rule as the summary's ``exit_rate`` (``experiments.replication.summary_row``),
    for the users with complex needs (those a channel strategy reaches least).

    Args:
        model: The ``model`` table of several runs (``run_id``, ``month``).
        window: Months of the summary window.

    Returns:
        run_id -> the rate.
    """
    if model.empty or "exits_to_work_complex" not in model:
        return pd.Series(dtype=float)
    last = model[model["month"] > model.groupby("run_id")["month"].transform("max") - window]
    rate = last["exits_to_work_complex"] / last["n_users_complex"].clip(lower=1)
    return rate.groupby(last["run_id"]).mean()
