"""JSON for tools: every finding as a record, and the summary."""

from __future__ import annotations

import json

from checks.core.report import Report
from checks.report.text import summary


def format_json(report: Report) -> str:
    payload = {"findings": [f.to_dict() for f in report.findings], "summary": summary(report)}
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
