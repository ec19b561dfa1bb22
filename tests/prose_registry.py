"""A small registry for the prose checks' tests (names, quotes, coverage, sources), in YAML as
an editor writes it, loaded by the real loader."""

from __future__ import annotations

from pathlib import Path

from conftest import MYST

from checks.pages.extract import extract_page
from checks.pages.model import Page
from checks.registry.loader import load_registry

FACTS = """\
- id: kim-il-sung
  kind: person
  label: Kim Il Sung
  name: Kim Il Sung
  variants:
    accepted: [Kim Il-sung]
    rejected: [Kim Il Sun]
  sources: [src-a]
  status: verified
  verified: 2026-11-28
- id: kim-jong-il
  kind: person
  label: Kim Jong Il
  name: Kim Jong Il
  variants:
    accepted: [Kim Jong-il, Kim Chong Il]
  sources: [src-a]
  status: verified
  verified: 2026-11-28
- id: kim-jong-un
  kind: person
  label: Kim Jong Un
  name: Kim Jong Un
  variants:
    accepted: [Kim Jong-un]
    rejected: [Kim Jung Un]
  sources: [src-a]
  status: verified
  verified: 2024-01-01
- id: wpk
  kind: organisation
  label: Workers' Party of Korea
  name: Workers' Party of Korea
  short: WPK
  variants:
    accepted: [Korean Workers' Party, KWP, W.P.K.]
    rejected: [Workers Party of Korea]
  sources: [src-a]
  status: verified
  verified: 2026-11-28
- id: dprk
  kind: organisation
  label: North Korea
  name: Democratic People's Republic of Korea
  short: DPRK
  variants:
    accepted: [North Korea, DPR Korea]
  sources: [src-a]
  status: verified
  verified: 2026-11-28
- id: wpk-first-secretary
  kind: office
  name: First Secretary of the Workers' Party of Korea
  organisation: wpk
  label: First Secretary of the WPK
  variants:
    accepted: [First Secretary, First-Secretary]
  sources: [src-a]
  status: verified
  verified: 2026-11-28
- id: congress-7
  kind: event
  date: 2016-05-06/2016-05-09
  name: 7th Congress of the Workers' Party of Korea
  label: 7th Congress
  sources: [src-a]
  status: verified
  verified: 2026-11-28
- id: arirang
  kind: event
  date: 2002
  name: Arirang Mass Games
  label: Arirang Mass Games first staged
  variants:
    accepted: [Arirang]
  sources: [src-a]
  status: verified
  verified: 2026-11-28
- id: quote-living
  kind: quotation
  text: Our Party maintains the improvement of the people's living conditions as the most important of the numerous state affairs.
  speaker: kim-jong-un
  date: 2016-01-01
  language: en
  label: New Year address 2016
  sources: [src-a]
  status: verified
  verified: 2026-11-28
- id: delegates-7
  kind: quantity
  value: 3467
  unit: delegates
  date: 2016-05-06
  of: congress-7
  label: Delegates at the 7th Congress
  sources: [src-a]
  status: verified
  verified: 2026-11-28
"""

SOURCES = """\
- id: src-a
  kind: source
  title: A source every fact cites
  publisher: Example
  url: https://example.org/a
  retrieved: 2026-11-28
- id: qa
  kind: source
  title: The Q&A
  publisher: Example
  url: https://example.org/qa
  retrieved: 2026-11-28
- id: qa-claim-delegates
  kind: source-claim
  source: qa
  quote: "some 3,000 delegates will gather in Pyongyang for the first congress in decades"
  facts: [delegates-7]
  verdict: correct
"""


def make_registry(tmp_path: Path, facts: str = FACTS, sources: str = SOURCES):
    folder = tmp_path / "facts"
    folder.mkdir(exist_ok=True)
    (folder / "facts.yaml").write_text(facts, encoding="utf-8")
    (folder / "sources.yaml").write_text(sources, encoding="utf-8")
    return load_registry(folder, tmp_path)


def page(text: str, path: str = "docs/page.md") -> Page:
    return extract_page(text, path, path.removeprefix("docs/").removesuffix(".md"), MYST)
