"""Front matter: the page's as-of date must be a day, since titles and dates are checked against it."""

from __future__ import annotations

from checks.core.codes import Code
from checks.core.findings import Finding, Location
from checks.pages.model import Page
from checks.registry.model import Registry


def check_front_matter(registry: Registry, page: Page) -> list[Finding]:
    """The page's as-of date must be a day: titles are checked against it."""
    if page.as_of is None or page.as_of_date is not None:
        return []
    line = page.front_matter_lines.get("as_of", 1)
    return [Finding(Code.PAGE_AS_OF, Location(page.path, line),
                    f"front matter as_of: '{page.as_of}' is not a day; write YYYY-MM-DD")]
