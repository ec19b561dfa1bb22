"""Lifetimes and existence: nobody acts before birth or after death, nothing is named before it existed.

Posthumous titles are the declared exception: they must come *after* the holder's death.
"""

from __future__ import annotations

from checks.core.codes import Code
from checks.core.findings import Finding
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
        if office.created and org is not None and org.founded and office.created.upper < org.founded.lower:
            findings.append(Finding(Code.EXISTENCE_ANACHRONISM, office.line_of("created"),
                                    f"{office.name} is created before {org.name} was founded", fact=office.id))
    for event in (e for e in registry.of_kind("event") if e.date):
        for pid in event.participants:
            org = registry.facts.get(pid)
            if org is None or org.kind != "organisation":
                continue
            if org.founded and event.date.upper < org.founded.lower:
                findings.append(Finding(Code.EXISTENCE_ANACHRONISM, event.line_of("participants"),
                                        f"{org.name} takes part in {event.id} ({event.date.house_style()}) before "
                                        f"it was founded ({org.founded.house_style()})", fact=event.id,
                                        related=org.location))
            if org.dissolved and event.date.lower > org.dissolved.upper:
                findings.append(Finding(Code.EXISTENCE_ANACHRONISM, event.line_of("participants"),
                                        f"{org.name} takes part in {event.id} after it was dissolved",
                                        fact=event.id, related=org.location))
    return findings
