"""Sentences: the unit a claim is read in. A line is not a unit of meaning; a sentence is.

Each paragraph (see :class:`checks.pages.model.Paragraph`) is split with ``sentencex``, a
rule-based segmenter (Wikimedia's, no model to load, deterministic) that knows abbreviations
("U.N.", "No. 2", "e.g.") and quotation marks after a full stop. A heading is one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar, cast

from sentencex import segment

from checks.core.findings import Location
from checks.pages.model import Page, Paragraph, Reference

# Words by which a sentence says it looks ahead of the day it is written as of: it may then name
# what came later ("Kim Jong Un would later be named Chairman", "the party has since then ...").
LOOKING_AHEAD = re.compile(
    r"\b(?:later|would|will|went on to|go on to|since then|afterwards|subsequently|eventually|"
    r"in the years that followed|was to|were to|(?:is|are|was|were) (?:expected|due|scheduled|set) to)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    paragraph: Paragraph
    start: int  # offsets in the paragraph's text
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end]

    @property
    def location(self) -> Location:
        return self.location_at(self.start)

    def location_at(self, offset: int) -> Location:
        """The page location of an offset in the paragraph's text."""
        return Location(self.paragraph.location.path, self.paragraph.line_at(offset))

    @property
    def references(self) -> list[tuple[int, int, Reference]]:
        """The references that start in this sentence, with their offsets in the paragraph."""
        return [item for item in self.paragraph.references if self.start <= item[0] < self.end]

    def prose(self) -> str:
        """The sentence's own words: references, {nofact} and {phrase} passages, code and other
        roles blanked out (same length, so offsets stay valid)."""
        return self._prose

    # Kept on the sentence: a paragraph's sentences are kept too (:func:`split`), so a check
    # that reads every sentence of a page on each re-check blanks only the edited paragraph's.
    @cached_property
    def _prose(self) -> str:
        chars = list(self.text)
        for start, end in [(a, b) for a, b, _ in self.paragraph.references] + list(self.paragraph.quiet):
            for i in range(max(start, self.start), min(end, self.end)):
                if chars[i - self.start] != "\n":
                    chars[i - self.start] = " "
        return "".join(chars)

    def looks_ahead(self) -> bool:
        return self._looks_ahead

    @cached_property
    def _looks_ahead(self) -> bool:
        return bool(LOOKING_AHEAD.search(self.text))


def split(paragraph: Paragraph) -> list[Sentence]:
    """The sentences of one paragraph, in order, covering its whole text."""
    return list(_SPLITS.get(paragraph, _split))


def _split(paragraph: Paragraph) -> tuple[Sentence, ...]:
    if paragraph.heading:
        return (Sentence(paragraph, 0, len(paragraph.text)),)
    sentences = []
    position = 0
    for piece in segment("en", paragraph.text):
        # The segments are consecutive slices of the text; find each from where the last ended,
        # so a segmenter that trims white space cannot shift the offsets.
        start = paragraph.text.find(piece, position) if piece else -1
        if start < 0:
            continue
        sentences.append(Sentence(paragraph, start, start + len(piece)))
        position = start + len(piece)
    if not sentences:
        return (Sentence(paragraph, 0, len(paragraph.text)),)
    return tuple(sentences)


def sentences(page: Page) -> list[Sentence]:
    """Every sentence of the page's prose, headings included, in page order."""
    return [sentence for paragraph in page.paragraphs for sentence in split(paragraph)]


_T = TypeVar("_T")
_MISSING = object()


class ByParagraph(Generic[_T]):
    """What a check computes from one paragraph, kept for the paragraphs seen last (at most
    ``limit``, the least recently used dropped first).

    Keyed by the paragraph's value (its text, references, lines and columns): an edit changes one
    paragraph of a page and the others are equal to those of the last check, so their results
    are reused. Whatever else the result depends on (the registry) must own the cache: the
    checks keep one per registry (:func:`checks.pages.spans.per_registry`).

    A paragraph's value takes long to hash (its references and their locations), so the same
    paragraph object is found first by identity (the language server keeps the paragraphs of
    the blocks an edit did not touch), and a new one is hashed once."""

    def __init__(self, limit: int = 16384) -> None:
        self.limit = limit
        self._kept: dict[_ByValue, object] = {}
        # id of a paragraph object -> (the object, its key): the object is held, so its id stays its own
        self._seen: dict[int, tuple[Paragraph, _ByValue]] = {}

    def get(self, paragraph: Paragraph, compute: Callable[[Paragraph], _T]) -> _T:
        kept = self._kept
        seen = self._seen.get(id(paragraph))
        key = seen[1] if seen is not None and seen[0] is paragraph else _ByValue(paragraph)
        # taken out and put back: now the most recently used (and a check in another thread at
        # worst computes the same value again)
        found = kept.pop(key, _MISSING)
        value = compute(paragraph) if found is _MISSING else cast(_T, found)
        while len(kept) >= self.limit:
            kept.pop(next(iter(kept)), None)
        while len(self._seen) >= self.limit:
            self._seen.pop(next(iter(self._seen)), None)
        kept[key] = value
        self._seen[id(paragraph)] = (paragraph, key)
        return value

    def __len__(self) -> int:
        return len(self._kept)


class _ByValue:
    """A paragraph as a key: equal to the paragraphs equal to it, hashed once."""

    __slots__ = ("_hash", "paragraph")

    def __init__(self, paragraph: Paragraph) -> None:
        self.paragraph = paragraph
        self._hash = hash(paragraph)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByValue) and (other.paragraph is self.paragraph or other.paragraph == self.paragraph)


# Paragraphs whose sentences are kept: an editor re-checks a page after each pause in typing, and
# all its paragraphs but the edited one are equal to those of the last check. Splitting depends on
# the paragraph's value alone, so what is kept here never goes stale.
_SPLITS: ByParagraph[tuple[Sentence, ...]] = ByParagraph(limit=4096)
