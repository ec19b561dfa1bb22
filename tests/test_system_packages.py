"""tools/ensure-system-packages and the skip markers built on it, on a machine made to lack things.

The script looks for the real commands (lualatex, pdftotext, chromium, ...) on PATH. Each test here
gives it a PATH that holds everything this machine has except the hidden commands, with stand-ins
for ``id`` (root or not) and, where a test needs them, ``apt-get`` and ``apt-cache`` (which record
what they were asked and install nothing).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENSURE, REPO

TEX = {"lualatex", "latexmk", "kpsewhich"}
POPPLER = {"pdftotext", "pdfinfo", "pdffonts"}
CHROME = {"chromium", "chromium-browser", "google-chrome"}
APT = {"apt-get", "apt-cache"}
FONTS = {"fc-list"}  # without fc-list the script cannot find Noto Serif CJK KR either
EVERYTHING = TEX | FONTS | POPPLER | CHROME
# FreeSerif is found by its file when kpsewhich is hidden: present or not, as on this machine.
FREEFONT = "" if Path("/usr/share/fonts/opentype/freefont/FreeSerif.otf").exists() else "fonts-freefont-otf "


def fake_path(tmp_path: Path, hidden: set[str], *, uid: int = 1000, apt: bool = True) -> dict[str, str]:
    """An environment whose PATH has this machine's commands minus ``hidden``, ``id -u`` giving
    ``uid``, and (with ``apt``) an apt-get/apt-cache pair that only log their arguments."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        # A PATH entry this user cannot read (root's folders, after plain `su`) holds nothing usable.
        if not folder or not os.access(folder, os.R_OK | os.X_OK) or not Path(folder).is_dir():
            continue
        for entry in Path(folder).iterdir():
            name = entry.name
            if name in hidden or name in APT or name == "id" or (bindir / name).exists():
                continue
            if entry.is_file() and os.access(entry, os.X_OK):
                (bindir / name).symlink_to(entry)
    log = tmp_path / "apt.log"
    scripts = {"id": f'#!/bin/sh\n[ "$1" = -u ] && echo {uid} || echo "uid={uid}"\n'}
    if apt:
        # `apt-get install -s` lists what it would fetch; apt-cache gives each a size of 2.5 MB.
        scripts["apt-get"] = (f'#!/bin/sh\necho "apt-get $*" >> "{log}"\n'
                              'case " $* " in *" -s "*) echo "Inst libfake (1.0 Debian:12/stable [amd64])";'
                              ' echo "Inst fake-tool (1.0 Debian:12/stable [amd64])";; esac\n')
        scripts["apt-cache"] = '#!/bin/sh\nprintf "Package: x\\nSize: 2500000\\n\\nPackage: y\\nSize: 2500000\\n"\n'
    for name, text in scripts.items():
        (bindir / name).write_text(text, encoding="utf-8")
        (bindir / name).chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "CHROMIUM")}
    return env | {"PATH": str(bindir)}


def ensure(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ENSURE), *args], capture_output=True, text=True, env=env, timeout=120)


def test_check_lists_only_what_is_missing_with_sizes_and_the_apt_command(tmp_path: Path):
    result = ensure(fake_path(tmp_path, EVERYTHING), "--check")
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("missing: TeX Live (lualatex, latexmk; about 200 MB), ")
    assert "the Noto Serif CJK KR font (about 56 MB)" in line
    assert "Poppler (pdftotext, pdfinfo, pdffonts; about 47 MB)" in line
    assert "Chromium (about 330 MB)" in line
    assert "5 MB to download in all" in line  # apt's own figure (here the stand-in's two packages)
    assert line.endswith("install with: sudo apt-get install -y --no-install-recommends texlive-luatex "
                         f"texlive-latex-extra texlive-fonts-recommended latexmk {FREEFONT}fonts-noto-cjk "
                         "poppler-utils chromium")


def test_only_the_named_components_are_checked(tmp_path: Path):
    env = fake_path(tmp_path, CHROME)
    result = ensure(env, "--check", "chromium")
    assert result.returncode == 1
    assert "TeX" not in result.stderr and "Poppler" not in result.stderr
    assert result.stderr.strip().endswith("sudo apt-get install -y --no-install-recommends chromium")


@pytest.mark.needs_pdf
def test_the_pdf_does_not_need_chromium(tmp_path: Path):
    assert ensure(fake_path(tmp_path, CHROME), "--check", "pdf").returncode == 0


def test_without_apt_it_names_the_packages_to_look_for(tmp_path: Path):
    result = ensure(fake_path(tmp_path, EVERYTHING, apt=False), "--check")
    assert result.returncode == 1
    line = result.stderr.strip()
    assert "apt-get" not in line and "MB to download in all" in line and "at most" in line
    assert "install with your package manager: TeX Live with LuaLaTeX, latexmk" in line
    assert "Poppler's command-line utilities" in line and "Chromium or Google Chrome" in line


def test_without_root_it_stops_and_says_how_to_install(tmp_path: Path):
    env = fake_path(tmp_path, EVERYTHING, uid=1000)
    result = ensure(env)
    assert result.returncode == 2
    assert "install with: sudo apt-get install" in result.stderr
    assert "apt-get install -y" not in (tmp_path / "apt.log").read_text(encoding="utf-8")  # nothing installed


def test_or_skip_without_root_goes_on_and_says_what_is_skipped(tmp_path: Path):
    env = fake_path(tmp_path, EVERYTHING, uid=1000)
    result = ensure(env, "--or-skip")
    assert result.returncode == 0
    assert "missing: TeX Live" in result.stderr and "skipped" in result.stderr


def test_or_skip_under_ci_fails(tmp_path: Path):
    env = fake_path(tmp_path, EVERYTHING, uid=1000) | {"CI": "true"}
    result = ensure(env, "--or-skip")
    assert result.returncode == 2
    assert "CI=true, so no test may be skipped" in result.stderr


def test_as_root_it_installs_only_the_missing_packages(tmp_path: Path):
    env = fake_path(tmp_path, POPPLER | CHROME, uid=0)
    result = ensure(env, "poppler", "chromium")
    calls = (tmp_path / "apt.log").read_text(encoding="utf-8").splitlines()
    assert "apt-get install -y -qq --no-install-recommends poppler-utils chromium" in calls
    # the stand-in installed nothing, so the tools are still missing afterwards: said, and exit 2
    assert result.returncode == 2 and "still missing: Poppler" in result.stderr


# -- the markers: skipped with the reason, or failed under CI=true -------------------------------
SELECTED = ["tests/test_pdf.py::test_a_glyph_no_font_has_fails_the_build",
            "tests/test_browser.py::test_the_site_has_a_favicon"]


def run_pytest(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rsE", *SELECTED], cwd=REPO,
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.slow
def test_without_the_tools_the_pdf_and_browser_tests_are_skipped_with_the_install_command(tmp_path: Path):
    result = run_pytest(fake_path(tmp_path, EVERYTHING))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 skipped" in result.stdout
    assert "these tests build the PDF with LuaLaTeX and read it back with Poppler; missing: TeX Live" in result.stdout
    assert "these tests drive Chromium; missing: Chromium (about 330 MB)" in result.stdout
    assert "install with: sudo apt-get install -y --no-install-recommends chromium" in result.stdout


@pytest.mark.slow
def test_under_ci_the_same_tests_fail_instead(tmp_path: Path):
    result = run_pytest(fake_path(tmp_path, EVERYTHING) | {"CI": "true"})
    assert result.returncode == 1
    summary = result.stdout.strip().splitlines()[-1]
    assert "2 errors" in summary and "skipped" not in summary  # failed in setup: errors
    assert "CI=true, so nothing may be skipped: these tests drive Chromium" in result.stdout
