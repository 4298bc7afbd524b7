"""Extraction pipeline: one article in, its claims out, stage by stage.

    publication date -> numbers and claims -> denials -> attribution -> event dates -> subjects/kinds
    -> article-level flags (republication)

Each stage is a module with a small typed interface; all are pure functions of the article text,
the registry (vocabulary, sources, subjects) and the claims built so far.
"""

from __future__ import annotations

from . import attribution, claims, dates, denials, subjects
from .models import Article, Claim, Skipped
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
        _bound_sentence(article.text, c)
        c.article = article.id
        c.lang = article.lang or c.lang
        c.published = article.published
        c.flags = sorted(set(c.flags))
    article.flags = sorted(set(article.flags))
    return found


def extraction_failure(article: Article, exc: Exception) -> Skipped:
    """The skipped entry for an article whose extraction raised: one bad article never sinks a batch."""
    return Skipped(path=article.path or article.id, line=None,
                   reason=f"extraction failed: {type(exc).__name__}: {exc}")


MAX_SENTENCE = 1000  # characters of context kept for a claim in an overlong "sentence"
CONTEXT = 400


def _bound_sentence(text: str, claim: Claim) -> None:
    """Keep `sentence` to a window around the figure when the sentence is overlong.

    A wall of figures with no full stop (a table, a feed, a hostile input) is one "sentence" of
    megabytes: repeating it with each of its claims would make the output grow with the square of
    the input. The window is cut at spaces and `sentence_start` moves with it, so that
    `text[sentence_start:sentence_start + len(sentence)] == sentence` still holds.
    """
    s0 = claim.sentence_start
    s1 = s0 + len(claim.sentence)
    if s1 - s0 <= MAX_SENTENCE:
        return
    a = max(s0, claim.start - CONTEXT)
    b = min(s1, claim.end + CONTEXT)
    if a > s0:
        sp = text.find(" ", a, claim.start)
        a = sp + 1 if sp >= 0 else a
    if b < s1:
        sp = text.rfind(" ", claim.end, b)
        b = sp if sp >= 0 else b
    claim.sentence_start = a
    claim.sentence = text[a:b]
