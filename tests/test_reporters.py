"""Report formats, each checked against what its consumer requires: SARIF against the official
SARIF 2.1.0 schema and GitHub code scanning's rules, JUnit against Jenkins' strict junit-10.xsd,
GitHub workflow commands against GitHub's grammar, escaping and annotation limits; each in the clean,
findings and broken-registry cases. Also: determinism of every format, ``factcheck codes``.

The schemas are vendored in tests/schemas/ (see its README): no package available offline ships them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
import xmlschema
from conftest import TESTS

from checks import __version__
from checks.cli import main
from checks.core.codelist import code_anchor, code_rows, format_codes
from checks.core.codes import Code, Severity
from checks.core.findings import Finding, Location
from checks.core.report import Report
from checks.engine import check_loaded_project, check_project
from checks.project import Project
from checks.report import FORMATS
from checks.report.github import escape_data, escape_property, format_github
from checks.report.junit import format_junit
from checks.report.sarif import artifact_uri, format_sarif

SCHEMAS = TESTS / "schemas"
SARIF_SCHEMA = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
JUNIT_SCHEMA = xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd")
BASE = "https://explainer.example.org/site/"

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


def broken_registry(basic_project: Path) -> Path:
    """The basic project with a registry file that does not load, and a wrong year in a page."""
    broken_project(basic_project)
    facts = basic_project / "facts" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("  label: 6th Congress\n", "   label: 6th Congress\n"),
                     encoding="utf-8")
    return basic_project


def loaded_report(root: Path) -> Report:
    """What ``factcheck check`` reports, broken registry files included."""
    project = Project(root)
    return check_loaded_project(project.load_registry_partially(), project.load_pages())


CASES = {"clean": lambda p: p, "findings": broken_project, "broken registry": broken_registry}


@pytest.fixture(params=list(CASES))
def case_report(request, basic_project) -> Report:
    report = loaded_report(CASES[request.param](basic_project))
    assert (report.findings == ()) == (request.param == "clean")
    assert report.registry_invalid == (request.param == "broken registry")
    return report


# SARIF ------------------------------------------------------------------------------------------

# A relative URI reference (RFC 3986): no scheme, no leading slash, only unreserved and reserved
# characters, and "%" only as the start of a percent-escape.
_URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})+")
# GitHub code scanning's documented limits for one SARIF upload.
MAX_RUNS, MAX_RESULTS, MAX_RULES, MAX_TAGS, MAX_LOCATIONS = 20, 25_000, 25_000, 20, 1_000


def sarif_schema_errors(log: dict) -> list[str]:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


def code_scanning_problems(log: dict) -> list[str]:
    """What GitHub code scanning needs beyond the schema: every rule with its descriptions and help,
    every result tied to a rule and to a file of the repository by a relative, encoded URI."""
    problems = []
    if not 1 <= len(log["runs"]) <= MAX_RUNS:
        problems.append("runs: 1 to 20")
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        rules = driver.get("rules", [])
        ids = [rule["id"] for rule in rules]
        if not driver.get("name") or len(rules) > MAX_RULES or len(set(ids)) != len(ids):
            problems.append("driver: a name, and at most 25,000 rules with unique ids")
        for key in ("informationUri",):
            if key in driver and urlsplit(driver[key]).scheme != "https":
                problems.append(f"driver.{key}: an absolute https address")
        for rule in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                if not rule.get(key, {}).get("text"):
                    problems.append(f"rule {rule['id']}: {key}.text")
            if "helpUri" in rule and urlsplit(rule["helpUri"]).scheme != "https":
                problems.append(f"rule {rule['id']}: helpUri must be absolute")
            if len(rule.get("properties", {}).get("tags", [])) > MAX_TAGS:
                problems.append(f"rule {rule['id']}: at most 20 tags")
        if len(run["results"]) > MAX_RESULTS:
            problems.append("at most 25,000 results")
        for result in run["results"]:
            where = f"result {result.get('ruleId')}"
            index = result.get("ruleIndex")
            if result.get("ruleId") not in ids or (index is not None and ids[index] != result["ruleId"]):
                problems.append(f"{where}: ruleId/ruleIndex name no rule")
            if not result.get("message", {}).get("text"):
                problems.append(f"{where}: message.text")
            locations = result.get("locations", [])
            if not 1 <= len(locations) <= MAX_LOCATIONS or len(result.get("relatedLocations", [])) > MAX_LOCATIONS:
                problems.append(f"{where}: 1 to 1,000 locations")
            for location in locations + result.get("relatedLocations", []):
                physical = location["physicalLocation"]
                uri = physical["artifactLocation"]["uri"]
                if urlsplit(uri).scheme or uri.startswith("/") or not _URI_REFERENCE.fullmatch(uri):
                    problems.append(f"{where}: {uri!r} is not a relative, encoded URI reference")
                if physical.get("region", {}).get("startLine", 0) < 1:
                    problems.append(f"{where}: region.startLine from 1")
    return problems


@pytest.mark.parametrize("base_url", [None, BASE], ids=["no address", "site address"])
def test_sarif_follows_the_official_schema_and_code_scanning_rules(case_report, base_url):
    log = json.loads(format_sarif(case_report, base_url=base_url))
    assert sarif_schema_errors(log) == []
    assert code_scanning_problems(log) == []


def test_the_checks_catch_what_github_would_refuse():
    log = json.loads(format_sarif(SAMPLE, base_url=BASE))
    log["runs"][0]["tool"]["driver"]["rules"][0].pop("help")
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "/abs/a b.md"
    log["runs"][0]["results"][1]["ruleIndex"] = 0
    assert code_scanning_problems(log) == [
        "rule registry.invalid: help.text",
        "result ref.unknown: '/abs/a b.md' is not a relative, encoded URI reference",
        "result date.mismatch: ruleId/ruleIndex name no rule"]
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert sarif_schema_errors(log) and sarif_schema_errors(log)[0].startswith("runs/0/results/0/level:")


def test_sarif_rules_have_help_and_link_to_the_codes_table():
    driver = json.loads(format_sarif(SAMPLE, base_url=BASE))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "factcheck" and driver["version"] == __version__
    assert driver["informationUri"] == BASE + "contributing.html#running-the-checks"
    assert [r["id"] for r in driver["rules"]] == [c.code for c in Code]
    for rule, code in zip(driver["rules"], Code):
        assert rule["shortDescription"]["text"] == code.description
        assert rule["defaultConfiguration"]["level"] == code.severity.value
        assert rule["helpUri"] == f"{BASE}contributing.html#{code_anchor(code.code)}"
        assert rule["help"]["text"].startswith(code.description)
        assert f"factcheck.{code.code}" in rule["help"]["markdown"] and rule["helpUri"] in rule["help"]["markdown"]
    plain = json.loads(format_sarif(SAMPLE))["runs"][0]["tool"]["driver"]
    assert "informationUri" not in plain and all("helpUri" not in r and r["help"]["text"] for r in plain["rules"])


def test_every_help_link_lands_on_the_codes_table_of_the_built_site(explainer_html):
    assert explainer_html.status == 0, explainer_html.stderr
    page = (explainer_html.outdir / "contributing.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="([^"]+)"', page))
    rules = json.loads(format_sarif(SAMPLE, base_url=BASE))["runs"][0]["tool"]["driver"]
    targets = [rules["informationUri"]] + [r["helpUri"] for r in rules["rules"]]
    assert [t for t in targets if t.split("#")[1] not in anchors] == []


def test_sarif_paths_are_encoded_uri_references():
    path = "docs/my page 100%: draft #2.md"
    assert artifact_uri(path) == "docs/my%20page%20100%25%3A%20draft%20%232.md"
    assert unquote(artifact_uri(path)) == path
    report = Report((_finding(Code.REF_UNKNOWN, path, 1, "x"),), 1, 0, 1)
    log = json.loads(format_sarif(report))
    assert code_scanning_problems(log) == [] and sarif_schema_errors(log) == []


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


def test_sarif_of_a_broken_registry_puts_the_root_cause_first(basic_project):
    run = json.loads(format_sarif(loaded_report(broken_registry(basic_project))))["runs"][0]
    assert run["results"][0]["ruleId"] == "registry.invalid"
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "facts/facts.yaml"


def test_sarif_of_a_real_project_has_no_absolute_paths(basic_project):
    root = broken_project(basic_project)
    text = format_sarif(report_of(root))
    assert {"date.mismatch", "ref.unknown"} <= {r["ruleId"] for r in json.loads(text)["runs"][0]["results"]}
    assert str(root) not in text and str(root.parent) not in text


# JUnit ------------------------------------------------------------------------------------------

def test_junit_follows_the_strict_schema(case_report):
    JUNIT_SCHEMA.validate(format_junit(case_report))  # raises with the first violation


def test_the_strict_schema_refuses_what_we_no_longer_write():
    text = format_junit(SAMPLE)
    with_file = text.replace('<testcase classname="factcheck.docs" name="docs/facts.md"',
                             '<testcase classname="factcheck.docs" name="docs/facts.md" file="docs/facts.md"')
    with_skipped = text.replace('<testsuites name="factcheck"', '<testsuites name="factcheck" skipped="0"')
    assert with_file != text and with_skipped != text
    assert not JUNIT_SCHEMA.is_valid(with_file) and not JUNIT_SCHEMA.is_valid(with_skipped)


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
    assert suite.get("skipped") == "0" and suites.get("skipped") is None
    assert all(c.get("file") is None for c in cases)
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
    JUNIT_SCHEMA.validate(format_junit(report))


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

# GitHub's workflow command grammar: ::level key=value,...::message, one per line, with the
# properties and the message escaped (no raw "\r", "\n", and "%" only as an escape).
_COMMAND = re.compile(r"::(error|warning|notice)(?: ((?:file|line|col|title)=[^,:\r\n]*(?:,(?:file|line|col|title)=[^,:\r\n]*)*))?"
                      r"::([^\r\n]*)")
_ESCAPED = re.compile(r"(?:[^%]|%25|%0D|%0A|%3A|%2C)*")


def test_github_commands_follow_the_grammar(case_report):
    lines = format_github(case_report).splitlines()
    assert len(lines) == len(case_report.findings) + 1
    for line in lines:
        match = _COMMAND.fullmatch(line)
        assert match, line
        assert _ESCAPED.fullmatch(match.group(3)) and _ESCAPED.fullmatch(match.group(2) or "")
    assert lines[-1].startswith("::notice title=factcheck::")
    assert lines[-1].endswith(f"{len(case_report.findings)} finding{'' if len(case_report.findings) == 1 else 's'} "
                              "in all")
    if case_report.registry_invalid:
        assert lines[0].startswith("::error file=facts/facts.yaml,line=3,title=factcheck registry.invalid::")


def test_github_escaping():
    assert escape_data("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_commands():
    lines = format_github(SAMPLE).splitlines()
    assert lines == [
        "::error file=docs/extra/deep.md,line=2,title=factcheck ref.unknown::no such fact",
        "::error file=docs/history.md,line=3,title=factcheck date.mismatch::'1981' is not 1980 "
        "[fact at facts/facts.yaml:1]",
        "::error file=docs/history.md,line=9,title=factcheck name.mismatch::100%25, or: not%0Athe name,%0D%0Aat all",
        "::warning file=docs/index.md,line=4,title=factcheck date.missing::no date <&> \"here\"",
        "::notice title=factcheck::3 pages, 4 facts, 5 references: 3 errors, 1 warning; 4 findings in all",
    ]


def test_github_root_causes_first_and_the_count_beyond_what_github_shows():
    warnings = [_finding(Code.DATE_MISSING, "docs/a.md", n, "w") for n in range(1, 4)]
    page_errors = [_finding(Code.REF_UNKNOWN, "docs/a.md", n, "e") for n in range(10, 22)]
    registry = [_finding(Code.REGISTRY_INVALID, "facts/b.yaml", 7, "does not load"),
                _finding(Code.SOURCE_UNUSED, "facts/a.yaml", 2, "in the registry")]
    report = Report(tuple(warnings + page_errors + registry), 1, 2, 12, files=("facts/a.yaml", "facts/b.yaml"))
    lines = format_github(report).splitlines()
    order = [line.split("title=factcheck ")[1].split("::")[0] for line in lines[:-1]]
    # errors first, the one that stops the registry loading before the pages'; then warnings, the
    # registry's before the pages'
    assert order == ["registry.invalid"] + ["ref.unknown"] * 12 + ["source.unused"] + ["date.missing"] * 3
    assert [line.split(" ")[0] for line in lines[:-1]] == ["::error"] * 13 + ["::warning"] * 4
    assert lines[-1] == ("::notice title=factcheck::1 page, 2 facts, 12 references: 13 errors, 4 warnings; "
                         "17 findings in all (GitHub annotates the first 10 errors and 10 warnings, root causes "
                         "first; this step's log lists them all)")


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
