"""SARIF 2.1.0, for GitHub code scanning. Deterministic: the same tree gives the same bytes."""

from __future__ import annotations

import json

from checks import __version__
from checks.core.codes import Code
from checks.core.findings import Finding, Location
from checks.core.report import Report
from checks.report.common import LEVELS, TOOL_NAME

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def _rule_name(code: Code) -> str:
    return "".join(part.capitalize() for part in code.name.split("_"))


def sarif_rules() -> list[dict]:
    """One reporting descriptor per diagnostic code, in the order codes.py lists them."""
    return [{
        "id": code.code,
        "name": _rule_name(code),
        "shortDescription": {"text": code.description},
        "fullDescription": {"text": code.description},
        "defaultConfiguration": {"level": LEVELS[code.severity]},
        "properties": {"tags": [TOOL_NAME]},
    } for code in Code]


def _physical(location: Location) -> dict:
    region = {"startLine": max(location.line, 1)}
    if location.column:
        region["startColumn"] = location.column
    return {"physicalLocation": {
        "artifactLocation": {"uri": location.path, "uriBaseId": SRCROOT},
        "region": region,
    }}


def _sarif_result(finding: Finding, rule_index: dict[str, int]) -> dict:
    result: dict = {
        "ruleId": finding.code.code,
        "ruleIndex": rule_index[finding.code.code],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_physical(finding.location)],
    }
    if finding.related is not None:
        related = _physical(finding.related)
        related["id"] = 1
        related["message"] = {"text": f"registry entry{f' for {finding.fact}' if finding.fact else ''}"}
        result["relatedLocations"] = [related]
    properties = {key: value for key, value in (("fact", finding.fact), ("suggestion", finding.suggestion))
                  if value is not None}
    if properties:
        result["properties"] = properties
    return result


def sarif_log(report: Report) -> dict:
    rules = sarif_rules()
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": [_sarif_result(f, rule_index) for f in report.findings],
        }],
    }


def format_sarif(report: Report) -> str:
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
