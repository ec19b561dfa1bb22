"""The timeline in Knight Lab's TimelineJS JSON format."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from checks.exports.facts_json import _plain
from checks.registry.model import Registry
from checks.registry.timeline import timeline_date, timeline_facts


def _tljs_date(date_lower: dt.date, precision: str) -> dict[str, int]:
    out = {"year": date_lower.year}
    if precision in ("month", "day"):
        out["month"] = date_lower.month
    if precision == "day":
        out["day"] = date_lower.day
    return out


def timelinejs(reg: Registry, title: str = "Timeline", facts_url: str | None = None) -> dict[str, Any]:
    """The timeline facts in Knight Lab's TimelineJS JSON format, dates at their real precision.

    ``facts_url`` (e.g. ``facts.html``), if given, links each event to its entry on the facts page.
    """
    events = []
    for fact in timeline_facts(reg):
        date = timeline_date(fact)
        assert date is not None  # timeline_facts keeps only dated facts
        sources = [reg.sources[s] for s in fact.sources if s in reg.sources]
        body = "".join(f'<p>Source: <a href="{html.escape(s.url)}">{html.escape(s.title)}</a> '
                       f"({html.escape(s.publisher)})</p>" for s in sources)
        if facts_url:
            body += f'<p><a href="{html.escape(facts_url)}#fact-{fact.id}">About this fact</a></p>'
        event: dict[str, Any] = {
            "unique_id": fact.id,
            "start_date": _tljs_date(date.lower, date.start.precision),
            "display_date": date.house_style(),
            "text": {"headline": html.escape(fact.label), "text": body},
        }
        if date.is_interval:
            event["end_date"] = _tljs_date(date.end.lower, date.end.precision)
        events.append(event)
    timeline: dict[str, Any] = _plain({"title": {"text": {"headline": html.escape(title), "text": ""}},
                                       "events": events})
    return timeline
