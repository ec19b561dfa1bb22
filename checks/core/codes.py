"""The one list of diagnostic codes. Each member's description is its documentation.

Checks refer to codes from here; the contributing page renders this list; the Sphinx adapter
emits each finding as the warning type ``factcheck.<code>``.
"""

from __future__ import annotations

import enum


class Severity(str, enum.Enum):  # noqa: UP042 - StrEnum would change str(member) and f-strings
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
                     "A year, month or day written in a reference, or in plain prose next to a mention of a "
                     "dated fact (the 4th Congress, Kim Il Sung's death), falls outside the fact's date.")
    DATE_TOO_PRECISE = ("date.too-precise", Severity.WARNING,
                        "A date written more precisely than the registry knows it (a day for a year).")
    DATE_WEEKDAY = ("date.weekday", Severity.ERROR,
                    "A weekday written with a date does not fall on that date ('Sunday, 6 May 2016').")
    DATE_MISSING = ("date.missing", Severity.WARNING,
                    "A reference to a dated event states neither a date, its ordinal nor its name.")
    NAME_MISMATCH = ("name.mismatch", Severity.ERROR,
                     "A reference's words are not the canonical name, short form or an accepted variant.")
    NUMBER_MISMATCH = ("number.mismatch", Severity.ERROR,
                       "A number written in a reference differs from the fact's value or ordinal, or a number "
                       "with a unit, a duration, an anniversary or a count in plain prose differs from the "
                       "quantity of the fact it is written with.")
    QUOTE_MISMATCH = ("quote.mismatch", Severity.ERROR,
                      "Quoted words differ from the quotation's exact wording; the message names the words that "
                      "differ (omissions need an ellipsis).")
    # Names in prose (checks/names.py)
    NAME_REJECTED = ("name.rejected", Severity.ERROR,
                     "Prose uses a registered rejected spelling of a name (a known misspelling).")
    NAME_VARIANT = ("name.variant", Severity.WARNING,
                    "Prose uses an accepted variant where house style wants the canonical name "
                    "(another romanisation of a person, or a hyphen or capital spelling variant).")
    NAME_NEAR_MISS = ("name.near-miss", Severity.WARNING,
                      "Prose has a name one slip away from a registered name (a letter, an apostrophe).")
    NAME_SCRIPT = ("name.script", Severity.ERROR,
                   "A name field holds the wrong script: a 'hangul' field anything but Hangul, or a "
                   "romanised name (name, short, variants) Hangul or Chinese characters.")
    NAME_DUPLICATE = ("name.duplicate", Severity.ERROR,
                      "Two facts of one kind share a canonical name or a Hangul name, and neither's note names "
                      "the other's id to say why.")
    NAME_CAPITALISATION = ("name.capitalisation", Severity.WARNING,
                           "A party body or title is capitalised against the house style table in checks/names.py.")
    # Quotations in prose (checks/rules/quotes.py)
    QUOTE_UNATTRIBUTED = ("quote.unattributed", Severity.WARNING,
                          "A passage in quotation marks in prose (of any length) quotes no registered "
                          "quotation and is not marked as a term, title or name with {phrase}.")
    QUOTE_MISATTRIBUTED = ("quote.misattributed", Severity.ERROR,
                           "A registered quotation is attributed in prose to someone other than its speaker "
                           "('Kim Jong Un said' for words of the Commission of Inquiry).")
    # Coverage (checks/coverage.py)
    CLAIM_UNCITED = ("claim.uncited", Severity.WARNING,
                     "A year, date, number with a unit or registered name in prose is not backed by a {fact} "
                     "reference (a name counts once the page has referenced its fact); where the sentence "
                     "mentions the fact it agrees with, the suggestion is the reference to write.")
    COVERAGE_UNSTATED = ("coverage.unstated", Severity.WARNING,
                         "A source claim lists facts, but no page references any of them.")
    # Sources and freshness (checks/sources.py)
    SOURCE_UNUSED = ("source.unused", Severity.WARNING,
                     "A source is registered but no fact, superseded value or source claim cites it.")
    EVIDENCE_MISSING = ("evidence.missing", Severity.WARNING,
                        "A fact cites a source without an excerpt: the source's exact words that state the value.")
    EVIDENCE_UNSUPPORTED = ("evidence.unsupported", Severity.ERROR,
                            "A citation's excerpt does not state the fact's value (date, number, name or "
                            "quoted words), or no excerpt states a lifetime or existence date the fact gives.")
    CORRECTION_UNRECORDED = ("correction.unrecorded", Severity.ERROR,
                             "A source claim judged 'corrected' has no superseded value recorded on its facts.")
    DATE_FUTURE = ("date.future", Severity.ERROR,
                   "A source's retrieved day or a fact's verified day is after today (factcheck check only: "
                   "the site build does not read the calendar).")
    FACT_STALE = ("fact.stale", Severity.WARNING,
                  "A fact was last verified longer ago than [tool.factcheck] stale_after_days (default 730).")

    # Chronology and derived facts
    CHRONOLOGY_ORDER = ("chronology.order", Severity.ERROR,
                        "Dates out of order: facts of an ordered series (the Congresses, the Conferences), or "
                        "an interval that ends before it starts (death before birth, dissolution before "
                        "founding, abolition before creation, a term's end before its start, a source "
                        "published after the day it was retrieved).")
    CHRONOLOGY_ORDINAL = ("chronology.ordinal", Severity.ERROR,
                          "Two facts of a series share an ordinal (two '7th Congresses').")
    DERIVED_MISMATCH = ("derived.mismatch", Severity.ERROR,
                        "A duration, anniversary or count differs from what its rule computes from the facts it names.")
    DERIVED_UNRESOLVABLE = ("derived.unresolvable", Severity.ERROR,
                            "A derived value names a fact without a usable date, or dates too imprecise for its rule.")
    DERIVED_CYCLE = ("derived.cycle", Severity.ERROR,
                     "Derived facts name each other in a cycle, so none of them can be computed.")
    # Lifetimes, existence and offices
    LIFETIME_EVENT = ("lifetime.event", Severity.ERROR,
                      "An event lists a participant who was not alive at its date.")
    LIFETIME_OFFICE = ("lifetime.office", Severity.ERROR,
                       "Someone holds an office before birth, or after death when the title is not posthumous "
                       "(a term that starts or ends after the holder's death).")
    LIFETIME_QUOTATION = ("lifetime.quotation", Severity.ERROR,
                          "A quotation is dated before its speaker was born or after the speaker died.")
    LIFETIME_POSTHUMOUS = ("lifetime.posthumous", Severity.ERROR,
                           "A posthumous title or honour is dated before the holder's death.")
    LIFETIME_PROSE = ("lifetime.prose", Severity.ERROR,
                      "Prose has a person act at a date before their birth or after their death (reported "
                      "history such as 'posthumously' or 'after his death' excepted).")
    EXISTENCE_ANACHRONISM = ("existence.anachronism", Severity.ERROR,
                             "An organisation, office or event series is named at a date outside its existence: "
                             "in prose, or in the registry (a holder's term, a quotation's speaker, a measured "
                             "quantity, an event's participant, an office of an organisation).")
    OFFICE_NOT_HELD = ("office.not-held", Severity.ERROR,
                       "A title is given to a person who did not hold it at the date in question.")
    SUPERSEDED_REUSED = ("superseded.reused", Severity.ERROR,
                         "A value the registry marks as superseded (known wrong) reappears with its fact, in a "
                         "reference's line or a sentence that mentions the fact (also in other words), or the "
                         "source's recorded wrong words reappear.")

    # Timeline and page metadata
    TIMELINE_UNDATED = ("timeline.undated", Severity.WARNING,
                        "A fact tagged 'timeline' has no date to place it on the timeline.")
    TIMELINE_TEMPLATE = ("timeline.template", Severity.WARNING,
                         "A timeline template has a Jinja error (reported by the build, which then skips it).")
    PAGE_AS_OF = ("page.as-of", Severity.WARNING,
                  "A page's front matter 'as_of' or 'last_checked' is not a day (YYYY-MM-DD).")
    PAGE_AFTER_AS_OF = ("page.after-as-of", Severity.ERROR,
                        "A page written as of a day (front matter as_of) references a fact dated after it, "
                        "or writes a later date, in a sentence that does not look ahead ('later', 'would').")
    CORRECTION_PLACEMENT = ("correction.placement", Severity.WARNING,
                            "A {correction} box names an unknown fact, a fact with no superseded value, or a "
                            "correction already placed elsewhere (each goes beside the one passage that "
                            "discusses it; the build reports this).")

    @classmethod
    def by_code(cls, code: str) -> Code:
        for member in cls:
            if member.code == code:
                return member
        raise KeyError(code)
