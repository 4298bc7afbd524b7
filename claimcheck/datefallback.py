"""dateparser as a fallback resolver, on candidate spans only: full dates the grammar cannot read.

claimcheck.timeexpr reads dates with its own grammar. A few written forms escape it ("30. November
2024", "30Nov2024", "November the 30th, 2024", "Nov.30,2024", "30 Nov 24", "30 nov 2024" written in
lower case in English). This module finds such candidate spans with a structural pattern (a day
number, a word whose first letters are those of a month of the article's language, a year; or three
numbers joined by "/", "." or "-"), and asks dateparser to read each span alone:

- never a whole text, only a span of at most ~30 characters holding a day, a month word and a year;
- with `languages` set to the article's language, `DATE_ORDER` 'DMY' for French ('MDY' for English
  numeric dates), `REQUIRE_PARTS` day, month and year (a month-only date never gets a day), and the
  article's date as `RELATIVE_BASE` (it can never fill in a missing part, since all parts are required);
- the answer is kept only when it agrees with the digits of the span: the same day number, the same
  year (a two-digit year takes the century our grammar gives it), and the month the word names.

dateparser costs about half a second to import, so it is imported only when a candidate exists; an
article whose dates the grammar reads entirely (the seeds) never imports it.

Known dateparser errors that cannot get through, because no candidate is ever built for them: the
possessive "sa" read as Saturday and "mer Noire" as Wednesday (no digits), "45 ans" read as 1979
(no month word and no year), a day invented for "novembre 2024" (no day number: not a candidate),
"Nov. 30" read as 12 November (no year: not a candidate, and a day that disagrees is refused),
"Publié à 17h39" filled with today's date (no month word). tests/test_dates_fallback.py checks each.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_WORD = r"(?P<w>[^\W\d_]{3,10})"
_YEAR = r"(?P<y>(?:19|20)\d\d|'\d\d)"  # a two-digit year needs its apostrophe ("3 mai 12 morts")
# A day, a month-like word and a year, in either order; or three numbers.
_CANDIDATES = [
    re.compile(rf"(?<![\w.,]){_DAY}(?:st|nd|rd|th|er|e)?\.?\s*(?:(?:of|de|the)\s+)?{_WORD}\.?\s*,?\s*{_YEAR}(?![\w])"),
    re.compile(rf"(?<![\w]){_WORD}\.?\s*(?:the\s+)?{_DAY}(?:st|nd|rd|th)?\s*,?\s*(?P<y>(?:19|20)\d\d)(?![\w])"),
    re.compile(r"(?<![\w.,/\-])(?:(?P<a>\d{1,2})(?P<s>[./\-])(?P<b>\d{1,2})(?P=s)(?P<c>(?:19|20)\d\d)"
               r"|(?P<c2>(?:19|20)\d\d)(?P<s2>[./\-])(?P<a2>\d{1,2})(?P=s2)(?P<b2>\d{1,2}))(?![\w]|[./\-]\d)"),
]


@dataclass(frozen=True)
class Fallback:
    """A date dateparser read in a candidate span, checked against the span's own digits."""

    start: int
    end: int
    year: int
    month: int
    day: int


def _plain(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))


def month_prefixes(months: dict[str, int]) -> dict[str, set[int]]:
    """The first three letters (accents removed) of every month word -> the months they may name."""
    out: dict[str, set[int]] = {}
    for word, m in months.items():
        if len(word) >= 3:
            out.setdefault(_plain(word)[:3], set()).add(int(m))
    return out


def candidates(f: str, prefixes: dict[str, set[int]], covered: list[tuple[int, int]],
               days: list[tuple[int, int]] | None = None) -> list[tuple[int, int, Any]]:
    """Spans of folded text `f` that look like a full date and that no grammar expression covers
    (`days`: the spans of the full dates already read, whose years need no second look)."""
    out = []
    years = [y for y in _YEARS.finditer(f) if not _inside(days or [], y.start(), y.end())]
    for pat in _CANDIDATES:
        for m in _near_years(pat, f, years):
            gd = m.groupdict()
            if gd.get("w") is not None and _plain(gd["w"])[:3] not in prefixes:
                continue
            if any(a <= m.start() and m.end() <= b for a, b in covered):
                continue
            out.append((m.start(), m.end(), m))
    return out


_YEARS = re.compile(r"(?:19|20)\d\d|'\d\d")
_BEFORE_YEAR = 30  # a candidate ends with its year, or holds it within this many characters of its start


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) lies inside one of the sorted, non-overlapping `spans`."""
    i = bisect_right(spans, (s, _MAX)) - 1
    return i >= 0 and spans[i][0] <= s and e <= spans[i][1]


_MAX = 1 << 62


def _near_years(pat: re.Pattern[str], f: str, years: list[re.Match[str]]) -> list[re.Match[str]]:
    """The matches of `pat` tried only around the years not yet read (every candidate holds one)."""
    out: list[re.Match[str]] = []
    last = 0
    for y in years:
        lo = max(last, y.start() - _BEFORE_YEAR)
        for m in pat.finditer(f, lo, min(len(f), y.end() + _BEFORE_YEAR)):
            if m.start() > y.start():
                break
            out.append(m)
            last = m.end()
    return out


def _year(y: str) -> int:
    y = y.lstrip("'")
    v = int(y)
    if len(y) == 4:
        return v
    return 2000 + v if v < 50 else 1900 + v


@lru_cache(maxsize=4096)
def _parse(span: str, lang: str, ref: date | None) -> datetime | None:
    """dateparser's reading of one span (kept: a text may repeat the same span many times)."""
    import dateparser  # imported here only: it costs about half a second

    settings: dict[str, Any] = {"REQUIRE_PARTS": ["day", "month", "year"],
                                "DATE_ORDER": "DMY" if lang == "fr" else "MDY",
                                "PREFER_DATES_FROM": "past"}
    if ref is not None:
        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    try:
        return dateparser.parse(span, languages=[lang], settings=settings)
    except Exception:  # dateparser raises on odd input; a span it cannot read is not a date
        return None


def resolve_candidates(text: str, f: str, lang: str, prefixes: dict[str, set[int]],
                       covered: list[tuple[int, int]], ref: date | None = None,
                       days: list[tuple[int, int]] | None = None) -> list[Fallback]:
    """Every candidate span dateparser reads as a full date that agrees with the span's digits."""
    out = []
    for s, e, m in candidates(f, prefixes, covered, days):
        got = _parse(text[s:e], lang, ref)
        if got is None:
            continue
        gd = m.groupdict()
        if gd.get("w") is not None:
            want_day, want_year = int(gd["d"]), _year(gd["y"])
            months = prefixes.get(_plain(gd["w"])[:3], set())
            if got.day != want_day or got.year % 100 != want_year % 100 or got.month not in months:
                continue
            year = want_year
        else:
            a, b, c = gd["a"] or gd["a2"], gd["b"] or gd["b2"], gd["c"] or gd["c2"]
            want_year, parts = int(c), {int(a), int(b)}
            if got.year % 100 != want_year % 100 or {got.day, got.month} != parts:
                continue
            year = want_year
        try:
            date(year, got.month, got.day)
        except ValueError:
            continue
        out.append(Fallback(s, e, year, got.month, got.day))
    return out
