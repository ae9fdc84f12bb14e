"""docs/ODD.md stays in step with the schema: the generated tables and one governance
subsection per field (element 7.14)."""

from __future__ import annotations

import dataclasses
import re

from analysis import schema_table
from sim.config import GovernanceConfig


def test_odd_parameter_table_matches_the_schema():
    text = schema_table.ODD_PATH.read_text(encoding="utf-8")
    assert schema_table.current_table(text) == schema_table.render().strip(), (
        "docs/ODD.md's parameter table differs from sim/config/; "
        "run `python -m analysis.schema_table --write`"
    )


def test_odd_documents_every_governance_field_with_a_source():
    text = schema_table.ODD_PATH.read_text(encoding="utf-8")
    assert "### 7.14 Governance rules" in text
    headings = re.findall(r"^#### 7\.14\.\d+ `(\w+)` \((.+)\)$", text, flags=re.M)
    assert [h[0] for h in headings] == [f.name for f in dataclasses.fields(GovernanceConfig)]
    for name, source in headings:
        assert re.search(r"\b(003|ch5_9|ch1_4|coop)\b", source), (name, source)


def test_generated_tables_cover_every_field():
    body = schema_table.render()
    for f in dataclasses.fields(GovernanceConfig):
        assert f"| `{f.name}` |" in body, f.name
    assert "| `staff.pay_gap` |" in body
    assert "| `scenario.month` |" in body


def test_write_replaces_only_between_markers(tmp_path):
    doc = tmp_path / "ODD.md"
    doc.write_text(
        f"before\n{schema_table.START}\nSTALE-TABLE\n{schema_table.END}\nafter\n", encoding="utf-8"
    )
    assert schema_table.main(["--write", "--path", str(doc)]) == 0
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("before\n") and text.endswith("after\n")
    assert "STALE-TABLE" not in text
    assert schema_table.current_table(text) == schema_table.render().strip()
