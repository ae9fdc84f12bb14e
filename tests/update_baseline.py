"""Rewrite the regression baseline ``tests/baseline/agder_seed1.json``.

Run from the repository root after an intended change of model behaviour::

    .venv/bin/python tests/update_baseline.py

and commit the new file together with the change (``git diff tests/baseline`` shows
what moved). ``tests/test_baseline.py`` compares a fresh run with this file.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # also works without an editable install
    sys.path.insert(0, str(ROOT))

from sim import ModelConfig, NavPartnershipModel  # noqa: E402

BASELINE = Path(__file__).resolve().parent / "baseline" / "agder_seed1.json"
SEED = 1
MONTHS = 36
BURN_IN = 12
EVERY = 6
SIGNIFICANT = 10
COLUMNS = (
    "n_users",
    "n_waiting",
    "inflow",
    "exits_to_work",
    "exits_to_education",
    "exits_other",
    "starts",
    "mean_wait_months",
    "social_assistance_cost",
    "n_staff_state",
    "n_staff_municipal",
    "leavers",
    "moves_to_state",
    "trust_owners",
    "trust_leader_state",
    "trust_leader_municipal",
    "perceived_state_dominance",
    "cooperation_quality",
    "external_cooperation",
    "cross_work_share",
    "team_satisfaction",
    "leader_dev_capacity",
    "employer_goodwill",
    "internal_cooperation",
)


def round_sig(x: float) -> float | None:
    """Round to ``SIGNIFICANT`` significant digits; NaN becomes None (JSON null)."""
    x = float(x)
    if math.isnan(x):
        return None
    return float(f"{x:.{SIGNIFICANT}g}")


def compute() -> dict:
    """Run the fixed baseline (Agder, 36 months, burn-in 12, seed 1) and pick its numbers."""
    cfg = ModelConfig(months=MONTHS, burn_in=BURN_IN)
    # the seed the runner gives replicate 0 (experiments/replication.py)
    model = NavPartnershipModel(cfg, rng=np.random.SeedSequence(SEED).spawn(1)[0])
    model.run()
    df = model.recorder.tables()["model"]
    df = df[df.month % EVERY == 0].sort_values("month")
    return {
        "description": (
            "Agder, months=36, burn_in=12, SeedSequence(1).spawn(1)[0]; model table every "
            "6th month; written by tests/update_baseline.py"
        ),
        "config": {"region": "agder", "months": MONTHS, "burn_in": BURN_IN, "seed": SEED},
        "months": [int(m) for m in df.month],
        "columns": {c: [round_sig(v) for v in df[c]] for c in COLUMNS},
        "exit_counts": [[int(v) for v in row] for row in model.exit_counts],
    }


def main() -> None:
    """Write the baseline file."""
    data = compute()
    BASELINE.parent.mkdir(parents=True, exist_ok=True)
    BASELINE.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {BASELINE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
