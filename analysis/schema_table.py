"""Markdown tables of the governance rules and parameters, generated from ``sim.config``.

The tables are the "Parameter table" section of ``docs/ODD.md`` (between the markers
``<!-- schema-table:start -->`` and ``<!-- schema-table:end -->``);
``tests/test_docs.py`` fails when they drift from the schema. Usage::

    python -m analysis.schema_table          # print the tables
    python -m analysis.schema_table --write  # replace them in docs/ODD.md

Four tables: (1) the governance rules (DESIGN §4) with their allowed values, default
and source; the scenarios (DESIGN §5) with the settings each reads; (2) every numeric
parameter of ``iter_parameters()`` with default, bounds,
unit, sweep range and source; (3) every other field with metadata in a dataclass group
of ``ModelConfig`` (e.g. scenario settings), found generically so new groups appear
without changes here.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from enum import Enum
from pathlib import Path
from typing import Any

from sim.config import (
    SCENARIO_INPUTS,
    GovernanceConfig,
    ModelConfig,
    allowed_values,
    field_type,
    iter_parameters,
)

START = "<!-- schema-table:start -->"
END = "<!-- schema-table:end -->"
ODD_PATH = Path(__file__).resolve().parents[1] / "docs" / "ODD.md"


def fmt(value: Any) -> str:
    """A value as it is written in a config file."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    if value is None:
        return ""
    return str(value)


def cell(text: Any) -> str:
    """Escape a table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(header: list[str], rows: list[list[Any]]) -> str:
    """A markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def governance_rows() -> list[list[Any]]:
    """Field, allowed values, default, source for every governance rule."""
    gov = GovernanceConfig()
    return [
        [
            f"`{f.name}`",
            allowed_values(GovernanceConfig, f.name),
            f"`{fmt(getattr(gov, f.name))}`",
            f.metadata.get("source", ""),
        ]
        for f in dataclasses.fields(GovernanceConfig)
    ]


def scenario_rows() -> list[list[Any]]:
    """Scenario, the ``scenario.*`` settings it reads, its source."""
    return [
        [f"`{kind.value}`", ", ".join(f"`{f}`" for f in fields) or "none", source]
        for kind, (fields, source) in SCENARIO_INPUTS.items()
    ]


def span(lo: Any, hi: Any) -> str:
    """A closed range with open ends written as ±inf."""
    return f"[{'-inf' if lo is None else fmt(lo)}, {'inf' if hi is None else fmt(hi)}]"


def parameter_rows() -> list[list[Any]]:
    """Key, default, range, unit, sweep range, source for every numeric parameter."""
    rows = []
    for key, value, meta in iter_parameters():
        sweep = meta.get("sweep")
        rows.append(
            [
                f"`{key}`",
                fmt(value),
                span(meta.get("lo"), meta.get("hi")),
                meta.get("unit", ""),
                span(*sweep) if sweep else "",
                meta.get("source", ""),
            ]
        )
    return rows


def other_rows() -> list[list[Any]]:
    """Fields with metadata in ModelConfig's groups that tables 1 and 2 do not cover."""
    covered = {key for key, _, _ in iter_parameters()}
    covered |= {f"governance.{f.name}" for f in dataclasses.fields(GovernanceConfig)}
    cfg = ModelConfig()
    rows = []
    for group in dataclasses.fields(ModelConfig):
        owner = field_type(ModelConfig, group.name)
        if not dataclasses.is_dataclass(owner):
            continue
        obj = getattr(cfg, group.name)
        for f in dataclasses.fields(owner):
            key = f"{group.name}.{f.name}"
            if not f.metadata or key in covered:
                continue
            rows.append(
                [
                    f"`{key}`",
                    allowed_values(owner, f.name),
                    fmt(getattr(obj, f.name)),
                    f.metadata.get("unit", ""),
                    f.metadata.get("source", ""),
                ]
            )
    return rows


def render() -> str:
    """The three tables with short headings (the text between the markers)."""
    parts = [
        "Generated from `sim/config/` by `python -m analysis.schema_table --write`; do not "
        "edit by hand (`tests/test_docs.py` checks it).",
        "### Governance rules (`governance.*`, DESIGN §4)",
        table(["field", "allowed values", "default", "source"], governance_rows()),
        "### Scenarios (`scenario.name`, DESIGN §5)",
        table(["scenario", "settings it reads", "source"], scenario_rows()),
        "### Parameters (`iter_parameters()`)",
        table(
            ["key", "default", "range", "unit", "sweep range", "source"],
            parameter_rows(),
        ),
    ]
    other = other_rows()
    if other:
        parts += [
            "### Other settings",
            table(["key", "allowed values", "default", "unit", "source"], other),
        ]
    return "\n\n".join(parts)


def replace_between_markers(text: str, body: str) -> str:
    """``text`` with everything between START and END replaced by ``body``.

    Raises:
        ValueError: If the markers are missing or out of order.
    """
    i, j = text.find(START), text.find(END)
    if i < 0 or j < i:
        raise ValueError(f"markers {START} ... {END} not found in order")
    return text[: i + len(START)] + "\n" + body + "\n" + text[j:]


def current_table(text: str) -> str:
    """The text between the markers of ``text`` (stripped)."""
    i, j = text.find(START), text.find(END)
    if i < 0 or j < i:
        raise ValueError(f"markers {START} ... {END} not found in order")
    return text[i + len(START) : j].strip()


def main(argv: list[str] | None = None) -> int:
    """Print the tables, or write them into docs/ODD.md with ``--write``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the table in docs/ODD.md")
    parser.add_argument("--path", type=Path, default=ODD_PATH, help="the ODD file")
    args = parser.parse_args(argv)
    body = render()
    if not args.write:
        print(body)
        return 0
    text = args.path.read_text(encoding="utf-8")
    args.path.write_text(replace_between_markers(text, body), encoding="utf-8")
    print(f"wrote the schema tables to {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
