"""Open data: facts.json against its JSON Schema, the TimelineJS file, ClaimReview JSON-LD on the
corrections page, and the facts in objects.inv for intersphinx."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, ROOTS, copy_project
from jsonschema import Draft202012Validator
from sphinx.util.inventory import InventoryFile

from checks.core.errors import RegistryErrors
from checks.exports.claimreview import claim_reviews, short_claim
from checks.exports.facts_json import facts_json, facts_schema
from checks.exports.timelinejs import timelinejs
from checks.project import Project

# Knight Lab's TimelineJS JSON format (https://timeline.knightlab.com/docs/json-format.html), as a
# schema: events need a start_date with a year; month and day are optional; text has headline/text.
TLJS_DATE = {"type": "object", "required": ["year"], "additionalProperties": False,
             "properties": {k: {"type": "integer"} for k in ("year", "month", "day", "hour", "minute",
                                                                "second", "millisecond")}
             | {"display_date": {"type": "string"}}}
TLJS_TEXT = {"type": "object", "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
TIMELINEJS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "required": ["events"],
    "properties": {
        "title": {"type": "object", "properties": {"text": TLJS_TEXT}},
        "events": {"type": "array", "items": {
            "type": "object", "required": ["start_date"], "additionalProperties": False,
            "properties": {"start_date": TLJS_DATE, "end_date": TLJS_DATE, "text": TLJS_TEXT,
                           "display_date": {"type": "string"}, "unique_id": {"type": "string"},
                           "group": {"type": "string"}, "media": {"type": "object"},
                           "background": {"type": "object"}, "autolink": {"type": "boolean"}}}},
    },
}
# Google's fact-check documentation: required and recommended ClaimReview properties.
GOOGLE_REQUIRED = ("claimReviewed", "reviewRating", "url")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project("timeline", tmp_path)


@pytest.fixture(scope="module")
def registry():
    return Project(ROOTS / "test-timeline").load_registry()  # read only: no copy needed


def errors(instance, schema) -> list[str]:
    Draft202012Validator.check_schema(schema)
    return [e.message for e in Draft202012Validator(schema).iter_errors(instance)]


def test_facts_json_follows_its_schema(registry):
    data = facts_json(registry)
    assert errors(data, facts_schema()) == []
    by_id = {f["id"]: f for f in data["facts"]}
    assert by_id["founding-party"]["value"] == {"edtf": "1945", "earliest": "1945-01-01", "latest": "1945-12-31",
                                                "precision": "year", "text": "1945"}
    assert by_id["founding-party"]["precision"] == "year" and by_id["founding-party"]["status"] == "disputed"
    assert by_id["congress-7"]["sources"] == ["src-a", "src-b"]
    assert by_id["congress-7"]["superseded"][0]["text"] == "7 May 2016"
    assert by_id["kim-il-sung"]["value"] == "Kim Il Sung"


def test_schema_rejects_a_broken_export(registry):
    data = facts_json(registry)
    bad = copy.deepcopy(data)
    bad["facts"][0]["precision"] = "decade"
    del bad["facts"][1]["status"]
    bad["sources"][0]["url"] = "ftp://example.org"
    found = errors(bad, facts_schema())
    assert len(found) == 3, found


def test_the_real_registry_exports_valid_facts_json():
    try:
        reg = Project(REPO).load_registry()
    except RegistryErrors as exc:  # the registry's own tests report this; here it would only hide
        pytest.skip(f"registry does not load: {exc.errors[0].message}")
    assert errors(facts_json(reg), facts_schema()) == []
    assert errors(timelinejs(reg), TIMELINEJS_SCHEMA) == []


def test_timelinejs_keeps_real_precision_and_order(registry):
    data = timelinejs(registry, facts_url="facts.html")
    assert errors(data, TIMELINEJS_SCHEMA) == []
    events = data["events"]
    assert [e["unique_id"] for e in events] == ["founding-party", "conference-2", "congress-6", "congress-7"]
    assert events[0]["start_date"] == {"year": 1945} and events[0]["display_date"] == "1945"
    assert events[1]["start_date"] == {"year": 1966, "month": 10}
    assert events[3]["start_date"] == {"year": 2016, "month": 5, "day": 6}
    assert events[3]["end_date"] == {"year": 2016, "month": 5, "day": 9}
    assert "https://example.org/report" in events[3]["text"]["text"]
    assert "facts.html#fact-congress-7" in events[3]["text"]["text"]
    # Labels are HTML-escaped for TimelineJS, which renders them as HTML.
    assert errors({"events": [{"start_date": {"year": "1945"}}]}, TIMELINEJS_SCHEMA)  # a string year fails


def check_google_fields(review: dict) -> list[str]:
    """What Google's fact-check documentation requires and recommends of a ClaimReview."""
    missing = [k for k in GOOGLE_REQUIRED + ("datePublished",) if not review.get(k)]
    if len(review.get("claimReviewed", "")) > 75:
        missing.append("claimReviewed within 75 characters")
    rating = review.get("reviewRating", {})
    missing += [f"reviewRating.{k}" for k in ("alternateName", "name", "ratingValue", "bestRating", "worstRating")
                if k not in rating]
    item = review.get("itemReviewed", {})
    missing += [f"itemReviewed.{k}" for k in ("appearance", "firstAppearance", "datePublished", "author")
                if not item.get(k)]
    missing += [f"itemReviewed.{k}.url" for k in ("appearance", "firstAppearance")
                if item.get(k) and not urlsplit(item[k].get("url", "")).scheme]
    if not review.get("author", {}).get("name"):
        missing.append("author.name")
    if review.get("@context") != "https://schema.org" or review.get("@type") != "ClaimReview":
        missing.append("@context/@type")
    return missing


def test_claim_reviews_one_per_corrected_claim_of_the_qa(registry):
    reviews = claim_reviews(registry, "https://x.example/facts.html", author="Us", published="2026-12-01")
    assert [r["url"] for r in reviews] == [
        "https://x.example/facts.html#correction-congress-5-1",
        "https://x.example/facts.html#correction-congress-5-2",
        "https://x.example/facts.html#correction-speech-living-standards-1"]
    assert all(check_google_fields(r) == [] for r in reviews)
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["Imprecise", "Incorrect", "Misquoted"]
    assert reviews[0]["claimReviewed"] == "the 5th Party Congress held in 1970"
    assert reviews[0]["itemReviewed"]["datePublished"] == "2016-05-06"
    assert reviews[0]["itemReviewed"]["appearance"]["url"] == "https://example.org/qa"
    assert reviews[0]["itemReviewed"]["firstAppearance"] == reviews[0]["itemReviewed"]["appearance"]
    assert [r["reviewRating"]["name"] for r in reviews] == ["Imprecise", "Incorrect", "Misquoted"]
    # The checker itself catches a review missing what Google documents.
    broken = copy.deepcopy(reviews[0])
    del broken["reviewRating"]["alternateName"], broken["itemReviewed"]["appearance"], broken["datePublished"]
    broken["claimReviewed"] = "x" * 76
    assert check_google_fields(broken) == ["datePublished", "claimReviewed within 75 characters",
                                           "reviewRating.alternateName", "itemReviewed.appearance"]


def test_every_review_has_a_date_and_a_short_claim(registry):
    """A fact without a verified date is reviewed on the release date; a long quotation is cut."""
    unverified = dataclasses.replace(registry.facts["congress-5"], verified=None)
    long_quote = "the 5th Party Congress held in 1970 replaced Marx-Leninism with Kim Il-Sung’s Juche philosophy"
    superseded = tuple(dataclasses.replace(old, quote=long_quote) for old in unverified.superseded)
    reg = dataclasses.replace(registry, facts={**registry.facts,
                                               "congress-5": dataclasses.replace(unverified, superseded=superseded)})
    reviews = [r for r in claim_reviews(reg, "https://x.example/c.html", author="Us", published="2026-12-01")
               if "congress-5" in r["url"]]
    assert {r["datePublished"] for r in reviews} == {"2026-12-01"}
    assert {r["claimReviewed"] for r in reviews} == {
        "the 5th Party Congress held in 1970 replaced Marx-Leninism with Kim\u2026"}
    assert all(check_google_fields(r) == [] for r in reviews)
    assert short_claim("a" * 80) == "a" * 74 + "\u2026" and short_claim(" short  claim ") == "short claim"


def test_built_site_has_the_open_data(make_app, project):
    app = make_app("html", srcdir=project / "docs", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert "WARNING" not in app._warning.getvalue(), app._warning.getvalue()
    out = project / "docs/_build/html"
    facts = json.loads((out / "facts.json").read_text())
    schema = json.loads((out / "facts.schema.json").read_text())
    assert errors(facts, schema) == [] and facts["$schema"] == "facts.schema.json"
    assert len(facts["facts"]) == 7 and len(facts["sources"]) == 3
    timeline = json.loads((out / "timeline.json").read_text())
    assert errors(timeline, TIMELINEJS_SCHEMA) == []
    # links back to the facts are absolute (html_baseurl), so the file works embedded elsewhere
    links = [link for e in timeline["events"] for link in re.findall(r'href="([^"]+)"', e["text"]["text"])
             if "#fact-" in link]
    assert links and all(link.startswith("https://explainer.example.org/facts.html#fact-") for link in links)

    # ClaimReview JSON-LD on the corrections page only, absolute URLs from html_baseurl.
    page = (out / "facts.html").read_text()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1
    reviews = json.loads(scripts[0])
    assert len(reviews) == 3 and all(check_google_fields(r) == [] for r in reviews)
    for review in reviews:
        anchor = review["url"].split("#")[1]
        assert review["url"].startswith("https://explainer.example.org/facts.html#")
        assert f'id="{anchor}"' in page  # the review's url points at its entry
    # A quote containing "</script>" cannot end the script early.
    assert "\\u003c/script>" in scripts[0] and "<" not in scripts[0]
    assert "application/ld+json" not in (out / "index.html").read_text()

    # objects.inv lists facts and sources for intersphinx.
    with open(out / "objects.inv", "rb") as stream:
        inv = InventoryFile.load(stream, "https://explainer.example.org", lambda base, uri: f"{base}/{uri}")
    assert inv["fact:fact"]["congress-7"].uri == "https://explainer.example.org/facts.html#fact-congress-7"
    assert set(inv["fact:fact"]) == {"congress-5", "congress-6", "congress-7", "conference-2",
                                     "founding-party", "kim-il-sung", "speech-living-standards"}
    assert "hrw-qa-2016" in inv["fact:source"]


def test_another_site_links_to_facts_through_intersphinx(explainer_html, tmp_path):
    """A second fixture project, without this extension, links to the explainer's facts with :ref:
    through its objects.inv (the local file of the explainer as built; links to the published address)."""
    assert explainer_html.status == 0, explainer_html.stderr
    project = copy_project("intersphinx", tmp_path)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html",
                             str(project / "docs"), str(out)], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "EXPLAINER_INVENTORY": str(explainer_html.outdir / "objects.inv")})
    assert result.returncode == 0, result.stderr  # -W -n: every reference resolved
    page = (out / "index.html").read_text(encoding="utf-8")
    links = {(href, re.sub(r"<[^>]+>", "", text)) for href, text in
             re.findall(r'<a class="reference external" href="([^"]+)"[^>]*>(.*?)</a>', page, re.S)}
    facts = Project(REPO).load_registry().facts
    assert links == {
        ("https://explainer.example.org/facts.html#fact-congress-7", facts["congress-7"].label),
        ("https://explainer.example.org/facts.html#fact-kim-jong-un", facts["kim-jong-un"].label),
        ("https://explainer.example.org/facts.html#fact-kim-jong-un", "the leader"),
    }
    # every fact is there, as a standard label that needs no extension to resolve
    with open(explainer_html.outdir / "objects.inv", "rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    assert {f"fact-{fid}" for fid in facts} <= set(inventory["std:label"])
