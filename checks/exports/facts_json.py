"""``facts.json``: every fact with its typed value, precision, status and sources, and the JSON
Schema that file follows. A pure function of the loaded registry."""

from __future__ import annotations

import json
from typing import Any

from checks.registry.dates import FactDate
from checks.registry.house_style import render_superseded, render_value
from checks.registry.model import Fact, Registry, Source

SCHEMA_ID = "facts.schema.json"


def _plain(data: Any) -> Any:
    """Plain JSON types only (the registry's strings carry their line numbers)."""
    return json.loads(json.dumps(data, ensure_ascii=False))


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
    document: dict[str, Any] = _plain({
        "$schema": SCHEMA_ID,
        "facts": [fact_json(reg.facts[fid]) for fid in sorted(reg.facts)],
        "sources": [source_json(reg.sources[sid]) for sid in sorted(reg.sources)],
    })
    return document


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
