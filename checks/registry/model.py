"""The loaded registry: sources and facts as typed, immutable values."""

from __future__ import annotations

import enum
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from checks.core.findings import Location
from checks.registry.dates import FactDate


# The field holding each kind's primary value: the one the role renders, the one a superseded
# value replaces.
class Kind(enum.StrEnum):
    """The kinds of fact. A ``StrEnum``, so a kind reads and serialises as its name ("person")."""

    PERSON = "person"
    ORGANISATION = "organisation"
    OFFICE = "office"
    EVENT = "event"
    QUANTITY = "quantity"
    QUOTATION = "quotation"


PRIMARY_FIELD: dict[str, str] = {
    Kind.PERSON: "name",
    Kind.ORGANISATION: "name",
    Kind.OFFICE: "name",
    Kind.EVENT: "date",
    Kind.QUANTITY: "value",
    Kind.QUOTATION: "text",
}
NAMED_KINDS: tuple[Kind, ...] = (Kind.PERSON, Kind.ORGANISATION, Kind.OFFICE)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    retrieved: Any  # datetime.date
    date: FactDate | None
    note: str | None
    location: Location
    read_via: str | None = None
    # key -> line of that key in the registry file, for precise locations
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, key: str) -> Location:
        return Location(self.location.path, self.lines.get(key, self.location.line))


@dataclass(frozen=True)
class Citation:
    """One source cited for a fact's value, with the source's words that state it (if recorded)."""

    source: str
    excerpt: str | None
    location: Location


@dataclass(frozen=True)
class Superseded:
    value: Any
    reason: str
    source: str
    quote: str | None
    location: Location


@dataclass(frozen=True)
class Holder:
    person: str
    start: FactDate | None
    end: FactDate | None
    location: Location


DERIVATION_RULES = ("calendar-years", "completed-years", "days", "count", "difference")


@dataclass(frozen=True)
class Derivation:
    """How a quantity follows from other facts (a duration, an anniversary, a count)."""

    rule: str
    source: str | None  # "from": the earlier fact
    target: str | None  # "to": the later fact
    series: str | None
    by: str | None  # count members of the series dated up to this fact's date
    location: Location


@dataclass(frozen=True)
class Fact:
    """A fact of any kind. Fields that do not belong to its kind are None or empty."""

    id: str
    kind: Kind
    label: str
    sources: tuple[str, ...]
    status: str
    location: Location
    digest: str
    citations: tuple[Citation, ...] = ()
    # Sources that give another value (a disputed fact): cited with their words, not as support.
    disputed_by: tuple[Citation, ...] = ()
    verified: Any = None  # datetime.date
    # (field, status) for dated statements whose status differs from the primary value's ``status``
    status_of: tuple[tuple[str, str], ...] = ()
    note: str | None = None
    tags: tuple[str, ...] = ()
    series: str | None = None
    ordinal: int | None = None
    superseded: tuple[Superseded, ...] = ()
    # names
    name: str | None = None
    short: str | None = None
    hangul: str | None = None
    accepted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()
    # lifetimes and existence
    born: FactDate | None = None
    died: FactDate | None = None
    founded: FactDate | None = None
    dissolved: FactDate | None = None
    # offices
    organisation: str | None = None
    created: FactDate | None = None
    abolished: FactDate | None = None
    posthumous: bool = False
    holders: tuple[Holder, ...] = ()
    # events, quantities, quotations
    date: FactDate | None = None
    place: str | None = None
    participants: tuple[str, ...] = ()
    value: float | int | None = None
    unit: str | None = None
    approximate: bool = False
    of: str | None = None
    derived: Derivation | None = None
    text: str | None = None
    speaker: str | None = None
    language: str | None = None
    # key -> line of that key in the registry file, for precise locations
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def primary(self) -> Any:
        return getattr(self, PRIMARY_FIELD[self.kind])

    def status_for(self, key: str | None = None) -> str:
        """The status of one statement: ``status`` is the primary value's; a dated statement (a
        founding date, a birth) may have its own in ``status_of``, as Wikidata ranks each statement."""
        if key is None or key == PRIMARY_FIELD[self.kind]:
            return self.status
        return dict(self.status_of).get(key, self.status)

    def names(self) -> tuple[str, ...]:
        """Every written form accepted for this fact: canonical, short form, accepted variants."""
        forms = [n for n in (self.name, self.short) if n]
        return tuple(forms) + self.accepted

    @property
    def when_key(self) -> str | None:
        """The field holding the date that places this fact in time, whatever its kind."""
        return next((k for k in ("date", "founded", "created", "born") if getattr(self, k) is not None), None)

    @property
    def when(self) -> FactDate | None:
        """The date that places this fact in time (None if it has none)."""
        return getattr(self, self.when_key) if self.when_key else None

    def line_of(self, key: str) -> Location:
        return Location(self.location.path, self.lines.get(key, self.location.line))


@dataclass(frozen=True)
class SourceClaim:
    """A checkable claim of a source text and where the explainer covers it (or why not)."""

    id: str
    source: str
    quote: str
    facts: tuple[str, ...]
    omitted: str | None
    location: Location
    evidence: tuple[str, ...] = ()
    verdict: str | None = None


@dataclass(frozen=True)
class Registry:
    facts: dict[str, Fact]
    sources: dict[str, Source]
    claims: dict[str, SourceClaim]
    files: tuple[str, ...]

    @property
    def digest(self) -> str:
        """A hash of every fact and source: pages that list the whole registry depend on it."""
        h = hashlib.sha256()
        for fid in sorted(self.facts):
            h.update(self.facts[fid].digest.encode())
        for sid in sorted(self.sources):
            s = self.sources[sid]
            h.update(json.dumps([s.id, s.title, s.publisher, s.url, str(s.retrieved), str(s.date)]).encode())
        return h.hexdigest()

    def of_kind(self, kind: str) -> list[Fact]:
        """The facts of one kind, in id order."""
        return sorted((f for f in self.facts.values() if f.kind == kind), key=lambda f: f.id)

    def facts_citing(self, source_id: str) -> list[Fact]:
        return [f for f in self.facts.values() if source_id in f.sources]

    def series(self, name: str) -> list[Fact]:
        return sorted((f for f in self.facts.values() if f.series == name), key=lambda f: f.ordinal or 0)


# one encoder for every fact (json.dumps with options builds a new one per call)
_DIGEST_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def fact_digest(raw: Any, path: str) -> str:
    """Hash a fact's content and its file name (not its line: moving a fact must not rebuild pages).

    ``raw`` may be the loader's values with lines: JSON writes a str, dict or list subclass as
    the plain value, so the lines take no part (tested against a plain read of the file)."""
    payload = _DIGEST_JSON.encode([path, raw])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
