"""Sources and freshness: sources nothing cites, facts verified too long ago, days in the future.

The loader already requires every source to have an http(s) URL and a retrieved date, and every
fact's sources to exist; these checks cover what a loader cannot decide alone.
"""

from __future__ import annotations

import datetime as dt

from checks.core.codes import Code
from checks.core.config import DEFAULT_STALE_AFTER_DAYS
from checks.core.findings import Finding
from checks.registry.model import Registry


def check_unused_sources(registry: Registry) -> list[Finding]:
    """A source that no fact, superseded value or source claim cites."""
    used = {sid for f in registry.facts.values() for sid in f.sources}
    used |= {s.source for f in registry.facts.values() for s in f.superseded}
    used |= {c.source for f in registry.facts.values() for c in f.disputed_by}
    used |= {c.source for c in registry.claims.values()}
    used |= {sid for c in registry.claims.values() for sid in c.evidence}
    return [
        Finding(Code.SOURCE_UNUSED, registry.sources[sid].location,
                f"source {sid} is cited by no fact: cite it in a fact's sources, or remove it")
        for sid in sorted(registry.sources) if sid not in used
    ]


def check_stale(registry: Registry, today: dt.date, stale_after_days: int = DEFAULT_STALE_AFTER_DAYS) -> list[Finding]:
    """A verified fact whose ``verified`` day is more than ``stale_after_days`` before ``today``."""
    findings = []
    for fid in sorted(registry.facts):
        fact = registry.facts[fid]
        if fact.verified is None:
            continue
        age = (today - fact.verified).days
        if age > stale_after_days:
            findings.append(Finding(
                Code.FACT_STALE, fact.line_of("verified"),
                f"{fid} was last verified on {fact.verified.isoformat()}, {age} days ago (limit "
                f"{stale_after_days}): check its sources again and update 'verified'", fact=fid))
    return findings


def check_future(registry: Registry, today: dt.date) -> list[Finding]:
    """No source retrieved, and no fact verified, after ``today`` (a typo in the year, mostly)."""
    findings = []
    for sid in sorted(registry.sources):
        source = registry.sources[sid]
        if source.retrieved > today:
            findings.append(Finding(Code.DATE_FUTURE, source.line_of("retrieved"),
                                    f"source {sid} was retrieved on {source.retrieved.isoformat()}, after today "
                                    f"({today.isoformat()}): write the day you read it"))
    for fid in sorted(registry.facts):
        fact = registry.facts[fid]
        if fact.verified is not None and fact.verified > today:
            findings.append(Finding(Code.DATE_FUTURE, fact.line_of("verified"),
                                    f"{fid} was verified on {fact.verified.isoformat()}, after today "
                                    f"({today.isoformat()}): write the day you checked it", fact=fid))
    return findings
