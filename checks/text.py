"""Normalisation of written text before comparison: quotes, apostrophes, dashes, white space."""

from __future__ import annotations

import re

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u00a0": " ",
})
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_TRANSLATE)).strip()


def strip_possessive(name: str) -> str:
    """``Kim Jong Un's`` -> ``Kim Jong Un``; ``Workers'`` stays (its apostrophe is part of the name)."""
    text = normalise(name)
    if text.endswith("'s"):
        return text[:-2]
    return text
