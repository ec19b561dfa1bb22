"""Words for readers: a dated statement as a sentence ("born in 1982, 1983 or 1984"), a status
only where it matters, and a fact's statements as the facts page, the tooltip and the PDF show them.

A registry date means two things. An event's date is a span ("6–9 May 2016": it lasted four days),
which :meth:`FactDate.house_style` writes. A birth, a death or a founding is a single moment that
the sources place somewhere within an interval: ``born: 1982/1984`` is one year of three, never a
life from 1982 to 1984. :func:`moment_in_words` writes those.
"""

from __future__ import annotations

import datetime as dt

from checks.registry.dates import MONTHS, Endpoint, FactDate, house_date
from checks.registry.model import Fact

# The dated statements a fact can make besides its primary value, in the order readers expect,
# with the verb that introduces each.
STATEMENT_VERBS = {"born": "born", "died": "died", "founded": "founded", "dissolved": "dissolved",
                   "created": "created", "abolished": "abolished"}
# Statement names as a reader says them ("the founding date is disputed").
STATEMENT_NOUNS = {"born": "birth date", "died": "date of death", "founded": "founding date",
                   "dissolved": "dissolution date", "created": "creation date", "abolished": "abolition date"}
# Up to this many candidate years are listed one by one ("1982, 1983 or 1984").
LISTED_YEARS = 4


def _month_year(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _endpoint_text(end: Endpoint) -> str:
    """One endpoint in house style, without a preposition ("late February 2016", "about 1980")."""
    return FactDate(end.text, end, end).house_style()


def _single(end: Endpoint) -> str:
    """One endpoint with its preposition: "on 15 April 1912", "in April 1912", "in 1912"."""
    d = end.lower
    if end.precision == "day":
        # "in late February 2016"; "on 15 April 1912"
        text = "in " + _endpoint_text(end) if end.qualifier == "approximate" else "on " + house_date(d)
    elif end.precision == "month":
        text = "in " + _month_year(d)
    else:
        text = f"in {d.year}"
    if end.qualifier == "uncertain":
        return "probably " + text
    if end.qualifier == "approximate" and end.precision != "day":
        return "around " + text.removeprefix("in ").removeprefix("on ")
    return text


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def moment_in_words(date: FactDate) -> str:
    """A moment known to lie within ``date``, with its preposition.

    "on 15 April 1912"; "in 1982, 1983 or 1984" (1982/1984); "between 1930 and 1940";
    "between February and April 2016"; "between 23 and 25 February 2016"; "in late February 2016".
    """
    if not date.is_interval:
        return _single(date.start)
    a, b = date.start, date.end
    if a.qualifier or b.qualifier or a.precision != b.precision:
        return f"between {_endpoint_text(a)} and {_endpoint_text(b)}"
    lo, hi = a.lower, b.upper
    if a.precision == "year":
        years = list(range(lo.year, hi.year + 1))
        if len(years) <= LISTED_YEARS:
            return "in " + _or_list([str(y) for y in years])
        return f"between {lo.year} and {hi.year}"
    if a.precision == "month":
        if lo.year == hi.year:
            return f"between {MONTHS[lo.month - 1]} and {_month_year(hi)}"
        return f"between {_month_year(lo)} and {_month_year(hi)}"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"between {lo.day} and {hi.day} {_month_year(hi)}"
    if lo.year == hi.year:
        return f"between {lo.day} {MONTHS[lo.month - 1]} and {house_date(hi)}"
    return f"between {house_date(lo)} and {house_date(hi)}"


def statements(fact: Fact) -> list[tuple[str, str, str]]:
    """The fact's dated statements besides its value: (field, words, status), e.g.
    ("founded", "founded on 10 October 1945", "disputed"). Empty for events and quantities."""
    result = []
    for key, verb in STATEMENT_VERBS.items():
        date = getattr(fact, key, None)
        if date is not None:
            result.append((key, f"{verb} {moment_in_words(date)}", fact.status_for(key)))
    return result


def statements_sentence(fact: Fact, *, with_status: bool = True) -> str:
    """"Born on 15 April 1912; died on 8 July 1994." A living person has no death and no lifespan."""
    parts = []
    for _key, words, status in statements(fact):
        parts.append(words + (f" ({status})" if with_status and status != "verified" else ""))
    if not parts:
        return ""
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def statement_value(fact: Fact, key: str) -> str:
    """One dated statement as the value a reader is shown: "Founded on 10 October 1945"."""
    date = getattr(fact, key)
    text = f"{STATEMENT_VERBS[key]} {moment_in_words(date)}"
    return text[0].upper() + text[1:]


def status_summary(fact: Fact) -> str:
    """The fact's status, statement by statement where they differ: "verified; founding date disputed"."""
    others = [f"{STATEMENT_NOUNS[key]} {status}" for key, _, status in statements(fact) if status != fact.status]
    return "; ".join([fact.status, *others])


def is_uncertain(status: str) -> bool:
    return status != "verified"
