"""Report formats: SARIF 2.1.0, JUnit XML, GitHub workflow commands; determinism of every format;
``factcheck codes``.

The official SARIF 2.1.0 JSON schema is not shipped by any package available offline (checked:
sarif-om 1.0.4 and sarif-tools 3.0.5 carry none; check-jsonschema's builtin schemas do not include
it), so SARIF_SUBSET below transcribes, from the SARIF 2.1.0 standard, the definitions of every
object this suite emits: their required properties, types, enums and minimums. Objects are closed
(``additionalProperties: false``) so that a misspelt property fails here rather than being
silently ignored by GitHub code scanning.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from checks import __version__
from checks.cli import main
from checks.core.codelist import code_rows, format_codes
from checks.core.codes import Code, Severity
from checks.core.findings import Finding, Location
from checks.core.report import Report
from checks.engine import check_project
from checks.project import Project
from checks.report import FORMATS
from checks.report.github import escape_data, escape_property, format_github
from checks.report.junit import format_junit
from checks.report.sarif import format_sarif

_MESSAGE = {"type": "object", "required": ["text"], "additionalProperties": False,
            "properties": {"text": {"type": "string"}}}
_LOCATION = {
    "type": "object", "additionalProperties": False, "required": ["physicalLocation"],
    "properties": {
        "id": {"type": "integer", "minimum": -1},
        "message": _MESSAGE,
        "physicalLocation": {
            "type": "object", "additionalProperties": False, "required": ["artifactLocation", "region"],
            "properties": {
                "artifactLocation": {
                    "type": "object", "additionalProperties": False, "required": ["uri", "uriBaseId"],
                    "properties": {"uri": {"type": "string", "format": "uri-reference", "pattern": "^[^/]"},
                                   "uriBaseId": {"const": "%SRCROOT%"}}},
                "region": {"type": "object", "additionalProperties": False, "required": ["startLine"],
                           "properties": {"startLine": {"type": "integer", "minimum": 1}}},
            }},
    },
}
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
SARIF_SUBSET = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object", "additionalProperties": False, "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "maxItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["tool", "results"],
            "properties": {
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "tool": {"type": "object", "additionalProperties": False, "required": ["driver"], "properties": {
                    "driver": {"type": "object", "additionalProperties": False, "required": ["name"],
                               "properties": {
                        "name": {"type": "string"}, "version": {"type": "string"},
                        "semanticVersion": {"type": "string"},
                        "informationUri": {"type": "string", "format": "uri"},
                        "rules": {"type": "array", "uniqueItems": True, "items": {
                            "type": "object", "additionalProperties": False,
                            "required": ["id", "shortDescription", "defaultConfiguration"],
                            "properties": {
                                "id": {"type": "string"}, "name": {"type": "string"},
                                "shortDescription": _MESSAGE, "fullDescription": _MESSAGE,
                                "defaultConfiguration": {"type": "object", "additionalProperties": False,
                                                         "required": ["level"], "properties": {"level": _LEVEL}},
                                "properties": {"type": "object"},
                            }}},
                    }}}},
                "results": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False,
                    "required": ["ruleId", "ruleIndex", "level", "message", "locations"],
                    "properties": {
                        "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1},
                        "level": _LEVEL, "message": _MESSAGE,
                        "locations": {"type": "array", "minItems": 1, "maxItems": 1, "items": _LOCATION},
                        "relatedLocations": {"type": "array", "minItems": 1, "uniqueItems": True,
                                             "items": {**_LOCATION, "required": ["id", "physicalLocation"]}},
                        "properties": {"type": "object"},
                    }}},
            }}},
    },
}

FACT_AT = Location("facts/facts.yaml", 1)


def _finding(code: Code, path: str, line: int, message: str, related: Location | None = None) -> Finding:
    return Finding(code, Location(path, line), message, fact="congress-6" if related else None,
                   suggestion="10–14 October 1980" if related else None, related=related)


SAMPLE = Report(
    findings=tuple(sorted([
        _finding(Code.DATE_MISMATCH, "docs/history.md", 3, "'1981' is not 1980", FACT_AT),
        _finding(Code.NAME_MISMATCH, "docs/history.md", 9, "100%, or: not\nthe name,\r\nat all"),
        _finding(Code.DATE_MISSING, "docs/index.md", 4, "no date <&> \"here\""),
        _finding(Code.REF_UNKNOWN, "docs/extra/deep.md", 2, "no such fact"),
    ], key=Finding.sort_key)),
    pages=3, facts=4, references=5,
    files=("facts/facts.yaml", "facts/sources.yaml", "docs/facts.md", "docs/history.md", "docs/index.md"),
)


def broken_project(basic_project: Path) -> Path:
    """The basic project with a wrong year and an unknown reference."""
    page = basic_project / "docs" / "history.md"
    text = page.read_text(encoding="utf-8").replace("`1980 <congress-6>`", "`1981 <congress-6>`")
    page.write_text(text + "\nSee {fact}`no-such-fact`.\n", encoding="utf-8")
    return basic_project


def report_of(root: Path) -> Report:
    project = Project(root)
    return check_project(project.load_registry(), project.load_pages())


# SARIF ------------------------------------------------------------------------------------------

def test_sarif_sample_matches_sarif_2_1_0_definitions():
    log = json.loads(format_sarif(SAMPLE))
    jsonschema.validate(log, SARIF_SUBSET, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_sarif_rules_are_every_code_with_level():
    driver = json.loads(format_sarif(SAMPLE))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "factcheck" and driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == [c.code for c in Code]
    for rule, code in zip(driver["rules"], Code):
        assert rule["shortDescription"]["text"] == code.description
        assert rule["defaultConfiguration"]["level"] == code.severity.value


def test_sarif_results_point_at_rules_and_locations():
    run = json.loads(format_sarif(SAMPLE))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(SAMPLE.findings)
    for result, finding in zip(run["results"], SAMPLE.findings):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.code.code
        assert result["level"] == finding.severity.value
        assert result["message"]["text"] == finding.message
        phys = result["locations"][0]["physicalLocation"]
        assert phys["artifactLocation"] == {"uri": finding.location.path, "uriBaseId": "%SRCROOT%"}
        assert phys["region"] == {"startLine": finding.location.line}
        if finding.related:
            rel = result["relatedLocations"][0]["physicalLocation"]
            assert (rel["artifactLocation"]["uri"], rel["region"]["startLine"]) == ("facts/facts.yaml", 1)
            assert result["properties"] == {"fact": "congress-6", "suggestion": "10–14 October 1980"}
        else:
            assert "relatedLocations" not in result and "properties" not in result


def test_sarif_of_a_real_project_validates_and_has_no_absolute_paths(basic_project):
    root = broken_project(basic_project)
    text = format_sarif(report_of(root))
    jsonschema.validate(json.loads(text), SARIF_SUBSET, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    results = json.loads(text)["runs"][0]["results"]
    assert {"date.mismatch", "ref.unknown"} <= {r["ruleId"] for r in results}
    assert str(root) not in text and str(root.parent) not in text


# JUnit ------------------------------------------------------------------------------------------

def test_junit_one_case_per_file_failures_for_errors():
    suites = ET.fromstring(format_junit(SAMPLE))
    assert suites.tag == "testsuites"
    (suite,) = suites.findall("testsuite")
    assert suite.get("name") == "factcheck"
    cases = suite.findall("testcase")
    # the five files checked, plus the page with a finding that the file list did not name
    assert [c.get("name") for c in cases] == sorted(SAMPLE.files + ("docs/extra/deep.md",))
    assert suite.get("tests") == suites.get("tests") == "6"
    failed = {c.get("name"): c.find("failure") for c in cases if c.find("failure") is not None}
    assert sorted(failed) == ["docs/extra/deep.md", "docs/history.md"]
    assert suite.get("failures") == suites.get("failures") == "2" and suite.get("errors") == "0"
    history = failed["docs/history.md"]
    assert history.get("message") == "2 errors: date.mismatch, name.mismatch"
    assert "docs/history.md:3: error date.mismatch: '1981' is not 1980 [fact at facts/facts.yaml:1]" in history.text
    assert "not\nthe name,\nat all" in history.text  # line ends as XML parsers read them
    assert failed["docs/extra/deep.md"].get("type") == "ref.unknown"
    index = next(c for c in cases if c.get("name") == "docs/index.md")
    assert index.find("failure") is None
    assert index.find("system-out").text == "docs/index.md:4: warning date.missing: no date <&> \"here\"\n"
    assert {c.get("classname") for c in cases} == {"factcheck.docs", "factcheck.docs.extra", "factcheck.facts"}


def test_junit_text_xml_cannot_carry_is_replaced():
    report = Report((_finding(Code.REF_UNKNOWN, "docs/a\x01.md", 1, "bell\x07 <b>&amp; \ud800 ]]>"),), 1, 0, 1)
    failure = ET.fromstring(format_junit(report)).find(".//failure")
    assert failure.text == "docs/a\ufffd.md:1: error ref.unknown: bell\ufffd <b>&amp; \ufffd ]]>\n"


def test_junit_of_a_real_project_has_a_case_per_file(basic_project):
    report = report_of(broken_project(basic_project))
    suite = ET.fromstring(format_junit(report)).find("testsuite")
    assert [c.get("name") for c in suite.findall("testcase")] == sorted(report.files)
    assert int(suite.get("tests")) == report.pages + 2  # and the two registry files
    failing = {f.location.path for f in report.findings if f.severity == Severity.ERROR}
    assert "docs/history.md" in failing
    assert {c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None} == failing
    assert suite.get("failures") == str(len(failing))


# GitHub workflow commands -----------------------------------------------------------------------

def test_github_escaping():
    assert escape_data("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_commands():
    lines = format_github(SAMPLE).splitlines()
    assert lines[:4] == [
        "::error file=docs/extra/deep.md,line=2,title=factcheck ref.unknown::no such fact",
        "::error file=docs/history.md,line=3,title=factcheck date.mismatch::'1981' is not 1980 "
        "[fact at facts/facts.yaml:1]",
        "::error file=docs/history.md,line=9,title=factcheck name.mismatch::100%25, or: not%0Athe name,%0D%0Aat all",
        "::warning file=docs/index.md,line=4,title=factcheck date.missing::no date <&> \"here\"",
    ]
    assert lines[4] == "factcheck: 3 pages, 4 facts, 5 references: 3 errors, 1 warnings"
    assert len(lines) == 5


def test_github_property_with_comma_and_colon_in_path():
    report = Report((_finding(Code.REF_UNKNOWN, "docs/a,b:c.md", 1, "x"),), 1, 0, 1)
    assert format_github(report).startswith("::error file=docs/a%2Cb%3Ac.md,line=1,")


# Every format -----------------------------------------------------------------------------------

def test_formats_registry_offers_ci_formats():
    assert {"text", "json", "sarif", "junit", "github"} <= set(FORMATS)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_output_is_byte_identical_across_runs(fmt, basic_project, tmp_path, capsysbinary):
    root = broken_project(basic_project)
    outputs = []
    for _ in range(2):
        assert main(["check", "--root", str(root), "--format", fmt]) == 1
        outputs.append(capsysbinary.readouterr().out)
    assert outputs[0] == outputs[1] and outputs[0]
    assert str(root).encode() not in outputs[0]
    # a second copy of the same tree, elsewhere on disk, gives the same bytes too
    other = tmp_path / "elsewhere"
    other.mkdir()
    copy = other / root.name
    shutil.copytree(root, copy)
    assert main(["check", "--root", str(copy), "--format", fmt]) == 1
    assert capsysbinary.readouterr().out == outputs[0]


# The list of codes ------------------------------------------------------------------------------

def test_factcheck_codes_lists_every_code(capsys):
    assert main(["codes"]) == 0
    out = capsys.readouterr().out
    assert out == format_codes()
    lines = out.splitlines()
    assert len(lines) == len(Code)
    for line, code in zip(lines, Code):
        assert line.split()[:2] == [code.code, code.severity.value]
        assert line.endswith(code.description)
    assert [r.code for r in code_rows()] == [c.code for c in Code]
    assert {r.severity for r in code_rows()} <= {s.value for s in Severity}


def test_factcheck_codes_console_script():
    exe = Path(sys.executable).parent / "factcheck"
    out = subprocess.run([str(exe), "codes"], capture_output=True, text=True, check=True).stdout
    assert out == format_codes()
