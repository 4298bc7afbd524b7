"""Claim building: numbers with their hedge, interval, measure and counted noun."""

from __future__ import annotations

from .models import Article, Claim
from .registry import Registry


def build_claims(article: Article, registry: Registry) -> list[Claim]:
    """The numerical claims of one article (attribution, dates and subjects come later)."""
    return []
