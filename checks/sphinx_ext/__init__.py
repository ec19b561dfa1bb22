"""Sphinx extension: the ``{fact}`` role, the fact domain, generated listings, and the checks
reported as typed warnings (``factcheck.<code>``). A thin adapter over :mod:`checks.engine`.

Each part of the extension lives in one module with its own ``setup_<part>(app)`` (nodes,
directives, roles and event handlers together); ``setup`` only calls them, in this order.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from checks import __version__

from .checking import setup_checking
from .citations import setup_citations
from .codes_table import setup_codes_table
from .corrections import setup_corrections
from .domain import setup_domain
from .latex import setup_latex
from .listings import setup_listings
from .opendata import setup_opendata
from .pagemeta import setup_pagemeta
from .roles import setup_roles
from .stable_config import setup_stable_config
from .state import setup_config
from .timeline import setup_timeline
from .tooltip import setup_tooltip


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    setup_domain(app)
    setup_roles(app)
    setup_checking(app)
    setup_listings(app)
    setup_corrections(app)
    setup_citations(app)
    setup_codes_table(app)
    setup_opendata(app)
    setup_pagemeta(app)
    setup_timeline(app)
    setup_tooltip(app)
    setup_latex(app)
    setup_stable_config(app)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
