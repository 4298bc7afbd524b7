"""Time: the publication date of each article and the interval in which each figure holds."""

from __future__ import annotations

from .models import Article, Claim
from .registry import Registry


def publication_date(article: Article, registry: Registry) -> None:
    """Fill article.published / published_source / flags when the record did not give them."""
    return None


def resolve_event_dates(article: Article, claims: list[Claim], registry: Registry) -> None:
    """Set event_date, since and date_text on each claim, in place."""
    return None


def flag_republication(article: Article, claims: list[Claim], registry: Registry) -> None:
    """Flag `republished` when the header date is weeks after every date narrated as current."""
    return None
