"""GitHub Actions workflow commands: annotations on the pull request's diff."""

from __future__ import annotations

from checks.core.findings import Finding
from checks.core.report import Report
from checks.report.common import LEVELS, TOOL_NAME, full_message


def escape_data(text: str) -> str:
    """Escape a workflow command's message, as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: as data, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(finding: Finding) -> str:
    where = [("file", finding.location.path), ("line", str(max(finding.location.line, 1)))]
    if finding.location.column:
        where.append(("col", str(finding.location.column)))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in (
        *where, ("title", f"{TOOL_NAME} {finding.code.code}")))
    return f"::{LEVELS[finding.severity]} {props}::{escape_data(full_message(finding))}"


def format_github(report: Report) -> str:
    lines = [github_command(f) for f in report.findings]
    lines.append(f"factcheck: {report.pages} pages, {report.facts} facts, {report.references} references: "
                 f"{report.errors} errors, {report.warnings} warnings")
    return "\n".join(lines) + "\n"
