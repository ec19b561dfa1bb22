"""Sentences: the unit in which prose states a claim (a line is not a unit of meaning).

A passage's text (see :class:`~checks.pages.model.Passage`) is split with ``sentencex``, a
rule-based, deterministic sentence segmenter (abbreviations such as "U.N.", "Oct." and "b. 1984"
do not end a sentence), and every sentence keeps its offsets, so each place in it maps back to
its line and column in the page. A heading is one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import sentencex  # type: ignore[import-untyped]  # ships no type information

from checks.core.findings import Location
from checks.core.text import fold
from checks.pages.model import Page, Passage, PassageReference

LANGUAGE = "en"


@dataclass(frozen=True)
class Sentence:
    """One sentence of a passage: ``text`` is ``passage.text[start:end]``, folded (curly quotes,
    apostrophes and dashes as plain ones, one character for one, so offsets keep)."""

    path: str
    passage: Passage
    start: int
    end: int
    text: str

    def location(self, offset: int) -> Location:
        """The line and column of ``offset`` (in this sentence's text) in the page."""
        return self.passage.location(self.path, self.start + offset)

    @property
    def references(self) -> list[PassageReference]:
        """The references inside this sentence, with spans relative to it."""
        return [PassageReference(r.start - self.start, r.end - self.start, r.reference)
                for r in self.passage.references if self.start <= r.start and r.end <= self.end]

    @property
    def skipped(self) -> list[tuple[int, int]]:
        """Spans (relative to this sentence) that are not prose: {nofact} text, inline code."""
        return [(max(a, self.start) - self.start, min(b, self.end) - self.start)
                for a, b in self.passage.skipped if a < self.end and self.start < b]

    @property
    def heading(self) -> bool:
        return self.passage.heading


def split_passage(path: str, passage: Passage) -> list[Sentence]:
    text = passage.text
    if passage.heading:
        bounds = [(0, len(text))]
    else:
        bounds = [(b["start_index"], b["end_index"])
                  for b in sentencex.get_sentence_boundaries(LANGUAGE, text)]
        bounds = _keep_references_whole(bounds, passage)
    folded = fold(text)
    sentences = []
    for start, end in bounds:
        if folded[start:end].strip():
            sentences.append(Sentence(path, passage, start, end, folded[start:end]))
    return sentences


def _keep_references_whole(bounds: list[tuple[int, int]], passage: Passage) -> list[tuple[int, int]]:
    """A reference's words are one piece of the sentence they stand in: join two sentences that a
    boundary inside a reference would split."""
    inside = [(r.start, r.end) for r in passage.references]
    merged: list[tuple[int, int]] = []
    for start, end in bounds:
        if merged and any(a < start < b for a, b in inside):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def page_sentences(page: Page) -> list[Sentence]:
    """Every sentence of the page's prose, in page order."""
    return [s for passage in page.passages for s in split_passage(page.path, passage)]
