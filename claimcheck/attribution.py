"""Attribution: who states each figure (its origin), and who relays it."""

from __future__ import annotations

from .models import Article, Claim
from .registry import Registry


def attribute(article: Article, claims: list[Claim], registry: Registry) -> None:
    """Set attributed_to, attributed_text and relayed_by on each claim, in place."""
    return None
