"""A fact's value as readers see it, in house style. The role, the facts page and exports use this."""

from __future__ import annotations

import re
from typing import Any

from checks.core.text import fold
from checks.registry.model import Fact, Superseded


def format_number(value: int | float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}"
    return f"{int(value):,}"


def render_value(fact: Fact) -> str:
    if fact.kind in ("person", "organisation", "office"):
        return fact.name or fact.id
    if fact.kind == "event":
        return fact.date.house_style() if fact.date else fact.id
    if fact.kind == "quantity" and fact.value is not None:
        text = f"{format_number(fact.value)} {fact.unit}" if fact.unit else format_number(fact.value)
        return f"about {text}" if fact.approximate else text
    if fact.kind == "quotation":
        return f"\u201c{fact.text}\u201d"
    return fact.id


def render_superseded(fact: Fact, value: Any) -> str:
    """A superseded value, formatted like the fact's own value."""
    if fact.kind == "event":
        return str(value.house_style())
    if fact.kind == "quantity":
        return f"{format_number(value)} {fact.unit}"
    if fact.kind == "quotation":
        return f"\u201c{value}\u201d"
    return str(value)



_QUOTE_MARKS = "\"\u201c\u201d"


def render_said(fact: Fact, old: Superseded, publisher: str) -> str:
    """What a source published, in its own words where the registry has them.

    A superseded value is the registry's reading of the source (a range "a few hundred to a
    thousand" is stored as 1000); readers are shown the source's words, so the reading cannot put
    a claim in its mouth. Without recorded words, the value stands in.
    """
    if old.quote:
        return f"{publisher} wrote \u201c{old.quote.strip(_QUOTE_MARKS)}\u201d"
    return f"{publisher} gave {render_superseded(fact, old.value)}"


def _squash(name: str) -> str:
    return re.sub(r"[\s\-'.]", "", fold(name).casefold())


def wants_canonical(fact: Fact, written: str) -> bool:
    """The one name policy, for prose and references alike: is ``written``, an accepted variant of
    ``fact``'s name, one that house style replaces with the canonical name? Persons always take
    their canonical (UN-style) romanisation; anything else only where the variant differs from the
    canonical or short form in hyphens, spaces, dots or capitals ("Kim Jong-un", "Workers Party"),
    not where it is another name in its own right ("North Korea" for the DPRK)."""
    if fold(written) in {fold(n) for n in (fact.name, fact.short) if n}:
        return False  # a typographic variant (curly apostrophe) is the canonical form
    if fact.kind == "person":
        return True
    return any(_squash(written) == _squash(n) for n in (fact.name, fact.short) if n)
