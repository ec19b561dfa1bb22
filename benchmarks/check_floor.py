"""`factcheck check` against its floor, and the registry load, at several sizes.

    .venv/bin/python benchmarks/check_floor.py [--sizes medium,large] [--project DIR] [--rounds 3]
                                               [--work DIR] [--json FILE]

The floor is what any check of a project must spend: start Python, import the YAML and Markdown
parsers, read every registry file with PyYAML's C loader (plain values, no lines) and parse every
page with MyST's own markdown-it parser (the site's syntax extensions). ``factcheck check`` does
that and more: values typed and kept with their lines, cross-file checks, every page check, the
report. Both run in child processes, interleaved (floor, check, load, floor, check, load, ...), and
each is timed by the CPU time of its process (user + system, from ``os.wait4``), because the machine
is shared: wall time is printed beside it. The floor's child reports the CPU time of each part.

The registry load is ``load_registry_partially`` (what the CLI, the build and the editor server
load) timed in its own child, without the imports. Medians over the rounds are printed, with the
load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

SIZES = {"small": (10, 100), "medium": (100, 1000), "large": (1000, 10000)}
PY = sys.executable
REPO = Path(__file__).resolve().parent.parent

# Run in a child with the project's root as argv[1] and the MyST extensions (comma-separated) as
# argv[2]. Prints the CPU time of each part as JSON.
FLOOR = r"""
import time
started = time.process_time()  # the interpreter's start-up, up to this line
import json, sys
from pathlib import Path
import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
imported = time.process_time()
root = Path(sys.argv[1])
for path in sorted((root / "facts").rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)
loaded = time.process_time()
extensions = {e for e in sys.argv[2].split(",") if e}
md = create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)
pages = 0
for path in sorted((root / "docs").rglob("*.md")):
    if "_build" in path.parts:
        continue
    md.parse(path.read_text(encoding="utf-8"))
    pages += 1
parsed = time.process_time()
print(json.dumps({"start": started, "imports": imported - started, "yaml": loaded - imported,
                  "markdown": parsed - loaded, "pages": pages}))
"""

# argv[1]: the project's root. Prints the CPU time of one registry load, after the imports.
LOAD = r"""
import json, sys, time
from pathlib import Path
from checks.registry.loader import load_registry_partially
before = time.process_time()
result = load_registry_partially(Path(sys.argv[1]) / "facts")
after = time.process_time()
print(json.dumps({"load": after - before, "facts": len(result.registry.facts), "errors": len(result.errors)}))
"""


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """(CPU seconds, wall seconds, standard output) of one child process; CPU time from its own
    resource usage (``os.wait4``), so other processes on the machine do not count."""
    with tempfile.TemporaryFile(mode="w+") as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=errors, text=True)
        out = proc.stdout.read() if proc.stdout else ""
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        if code not in (0, 1):  # 1: the check found errors, as it does on generated projects
            errors.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} exited {code}:\n{errors.read()[-3000:]}")
    return usage.ru_utime + usage.ru_stime, wall, out


def myst_extensions(root: Path) -> str:
    from checks.project import Project

    return ",".join(sorted(Project(root).myst_extensions()))


def measure(name: str, root: Path, rounds: int) -> dict:
    extensions = myst_extensions(root)
    factcheck = str(Path(PY).with_name("factcheck"))
    samples: dict[str, list[float]] = {k: [] for k in (
        "start", "imports", "yaml", "markdown", "floor", "floor_wall", "check", "check_wall", "load")}
    load_before = os.getloadavg()[0]
    info: dict = {}
    for _ in range(rounds):
        cpu, wall, out = run([PY, "-c", FLOOR, str(root), extensions])
        parts = json.loads(out)
        for key in ("start", "imports", "yaml", "markdown"):
            samples[key].append(parts[key])
        samples["floor"].append(cpu)
        samples["floor_wall"].append(wall)
        info["pages"] = parts["pages"]
        cpu, wall, out = run([factcheck, "check", "--root", str(root), "--color", "never"])
        samples["check"].append(cpu)
        samples["check_wall"].append(wall)
        info["summary"] = out.strip().splitlines()[-1] if out.strip() else ""
        _, _, out = run([PY, "-c", LOAD, str(root)], cwd=REPO)
        loaded = json.loads(out)
        samples["load"].append(loaded["load"])
        info["facts"] = loaded["facts"]
    median = {k: statistics.median(v) for k, v in samples.items()}
    return {"name": name, "root": str(root), **info, "rounds": rounds, "median": median, "samples": samples,
            "ratio": median["check"] / median["floor"], "load_average": (load_before, os.getloadavg()[0])}


def print_table(results: list[dict]) -> None:
    names = [r["name"] for r in results]
    rows = [
        ("Python start (CPU)", "start"), ("imports: yaml, markdown-it, MyST's parser", "imports"),
        ("YAML load, PyYAML C loader, plain values", "yaml"), ("markdown-it parse of every page", "markdown"),
        ("**floor** (the floor's whole process)", "floor"), ("`factcheck check` (whole process)", "check"),
        ("registry load (`load_registry_partially`, after imports)", "load"),
    ]
    print("| measure | " + " | ".join(names) + " |")
    print("| --- | " + " | ".join("---" for _ in names) + " |")
    print("| pages, facts | " + " | ".join(f"{r['pages']:,}, {r['facts']:,}" for r in results) + " |")
    for label, key in rows:
        print(f"| {label} | " + " | ".join(f"{r['median'][key]:.2f} s" for r in results) + " |")
    print("| check / floor | " + " | ".join(f"{r['ratio']:.2f}" for r in results) + " |")
    print("| wall: floor, check | " + " | ".join(
        f"{r['median']['floor_wall']:.2f} s, {r['median']['check_wall']:.2f} s" for r in results) + " |")
    print("| load average (before, after) | " + " | ".join(
        f"{r['load_average'][0]:.1f}, {r['load_average'][1]:.1f}" for r in results) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="factcheck check against its floor; registry load time.")
    parser.add_argument("--sizes", default="medium,large", help=f"comma-separated: {', '.join(SIZES)} (or none)")
    parser.add_argument("--project", type=Path, action="append", default=[],
                        help="also measure this project (a root with docs/ and facts/); repeatable")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, help="where to generate projects (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    sizes = [s for s in args.sizes.split(",") if s and s != "none"]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        for project in args.project:
            results.append(measure(project.resolve().name, project.resolve(), args.rounds))
        for size in sizes:
            pages, facts = SIZES[size]
            root = work / size
            generate(root, pages=pages, facts=facts)
            results.append(measure(size, root, args.rounds))
    print_table(results)
    for r in results:
        print(f"{r['name']}: {r['summary']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
