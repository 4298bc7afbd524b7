"""Denials: 'a catégoriquement nié toute implication', 'never sent any soldiers' as negated claims."""

from __future__ import annotations

from .models import Article, Claim
from .registry import Registry


def find_denials(article: Article, registry: Registry) -> list[Claim]:
    """Negated claims (value 0) for each denial of a count in the article."""
    return []
