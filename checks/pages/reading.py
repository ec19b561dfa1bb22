"""What a sentence says about the facts it mentions: which written date goes with which mention,
which numbers it states with which units, and which dates it only compares with.

Reading is per sentence (:mod:`checks.pages.sentences`), on the mentions of
:mod:`checks.pages.mentions`. The rules are the ones a careful reader applies:

- a date introduced by "since", "after", "before", "until", "by", "than", "unlike" or "compared
  with" is a comparison, not the date of anything mentioned ("the first congress since 1980");
- a date goes with the dated mention nearest before it in its clause ("the 4th Congress in
  1961, the 5th in 1970"), else the nearest after it if nothing but a preposition comes first
  ("In 1980, the 6th Congress ..."); a date inside a compound mention goes with it;
- "respectively" pairs a list of mentions with a list of dates in order;
- a sentence with a single dated mention and a date that no clause rule placed reads them
  together; otherwise an unplaced date is left alone (precision before recall).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from checks.core.codes import Code
from checks.core.findings import Location
from checks.core.text import fold
from checks.pages.agreement import date_problems, number_agrees
from checks.pages.mentions import Mention, MentionIndex, find_mentions, mention_index, unlinked_text
from checks.pages.model import Page, Paragraph, Reference
from checks.pages.prose_values import DateMention, NumberMention, find_dates, find_numbers
from checks.pages.sentences import ByParagraph, Sentence, split
from checks.pages.spans import per_registry, quoted_spans
from checks.registry.dates import FactDate
from checks.registry.model import Fact, Registry

# Words before a date that make it a point of comparison, not a mention's date.
_RELATIONAL = re.compile(
    r"\b(?:since|after|before|until|till|by|from|than|prior\s+to|following|unlike|compared\s+(?:with|to)"
    r"|as\s+early\s+as|as\s+late\s+as|through|throughout|up\s+to)\s+"
    r"(?:(?:the\s+)?(?:year|end|start|beginning|spring|summer|autumn|fall|winter)\s+(?:of\s+)?)?"
    r"(?:early\s+|late\s+|mid-)?$", re.IGNORECASE)
# Where a clause ends: semicolons, colons, spaced dashes, and a comma before a new clause.
_CLAUSE_BREAK = re.compile(
    r";|:|\s[-\u2013\u2014]\s"
    r"|,\s+(?=(?:which|who|whom|whose|while|whereas|but|although|though|unlike|when|where|and"
    r"|before|after|since)\b)"
    r"|\s(?=(?:but|while|whereas|although|though)\s)", re.IGNORECASE)
_INTRO = re.compile(r"^\W*(?:(?:in|on|by|during|at|around|early|late|from)\s+)*$", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?P<hedge>about|around|some|roughly|nearly|almost|approximately|over|more\s+than|fewer\s+than"
                    r"|less\s+than|under|at\s+least|up\s+to|an\s+estimated|close\s+to|another)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class WrittenDate:
    """A date written in the sentence's own prose (not in a reference)."""

    date: DateMention
    relational: bool
    mention: Mention | None = None  # the dated mention it states the date of
    identifies: bool = False  # the date told which fact the mention is ("the congress in 1980")


@dataclass(frozen=True)
class WrittenNumber:
    """A cardinal number in the sentence's own prose, with the unit words after it."""

    number: NumberMention
    after: tuple[tuple[str, int], ...]  # the next words, lower case, each with its end offset
    hedge: str | None  # "about", "some", "more than"...


@dataclass
class Reading:
    """One sentence as read: offsets in ``text``, ``plain``, the mentions and the written values
    are relative to the sentence's start."""

    sentence: Sentence
    text: str  # the sentence, folded (quotes, apostrophes and dashes plain; offsets keep)
    plain: str  # its own prose: references, quotations, URLs and {nofact} text blanked
    mentions: list[Mention]
    dates: list[WrittenDate]
    numbers: list[WrittenNumber]
    breaks: list[int] = field(default_factory=list)
    previous: Reading | None = None

    def location(self, offset: int) -> Location:
        """The page line and column of ``offset`` in this sentence."""
        return self.sentence.paragraph.location_at(self.sentence.start + offset)

    @property
    def references(self) -> list[tuple[int, int, Reference]]:
        """The references in this sentence, with spans relative to it."""
        start, end = self.sentence.start, self.sentence.end
        return [(a - start, b - start, ref) for a, b, ref in self.sentence.paragraph.references
                if start <= a and b <= end]

    def clause(self, offset: int) -> int:
        """The number of the clause ``offset`` is in."""
        return sum(1 for b in self.breaks if b <= offset)

    @property
    def quotes(self) -> list[tuple[int, int]]:
        """Passages in double quotation marks, marks included."""
        return [(a, b) for a, b in quoted_spans(self.text)
                if not any(x <= a < y for x, y, _ in self.references)]

    def facts(self) -> set[str]:
        return {m.fact.id for m in self.mentions if m.fact is not None}


def read_page(registry: Registry, page: Page) -> list[Reading]:
    """Every sentence of ``page`` read against ``registry``, paragraph by paragraph
    (:func:`paragraph_readings`)."""
    return [reading for paragraph in page.paragraphs for reading in paragraph_readings(registry, paragraph)]


def paragraph_readings(registry: Registry, paragraph: Paragraph) -> tuple[Reading, ...]:
    """The sentences of ``paragraph`` read against ``registry``, read once and kept
    (:class:`ByParagraph`): several rules read the same sentences, and an editor re-checks a page
    after each pause in typing, when every paragraph but the edited one is equal to one already
    read. A reading depends on its paragraph's value and the registry alone, so what is kept for
    a registry cannot go stale."""
    kept: ByParagraph[tuple[Reading, ...]] = per_registry(registry, "paragraph readings", ByParagraph)
    return kept.get(paragraph, lambda p: read_paragraph(registry, mention_index(registry), p))


def read_paragraph(registry: Registry, index: MentionIndex, paragraph: Paragraph) -> tuple[Reading, ...]:
    """The sentences of one paragraph, read; each knows the sentence before it."""
    readings: list[Reading] = []
    previous: Reading | None = None
    for sentence in split(paragraph):
        reading = read_sentence(registry, index, sentence)
        reading.previous = previous
        readings.append(reading)
        previous = reading
    return tuple(readings)


def read_sentence(registry: Registry, index: MentionIndex, sentence: Sentence) -> Reading:
    text = fold(sentence.text)
    start, end = sentence.start, sentence.end
    refs = [(a - start, b - start, ref) for a, b, ref in sentence.paragraph.references if start <= a and b <= end]
    linked = [(a, b, registry.facts[ref.fact_id]) for a, b, ref in refs if ref.fact_id in registry.facts]
    unresolved = [(a, b) for a, b, ref in refs if ref.fact_id not in registry.facts]
    # not prose: {nofact} and {phrase} passages, inline code, other roles
    quiet = [(max(a, start) - start, min(b, end) - start) for a, b in sentence.paragraph.quiet if a < end and start < b]
    skipped = quiet + unresolved
    mentions = find_mentions(index, text, linked, skipped)
    plain = unlinked_text(text, [(a, b) for a, b, _ in linked], skipped)
    reading = Reading(sentence, text, plain, mentions, [], [], breaks=[m.start() for m in _CLAUSE_BREAK.finditer(text)])
    identity = [(m.start, m.end) for m in mentions if m.how in ("name", "ordinal", "dated", "elliptic", "relative")]
    # A sentence that mentions nothing is read only for a date with its weekday (which has digits)
    if mentions or _DIGIT.search(plain):
        dates = [d for found in find_dates(plain) if not any(a <= found.start < b for a, b in identity)
                 for d in _listed(plain, found)]
        reading.dates = _resolve_by_date(index, reading, _attach(reading, dates))
    if mentions:
        in_dates = [(wd.date.start, wd.date.end) for wd in reading.dates]
        reading.numbers = [_with_unit(plain, n) for n in find_numbers(plain)
                           if not n.ordinal and not any(a <= n.start < b for a, b in in_dates + identity)
                           and not re.match(r"\s+of\b", plain[n.end:])]
    return reading


_DIGIT = re.compile(r"\d")


_LIST_OF_YEARS = re.compile(r"(?P<a>\d{4})\s+and\s+(?P<b>\d{4})$")


def _listed(text: str, date: DateMention) -> list[DateMention]:
    """"in 1946 and 1948" names two years, not the range "between 1946 and 1948"."""
    m = _LIST_OF_YEARS.search(date.text)
    if m is None or len(date.parts) != 2 or re.search(r"\bbetween\s+$", text[max(0, date.start - 9):date.start]):
        return [date]
    return [DateMention(date.start + m.start("a"), date.start + m.end("a"), m["a"], date.parts[:1]),
            DateMention(date.start + m.start("b"), date.start + m.end("b"), m["b"], date.parts[1:])]


def _relational(text: str, date: DateMention) -> bool:
    before = text[max(0, date.start - 40):date.start]
    if len(date.parts) == 2 and re.search(r"\b(?:from|between)\s+$", before, re.IGNORECASE):
        return False  # "from 6 to 9 May 2016" states a span
    return bool(_RELATIONAL.search(before))


def _attach(reading: Reading, dates: list[DateMention]) -> list[WrittenDate]:
    text = reading.text
    dated = [m for m in reading.mentions if m.dated]
    asserted = [d for d in dates if not _relational(text, d)]
    paired = _respectively(reading, dated, asserted)
    written: list[WrittenDate] = []
    for date in dates:
        if date not in asserted:
            written.append(WrittenDate(date, relational=True))
            continue
        mention = paired.get(date.start) or _nearest(reading, dated, date)
        written.append(WrittenDate(date, relational=False, mention=mention))
    return written


def _resolve_by_date(index: MentionIndex, reading: Reading, written: list[WrittenDate]) -> list[WrittenDate]:
    """"Its first congress in 36 years, on 6 May 2016", "the previous congress in 1980": a member
    of a series named without its ordinal is the one member its date falls in. The mention then
    names it (for the durations and quantities written with it); its date, being what identified
    it, is not also checked against it."""
    resolved: list[WrittenDate] = []
    for wd in written:
        mention = wd.mention
        series = next((s for s in index.series.values() if mention is not None and s.name == mention.series), None)
        if mention is None or mention.fact is not None or series is None or mention.plural:
            resolved.append(wd)
            continue
        bounds = [b for b in (p.bounds() for p in wd.date.parts) if b]
        members = [m for m in series.members.values()
                   if m.date is not None and bounds and all(m.date.overlaps(*b) for b in bounds)]
        if len(members) != 1:
            resolved.append(wd)
            continue
        named = replace(mention, fact=members[0], how="dated")
        reading.mentions = [named if m is mention else m for m in reading.mentions]
        resolved.append(WrittenDate(wd.date, wd.relational, named, identifies=True))
    return resolved


def _nearest(reading: Reading, dated: list[Mention], date: DateMention) -> Mention | None:
    text = reading.text
    around = [m for m in dated if m.start < date.start and date.end <= m.end and m.how == "compound"]
    if around:
        return around[0]
    clause = reading.clause(date.start)
    # a month without a year ("in March") is too vague to go with anything but its neighbour
    reach = MONTH_REACH if all(p.year is None for p in date.parts) else None
    before = [m for m in dated if m.end <= date.start and reading.clause(max(m.end - 1, m.start)) == clause
              and (reach is None or _words_between(text, m.end, date.start) <= reach)]
    if before:
        nearest = max(before, key=lambda m: (m.end, -m.start))
        if _REPORTING.search(text[nearest.end:date.start]):
            return None  # "his death was announced on 19 December": the date of the announcement
        return nearest
    after = [m for m in dated if m.start >= date.end and reading.clause(m.start) == clause
             and (reach is None or _words_between(text, date.end, m.start) <= reach)]
    if after:
        first = min(after, key=lambda m: m.start)
        if "," not in text[date.end:first.start] or _INTRO.match(text[:date.start]):
            return first
    return None


MONTH_REACH = 4
# Between a mention and a date, these make the date that of something else told about it.
_REPORTING = re.compile(r"\b(?:announced|reported|confirmed|made\s+public|revealed|disclosed|marked|commemorated"
                        r"|celebrated|remembered|mourned)\b", re.IGNORECASE)


def _words_between(text: str, a: int, b: int) -> int:
    return len(re.findall(r"\w+", text[a:b]))


def _respectively(reading: Reading, dated: list[Mention], asserted: list[DateMention]) -> dict[int, Mention]:
    """"The 1st and 2nd congresses were held in 1946 and 1948 respectively": pair in order."""
    if "respectively" not in reading.text.casefold():
        return {}
    listed = [m for m in dated if m.plural and m.fact is not None]
    if len(listed) < 2:
        return {}
    following = [d for d in asserted if d.start >= listed[-1].end][:len(listed)]
    if len(following) != len(listed):
        return {}
    return {d.start: m for d, m in zip(following, listed, strict=True)}


_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z%]+)")


def _with_unit(text: str, number: NumberMention) -> WrittenNumber:
    words: list[tuple[str, int]] = []
    pos = number.end
    for _ in range(4):
        m = _NEXT_WORD.match(text, pos)
        if not m:
            break
        words.append((m.group(1).casefold(), m.end()))
        pos = m.end()
    hedge = _HEDGE.search(text[max(0, number.start - 20):number.start])
    return WrittenNumber(number, tuple(words), hedge["hedge"].casefold() if hedge else None)


_FUNCTION_WORDS = frozenset((
    "of", "its", "the", "his", "her", "their", "a", "an", "and", "or", "to", "in", "for", "at", "on", "by", "with",
    "as",
))


def unit_of(number: WrittenNumber, units: dict[str, str], skip: int = 2) -> tuple[str, int] | None:
    """The unit written after ``number`` (one of ``units``' keys, at most ``skip`` describing
    words after it: "3,467 voting delegates", "15 votes"), as ``units`` names it, with the offset
    of its end."""
    words = number.after
    for start in range(min(skip, len(words)) + 1):
        if any(w in _FUNCTION_WORDS for w, _ in words[:start]):
            break
        for length in (2, 1):
            phrase = " ".join(w for w, _ in words[start:start + length])
            if len(words[start:start + length]) == length and phrase in units:
                return units[phrase], words[start + length - 1][1]
    return None


# -- which quantity a number states ------------------------------------------------------------
_SPANNING_RULES = ("calendar-years", "completed-years", "days", "count")
_UNIT_SYNONYMS = {"delegates": ("representatives", "voting delegates"), "people": ("persons",)}


def _units(registry: Registry) -> dict[str, str]:
    units: dict[str, str] = {}
    for fact in registry.facts.values():
        if fact.kind == "quantity" and fact.unit:
            unit = fact.unit.casefold()
            singular = unit[:-1] if unit.endswith("s") else unit
            for form in (unit, singular, *_UNIT_SYNONYMS.get(unit, ())):
                units.setdefault(form, unit)
    return units


def _quantities_by_measured(registry: Registry) -> dict[tuple[str, str], list[Fact]]:
    """Quantities by (a fact whose mention brings them in, unit). A quantity is written about
    when what it measures is mentioned, or a participant of the event it measures ("the
    Commission of Inquiry's findings" for the report it published). Durations, anniversaries
    and counts are read with the facts they span (rules/mentions.py), not here."""
    found: dict[tuple[str, str], list[Fact]] = {}
    for fact in registry.of_kind("quantity"):
        if not fact.unit or fact.of is None or (fact.derived is not None and fact.derived.rule in _SPANNING_RULES):
            continue
        unit = fact.unit.casefold()
        measured = registry.facts.get(fact.of)
        through = list(measured.participants) if measured is not None and measured.kind == "event" else []
        for fid in dict.fromkeys([fact.of, *through]):
            found.setdefault((fid, unit), []).append(fact)
    return found


def _stems(text: str) -> set[str]:
    return {w.casefold()[:5] for w in re.findall(r"[A-Za-z]+", text) if len(w) > 2}


_DURATION_UNITS = frozenset(["years", "months", "weeks", "days", "hours", "minutes"])
_GENERIC_LABEL_WORDS = frozenset(["length", "number", "count", "total", "size"])


def _distinctive(registry: Registry, quantity: Fact) -> set[str]:
    """Words of a duration's label that say what lasted ("campaign", "report"), beyond what it
    measures and its unit: "four days" is not the length of every campaign of the 6th Congress."""
    measured = registry.facts.get(quantity.of or "")
    common = _stems(" ".join(measured.names()) if measured else "") | _stems(quantity.unit or "")
    return {w for w in _stems(quantity.label) - common if w not in {g[:5] for g in _GENERIC_LABEL_WORDS}
            and w not in {x[:5] for x in _LABEL_STOPWORDS}}


_LABEL_STOPWORDS = ("the", "and", "before", "after", "during", "with", "from")


def _names_what_lasted(registry: Registry, quantity: Fact, words: set[str]) -> bool:
    """A duration is of what its label names beyond what it measures, or of the measured thing
    itself ("the 70-day campaign lasted 70 days")."""
    distinctive = _distinctive(registry, quantity)
    # most of them: "its first congress in 36 years" shares "congress" with "interval between
    # congresses required by the party rules", but is not that interval
    return 2 * len(distinctive & words) >= len(distinctive) if distinctive else True


@dataclass(frozen=True)
class QuantityBinding:
    """The quantity a written number with a unit states, and whether it states it rightly."""

    fact: Fact
    agrees: bool


def bind_quantity(registry: Registry, reading: Reading, written: WrittenNumber) -> QuantityBinding | None:
    """The quantity fact a number with a unit is about: one with that unit that measures a fact
    the sentence mentions ("3,467 delegates" with "the 7th Congress"). When several could be
    meant, the one agreeing with the number, else the one whose label's words the sentence
    shares most; None when the words do not tell them apart."""
    units = per_registry(registry, "mention units", lambda: _units(registry))
    by_measured = per_registry(registry, "quantities by what they measure", lambda: _quantities_by_measured(registry))
    found = unit_of(written, units)
    if found is None:
        return None
    unit = found[0]
    words = _stems(reading.text)
    mentioned = sorted(reading.facts())
    measuring = {q.id: q for fid in mentioned for q in by_measured.get((fid, unit), ())}
    candidates = [q for _, q in sorted(measuring.items())
                  if unit not in _DURATION_UNITS or _names_what_lasted(registry, q, words)]
    if not candidates:
        return None
    agreeing = [q for q in candidates if q.value is not None
                and number_agrees(q.value, q.approximate, written.number.value, written.hedge)]
    if agreeing:
        return QuantityBinding(agreeing[0], True)
    # the quantity whose label's own words the sentence leaves out least ("increase in delegates"
    # is not what "3,600 delegates attended" states)
    scored = sorted((len(_distinctive(registry, q) - words), q.id, q) for q in candidates)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None  # which quantity is meant, the words do not say
    return QuantityBinding(scored[0][2], False)


@dataclass(frozen=True)
class ClaimLink:
    """What a date or number written in prose is bound to: the fact, and whether it agrees."""

    fact: Fact
    agrees: bool


def claim_links(registry: Registry, page: Page) -> dict[tuple[int, str], ClaimLink]:
    """(line, written text) of each date and number with a unit in the page's prose that a
    sentence binds to a fact whose reference could state it (an event or a quantity)."""
    links: dict[tuple[int, str], ClaimLink] = {}
    for reading in read_page(registry, page):
        for wd in reading.dates:
            mention = wd.mention
            if wd.relational or mention is None or mention.fact is None or mention.when is None \
                    or mention.field != "date" or mention.fact.kind != "event":
                continue
            fits = not _mismatch(mention.when, wd.date) or any(
                alt.date is not None and not _mismatch(alt.date, wd.date) for alt in mention.alternatives)
            key = (reading.location(wd.date.start).line, wd.date.text)
            links.setdefault(key, ClaimLink(mention.fact, fits))
        for written in reading.numbers:
            binding = bind_quantity(registry, reading, written)
            if binding is not None:
                key = (reading.location(written.number.start).line, written.number.text)
                links.setdefault(key, ClaimLink(binding.fact, binding.agrees))
    return links


def _mismatch(date: FactDate, written: DateMention) -> bool:
    return any(code is Code.DATE_MISMATCH for code, _, _ in date_problems(date, [written]))
