"""``factcheck``: run the checks without building the site.

Exit status: 0 no errors, 1 findings of severity error, 2 the checks could not run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from checks import __version__
from checks.core.codelist import format_codes
from checks.core.config import Settings
from checks.core.errors import FactcheckError, PageError
from checks.core.gc_pause import collector_paused
from checks.core.report import EXIT_CANNOT_RUN, EXIT_OK, Report
from checks.engine import check_drafts, check_loaded_project, referenced_ids
from checks.project import DOCS_DIR, FACTS_DIR, Project, find_root, load_draft
from checks.report import FORMATS
from checks.report.sarif import format_sarif
from checks.report.text import format_text

CHECK_DESCRIPTION = f"""\
Check the pages ({DOCS_DIR}/*.md) against the facts registry ({FACTS_DIR}/*.yaml).

With PATHs, only those pages are checked: page files, or folders of pages. The registry is always
checked, and a registry file among the PATHs checks every page (any page may use what changed).
The project is the nearest folder, from the current one upward, that holds {DOCS_DIR}/ and
{FACTS_DIR}/ (as git finds its repository); --root names it instead."""

CHECK_EPILOG = """\
formats (--format):
  text    one line per finding, 'path:line: severity code: message', then a summary line;
          coloured on a terminal (--color, or NO_COLOR=1 to turn it off); --coverage adds the
          table of claims cited per page
  json    the findings and a summary, for scripts
  sarif   SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif); with
          --base-url, each rule links to its help on the published site
  junit   JUnit XML, one test case per file checked, for test dashboards (Jenkins, GitLab)
  github  GitHub Actions workflow commands: annotations on the pull request's diff, errors and
          their root causes first (GitHub shows 10 of each kind), then a notice with the count

exit status:
  0  no errors (warnings may remain; with --strict, no warnings either)
  1  at least one error (with --strict, or a warning)
  2  the checks could not run: a registry file does not load, no project was found, a PATH is
     not a page, or the command line is wrong"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: one line, exit 2
        sys.stderr.write(f"factcheck: {message} (see 'factcheck --help')\n")
        raise SystemExit(EXIT_CANNOT_RUN)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck", description="Check the explainer's prose against its facts registry.",
                     epilog="'factcheck check --help' describes the output formats and the exit status.")
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = sub.add_parser("check", help="check the pages against the facts registry",
                           description=CHECK_DESCRIPTION, epilog=CHECK_EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="pages or folders of pages to check (default: every page)")
    check.add_argument("--root", type=Path, default=None,
                       help="project root (default: found upward from the current folder)")
    check.add_argument("--format", choices=list(FORMATS), default="text", help="output format (see below)")
    check.add_argument("--strict", action="store_true",
                       help="warnings fail too (exit 1), as in the strict Sphinx build: use it in hooks and CI")
    check.add_argument("--coverage", action="store_true",
                       help="text format: add the table of claims cited per page")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour the text format: auto (on a terminal, unless NO_COLOR is set), always, never")
    check.add_argument("--base-url", metavar="URL", default=os.environ.get("EXPLAINER_BASEURL") or None,
                       help="the published site's address, for links from SARIF rules to their help "
                            "(default: $EXPLAINER_BASEURL)")
    draft = sub.add_parser("draft", help="check Markdown or plain-text files from outside docs/ against the registry "
                                         "(an incoming draft, a press release, another outlet's article)")
    draft.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the files to check")
    draft.add_argument("--root", type=Path, default=Path(),
                       help="project root holding facts/ (default: current folder)")
    draft.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format")
    draft.add_argument("--strict", action="store_true", help="warnings fail too (exit 1), as for check")
    sub.add_parser("codes", help="list the diagnostic codes: code, severity, description")
    lsp = sub.add_parser("lsp", help="run the checks as a language server for editors (LSP over stdio)")
    lsp.add_argument("--root", type=Path, default=None,
                     help="project root (default: the editor's workspace folder, else the current folder)")
    schema = sub.add_parser("schema", help="print the registry's JSON Schema (or write it with --write)")
    schema.add_argument("--write", type=Path, metavar="FILE", help="write the schema to FILE atomically")
    return parser


def run_schema(target: Path | None) -> int:
    import json

    from checks.core.atomic import write_atomically
    from checks.registry.schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if target is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomically(target, text)
        except OSError as exc:
            sys.stderr.write(f"factcheck: cannot write {target}: {exc.strerror}\n")
            return EXIT_CANNOT_RUN
    return EXIT_OK


def use_colour(choice: str) -> bool:
    """``auto``: on a terminal, unless NO_COLOR is set to anything (https://no-color.org) or the
    terminal is dumb."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def project_root(given: Path | None) -> Path:
    if given is not None:
        return given
    found = find_root(Path.cwd())
    if found is None:
        raise PageError(f"no project here: neither {Path.cwd()} nor a folder above it holds {DOCS_DIR}/ and "
                        f"{FACTS_DIR}/; run from inside the project, or pass --root")
    return found


def check_base_url(url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PageError(f"--base-url {url!r}: give the site's absolute address, like https://example.org/explainer/")
    return url


def render(report: Report, fmt: str, *, colour: bool, coverage: bool, base_url: str | None) -> str:
    if fmt == "text":
        return format_text(report, colour=colour, coverage=coverage)
    if fmt == "sarif":
        return format_sarif(report, base_url=base_url)
    return FORMATS[fmt](report)


def run_check(root: Path | None, fmt: str, strict: bool = False, paths: list[Path] | None = None,
              coverage: bool = False, colour: str = "never", base_url: str | None = None) -> int:
    # One short run that builds a large structure and keeps nearly all of it to the end: cycle
    # collections only re-walk it (about 15 % of a check at 1,000 pages, measured in
    # benchmarks/check_floor.py), while peak memory stays the same (176 MB with, 179 MB without).
    with collector_paused():
        return _run_check(root, fmt, strict, paths, coverage, colour, base_url)


def _run_check(root: Path | None, fmt: str, strict: bool, paths: list[Path] | None, coverage: bool, colour: str,
               base_url: str | None) -> int:
    try:
        base_url = check_base_url(base_url)
        project = Project(project_root(root))
        loaded = project.load_registry_partially()
        pages = project.load_pages()
        selected = project.select_pages(paths or [])
        settings = Settings(today=dt.date.today(), stale_after_days=project.stale_after_days())
    except FactcheckError as exc:
        sys.stderr.write(f"factcheck: {exc}\n")
        return EXIT_CANNOT_RUN
    # A registry file that cannot be loaded is a finding like any other, in every format; the
    # checks run on the rest, and nothing that only follows from the broken file is reported.
    # With PATHs, the page checks run on those pages; the project checks still see every page.
    checked = pages if selected is None else [p for p in pages if p.path in selected]
    report = check_loaded_project(loaded, checked, settings, referenced=referenced_ids(pages))
    sys.stdout.write(render(report, fmt, colour=use_colour(colour), coverage=coverage, base_url=base_url))
    return report.exit_code(strict)


def run_draft(root: Path, files: list[Path], fmt: str, strict: bool = False) -> int:
    """The page checks on files that are not pages of the site: same findings, formats and exit
    codes as ``check``; nothing needs to be referenced, so every claim gets its suggestion."""
    project = Project(root)
    try:
        loaded = project.load_registry_partially()
        extensions = project.myst_extensions()
        drafts = [load_draft(path, extensions) for path in files]
    except FactcheckError as exc:
        sys.stderr.write(f"factcheck: {exc}\n")
        return EXIT_CANNOT_RUN
    report = check_drafts(loaded, drafts)
    sys.stdout.write(FORMATS[fmt](report))
    return report.exit_code(strict)


def run_lsp(root: Path | None) -> int:
    try:
        from checks.lsp.server import serve
    except ImportError as exc:  # the optional extra is not installed
        sys.stderr.write(f"factcheck: the language server needs the 'lsp' extra ({exc.name} is missing); "
                         "install it with: pip install -e '.[lsp]'\n")
        return EXIT_CANNOT_RUN
    serve(root)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.root, args.format, args.strict, args.paths, args.coverage, args.color,
                             args.base_url)
        if args.command == "draft":
            return run_draft(args.root, args.files, args.format, args.strict)
        if args.command == "schema":
            return run_schema(args.write)
        if args.command == "lsp":
            return run_lsp(args.root)
        if args.command == "codes":
            sys.stdout.write(format_codes())
            return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("factcheck: interrupted\n")
        return EXIT_CANNOT_RUN
    return EXIT_CANNOT_RUN


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
