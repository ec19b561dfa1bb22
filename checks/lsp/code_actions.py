"""Quick fixes for a page's findings, from what the checks already say: replace the words a
finding points at with its suggestion (house-style name, registry value, corrected id, the
reference or ``{phrase}`` to write), or mark an uncited claim ``{nofact}``, or reference a fact
whose date or value the claim states (ranked as completion ranks them). Every fix edits exactly the finding's
span, so it needs a check that located its words."""

from __future__ import annotations

from dataclasses import dataclass

from checks.core.codes import Code
from checks.core.findings import Finding
from checks.lsp.completion import Description, rank, score
from checks.lsp.locations import Span, location_span
from checks.registry.house_style import render_value
from checks.registry.model import Registry

# Findings whose suggestion is what to write instead of the words they point at.
_REPLACE = {
    Code.NAME_REJECTED: "Write '{s}' (house style)",
    Code.NAME_VARIANT: "Write '{s}' (house style)",
    Code.NAME_CAPITALISATION: "Write '{s}' (house style)",
    Code.NAME_NEAR_MISS: "Write '{s}'",
    Code.NAME_MISMATCH: "Write '{s}' (house style)",
    Code.DATE_MISMATCH: "Write the registry's date: {s}",
    Code.DATE_TOO_PRECISE: "Write the date as the registry knows it: {s}",
    Code.NUMBER_MISMATCH: "Write the registry's value: {s}",
    Code.REF_UNKNOWN: "Reference '{s}' instead",
}
# Claims that may be marked as not claims.
_NOFACT = {Code.CLAIM_UNCITED}
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"
MAX_REFERENCE_FIXES = 3
# The least a fact must score to be offered as the reference of an uncited date or number: the
# claim's date agrees with the fact's, or its number is the fact's value.
_STATES_IT = 3


@dataclass(frozen=True)
class Fix:
    finding: Finding
    title: str
    span: Span
    new_text: str
    preferred: bool = False


def _text(lines: list[str], span: Span) -> str:
    if span.line == span.end_line:
        return lines[span.line][span.character:span.end_character]
    return "\n".join([lines[span.line][span.character:], *lines[span.line + 1:span.end_line],
                      lines[span.end_line][:span.end_character]])


def fixes(findings: list[Finding], lines: list[str], registry: Registry | None) -> list[Fix]:
    """The quick fixes for ``findings`` of a page whose text is ``lines``."""
    found: list[Fix] = []
    for finding in findings:
        loc = finding.location
        if not loc.column or loc.end_line is None:
            continue  # the check did not place the words: nothing exact to edit
        span = location_span(loc, lines)
        written = _text(lines, span)
        suggestion = finding.suggestion
        if suggestion and suggestion.startswith("{fact}`"):
            # an uncited or contradicting mention: the reference the check suggests
            found.append(Fix(finding, f"Reference the fact: {suggestion}", span, suggestion, preferred=True))
            continue
        if suggestion and suggestion.startswith("{phrase}`"):
            # words in quotation marks that quote nobody: a term, title or name
            found.append(Fix(finding, f"Mark as a term, title or name: {suggestion}", span, suggestion))
            continue
        if suggestion and finding.code in _REPLACE:
            found.append(Fix(finding, _REPLACE[finding.code].format(s=suggestion), span, suggestion,
                             preferred=finding.code is not Code.NAME_NEAR_MISS))
            continue
        if suggestion and finding.code is Code.QUOTE_MISMATCH:
            quoted = written[:1] in _QUOTE_MARKS
            text = f"\u201c{suggestion}\u201d" if quoted else suggestion
            found.append(Fix(finding, "Quote the exact words", span, text, preferred=True))
            continue
        if finding.code in _NOFACT and "`" not in written:
            if registry is not None and finding.code is Code.CLAIM_UNCITED:
                found.extend(_reference_fixes(finding, span, written, registry))
            found.append(Fix(finding, "Mark as not a claim: {nofact}", span, f"{{nofact}}`{written}`"))
    return found


def _reference_fixes(finding: Finding, span: Span, written: str, registry: Registry) -> list[Fix]:
    """References to the facts that state what an uncited date or number says."""
    described = Description.of(written)
    if not (described.dates or described.numbers):
        return []
    candidates = [f for f in rank(registry, written)
                  if score(f, described, frozenset()) >= _STATES_IT][:MAX_REFERENCE_FIXES]
    return [Fix(finding, f"Reference {fact.id} ({render_value(fact)})", span, f"{{fact}}`{written} <{fact.id}>`")
            for fact in candidates]
