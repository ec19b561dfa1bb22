"""Text against value: do the author's words in a ``{fact}`words <id>``` reference agree with the fact?"""

from __future__ import annotations

import re

from checks.core.codes import Code
from checks.core.findings import Finding, Location
from checks.core.text import normalise, strip_possessive, suggest
from checks.pages.agreement import date_problems, quote_differences, quote_matches
from checks.pages.model import Page, Reference
from checks.pages.prose_values import DateMention, NumberMention, find_dates, find_numbers
from checks.pages.spans import span_location
from checks.registry.dates import FactDate
from checks.registry.house_style import format_number, render_value, wants_canonical
from checks.registry.model import NAMED_KINDS, Fact, Registry
from checks.registry.schema import ID_PATTERN

_ID = re.compile(ID_PATTERN)
# (code, message, suggestion, span): a problem with the words of a reference, and the characters
# of the words it is about (start, end), so editors can point at them and replace them.
Problem = tuple[Code, str, "str | None", tuple[int, int]]


def check_references(registry: Registry, page: Page) -> list[Finding]:
    findings: list[Finding] = []
    for ref in page.references:
        findings.extend(check_reference(registry, ref))
    return findings


def check_reference(registry: Registry, ref: Reference) -> list[Finding]:
    if not _ID.match(ref.fact_id):
        return [Finding(Code.REF_MALFORMED, ref.location,
                        f"cannot read {{fact}}`{ref.raw}`: write {{fact}}`id` or {{fact}}`your words <id>`")]
    fact = registry.facts.get(ref.fact_id)
    if fact is None:
        match = suggest(ref.fact_id, registry.facts)
        hint = f"; did you mean '{match}'?" if match else ""
        target = ref.target_offset
        return [Finding(Code.REF_UNKNOWN, _located(ref, target, target + len(ref.fact_id)),
                        f"unknown fact '{ref.fact_id}'{hint}", fact=ref.fact_id, suggestion=match)]
    if ref.words is None:
        return []
    check = _CHECKS[fact.kind]
    return [
        Finding(code, _located(ref, ref.words_offset + start, ref.words_offset + end), message, fact=fact.id,
                suggestion=suggestion, related=fact.location)
        for code, message, suggestion, (start, end) in check(fact, ref.words)
    ]


def _located(ref: Reference, start: int, end: int) -> Location:
    """The reference's line, with the span of its content from ``start`` to ``end`` where the
    extractor placed it on that line, else the span of the whole role."""
    where = span_location(ref.location.path, ref.location.line, ref.anchors, start, end)
    return where if where.column else ref.location


def _dated(date: FactDate, mentions: list[DateMention]) -> list[Problem]:
    """date_problems, each at the written date it is about."""
    return [(code, message, suggestion, (mention.start, mention.end))
            for mention in mentions for code, message, suggestion in date_problems(date, [mention])]


def _check_name(fact: Fact, words: str) -> list[Problem]:
    written = strip_possessive(words)
    accepted = {normalise(n) for n in fact.names()}
    whole = (0, len(words))
    if written in accepted or normalise(words) in accepted:
        # The same name policy as in prose (checks/rules/names.py): a variant that house style
        # writes canonically is a warning inside a reference too.
        variant = written if written in accepted else normalise(words)
        if any(normalise(v) == variant for v in fact.accepted) and wants_canonical(fact, variant):
            return [(Code.NAME_VARIANT, f"'{variant}' is an accepted variant; house style writes '{fact.name}'",
                     fact.name, (0, len(variant)) if words.startswith(variant) else whole)]
        return []
    if written in {normalise(r) for r in fact.rejected}:
        return [(Code.NAME_MISMATCH, f"'{written}' is a rejected spelling of {fact.name}; write '{fact.name}'",
                 fact.name, whole)]
    return [(Code.NAME_MISMATCH, f"'{written}' is not a registered form of {fact.id} "
             f"(canonical: '{fact.name}'; accepted: {', '.join(fact.names()[1:]) or 'none'})", fact.name, whole)]


def _numbers_outside(words: str, mentions: list[DateMention]) -> list[NumberMention]:
    spans = [(m.start, m.end) for m in mentions]
    return [n for n in find_numbers(words) if not any(a <= n.start < b for a, b in spans)]


def _check_event(fact: Fact, words: str) -> list[Problem]:
    assert fact.date is not None  # the schema requires an event's date
    mentions = find_dates(words)
    problems = _dated(fact.date, mentions)
    numbers = _numbers_outside(words, mentions)
    for number in numbers:
        if fact.ordinal is None or number.value != fact.ordinal:
            expected = f"its ordinal is {fact.ordinal}" if fact.ordinal is not None else "it has no ordinal"
            problems.append((Code.NUMBER_MISMATCH, f"'{number.text}' does not match {fact.id}: {expected}",
                             str(fact.ordinal) if fact.ordinal is not None else None, (number.start, number.end)))
    if not mentions and not numbers:
        names = {normalise(n) for n in fact.names()}
        if strip_possessive(words) not in names:
            problems.append((Code.DATE_MISSING, f"'{words}' states neither the date, the ordinal nor the name "
                             f"of {fact.id}; write plain text, or state the date ({render_value(fact)})",
                             render_value(fact), (0, len(words))))
    return problems


def _check_quantity(fact: Fact, words: str) -> list[Problem]:
    mentions = find_dates(words) if fact.date else []
    problems = _dated(fact.date, mentions) if fact.date else []
    numbers = _numbers_outside(words, mentions)
    assert fact.value is not None  # the schema requires a quantity's value
    if not numbers:
        return [*problems, (Code.NUMBER_MISMATCH, f"'{words}' states no number; the value is {render_value(fact)}",
                            render_value(fact), (0, len(words)))]
    for number in numbers:
        if number.value != fact.value:
            problems.append((Code.NUMBER_MISMATCH, f"'{number.text}' is not the value of {fact.id}: "
                             f"{format_number(fact.value)}", format_number(fact.value), (number.start, number.end)))
    return problems


def _check_quotation(fact: Fact, words: str) -> list[Problem]:
    assert fact.text is not None  # the schema requires a quotation's text
    mentions = find_dates(words)
    if fact.date and mentions and not normalise(words).startswith(('"', "'")):
        # Words that state a date (not quoted words) claim when the quotation was said.
        return _dated(fact.date, mentions)
    if quote_matches(words, fact.text):
        return []
    differences = quote_differences(words, fact.text) or [
        f"the exact wording is \u201c{fact.text}\u201d (punctuation or capitals differ)"]
    return [(Code.QUOTE_MISMATCH, f"quoted words differ from {fact.id}: " + "; ".join(differences), fact.text,
             (0, len(words)))]


_CHECKS = {
    "person": _check_name,
    "organisation": _check_name,
    "office": _check_name,
    "event": _check_event,
    "quantity": _check_quantity,
    "quotation": _check_quotation,
}
assert set(_CHECKS) >= set(NAMED_KINDS)
