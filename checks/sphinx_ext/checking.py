"""Run the engine's checks as pages are read, and report findings as typed Sphinx warnings."""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from checks.core.findings import Finding
from checks.engine import (
    check_page,
    check_whole_project,
    load_findings,
    without_cascade,
)
from checks.pages.extract import extract_page

from .domain import fact_domain
from .saved import read_saved, save
from .state import WARNING_TYPE, load, loaded, loaded_key, project_of, registry

logger = logging.getLogger(__name__)


def _message(finding: Finding) -> str:
    text = finding.message
    if finding.related and finding.related.path != finding.location.path:
        text += f" [fact at {finding.related}]"
    return text


def emit(finding: Finding, location: str | tuple[str | None, int | None] | nodes.Node | None) -> None:
    """The one place the extension reports a finding: a typed warning, ``factcheck.<code>``, at
    ``location`` in any form Sphinx's logger takes ("path:line", (docname, line) or a node)."""
    logger.warning(_message(finding), type=WARNING_TYPE, subtype=finding.code.code, location=location)


def report_registry_errors(app: Sphinx) -> None:
    """``builder-inited`` (after the registry is loaded): each load error once, at file:line."""
    project = project_of(app.config)
    for finding in load_findings(loaded(app.config)):
        emit(finding, f"{project.root / finding.location.path}:{finding.location.line}")


def check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: extract the page's claims with the engine's extractor and check them."""
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".md":
        return
    project = project_of(app.config)
    try:
        rel = path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        rel = path.as_posix()
    page = extract_page(source[0], rel, docname, app.config.myst_enable_extensions)
    fact_domain(app.env).note_references(docname, {ref.fact_id for ref in page.references})
    result = loaded(app.config)
    for finding in without_cascade(check_page(result.registry, page), result.unavailable):
        emit(finding, (docname, finding.location.line))


def check_whole_registry(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: registry findings and those that need every page's references,
    reported on every build. (The age check is left to ``factcheck``: a build must not change with
    the calendar.)"""
    project = project_of(app.config)
    if loaded(app.config).errors:
        return  # a partial registry: its registry-wide checks would blame the parts that loaded
    referenced = fact_domain(env).referenced()
    # The findings depend on the registry and the set of referenced facts alone: while neither
    # changed (most incremental builds) the last build's findings are reported again, not recomputed.
    # (Saved beside the doctrees: Sphinx saves the environment before this event.)
    key = hashlib.sha256("\n".join([loaded_key(app.config), *sorted(referenced)]).encode()).hexdigest()
    saved = Path(app.doctreedir) / "factcheck-whole-project.pickle"
    findings = read_saved(saved, key) if loaded_key(app.config) else None
    if not isinstance(findings, list):
        findings = check_whole_project(registry(app.config), referenced)
        save(saved, key, findings)
    for finding in findings:
        emit(finding, f"{project.root / finding.location.path}:{finding.location.line}")


def setup_checking(app: Sphinx) -> None:
    """The registry is loaded before any page is read; its load errors are reported first."""
    app.connect("builder-inited", load, priority=400)
    app.connect("builder-inited", report_registry_errors, priority=450)
    app.connect("source-read", check_source)
    app.connect("env-check-consistency", check_whole_registry)
