"""Plain prose against the registry: what a sentence says about the facts it mentions without a
reference (and about referenced facts, with what it writes around them).

Each sentence is read once (:mod:`checks.pages.reading`); the comparisons are the ones the
reference checks use (:mod:`checks.pages.agreement`, :mod:`checks.registry.periods`):

- a date written with a dated mention ("the 4th Congress met in 1965", "Kim Il Sung died in
  1996") must fall within the fact's date; a date the registry records as superseded is
  reported as such, with the correction's reason and evidence;
- a number with a unit must state the quantity of the fact it is written with ("3,467
  delegates" at the 7th Congress); durations, anniversaries and counts must agree with the
  registry's derived values or with the dates of the facts they span;
- a title given to a person must be held at the sentence's date; an organisation, office or
  event must exist at it; a person must be alive to act at it (reported history excepted);
- a value the registry records as superseded must not reappear with its fact, in other words
  too (claim matching), nor the source's recorded wrong words;
- a registered quotation must be attributed to its speaker; a weekday must fit its date.

A contradiction is an error at the sentence's line and column, naming the fact, its registry
entry (``related``) and the right value, and suggesting the reference to write. Sentences that
report someone else's claim ("the Q&A says", "some accounts") or look ahead ("later",
"would") are read with that care.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from dataclasses import dataclass

from checks.core.codes import Code
from checks.core.findings import Finding, Location
from checks.core.text import normalise
from checks.pages.agreement import LOOKS_AHEAD_IN_SENTENCE, date_problems, number_agrees, quote_matches
from checks.pages.mentions import DATE, Mention, Series, mention_index
from checks.pages.model import Page, Paragraph, claims_checked
from checks.pages.prose_values import DateMention, find_numbers
from checks.pages.reading import Reading, WrittenNumber, bind_quantity, paragraph_readings, unit_of
from checks.pages.sentences import ByParagraph
from checks.pages.spans import per_registry, phrase_pattern
from checks.registry.dates import FactDate
from checks.registry.house_style import format_number
from checks.registry.model import Fact, Registry, Superseded
from checks.registry.periods import began_at, existence, held_at, outside_lifetime, terms, terms_text

# A sentence that reports another's claim, or flags it as wrong, is not the author's claim.
REPORTED = re.compile(
    r"\b(?:the\s+Q&A|some\s+(?:accounts|sources|reports|writers|histories)|it\s+is\s+(?:often\s+|sometimes\s+)?"
    r"(?:said|claimed)|(?:is|are|was|were)\s+(?:often\s+|sometimes\s+|wrongly\s+)?(?:said|claimed|reported)\s+to"
    r"|wrong(?:ly)?|incorrect(?:ly)?|mistaken(?:ly)?|erroneous(?:ly)?|falsely)\b", re.IGNORECASE)
# Reported history around a person: they need not be alive for it.
POSTHUMOUS = re.compile(
    r"\b(?:posthumous(?:ly)?|after\s+(?:his|her|their)\s+death|late|memory|honou?r(?:ed|s)?|legacy|eternal|portrait|"
    r"statue|mausoleum|body|birthday|anniversary|centenary|remembered|named\s+after|not\s+live|never\s+lived|"
    r"lived\s+to\s+see|would|grave|tomb|funeral)\b", re.IGNORECASE)
# A verb right after a person's name that makes them act ("Kim Il Sung opened ...").
_ACTS = re.compile(
    r"(?:,\s*[^,;:]{1,60},)?\s+(?:(?:also|then|personally|himself|herself|once|first|again)\s+)?"
    r"(?P<verb>(?!was\b|were\b|is\b|are\b|has\b|had\b|who\b|whose\b|whom\b|and\b|or\b|in\b|on\b|at\b|of\b"
    r"|died\b|passed\b|lived\b|aged\b)"
    r"(?:[a-z]+ed|led|gave|made|met|took|held|spoke|said|told|wrote|became|went|came|ran|won|chose|saw|sent|"
    r"oversaw|began|rose|built|brought|fought|sat|stood|left|opens|attends|addresses|leads|speaks|says|"
    r"chairs|presides))\b")
_SPEECH = re.compile(r"\s+(?:(?:also|then|once|later)\s+)?(?:said|says|told|declared|stated|wrote|writes|as\s+saying|"
                     r"announced|added|insisted|claimed|called|urged|found|finds|noted|concluded|warned|"
                     r"promised|pledged|described|declares|states|notes)\b")
_ACCORDING = re.compile(r"\b(?:according\s+to|in\s+the\s+words\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_BEGINS = re.compile(r"\b(?:became|become|becomes|elected|appointed|named|made|gave|given|chosen|took\s+over)\b",
                     re.IGNORECASE)
_WEEKDAYS = [d.casefold() for d in calendar.day_name]
_WEEKDAY_BEFORE = re.compile(r"\b(?P<day>" + "|".join(calendar.day_name) + r"),?\s+(?:the\s+)?$")
_WEEKDAY_AFTER = re.compile(r"^,?\s+(?:a|on\s+a)\s+(?P<day>" + "|".join(calendar.day_name) + r")\b")
_FIRST_IN = re.compile(r"\bfirst\b(?:\s+[\w']+){0,3}?\s+in\s*$", re.IGNORECASE)
_AFTER_OR_BEFORE = re.compile(r"\s+(?P<rel>after|before|later|earlier|since)\b", re.IGNORECASE)
_TIME_UNITS = {"years": 1, "year": 1, "decades": 10, "decade": 10}
MIN_QUOTED_WORDS = 3
_PRIORITY = [Code.SUPERSEDED_REUSED, Code.DATE_MISMATCH, Code.NUMBER_MISMATCH, Code.OFFICE_NOT_HELD,
             Code.LIFETIME_PROSE, Code.EXISTENCE_ANACHRONISM, Code.QUOTE_MISATTRIBUTED, Code.DATE_WEEKDAY,
             Code.DATE_TOO_PRECISE]


def check_mentions(registry: Registry, page: Page) -> list[Finding]:
    if not claims_checked(page):
        return []
    # A paragraph's findings depend on its value and the registry alone: kept per registry, so an
    # editor's re-check reads only the paragraph that was edited.
    kept: ByParagraph[tuple[Finding, ...]] = per_registry(registry, "mention findings", ByParagraph)
    return [finding for paragraph in page.paragraphs
            for finding in kept.get(paragraph, lambda p: _paragraph_findings(registry, p))]


def _paragraph_findings(registry: Registry, paragraph: Paragraph) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    for reading in paragraph_readings(registry, paragraph):
        found: list[Finding] = []
        reported = bool(REPORTED.search(reading.text))
        if not reported:
            found += _dates(reading)
            found += _quantities(registry, reading)
            found += _durations(registry, reading)
            found += _anniversaries(registry, reading)
            found += _counts(registry, reading)
            found += _titles(reading, found)
            found += _existence(reading, found)
            found += _lifetimes(reading)
            found += _superseded(registry, reading, found)
            found += _attribution(registry, reading)
        found += _weekdays(reading)
        findings += _one_per_fact(found)
    return tuple(findings)


def _of_kind(registry: Registry, kind: str) -> list[Fact]:
    """The facts of a kind, listed once per registry (every sentence asks)."""
    return per_registry(registry, f"facts of kind {kind}", lambda: registry.of_kind(kind))


def _one_per_fact(found: list[Finding]) -> list[Finding]:
    """One contradiction of a fact per sentence: the most telling (a known-wrong value before a
    date before a title...). Warnings and findings about other facts stay."""
    best: dict[str | None, Finding] = {}
    rest: list[Finding] = []
    for finding in found:
        if finding.severity.value != "error" or finding.fact is None:
            rest.append(finding)
            continue
        current = best.get(finding.fact)
        if current is None or _PRIORITY.index(finding.code) < _PRIORITY.index(current.code):
            best[finding.fact] = finding
    return rest + list(best.values())


def _finding(code: Code, reading: Reading, offset: int, message: str, fact: Fact | None,
             suggestion: str | None = None, related: Location | None = None) -> Finding:
    return Finding(code, reading.location(offset), message, fact=fact.id if fact else None,
                   suggestion=suggestion, related=related or (fact.location if fact else None))


def reference(words: str, fact: Fact) -> str:
    """The reference to write: ``{fact}`words <id>```."""
    return f"{{fact}}`{words} <{fact.id}>`"


def _describe(mention: Mention) -> str:
    fact = mention.fact
    assert fact is not None
    if mention.field in ("died", "born", "founded", "created", "abolished"):
        noun = {"died": "death", "born": "birth", "founded": "founding", "created": "creation",
                "abolished": "abolition"}[mention.field]
        return f"{fact.name}'s {noun}" if fact.kind == "person" else f"the {noun} of {fact.name}"
    return fact.name or fact.label


# -- dates -------------------------------------------------------------------------------------
def _mismatch(date: FactDate, written: DateMention) -> bool:
    return any(code is Code.DATE_MISMATCH for code, _, _ in date_problems(date, [written]))


def _superseded_date(fact: Fact, written: DateMention) -> Superseded | None:
    for old in fact.superseded:
        if isinstance(old.value, FactDate) and not _mismatch(old.value, written):
            return old
    return None


def _superseded_finding(reading: Reading, offset: int, fact: Fact, old: Superseded, written: str,
                        right: str) -> Finding:
    return _finding(Code.SUPERSEDED_REUSED, reading, offset,
                    f"'{written}' is a known wrong value of {_label(fact)} ({fact.id}), recorded as superseded "
                    f"from {old.source}: {normalise(old.reason)} The registry has {right}; link it: "
                    f"{reference(right, fact)}", fact, suggestion=reference(right, fact), related=old.location)


def _label(fact: Fact) -> str:
    return fact.name or fact.label


def _dates(reading: Reading) -> list[Finding]:
    findings = []
    checks: list[tuple[Mention, DateMention]] = [
        (m, m.stated) for m in reading.mentions if m.stated is not None and m.fact is not None]
    checks += [(wd.mention, wd.date) for wd in reading.dates
               if not wd.relational and not wd.identifies and wd.mention is not None and wd.mention.fact is not None]
    findings += _event_at_event(reading)
    for mention, written in checks:
        fact, date = mention.fact, mention.when
        if fact is None or date is None:
            continue
        problems = date_problems(date, [written])
        if not problems:
            continue
        if any(alt.date and not date_problems(alt.date, [written]) for alt in mention.alternatives):
            continue
        code, message, _ = problems[0]
        right = date.house_style()
        if code is Code.DATE_MISMATCH:
            old = _superseded_date(fact, written) if mention.field == DATE else None
            if old is not None:
                findings.append(_superseded_finding(reading, written.start, fact, old, written.text, right))
                continue
            findings.append(_finding(
                code, reading, written.start,
                f"'{written.text}' is not the date of {_describe(mention)} ({fact.id}): the registry has {right}; "
                f"link it: {reference(right, fact)}", fact, suggestion=reference(right, fact)))
        elif not mention.linked:
            findings.append(_finding(code, reading, written.start, f"{_describe(mention)} ({fact.id}): {message}",
                                     fact, suggestion=reference(right, fact)))
    return findings


_AT = re.compile(r"\b(?:at|during)\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)


def _event_at_event(reading: Reading) -> list[Finding]:
    """"Kim Jong Un was elected General Secretary at the 7th Congress": an event told as taking
    place at another must fall within its dates."""
    findings = []
    dated_by_text = {id(wd.mention) for wd in reading.dates if wd.mention is not None and not wd.relational}
    for mention in reading.mentions:
        if mention.how not in ("compound", "life") or mention.fact is None or mention.when is None \
                or id(mention) in dated_by_text:
            continue
        clause = reading.clause(mention.start)
        host = next((m for m in reading.mentions if m.start >= mention.end and m.fact is not None
                     and m.when is not None and m.how in ("ordinal", "name", "dated", "reference")
                     and m.fact.kind == "event" and reading.clause(m.start) == clause
                     and _AT.search(reading.text[max(0, m.start - 12):m.start])), None)
        if host is None:
            continue
        assert host.when is not None
        assert host.fact is not None
        if mention.when.overlaps(host.when.lower, host.when.upper) or any(
                alt.date and alt.date.overlaps(host.when.lower, host.when.upper) for alt in mention.alternatives):
            continue
        fact = mention.fact
        right = mention.when.house_style()
        findings.append(_finding(
            Code.DATE_MISMATCH, reading, host.start,
            f"{_describe(mention)} ({fact.id}, {right}) did not take place at {host.fact.name or host.fact.id} "
            f"({host.when.house_style()}); link it: {reference(right, fact)}", fact,
            suggestion=reference(right, fact)))
    return findings


def _weekdays(reading: Reading) -> list[Finding]:
    findings = []
    for wd in reading.dates:
        part = wd.date.parts[0]
        if len(wd.date.parts) != 1 or part.day is None or part.year is None or part.month is None:
            continue
        before = _WEEKDAY_BEFORE.search(reading.text[max(0, wd.date.start - 16):wd.date.start])
        after = _WEEKDAY_AFTER.match(reading.text[wd.date.end:wd.date.end + 16])
        written = (before or after)
        if written is None:
            continue
        try:
            actual = dt.date(part.year, part.month, part.day)
        except ValueError:
            continue
        day = written["day"]
        if _WEEKDAYS.index(day.casefold()) != actual.weekday():
            right = calendar.day_name[actual.weekday()]
            offset = wd.date.start - 16 + before.start("day") if before else wd.date.end + after.start("day")  # type: ignore[union-attr]
            fact = wd.mention.fact if wd.mention is not None else None
            findings.append(_finding(Code.DATE_WEEKDAY, reading, max(offset, 0),
                                     f"{wd.date.text} was a {right}, not a {day}", fact, suggestion=right))
    return findings


# -- numbers -----------------------------------------------------------------------------------
def _quantities(registry: Registry, reading: Reading) -> list[Finding]:
    findings = []
    for written in reading.numbers:
        binding = bind_quantity(registry, reading, written)
        if binding is None or binding.agrees:
            continue
        fact = binding.fact
        value = written.number.value
        right = format_number(fact.value) if fact.value is not None else "?"
        old = next((o for o in fact.superseded if isinstance(o.value, (int, float)) and o.value == value), None)
        if old is not None:
            findings.append(_superseded_finding(reading, written.number.start, fact, old, written.number.text, right))
            continue
        findings.append(_finding(
            Code.NUMBER_MISMATCH, reading, written.number.start,
            f"'{written.number.text}' is not {fact.label.lower() if fact.label else fact.id} ({fact.id}): the registry "
            f"has {right}{' (approximately)' if fact.approximate else ''}; link it: {reference(right, fact)}",
            fact, suggestion=reference(right, fact)))
    return findings


def _time_numbers(reading: Reading) -> list[tuple[WrittenNumber, int]]:
    """Durations in years written in the sentence: (number, years)."""
    out = []
    for written in reading.numbers:
        found = unit_of(written, {u: u for u in _TIME_UNITS}, skip=0)
        if found and isinstance(written.number.value, int):
            out.append((written, written.number.value * _TIME_UNITS[found[0]]))
    return out


def _derived_gaps(registry: Registry) -> dict[str, list[Fact]]:
    """Durations in years between two facts, by the later fact ("to")."""
    gaps: dict[str, list[Fact]] = {}
    for q in registry.of_kind("quantity"):
        if q.derived and q.derived.rule in ("calendar-years", "completed-years") and q.derived.source \
                and q.derived.target:
            gaps.setdefault(q.derived.target, []).append(q)
    return gaps


def _pair_mentions(reading: Reading) -> list[Mention]:
    """Dated mentions of known facts in the sentence, or, for "the two congresses", the two
    members of that series the previous sentence mentioned."""
    dated = [m for m in reading.mentions if m.dated and m.fact is not None and m.when is not None]
    if len(dated) >= 2 or reading.previous is None:
        return dated
    generic = [m for m in reading.mentions if m.how == "series" and m.fact is None and m.plural and m.series
               and re.search(r"\b(?:two|both)\s+(?:\w+\s+)?$", reading.text[max(0, m.start - 12):m.start])]
    if not generic:
        return dated
    earlier = [m for m in reading.previous.mentions if m.series == generic[0].series and m.fact is not None]
    unique = list({m.fact.id: m for m in earlier if m.fact is not None}.values())
    return unique if len(unique) == 2 else dated


def _durations(registry: Registry, reading: Reading) -> list[Finding]:
    gaps = per_registry(registry, "derived gaps", lambda: _derived_gaps(registry))
    findings = []
    for written, years in _time_numbers(reading):
        dated = _pair_mentions(reading)
        ids = {m.fact.id for m in dated if m.fact is not None}
        after = _AFTER_OR_BEFORE.match(reading.text, written.after[0][1]) if written.after else None
        first_in = _FIRST_IN.search(reading.text[:written.number.start])
        registered = [q for target in sorted(ids) for q in gaps.get(target, ())
                      if q.derived and (q.derived.source in ids or first_in)]
        if registered:
            fact = registered[0]
            if fact.value is not None and not number_agrees(fact.value, False, years, written.hedge):
                right = format_number(fact.value)
                findings.append(_finding(
                    Code.NUMBER_MISMATCH, reading, written.number.start,
                    f"'{written.number.text} {written.after[0][0]}' is not {fact.label.lower()} ({fact.id}): the "
                    f"registry has {right} {fact.unit}; link it: {reference(right + ' ' + (fact.unit or ''), fact)}",
                    fact, suggestion=reference(f"{right} {fact.unit}", fact)))
            continue
        if after is None or len(dated) < 2:
            continue
        # "N years after M": M is the mention right after the preposition; the other point is
        # the nearest other dated fact of the sentence
        anchor = next((m for m in dated if m.start >= after.end() and m.start - after.end() <= 6), None)
        if anchor is None:
            continue
        others = [m for m in dated if m.fact is not anchor.fact]
        if len(others) != 1:
            continue
        other = others[0]
        assert anchor.when is not None
        assert other.when is not None
        span = abs(other.when.lower.year - anchor.when.lower.year)
        if years not in (span, span - 1) and not (written.hedge and abs(years - span) <= max(1, span // 10)):
            assert anchor.fact is not None
            findings.append(_finding(
                Code.NUMBER_MISMATCH, reading, written.number.start,
                f"'{written.number.text} {written.after[0][0]}' does not fit the registry's dates: {_describe(anchor)} "
                f"({anchor.when.house_style()}) and {_describe(other)} ({other.when.house_style()}) are {span} "
                f"years apart", anchor.fact, suggestion=f"{span} years"))
    return findings


_ANNIVERSARY = re.compile(r"\b(?P<n>[\w-]+)\s+anniversary\b(?:\s+of\s+(?:the\s+)?)?", re.IGNORECASE)


def _anniversaries(registry: Registry, reading: Reading) -> list[Finding]:
    findings = []
    for m in _ANNIVERSARY.finditer(reading.plain):
        numbers = find_numbers(m["n"])
        if not numbers or not numbers[0].ordinal:
            continue
        n = int(numbers[0].value)
        founded = _anniversary_of(reading, m)
        if founded is None or founded.fact is None:
            continue
        start = founded.when if founded.dated else existence(founded.fact)[0]
        if start is None:
            continue
        years = [wd.date.parts[0].year for wd in reading.dates if not wd.relational and wd.date.parts[0].year]
        years += [x.when.lower.year for x in reading.mentions if x.dated and x.when is not None
                  and x.fact is not founded.fact and x.when.lower.year == x.when.upper.year]
        if not years:
            continue
        expected = years[0] - start.lower.year
        if expected == n:
            continue
        quantity = next((q for q in _of_kind(registry, "quantity") if q.derived and q.derived.source == founded.fact.id
                         and q.derived.rule == "calendar-years" and q.value == n), None)
        fact = quantity or founded.fact
        findings.append(_finding(
            Code.NUMBER_MISMATCH, reading, m.start(),
            f"the {m['n']} anniversary of {founded.fact.name} ({start.house_style()}) fell in "
            f"{start.lower.year + n}, not {years[0]}; in {years[0]} it was the {_ordinal(expected)}",
            fact, suggestion=_ordinal(expected)))
    return findings


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _anniversary_of(reading: Reading, m: re.Match[str]) -> Mention | None:
    """What an anniversary is of: the fact named right after "anniversary of", or, for "its
    70th anniversary", the organisation or event the clause is about."""
    named = [x for x in reading.mentions if x.fact is not None and x.fact.kind in ("organisation", "event")]
    if m.group(0).rstrip().casefold().endswith(("of", "of the")):
        after = [x for x in named if 0 <= x.start - m.end() <= 2]
        return after[0] if after else None
    before = reading.text[max(0, m.start() - 12):m.start()]
    if re.search(r"\bits\s+$", before):
        clause = reading.clause(m.start())
        earlier = [x for x in named if x.end <= m.start() and reading.clause(x.start) == clause]
        return earlier[0] if earlier else None
    possessive = [x for x in named if 0 <= m.start() - x.end <= 3 and reading.text[x.end:m.start()].startswith("'s")]
    return possessive[0] if possessive else None


def _count_quantities(registry: Registry) -> list[tuple[Fact, Series]]:
    """Each count of a series ("conferences held by the 7th Congress"), with its series."""
    by_name = {s.name: s for s in mention_index(registry).series.values()}
    return [(q, by_name[q.derived.series]) for q in registry.of_kind("quantity")
            if q.derived and q.derived.rule == "count" and q.derived.series in by_name]


def _counts(registry: Registry, reading: Reading) -> list[Finding]:
    if not reading.numbers:
        return []
    counts = per_registry(registry, "count quantities", lambda: _count_quantities(registry))
    findings = []
    for written in reading.numbers:
        for q, series in counts:
            if unit_of(written, {series.plural: series.plural}) is None:
                continue
            by = q.derived.by  # type: ignore[union-attr]
            at_by = any(m.fact is not None and m.fact.id == by for m in reading.mentions)
            at_date = q.date is not None and any(
                wd.date.parts[0].year is not None and not _mismatch(q.date, wd.date) for wd in reading.dates)
            if not (at_by or at_date) or q.value is None or written.number.value == q.value:
                continue
            right = format_number(q.value)
            findings.append(_finding(
                Code.NUMBER_MISMATCH, reading, written.number.start,
                f"'{written.number.text} {series.plural}' is not {q.label.lower()} ({q.id}): the registry has "
                f"{right}; link it: {reference(right, q)}", q, suggestion=reference(right, q)))
    return findings


# -- titles, existence, lifetimes --------------------------------------------------------------
def _date_in_question(reading: Reading, mention: Mention) -> tuple[dt.date, dt.date, str] | None:
    """The date a clause speaks of around ``mention``: a date written in it (not a comparison,
    not another's life event), else a dated event mentioned in it."""
    clause = reading.clause(mention.start)
    parts = set()
    for m in reading.mentions:
        if m.how in ("compound", "life") and mention.fact is not None and (
                mention.fact.id in m.parts or m.fact is mention.fact):
            parts.add(id(m))
    # a birth or death date is that person's, not the date of what the clause tells
    written = [wd for wd in reading.dates if not wd.relational and reading.clause(wd.date.start) == clause
               and (wd.mention is None or (wd.mention.how != "life" and id(wd.mention) not in parts))]
    for wd in sorted(written, key=lambda wd: abs(wd.date.start - mention.start)):
        bounds = [p.bounds() for p in wd.date.parts]
        if all(bounds):
            return min(b[0] for b in bounds if b), max(b[1] for b in bounds if b), f"'{wd.date.text}'"
    events = [m for m in reading.mentions if m.dated and m.fact is not None and m.when is not None
              and m.how not in ("life",) and id(m) not in parts and m.fact is not mention.fact
              and reading.clause(m.start) == clause]
    if events:
        event = min(events, key=lambda m: abs(m.start - mention.start))
        assert event.when is not None
        assert event.fact is not None
        return event.when.lower, event.when.upper, f"{event.fact.name or event.fact.id} ({event.when.house_style()})"
    return None


def _erred(found: list[Finding], fact: Fact) -> bool:
    return any(f.fact == fact.id and f.severity.value == "error" for f in found)


def _titles(reading: Reading, found: list[Finding]) -> list[Finding]:
    if LOOKS_AHEAD_IN_SENTENCE.search(reading.text):
        return []
    people = {m.fact.id: m for m in reading.mentions if m.fact is not None and m.fact.kind == "person"
              and m.how in ("name", "reference")}
    if len(people) != 1:
        return []
    person = next(iter(people.values()))
    assert person.fact is not None
    findings = []
    # compounds already dated ("Kim Jong Un became Chairman ... in 2012"): their offices are told
    told = {p for m in reading.mentions if m.how == "compound" for p in m.parts}
    for office in (m for m in reading.mentions if m.fact is not None and m.fact.kind == "office"
                   and m.how in ("name", "reference")):
        fact = office.fact
        assert fact is not None
        if (office.linked and person.linked) or fact.id in told or not terms(fact, person.fact.id):
            continue
        when = _date_in_question(reading, office)
        if when is None:
            continue
        lower, upper, what = when
        begins = _BEGINS.search(reading.text[max(0, office.start - 40):office.start])
        ok = (began_at if begins else held_at)(fact, person.fact.id, lower, upper)
        if ok:
            continue
        verb = "did not become" if begins else "did not hold"
        findings.append(_finding(
            Code.OFFICE_NOT_HELD, reading, office.start,
            f"{person.fact.name} {verb} {fact.name} at {what}: held {terms_text(fact, person.fact.id)}",
            fact, suggestion=reference(office.text, fact)))
    return findings


def _existence(reading: Reading, found: list[Finding]) -> list[Finding]:
    if LOOKS_AHEAD_IN_SENTENCE.search(reading.text) or re.search(r"\b(?:before|until|existed|precursor|predecessor)\b",
                                                                 reading.text, re.IGNORECASE):
        return []
    findings: list[Finding] = []
    lives = {m.fact.id for m in reading.mentions if m.how == "life" and m.fact is not None}
    lives |= {p for m in reading.mentions if m.how in ("life", "compound") for p in m.parts}
    attached = {id(wd.mention) for wd in reading.dates if wd.mention is not None}
    for mention in reading.mentions:
        fact = mention.fact
        if fact is None or mention.linked or mention.how != "name" or fact.id in lives \
                or _erred(found + findings, fact):
            continue
        if fact.kind in ("organisation", "office"):
            start = existence(fact)[0]
        elif fact.kind == "event" and fact.series is None and id(mention) not in attached:
            start = fact.date
        else:
            continue
        if start is None:
            continue
        when = _date_in_question(reading, mention)
        if when is None or when[1] >= start.lower or _states_own_date(reading, fact, start):
            continue
        findings.append(_finding(
            Code.EXISTENCE_ANACHRONISM, reading, mention.start,
            f"{_label(fact)} ({fact.id}) is named at {when[2]}, before it existed ({start.house_style()})", fact))
    return findings


def _states_own_date(reading: Reading, fact: Fact, start: FactDate) -> bool:
    """A sentence that also gives the thing's own beginning is comparing dates, not misdating it
    ("wrong for 1980: the show was first staged in 2002")."""
    return any(m.fact is fact and m.linked for m in reading.mentions) or any(
        not wd.relational and not _mismatch(start, wd.date) for wd in reading.dates)


def _lifetimes(reading: Reading) -> list[Finding]:
    if POSTHUMOUS.search(reading.text) or LOOKS_AHEAD_IN_SENTENCE.search(reading.text):
        return []
    findings = []
    for mention in reading.mentions:
        person = mention.fact
        if person is None or person.kind != "person" or mention.how not in ("name", "reference"):
            continue
        if not _ACTS.match(reading.text, mention.end):
            continue
        when = _date_in_question(reading, mention)
        if when is None:
            continue
        outside = outside_lifetime(person, when[0], when[1])
        if outside is None:
            continue
        findings.append(_finding(Code.LIFETIME_PROSE, reading, mention.start,
                                 f"{person.name} is said to act at {when[2]}, {outside}", person))
    return findings


# -- known-wrong values (claim matching) -------------------------------------------------------
def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s']", " ", normalise(text).casefold())).strip()


@dataclass(frozen=True)
class _WrongValues:
    """A registry's known-wrong words, names and quotations, looked up by words a sentence holds
    (the check stays linear in the registry's size)."""

    words: dict[str, list[tuple[str, Fact, Superseded]]]  # first two words -> normalised source words
    names: dict[str, list[tuple[str, int, Fact, Superseded]]]  # first word -> superseded name
    quotations: dict[str, list[Fact]]  # each word of a quotation (right or wrong wording) -> quotation


def _wrong_values(registry: Registry) -> _WrongValues:
    values = _WrongValues({}, {}, {})
    for fact in sorted(registry.facts.values(), key=lambda f: f.id):
        for old in fact.superseded:
            said = _normal(old.quote or "")
            if len(said.split()) >= 4:
                values.words.setdefault(" ".join(said.split()[:2]), []).append((said, fact, old))
            if fact.kind in ("person", "organisation", "office") and isinstance(old.value, str):
                flags = re.IGNORECASE if fact.kind == "office" else 0
                values.names.setdefault(_normal(old.value).split()[0], []).append((str(old.value), flags, fact, old))
        if fact.kind == "quotation":
            wordings = [fact.text or ""] + [str(o.value) for o in fact.superseded if isinstance(o.value, str)]
            for word in {w for text in wordings for w in _normal(text).split()}:
                values.quotations.setdefault(word, []).append(fact)
    return values


def _quoted_candidates(wrong: _WrongValues, passage: str) -> list[Fact]:
    """The quotations whose words (in their right or a wrong wording) include a passage's first
    and last words: the only ones it can quote."""
    words = _normal(passage).split()
    if not words:
        return []
    first = wrong.quotations.get(words[0], [])
    last = {f.id for f in wrong.quotations.get(words[-1], [])}
    return [f for f in first if f.id in last]


def _right_value(fact: Fact) -> str:
    if fact.kind == "event" and fact.date is not None:
        return fact.date.house_style()
    if fact.kind == "quantity" and fact.value is not None:
        return format_number(fact.value)
    if fact.kind == "quotation":
        return f"\u201c{fact.text}\u201d"
    return fact.name or fact.id


def _superseded(registry: Registry, reading: Reading, found: list[Finding]) -> list[Finding]:
    findings: list[Finding] = []
    done = {f.fact for f in found if f.code is Code.SUPERSEDED_REUSED}
    wrong = per_registry(registry, "wrong values", lambda: _wrong_values(registry))
    sentence = _normal(reading.text)
    tokens = sentence.split()
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(tokens)}
    candidates = [entry for pair in sorted(pairs) for entry in wrong.words.get(pair, ())]
    for words, fact, old in candidates:
        if fact.id in done or words not in sentence:
            continue
        done.add(fact.id)
        first = re.search(re.escape(words.split()[0]), reading.text, re.IGNORECASE)
        findings.append(_superseded_finding(reading, first.start() if first else 0, fact, old,
                                            normalise(old.quote or ""), _right_value(fact)))
    named = [entry for token in sorted(set(tokens)) for entry in wrong.names.get(token, ())]
    for name, flags, fact, old in named:
        if fact.id in done:
            continue
        m = phrase_pattern(name, flags).search(reading.plain)
        if m:
            done.add(fact.id)
            findings.append(_superseded_finding(reading, m.start(), fact, old, m.group(0), _right_value(fact)))
    for start, end in reading.quotes:
        inner = reading.text[start + 1:end - 1].rstrip(".,;:!? ")
        if len(inner.split()) < MIN_QUOTED_WORDS:
            continue  # "a parallel": a phrase, not the quotation
        for fact in _quoted_candidates(wrong, inner):
            if fact.id in done or fact.text is None or quote_matches(inner, fact.text):
                continue
            misquoted = next((o for o in fact.superseded if isinstance(o.value, str)
                              and quote_matches(inner, o.value)), None)
            if misquoted is not None:
                done.add(fact.id)
                findings.append(_superseded_finding(reading, start, fact, misquoted, inner, _right_value(fact)))
    findings += _other_words(reading, done)
    return findings


def _other_words(reading: Reading, done: set[str | None]) -> list[Finding]:
    """A fact mentioned with its superseded date, in any words: "Juche became the sole guiding
    ideology at the 5th Congress" (the 5th Congress's date is the superseded one), unless the
    sentence also states the right date (it is then comparing the two)."""
    findings = []
    asserted = [wd for wd in reading.dates if not wd.relational]
    for mention in reading.mentions:
        fact = mention.fact
        if fact is None or fact.id in done or not fact.superseded or fact.kind != "event" or fact.date is None:
            continue
        right = fact.date
        states_right = any(not _mismatch(right, wd.date) for wd in asserted) or any(
            m.fact is not fact and m.when is not None and m.when.edtf == right.edtf for m in reading.mentions)
        if states_right:
            continue
        for old in fact.superseded:
            if not isinstance(old.value, FactDate):
                continue
            written = next((wd.date.text for wd in asserted if not _mismatch(old.value, wd.date)
                            and (wd.mention is None or wd.mention.fact is not fact)), None)
            if written is None:
                same = next((m for m in reading.mentions if m.fact is not fact and m.when is not None
                             and m.when.edtf == old.value.edtf), None)
                written = same.text if same is not None else None
            if written is not None:
                done.add(fact.id)
                findings.append(_superseded_finding(reading, mention.start, fact, old, written, right.house_style()))
                break
    return findings


# -- who said it -------------------------------------------------------------------------------
def _attribution(registry: Registry, reading: Reading) -> list[Finding]:
    quotes = reading.quotes
    if not quotes:
        return []
    findings = []
    speakers = [m for m in reading.mentions
                if m.fact is not None and m.fact.kind in ("person", "organisation", "office")
                and m.how in ("name", "reference")]
    for start, end in quotes:
        inner = reading.text[start + 1:end - 1].rstrip(".,;:!? ")
        if len(inner.split()) < MIN_QUOTED_WORDS:
            continue
        wrong = per_registry(registry, "wrong values", lambda: _wrong_values(registry))
        quoted = [q for q in _quoted_candidates(wrong, inner) if q.text and (
            quote_matches(inner, q.text) or any(isinstance(o.value, str) and quote_matches(inner, o.value)
                                                for o in q.superseded))]
        if len(quoted) != 1 or quoted[0].speaker is None:
            continue
        quotation = quoted[0]
        speaker_id = quotation.speaker
        if speaker_id is None:
            continue
        said = {m.fact.id: m for m in speakers if m.end <= start and m.fact is not None and (
            _SPEECH.match(reading.text, m.end) or _ACCORDING.search(reading.text[max(0, m.start - 24):m.start]))}
        if len(said) != 1:
            continue
        speaker = next(iter(said.values()))
        assert speaker.fact is not None
        if _same_voice(registry, speaker.fact, speaker_id):
            continue
        real = registry.facts.get(speaker_id)
        findings.append(_finding(
            Code.QUOTE_MISATTRIBUTED, reading, start,
            f"the quoted words are {quotation.id}, said by {real.name if real else quotation.speaker}, not "
            f"{speaker.fact.name}; link it: {reference(inner, quotation)}", quotation,
            suggestion=reference(inner, quotation)))
    return findings


def _same_voice(registry: Registry, fact: Fact, speaker_id: str) -> bool:
    """The speaker, or a body or office of the speaker (an office of the organisation that spoke)."""
    if fact.id == speaker_id:
        return True
    speaker = registry.facts.get(speaker_id)
    return (fact.kind == "office" and fact.organisation == speaker_id) or (
        speaker is not None and speaker.kind == "office" and speaker.organisation == fact.id)

