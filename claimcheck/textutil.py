"""Text helpers shared by every stage: a folded copy with the same offsets, and sentence spans.

Nothing here changes an article's text. `fold` returns a copy of exactly the same length, in which
each character is replaced by at most one character (lower case, plain spaces, straight quotes,
plain hyphens), so that an offset found in the copy slices the original to its surface.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t"
_TRANSLATE = {ord(c): " " for c in _SPACES}
_TRANSLATE.update({ord(c): "'" for c in "\u2019\u2018\u02bc\u201b\u2032\u00b4`"})
_TRANSLATE.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"})
_TRANSLATE.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"})


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    t = c.translate(_TRANSLATE)
    low = t.lower()
    return low if len(low) == 1 else t


_SUBSTITUTE = {chr(k): v for k, v in _TRANSLATE.items()}
_TO_SUBSTITUTE = re.compile("[" + re.escape("".join(_SUBSTITUTE)) + "]")


@lru_cache(maxsize=32)
def fold(text: str) -> str:
    """Lower-case, plain-space, straight-quote copy of `text` with identical length and offsets.

    Cached: several stages fold the same article. Only the few characters that need it are
    substituted (a regex pass is several times faster than `str.translate` with a mapping).
    """
    folded = _TO_SUBSTITUTE.sub(lambda m: _SUBSTITUTE[m.group()], text).lower()
    if len(folded) == len(text):
        return folded
    # rare characters whose lower case is longer (e.g. U+0130): fold one by one
    return "".join(_fold_char(c) for c in text)


# Abbreviations after which a full stop does not end a sentence (folded forms, without the dot).
ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle dr pr st ste gen gén col lt cdt sgt capt adm gov sen rep rev prof mr mrs ms
    jan janv feb fév févr mar apr avr jun jul juil aug sep sept oct nov dec déc
    lun mar mer jeu ven sam dim mon tue wed thu fri sat sun
    etc env cf vs no nº art p pp vol ed éd inc ltd co corp jr sr u.s u.k u.n n.b e.g i.e av apr j.-c""".split()
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s)|\n\s*\n|\n")


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of `text` (cached: several stages ask for the same article's)."""
    return _sentence_spans(text)


@lru_cache(maxsize=32)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Split `text` into sentence spans (start, end), trimmed of surrounding white space.

    A full stop ends a sentence unless it follows a known abbreviation, a single capital initial,
    or the next word starts in lower case (a stray full stop inside one sentence). Line breaks end
    sentences: headers, captions and list items stand alone.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if "\n" not in m.group(0):
            # look at the word before the punctuation and the character after the space
            before = text[max(0, m.start() - 12):m.start()]
            word = re.split(r"[\s(\"'«“]", before)[-1].lower()
            nxt = text[end:end + 3].lstrip()
            if word in ABBREVIATIONS or re.fullmatch(r"[a-zà-ÿ]", word or ""):
                continue  # an abbreviation or a single initial ("M. Kim", "J. Biden")
            if nxt[:1].islower():
                continue
            if m.group(0).startswith(".") and re.fullmatch(r"\d", text[m.start() - 1:m.start()] or "") \
                    and nxt[:1].isdigit():
                continue
        _push(spans, text, start, m.start() if "\n" in m.group(0) else end)
        start = end
    if start < n:
        _push(spans, text, start, n)
    return tuple(spans)


def _push(spans: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def sentence_of(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The span holding `offset` (binary search); the nearest one before it if between spans."""
    lo, hi = 0, len(spans) - 1
    best = spans[0] if spans else (0, 0)
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if offset < s:
            hi = mid - 1
        else:
            best = spans[mid]
            if offset < e:
                return spans[mid]
            lo = mid + 1
    return best


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
