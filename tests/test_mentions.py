"""Plain prose against the registry: facts mentioned without a reference, read per sentence.

Each check is shown firing on a realistic wrong sentence and silent on the right one, on a small
registry written as an editor writes it and loaded by the real loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MYST

from checks.core.codes import Code, Severity
from checks.core.findings import Finding
from checks.engine import check_page
from checks.pages.extract import extract_page
from checks.pages.mentions import find_mentions, mention_index
from checks.registry.loader import load_registry
from checks.registry.model import Registry

FACTS = """\
- {id: src, kind: source, title: S, publisher: P, url: "https://example.org", retrieved: 2026-11-28}
- {id: qa, kind: source, title: The Q&A, publisher: P, url: "https://example.org/qa", retrieved: 2026-11-28}
- id: kim-il-sung
  kind: person
  label: Kim Il Sung
  name: Kim Il Sung
  born: 1912-04-15
  died: 1994-07-08
  variants: {accepted: [Kim Il-sung]}
  sources: [src]
  status: unverified
- id: kim-jong-il
  kind: person
  label: Kim Jong Il
  name: Kim Jong Il
  born: 1941-02-16
  died: 2011-12-17
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
  short: WPK
  founded: 1945-10-10
  sources: [src]
  status: unverified
  superseded:
    - value: Workers Party of Korea
      source: qa
      quote: "the army, prisons and the Workers Party of Korea"
      reason: The apostrophe is missing.
- id: un-coi
  kind: organisation
  label: COI
  name: Commission of Inquiry
  founded: 2013-03-21
  sources: [src]
  status: unverified
- id: first-secretary
  kind: office
  label: First Secretary
  name: First Secretary of the Workers' Party of Korea
  organisation: wpk
  created: 2012-04-11
  abolished: 2016-05-09
  variants: {accepted: [First Secretary]}
  holders:
    - {person: kim-jong-un, start: 2012-04-11, end: 2016-05-09}
  sources: [src]
  status: unverified
- id: general-secretary
  kind: office
  label: General Secretary
  name: General Secretary of the Workers' Party of Korea
  organisation: wpk
  variants: {accepted: [General Secretary]}
  holders:
    - {person: kim-jong-il, start: 1997-10-08, end: 2011-12-17}
    - {person: kim-jong-un, start: 2021-01-10}
  sources: [src]
  status: unverified
- id: eternal-president
  kind: office
  label: Eternal President
  name: Eternal President of the Republic
  created: 1998-09-05
  posthumous: true
  variants: {accepted: [Eternal President]}
  holders:
    - {person: kim-il-sung, start: 1998-09-05}
  sources: [src]
  status: unverified
- id: congress-4
  kind: event
  label: 4th Congress
  name: 4th Congress of the Workers' Party of Korea
  date: 1961-09-11/1961-09-18
  series: wpk-congresses
  ordinal: 4
  sources: [src]
  status: unverified
- id: congress-6
  kind: event
  label: 6th Congress
  name: 6th Congress of the Workers' Party of Korea
  date: 1980-10-10/1980-10-14
  series: wpk-congresses
  ordinal: 6
  sources: [src]
  status: unverified
- id: congress-7
  kind: event
  label: 7th Congress
  name: 7th Congress of the Workers' Party of Korea
  date: 2016-05-06/2016-05-09
  series: wpk-congresses
  ordinal: 7
  sources: [src]
  status: unverified
- id: conference-2
  kind: event
  label: 2nd Conference
  name: 2nd Conference of the Workers' Party of Korea
  date: 1966-10
  series: wpk-conferences
  ordinal: 2
  sources: [src]
  status: unverified
- id: conference-3
  kind: event
  label: 3rd Conference
  name: 3rd Conference of the Workers' Party of Korea
  date: 2010-09-28
  series: wpk-conferences
  ordinal: 3
  sources: [src]
  status: unverified
- id: death-kim-il-sung
  kind: event
  label: Death of Kim Il Sung
  name: Death of Kim Il Sung
  date: 1994-07-08
  sources: [src]
  status: unverified
- id: eternal-president-declared
  kind: event
  label: Kim Il Sung made Eternal President
  name: Kim Il Sung declared Eternal President of the Republic
  date: 1998-09-05
  sources: [src]
  status: unverified
  superseded:
    - value: 1988
      source: qa
      quote: "Kim Il Sung was declared the Eternal President of the country in 1988"
      reason: The constitution was revised in 1998.
- id: arirang
  kind: event
  label: Arirang Mass Games first staged
  name: Arirang Mass Games
  date: 2002
  sources: [src]
  status: unverified
  superseded:
    - value: 1980
      source: qa
      quote: "known as the Arirang Mass Games"
      reason: First staged in 2002.
- id: delegates-7
  kind: quantity
  label: Delegates at the 7th Congress
  value: 3467
  unit: delegates
  of: congress-7
  sources: [src]
  status: unverified
- id: gap-6-7
  kind: quantity
  label: Years between the 6th and 7th congresses
  value: 36
  unit: years
  of: congress-7
  derived: {rule: calendar-years, from: congress-6, to: congress-7}
  sources: [src]
  status: unverified
- id: conference-count
  kind: quantity
  label: Conferences held by the 7th Congress
  value: 2
  unit: conferences
  of: wpk
  date: 2016-05-06
  derived: {rule: count, series: wpk-conferences, by: congress-7}
  sources: [src]
  status: unverified
- id: coi-quote
  kind: quotation
  label: COI on state policy
  text: pursuant to policies established at the highest level of the State
  speaker: un-coi
  date: 2014-02-17
  language: en
  sources: [src]
  status: unverified
  superseded:
    - value: pursuant to policies at the highest level of the state
      source: qa
      quote: "pursuant to policies at the highest level of the state"
      reason: The Q&A drops "established".
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Registry:
    folder = tmp_path_factory.mktemp("mentions") / "facts"
    folder.mkdir()
    (folder / "facts.yaml").write_text(FACTS, encoding="utf-8")
    return load_registry(folder, folder.parent)


def check(registry: Registry, text: str) -> list[Finding]:
    return check_page(registry, extract_page(text, "docs/page.md", "page", MYST))


def errors(registry: Registry, text: str) -> list[tuple[str, str | None]]:
    return sorted((f.code.code, f.fact) for f in check(registry, text) if f.severity is Severity.ERROR)


def mentioned(registry: Registry, text: str) -> list[tuple[str, str | None]]:
    return [(m.how, m.fact.id if m.fact else None) for m in find_mentions(mention_index(registry), text, [], [])]


# -- recognising mentions ----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("The 4th Congress met.", ("ordinal", "congress-4")),
    ("The party's fourth congress met.", ("ordinal", "congress-4")),
    ("The Seventh Party Congress met.", ("ordinal", "congress-7")),
    ("The 7th Workers Party of Korea Congress met.", ("ordinal", "congress-7")),
    ("The 2010 conference met.", ("dated", "conference-3")),
    ("The Party Conference of September 2010 met.", ("dated", "conference-3")),
    ("Kim Il Sung's death shocked the country.", ("life", "death-kim-il-sung")),
    ("The death of Kim Il Sung shocked the country.", ("name", "death-kim-il-sung")),  # its registered name
    ("Kim Jong Il died that winter.", ("life", "kim-jong-il")),
    ("The country declared Kim Il-sung its Eternal President.", ("compound", "eternal-president-declared")),
])
def test_mentions_are_recognised_in_many_phrasings(registry, text, expected):
    assert expected in mentioned(registry, text)


def test_coordinated_elliptic_and_relative_ordinals(registry):
    assert mentioned(registry, "The 6th and 7th congresses met.") == [
        ("ordinal", "congress-6"), ("ordinal", "congress-7")]
    assert ("elliptic", "congress-7") in mentioned(registry, "The 6th Congress met in 1980 and the 7th in 2016.")
    assert ("relative", "congress-6") in mentioned(registry, "The 7th Congress came long after the previous congress.")


def test_an_ordinal_that_ranks_within_a_period_is_no_member(registry):
    """"the first congress since 1980" is not the 1st Congress."""
    assert ("ordinal", None) not in mentioned(registry, "It was the first congress since 1980.")
    assert all(how != "ordinal" for how, _ in mentioned(registry, "It was the first party congress in 36 years."))


# -- dates -------------------------------------------------------------------------------------
def test_a_wrong_date_next_to_a_mention_is_an_error_at_its_column(registry):
    text = "# History\n\nAfter the war, the party grew.\nThe 4th Congress met in 1965.\n"
    found = [f for f in check(registry, text) if f.code is Code.DATE_MISMATCH]
    assert len(found) == 1
    finding = found[0]
    assert (finding.location.line, finding.location.column) == (4, 25)
    assert finding.fact == "congress-4"
    assert finding.related == registry.facts["congress-4"].location
    assert "11–18 September 1961" in finding.message
    assert finding.suggestion == "{fact}`11–18 September 1961 <congress-4>`"


def test_the_right_date_is_silent_and_suggests_the_reference(registry):
    found = check(registry, "The 4th Congress met in September 1961.\n")
    assert not [f for f in found if f.severity is Severity.ERROR]
    uncited = [f for f in found if f.code is Code.CLAIM_UNCITED and f.fact == "congress-4"]
    assert [f.suggestion for f in uncited] == ["{fact}`September 1961 <congress-4>`"]


def test_a_contradicted_claim_is_an_error_not_also_uncited(registry):
    found = check(registry, "The 4th Congress met in 1965.\n")
    assert not [f for f in found if f.code is Code.CLAIM_UNCITED and "1965" in f.message]


@pytest.mark.parametrize("text", [
    "Kim Il Sung died in 1996.",
    "The death of Kim Il Sung in 1995 ended an era.",
    "Kim Il Sung died in 1994 and Kim Jong Il in 2012.",
    "The 6th Congress met in 1980 and the 7th in 2015.",
    "The 6th and 7th congresses met in 1980 and 2015 respectively.",
    "In 1965, the 4th Congress hailed the victors.",
    "The May 2010 conference met.",
    "Kim Jong Un was born in 1990.",
])
def test_wrong_dates_fire(registry, text):
    assert any(code == "date.mismatch" for code, _ in errors(registry, text)), text


@pytest.mark.parametrize("text", [
    "Kim Il Sung died in July 1994.",
    "Kim Il Sung died in 1994 and Kim Jong Il in 2011.",
    "The 6th and 7th congresses met in 1980 and 2016 respectively.",
    "The 7th Congress was the first since 1980.",
    "The 7th Congress, unlike the one in 1980, was announced in advance.",
    "Compared with 1980, the 7th Congress was small.",
    "The 7th Congress met in 2016; the previous one had met in 1980.",
    "Kim Il Sung's death was announced on 9 July 1994.",
    "The 7th Congress met for four days, from 6 to 9 May 2016.",
])
def test_comparisons_and_reported_dates_are_silent(registry, text):
    assert errors(registry, text) == [], text


def test_a_weekday_must_fit_its_date(registry):
    assert ("date.weekday", "congress-7") in errors(registry, "The 7th Congress opened on Sunday, 6 May 2016.")
    assert errors(registry, "The 7th Congress opened on Friday, 6 May 2016.") == []


# -- numbers -----------------------------------------------------------------------------------
def test_a_number_with_a_unit_states_the_quantity_of_the_fact_it_is_written_with(registry):
    assert ("number.mismatch", "delegates-7") in errors(registry, "The 7th Congress had 4,000 delegates.")
    assert errors(registry, "The 7th Congress had 3,467 delegates.") == []
    assert errors(registry, "The 7th Congress had some 3,500 delegates.") == []  # hedged, rounds to it
    assert errors(registry, "The 6th Congress had 4,000 delegates.") == []  # no quantity for it


def test_durations_anniversaries_and_counts(registry):
    assert ("number.mismatch", "gap-6-7") in errors(registry, "The 7th Congress came 40 years after the 6th.")
    assert errors(registry, "The 7th Congress came 36 years after the 6th.") == []
    assert ("number.mismatch", "gap-6-7") in errors(registry, "The 7th Congress was the first congress in 26 years.")
    assert ("number.mismatch", "gap-6-7") in errors(
        registry, "The 6th Congress met in 1980 and the 7th in 2016. Forty years separated the two congresses.")
    assert ("number.mismatch", "death-kim-il-sung") in errors(
        registry, "The Eternal President title was created in 1998, six years after Kim Il Sung's death.")
    assert errors(
        registry, "The Eternal President title was created in 1998, four years after Kim Il Sung's death.") == []
    assert ("number.mismatch", "wpk") in errors(
        registry, "In 2016 the Workers' Party of Korea marked its 70th anniversary.")
    assert errors(registry, "In 2015 the Workers' Party of Korea marked its 70th anniversary.") == []
    assert ("number.mismatch", "conference-count") in errors(
        registry, "Before the 7th Congress, the party had held three conferences.")
    assert errors(registry, "Before the 7th Congress, the party had held two conferences.") == []


# -- titles, existence, lifetimes --------------------------------------------------------------
def test_a_title_must_be_held_at_the_sentences_date(registry):
    assert ("office.not-held", "general-secretary") in errors(
        registry, "In 2016, General Secretary Kim Jong Un opened the 7th Congress.")
    assert errors(registry, "In 2013, First Secretary Kim Jong Un spoke.") == []
    assert ("office.not-held", "general-secretary") in errors(registry, "Kim Jong Un became General Secretary in 2016.")
    assert errors(registry, "Kim Jong Un became General Secretary in January 2021.") == []


def test_a_title_is_not_read_when_the_sentence_looks_ahead(registry):
    assert errors(registry, "In 2010 Kim Jong Un would later become First Secretary.") == []


def test_something_named_before_it_existed(registry):
    assert ("existence.anachronism", "un-coi") in errors(registry, "The Commission of Inquiry reported in 2012.")
    assert errors(registry, "The Commission of Inquiry reported in 2014.") == []


def test_a_person_acting_outside_their_lifetime(registry):
    assert ("lifetime.prose", "kim-il-sung") in errors(registry, "Kim Il Sung opened the 7th Congress in 2016.")
    assert ("lifetime.prose", "kim-jong-un") in errors(registry, "Kim Jong Un attended the 6th Congress in 1980.")
    assert errors(registry, "Kim Il Sung addressed the 6th Congress in 1980.") == []


@pytest.mark.parametrize("text", [
    "Kim Il Sung was posthumously named Eternal President in 1998.",
    "After his death in 1994, Kim Il Sung was declared Eternal President in 1998.",
    "Kim Il Sung's portrait hung over the 7th Congress in 2016.",
    "Kim Jong Il would not live to see the 7th Congress in 2016.",
])
def test_reported_history_is_not_a_lifetime_error(registry, text):
    assert errors(registry, text) == [], text


# -- known-wrong values ------------------------------------------------------------------------
def test_a_superseded_value_in_other_words(registry):
    found = [f for f in check(registry, "In 1988, the country declared Kim Il-sung its Eternal President.\n")
             if f.severity is Severity.ERROR]
    assert [(f.code, f.fact) for f in found] == [(Code.SUPERSEDED_REUSED, "eternal-president-declared")]
    old = registry.facts["eternal-president-declared"].superseded[0]
    assert found[0].related == old.location
    assert "revised in 1998" in found[0].message


def test_a_superseded_value_next_to_a_name_mention(registry):
    assert ("superseded.reused", "arirang") in errors(registry, "The Arirang Mass Games were staged in 1980.")
    assert errors(registry, "The Arirang Mass Games were first staged in 2002.") == []
    assert ("superseded.reused", "arirang") in errors(registry, "The 6th Congress in 1980 had the Arirang Mass Games.")


def test_superseded_names_quotations_and_the_sources_words(registry):
    assert ("superseded.reused", "wpk") in errors(registry, "The Workers Party of Korea met.")
    assert ("superseded.reused", "coi-quote") in errors(
        registry, "The commission found crimes “pursuant to policies at the highest level of the state”.")
    assert ("superseded.reused", "eternal-president-declared") in errors(
        registry, "Reports said Kim Il Sung was declared the Eternal President of the country in 1988.")


def test_a_sentence_reporting_the_wrong_claim_is_not_the_authors(registry):
    assert errors(registry, "The Q&A says Kim Il Sung was declared Eternal President in 1988.") == []


# -- quotations --------------------------------------------------------------------------------
def test_a_quotation_put_in_someone_elses_mouth(registry):
    assert ("quote.misattributed", "coi-quote") in errors(
        registry, "Kim Jong Un said crimes were committed “pursuant to policies established at the highest level of "
                  "the State”.")
    assert errors(registry, "The Commission of Inquiry found crimes “pursuant to policies established at the "
                            "highest level of the State”.") == []


# -- pages that make no claims -----------------------------------------------------------------
def test_a_page_that_makes_no_claims_is_not_read(registry):
    text = "---\nfactcheck: {claims: false}\n---\nKim Il Sung died in 1996.\n"
    assert errors(registry, text) == []


def test_references_in_the_sentence_are_context(registry):
    """A plain date next to a referenced event is held to it; the reference's own words are the
    reference check's."""
    assert ("date.mismatch", "congress-7") in errors(registry, "The {fact}`7th Congress <congress-7>` met in 2015.")
    assert errors(registry, "The {fact}`7th Congress <congress-7>` met in {fact}`May 2016 <congress-7>`.") == []


def test_the_mention_index_is_built_once_per_registry(registry):
    assert mention_index(registry) is mention_index(registry)


def test_registry_without_series_or_names_reads_nothing(tmp_path: Path):
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "facts.yaml").write_text(FACTS.split("- id: kim-il-sung")[0], encoding="utf-8")
    empty = load_registry(folder, tmp_path)
    assert errors(empty, "The 4th Congress met in 1965. Kim Il Sung died in 1996.") == []
