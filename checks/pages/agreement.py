"""Do written words agree with a registry value? The comparisons every rule shares: a written date
against a fact's date, quoted words against a quotation's exact wording."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from checks.core.codes import Code
from checks.core.text import normalise
from checks.pages.prose_values import DateMention
from checks.registry.dates import FactDate

if TYPE_CHECKING:
    from checks.registry.model import Fact

_ORDER = ["day", "month", "year"]  # finest first
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|\u2026)\s*")

# (code, message, suggestion): what a rule turns into a finding at its own location.
Problem = tuple[Code, str, "str | None"]


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


# Words (with inner apostrophes and hyphens) and single punctuation marks: a quotation differs
# word by word, and a comma or a full stop is part of its exact wording too.
_TOKEN = re.compile(r"\w+(?:['\-]\w+)*|[^\w\s]")
_SHOWN = 3  # differences named in a message; more are counted


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _joined(tokens: list[str]) -> str:
    return re.sub(r" ([,.;:!?)\]])", r"\1", " ".join(tokens)).replace("( ", "(")


def quote_differences(written: str, exact: str) -> list[str]:
    """What differs between quoted words and the exact wording, word by word, as phrases for a
    message: ``'living standards' instead of 'living conditions'``, ``'very' added``, ``'the' left
    out``. Each part between ellipses is compared with the stretch of the wording it quotes (a
    fragment of a long quotation is not "missing" the rest); words left out at an ellipsis are fine.
    """
    from difflib import SequenceMatcher

    source = _tokens(normalise(exact).strip("\"'"))
    pieces = [_tokens(p) for p in _ELLIPSIS.split(normalise(written).strip("\"'"))]
    differences: list[str] = []
    start = 0
    for piece in (p for p in pieces if p):
        rest = source[start:]
        blocks = [b for b in SequenceMatcher(None, piece, rest, autojunk=False).get_matching_blocks() if b.size]
        if not blocks:
            differences.append(f"'{_joined(piece)}' is not in it")
            continue
        # The stretch quoted: from the first to the last matching word, widened by the unmatched
        # words at either end of the piece (a changed first or last word is a change, not an addition).
        first, last = blocks[0], blocks[-1]
        lo = max(0, first.b - first.a)
        hi = min(len(rest), last.b + last.size + (len(piece) - last.a - last.size))
        stretch = rest[lo:hi]
        for op, a1, a2, b1, b2 in SequenceMatcher(None, piece, stretch, autojunk=False).get_opcodes():
            if op == "replace":
                differences.append(f"'{_joined(piece[a1:a2])}' instead of '{_joined(stretch[b1:b2])}'")
            elif op == "delete":
                differences.append(f"'{_joined(piece[a1:a2])}' added")
            elif op == "insert":
                differences.append(f"'{_joined(stretch[b1:b2])}' left out (mark a cut with an ellipsis)")
        start += hi
    return differences


def describe_differences(written: str, exact: str) -> str:
    """``'a' instead of 'b'; 'c' added`` (at most a few, then how many more), or '' if none found."""
    found = quote_differences(written, exact)
    if len(found) > _SHOWN:
        found = found[:_SHOWN] + [f"{len(found) - _SHOWN} more"]
    return "; ".join(found)


def mismatch_message(fact: "Fact", written: str) -> str:
    """quote.mismatch's message: which words differ, then the exact wording."""
    differences = describe_differences(written, fact.text or "")
    named = f" ({differences})" if differences else ""
    return f"quoted words differ from {fact.id}{named}: the exact wording is \u201c{fact.text}\u201d"
