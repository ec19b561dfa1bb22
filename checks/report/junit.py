"""JUnit XML, for test dashboards: one test case per file checked. Only the elements and attributes
that the strict schemas allow (Jenkins' junit-10.xsd; tests/schemas/)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checks import __version__
from checks.core.codes import Severity
from checks.core.findings import Finding
from checks.core.report import Report
from checks.report.common import TOOL_NAME, full_message


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
    return xml_safe(f"{finding.location}: {finding.severity.value} {finding.code.code}: {full_message(finding)}")


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
        # (no "file" attribute: the strict JUnit schemas of Jenkins and Surefire refuse it; the
        # name is the file)
        case = ET.Element("testcase", {"classname": _classname(name), "name": name, "time": "0"})
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
    attrs = {"name": TOOL_NAME, "tests": str(len(cases)), "failures": str(failures), "errors": "0", "time": "0"}
    suites = ET.Element("testsuites", attrs)  # "skipped" is a testsuite attribute only, in those schemas
    suite = ET.SubElement(suites, "testsuite", {**attrs, "skipped": "0"})
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
