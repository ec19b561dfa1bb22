"""The page model: what the checks know of a page (its references, prose runs, front matter)."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

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


# Where a piece of extracted text stands in the page: (offset in the text, 1-based line, 1-based
# column). The text from ``offset`` up to the next anchor is written as-is in the source (quotes
# folded), so positions between anchors follow from the nearest anchor before them.
Anchor = tuple[int, int, int]


def source_position(anchors: tuple[Anchor, ...], offset: int) -> tuple[int, int] | None:
    """(line, column) in the page of the character at ``offset`` of an extracted text, or None
    where the extractor could not place it (text rewritten by markup, such as an entity)."""
    i = bisect.bisect_right(anchors, (offset, 1 << 30, 0)) - 1
    if i < 0:
        return None
    start, line, column = anchors[i]
    return line, column + offset - start


@dataclass(frozen=True)
class Reference:
    """A ``{fact}`` role: the fact it names and, if given, the author's own words.

    ``location`` spans the whole role where the extractor found it in the source; ``anchors``
    place the characters of ``raw`` (the role's content) in the page."""

    fact_id: str
    words: str | None
    raw: str
    location: Location
    anchors: tuple[Anchor, ...] = field(default=(), compare=False)

    @property
    def words_offset(self) -> int:
        """Where ``words`` start in ``raw`` (0 when there are none)."""
        return len(self.raw) - len(self.raw.lstrip()) if self.words else 0

    @property
    def target_offset(self) -> int:
        """Where the fact id starts in ``raw``: after the ``<`` when there are words."""
        if self.words is not None and "<" in self.raw:
            after = self.raw.rindex("<") + 1
            return after + len(self.raw[after:]) - len(self.raw[after:].lstrip())
        return len(self.raw) - len(self.raw.lstrip())


@dataclass(frozen=True)
class TextRun:
    """Prose outside any reference, code or markup, with the line it starts on (``anchors`` place
    its characters in the page, for checks that point at the exact words)."""

    text: str
    location: Location
    heading: bool = False  # the text of a heading (a title, not a sentence)
    anchors: tuple[Anchor, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph, heading or list item as a reader reads it: prose with each reference's words
    (or its id) in place, and where each reference and each passage that is not prose ({nofact},
    {phrase}, inline code, other roles) lies in that text. Sentences are read from it."""

    text: str
    location: Location  # the first line
    references: tuple[tuple[int, int, Reference], ...] = ()  # (start, end, reference)
    quiet: tuple[tuple[int, int], ...] = ()  # (start, end) of text that is not prose
    # (offset, page line): the text from each offset on is on that line, up to the next entry
    line_starts: tuple[tuple[int, int], ...] = ()
    heading: bool = False
    # (offset, column): the text from each offset on starts at that 1-based column of its line
    # (0: not known, e.g. after an escape), up to the next entry
    column_starts: tuple[tuple[int, int], ...] = ()

    def line_at(self, offset: int) -> int:
        line = self.location.line
        for start, number in self.line_starts:
            if start > offset:
                break
            line = number
        return line

    def column_at(self, offset: int) -> int:
        """The 1-based column of ``offset`` in its page line; 0 when it is not known."""
        anchor = None
        for start, column in self.column_starts:
            if start > offset:
                break
            anchor = (start, column)
        if anchor is None or not anchor[1]:
            return 0
        return anchor[1] + offset - anchor[0]

    def location_at(self, offset: int) -> Location:
        """The page line and column of an offset in the paragraph's text."""
        return Location(self.location.path, self.line_at(offset), self.column_at(offset))


@dataclass(frozen=True)
class Page:
    path: str  # relative to the project root
    docname: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    # key -> line of that key in the front matter
    front_matter_lines: dict[str, int] = field(default_factory=dict)
    references: tuple[Reference, ...] = ()
    runs: tuple[TextRun, ...] = ()
    not_claims: tuple[TextRun, ...] = ()  # {nofact} passages
    phrases: tuple[TextRun, ...] = ()  # {phrase} passages: quoted terms, titles and names
    paragraphs: tuple[Paragraph, ...] = ()

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
