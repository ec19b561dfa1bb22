"""Do written words agree with a registry value? The comparisons every rule shares: a written date
against a fact's date, quoted words against a quotation's exact wording (and, when they differ,
which words differ)."""

from __future__ import annotations

import difflib
import re

from checks.core.codes import Code
from checks.core.text import normalise
from checks.pages.prose_values import DateMention
from checks.registry.dates import FactDate

_ORDER = ["day", "month", "year"]  # finest first
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|\u2026)\s*")
_OMISSION = "\u2026"
# Punctuation around a word, ignored when words are aligned (a quoted fragment may end at a
# comma the quotation has; what differs is then shown with it).
_EDGE_PUNCTUATION = "\"'.,;:!?()[]"
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"

# (code, message, suggestion): what a rule turns into a finding at its own location.
Problem = tuple[Code, str, "str | None"]


# Prose that looks ahead or reports later history ("later became", "would", "went on to") may
# name what did not exist yet, or a title not yet held, at the date it speaks of.
LOOKS_AHEAD = re.compile(r"\b(later|would|went on to|since then|afterwards|subsequently|became|until)\b", re.IGNORECASE)
# The same, for plain prose read per sentence: "became" there states when a title began.
LOOKS_AHEAD_IN_SENTENCE = re.compile(r"\b(later|would|went on to|since then|afterwards|subsequently|eventually"
                                     r"|future)\b", re.IGNORECASE)


def date_problems(date: FactDate, mentions: list[DateMention]) -> list[Problem]:
    """Every written year, month and day must fall within ``date``; finer than it is a warning."""
    problems: list[Problem] = []
    years = range(date.lower.year, date.upper.year + 1)
    for mention in mentions:
        for part in mention.parts:
            spans = [part.bounds()] if part.year is not None else [part.bounds(y) for y in years]
            if not any(s and date.overlaps(*s) for s in spans):
                problems.append((Code.DATE_MISMATCH, f"'{mention.text}' does not fall within the fact's date "
                                 f"{date.house_style()} ({date.edtf})", date.house_style()))
                break
            # Compare with the precision of the end(s) the written date touches: in an interval
            # "February 2016/2016-05-02", "2 May" is as precise as its end.
            touched = [e for e in (date.start, date.end)
                       if any(s and s[0] <= e.upper and e.lower <= s[1] for s in spans)] or [date.start, date.end]
            finest = min((e.precision for e in touched), key=_ORDER.index, default="year")
            if _ORDER.index(part.precision) < _ORDER.index(finest) and not mention.decade:
                problems.append((Code.DATE_TOO_PRECISE, f"'{mention.text}' is more precise than the registry, "
                                 f"which knows the date only to the {date.precision} ({date.house_style()})",
                                 date.house_style()))
                break
    return problems


def quote_matches(written: str, exact: str) -> bool:
    """Exact match after normalising quotes and white space; a fragment at word boundaries is fine;
    words left out inside the quotation must be marked with an ellipsis."""
    text = normalise(exact).strip('"\'')
    pieces = [p.strip(" \"'") for p in _ELLIPSIS.split(normalise(written).strip('"\''))]
    pieces = [p for p in pieces if p]
    if not pieces:
        return False
    pos = 0
    for piece in pieces:
        m = re.search(r"(?<!\w)" + re.escape(piece) + r"(?!\w)", text[pos:])
        if not m:
            return False
        pos += m.end()
    return True


def quote_differences(written: str, exact: str) -> list[str]:
    """The words in which ``written`` departs from the quotation ``exact``, each as a phrase for a
    message: "'creative' where the quotation has 'constructive'", "leaves out 'of the people'
    without an ellipsis", "adds 'very', which the quotation does not have". Empty when nothing but
    punctuation or letter case differs word by word (then the message names the whole wording).

    ``written`` may be a fragment: quotation words before its first or after its last word are not
    omissions, and words left out where ``written`` has an ellipsis are not either."""
    # Words are shown as written (curly quotes, dashes) and compared folded.
    tokens = _ELLIPSIS.sub(f" {_OMISSION} ", written.strip().strip(_QUOTE_MARKS)).split()
    words: list[str] = []
    elided: set[int] = set()  # positions in ``words`` that an ellipsis precedes
    for token in tokens:
        if token == _OMISSION:
            elided.add(len(words))
        else:
            words.append(token)
    quoted = exact.strip().strip(_QUOTE_MARKS).split()
    if not words:
        return []
    matcher = difflib.SequenceMatcher(None, [_key(w) for w in words], [_key(w) for w in quoted], autojunk=False)
    differences: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        leading, trailing = i1 == 0, i2 == len(words)
        if tag == "insert":  # quotation words not written
            if leading or trailing or i1 in elided:  # the fragment's edges, or a marked omission
                continue
            differences.append(f"leaves out '{' '.join(quoted[j1:j2])}' without an ellipsis")
        elif tag == "delete":  # written words not in the quotation
            differences.append(f"adds '{' '.join(words[i1:i2])}', which the quotation does not have")
        elif tag == "replace":
            # At an edge of a fragment, the written words stand for the quotation words next to the
            # aligned part, not for everything before or after it.
            count = i2 - i1
            if i1 in elided or (leading and not trailing):
                j1 = max(j1, j2 - count)  # the words just before the next aligned word
            elif trailing:
                j2 = min(j2, j1 + count)  # the words just after the last aligned word
            differences.append(f"'{' '.join(words[i1:i2])}' where the quotation has '{' '.join(quoted[j1:j2])}'")
    return differences


def _key(word: str) -> str:
    return normalise(word).strip(_EDGE_PUNCTUATION)


def number_agrees(value: int | float, approximate: bool, written: int | float, hedge: str | None) -> bool:
    """Does a written number state ``value``? Exactly, unless hedged or approximate: "about
    3,000" states anything that rounds to it at its own precision (3,062) or lies within a
    tenth of it; "more than 3,000" anything above it."""
    if written == value:
        return True
    if hedge in ("more than", "over", "at least"):
        return value >= written
    if hedge in ("fewer than", "less than", "under", "up to"):
        return value <= written
    if hedge is None and not approximate:
        return False
    if abs(value - written) <= 0.1 * abs(written):
        return True
    digits = len(str(int(abs(written)))) - len(str(int(abs(written))).rstrip("0"))
    return digits > 0 and round(value, -digits) == written
