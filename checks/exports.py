"""Open data from the registry: ``facts.json`` (with its JSON Schema), a TimelineJS file and
schema.org ClaimReview records. Pure functions of the loaded registry; the Sphinx adapter writes
them into the built site (:mod:`checks.sphinx_ext.opendata`).
"""

from __future__ import annotations

import html
import json
from typing import Any

from .dates import FactDate
from .model import Fact, Registry, Source
from .render import render_superseded, render_value

TIMELINE_TAG = "timeline"
# The source Q&A whose claims the explainer reviews.
QA_SOURCE = "hrw-qa-2016"
# Which date puts a fact of each kind on the timeline.
TIMELINE_DATE_FIELD = {"event": "date", "organisation": "founded", "office": "created", "quantity": "date",
                       "quotation": "date"}
# ClaimReview verdicts: our rating scheme, documented once (1 = worst, 5 = best).
VERDICTS = {"Incorrect": 1, "Misquoted": 2, "Imprecise": 3}
SCHEMA_ID = "facts.schema.json"


def _plain(data: Any) -> Any:
    """Plain JSON types only (the registry's strings carry their line numbers)."""
    return json.loads(json.dumps(data, ensure_ascii=False))


# -- timeline --------------------------------------------------------------------------------
def timeline_date(fact: Fact) -> FactDate | None:
    field = TIMELINE_DATE_FIELD.get(fact.kind)
    return getattr(fact, field) if field else None


def timeline_facts(reg: Registry) -> list[Fact]:
    """The facts tagged ``timeline`` that have a date, oldest first (ties: shorter span, then id)."""
    dated = [f for f in reg.facts.values() if TIMELINE_TAG in f.tags and timeline_date(f) is not None]
    return sorted(dated, key=lambda f: (timeline_date(f).lower, timeline_date(f).upper, f.id))


# -- facts.json ------------------------------------------------------------------------------
def date_json(date: FactDate) -> dict[str, str]:
    return {"edtf": date.edtf, "earliest": date.lower.isoformat(), "latest": date.upper.isoformat(),
            "precision": date.precision, "text": date.house_style()}


def _typed(fact: Fact, value: Any) -> Any:
    if isinstance(value, FactDate):
        return date_json(value)
    if fact.kind == "quantity" and value is not None:
        return value
    return value if value is None else str(value)


def precision(fact: Fact) -> str:
    if fact.kind == "event" and fact.date is not None:
        return fact.date.precision
    if fact.kind == "quantity":
        return "approximate" if fact.approximate else "exact"
    return "exact"


def fact_json(fact: Fact) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": fact.id,
        "kind": fact.kind,
        "label": fact.label,
        "value": _typed(fact, fact.primary),
        "text": render_value(fact),
        "precision": precision(fact),
        "status": fact.status,
        "verified": fact.verified.isoformat() if fact.verified else None,
        "sources": list(fact.sources),
        "tags": list(fact.tags),
        "superseded": [{"value": _typed(fact, old.value), "text": render_superseded(fact, old.value),
                        "source": old.source, "quote": old.quote, "reason": old.reason}
                       for old in fact.superseded],
        "note": fact.note,
    }
    extra: dict[str, Any] = {}
    for key in ("short", "hangul", "unit", "place", "speaker", "language", "organisation", "of", "series"):
        if getattr(fact, key):
            extra[key] = getattr(fact, key)
    for key in ("born", "died", "founded", "dissolved", "created", "abolished"):
        if getattr(fact, key):
            extra[key] = date_json(getattr(fact, key))
    if fact.ordinal is not None:
        extra["ordinal"] = fact.ordinal
    if fact.status_of:
        extra["status_of"] = dict(fact.status_of)
    if fact.holders:
        extra["holders"] = [{"person": h.person, "start": date_json(h.start) if h.start else None,
                             "end": date_json(h.end) if h.end else None} for h in fact.holders]
    if extra:
        record["details"] = extra
    return record


def source_json(source: Source) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "publisher": source.publisher, "url": source.url,
            "date": date_json(source.date) if source.date else None,
            "retrieved": source.retrieved.isoformat()}


def facts_json(reg: Registry) -> dict[str, Any]:
    """Every fact with its typed value, precision, status and sources; every source."""
    return _plain({
        "$schema": SCHEMA_ID,
        "facts": [fact_json(reg.facts[fid]) for fid in sorted(reg.facts)],
        "sources": [source_json(reg.sources[sid]) for sid in sorted(reg.sources)],
    })


def facts_schema() -> dict[str, Any]:
    """The JSON Schema that :func:`facts_json` follows."""
    day = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    nullable_day = {"oneOf": [day, {"type": "null"}]}
    date = {"type": "object", "additionalProperties": False,
            "required": ["edtf", "earliest", "latest", "precision", "text"],
            "properties": {"edtf": {"type": "string"}, "earliest": day, "latest": day,
                           "precision": {"enum": ["year", "month", "day"]}, "text": {"type": "string"}}}
    value = {"oneOf": [{"$ref": "#/$defs/date"}, {"type": "number"}, {"type": "string"}]}
    ids = {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}}
    text_or_null = {"type": ["string", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "congress-explainer facts export",
        "type": "object",
        "additionalProperties": False,
        "required": ["facts", "sources"],
        "$defs": {"date": date},
        "properties": {
            "$schema": {"type": "string"},
            "facts": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["id", "kind", "label", "value", "text", "precision", "status", "verified",
                             "sources", "tags", "superseded", "note"],
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"},
                    "kind": {"enum": ["person", "organisation", "office", "event", "quantity", "quotation"]},
                    "label": {"type": "string", "minLength": 1},
                    "value": value,
                    "text": {"type": "string"},
                    "precision": {"enum": ["year", "month", "day", "exact", "approximate"]},
                    "status": {"enum": ["verified", "disputed", "unverified"]},
                    "verified": nullable_day,
                    "sources": {**ids, "minItems": 1},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "superseded": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["value", "text", "source", "quote", "reason"],
                        "properties": {"value": value, "text": {"type": "string"}, "source": {"type": "string"},
                                       "quote": text_or_null, "reason": {"type": "string"}}}},
                    "note": text_or_null,
                    "details": {"type": "object"},
                }}},
            "sources": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["id", "title", "publisher", "url", "date", "retrieved"],
                "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                               "publisher": {"type": "string"},
                               "url": {"type": "string", "pattern": "^https?://"},
                               "date": {"oneOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
                               "retrieved": day}}},
        },
    }


# -- TimelineJS ------------------------------------------------------------------------------
def _tljs_date(date_lower, precision: str) -> dict[str, int]:
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
    return _plain({"title": {"text": {"headline": html.escape(title), "text": ""}}, "events": events})


# -- ClaimReview -----------------------------------------------------------------------------
def correction_anchor(fact_id: str, index: int) -> str:
    """The id of one superseded value's entry on the corrections page."""
    return f"correction-{fact_id}-{index + 1}"


def verdict(fact: Fact, old_value: Any) -> str:
    """Misquoted (a quotation's words), Imprecise (a date that overlaps the right one) or Incorrect."""
    if fact.kind == "quotation":
        return "Misquoted"
    if isinstance(old_value, FactDate) and fact.date is not None and fact.date.overlaps(old_value.lower,
                                                                                         old_value.upper):
        return "Imprecise"
    return "Incorrect"


def claim_reviews(reg: Registry, page_url: str, *, author: str, author_url: str | None = None,
                  source_id: str = QA_SOURCE) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per value of ``source_id`` that the registry supersedes.

    ``page_url`` is the corrections page; each review's ``url`` points to its entry there.
    """
    source = reg.sources.get(source_id)
    if source is None:
        return []
    reviewer: dict[str, Any] = {"@type": "Organization", "name": author}
    if author_url:
        reviewer["url"] = author_url
    claim_author = {"@type": "Organization", "name": source.publisher}
    appearance = {"@type": "CreativeWork", "url": source.url, "headline": source.title, "author": claim_author}
    if source.date:
        appearance["datePublished"] = source.date.lower.isoformat()
    reviews = []
    for fid in sorted(reg.facts):
        fact = reg.facts[fid]
        for index, old in enumerate(fact.superseded):
            if old.source != source_id:
                continue
            rating = verdict(fact, old.value)
            item: dict[str, Any] = {"@type": "Claim", "author": claim_author, "appearance": appearance}
            if source.date:
                item["datePublished"] = source.date.lower.isoformat()
            review: dict[str, Any] = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{page_url}#{correction_anchor(fact.id, index)}",
                "name": f"{fact.label}: {render_value(fact)}",
                "claimReviewed": old.quote or render_superseded(fact, old.value),
                "reviewBody": old.reason,
                "author": reviewer,
                "itemReviewed": item,
                "reviewRating": {"@type": "Rating", "ratingValue": VERDICTS[rating], "bestRating": 5,
                                 "worstRating": 1, "alternateName": rating},
            }
            if fact.verified:
                review["datePublished"] = fact.verified.isoformat()
            reviews.append(review)
    return _plain(reviews)
