"""Helpers (no tests) for the subject, kind and denial tests: claims placed in a text by surface."""

from __future__ import annotations

from claimcheck.models import Article, Claim
from claimcheck.textutil import sentence_of, sentence_spans


def place_claim(article: Article, surface: str, *, unit: str | None = None, measure: str = "count",
                negated: bool = False, since: str | None = None, occurrence: int = 0) -> Claim:
    """A claim on the `occurrence`-th appearance of `surface` in the article, with its sentence."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(surface, start + 1)
    end = start + len(surface)
    s0, s1 = sentence_of(sentence_spans(article.text), start)
    value = 0.0 if negated else None
    return Claim(article=article.id, surface=surface, start=start, end=end, value=value, low=value,
                 high=value, qualifier="exact", measure=measure, unit=unit,  # type: ignore[arg-type]
                 negated=negated, since=since, lang=article.lang or "fr",
                 sentence=article.text[s0:s1], sentence_start=s0)


def article(text: str, lang: str, ident: str = "t.txt") -> Article:
    return Article(id=ident, text=text, lang=lang)
