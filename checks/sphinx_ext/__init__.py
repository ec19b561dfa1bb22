"""Sphinx extension: the ``{fact}`` role, the fact domain, generated listings, and the checks
reported as typed warnings (``factcheck.<code>``). A thin adapter over :mod:`checks.engine`."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from . import checking, citations, corrections, latex, listings, opendata, pagemeta, state, timeline, tooltip
from .codes_table import setup_codes_table
from .domain import FactDomain
from .roles import FactRole, NotAClaimRole


def outdated_pages(app: Sphinx, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: re-read exactly the pages whose facts changed."""
    domain: FactDomain = env.domains["fact"]
    return sorted(domain.outdated_pages(state.registry(app.config)) - set(removed))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("factcheck_root", "", "env", types=[str])
    app.add_domain(FactDomain)
    app.add_role("fact", FactRole())
    app.add_role("nofact", NotAClaimRole())
    setup_codes_table(app)
    app.connect("config-inited", state.set_default_root)
    app.connect("builder-inited", state.load)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("source-read", checking.check_source)
    app.connect("env-check-consistency", checking.check_whole_registry)
    listings.setup_listings(app)
    corrections.setup_corrections(app)
    citations.setup_citations(app)
    opendata.setup_opendata(app)
    pagemeta.setup_pagemeta(app)
    timeline.setup_timeline(app)
    tooltip.setup_tooltip(app)
    latex.setup_latex(app)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
