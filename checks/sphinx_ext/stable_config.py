"""Keep the configuration saved with the environment comparable from one build to the next.

Sphinx compares the configuration saved with the last build's environment with the new one before
the builder starts. Two settings are only completed after that comparison, so every incremental
build (``make serve`` above all) said "The configuration has changed" without any change:

- sphinx-timeline adds its asset folder to ``html_static_path`` when the builder starts: the folder
  is named in the setting from the start instead (the package's second entry is dropped);
- the furo theme registers ``pygments_dark_style`` when the theme loads, at the builder's start:
  options that appear after the comparison are left out of the saved copy (they are registered
  again, with their values, at the next start) and put back for writing.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment


def _timeline_assets(app: Sphinx) -> str:
    """The folder sphinx-timeline writes its CSS and JS to, as it names it (main.add_html_assets)."""
    return str((Path(app.outdir) / "_sphinx_timeline_static").absolute())


def name_timeline_assets(app: Sphinx, config: Config) -> None:
    if _timeline_assets(app) not in config.html_static_path:
        config.html_static_path.append(_timeline_assets(app))


def drop_second_entry(app: Sphinx) -> None:
    app.config.html_static_path[:] = list(dict.fromkeys(app.config.html_static_path))


def note_known_options(app: Sphinx, config: Config) -> None:
    app.factcheck_known_options = {option.name for option in config}  # type: ignore[attr-defined]


def leave_out_late_options(app: Sphinx, env: BuildEnvironment) -> None:
    """Before the environment is saved: set aside the options registered after the comparison."""
    known = getattr(app, "factcheck_known_options", None)
    if known is None:
        return
    options = app.config._options
    late = {name: options.pop(name) for name in list(options) if name not in known}
    app.factcheck_late_options = late  # type: ignore[attr-defined]


def put_back_late_options(app: Sphinx, builder: Builder | None = None) -> None:
    app.config._options.update(getattr(app, "factcheck_late_options", {}))
    app.factcheck_late_options = {}  # type: ignore[attr-defined]


def setup_stable_config(app: Sphinx) -> None:
    # config-inited: after Sphinx's own check of html_static_path (800), which refuses folders inside
    # the output folder; that is where the package puts its assets on purpose.
    app.connect("config-inited", name_timeline_assets, priority=900)
    app.connect("config-inited", note_known_options, priority=950)
    app.connect("builder-inited", drop_second_entry, priority=900)  # after sphinx-timeline's own append
    app.connect("env-updated", leave_out_late_options, priority=990)  # the environment is saved next
    app.connect("write-started", put_back_late_options)
    app.connect("build-finished", lambda app, exc: put_back_late_options(app))
