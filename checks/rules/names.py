"""Names in prose: rejected spellings, variants where house style wants the canonical name,
near-misses of registered names, and the house style's capitalisation of party bodies and titles.

Only prose is read (``Page.runs``): not code, not URLs, not passages in double quotation marks
(a quotation keeps its source's spelling). Names inside ``{fact}`` references are checked by
:mod:`checks.rules.references`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from checks.core.codes import Code
from checks.core.findings import Finding
from checks.core.text import fold
from checks.pages.model import Anchor, Page, TextRun
from checks.pages.spans import (
    NameForm,
    location_at,
    name_forms,
    name_index,
    per_registry,
    phrase_pattern,
    prose,
)
from checks.registry.house_style import wants_canonical
from checks.registry.model import Registry

# --- near-misses ------------------------------------------------------------------------------
# fuzz.ratio (normalised indel similarity, case-folded) at or above this is a near-miss. Measured
# (tests/test_names.py): one slip in the shortest registered names scores 90.9 ("Kim Jong Um"),
# a missing apostrophe 96.3 ("Workers Party"); distinct people score at most 87.0 ("Kim Jong Nam",
# "Kim Jong Suk" against "Kim Jong Un"), two different letters 81.8 ("Kim Jong Il"/"Kim Jong Un").
NEAR_MISS_THRESHOLD = 90.0
# Real names of other people that are one letter from a registered name: never near-misses.
DISTINCT_NAMES = frozenset({"kim yong il", "kim yong-il"})
# House-style words that are not facts but whose slips are worth catching (near-miss targets).
HOUSE_TERMS = ("Workers' Party", "Central Committee", "Central Military Commission")

_TOKEN = re.compile(r"\S+")
_LEAD = "([\"'"
_TRAIL = ".,;:!?)]\"'"


@dataclass(frozen=True)
class CapitalisationRule:
    """Write ``form`` exactly so wherever its words occur (any case), if ``after`` (a regex) matches
    the text just before them; ``None`` means everywhere."""

    form: str
    after: str | None
    why: str


# The house style's capitalisation, kept conservative: only what is always a proper noun here.
CAPITALISATION: tuple[CapitalisationRule, ...] = (
    CapitalisationRule("Workers' Party", None, "the party's name"),
    CapitalisationRule("Politburo", None, "the WPK's Political Bureau, the only politburo in this explainer"),
    CapitalisationRule("Central Military Commission", None, "a named party body"),
    CapitalisationRule("Supreme People's Assembly", None, "North Korea's parliament"),
    CapitalisationRule("Central Committee", r"(?:\bthe|\bparty's|\bWPK|\d+(?:st|nd|rd|th))\s+$",
                       "a specific party body: 'the Central Committee'; generic use ('a new central "
                       "committee') may stay lower case"),
    CapitalisationRule("Congress", r"\b\d+(?:st|nd|rd|th)\s+(?:party\s+)?$",
                       "a numbered congress is a proper name: '7th Congress'"),
    CapitalisationRule("Conference", r"\b\d+(?:st|nd|rd|th)\s+(?:party\s+)?$",
                       "a numbered conference is a proper name: '3rd Conference'"),
)


def check_names(registry: Registry, page: Page) -> list[Finding]:
    findings: list[Finding] = []
    # Each run is checked on its own, so a run is checked once as written: an editor re-checks
    # pages whose runs mostly did not change. The anchors are part of the key: they place findings.
    seen: dict[tuple[TextRun, tuple[Anchor, ...]], list[Finding]] = per_registry(registry, "names per run", dict)
    for run in page.runs:
        key = (run, run.anchors)
        found = seen.get(key)
        if found is None:
            if len(seen) >= _SEEN_RUNS:
                seen.clear()
            found = seen[key] = _check_run(registry, run)
        findings.extend(found)
    return sorted(findings, key=Finding.sort_key)


_SEEN_RUNS = 8192


def _check_run(registry: Registry, run: TextRun) -> list[Finding]:
    findings: list[Finding] = []
    index = name_index(registry)
    targets = per_registry(registry, "near-miss targets", lambda: _targets(_target_names(registry)))
    known = per_registry(registry, "near-miss known", lambda: _known(targets))
    text = prose(run)
    exact_spans: list[tuple[int, int]] = []
    for indexed in index.candidates(text):
        form = NameForm(indexed.folded, indexed.form.fact, indexed.form.status)
        for m in indexed.pattern.finditer(text):
            exact_spans.append((m.start(), m.end()))
            finding = _form_finding(form, m.group(0), run, m.start())
            if finding:
                findings.append(finding)
    findings.extend(_near_misses(registry, targets, known, run, text, exact_spans))
    findings.extend(_capitalisation(run, text))
    return findings


def _form_finding(form: NameForm, written: str, run: TextRun, offset: int) -> Finding | None:
    fact = form.fact
    where = location_at(run, offset, offset + len(written))
    if form.status == "rejected":
        return Finding(Code.NAME_REJECTED, where, f"'{written}' is a rejected spelling of {fact.name}; "
                       f"write '{fact.name}'", fact=fact.id, suggestion=fact.name, related=fact.line_of("variants"))
    if form.status == "accepted" and wants_canonical(fact, form.text):
        return Finding(Code.NAME_VARIANT, where, f"'{written}' is an accepted variant; house style writes "
                       f"'{fact.name}'", fact=fact.id, suggestion=fact.name, related=fact.line_of("variants"))
    return None


# --- near-misses ------------------------------------------------------------------------------
def _tokens(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, word, ends_clause) for each word; ``ends_clause`` when punctuation follows it."""
    out = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(0), m.start()
        while word and word[0] in _LEAD:
            word, start = word[1:], start + 1
        stripped = word.rstrip(_TRAIL) if not word.endswith("s'") else word.rstrip(_TRAIL.replace("'", ""))
        ends = stripped != word
        if stripped.endswith("'s"):
            stripped, ends = stripped[:-2], True
        if stripped:
            out.append((start, start + len(stripped), stripped, ends))
    return out


@lru_cache(maxsize=8)
def _targets(names: tuple[tuple[str, str, str | None], ...]) -> dict[int, list[tuple[str, str, str | None]]]:
    """Registered names (and house terms) of two or more words, grouped by word count:
    (form, what to suggest for it, fact id)."""
    by_len: dict[int, list[tuple[str, str, str | None]]] = {}
    for target in names:
        n = len(target[0].split())
        if n >= 2:
            by_len.setdefault(n, []).append(target)
    return by_len


def _target_names(registry: Registry) -> tuple[tuple[str, str, str | None], ...]:
    """Each form with its suggestion: the form itself where house style accepts it, else the
    canonical name (for rejected spellings and variants that house style does not write)."""
    targets: list[tuple[str, str, str | None]] = []
    for f in name_forms(registry):
        fine = f.status in ("canonical", "short") or (f.status == "accepted" and not wants_canonical(f.fact, f.text))
        targets.append((fold(f.text), f.text if fine else f.fact.name or f.text, f.fact.id))
    targets += [(t, t, None) for t in HOUSE_TERMS]
    return tuple(dict.fromkeys(targets))


_INFLECTIONS = ("s", "es")
_VOWEL_INFLECTIONS = ("n", "ns")  # Korea -> Korean(s); not Un -> Unn


def _inflected(candidate: str, name: str) -> bool:
    """'North Korean' for 'North Korea', 'Councils' for 'Council', 'Secretaries' for 'Secretary':
    the name with an ending added to its last word (a doubled letter is still a slip)."""
    cw, nw = candidate.casefold().split(), name.casefold().split()
    if cw[:-1] != nw[:-1]:
        return False
    last, base = cw[-1], nw[-1]
    if base.endswith("y") and last == base[:-1] + "ies":
        return True
    endings = _INFLECTIONS + (_VOWEL_INFLECTIONS if base[-1:] in "aeiou" else ())
    return any(last == base + ending for ending in endings)


def _near_misses(registry: Registry, targets: dict[int, list[tuple[str, str, str | None]]], known: set[str],
                 run: TextRun, text: str, exact: list[tuple[int, int]]) -> list[Finding]:
    tokens = _tokens(text)
    lengths = per_registry(registry, "near-miss lengths", lambda: sorted(targets, reverse=True))
    # The same words recur on many pages ("Kim Jong Un", a title): what a window of words is closest
    # to depends only on the words and the registry, so it is decided once per registry.
    decided: dict[tuple[int, str], tuple[str, str | None] | None] = per_registry(
        registry, "near-miss verdicts", dict)
    findings = []
    taken_until = -1
    for i, (start, _, word, _) in enumerate(tokens):
        if start < taken_until or not word[0].isupper():
            continue
        for n in lengths:
            window = tokens[i:i + n]
            if len(window) < n or any(t[3] for t in window[:-1]):
                continue
            end = window[-1][1]
            # a registered name straddling the window's edge: the window is not one name
            if any(a < end and start < b and (a < start or b > end) for a, b in exact) \
                    or (start, end) in exact:
                continue
            candidate = " ".join(t[2] for t in window)
            key = (n, candidate)
            if key in decided:
                verdict = decided[key]
            else:
                if len(decided) >= _DECIDED_WINDOWS:
                    decided.clear()
                verdict = decided[key] = _closest_name(registry, targets, known, n, candidate)
            if verdict is None:
                continue
            suggestion, fact_id = verdict
            fact = registry.facts.get(fact_id) if fact_id else None
            findings.append(Finding(
                Code.NAME_NEAR_MISS, location_at(run, start, end),
                f"'{candidate}' is not a registered name; did you mean '{suggestion}'?",
                fact=fact.id if fact else None, suggestion=suggestion,
                related=fact.location if fact else None))
            taken_until = end
            break
    return findings


_DECIDED_WINDOWS = 65536


def _closest_name(registry: Registry, targets: dict[int, list[tuple[str, str, str | None]]], known: set[str],
                  n: int, candidate: str) -> tuple[str, str | None] | None:
    """(suggestion, fact id) when the ``n`` words of ``candidate`` are a near-miss of a registered
    name, else None."""
    if candidate.casefold() in known:
        return None
    # the registered forms casefolded once, not on every comparison
    choices = per_registry(registry, "near-miss choices",
                           lambda: {k: [t[0].casefold() for t in group] for k, group in targets.items()})
    blocks = per_registry(registry, "near-miss blocks", lambda: _blocks(choices))
    block = sorted({i for key in _block_keys(n, candidate) for i in blocks.get(key, ())})
    if not block:
        return None
    match = process.extractOne(candidate.casefold(), [choices[n][i] for i in block], scorer=fuzz.ratio,
                               score_cutoff=NEAR_MISS_THRESHOLD)
    if not match:
        return None
    name = match[0]
    if re.sub(r"\D", "", candidate) != re.sub(r"\D", "", name) or _inflected(candidate, name):
        return None
    _, suggestion, fact_id = targets[n][block[match[2]]]
    return suggestion, fact_id


def _block_keys(n: int, name: str) -> list[tuple[int, str, str]]:
    """Keys under which a name of ``n`` words is compared: a slip leaves at least one of its first
    word, last word, all but the first or all but the last word intact. Comparing a window only
    with the names that share a key keeps the check linear in the size of the registry."""
    words = name.casefold().split()
    return [(n, "first", words[0]), (n, "last", words[-1]),
            (n, "tail", " ".join(words[1:])), (n, "head", " ".join(words[:-1]))]


def _blocks(choices: dict[int, list[str]]) -> dict[tuple[int, str, str], list[int]]:
    blocks: dict[tuple[int, str, str], list[int]] = {}
    for n, names in choices.items():
        for i, name in enumerate(names):
            for key in _block_keys(n, name):
                blocks.setdefault(key, []).append(i)
    return blocks


def _known(targets: dict[int, list[tuple[str, str, str | None]]]) -> set[str]:
    return {t[0].casefold() for group in targets.values() for t in group} | DISTINCT_NAMES


# --- capitalisation ---------------------------------------------------------------------------
@cache
def _rule_patterns() -> tuple[tuple[CapitalisationRule, re.Pattern[str], re.Pattern[str] | None], ...]:
    return tuple((r, phrase_pattern(r.form, re.IGNORECASE),
                  re.compile(r.after, re.IGNORECASE) if r.after else None) for r in CAPITALISATION)


def _capitalisation(run: TextRun, text: str) -> list[Finding]:
    findings = []
    for rule, pattern, after in _rule_patterns():
        for m in pattern.finditer(text):
            written = re.sub(r"\s+", " ", m.group(0))
            if written == rule.form or (after and not after.search(text[:m.start()])):
                continue
            findings.append(Finding(Code.NAME_CAPITALISATION, location_at(run, m.start(), m.end()),
                                    f"'{written}': house style writes '{rule.form}' ({rule.why})",
                                    suggestion=rule.form))
    return findings
