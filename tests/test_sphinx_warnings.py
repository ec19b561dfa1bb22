"""In a Sphinx build every finding is a typed warning ``factcheck.<code>`` at the page and line it
concerns: ``suppress_warnings`` silences one code, and a strict build fails on it. The
``{factcheck-codes}`` directive renders every code from codes.py."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from sphinx.errors import SphinxWarning
from sphinx.util.console import strip_colors

from checks.core.codes import Code

WRONG_YEAR = "`1980 <congress-6>`", "`1981 <congress-6>`"


def _wrong_date(project: Path) -> Path:
    page = project / "docs" / "history.md"
    text = page.read_text(encoding="utf-8")
    assert WRONG_YEAR[0] in text
    page.write_text(text.replace(*WRONG_YEAR), encoding="utf-8")
    return page


def _line_of(page: Path, needle: str) -> int:
    return next(i for i, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _build(make_app, project: Path, **confoverrides):
    app = make_app("html", srcdir=project / "docs", freshenv=True, confoverrides=confoverrides)
    app.build()
    return app, strip_colors(app.warning.getvalue())


def test_finding_is_typed_warning_at_file_and_line(make_app, basic_project):
    page = _wrong_date(basic_project)
    line = _line_of(page, "1981")
    _, warnings = _build(make_app, basic_project)
    matches = [w for w in warnings.splitlines() if "[factcheck.date.mismatch]" in w]
    assert len(matches) == 1, warnings
    assert re.match(rf"{re.escape(str(page))}:{line}: WARNING: .*'1981'", matches[0]), matches[0]


def test_suppress_warnings_silences_that_code(make_app, basic_project):
    _wrong_date(basic_project)
    _, warnings = _build(make_app, basic_project, suppress_warnings=["factcheck.date.mismatch"])
    assert "factcheck.date.mismatch" not in warnings
    assert "1981" not in warnings


def test_suppressing_another_code_keeps_it(make_app, basic_project):
    _wrong_date(basic_project)
    _, warnings = _build(make_app, basic_project, suppress_warnings=["factcheck.name.mismatch"])
    assert "[factcheck.date.mismatch]" in warnings


def test_strict_build_fails_on_the_finding(make_app, basic_project):
    """``-W --keep-going`` (the Makefile's strict build): the build finishes, with status 1."""
    _wrong_date(basic_project)
    app = make_app("html", srcdir=basic_project / "docs", freshenv=True, warningiserror=True)
    app.build()
    assert app.statuscode == 1
    assert "[factcheck.date.mismatch]" in strip_colors(app.warning.getvalue())


def test_strict_build_stops_at_the_finding(make_app, basic_project):
    """``-W`` alone: the first warning stops the build."""
    _wrong_date(basic_project)
    app = make_app("html", srcdir=basic_project / "docs", freshenv=True, exception_on_warning=True)
    with pytest.raises(SphinxWarning, match="1981"):
        app.build()


def test_strict_build_does_not_fail_on_a_suppressed_code(make_app, basic_project):
    _wrong_date(basic_project)
    app = make_app("html", srcdir=basic_project / "docs", freshenv=True, warningiserror=True,
                   confoverrides={"suppress_warnings": ["factcheck.date.mismatch"]})
    app.build()
    others = strip_colors(app.warning.getvalue())
    assert "date.mismatch" not in others
    assert app.statuscode == (1 if "WARNING" in others else 0), others


def test_codes_table_lists_every_code(make_app, basic_project):
    (basic_project / "docs" / "codes.md").write_text("# Codes\n\n```{factcheck-codes}\n```\n", encoding="utf-8")
    index = basic_project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("facts\n```", "facts\ncodes\n```"), encoding="utf-8")
    app, warnings = _build(make_app, basic_project)
    assert "codes.md" not in warnings, warnings
    html = (Path(app.outdir) / "codes.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="factcheck-codes'):html.index("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)
    assert len(rows) == len(Code) + 1  # a header row, then one row per code
    for row, code in zip(rows[1:], Code):
        cells = [unescape(re.sub(r"<[^>]+>", "", c)).strip()
                 for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        assert cells == [code.code, code.severity.value, code.description]
        assert f'id="factcheck-{code.code.replace(".", "-")}"' in row


def test_plain_prose_is_checked_in_the_build_too(make_app, basic_project):
    """The build runs the engine's page checks, the prose checks among them: a wrong year next to
    an unlinked mention is a typed warning at its page and line."""
    page = basic_project / "docs" / "history.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nThe 7th Congress met in 2015.\n", encoding="utf-8")
    line = _line_of(page, "met in 2015")
    _, warnings = _build(make_app, basic_project)
    matches = [w for w in warnings.splitlines() if "[factcheck.date.mismatch]" in w]
    assert len(matches) == 1, warnings
    assert re.match(rf"{re.escape(str(page))}:{line}: WARNING: '2015' is not the date of", matches[0]), matches[0]
