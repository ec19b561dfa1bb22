"""Mentions: registered facts named in a sentence, with or without a reference.

A sentence names a fact in many ways, and each is recognised here:

- by a registered **name**, short form or variant ("Kim Jong-il", "the WPK", "the byungjin
  line", "Security Council resolution 2270"), possessives included ("Kim Jong Il's");
- an event of an ordered series by its **ordinal** ("the 7th Congress", "the party's third
  congress", "the Seventh Party Congress", "the 7th Workers' Party of Korea Congress"), several
  at once ("the 1st and 2nd party congresses"), by **date** ("the 2012 conference", "the Party
  Conference of April 2012"), **elliptically** after another ("... and the 7th in 2016") or
  **relatively** ("the previous congress");
- a **life event** of a person or organisation ("Kim Jong Il's death", "the death of Kim Il
  Sung", "Kim Il Sung died", "the DPRK was founded"), resolved to the registered event where
  there is one ("Death of Kim Il Sung") and to the person's or organisation's own date otherwise;
- a **compound** event whose registered name is made of other facts' names and a verb ("Kim Il
  Sung declared Eternal President of the Republic" is mentioned by "the country declared Kim
  Il-sung its Eternal President"; "Death of Kim Jong Il" by "Kim Jong Il died");
- an event by the **words** of its name ("the party's sole guiding ideology").

A mention that speaks of a date (an event, a death, a founding) is *dated*: the dates written
next to it are read as its date (:mod:`checks.pages.reading`). Dated things that cannot be told
apart ("his death", "the congress", "the one in 1980") are recognised too, without a fact, so
that the dates next to them are not read as another fact's.

The per-registry index (:func:`mention_index`) is built once per loaded registry; reading a
sentence looks up only the names whose first word it contains.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from checks.core.text import fold
from checks.pages.prose_values import MONTH, DateMention, find_dates
from checks.pages.spans import per_registry, phrase_pattern, quoted_spans, url_spans
from checks.registry.dates import FactDate
from checks.registry.model import Fact, Registry

ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth",
)
_ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + ")"
# Words a writer puts between an ordinal and the series' noun: "7th Party Congress", "party's
# third congress", "7th Workers' Party of Korea Congress".
_QUALIFIER = r"(?:\s+(?:[A-Z][\w'.]*|party|party's|of|the|national|ordinary|extraordinary)){0,5}?"
_YEAR = r"(?:1[0-9]|20)\d{2}"
_DATE_NAME = rf"(?:{MONTH.format(name='m')}\s+)?(?P<y>{_YEAR})"

# The date a mention speaks of, per kind of life event.
DIED, BORN, FOUNDED, CREATED, ABOLISHED, DATE = "died", "born", "founded", "created", "abolished", "date"

# Verbs and nouns by which a sentence tells a compound event ("Kim Jong Un elected Chairman of
# ...") in other words: the first word of the event's name found here gives its synonyms.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "death": ("death", "died", "dies", "dead", "passing", "passed away"),
    "birth": ("birth", "born"),
    "founding": ("founding", "founded", "foundation", "established", "establishment", "proclaimed",
                 "proclamation"),
    "elected": ("elected", "election", "became", "becomes", "become", "named", "appointed", "made",
                "chosen"),
    "declared": ("declared", "declaration", "named", "made", "proclaimed", "became", "designated"),
    "designation": ("designation", "designated", "presented", "named", "declared", "chosen", "made"),
    "rejects": ("rejects", "rejected", "rejection", "dismissed"),
    "publication": ("published", "publication", "issued", "released"),
    "places": ("placed", "places", "put", "added"),
    "meeting": ("meeting", "met", "discussed", "debated"),
    "adoption": ("adopted", "adoption", "adopts"),
    "establishing": ("established", "establishing", "set up", "created"),
    "parade": ("parade",),
    "launch": ("launch", "launched"),
    "test": ("test", "tested"),
}
_LIFE_TRIGGERS = ("death", "birth", "founding")
WORDED_WINDOW = 12  # words within which an event's name words must all stand
TRIGGER_WINDOW = 6  # words between a compound's trigger and its nearest component

STOPWORDS = frozenset((
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "and", "or", "as", "its", "his", "her",
    "their", "party's", "s", "from", "into", "after", "before", "made", "became", "is", "was", "were", "be", "been",
    "being", "this", "that", "which", "who",
))


@dataclass(frozen=True)
class Mention:
    """A fact named in a sentence: ``start``/``end`` in the sentence's text.

    ``fact`` is None for a dated thing that cannot be resolved ("his death", "the congress").
    ``field`` is the fact's date the mention speaks of (``date`` for an event, ``died``, ``born``,
    ``founded``, ``created``...), None for a plain name. ``stated`` is a date written as part of
    the mention itself ("the May 2012 conference"), to compare with the fact's.
    """

    start: int
    end: int
    text: str
    fact: Fact | None
    how: str  # name, ordinal, dated, elliptic, relative, life, compound, words, series, reference
    field: str | None = None
    linked: bool = False
    stated: DateMention | None = None
    # components of a compound mention, and the events it could not be told apart from
    parts: tuple[str, ...] = ()
    alternatives: tuple[Fact, ...] = ()
    series: str | None = None
    plural: bool = False

    @property
    def when(self) -> FactDate | None:
        if self.fact is None or self.field is None:
            return None
        value = getattr(self.fact, self.field, None)
        return value if isinstance(value, FactDate) else None

    @property
    def dated(self) -> bool:
        return self.field is not None


@dataclass(frozen=True)
class Series:
    name: str
    noun: str
    plural: str
    members: dict[int, Fact]


@dataclass(frozen=True)
class Compound:
    event: Fact
    components: frozenset[str]
    trigger: str  # key of TRIGGERS
    # the other words of the name, all needed when one fact alone makes it up ("North Korea's
    # fourth nuclear test"): one name and a common verb are too little to tell an event
    words: frozenset[str] = frozenset()


@dataclass
class MentionIndex:
    """What is looked up in every sentence, built once per registry."""

    # key (first word or two) -> (form, regex flags, fact); each form's pattern is compiled on
    # first use (phrase_pattern caches it): most names never occur in a given text
    # and the form's other words, all of which a text must hold before the pattern is tried
    forms: dict[str, list[tuple[str, int, Fact, frozenset[str]]]] = field(default_factory=dict)
    series: dict[str, Series] = field(default_factory=dict)  # by noun
    compounds: list[Compound] = field(default_factory=list)
    by_components: dict[str, list[Compound]] = field(default_factory=dict)
    # events told by the words of their name, looked up by one of those words
    worded: dict[str, list[tuple[Fact, frozenset[str]]]] = field(default_factory=dict)
    life_events: dict[tuple[str, str], Fact] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # fact id -> kind
    life_fields: dict[str, str] = field(default_factory=dict)  # "Death of ..." event id -> died
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)


def mention_index(registry: Registry) -> MentionIndex:
    return per_registry(registry, "mention index", lambda: _build_index(registry))


# -- building the index ------------------------------------------------------------------------
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")
_IDENTIFIER = re.compile(r"\b([A-Za-z]+\s+\d+(?:/\d+)*)\b")


def _name_forms(fact: Fact) -> list[str]:
    """A fact's registered forms and the forms a writer derives from them: without a trailing
    parenthesis ("Security Council resolution 2270 (2016)"), or its identifier alone
    ("resolution 2270")."""
    forms = [f for f in (fact.name, fact.short, *fact.accepted, *fact.rejected) if f]
    derived: list[str] = []
    for form in forms:
        bare = _PARENTHESIS.sub("", form)
        if bare != form and bare:
            derived.append(bare)
        if fact.kind == "event":  # "Address 2016" is no identifier
            derived.extend(m.group(1) for m in _IDENTIFIER.finditer(bare)
                           if not re.fullmatch(r"[A-Za-z]+\s+(?:1[0-9]|20)\d{2}", m.group(1)))
    return list(dict.fromkeys(forms + derived))


def _key(form: str) -> str:
    """A name's first word, or first two words: names are looked up by what a sentence holds,
    and common first words ("Kim") would otherwise bring in every name that starts with them."""
    return " ".join(w.casefold() for w in _WORDS.findall(fold(form))[:2])


def _keys(text: str) -> set[str]:
    """Every word and pair of adjacent words of a text, as :func:`_key` writes them (a possessive
    's dropped: "Kim Jong Il's" looks up "kim jong")."""
    words = [w.casefold() for w in _WORDS.findall(text)]
    bare = [w.removesuffix("'s") for w in words]
    keys = set(words) | set(bare)
    for first, second, second_bare in zip(words, words[1:], bare[1:], strict=False):
        keys.add(f"{first} {second}")
        keys.add(f"{first} {second_bare}")
    for first, second in itertools.pairwise(bare):
        keys.add(f"{first} {second}")
    return keys


def _case_free(fact: Fact, form: str) -> bool:
    """Multi-word event names are matched in any case ("Arirang mass games"); people's names,
    single words and abbreviations as registered."""
    return fact.kind == "event" and len(form.split()) > 1


def _build_index(registry: Registry) -> MentionIndex:
    index = MentionIndex()
    facts = [registry.facts[fid] for fid in sorted(registry.facts)]
    index.kinds = {f.id: f.kind for f in facts}
    for fact in facts:
        if fact.kind not in ("person", "organisation", "office", "event"):
            continue
        for form in _name_forms(fact):
            flags = re.IGNORECASE if _case_free(fact, form) else 0
            words = [w.casefold() for w in _WORDS.findall(fold(form))]
            index.forms.setdefault(_key(form), []).append((form, flags, fact, frozenset(words[2:])))
    # series: the noun after the members' ordinals ("7th Congress of ..." -> congress)
    names = sorted({f.series for f in facts if f.series})
    for name in names:
        members = {m.ordinal: m for m in registry.series(name) if m.ordinal is not None}
        nouns = Counter(m.group(1).casefold() for f in members.values()
                        for m in [re.search(r"\b\d+(?:st|nd|rd|th)\s+(\w+)", f.name or f.label)] if m)
        if not nouns:
            continue
        noun = nouns.most_common(1)[0][0]
        plural = noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")
        index.series[noun] = Series(name, noun, plural, members)
    index.patterns = _series_patterns(tuple(sorted(index.series)))
    # compound events and events told by the words of their name
    for event in (f for f in facts if f.kind == "event" and f.name):
        components, rest_of_name = _components(index, event)
        words = [w.casefold() for w in re.findall(r"[\w'-]+", rest_of_name)]
        trigger = next((w for w in words if w in TRIGGERS), None)
        rest = frozenset(_stem(w) for w in words if w not in STOPWORDS and w != trigger and not w.isdigit())
        if components and trigger:
            compound = Compound(event, frozenset(components), trigger, rest if len(components) == 1 else frozenset())
            index.compounds.append(compound)
            for part in components:
                index.by_components.setdefault(part, []).append(compound)
        elif not components and event.series is None:
            stems = frozenset(_stem(w) for w in words if w not in STOPWORDS and not w.isdigit())
            if len(stems) >= 3:
                index.worded.setdefault(min(stems), []).append((event, stems))
        # "Death of Kim Il Sung": the registered event of a life event
        for key, field_name in (("death", DIED), ("birth", BORN), ("founding", FOUNDED)):
            if trigger == key and len(components) == 1:
                index.life_events[(next(iter(components)), field_name)] = event
                index.life_fields[event.id] = field_name
    return index


def _components(index: MentionIndex, event: Fact) -> tuple[list[str], str]:
    """The other facts whose names make up an event's name (longest first, not overlapping), and
    the name without them. A closing parenthesis ("(A/HRC/25/63)") is a reference, not part of
    the name. Looked up through the index, like a sentence: linear in the registry's size."""
    text = _PARENTHESIS.sub("", fold(event.name or ""))
    found: list[tuple[int, int, Fact]] = []
    keys = _keys(text)
    for key in keys:
        for form, flags, fact, rest in index.forms.get(key, ()):
            if fact.id != event.id and rest <= keys:
                found.extend((m.start(), m.end(), fact) for m in phrase_pattern(form, flags).finditer(text))
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0], x[2].id))
    taken: list[tuple[int, int]] = []
    ids: list[str] = []
    for a, b, fact in found:
        if any(x < b and a < y for x, y in taken):
            continue
        taken.append((a, b))
        if fact.id not in ids:
            ids.append(fact.id)
    return ids, blank(text, taken)


def _stem(word: str) -> str:
    return word.casefold().rstrip("'")[:6]


@lru_cache(maxsize=8)
def _series_patterns(nouns: tuple[str, ...]) -> dict[str, re.Pattern[str]]:
    if not nouns:
        return {}
    singular = "|".join(nouns)
    plural = "|".join(n + ("es" if n.endswith("s") else "s") for n in nouns)
    i = "(?i:"
    return {
        "ordinal": re.compile(rf"\b(?P<ord>{i}{_ORDINAL})){_QUALIFIER}\s+(?P<noun>{i}{singular}))\b(?!')"),
        "plural": re.compile(rf"\b(?P<ords>{i}{_ORDINAL}(?:\s*,\s*{_ORDINAL})*\s*,?\s*(?:and|or|to|&)\s+"
                             rf"{_ORDINAL})){_QUALIFIER}\s+(?P<noun>{i}{plural}))\b"),
        "dated": re.compile(rf"\b{_DATE_NAME}{_QUALIFIER}\s+(?P<noun>{i}{singular}))\b"),
        "dated-of": re.compile(rf"\b(?P<noun>{i}{singular}))\s+of\s+{_DATE_NAME}\b"),
        "dated-one": re.compile(rf"\bthe\s+{_DATE_NAME}\s+one\b"),
        "relative": re.compile(rf"\bthe\s+(?P<rel>previous|preceding|last|next|following|prior)"
                               rf"(?:\s+(?:party|Party))?\s+(?:(?P<noun>{i}{singular}))|one)\b"),
        "elliptic": re.compile(rf"\bthe\s+(?P<ord>{i}{_ORDINAL}))\b(?=\s*(?:[,.;:)]|$|\s(?:in|on|of|and|was|"
                               rf"were|met|had|opened|took|followed|came)\b))"),
        "generic": re.compile(rf"\b(?P<noun>{i}(?:{singular})|(?:{plural})))\b"),
    }


# -- reading a sentence ------------------------------------------------------------------------
_WORDS = re.compile(r"[\w'-]+")
_ORDINAL_VALUE = {w: i + 1 for i, w in enumerate(ORDINAL_WORDS)}

# life events written around a name
_AFTER = {
    DIED: re.compile(r"(?:'s)?\s*(?:,\s*who\s+|\s+who\s+|,\s+|\s+)(?:had\s+)?(?:died|passed away)\b"
                     r"|'s\s+(?:death|passing)\b|,?\s+\(?died\b"),
    BORN: re.compile(r"(?:,\s*who\s+|\s+who\s+|\s+)(?:was|had been)\s+born\b|'s\s+birth\b|,?\s+\(?born\b"),
    FOUNDED: re.compile(r"\s+(?:was|had been|were)\s+(?:first\s+|formally\s+)?(?:founded|established|formed|"
                        r"set up|proclaimed)\b|'s\s+(?:founding|foundation|establishment)\b"
                        r"|,\s+(?:founded|established|proclaimed)\b"),
    CREATED: re.compile(r"(?:\s+(?:title|post|office|position))?\s+(?:was|had been)\s+(?:first\s+)?"
                        r"(?:created|established|introduced|instituted)\b"),
    ABOLISHED: re.compile(r"(?:\s+(?:title|post|office|position))?\s+(?:was|had been)\s+abolished\b"),
}
_BEFORE = {
    DIED: re.compile(r"\b(?:death|passing)\s+of\s+$"),
    BORN: re.compile(r"\bbirth\s+of\s+$"),
    FOUNDED: re.compile(r"\b(?:founding|foundation|establishment|proclamation)\s+of\s+(?:the\s+)?$"),
    CREATED: re.compile(r"\b(?:creation|introduction)\s+of\s+(?:the\s+)?(?:(?:title|post|office)\s+of\s+)?$"),
}
_LIFE_FIELDS = {"person": (DIED, BORN), "organisation": (FOUNDED,), "office": (CREATED, ABOLISHED)}
_OPAQUE = re.compile(
    r"\b(?:his|her|their|its)\s+(?:(?:father|mother|grandfather|son|predecessor|successor)'s\s+)?"
    r"(?:death|birth|founding|establishment|creation)\b"
    r"|\b(?:he|she|they)\s+(?:had\s+)?(?:died|was\s+born)\b"
    r"|\bthe\s+(?:one|meeting|gathering|session)\b(?=\s+(?:in|of|on|held)\b)", re.IGNORECASE)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` replaced by spaces (same length)."""
    chars = list(text)
    for a, b in spans:
        for k in range(max(a, 0), min(b, len(chars))):
            chars[k] = " "
    return "".join(chars)


def unlinked_text(text: str, linked: list[tuple[int, int]], skipped: list[tuple[int, int]]) -> str:
    """A sentence's own prose: references, {nofact} text, URLs and quoted words blanked out."""
    return blank(text, linked + skipped + url_spans(text) + quoted_spans(text))


def find_mentions(index: MentionIndex, text: str, linked: list[tuple[int, int, Fact]],
                  skipped: list[tuple[int, int]]) -> list[Mention]:
    """Every mention in one sentence's (folded) ``text``. ``linked``: the spans of its references
    and their facts; ``skipped``: spans that are not prose."""
    plain = unlinked_text(text, [(a, b) for a, b, _ in linked], skipped)
    mentions = [Mention(a, b, text[a:b], fact, "reference", DATE if fact.kind == "event" else None, linked=True)
                for a, b, fact in linked]
    names = _names(index, plain)
    mentions += names
    mentions += _series_mentions(index, plain, names)
    named = [m for m in mentions if m.fact is not None and m.how in ("name", "reference")]
    mentions += _life_mentions(index, plain, named)
    mentions += _opaque(plain, mentions)
    mentions += _compounds(index, plain, mentions)
    mentions += _worded(index, plain, mentions)
    return sorted(mentions, key=lambda m: (m.start, -m.end))


def _names(index: MentionIndex, text: str) -> list[Mention]:
    found: list[tuple[int, int, Fact]] = []
    keys = _keys(text)
    for key in sorted(keys):
        for form, flags, fact, rest in index.forms.get(key, ()):
            if rest <= keys:
                found.extend((m.start(), m.end(), fact) for m in phrase_pattern(form, flags).finditer(text))
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0], x[2].id))
    taken: list[tuple[int, int]] = []
    mentions = []
    for a, b, fact in found:
        if any(x < b and a < y for x, y in taken):
            continue
        taken.append((a, b))
        mentions.append(Mention(a, b, text[a:b], fact, "name", DATE if fact.kind == "event" else None))
    return mentions


def _ordinal_value(word: str) -> int | None:
    word = word.casefold()
    if word[:1].isdigit():
        return int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]
    return _ORDINAL_VALUE.get(word)


def _series_mentions(index: MentionIndex, text: str, names: list[Mention]) -> list[Mention]:
    if not index.patterns:
        return []
    events = [(m.start, m.end) for m in names if m.fact is not None and m.fact.kind == "event"]
    taken: list[tuple[int, int]] = list(events)
    found: list[Mention] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    def add(mention: Mention, span: tuple[int, int] | None = None) -> None:
        taken.append(span or (mention.start, mention.end))
        found.append(mention)

    def series_of(noun: str) -> Series | None:
        noun = noun.casefold()
        return index.series.get(noun) or next((s for s in index.series.values() if s.plural == noun), None)

    p = index.patterns
    for m in p["plural"].finditer(text):
        series = series_of(m["noun"])
        if series is None or not free(m.start(), m.end()):
            continue
        for o in re.finditer(_ORDINAL, m["ords"], re.IGNORECASE):
            member = series.members.get(_ordinal_value(o.group(0)) or 0)
            a, b = m.start("ords") + o.start(), m.start("ords") + o.end()
            found.append(Mention(a, b, text[a:b], member, "ordinal", DATE, series=series.name, plural=True))
        taken.append((m.start(), m.end()))
    for m in p["ordinal"].finditer(text):
        series = series_of(m["noun"])
        if series is None or not free(m.start(), m.end()) or _idiom(text, m["ord"], m.end()):
            continue
        member = series.members.get(_ordinal_value(m["ord"]) or 0)
        add(Mention(m.start(), m.end(), m.group(0), member, "ordinal", DATE, series=series.name))
    for key in ("dated", "dated-of"):
        for m in p[key].finditer(text):
            series = series_of(m["noun"])
            if series is None or not free(m.start(), m.end()):
                continue
            start = m.start("m") if m["m"] else m.start("y")
            stated = next(iter(find_dates(text[start:m.end("y")])), None)
            member, shifted = _member_by_date(series, stated, start)
            add(Mention(m.start(), m.end(), m.group(0), member, "dated", DATE, stated=shifted, series=series.name))
    for m in p["dated-one"].finditer(text):
        earlier = [x for x in found if x.end <= m.start() and x.series]
        if not earlier or not free(m.start(), m.end()):
            continue
        series = next(s for s in index.series.values() if s.name == earlier[-1].series)
        stated = next(iter(find_dates(text[m.start("y"):m.end("y")])), None)
        member, shifted = _member_by_date(series, stated, m.start("y"))
        add(Mention(m.start(), m.end(), m.group(0), member, "dated", DATE, stated=shifted, series=series.name))
    anchored = sorted(found, key=lambda x: x.start)
    for m in p["relative"].finditer(text):
        if not free(m.start(), m.end()):
            continue
        named_series = series_of(m["noun"]) if m["noun"] else None
        anchors = [x for x in anchored if x.fact is not None and x.fact.ordinal is not None
                   and (m["noun"] is None or (named_series is not None and x.series == named_series.name))]
        member = None
        if anchors:
            anchor = anchors[0]
            step = 1 if m["rel"].casefold() in ("next", "following") else -1
            series = next(s for s in index.series.values() if s.name == anchor.series)
            member = series.members.get((anchor.fact.ordinal or 0) + step)  # type: ignore[union-attr]
        add(Mention(m.start(), m.end(), m.group(0), member, "relative", DATE,
                    series=anchors[0].series if anchors else (named_series.name if named_series else None)))
    for m in p["elliptic"].finditer(text):
        earlier = [x for x in found if x.end <= m.start() and x.series]
        if not earlier or not free(m.start(), m.end()) or _idiom(text, m["ord"], m.end()):
            continue
        series = next(s for s in index.series.values() if s.name == earlier[-1].series)
        member = series.members.get(_ordinal_value(m["ord"]) or 0)
        add(Mention(m.start("ord"), m.end(), m.group("ord"), member, "elliptic", DATE, series=series.name))
    for m in p["generic"].finditer(text):
        if not free(m.start(), m.end()):
            continue
        series = series_of(m["noun"])
        add(Mention(m.start(), m.end(), m.group(0), None, "series", DATE, series=series.name if series else None,
                    plural=m["noun"].casefold() == (series.plural if series else "")))
    return found


_FIRST_IN = re.compile(r"\s+(?:since|to|under|ever|after|for|of\s+(?:its|his|their)\s+kind|in\s+(?:\w+[\s-])?"
                       r"\w+\s+(?:years|decades|months))\b")


def _idiom(text: str, ordinal: str, end: int) -> bool:
    """"the first congress since 1980", "its first in 36 years": an ordinal word that ranks within
    a period, not a member of the series (a capitalised "First Congress" is always the member)."""
    return ordinal.islower() and not ordinal[:1].isdigit() and bool(_FIRST_IN.match(text, end))


def _member_by_date(series: Series, stated: DateMention | None, offset: int) -> tuple[Fact | None, DateMention | None]:
    """The member of ``series`` a date names ("the 2012 conference"), and the written date (at its
    place in the sentence) when it is more precise than the year that identified the member."""
    if stated is None:
        return None, None
    part = stated.parts[0]
    in_year = [f for f in series.members.values()
               if f.date and f.date.lower.year <= (part.year or 0) <= f.date.upper.year]
    if len(in_year) != 1:
        bounds = part.bounds()
        exact = [f for f in in_year if bounds and f.date and f.date.overlaps(*bounds)]
        if len(exact) != 1:
            return None, None
        in_year = exact
    shifted = DateMention(stated.start + offset, stated.end + offset, stated.text, stated.parts, stated.decade)
    return in_year[0], shifted if part.month is not None else None


def _life_mentions(index: MentionIndex, text: str, named: list[Mention]) -> list[Mention]:
    found: list[Mention] = []
    for mention in named:
        fact = mention.fact
        assert fact is not None
        for field_name in _LIFE_FIELDS.get(fact.kind, ()):
            after = _AFTER.get(field_name)
            before = _BEFORE.get(field_name)
            span: tuple[int, int] | None = None
            m = after.match(text, mention.end) if after else None
            if m:
                span = (mention.start, m.end())
            else:
                b = before.search(text[max(0, mention.start - 40):mention.start]) if before else None
                if b:
                    span = (mention.start - (min(40, mention.start) - b.start()), mention.end)
            if span is None:
                continue
            event = index.life_events.get((fact.id, field_name))
            if event is not None:
                found.append(Mention(span[0], span[1], text[span[0]:span[1]], event, "life", DATE,
                                     parts=(fact.id,)))
            elif getattr(fact, field_name, None) is not None:
                found.append(Mention(span[0], span[1], text[span[0]:span[1]], fact, "life", field_name))
            else:
                found.append(Mention(span[0], span[1], text[span[0]:span[1]], None, "life", field_name))
    # "Kim Il Sung died in 1994 and Kim Jong Il in 2011": the second name shares the first's verb
    lives = [m for m in found if m.fact is not None]
    for mention in named:
        if mention.fact is None or mention.fact.kind != "person" \
                or any(life.start <= mention.start < life.end for life in found):
            continue
        if not re.search(r"\band\s+$", text[max(0, mention.start - 6):mention.start]):
            continue
        if not re.match(r"\s+(?:in|on)\s", text[mention.end:mention.end + 5]):
            continue
        earlier = [life for life in lives if life.end <= mention.start]
        if not earlier:
            continue
        own = earlier[-1].field if earlier[-1].how == "life" and earlier[-1].field != DATE else None
        key = own or index.life_fields.get(earlier[-1].fact.id if earlier[-1].fact else "")
        if key is None:
            continue
        event = index.life_events.get((mention.fact.id, key))
        if event is not None:
            found.append(Mention(mention.start, mention.end, mention.text, event, "life", DATE,
                                 parts=(mention.fact.id,)))
        elif getattr(mention.fact, key, None) is not None:
            found.append(Mention(mention.start, mention.end, mention.text, mention.fact, "life", key))
    return found


def _opaque(text: str, mentions: list[Mention]) -> list[Mention]:
    return [Mention(m.start(), m.end(), m.group(0), None, "life", DATE) for m in _OPAQUE.finditer(text)
            if not any(x.start < m.end() and m.start() < x.end for x in mentions)]


def _word_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).casefold()) for m in _WORDS.finditer(text)]


def _compounds(index: MentionIndex, text: str, mentions: list[Mention]) -> list[Mention]:
    by_fact: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.fact is not None and m.how in ("name", "reference"):
            by_fact.setdefault(m.fact.id, []).append(m)
    if not by_fact:
        return []
    words = _word_spans(text)
    stems = {_stem(w) for _, _, w in words}
    found: list[Mention] = []
    seen: set[str] = set()
    candidates = {c.event.id: c for fid in by_fact for c in index.by_components.get(fid, ())}
    for compound in (candidates[k] for k in sorted(candidates)):
        if not compound.components <= set(by_fact) or compound.event.id in by_fact:
            continue
        if compound.trigger in _LIFE_TRIGGERS:
            continue  # read by the life patterns, which know whose death it is
        if compound.words and not compound.words <= stems:
            continue
        trigger = _trigger_near(words, text, compound.trigger, [m for fid in compound.components for m in by_fact[fid]])
        if trigger is None:
            continue
        # each component where it stands nearest the verb: "North Korea" at the sentence's end is
        # not part of "the Security Council placed the DPRK on its agenda"
        parts = [min(by_fact[fid], key=lambda m: abs(m.start - trigger[0])) for fid in sorted(compound.components)]
        start = min([p.start for p in parts] + [trigger[0]])
        end = max([p.end for p in parts] + [trigger[1]])
        if any(m.how == "life" and m.fact is compound.event for m in mentions):
            continue
        # events of the same kind about the same facts (Kim Jong Il's designation as successor
        # in 1974 and in 1980) cannot be told apart by the words: a date that fits any of them fits
        related = {c.event.id: c for part in sorted(compound.components) for c in index.by_components.get(part, ())}
        alternatives = tuple(c.event for _, c in sorted(related.items()) if c.event.id != compound.event.id
                             and ((c.trigger in _same_trigger(compound.trigger) and not _differs(index, compound, c))
                                  or c.components == compound.components))
        seen.add(compound.event.id)
        found.append(Mention(start, end, text[start:end], compound.event, "compound", DATE,
                             parts=tuple(sorted(compound.components)), alternatives=alternatives))
    return found


def _differs(index: MentionIndex, told: Compound, other: Compound) -> bool:
    """Whether the sentence tells ``told`` apart from ``other``: each names a different fact of
    the same kind (an election as General Secretary is not one as Chairman)."""
    kinds: dict[str, tuple[set[str], set[str]]] = {}
    for ids, side in ((told.components, 0), (other.components, 1)):
        for fid in ids:
            kind = index.kinds.get(fid, "")
            kinds.setdefault(kind, (set(), set()))[side].add(fid)
    return any(a and b and not a & b for a, b in kinds.values())


def _same_trigger(trigger: str) -> set[str]:
    """Triggers that tell the same kind of event (an election and a designation both "make")."""
    words = set(TRIGGERS[trigger])
    return {k for k, v in TRIGGERS.items() if words & set(v)}


def _trigger_near(words: list[tuple[int, int, str]], text: str, trigger: str,
                  parts: list[Mention]) -> tuple[int, int] | None:
    synonyms = TRIGGERS[trigger]
    for a, b, w in words:
        hit = None
        for synonym in synonyms:
            if " " in synonym:
                if text[a:a + len(synonym)].casefold() == synonym:
                    hit = (a, a + len(synonym))
            elif w == synonym or w.removesuffix("'s") == synonym:
                hit = (a, b)
            if hit:
                break
        if hit is None:
            continue
        for part in parts:
            between = text[min(part.end, a):max(part.start, b)]
            if len(_WORDS.findall(between)) <= TRIGGER_WINDOW and not re.search(r"[;:]", between):
                return hit
    return None


def _worded(index: MentionIndex, text: str, mentions: list[Mention]) -> list[Mention]:
    words = _word_spans(text)
    stems: dict[str, list[tuple[int, int]]] = {}
    for a, b, w in words:
        stems.setdefault(_stem(w), []).append((a, b))
    found = []
    named = {m.fact.id for m in mentions if m.fact is not None}
    present = set(stems)
    candidates = [entry for stem in sorted(present) for entry in index.worded.get(stem, ())]
    for event, needed in candidates:
        if event.id in named or not needed <= present:
            continue
        spans = [stems[s][0] for s in needed]
        start, end = min(a for a, _ in spans), max(b for _, b in spans)
        if len(_WORDS.findall(text[start:end])) > WORDED_WINDOW:
            continue  # words scattered over the sentence do not name the event
        found.append(Mention(start, end, text[start:end], event, "words", DATE))
    return found
