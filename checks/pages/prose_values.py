"""Read dates and numbers as the explainer writes them in prose.

A small parser of our own, for the forms the explainer uses ("1980", "May 6", "6 May 2016",
"May 6, 2016", "December 2011", "6–9 May 2016", "between 1994 and 1998", "the 1990s"; "36",
"1,000,000", "four", "a million", "70th", "seventh"). It never raises: text it does not
recognise is simply not a date or number.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({abbr.lower(): i for i, abbr in enumerate(calendar.month_abbr) if abbr})
_MONTHS["sept"] = 9
MONTH = r"(?P<{name}>" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True)) + r")\.?"
DASH = r"\s*(?:-|\u2013|\u2014|to|until)\s*"
DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<{name}>(?:1[0-9]|20)\d{{2}})"
_B = r"(?<![\w,.])"  # not glued to a word, a thousands group or a decimal
_E = r"(?![\w]|,\d|\.\d)"


def _p(template: str, **groups: tuple[str, str]) -> str:
    out = template
    for placeholder, (kind, name) in groups.items():
        piece = {"M": MONTH, "D": DAY, "Y": YEAR}[kind].format(name=name)
        out = out.replace(placeholder, piece)
    return out


@dataclass(frozen=True)
class DatePart:
    """One written date, as precise as the text makes it: any of year, month, day may be missing."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def bounds(self, year: int | None = None) -> tuple[dt.date, dt.date] | None:
        """The span of days this part names, in ``year`` if it names none itself."""
        y = self.year if self.year is not None else year
        if y is None:
            return None
        try:
            if self.month is None:
                return dt.date(y, 1, 1), dt.date(y, 12, 31)
            if self.day is None:
                last = calendar.monthrange(y, self.month)[1]
                return dt.date(y, self.month, 1), dt.date(y, self.month, last)
            d = dt.date(y, self.month, self.day)
            return d, d
        except ValueError:
            return None


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    parts: tuple[DatePart, ...]
    decade: bool = False


# Most specific first; once a pattern claims characters, later patterns cannot reuse them.
_DATE_PATTERNS: list[tuple[str, str]] = [
    ("day-month-range", _p(r"D1\s+M1" + DASH + r"D2\s+M2,?\s+Y1", D1=("D", "d1"), M1=("M", "m1"),
                           D2=("D", "d2"), M2=("M", "m2"), Y1=("Y", "y1"))),
    ("day-range", _p(r"D1" + DASH + r"D2\s+M1,?\s+Y1", D1=("D", "d1"), D2=("D", "d2"), M1=("M", "m1"),
                     Y1=("Y", "y1"))),
    ("month-day-range", _p(r"M1\s+D1" + DASH + r"D2,?\s+Y1", M1=("M", "m1"), D1=("D", "d1"),
                           D2=("D", "d2"), Y1=("Y", "y1"))),
    ("day-month-year", _p(r"D1\s+M1,?\s+Y1", D1=("D", "d1"), M1=("M", "m1"), Y1=("Y", "y1"))),
    ("month-day-year", _p(r"M1\s+D1,?\s+Y1", M1=("M", "m1"), D1=("D", "d1"), Y1=("Y", "y1"))),
    ("month-year", _p(r"M1,?\s+Y1", M1=("M", "m1"), Y1=("Y", "y1"))),
    # year first, as translated documents write it ("in 1970 November")
    ("year-month", _p(r"Y1\s+M1(?!\s+\d)", Y1=("Y", "y1"), M1=("M", "m1"))),
    ("day-month", _p(r"D1\s+M1", D1=("D", "d1"), M1=("M", "m1"))),
    ("month-day", _p(r"M1\s+D1(?!\d)", M1=("M", "m1"), D1=("D", "d1"))),
    # a month alone, only where the words before it make it a date ("in May", "early in May")
    ("month", _p(r"(?:(?<=\bin )|(?<=\bearly )|(?<=\blate )|(?<=\bmid-)|(?<=\bsince )|(?<=\buntil )"
                 r"|(?<=\bby )|(?<=\bfrom ))M1", M1=("M", "m1"))),
    ("year-range", _p(r"(?:between\s+)?Y1(?:\s+and\s+|" + DASH + r")Y2", Y1=("Y", "y1"), Y2=("Y", "y2"))),
    ("decade", r"(?P<decade>(?:1[0-9]|20)\d0)['\u2019]?s"),
    ("year", _p(r"Y1", Y1=("Y", "y1"))),
]
_COMPILED = [(name, re.compile(_B + pattern + _E)) for name, pattern in _DATE_PATTERNS]


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _month(value: str | None) -> int | None:
    return _MONTHS[value.lower().rstrip(".")] if value else None


def find_dates(text: str) -> list[DateMention]:
    """Every date written in ``text``, in order."""
    return list(_find_dates(text))


# Several checks read the same runs, and an editor re-checks a page whose runs are mostly as they
# were: each text is read once.
@lru_cache(maxsize=8192)
def _find_dates(text: str) -> tuple[DateMention, ...]:
    taken = [False] * len(text)
    found: list[DateMention] = []
    for name, regex in _COMPILED:
        for m in regex.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            g = m.groupdict()
            parts: tuple[DatePart, ...]
            if name == "decade":
                first = int(g["decade"])
                parts = (DatePart(first, None, None), DatePart(first + 9, None, None))
            else:
                y1, y2 = _int(g.get("y1")), _int(g.get("y2"))
                m1, m2 = _month(g.get("m1")), _month(g.get("m2"))
                d1, d2 = _int(g.get("d1")), _int(g.get("d2"))
                if (d1 is not None and not 1 <= d1 <= 31) or (d2 is not None and not 1 <= d2 <= 31):
                    continue
                if name == "year-range":
                    parts = (DatePart(y1, None, None), DatePart(y2, None, None))
                elif d2 is not None:
                    parts = (DatePart(y1, m1, d1), DatePart(y1, m2 or m1, d2))
                else:
                    parts = (DatePart(y1, m1, d1),)
            for i in range(m.start(), m.end()):
                taken[i] = True
            found.append(DateMention(m.start(), m.end(), m.group(0), parts, decade=name == "decade"))
    return tuple(sorted(found, key=lambda d: d.start))


# -- numbers --------------------------------------------------------------------------------
_UNITS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_TENS = {w: 10 * i for i, w in enumerate(["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ORDINAL_UNITS = {w: i for i, w in enumerate(
    ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"])}
_ORDINAL_TENS = {w: 10 * i for i, w in enumerate(
    ["_", "_", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]) if w != "_"}
_ORDINAL_SCALES = {"hundredth": 100, "thousandth": 1_000, "millionth": 1_000_000}
_NUMBER_WORDS = set(_UNITS) | set(_TENS) | set(_SCALES) | set(_ORDINAL_UNITS) | set(_ORDINAL_TENS) | set(_ORDINAL_SCALES)

_DIGITS = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                     r"(?P<ord>st|nd|rd|th)?(?:\s+(?P<scale>million|billion|thousand))?(?![\w]|,\d|\.\d)",
                     re.IGNORECASE)
_WORD_RUN = re.compile(r"\b(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion)\b))?"
                       r"(?:[a-z]+)(?:(?:\s+|-)(?:and\s+)?[a-z]+)*\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: int | float
    ordinal: bool


def find_numbers(text: str) -> list[NumberMention]:
    """Every number written in ``text``, in digits or words, in order."""
    return list(_find_numbers(text))


@lru_cache(maxsize=8192)
def _find_numbers(text: str) -> tuple[NumberMention, ...]:
    found: list[NumberMention] = []
    for m in _DIGITS.finditer(text):
        value: int | float = float(m["num"].replace(",", "")) if "." in m["num"] else int(m["num"].replace(",", ""))
        if m["scale"]:
            value = value * _SCALES[m["scale"].lower()]
            value = int(value) if float(value).is_integer() else value
        found.append(NumberMention(m.start(), m.end(), m.group(0), value, bool(m["ord"])))
    found.extend(_word_numbers(text))
    return tuple(sorted(found, key=lambda n: n.start))


def _word_numbers(text: str) -> list[NumberMention]:
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    out: list[NumberMention] = []
    i = 0
    while i < len(words):
        start = i
        # "a million", "an hundred": the article counts as one
        if words[i][2] in ("a", "an") and i + 1 < len(words) and words[i + 1][2] in _SCALES \
                and _only_space(text, words[i][1], words[i + 1][0]):
            i += 1
        if words[i][2] not in _NUMBER_WORDS or (words[i][2] in _SCALES and start == i):
            i = start + 1
            continue
        j = i
        while j + 1 < len(words) and _only_space(text, words[j][1], words[j + 1][0]) and (
                words[j + 1][2] in _NUMBER_WORDS or (words[j + 1][2] == "and" and j + 2 < len(words)
                                                     and words[j + 2][2] in _NUMBER_WORDS)):
            j += 1
        tokens = [w[2] for w in words[i:j + 1] if w[2] != "and"]
        parsed = _words_value(tokens)
        if parsed is not None:
            value, ordinal = parsed
            out.append(NumberMention(words[start][0], words[j][1], text[words[start][0]:words[j][1]], value, ordinal))
        i = j + 1
    return out


def _only_space(text: str, a: int, b: int) -> bool:
    return text[a:b].strip() in ("", "-")


def _words_value(tokens: list[str]) -> tuple[int, bool] | None:
    total, current, ordinal = 0, 0, False
    seen_any = False
    for tok in tokens:
        if ordinal:
            return None  # nothing may follow an ordinal word
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok in _ORDINAL_UNITS:
            current += _ORDINAL_UNITS[tok]
            ordinal = True
        elif tok in _ORDINAL_TENS:
            current += _ORDINAL_TENS[tok]
            ordinal = True
        elif tok in _SCALES or tok in _ORDINAL_SCALES:
            scale = _SCALES.get(tok) or _ORDINAL_SCALES[tok]
            ordinal = tok in _ORDINAL_SCALES
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
        seen_any = True
    return (total + current, ordinal) if seen_any else None
