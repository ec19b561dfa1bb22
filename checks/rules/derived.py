"""Derived facts: durations, anniversaries and counts computed from the facts they name.

A derived quantity declares its rule; the stated value must equal the computed one. Prose that
writes the number is then held to the value by the agreement check, so "36 years" is guarded twice:
against the registry, and the registry against the dates.
"""

from __future__ import annotations

from checks.core.codes import Code
from checks.core.findings import Finding
from checks.registry.dates import FactDate
from checks.registry.model import Fact, Registry


def years_between(earlier: FactDate, later: FactDate, completed: bool) -> int | None:
    """Calendar years (2016 - 1980) or completed years (birthdays passed); None if too imprecise."""
    if not completed:
        return later.lower.year - earlier.lower.year
    if earlier.start.precision != "day" or later.start.precision != "day":
        return None
    a, b = earlier.lower, later.lower
    return b.year - a.year - int((b.month, b.day) < (a.month, a.day))


def compute(registry: Registry, fact: Fact) -> tuple[int | float | None, str]:
    """The value ``fact``'s rule gives, or (None, why not)."""
    d = fact.derived
    assert d is not None
    if d.rule == "count":
        assert d.by is not None  # the loader requires 'by' for a count
        anchor = registry.facts[d.by].when
        if anchor is None:
            return None, f"'{d.by}' has no date to count up to"
        members = registry.series(d.series or "")
        if not members:
            return None, f"no facts belong to series '{d.series}'"
        return sum(1 for m in members if m.when is not None and m.when.lower <= anchor.upper), ""
    # the loader requires 'from' and 'to' for every rule but count
    assert d.source is not None
    assert d.target is not None
    if d.rule == "difference":
        minuend, subtrahend = registry.facts[d.source].value, registry.facts[d.target].value
        if minuend is None or subtrahend is None:
            return None, f"'{d.source if minuend is None else d.target}' is not a quantity"
        return minuend - subtrahend, ""
    earlier, later = registry.facts[d.source].when, registry.facts[d.target].when
    if earlier is None or later is None:
        missing = d.source if earlier is None else d.target
        return None, f"'{missing}' has no date"
    if d.rule == "days":
        if earlier.start.precision != "day" or later.start.precision != "day":
            return None, "a count of days needs both dates to the day"
        return (later.lower - earlier.lower).days, ""
    value = years_between(earlier, later, completed=d.rule == "completed-years")
    if value is None:
        return None, "completed years need both dates to the day; use calendar-years"
    return value, ""


def _cycle(registry: Registry, start: Fact) -> bool:
    """True if following derivations from ``start`` comes back to it."""
    seen, stack = set(), [start.id]
    while stack:
        fid = stack.pop()
        fact = registry.facts.get(fid)
        if fact is None or fact.derived is None:
            continue
        for ref in (fact.derived.source, fact.derived.target, fact.derived.by):
            if ref == start.id:
                return True
            if ref and ref not in seen:
                seen.add(ref)
                stack.append(ref)
    return False


def check_derived(registry: Registry) -> list[Finding]:
    findings = []
    for fact in sorted(registry.facts.values(), key=lambda f: f.id):
        if fact.derived is None:
            continue
        where = fact.line_of("value")
        if _cycle(registry, fact):
            findings.append(Finding(Code.DERIVED_CYCLE, fact.derived.location,
                                    f"{fact.id} is derived, through other derived facts, from itself; "
                                    "derive it from dated events instead", fact=fact.id))
            continue
        value, why = compute(registry, fact)
        if value is None:
            findings.append(Finding(Code.DERIVED_UNRESOLVABLE, fact.derived.location,
                                    f"cannot compute {fact.id} by rule {fact.derived.rule}: {why}", fact=fact.id))
        elif value != fact.value:
            findings.append(Finding(Code.DERIVED_MISMATCH, where,
                                    f"{fact.id} states {fact.value:g} but its rule {fact.derived.rule} gives {value}",
                                    fact=fact.id, suggestion=str(value)))
    return findings
