"""Chronology, derived values, lifetimes, existence, titles held at a date, superseded values.

Each check is shown firing on a realistic error and silent on the correct registry or text.
"""

from __future__ import annotations

from pathlib import Path

from conftest import MYST

from checks import engine
from checks.engine import check_page
from checks.pages.extract import extract_page
from checks.registry.loader import load_registry

REGISTRY = """\
- {id: src, kind: source, title: S, publisher: P, url: "https://example.org", retrieved: 2026-11-28}
- id: kim-il-sung
  kind: person
  label: Kim Il Sung
  name: Kim Il Sung
  born: 1912-04-15
  died: 1994-07-08
  sources: [src]
  status: unverified
- id: kim-jong-un
  kind: person
  label: Kim Jong Un
  name: Kim Jong Un
  born: 1984-01-08
  sources: [src]
  status: unverified
- id: wpk
  kind: organisation
  label: WPK
  name: Workers' Party of Korea
  founded: 1945-10-10
  sources: [src]
  status: unverified
- id: congress-6
  kind: event
  label: 6th Congress
  date: 1980-10-10/1980-10-14
  series: wpk-congresses
  ordinal: 1
  participants: [kim-il-sung, wpk]
  sources: [src]
  status: unverified
- id: congress-7
  kind: event
  label: 7th Congress
  date: 2016-05-06/2016-05-09
  series: wpk-congresses
  ordinal: 2
  participants: [kim-jong-un]
  sources: [src]
  status: unverified
- id: gap
  kind: quantity
  label: Years between the Congresses
  value: 36
  unit: years
  derived: {rule: calendar-years, from: congress-6, to: congress-7}
  sources: [src]
  status: unverified
- id: congress-count
  kind: quantity
  label: Congresses held by 2016
  value: 2
  unit: congresses
  derived: {rule: count, series: wpk-congresses, by: congress-7}
  sources: [src]
  status: unverified
- id: eternal-president
  kind: office
  label: Eternal President
  name: Eternal President
  posthumous: true
  created: 1998-09-05
  holders:
    - {person: kim-il-sung, start: 1998-09-05}
  sources: [src]
  status: unverified
- id: first-secretary
  kind: office
  label: First Secretary
  name: First Secretary
  organisation: wpk
  created: 2012-04-11
  abolished: 2016-05-09
  holders:
    - {person: kim-jong-un, start: 2012-04-11, end: 2016-05-09}
  sources: [src]
  status: unverified
- id: arirang
  kind: event
  label: First Arirang Mass Games
  name: Arirang Mass Games
  date: 2002
  sources: [src]
  status: unverified
- id: eternal-president-declared
  kind: event
  label: Declared Eternal President
  date: 1998-09-05
  sources: [src]
  status: unverified
  superseded:
    - {value: 1988, reason: "It was 1998.", source: src}
"""


def check_registry(registry):
    """The registry checks, without evidence: these small registries cite bare source ids, and
    excerpts have their own tests (test_evidence.py)."""
    return [f for f in engine.check_registry(registry) if not f.code.code.startswith("evidence.")]


def registry_with(tmp_path: Path, old: str = "", new: str = ""):
    text = REGISTRY
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    facts = tmp_path / "facts"
    facts.mkdir(exist_ok=True)
    (facts / "facts.yaml").write_text(text)
    return load_registry(facts, tmp_path)


def line_of(text: str) -> str:
    """``facts/facts.yaml:N`` for the first registry line containing ``text``."""
    number = next(i for i, line in enumerate(REGISTRY.splitlines(), 1) if text in line)
    return f"facts/facts.yaml:{number}"


def codes(findings) -> list[str]:
    return [f.code.code for f in findings]


def test_clean_registry_is_silent(tmp_path):
    assert codes(check_registry(registry_with(tmp_path))) == []


def test_swapped_congresses(tmp_path):
    reg = registry_with(tmp_path, "date: 1980-10-10/1980-10-14", "date: 2017-10-10/2017-10-14")
    found = check_registry(reg)
    # the swap also breaks the 36 years and the count, and puts Kim Il Sung at a congress after his death
    assert sorted(codes(found)) == ["chronology.order", "derived.mismatch", "derived.mismatch", "lifetime.event"]
    (order,) = [f for f in found if f.code.code == "chronology.order"]
    assert str(order.location) == line_of("date: 2016-05-06/2016-05-09")
    assert "dated before congress-6" in order.message


def test_ordinals_with_a_gap_are_fine_but_a_repeat_is_not(tmp_path):
    assert codes(check_registry(registry_with(tmp_path, "ordinal: 2", "ordinal: 3"))) == []
    (finding,) = check_registry(registry_with(tmp_path, "ordinal: 2", "ordinal: 1"))
    assert finding.code.code == "chronology.ordinal" and "both no. 1" in finding.message


def test_duration_changed_in_registry(tmp_path):
    reg = registry_with(tmp_path, "value: 36", "value: 35")
    (finding,) = check_registry(reg)
    assert finding.code.code == "derived.mismatch" and finding.suggestion == "36"
    assert str(finding.location) == line_of("value: 35".replace("35", "36"))


def test_count_changed_in_registry(tmp_path):
    reg = registry_with(tmp_path, "value: 2\n", "value: 4\n")
    (finding,) = check_registry(reg)
    assert finding.code.code == "derived.mismatch" and "gives 2" in finding.message


def test_derivation_from_an_undated_fact(tmp_path):
    reg = registry_with(tmp_path, "from: congress-6, to: congress-7", "from: congress-count, to: congress-7")
    assert codes(check_registry(reg)) == ["derived.unresolvable"]


def test_derivation_cycle(tmp_path):
    reg = registry_with(tmp_path, "from: congress-6, to: congress-7", "from: congress-count, to: congress-7")
    reg2 = registry_with(tmp_path, "series: wpk-congresses, by: congress-7", "series: wpk-congresses, by: gap")
    assert "derived.cycle" not in codes(check_registry(reg))  # a chain, not a cycle
    text = REGISTRY.replace("from: congress-6, to: congress-7", "from: congress-count, to: congress-7") \
        .replace("series: wpk-congresses, by: congress-7", "series: wpk-congresses, by: gap")
    (tmp_path / "facts" / "facts.yaml").write_text(text)
    cyc = load_registry(tmp_path / "facts", tmp_path)
    assert codes(check_registry(cyc)).count("derived.cycle") == 2
    assert reg2 is not None


def test_posthumous_title_dated_before_death(tmp_path):
    reg = registry_with(tmp_path, "created: 1998-09-05\n  holders:\n    - {person: kim-il-sung, start: 1998-09-05}",
                        "created: 1992-04-15\n  holders:\n    - {person: kim-il-sung, start: 1992-04-15}")
    (finding,) = check_registry(reg)
    assert finding.code.code == "lifetime.posthumous"
    assert str(finding.location) == line_of("{person: kim-il-sung, start: 1998-09-05}")


def test_office_after_death_unless_posthumous(tmp_path):
    reg = registry_with(tmp_path, "posthumous: true\n", "posthumous: false\n")
    assert codes(check_registry(reg)) == ["lifetime.office"]


def test_participant_after_death(tmp_path):
    reg = registry_with(tmp_path, "participants: [kim-jong-un]", "participants: [kim-jong-un, kim-il-sung]")
    assert codes(check_registry(reg)) == ["lifetime.event"]


def test_office_held_before_it_existed(tmp_path):
    reg = registry_with(tmp_path, "{person: kim-jong-un, start: 2012-04-11, end: 2016-05-09}",
                        "{person: kim-jong-un, start: 2011-12-30, end: 2016-05-09}")
    assert codes(check_registry(reg)) == ["existence.anachronism"]


def test_organisation_in_an_event_before_its_founding(tmp_path):
    reg = registry_with(tmp_path, "founded: 1945-10-10", "founded: 1985-10-10")
    assert codes(check_registry(reg)) == ["existence.anachronism"]


def page(text: str):
    return extract_page("---\nas_of: 2016-05-06\n---\n# P\n\n" + text + "\n", "docs/p.md", "p", MYST)


def test_title_held_at_the_page_date_is_silent_and_not_held_is_caught(tmp_path):
    reg = registry_with(tmp_path)
    ok = page("{fact}`kim-jong-un` is {fact}`First Secretary <first-secretary>` of the party.")
    assert codes(check_page(reg, ok)) == []
    wrong = page("In {fact}`1980 <congress-6>`, {fact}`kim-il-sung` was {fact}`First Secretary <first-secretary>`.")
    found = check_page(reg, wrong)
    assert "office.not-held" in codes(found)
    assert all(str(f.location).startswith("docs/p.md:6:") for f in found)  # line 6, at the reference


def test_title_at_a_date_before_the_office_existed(tmp_path):
    reg = registry_with(tmp_path)
    text = page("At the {fact}`1980 <congress-6>` meeting {fact}`kim-jong-un` was {fact}`First Secretary <first-secretary>`.")
    assert set(codes(check_page(reg, text))) == {"existence.anachronism", "office.not-held"}


def test_known_wrong_value_back_in_prose(tmp_path):
    reg = registry_with(tmp_path)
    good = page("He was made {fact}`Eternal President <eternal-president>` in {fact}`1998 <eternal-president-declared>`.")
    assert codes(check_page(reg, good)) == []
    bad = page("He was made {fact}`Eternal President <eternal-president>` in 1988, "
               "{fact}`in September <eternal-president-declared>`.")
    assert "superseded.reused" in codes(check_page(reg, bad))


def test_an_event_named_before_it_first_took_place(tmp_path):
    reg = registry_with(tmp_path)
    wrong = page("For the {fact}`1980 <congress-6>` congress, 50,000 people performed in the "
                 "{fact}`Arirang Mass Games <arirang>`.")
    (finding,) = [f for f in check_page(reg, wrong) if f.code.code == "existence.anachronism"]
    assert "Arirang Mass Games is named at congress-6" in finding.message
    right = page("The {fact}`Arirang Mass Games <arirang>` were first staged in {fact}`2002 <arirang>`, long after "
                 "the {fact}`1980 <congress-6>` congress.")
    assert "existence.anachronism" not in codes(check_page(reg, right))


def test_a_timeline_fact_needs_a_date_to_place_it(tmp_path):
    tagged_event = registry_with(tmp_path, "  label: 7th Congress\n", "  label: 7th Congress\n  tags: [timeline]\n")
    assert "timeline.undated" not in codes(check_registry(tagged_event))
    undated = registry_with(tmp_path, "  label: Kim Jong Un\n  name: Kim Jong Un\n  born: 1984-01-08\n",
                            "  label: Kim Jong Un\n  name: Kim Jong Un\n  tags: [timeline]\n")
    (finding,) = [f for f in check_registry(undated) if f.code.code == "timeline.undated"]
    assert finding.fact == "kim-jong-un" and str(finding.location) == line_of("- id: kim-jong-un")
