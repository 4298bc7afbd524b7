"""Telling an article's language from its function words (vocabulary in rules/lang/*/detect.yaml)."""

from __future__ import annotations

import re
from collections import Counter

from .registry import Registry, default_registry

_WORD = re.compile(r"[^\W\d_]+")


def languages(registry: Registry | None = None) -> list[str]:
    """The languages the registry has vocabulary for (`fr`, `en`, ...)."""
    return (registry or default_registry()).languages()


def detect(text: str, registry: Registry | None = None, default: str = "fr") -> str:
    """The language whose stop words are most frequent in the first 20,000 characters."""
    reg = registry or default_registry()
    words = Counter(w.lower() for w in _WORD.findall(text[:20000]))
    best, best_score = default, 0
    for lang in reg.languages():
        stop = reg.lexicon(lang, "detect").get("stopwords") or []
        score = sum(words[str(w)] for w in stop)
        if score > best_score:
            best, best_score = lang, score
    return best
