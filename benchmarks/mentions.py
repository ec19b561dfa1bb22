"""Precision and recall of the plain-prose checks on the labelled corpus (tests/corpus/).

    .venv/bin/python benchmarks/mentions.py [--verbose] [--json FILE]

Each statement is checked as a draft (``factcheck draft``'s reading: no references) against the
project's registry. A wrong statement is found when an error names one of its labelled facts (any
error, when it lists none); a right statement is a false alarm when it gets any error. Per kind:
recall = found / wrong, precision = found / (found + false alarms), and how often the error's
code is one of the labelled codes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from checks.core.findings import Finding  # noqa: E402
from checks.engine import check_page  # noqa: E402
from checks.pages.extract import extract_page  # noqa: E402
from checks.project import Project  # noqa: E402
from checks.registry.model import Registry  # noqa: E402

CORPUS = REPO / "tests" / "corpus"


@dataclass(frozen=True)
class Case:
    file: str
    number: int
    text: str
    kind: str
    wrong: bool
    facts: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    case: Case
    errors: tuple[Finding, ...]

    @property
    def found(self) -> bool:
        if not self.case.wrong:
            return False
        return any(not self.case.facts or f.fact in self.case.facts for f in self.errors)

    @property
    def false_alarm(self) -> bool:
        return not self.case.wrong and bool(self.errors)

    @property
    def code_agrees(self) -> bool:
        return any(f.code.code in self.case.codes for f in self.errors
                   if not self.case.facts or f.fact in self.case.facts)


def load_corpus(folder: Path = CORPUS) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for number, entry in enumerate(entries, start=1):
            verdict = entry.get("verdict")
            if verdict not in ("wrong", "right"):
                raise SystemExit(f"{path.name}: entry {number}: verdict must be 'wrong' or 'right'")
            cases.append(Case(path.name, number, str(entry["text"]), str(entry.get("kind", "other")),
                              verdict == "wrong", tuple(entry.get("facts") or ()), tuple(entry.get("codes") or ())))
    return cases


def run_case(registry: Registry, case: Case, myst_extensions: frozenset[str] = frozenset()) -> Outcome:
    page = extract_page(case.text + "\n", f"corpus/{case.file}#{case.number}", "corpus", myst_extensions)
    errors = tuple(f for f in check_page(registry, page) if f.severity.value == "error")
    return Outcome(case, errors)


def run(registry: Registry | None = None, cases: list[Case] | None = None) -> list[Outcome]:
    project = Project(REPO)
    registry = registry or project.load_registry()
    extensions = project.myst_extensions()
    return [run_case(registry, case, extensions) for case in (cases if cases is not None else load_corpus())]


def table(outcomes: list[Outcome], by: str = "kind") -> list[dict]:
    """One row per kind (or per corpus file, ``by="file"``), and one for all."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[getattr(outcome.case, by)].append(outcome)
    rows = []
    for kind in [*sorted(groups), "all"]:
        group = outcomes if kind == "all" else groups[kind]
        wrong = [o for o in group if o.case.wrong]
        found = sum(o.found for o in wrong)
        alarms = sum(o.false_alarm for o in group)
        coded = sum(o.code_agrees for o in wrong if o.found)
        rows.append({
            "kind": kind, "statements": len(group), "wrong": len(wrong), "found": found,
            "false_alarms": alarms,
            "recall": round(found / len(wrong), 3) if wrong else None,
            "precision": round(found / (found + alarms), 3) if found + alarms else None,
            "code_agrees": coded,
        })
    return rows


def _cell(value) -> str:
    return "-" if value is None else (f"{value:.0%}" if isinstance(value, float) else str(value))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--json", type=Path, help="also write the table as JSON")
    args = parser.parse_args(argv)
    outcomes = run()
    rows = table(outcomes)
    files = table(outcomes, by="file")
    for title, group in (("kind", rows), ("file", files)):
        print(f"{title:<16} {'statements':>10} {'wrong':>6} {'found':>6} {'false alarms':>13} {'recall':>7} "
              f"{'precision':>10} {'code agrees':>12}")
        for r in group:
            print(f"{r['kind']:<16} {r['statements']:>10} {r['wrong']:>6} {r['found']:>6} {r['false_alarms']:>13} "
                  f"{_cell(r['recall']):>7} {_cell(r['precision']):>10} {r['code_agrees']:>12}")
        print()
    if args.verbose:
        for o in outcomes:
            if (o.case.wrong and not o.found) or o.false_alarm:
                label = "MISSED" if o.case.wrong else "FALSE ALARM"
                print(f"\n{label} {o.case.file}#{o.case.number} [{o.case.kind}] {o.case.text}")
                for f in o.errors:
                    print(f"    {f.code.code} {f.fact}: {f.message}")
    if args.json:
        args.json.write_text(json.dumps({"by_kind": rows, "by_file": files}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
