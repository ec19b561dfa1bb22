"""The one check engine: pure functions from a registry and extracted pages to findings.

The CLI and the Sphinx extension both call these; neither has checks of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from checks.core.codes import Code
from checks.core.config import Settings
from checks.core.findings import Finding, Location
from checks.core.report import Report
from checks.pages.model import Page
from checks.registry.loader import LoadResult
from checks.registry.model import Registry
from checks.rules.as_of import check_as_of
from checks.rules.chronology import check_intervals, check_series, check_terms, check_timeline_dates
from checks.rules.context import check_superseded_reuse, check_titles_and_existence
from checks.rules.coverage import check_uncited, check_unstated, measure_page
from checks.rules.derived import check_derived
from checks.rules.evidence import check_corrections, check_evidence
from checks.rules.front_matter import check_front_matter
from checks.rules.lifetimes import check_existence, check_lifetimes
from checks.rules.mentions import check_mentions
from checks.rules.name_records import check_name_scripts, check_name_uniqueness
from checks.rules.names import check_names
from checks.rules.quotes import check_quotes
from checks.rules.references import check_references
from checks.rules.sources import check_future, check_stale, check_unused_sources

PageCheck = Callable[[Registry, Page], Iterable[Finding]]
RegistryCheck = Callable[[Registry], Iterable[Finding]]

# One entry per check family. Page checks see one page; registry checks see the registry alone.
PAGE_CHECKS: list[PageCheck] = [
    check_references,            # text against value inside {fact} references
    check_titles_and_existence,  # titles held at the date in question; anachronisms
    check_superseded_reuse,      # known-wrong values back in the prose
    check_mentions,              # plain prose, sentence by sentence, against the facts it mentions
    check_names,                 # spellings, near-misses, capitalisation
    check_quotes,                # quotations in prose
    check_uncited,               # claims outside any reference
    check_front_matter,          # the page's as-of date
    check_as_of,                 # nothing dated after the page's as-of date
]
REGISTRY_CHECKS: list[RegistryCheck] = [
    check_series, check_terms,  # chronology
    check_intervals,            # lives, existences, sources' dates in order
    check_timeline_dates,       # everything on the timeline can be placed
    check_derived,              # durations, anniversaries, counts
    check_lifetimes,            # births, deaths, posthumous titles
    check_existence,            # offices and organisations within their existence
    check_name_scripts,         # Hangul in hangul, romanised names romanised
    check_name_uniqueness,      # no two people (organisations, offices) under one name
    check_unused_sources,
    check_evidence,             # each citation's excerpt states the value
    check_corrections,          # corrected source claims have their superseded value
]


def _stale(registry: Registry, referenced: frozenset[str], settings: Settings) -> list[Finding]:
    return check_stale(registry, settings.today, settings.stale_after_days) if settings.today else []


def _future(registry: Registry, referenced: frozenset[str], settings: Settings) -> list[Finding]:
    return check_future(registry, settings.today) if settings.today else []


def _unstated(registry: Registry, referenced: frozenset[str], settings: Settings) -> list[Finding]:
    return check_unstated(registry, referenced)


ProjectCheck = Callable[[Registry, frozenset[str], Settings], Iterable[Finding]]
# Project checks need to know every page's references at once: the CLI has all pages; the Sphinx
# build passes what each page recorded as it was read (see check_whole_project).
PROJECT_CHECKS: list[ProjectCheck] = [_stale, _future, _unstated]


def referenced_ids(pages: Iterable[Page]) -> frozenset[str]:
    return frozenset(ref.fact_id for page in pages for ref in page.references)


def check_whole_project(registry: Registry, referenced: Iterable[str],
                        settings: Settings | None = None) -> list[Finding]:
    """Registry checks plus the checks that need every page's references."""
    findings = check_registry(registry)
    for project_check in PROJECT_CHECKS:
        findings.extend(project_check(registry, frozenset(referenced), settings or Settings()))
    return sorted(set(findings), key=Finding.sort_key)


def check_page(registry: Registry, page: Page) -> list[Finding]:
    findings: list[Finding] = []
    for check in PAGE_CHECKS:
        findings.extend(check(registry, page))
    return sorted(set(findings), key=Finding.sort_key)


def check_registry(registry: Registry) -> list[Finding]:
    findings: list[Finding] = []
    for check in REGISTRY_CHECKS:
        findings.extend(check(registry))
    return sorted(set(findings), key=Finding.sort_key)


def load_findings(result: LoadResult) -> list[Finding]:
    """Each problem of loading the registry, once, as a ``registry.invalid`` finding."""
    return [Finding(Code.REGISTRY_INVALID, Location(err.path, max(err.line, 1)), err.message)
            for err in result.errors]


# Findings that conclude something is missing from the registry: with part of it unloaded, they
# would blame the page for what the broken file holds.
ABSENCE_CODES = frozenset({Code.QUOTE_UNATTRIBUTED, Code.CLAIM_UNCITED})


def without_cascade(findings: Iterable[Finding], unavailable: frozenset[str]) -> list[Finding]:
    """Drop what only follows from a record that could not be loaded: its id unknown where used,
    and, while anything is unloaded, conclusions that something is not registered."""
    return [f for f in findings
            if (f.fact is None or f.fact not in unavailable) and not (unavailable and f.code in ABSENCE_CODES)]


def check_loaded_project(result: LoadResult, pages: list[Page], settings: Settings | None = None,
                         referenced: frozenset[str] | None = None) -> Report:
    """:func:`check_project` over what could be loaded, with the load errors as findings.

    When part of the registry could not be loaded, only the page checks run (without what follows
    from the missing records): registry-wide checks reason about what is absent (a source nobody
    cites, a series member missing from a count) and would blame the parts that did load.
    """
    if not result.errors:
        return check_project(result.registry, pages, settings, referenced=referenced)
    report = check_project(result.registry, pages, settings, whole_registry=False)
    # The root cause first: what could not be loaded, then what the page checks found.
    findings = load_findings(result) + without_cascade(report.findings, result.unavailable)
    return replace(report, findings=tuple(findings))


def check_project(registry: Registry, pages: list[Page], settings: Settings | None = None,
                  whole_registry: bool = True, referenced: frozenset[str] | None = None) -> Report:
    """The registry checks and the page checks of ``pages``. ``referenced``: the facts every page of
    the site refers to, when only some pages are checked (the project checks need the whole site:
    a fact is unstated only if no page at all refers to it); by default those of ``pages``."""
    if referenced is None:
        referenced = referenced_ids(pages)
    findings = check_whole_project(registry, referenced, settings) if whole_registry else []
    coverage = []
    for page in pages:
        findings.extend(check_page(registry, page))
        coverage.append(measure_page(registry, page))  # right after: the page's claims are still at hand
    return Report(findings=tuple(sorted(findings, key=Finding.sort_key)), pages=len(pages),
                  facts=len(registry.facts), references=sum(len(p.references) for p in pages),
                  files=tuple(registry.files) + tuple(p.path for p in pages),
                  coverage=tuple(coverage))


def check_drafts(result: LoadResult, drafts: list[Page]) -> Report:
    """The page checks on files from outside the site (``factcheck draft``): the registry is the
    project's, but its own findings and the project checks are about the site, not the drafts.
    A registry file that cannot be loaded is reported first, as for ``factcheck check``."""
    registry = result.registry
    found: list[Finding] = []
    coverage = []
    for page in drafts:
        found.extend(check_page(registry, page))
        coverage.append(measure_page(registry, page))  # right after: the page's claims are still at hand
    findings = sorted(found, key=Finding.sort_key)
    if result.errors:  # the root cause first
        findings = load_findings(result) + without_cascade(findings, result.unavailable)
    return Report(findings=tuple(findings), pages=len(drafts),
                  facts=len(registry.facts), references=sum(len(p.references) for p in drafts),
                  files=tuple(p.path for p in drafts),
                  coverage=tuple(coverage))
