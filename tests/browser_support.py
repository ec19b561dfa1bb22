"""Helpers for the browser tests: build a site, serve it on 127.0.0.1, launch Debian's Chromium.

Nothing here touches the network beyond loopback: the site is served by ``python -m http.server``
started (and stopped) by the tests, and every request to another host is aborted by the browser
context (and so shows up as a failed request).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "browser"

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NO_CHROMIUM = ("chromium not found on PATH: run `make test` as root (it installs the system packages) "
               "or `apt-get install chromium`")


def build_site(srcdir: Path, outdir: Path, *, confdir: Path | None = None, strict: bool = True,
               overrides: dict[str, str] | None = None) -> Path:
    """Build ``srcdir`` to HTML in ``outdir`` in this process; fail the test on a non-zero status."""
    from sphinx.cmd.build import build_main

    args = ["-E", "-q", "-b", "html", "-d", str(outdir.parent / (outdir.name + ".doctrees"))]
    if strict:
        args[:0] = ["-W", "--keep-going", "-n"]
    if confdir is not None:
        args += ["-c", str(confdir)]
    for key, value in (overrides or {}).items():
        args += ["-D", f"{key}={value}"]
    status = build_main(args + [str(srcdir), str(outdir)])
    if status != 0:
        pytest.fail(f"sphinx-build of {srcdir} failed with status {status}", pytrace=False)
    return outdir


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(directory: Path, log: Path):
    """Serve ``directory`` with ``python -m http.server`` on a free loopback port; yield its base URL."""
    for _attempt in range(5):
        port = _free_port()
        with open(log, "ab") as out:
            proc = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port),
                                     "--directory", str(directory)],
                                    stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        if proc.poll() is None:
            break
        proc.wait()  # the port was taken in the meantime: try another
    else:
        pytest.fail(f"could not start http.server; see {log}", pytrace=False)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def chromium_path() -> str:
    """Debian's Chromium (or $CHROMIUM, or the Google Chrome of GitHub's Ubuntu runners); a missing
    one fails the test with the command that installs it."""
    candidates = [os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"]
    path = next((found for name in candidates if name and (found := shutil.which(name))), None)
    if path is None:
        pytest.fail(NO_CHROMIUM, pytrace=False)
    return path


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def loopback_only(context) -> None:
    """Abort every request that leaves 127.0.0.1: the site must need nothing from the network."""
    def route(r):
        host = urlsplit(r.request.url).hostname
        if host == "127.0.0.1" or r.request.url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            r.abort("blockedbyclient")

    context.route("**/*", route)


class Recorder:
    """Console errors, uncaught exceptions, failed requests and HTTP errors seen by one page."""

    def __init__(self, page) -> None:
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught exception: {exc}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _failed(self, req) -> None:
        # Chromium fetches the icon lazily and aborts the fetch when the crawl moves on to the next
        # page; test_the_site_has_a_favicon checks separately that the icon is served.
        if req.failure == "net::ERR_ABORTED" and req.resource_type == "other" and "favicon" in req.url:
            return
        self.problems.append(f"request failed: {req.url} ({req.failure})")

    def _console(self, msg) -> None:
        if msg.type in ("error", "assert"):
            where = msg.location.get("url", "") if msg.location else ""
            self.problems.append(f"console {msg.type}: {msg.text} [{where}]")

    def _response(self, resp) -> None:
        if resp.status >= 400:
            self.problems.append(f"HTTP {resp.status}: {resp.url}")

    def take(self) -> list[str]:
        out, self.problems = self.problems, []
        return out
