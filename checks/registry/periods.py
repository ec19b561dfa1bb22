"""Who held what when, who was alive when, what existed when: the registry's periods, asked the
same way by every check that compares a date with them (references in context, mentions in
prose)."""

from __future__ import annotations

import datetime as dt

from checks.registry.dates import FactDate
from checks.registry.model import Fact, Holder


def terms(office: Fact, person_id: str) -> list[Holder]:
    return [h for h in office.holders if h.person == person_id]


def held_between(term: Holder, lower: dt.date, upper: dt.date) -> bool:
    """Whether a term overlaps the days ``lower``..``upper`` (an open end is still held)."""
    return (term.start is None or term.start.lower <= upper) and (term.end is None or lower <= term.end.upper)


def held_at(office: Fact, person_id: str, lower: dt.date, upper: dt.date) -> bool:
    return any(held_between(t, lower, upper) for t in terms(office, person_id))


def began_at(office: Fact, person_id: str, lower: dt.date, upper: dt.date) -> bool:
    """Whether one of the person's terms starts within ``lower``..``upper``."""
    return any(t.start is not None and t.start.overlaps(lower, upper) for t in terms(office, person_id))


def terms_text(office: Fact, person_id: str) -> str:
    """"2012-04-11 – 2016-05-09" in house style, every term, for messages."""
    return ", ".join(f"{t.start.house_style() if t.start else '?'} \u2013 {t.end.house_style() if t.end else 'present'}"
                     for t in terms(office, person_id))


def existence(fact: Fact) -> tuple[FactDate | None, FactDate | None]:
    """When an office or organisation began and ended (None where the registry does not say)."""
    if fact.kind == "office":
        return fact.created, fact.abolished
    if fact.kind == "organisation":
        return fact.founded, fact.dissolved
    return None, None


def outside_lifetime(person: Fact, lower: dt.date, upper: dt.date) -> str | None:
    """"before birth (…)" or "after death (…)" when the days ``lower``..``upper`` fall wholly
    outside a person's life; None when they may fall within it."""
    if person.born is not None and upper < person.born.lower:
        return f"before {person.name} was born ({person.born.house_style()})"
    if person.died is not None and lower > person.died.upper:
        return f"after {person.name} died ({person.died.house_style()})"
    return None
