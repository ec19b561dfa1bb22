"""Open data in the built site (HTML builders only): ``facts.json`` and ``facts.schema.json``,
``timeline.json`` for TimelineJS, and ClaimReview JSON-LD in the ``<head>`` of the corrections page.

A thin adapter: the records come from :mod:`checks.exports.open_data`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from checks.core import buildinfo
from checks.exports.claimreview import claim_reviews
from checks.exports.facts_json import facts_json, facts_schema
from checks.exports.timelinejs import timelinejs

from .domain import fact_domain
from .state import loaded_key, registry

FILES = ("facts.json", "facts.schema.json", "timeline.json")


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _facts_page(app: Sphinx) -> str | None:
    pages = {doc for doc, _ in fact_domain(app.env).data["fact_pages"].values()}
    return sorted(pages)[0] if pages else None


def _absolute(app: Sphinx, uri: str) -> str:
    """A page's address: absolute when the site's address (html_baseurl) is set, else relative."""
    base = (app.config.html_baseurl or "").rstrip("/")
    return f"{base}/{uri}" if base else uri


def write_files(app: Sphinx, exc: Exception | None) -> None:
    """``build-finished``: write the JSON files at the root of the HTML output."""
    if exc is not None or app.builder.format != "html":
        return
    reg = registry(app.config)
    out = Path(app.outdir)
    facts_page = _facts_page(app)
    # Absolute with the site's address (html_baseurl), so the file works embedded anywhere.
    facts_url = _absolute(app, app.builder.get_target_uri(facts_page)) if facts_page else None
    # The files depend on the registry, the facts page's address and the title alone: while those are
    # the same and the files are there, they are not written again (at 10,000 facts, about a second).
    stamp = Path(app.doctreedir) / "factcheck-open-data.key"
    key = json.dumps([loaded_key(app.config), facts_url, app.config.project, str(out)])
    if loaded_key(app.config) and all((out / name).is_file() for name in FILES) and _read(stamp) == key:
        return
    files = {
        "facts.json": facts_json(reg),
        "facts.schema.json": facts_schema(),
        "timeline.json": timelinejs(reg, title=app.config.project or "Timeline", facts_url=facts_url),
    }
    for name, data in files.items():
        (out / name).write_text(_dump(data), encoding="utf-8")
    stamp.write_text(key, encoding="utf-8")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def add_claim_reviews(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                      doctree: nodes.document | None) -> None:
    """``html-page-context``: on the page listing corrections, one ClaimReview per corrected claim."""
    if doctree is None:
        return
    anchors = {i for node in doctree.findall(nodes.container) if "correction" in node["classes"]
               for i in node["ids"]}
    if not anchors:
        return
    base = (app.config.html_baseurl or "").rstrip("/")
    page_url = _absolute(app, app.builder.get_target_uri(pagename))
    published = buildinfo.release_date(Path(app.confdir)).isoformat()
    reviews = [r for r in claim_reviews(registry(app.config), page_url, author=app.config.author or app.config.project,
                                        published=published, author_url=base + "/" if base else None)
               if r["url"].rsplit("#", 1)[1] in anchors]
    if not reviews:
        return
    # No "<" may reach the script's text: "</script" would end it early, and "<!--<script" would make
    # the browser read on past the real "</script>". Inside JSON strings "\u003c" is "<".
    payload = json.dumps(reviews, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    context["metatags"] = context.get("metatags", "") + (
        f'\n<script type="application/ld+json">\n{payload}\n</script>\n')


def setup_opendata(app: Sphinx) -> None:
    app.connect("build-finished", write_files)
    app.connect("html-page-context", add_claim_reviews)
