"""The diagnostic codes as a list of rows, for the ``{factcheck-codes}`` directive and for
``factcheck codes``: both read codes.py through here, so they always show the same list."""

from __future__ import annotations

import re
from typing import NamedTuple

from checks.core.codes import Code

HEADERS = ("Code", "Severity", "Description")
# The page of the explainer whose {factcheck-codes} table documents every code, one anchor per row
# (code_anchor); SARIF rules link there.
CODES_PAGE = "contributing.html"


class CodeRow(NamedTuple):
    code: str
    severity: str
    description: str


def code_rows() -> list[CodeRow]:
    """Every code, in the order codes.py lists them (grouped by family)."""
    return [CodeRow(c.code, c.severity.value, c.description) for c in Code]


def format_codes() -> str:
    """The list as aligned plain text: code, severity, description."""
    rows = code_rows()
    width = max(len(r.code) for r in rows)
    sev = max(len(r.severity) for r in rows)
    return "".join(f"{r.code:<{width}}  {r.severity:<{sev}}  {r.description}\n" for r in rows)


def code_anchor(code: str) -> str:
    """``factcheck-date-mismatch`` for ``date.mismatch``: the row's id in the codes table (the id
    docutils makes of ``factcheck-<code>``: lowercase, every other character a hyphen)."""
    return re.sub(r"[^a-z0-9]+", "-", f"factcheck-{code}".lower()).strip("-")
