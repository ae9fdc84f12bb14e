"""Check an office-sources CSV (data-raw/office_sources_<map>.csv) against the 357 ids.

Usage: python3 data-raw/check_office_sources.py data-raw/office_sources_2019.csv

Checks: columns; ids known; parts well formed (``NNNN/Name``); host is the first member;
county_id matches the host's county; no municipality or part in two rows; a municipality is
not listed both whole and as parts. Prints coverage. Stdlib only.
"""

import csv
import sys
from pathlib import Path

COLUMNS = ["office", "county_id", "host", "members", "source", "source_date", "confidence", "note"]
MUNICIPALITIES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "municipalities_2025.csv"


def load_ids(path):
    """Return {municipality_id: county_id} from the municipality table."""
    with open(path, encoding="utf-8", newline="") as f:
        return {r["municipality_id"]: r["county_id"] for r in csv.DictReader(f)}


def check(path, ids):
    """Return (errors, whole, parts) for one office-sources file."""
    errors, seen, whole, parts = [], {}, set(), {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            errors.append(f"columns {reader.fieldnames} != {COLUMNS}")
        for n, row in enumerate(reader, start=2):
            members = row["members"].split()
            if not members or members[0] != row["host"]:
                errors.append(f"line {n}: host {row['host']!r} is not the first member")
            if row["confidence"] not in ("stated", "inferred"):
                errors.append(f"line {n}: confidence {row['confidence']!r}")
            for m in members:
                mid, _, part = m.partition("/")
                if mid not in ids:
                    errors.append(f"line {n}: unknown id {mid!r}")
                    continue
                if "/" in m and not part:
                    errors.append(f"line {n}: empty part in {m!r}")
                if m in seen:
                    errors.append(f"line {n}: {m} already in line {seen[m]}")
                seen[m] = n
                (parts.setdefault(mid, set()).add(part) if part else whole.add(mid))
            hid = row["host"].partition("/")[0]
            if hid in ids and ids[hid] != row["county_id"]:
                errors.append(f"line {n}: county_id {row['county_id']} but host in {ids[hid]}")
    for mid in whole & set(parts):
        errors.append(f"{mid} listed whole and as parts {sorted(parts[mid])}")
    return errors, whole, parts


def main():
    """Check the file named on the command line and print coverage."""
    ids = load_ids(MUNICIPALITIES)
    errors, whole, parts = check(sys.argv[1], ids)
    for e in errors:
        print("ERROR", e)
    print(f"municipalities whole: {len(whole)}; with parts: {len(parts)} "
          f"({sum(len(p) for p in parts.values())} parts); covered: {len(whole | set(parts))} of {len(ids)}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
