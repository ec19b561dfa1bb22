"""Uncited claims in prose, the share of claims that are cited, and source claims no page states.

What counts as a claim in prose (``Page.runs``: outside references, code, URLs and passages in
double quotation marks; headings included):

- a **year** or a **full date** ("1980", "the 1990s", "6 May 2016", "May 6"): every date that
  names a year or a day. A month alone ("in May") is too vague to cite and is not a claim;
- a **number with a unit**: a cardinal number (digits or words) followed by a unit word, from
  ``UNIT_WORDS`` or the ``unit`` of any quantity fact ("36 years", "a million people",
  "a 44-year gap"). Ordinals ("7th Congress", "the first congress") and bare numbers are not;
- a **registered name**: the name, short form or a variant of a person, organisation or office.
  A name is cited once the page has referenced its fact (at or before the mention's line): the
  first mention must be the reference. A name in a heading is cited if the page references its
  fact anywhere (the heading announces the section that cites it).

A page opts out with front matter ``factcheck: {claims: false}`` (its references still count as
cited claims); a passage opts out with ``{nofact}`...```.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from checks.core.codes import Code
from checks.core.findings import Finding, Location
from checks.core.report import PageCoverage
from checks.pages.model import Page, claims_checked
from checks.pages.prose_values import find_dates, find_numbers
from checks.pages.reading import claim_links
from checks.pages.spans import (
    NameForm,
    location_at,
    name_index,
    per_registry,
    prose,
    referenced_lines,
)
from checks.registry.model import NAMED_KINDS, Registry

UNIT_WORDS = frozenset(
    ["people", "persons", "members", "delegates", "representatives", "participants", "candidates", "officials", "workers", "soldiers", "troops", "prisoners", "victims", "deaths", "years", "months", "weeks", "days", "hours", "minutes", "decades", "centuries", "percent", "per", "cent", "%", "tonnes", "tons", "dollars", "won", "kilometres", "kilometers", "miles"]
)
_SINGULAR = {"people": "person", "centuries": "century"}


@dataclass(frozen=True)
class Claim:
    kind: str  # "date", "number" or "name"
    text: str
    location: Location
    fact: str | None
    cited: bool
    key: str = ""  # the date or number as written, to find what a sentence binds it to


def _units(registry: Registry) -> tuple[frozenset[str], frozenset[str]]:
    plural = set(UNIT_WORDS) | {f.unit.lower() for f in registry.facts.values() if f.kind == "quantity" and f.unit}
    singular = {_SINGULAR.get(u, u[:-1] if u.endswith("s") else u) for u in plural}
    return frozenset(plural), frozenset(singular)


_UNIT_AFTER = re.compile(r"(?:\s+|-)(%|[A-Za-z]+(?:\s+cent)?)")


def _longest_first(form: NameForm) -> int:
    return -len(form.text)


# check_uncited and measure_page both need a page's claims, one soon after the other (see
# engine.check_project): the last few pages' claims are kept, found by the identity of the registry
# and the page (both immutable), so each page's prose is read for claims once.
_RECENT_CLAIMS: list[tuple[Registry, Page, list[Claim]]] = []


def page_claims(registry: Registry, page: Page) -> list[Claim]:
    """Every claim in the page's prose, cited or not, in page order."""
    for known_registry, known_page, claims in _RECENT_CLAIMS:
        if known_registry is registry and known_page is page:
            return list(claims)
    claims = _read_claims(registry, page)
    _RECENT_CLAIMS.insert(0, (registry, page, claims))
    del _RECENT_CLAIMS[4:]
    return list(claims)


def _read_claims(registry: Registry, page: Page) -> list[Claim]:
    if not claims_checked(page):
        return []
    plural, singular = per_registry(registry, "unit words", lambda: _units(registry))
    first_ref = referenced_lines(page)
    # longest name first (one claim per name); a rejected spelling is name.rejected's finding
    index = name_index(registry, NAMED_KINDS, order=_longest_first, skip_rejected=True)
    claims: list[Claim] = []
    for run in page.runs:
        text = prose(run)
        dates = find_dates(text)
        for d in dates:
            if any(p.year is not None or p.day is not None for p in d.parts):
                claims.append(Claim("date", d.text, location_at(run, d.start, d.end), None, False, d.text))
        in_date = [(d.start, d.end) for d in dates]
        for n in find_numbers(text):
            if n.ordinal or any(a <= n.start < b for a, b in in_date):
                continue
            m = _UNIT_AFTER.match(text, n.end)
            if not m:
                continue
            unit, hyphen = m.group(1).lower(), text[n.end] == "-"
            if unit in plural or (hyphen and unit in singular) or unit == "per cent":
                claims.append(Claim("number", f"{n.text}{m.group(0)}", location_at(run, n.start, m.end()),
                                    None, False, n.text))
        taken: list[tuple[int, int]] = []
        for indexed in index.candidates(text):
            form, pattern = indexed.form, indexed.pattern
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                where = location_at(run, m.start(), m.end())
                line = first_ref.get(form.fact.id)
                cited = line is not None and (run.heading or line <= where.line)
                claims.append(Claim("name", m.group(0), where, form.fact.id, cited))
    return sorted(claims, key=lambda c: (c.location.line, c.kind, c.text))


def check_uncited(registry: Registry, page: Page) -> list[Finding]:
    findings = []
    claims = page_claims(registry, page)
    # what each sentence binds its dates and numbers to (checks/pages/reading.py): an agreeing
    # claim gets the exact reference to write; a contradicted one is an error of its own
    links = claim_links(registry, page) if any(not c.cited and c.kind != "name" for c in claims) else {}
    for claim in claims:
        if claim.cited:
            continue
        if claim.kind == "name":
            assert claim.fact is not None  # a name claim always names its fact
            fact = registry.facts[claim.fact]
            message = (f"first mention of '{claim.text}' is not a reference: write "
                       f"{{fact}}`{claim.text} <{claim.fact}>` here (later mentions may stay plain)")
            findings.append(Finding(Code.CLAIM_UNCITED, claim.location, message, fact=claim.fact,
                                    suggestion=f"{{fact}}`{claim.text} <{claim.fact}>`", related=fact.location))
        else:
            what = "date" if claim.kind == "date" else "number with a unit"
            link = links.get((claim.location.line, claim.key))
            if link is not None and not link.agrees:
                continue  # reported as a contradiction by the mention checks
            if link is not None:
                written = f"{{fact}}`{claim.text} <{link.fact.id}>`"
                findings.append(Finding(Code.CLAIM_UNCITED, claim.location,
                                        f"{what} '{claim.text}' is not inside a {{fact}} reference: it states "
                                        f"{link.fact.id}; write {written}", fact=link.fact.id,
                                        suggestion=written, related=link.fact.location))
                continue
            findings.append(Finding(Code.CLAIM_UNCITED, claim.location,
                                    f"{what} '{claim.text}' is not inside a {{fact}} reference: reference the "
                                    f"fact that states it, or mark it {{nofact}} if it is not a claim"))
    return findings


def measure_page(registry: Registry, page: Page) -> PageCoverage:
    claims = page_claims(registry, page)
    refs = len(page.references)
    return PageCoverage(page.path, refs + len(claims), refs + sum(c.cited for c in claims), claims_checked(page))


def check_unstated(registry: Registry, referenced: Iterable[str]) -> list[Finding]:
    """Every source claim that lists facts must have at least one of them referenced on a page.

    ``referenced``: the ids of every fact referenced on any page (the CLI takes them from the pages,
    the Sphinx build from what each page recorded as it was read).
    """
    referenced = set(referenced)
    findings = []
    for cid in sorted(registry.claims):
        claim = registry.claims[cid]
        if claim.facts and not referenced.intersection(claim.facts):
            findings.append(Finding(Code.COVERAGE_UNSTATED, claim.location,
                                    f"source claim {cid} lists {', '.join(claim.facts)}, but no page "
                                    f"references any of them", fact=claim.facts[0]))
    return findings
