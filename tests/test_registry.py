"""The registry loader: typed values, and one clear file:line error for each kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.core.errors import RegistryErrors
from checks.registry.loader import load_registry

SOURCE = """\
- id: src
  kind: source
  title: A source
  publisher: A publisher
  url: https://example.org/a
  retrieved: 2026-11-28
"""

EVENT = """\
- id: congress-7
  kind: event
  label: 7th Congress
  date: 2016-05-06/2016-05-09
  sources: [src]
  status: verified
  verified: 2026-11-28
"""


def write(tmp_path: Path, **files: str) -> Path:
    facts = tmp_path / "facts"
    facts.mkdir(exist_ok=True)
    for name, text in files.items():
        (facts / f"{name}.yaml").write_text(text, encoding="utf-8")
    return facts


def errors_of(tmp_path: Path, **files: str) -> list[str]:
    with pytest.raises(RegistryErrors) as info:
        load_registry(write(tmp_path, **files), tmp_path)
    return [str(e) for e in info.value.errors]


def test_loads_typed_values(tmp_path):
    registry = load_registry(write(tmp_path, sources=SOURCE, events=EVENT), tmp_path)
    fact = registry.facts["congress-7"]
    assert fact.date.house_style() == "6\u20139 May 2016"
    assert fact.date.lower.isoformat() == "2016-05-06"
    assert fact.location.path == "facts/events.yaml" and fact.location.line == 1
    assert fact.line_of("date").line == 4
    assert registry.sources["src"].retrieved.isoformat() == "2026-11-28"


def test_malformed_yaml(tmp_path):
    (err,) = errors_of(tmp_path, sources=SOURCE, bad="- id: x\n  kind: [event\n")
    assert err.startswith("facts/bad.yaml:3: malformed YAML")


def test_unknown_key_suggests(tmp_path):
    (err,) = errors_of(tmp_path, sources=SOURCE, events=EVENT.replace("  label:", "  lable: x\n  label:"))
    assert err.startswith("facts/events.yaml:3: unknown key 'lable' for an event")
    assert "did you mean 'label'" in err


def test_wrong_type(tmp_path):
    (err,) = errors_of(tmp_path, sources=SOURCE, events=EVENT + "  ordinal: seventh\n  series: wpk-congresses\n")
    assert err.startswith("facts/events.yaml:8: 'ordinal' must be a whole number")


def test_duplicate_id_within_and_across_files(tmp_path):
    errs = errors_of(tmp_path, sources=SOURCE, a=EVENT + EVENT, b=EVENT)
    assert "facts/a.yaml:8: duplicate id 'congress-7' (first defined at facts/a.yaml:1)" in errs[0]
    assert errs[1].startswith("facts/b.yaml:1: duplicate id 'congress-7' (first defined at facts/a.yaml:1)")


def test_invalid_edtf_date(tmp_path):
    (err,) = errors_of(tmp_path, sources=SOURCE, events=EVENT.replace("2016-05-06/2016-05-09", "2016-02-30"))
    assert err.startswith("facts/events.yaml:4: 'date': '2016-02-30' is not a valid EDTF date")


def test_interval_in_reverse(tmp_path):
    (err,) = errors_of(tmp_path, sources=SOURCE, events=EVENT.replace("2016-05-06/2016-05-09", "2016-05-09/2016-05-06"))
    assert "ends before it starts" in err


def test_missing_source_reference(tmp_path):
    (err,) = errors_of(tmp_path, sources=SOURCE, events=EVENT.replace("[src]", "[scr, src]"))
    assert err == "facts/events.yaml:5: unknown source 'scr' (did you mean 'src'?); define it or fix the id"


def test_missing_fact_reference(tmp_path):
    person = EVENT + "  participants: [kim-jong-um]\n"
    (err,) = errors_of(tmp_path, sources=SOURCE, events=person)
    assert err.startswith("facts/events.yaml:8: unknown fact 'kim-jong-um'")


def test_object_constructing_tag_is_refused(tmp_path):
    (err,) = errors_of(tmp_path, sources=SOURCE, evil="- id: x\n  kind: !!python/object/apply:os.system [echo]\n")
    assert err.startswith("facts/evil.yaml:2: YAML tag") and "not allowed" in err


def test_url_scheme_must_be_http(tmp_path):
    (err,) = errors_of(tmp_path, sources=SOURCE.replace("https://example.org/a", "javascript:alert(1)"))
    assert err.startswith("facts/sources.yaml:5: 'url' must be an http:// or https:// address")


def test_every_fact_cites_a_source(tmp_path):
    (err,) = errors_of(tmp_path, sources=SOURCE, events=EVENT.replace("[src]", "[]"))
    assert err.startswith("facts/events.yaml:5: 'sources' must list at least one source")


def test_verified_needs_a_date(tmp_path):
    (err,) = errors_of(tmp_path, sources=SOURCE, events=EVENT.replace("  verified: 2026-11-28\n", ""))
    assert err.startswith("facts/events.yaml:6: a verified fact needs 'verified: YYYY-MM-DD'")


def test_all_errors_are_reported_together(tmp_path):
    errs = errors_of(tmp_path, sources=SOURCE, a=EVENT.replace("2016-05-06/2016-05-09", "May 2016"),
                     b="- id: Bad_Id\n  kind: event\n")
    assert [e.split(":")[0] for e in errs] == ["facts/a.yaml", "facts/b.yaml"]


def test_empty_file_holds_no_records(tmp_path):
    registry = load_registry(write(tmp_path, sources=SOURCE, empty=""), tmp_path)
    assert registry.facts == {}


def test_superseded_value_is_typed_like_the_primary(tmp_path):
    text = EVENT + "  superseded:\n    - value: 1988\n      reason: wrong year\n      source: src\n"
    registry = load_registry(write(tmp_path, sources=SOURCE, events=text), tmp_path)
    (old,) = registry.facts["congress-7"].superseded
    assert old.value.house_style() == "1988"
    bad = EVENT + "  superseded:\n    - value: nineteen\n      reason: x\n      source: src\n"
    (err,) = errors_of(tmp_path, sources=SOURCE, events=bad)
    assert err.startswith("facts/events.yaml:9: 'superseded value':")


def test_digest_ignores_line_moves_but_not_content(tmp_path):
    first = load_registry(write(tmp_path, sources=SOURCE, events=EVENT), tmp_path).facts["congress-7"].digest
    moved = load_registry(write(tmp_path, sources=SOURCE, events="\n\n# comment\n" + EVENT), tmp_path)
    assert moved.facts["congress-7"].digest == first
    edited = load_registry(write(tmp_path, sources=SOURCE, events=EVENT.replace("05-09", "05-10")), tmp_path)
    assert edited.facts["congress-7"].digest != first


ORGANISATION = """\
- id: wpk
  kind: organisation
  label: The party
  name: Workers' Party of Korea
  founded: 1945-10-10
  sources: [src]
  status: verified
  verified: 2026-11-28
  status_of: {founded: disputed}
"""


def test_a_statement_can_have_its_own_status(tmp_path):
    """The name is verified while the founding date is disputed (Wikidata ranks each statement)."""
    fact = load_registry(write(tmp_path, sources=SOURCE, orgs=ORGANISATION), tmp_path).facts["wpk"]
    assert fact.status == fact.status_for() == fact.status_for("name") == "verified"
    assert fact.status_for("founded") == "disputed"
    assert fact.status_for("dissolved") == "verified"  # a statement not listed has the fact's status


@pytest.mark.parametrize("status_of, expected", [
    ("{name: disputed}", "facts/orgs.yaml:9: status_of names 'name', which is not a dated statement of this "
                         "organisation; name one of: founded"),
    ("{dissolved: disputed}", "facts/orgs.yaml:9: status_of names 'dissolved'"),
    ("{founded: doubtful}", "facts/orgs.yaml:9: 'status_of.founded' must be one of verified, disputed, unverified"),
    ("disputed", "facts/orgs.yaml:9: 'status_of' must map dated fields to a status"),
])
def test_status_of_names_a_dated_statement_with_a_known_status(tmp_path, status_of, expected):
    text = ORGANISATION.replace("{founded: disputed}", status_of)
    (err,) = errors_of(tmp_path, sources=SOURCE, orgs=text)
    assert err.startswith(expected), err
