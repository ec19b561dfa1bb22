"""``factcheck``: run the checks without building the site.

Exit status: 0 no errors, 1 findings of severity error, 2 the checks could not run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from checks import __version__
from checks.core.codelist import format_codes
from checks.core.config import Settings
from checks.core.errors import FactcheckError
from checks.core.report import EXIT_CANNOT_RUN, EXIT_OK
from checks.engine import check_drafts, check_loaded_project
from checks.project import Project, load_draft
from checks.report import FORMATS


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: one line, exit 2
        sys.stderr.write(f"factcheck: {message} (see 'factcheck --help')\n")
        raise SystemExit(EXIT_CANNOT_RUN)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck", description="Check the explainer's prose against its facts registry.")
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = sub.add_parser("check", help="run every check over docs/ and facts/")
    check.add_argument("--root", type=Path, default=Path("."), help="project root (default: current folder)")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format")
    check.add_argument("--strict", action="store_true",
                       help="warnings fail too (exit 1), as in the strict Sphinx build: use it in hooks and CI")
    draft = sub.add_parser("draft", help="check Markdown or plain-text files from outside docs/ against the registry "
                                         "(an incoming draft, a press release, another outlet's article)")
    draft.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the files to check")
    draft.add_argument("--root", type=Path, default=Path(),
                       help="project root holding facts/ (default: current folder)")
    draft.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format")
    draft.add_argument("--strict", action="store_true", help="warnings fail too (exit 1), as for check")
    sub.add_parser("codes", help="list the diagnostic codes: code, severity, description")
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


def run_check(root: Path, fmt: str, strict: bool = False) -> int:
    project = Project(root)
    try:
        loaded = project.load_registry_partially()
        pages = project.load_pages()
        settings = Settings(today=dt.date.today(), stale_after_days=project.stale_after_days())
    except FactcheckError as exc:
        sys.stderr.write(f"factcheck: {exc}\n")
        return EXIT_CANNOT_RUN
    # A registry file that cannot be loaded is a finding like any other, in every format; the
    # checks run on the rest, and nothing that only follows from the broken file is reported.
    report = check_loaded_project(loaded, pages, settings)
    sys.stdout.write(FORMATS[fmt](report))
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.root, args.format, args.strict)
        if args.command == "draft":
            return run_draft(args.root, args.files, args.format, args.strict)
        if args.command == "schema":
            return run_schema(args.write)
        if args.command == "codes":
            sys.stdout.write(format_codes())
            return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("factcheck: interrupted\n")
        return EXIT_CANNOT_RUN
    return EXIT_CANNOT_RUN


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
