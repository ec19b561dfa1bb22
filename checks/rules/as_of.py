"""Time: a page written as of a day (front matter ``as_of``) states nothing that happened after it.

Per sentence: a reference to a fact dated after the as-of day, or a date written in the prose
that begins after it, is a finding, unless the sentence says it looks ahead ("later", "would",
"went on to", "since then"; see :data:`checks.pages.sentences.LOOKING_AHEAD`). A fact is dated
by its own date (an event's, a quantity's, a quotation's) or its beginning (a person's birth).
Organisations and offices named before they existed are :mod:`checks.rules.context`'s
``existence.anachronism``, not repeated here. Passages in quotation marks are someone else's
words, and ``{nofact}`` passages are not claims: neither is read for dates.

Pages that are not written as of a day (the timeline, the facts and sources listings, the
guides) carry no ``as_of`` and are not checked.
"""

from __future__ import annotations

import datetime as dt

from checks.core.codes import Code
from checks.core.findings import Finding
from checks.core.text import fold
from checks.pages.model import Page
from checks.pages.prose_values import DateMention, find_dates
from checks.pages.sentences import Sentence, sentences
from checks.pages.spans import mask, quoted_spans, url_spans
from checks.registry.dates import FactDate, house_date
from checks.registry.model import Fact, Registry

# Named things whose beginning is their existence: checked by context.py when named too early.
_EXISTENCE_KINDS = ("organisation", "office")
_AHEAD_HINT = ("say that the sentence looks ahead ('later', 'would', 'went on to', 'since then'), or "
               "move it to a page written as of a later day")


def check_as_of(registry: Registry, page: Page) -> list[Finding]:
    as_of = page.as_of_date
    if as_of is None:
        return []
    findings: list[Finding] = []
    for sentence in sentences(page):
        if sentence.looks_ahead():
            continue
        for _, _, ref in sentence.references:
            fact = registry.facts.get(ref.fact_id)
            date = _dated(fact)
            if fact is None or date is None or date.lower <= as_of:
                continue
            findings.append(Finding(
                Code.PAGE_AFTER_AS_OF, ref.location,
                f"{fact.id} is dated {date.house_style()}, after {house_date(as_of)}, the day this page is "
                f"written as of: {_AHEAD_HINT}", fact=fact.id, related=fact.line_of(fact.when_key or "id")))
        for mention in _prose_dates(sentence):
            begins = _earliest(mention)
            if begins is not None and begins > as_of:
                findings.append(Finding(
                    Code.PAGE_AFTER_AS_OF, sentence.location_at(sentence.start + mention.start),
                    f"'{mention.text}' is after {house_date(as_of)}, the day this page is written as of: "
                    f"{_AHEAD_HINT}"))
    return findings


def _dated(fact: Fact | None) -> FactDate | None:
    if fact is None or fact.kind in _EXISTENCE_KINDS or fact.when_key is None:
        return None
    date: FactDate = getattr(fact, fact.when_key)
    return date


def _prose_dates(sentence: Sentence) -> list[DateMention]:
    text = fold(sentence.prose())  # one character for one: offsets keep
    return find_dates(mask(text, quoted_spans(text) + url_spans(text)))


def _earliest(mention: DateMention) -> dt.date | None:
    """The first day a written date can mean (None for a date without a year: "6 May")."""
    days = [bounds[0] for part in mention.parts if (bounds := part.bounds()) is not None]
    return min(days, default=None)
