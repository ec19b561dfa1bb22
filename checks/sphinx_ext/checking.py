"""Run the engine's checks as pages are read, and report findings as typed Sphinx warnings."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from checks.core.findings import Finding
from checks.engine import check_page, check_whole_project
from checks.pages.extract import extract_page

from .state import WARNING_TYPE, project_of, registry

logger = logging.getLogger(__name__)


def _message(finding: Finding) -> str:
    text = finding.message
    if finding.related and finding.related.path != finding.location.path:
        text += f" [fact at {finding.related}]"
    return text


def emit(finding: Finding, location) -> None:
    logger.warning(_message(finding), type=WARNING_TYPE, subtype=finding.code.code, location=location)


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
    page = extract_page(source[0], rel, docname)
    app.env.domains["fact"].note_references(docname, {ref.fact_id for ref in page.references})
    for finding in check_page(registry(app.config), page):
        emit(finding, (docname, finding.location.line))


def check_whole_registry(app: Sphinx, env) -> None:
    """``env-check-consistency``: registry findings and those that need every page's references,
    reported on every build. (The age check is left to ``factcheck``: a build must not change with
    the calendar.)"""
    project = project_of(app.config)
    referenced = env.domains["fact"].referenced()
    for finding in check_whole_project(registry(app.config), referenced):
        emit(finding, f"{project.root / finding.location.path}:{finding.location.line}")
