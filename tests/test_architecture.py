"""Architecture rules (issue 17): layers and no cycles (import-linter), module sizes,
and no behavioural number hidden as a literal in a sub-model."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUBMODELS = sorted((ROOT / "sim" / "submodels").glob("*.py"))
STRUCTURAL = (0.0, 1.0)  # bounds, identities, "no effect": not behavioural numbers


def test_import_contracts_are_kept():
    """`lint-imports` with the contracts of pyproject.toml (sim imports no layer above it,
    no cycle inside sim, sim's layers, a pure configuration check)."""
    exe = Path(sys.executable).with_name("lint-imports")
    res = subprocess.run(
        [str(exe), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "0 broken" in res.stdout


def test_no_module_of_sim_over_500_lines_and_a_thin_model():
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "sim").rglob("*.py")
    }
    assert {k: v for k, v in sizes.items() if v > 500} == {}
    assert sizes["sim/model.py"] <= 300


def named_constants(tree: ast.Module, source: list[str]) -> set[int]:
    """Nodes inside module-level UPPER_CASE assignments that carry a comment (a reason)."""
    inside = set()
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        if not all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets):
            continue
        lines = source[node.lineno - 1 : node.end_lineno]
        if any("#" in line for line in lines):
            inside |= {id(n) for n in ast.walk(node)}
    return inside


def float_literals(path: Path) -> list[tuple[int, float]]:
    """Float literals of a module outside named constants with a reason."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    allowed = named_constants(tree, text.splitlines())
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, float)
        and n.value not in STRUCTURAL
        and id(n) not in allowed
    ]


@pytest.mark.parametrize("path", SUBMODELS, ids=lambda p: p.stem)
def test_no_behavioural_number_as_a_literal_in_a_sub_model(path):
    """Every number is a ``param()`` (unit, range, provenance) or a named constant with a
    comment saying why it is not a parameter (e.g. a numerical guard)."""
    found = float_literals(path)
    assert not found, f"{path.name}: float literals {found}; make them param()s or constants"


def test_the_literal_check_finds_a_literal(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("LIMIT = 0.2  # a guard\nNAKED = 0.3\n\n\ndef f(x):\n    return x * 0.7\n")
    assert float_literals(bad) == [(2, 0.3), (6, 0.7)]


def test_every_module_imports():
    """Every module of the packages imports (a name a lint fix removed shows here, not
    only in a browser or cluster test)."""
    import importlib

    failed = {}
    for top in ("sim", "experiments", "analysis", "workshop", "messages", "benchmarks"):
        for path in (ROOT / top).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__main__":
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            try:
                importlib.import_module(name)
            except Exception as err:  # noqa: BLE001 - report every failure at once
                failed[name] = repr(err)
    assert failed == {}
