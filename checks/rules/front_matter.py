"""Front matter: the days a page gives must be days. ``as_of`` (the page is written as of that day;
titles and dates are checked against it) and ``last_checked`` (the day a page not written as of a
date was last checked; shown to readers)."""

from __future__ import annotations

from checks.core.codes import Code
from checks.core.findings import Finding, Location
from checks.pages.model import Page, as_of_day
from checks.registry.model import Registry

FRONT_MATTER_DAYS = ("as_of", "last_checked")


def check_front_matter(registry: Registry, page: Page) -> list[Finding]:
    findings = []
    for key in FRONT_MATTER_DAYS:
        value = page.front_matter.get(key)
        if value is not None and as_of_day(value) is None:
            line = page.front_matter_lines.get(key, 1)
            findings.append(Finding(Code.PAGE_AS_OF, Location(page.path, line),
                                    f"front matter {key}: '{value}' is not a day; write YYYY-MM-DD"))
    return findings
