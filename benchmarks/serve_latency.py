#!/usr/bin/env python3
"""How long `make serve` takes to show a fact edit: from saving the registry file to the page in
the browser's reach (served by the preview) showing the new words.

It copies the explainer (pages, registry, conf.py) into a temporary folder, starts the same server
as `make serve` (tools/serve.py over sphinx-autobuild) on a free port, waits for the first build,
then edits one fact's label (shown on the facts page and in the provenance card of every page that
uses it) and polls both pages until the edit shows, several times, undoing and redoing the edit.
Wall time is what a contributor waits for; the load average is printed beside it.

    .venv/bin/python benchmarks/serve_latency.py [--edits 5] [--fact wpk]

Needs the `serve` extra (`make serve` installs it). Never run by the tests as a timing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except (OSError, http.client.HTTPException):  # not served yet, or being rewritten by the build
        return ""


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.05) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(step)
    return None


def page_using(fact_id: str) -> str:
    """The first question page that references the fact (its provenance card shows the label)."""
    for page in sorted((REPO / "docs").glob("*.md")):
        if re.search(r"\{fact\}`[^`]*<" + re.escape(fact_id) + r">`|\{fact\}`" + re.escape(fact_id) + "`",
                     page.read_text(encoding="utf-8")):
            return page.stem
    raise SystemExit(f"no page references {fact_id}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5, help="how many edits to time (default 5)")
    parser.add_argument("--fact", default="wpk", help="the fact whose label is edited (default wpk)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="serve-latency-"))
    project = work / "project"
    project.mkdir()
    for name in ("docs", "facts", "sources"):
        shutil.copytree(REPO / name, project / name)
    for name in ("conf.py", "pyproject.toml"):
        shutil.copy2(REPO / name, project / name)
    registry_file = next(p for p in sorted((project / "facts").glob("*.yaml"))
                         if re.search(rf"^- id: {re.escape(args.fact)}$", p.read_text(encoding="utf-8"), re.M))
    text = registry_file.read_text(encoding="utf-8")
    label = re.search(rf"^- id: {re.escape(args.fact)}\n(?:  .*\n)*?  label: (.*)$", text, re.M)
    if label is None:
        raise SystemExit(f"{args.fact} has no label line")
    original = label.group(0)
    page = page_using(args.fact)

    port = free_port()
    log_path = work / "serve.log"
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, str(REPO / "tools" / "serve.py"), "-c", ".", "docs", str(work / "out"),
             "--watch", "facts", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, cwd=project, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    results: list[dict[str, float]] = []
    try:
        first = wait_until(lambda: "Waiting to detect changes" in log_path.read_text(encoding="utf-8"), 600, 0.5)
        if first is None:
            raise SystemExit("the first build did not finish:\n" + log_path.read_text(encoding="utf-8")[-3000:])
        print(f"first build and serve: {first:.1f} s; edits of {args.fact} ({registry_file.name}), "
              f"seen on facts.html and {page}.html")
        for n in range(args.edits):
            marker = f"edit {n} {time.time_ns()}"
            edited = original + f" ({marker})"
            time.sleep(1.0)  # the watcher's quiet period after the previous build
            load = os.getloadavg()[0]
            registry_file.write_text(text.replace(original, edited), encoding="utf-8")
            saved = time.monotonic()
            seen_facts = wait_until(lambda m=marker: m in fetch(f"{base}/facts.html"), 120)
            seen_page = wait_until(lambda m=marker: m in fetch(f"{base}/{page}.html"), 120)
            if seen_facts is None or seen_page is None:
                raise SystemExit("the edit never showed:\n" + log_path.read_text(encoding="utf-8")[-3000:])
            both = time.monotonic() - saved
            results.append({"facts_page_s": round(seen_facts, 2), "both_pages_s": round(both, 2),
                            "load": round(load, 2)})
            print(f"  edit {n + 1}: facts page {seen_facts:.2f} s, both pages {both:.2f} s (load average {load:.2f})")
            text = text.replace(original, edited)
            original = edited
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)
    median = statistics.median(r["both_pages_s"] for r in results)
    verdict = "met" if median < 3 else "missed"
    print(f"median until both pages show the edit: {median:.2f} s (target under 3 s: {verdict})")
    if args.json:
        args.json.write_text(json.dumps({"edits": results, "median_both_s": median}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
