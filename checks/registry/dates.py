"""Registry dates: EDTF values parsed with the ``edtf`` package, with bounds and house-style text."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

# The EDTF forms the registry accepts: year, month or day precision, optionally uncertain (?) or
# approximate (~), and closed intervals of those. EDTF allows more; the explainer needs no more, and
# every accepted form must have a house-style rendering and finite bounds.
_SINGLE = r"~?\d{4}(?:-\d{2}(?:-\d{2})?)?[?~%]?"
_ACCEPTED = re.compile(rf"^{_SINGLE}(?:/{_SINGLE})?$")

MONTHS = [calendar.month_name[i] for i in range(1, 13)]


class InvalidDate(ValueError):
    """Raised for a string that is not an accepted EDTF date. The message says what to write."""


@dataclass(frozen=True)
class Endpoint:
    """One end of a date: its bounds and its precision ("year", "month" or "day")."""

    text: str
    lower: dt.date
    upper: dt.date
    precision: str
    qualifier: str  # "", "uncertain" or "approximate"


@dataclass(frozen=True)
class FactDate:
    """A date as the registry states it: a single EDTF date or a closed interval."""

    edtf: str
    start: Endpoint
    end: Endpoint

    @property
    def lower(self) -> dt.date:
        return self.start.lower

    @property
    def upper(self) -> dt.date:
        return self.end.upper

    @property
    def is_interval(self) -> bool:
        return "/" in self.edtf

    @property
    def precision(self) -> str:
        """The coarser precision of the two ends."""
        order = ["day", "month", "year"]
        return max(self.start.precision, self.end.precision, key=order.index)

    def __str__(self) -> str:
        return self.edtf

    def overlaps(self, lower: dt.date, upper: dt.date) -> bool:
        return lower <= self.upper and self.lower <= upper

    def house_style(self) -> str:
        """The date as a reader sees it: "1980", "October 1980", "6–9 May 2016"."""
        if not self.is_interval:
            return _format_endpoint(self.start)
        a, b = self.start, self.end
        if a.precision == b.precision == "day" and not a.qualifier and not b.qualifier:
            if a.lower.year == b.lower.year:
                if a.lower.month == b.lower.month:
                    return f"{a.lower.day}\u2013{b.lower.day} {MONTHS[a.lower.month - 1]} {a.lower.year}"
                return (f"{a.lower.day} {MONTHS[a.lower.month - 1]} \u2013 "
                        f"{b.lower.day} {MONTHS[b.lower.month - 1]} {b.lower.year}")
        if a.precision == b.precision == "year" and not a.qualifier and not b.qualifier:
            return f"{a.lower.year}\u2013{b.lower.year}"
        if a.precision == b.precision == "month" and a.lower.year == b.lower.year:
            return f"{MONTHS[a.lower.month - 1]}\u2013{MONTHS[b.lower.month - 1]} {a.lower.year}"
        return f"{_format_endpoint(a)} \u2013 {_format_endpoint(b)}"


def house_date(day: dt.date) -> str:
    """``28 November 2026``: the house style for a full date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _part_of_month(day: dt.date) -> str:
    """About a day: "early", "mid" or "late" in its month (1-10, 11-20, 21-31)."""
    return "early" if day.day <= 10 else "mid" if day.day <= 20 else "late"


def _format_endpoint(end: Endpoint) -> str:
    d = end.lower
    if end.precision == "day" and end.qualifier == "approximate":
        # "~2016-02-24" is known to within days: say so in words, not as a day.
        return f"{_part_of_month(d)} {MONTHS[d.month - 1]} {d.year}"
    if end.precision == "year":
        text = str(d.year)
    elif end.precision == "month":
        text = f"{MONTHS[d.month - 1]} {d.year}"
    else:
        text = house_date(d)
    if end.qualifier == "approximate":
        return f"about {text}"
    if end.qualifier == "uncertain":
        return f"probably {text}"
    return text


_PLAIN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _plain_bounds(text: str) -> tuple[dt.date, dt.date] | None:
    """Bounds of a plain YYYY, YYYY-MM or YYYY-MM-DD, computed directly.

    Why not always the edtf package: its pyparsing grammar takes about 20 ms a parse here, which
    made loading a 10,000-fact registry take minutes. Plain forms are exact calendar arithmetic;
    tests check these bounds against the edtf package's for every form the registry accepts.
    """
    m = _PLAIN.match(text)
    if not m:
        return None
    year = int(m[1])
    month = int(m[2]) if m[2] is not None else None
    day = int(m[3]) if m[3] is not None else None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:
        raise InvalidDate(f"'{text}' is not a valid EDTF date (check the month and day)") from None


@lru_cache(maxsize=4096)
def _edtf_bounds(text: str) -> tuple[dt.date, dt.date]:
    # imported here: only qualified dates need it, and its grammar takes a fifth of the CLI's start-up
    from edtf import parse_edtf, struct_time_to_date
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        raise InvalidDate(f"'{text}' is not a valid EDTF date (write YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())


def edtf_bounds(text: str) -> tuple[dt.date, dt.date]:
    """Bounds of one EDTF date (no interval): direct for plain forms, the edtf package otherwise."""
    return _plain_bounds(text) or _edtf_bounds(text)


def _endpoint(text: str) -> Endpoint:
    bare = text.strip("~?%")
    precision = {4: "year", 7: "month", 10: "day"}[len(bare)]
    qualifier = ""
    if "%" in text or ("~" in text and "?" in text):
        qualifier = "uncertain"
    elif "~" in text:
        qualifier = "approximate"
    elif "?" in text:
        qualifier = "uncertain"
    lower, upper = edtf_bounds(text)
    return Endpoint(text=text, lower=lower, upper=upper, precision=precision, qualifier=qualifier)


def parse_fact_date(text: str) -> FactDate:
    """Parse a registry date. Raises :class:`InvalidDate` with a message that says what to write."""
    return _parse_fact_date(text.strip())


# Dates repeat across a registry (a congress's days, a year of many events); parsed dates are
# immutable, so each text is parsed once. Errors are not cached: each is raised where it is written.
@lru_cache(maxsize=16384)
def _parse_fact_date(text: str) -> FactDate:
    if not _ACCEPTED.match(text):
        raise InvalidDate(
            f"'{text}' is not an accepted EDTF date: write YYYY, YYYY-MM, YYYY-MM-DD (optionally "
            "followed by ? or preceded by ~), or an interval START/END of those")
    parts = text.split("/")
    start = _endpoint(parts[0])
    end = _endpoint(parts[-1])
    if end.upper < start.lower:
        raise InvalidDate(f"interval '{text}' ends before it starts: write START/END in order")
    return FactDate(edtf=text, start=start, end=end)


def parse_day(text: str) -> dt.date:
    """A day-precision date such as a retrieval or verification date."""
    return _parse_day(text.strip())


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=4096)  # most records share a few verification and retrieval days
def _parse_day(text: str) -> dt.date:
    if not _DAY.fullmatch(text):
        raise InvalidDate(f"'{text}' is not a day: write YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidDate(f"'{text}' is not a valid day (check the month and day)") from None
