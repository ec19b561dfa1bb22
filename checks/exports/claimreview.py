"""schema.org ClaimReview records: one per value of the reviewed source that the registry supersedes.

What Google's fact-check documentation requires and recommends: ``claimReviewed`` (kept within 75
characters), ``reviewRating`` with ``alternateName`` and ``name``, ``url``, ``author``,
``datePublished``, and the claim reviewed (``itemReviewed``) with its author, date, ``appearance`` and
``firstAppearance`` (the reviewed document).
"""

from __future__ import annotations

from typing import Any

from checks.exports.facts_json import _plain
from checks.registry.dates import FactDate
from checks.registry.house_style import render_superseded, render_value
from checks.registry.model import Fact, Registry

# The source Q&A whose claims the explainer reviews.
QA_SOURCE = "hrw-qa-2016"
# ClaimReview verdicts: our rating scheme, documented once (1 = worst, 5 = best).
VERDICTS = {"Incorrect": 1, "Misquoted": 2, "Imprecise": 3}
# Google: "Try to keep this less than 75 characters to minimize wrapping when displayed on a mobile
# device."
CLAIM_LENGTH = 75


def short_claim(text: str, limit: int = CLAIM_LENGTH) -> str:
    """``text`` within ``limit`` characters: cut at a word boundary, marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.–—") + "…"


def correction_anchor(fact_id: str, index: int) -> str:
    """The id of one superseded value's entry on the corrections page."""
    return f"correction-{fact_id}-{index + 1}"


def verdict(fact: Fact, old_value: Any) -> str:
    """Misquoted (a quotation's words), Imprecise (a date that overlaps the right one) or Incorrect."""
    if fact.kind == "quotation":
        return "Misquoted"
    if isinstance(old_value, FactDate) and fact.date is not None and fact.date.overlaps(old_value.lower,
                                                                                         old_value.upper):
        return "Imprecise"
    return "Incorrect"


def claim_reviews(reg: Registry, page_url: str, *, author: str, published: str, author_url: str | None = None,
                  source_id: str = QA_SOURCE) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per value of ``source_id`` that the registry supersedes.

    ``page_url`` is the corrections page; each review's ``url`` points to its entry there.
    ``published`` (ISO date): the review's date when its fact records no ``verified`` date, the
    date the site was released.
    """
    source = reg.sources.get(source_id)
    if source is None:
        return []
    reviewer: dict[str, Any] = {"@type": "Organization", "name": author}
    if author_url:
        reviewer["url"] = author_url
    claim_author = {"@type": "Organization", "name": source.publisher}
    appearance = {"@type": "CreativeWork", "url": source.url, "headline": source.title, "author": claim_author}
    if source.date:
        appearance["datePublished"] = source.date.lower.isoformat()
    reviews = []
    for fid in sorted(reg.facts):
        fact = reg.facts[fid]
        for index, old in enumerate(fact.superseded):
            if old.source != source_id:
                continue
            rating = verdict(fact, old.value)
            item: dict[str, Any] = {"@type": "Claim", "author": claim_author, "appearance": appearance,
                                    "firstAppearance": appearance}
            if source.date:
                item["datePublished"] = source.date.lower.isoformat()
            review: dict[str, Any] = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{page_url}#{correction_anchor(fact.id, index)}",
                "name": f"{fact.label}: {render_value(fact)}",
                "claimReviewed": short_claim(old.quote or render_superseded(fact, old.value)),
                "reviewBody": old.reason,
                "author": reviewer,
                "itemReviewed": item,
                "reviewRating": {"@type": "Rating", "ratingValue": VERDICTS[rating], "bestRating": 5,
                                 "worstRating": 1, "alternateName": rating, "name": rating},
                "datePublished": fact.verified.isoformat() if fact.verified else published,
            }
            reviews.append(review)
    plain_reviews: list[dict[str, Any]] = _plain(reviews)
    return plain_reviews
