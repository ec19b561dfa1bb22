"""Helpers shared by the prose checks (names, quotes, coverage): read a page's prose runs.

Offsets stay valid: folding maps characters one to one (curly quotes, apostrophes and dashes to
their plain forms), so an offset in the folded text is an offset in the run, and the run's line
plus the newlines before an offset is the exact line in the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TypeVar, cast

from checks.core.findings import Location
from checks.core.text import fold
from checks.pages.model import Anchor, Page, TextRun, source_position
from checks.registry.model import Fact, Registry

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# A quotation in double quotes; after folding, curly “…” are plain "…". Not across paragraphs.
_QUOTED = re.compile(r'"([^"]+)"')


def location_at(run: TextRun, offset: int, end: int | None = None) -> Location:
    """The page location of the run's characters from ``offset`` (up to ``end``, exclusive): the
    line always, the columns where the extractor placed those characters on it."""
    return span_location(run.location.path, run.location.line + run.text.count("\n", 0, offset),
                         run.anchors, offset, end)


def span_location(path: str, line: int, anchors: tuple[Anchor, ...], offset: int,
                  end: int | None = None) -> Location:
    """``line`` with the span of the text's characters ``offset`` to ``end`` as ``anchors`` place
    them; the span is left out where they do not place its start on ``line``."""
    start = source_position(anchors, offset)
    if start is None or start[0] != line:
        return Location(path, line)
    last = source_position(anchors, end - 1) if end is not None and end > offset else None
    if last is None or last < start:
        return Location(path, line, start[1])
    return Location(path, line, start[1], last[0], last[1] + 1)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each passage in double quotes, quote marks included (folded text)."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def url_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _URL.finditer(text)]


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out ``spans`` (keeping newlines and length) so no pattern matches inside them."""
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def prose(run: TextRun) -> str:
    """A run's text, folded, with URLs and double-quoted passages blanked out."""
    text = fold(run.text)
    return mask(text, quoted_spans(text) + url_spans(text))


@cache  # called per page for every registered name: compile each once
def phrase_pattern(phrase: str, flags: int = 0) -> re.Pattern[str]:
    """A name as a regex: words separated by any white space, not glued to other word characters
    (a hyphen continues a word: 'Kim Il' does not match inside 'Kim Il-sung')."""
    words = [re.escape(w) for w in fold(phrase).split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-]|'(?!s\b))", flags)


@dataclass(frozen=True)
class NameForm:
    """One written form of a fact's name and what the registry says about it."""

    text: str
    fact: Fact
    status: str  # "canonical", "short", "accepted" or "rejected"


def name_forms(registry: Registry, kinds: tuple[str, ...] | None = None) -> list[NameForm]:
    """Every registered name, short form and variant (of facts of ``kinds``), in a stable order."""
    forms: list[NameForm] = []
    for fid in sorted(registry.facts):
        fact = registry.facts[fid]
        if kinds is not None and fact.kind not in kinds:
            continue
        if fact.name:
            forms.append(NameForm(fact.name, fact, "canonical"))
        if fact.short:
            forms.append(NameForm(fact.short, fact, "short"))
        forms.extend(NameForm(v, fact, "accepted") for v in fact.accepted)
        forms.extend(NameForm(v, fact, "rejected") for v in fact.rejected)
    return forms


def referenced_lines(page: Page) -> dict[str, int]:
    """The first line on which each fact is referenced on the page."""
    first: dict[str, int] = {}
    for ref in page.references:
        first.setdefault(ref.fact_id, ref.location.line)
    return first


# -- a per-registry index of names -------------------------------------------------------------
_T = TypeVar("_T")
# registry id -> (registry, {key: value}); the registry is kept so that its id stays its own.
_PER_REGISTRY: dict[int, tuple[Registry, dict[str, object]]] = {}


def per_registry(registry: Registry, key: str, build: Callable[[], _T]) -> _T:
    """``build()`` once per loaded registry (registries are immutable), then reuse it for every
    page: the prose checks would otherwise redo the same work for every page."""
    entry = _PER_REGISTRY.get(id(registry))
    if entry is None or entry[0] is not registry:
        if len(_PER_REGISTRY) >= 4:
            _PER_REGISTRY.pop(next(iter(_PER_REGISTRY)))
        entry = _PER_REGISTRY[id(registry)] = (registry, {})
    cache = entry[1]
    if key not in cache:
        cache[key] = build()
    # Each key names one kind of index, always built by the same builder: the value is a _T.
    return cast(_T, cache[key])


@dataclass(frozen=True)
class IndexedForm:
    form: NameForm
    folded: str

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # compiled on first use: at 10,000 facts most names never occur on a page, and compiling
        # all of them up front was an eighth of a whole `factcheck check`
        return phrase_pattern(self.form.text)


_WORD = re.compile(r"[^\s\"()\[\],;:!?]+")
_SEEN_TEXTS = 8192


class NameIndex:
    """Name forms looked up by their first word, so a run of prose is matched against the few
    names whose first word it contains, not against every name in the registry."""

    def __init__(self, forms: list[NameForm]) -> None:
        self.forms = [IndexedForm(f, fold(f.text)) for f in forms]
        self._words = [tuple(indexed.folded.split()) for indexed in self.forms]
        # keyed by the first word, or the first two words of a longer name: common first words
        # ("Kim") would otherwise bring in every name that starts with them
        self._by_start: dict[tuple[str, ...], list[int]] = {}
        for position, words in enumerate(self._words):
            self._by_start.setdefault(words[:2], []).append(position)
        # text -> candidates: the names and claims checks read the same runs, and an editor
        # re-checks pages whose runs mostly did not change
        self._seen: dict[str, list[IndexedForm]] = {}

    def candidates(self, text: str) -> list[IndexedForm]:
        """The forms that start with a word, or two adjacent words, of the (folded) ``text`` and
        whose other words all occur in it, in index order. (A superset of the forms that match:
        each candidate's pattern still decides.)"""
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) >= _SEEN_TEXTS:
                self._seen.clear()
            found = self._seen[text] = self._candidates(text)
        return list(found)

    def _candidates(self, text: str) -> list[IndexedForm]:
        variants = [_variants(word) for word in _WORD.findall(text)]
        present = {v for group in variants for v in group}
        positions: set[int] = set()
        for i, group in enumerate(variants):
            following = variants[i + 1] if i + 1 < len(variants) else ()
            for first in group:
                keys = [(first,)] + [(first, second) for second in following]
                for key in keys:
                    for position in self._by_start.get(key, ()):
                        if all(w in present for w in self._words[position][2:]):
                            positions.add(position)
        return [self.forms[p] for p in sorted(positions)]


def _variants(word: str) -> set[str]:
    """A word as written and as a name's word may appear in it: without a final full stop or
    apostrophe, without a possessive 's."""
    return {word, word.rstrip(".'"), word[:-2] if word.endswith("'s") else word}


def name_index(registry: Registry, kinds: tuple[str, ...] | None = None,
               order: Callable[[NameForm], int] | None = None, skip_rejected: bool = False) -> NameIndex:
    def build() -> NameIndex:
        forms = [f for f in name_forms(registry, kinds) if not (skip_rejected and f.status == "rejected")]
        return NameIndex(sorted(forms, key=order) if order else forms)

    return per_registry(registry, f"names:{kinds}:{skip_rejected}:{order is not None}", build)
