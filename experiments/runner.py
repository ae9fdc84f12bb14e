"""Run replications of one configuration and write the tables of DESIGN §6.

``run(cfg, out_dir)`` is a plain function (no Hydra): replicate k of any design
point uses ``SeedSequence(cfg.seed).spawn(N)[k]``, so replicates pair across
scenarios and one replication can be re-run alone with the same bytes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from enum import Enum
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from sim import NavPartnershipModel
from sim.config import ModelConfig, iter_parameters
from sim.recording import OUTCOMES

TABLES = ("offices", "municipalities", "actors", "model", "offices_lineage", "summary")


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
    return ModelConfig(**kwargs)


def make_run_id(cfg: Any, replicate: int) -> str:
    """Deterministic id: a hash of the resolved config (no paths, no workers) and replicate."""
    plain = to_plain(model_config(cfg))
    plain["seed"] = cfg.seed
    text = json.dumps(plain, sort_keys=True) + f"|{replicate}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def versions() -> dict[str, str]:
    """Versions of Python and the packages a result depends on."""
    out = {"python": platform.python_version()}
    for pkg in ("navsim", "mesa", "numpy", "pandas", "networkx", "pyarrow", "hydra-core"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


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


def write_atomic(df: pd.DataFrame, path: Path) -> None:
    """Write a parquet file through a temporary file and a rename."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    df.to_parquet(tmp, index=False, compression="zstd")
    os.replace(tmp, path)


def summarise(model_df: pd.DataFrame, window: int, params: dict[str, Any]) -> pd.DataFrame:
    """One row: the parameters and each outcome over the last ``window`` recorded months.

    Args:
        model_df: The ``model`` table.
        window: Months in the summary window.
        params: Identifying columns and parameters.

    Returns:
        A one-row DataFrame.
    """
    last = model_df[model_df.month > model_df.month.max() - window]
    row = dict(params)
    for c in OUTCOMES:
        row[c] = float(last[c].mean()) if c in last else np.nan
    row["exit_rate"] = float((last.exits_to_work / last.n_users.clip(lower=1)).mean())
    return pd.DataFrame([row])


def run_replication(cfg: Any, replicate: int, out_dir: Path, progress: bool = False) -> dict:
    """Run one replication and write its tables and ``run.json`` into ``out_dir``.

    Args:
        cfg: A RunConfig (or any object with ModelConfig fields plus ``seed`` and
            ``replications``).
        replicate: Index k of the replication.
        out_dir: Directory for the tables.
        progress: Show a progress bar over months.

    Returns:
        The summary row as a dict.
    """
    t0 = time.perf_counter()
    seed_seq = np.random.SeedSequence(cfg.seed).spawn(max(cfg.replications, replicate + 1))[
        replicate
    ]
    mcfg = model_config(cfg)
    model = NavPartnershipModel(mcfg, rng=seed_seq)
    total = mcfg.burn_in + mcfg.months
    with tqdm(
        total=total, disable=not progress, desc=f"replicate {replicate}", unit="month", leave=False
    ) as bar:
        model.run(progress=bar.update)
    run_id = make_run_id(cfg, replicate)
    ident = {"run_id": run_id, "replicate": replicate}
    tables = model.recorder.tables()
    gov = to_plain(mcfg.governance)
    params = {
        **ident,
        "seed_entropy": str(seed_seq.entropy),
        "spawn_key": str(list(seed_seq.spawn_key)),
        "region": mcfg.region.name,
        "scenario": "+".join(map(str, mcfg.scenario.name)),
        "months": mcfg.months,
        **{
            f"governance.{k}": (v if not isinstance(v, list) else "+".join(v))
            for k, v in gov.items()
        },
    }
    params.update({key: value for key, value, _ in iter_parameters(mcfg)})
    params.update({f"mechanisms.{k}": v for k, v in to_plain(mcfg.mechanisms).items()})
    tables["summary"] = summarise(tables["model"], mcfg.summary_window, params)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        df = tables[name]
        if name != "summary":
            df.insert(0, "replicate", replicate)
            df.insert(0, "run_id", run_id)
        write_atomic(df, out_dir / f"{name}.parquet")
    info = {
        **ident,
        "seed": cfg.seed,
        "seed_entropy": str(seed_seq.entropy),
        "spawn_key": list(seed_seq.spawn_key),
        "config": to_plain(mcfg),
        "versions": versions(),
        "git_commit": git_commit(),
        "wall_time_s": round(time.perf_counter() - t0, 3),
        "counts": {
            "offices": model.n_offices,
            "municipalities": len(model.municipalities),
            "staff": len(model.staff_office),
            "users": len(model.users),
            "months": mcfg.months,
            "burn_in": mcfg.burn_in,
        },
    }
    tmp = out_dir / "run.json.tmp"
    tmp.write_text(json.dumps(info, indent=2, ensure_ascii=False))
    os.replace(tmp, out_dir / "run.json")
    return tables["summary"].iloc[0].to_dict()


def run(cfg: Any, out_dir: Path | str) -> pd.DataFrame:
    """Run ``cfg.replications`` replications (in ``cfg.workers`` processes).

    With one replication the tables sit in ``out_dir``; with N they sit in
    ``out_dir/rep_<k>/`` (DESIGN §7).

    Args:
        cfg: A RunConfig.
        out_dir: The run directory.

    Returns:
        The summary rows of all replications, ordered by replicate.
    """
    out_dir = Path(out_dir)
    n = cfg.replications
    if n < 1:
        raise ValueError(f"replications={n}: must be at least 1")
    dirs = [out_dir] if n == 1 else [out_dir / f"rep_{k}" for k in range(n)]
    progress = bool(getattr(cfg, "progress", False))
    rows: list[dict] = []
    if cfg.workers <= 1 or n == 1:
        for k, d in enumerate(dirs):
            rows.append(run_replication(cfg, k, d, progress=progress))
    else:
        with ProcessPoolExecutor(
            max_workers=min(cfg.workers, n), mp_context=get_context("spawn")
        ) as pool:
            futures = {pool.submit(run_replication, cfg, k, d): k for k, d in enumerate(dirs)}
            for fut in tqdm(
                as_completed(futures),
                total=n,
                disable=not progress,
                desc="replications",
                unit="run",
            ):
                rows.append(fut.result())
    summary = pd.DataFrame(rows).sort_values("replicate").reset_index(drop=True)
    if n > 1:
        write_atomic(summary, out_dir / "summary.parquet")
    return summary
