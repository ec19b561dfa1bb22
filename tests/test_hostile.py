"""Injection: markup in registry values and in a page's words is shown as text, never run.

The fixture ``tests/roots/test-hostile`` puts ``<script>``, ``<img onerror>``, ``"><svg onload>``,
``</script>`` and ``<!--<script>`` into labels, names, variants, notes, quotations, units, source
titles, publishers, URLs and correction reasons. The built HTML is parsed and must contain no element
or attribute that came from those values. (A browser check comes later.)
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import copy_project

from checks.core.errors import RegistryErrors
from checks.registry.loader import load_registry

# Every payload carries a marker "x-<where>" inside alert(...).
MARKER = re.compile(r"alert\((?:\"|'|&quot;|&#34;|\u201c)?(x-[a-z0-9-]+)")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


class Page(HTMLParser):
    """Every element, attribute, script body and text node of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)

    def handle_comment(self, data):
        self.text.append(f"<!--{data}-->")


@pytest.fixture(scope="module")
def built(tmp_path_factory, make_app_module) -> Path:
    project = copy_project("hostile", tmp_path_factory.mktemp("hostile"))
    app = make_app_module("html", srcdir=project / "docs", freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    assert "Traceback" not in warnings and "Exception" not in warnings, warnings
    return Path(app.outdir)


@pytest.fixture(scope="module")
def make_app_module(request):
    """Sphinx's ``make_app``, usable from a module-scoped fixture (one build for all tests here)."""
    from sphinx.testing.util import SphinxTestApp

    apps = []

    def make(*args, **kwargs):
        app = SphinxTestApp(*args, **kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.cleanup()


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


PAGES = ["index.html", "facts.html"]


@pytest.mark.parametrize("name", PAGES)
def test_no_element_or_attribute_from_values(built: Path, name: str) -> None:
    page = parse(built / name)
    for tag, attrs in page.tags:
        assert tag not in ("svg", "img", "iframe", "object", "embed"), (tag, attrs)
        handlers = [a for a in attrs if a.startswith("on")]
        assert not handlers, (tag, attrs)
        for attr in ("href", "src", "action"):
            value = (attrs.get(attr) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
    raw = (built / name).read_text(encoding="utf-8")
    for payload in ("<script>alert", "<svg", "<img src=x", "<!--<script", "<b onclick"):
        assert payload not in raw, payload


@pytest.mark.parametrize("name", PAGES)
def test_scripts_are_only_ours(built: Path, name: str) -> None:
    page = parse(built / name)
    for attrs, body in page.scripts:
        if attrs.get("src"):
            assert not body.strip()
            assert attrs["src"].startswith("_static/"), attrs
        elif attrs.get("type") == "application/ld+json":
            assert "<" not in body, "markup inside JSON-LD can end or extend the script element"
            json.loads(body)  # still one intact JSON value
        else:
            assert "alert(" not in body and "x-" not in body, body


def test_values_are_shown_as_text(built: Path) -> None:
    """The markup is not dropped either: readers see it, as text, where the value belongs."""
    shown = set()
    for name in PAGES:
        text = "".join(parse(built / name).text).translate(_QUOTES)
        shown |= set(MARKER.findall(text))
        assert '<script>alert("x-label")</script>' in text or name == "index.html"
    expected = {"x-label", "x-title", "x-publisher", "x-reason", "x-name", "x-hangul", "x-quotation",
                "x-unit", "x-person-label", "x-quantity", "x-myst", "x-rejected", "x-quote", "x-note",
                "x-words", "x-words2", "x-project"}
    assert expected <= shown, expected - shown


def test_tooltip_attributes_round_trip(built: Path) -> None:
    """``data-fact-*`` attributes hold the exact value: escaped, not mangled, not broken out of."""
    page = parse(built / "index.html")
    labels = {attrs.get("data-fact-label") for _, attrs in page.tags if "data-fact-label" in attrs}
    assert '7th Congress <script>alert("x-label")</script>' in labels
    sources = [json.loads(attrs["data-fact-sources"]) for _, attrs in page.tags if "data-fact-sources" in attrs]
    assert sources and sources[0][0]["publisher"] == '"><svg onload=alert("x-publisher")>'


def test_json_ld_keeps_values_exact(built: Path) -> None:
    raw = (built / "facts.html").read_text(encoding="utf-8")
    (body,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
    reviews = json.loads(body)
    assert reviews[0]["claimReviewed"] == '</script><script>alert("x-quote")</script>'
    assert reviews[0]["reviewBody"].endswith("<!--<script>")


# -- source URLs: http and https only, refused at file:line -----------------------------------------
SOURCE = """- id: src-a
  kind: source
  title: A report
  publisher: Example
  url: {url}
  retrieved: 2026-11-28
"""


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", "' javascript:alert(1)'", "data:text/html;base64,PHNjcmlwdD4=",
    "file:///etc/passwd", "vbscript:msgbox(1)", "//evil.example/x", "ftp://example.org/x", "https:evil",
    "'https://exa mple.org'", "'http:// example.org'",
])
def test_source_url_scheme_is_refused(tmp_path: Path, url: str) -> None:
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "sources.yaml").write_text(SOURCE.format(url=url), encoding="utf-8")
    with pytest.raises(RegistryErrors) as info:
        load_registry(tmp_path / "facts", tmp_path)
    (err,) = info.value.errors
    assert (err.path, err.line) == ("facts/sources.yaml", 5)
    assert err.message.startswith("'url' must be an http:// or https:// address")


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://example.org", "HTTPS://EXAMPLE.ORG/"])
def test_http_and_https_urls_are_accepted(tmp_path: Path, url: str) -> None:
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "sources.yaml").write_text(SOURCE.format(url=url), encoding="utf-8")
    assert load_registry(tmp_path / "facts", tmp_path).sources["src-a"].url == url
