"""Completion of fact ids in ``{fact}`words <|`` and right after ``{fact}`|``, ranked by what the
words already written say: a written date offers the facts dated then (compared as the checks
compare them), a number the quantities of that value or the events of that ordinal, words the
facts whose names share them. Choosing a fact after words writes ``words <id>``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checks.core.codes import Code
from checks.core.text import fold
from checks.pages.agreement import date_problems
from checks.pages.prose_values import (
    DateMention,
    NumberMention,
    find_dates,
    find_numbers,
)
from checks.pages.spans import per_registry
from checks.registry.house_style import render_value
from checks.registry.model import Fact, Registry

# {fact}`words <partial-id|   and   {fact}`typed|
_IN_TARGET = re.compile(r"\{fact\}`(?P<words>[^`<]*)<(?P<partial>[^`<>\s]*)$")
_AFTER_OPENING = re.compile(r"\{fact\}`(?P<typed>[^`<]*)$")
_ID_LIKE = re.compile(r"^[a-z0-9-]*$")
_TOKEN = re.compile(r"[a-z0-9]+")
# Words every fact shares or none: they say nothing about which fact is meant.
_COMMON = frozenset(["the", "of", "and", "in", "on", "at", "a", "an", "to", "by", "for", "from", "with", "was",
                     "is", "its", "his", "her", "their"])
MAX_ITEMS = 60
# How much of the sentence before a role counts, when the role has no words yet.
CONTEXT_CHARACTERS = 120


@dataclass(frozen=True)
class CompletionContext:
    """Where the cursor is: the characters of the id (or words) typed so far, and the words that
    rank the facts."""

    start: int  # character where the typed part begins (it ends at the cursor)
    typed: str
    words: str
    in_target: bool


def completion_context(before_cursor: str) -> CompletionContext | None:
    """Read a line up to the cursor: inside the ``<...>`` of a fact role, or right after its
    opening backtick; None elsewhere."""
    m = _IN_TARGET.search(before_cursor)
    if m:
        return CompletionContext(m.start("partial"), m["partial"], m["words"], True)
    m = _AFTER_OPENING.search(before_cursor)
    if m:
        typed = m["typed"]
        words = typed if typed.strip() and not is_id_like(typed) else before_cursor[:m.start()]
        return CompletionContext(m.start("typed"), typed, words[-CONTEXT_CHARACTERS:], False)
    return None


def is_id_like(typed: str) -> bool:
    """Typed text that can only be (the start of) an id, not words."""
    return bool(_ID_LIKE.match(typed))


def _tokens(text: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(fold(text).casefold())) - _COMMON


def _fact_tokens(registry: Registry) -> dict[str, frozenset[str]]:
    return {fid: _tokens(" ".join([*fact.names(), fact.label, fid.replace("-", " ")]))
            for fid, fact in registry.facts.items()}


@dataclass(frozen=True)
class Description:
    """What written words say: their dates, numbers (outside the dates) and telling words."""

    dates: list[DateMention]
    numbers: list[NumberMention]
    tokens: frozenset[str]

    @classmethod
    def of(cls, words: str) -> Description:
        dates = find_dates(words)
        spans = [(d.start, d.end) for d in dates]
        numbers = [n for n in find_numbers(words) if not any(a <= n.start < b for a, b in spans)]
        return cls(dates, numbers, _tokens(words))


def score(fact: Fact, described: Description, fact_tokens: frozenset[str]) -> int:
    """How well the words describe ``fact``: 0 when not at all."""
    points = 0
    when = fact.when
    if described.dates and when is not None and not any(
            code is Code.DATE_MISMATCH for code, _, _ in date_problems(when, described.dates)):
        points += 4
    for number in described.numbers:
        if fact.kind == "quantity" and number.value == fact.value:
            points += 4
        elif fact.ordinal is not None and number.value == fact.ordinal:
            points += 3
    return points + len(described.tokens & fact_tokens)


def rank(registry: Registry, words: str, typed_id: str = "") -> list[Fact]:
    """The facts to offer, best first: those whose id contains ``typed_id``, by how well the
    words describe them, then by id."""
    fact_tokens = per_registry(registry, "lsp completion tokens", lambda: _fact_tokens(registry))
    described = Description.of(words) if words.strip() else None
    scored = []
    for fid, fact in registry.facts.items():
        if typed_id and typed_id not in fid:
            continue
        points = score(fact, described, fact_tokens[fid]) if described else 0
        points += 2 if typed_id and fid.startswith(typed_id) else 0
        scored.append((-points, fid, fact))
    scored.sort(key=lambda item: item[:2])
    return [fact for _, _, fact in scored[:MAX_ITEMS]]


def insertion(context: CompletionContext, fact: Fact) -> str:
    """What choosing ``fact`` writes over the typed part."""
    if context.in_target or is_id_like(context.typed):
        return fact.id
    return f"{context.typed.rstrip()} <{fact.id}>"


def detail(fact: Fact) -> str:
    return f"{render_value(fact)} \u00b7 {fact.status}"
