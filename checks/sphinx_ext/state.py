"""The registry as the build sees it: loaded once per build, before any page is read.

It is kept in this module, keyed by project root, rather than in the environment: the environment
is pickled between builds, while the registry must be read fresh from disk every build. Parallel
read workers are forked after it is loaded, so they share it.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from checks.core.errors import RegistryErrors
from checks.project import Project
from checks.registry.model import Registry

logger = logging.getLogger(__name__)
WARNING_TYPE = "factcheck"
_LOADED: dict[str, Registry] = {}
_EMPTY = Registry(facts={}, sources={}, claims={}, files=())


def set_default_root(app: Sphinx, config: Config) -> None:
    """``config-inited``: the project root defaults to the folder holding conf.py."""
    if not config.factcheck_root:
        config.factcheck_root = str(app.confdir)


def project_of(config: Config) -> Project:
    return Project(Path(config.factcheck_root).resolve())


def load(app: Sphinx) -> None:
    """``builder-inited``: load the registry; report each load error as a typed warning at file:line."""
    project = project_of(app.config)
    try:
        _LOADED[str(project.root)] = project.load_registry()
    except RegistryErrors as exc:
        for err in exc.errors:
            logger.warning(err.message, type=WARNING_TYPE, subtype="registry.invalid",
                           location=f"{project.root / err.path}:{err.line}")
        _LOADED[str(project.root)] = _EMPTY


def registry(config: Config) -> Registry:
    return _LOADED.get(str(project_of(config).root), _EMPTY)
