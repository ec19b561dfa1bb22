"""Configuration declared once (checks/core/config.py): read from [tool.factcheck] and from conf.py,
validated the same way; the page reader parses with the site's own myst_enable_extensions."""

from __future__ import annotations

import pytest
from conftest import REPO, copy_project

from checks.cli import main
from checks.core.config import FactcheckConfig
from checks.core.errors import ConfigError
from checks.project import Project


def test_defaults_and_one_validated_value():
    assert FactcheckConfig().stale_after_days == 730
    assert FactcheckConfig.from_mapping({"stale_after_days": 10}, "here").stale_after_days == 10


def test_an_unknown_setting_is_named_with_a_suggestion():
    with pytest.raises(ConfigError, match="unknown setting 'stale_after_day' \\(did you mean 'stale_after_days'\\?\\)"):
        FactcheckConfig.from_mapping({"stale_after_day": 10}, "pyproject.toml [tool.factcheck]")


def test_the_cli_reports_an_unknown_setting_without_a_traceback(basic_project, capsys):
    (basic_project / "pyproject.toml").write_text("[tool.factcheck]\nstale_afterdays = 3\n")
    assert main(["check", "--root", str(basic_project)]) == 2
    err = capsys.readouterr().err
    assert "unknown setting 'stale_afterdays'" in err and "Traceback" not in err


def test_every_setting_is_a_sphinx_config_value(make_app, basic_project):
    app = make_app("html", srcdir=basic_project / "docs")
    for name, _default, _ in FactcheckConfig.describe():
        assert f"factcheck_{name}" in app.config


def test_a_bad_setting_in_pyproject_stops_the_build_with_its_name(make_app, basic_project):
    from sphinx.errors import ConfigError as SphinxConfigError

    (basic_project / "pyproject.toml").write_text("[tool.factcheck]\nstale_after_days = 0\n")
    with pytest.raises(SphinxConfigError, match="stale_after_days must be a positive whole number"):
        make_app("html", srcdir=basic_project / "docs")


def test_the_page_reader_uses_the_sites_myst_extensions(tmp_path):
    """The explainer's conf.py enables colon fences; a project whose conf.py does not parses
    ':::' as prose, exactly as its build would."""
    assert {"colon_fence", "deflist", "smartquotes"} <= Project(REPO).myst_extensions()
    root = copy_project("basic", tmp_path)
    conf = root / "docs" / "conf.py"
    conf.write_text(conf.read_text().replace('["colon_fence", "deflist", "smartquotes"]', '["deflist"]'))
    assert Project(root).myst_extensions() == frozenset({"deflist"})
    fenced = ":::{note}\nInside a note.\n:::\n"
    (root / "docs" / "index.md").write_text("# T\n\n" + fenced)
    [page] = [p for p in Project(root).load_pages() if p.docname == "index"]
    assert any(":::" in run.text for run in page.runs)  # no colon fences: the fence is text
