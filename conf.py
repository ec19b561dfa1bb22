"""Sphinx configuration. Sources are in docs/; this file stays at the project root."""

from checks import __version__
from checks.pages import MYST_EXTENSIONS

project = "The 7th Congress of the Workers' Party of Korea"
author = "congress-explainer contributors"
copyright = "2026, congress-explainer contributors"
version = release = __version__
language = "en"

extensions = ["myst_parser", "sphinx_timeline", "checks.sphinx_ext"]
myst_enable_extensions = MYST_EXTENSIONS
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
# The explainer's pages are written with typographic quotes and dashes already.
smartquotes = True

html_theme = "furo"
html_title = "The 7th Party Congress, explained"
html_static_path = []
html_last_updated_fmt = None
