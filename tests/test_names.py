"""Names in prose: rejected spellings, variants, near-misses and capitalisation (checks/names.py)."""

from __future__ import annotations

import pytest
from prose_registry import make_registry, page
from rapidfuzz import fuzz

from checks.rules.names import DISTINCT_NAMES, NEAR_MISS_THRESHOLD, check_names


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return make_registry(tmp_path_factory.mktemp("names"))


def findings(registry, text: str):
    return check_names(registry, page(text))


def codes(registry, text: str) -> list[str]:
    return [f.code.code for f in findings(registry, text)]


CLEAN = """\
# Kim Jong Un’s congress

The {fact}`wpk` (WPK) met in May. Kim Il Sung founded it; Kim Jong Il led it after him, and
Kim Jong Un has led it since 2011. The Workers’ Party of Korea elected a new Central Committee
and the Politburo met. He is First Secretary of the party. North Korean media praised the
7th Congress, the first since the 6th Party Congress. Kim Yo Jong, Choe Ryong Hae, Pak Pong Ju
and Kim Yong Il were there. The Central Military Commission met too.
"""


def test_clean_prose_is_silent(registry):
    assert findings(registry, CLEAN) == []


def test_rejected_spelling_is_an_error_with_the_canonical_suggestion(registry):
    [f] = findings(registry, "Text.\n\nThen Kim Jung Un spoke.\n")
    assert f.code.code == "name.rejected"
    assert f.suggestion == "Kim Jong Un" and f.fact == "kim-jong-un"
    assert f.location.line == 3
    assert f.related.path == "facts/facts.yaml"


def test_rejected_spelling_across_a_line_break_and_possessive(registry):
    [f] = findings(registry, "The speech was\nKim Jung\nUn's first.\n")
    assert (f.code.code, f.location.line) == ("name.rejected", 2)


def test_person_variant_is_a_warning(registry):
    [f] = findings(registry, "Kim Il-sung founded the state.\n")
    assert (f.code.code, f.suggestion) == ("name.variant", "Kim Il Sung")
    # another romanisation of a person, too
    assert codes(registry, "Kim Chong Il died in 2011.\n") == ["name.variant"]


def test_organisation_variants_only_when_they_spell_the_same_name(registry):
    # "North Korea", "KWP", "Korean Workers' Party" are accepted in prose as they are
    assert codes(registry, "North Korea's KWP, the Korean Workers' Party, met.\n") == []
    # a variant that only re-punctuates the canonical or short form is not house style
    [f] = findings(registry, "The W.P.K. met.\n")
    assert (f.code.code, f.suggestion) == ("name.variant", "Workers' Party of Korea")
    # an office's shorter title is a different name, accepted as it is
    assert codes(registry, "He became First-Secretary, then First Secretary.\n") == []


def test_names_inside_quotations_code_and_urls_are_not_read(registry):
    assert codes(registry, 'The Q&A writes “Kim Jung Un said so” and `Kim Jung Un`.\n') == []
    assert codes(registry, "See https://example.org/Kim_Jung_Un and <https://example.org/Kim Jung Un>.\n") == []


@pytest.mark.parametrize("slip, meant", [
    ("Kim Jong Um", "Kim Jong Un"),      # one letter
    ("Kim Jon Un", "Kim Jong Un"),       # one letter left out
    ("Kim Ill Sung", "Kim Il Sung"),     # one letter too many
    ("Kim Jong Ul", "Kim Jong Il"),
    ("Workers Party", "Workers' Party"),  # missing apostrophe (house term)
    ("Kim Jong-um", "Kim Jong Un"),      # slip in a variant: suggest the canonical name
    ("Kim Jong Unn", "Kim Jong Un"),     # a doubled letter is a slip, not an ending
    ("Arirang Mass Game", "Arirang Mass Games"),  # even where a shorter registered name ("Arirang") sits inside
])
def test_near_misses_are_flagged_with_a_suggestion(registry, slip, meant):
    [f] = findings(registry, f"Later {slip} spoke.\n")
    assert f.code.code == "name.near-miss"
    assert f.suggestion == meant


@pytest.mark.parametrize("name", ["Kim Jong Il", "Kim Jong Un", "Kim Il Sung", "Kim Yo Jong", "Choe Ryong Hae",
                                  "Pak Pong Ju", "Kim Jong Nam", "Kim Jong Suk", "Kim Yong Il", "Kim Yong Nam",
                                  "Kim Kyong Hui", "Ri Yong Ho"])
def test_distinct_people_are_not_near_misses(registry, name):
    assert codes(registry, f"Later {name} spoke.\n") == []


def test_threshold_separates_measured_slips_from_distinct_names():
    slips = [("Kim Jong Um", "Kim Jong Un"), ("Kim Il Sun", "Kim Il Sung"), ("Workers Party", "Workers' Party")]
    distinct = [("Kim Jong Il", "Kim Jong Un"), ("Kim Jong Nam", "Kim Jong Un"), ("Kim Jong Suk", "Kim Jong Un"),
                ("Kim Yo Jong", "Kim Jong Un"), ("Pak Pong Ju", "Kim Il Sung")]
    for a, b in slips:
        assert fuzz.ratio(a.casefold(), b.casefold()) >= NEAR_MISS_THRESHOLD, (a, b)
    for a, b in distinct:
        assert fuzz.ratio(a.casefold(), b.casefold()) < NEAR_MISS_THRESHOLD, (a, b)
    # the one real person a letter away from a registered name is listed, not guessed
    assert fuzz.ratio("kim yong il", "kim jong il") >= NEAR_MISS_THRESHOLD and "kim yong il" in DISTINCT_NAMES


def test_inflections_and_lower_case_words_are_not_near_misses(registry):
    assert codes(registry, "North Koreans and First Secretaries; the kim jong um of it.\n") == []


@pytest.mark.parametrize("text, expected", [
    ("The party's politburo met.", "Politburo"),
    ("The workers' party met.", "Workers' Party"),
    ("The Workers' party met.", "Workers' Party"),
    ("It named the central committee.", "Central Committee"),
    ("The party’s central committee met.", "Central Committee"),
    ("The 7th congress opened.", "Congress"),
    ("The 7th party congress opened.", "Congress"),
    ("The 3rd conference met.", "Conference"),
    ("The central military commission met.", "Central Military Commission"),
])
def test_capitalisation_rules_fire(registry, text, expected):
    [f] = findings(registry, text + "\n")
    assert (f.code.code, f.suggestion) == ("name.capitalisation", expected)


def test_capitalisation_leaves_generic_uses_alone(registry):
    assert codes(registry, "Delegates elect a new central committee at every party congress; the first "
                           "congress in decades and a conference of officials.\n") == []


def test_output_is_deterministic(registry):
    text = "Kim Jung Un, Kim Il-sung and Kim Jong Um met the politburo.\n"
    first = findings(registry, text)
    assert [f.code.code for f in first] == ["name.capitalisation", "name.near-miss", "name.rejected", "name.variant"]
    assert all(findings(registry, text) == first for _ in range(3))


# --- one name policy for prose and references ---------------------------------------------------
def test_an_accepted_romanisation_in_a_reference_is_a_variant_as_in_prose(tmp_path):
    from checks.core.findings import Location
    from checks.pages.model import Reference
    from checks.rules.references import check_reference

    registry = make_registry(tmp_path)
    ref = Reference("kim-jong-un", "Kim Jong-un's", "Kim Jong-un's <kim-jong-un>", Location("docs/page.md", 3))
    [finding] = check_reference(registry, ref)
    assert (finding.code.code, finding.suggestion) == ("name.variant", "Kim Jong Un")
    prose_findings = check_names(registry, page("Kim Jong-un spoke.\n"))
    assert [f.code.code for f in prose_findings] == ["name.variant"]


def test_another_name_in_its_own_right_is_silent_in_a_reference(tmp_path):
    from checks.core.findings import Location
    from checks.pages.model import Reference
    from checks.rules.references import check_reference

    registry = make_registry(tmp_path)
    for words, fid in (("North Korea", "dprk"), ("Kim Jong Un", "kim-jong-un"), ("WPK", "wpk")):
        ref = Reference(fid, words, f"{words} <{fid}>", Location("docs/page.md", 3))
        assert check_reference(registry, ref) == [], words
