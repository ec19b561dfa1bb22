"""Sphinx configuration. Sources are in docs/; this file stays at the project root."""

from pathlib import Path

from checks import __version__

project = "The 7th Congress of the Workers’ Party of Korea"
author = "congress-explainer contributors"
copyright = "2026, congress-explainer contributors"
version = release = __version__
language = "en"

extensions = ["myst_parser", "sphinx_timeline", "checks.sphinx_ext"]
# The checks read this same list (checks.project.read_myst_extensions): pages parse alike in both.
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
# The explainer's pages are written with typographic quotes and dashes already.
smartquotes = True

html_theme = "furo"
html_title = "The 7th Party Congress, explained"
html_static_path = []
# (Optional so that fixture projects built with this conf.py, without the icon, still build.)
html_favicon = "docs/_static/favicon.svg" if (Path(__file__).parent / "docs/_static/favicon.svg").exists() else None
html_last_updated_fmt = None
# Reading: furo gives light and dark modes and search. "Edit this page" links go to the repository
# named in EXPLAINER_REPOSITORY (a GitHub, GitLab or Bitbucket address, which furo understands,
# e.g. https://github.com/owner/congress-explainer): no public address is fixed yet. EXPLAINER_BASEURL (the site's address) makes the ClaimReview URLs absolute.
import os as _os

html_baseurl = _os.environ.get("EXPLAINER_BASEURL", "")
html_theme_options = {"navigation_with_keys": True}
if _os.environ.get("EXPLAINER_REPOSITORY"):
    html_theme_options |= {"source_repository": _os.environ["EXPLAINER_REPOSITORY"].rstrip("/") + "/",
                           "source_branch": _os.environ.get("EXPLAINER_BRANCH", "main"),
                           "source_directory": "docs/"}

# --- PDF (LaTeX builder, LuaLaTeX) and release stamp: `make pdf`; see tools/ensure-system-packages ---
# Version from the git tag on HEAD (else pyproject.toml); date from SOURCE_DATE_EPOCH (else the
# last commit), so two builds of one commit give byte-identical PDFs.
import hashlib as _hashlib
from pathlib import Path as _Path

from checks.core import buildinfo as _buildinfo
from checks.registry.dates import house_date as _house_date

_ROOT = _Path(__file__).resolve().parent
version = release = _buildinfo.version(_ROOT)
release_date = _house_date(_buildinfo.release_date(_ROOT))
today = release_date  # the title page's date (under "Version ...")
copyright = f"{copyright} \u00b7 version {release}, released {release_date}"

latex_engine = "lualatex"
latex_use_xindy = False
latex_show_urls = "footnote"
myst_footnote_transition = False
latex_documents = [(root_doc, "congress-explainer.tex", project, author, "manual")]
# Hangul and other CJK text fall back to Noto CJK KR, in regular and bold, for the serif body,
# the sans headings and the monospace; a glyph missing from every font is a hard error.
_CJK_FALLBACKS = r"""
\directlua{
  luaotfload.add_fallback("cjkserif", {"Noto Serif CJK KR:mode=node;"})
  luaotfload.add_fallback("cjkserifbold", {"Noto Serif CJK KR Bold:mode=node;"})
  luaotfload.add_fallback("cjksans", {"Noto Sans CJK KR:mode=node;"})
  luaotfload.add_fallback("cjksansbold", {"Noto Sans CJK KR Bold:mode=node;"})
  luaotfload.add_fallback("cjkmono", {"Noto Sans Mono CJK KR:mode=node;"})
}
"""
_PDF_ID = _hashlib.md5(f"{project} {release} {release_date}".encode()).hexdigest().upper()
latex_elements = {
    "extraclassoptions": "openany,oneside",
    "papersize": "a4paper",
    "pointsize": "11pt",
    "releasename": "Version",
    "fontpkg": _CJK_FALLBACKS + r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic, BoldFont=*Bold,
  BoldItalicFont=*BoldItalic, UprightFeatures={RawFeature={fallback=cjkserif}},
  ItalicFeatures={RawFeature={fallback=cjkserif}}, BoldFeatures={RawFeature={fallback=cjkserifbold}},
  BoldItalicFeatures={RawFeature={fallback=cjkserifbold}}]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique, BoldFont=*Bold,
  BoldItalicFont=*BoldOblique, UprightFeatures={RawFeature={fallback=cjksans}},
  ItalicFeatures={RawFeature={fallback=cjksans}}, BoldFeatures={RawFeature={fallback=cjksansbold}},
  BoldItalicFeatures={RawFeature={fallback=cjksansbold}}]
\setmonofont{FreeMono}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique, BoldFont=*Bold,
  BoldItalicFont=*BoldOblique, RawFeature={fallback=cjkmono}]
""",
    "preamble": r"""
\tracinglostchars=3
% The PDF's /ID from the version and date, not from the output path: builds anywhere are identical.
\pdfvariable trailerid {[<@PDF_ID@> <@PDF_ID@>]}
% The timeline (a container with class "timeline"): a dated list, kept from breaking mid-entry.
\makeatletter
\@ifundefined{sphinxclasstimeline}{\newenvironment{sphinxclasstimeline}{\par\medskip}{\par\medskip}}{}
\makeatother
""".replace("@PDF_ID@", _PDF_ID),
    "printindex": "",
}
latex_domain_indices = False
