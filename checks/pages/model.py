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
class Anchor:
    """Where a stretch of a passage's text starts in the page: the offset in the passage, and the
    1-based line and column in the source (0: the column is not known)."""

    offset: int
    line: int
    column: int


@dataclass(frozen=True)
class PassageReference:
    """A reference inside a passage: the span its words (or its id) take in the passage's text."""

    start: int
    end: int
    reference: Reference


@dataclass(frozen=True)
class Passage:
    """A paragraph, list item or heading as a reader reads it: its prose with each reference's
    words (or its id) in place and soft line breaks as spaces, so that sentences can be read
    whole. ``anchors`` map every offset back to its line and column in the page."""

    text: str
    anchors: tuple[Anchor, ...]
    references: tuple[PassageReference, ...] = ()
    # spans that are not prose: {nofact} text, inline code
    skipped: tuple[tuple[int, int], ...] = ()
    heading: bool = False

    def location(self, path: str, offset: int) -> Location:
        """The line and column of ``offset`` in the page."""
        anchor = None
        for candidate in self.anchors:  # few per passage: one per text piece
            if candidate.offset > offset:
                break
            anchor = candidate
        if anchor is None:
            return Location(path, self.anchors[0].line if self.anchors else 1)
        column = anchor.column + (offset - anchor.offset) if anchor.column else 0
        return Location(path, anchor.line, column)


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
    passages: tuple[Passage, ...] = ()

    @property
    def as_of(self) -> str | None:
        """The front matter's ``as_of`` as written (None when the page has none)."""
        value = self.front_matter.get("as_of")
        return str(value) if value is not None else None

    @property
    def as_of_date(self) -> dt.date | None:
        """The day the page is written as of; None when it has none or it is not a day."""
        return as_of_day(self.as_of)


def claims_checked(page: Page) -> bool:
    """False if the page's front matter says ``factcheck: {claims: false}``: a page that makes no
    claims (a contributors' guide). Its references are still checked; its prose is not read for
    claims."""
    settings = page.front_matter.get("factcheck")
    if isinstance(settings, dict):
        return str(settings.get("claims", "true")).strip().lower() not in ("false", "no", "off", "0")
    return True
