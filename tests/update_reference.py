"""Rewrite the reference distribution ``tests/reference/agder_20_seeds.json``.

The file holds the main outcomes of 20 seeds of a fixed Agder configuration, measured
before a change that reorders random draws (a performance change, DESIGN §8 / issue
5). ``tests/test_distribution.py`` runs the same 20 seeds with the current code and
tests, outcome by outcome, that the two samples come from the same distribution.
Refresh the file only after an intended change of model behaviour, in a commit that
says why::

    .venv/bin/python tests/update_reference.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # also works without an editable install
    sys.path.insert(0, str(ROOT))

from sim import ModelConfig, NavPartnershipModel  # noqa: E402

REFERENCE = Path(__file__).resolve().parent / "reference" / "agder_20_seeds.json"
SEEDS = range(101, 121)
MONTHS = 48
BURN_IN = 24
WINDOW = 12
OUTCOMES = (
    "n_users",
    "exits_to_work",
    "mean_wait_months",
    "social_assistance_cost",
    "trust_owners",
    "trust_leader_municipal",
    "perceived_state_dominance",
    "cooperation_quality",
    "external_cooperation",
    "cross_work_share",
    "team_satisfaction",
    "staff_turnover",
    "leader_dev_capacity",
    "moves_to_state",
    "internal_cooperation",
)


def outcomes(seed: int) -> dict[str, float]:
    """Each outcome's mean over the last WINDOW months of one run."""
    model = NavPartnershipModel(ModelConfig(months=MONTHS, burn_in=BURN_IN), rng=seed)
    model.run()
    df = model.recorder.tables()["model"]
    last = df[df.month > MONTHS - WINDOW]
    return {c: float(last[c].mean()) for c in OUTCOMES}


def main() -> None:
    """Run the seeds and write the file."""
    rows = [outcomes(s) for s in SEEDS]
    data = {
        "config": {"region": "agder", "months": MONTHS, "burn_in": BURN_IN, "window": WINDOW},
        "seeds": list(SEEDS),
        "outcomes": {c: [r[c] for r in rows] for c in OUTCOMES},
    }
    REFERENCE.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {REFERENCE}")


if __name__ == "__main__":
    main()
