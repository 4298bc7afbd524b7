"""Number recognition for French and English news: `find_numbers(text, lang)`."""

from __future__ import annotations

from .models import NumberMention
from .registry import Registry


def find_numbers(text: str, lang: str = "fr", registry: Registry | None = None) -> list[NumberMention]:
    """Every number written in `text`, in order (both ends of a range are two mentions)."""
    return []
