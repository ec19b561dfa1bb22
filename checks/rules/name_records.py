"""Names as the registry records them: each in its script, and no two things under one name.

A ``hangul`` field holds Hangul (syllables or jamo; spaces, hyphens and a middle dot between
them); the romanised fields (``name``, ``short``, variants) hold no Hangul or Chinese characters,
which belong in ``hangul``. Two facts of one kind do not share a canonical name or a Hangul name
(two people called Kim Il Sung are two entries a reader cannot tell apart) unless the note of one
of them names the other's id, saying why.
"""

from __future__ import annotations

import re
import unicodedata

from checks.core.codes import Code
from checks.core.findings import Finding
from checks.core.text import normalise
from checks.registry.model import NAMED_KINDS, Fact, Registry

_BETWEEN_WORDS = set(" -\u00b7\u30fb")  # space, hyphen, middle dots
_ROMANISED_FIELDS = ("name", "short", "accepted", "rejected")


def _is_hangul(char: str) -> bool:
    return unicodedata.name(char, "").startswith("HANGUL ")


def _is_east_asian(char: str) -> bool:
    """Hangul, or a Chinese character (Hanja) as Unicode names them."""
    name = unicodedata.name(char, "")
    return name.startswith(("HANGUL ", "CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


def check_name_scripts(registry: Registry) -> list[Finding]:
    findings = []
    for fact in (f for kind in NAMED_KINDS for f in registry.of_kind(kind)):
        if fact.hangul is not None:
            wrong = sorted({c for c in fact.hangul if not _is_hangul(c) and c not in _BETWEEN_WORDS})
            if wrong or not any(_is_hangul(c) for c in fact.hangul):
                shown = ", ".join(f"'{c}'" for c in wrong) or "no Hangul at all"
                findings.append(Finding(Code.NAME_SCRIPT, fact.line_of("hangul"),
                                        f"{fact.id}: hangul '{fact.hangul}' has {shown}: write the name in "
                                        f"Hangul only (romanisations go in name or variants)", fact=fact.id))
        for key in _ROMANISED_FIELDS:
            values = getattr(fact, key)
            for value in (values if isinstance(values, tuple) else (values,)):
                if value and any(_is_east_asian(c) for c in value):
                    where = "variants" if key in ("accepted", "rejected") else key
                    findings.append(Finding(Code.NAME_SCRIPT, fact.line_of(where),
                                            f"{fact.id}: {key} '{value}' is in Korean or Chinese script: put "
                                            f"the Hangul in 'hangul' and write {key} romanised", fact=fact.id))
    return findings


def check_name_uniqueness(registry: Registry) -> list[Finding]:
    findings = []
    for kind in NAMED_KINDS:
        for key in ("name", "hangul"):
            first: dict[str, Fact] = {}
            for fact in registry.of_kind(kind):
                value = getattr(fact, key)
                if not value:
                    continue
                folded = normalise(value).casefold()
                other = first.setdefault(folded, fact)
                if other is fact or _explained(fact, other):
                    continue
                findings.append(Finding(
                    Code.NAME_DUPLICATE, fact.line_of(key),
                    f"{fact.id} and {other.id} are both {kind}s with the {key} '{value}': if they are two, "
                    f"say in one's note how it differs from the other (naming its id); if one, merge them",
                    fact=fact.id, related=other.line_of(key)))
    return findings


def _explained(one: Fact, other: Fact) -> bool:
    """A note on either fact that names the other's id says why they share a name."""
    return _names_id(one.note, other.id) or _names_id(other.note, one.id)


def _names_id(note: str | None, fact_id: str) -> bool:
    return bool(note) and re.search(r"(?<![\w-])" + re.escape(fact_id) + r"(?![\w-])", note or "") is not None
