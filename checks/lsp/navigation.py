"""Go to definition and find references: from a ``{fact}`` reference to the fact's record, from
an id in a registry file to its record, and from a fact's ``id:`` line (or any reference to it)
to every page that uses it."""

from __future__ import annotations

import re

from checks.core.findings import Location
from checks.registry.model import Registry

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def id_at(line: str, character: int, registry: Registry) -> str | None:
    """The registered fact or source id written at ``character`` of a registry file's line."""
    for m in _ID.finditer(line):
        if m.start() <= character <= m.end():
            word = m.group(0)
            return word if word in registry.facts or word in registry.sources else None
    return None


def record_of(registry: Registry, record_id: str) -> Location | None:
    """Where a fact or source is defined."""
    fact = registry.facts.get(record_id)
    if fact is not None:
        return fact.location
    source = registry.sources.get(record_id)
    return source.location if source is not None else None
