"""Normalisation of written text before comparison: quotes, apostrophes, dashes, white space."""

from __future__ import annotations

import re
from collections.abc import Iterable

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u00a0": " ",
})
# The same, as pairs for str.replace: translate() looks every character of a non-ASCII text up in a
# dict (about 30 microseconds for a 300-character sentence), a dozen replace() scans take about 1.
_REPLACEMENTS = tuple((chr(code), plain) for code, plain in _TRANSLATE.items())
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def fold(text: str) -> str:
    """Curly quotes, apostrophes and dashes to plain ones, one character for one (offsets keep)."""
    for curly, plain in _REPLACEMENTS:
        if curly in text:
            text = text.replace(curly, plain)
    return text


def normalise(text: str) -> str:
    return _SPACE.sub(" ", fold(text)).strip()


def strip_possessive(name: str) -> str:
    """``Kim Jong Un's`` -> ``Kim Jong Un``; ``Workers'`` stays (its apostrophe is part of the name)."""
    text = normalise(name)
    if text.endswith("'s"):
        return text[:-2]
    return text


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to a mistyped ``word`` (typos, swapped letters), or None.

    Damerau-Levenshtein similarity counts a transposition ("scr" for "src") as one edit, which
    plain ratios score too low for short ids.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    match = process.extractOne(word, list(choices), scorer=DamerauLevenshtein.normalized_similarity,
                               score_cutoff=0.6)
    return match[0] if match else None
