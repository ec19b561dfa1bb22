"""The labelled corpus (tests/corpus/): the prose checks meet their targets on it.

Targets (issue 11): every labelled contradiction found at error severity, recall at least 90 %;
no error on a right statement. ``benchmarks/mentions.py`` prints the same numbers by kind.
"""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import mentions as benchmark

RECALL_TARGET = 0.9


@pytest.fixture(scope="module")
def outcomes():
    return benchmark.run()


def test_the_corpus_is_large_and_varied():
    cases = benchmark.load_corpus()
    assert len(cases) >= 80
    assert len({c.kind for c in cases}) >= 10
    assert sum(c.wrong for c in cases) >= 40
    assert sum(not c.wrong for c in cases) >= 40
    assert any(c.file == "hrw-qa.yaml" and c.wrong for c in cases)  # a real text from outside, with its errors
    facts = {f for c in cases for f in c.facts}
    assert len(facts) >= 30


def test_recall_of_labelled_contradictions(outcomes):
    wrong = [o for o in outcomes if o.case.wrong]
    missed = [f"{o.case.file}#{o.case.number}: {o.case.text}" for o in wrong if not o.found]
    assert 1 - len(missed) / len(wrong) >= RECALL_TARGET, missed


def test_no_error_on_a_right_statement(outcomes):
    alarms = [f"{o.case.file}#{o.case.number}: {o.case.text} -> {[f.code.code for f in o.errors]}"
              for o in outcomes if o.false_alarm]
    assert alarms == []


def test_every_labelled_fact_and_code_exists(outcomes):
    from checks.core.codes import Code
    from checks.project import Project

    registry = Project(REPO).load_registry()
    codes = {c.code for c in Code}
    for o in outcomes:
        assert set(o.case.facts) <= set(registry.facts), (o.case.file, o.case.number)
        assert set(o.case.codes) <= codes, (o.case.file, o.case.number)


def test_the_benchmark_prints_a_row_per_kind(capsys):
    assert benchmark.main([]) == 0
    out = capsys.readouterr().out
    assert "recall" in out
    assert "precision" in out
    assert any(line.startswith("all ") for line in out.splitlines())
