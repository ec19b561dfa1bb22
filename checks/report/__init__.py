"""Reports of a check run for people and tools: text, JSON, SARIF, JUnit, GitHub annotations.

Each format is a pure function of a :class:`~checks.core.report.Report`.
"""

from __future__ import annotations

from collections.abc import Callable

from checks.core.report import Report
from checks.report.github import format_github
from checks.report.json import format_json
from checks.report.junit import format_junit
from checks.report.sarif import format_sarif
from checks.report.text import format_text

FORMATS: dict[str, Callable[[Report], str]] = {
    "text": format_text,
    "json": format_json,
    # For CI services: GitHub code scanning, test dashboards, pull-request annotations.
    "sarif": format_sarif,
    "junit": format_junit,
    "github": format_github,
}
