"""Lifetimes and existence: nobody acts before birth or after death, nothing is named before it existed.

Every dated relation in the registry is read: an event's participants, an office's holders (their
terms against the holder's life, the office's existence and its organisation's), a quotation's
speaker (a person alive, an organisation or office in existence on the day), and a quantity's
subject (not measured before it existed).

Posthumous titles are the declared exception: they must come *after* the holder's death.
"""

from __future__ import annotations

from checks.core.codes import Code
from checks.core.findings import Finding
from checks.registry.dates import FactDate
from checks.registry.model import Fact, Registry


def _person(registry: Registry, fact_id: str) -> Fact | None:
    fact = registry.facts.get(fact_id)
    return fact if fact is not None and fact.kind == "person" else None


def check_lifetimes(registry: Registry) -> list[Finding]:
    findings: list[Finding] = []
    for fact in sorted(registry.facts.values(), key=lambda f: f.id):
        if fact.kind == "event" and fact.date:
            for pid in fact.participants:
                person = _person(registry, pid)
                if person is None:
                    continue
                if person.born and fact.date.upper < person.born.lower:
                    findings.append(Finding(Code.LIFETIME_EVENT, fact.line_of("participants"),
                                            f"{person.name} takes part in {fact.id} ({fact.date.house_style()}) "
                                            f"before being born ({person.born.house_style()})",
                                            fact=fact.id, related=person.location))
                if person.died and fact.date.lower > person.died.upper:
                    findings.append(Finding(Code.LIFETIME_EVENT, fact.line_of("participants"),
                                            f"{person.name} takes part in {fact.id} ({fact.date.house_style()}) "
                                            f"after dying ({person.died.house_style()})",
                                            fact=fact.id, related=person.location))
        if fact.kind == "office":
            findings.extend(_check_office(registry, fact))
        if fact.kind == "quotation" and fact.date:
            findings.extend(_check_speaker_alive(registry, fact, fact.date))
    return findings


def _check_speaker_alive(registry: Registry, quotation: Fact, said: FactDate) -> list[Finding]:
    person = _person(registry, quotation.speaker or "")
    if person is None:
        return []
    findings = []
    if person.born and said.upper < person.born.lower:
        findings.append(Finding(Code.LIFETIME_QUOTATION, quotation.line_of("date"),
                                f"{quotation.id} is dated {said.house_style()}, before its speaker {person.name} "
                                f"was born ({person.born.house_style()})", fact=quotation.id,
                                related=person.line_of("born")))
    if person.died and said.lower > person.died.upper:
        findings.append(Finding(Code.LIFETIME_QUOTATION, quotation.line_of("date"),
                                f"{quotation.id} is dated {said.house_style()}, after its speaker {person.name} "
                                f"died ({person.died.house_style()}); if it was published later, give the day "
                                f"it was said or written", fact=quotation.id, related=person.line_of("died")))
    return findings


def _check_office(registry: Registry, office: Fact) -> list[Finding]:
    findings = []
    for holder in office.holders:
        person = _person(registry, holder.person)
        if person is None or holder.start is None:
            continue
        if person.born and holder.start.upper < person.born.lower:
            findings.append(Finding(Code.LIFETIME_OFFICE, holder.location,
                                    f"{person.name} holds {office.name} from {holder.start.house_style()}, "
                                    f"before being born ({person.born.house_style()})",
                                    fact=office.id, related=person.location))
        if office.posthumous:
            if person.died is None or holder.start.lower <= person.died.upper:
                when = person.died.house_style() if person.died else "no recorded death"
                findings.append(Finding(Code.LIFETIME_POSTHUMOUS, holder.location,
                                        f"{office.name} is posthumous, but is dated {holder.start.house_style()}, "
                                        f"not after {person.name}'s death ({when})",
                                        fact=office.id, related=person.location))
        elif person.died and holder.start.lower > person.died.upper:
            findings.append(Finding(Code.LIFETIME_OFFICE, holder.location,
                                    f"{person.name} holds {office.name} from {holder.start.house_style()}, after "
                                    f"dying ({person.died.house_style()}); if it is an honour, set posthumous: true",
                                    fact=office.id, related=person.location))
        elif person.died and holder.end and holder.end.lower > person.died.upper:
            findings.append(Finding(Code.LIFETIME_OFFICE, holder.location,
                                    f"{person.name}'s term as {office.name} ends {holder.end.house_style()}, after "
                                    f"{person.name} died ({person.died.house_style()}): end the term at the death",
                                    fact=office.id, related=person.location))
    return findings


def check_existence(registry: Registry) -> list[Finding]:
    """Offices held outside the office's own existence, or of an organisation not yet founded."""
    findings = []
    for office in registry.of_kind("office"):
        org = registry.facts.get(office.organisation or "")
        for holder in office.holders:
            if holder.start is None:
                continue
            if office.created and holder.start.upper < office.created.lower:
                findings.append(Finding(Code.EXISTENCE_ANACHRONISM, holder.location,
                                        f"{holder.person} holds {office.name} from {holder.start.house_style()}, "
                                        f"before the office was created ({office.created.house_style()})",
                                        fact=office.id))
            if office.abolished and holder.start.lower > office.abolished.upper:
                findings.append(Finding(Code.EXISTENCE_ANACHRONISM, holder.location,
                                        f"{holder.person} holds {office.name} from {holder.start.house_style()}, "
                                        f"after it was abolished ({office.abolished.house_style()})",
                                        fact=office.id))
            if org is not None and org.founded and holder.start.upper < org.founded.lower:
                findings.append(Finding(Code.EXISTENCE_ANACHRONISM, holder.location,
                                        f"{office.name} is held from {holder.start.house_style()}, before "
                                        f"{org.name} was founded ({org.founded.house_style()})",
                                        fact=office.id, related=org.location))
            if holder.end and office.abolished and holder.end.lower > office.abolished.upper:
                findings.append(Finding(Code.EXISTENCE_ANACHRONISM, holder.location,
                                        f"{holder.person}'s term as {office.name} ends {holder.end.house_style()}, "
                                        f"after the office was abolished ({office.abolished.house_style()})",
                                        fact=office.id))
            if org is not None and org.dissolved and holder.start.lower > org.dissolved.upper:
                findings.append(Finding(Code.EXISTENCE_ANACHRONISM, holder.location,
                                        f"{office.name} is held from {holder.start.house_style()}, after "
                                        f"{org.name} was dissolved ({org.dissolved.house_style()})",
                                        fact=office.id, related=org.location))
        if office.created and org is not None and org.founded and office.created.upper < org.founded.lower:
            findings.append(Finding(Code.EXISTENCE_ANACHRONISM, office.line_of("created"),
                                    f"{office.name} is created before {org.name} was founded", fact=office.id))
        if office.created and org is not None and org.dissolved and office.created.lower > org.dissolved.upper:
            findings.append(Finding(Code.EXISTENCE_ANACHRONISM, office.line_of("created"),
                                    f"{office.name} is created after {org.name} was dissolved "
                                    f"({org.dissolved.house_style()})", fact=office.id, related=org.location))
    for event in registry.of_kind("event"):
        date = event.date
        if date is None:
            continue
        for pid in event.participants:
            org = registry.facts.get(pid)
            if org is None or org.kind != "organisation":
                continue
            if org.founded and date.upper < org.founded.lower:
                findings.append(Finding(Code.EXISTENCE_ANACHRONISM, event.line_of("participants"),
                                        f"{org.name} takes part in {event.id} ({date.house_style()}) before "
                                        f"it was founded ({org.founded.house_style()})", fact=event.id,
                                        related=org.location))
            if org.dissolved and date.lower > org.dissolved.upper:
                findings.append(Finding(Code.EXISTENCE_ANACHRONISM, event.line_of("participants"),
                                        f"{org.name} takes part in {event.id} after it was dissolved",
                                        fact=event.id, related=org.location))
    for quotation in registry.of_kind("quotation"):
        if quotation.date is not None:
            findings.extend(_within_existence(registry, quotation, "speaker", quotation.speaker, quotation.date))
    for quantity in registry.of_kind("quantity"):
        # A measure of something dated before it existed. (After it ended, a number may still
        # describe it: how long it lasted, how many years since.)
        if quantity.date is not None:
            findings.extend(_within_existence(registry, quantity, "of", quantity.of, quantity.date,
                                              after_end=False))
    return findings


def _within_existence(registry: Registry, fact: Fact, key: str, target_id: str | None, when: FactDate,
                      after_end: bool = True) -> list[Finding]:
    """``fact`` relates, at ``when``, to the organisation or office ``target_id``: it must exist then."""
    target = registry.facts.get(target_id or "")
    if target is None or target.kind not in _EXISTENCE:
        return []
    prefix = f"{fact.id} ({key} {target.id}) is dated {when.house_style()}, "
    begin_key, end_key = _EXISTENCE[target.kind]
    begin: FactDate | None = getattr(target, begin_key)
    end: FactDate | None = getattr(target, end_key)
    findings = []
    if begin and when.upper < begin.lower:
        findings.append(Finding(Code.EXISTENCE_ANACHRONISM, fact.line_of(key),
                                prefix + f"before {target.name} was {begin_key} ({begin.house_style()})",
                                fact=fact.id, related=target.line_of(begin_key)))
    if after_end and end and when.lower > end.upper:
        findings.append(Finding(Code.EXISTENCE_ANACHRONISM, fact.line_of(key),
                                prefix + f"after {target.name} was {end_key} ({end.house_style()})",
                                fact=fact.id, related=target.line_of(end_key)))
    return findings


# The fields that bound the existence of each kind that exists for a time.
_EXISTENCE = {"organisation": ("founded", "dissolved"), "office": ("created", "abolished")}
