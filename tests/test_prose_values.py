"""Reading dates and numbers in prose (checks/pages/prose_values.py), case by case from a fixture file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checks.pages.prose_values import find_dates, find_numbers

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "prose_values.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_dates_and_numbers(case):
    mentions = find_dates(case["text"])
    found = [[m.text, [[p.year, p.month, p.day] for p in m.parts]] for m in mentions]
    assert found == case["dates"]
    if "numbers" in case:
        spans = [(m.start, m.end) for m in mentions]
        numbers = [n.value for n in find_numbers(case["text"]) if not any(a <= n.start < b for a, b in spans)]
        assert numbers == case["numbers"]
