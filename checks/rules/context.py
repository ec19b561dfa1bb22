"""Checks that read a fact in its context on the page: titles held at a date, names used at a date
outside their existence, and known-wrong values written next to the fact they were corrected on.

"Context" is the line: what a reference shares a line with is what it is written with. The date in
question is that of a dated fact referenced on the same line, else the page's as-of date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from checks.core.codes import Code
from checks.core.findings import Finding, Location
from checks.core.text import normalise, strip_possessive
from checks.pages.agreement import LOOKS_AHEAD
from checks.pages.model import Page, Reference
from checks.pages.prose_values import find_dates
from checks.registry.dates import FactDate
from checks.registry.house_style import format_number
from checks.registry.model import Fact, Registry
from checks.registry.periods import existence, held_at, terms, terms_text


def prose_by_line(page: Page) -> dict[int, str]:
    """The page's prose, line by line (runs keep their soft line breaks)."""
    lines: dict[int, str] = defaultdict(str)
    for run in page.runs:
        for offset, text in enumerate(run.text.split("\n")):
            lines[run.location.line + offset] += " " + text
    return lines


def _refs_by_line(registry: Registry, page: Page) -> dict[int, list[tuple[Reference, Fact]]]:
    by_line: dict[int, list[tuple[Reference, Fact]]] = defaultdict(list)
    for ref in page.references:
        fact = registry.facts.get(ref.fact_id)
        if fact is not None:
            by_line[ref.location.line].append((ref, fact))
    return by_line


def _date_in_question(line_refs: list[tuple[Reference, Fact]], page: Page,
                      exclude: str | None = None) -> tuple[dt.date, dt.date, str] | None:
    """(lower, upper, what) of the date the line speaks of: a dated event referenced on it (other
    than ``exclude``), else the page's as-of date."""
    for _, fact in line_refs:
        if fact.kind == "event" and fact.date is not None and fact.id != exclude:
            return fact.date.lower, fact.date.upper, f"{fact.id} ({fact.date.house_style()})"
    as_of = page.as_of_date
    return (as_of, as_of, f"the page's as-of date ({as_of.isoformat()})") if as_of else None


def check_titles_and_existence(registry: Registry, page: Page) -> list[Finding]:
    findings: list[Finding] = []
    for line, line_refs in sorted(_refs_by_line(registry, page).items()):
        when = _date_in_question(line_refs, page)
        if when is None:
            continue
        lower, upper, what = when
        people = [fact for _, fact in line_refs if fact.kind == "person"]
        for ref, fact in line_refs:
            start, end = _existence(fact, ref)
            # Naming something before it existed. (After it ended is history, not an anachronism.)
            named_at = _date_in_question(line_refs, page, exclude=fact.id) if fact.kind == "event" else when
            # A line that also states the thing's own date is comparing dates, not misdating it.
            states_own_date = any(r.fact_id == fact.id and r.words and find_dates(r.words) for r, _ in line_refs)
            if start is not None and named_at is not None and named_at[1] < start.lower \
                    and not states_own_date and not _is_future_tense(page, line):
                findings.append(Finding(Code.EXISTENCE_ANACHRONISM, ref.location,
                                        f"{fact.name} is named at {named_at[2]}, before it existed "
                                        f"({start.house_style()})", fact=fact.id, related=fact.location))
            # A title is read as given to a person only when the line names exactly one person;
            # with several, which title goes to whom is for a reader, not a pattern, to decide.
            if fact.kind != "office" or len(people) != 1 or not fact.holders:
                continue
            for person in people:
                if not terms(fact, person.id):
                    findings.append(Finding(Code.OFFICE_NOT_HELD, ref.location,
                                            f"{person.name} never held {fact.name}", fact=fact.id,
                                            related=fact.location))
                    continue
                held = held_at(fact, person.id, lower, upper)
                if not held and (end is None or lower <= end.upper):
                    if _is_future_tense(page, line):
                        continue
                    findings.append(Finding(Code.OFFICE_NOT_HELD, ref.location,
                                            f"{person.name} did not hold {fact.name} at {what} "
                                            f"(held: {terms_text(fact, person.id)})",
                                            fact=fact.id, related=fact.location))
    return findings


def _existence(fact: Fact, ref: Reference) -> tuple[FactDate | None, FactDate | None]:
    """(start, end) of the thing a reference names: an office's or organisation's existence, or,
    for an event named by its name ("the Arirang Mass Games"), the event's first date."""
    if fact.kind in ("office", "organisation"):
        return existence(fact)
    if (fact.kind == "event" and fact.date is not None and ref.words
            and strip_possessive(ref.words) in {normalise(n) for n in fact.names()}):
        return fact.date, None
    return None, None


def _is_future_tense(page: Page, line: int) -> bool:
    """Prose that looks ahead ("later became") may name what did not exist yet at its date."""
    return bool(LOOKS_AHEAD.search(prose_by_line(page).get(line, "")))


def _superseded_forms(fact: Fact, value: Any) -> list[str]:
    """The written forms of a superseded value (a FactDate for an event, a number for a quantity)."""
    if fact.kind == "event":
        assert fact.date is not None  # the schema requires an event's date
        forms = [value.house_style()]
        if value.precision == "year" or not value.is_interval:
            forms.append(str(value.lower.year))
        correct_years = {fact.date.lower.year, fact.date.upper.year}
        return [f for f in forms if not (f.isdigit() and int(f) in correct_years)]
    if fact.kind == "quantity":
        return [format_number(value), str(value)]
    return [str(value)]


def check_superseded_reuse(registry: Registry, page: Page) -> list[Finding]:
    prose = prose_by_line(page)
    findings: list[Finding] = []
    for line, line_refs in sorted(_refs_by_line(registry, page).items()):
        for _, fact in line_refs:
            # The fact's own words and the plain prose around it; other facts' references on the
            # line may rightly state the same value (a review in May, its outcome in September).
            own_words = " ".join(r.words or "" for r, f in line_refs if f.id == fact.id)
            text = normalise(prose.get(line, "") + " " + own_words)
            for old in fact.superseded:
                for form in _superseded_forms(fact, old.value):
                    if form and re.search(r"(?<![\w,.])" + re.escape(normalise(form)) + r"(?![\w])", text):
                        findings.append(Finding(Code.SUPERSEDED_REUSED, Location(page.path, line),
                                                f"'{form}' is the superseded value of {fact.id} "
                                                f"({old.reason}); write the corrected value", fact=fact.id,
                                                related=old.location))
                        break
    return findings
