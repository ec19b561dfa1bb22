"""The wheel carries everything the extension needs: built offline, installed in a scratch
environment that cannot see this checkout, and used to build a fixture site."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, copy_project


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "--quiet", "-w", str(out), str(REPO)], check=True, capture_output=True, text=True,
                   cwd=out)
    [built] = out.glob("congress_explainer-*.whl")
    return built


def test_the_wheel_holds_the_static_assets_and_type_marker(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("checks/sphinx_ext/static/factcheck.js", "checks/sphinx_ext/static/factcheck.css",
                   "checks/py.typed", "checks/rules/evidence.py", "checks/report/sarif.py"):
        assert needed in names, sorted(names)


def test_a_site_built_from_the_installed_wheel_has_its_tooltips(wheel, tmp_path):
    scratch = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(scratch)], check=True)
    python = scratch / "bin" / "python"
    # The scratch environment sees this environment's dependencies (Sphinx, MyST, ...) but not the
    # editable checkout: a plain path entry is not a site directory, so no editable finder loads.
    purelib = Path(sysconfig.get_paths()["purelib"])
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(site), str(wheel)], check=True)
    (site / "deps.pth").write_text(str(purelib) + "\n")
    project = copy_project("basic", tmp_path)
    result = subprocess.run([str(python), "-c", "import checks, sys; print(checks.__file__)"],
                            capture_output=True, text=True, cwd=tmp_path, check=True)
    assert str(site) in result.stdout, result.stdout  # the installed copy, not the checkout
    build = subprocess.run([str(python), "-m", "sphinx", "-q", "-b", "html", str(project / "docs"),
                            str(tmp_path / "html")], capture_output=True, text=True, cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    static = tmp_path / "html" / "_static"
    assert (static / "factcheck.js").is_file() and (static / "factcheck.css").is_file()
    assert "factcheck.js" in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
