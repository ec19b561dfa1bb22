"""Property-based tests: arbitrary input never raises anything but the project's own error type.

The prose parsers and the page extractor must never raise at all; the registry loader may raise
only :class:`checks.core.errors.FactcheckError` subclasses; a registry that loads must then survive every
check, whatever the words written against its facts. Deterministic (``derandomize``) and quick.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import MYST, ROOTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.core.errors import FactcheckError
from checks.core.findings import Location
from checks.engine import check_project
from checks.pages.extract import extract_page
from checks.pages.model import Reference
from checks.pages.prose_values import find_dates, find_numbers
from checks.registry.loader import load_registry
from checks.registry.model import DERIVATION_RULES
from checks.registry.schema import RECORD_FIELDS
from checks.rules.references import check_reference

SETTINGS = settings(max_examples=200, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Fragments that the parsers care about, mixed with arbitrary text: random unicode alone rarely
# reaches the interesting branches.
DATE_WORDS = ["May", "Sept.", "december", "6", "31", "32", "0", "1980", "2016", "1990s", "1990\u2019s", "between",
              "and", "to", "until", "in ", "early ", "\u2013", "\u2014", "-", ",", " ", "th", "st", "9999", "1000"]
NUMBER_WORDS = ["a", "an", "million", "hundred", "thousand", "billion", "seventh", "twentieth", "and", "one",
                "nineteen", "ninety", "1,000", "1,000,000", "3.5", "70th", "0", "-", " ", ",", ".", "hundredth",
                "99999999999999999999", "1e9", "\u0663"]
MARKUP = ["{fact}`", "{nofact}`", "`", "<", ">", "congress-7", "kim-jong-un", "May 6 ", "\n", "\n\n", "```",
          "```{note}\n", "```{code}\n", ":::", ":::{note}\n", "---\n", "as_of: ", "# ", "* ", "> ", "[a](",
          ")", "<b>", "\\", "{", "}", ":key: v\n", "|a|b|\n", "\t", "\u2019s", "\ufeff", "\r\n", "$$", "%"]


def _mixed(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(words), st.text(max_size=6)), max_size=30).map("".join)


prose = st.one_of(st.text(max_size=200), _mixed(DATE_WORDS), _mixed(NUMBER_WORDS))
markdown = st.one_of(st.text(max_size=300), _mixed(MARKUP + DATE_WORDS))


@SETTINGS
@given(prose)
def test_find_dates_never_raises(text: str) -> None:
    mentions = find_dates(text)
    ends = -1
    for m in mentions:
        assert text[m.start:m.end] == m.text and m.start >= ends  # in order, never overlapping
        ends = m.end
        for part in m.parts:
            part.bounds(2016)  # bounds of an impossible day (31 February) are None, not an error


@SETTINGS
@given(prose)
def test_find_numbers_never_raises(text: str) -> None:
    for n in find_numbers(text):
        assert text[n.start:n.end] == n.text
        assert isinstance(n.value, (int, float))


@SETTINGS
@given(markdown)
def test_extract_page_never_raises(text: str) -> None:
    page = extract_page(text, "docs/p.md", "p", MYST)
    lines = max(1, len(text.splitlines()) + 1)
    for item in (*page.references, *page.runs, *page.not_claims):
        assert 1 <= item.location.line <= lines, (item, text)


# -- the checks against a real registry, with arbitrary words ---------------------------------------
BASIC = load_registry(ROOTS / "test-basic" / "facts", ROOTS / "test-basic")


@SETTINGS
@given(st.sampled_from(sorted(BASIC.facts)), st.one_of(prose, _mixed(["Kim", "Jong", "Un", "Un's", "-un", "\u2019",
                                                                   "\u201c", "\u2026", "...", '"', "'"])))
def test_agreement_never_raises(fact_id: str, words: str) -> None:
    """The name matcher, date and number agreement and quotation matching, on any words."""
    ref = Reference(fact_id, words, f"{words} <{fact_id}>", Location("docs/p.md", 1))
    for finding in check_reference(BASIC, ref):
        assert finding.location == ref.location


@SETTINGS
@given(st.text(max_size=40))
def test_unknown_or_malformed_ids_never_raise(fact_id: str) -> None:
    ref = Reference(fact_id, None, fact_id, Location("docs/p.md", 1))
    check_reference(BASIC, ref)


# -- the registry loader --------------------------------------------------------------------------
YAMLISH = ["- ", "id: ", "kind: ", "event", "person", "source", "quantity", "label: ", "date: ", "2016-05-06",
           "1980/1970", "sources: ", "[", "]", "{", "}", "src-a", "\n", "  ", "&a ", "*a", "!!python/object ",
           "!tag ", "'", '"', ": ", "#", "---\n", "...\n", "? ", "|\n", ">\n", ",", "value: ", "1e400", "-1",
           "status: ", "verified", "<<: ", "\t", "\x00", "\ufeff", "%YAML 1.2\n", "derived: ", "rule: "]


def _load_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        facts = Path(tmp) / "facts"
        facts.mkdir()
        (facts / "a.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            registry = load_registry(facts, Path(tmp))
        except FactcheckError:
            return
        check_project(registry, [])


@SETTINGS
@given(st.one_of(st.text(max_size=300), _mixed(YAMLISH)))
def test_loader_on_arbitrary_text(text: str) -> None:
    _load_text(text)


def _value(depth: int = 2) -> st.SearchStrategy:
    scalars = st.one_of(st.text(max_size=12), st.integers(-5, 3000), st.booleans(), st.none(),
                        st.sampled_from(["2016-05-06", "1980", "1980-10", "~1946-08?", "2016-05-06/2016-05-09",
                                         "src-a", "congress-7", "gap", "verified", "true", "36", "3.5",
                                         "https://example.org", "javascript:x"] + list(DERIVATION_RULES)))
    if depth == 0:
        return scalars
    return st.one_of(scalars, st.lists(_value(depth - 1), max_size=3),
                     st.dictionaries(st.sampled_from(["person", "start", "end", "value", "reason", "source",
                                                      "accepted", "rejected", "rule", "from", "to", "series",
                                                      "by", "quote", "x"]), _value(depth - 1), max_size=4))


# Built once: a strategy built inside each draw is rebuilt and revalidated every time (90% of this
# test's time went there).
VALUE = _value()
ALL_KEYS = sorted({key for fields in RECORD_FIELDS.values() for key in fields} | {"bogus"})


@st.composite
def records(draw) -> list:
    """Records that are close to valid: a real kind, mostly real keys, values of any shape."""
    result = [{"id": "src-a", "kind": "source", "title": "T", "publisher": "P", "url": "https://example.org",
               "retrieved": "2026-11-28"}]
    for i in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(sorted(RECORD_FIELDS)))
        required = {k: s for k, s in RECORD_FIELDS[kind].items() if s.required}
        record = {"id": draw(st.sampled_from([f"fact-{i}", "src-a", "congress-7", "Bad Id", f"fact-{i}"])),
                  "kind": kind}
        for key in required:
            record.setdefault(key, draw(VALUE))
        for key in draw(st.lists(st.sampled_from(ALL_KEYS), max_size=4)):
            record[key] = draw(VALUE)
        result.append(record)
    return result


@pytest.mark.slow
@SETTINGS
@given(records())
def test_loader_on_arbitrary_records(data: list) -> None:
    _load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
