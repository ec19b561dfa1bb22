"""The registry's record types, declared once.

The loader validates against these declarations, and ``facts/schema.json`` (for editors) is
generated from them, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
STATUSES = ("verified", "disputed", "unverified")
# What the explainer concluded about a source's claim.
VERDICTS = ("correct", "corrected", "disputed", "unverified", "not-checkable")
EDTF_PATTERN = r"^~?\d{4}(-\d{2}(-\d{2})?)?[?~%]?(/~?\d{4}(-\d{2}(-\d{2})?)?[?~%]?)?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class FieldSpec:
    type: str  # see FIELD_TYPES
    required: bool = False
    description: str = ""


# type name -> JSON Schema for that type
FIELD_TYPES: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "pattern": ID_PATTERN},
    "slug": {"type": "string", "pattern": ID_PATTERN},
    "text": {"type": "string", "minLength": 1},
    "edtf": {"type": ["string", "integer"], "pattern": EDTF_PATTERN},
    "day": {"type": "string", "pattern": DAY_PATTERN},
    "int": {"type": "integer", "minimum": 0},
    "number": {"type": "number"},
    "bool": {"type": "boolean"},
    "url": {"type": "string", "pattern": "^https?://"},
    "status": {"enum": list(STATUSES)},
    "fact-ref": {"type": "string", "pattern": ID_PATTERN},
    "fact-refs": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
    "source-ref": {"type": "string", "pattern": ID_PATTERN},
    "source-refs": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": ID_PATTERN}},
    "citations": {
        "type": "array", "minItems": 1,
        "items": {"oneOf": [
            {"type": "string", "pattern": ID_PATTERN},
            {"type": "object", "additionalProperties": False, "required": ["source", "excerpt"],
             "properties": {"source": {"type": "string", "pattern": ID_PATTERN},
                            "excerpt": {"type": "string", "minLength": 1,
                                        "description": "The source's exact words that state the value."}}},
        ]},
    },
    "verdict": {"enum": list(VERDICTS)},
    "status-of": {"type": "object", "minProperties": 1,
                  "propertyNames": {"enum": ["born", "died", "founded", "dissolved", "created", "abolished", "date"]},
                  "additionalProperties": {"enum": list(STATUSES)}},
    "texts": {"type": "array", "items": {"type": "string"}},
    "variants": {
        "type": "object", "additionalProperties": False,
        "properties": {"accepted": {"type": "array", "items": {"type": "string"}},
                       "rejected": {"type": "array", "items": {"type": "string"}}},
    },
    "holders": {
        "type": "array",
        "items": {"type": "object", "additionalProperties": False, "required": ["person"],
                  "properties": {"person": {"type": "string", "pattern": ID_PATTERN},
                                 "start": {"type": ["string", "integer"], "pattern": EDTF_PATTERN},
                                 "end": {"type": ["string", "integer"], "pattern": EDTF_PATTERN}}},
    },
    "derivation": {
        "type": "object", "additionalProperties": False, "required": ["rule"],
        "properties": {"rule": {"enum": ["calendar-years", "completed-years", "days", "count", "difference"]},
                       "from": {"type": "string", "pattern": ID_PATTERN},
                       "to": {"type": "string", "pattern": ID_PATTERN},
                       "series": {"type": "string", "pattern": ID_PATTERN},
                       "by": {"type": "string", "pattern": ID_PATTERN}},
    },
    "superseded": {
        "type": "array",
        "items": {"type": "object", "additionalProperties": False,
                  "required": ["value", "reason", "source"],
                  "properties": {"value": {}, "reason": {"type": "string"},
                                 "source": {"type": "string", "pattern": ID_PATTERN},
                                 "quote": {"type": "string"}}},
    },
}

COMMON_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("id", True, "Stable lowercase kebab-case id, unique across all files."),
    "kind": FieldSpec("text", True, "The record's kind."),
    "label": FieldSpec("text", True, "Short description shown on the facts page."),
    "sources": FieldSpec("citations", True,
                         "The sources that support the current value: each a source id, or "
                         "{source: id, excerpt: the source's exact words that state the value}."),
    "status": FieldSpec("status", True, "verified, disputed or unverified."),
    "verified": FieldSpec("day", False, "Day the fact was last verified (required when verified)."),
    "status_of": FieldSpec("status-of", False,
                           "The status of another dated statement of the fact when it differs from the "
                           "primary value's (e.g. founded: disputed while the name is verified)."),
    "note": FieldSpec("text", False, "Evidence and caveats, for editors and readers."),
    "tags": FieldSpec("texts", False, "Words such as 'timeline'."),
    "series": FieldSpec("slug", False, "An ordered series the fact belongs to."),
    "ordinal": FieldSpec("int", False, "Position in the series."),
    "superseded": FieldSpec("superseded", False, "Wrong or outdated values, with the reason."),
    "disputed_by": FieldSpec("citations", False,
                             "Sources whose words give another value, each {source, excerpt}; "
                             "only on a disputed fact."),
}

KIND_FIELDS: dict[str, dict[str, FieldSpec]] = {
    "person": {
        "name": FieldSpec("text", True, "Canonical name in house style."),
        "hangul": FieldSpec("text"),
        "born": FieldSpec("edtf"),
        "died": FieldSpec("edtf"),
        "variants": FieldSpec("variants", False, "Other spellings: accepted and rejected."),
    },
    "organisation": {
        "name": FieldSpec("text", True),
        "short": FieldSpec("text", False, "Short form, e.g. WPK."),
        "hangul": FieldSpec("text"),
        "founded": FieldSpec("edtf"),
        "dissolved": FieldSpec("edtf"),
        "variants": FieldSpec("variants"),
    },
    "office": {
        "name": FieldSpec("text", True, "The title."),
        "organisation": FieldSpec("fact-ref"),
        "created": FieldSpec("edtf"),
        "abolished": FieldSpec("edtf"),
        "posthumous": FieldSpec("bool", False, "An honour given after the holder's death."),
        "variants": FieldSpec("variants"),
        "holders": FieldSpec("holders"),
    },
    "event": {
        "date": FieldSpec("edtf", True),
        "name": FieldSpec("text"),
        "place": FieldSpec("text"),
        "participants": FieldSpec("fact-refs"),
        "variants": FieldSpec("variants"),
    },
    "quantity": {
        "value": FieldSpec("number", True),
        "unit": FieldSpec("text", True, "Plural noun: people, years, days."),
        "approximate": FieldSpec("bool"),
        "date": FieldSpec("edtf", False, "When the number applied."),
        "of": FieldSpec("fact-ref", False, "The fact it measures."),
        "derived": FieldSpec("derivation", False,
                             "How the value follows from other facts: a rule (calendar-years, "
                             "completed-years, days: from/to fact ids; count: series, by fact id; "
                             "difference: the quantity 'from' less the quantity 'to')."),
    },
    "quotation": {
        "text": FieldSpec("text", True, "Exact wording, without enclosing quotation marks."),
        "speaker": FieldSpec("fact-ref", True),
        "date": FieldSpec("edtf"),
        "language": FieldSpec("text"),
    },
}

SOURCE_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("id", True),
    "kind": FieldSpec("text", True),
    "title": FieldSpec("text", True, "Exact title as published."),
    "publisher": FieldSpec("text", True),
    "url": FieldSpec("url", True, "http or https only."),
    "retrieved": FieldSpec("day", True, "Day the source was read."),
    "date": FieldSpec("edtf", False, "Publication date."),
    "read_via": FieldSpec("url", False, "Where the text was read when not at 'url' (a mirror or archive)."),
    "note": FieldSpec("text"),
}

CLAIM_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("id", True),
    "kind": FieldSpec("text", True),
    "source": FieldSpec("source-ref", True, "The source whose claim this is."),
    "quote": FieldSpec("text", True, "A short exact excerpt that identifies the claim."),
    "facts": FieldSpec("fact-refs", False, "Facts that state the claim in the explainer."),
    "omitted": FieldSpec("text", False, "Why the explainer leaves the claim out."),
    "verdict": FieldSpec("verdict", True,
                         "correct, corrected (a superseded value records it), disputed, unverified "
                         "or not-checkable."),
    "evidence": FieldSpec("source-refs", False,
                          "Sources for a claim the prose paraphrases without a checkable fact."),
}

RECORD_FIELDS: dict[str, dict[str, FieldSpec]] = {
    **{kind: {**COMMON_FIELDS, **fields} for kind, fields in KIND_FIELDS.items()},
    "source": SOURCE_FIELDS,
    "source-claim": CLAIM_FIELDS,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one registry file (a list of records), for editors."""
    variants = []
    for kind, fields in RECORD_FIELDS.items():
        props = {}
        for key, spec in fields.items():
            prop = dict(FIELD_TYPES[spec.type])
            if spec.description:
                prop["description"] = spec.description
            props[key] = prop
        props["kind"] = {"const": kind}
        variants.append({
            "title": kind,
            "type": "object",
            "additionalProperties": False,
            "required": [k for k, s in fields.items() if s.required],
            "properties": props,
        })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "congress-explainer facts registry file",
        "type": "array",
        "items": {"oneOf": variants},
    }
