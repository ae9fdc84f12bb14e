"""One replication: its seed, its run, its tables, its summary row and its ``run.json``.

``run_replication(cfg, k, out_dir)`` is a plain function (no Hydra): replicate k of
any design point uses ``SeedSequence(cfg.seed).spawn(N)[k]``, so replicates pair
across scenarios and one replication can be re-run alone with the same bytes. The
tables are written atomically (``experiments.atomic``) and ``run.json`` last; it
records each table file's size and sha256, so a directory whose ``run.json`` holds the
``run_id`` and whose files all match it is complete (``is_complete``), and a truncated,
garbled or missing file makes the replication run again.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import platform
import subprocess
import time
from collections.abc import Mapping
from enum import Enum
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from experiments.atomic import table_bytes, write_bytes_atomic
from experiments.posterior import DRAW, PARAMETERS, apply_draw
from sim import NavPartnershipModel
from sim.config import ModelConfig, iter_parameters, normalise
from sim.recording import OUTCOMES, RECORDED_TABLES

TABLES = (*RECORDED_TABLES, "summary")


def to_plain(obj: Any) -> Any:
    """A JSON-ready copy of a (nested) config dataclass: enums by value."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, dict):
        return {str(k): to_plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_plain(v) for v in obj]
    return obj


def model_config(cfg: Any) -> ModelConfig:
    """The ModelConfig part of a RunConfig (drops the execution settings)."""
    kwargs = {f.name: getattr(cfg, f.name) for f in dataclasses.fields(ModelConfig)}
    return normalise(ModelConfig(**kwargs))


def replicate_config(cfg: Any, replicate: int) -> tuple[ModelConfig, dict | None]:
    """The model config replicate k runs: with its posterior draw set, if ``posterior`` is.

    Returns:
        The config and the draw's record (``experiments.posterior.apply_draw``).
    """
    return apply_draw(model_config(cfg), cfg, replicate)


def make_run_id(cfg: Any, replicate: int) -> str:
    """Deterministic id: a hash of the resolved config (no paths, no workers) and replicate.

    With posterior draws, the config hashed is the one replicate k runs (its draw set).
    """
    plain = to_plain(replicate_config(cfg, replicate)[0])
    plain["seed"] = cfg.seed
    text = json.dumps(plain, sort_keys=True) + f"|{replicate}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@functools.cache
def versions() -> dict[str, str]:
    """Versions of Python and the packages a result depends on."""
    out = {"python": platform.python_version()}
    for pkg in ("navsim", "mesa", "numpy", "pandas", "networkx", "pyarrow", "hydra-core"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


@functools.cache
def git_commit() -> str:
    """The commit of the source tree, or "unknown" outside a git checkout."""
    here = Path(__file__).resolve().parent
    try:
        res = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=here,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return res.stdout.strip() if res.returncode == 0 else "unknown"


def file_record(data: bytes) -> dict[str, Any]:
    """What ``run.json`` records of a file it lists: its size and its sha256.

    Args:
        data: The file's bytes.

    Returns:
        ``{"bytes": ..., "sha256": ...}``.
    """
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def file_matches(path: Path, record: Mapping[str, Any]) -> bool:
    """Whether a file exists with the size and sha256 that ``run.json`` recorded.

    Args:
        path: The file.
        record: From ``file_record`` (as read back from ``run.json``).

    Returns:
        False for a missing, truncated, extended or garbled file.
    """
    try:
        if path.stat().st_size != record["bytes"]:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == record["sha256"]
    except (OSError, KeyError, TypeError):
        return False


def damaged_files(out_dir: Path) -> list[str]:
    """The files of a replication that do not match its ``run.json``.

    Args:
        out_dir: The replication's directory.

    Returns:
        The names of the files listed in ``run.json`` that are missing, truncated,
        extended or garbled; ``["run.json"]`` if ``run.json`` cannot be read or lists no
        files (written before files were recorded); empty if all is well.
    """
    out_dir = Path(out_dir)
    try:
        files = json.loads((out_dir / "run.json").read_text())["files"]
        if not files:
            return ["run.json"]
        return [
            name
            for name, record in files.items()
            if not (Path(name).name == name and file_matches(out_dir / name, record))
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return ["run.json"]


def damage_reason(name: str) -> str:
    """Why a file that ``damaged_files`` names is not trusted, in words."""
    if name == "run.json":
        return "cannot be read or lists no files"
    return "does not match its run.json"


def recorded_run_id(out_dir: Path) -> str | None:
    """The ``run_id`` a replication's ``run.json`` holds, or None if it cannot be read."""
    try:
        return str(json.loads((Path(out_dir) / "run.json").read_text())["run_id"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_complete(out_dir: Path, run_id: str) -> bool:
    """Whether a replication is complete on disk and undamaged.

    Its ``run.json`` (written last) holds ``run_id`` and a ``files`` mapping, and every
    file listed there exists with the recorded size and sha256 (``damaged_files``). A
    ``run.json`` without ``files`` (written before files were recorded) is not trusted.

    Args:
        out_dir: The replication's directory.
        run_id: The expected ``run_id``.

    Returns:
        True if it need not (and must not) be run again.
    """
    return recorded_run_id(out_dir) == run_id and not damaged_files(out_dir)


def replicate_seed(seed: int, replicate: int) -> np.random.SeedSequence:
    """The seed of replicate k: ``SeedSequence(seed).spawn(...)[k]`` (spawn key ``(k,)``).

    Args:
        seed: The master seed.
        replicate: Index k.

    Returns:
        The spawned SeedSequence; the same whatever the number of replications.
    """
    return np.random.SeedSequence(seed).spawn(replicate + 1)[replicate]


def window_mean(x: np.ndarray) -> float:
    """The mean of the values that are not NaN (NaN if none), as ``pandas.Series.mean``.

    Computed as pandas does (NaN set to 0, summed in float64, divided by the count), so
    the summary has the same bits as a pandas mean of the same column.
    """
    x = np.asarray(x, dtype=float)
    missing = np.isnan(x)
    count = x.size - int(missing.sum())
    return float(np.where(missing, 0.0, x).sum() / count) if count else float("nan")


def summary_row(model: Mapping[str, Any], window: int, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters and each outcome over the last ``window`` recorded months.

    Args:
        model: The ``model`` table's columns (``Recorder.columns("model")``, or a DataFrame).
        window: Months in the summary window.
        params: Identifying columns and parameters.

    Returns:
        The summary row, plain Python values.
    """
    month = np.asarray(model["month"])
    last = month > month.max() - window
    row = dict(params)
    for c in OUTCOMES:
        row[c] = window_mean(np.asarray(model[c])[last]) if c in model else float("nan")
    n_users = np.maximum(np.asarray(model["n_users"])[last], 1)
    row["exit_rate"] = window_mean(np.asarray(model["exits_to_work"])[last] / n_users)
    return row


def summary_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Summary rows as an Arrow table (one row: a replication's ``summary.parquet``).

    Built in Arrow directly: cheaper than going through pandas for ~250 columns; read
    back with pandas it gives the same columns and dtypes.

    Args:
        rows: Rows from ``summary_row``.

    Returns:
        The table.
    """
    return pa.Table.from_pylist(rows)


def summary_bytes(row: dict[str, Any]) -> bytes:
    """``summary.parquet`` of one replication (``summary_table``, uncompressed).

    Args:
        row: From ``summary_row``.

    Returns:
        The parquet file's bytes.
    """
    buf = io.BytesIO()
    # ~250 columns of one row: no compression and no dictionary pages, which only cost
    pq.write_table(summary_table([row]), buf, compression="none", use_dictionary=False)
    return buf.getvalue()


def identified_table(columns: dict[str, np.ndarray], run_id: str, replicate: int) -> pa.Table:
    """A recorded table as Arrow, ``run_id`` and ``replicate`` first (DESIGN §6).

    Built from the recorder's numpy columns directly (no pandas): text columns become
    Arrow strings, every other column keeps its numpy type.

    Args:
        columns: From ``Recorder.columns``.
        run_id: The replication's id.
        replicate: Its index k.

    Returns:
        The table to write.
    """
    n = len(next(iter(columns.values()))) if columns else 0
    arrays = {
        "run_id": pa.array([run_id] * n, pa.string()),
        "replicate": pa.array(np.full(n, replicate, dtype=np.int64)),
    }
    for name, x in columns.items():
        arrays[name] = pa.array(x, pa.string()) if x.dtype == object else pa.array(x)
    return pa.table(arrays)


def run_replication(cfg: Any, replicate: int, out_dir: Path, progress: bool = False) -> dict:
    """Run one replication and write its tables and ``run.json`` into ``out_dir``.

    The tables are those ``model.recorder.columns`` gives plus ``summary``; each is
    written atomically, and ``run.json`` last with each file's size and sha256, so a
    directory whose ``run.json`` holds the ``run_id`` and whose files match it is
    complete (``is_complete``).

    Args:
        cfg: A RunConfig (or any object with ModelConfig fields plus ``seed``).
        replicate: Index k of the replication.
        out_dir: Directory for the tables.
        progress: Show a progress bar over months.

    Returns:
        The summary row as a dict.
    """
    t0 = time.perf_counter()
    out_dir = Path(out_dir)
    seed_seq = replicate_seed(cfg.seed, replicate)
    mcfg, draw = replicate_config(cfg, replicate)
    model = NavPartnershipModel(mcfg, rng=seed_seq)
    total = mcfg.burn_in + mcfg.months
    with tqdm(
        total=total, disable=not progress, desc=f"replicate {replicate}", unit="month", leave=False
    ) as bar:
        model.run(progress=bar.update)
    run_id = make_run_id(cfg, replicate)
    ident = {"run_id": run_id, "replicate": replicate}
    outputs = list(getattr(cfg, "outputs", RECORDED_TABLES))
    model_columns = model.recorder.columns("model")
    gov = to_plain(mcfg.governance)
    params = {
        **ident,
        "seed_entropy": str(seed_seq.entropy),
        "spawn_key": str(list(seed_seq.spawn_key)),
        "region": mcfg.region.name,
        "structure": str(mcfg.structure),
        "scenario": "+".join(map(str, mcfg.scenario.name)),
        "months": mcfg.months,
        **{
            f"governance.{k}": (v if not isinstance(v, list) else "+".join(v))
            for k, v in gov.items()
        },
    }
    params.update({key: value for key, value, _ in iter_parameters(mcfg)})
    params.update({f"mechanisms.{k}": v for k, v in to_plain(mcfg.mechanisms).items()})
    if draw is not None:
        params.update({DRAW: draw["draw"], PARAMETERS: "+".join(draw["values"])})
    row = summary_row(model_columns, mcfg.summary_window, params)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {}  # file name -> its size and sha256, recorded in run.json
    for name in outputs:
        columns = model_columns if name == "model" else model.recorder.columns(name)
        data = table_bytes(identified_table(columns, run_id, replicate))
        write_bytes_atomic(data, out_dir / f"{name}.parquet")
        files[f"{name}.parquet"] = file_record(data)
    data = summary_bytes(row)
    write_bytes_atomic(data, out_dir / "summary.parquet")
    files["summary.parquet"] = file_record(data)
    info = {
        **ident,
        "seed": cfg.seed,
        "seed_entropy": str(seed_seq.entropy),
        "spawn_key": list(seed_seq.spawn_key),
        "tables": [*outputs, "summary"],
        "files": files,
        "config": to_plain(mcfg),
        "versions": versions(),
        "git_commit": git_commit(),
        **({"posterior": draw} if draw is not None else {}),
        "wall_time_s": round(time.perf_counter() - t0, 3),
        "counts": {
            "offices": model.n_offices,
            "municipalities": len(model.municipalities),
            "staff": len(model.staff.office),
            "users": len(model.users),
            "months": mcfg.months,
            "burn_in": mcfg.burn_in,
        },
    }
    text = json.dumps(info, indent=2, ensure_ascii=False)
    write_bytes_atomic(text.encode(), out_dir / "run.json")  # last: marks the run complete
    return row
