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
    dated = [(date, f) for f in reg.facts.values() if TIMELINE_TAG in f.tags and (date := timeline_date(f))]
    return [f for _, f in sorted(dated, key=lambda pair: (pair[0].lower, pair[0].upper, pair[1].id))]
