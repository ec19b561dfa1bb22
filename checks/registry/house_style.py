"""A fact's value as readers see it, in house style. The role, the facts page and exports use this."""

from __future__ import annotations

from checks.registry.model import Fact


def format_number(value: int | float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}"
    return f"{int(value):,}"


def render_value(fact: Fact) -> str:
    if fact.kind in ("person", "organisation", "office"):
        return fact.name or fact.id
    if fact.kind == "event":
        return fact.date.house_style() if fact.date else fact.id
    if fact.kind == "quantity":
        text = f"{format_number(fact.value)} {fact.unit}" if fact.unit else format_number(fact.value)
        return f"about {text}" if fact.approximate else text
    if fact.kind == "quotation":
        return f"\u201c{fact.text}\u201d"
    return fact.id


def render_superseded(fact: Fact, value) -> str:
    """A superseded value, formatted like the fact's own value."""
    if fact.kind == "event":
        return value.house_style()
    if fact.kind == "quantity":
        return f"{format_number(value)} {fact.unit}"
    if fact.kind == "quotation":
        return f"\u201c{value}\u201d"
    return str(value)
