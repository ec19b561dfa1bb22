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

# The book: an introduction, the questions, what came after, the timeline and the corrections as
# chapters; the registry, the numbered sources and the method as appendices. The contributors'
# guide is for the website only.
factcheck_pdf_introduction = "Introduction"
factcheck_pdf_appendices = ["facts", "sources", "methodology"]
factcheck_pdf_omit = ["contributing", "architecture"]
_PDF_SUBJECT = ("A fact-checked explainer on the 7th Congress of the Workers’ Party of Korea (May 2016): "
                "what it is, why it matters, and what a briefing by Human Rights Watch got right and wrong")
_PDF_KEYWORDS = "North Korea, Workers’ Party of Korea, party congress, human rights, fact-check"

latex_engine = "lualatex"
latex_table_style = ["booktabs"]
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
% Language and description of the PDF, for readers' software and screen readers.
\hypersetup{pdflang={en}, pdfsubject={@SUBJECT@}, pdfkeywords={@KEYWORDS@}}
% The timeline (a container with class "timeline"): a dated list, kept from breaking mid-entry.
\makeatletter
\@ifundefined{sphinxclasstimeline}{\newenvironment{sphinxclasstimeline}{\par\medskip}{\par\medskip}}{}
\makeatother
% A page's dateline, under its chapter title: one quiet line.
\newenvironment{sphinxclasspage-dateline}{\par\small\itshape}{\par\medskip}
% A correction beside the passage that discusses it, and on the corrections page: set off by a rule
% in the margin, in smaller type.
\newenvironment{sphinxclassfact-correction}%
  {\par\medskip\begin{list}{}{\leftmargin=1.2em\rightmargin=0pt}\item[]\small\sphinxcorrectionbar}%
  {\end{list}\par\medskip}
\newenvironment{sphinxclasscorrection}{\begin{sphinxclassfact-correction}}{\end{sphinxclassfact-correction}}
\newcommand{\sphinxcorrectionbar}{}
% The registry's tables, in smaller type.
% (Ragged right: justified text in narrow columns leaves gaps. Set in each cell's paragraph, as a
% cell resets the alignment it inherits.)
\newenvironment{sphinxclassregistry-table}%
  {\par\footnotesize\let\factcheckAtStartPar\sphinxAtStartPar
   \def\sphinxAtStartPar{\factcheckAtStartPar\raggedright}}%
  {\par}
% The sources list, ragged right: its long addresses would stretch justified lines.
\newenvironment{sphinxclasssource-list}{\par\raggedright}{\par}
% Fact references read as text in print too: upright, in the text colour; their source numbers
% are the links.
\expandafter\def\csname DUrolefact-ref\endcsname#1{{\upshape\normalcolor #1}}
""".replace("@PDF_ID@", _PDF_ID).replace("@SUBJECT@", _PDF_SUBJECT).replace("@KEYWORDS@", _PDF_KEYWORDS),
    "printindex": "",
}
latex_domain_indices = False
