"""Measure ``factcheck lsp``: how long re-checking one page takes as it is typed, at the explainer's
size and at the 1,000-page, 10,000-fact synthetic size (``generate.py``).

    .venv/bin/python benchmarks/lsp_latency.py [--sizes explainer,large] [--work DIR] [--json FILE]

For each size:

- **start**: loading the registry and reading every page, as the server does once (wall time);
- **open** (in process): the first check of each edited page, as the server runs it when the
  editor opens the page (its paragraphs read for the first time with this registry);
- **re-check** (in process, what the server does on each change once typing pauses): extract the
  edited page, run the page checks on it, turn the findings into LSP diagnostics. Each edit adds
  a word to one prose line of one page, as typing does; pages are edited in turn, a few times each,
  after being opened. Reported in CPU time of this process (the machine may be shared; wall time
  is reported beside it), median, 95th percentile and maximum;
- **round trip** (end to end): a real LSP client (pygls) starts ``factcheck lsp`` over stdio with
  no debounce, opens a page and sends the same kind of edits, timing each ``didChange`` until its
  ``publishDiagnostics`` arrives (wall time: JSON-RPC, the re-check and the diagnostics' JSON).

Targets (issues 14 and 15): a re-check under 10 ms on the explainer and at the large size (10,000
facts), with the checks of plain prose in; a round trip under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.workspace.position_codec import PositionCodec  # noqa: E402

from checks.lsp.diagnostics import to_diagnostic  # noqa: E402
from checks.lsp.locations import split_lines  # noqa: E402
from checks.lsp.state import ProjectState  # noqa: E402

# name -> (pages, facts) of a generated project; None: the explainer itself. "tiny" is for the test.
SIZES: dict[str, tuple[int, int] | None] = {"explainer": None, "large": (1000, 10000), "tiny": (5, 50)}
TARGET_MS = {"explainer": 10.0, "large": 10.0, "tiny": 10.0}
ROUND_TRIP_TARGET_MS = 50.0
PAGES_EDITED = 20
EDITS_PER_PAGE = 5
ROUND_TRIPS = 40


def project_for(size: str, work: Path) -> Path:
    shape = SIZES[size]
    if shape is None:
        return REPO
    pages, facts = shape
    root = work / size
    if not (root / "docs" / "index.md").is_file():
        generate(root, pages, facts)
    return root


def typed(text: str, rng: random.Random) -> str | None:
    """``text`` with a word added at the end of one of its prose lines (None if it has none)."""
    lines = text.split("\n")
    prose = [n for n, line in enumerate(lines) if len(line) > 40 and line[:1].isalpha()]
    if not prose:
        return None
    n = rng.choice(prose)
    lines[n] += " indeed"
    return "\n".join(lines)


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 2),
            "max_ms": round(ordered[-1] * 1000, 2), "samples": len(ordered)}


def in_process(root: Path) -> dict[str, Any]:
    state = ProjectState(root)
    started = time.perf_counter()
    state.apply(state.load_registry({}))
    loaded = time.perf_counter()
    state.apply_pages(state.read_pages())
    read = time.perf_counter()
    assert state.load is not None
    assert not state.load.errors, "the project's registry must load cleanly"
    rng = random.Random(14)
    pages = sorted(rel for rel in state.page_texts if typed(state.page_texts[rel], rng) is not None)
    chosen = rng.sample(pages, min(PAGES_EDITED, len(pages)))
    codec = PositionCodec()
    first = time.perf_counter()
    state.page_findings(chosen[0])  # the first check after loading builds the per-registry indexes
    warm_up = time.perf_counter() - first
    opened: list[float] = []
    for rel in chosen:  # the editor opens the page: the server checks it before any typing
        cpu_start = time.process_time()
        state.page_findings(rel)
        opened.append(time.process_time() - cpu_start)
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(EDITS_PER_PAGE):
        for rel in chosen:
            text = typed(state.page_texts[rel], rng)
            assert text is not None
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            state.set_page(rel, text)
            findings = state.page_findings(rel)
            lines = split_lines(text)
            [to_diagnostic(f, lines, codec, root, "") for f in findings]
            cpu.append(time.process_time() - cpu_start)
            wall.append(time.perf_counter() - wall_start)
    return {"facts": len(state.load.registry.facts), "pages": len(state.pages),
            "registry_load_s": round(loaded - started, 2), "pages_read_s": round(read - loaded, 2),
            "first_check_s": round(warm_up, 3), "open_cpu": percentiles(opened), "recheck_cpu": percentiles(cpu),
            "recheck_wall": percentiles(wall)}


async def round_trips(root: Path) -> dict[str, Any]:
    client = LanguageClient("lsp-latency", "1")
    published: dict[str, asyncio.Future[None]] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        waiting = published.get(f"{params.uri}@{params.version}")
        if waiting is not None and not waiting.done():
            waiting.set_result(None)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(params: types.RegistrationParams) -> None:
        return None

    await client.start_io(sys.executable, "-m", "checks", "lsp", "--root", str(root))
    started = time.perf_counter()
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=root.as_uri(),
        initialization_options={"debounceMs": 0}))
    client.initialized(types.InitializedParams())
    rng = random.Random(15)
    rel = sorted(p.relative_to(root).as_posix() for p in (root / "docs").glob("*.md")
                 if typed(p.read_text(encoding="utf-8"), rng) is not None)[0]
    uri = (root / rel).as_uri()
    text = (root / rel).read_text(encoding="utf-8")
    loop = asyncio.get_running_loop()
    published[f"{uri}@1"] = loop.create_future()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    await asyncio.wait_for(published[f"{uri}@1"], 600)
    ready = time.perf_counter() - started
    samples = []
    for version in range(2, ROUND_TRIPS + 2):
        edited = typed(text, rng)
        assert edited is not None
        text = edited
        published[f"{uri}@{version}"] = loop.create_future()
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        await asyncio.wait_for(published[f"{uri}@{version}"], 60)
        samples.append(time.perf_counter() - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {"page": rel, "start_to_first_diagnostics_s": round(ready, 2), "round_trip_wall": percentiles(samples)}


def run_size(size: str, work: Path) -> dict[str, Any]:
    root = project_for(size, work)
    result = {"size": size, **in_process(root)}
    result.update(asyncio.run(round_trips(root)))
    result["target_ms"] = TARGET_MS[size]
    result["met"] = result["recheck_cpu"]["median_ms"] < TARGET_MS[size]
    result["round_trip_met"] = result["round_trip_wall"]["median_ms"] < ROUND_TRIP_TARGET_MS
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure factcheck lsp's re-check latency.")
    parser.add_argument("--sizes", default="explainer,large", help=f"comma-separated: {', '.join(SIZES)}")
    parser.add_argument("--work", type=Path, help="where to generate projects (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {', '.join(unknown)}; use {', '.join(SIZES)}")
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        results = [run_size(size, work) for size in sizes]
    for r in results:
        print(f"{r['size']}: {r['pages']} pages, {r['facts']} facts; registry {r['registry_load_s']} s, "
              f"pages {r['pages_read_s']} s, first check {r['first_check_s']} s")
        print(f"  open a page, first check (CPU): median {r['open_cpu']['median_ms']} ms, "
              f"p95 {r['open_cpu']['p95_ms']} ms")
        print(f"  re-check one page (CPU): median {r['recheck_cpu']['median_ms']} ms, "
              f"p95 {r['recheck_cpu']['p95_ms']} ms, max {r['recheck_cpu']['max_ms']} ms "
              f"(wall median {r['recheck_wall']['median_ms']} ms); target {r['target_ms']} ms: "
              f"{'met' if r['met'] else 'MISSED'}")
        print(f"  round trip didChange -> publishDiagnostics: median {r['round_trip_wall']['median_ms']} ms, "
              f"p95 {r['round_trip_wall']['p95_ms']} ms; target {ROUND_TRIP_TARGET_MS} ms: "
              f"{'met' if r['round_trip_met'] else 'MISSED'}; start to first diagnostics "
              f"{r['start_to_first_diagnostics_s']} s")
        print(f"  load average after this size: {r['load_average']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
