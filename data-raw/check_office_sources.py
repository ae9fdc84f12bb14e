"""Check data-raw/office_sources_<map>.csv: ids known, parts well formed, no member twice.

Usage: python3 data-raw/check_office_sources.py data-raw/office_sources_present.csv
Prints offices, multi-municipality offices, municipalities covered and those not covered.
"""

import csv
import sys
from pathlib import Path

MUNI = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "municipalities_2025.csv"
COLUMNS = ["office", "county_id", "host", "members", "source", "source_date", "confidence", "note"]


def main(path: str) -> int:
    """Validate one office-source table and print its coverage."""
    muni_path = MUNI if MUNI.exists() else Path("/work/shared/data/municipalities_2025.csv")
    with open(muni_path, encoding="utf-8") as f:
        muni = {r["municipality_id"]: r for r in csv.DictReader(f)}
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    errors = []
    if rows and list(rows[0].keys()) != COLUMNS:
        errors.append(f"columns {list(rows[0].keys())} != {COLUMNS}")
    seen = {}
    for i, r in enumerate(rows, start=2):
        members = r["members"].split(" ")
        if members[0] != r["host"]:
            errors.append(f"line {i}: host {r['host']} is not the first member")
        for m in members:
            mid, _, part = m.partition("/")
            if mid not in muni:
                errors.append(f"line {i}: unknown id {mid}")
            if "/" in m and not part.strip():
                errors.append(f"line {i}: empty part in {m}")
            if m in seen:
                errors.append(f"line {i}: {m} also in {seen[m]}")
            seen[m] = r["office"]
        if r["confidence"] not in ("stated", "inferred"):
            errors.append(f"line {i}: confidence {r['confidence']}")
        if muni.get(r["host"].split("/")[0], {}).get("county_id") != r["county_id"]:
            errors.append(f"line {i}: county_id {r['county_id']} is not the host's county")
    whole = {m for m in seen if "/" not in m}
    split = {m.split("/")[0] for m in seen if "/" in m}
    errors += [f"{m} listed whole and in parts" for m in sorted(whole & split)]
    covered = whole | split
    multi = sum(1 for r in rows if len(r["members"].split(" ")) > 1 and "/" not in r["host"])
    n_stated = sum(r["confidence"] == "stated" for r in rows)
    print(f"offices {len(rows)}; multi-municipality {multi}")
    n_inferred = len(rows) - n_stated
    print(f"municipalities {len(covered)} of {len(muni)}; stated {n_stated}; inferred {n_inferred}")
    print("not covered:", ", ".join(f"{m} {muni[m]['name']}" for m in sorted(set(muni) - covered)))
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "data-raw/office_sources_present.csv"))
