"""Quotations in prose: every passage in double quotation marks, of any length, either quotes a
registered quotation exactly (quotes and white space normalised; omissions marked with an
ellipsis) or is marked as a term, title or name with ``{phrase}`“…”```.

``{fact}`“words” <quote-id>``` references are checked by :mod:`checks.rules.references`; this module
reads the quoted passages written as plain prose, using the same :func:`quote_matches`, and names
the words that differ with the same :func:`quote_differences`.

What does a passage quote?

- A registered wording it matches: a quotation fact's text, a superseded quote, a source claim's
  quote. A passage of fewer than ``MIN_WORDS`` words ("established", "any parallel") is a
  fragment that any long quotation may happen to contain, so it counts as quoting a wording only
  when the page references a fact that wording belongs to.
- Otherwise the closest quotation fact, if it is close enough: a fact referenced within
  ``NEAR_LINES`` lines of the passage needs a similarity of ``NEARBY_SIMILARITY``, any other
  quotation fact ``SIMILARITY`` (rapidfuzz partial_ratio, so a fragment of a long quotation
  compares with the part it quotes), and in any case at least ``SHARED_CONTENT`` of the passage's
  content words. A short fragment has too few letters for a similarity: it misquotes a quotation
  referenced near it that has enough of its content words ("creative application" next to
  "... constructive application of ..."). That is a misquotation (``quote.mismatch``, an error).
- Nothing: the passage is an unregistered quotation, or a term that wants marking
  (``quote.unattributed``).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from checks.core.codes import Code
from checks.core.findings import Finding
from checks.core.text import fold, normalise
from checks.pages.agreement import quote_differences, quote_matches
from checks.pages.model import Page
from checks.pages.spans import location_at, per_registry, quoted_spans
from checks.registry.model import Fact, Registry

NEAR_LINES = 3
NEARBY_SIMILARITY = 60.0
SIMILARITY = 85.0
MIN_WORDS = 3  # shorter passages ("parallel", "any parallel") are fragments or terms
CONTENT_WORD = 4  # letters in a word that carries meaning ("application", not "of the")
SHARED_CONTENT = 0.5  # share of a passage's content words a quotation it misquotes must have


def check_quotes(registry: Registry, page: Page) -> list[Finding]:
    quotations = per_registry(registry, "quotations", lambda: registry.of_kind("quotation"))
    known = per_registry(registry, "registered quotes", lambda: _registered_quotes(registry))
    ref_lines: dict[str, list[int]] = {}
    for ref in page.references:
        ref_lines.setdefault(ref.fact_id, []).append(ref.location.line)
    # Lines that reference what the registry does not hold (a typo, or a record that could not be
    # loaded): what a passage near them quotes may be in that record, so it is not judged unattributed.
    unresolved = [ref.location.line for ref in page.references if ref.fact_id not in registry.facts]
    findings: list[Finding] = []
    for run in page.runs:
        text = fold(run.text)
        for start, end in quoted_spans(text):
            inner = text[start + 1:end - 1]
            short = len(inner.split()) < MIN_WORDS
            where = location_at(run, start, end)
            if any(quote_matches(inner, wording) and (not short or owners & ref_lines.keys())
                   for wording, owners in known):
                continue
            fact = _closest(inner, quotations, ref_lines, where.line, short)
            if fact is not None:
                assert fact.text is not None  # the loader requires a quotation's text
                differences = quote_differences(inner, fact.text) or [
                    f"the exact wording is \u201c{fact.text}\u201d (punctuation or capitals differ)"]
                findings.append(Finding(
                    Code.QUOTE_MISMATCH, where,
                    f"quoted words differ from {fact.id}: " + "; ".join(differences),
                    fact=fact.id, suggestion=fact.text, related=fact.line_of("text")))
                continue
            if any(abs(where.line - line) <= NEAR_LINES for line in unresolved):
                continue
            passage = normalise(inner)
            findings.append(Finding(
                Code.QUOTE_UNATTRIBUTED, where,
                f"\u201c{passage}\u201d is in quotation marks but quotes no registered quotation: if "
                f"someone said or wrote it, register it as a quotation and reference it; if it is a "
                f"term, title or name, mark it {{phrase}}`\u201c{passage}\u201d`",
                suggestion=f"{{phrase}}`\u201c{passage}\u201d`"))
    return findings


def _registered_quotes(registry: Registry) -> list[tuple[str, frozenset[str]]]:
    """Every registered wording, with the facts it belongs to (a quotation's own id, the fact a
    superseded quote was corrected on, the facts a source claim is stated by)."""
    owners: dict[str, set[str]] = {}
    for fact in registry.facts.values():
        if fact.kind == "quotation" and fact.text:
            owners.setdefault(fact.text, set()).add(fact.id)
        for old in fact.superseded:
            if old.quote:
                owners.setdefault(old.quote, set()).add(fact.id)
    for claim in registry.claims.values():
        if claim.quote:
            owners.setdefault(claim.quote, set()).update(claim.facts)
    return [(text, frozenset(ids)) for text, ids in sorted(owners.items())]


def _closest(passage: str, quotations: list[Fact], ref_lines: dict[str, list[int]], line: int,
             short: bool) -> Fact | None:
    """The quotation fact ``passage`` most likely misquotes, or None (see the module's docstring)."""
    written = normalise(passage).casefold()
    best: tuple[float, str] | None = None
    chosen = None
    for fact in quotations:
        exact = normalise(fact.text or "").casefold()
        near = any(abs(line - n) <= NEAR_LINES for n in ref_lines.get(fact.id, ()))
        # Whatever the letters, a passage that shares few content words with a quotation does not
        # quote it ("of the Congress" is not a misquotation of "... of the numerous state affairs").
        if _shared_content(written, exact) < SHARED_CONTENT:
            continue
        score = fuzz.partial_ratio(written, exact)
        # A short fragment has too few letters for a character similarity: next to a quotation,
        # sharing its content words is enough ("creative application").
        if (short and not near) or (not short and score < (NEARBY_SIMILARITY if near else SIMILARITY)):
            continue
        if best is None or (score, fact.id) > best:
            best, chosen = (score, fact.id), fact
    return chosen


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w'-]+", text) if len(w) >= CONTENT_WORD}


def _shared_content(written: str, exact: str) -> float:
    """The share of the passage's content words that the quotation has (0 when it has none)."""
    words = _content_words(written)
    return len(words & _content_words(exact)) / len(words) if words else 0.0
