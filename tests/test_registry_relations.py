"""Every dated relation in the registry against lives and existence, intervals in order, names in
their script and unique (checks/rules/lifetimes.py, chronology.py, sources.py, name_records.py).

Each check is shown firing on one edit of a clean registry, at the registry line to fix; the clean
registry is silent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checks import engine
from checks.core.config import Settings
from checks.registry.loader import load_registry
from checks.rules.sources import check_future

REGISTRY = """\
- id: src
  kind: source
  title: S
  publisher: P
  date: 2016-05-06
  url: "https://example.org"
  retrieved: 2026-11-28
- id: kim-il-sung
  kind: person
  label: Kim Il Sung
  name: Kim Il Sung
  hangul: 김일성
  born: 1912-04-15
  died: 1994-07-08
  sources: [src]
  status: verified
  verified: 2026-11-28
- id: kim-jong-un
  kind: person
  label: Kim Jong Un
  name: Kim Jong Un
  hangul: 김정은
  born: 1984-01-08
  sources: [src]
  status: unverified
- id: wpk
  kind: organisation
  label: WPK
  name: Workers' Party of Korea
  founded: 1949-06-30
  sources: [src]
  status: unverified
- id: wpnk
  kind: organisation
  label: WPNK
  name: Workers' Party of North Korea
  founded: 1946-08-28
  dissolved: 1949-06-30
  sources: [src]
  status: unverified
- id: chairman
  kind: office
  label: Chairman
  name: Chairman of the Workers' Party of Korea
  organisation: wpk
  created: 2016-05-09
  abolished: 2021-01-10
  holders:
    - {person: kim-jong-un, start: 2016-05-09, end: 2021-01-10}
  sources: [src]
  status: unverified
- id: president
  kind: office
  label: President
  name: President of the DPRK
  created: 1972-12-28
  abolished: 1998-09-05
  holders:
    - {person: kim-il-sung, start: 1972-12-28, end: 1994-07-08}
  sources: [src]
  status: unverified
- id: quote-kim-il-sung
  kind: quotation
  label: Kim Il Sung on victory
  text: The congress of victors
  speaker: kim-il-sung
  date: 1961-09-11
  sources: [src]
  status: unverified
- id: quote-wpk
  kind: quotation
  label: The party rules
  text: the only guiding idea of the party
  speaker: wpk
  date: 2012-04-11
  sources: [src]
  status: unverified
- id: members-wpnk
  kind: quantity
  label: Members of the WPNK
  value: 366000
  unit: members
  date: 1946-08
  of: wpnk
  sources: [src]
  status: unverified
"""


def registry_with(tmp_path: Path, old: str = "", new: str = ""):
    text = REGISTRY
    if old:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    facts = tmp_path / "facts"
    facts.mkdir(exist_ok=True)
    (facts / "facts.yaml").write_text(text, encoding="utf-8")
    return load_registry(facts, tmp_path)


def found(registry) -> list[tuple[str, int]]:
    """(code, line) of the registry checks' findings, without evidence (bare source ids here)."""
    return [(f.code.code, f.location.line) for f in engine.check_registry(registry)
            if not f.code.code.startswith("evidence.")]


def line_of(text: str) -> int:
    return next(i for i, line in enumerate(REGISTRY.splitlines(), 1) if text in line)


def test_the_clean_registry_is_silent(tmp_path):
    assert found(registry_with(tmp_path)) == []
    assert check_future(registry_with(tmp_path), dt.date(2026, 12, 2)) == []


@pytest.mark.parametrize("old,new,code,at", [
    # a quotation's speaker: alive, or in existence, on the day
    ("date: 1961-09-11", "date: 1911-09-11", "lifetime.quotation", "date: 1911-09-11"),
    ("date: 1961-09-11", "date: 1996-09-11", "lifetime.quotation", "date: 1996-09-11"),
    ("date: 2012-04-11", "date: 1947-04-11", "existence.anachronism", "speaker: wpk"),
    ("speaker: wpk\n", "speaker: wpnk\n", "existence.anachronism", "speaker: wpnk"),  # after its dissolution
    ("speaker: wpk\n", "speaker: chairman\n", "existence.anachronism", "speaker: chairman"),  # 2012: no such office
    # a quantity measures something that exists
    ("date: 1946-08\n", "date: 1945-08\n", "existence.anachronism", "of: wpnk"),
    # terms of office: within the holder's life and the office's existence
    ("{person: kim-il-sung, start: 1972-12-28, end: 1994-07-08}",
     "{person: kim-il-sung, start: 1972-12-28, end: 1997-07-08}", "lifetime.office", "person: kim-il-sung"),
    ("{person: kim-jong-un, start: 2016-05-09, end: 2021-01-10}",
     "{person: kim-jong-un, start: 2016-05-09, end: 2022-01-10}", "existence.anachronism", "person: kim-jong-un"),
    ("organisation: wpk\n", "organisation: wpnk\n", "existence.anachronism", "created: 2016-05-09"),
    # intervals in order
    ("died: 1994-07-08", "died: 1904-07-08", "chronology.order", "died: 1904-07-08"),
    ("dissolved: 1949-06-30", "dissolved: 1945-06-30", "chronology.order", "dissolved: 1945-06-30"),
    ("abolished: 1998-09-05", "abolished: 1968-09-05", "chronology.order", "abolished: 1968-09-05"),
    ("date: 2016-05-06\n  url", "date: 2027-05-06\n  url", "chronology.order", "date: 2027-05-06"),
    # names: in their script, and one thing to a name
    ("hangul: 김정은", "hangul: Kim Jong Un", "name.script", "hangul: Kim Jong Un"),
    ("hangul: 김정은", "hangul: 金正恩", "name.script", "hangul: 金正恩"),
    ("name: Kim Jong Un", "name: 김정은", "name.script", "name: 김정은"),
    ("hangul: 김정은", "hangul: 김일성", "name.duplicate", "hangul: 김일성"),
    ("name: Kim Jong Un", "name: Kim Il Sung", "name.duplicate", "name: Kim Il Sung"),
])
def test_each_relation_fires_at_the_line_to_fix(tmp_path, old, new, code, at):
    registry = registry_with(tmp_path, old, new)
    # the line to fix: the edited one (for a duplicate name, the second fact's)
    expected_line = max(i for i, line in enumerate(REGISTRY.replace(old, new).splitlines(), 1) if at in line)
    assert (code, expected_line) in found(registry), found(registry)


def test_the_dates_that_are_right_stay_silent(tmp_path):
    # said on the last day of a life, a term that ends at the death, spaces and a middle dot in Hangul
    assert found(registry_with(tmp_path, "date: 1961-09-11", "date: 1994-07-08")) == []
    assert found(registry_with(tmp_path, "hangul: 김정은", "hangul: 김 정은")) == []
    # a quantity may describe an organisation after it ended (how long it lasted)
    assert found(registry_with(tmp_path, "date: 1946-08\n", "date: 1950\n")) == []


def test_a_shared_name_with_a_note_that_says_why_is_silent(tmp_path):
    registry = registry_with(tmp_path, "name: Kim Jong Un\n  hangul: 김정은",
                             "name: Kim Il Sung\n  hangul: 김정은\n"
                             "  note: A namesake, not kim-il-sung; born in 1984.")
    assert found(registry) == []


def test_sources_and_facts_dated_after_today(tmp_path):
    registry = registry_with(tmp_path)
    today = dt.date(2026, 11, 27)
    assert sorted((f.code.code, f.location.line) for f in check_future(registry, today)) == [
        ("date.future", line_of("retrieved: 2026-11-28")), ("date.future", line_of("verified: 2026-11-28"))]
    # only `factcheck check` knows today: the registry checks alone (the build's) never read the calendar
    assert engine.check_whole_project(registry, [], Settings(today=None)) == engine.check_registry(registry)
    with_today = engine.check_whole_project(registry, [], Settings(today=today))
    assert [f.code.code for f in with_today].count("date.future") == 2
