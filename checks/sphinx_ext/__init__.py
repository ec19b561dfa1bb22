"""Sphinx extension: the ``{fact}`` role, the fact domain, generated listings, and the checks
reported as typed warnings (``factcheck.<code>``). A thin adapter over :mod:`checks.engine`."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from checks import __version__

from . import checking, latex, listings, opendata, pagemeta, state, timeline, tooltip
from .codes_table import setup_codes_table
from .domain import FactDomain
from .roles import FactRole, NotAClaimRole


def outdated_pages(app: Sphinx, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: re-read exactly the pages whose facts changed."""
    domain: FactDomain = env.domains["fact"]
    return sorted(domain.outdated_pages(state.registry(app.config)) - set(removed))


def setup(app: Sphinx) -> dict[str, Any]:
    state.setup_config(app)
    app.add_domain(FactDomain)
    app.add_role("fact", FactRole())
    app.add_role("nofact", NotAClaimRole())
    app.add_directive("fact-index", listings.FactIndex)
    app.add_directive("source-index", listings.SourceIndex)
    app.add_directive("corrections", listings.Corrections)
    setup_codes_table(app)
    app.add_node(listings.backlinks)
    app.connect("builder-inited", state.load, priority=400)
    app.connect("builder-inited", checking.report_registry_errors, priority=450)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("env-before-read-docs", listings.note_reading)
    app.connect("source-read", checking.check_source)
    app.connect("env-check-consistency", checking.check_whole_registry)
    app.connect("env-updated", listings.listing_pages)
    app.connect("doctree-resolved", listings.fill_backlinks)
    opendata.setup_opendata(app)
    pagemeta.setup_pagemeta(app)
    timeline.setup_timeline(app)
    tooltip.setup_tooltip(app)
    latex.setup_latex(app)
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
