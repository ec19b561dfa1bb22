"""Load the facts registry from ``facts/*.yaml``: strict, typed, every error with file:line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from collections.abc import Mapping as TextsByPath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks.core.errors import RegistryError, RegistryErrors
from checks.core.findings import Location
from checks.core.gc_pause import collector_paused
from checks.core.text import suggest
from checks.registry.dates import FactDate, InvalidDate, parse_day, parse_fact_date
from checks.registry.model import (
    DERIVATION_RULES,
    PRIMARY_FIELD,
    Citation,
    Derivation,
    Fact,
    Holder,
    Kind,
    Registry,
    Source,
    SourceClaim,
    Superseded,
    fact_digest,
)
from checks.registry.schema import ID_PATTERN, RECORD_FIELDS, STATUSES, VERDICTS
from checks.registry.yaml_lines import Mapping, Sequence, Text, load_yaml

_ID = re.compile(ID_PATTERN)
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
# Parsed YAML takes about 60 times its size in memory: a bound keeps a stray file from exhausting it.
# The explainer's largest file is about 25 kB.
MAX_FILE_BYTES = 4 * 2**20
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    match = suggest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""


def registry_files(facts_dir: Path) -> list[Path]:
    return sorted(p for p in facts_dir.rglob("*.yaml") if not any(part.startswith(".") for part in p.parts))


@dataclass(frozen=True)
class LoadResult:
    """What could be loaded, what could not, and which ids are unavailable because of it.

    ``registry`` holds every record that loaded and whose references all resolve; a record that
    failed, or that names one that failed (directly or through others), is left out and its id is
    in ``unavailable``, so that nothing downstream reports it again as unknown: one slip, one error.
    """

    registry: Registry
    errors: tuple[RegistryError, ...]
    unavailable: frozenset[str]


def load_registry(facts_dir: Path, root: Path | None = None) -> Registry:
    """Load every ``*.yaml`` under ``facts_dir``. Raises :class:`RegistryErrors` listing all problems."""
    result = load_registry_partially(facts_dir, root)
    if result.errors:
        raise RegistryErrors(list(result.errors))
    return result.registry


# A record's id in a file that could not be parsed: enough to know which ids that file defines.
_ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([a-z0-9]+(?:-[a-z0-9]+)*)['\"]?\s*$", re.MULTILINE)


def load_registry_partially(facts_dir: Path, root: Path | None = None,
                            texts: TextsByPath[str, str] | None = None) -> LoadResult:
    """Load what can be loaded; report each problem once, and nothing that only follows from it.

    ``texts``: files as an editor holds them, unsaved, by path relative to ``root``; each is
    loaded instead of the file on disk (or as well as the files on disk, if it is new)."""
    with collector_paused():
        return _load_partially(facts_dir, root, texts)


def _load_partially(facts_dir: Path, root: Path | None, texts: TextsByPath[str, str] | None) -> LoadResult:
    root = root or facts_dir.parent
    texts = texts or {}
    loader = _Loader()
    if not facts_dir.is_dir():
        error = RegistryError(_rel(facts_dir, root), 0,
                              "no facts folder here; run from the project root or pass --root")
        return LoadResult(Registry(facts={}, sources={}, claims={}, files=()), (error,), frozenset())
    on_disk = {_rel(path, root): path for path in registry_files(facts_dir)}
    files = sorted(on_disk.keys() | texts.keys())
    for rel in files:
        if rel in texts:
            loader.load_file(texts[rel], rel)
            continue
        path = on_disk[rel]
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                loader.errors.append(RegistryError(rel, 1, f"file is {size / 2**20:.1f} MB, over the "
                                                   f"{MAX_FILE_BYTES // 2**20} MB limit; split it into several files"))
                loader.note_unreadable(path)
                continue
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            loader.errors.append(RegistryError(rel, 1, "file is not UTF-8 text; save it as UTF-8"))
            loader.note_unreadable(path)
            continue
        except OSError as exc:
            loader.errors.append(RegistryError(rel, 1, f"cannot read file ({exc.strerror})"))
            continue
        loader.load_file(text, rel)
    unavailable = loader.resolve()
    registry = Registry(facts=loader.facts, sources=loader.sources, claims=loader.claims, files=tuple(files))
    errors = tuple(sorted(loader.errors, key=lambda e: (e.path, e.line, e.message)))
    return LoadResult(registry, errors, unavailable)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class _Loader:
    def __init__(self) -> None:
        self.errors: list[RegistryError] = []
        self.facts: dict[str, Fact] = {}
        self.sources: dict[str, Source] = {}
        self.claims: dict[str, SourceClaim] = {}
        self.first_seen: dict[str, Location] = {}
        # (location, kind of target, id, id of the record that refers) checked once everything is loaded
        self.references: list[tuple[Location, str, str, str]] = []
        self.current: str = ""
        # ids of records that failed to load (already reported)
        self.failed_ids: set[str] = set()
        # the parse_* method of each field type, looked up once (about 7 fields a record)
        self.parsers: dict[str, Callable[[Any, str, str], Any]] = {}

    # -- files and records -------------------------------------------------------------------
    def note_unreadable(self, path: Path) -> None:
        """The ids a file that cannot be loaded defines are unavailable, not unknown, where used.
        Read line by line (it may be large or not UTF-8): only lines that look like ``id:`` count."""
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                match = _ID_LINE.match(line)
                if match:
                    self.failed_ids.add(match.group(1))

    def load_file(self, text: str, path: str) -> None:
        try:
            data = load_yaml(text, path)
        except RegistryError as exc:
            self.errors.append(exc)
            # The records of a file that cannot be parsed are unavailable, not unknown.
            self.failed_ids.update(_ID_LINE.findall(text))
            return
        if data is None:
            return  # an empty file holds no records
        if not isinstance(data, Sequence):
            self.failed_ids.update(_ID_LINE.findall(text))
            line = getattr(data, "line", 1)
            self.errors.append(RegistryError(path, line, "a registry file must be a list of records ('- id: ...')"))
            return
        for item in data:
            if not isinstance(item, Mapping):
                self.errors.append(RegistryError(path, getattr(item, "line", data.line),
                                                 "each record must be a mapping with 'id' and 'kind'"))
                continue
            try:
                self.load_record(item, path)
            except RegistryError as exc:
                self.errors.append(exc)
                if isinstance(item.get("id"), Text):  # reported once: not again as 'unknown' where used
                    self.failed_ids.add(str(item["id"]))

    def load_record(self, raw: Mapping, path: str) -> None:
        loc = Location(path, raw.line)
        kind = raw.get("kind")
        if kind is None and "id" not in raw:
            raise RegistryError(path, raw.line, "this '- ' starts a record with neither 'id' nor 'kind': if the "
                                "line continues the record above, remove the '- ' and indent it like the keys there")
        if kind is None or not isinstance(kind, Text):
            raise RegistryError(path, raw.line, "record has no 'kind'; add one of: " + ", ".join(RECORD_FIELDS))
        if kind not in RECORD_FIELDS:
            raise RegistryError(path, kind.line, f"unknown kind '{kind}'{did_you_mean(kind, tuple(RECORD_FIELDS))}; "
                                f"use one of: {', '.join(RECORD_FIELDS)}")
        specs = RECORD_FIELDS[kind]
        for key in raw:
            if key not in specs:
                hint = did_you_mean(key, tuple(specs))
                raise RegistryError(path, raw.key_lines[key],
                                    f"unknown key '{key}' for {_article(kind)} {kind}{hint}; "
                                    f"allowed: {', '.join(specs)}")
        for key in _REQUIRED[kind]:
            if key not in raw:
                raise RegistryError(path, raw.line, f"{kind} record is missing required key '{key}'")
        fid = self.parse_id(raw["id"], path)
        self.current = fid
        if fid in self.first_seen:
            first = self.first_seen[fid]
            raise RegistryError(path, raw["id"].line, f"duplicate id '{fid}' (first defined at {first}); "
                                "give one of them another id")
        self.first_seen[fid] = loc
        values = {key: self.parse_field(type_name, raw[key], path, key, kind)
                  for key, type_name in _VALUE_FIELDS[kind] if key in raw}
        lines = raw.key_lines  # the record's own: nothing else keeps the mapping
        if kind == "source":
            self.sources[fid] = Source(id=fid, title=values["title"], publisher=values["publisher"],
                                       url=values["url"], retrieved=values["retrieved"],
                                       date=values.get("date"), note=values.get("note"), location=loc,
                                       read_via=values.get("read_via"), lines=lines)
            return
        if kind == "source-claim":
            if ("facts" in values) == ("omitted" in values):
                raise RegistryError(path, raw.line, "a source-claim needs exactly one of 'facts' or 'omitted'")
            self._refer((Location(path, raw["source"].line), "source", values["source"]))
            for ref in raw.get("facts", []):
                self._refer((Location(path, ref.line), "fact", str(ref)))
            for ref in raw.get("evidence", []):
                self._refer((Location(path, ref.line), "source", str(ref)))
            self.claims[fid] = SourceClaim(id=fid, source=values["source"], quote=values["quote"],
                                           facts=tuple(values.get("facts", ())), omitted=values.get("omitted"),
                                           evidence=tuple(values.get("evidence", ())), location=loc,
                                           verdict=values.get("verdict"))
            return
        self.load_fact(fid, kind, raw, values, lines, path, loc)

    def load_fact(self, fid: str, kind: str, raw: Mapping, values: dict[str, Any], lines: dict[str, int], path: str,
                  loc: Location) -> None:
        status = values["status"]
        if status == "verified" and "verified" not in values:
            raise RegistryError(path, raw.key_lines["status"],
                                "a verified fact needs 'verified: YYYY-MM-DD' (the day it was last checked)")
        for key, _ in values.get("status_of", ()):
            if key not in raw or key == PRIMARY_FIELD[kind] or RECORD_FIELDS[kind][key].type != "edtf":
                given = [k for k in raw if RECORD_FIELDS[kind][k].type == "edtf" and k != PRIMARY_FIELD[kind]]
                raise RegistryError(path, raw["status_of"].key_lines[key],
                                    f"status_of names '{key}', which is not a dated statement of this {kind}; "
                                    f"name one of: {', '.join(given) or 'none (use status)'}")
        if ("series" in values) != ("ordinal" in values):
            raise RegistryError(path, raw.line, "'series' and 'ordinal' go together; give both or neither")
        disputed_by = tuple(values.pop("disputed_by", ()))
        if disputed_by and status != "disputed":
            raise RegistryError(path, raw.key_lines["disputed_by"],
                                "'disputed_by' lists sources that give another value: set 'status: disputed' "
                                "and say in 'note' which value the registry keeps and why")
        for citation in disputed_by:
            self._refer((citation.location, "source", citation.source))
        values["disputed_by"] = disputed_by
        citations = tuple(values.pop("sources"))
        for citation in citations:
            self._refer((citation.location, "source", citation.source))
        values["citations"] = citations
        values["sources"] = tuple(c.source for c in citations)
        for key in ("organisation", "of", "speaker"):
            if key in raw:
                self._refer((Location(path, raw[key].line), "fact", str(raw[key])))
        for ref in raw.get("participants", []):
            self._refer((Location(path, ref.line), "fact", str(ref)))
        variants = values.pop("variants", {})
        values["accepted"] = tuple(variants.get("accepted", ()))
        values["rejected"] = tuple(variants.get("rejected", ()))
        derivation = values.get("derived")
        if derivation is not None:
            for ref in (derivation.source, derivation.target, derivation.by):
                if ref:
                    self._refer((derivation.location, "fact", ref))
        holders = []
        for h in values.pop("holders", []):
            self._refer((h.location, "fact", h.person))
            holders.append(h)
        values["holders"] = tuple(holders)
        superseded = []
        for entry in values.pop("superseded", []):
            value = self.parse_field(_primary_type(kind), entry.pop("_raw_value"), path, "superseded value", kind)
            self._refer((entry["location"], "source", entry["source"]))
            superseded.append(Superseded(value=value, **entry))
        values["superseded"] = tuple(superseded)
        for key in ("tags", "participants"):
            if key in values:
                values[key] = tuple(values[key])
        self.facts[fid] = Fact(id=fid, kind=_KINDS[kind], location=loc, lines=lines,
                               digest=fact_digest(raw, path), **values)

    def _refer(self, reference: tuple[Location, str, str]) -> None:
        self.references.append((*reference, self.current))

    # -- values ------------------------------------------------------------------------------
    def parse_id(self, value: Any, path: str) -> str:
        if isinstance(value, (list, dict)):
            raise RegistryError(path, getattr(value, "line", 1), f"'id' must be a single value, not a "
                                f"{'list' if isinstance(value, list) else 'mapping'}: write 'id: the-id' on one line")
        if not isinstance(value, Text) or not _ID.match(value):
            line = getattr(value, "line", 1)
            raise RegistryError(path, line, f"id '{value}' is not lowercase kebab-case (like 'congress-7')")
        return str(value)

    def parse_field(self, type_name: str, value: Any, path: str, key: str, kind: str) -> Any:
        parser = self.parsers.get(type_name)
        if parser is None:
            parser = self.parsers[type_name] = getattr(self, "parse_" + type_name.replace("-", "_"))
        try:
            return parser(value, path, key)
        except _WrongType as exc:
            raise RegistryError(path, getattr(value, "line", 1), f"'{key}' {exc}") from None
        except InvalidDate as exc:
            raise RegistryError(path, getattr(value, "line", 1), f"'{key}': {exc}") from None

    def _scalar(self, value: Any) -> Text:
        if not isinstance(value, Text):
            raise _WrongType(f"must be a single value, not a {'list' if isinstance(value, list) else 'mapping'}")
        return value

    def parse_text(self, value: Any, path: str, key: str) -> str:
        text = self._scalar(value)
        if not text.strip():
            raise _WrongType("must not be empty")
        return str(text)

    def parse_slug(self, value: Any, path: str, key: str) -> str:
        return self.parse_id(self._scalar(value), path)

    def parse_edtf(self, value: Any, path: str, key: str) -> FactDate:
        return parse_fact_date(self._scalar(value))

    def parse_day(self, value: Any, path: str, key: str) -> dt.date:
        return parse_day(self._scalar(value))

    def parse_int(self, value: Any, path: str, key: str) -> int:
        text = self._scalar(value)
        if not text.isdigit():
            raise _WrongType(f"must be a whole number, not '{text}'")
        return int(text)

    def parse_number(self, value: Any, path: str, key: str) -> int | float:
        text = self._scalar(value).replace("_", "")
        if not _NUMBER.match(text):
            raise _WrongType(f"must be a number (digits, no commas or units), not '{text}'")
        return float(text) if "." in text else int(text)

    def parse_bool(self, value: Any, path: str, key: str) -> bool:
        text = self._scalar(value)
        if text not in ("true", "false"):
            raise _WrongType(f"must be true or false, not '{text}'")
        return text == "true"

    def parse_url(self, value: Any, path: str, key: str) -> str:
        text = self._scalar(value).strip()
        if not _URL.match(text):
            raise _WrongType(f"must be an http:// or https:// address, not '{text}'")
        return text

    def parse_status(self, value: Any, path: str, key: str) -> str:
        text = self._scalar(value)
        if text not in STATUSES:
            raise _WrongType(f"must be one of {', '.join(STATUSES)}, not '{text}'")
        return str(text)

    def parse_status_of(self, value: Any, path: str, key: str) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, Mapping) or not value:
            raise _WrongType("must map dated fields to a status, e.g. 'status_of: {founded: disputed}'")
        return tuple((str(k), self.parse_field("status", v, path, f"status_of.{k}", "")) for k, v in value.items())

    def _list(self, value: Any) -> Sequence:
        if not isinstance(value, Sequence):
            raise _WrongType("must be a list ([a, b] or '- a' lines)")
        return value

    def parse_texts(self, value: Any, path: str, key: str) -> list[str]:
        return [self.parse_text(v, path, key) for v in self._list(value)]

    def parse_fact_ref(self, value: Any, path: str, key: str) -> str:
        return self.parse_id(self._scalar(value), path)

    parse_source_ref = parse_fact_ref

    def parse_fact_refs(self, value: Any, path: str, key: str) -> list[str]:
        return [self.parse_id(self._scalar(v), path) for v in self._list(value)]

    def parse_source_refs(self, value: Any, path: str, key: str) -> list[str]:
        refs = self.parse_fact_refs(value, path, key)
        if not refs:
            raise _WrongType("must list at least one source id")
        return refs

    def parse_citations(self, value: Any, path: str, key: str) -> list[Citation]:
        citations = []
        for item in self._list(value):
            if isinstance(item, Mapping):
                m = self._mapping(item, ("source", "excerpt"), ("source", "excerpt"), path, "a citation")
                citations.append(Citation(source=self.parse_field("source-ref", m["source"], path, "source", ""),
                                          excerpt=self.parse_field("text", m["excerpt"], path, "excerpt", ""),
                                          location=Location(path, m["source"].line)))
            else:
                citations.append(Citation(source=self.parse_id(self._scalar(item), path), excerpt=None,
                                          location=Location(path, getattr(item, "line", 1))))
        if not citations:
            raise _WrongType("must list at least one source")
        seen = set()
        for citation in citations:
            if citation.source in seen:
                raise RegistryError(path, citation.location.line,
                                    f"source '{citation.source}' is cited twice; keep one citation per source")
            seen.add(citation.source)
        return citations

    def parse_verdict(self, value: Any, path: str, key: str) -> str:
        text = self._scalar(value)
        if text not in VERDICTS:
            raise _WrongType(f"must be one of {', '.join(VERDICTS)}, not '{text}'{did_you_mean(text, VERDICTS)}")
        return str(text)

    def _mapping(self, value: Any, allowed: tuple[str, ...], required: tuple[str, ...], path: str,
                 what: str) -> Mapping:
        if not isinstance(value, Mapping):
            raise _WrongType(f"entries must be mappings ({', '.join(allowed)})")
        for k in value:
            if k not in allowed:
                raise RegistryError(path, value.key_lines[k], f"unknown key '{k}' in {what}{did_you_mean(k, allowed)}; "
                                    f"allowed: {', '.join(allowed)}")
        for k in required:
            if k not in value:
                raise RegistryError(path, value.line, f"{what} is missing required key '{k}'")
        return value

    def parse_variants(self, value: Any, path: str, key: str) -> dict[str, Any]:
        m = self._mapping(value, ("accepted", "rejected"), (), path, "variants")
        return {k: self.parse_texts(v, path, f"variants.{k}") for k, v in m.items()}

    def parse_holders(self, value: Any, path: str, key: str) -> list[Holder]:
        holders = []
        for item in self._list(value):
            m = self._mapping(item, ("person", "start", "end"), ("person",), path, "a holder")
            holders.append(Holder(
                person=self.parse_fact_ref(m["person"], path, "person"),
                start=self.parse_field("edtf", m["start"], path, "start", "") if "start" in m else None,
                end=self.parse_field("edtf", m["end"], path, "end", "") if "end" in m else None,
                location=Location(path, m.line)))
        return holders

    def parse_derivation(self, value: Any, path: str, key: str) -> Derivation:
        m = self._mapping(value, ("rule", "from", "to", "series", "by"), ("rule",), path, "a derivation")
        rule = self.parse_text(m["rule"], path, "rule")
        if rule not in DERIVATION_RULES:
            raise RegistryError(path, m["rule"].line, f"unknown rule '{rule}'{did_you_mean(rule, DERIVATION_RULES)}; "
                                f"use one of: {', '.join(DERIVATION_RULES)}")
        needed = ("series", "by") if rule == "count" else ("from", "to")
        for k in needed:
            if k not in m:
                raise RegistryError(path, m.line, f"a '{rule}' derivation needs '{k}'")
        ref = {k: self.parse_fact_ref(m[k], path, k) if k in m else None for k in ("from", "to", "by")}
        return Derivation(rule=rule, source=ref["from"], target=ref["to"],
                          series=self.parse_slug(m["series"], path, "series") if "series" in m else None,
                          by=ref["by"], location=Location(path, m.line))

    def parse_superseded(self, value: Any, path: str, key: str) -> list[dict[str, Any]]:
        entries = []
        for item in self._list(value):
            m = self._mapping(item, ("value", "reason", "source", "quote"), ("value", "reason", "source"),
                              path, "a superseded value")
            entries.append({
                "_raw_value": m["value"],
                "reason": self.parse_field("text", m["reason"], path, "reason", ""),
                "source": self.parse_field("source-ref", m["source"], path, "source", ""),
                "quote": self.parse_field("text", m["quote"], path, "quote", "") if "quote" in m else None,
                "location": Location(path, m.line),
            })
        return entries

    # -- cross references ----------------------------------------------------------------------
    def resolve(self) -> frozenset[str]:
        """Report references to ids nobody defines; leave out the records that depend on records
        that failed to load (transitively), and return the ids of everything left out."""
        unavailable = set(self.failed_ids)
        for loc, target, ref, _ in self.references:
            pool = self.sources if target == "source" else self.facts
            if ref not in pool and ref not in self.failed_ids:
                hint = did_you_mean(ref, tuple(pool))
                self.errors.append(RegistryError(loc.path, loc.line,
                                                 f"unknown {target} '{ref}'{hint}; define it or fix the id"))
                unavailable.add(ref)
        changed = True
        while changed:
            changed = False
            for _, _, ref, referrer in self.references:
                if ref in unavailable and referrer not in unavailable:
                    unavailable.add(referrer)
                    changed = True
        for fid in unavailable:
            self.facts.pop(fid, None)
            self.sources.pop(fid, None)
            self.claims.pop(fid, None)
        return frozenset(unavailable)


# Per kind, looked up once rather than for every record: its required keys, and its value fields
# (all but id and kind) with their types, in the schema's order (the first bad field is reported).
_REQUIRED = {kind: tuple(k for k, spec in specs.items() if spec.required) for kind, specs in RECORD_FIELDS.items()}
_VALUE_FIELDS = {kind: tuple((k, spec.type) for k, spec in specs.items() if k not in ("id", "kind"))
                 for kind, specs in RECORD_FIELDS.items()}
_KINDS = {kind.value: kind for kind in Kind}


def _primary_type(kind: str) -> str:
    field = PRIMARY_FIELD[kind]
    return RECORD_FIELDS[kind][field].type


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


class _WrongType(Exception):
    pass
