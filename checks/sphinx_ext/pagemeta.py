"""A page's dateline, under its title, in one quiet line: when the page was written, or when it was
last checked. Nothing else goes between a title and the first paragraph.

- A page written as of a date (front matter ``as_of: YYYY-MM-DD``) says so: "Written as of 6 May 2016."
- Any other page says when it was last checked: the day in its front matter (``last_checked``), or
  for a page that lists the registry (the facts, the timeline, the sources, the corrections) the
  days on which what it lists was verified or read: "Last checked 28 November 2026."

Corrections are not announced here: a correction sits beside the passage that discusses it
(:mod:`checks.sphinx_ext.corrections`). The dateline is left out of the search index.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from checks.pages.model import as_of_day
from checks.registry.dates import MONTHS, house_date

from .corrections import NOT_IN_SEARCH
from .domain import fact_domain
from .state import loaded


def day_range(earliest: dt.date, latest: dt.date) -> str:
    """"28 November 2026"; "between 28 November and 2 December 2026"."""
    if earliest == latest:
        return house_date(earliest)
    if earliest.year == latest.year:
        start = f"{earliest.day} {MONTHS[earliest.month - 1]}"
        return f"between {start} and {house_date(latest)}"
    return f"between {house_date(earliest)} and {house_date(latest)}"


def _front_day(metadata: dict[str, Any], key: str) -> dt.date | None:
    """A front matter day, parsed as the checks parse it (one that is not a day is reported by the
    engine as page.as-of, at the front matter's line)."""
    return as_of_day(metadata.get(key))


def dateline(app: Sphinx, docname: str) -> nodes.Node | None:
    metadata = app.env.metadata.get(docname, {})
    as_of = _front_day(metadata, "as_of")
    if as_of is not None:
        words, day, cls = "Written as of ", house_date(as_of), "page-as-of"
    else:
        checked = _front_day(metadata, "last_checked")
        domain = fact_domain(app.env)
        listed = domain.data["checked"].get(docname)
        if checked is not None:
            words, day = "Last checked ", house_date(checked)
        elif listed is not None:
            earliest, latest = (dt.date.fromisoformat(d) for d in listed)
            words, day = "Last checked ", day_range(earliest, latest)
        else:
            return None
        cls = "page-last-checked"
    para = nodes.paragraph("", "")
    para += nodes.Text(words)
    para += nodes.inline(day, day, classes=["dateline-date"])
    para += nodes.Text(".")
    return nodes.container("", para, classes=["page-dateline", cls, NOT_IN_SEARCH])


def registry_broken_warning(app: Sphinx) -> nodes.Node | None:
    """Only a non-strict build (the live preview) gets this far with a broken registry: say so on
    every page rather than serve ids and missing values as if all were well."""
    broken = loaded(app.config).errors
    if not broken:
        return None
    warning = nodes.warning(classes=["registry-broken", NOT_IN_SEARCH])
    warning += nodes.paragraph(text="This preview is incomplete: the facts registry could not be loaded whole ("
                               + "; ".join(f"{e.path}:{e.line}: {e.message}" for e in broken)
                               + "). Facts from it appear as their ids until it is fixed.")
    return warning


def add_dateline(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the dateline, directly under the page title (and, in a preview built from a
    broken registry, the warning that says so)."""
    new = [n for n in (registry_broken_warning(app), dateline(app, app.env.docname)) if n is not None]
    section = next(iter(doctree.findall(nodes.section)), None)
    for offset, node in enumerate(new):
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1 + offset, node)
        else:
            doctree.insert(offset, node)


def setup_pagemeta(app: Sphinx) -> None:
    app.connect("doctree-read", add_dateline)
