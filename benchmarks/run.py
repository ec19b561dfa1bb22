"""Run the benchmark: check time and memory, build overhead, incremental builds, at several sizes.

    .venv/bin/python benchmarks/run.py --sizes small,medium [--work DIR] [--json FILE]

For each size it generates a project (``generate.py``) and measures, each in a child process
(wall time; peak memory from ``os.wait4``'s resource usage of that child):

- ``factcheck check`` (time, peak memory);
- a full ``sphinx-build -b html -E`` with our extension, and without it (the ``benchstub``
  extension defines the same roles and directives as no-ops);
- incremental builds after a full build: (a) the pages that use one fact, and the facts page,
  touched (the cost of re-reading just them); (b) that fact's label edited. The pages re-read are
  parsed from Sphinx's output and must equal the pages that use the fact plus the facts page;
- the full build and the fact edit again with ``-j 2``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

SIZES = {"tiny": (5, 50), "small": (10, 100), "medium": (100, 1000), "large": (1000, 10000)}
PY = sys.executable
_READING = re.compile(r"^reading sources\.\.\. (?:\[\s*\d+%\] )?(\S+)\s*$", re.M)


def measure(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """(seconds, peak memory in MB, output) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if "Traceback" in out:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, out


def sphinx(project: Path, out: Path, *extra: str) -> list[str]:
    # -N: plain output to parse, also where Sphinx would colour it (CI=true forces colour)
    return [PY, "-m", "sphinx", "-N", "-b", "html", "-d", str(out / "doctrees"), *extra,
            str(project / "docs"), str(out / "html")]


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def reread(output: str) -> set[str]:
    # On a terminal (and with CI=true) Sphinx rewrites one progress line with \r and escape codes.
    return set(_READING.findall(_ANSI.sub("", output).replace("\r", "\n")))


def pick_fact(uses: dict[str, list[str]], skip: set[str] = frozenset()) -> str:
    """A fact used by a few pages (the typical edit), deterministic."""
    ranked = sorted((len(pages), fid) for fid, pages in uses.items() if fid not in skip and len(pages) >= 2)
    middle = [fid for n, fid in ranked if n == ranked[len(ranked) // 2][0]]
    return middle[0]


def edit_label(project: Path, fact_id: str) -> None:
    for path in sorted((project / "facts").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        marker = f"- id: {fact_id}\n"
        if marker in text:
            start = text.index(marker)
            line_start = text.index("  label: ", start)
            line_end = text.index("\n", line_start)
            path.write_text(text[:line_end] + " (edited)" + text[line_end:], encoding="utf-8")
            return
    raise KeyError(fact_id)


def touch(paths: list[Path]) -> None:
    later = time.time() + 2
    for p in paths:
        os.utime(p, (later, later))


def incremental(project: Path, out: Path, uses: dict, fact_id: str, *extra: str) -> dict:
    expected = set(uses[fact_id]) | {"facts"}
    touch([project / "docs" / f"{doc}.md" for doc in sorted(expected)])
    t_touch, _, out_touch = measure(sphinx(project, out, *extra))
    edit_label(project, fact_id)
    t_edit, _, out_edit = measure(sphinx(project, out, *extra))
    got = reread(out_edit)
    return {"fact": fact_id, "expected": sorted(expected), "reread": sorted(got), "exact": got == expected,
            "touched_reread": sorted(reread(out_touch)), "touch_s": round(t_touch, 2),
            "edit_s": round(t_edit, 2), "ratio": round(t_edit / t_touch, 2)}


def run_size(name: str, work: Path, parallel: bool = True) -> dict:
    pages, facts = SIZES[name]
    project = work / name
    info = generate(project, pages, facts)
    result: dict = {"size": name, "pages": info["pages"], "facts": info["facts"]}
    t, mem, out = measure([PY, "-m", "checks", "check", "--root", str(project), "--format", "json"])
    result["check_s"], result["check_peak_mb"] = round(t, 2), round(mem, 1)
    summary = json.loads(out[out.index("{"):])["summary"]
    result["check_findings"] = {"errors": summary["errors"], "warnings": summary["warnings"],
                                "references": summary["references"]}
    t_ext, mem_ext, _ = measure(sphinx(project, work / f"{name}-ext", "-E", "-q"))
    t_stub, _, _ = measure(sphinx(project, work / f"{name}-stub", "-E", "-q", "-D", "extensions=myst_parser,benchstub"))
    result.update(build_ext_s=round(t_ext, 2), build_ext_peak_mb=round(mem_ext, 1), build_stub_s=round(t_stub, 2),
                  overhead=round(t_ext / t_stub - 1, 3), check_share=round(result["check_s"] / t_ext, 3))
    first = pick_fact(info["uses"])
    result["incremental"] = incremental(project, work / f"{name}-ext", info["uses"], first)
    if parallel:
        t_j2, _, _ = measure(sphinx(project, work / f"{name}-j2", "-E", "-q", "-j", "2"))
        result["build_ext_j2_s"] = round(t_j2, 2)
        second = pick_fact(info["uses"], skip={first})
        result["incremental_j2"] = incremental(project, work / f"{name}-j2", info["uses"], second, "-j", "2")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark factcheck and the Sphinx extension.")
    parser.add_argument("--sizes", default="small,medium", help=f"comma-separated: {', '.join(SIZES)}")
    parser.add_argument("--work", type=Path, help="where to generate projects (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--no-parallel", action="store_true", help="skip the -j 2 builds")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = []
        for name in args.sizes.split(","):
            result = run_size(name, work, parallel=not args.no_parallel)
            results.append(result)
            print(json.dumps(result), flush=True)
    if len(results) >= 2:
        a, b = results[-2], results[-1]
        print(json.dumps({"growth": f"{a['size']}->{b['size']}", "pages_x": round(b["pages"] / a["pages"], 1),
                          "check_time_x": round(b["check_s"] / a["check_s"], 1)}))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
