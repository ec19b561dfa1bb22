"""Findings as LSP diagnostics: exact range, code, severity and a link to the code's description
in the contributing page (the ``{factcheck-codes}`` table, whose rows carry these anchors)."""

from __future__ import annotations

import os
from pathlib import Path

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from checks.core.codelist import CODES_PAGE, code_anchor
from checks.core.codes import Severity
from checks.core.findings import Finding
from checks.lsp.locations import location_span, to_range, uri_of

SOURCE = "factcheck"
_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning}


def docs_base(root: Path, configured: str | None = None) -> str:
    """Where the built site is, for links to the codes' descriptions: the editor's setting
    (``docsUrl``), else ``EXPLAINER_BASEURL`` (the site's address, as conf.py reads it), else the
    local HTML build that ``make html`` writes."""
    base = configured or os.environ.get("EXPLAINER_BASEURL") or uri_of(root / "build" / "html")
    return base if base.endswith("/") else base + "/"


def code_href(code: str, base: str) -> str:
    return f"{base}{CODES_PAGE}#{code_anchor(code)}"


def to_diagnostic(finding: Finding, lines: list[str], codec: PositionCodec, root: Path,
                  base: str) -> types.Diagnostic:
    related = None
    if finding.related is not None:
        at = types.Position(max(finding.related.line - 1, 0), 0)
        related = [types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri_of(root / finding.related.path), range=types.Range(at, at)),
            message=f"the registry's record ({finding.related})")]
    return types.Diagnostic(
        range=to_range(location_span(finding.location, lines), lines, codec),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.code.code,
        code_description=types.CodeDescription(href=code_href(finding.code.code, base)),
        source=SOURCE,
        related_information=related,
        data={"fact": finding.fact, "suggestion": finding.suggestion},
    )
