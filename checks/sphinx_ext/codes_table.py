"""``{factcheck-codes}``: the diagnostic codes as a table (code, severity, description), read from
codes.py, for the contributing page. Each code's row says how to silence it in a build."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from checks.core.codelist import HEADERS, code_anchor, code_rows

WIDTHS = (3, 1, 8)


def _row(*cells: nodes.Node) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell if isinstance(cell, nodes.paragraph) else nodes.paragraph("", "", cell)
        row += entry
    return row


class FactcheckCodes(SphinxDirective):
    """Render every diagnostic code; the Sphinx warning type is ``factcheck.<code>``."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        # The descriptions as codes.py and ``factcheck codes`` write them: no smart quotes.
        table = nodes.table(classes=["factcheck-codes"], support_smartquotes=False)
        group = nodes.tgroup(cols=len(HEADERS))
        table += group
        group.extend(nodes.colspec(colwidth=w) for w in WIDTHS)
        thead = nodes.thead()
        thead += _row(*(nodes.Text(h) for h in HEADERS))
        tbody = nodes.tbody()
        for row in code_rows():
            code = nodes.literal(row.code, row.code)
            target = nodes.target("", "", ids=[code_anchor(row.code)])
            tbody += _row(nodes.paragraph("", "", target, code), nodes.Text(row.severity),
                          nodes.Text(row.description))
        group += thead
        group += tbody
        return [table]


def setup_codes_table(app: Sphinx) -> None:
    app.add_directive("factcheck-codes", FactcheckCodes)
