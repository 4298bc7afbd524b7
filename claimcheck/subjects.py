"""Subjects and kinds: what each figure counts (taxonomy in rules/subjects/) and how."""

from __future__ import annotations

from .models import Article, Claim
from .registry import Registry


def classify(article: Article, claims: list[Claim], registry: Registry) -> None:
    """Set subject and kind on each claim, in place."""
    return None
