"""The registry as the build sees it: loaded once per build, before any page is read.

It is kept in this module, keyed by project root, rather than in the environment: the environment
is pickled between builds, while the registry must be read fresh from disk every build. Parallel
read workers are forked after it is loaded, so they share it.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError as SphinxConfigError
from sphinx.util import logging

from checks.core.config import FactcheckConfig
from checks.core.errors import ConfigError
from checks.project import Project
from checks.registry.loader import LoadResult
from checks.registry.model import Registry

logger = logging.getLogger(__name__)
WARNING_TYPE = "factcheck"
_EMPTY = Registry(facts={}, sources={}, claims={}, files=())
_LOADED: dict[str, LoadResult] = {}


def setup_config(app: Sphinx) -> None:
    """One ``factcheck_<name>`` value per setting of :class:`FactcheckConfig`, declared from it."""
    for name, default, _ in FactcheckConfig.describe():
        app.add_config_value(f"factcheck_{name}", default, "env", types=[type(default)])
    app.connect("config-inited", settle_config)


def settle_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: validate the settings; the root defaults to the folder holding conf.py,
    and ``[tool.factcheck]`` of its pyproject.toml fills in what conf.py does not set."""
    if not config.factcheck_root:
        config.factcheck_root = str(app.confdir)
    project = project_of(config)
    try:
        from_pyproject = project.config_values()
        set_in_conf = {name: config[f"factcheck_{name}"] for name, default, _ in FactcheckConfig.describe()
                       if config[f"factcheck_{name}"] != default}
        FactcheckConfig.from_mapping({**from_pyproject, **set_in_conf}, "factcheck configuration")
    except ConfigError as exc:
        raise SphinxConfigError(str(exc)) from None


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
