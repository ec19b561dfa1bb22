"""The registry as the build sees it: loaded once per build, before any page is read.

It is kept in this module, keyed by project root, rather than in the environment: the environment
is pickled between builds, while the registry must be read fresh from disk every build. Parallel
read workers are forked after it is loaded, so they share it.

Reading it fresh need not mean parsing it again: what was loaded is saved beside the doctrees,
under a hash of every registry file's bytes and of the checks' own code, and a build whose registry
files did not change reads that instead (at 10,000 facts, a fraction of a second for seconds of
YAML). Any change to a registry file, however small, loads it all again.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError as SphinxConfigError
from sphinx.util import logging

import checks as checks_package
from checks import __version__
from checks.core.config import FactcheckConfig
from checks.core.errors import ConfigError
from checks.project import Project
from checks.registry.loader import LoadResult, registry_files
from checks.registry.model import Registry

from .saved import read_saved, save

logger = logging.getLogger(__name__)
WARNING_TYPE = "factcheck"
_EMPTY = Registry(facts={}, sources={}, claims={}, files=())
_LOADED: dict[str, LoadResult] = {}
_KEYS: dict[str, str] = {}  # project root -> registry_key of what is loaded


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
    return _project(config.factcheck_root)


@functools.lru_cache(maxsize=8)
def _project(root: str) -> Project:
    # Cached: every role and check asks for it, and resolving the path is a system call each time
    # (about 1 ms; thousands of times a build).
    return Project(Path(root).resolve())


def load(app: Sphinx) -> None:
    """``builder-inited``: load what of the registry can be loaded (the errors are reported by
    :mod:`checks.sphinx_ext.checking`, with every other finding)."""
    project = project_of(app.config)
    key = registry_key(project)
    _KEYS[str(project.root)] = key
    _LOADED[str(project.root)] = load_saved(project, Path(app.doctreedir) / CACHE_NAME, key)


CACHE_NAME = "factcheck-registry.pickle"


def registry_key(project: Project) -> str:
    """A hash of what a load depends on: each registry file's name and bytes, and the code of the
    ``checks`` package (the loader and what it uses; a few milliseconds to read)."""
    digest = hashlib.sha256(__version__.encode())
    code = Path(checks_package.__file__).parent
    for path in sorted(code.rglob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    if project.facts_dir.is_dir():
        for path in registry_files(project.facts_dir):
            digest.update(path.relative_to(project.root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_saved(project: Project, cache: Path, key: str) -> LoadResult:
    """The registry as last loaded, if no registry file changed since (``key``, from
    :func:`registry_key`); else loaded (and saved)."""
    result = read_saved(cache, key)
    if isinstance(result, LoadResult):
        return result
    result = project.load_registry_partially()
    save(cache, key, result)
    return result


def loaded(config: Config) -> LoadResult:
    return _LOADED.get(str(project_of(config).root), LoadResult(_EMPTY, (), frozenset()))


def registry(config: Config) -> Registry:
    return loaded(config).registry


def loaded_key(config: Config) -> str:
    """The :func:`registry_key` of the registry loaded for this build ("" before it is loaded): what
    was computed from the registry alone can be kept while it is the same."""
    return _KEYS.get(str(project_of(config).root), "")
