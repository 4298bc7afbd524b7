"""Extraction pipeline: one article in, its claims out, stage by stage.

    publication date -> numbers and claims -> denials -> attribution -> event dates -> subjects/kinds
    -> article-level flags (republication)

Each stage is a module with a small typed interface; all are pure functions of the article text,
the registry (vocabulary, sources, subjects) and the claims built so far.
"""

from __future__ import annotations

from . import attribution, claims, dates, denials, subjects
from .models import Article, Claim
from .registry import Registry, default_registry


def extract_article(article: Article, registry: Registry | None = None) -> list[Claim]:
    """Every claim of one article, sorted by position; fills the article's date and flags."""
    reg = registry or default_registry()
    dates.publication_date(article, reg)
    found = claims.build_claims(article, reg)
    found += denials.find_denials(article, reg)
    found.sort(key=lambda c: (c.start, c.end))
    attribution.attribute(article, found, reg)
    dates.resolve_event_dates(article, found, reg)
    subjects.classify(article, found, reg)
    dates.flag_republication(article, found, reg)
    for c in found:
        c.article = article.id
        c.lang = article.lang or c.lang
        c.published = article.published
        c.flags = sorted(set(c.flags))
    article.flags = sorted(set(article.flags))
    return found
