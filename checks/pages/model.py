"""The page model: what the checks know of a page (its references, prose runs, front matter)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from checks.core.findings import Location
from checks.registry.dates import InvalidDate, parse_day


def as_of_day(value: object) -> dt.date | None:
    """A page's ``as_of`` front matter as a day: strictly YYYY-MM-DD (``page.as-of`` reports the
    rest), whether YAML gave a date or a string. The checks and the page's note both read it here."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return parse_day(str(value))
    except InvalidDate:
        return None


@dataclass(frozen=True)
class Reference:
    """A ``{fact}`` role: the fact it names and, if given, the author's own words."""

    fact_id: str
    words: str | None
    raw: str
    location: Location


@dataclass(frozen=True)
class TextRun:
    """Prose outside any reference, code or markup, with the line it starts on."""

    text: str
    location: Location
    heading: bool = False  # the text of a heading (a title, not a sentence)


@dataclass(frozen=True)
class Page:
    path: str  # relative to the project root
    docname: str
    front_matter: dict = field(default_factory=dict)
    # key -> line of that key in the front matter
    front_matter_lines: dict = field(default_factory=dict)
    references: tuple[Reference, ...] = ()
    runs: tuple[TextRun, ...] = ()
    not_claims: tuple[TextRun, ...] = ()

    @property
    def as_of(self) -> str | None:
        """The front matter's ``as_of`` as written (None when the page has none)."""
        value = self.front_matter.get("as_of")
        return str(value) if value is not None else None

    @property
    def as_of_date(self) -> dt.date | None:
        """The day the page is written as of; None when it has none or it is not a day."""
        return as_of_day(self.as_of)
