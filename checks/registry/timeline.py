"""Which facts go on the timeline, and the date that places each there."""

from __future__ import annotations

from checks.registry.dates import FactDate
from checks.registry.model import Fact, Registry

TIMELINE_TAG = "timeline"
# Which date puts a fact of each kind on the timeline.
TIMELINE_DATE_FIELD = {"event": "date", "organisation": "founded", "office": "created", "quantity": "date",
                       "quotation": "date"}


# -- timeline --------------------------------------------------------------------------------
def timeline_date(fact: Fact) -> FactDate | None:
    field = TIMELINE_DATE_FIELD.get(fact.kind)
    return getattr(fact, field) if field else None


def timeline_facts(reg: Registry) -> list[Fact]:
    """The facts tagged ``timeline`` that have a date, oldest first (ties: shorter span, then id)."""
    dated = [f for f in reg.facts.values() if TIMELINE_TAG in f.tags and timeline_date(f) is not None]
    return sorted(dated, key=lambda f: (timeline_date(f).lower, timeline_date(f).upper, f.id))
