"""Generate synthetic projects shaped like the explainer, at any size.

A project has ``docs/`` (pages of prose with ``{fact}`` references, names, dates and numbers; a facts
page listing the registry; ``conf.py``) and ``facts/`` (people, organisations, offices, events,
quantities, quotations and sources, split into files of at most 500 records, as an editor would).
Everything is deterministic: the same arguments give the same bytes.

    python benchmarks/generate.py OUT --pages 100 --facts 1000

A stub extension (``benchstub``) is written next to ``conf.py``: it defines the same roles and
directives as no-ops, so the same pages build without our extension (``-D extensions=myst_parser,benchstub``).

Two variants write the same pages with another tool's way of naming a value, as anchors for the
benchmark (``--variant``):

- ``myst``: each reference is a MyST substitution, ``{{ person_12 }}``, defined in ``conf.py``'s
  ``myst_substitutions`` (the fact's value; the author's own words are not kept, as a substitution
  has none); no facts page.
- ``needs``: each fact is a sphinx-needs ``req`` item (id ``PERSON_12``, title the fact's label,
  content its value) on a needs page per registry file, and each reference a ``{need}`` role with
  the author's words where the page had them. ``conf.py`` loads ``sphinx_needs``.
"""

from __future__ import annotations

import argparse
import calendar
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

PER_FILE = 500
PREFIX = {"person": "person", "organisation": "org", "office": "office", "event": "event",
          "quantity": "count", "quotation": "quote"}
PLURAL = {"person": "people", "organisation": "organisations", "office": "offices", "event": "events",
          "quantity": "quantities", "quotation": "quotations"}
REFS_PER_PAGE = 12
PARAGRAPHS_PER_PAGE = 6
SURNAMES = ["Kim", "Ri", "Pak", "Choe", "Jang", "Kang", "Han", "O", "Yun", "Jon", "Hwang", "Ro"]
GIVEN = ["Il", "Jong", "Song", "Chol", "Yong", "Hyon", "Nam", "Su", "Man", "Ho", "Chun", "Thae"]
UNITS = ["delegates", "people", "members", "years", "days", "votes"]
FILLER = ["The Congress met to review the work of the Central Committee and to set out a line for the years ahead", "Observers noted the absence of foreign delegations and the length of the reports", "The meeting elected new organs and revised the rules of the party."]

CONF = '''from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for the benchstub extension
extensions = ["myst_parser", "checks.sphinx_ext"]
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
factcheck_root = str(Path(__file__).resolve().parent.parent)
exclude_patterns = ["_build"]
project = "Benchmark"
'''

STUB = '''"""No-op stand-ins for the factcheck roles and directives: the same pages build without it."""
from docutils import nodes
from sphinx.util.docutils import SphinxDirective, SphinxRole


class Text(SphinxRole):
    def run(self):
        words = self.text.rsplit("<", 1)[0].strip() if self.text.endswith(">") else self.text
        return [nodes.inline(self.rawtext, words or self.text)], []


class Nothing(SphinxDirective):
    has_content = True
    optional_arguments = 1
    option_spec = {"kind": str}

    def run(self):
        return []


def setup(app):
    app.add_config_value("factcheck_root", "", "env")
    for role in ("fact", "nofact"):
        app.add_role(role, Text())
    for name in ("fact-index", "source-index", "corrections", "fact-timeline"):
        app.add_directive(name, Nothing)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


@dataclass
class Fact:
    id: str
    kind: str
    yaml: str
    words: list[str] = field(default_factory=list)  # ways to write it in prose that agree with it


def _date(rng: random.Random, year: int | None = None) -> tuple[str, list[str]]:
    """An EDTF date (in ``year`` if given) and prose that agrees with it."""
    year = year if year is not None else rng.randint(1900, 2020)
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    name = calendar.month_name[month]
    form = rng.random()
    if form < 0.3:
        return str(year), [str(year), f"in {year}"]
    if form < 0.5:
        return f"{year}-{month:02d}", [f"{name} {year}", str(year)]
    if form < 0.85:
        return f"{year}-{month:02d}-{day:02d}", [f"{day} {name} {year}", f"{name} {day}, {year}", str(year)]
    end = min(day + rng.randint(1, 4), calendar.monthrange(year, month)[1])
    if end == day:
        return f"{year}-{month:02d}-{day:02d}", [f"{day} {name} {year}"]
    return f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{end:02d}", [f"{day}\u2013{end} {name} {year}", f"{name} {year}"]


def make_facts(n: int, rng: random.Random) -> tuple[list[Fact], list[str]]:
    n_sources = max(2, n // 20)
    sources = [f"src-{i}" for i in range(n_sources)]
    source_yaml = [
        f"- id: {sid}\n  kind: source\n  title: Report number {i} on the Congress\n"
        f"  publisher: Publisher {i % 7}\n  date: {2000 + i % 20}-05-0{1 + i % 9}\n"
        f"  url: https://example.org/reports/{i}\n  retrieved: 2026-11-28\n"
        for i, sid in enumerate(sources)]
    facts: list[Fact] = []
    people: list[str] = []
    organisations: list[str] = []
    counts = {"person": 0.3, "organisation": 0.05, "office": 0.1, "event": 0.3, "quantity": 0.2, "quotation": 0.05}
    kinds = [k for k, share in counts.items() for _ in range(max(1, round(share * 100)))]
    for i in range(n):
        kind = kinds[i % len(kinds)] if i >= 6 else list(counts)[i]
        src = ", ".join(rng.sample(sources, k=min(2, len(sources))))
        common = f"  sources: [{src}]\n  status: verified\n  verified: 2026-11-28\n"
        fid = f"{PREFIX[kind]}-{i}"
        if kind == "person":
            given = f"{rng.choice(GIVEN)} {rng.choice(GIVEN).lower()}"
            name = f"{rng.choice(SURNAMES)} {given.split()[0]} {given.split()[1].capitalize()}"
            variant = name.replace(" ", "-", 2).replace("-", " ", 1)
            born, _ = _date(rng, rng.randint(1900, 1990))  # before any office is held (2016)
            yaml_text = (f"- id: {fid}\n  kind: person\n  label: {name} ({i})\n  name: {name}\n"
                         f"  born: {born.split('/')[0]}\n  variants:\n    accepted: [{variant}]\n" + common)
            facts.append(Fact(fid, kind, yaml_text, [name, f"{name}\u2019s", variant]))
            people.append(fid)
        elif kind == "organisation":
            name = f"Committee number {i}"
            yaml_text = (f"- id: {fid}\n  kind: organisation\n  label: {name}\n  name: {name}\n  short: C{i}\n"
                         + common)
            facts.append(Fact(fid, kind, yaml_text, [name, f"C{i}"]))
            organisations.append(fid)
        elif kind == "office" and people and organisations:
            name = f"Secretary of committee {i}"
            holder = rng.choice(people)
            yaml_text = (f"- id: {fid}\n  kind: office\n  label: {name}\n  name: {name}\n"
                         f"  organisation: {rng.choice(organisations)}\n"
                         f"  holders:\n    - person: {holder}\n      start: 2016-05-09\n" + common)
            facts.append(Fact(fid, kind, yaml_text, [name]))
        elif kind == "event" or kind == "office":  # an office before any person exists: an event
            fid = f"event-{i}"
            if i % 3 == 0:  # a numbered meeting: later ordinals in later years, as a series must be
                ordinal = i // 300 + 1
                date, words = _date(rng, 1899 + ordinal)
                series = f"  series: meetings-{i % 300}\n  ordinal: {ordinal}\n"
            else:
                date, words = _date(rng)
                series = ""
            yaml_text = (f"- id: {fid}\n  kind: event\n  label: Meeting number {i}\n  name: Meeting {i}\n"
                         f"  date: {date}\n{series}" + common)
            facts.append(Fact(fid, "event", yaml_text, words))
        elif kind == "quantity":
            value = rng.randint(2, 5000)
            unit = rng.choice(UNITS)
            yaml_text = (f"- id: {fid}\n  kind: quantity\n  label: Count number {i}\n  value: {value}\n"
                         f"  unit: {unit}\n" + common)
            facts.append(Fact(fid, kind, yaml_text, [f"{value:,} {unit}", str(value)]))
        else:  # quotation
            speaker = rng.choice(people) if people else None
            if speaker is None:
                continue
            text = f"We shall build the economy number {i} and raise living standards"
            yaml_text = (f"- id: {fid}\n  kind: quotation\n  label: Speech number {i}\n  text: {text}\n"
                         f"  speaker: {speaker}\n  language: en\n" + common)
            facts.append(Fact(fid, kind, yaml_text, [f"\u201c{text}\u201d", "\u201cbuild the economy\u201d"]))
    return facts, source_yaml


VARIANTS = ("factcheck", "myst", "needs")


def substitution_key(fact_id: str) -> str:
    return fact_id.replace("-", "_")


def need_id(fact_id: str) -> str:
    return fact_id.replace("-", "_").upper()


def reference(variant: str, fact: Fact, words: str | None) -> str:
    """One reference to ``fact`` (with the author's ``words``, if any) as the variant writes it."""
    if variant == "myst":
        return f"{{{{ {substitution_key(fact.id)} }}}}"
    if variant == "needs":
        return f"{{need}}`{words} <{need_id(fact.id)}>`" if words else f"{{need}}`{need_id(fact.id)}`"
    return f"{{fact}}`{words} <{fact.id}>`" if words else f"{{fact}}`{fact.id}`"


def label_of(fact: Fact) -> str:
    return next(line.split(": ", 1)[1] for line in fact.yaml.splitlines() if line.startswith("  label: "))


def generate(out: Path, pages: int, facts: int, seed: int = 7, variant: str = "factcheck") -> dict:
    """Write a project to ``out`` (replacing it). Returns which pages use which fact."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}: one of {', '.join(VARIANTS)}")
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    (out / "facts").mkdir()
    registry, sources = make_facts(facts, rng)
    by_kind: dict[str, list[Fact]] = {}
    for fact in registry:
        by_kind.setdefault(fact.kind, []).append(fact)
    for kind, items in sorted(by_kind.items()):
        for start in range(0, len(items), PER_FILE):
            chunk = items[start:start + PER_FILE]
            (out / "facts" / f"{PLURAL[kind]}-{start // PER_FILE + 1}.yaml").write_text(
                "".join(f.yaml for f in chunk), encoding="utf-8")
    for start in range(0, len(sources), PER_FILE):
        (out / "facts" / f"sources-{start // PER_FILE + 1}.yaml").write_text(
            "".join(sources[start:start + PER_FILE]), encoding="utf-8")

    uses: dict[str, set[str]] = {}
    names = [f"page-{i:04d}" for i in range(pages)]
    for p, docname in enumerate(names):
        lines = [f"# Page {p}: the Congress and its aftermath", ""]
        for para in range(PARAGRAPHS_PER_PAGE):
            sentences = []
            for _ in range(REFS_PER_PAGE // PARAGRAPHS_PER_PAGE):
                fact = registry[rng.randrange(len(registry))]
                uses.setdefault(fact.id, set()).add(docname)
                words = None if rng.random() < 0.4 else rng.choice(fact.words)
                ref = reference(variant, fact, words)
                sentences.append(f"{rng.choice(FILLER)} ({ref})")
            sentences.append(f"In {{nofact}}`two of the {rng.randint(3, 9)} sessions` delegates spoke")
            lines.append(".\n".join(sentences) + ".")
            lines.append("")
        (out / "docs" / f"{docname}.md").write_text("\n".join(lines), encoding="utf-8")
    listings = ["facts"]
    conf = CONF
    if variant == "factcheck":
        (out / "docs" / "facts.md").write_text(
            "# Facts\n\n```{fact-index}\n```\n\n## Sources\n\n```{source-index}\n```\n", encoding="utf-8")
    elif variant == "myst":
        listings = []
        values = {substitution_key(f.id): f.words[0] for f in registry}
        conf = conf.replace('"checks.sphinx_ext"]', '"benchstub"]').replace(
            '"smartquotes"]', '"smartquotes", "substitution"]')
        conf += "myst_substitutions = {\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in values.items()) + "}\n"
    else:
        listings = needs_pages(out / "docs", by_kind)
        conf = conf.replace('"checks.sphinx_ext"]', '"sphinx_needs", "benchstub"]')
    toc = "\n".join(names + listings)
    (out / "docs" / "index.md").write_text(f"# Benchmark\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n",
                                           encoding="utf-8")
    (out / "docs" / "conf.py").write_text(conf, encoding="utf-8")
    (out / "docs" / "benchstub.py").write_text(STUB, encoding="utf-8")
    return {"facts": len(registry), "pages": pages + 1 + len(listings), "uses": {k: sorted(v) for k, v in uses.items()}}


def needs_pages(docs: Path, by_kind: dict[str, list[Fact]]) -> list[str]:
    """One page of sphinx-needs items per registry file (as the facts are split into files)."""
    names = []
    for kind, items in sorted(by_kind.items()):
        for start in range(0, len(items), PER_FILE):
            name = f"needs-{PLURAL[kind]}-{start // PER_FILE + 1}"
            blocks = [f"# {PLURAL[kind].capitalize()} {start // PER_FILE + 1}\n"]
            for fact in items[start:start + PER_FILE]:
                blocks.append(f"```{{req}} {label_of(fact)}\n:id: {need_id(fact.id)}\n\n{fact.words[0]}\n```\n")
            (docs / f"{name}.md").write_text("\n".join(blocks), encoding="utf-8")
            names.append(name)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--facts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--variant", choices=VARIANTS, default="factcheck")
    args = parser.parse_args()
    info = generate(args.out, args.pages, args.facts, args.seed, args.variant)
    print(f"{args.out}: {info['pages']} pages, {info['facts']} facts")


if __name__ == "__main__":
    main()
