"""Plain text for people: one line per finding, a summary line and, on request, the claims table.

Colour (ANSI) is the caller's choice: the command line asks for it on a terminal only.
"""

from __future__ import annotations

from typing import Any

from checks.core.codes import Severity
from checks.core.report import Report
from checks.report.common import full_message

# ANSI styles: bold for the place, red for errors, yellow for warnings, dim for the code.
_BOLD, _RED, _YELLOW, _GREEN, _DIM, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[2m", "\x1b[0m"
_SEVERITY_STYLE = {Severity.ERROR: _BOLD + _RED, Severity.WARNING: _YELLOW}


def plural(count: int, noun: str) -> str:
    """``1 error``, ``2 errors``, ``0 errors``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary(report: Report) -> dict[str, Any]:
    return {"pages": report.pages, "facts": report.facts, "references": report.references,
            "errors": report.errors, "warnings": report.warnings, "claims": claims_summary(report)}


def claims_summary(report: Report) -> dict[str, Any]:
    """Claims in prose and how many are cited (checks/rules/coverage.py), in total and per page."""
    total = sum(c.total for c in report.coverage)
    cited = sum(c.cited for c in report.coverage)
    return {"total": total, "cited": cited, "share": round(cited / total, 4) if total else 1.0,
            "pages": [c.to_dict() for c in report.coverage]}


def claims_table(report: Report) -> list[str]:
    """A short text table: cited claims per page and in total."""
    if not report.coverage:
        return []
    width = max(len(c.path) for c in report.coverage)
    lines = [f"{'claims cited':<{width}}  {'cited':>5}  {'total':>5}  share"]
    for c in report.coverage:
        note = "" if c.checked else "  (claims: false)"
        lines.append(f"{c.path:<{width}}  {c.cited:>5}  {c.total:>5}  {c.share:6.1%}{note}")
    s = claims_summary(report)
    lines.append(f"{'total':<{width}}  {s['cited']:>5}  {s['total']:>5}  {s['share']:6.1%}")
    return lines


def summary_line(report: Report) -> str:
    """``14 pages, 113 facts, 227 references: 1 error, 0 warnings``."""
    return (f"{plural(report.pages, 'page')}, {plural(report.facts, 'fact')}, "
            f"{plural(report.references, 'reference')}: {plural(report.errors, 'error')}, "
            f"{plural(report.warnings, 'warning')}")


def format_text(report: Report, *, colour: bool = False, coverage: bool = False) -> str:
    """The findings, then (with ``coverage``) the claims table, then the summary line."""
    def style(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    lines = [f"{style(str(f.location), _BOLD)}: {style(f.severity.value, _SEVERITY_STYLE[f.severity])} "
             f"{style(f.code.code, _DIM)}: {full_message(f)}" for f in report.findings]
    if coverage:
        lines.extend(claims_table(report))
    last = summary_line(report)
    if report.registry_invalid:
        last += " (registry not loaded whole: fix registry.invalid first; registry checks skipped)"
    outcome = _RED if report.errors else _YELLOW if report.warnings else _GREEN
    lines.append(style(last, outcome))
    return "\n".join(lines) + "\n"
