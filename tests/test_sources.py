"""Sources nothing cites and facts verified too long ago (checks/sources.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from prose_registry import FACTS, SOURCES, make_registry

from checks.cli import main
from checks.core.config import DEFAULT_STALE_AFTER_DAYS, Settings
from checks.engine import check_project
from checks.project import Project
from checks.rules.sources import check_stale, check_unused_sources

UNUSED = SOURCES + """\
- id: forgotten
  kind: source
  title: Read once, cited nowhere
  publisher: Example
  url: https://example.org/forgotten
  retrieved: 2026-11-28
"""


def test_every_source_cited_is_silent(tmp_path):
    # src-a is cited by facts, qa only by a source claim: both count as used
    assert check_unused_sources(make_registry(tmp_path)) == []


def test_a_source_no_fact_cites_is_reported(tmp_path):
    [f] = check_unused_sources(make_registry(tmp_path, FACTS, UNUSED))
    assert f.code.code == "source.unused"
    assert f.location.path == "facts/sources.yaml" and f.location.line == 19
    assert "forgotten" in f.message


def test_a_superseded_value_cites_its_source(tmp_path):
    facts = FACTS.replace("  of: congress-7\n", "  of: congress-7\n  superseded:\n    - value: 3000\n"
                          "      source: forgotten\n      reason: The Q&A rounds it.\n")
    assert check_unused_sources(make_registry(tmp_path, facts, UNUSED)) == []


def test_stale_fact_is_reported_at_its_verified_line(tmp_path):
    registry = make_registry(tmp_path)
    # kim-jong-un was verified on 2024-01-01, the others on 2026-11-28
    [f] = check_stale(registry, dt.date(2026, 11, 28), 730)
    assert (f.code.code, f.fact) == ("fact.stale", "kim-jong-un")
    assert f.location == registry.facts["kim-jong-un"].line_of("verified")
    assert "1062 days ago" in f.message


def test_fresh_facts_and_the_boundary_are_silent(tmp_path):
    registry = make_registry(tmp_path)
    assert check_stale(registry, dt.date(2024, 1, 1) + dt.timedelta(days=730), 730) == []
    assert [f.fact for f in check_stale(registry, dt.date(2024, 1, 1) + dt.timedelta(days=731), 730)] == ["kim-jong-un"]
    assert check_stale(registry, dt.date(2026, 11, 28), 5000) == []


def test_engine_runs_the_age_check_only_when_given_a_day(tmp_path):
    registry = make_registry(tmp_path)
    assert not [f for f in check_project(registry, []).findings if f.code.code == "fact.stale"]
    report = check_project(registry, [], Settings(today=dt.date(2026, 11, 28)))
    assert [f.fact for f in report.findings if f.code.code == "fact.stale"] == ["kim-jong-un"]


def test_setting_is_read_from_pyproject(tmp_path):
    assert Project(tmp_path).stale_after_days() == DEFAULT_STALE_AFTER_DAYS == 730
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck]\nstale_after_days = 100000\n")
    assert Project(tmp_path).stale_after_days() == 100000


@pytest.mark.parametrize("value", ['"two years"', "0", "true"])
def test_a_bad_setting_stops_the_cli_with_a_clear_message(tmp_path, capsys, value):
    make_registry(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "pyproject.toml").write_text(f"[tool.factcheck]\nstale_after_days = {value}\n")
    assert main(["check", "--root", str(tmp_path)]) == 2
    assert "stale_after_days must be a positive whole number" in capsys.readouterr().err
