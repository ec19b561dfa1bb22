"""The one list of diagnostic codes. Each member's description is its documentation.

Checks refer to codes from here; the contributing page renders this list; the Sphinx adapter
emits each finding as the warning type ``factcheck.<code>``.
"""

from __future__ import annotations

import enum


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Code(enum.Enum):
    """A diagnostic code: ``(code, severity, one-line description)``."""

    def __init__(self, code: str, severity: Severity, description: str) -> None:
        self.code = code
        self.severity = severity
        self.description = description

    # Registry and references
    REGISTRY_INVALID = ("registry.invalid", Severity.ERROR,
                        "A registry file cannot be loaded: malformed YAML, unknown key, wrong type, "
                        "duplicate id, invalid date or a reference to a missing fact or source.")
    REF_UNKNOWN = ("ref.unknown", Severity.ERROR,
                   "A {fact} reference names an id that is not in the registry.")
    REF_MALFORMED = ("ref.malformed", Severity.ERROR,
                     "A {fact} role cannot be read (empty, or an unclosed <id>).")
    # Text against value
    DATE_MISMATCH = ("date.mismatch", Severity.ERROR,
                     "A year, month or day written in a reference falls outside the fact's date.")
    DATE_TOO_PRECISE = ("date.too-precise", Severity.WARNING,
                        "A date written more precisely than the registry knows it (a day for a year).")
    DATE_MISSING = ("date.missing", Severity.WARNING,
                    "A reference to a dated event states neither a date, its ordinal nor its name.")
    NAME_MISMATCH = ("name.mismatch", Severity.ERROR,
                     "A reference's words are not the canonical name, short form or an accepted variant.")
    NUMBER_MISMATCH = ("number.mismatch", Severity.ERROR,
                       "A number written in a reference differs from the fact's value or ordinal.")
    QUOTE_MISMATCH = ("quote.mismatch", Severity.ERROR,
                      "Quoted words differ from the quotation's exact wording (omissions need an ellipsis).")

    @classmethod
    def by_code(cls, code: str) -> "Code":
        for member in cls:
            if member.code == code:
                return member
        raise KeyError(code)
