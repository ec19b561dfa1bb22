"""Chronology: ordered series in date order with matching ordinals; office terms in order."""

from __future__ import annotations

from checks.core.codes import Code
from checks.core.findings import Finding
from checks.registry.model import Registry
from checks.registry.timeline import TIMELINE_TAG, timeline_date


def check_series(registry: Registry) -> list[Finding]:
    findings: list[Finding] = []
    names = sorted({f.series for f in registry.facts.values() if f.series})
    for name in names:
        members = registry.series(name)
        # Gaps are allowed (the registry need not hold every member of a series); repeats are not.
        seen: dict[int, str] = {}
        for member in members:
            if member.ordinal in seen:
                findings.append(Finding(Code.CHRONOLOGY_ORDINAL, member.line_of("ordinal"),
                                        f"{member.id} and {seen[member.ordinal]} are both no. {member.ordinal} "
                                        f"of series '{name}'", fact=member.id))
            seen.setdefault(member.ordinal, member.id)
        dated = [m for m in members if m.when is not None]
        for prev, nxt in zip(dated, dated[1:]):
            if nxt.when.lower < prev.when.lower:
                findings.append(Finding(
                    Code.CHRONOLOGY_ORDER, nxt.line_of(nxt.when_key),
                    f"{nxt.id} (no. {nxt.ordinal}, {nxt.when.house_style()}) is dated before {prev.id} "
                    f"(no. {prev.ordinal}, {prev.when.house_style()}) in series '{name}'",
                    fact=nxt.id, related=prev.location))
    return findings


def check_terms(registry: Registry) -> list[Finding]:
    findings = []
    for office in registry.of_kind("office"):
        for holder in office.holders:
            if holder.start and holder.end and holder.end.upper < holder.start.lower:
                findings.append(Finding(Code.CHRONOLOGY_ORDER, holder.location,
                                        f"{holder.person}'s term as {office.name} ends before it starts",
                                        fact=office.id))
    return findings


def check_timeline_dates(registry: Registry) -> list[Finding]:
    """Every fact tagged for the timeline must have a date that places it."""
    return [Finding(Code.TIMELINE_UNDATED, fact.location,
                    f"fact '{fact.id}' is tagged timeline but has no date to place it", fact=fact.id)
            for fact in sorted(registry.facts.values(), key=lambda f: f.id)
            if TIMELINE_TAG in fact.tags and timeline_date(fact) is None]
