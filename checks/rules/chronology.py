"""Chronology: ordered series in date order with matching ordinals; office terms, lives,
existences and sources' dates in order."""

from __future__ import annotations

from itertools import pairwise

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
        seen: dict[int | None, str] = {}
        for member in members:
            if member.ordinal in seen:
                findings.append(Finding(Code.CHRONOLOGY_ORDINAL, member.line_of("ordinal"),
                                        f"{member.id} and {seen[member.ordinal]} are both no. {member.ordinal} "
                                        f"of series '{name}'", fact=member.id))
            seen.setdefault(member.ordinal, member.id)
        dated = [(m, m.when) for m in members if m.when is not None]
        for (prev, prev_when), (nxt, nxt_when) in pairwise(dated):
            if nxt_when.lower < prev_when.lower:
                findings.append(Finding(
                    Code.CHRONOLOGY_ORDER, nxt.line_of(nxt.when_key or ""),
                    f"{nxt.id} (no. {nxt.ordinal}, {nxt_when.house_style()}) is dated before {prev.id} "
                    f"(no. {prev.ordinal}, {prev_when.house_style()}) in series '{name}'",
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


# (kind, start field, end field, what ending before starting means)
_INTERVALS = [
    ("person", "born", "died", "dies before being born"),
    ("organisation", "founded", "dissolved", "is dissolved before it was founded"),
    ("office", "created", "abolished", "is abolished before it was created"),
]


def check_intervals(registry: Registry) -> list[Finding]:
    """Every pair of dates that bounds a span is in order: a life, an organisation's or an office's
    existence, a source's publication and the day it was read. (Terms of office: check_terms;
    an EDTF interval in one field is checked when it is loaded.)"""
    findings = []
    for kind, start_key, end_key, wrong in _INTERVALS:
        for fact in registry.of_kind(kind):
            start, end = getattr(fact, start_key), getattr(fact, end_key)
            if start and end and end.upper < start.lower:
                findings.append(Finding(Code.CHRONOLOGY_ORDER, fact.line_of(end_key),
                                        f"{fact.id} {wrong}: {end_key} {end.house_style()}, "
                                        f"{start_key} {start.house_style()}", fact=fact.id,
                                        related=fact.line_of(start_key)))
    for sid in sorted(registry.sources):
        source = registry.sources[sid]
        if source.date and source.date.lower > source.retrieved:
            findings.append(Finding(Code.CHRONOLOGY_ORDER, source.line_of("date"),
                                    f"source {sid} is dated {source.date.house_style()}, after the day it was "
                                    f"retrieved ({source.retrieved.isoformat()}): check both dates"))
    return findings


def check_timeline_dates(registry: Registry) -> list[Finding]:
    """Every fact tagged for the timeline must have a date that places it."""
    return [Finding(Code.TIMELINE_UNDATED, fact.location,
                    f"fact '{fact.id}' is tagged timeline but has no date to place it", fact=fact.id)
            for fact in sorted(registry.facts.values(), key=lambda f: f.id)
            if TIMELINE_TAG in fact.tags and timeline_date(fact) is None]
