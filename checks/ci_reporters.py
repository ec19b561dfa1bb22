"""Reports for CI services: SARIF 2.1.0 (GitHub code scanning), JUnit XML (test dashboards) and
GitHub Actions workflow commands (annotations on the pull request's diff).

Each format is a pure function of a :class:`~checks.engine.Report` and is deterministic: the same
tree gives the same bytes (findings in the report's order, no timestamps, paths relative to the
project root). :mod:`checks.reporters` registers them in ``FORMATS``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from . import __version__
from .codes import Code, Severity
from .engine import Report
from .findings import Finding, Location

TOOL_NAME = "factcheck"
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
# SARIF result levels and GitHub workflow commands, per severity.
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def _text(finding: Finding) -> str:
    """The message as the text reporter writes it: with the registry entry when it is elsewhere."""
    text = finding.message
    if finding.related and finding.related.path != finding.location.path:
        text += f" [fact at {finding.related}]"
    return text


# SARIF 2.1.0 ----------------------------------------------------------------------------------

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
    return {"physicalLocation": {
        "artifactLocation": {"uri": location.path, "uriBaseId": SRCROOT},
        "region": {"startLine": max(location.line, 1)},
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


# JUnit XML ------------------------------------------------------------------------------------

def _classname(path: str) -> str:
    """Group test cases by folder (``docs``, ``facts``), as dashboards group by class."""
    folder = path.rsplit("/", 1)[0] if "/" in path else "."
    return f"{TOOL_NAME}.{folder.replace('/', '.')}"


# Characters XML 1.0 cannot carry at all, even as references: C0 controls but tab, LF and CR;
# surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text an XML 1.0 document can hold: line ends as LF (a parser would turn CR LF into LF
    anyway), any character XML cannot carry replaced by U+FFFD. ElementTree escapes the rest."""
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def _line(finding: Finding) -> str:
    return xml_safe(f"{finding.location}: {finding.severity.value} {finding.code.code}: {_text(finding)}")


def junit_tree(report: Report) -> ET.Element:
    """One test case per file checked; a file with errors fails, listing them; warnings go to
    the case's ``system-out``. A finding in a file not in the report's list gets a case too."""
    by_file: dict[str, list[Finding]] = {path: [] for path in report.files}
    for finding in report.findings:
        by_file.setdefault(finding.location.path, []).append(finding)
    cases = []
    failures = 0
    for path in sorted(by_file):
        findings = by_file[path]
        name = xml_safe(path)
        case = ET.Element("testcase", {"classname": _classname(name), "name": name, "file": name, "time": "0"})
        errors = [f for f in findings if f.severity == Severity.ERROR]
        warnings = [f for f in findings if f.severity == Severity.WARNING]
        if errors:
            failures += 1
            codes = sorted({f.code.code for f in errors})
            noun = "error" if len(errors) == 1 else "errors"
            failure = ET.SubElement(case, "failure", {"type": codes[0] if len(codes) == 1 else "factcheck",
                                                      "message": f"{len(errors)} {noun}: {', '.join(codes)}"})
            failure.text = "\n".join(_line(f) for f in errors) + "\n"
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in warnings) + "\n"
        cases.append(case)
    attrs = {"name": TOOL_NAME, "tests": str(len(cases)), "failures": str(failures), "errors": "0",
             "skipped": "0", "time": "0"}
    suites = ET.Element("testsuites", attrs)
    suite = ET.SubElement(suites, "testsuite", attrs)
    properties = ET.SubElement(suite, "properties")
    for name, value in (("version", __version__), ("pages", report.pages), ("facts", report.facts),
                        ("references", report.references), ("warnings", report.warnings)):
        ET.SubElement(properties, "property", {"name": name, "value": str(value)})
    suite.extend(cases)
    return suites


def format_junit(report: Report) -> str:
    tree = junit_tree(report)
    ET.indent(tree)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"


# GitHub Actions workflow commands -------------------------------------------------------------

def escape_data(text: str) -> str:
    """Escape a workflow command's message, as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: as data, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(finding: Finding) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in (
        ("file", finding.location.path), ("line", str(max(finding.location.line, 1))),
        ("title", f"{TOOL_NAME} {finding.code.code}")))
    return f"::{LEVELS[finding.severity]} {props}::{escape_data(_text(finding))}"


def format_github(report: Report) -> str:
    lines = [github_command(f) for f in report.findings]
    lines.append(f"factcheck: {report.pages} pages, {report.facts} facts, {report.references} references: "
                 f"{report.errors} errors, {report.warnings} warnings")
    return "\n".join(lines) + "\n"
