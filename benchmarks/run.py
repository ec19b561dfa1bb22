"""Run the benchmark: check time and memory, full and incremental builds beside three anchors.

    .venv/bin/python benchmarks/run.py --sizes small,medium [--rounds 2] [--work DIR] [--json FILE]

For each size it generates a project (``generate.py``) and measures, each in a child process: CPU
time (user + system, from ``os.wait4``; the machine is shared, so CPU time is the number to compare),
wall time, peak memory, and the load average when the child ended.

- ``factcheck check`` (time, peak memory);
- full ``sphinx-build -b html -E`` builds, interleaved round by round (A, B, C, D, A, B, ...):
  this project (our extension), the no-op stub (``benchstub``: the same roles and directives as
  no-ops, no facts page), MyST substitutions (each reference a ``{{ substitution }}`` from
  ``conf.py``) and sphinx-needs (each fact a ``req`` item, each reference a ``{need}`` role), each
  on the same pages (``generate.py --variant``). sphinx-needs is the optional ``bench`` extra:
  without it that anchor is skipped, and the run says so;
- incremental builds after those: touching one page, then editing one fact (this project: its
  label in the registry; MyST: its substitution in ``conf.py``; sphinx-needs: its item's title; the
  stub, which knows no facts: touching the pages that use the fact, the least any tool must re-read).
  The pages re-read are parsed from Sphinx's output; for this project they must be exactly the pages
  that use the fact plus the facts page;
- the full build and a fact edit again with ``-j 2`` (this project only).

Ratios to the stub are printed for each measure (CPU time).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, need_id, substitution_key

SIZES = {"tiny": (5, 50), "small": (10, 100), "medium": (100, 1000), "large": (1000, 10000)}
PY = sys.executable
_READING = re.compile(r"^reading sources\.\.\. (?:\[\s*\d+%\] )?(\S+)\s*$", re.M)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
STUB = "myst_parser,benchstub"


def measure(cmd: list[str], cwd: Path | None = None, findings_exit: bool = False) -> dict[str, Any]:
    """CPU seconds (user + system), wall seconds, peak memory (MB), load average and output of one
    child process. It must exit 0 (or 1, ``factcheck``'s "findings reported", with ``findings_exit``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if "Traceback" in out or proc.returncode not in ((0, 1) if findings_exit else (0,)):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out[-3000:]}")
    return {"cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "wall_s": round(wall, 2),
            "peak_mb": round(usage.ru_maxrss / 1024, 1), "load": round(os.getloadavg()[0], 1), "output": out}


def sphinx(project: Path, out: Path, *extra: str) -> list[str]:
    # -N: plain output to parse, also where Sphinx would colour it (CI=true forces colour)
    return [PY, "-m", "sphinx", "-N", "-b", "html", "-d", str(out / "doctrees"), *extra,
            str(project / "docs"), str(out / "html")]


def reread(output: str) -> set[str]:
    # On a terminal (and with CI=true) Sphinx rewrites one progress line with \r and escape codes.
    return set(_READING.findall(_ANSI.sub("", output).replace("\r", "\n")))


def pick_fact(uses: dict[str, list[str]], skip: frozenset[str] = frozenset()) -> str:
    """A fact used by a few pages (the typical edit), deterministic."""
    ranked = sorted((len(pages), fid) for fid, pages in uses.items() if fid not in skip and len(pages) >= 2)
    middle = [fid for n, fid in ranked if n == ranked[len(ranked) // 2][0]]
    return middle[0]


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise KeyError(f"{old!r} not in {path}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


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


def edit_substitution(project: Path, fact_id: str) -> None:
    """MyST: the fact's value is its substitution in conf.py."""
    conf = project / "docs" / "conf.py"
    key = f"    {substitution_key(fact_id)!r}: "
    text = conf.read_text(encoding="utf-8")
    start = text.index(key)
    end = text.index(",\n", start)
    conf.write_text(text[:end - 1] + " (edited)" + text[end - 1:], encoding="utf-8")


def edit_need(project: Path, fact_id: str) -> None:
    """sphinx-needs: the item's title (the line before its id)."""
    for path in sorted((project / "docs").glob("needs-*.md")):
        text = path.read_text(encoding="utf-8")
        marker = f"\n:id: {need_id(fact_id)}\n"
        if marker in text:
            end = text.index(marker)
            path.write_text(text[:end] + " (edited)" + text[end:], encoding="utf-8")
            return
    raise KeyError(fact_id)


def touch(paths: list[Path]) -> None:
    # Two seconds ahead, so that a file system with coarse timestamps still sees a change; then
    # wait until that moment has passed, so that the build reads the page after its new time and
    # the next build does not take it for changed again.
    later = time.time() + 2
    for p in paths:
        os.utime(p, (later, later))
    time.sleep(max(0.0, later - time.time()) + 0.05)


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median CPU and wall time of repeated runs, with the loads they ran under."""
    return {"cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 2),
            "wall_s": round(statistics.median(r["wall_s"] for r in runs), 2),
            "peak_mb": max(r["peak_mb"] for r in runs), "load": [r["load"] for r in runs]}


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def needs_available() -> bool:
    return importlib.util.find_spec("sphinx_needs") is not None


def run_size(name: str, work: Path, parallel: bool = True, rounds: int = 1,
             anchors: bool = True) -> dict[str, Any]:
    pages, facts = SIZES[name]
    projects = {"ext": work / name, "stub": work / name}
    info = generate(projects["ext"], pages, facts)
    result: dict[str, Any] = {"size": name, "pages": info["pages"], "facts": info["facts"]}
    skipped: dict[str, str] = {}
    if anchors:
        projects["myst"] = work / f"{name}-myst"
        generate(projects["myst"], pages, facts, variant="myst")
        if needs_available():
            projects["needs"] = work / f"{name}-needs"
            generate(projects["needs"], pages, facts, variant="needs")
        else:
            skipped["needs"] = "sphinx-needs is not installed (pip install -e '.[bench]'): anchor skipped"
    else:
        skipped["myst"] = skipped["needs"] = "anchors not requested"
    result["skipped"] = skipped

    check = measure([PY, "-m", "checks", "check", "--root", str(projects["ext"]), "--format", "json"],
                    findings_exit=True)
    result.update(check_s=check["wall_s"], check_cpu_s=check["cpu_s"], check_peak_mb=check["peak_mb"])
    out = check["output"]
    summary = json.loads(out[out.index("{"):])["summary"]
    result["check_findings"] = {"errors": summary["errors"], "warnings": summary["warnings"],
                                "references": summary["references"]}

    outs = {tool: work / f"{name}-{tool}-out" for tool in projects}
    extra = {tool: (["-D", f"extensions={STUB}"] if tool == "stub" else []) for tool in projects}

    full: dict[str, list[dict[str, Any]]] = {tool: [] for tool in projects}
    for _ in range(rounds):
        for tool in projects:
            full[tool].append(measure(sphinx(projects[tool], outs[tool], "-E", "-q", *extra[tool])))
    result["full"] = {tool: _summary(runs) for tool, runs in full.items()}
    stub_cpu = result["full"]["stub"]["cpu_s"]
    result["full_ratio_to_stub"] = {tool: _ratio(s["cpu_s"], stub_cpu) for tool, s in result["full"].items()}
    # the same names as before, for the smoke test and older readers of the JSON
    result["build_ext_s"], result["build_stub_s"] = result["full"]["ext"]["wall_s"], result["full"]["stub"]["wall_s"]
    result["overhead"] = round(result["full"]["ext"]["cpu_s"] / stub_cpu - 1, 3)
    result["check_share"] = round(result["check_cpu_s"] / result["full"]["ext"]["cpu_s"], 3)

    # Incremental: one page touched, then one fact edited, each tool in turn.
    fact_id = pick_fact(info["uses"])
    users = info["uses"][fact_id]
    one_page = sorted(p for p in {d for ds in info["uses"].values() for d in ds} if p not in users)[0]
    touched: dict[str, Any] = {}
    touch([project / "docs" / f"{one_page}.md" for project in set(projects.values())])  # the stub shares ext's
    for tool in projects:
        run = measure(sphinx(projects[tool], outs[tool], *extra[tool]))
        touched[tool] = {**{k: run[k] for k in ("cpu_s", "wall_s", "load")}, "reread": sorted(reread(run["output"]))}
    edits = {"ext": lambda: edit_label(projects["ext"], fact_id),
             "stub": lambda: touch([projects["stub"] / "docs" / f"{doc}.md" for doc in users]),
             "myst": lambda: edit_substitution(projects["myst"], fact_id),
             "needs": lambda: edit_need(projects["needs"], fact_id)}
    edited: dict[str, Any] = {}
    for tool in projects:
        if tool == "stub":
            continue  # edited below, after this project's own edit: the stub shares its pages
        edits[tool]()
        run = measure(sphinx(projects[tool], outs[tool], *extra[tool]))
        edited[tool] = {**{k: run[k] for k in ("cpu_s", "wall_s", "load")}, "reread": sorted(reread(run["output"]))}
    edits["stub"]()
    run = measure(sphinx(projects["stub"], outs["stub"], *extra["stub"]))
    edited["stub"] = {**{k: run[k] for k in ("cpu_s", "wall_s", "load")}, "reread": sorted(reread(run["output"]))}
    expected = set(users) | {"facts"}
    result["incremental"] = {
        "page": one_page, "fact": fact_id, "expected": sorted(expected),
        "reread": edited["ext"]["reread"], "exact": set(edited["ext"]["reread"]) == expected,
        "touch": touched, "edit": edited,
        "touch_ratio_to_stub": {t: _ratio(r["cpu_s"], touched["stub"]["cpu_s"]) for t, r in touched.items()},
        "edit_ratio_to_stub": {t: _ratio(r["cpu_s"], edited["stub"]["cpu_s"]) for t, r in edited.items()},
    }
    if parallel:
        j2_out = work / f"{name}-j2-out"
        full_j2 = measure(sphinx(projects["ext"], j2_out, "-E", "-q", "-j", "2"))
        result["full_ext_j2"] = {k: v for k, v in full_j2.items() if k != "output"}
        second = pick_fact(info["uses"], skip=frozenset({fact_id}))
        expected_j2 = set(info["uses"][second]) | {"facts"}
        edit_label(projects["ext"], second)
        run = measure(sphinx(projects["ext"], j2_out, "-j", "2"))
        got = reread(run["output"])
        result["incremental_j2"] = {"fact": second, "expected": sorted(expected_j2), "reread": sorted(got),
                                    "exact": got == expected_j2, "cpu_s": run["cpu_s"], "wall_s": run["wall_s"],
                                    "load": run["load"]}
    return result


def table(result: dict[str, Any]) -> str:
    """The side-by-side numbers of one size, as Markdown (CPU seconds; ratio to the stub)."""
    tools = [t for t in ("ext", "stub", "myst", "needs") if t in result["full"]]
    names = {"ext": "this project", "stub": "no-op stub", "myst": "MyST substitutions", "needs": "sphinx-needs"}
    inc = result["incremental"]

    def cell(value: dict[str, Any] | None, ratio: float | None) -> str:
        if value is None:
            return "—"
        return f"{value['cpu_s']:.2f} s" + (f" ({ratio:.2f}x)" if ratio is not None else "")

    rows = [
        ("full build", {t: cell(result["full"][t], result["full_ratio_to_stub"][t]) for t in tools}),
        (f"touch one page ({inc['page']})", {t: cell(inc["touch"].get(t), inc["touch_ratio_to_stub"].get(t))
                                             for t in tools}),
        (f"edit one fact ({inc['fact']}, {len(inc['expected']) - 1} pages use it)",
         {t: cell(inc["edit"].get(t), inc["edit_ratio_to_stub"].get(t)) for t in tools}),
        ("pages re-read after the edit", {t: str(len(inc["edit"][t]["reread"])) for t in tools}),
    ]
    lines = [f"{result['size']}: {result['pages']} pages, {result['facts']} facts; CPU seconds (ratio to the stub)",
             "| measure | " + " | ".join(names[t] for t in tools) + " |",
             "| --- |" + " --- |" * len(tools)]
    lines += [f"| {label} | " + " | ".join(cells[t] for t in tools) + " |" for label, cells in rows]
    loads = sorted({x for t in tools for x in result["full"][t]["load"]})
    lines.append(f"load average (1 min) during the full builds: {loads[0]}-{loads[-1]}")
    lines += [f"skipped: {tool}: {why}" for tool, why in result["skipped"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark factcheck and the Sphinx extension.")
    parser.add_argument("--sizes", default="small,medium", help=f"comma-separated: {', '.join(SIZES)}")
    parser.add_argument("--work", type=Path, help="where to generate projects (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--rounds", type=int, default=1, help="full builds of each tool, interleaved (median)")
    parser.add_argument("--no-parallel", action="store_true", help="skip the -j 2 builds")
    parser.add_argument("--no-anchors", action="store_true", help="skip MyST substitutions and sphinx-needs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = []
        for name in args.sizes.split(","):
            result = run_size(name, work, parallel=not args.no_parallel, rounds=args.rounds,
                              anchors=not args.no_anchors)
            results.append(result)
            print(json.dumps(result), flush=True)
            print(table(result), flush=True)
    if len(results) >= 2:
        a, b = results[-2], results[-1]
        print(json.dumps({"growth": f"{a['size']}->{b['size']}", "pages_x": round(b["pages"] / a["pages"], 1),
                          "check_time_x": round(b["check_cpu_s"] / a["check_cpu_s"], 1)}))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
