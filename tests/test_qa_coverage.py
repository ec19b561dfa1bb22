"""Every checkable claim of the source Q&A is recorded: stated through facts, or left out with a reason.

The Q&A (Human Rights Watch, 6 May 2016) is archived in the repository, ``sources/hrw-qa-2016.txt``
(see ``sources/README.md``), so every clone can run these tests. Each date, number and registered
name in it must fall inside the quote of a ``source-claim`` record, and each such quote must be the
Q&A's exact words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.core.text import normalise
from checks.pages.prose_values import find_dates, find_numbers
from checks.project import Project

REPO = Path(__file__).resolve().parent.parent
QA = REPO / "sources" / "hrw-qa-2016.txt"


@pytest.fixture(scope="module")
def qa_text() -> str:
    if not QA.exists():
        pytest.fail(f"the archived Q&A is missing: expected {QA.relative_to(REPO)} (see sources/README.md)")
    return normalise(QA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def qa_body(qa_text) -> str:
    """The Q&A's text with its question headings and their numbers blanked (they restate, not claim)."""
    raw = QA.read_text(encoding="utf-8")
    lines = [re.sub(r"\S", "#", line) if line.strip().endswith("?") else line for line in raw.splitlines()]
    return normalise("\n".join(lines))


@pytest.fixture(scope="module")
def claims():
    registry = Project(REPO).load_registry()
    return registry, [c for c in registry.claims.values() if c.source == "hrw-qa-2016"]


def test_every_claim_quote_is_the_qas_exact_words(qa_text, claims):
    _, records = claims
    assert len(records) >= 60
    assert [c.id for c in records if normalise(c.quote) not in qa_text] == []


def test_every_claim_is_stated_or_has_a_reason(claims):
    registry, records = claims
    for claim in records:
        assert claim.facts or (claim.omitted and len(claim.omitted) > 20), claim.id
        assert all(fid in registry.facts for fid in claim.facts)


def _covered(qa_text: str, quotes: list[str], start: int, end: int) -> bool:
    for quote in quotes:
        for m in re.finditer(re.escape(quote), qa_text):
            if m.start() <= start and end <= m.end():
                return True
    return False


def test_every_date_and_number_of_the_qa_is_covered(qa_body, claims):
    _, records = claims
    quotes = [normalise(c.quote) for c in records]
    mentions = find_dates(qa_body) + find_numbers(qa_body)
    assert len(mentions) > 50
    missing = [m.text for m in mentions if not _covered(qa_body, quotes, m.start, m.end)]
    assert missing == []


def test_every_registered_name_in_the_qa_is_covered(qa_text, claims):
    """Each spelling of a person or title that the Q&A uses is recorded at least once."""
    registry, records = claims
    quotes = [normalise(c.quote) for c in records]
    forms = {normalise(n) for f in registry.facts.values() if f.kind in ("person", "office")
             for n in (*f.names(), *f.rejected) if len(n) > 8}
    used = [form for form in sorted(forms) if re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", qa_text)]
    assert len(used) >= 5
    assert [form for form in used if not any(form in quote for quote in quotes)] == []
