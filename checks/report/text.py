"""Plain text for people: one line per finding, the claims table, a summary line."""

from __future__ import annotations

from checks.core.report import Report


def summary(report: Report) -> dict:
    return {"pages": report.pages, "facts": report.facts, "references": report.references,
            "errors": report.errors, "warnings": report.warnings, "claims": claims_summary(report)}


def claims_summary(report: Report) -> dict:
    """Claims in prose and how many are cited (checks/coverage.py), in total and per page."""
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


def format_text(report: Report) -> str:
    lines = []
    for f in report.findings:
        line = f"{f.location}: {f.severity.value} {f.code.code}: {f.message}"
        if f.related and f.related.path != f.location.path:
            line += f" [fact at {f.related}]"
        lines.append(line)
    lines.extend(claims_table(report))
    s = summary(report)
    lines.append(f"{s['pages']} pages, {s['facts']} facts, {s['references']} references: "
                 f"{s['errors']} errors, {s['warnings']} warnings")
    if report.registry_invalid:
        lines[-1] += " (registry not loaded whole: fix registry.invalid first; registry checks skipped)"
    return "\n".join(lines) + "\n"
