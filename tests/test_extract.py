"""Page extraction, case by case from a fixture file (tests/cases/extract.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import MYST

from checks.pages.extract import extract_page

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "extract.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_extraction(case):
    page = extract_page(case["source"], "docs/p.md", "p", MYST)
    if "references" in case:
        assert [[r.fact_id, r.words, r.location.line] for r in page.references] == case["references"]
    if "runs" in case:
        assert [[r.text, r.location.line] for r in page.runs] == case["runs"]
    if "not_claims" in case:
        assert [[r.text, r.location.line] for r in page.not_claims] == case["not_claims"]
    if "front_matter" in case:
        assert {k: str(v) for k, v in page.front_matter.items()} == case["front_matter"]
    if "as_of_date" in case:
        day = page.as_of_date
        assert (day.isoformat() if day else None) == case["as_of_date"]
