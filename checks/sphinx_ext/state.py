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

from checks.project import Project
from checks.registry.loader import LoadResult
from checks.registry.model import Registry

logger = logging.getLogger(__name__)
WARNING_TYPE = "factcheck"
_EMPTY = Registry(facts={}, sources={}, claims={}, files=())
_LOADED: dict[str, LoadResult] = {}


def set_default_root(app: Sphinx, config: Config) -> None:
    """``config-inited``: the project root defaults to the folder holding conf.py."""
    if not config.factcheck_root:
        config.factcheck_root = str(app.confdir)


def project_of(config: Config) -> Project:
    return Project(Path(config.factcheck_root).resolve())


def load(app: Sphinx) -> None:
    """``builder-inited``: load what of the registry can be loaded (the errors are reported by
    :mod:`checks.sphinx_ext.checking`, with every other finding)."""
    project = project_of(app.config)
    _LOADED[str(project.root)] = project.load_registry_partially()


def loaded(config: Config) -> LoadResult:
    return _LOADED.get(str(project_of(config).root), LoadResult(_EMPTY, (), frozenset()))


def registry(config: Config) -> Registry:
    return loaded(config).registry
