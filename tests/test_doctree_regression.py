"""Regression files for what the role and the directives produce (the sphinx-design pattern): the
doctree of each fixture page, after Sphinx resolved it, compared with a stored file.

After an intended change, regenerate with ``FACTCHECK_REGEN=1 pytest tests/test_doctree_regression.py``
and review the diff of ``tests/regression/`` like any other change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REGRESSION = Path(__file__).parent / "regression"
PAGES = ["index", "history", "facts"]


def _normalised(text: str, root: Path) -> str:
    """Stable across machines and runs: no absolute paths, no serial numbers in ids."""
    text = text.replace(str(root), "<root>")
    return re.sub(r"ref-([a-z0-9-]+)-\d+", r"ref-\1-N", text)


@pytest.fixture
def built(make_app, tmp_path):
    import shutil

    from conftest import ROOTS

    root = tmp_path / "basic"
    shutil.copytree(ROOTS / "test-basic", root)
    conf = root / "docs" / "conf.py"
    conf.write_text(conf.read_text().replace("str(Path(__file__).resolve().parent.parent)", repr(str(root))))
    app = make_app("html", srcdir=root / "docs", freshenv=True)
    app.build()
    return app, root


@pytest.mark.parametrize("docname", PAGES)
def test_doctree_matches_the_stored_file(built, docname):
    app, root = built
    doctree = app.env.get_and_resolve_doctree(docname, app.builder)
    actual = _normalised(doctree.pformat(), root)
    stored = REGRESSION / f"basic-{docname}.txt"
    if os.environ.get("FACTCHECK_REGEN"):
        stored.write_text(actual, encoding="utf-8")
    assert stored.exists(), f"no {stored.name}: run with FACTCHECK_REGEN=1 once and review it"
    assert actual == stored.read_text(encoding="utf-8")
