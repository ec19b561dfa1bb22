"""Quotations in prose: a passage in double quotation marks that quotes a quotation fact must
match its wording exactly (quotes and white space normalised; omissions marked with an ellipsis).

``{fact}`“words” <quote-id>``` references are checked by :mod:`checks.rules.references`; this module
reads the quoted passages written as plain prose, using the same :func:`quote_matches`.

Which fact does a passage quote? The one it matches; else the closest quotation fact, if it is
close enough: a fact referenced within ``NEAR_LINES`` lines of the passage needs a similarity of
``NEARBY_SIMILARITY``, any other quotation fact ``SIMILARITY`` (rapidfuzz partial_ratio, so a
fragment of a long quotation compares with the part it quotes). A passage of ``LONG_QUOTE`` or
more words that matches nothing registered (no quotation fact, no superseded quote, no quote of
a source claim) is reported as unattributed.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from checks.core.codes import Code
from checks.core.findings import Finding
from checks.core.text import normalise
from checks.pages.agreement import mismatch_message, quote_matches
from checks.pages.model import Page
from checks.pages.spans import fold, location_at, per_registry, quoted_spans
from checks.registry.model import Fact, Registry

NEAR_LINES = 3
NEARBY_SIMILARITY = 60.0
SIMILARITY = 85.0
MIN_WORDS = 3  # shorter passages ("parallel", "in unison") are phrases, not quotations
LONG_QUOTE = 8


def check_quotes(registry: Registry, page: Page) -> list[Finding]:
    quotations = per_registry(registry, "quotations", lambda: [
        registry.facts[fid] for fid in sorted(registry.facts) if registry.facts[fid].kind == "quotation"])
    known = per_registry(registry, "registered quotes", lambda: _registered_quotes(registry))
    ref_lines: dict[str, list[int]] = {}
    for ref in page.references:
        ref_lines.setdefault(ref.fact_id, []).append(ref.location.line)
    findings: list[Finding] = []
    for run in page.runs:
        text = fold(run.text)
        for start, end in quoted_spans(text):
            inner = text[start + 1:end - 1]
            words = len(inner.split())
            if words < MIN_WORDS:
                continue
            where = location_at(run, start)
            if any(quote_matches(inner, q) for q in known):
                continue
            fact = _closest(inner, quotations, ref_lines, where.line)
            if fact is not None:
                findings.append(Finding(
                    Code.QUOTE_MISMATCH, where, mismatch_message(fact, inner),
                    fact=fact.id, suggestion=fact.text, related=fact.line_of("text")))
            elif words >= LONG_QUOTE:
                findings.append(Finding(
                    Code.QUOTE_UNATTRIBUTED, where,
                    f"quoted passage of {words} words matches no quotation fact: register it as a "
                    f"quotation and reference it, or mark it {{nofact}}",
                    suggestion=None))
    return findings


def _registered_quotes(registry: Registry) -> list[str]:
    texts = [f.text for f in registry.facts.values() if f.kind == "quotation" and f.text]
    texts += [s.quote for f in registry.facts.values() for s in f.superseded if s.quote]
    texts += [c.quote for c in registry.claims.values() if c.quote]
    return sorted(set(texts))


def _closest(passage: str, quotations: list[Fact], ref_lines: dict[str, list[int]], line: int) -> Fact | None:
    written = normalise(passage).casefold()
    best: tuple[float, str] | None = None
    chosen = None
    for fact in quotations:
        near = any(abs(line - n) <= NEAR_LINES for n in ref_lines.get(fact.id, ()))
        threshold = NEARBY_SIMILARITY if near else SIMILARITY
        score = fuzz.partial_ratio(written, normalise(fact.text).casefold())
        if score >= threshold and (best is None or (score, fact.id) > best):
            best, chosen = (score, fact.id), fact
    return chosen
