"""``make serve``: the live preview rebuilds after a fact edit without "The configuration has
changed", shows the edit, and stops on SIGTERM (which make forwards to the server it exec'd)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, copy_project

CONFIG_CHANGED = "The configuration has changed"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, timeout: float) -> float | None:
    """Seconds until ``condition()`` holds, or None after ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(0.1)
    return None


def test_make_serve_execs_the_server():
    """Without exec, make's SIGTERM stops only the recipe's shell and the server lives on."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\nserve:"):].split("\n\n")[0]
    assert re.search(r"^\texec \$\(BIN\)/python tools/serve\.py ", recipe, re.M), recipe


@pytest.mark.slow
def test_incremental_builds_see_no_configuration_change(tmp_path: Path):
    """sphinx-timeline's asset folder and furo's dark style no longer differ between two builds."""
    project = copy_project("timeline", tmp_path)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-D", "html_theme=furo", str(project / "docs"),
               str(tmp_path / "out")]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    facts = project / "facts" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("label: 6th Congress\n", "label: 6th Congress (x)\n"),
                     encoding="utf-8")
    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert CONFIG_CHANGED not in second.stdout + second.stderr
    assert "0 added, 0 changed" not in second.stdout  # the edit was seen: pages were re-read
    assert list((tmp_path / "out" / "_static").glob("default.*.css"))  # the timeline's assets still copied


@pytest.mark.slow
def test_a_fact_edit_shows_in_the_preview_and_sigterm_stops_it(tmp_path: Path):
    project = copy_project("timeline", tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, str(REPO / "tools" / "serve.py"), "-D", "html_theme=furo", str(project / "docs"),
             str(tmp_path / "out"), "--watch", str(project / "facts"), "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, cwd=project, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        facts_page = f"http://127.0.0.1:{port}/facts.html"
        assert wait_for(lambda: fetch(facts_page) is not None, 240) is not None, log.read_text(encoding="utf-8")
        assert wait_for(lambda: "Waiting to detect changes" in log.read_text(encoding="utf-8"), 60) is not None
        facts = project / "facts" / "facts.yaml"
        facts.write_text(facts.read_text(encoding="utf-8").replace("label: 6th Congress\n",
                                                                   "label: 6th Congress, edited\n"),
                         encoding="utf-8")
        # Within 3 s on an idle 2-core machine (README); a loaded test machine gets more time.
        seen = wait_for(lambda: "6th Congress, edited" in (fetch(facts_page) or ""), 120)
        output = log.read_text(encoding="utf-8")
        assert seen is not None, output
        assert "Detected changes (facts/facts.yaml)" in output and "Built in " in output
        assert CONFIG_CHANGED not in output
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            pytest.fail("the server did not stop on SIGTERM")
    assert fetch(f"http://127.0.0.1:{port}/index.html") is None
