"""What every CI format shares: the tool's name, severity levels, a finding's full message."""

from __future__ import annotations

from checks.core.codes import Severity
from checks.core.findings import Finding

TOOL_NAME = "factcheck"
# SARIF result levels and GitHub workflow commands, per severity.
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def full_message(finding: Finding) -> str:
    """The message as the text reporter writes it: with the registry entry when it is elsewhere."""
    text = finding.message
    if finding.related and finding.related.path != finding.location.path:
        text += f" [fact at {finding.related}]"
    return text
