"""Evidence: each citation's excerpt states the fact's value (checks/evidence.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from prose_registry import FACTS, SOURCES, make_registry

from checks.core.findings import Location
from checks.registry.dates import parse_fact_date
from checks.registry.model import Fact
from checks.rules.evidence import check_corrections, check_evidence, states_value

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "evidence.yaml").read_text(encoding="utf-8"))


def _fact(spec: dict) -> Fact:
    fields = dict(spec)
    if "date" in fields:
        fields["date"] = parse_fact_date(str(fields["date"]))
    fields["accepted"] = tuple(fields.pop("accepted", ()))
    return Fact(id="case", label="case", sources=("src",), status="verified",
                location=Location("facts/case.yaml", 1), digest="", **fields)


@pytest.mark.parametrize("case", CASES, ids=[c["excerpt"][:40] for c in CASES])
def test_excerpt_states_value(case):
    assert states_value(_fact(case["fact"]), case["excerpt"]) is case["states"]


def _with_citation(citation: str) -> str:
    """FACTS with the first fact (Kim Il Sung) citing src-a through ``citation``."""
    head, rest = FACTS.split("  sources: [src-a]\n", 1)
    return head + citation + rest


def test_a_bare_source_id_is_missing_evidence(tmp_path):
    findings = [f for f in check_evidence(make_registry(tmp_path)) if f.fact == "kim-il-sung"]
    assert [f.code.code for f in findings] == ["evidence.missing"]
    assert findings[0].location == Location("facts/facts.yaml", 8)
    assert "excerpt" in findings[0].message


def test_an_excerpt_that_names_the_person_is_silent(tmp_path):
    facts = _with_citation("  sources:\n    - source: src-a\n      excerpt: \"Kim Il-sung founded the state\"\n")
    assert [f for f in check_evidence(make_registry(tmp_path, facts)) if f.fact == "kim-il-sung"] == []


def test_an_excerpt_that_does_not_state_the_value_is_an_error(tmp_path):
    facts = _with_citation("  sources:\n    - source: src-a\n      excerpt: \"The founder of the state\"\n")
    [finding] = [f for f in check_evidence(make_registry(tmp_path, facts)) if f.fact == "kim-il-sung"]
    assert finding.code.code == "evidence.unsupported"
    assert finding.severity.value == "error"
    assert finding.location == Location("facts/facts.yaml", 9)
    assert "Kim Il Sung" in finding.message


def test_a_lifetime_date_no_excerpt_states_is_an_error(tmp_path):
    facts = _with_citation("  born: 1912-04-15\n  sources:\n    - source: src-a\n"
                           "      excerpt: \"Kim Il Sung, the founder\"\n")
    [finding] = [f for f in check_evidence(make_registry(tmp_path, facts)) if f.fact == "kim-il-sung"]
    assert finding.code.code == "evidence.unsupported" and "'born'" in finding.message
    facts = facts.replace("Kim Il Sung, the founder", "Kim Il Sung, born in 1912")
    assert [f for f in check_evidence(make_registry(tmp_path, facts)) if f.fact == "kim-il-sung"] == []


def test_a_source_cited_twice_is_a_load_error(tmp_path):
    from checks.core.errors import RegistryErrors

    facts = _with_citation("  sources: [src-a, src-a]\n")
    with pytest.raises(RegistryErrors) as caught:
        make_registry(tmp_path, facts)
    assert "cited twice" in str(caught.value.errors[0])


CLAIM = """\
- id: qa-claim-eternal
  kind: source-claim
  source: qa
  quote: "declared the Eternal President in 1988"
  facts: [kim-il-sung]
  verdict: corrected
"""


def test_a_corrected_claim_without_a_superseded_value_is_an_error(tmp_path):
    [finding] = check_corrections(make_registry(tmp_path, FACTS, SOURCES + CLAIM))
    assert finding.code.code == "correction.unrecorded"
    assert finding.location.path == "facts/sources.yaml"


def test_a_corrected_claim_with_its_superseded_value_is_silent(tmp_path):
    facts = _with_citation("  sources: [src-a]\n  superseded:\n    - value: Kim Il Sun\n      source: qa\n"
                           "      reason: misspelt\n")
    assert check_corrections(make_registry(tmp_path, facts, SOURCES + CLAIM)) == []
