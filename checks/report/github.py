"""GitHub Actions workflow commands: annotations on the pull request's diff.

GitHub shows at most 10 error and 10 warning annotations per step, so the order matters: errors
first, and among them the root causes first (a registry file that does not load, then problems in
the registry, which pages inherit, then the pages). Every finding is still printed, in the step's
log; the closing notice says how many there are in all.
"""

from __future__ import annotations

from checks.core.codes import Code, Severity
from checks.core.findings import Finding
from checks.core.report import Report
from checks.report.common import LEVELS, TOOL_NAME, full_message
from checks.report.text import plural, summary_line

ANNOTATIONS_SHOWN = 10  # per kind (error, warning) and step


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


def root_cause_order(report: Report) -> list[Finding]:
    """Errors before warnings; within each, what does not load, then the registry, then pages."""
    registry_files = {path for path in report.files if not path.endswith(".md")}

    def rank(item: tuple[int, Finding]) -> tuple[int, int, int]:
        index, finding = item
        if finding.code is Code.REGISTRY_INVALID:
            cause = 0
        elif finding.location.path in registry_files or finding.location.path.startswith("facts/"):
            cause = 1
        else:
            cause = 2
        return (0 if finding.severity == Severity.ERROR else 1, cause, index)

    return [f for _, f in sorted(enumerate(report.findings), key=rank)]


def format_github(report: Report) -> str:
    lines = [github_command(f) for f in root_cause_order(report)]
    total = len(report.findings)
    summary = f"{summary_line(report)}; {plural(total, 'finding')} in all"
    if report.errors > ANNOTATIONS_SHOWN or report.warnings > ANNOTATIONS_SHOWN:
        summary += (f" (GitHub annotates the first {ANNOTATIONS_SHOWN} errors and {ANNOTATIONS_SHOWN} warnings, "
                    "root causes first; this step's log lists them all)")
    lines.append(f"::notice title={TOOL_NAME}::{escape_data(summary)}")
    return "\n".join(lines) + "\n"
