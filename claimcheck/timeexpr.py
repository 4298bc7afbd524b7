"""Time expressions: find the dates, days, months and periods a text names, and resolve them.

`find_time_expressions(text, lang, registry)` returns every time expression with its offsets in the
original text (matched on `textutil.fold(text)`, same length), its kind and what it says. Each
expression is resolved later against a reference (the article's publication date, as precise as
known) with `resolve(expr, ref, default_year)`, preferring the past: news narrates what happened.

The grammar is built from the `dates` vocabulary of each language (rules/lang/<code>/dates.yaml):
month and weekday names, relative words, parts of months, seasons, range and running-total cues.
No date library is asked to guess: an expression exists only when this grammar found it, so the
possessive "sa", "mer Noire", "45 ans" or a lone year-like count are never dates. The one exception
is claimcheck.datefallback: full dates in forms the grammar misses ("30. November 2024", "30Nov2024")
are handed, span by span, to dateparser, and kept only when they agree with the span's own digits.

Speed: each pattern is tried only in the zones around the words it cannot match without (a month
name, a weekday, a relative word, a digit followed by a separator, a year), and every anchor word of
every family is found in one pass over the text; vocabulary alternations are compiled as tries.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from . import datefallback
from .registry import Registry
from .textutil import fold

YEAR_RE = r"(?:1[89]\d\d|20\d\d)"
ZONE_BEFORE = 60  # a date's cue words stand at most this far before its anchor word
ZONE_AFTER = 100  # and its other words at most this far after
FUTURE_WINDOW_DAYS = 0  # a year-less date takes the year that puts it on or before publication


@dataclass(frozen=True)
class TimeExpr:
    """A time expression found in a text: offsets, words, kind and the fields it states."""

    start: int
    end: int
    text: str
    kind: str  # day, month, year, part, weekday, relday, period, season, range
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    mode: str = "on_or_before"  # on_or_before, before, after, anaphoric (the day last named)
    offset: int | None = 0
    unit: str | None = None
    part: tuple[Any, Any] | None = None
    season: tuple[int, int, int, int] | None = None
    lo: TimeExpr | None = None
    hi: TimeExpr | None = None
    since: bool = False  # the start of a running total ("depuis le 6 août")
    since_start: int | None = None  # where the running-total phrase begins

    @property
    def relative(self) -> bool:
        """Whether the expression means nothing without a reference date (weekdays, "hier")."""
        if self.kind == "range":
            return bool(self.lo and self.lo.relative) or bool(self.hi and self.hi.relative)
        if self.kind in ("weekday", "relday", "period", "monthday", "lastn", "pmday", "ago", "firstn"):
            return True
        return self.kind == "day" and self.weekday is not None and self.month is None

    @property
    def anaphoric(self) -> bool:
        """Whether the expression points back to the day last named ("ce jour-là", "ce même jeudi")."""
        return self.mode == "anaphoric" or (self.kind == "relday" and self.offset is None)

    @property
    def explicit_year(self) -> bool:
        """Whether the words state the year ("30 novembre 2024", "en 1999")."""
        if self.kind == "range":
            return bool(self.hi and self.hi.explicit_year)
        return self.year is not None

    @property
    def full_date(self) -> bool:
        """A day of a month with its year or weekday: enough to date an article."""
        return self.kind == "day" and self.month is not None and (
            self.year is not None or self.weekday is not None)


@dataclass(frozen=True)
class Ref:
    """The reference a relative expression is resolved against: an interval (a day, a month...)."""

    lo: date
    hi: date

    @property
    def is_day(self) -> bool:
        return self.lo == self.hi


def parse_iso(value: str | None) -> Ref | None:
    """'2024', '2024-08' or '2024-08-18[T...]' as a reference interval; None if unreadable."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return Ref(d, d)
        if m.group(2):
            return Ref(*month_bounds(y, int(m.group(2))))
        return Ref(date(y, 1, 1), date(y, 12, 31))
    except ValueError:
        return None


def month_bounds(y: int, m: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def iso_of(lo: date, hi: date) -> str:
    """The most compact ISO form of an interval that is a day, a whole month or a whole year."""
    if lo == hi:
        return lo.isoformat()
    if lo.day == 1 and (lo.year, lo.month) == (hi.year, hi.month) and hi == month_bounds(hi.year, hi.month)[1]:
        return f"{lo.year:04d}-{lo.month:02d}"
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return f"{lo.year:04d}"
    return lo.isoformat()


# ---------------------------------------------------------------- vocabulary -> patterns

def _alt(words: Any) -> str:
    """A regex alternation of vocabulary phrases, longest first, spaces flexible.

    Written as a trie ("j(?:anv(?:ier)?|uin)"): the regex engine then tries a handful of branches
    at each position instead of every phrase, which makes the vocabulary patterns several times
    faster. Longer phrases are still tried first, and a phrase ending in a letter or digit must
    end a word.
    """
    return _alt_of(tuple(sorted({str(w).lower() for w in words or []})))


@lru_cache(maxsize=256)
def _alt_of(items: tuple[str, ...]) -> str:
    return "(?:" + _trie(list(items)) + ")" if items else r"(?!x)x"


def _trie(items: list[str], last: str = "") -> str:
    """The trie regex of a sorted list of distinct phrase endings ("" when a phrase ends here, after
    the character `last`)."""
    groups: dict[str, list[str]] = {}
    ends_here = False
    for w in items:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
        else:
            ends_here = True
    parts = [_edge(ch) + _trie(rest, ch) for ch, rest in sorted(groups.items())]
    if ends_here:  # the phrase ending here is tried after every longer one
        parts.append(r"(?![\w])" if re.match(r"\w", last) else "")
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")"


def _edge(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "'":
        return r"'\s*"
    return re.escape(ch)


def _norm(s: str) -> str:
    return " ".join(s.split())


@dataclass
class Grammar:
    """The compiled grammar of one language: vocabulary tables and regexes."""

    lang: str
    voc: dict[str, Any]
    months: dict[str, int]
    weekdays: dict[str, int]
    wd_abbr: dict[str, int]
    patterns: dict[str, re.Pattern[str]]
    anchors: dict[str, re.Pattern[str]]
    abbreviations: frozenset[str] = frozenset()  # month words that are prefixes of a longer name
    word_anchor: re.Pattern[str] | None = None  # every anchor word of every family
    word_kinds: dict[str, re.Pattern[str]] = field(default_factory=dict)  # family -> its anchor words
    kinds_cache: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def kinds_of(self, words: str) -> tuple[str, ...]:
        """The families whose anchor words occur in a matched anchor ("premier trimestre": quarter,
        dayword, nthweekday)."""
        kinds = self.kinds_cache.get(words)
        if kinds is None:
            kinds = tuple(k for k, pat in self.word_kinds.items() if pat.search(words))
            self.kinds_cache[words] = kinds
        return kinds


# The anchor a pattern cannot match without: a month name, a digit, a separator after a digit, or
# the vocabulary word the pattern is built on. Patterns are tried only near their anchor.
PATTERN_ANCHOR = {
    "dmy": "month", "mdy": "month", "monthyear": "month", "month": "month",
    "dayword": "dayword", "monthword": "dayword", "nthweekday": "nthweekday",
    "iso": "numsep", "dmynum": "numsep", "dmnum": "numsep", "dmyspace": "numspace", "mynum": "numsep",
    "ymnum": "numsep", "year": "year", "dayonly": "dayonly", "lastn": "lastn",
    "dmyname": "numsep", "ymdname": "numsep",
    "weekday": "weekday", "relday": "relday", "period": "period", "season": "season", "quarter": "quarter",
    "part": "part", "ago": "ago", "firstn": "firstn", "yearwhen": "year", "yearlabel": "year",
}


def grammar(lang: str, registry: Registry) -> Grammar:
    """The compiled grammar for `lang` (cached on the registry)."""
    return registry.cached(f"timeexpr:{lang}", lambda: _build(lang, registry))


def _build(lang: str, registry: Registry) -> Grammar:
    voc = registry.lexicon(lang, "dates") or registry.lexicon("fr", "dates")
    months = {str(k).lower(): int(v) for k, v in (voc.get("months") or {}).items()}
    wds = {str(k).lower(): int(v) for k, v in (voc.get("weekdays") or {}).items()}
    wda = {str(k).lower(): int(v) for k, v in (voc.get("weekday_abbreviations") or {}).items()}
    MON = rf"(?<![\w])(?P<m>{_alt(months)})(?P<mdot>\.)?"
    WD = _alt(wds)
    WDA = _alt(wda)
    suffixes = "|".join(sorted((re.escape(s) for s in voc.get("day_suffixes") or []), key=len, reverse=True))
    DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:" + (suffixes or "(?!x)x") + r")?(?![\w])"
    CONN = _alt(voc.get("range_connectors")) + r"|[-–]"
    DW = _alt(voc.get("day_words"))
    p: dict[str, str] = {
        "dmy": rf"(?<![\w])(?:(?P<wd>{WD})\s*,?\s+|(?P<wda>{WDA})\s*[.,]\s*)?(?P<d>{DAY})\s*"
               rf"(?:(?:de|of)\s+)?{MON}(?:\s*,?\s*(?P<y>{YEAR_RE})(?![\d]|[.,]\d))?",
        "mdy": rf"(?:(?<![\w])(?P<wd>{WD})\s*,?\s+)?{MON}(?P<sep>\s*[-/]\s*|\s+)(?P<d>{DAY})"
               rf"(?!\s?\d{{3}}(?!\d)|[.,]\d)"
               rf"(?:\s*(?:{CONN})\s*(?P<d2>3[01]|[12]\d|0?[1-9])(?![\w]))?"
               rf"(?:\s*,?\s*(?P<y>{YEAR_RE})(?![\d]|[.,]\d))?",
        "iso": rf"(?<![\d/.,\-])(?P<y>{YEAR_RE})(?P<s>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=s)"
               rf"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d])",
        "dmynum": r"(?<![\d/.,\-])(?P<a>\d{1,2})(?P<s>[/.\-])(?P<b>\d{1,2})(?:(?P=s)|(?<=\d/\d\d),)(?P<y>\d{4}|\d{2})"
                  r"(?![\d]|[.,]\d|[/.\-]\d)",
        "dmnum": r"(?<![\d/.,\-])(?P<a>3[01]|[12]\d|0?[1-9])/(?P<b>1[0-2]|0?[1-9])(?![\d/]|[.,]\d)",
        "dmyspace": rf"(?<![\d/.,\-])(?P<a>3[01]|[12]\d|0[1-9])\s(?P<b>1[0-2]|0[1-9])\s(?P<y>{YEAR_RE})(?![\d])",
        "dmyname": rf"(?<![\w])(?P<d>3[01]|[12]\d|0?[1-9])\s*[/\-]\s*{MON}\s*[/\-]\s*(?P<y>{YEAR_RE})(?![\d])",
        "ymdname": rf"(?<![\w])(?P<y>{YEAR_RE})\s*[/\-]\s*{MON}\s*[/\-]\s*(?P<d>3[01]|[12]\d|0?[1-9])(?![\d])",
        "dayword": rf"(?<![\w])(?P<dw>{DW})\s+(?:de\s+|d'\s*)?{MON}(?:\s+(?P<y>{YEAR_RE})(?![\d]))?",
        "monthword": rf"{MON}\s+(?P<dw2>{DW})(?:\s+(?P<y>{YEAR_RE})(?![\d]))?(?=\s*(?:[.,;!?]|$))",
        "dayonly": rf"(?<![\w])(?P<art>{_alt(voc.get('lone_day_articles'))})\s+(?P<d>3[01]|[12]\d|0?[1-9])(?=\s*(?:[.,;!?)]|$))",
        "nthweekday": rf"(?<![\w])(?P<o>{_alt(voc.get('weekday_ordinals'))})\s+(?P<wd>{WD})\s+(?:de\s+|d'\s*|of\s+)"
                      rf"{MON}(?:\s+(?P<y>{YEAR_RE})(?![\d]))?",
        "quarter": rf"(?<![\w])(?P<q>{_alt(voc.get('quarters'))})\s*(?:(?:de\s+|d'\s*|of\s+)?(?P<y>{YEAR_RE})(?![\d]))?",
        "lastn": rf"(?<![\w])(?:(?P<n>\d{{1,2}})\s+(?P<w1>{_alt(voc.get('last_n_words'))})\s+(?P<u>{_alt(voc.get('last_n_units'))})"
                 rf"|(?P<w2>{_alt(voc.get('last_n_words'))})\s+(?P<n2>\d{{1,2}})\s+(?P<u2>{_alt(voc.get('last_n_units'))}))",
        "mynum": rf"(?<![\d/.,\-])(?P<m>1[0-2]|0?[1-9])\s*[/\-]\s*(?P<y>{YEAR_RE})(?![\d/\-]|[.,]\d)",
        "ymnum": rf"(?<![\d/.,\-])(?P<y>{YEAR_RE})\s*[/\-]\s*(?P<m>1[0-2]|0?[1-9])(?![\d/\-]|[.,]\d)",
        "monthyear": rf"{MON}\s*,?\s+(?P<y>{YEAR_RE})(?![\d]|[.,]\d)",
        "part": rf"(?<![\w])(?P<p>{_alt(_part_heads(voc))})(?:\s+(?:de|du|of)\s+|\s+d'\s*|\s*-\s*|\s+)"
                rf"(?:(?:l'ann[ée]e|the\s+year)\s+)?(?:{MON}(?:\s+(?P<y>{YEAR_RE}))?|(?P<yo>{YEAR_RE}))(?![\d])",
        "month": rf"(?:(?<![\w])(?P<c>{_alt(voc.get('month_cues'))})\s*)?{MON}"
                 rf"(?:\s+(?P<a>{_alt(voc.get('month_after'))}))?",
        "year": rf"(?<![\w])(?P<c>{_alt(voc.get('year_cues'))})\s*(?P<y>{YEAR_RE})(?![\w]|[.,]\d|\s*%)",
        "weekday": rf"(?:(?<![\w])(?P<b>{_alt(voc.get('weekday_before'))})\s+)?(?<![\w])(?P<wd>{WD})"
                   rf"(?P<pl>s)?(?P<poss>'s)?(?![\w])(?:\s+(?P<a>{_alt(voc.get('weekday_after'))}))?"
                   rf"(?:\s+(?P<dp>{_alt(voc.get('day_parts'))}))?",
        "relday": rf"(?<![\w])(?P<r>{_alt(voc.get('relative_days'))})",
        "period": rf"(?<![\w])(?P<r>{_alt(voc.get('relative_periods'))})",
        "season": rf"(?<![\w])(?P<c>{_alt(voc.get('season_cues'))})\s*(?P<s>{_alt(voc.get('seasons'))})"
                  rf"(?:\s+(?P<a>{_alt(voc.get('month_after'))}))?(?:\s+(?P<y>{YEAR_RE})(?![\d]))?",
        "since": rf"(?<![\w])(?P<c>{_alt(voc.get('since_cues'))})",
        # "two years ago", "il y a trois jours"
        "ago": rf"(?<![\w])(?:(?P<pre>{_alt(voc.get('ago_before'))})\s+)?(?P<n>\d{{1,2}}|{_alt(voc.get('small_numbers'))})"
               rf"\s+(?P<u>{_alt(voc.get('ago_units'))})(?:\s+(?P<post>{_alt(voc.get('ago_after'))}))?",
        # "the first 14 months of", "les 14 premiers mois de": counted from the start of what follows
        "firstn": rf"(?<![\w])(?:(?P<f1>{_alt(voc.get('first_n_before'))})\s+(?P<n>\d{{1,2}}|{_alt(voc.get('small_numbers'))})"
                  rf"|(?P<n2>\d{{1,2}}|{_alt(voc.get('small_numbers'))})\s+(?P<f2>{_alt(voc.get('first_n_after'))}))"
                  rf"\s+(?P<u>{_alt(voc.get('ago_units'))})",
        # "remonte à 1957, quand", "since 1967, when": the year of the clause that follows
        "yearwhen": rf"(?<![\w.,])(?P<y>{YEAR_RE})(?=\s*,?\s*{_alt(voc.get('year_clause_words'))})",
        # "le projet de budget 2025", "the 2025 budget": a year that labels a plan
        "yearlabel": rf"(?<![\w])(?:(?P<l1>{_alt(voc.get('year_label_nouns'))})\s+(?P<y>{YEAR_RE})(?![\w])"
                     rf"|(?P<y2>{YEAR_RE})\s+(?P<l2>{_alt(voc.get('year_label_nouns'))}))",
    }
    gap = ZONE_BEFORE + ZONE_AFTER

    def cluster(anchor: str) -> re.Pattern[str]:
        # a run of anchors less than `gap` apart: one zone ([first - BEFORE, last + AFTER))
        return re.compile(rf"(?:{anchor})(?:[\s\S]{{0,{gap}}}?(?:{anchor}))*")

    def vocab(*keys: str) -> list[str]:
        return [str(k) for key in keys for k in (voc.get(key) or {})]

    anchors = {  # numeric anchors: numeric dates need a separator ("18/10", "2024-08", "5-janv-2024")
        "numsep": cluster(r"\d(?:[/.\-]\d|\s*[/\-]\s*\w)"),
        "numspace": cluster(r"\d\d\s\d\d\s\d{4}"),
        "year": cluster(YEAR_RE)}
    # word anchors: the words each family is built on, found together in one pass
    words = {"month": list(months), "weekday": list(wds),
             "relday": vocab("relative_days"), "period": vocab("relative_periods"),
             "season": vocab("seasons"), "quarter": vocab("quarters"), "part": _part_heads(voc),
             "dayword": vocab("day_words"), "nthweekday": vocab("weekday_ordinals"),
             "lastn": vocab("last_n_words"), "dayonly": vocab("lone_day_articles"),
             "ago": vocab("ago_before", "ago_after"), "firstn": vocab("first_n_before", "first_n_after")}
    every = sorted({w for ws in words.values() for w in ws})
    word_kinds = {k: re.compile(r"(?<![\w])" + _alt(ws)) for k, ws in words.items() if ws}
    abbreviations = frozenset(w for w in months if any(
        k != w and k.startswith(w) and v == months[w] for k, v in months.items()))
    return Grammar(lang=lang, voc=voc, months=months, weekdays=wds, wd_abbr=wda,
                   patterns={k: re.compile(v) for k, v in p.items()}, anchors=anchors,
                   abbreviations=abbreviations, word_anchor=re.compile(r"(?<![\w])" + _alt(every)),
                   word_kinds=word_kinds)


def _part_heads(voc: dict[str, Any]) -> list[str]:
    """Part-of-month phrases without their trailing "de"/"of" (the pattern adds it)."""
    heads = []
    for k in voc.get("month_parts") or {}:
        heads.append(re.sub(r"\s+(?:de|du|of)$", "", str(k).lower()))
    return heads


def _part_span(voc: dict[str, Any], head: str) -> tuple[Any, Any] | None:
    return _part_table(voc).get(_norm(head))


_PART_TABLES: dict[int, tuple[dict[str, Any], dict[str, tuple[Any, Any]]]] = {}


def _part_table(voc: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Part-of-month heads (without "de"/"of") to their day spans, built once per vocabulary."""
    kept = _PART_TABLES.get(id(voc))
    if kept is not None and kept[0] is voc:
        return kept[1]
    table: dict[str, tuple[Any, Any]] = {}
    for k, v in (voc.get("month_parts") or {}).items():
        table.setdefault(re.sub(r"\s+(?:de|du|of)$", "", _norm(str(k).lower())), (v[0], v[1]))
    _PART_TABLES[id(voc)] = (voc, table)
    return table


# ---------------------------------------------------------------- finding

_RECENT: OrderedDict[tuple[int, str, str], list[TimeExpr]] = OrderedDict()
_RECENT_SIZE = 32


def find_time_expressions(text: str, lang: str | None, registry: Registry,
                          published: str | None = None) -> list[TimeExpr]:
    """Every time expression of `text` (offsets into `text`), sorted by position, non-overlapping.

    Running-total starts ("depuis le 6 août", "since last Monday") are marked `since=True`; ranges
    ("du 4 au 22 janvier", "les 7 et 11 février") are merged into one expression of kind `range`.
    The stages ask for the same article several times: the last few results are kept.
    """
    key = (id(registry), lang or "fr", text)
    if key in _RECENT:
        _RECENT.move_to_end(key)
        return list(_RECENT[key])
    found = _find(text, lang or "fr", registry, published)
    _RECENT[key] = found
    if len(_RECENT) > _RECENT_SIZE:
        _RECENT.popitem(last=False)
    return list(found)


_FOLDED: OrderedDict[str, str] = OrderedDict()


def folded(text: str) -> str:
    """`textutil.fold(text)`, kept for the last few texts (every date stage needs it)."""
    if text in _FOLDED:
        _FOLDED.move_to_end(text)
        return _FOLDED[text]
    f = fold(text)
    _FOLDED[text] = f
    if len(_FOLDED) > 4:
        _FOLDED.popitem(last=False)
    return f


def _zones(f: str, cluster: re.Pattern[str]) -> list[tuple[int, int]]:
    """Stretches of text around the words a date needs (a digit, a month, a weekday, a relative
    word...): the only places the patterns are tried, so that prose without dates costs little.
    `cluster` matches a run of anchors close enough for their zones to merge."""
    n = len(f)
    return [(max(0, m.start() - ZONE_BEFORE), min(n, m.end() + ZONE_AFTER)) for m in cluster.finditer(f)]


def _word_zones(f: str, g: Grammar) -> dict[str, list[tuple[int, int]]]:
    """The zones of every word family, from one pass over the text: each anchor word found opens
    (or extends) a zone of each family whose words it holds."""
    zones: dict[str, list[tuple[int, int]]] = {}
    n = len(f)
    for m in g.word_anchor.finditer(f):
        lo, hi = max(0, m.start() - ZONE_BEFORE), min(n, m.end() + ZONE_AFTER)
        for kind in g.kinds_of(m.group()):
            zs = zones.setdefault(kind, [])
            if zs and lo <= zs[-1][1]:
                if hi > zs[-1][1]:
                    zs[-1] = (zs[-1][0], hi)
            else:
                zs.append((lo, hi))
    return zones


ZONE_OVERRUN = 200  # a match starting in a zone may run this far past its end


def _find(text: str, lang: str, registry: Registry, published: str | None = None) -> list[TimeExpr]:
    g = grammar(lang, registry)
    f = folded(text)
    cands: list[TimeExpr] = []
    zones = _word_zones(f, g)
    for name, pat in g.patterns.items():
        if name == "since":
            continue
        anchor = PATTERN_ANCHOR[name]
        if anchor not in zones:
            zones[anchor] = _zones(f, g.anchors[anchor]) if anchor in g.anchors else []
        for lo, hi in zones[anchor]:
            for m in pat.finditer(f, lo, hi + ZONE_OVERRUN):
                if m.start() >= hi:
                    break
                e = _make(name, m, text, f, g)
                if e is not None:
                    cands.append(e)
    idioms = _alt(g.voc.get("not_dates")) if g.voc.get("not_dates") else None
    if idioms:
        spans = [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w]){idioms}", f)]
        cands = [c for c in cands if not _overlaps(spans, c.start, c.end)]
    chosen = _select(cands)
    extra = _fallback(text, f, lang, registry, g, chosen, published)
    if extra:
        chosen = _select(chosen + extra)
    chosen = _merge_ranges(chosen, text, f, g)
    return _mark_since(chosen, text, f, g)


def _fallback(text: str, f: str, lang: str, registry: Registry, g: Grammar, chosen: list[TimeExpr],
              published: str | None) -> list[TimeExpr]:
    """Full dates the grammar missed, read by dateparser on candidate spans (claimcheck.datefallback);
    dateparser is imported only when a candidate exists."""
    prefixes = registry.cached(f"timeexpr:prefixes:{lang}", lambda: datefallback.month_prefixes(g.months))
    covered = [(e.start, e.end) for e in chosen]
    days = [(e.start, e.end) for e in chosen if e.kind == "day" and e.year is not None]
    if not datefallback.candidates(f, prefixes, covered, days):
        return []
    ref = parse_iso(published)
    found = datefallback.resolve_candidates(text, f, lang, prefixes, covered, ref.hi if ref else None, days)
    return [TimeExpr(x.start, x.end, text[x.start:x.end], "day", year=x.year, month=x.month, day=x.day)
            for x in found]


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) overlaps one of the sorted, non-overlapping `spans`."""
    i = bisect_left(spans, (e, -1)) - 1  # the last span that starts before e
    return i >= 0 and spans[i][1] > s


def _select(cands: list[TimeExpr]) -> list[TimeExpr]:
    """Non-overlapping expressions, longest first (then earliest)."""
    starts: list[int] = []
    chosen: list[TimeExpr] = []
    for e in sorted(cands, key=lambda e: (-(e.end - e.start), e.start, e.mode not in ("when", "label"))):
        i = bisect_right(starts, e.start)
        if i > 0 and chosen[i - 1].end > e.start:
            continue
        if i < len(chosen) and chosen[i].start < e.end:
            continue
        starts.insert(i, e.start)
        chosen.insert(i, e)
    return chosen


def _valid(y: int | None, m: int, d: int) -> bool:
    try:
        date(y or 2000, m, d)
    except ValueError:
        return False
    return True


def _day_of(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


def _capital_ok(g: Grammar, text: str, m: re.Match[str]) -> bool:
    """English month names count only when capitalised ("may" the verb is not May)."""
    if not g.voc.get("capitalised_months"):
        return True
    return text[m.start("m")].isupper()


_CONN_BEFORE = re.compile(r"\d\.?\s*(?:au|a|à|jusqu'a|jusqu'à|et|-)\s*$")
_CONN_AFTER = re.compile(r"\s*(?:au|a|à|jusqu'a|jusqu'à|et|-)\s*\w")


def _next_to_connector(f: str, s: int, e: int) -> bool:
    """A month-day ("Octobre 22") joined to another date by a range word, on either side."""
    return bool(_CONN_BEFORE.search(f[max(0, s - 20):s]) or _CONN_AFTER.match(f, e))


def _is_abbreviation(g: Grammar, word: str) -> bool:
    """A month word that is the prefix of a longer name of the same month ("janv", "Dec")."""
    return _norm(word) in g.abbreviations


def _count(g: Grammar, word: str | None) -> int | None:
    """A small count written in digits or words ("14", "two", "trois")."""
    if not word:
        return None
    w = _norm(word)
    if w.isdigit():
        return int(w)
    v = (g.voc.get("small_numbers") or {}).get(w)
    return int(v) if v is not None else None


def _two_digit_year(y: str) -> int:
    v = int(y)
    if len(y) == 4:
        return v
    return 2000 + v if v < 50 else 1900 + v


def _make(name: str, m: re.Match[str], text: str, f: str, g: Grammar) -> TimeExpr | None:
    """One candidate expression from a pattern match, or None when it does not hold up."""
    gd = m.groupdict()
    s, e = m.start(), m.end()
    if gd.get("mdot") and not _is_abbreviation(g, gd["m"]):
        if m.end("mdot") == e:
            e -= 1  # the full stop ends the sentence, not an abbreviation ("en juin.")
        gd["mdot"] = None
    if name in ("dmy", "mdy", "monthyear", "month", "part") and gd.get("m") and not _capital_ok(g, text, m):
        return None
    if name in ("dmy", "mdy"):
        month = g.months[_norm(gd["m"])]
        day = _day_of(gd["d"])
        y = int(gd["y"]) if gd.get("y") else None
        wd = None
        if gd.get("wd"):
            wd = g.weekdays[_norm(gd["wd"])]
        elif gd.get("wda"):
            wd = g.wd_abbr[_norm(gd["wda"])]
        if name == "mdy":
            mname = _norm(gd["m"])
            strong = bool(gd.get("mdot")) or "-" in gd["sep"] or "/" in gd["sep"] or gd.get("y") \
                or gd.get("wd") or gd.get("d2")
            if g.lang == "fr" and not strong and not _next_to_connector(f, s, e):
                return None
            if mname in (g.voc.get("ambiguous_months") or []) and not (gd.get("mdot") or gd.get("y") or gd.get("wd")) \
                    and not text[m.start("m")].isupper():
                return None
        if not _valid(y, month, day):
            return None
        one = TimeExpr(s, e, text[s:e], "day", year=y, month=month, day=day, weekday=wd)
        if name == "mdy" and gd.get("d2"):
            d2 = int(gd["d2"])
            if not _valid(y, month, d2) or d2 <= day:
                return None
            lo = replace(one, end=m.end("d"), text=text[s:m.end("d")])
            hi = TimeExpr(m.start("d2"), e, text[m.start("d2"):e], "day", year=y, month=month, day=d2)
            return TimeExpr(s, e, text[s:e], "range", lo=lo, hi=hi)
        return one
    if name == "iso":
        y, mo, d = int(gd["y"]), int(gd["m"]), int(gd["d"])
        return TimeExpr(s, e, text[s:e], "day", year=y, month=mo, day=d) if _valid(y, mo, d) else None
    if name == "dmynum":
        a, b, y = int(gd["a"]), int(gd["b"]), _two_digit_year(gd["y"])
        if gd["s"] == "." and len(gd["y"]) == 2 and len(gd["a"]) + len(gd["b"]) < 4:
            return None  # "1.2.15" is more likely a version number than a date
        if a > 12 or g.lang != "en":
            d, mo = a, b
        else:
            mo, d = a, b
        if b > 12 and a <= 12:
            mo, d = a, b
        return TimeExpr(s, e, text[s:e], "day", year=y, month=mo, day=d) if _valid(y, mo, d) else None
    if name == "dmnum":
        a, b = int(gd["a"]), int(gd["b"])
        before = f[max(0, s - 8):s]
        if not re.search(r"(?:^|\s)(?:le|du|au|on|sur le|the)\s+$", before) and len(gd["b"]) < 2 and a <= 12:
            return None
        return TimeExpr(s, e, text[s:e], "day", month=b, day=a) if _valid(None, b, a) else None
    if name == "dmyspace":
        y, mo, d = int(gd["y"]), int(gd["b"]), int(gd["a"])
        return TimeExpr(s, e, text[s:e], "day", year=y, month=mo, day=d) if _valid(y, mo, d) else None
    if name in ("dmyname", "ymdname"):
        y, mo, d = int(gd["y"]), g.months[_norm(gd["m"])], int(gd["d"])
        return TimeExpr(s, e, text[s:e], "day", year=y, month=mo, day=d) if _valid(y, mo, d) else None
    if name in ("dayword", "monthword"):
        words = g.voc.get("day_words") or {}
        d = int(words[_norm(gd.get("dw") or gd.get("dw2"))])
        mo = g.months[_norm(gd["m"])]
        y = int(gd["y"]) if gd.get("y") else None
        return TimeExpr(s, e, text[s:e], "day", year=y, month=mo, day=d) if _valid(y, mo, d) else None
    if name == "dayonly":
        ds = m.start("d")
        return TimeExpr(ds, e, text[ds:e], "monthday", day=int(gd["d"]))
    if name == "nthweekday":
        n = int((g.voc.get("weekday_ordinals") or {})[_norm(gd["o"])])
        return TimeExpr(s, e, text[s:e], "nthweekday", year=int(gd["y"]) if gd.get("y") else None,
                        month=g.months[_norm(gd["m"])], weekday=g.weekdays[_norm(gd["wd"])], offset=n)
    if name == "quarter":
        q = int((g.voc.get("quarters") or {})[_norm(gd["q"])])
        return TimeExpr(s, e, text[s:e], "part", year=int(gd["y"]) if gd.get("y") else None,
                        part=("quarter", q))
    if name == "lastn":
        n = int(gd.get("n") or gd.get("n2"))
        unit = (g.voc.get("last_n_units") or {})[_norm(gd.get("u") or gd.get("u2"))]
        return TimeExpr(s, e, text[s:e], "lastn", unit=unit, offset=n) if n > 0 else None
    if name in ("mynum", "ymnum"):
        return TimeExpr(s, e, text[s:e], "month", year=int(gd["y"]), month=int(gd["m"]))
    if name == "monthyear":
        return TimeExpr(s, e, text[s:e], "month", year=int(gd["y"]), month=g.months[_norm(gd["m"])])
    if name == "part":
        span = _part_span(g.voc, gd["p"])
        if span is None:
            return None
        if gd.get("yo"):
            return TimeExpr(s, e, text[s:e], "part", year=int(gd["yo"]), part=span)
        return TimeExpr(s, e, text[s:e], "part", year=int(gd["y"]) if gd.get("y") else None,
                        month=g.months[_norm(gd["m"])], part=span)
    if name == "month":
        mname = _norm(gd["m"])
        cue = _norm(gd["c"]) if gd.get("c") else None
        after = _norm(gd["a"]) if gd.get("a") else None
        ambiguous = mname in (g.voc.get("ambiguous_months") or [])
        if ambiguous and (not (cue or after) or cue in (g.voc.get("year_weak_cues") or [])):
            return None  # "Mars" the planet, "de sept jours"
        if _is_abbreviation(g, mname) and not gd.get("mdot"):
            return None  # a lone abbreviation needs its full stop ("en sept." but not "en sept ans")
        mode = "on_or_before"
        if after:
            mode = (g.voc.get("month_after") or {}).get(after, mode)
        if cue in ("last",):
            mode = "before"
        elif cue in ("next", "prochain"):
            mode = "after"
        elif cue in ("this", "cette", "ce"):
            mode = "this_year"
        start = m.start("c") if cue in ("this", "last", "next", "cette", "ce", "prochain") else m.start("m")
        return TimeExpr(start, e, text[start:e], "month", month=g.months[mname], mode=mode)
    if name == "year":
        cue = _norm(gd["c"])
        if cue in (g.voc.get("year_weak_cues") or []):
            rest = text[e:e + 3]
            if re.match(r"\s+[a-zà-ÿ]", rest) or re.match(r"\s*[\d]", rest):
                return None  # "de 2000 soldats": a count, not a year
        ys = m.start("y")
        return TimeExpr(ys, e, text[ys:e], "year", year=int(gd["y"]))
    if name == "weekday":
        b = _norm(gd["b"]) if gd.get("b") else None
        a = _norm(gd["a"]) if gd.get("a") else None
        if gd.get("pl") and g.lang == "en":
            return None  # "on Mondays": a habit, not a day
        mode = (g.voc.get("weekday_before") or {}).get(b, "on_or_before") if b else "on_or_before"
        if a:
            mode = (g.voc.get("weekday_after") or {}).get(a, mode)
        start = m.start("wd") if b in ("on", "late on", "early on") else s
        return TimeExpr(start, e, text[start:e], "weekday", weekday=g.weekdays[_norm(gd["wd"])], mode=mode)
    if name == "relday":
        off = (g.voc.get("relative_days") or {}).get(_norm(gd["r"]))
        return TimeExpr(s, e, text[s:e], "relday", offset=off)
    if name == "period":
        spec = (g.voc.get("relative_periods") or {}).get(_norm(gd["r"]))
        if not spec:
            return None
        return TimeExpr(s, e, text[s:e], "period", unit=spec[0], offset=int(spec[1]), part=(spec[2], None))
    if name == "ago":
        if not (gd.get("pre") or gd.get("post")):
            return None
        n = _count(g, gd["n"])
        unit = (g.voc.get("ago_units") or {}).get(_norm(gd["u"]))
        return TimeExpr(s, e, text[s:e], "ago", unit=unit, offset=n) if n and unit else None
    if name == "firstn":
        n = _count(g, gd.get("n") or gd.get("n2"))
        unit = (g.voc.get("ago_units") or {}).get(_norm(gd["u"]))
        return TimeExpr(s, e, text[s:e], "firstn", unit=unit, offset=n) if n and unit else None
    if name == "yearwhen":
        return TimeExpr(s, e, text[s:e], "year", year=int(gd["y"]), mode="when")
    if name == "yearlabel":
        ys, ye = (m.start("y"), m.end("y")) if gd.get("y") else (m.start("y2"), m.end("y2"))
        return TimeExpr(ys, ye, text[ys:ye], "year", year=int(text[ys:ye]), mode="label")
    if name == "season":
        spec = (g.voc.get("seasons") or {}).get(_norm(gd["s"]))
        after = _norm(gd["a"]) if gd.get("a") else None
        cue = _norm(gd["c"])
        mode = (g.voc.get("month_after") or {}).get(after, "on_or_before") if after else "on_or_before"
        if cue == "last":
            mode = "before"
        return TimeExpr(s, e, text[s:e], "season", year=int(gd["y"]) if gd.get("y") else None,
                        season=tuple(int(x) for x in spec), mode=mode)
    return None


_GAP_OPENERS = re.compile(r"(?:^|\s)(?:entre|between|les)\s+(?:le\s+|the\s+)?$")


def _merge_ranges(exprs: list[TimeExpr], text: str, f: str, g: Grammar) -> list[TimeExpr]:
    """Join "X au Y", "du 4 au 22 janvier", "les 7 et 11 février", "from X to Y" into ranges."""
    conn = _alt(g.voc.get("range_connectors"))
    gap_re = re.compile(rf"^\s*,?\s*(?P<c>{conn}|[-–])\s*(?:le\s+|the\s+)?$")
    day_first = re.compile(rf"(?:(?P<o>{_alt(g.voc.get('range_openers'))}|les)\s+(?:le\s+)?)?"
                           rf"(?<![\d,.])(?P<d>3[01]|[12]\d|0?[1-9])(?:er|e|st|nd|rd|th)?\s*"
                           rf"(?P<c>{conn}|[-–])\s*(?:le\s+|the\s+)?$")
    out: list[TimeExpr] = []
    for e in exprs:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "weekday" and e.kind == "period" and e.unit == "week" \
                and not f[prev.end:e.start].strip():
            out[-1] = replace(prev, end=e.end, text=text[prev.start:e.end], mode="week", offset=e.offset)
            continue
        if prev is not None and prev.kind not in ("range",) and e.kind == prev.kind and e.kind in ("day", "month", "relday"):
            gap = f[prev.end:e.start]
            gm = gap_re.match(gap)
            if gm:
                c = _norm(gm.group("c"))
                opened = bool(_GAP_OPENERS.search(f[max(0, prev.start - 12):prev.start]))
                if c not in ("et", "and") or opened or (e.kind == "day" and e.month == prev.month):
                    lo = prev
                    if lo.year is None and e.year is not None and lo.month is not None:
                        lo = replace(lo, year=e.year)
                    out[-1] = TimeExpr(prev.start, e.end, text[prev.start:e.end], "range", lo=lo, hi=e)
                    continue
        if e.kind == "period" and e.unit == "month" and (e.part or ("all",))[0] == "all":
            pm = re.search(rf"(?<![\d,.])(?P<d1>3[01]|[12]\d|0?[1-9])\s*(?:{conn}|[-–])\s*(?P<d2>3[01]|[12]\d|0?[1-9])\s*(?:de\s+)?$",
                           f[max(prev.end if prev else 0, e.start - 30):e.start])
            if pm:
                base = max(prev.end if prev else 0, e.start - 30)
                s1, s2 = base + pm.start("d1"), base + pm.start("d2")
                lo = TimeExpr(s1, base + pm.end("d1"), text[s1:base + pm.end("d1")], "pmday",
                              day=int(pm.group("d1")), offset=e.offset)
                hi = TimeExpr(s2, e.end, text[s2:e.end], "pmday", day=int(pm.group("d2")), offset=e.offset)
                out.append(TimeExpr(s1, e.end, text[s1:e.end], "range", lo=lo, hi=hi))
                continue
        if e.kind == "day" and e.month is not None:
            window_start = max(prev.end if prev else 0, e.start - 40)
            dm = day_first.search(f, window_start, e.start)
            if dm and dm.end() == e.start:
                d1 = int(dm.group("d"))
                c = _norm(dm.group("c"))
                if d1 < (e.day or 0) \
                        and not re.search(r"\d", f[dm.start("d") - 1:dm.start("d")] or ""):
                    start = dm.start("d")
                    lo = TimeExpr(start, dm.end("d"), text[start:dm.end("d")], "day", year=e.year,
                                  month=e.month, day=d1)
                    out.append(TimeExpr(start, e.end, text[start:e.end], "range", lo=lo, hi=replace(e, weekday=None)))
                    continue
        out.append(e)
    return out


def _mark_since(exprs: list[TimeExpr], text: str, f: str, g: Grammar) -> list[TimeExpr]:
    """Mark the expression that a running-total cue ("depuis", "since") introduces."""
    window = int(g.voc.get("since_window_words") or 12)
    event_verb = re.compile(rf"(?<![\w]){_alt(g.voc.get('since_event_verbs'))}\s*$")
    out = list(exprs)
    starts = [e.start for e in out]
    for m in g.patterns["since"].finditer(f):
        i = bisect_left(starts, m.end())
        if i >= len(out) or out[i].kind == "range":
            continue  # "depuis X jusqu'à Y" is a period, not a running total
        gap = f[m.end():out[i].start]
        if re.search(r"[.;!?:]", gap) or out[i].mode == "when":
            continue  # "since 1967, when ...": the year of another event, not a start
        words = len(gap.split())
        if words > window and not (words <= 3 * window and event_verb.search(gap)):
            continue  # a long gap only when it ends with the event's verb ("broke out on")
        out[i] = replace(out[i], since=True, since_start=m.start())
    return out


# ---------------------------------------------------------------- resolving

def resolve(e: TimeExpr, ref: Ref | None, default_year: int | None = None) -> tuple[date, date] | None:
    """The interval of days an expression covers, against `ref` (preferring the past)."""
    try:
        return _resolve(e, ref, default_year)
    except (ValueError, OverflowError):
        return None


def _resolve(e: TimeExpr, ref: Ref | None, dy: int | None) -> tuple[date, date] | None:
    if e.kind == "range":
        a = _resolve(e.lo, ref, dy) if e.lo else None
        b = _resolve(e.hi, ref, dy) if e.hi else None
        if a is None or b is None:
            return None
        if a[0] > b[1] and e.lo and e.lo.year is None:
            a = (a[0].replace(year=a[0].year - 1), a[1].replace(year=a[1].year - 1))
        return (min(a[0], b[0]), max(a[1], b[1]))
    if e.kind == "day":
        return _resolve_day(e, ref, dy)
    if e.kind == "month":
        if e.year is None and e.mode == "this_year" and ref is not None:
            return month_bounds(ref.hi.year, e.month)
        y = e.year if e.year is not None else _year_for(lambda yy: month_bounds(yy, e.month), e.mode, ref, dy)
        return month_bounds(y, e.month) if y is not None else None
    if e.kind == "year":
        return date(e.year, 1, 1), date(e.year, 12, 31)
    if e.kind == "part" and e.part and e.part[0] == "quarter":
        q = int(e.part[1])
        def qb(yy: int) -> tuple[date, date]:
            return date(yy, 3 * q - 2, 1), month_bounds(yy, 3 * q)[1]
        y = e.year if e.year is not None else _year_for(qb, _forward(e), ref, dy)
        return qb(y) if y is not None else None
    if e.kind == "part":
        return _resolve_part(e, ref, dy)
    if e.kind == "nthweekday":
        def nb(yy: int) -> tuple[date, date]:
            first, last = month_bounds(yy, e.month)
            if (e.offset or 1) < 0:
                d = last - timedelta(days=(last.weekday() - e.weekday) % 7)
            else:
                d = first + timedelta(days=(e.weekday - first.weekday()) % 7, weeks=(e.offset or 1) - 1)
            return d, d
        y = e.year if e.year is not None else _year_for(nb, _forward(e), ref, dy)
        return nb(y) if y is not None else None
    if e.kind == "season":
        def bounds(yy: int) -> tuple[date, date]:
            m1, d1, m2, d2 = e.season
            return date(yy, m1, d1), date(yy + (m2 < m1), m2, d2)
        y = e.year if e.year is not None else _year_for(bounds, e.mode, ref, dy)
        return bounds(y) if y is not None else None
    if ref is None:
        return None
    if e.kind == "weekday":
        if not ref.is_day:
            return ref.lo, ref.hi
        r = ref.hi
        monday = r - timedelta(days=r.weekday())
        if e.mode == "this_week":
            d = monday + timedelta(days=e.weekday)
        elif e.mode in ("after", "week"):
            weeks = 1 if e.mode == "after" else (e.offset or 0)
            d = monday + timedelta(weeks=weeks, days=e.weekday)
        else:
            back = (r.weekday() - e.weekday) % 7
            if e.mode == "before" and back == 0:
                back = 7
            d = r - timedelta(days=back)
        return d, d
    if e.kind == "ago":
        return _resolve_ago(e, ref)
    if e.kind == "lastn":
        if not ref.is_day:
            return ref.lo, ref.hi
        days = {"day": 1, "week": 7, "month": 30}.get(e.unit or "day", 1) * (e.offset or 0)
        return ref.hi - timedelta(days=days), ref.hi - timedelta(days=1)
    if e.kind == "pmday":
        y, mo = ref.lo.year, ref.lo.month + (e.offset or 0)
        y, mo = y + (mo - 1) // 12, (mo - 1) % 12 + 1
        return (date(y, mo, e.day),) * 2 if _valid(y, mo, e.day) else None
    if e.kind == "monthday":
        if not ref.is_day:
            return (date(ref.lo.year, ref.lo.month, e.day),) * 2 if _valid(ref.lo.year, ref.lo.month, e.day) else None
        y, mo = ref.hi.year, ref.hi.month
        for _ in range(3):
            if _valid(y, mo, e.day) and date(y, mo, e.day) <= ref.hi:
                return (date(y, mo, e.day),) * 2
            y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
        return None
    if e.kind == "relday":
        if e.offset is None:
            return None
        if not ref.is_day:
            return ref.lo, ref.hi
        d = ref.hi + timedelta(days=e.offset)
        return d, d
    if e.kind == "period":
        return _resolve_period(e, ref)
    return None


def _forward(e: TimeExpr) -> str:
    return "on_or_after" if e.mode == "on_or_after" else "on_or_before"


def _resolve_ago(e: TimeExpr, ref: Ref) -> tuple[date, date] | None:
    """ "two years ago": the whole year, month, week or day that many units before the reference."""
    n, r = e.offset or 0, ref.hi
    if e.unit == "year":
        return date(r.year - n, 1, 1), date(r.year - n, 12, 31)
    if e.unit == "month":
        y, m = r.year, r.month - n
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        return month_bounds(y, m)
    if not ref.is_day:
        return None
    if e.unit == "week":
        d = r - timedelta(weeks=n)
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    d = r - timedelta(days=n)
    return d, d


def _year_for(bounds, mode: str, ref: Ref | None, dy: int | None) -> int | None:
    """The year of a year-less month, season or part: the latest one on or before the reference
    (mode "on_or_after", in a clause about the future: the first one that ends on or after it)."""
    if ref is None:
        return dy
    base = ref.hi.year
    if mode == "on_or_after":
        for y in (base - 1, base, base + 1):
            if bounds(y)[1] >= ref.lo:
                return y
        return base + 1
    years = [base + 1, base, base - 1, base - 2]
    if mode == "after":
        for y in reversed(years):
            if bounds(y)[0] > ref.hi:
                return y
        return base + 1
    for y in years:
        lo, hi = bounds(y)
        if mode == "before" and hi < ref.lo:
            return y
        if mode != "before" and lo <= ref.hi:
            return y
    return base


def _resolve_day(e: TimeExpr, ref: Ref | None, dy: int | None) -> tuple[date, date] | None:
    if e.month is None:
        return None
    if e.year is not None:
        d = date(e.year, e.month, e.day)
        return d, d
    if ref is None:
        if dy is None:
            return None
        cands = [dy, dy - 1, dy + 1] if e.weekday is not None else [dy]
        for y in cands:
            if _valid(y, e.month, e.day) and (e.weekday is None or date(y, e.month, e.day).weekday() == e.weekday):
                d = date(y, e.month, e.day)
                return d, d
        return None
    limit = ref.hi + timedelta(days=FUTURE_WINDOW_DAYS)
    base = ref.hi.year
    options = [y for y in range(base + 1, base - 5, -1) if _valid(y, e.month, e.day)]
    if e.mode == "on_or_after":  # a day announced in a clause about the future
        for y in reversed(options):
            if date(y, e.month, e.day) >= ref.lo:
                return date(y, e.month, e.day), date(y, e.month, e.day)
    if e.weekday is not None:
        matching = [y for y in options if date(y, e.month, e.day).weekday() == e.weekday]
        near = [y for y in matching if abs((date(y, e.month, e.day) - ref.hi).days) <= 200]
        if near:
            d = date(near[0], e.month, e.day)
            return d, d
    for y in options:
        d = date(y, e.month, e.day)
        if d <= limit:
            return d, d
    return None


def _resolve_part(e: TimeExpr, ref: Ref | None, dy: int | None) -> tuple[date, date] | None:
    a, b = e.part
    if e.month is None:  # a part of a year: "fin 2023", "early 2024"
        if e.year is None:
            return None
        thirds = {1: (1, 4), 11: (5, 8), 21: (9, 12)}
        m1, m2 = thirds.get(int(a) if isinstance(a, int) and a > 0 else 21, (9, 12))
        return date(e.year, m1, 1), month_bounds(e.year, m2)[1]

    def bounds(yy: int) -> tuple[date, date]:
        first, last = month_bounds(yy, e.month)
        lo = last.day + int(a) + 1 if int(a) < 0 else int(a)
        hi = last.day if b == "end" else min(int(b), last.day)
        return date(yy, e.month, lo), date(yy, e.month, hi)

    y = e.year if e.year is not None else _year_for(bounds, _forward(e), ref, dy)
    return bounds(y) if y is not None else None


def _resolve_period(e: TimeExpr, ref: Ref) -> tuple[date, date] | None:
    part = e.part[0] if e.part else "all"
    r = ref.hi
    if part == "rolling":  # "the past week", "la semaine écoulée": the days up to the reference
        if not ref.is_day:
            return ref.lo, ref.hi
        days = {"week": 7, "month": 30, "year": 365}.get(e.unit or "week", 7)
        return r - timedelta(days=days), r
    if e.unit in ("week", "weekend"):
        if not ref.is_day:
            return ref.lo, ref.hi
        monday = r - timedelta(days=r.weekday()) + timedelta(weeks=e.offset or 0)
        if e.unit == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6)
        if part == "to_ref":
            return monday, r
        if part == "early":
            return monday, monday + timedelta(days=2)
        return monday, monday + timedelta(days=6)
    if e.unit == "month":
        y, m = ref.lo.year, ref.lo.month + (e.offset or 0)
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        lo, hi = month_bounds(y, m)
        if part == "to_ref" and ref.is_day:
            return lo, r
        if part == "early":
            return lo, date(y, m, 10)
        return lo, hi
    if e.unit == "year":
        y = ref.lo.year + (e.offset or 0)
        if part == "to_ref" and ref.is_day:
            return date(y, 1, 1), r
        if part == "early":
            return date(y, 1, 1), date(y, 4, 30)
        return date(y, 1, 1), date(y, 12, 31)
    return None
