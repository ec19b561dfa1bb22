#!/usr/bin/env python3
"""``make release``: check, test, build and package a release into ``dist/``.

dist/ receives the HTML site as a reproducible archive, the PDF, ``facts.json``, the fact changelog
(Markdown and JSON: facts added, changed, corrected or removed since the previous ``v*`` tag, with
the pages each affects) and ``SHA256SUMS``. The release is refused, with one line saying why, when
the tree has uncommitted changes, the ``v*`` tag on HEAD differs from ``pyproject.toml``'s version
(both checked up front, before anything is built), ``factcheck check`` finds errors, or the tests
fail. The system packages (LuaLaTeX, Poppler, Chromium) are installed when run as root; without
them and without root it cannot run, and says what to install.

Usage: ``python tools/release.py [--root DIR] [--dist DIR] [--allow-dirty] [--pytest-args=ARGS]``.
Exit 0 released, 1 refused, 2 could not run.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks.core import buildinfo  # noqa: E402
from checks.core.errors import FactcheckError, RegistryErrors  # noqa: E402
from checks.project import Project  # noqa: E402
from checks.registry.model import Fact, Registry  # noqa: E402

ENSURE_SYSTEM_PACKAGES = ROOT / "tools" / "ensure-system-packages"
NAME = "congress-explainer"
PDF_NAME = f"{NAME}.pdf"
# Fields that say where a fact is written, not what it says: moving a fact changes none of them.
_PLACE_FIELDS = {"location", "lines", "digest"}


class Refused(Exception):
    """The release cannot go ahead (exit 1)."""


class CannotRun(Exception):
    """The release could not run (exit 2)."""


# -- git ------------------------------------------------------------------------------------------
def git(root: Path, *args: str) -> str:
    out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise CannotRun(f"git {' '.join(args)}: {out.stderr.strip() or 'failed'}")
    return out.stdout


def previous_tag(root: Path) -> str | None:
    """The newest ``v*`` tag reachable from HEAD that does not point at HEAD itself."""
    at_head = set(git(root, "tag", "--points-at", "HEAD", "--list", "v*").split())
    merged = git(root, "tag", "--merged", "HEAD", "--list", "v*", "--sort=-v:refname").split()
    return next((t for t in merged if t not in at_head), None)


def checkout_at(root: Path, tag: str, dest: Path) -> Project:
    """The ``facts/`` and ``docs/`` of ``tag``, extracted into ``dest``, as a project."""
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", tag, "--", "facts", "docs"],
                             capture_output=True)
    if archive.returncode != 0:
        raise CannotRun(f"cannot read facts/ and docs/ at {tag}: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and newer: refuse unsafe members
            tar.extractall(dest, filter="data")
        else:  # our own git archive of facts/ and docs/: plain files only
            tar.extractall(dest, members=[m for m in tar.getmembers() if m.isfile() or m.isdir()])
    return Project(dest)


# -- before building -------------------------------------------------------------------------------
def declared_version(root: Path) -> str | None:
    """``[project] version`` of the project's pyproject.toml (None without one)."""
    path = root / "pyproject.toml"
    if not path.is_file():
        return None
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")).get("project", {}).get("version")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CannotRun(f"pyproject.toml: cannot read it ({exc})") from None


def check_tag_matches_version(root: Path) -> None:
    """A tagged release whose tag and pyproject.toml disagree would stamp one version on the PDF and
    package another: refuse before building anything."""
    tagged, declared = buildinfo.tag_version(root), declared_version(root)
    if tagged and declared and tagged != declared:
        raise Refused(f"the tag v{tagged} says version {tagged} but pyproject.toml says {declared}: "
                      f'set version = "{tagged}" in pyproject.toml (and __version__ in checks/__init__.py), '
                      f"commit, and tag that commit")


def ensure_system_packages() -> None:
    """LuaLaTeX, Poppler and Chromium: installed when root; else one line saying what is missing."""
    say("system packages")
    if subprocess.run([str(ENSURE_SYSTEM_PACKAGES)]).returncode != 0:
        raise CannotRun("system packages are missing: the line above says which, and how to install them")


# -- fact changelog -------------------------------------------------------------------------------
def canonical(value: Any) -> Any:
    """A fact (or part of one) as plain JSON data, without where it is written."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in _PLACE_FIELDS}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def pages_using(project: Project) -> dict[str, list[str]]:
    """fact id -> the page files (relative paths) that reference it."""
    uses: dict[str, set[str]] = {}
    for page in project.load_pages():
        for ref in page.references:
            uses.setdefault(ref.fact_id, set()).add(page.path)
    return {fid: sorted(paths) for fid, paths in uses.items()}


def fact_changes(old: Registry | None, new: Registry, new_uses: dict[str, list[str]],
                 old_uses: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Facts added, changed, corrected (its superseded list grew) or removed, sorted by id."""
    before: dict[str, Fact] = old.facts if old else {}
    changes = []
    for fid in sorted(set(before) | set(new.facts)):
        was, now = before.get(fid), new.facts.get(fid)
        if was is None:
            entry = {"id": fid, "change": "added", "label": now.label}
        elif now is None:
            entry = {"id": fid, "change": "removed", "label": was.label}
        else:
            a, b = canonical(was), canonical(now)
            if a == b:
                continue
            fields = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            change = "corrected" if len(now.superseded) > len(was.superseded) else "changed"
            entry = {"id": fid, "change": change, "label": now.label, "fields": fields}
        entry["pages"] = sorted(set(new_uses.get(fid, [])) | set(old_uses.get(fid, [])))
        changes.append(entry)
    return changes


def changelog_markdown(version: str, date: str, since: str | None, changes: list[dict[str, Any]]) -> str:
    title = f"# Fact changelog: {version} ({date})\n\n"
    if since is None:
        intro = "First release: every fact is listed as added.\n"
    else:
        intro = f"Changes to the facts registry since {since}.\n"
    if not changes:
        return title + intro + "\nNo fact was added, changed, corrected or removed.\n"
    out = [title, intro]
    for kind, heading in (("added", "Added"), ("changed", "Changed"), ("corrected", "Corrected"),
                          ("removed", "Removed")):
        group = [c for c in changes if c["change"] == kind]
        if not group:
            continue
        out.append(f"\n## {heading} ({len(group)})\n\n")
        for c in group:
            line = f"- `{c['id']}`: {c['label']}"
            if c.get("fields"):
                line += f" (fields: {', '.join(c['fields'])})"
            line += "; pages: " + (", ".join(c["pages"]) if c["pages"] else "none")
            out.append(line + "\n")
    return "".join(out)


# -- building -------------------------------------------------------------------------------------
def run(cmd: list[str], root: Path, what: str, env: dict[str, str], log: Path) -> None:
    with log.open("w", encoding="utf-8") as fh:
        result = subprocess.run(cmd, cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise Refused(f"{what} failed (exit {result.returncode}); see {log}")


def conf_dir(root: Path) -> Path:
    return root if (root / "conf.py").is_file() else root / "docs"


def reproducible_tar(src: Path, dest: Path, prefix: str, mtime: int) -> None:
    """A .tar.gz of ``src`` whose bytes depend only on the files: sorted, fixed owners and times."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(p for p in src.rglob("*") if not p.name.startswith(".")
                           and not any(part.startswith(".") for part in p.relative_to(src).parts)):
            info = tar.gettarinfo(str(path), arcname=f"{prefix}/{path.relative_to(src).as_posix()}")
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = mtime
            info.mode = 0o755 if path.is_dir() else 0o644
            if path.is_file():
                with path.open("rb") as fh:
                    tar.addfile(info, fh)
            elif path.is_dir():
                tar.addfile(info)
    with dest.open("wb") as out, gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=mtime) as gz:
        gz.write(raw.getvalue())


def sha256sums(dist: Path) -> str:
    lines = []
    for path in sorted(p for p in dist.iterdir() if p.is_file() and p.name != "SHA256SUMS"):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n")
    return "".join(lines)


def release(root: Path, dist: Path, allow_dirty: bool, pytest_args: list[str]) -> list[Path]:
    python = sys.executable
    if not allow_dirty and git(root, "status", "--porcelain", "--untracked-files=no").strip():
        raise Refused("uncommitted changes: commit them (a release is built from a commit), or pass --allow-dirty")
    check_tag_matches_version(root)
    ensure_system_packages()
    version = buildinfo.version(root)
    epoch = buildinfo.source_date_epoch(root)
    date = buildinfo.release_date(root).isoformat()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "RELEASE_VERSION": version,
           "LATEXMKOPTS": os.environ.get("LATEXMKOPTS", "-silent"),
           "LATEXOPTS": os.environ.get("LATEXOPTS", "-interaction=nonstopmode -halt-on-error")}
    logs = root / "build" / "release-logs"
    logs.mkdir(parents=True, exist_ok=True)
    say(f"release {version} ({date})")

    say("factcheck check")
    run([python, "-m", "checks", "check", "--root", str(root)], root, "factcheck check", env, logs / "factcheck.log")
    say("tests")
    run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args], root, "the tests", env,
        logs / "tests.log")

    conf = str(conf_dir(root))
    html, latex_out = root / "build" / "html", root / "build"
    say("HTML")
    run([python, "-m", "sphinx", "-E", "-W", "--keep-going", "-n", "-c", conf, "-b", "html", "docs", str(html)],
        root, "the HTML build", env, logs / "html.log")
    say("PDF")
    run([python, "-m", "sphinx", "-M", "latexpdf", "docs", str(latex_out), "-c", conf, "-E", "-W", "--keep-going",
         "-n"], root, "the PDF build", env, logs / "pdf.log")
    pdf = latex_out / "latex" / PDF_NAME
    facts_json = next((p for p in (html / "facts.json", html / "_static" / "facts.json") if p.is_file()), None)
    if not pdf.is_file():
        raise Refused(f"the PDF build wrote no {pdf.relative_to(root)}; see {logs / 'pdf.log'}")
    if facts_json is None:
        raise Refused("the HTML build wrote no facts.json (build/html/facts.json)")

    say("fact changelog")
    project = Project(root)
    since = previous_tag(root)
    try:
        new = project.load_registry()
        new_uses = pages_using(project)
        old, old_uses = None, {}
        if since:
            with tempfile.TemporaryDirectory() as tmp:
                old_project = checkout_at(root, since, Path(tmp))
                old = old_project.load_registry()
                old_uses = pages_using(old_project) if old_project.docs_dir.is_dir() else {}
    except RegistryErrors as exc:
        first = exc.errors[0]
        raise Refused(f"registry{' at ' + since if since else ''} does not load: {first.path}:{first.line}: "
                      f"{first.message}") from None
    except FactcheckError as exc:
        raise Refused(str(exc)) from None
    changes = fact_changes(old, new, new_uses, old_uses)

    if dist.exists():
        shutil.rmtree(dist)
    dist.mkdir(parents=True)
    stem = f"{NAME}-{version}"
    reproducible_tar(html, dist / f"{stem}-html.tar.gz", f"{stem}-html", epoch)
    shutil.copyfile(pdf, dist / f"{stem}.pdf")
    shutil.copyfile(facts_json, dist / "facts.json")
    (dist / "fact-changelog.md").write_text(changelog_markdown(version, date, since, changes), encoding="utf-8")
    (dist / "fact-changelog.json").write_text(
        json.dumps({"version": version, "date": date, "since": since, "changes": changes}, indent=1,
                   ensure_ascii=False) + "\n", encoding="utf-8")
    (dist / "SHA256SUMS").write_text(sha256sums(dist), encoding="utf-8")
    return sorted(dist.iterdir())


def say(text: str) -> None:
    sys.stderr.write(f"release: {text}\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="release", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: current folder)")
    parser.add_argument("--dist", type=Path, default=None, help="output folder (default: ROOT/dist)")
    parser.add_argument("--allow-dirty", action="store_true", help="release even with uncommitted changes")
    parser.add_argument("--pytest-args", default="", metavar="ARGS",
                        help="more arguments for pytest, as one string (make release passes make test's, which run "
                             "the tests in parallel; default: none, one process)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        files = release(root, (args.dist or root / "dist").resolve(), args.allow_dirty,
                        shlex.split(args.pytest_args))
    except Refused as exc:
        sys.stderr.write(f"release: refused: {exc}\n")
        return 1
    except CannotRun as exc:
        sys.stderr.write(f"release: cannot run: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("release: interrupted\n")
        return 2
    for path in files:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
