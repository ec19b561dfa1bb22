"""Uncited claims, the share of cited claims, and source claims no page states (checks/coverage.py)."""

from __future__ import annotations

import json

import pytest
from prose_registry import FACTS, SOURCES, make_registry, page

from checks.cli import main
from checks.engine import referenced_ids
from checks.rules.coverage import (
    check_uncited,
    check_unstated,
    measure_page,
    page_claims,
)


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return make_registry(tmp_path_factory.mktemp("coverage"))


def uncited(registry, text: str) -> list[str]:
    return [f.message.split("'")[1] for f in check_uncited(registry, page(text))]


@pytest.mark.parametrize("text, claim", [
    ("The last congress met in 1980.", "1980"),
    ("It opened on 6 May 2016 in Pyongyang.", "6 May 2016"),
    ("It opened on May 6.", "May 6"),
    ("Famine struck in the 1990s.", "1990s"),
    ("Some 3,467 delegates attended.", "3,467 delegates"),
    ("A million people marched.", "A million people"),
    ("After a 36-year gap the party met.", "36-year"),
    ("It lasted four days.", "four days"),
])
def test_dates_and_numbers_with_units_outside_references_are_uncited(registry, text, claim):
    assert uncited(registry, text + "\n") == [claim]


@pytest.mark.parametrize("text", [
    "# The 7th Congress",                          # an ordinal is not a claim, in a heading or not
    "It was the first congress in a generation.",
    "It met early in May.",                        # a month alone is too vague to cite
    "The Q&A answers six questions.",              # a number without a unit word
    "It opened on {fact}`6 May 2016 <congress-7>` with {fact}`delegates-7`.",
    "The Q&A counts {nofact}`more than three times` as many, {nofact}`in 1980`.",
    "See https://example.org/1980/report and `1980` in code.",
    "He called it “a congress of 3,000 delegates” once.",  # inside a quotation
])
def test_non_claims_and_cited_claims_are_silent(registry, text):
    assert uncited(registry, text + "\n") == []


def test_first_mention_of_a_name_must_be_a_reference(registry):
    text = "Kim Jong Un spoke.\n\nThen {fact}`Kim Jong Un <kim-jong-un>` spoke again.\n"
    [f] = check_uncited(registry, page(text))
    assert (f.code.code, f.location.line, f.fact) == ("claim.uncited", 1, "kim-jong-un")
    assert f.suggestion == "{fact}`Kim Jong Un <kim-jong-un>`"


def test_later_plain_mentions_of_a_referenced_name_are_cited(registry):
    text = ("{fact}`Kim Jong Un <kim-jong-un>` leads the {fact}`wpk`.\n\n"
            "Kim Jong Un's party, the WPK, or the Workers’ Party of Korea.\n")
    assert check_uncited(registry, page(text)) == []


def test_a_name_in_a_heading_is_cited_by_a_reference_in_its_section(registry):
    text = "# Kim Jong Un’s congress\n\n{fact}`Kim Jong Un <kim-jong-un>` called it.\n"
    assert check_uncited(registry, page(text)) == []
    assert [c.kind for c in page_claims(registry, page("# Kim Jong Un’s congress\n"))] == ["name"]
    assert uncited(registry, "# Kim Jong Un’s congress\n") == ["Kim Jong Un"]


def test_a_long_name_is_one_claim_not_several(registry):
    text = "The First Secretary of the Workers' Party of Korea spoke.\n"
    claims = page_claims(registry, page(text))
    assert [(c.text, c.fact) for c in claims] == [("First Secretary of the Workers' Party of Korea",
                                                   "wpk-first-secretary")]


def test_a_page_can_opt_out(registry):
    text = "---\nfactcheck:\n  claims: false\n---\nIn 1980 Kim Jong Un was not born.\n"
    assert check_uncited(registry, page(text)) == []
    assert measure_page(registry, page(text)).checked is False


def test_share_counts_references_and_prose_claims(registry):
    text = "{fact}`wpk` met on {fact}`6 May 2016 <congress-7>`. The WPK met in 1980.\n"
    cov = measure_page(registry, page(text))
    assert (cov.total, cov.cited) == (4, 3)
    assert cov.share == pytest.approx(0.75)


def test_source_claims_with_facts_must_be_stated_on_some_page(registry):
    stated = page("{fact}`delegates-7` came.\n")
    silent = page("Nothing here.\n")
    assert check_unstated(registry, referenced_ids([silent, stated])) == []
    [f] = check_unstated(registry, referenced_ids([silent]))
    assert (f.code.code, f.location.path, f.fact) == ("coverage.unstated", "facts/sources.yaml", "delegates-7")


def _project(tmp_path, body: str):
    make_registry(tmp_path, FACTS, SOURCES)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(body, encoding="utf-8")
    return tmp_path


def test_cli_prints_the_share_of_cited_claims_with_coverage(tmp_path, capsys):
    root = _project(tmp_path, "# Delegates\n\n{fact}`delegates-7` came; the WPK met in 1980.\n")
    assert main(["check", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "docs/a.md:3:42: warning claim.uncited: date '1980'" in out
    assert "claims cited" not in out  # the table only on request
    assert main(["check", "--root", str(root), "--coverage"]) == 0
    assert "docs/a.md      1      3   33.3%" in capsys.readouterr().out
    assert main(["check", "--root", str(root), "--format", "json"]) == 0
    claims = json.loads(capsys.readouterr().out)["summary"]["claims"]
    assert (claims["total"], claims["cited"], claims["share"]) == (3, 1, 0.3333)
    assert claims["pages"] == [{"path": "docs/a.md", "total": 3, "cited": 1, "share": 0.3333, "checked": True}]
