"""SARIF 2.1.0, for GitHub code scanning. Deterministic: the same tree gives the same bytes.

Each rule carries its help (text and Markdown: what it means, its severity, how to silence it in a
build); with the site's address (``base_url``), each rule also links to its row in the codes table
of the contributing page (``helpUri``) and the tool to the page's "Running the checks"
(``informationUri``). Paths are URI references: percent-encoded, relative to the project root.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from checks import __version__
from checks.core.codelist import CODES_PAGE, code_anchor
from checks.core.codes import Code, Severity
from checks.core.findings import Finding, Location
from checks.core.report import Report
from checks.report.common import LEVELS, TOOL_NAME

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
_CONSEQUENCE = {
    Severity.ERROR: "An error: it fails `factcheck check` (exit 1) and the strict site build.",
    Severity.WARNING: "A warning: it fails only `factcheck check --strict` and the strict site build (-W).",
}


def _rule_name(code: Code) -> str:
    return "".join(part.capitalize() for part in code.name.split("_"))


def artifact_uri(path: str) -> str:
    """A project-relative path as a URI reference: ``docs/my page.md`` -> ``docs/my%20page.md``.
    ``:`` is encoded too, so that a first segment like ``a:b`` cannot read as a scheme."""
    return quote(path, safe="/")


def rule_help(code: Code, base_url: str | None) -> dict[str, str]:
    consequence = _CONSEQUENCE[code.severity]
    if code is Code.REGISTRY_INVALID:
        consequence = ("An error that stops the checks from running in full: `factcheck check` exits 2 and "
                       "checks only what did load; the site build fails.")
    silence = (f'In a Sphinx build it is the warning type `factcheck.{code.code}`; to silence it there, add it to '
               f'`suppress_warnings` in conf.py.')
    text = f"{code.description}\n\n{consequence} {silence}".replace("`", "")
    markdown = f"**{code.code}**: {code.description}\n\n{consequence} {silence}"
    if base_url:
        link = rule_help_uri(code, base_url)
        text += f"\n\nMore: {link}"
        markdown += f"\n\n[The codes table in the contributing guide]({link})"
    return {"text": text, "markdown": markdown}


def rule_help_uri(code: Code, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/{CODES_PAGE}#{code_anchor(code.code)}"


def sarif_rules(base_url: str | None = None) -> list[dict[str, Any]]:
    """One reporting descriptor per diagnostic code, in the order codes.py lists them."""
    rules: list[dict[str, Any]] = []
    for code in Code:
        rule: dict[str, Any] = {
            "id": code.code,
            "name": _rule_name(code),
            "shortDescription": {"text": code.description},
            "fullDescription": {"text": code.description},
            "help": rule_help(code, base_url),
            "defaultConfiguration": {"level": LEVELS[code.severity]},
            "properties": {"tags": [TOOL_NAME, code.code.split(".")[0]]},
        }
        if base_url:
            rule["helpUri"] = rule_help_uri(code, base_url)
        rules.append(rule)
    return rules


def _physical(location: Location) -> dict[str, Any]:
    region = {"startLine": max(location.line, 1)}
    if location.column:
        region["startColumn"] = location.column
    return {"physicalLocation": {
        "artifactLocation": {"uri": artifact_uri(location.path), "uriBaseId": SRCROOT},
        "region": region,
    }}


def _sarif_result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
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


def sarif_log(report: Report, base_url: str | None = None) -> dict[str, Any]:
    rules = sarif_rules(base_url)
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    driver: dict[str, Any] = {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__, "rules": rules}
    if base_url:
        driver["informationUri"] = f"{base_url.rstrip('/')}/{CODES_PAGE}#running-the-checks"
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": [_sarif_result(f, rule_index) for f in report.findings],
        }],
    }


def format_sarif(report: Report, base_url: str | None = None) -> str:
    return json.dumps(sarif_log(report, base_url), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
