"""Present a report: plain text for people, JSON for tools."""

from __future__ import annotations

import json

from .ci_reporters import format_github, format_junit, format_sarif
from .engine import Report


def summary(report: Report) -> dict:
    return {"pages": report.pages, "facts": report.facts, "references": report.references,
            "errors": report.errors, "warnings": report.warnings}


def format_text(report: Report) -> str:
    lines = []
    for f in report.findings:
        line = f"{f.location}: {f.severity.value} {f.code.code}: {f.message}"
        if f.related and f.related.path != f.location.path:
            line += f" [fact at {f.related}]"
        lines.append(line)
    s = summary(report)
    lines.append(f"{s['pages']} pages, {s['facts']} facts, {s['references']} references: "
                 f"{s['errors']} errors, {s['warnings']} warnings")
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    payload = {"findings": [f.to_dict() for f in report.findings], "summary": summary(report)}
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


FORMATS = {"text": format_text, "json": format_json}
# For CI services: GitHub code scanning, test dashboards, pull-request annotations.
FORMATS.update({"sarif": format_sarif, "junit": format_junit, "github": format_github})
