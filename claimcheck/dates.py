"""Time: the publication date of each article and the interval in which each figure holds.

- `publication_date`: keeps a date the record, front matter or page gave; otherwise reads the header
  lines, then the address, then infers the latest full date the text narrates (flag `undated`
  whenever no date is stated). A stated weekday that disagrees with its date flags
  `weekday_mismatch`.
- `resolve_event_dates`: each claim takes the time expression that governs it (its clause, else its
  sentence, else the previous sentence when it continues the same report, else the publication
  date), resolved against the publication date and preferring the past; running totals get `since`.
  A date right after a comparison figure is that figure's ("contre 47,51 % en 2022"); a date in a
  clause about the future is read forwards and dates a figure only after a deadline ("by
  December"); a figure stated as a possibility or in the past perfect, without its own date, gets
  none; a sentence that names a new source does not inherit the previous sentence's date. See
  docs/dates.md.
- `flag_republication`: a stated date weeks after every precise date narrated as current (a day,
  a week, a part of a month; not a season or a year), with no figure dated from the stated date
  itself ("l'an dernier", "the past week"), flags `republished`; figures dated by the publication
  then span from the narrated date to it.
- `find_time_expressions` (re-exported from claimcheck.timeexpr): every date span of a text, for the
  other stages (e.g. to tell which digits are dates).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .models import Article, Claim, EventDate
from .pubdate import (
    HeaderDate,
    default_year,
    header_dates,
    inferred_date,
    source_urls,
    url_date,
    weekday_mismatches,
)
from .registry import Registry
from .textutil import sentence_of, sentence_spans
from .timeexpr import (
    Grammar,
    Ref,
    TimeExpr,
    _alt,
    find_time_expressions,
    folded,
    grammar,
    iso_of,
    month_bounds,
    parse_iso,
    resolve,
)

__all__ = ["publication_date", "resolve_event_dates", "flag_republication", "find_time_expressions",
           "analyse_claims"]

REPUBLISHED_GAP_DAYS = 21  # a stated date three weeks after the narrated events
PRECISE_DAYS = 10  # a narrated date that can show a republication: a day, a week, a part of a month
CURRENT_DAYS = 2  # a figure dated within two days of the stated date makes it current
CLAUSE_WINDOW = 600  # characters searched on each side of a figure for its clause and dates
_CLAUSE_PUNCT = re.compile(r"(?<!\d),|,(?!\d)|[;:()«»\"—–]|\s-\s")


def _lang(article: Article) -> str:
    return article.lang if article.lang in ("fr", "en") else "fr"


@dataclass
class _Doc:
    """What the date stages know about one article's text."""

    exprs: list[TimeExpr]
    sentences: list[tuple[int, int]]
    header_spans: list[tuple[int, int]]
    future: set[int]
    heads: list[HeaderDate]
    cues: dict[str, _Found]  # future, possibility and past-perfect cues
    cuts: list[tuple[int, int]]  # clause punctuation outside dates, in order


_DOCS: OrderedDict[tuple[int, str, str], _Doc] = OrderedDict()


def _analyse(article: Article, registry: Registry) -> _Doc:
    """Expressions, sentences, header dates and announced dates of an article (the last few kept)."""
    key = (id(registry), _lang(article), article.text or "")
    if key in _DOCS:
        _DOCS.move_to_end(key)
        return _DOCS[key]
    doc = _build_doc(article, registry)
    _DOCS[key] = doc
    if len(_DOCS) > 8:
        _DOCS.popitem(last=False)
    return doc


def _build_doc(article: Article, registry: Registry) -> _Doc:
    lang = _lang(article)
    text = article.text or ""
    exprs = find_time_expressions(text, lang, registry, article.published)
    heads = header_dates(text, lang, registry, exprs)
    header_spans = sorted({(h.start, h.end) for h in heads})
    sentences = sentence_spans(text)
    cuts = _cuts(text, exprs)
    cues = _clause_cues(registry, grammar(lang, registry), folded(text))
    future = _future_exprs(exprs, sentences, cuts, cues["future_cues"])
    return _Doc(exprs=exprs, sentences=sentences, header_spans=header_spans, future=future, heads=heads,
                cuts=cuts, cues=cues)


def _near(exprs: list[TimeExpr], lo: int, hi: int) -> list[TimeExpr]:
    """The expressions (sorted by start) that start in [lo, hi)."""
    if len(exprs) < 64:
        return [x for x in exprs if lo <= x.start < hi]
    i = bisect_left(exprs, lo, key=lambda x: x.start)
    j = bisect_left(exprs, hi, key=lambda x: x.start)
    return exprs[i:j]


def _cuts(text: str, exprs: list[TimeExpr]) -> list[tuple[int, int]]:
    """Every clause punctuation mark of the text that is not inside a date ("Tuesday, June 6")."""
    out = []
    starts = [x.start for x in exprs]
    for m in _CLAUSE_PUNCT.finditer(text):
        i = bisect_left(starts, m.start() + 1) - 1
        if i >= 0 and exprs[i].start <= m.start() < exprs[i].end:
            continue
        out.append((m.start(), m.end()))
    return out


def _clause_bounds(cuts: list[tuple[int, int]], s: int, e: int, pos: int) -> tuple[int, int]:
    """The clause of a sentence [s, e) around offset `pos`: between punctuation outside dates."""
    i = bisect_left(cuts, (pos, -1))  # the first cut that starts at or after pos
    hi = min(e, cuts[i][0]) if i < len(cuts) else e
    k = i - 1
    if k >= 0 and cuts[k][1] > pos:
        k -= 1  # a cut around pos itself does not bound the clause
    lo = max(s, cuts[k][1]) if k >= 0 else s
    return min(lo, pos), max(hi, pos)


def _future_exprs(exprs: list[TimeExpr], sentences: list[tuple[int, int]], cuts: list[tuple[int, int]],
                  cue: _Found) -> set[int]:
    """Start offsets of expressions announced for the future: a future cue earlier in their clause
    ("is due to take effect on", "appeler à de nouvelles journées les 7 et 11 février")."""
    out: set[int] = set()
    if not sentences:
        return out
    for e in exprs:
        s, t = sentence_of(sentences, e.start)
        lo, _ = _clause_bounds(cuts, s, t, e.start)
        if cue.within(lo, e.start):  # "is due to take effect on September 1"
            out.add(e.start)
    return out


# ---------------------------------------------------------------- publication date

def publication_date(article: Article, registry: Registry) -> None:
    """Fill article.published / published_source / flags when the record did not give them."""
    lang = _lang(article)
    text = article.text or ""
    doc = _analyse(article, registry)
    if weekday_mismatches(doc.exprs):
        article.flags.append("weekday_mismatch")
    if article.published:
        return
    heads = doc.heads
    pub = [h for h in heads if not h.update] or [h for h in heads if h.update]
    if pub:
        article.published, article.published_source = pub[0].iso, "header"
        article.published_text = pub[0].text
        return
    for url in ([article.url] if article.url else []) + source_urls(text, lang, registry):
        found = url_date(url)
        if found:
            article.published, article.published_source = found, "url"
            article.published_text = url
            return
    article.flags.append("undated")
    guess = inferred_date([e for e in doc.exprs if not _in_spans(e, doc.header_spans)], doc.future)
    if guess:
        article.published, article.published_source = guess[0], "inferred"
        article.published_text = guess[1]


def _in_spans(e: TimeExpr, spans: list[tuple[int, int]]) -> bool:
    return any(a <= e.start < b for a, b in spans)


# ---------------------------------------------------------------- event dates

@dataclass
class Governed:
    """Why a claim has its date: the expression that governs it (or none) and the basis."""

    expr: TimeExpr | None
    basis: str  # clause, sentence, previous, publication, none
    interval: tuple[date, date] | None
    since: TimeExpr | None = None


_GOVERNED: OrderedDict[tuple, list[Governed]] = OrderedDict()


def analyse_claims(article: Article, claims: list[Claim], registry: Registry) -> list[Governed]:
    """The governing time expression of each claim, in the order of `claims` (the last few kept:
    event dates and the republication check ask for the same claims)."""
    key = (id(registry), _lang(article), article.text or "", article.published,
           tuple((c.start, c.end, c.attributed_to) for c in claims))
    if key in _GOVERNED:
        _GOVERNED.move_to_end(key)
        return list(_GOVERNED[key])
    out = _analyse_claims(article, claims, registry)
    _GOVERNED[key] = out
    if len(_GOVERNED) > 4:
        _GOVERNED.popitem(last=False)
    return list(out)


def _cue(registry: Registry, g: Grammar, key: str, tail: str = "") -> re.Pattern[str]:
    """The compiled alternation of a vocabulary list (cached per language)."""
    return registry.cached(f"dates:cue:{g.lang}:{key}:{tail}", lambda: re.compile(
        rf"(?<![\w]){_alt(g.voc.get(key))}{tail}"))


class _Found:
    """Every match of a cue in a text, found once: whether one lies within [lo, hi) is a bisect, not
    a rescan of the clause for each figure (a clause may hold thousands)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def within(self, lo: int, hi: int) -> bool:
        i = bisect_left(self.starts, lo)
        return i < len(self.starts) and self.ends[i] <= hi


CLAUSE_CUES = ("future_cues", "unreal_cues", "past_perfect_cues")


def _clause_cues(registry: Registry, g: Grammar, f: str) -> dict[str, _Found]:
    """The future, possibility and past-perfect cues of a text, found in one pass: each matched
    phrase counts for every list one of whose phrases it holds ("doit permettre": future, unreal)."""
    every, parts = registry.cached(f"dates:clause_cues:{g.lang}", lambda: (
        re.compile(rf"(?<![\w]){_alt([w for k in CLAUSE_CUES for w in g.voc.get(k) or []])}"),
        {k: _cue(registry, g, k) for k in CLAUSE_CUES}))
    kinds: dict[str, tuple[str, ...]] = {}
    spans: dict[str, list[tuple[int, int]]] = {k: [] for k in CLAUSE_CUES}
    for m in every.finditer(f):
        words = m.group()
        if words not in kinds:
            kinds[words] = tuple(k for k, pat in parts.items() if pat.search(words))
        for k in kinds[words]:
            spans[k].append((m.start(), m.end()))
    return {k: _Found(v) for k, v in spans.items()}


def _forward(e: TimeExpr) -> TimeExpr:
    """A year-less date of a clause about the future, read forwards ("on 7 July", "by December")."""
    if e.year is None and e.mode == "on_or_before" and e.kind in ("day", "month", "part", "season", "nthweekday"):
        return replace(e, mode="on_or_after")
    return e


def _first_n(e: TimeExpr, starts: list[tuple[int, date]]) -> tuple[date, date] | None:
    """ "the first 14 months of the war": from the nearest running-total start of the article."""
    if not starts or not e.offset:
        return None
    s = min(starts, key=lambda p: (abs(p[0] - e.start), p[0]))[1]
    n = e.offset
    if e.unit == "day":
        return s, s + timedelta(days=n)
    if e.unit == "week":
        return s, s + timedelta(weeks=n)
    months = n * 12 if e.unit == "year" else n
    y, m = s.year, s.month + months
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return s, date(y, m, min(s.day, month_bounds(y, m)[1].day))


def _owners(f: str, claims: list[Claim], exprs: list[TimeExpr], cmp_re: re.Pattern[str]) -> dict[int, int]:
    """Expressions that date a comparison figure only ("contre 47,51 % en 2022", "up from 29,437 in
    2023"): start offset -> index of that figure's claim."""
    order = sorted(range(len(claims)), key=lambda i: claims[i].end)
    ends = [claims[i].end for i in order]
    out: dict[int, int] = {}
    for e in exprs:
        k = bisect_left(ends, e.start + 1) - 1
        if k < 0:
            continue
        c = claims[order[k]]
        if e.start - c.end > 40 or _CLAUSE_PUNCT.search(f, c.end, e.start):
            continue
        if cmp_re.search(f, max(0, c.start - 40), c.start):
            out[e.start] = order[k]
    return out


def _analyse_claims(article: Article, claims: list[Claim], registry: Registry) -> list[Governed]:
    text = article.text or ""
    if not text:
        return [Governed(None, "none", None) for _ in claims]
    doc = _analyse(article, registry)
    ref = parse_iso(article.published)
    dy = None if ref else default_year(doc.exprs)
    lang = _lang(article)
    g = grammar(lang, registry)
    new_report = _cue(registry, g, "new_report_cues")
    deadline = _cue(registry, g, "deadline_cues", r"(?:\s+(?:the|la|le))?\s+$")
    f = folded(text)
    unreal, perfect = doc.cues["unreal_cues"], doc.cues["past_perfect_cues"]
    index_of = {span: i for i, span in enumerate(doc.sentences)}
    since_cues = [(m.start(), m.end()) for m in g.patterns["since"].finditer(folded(text))]
    f = folded(text)
    usable = [e for e in doc.exprs if not _in_spans(e, doc.header_spans)]
    forecast = {e.start for e in usable if e.start in doc.future
                and deadline.search(f, max(0, e.start - 30), e.start)}  # "would be ... by December"
    resolved = {e.start: resolve(_forward(e) if e.start in doc.future else e, ref, dy) for e in usable}
    starts = [(e.start, iv[0]) for e in usable if e.since and (iv := resolved.get(e.start))]
    for e in usable:
        if e.kind == "firstn":
            resolved[e.start] = _first_n(e, starts)
    owner = _owners(f, claims, usable, _cue(registry, g, "comparison_cues", r"(?:\s+\S+){0,3}\s*$"))
    than = _cue(registry, g, "comparison_time_cues", r"\s*$")
    by_start = sorted((c.start, i) for i, c in enumerate(claims))
    for e in usable:  # "de plus qu'il y a deux ans", "higher than last year": no figure's date...
        if than.search(f, max(0, e.start - 20), e.start):
            k = bisect_left(by_start, (e.end, -1))
            bracket = k < len(by_start) and _BRACKETED.fullmatch(f, e.end, by_start[k][0])
            owner[e.start] = by_start[k][1] if bracket else -1  # ...but its bracketed figure's ("qu'en 2023 (29 437)")

    def ok(e: TimeExpr) -> bool:
        if e.since or (e.start in doc.future and e.start not in forecast):
            return False
        iv = resolved.get(e.start)
        return not (iv and ref and iv[0] > ref.hi and e.mode != "label" and e.start not in forecast)

    fallback = _lead_day(usable, resolved, ref, ok) if ref is not None else None
    by_sentence: dict[tuple[int, int], list[TimeExpr]] = {}
    for e in usable:
        if doc.sentences:
            by_sentence.setdefault(sentence_of(doc.sentences, e.start), []).append(e)
    attributed: dict[tuple[int, int], set[str]] = {}
    sources: dict[tuple[int, int], set[str]] = {}
    for c in claims:
        if doc.sentences:
            s = sentence_of(doc.sentences, c.start)
            attributed.setdefault(s, set()).add(c.attributed_to or "")
            sources.setdefault(s, set()).add(_fold_name(c.attributed_text))

    out: list[Governed] = []
    governing: dict[tuple[int, int], TimeExpr] = {}  # sentence -> the date of its last dated figure
    for n, c in enumerate(claims):
        sent = sentence_of(doc.sentences, c.start) if doc.sentences else (0, len(text))
        in_sent = _near(by_sentence.get(sent, []), c.start - CLAUSE_WINDOW, c.end + CLAUSE_WINDOW)
        lo, hi = _clause_bounds(doc.cuts, sent[0], sent[1], c.start)
        since = _since_for(in_sent, c, lo, hi)
        cands = [e for e in in_sent if ok(e) and owner.get(e.start, n) == n
                 and (e.mode != "when" or e.end <= c.start)]
        clause = [e for e in cands if lo <= e.start < hi]
        pick, basis = None, "publication"
        if clause:
            pick, basis = _nearest(clause, c), "clause"
        elif any(lo <= e.start < hi and e.start in doc.future for e in in_sent):
            pass  # its clause names only an announced day ("heading for runoffs on 7 July"): current
        elif cands:
            pick, basis = _nearest(cands, c), "sentence"
        elif unreal.within(lo, c.start) or perfect.within(lo, c.start):
            out.append(Governed(None, "none", None, since))  # "could be paid", "had earlier counted"
            continue
        elif since is None and not [e for e in in_sent if not e.since and owner.get(e.start, n) == n] \
                and not _undated_since(f, g, registry, since_cues, sent[0], c.start, lo, hi):
            idx = index_of.get(sent, -1)
            if idx > 0:
                prev = doc.sentences[idx - 1]
                prev_cands = [e for e in by_sentence.get(prev, [])[-50:] if ok(e) and e.start not in owner
                              and e.mode != "when"]
                same = bool(c.attributed_to) and c.attributed_to in attributed.get(prev, set())
                if prev_cands and _continues(f, sent, prev, c, attributed, new_report) \
                        and (same or not _own_source(text, sent, c, sources.get(prev, set()))):
                    # the date of the previous sentence's figures, else its last date
                    pick, basis = governing.get(prev, prev_cands[-1]), "previous"
        interval = resolved.get(pick.start) if pick is not None else None
        if pick is not None and pick.anaphoric:
            interval = _antecedent(pick, usable, resolved, ok)
        if interval is not None and ref is not None and interval[0] <= ref.hi < interval[1] \
                and pick is not None and pick.start not in forecast and pick.mode != "label":
            interval = (interval[0], ref.hi)  # "cette année": up to the report, not the year's end
        if pick is not None and basis in ("clause", "sentence") and ok(pick):
            governing[sent] = pick
        if pick is not None:
            out.append(Governed(pick, basis, interval, since))
        elif ref is not None:
            out.append(Governed(None, "publication", fallback, since))
        else:
            out.append(Governed(None, "none", None, since))
    return out


def _fold_name(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def _own_source(text: str, sent: tuple[int, int], c: Claim, before: set[str]) -> bool:
    """Whether a claim's sentence names its own source, one the previous sentence did not name
    ("Tom Perriello ... has said"): it opens a new report and does not inherit the previous date."""
    name = _fold_name(c.attributed_text)
    if not name or name in before:
        return False
    return name in _fold_name(text[sent[0]:sent[1]])


def _lead_day(usable: list[TimeExpr], resolved: dict[int, tuple[date, date] | None], ref: Ref,
              ok: Callable[[TimeExpr], bool]) -> tuple[date, date]:
    """What "now" is for a figure reported as current: the publication date, or, when that is known
    only to the month or year, the first day the text narrates within it ("Ce mardi 7 mars")."""
    if ref.is_day:
        return ref.lo, ref.hi
    for e in usable:
        iv = resolved.get(e.start)
        if ok(e) and iv and iv[0] == iv[1] and ref.lo <= iv[0] <= ref.hi and not e.relative:
            return iv
    return ref.lo, ref.hi


_BRACKETED = re.compile(r"[^,;:.()]{0,25}\(\s*")  # "qu'en 2022 à la même heure (39,42 %)"
_ENTRY_TIME = re.compile(r"\s*\d{1,2}\s*[h:]\s*\d{2}(?:\s*[a-z]{2,4})?\s*[—–-]")


def _continues(f: str, sent: tuple[int, int], prev: tuple[int, int], c: Claim,
               attributed: dict[tuple[int, int], set[str]], new_report: re.Pattern[str]) -> bool:
    """Whether a sentence continues the report of the previous one (and may share its date).

    Not when it opens a new report: a source cue ("selon", "according to"), a new time-stamped
    entry of a live report ("20h55 —"), or a claim whose known origin differs from the previous
    sentence's known origins.
    """
    if _ENTRY_TIME.match(f, sent[0]):
        return False
    before = {a for a in attributed.get(prev, set()) if a}
    if c.attributed_to and before:
        return c.attributed_to in before
    return not new_report.search(f, sent[0], sent[1])


def _antecedent(e: TimeExpr, usable: list[TimeExpr], resolved: dict[int, tuple[date, date] | None],
                ok: Callable[[TimeExpr], bool]) -> tuple[date, date] | None:
    """The interval of the day an anaphoric expression points back to ("ce même jeudi")."""
    i = bisect_left([x.start for x in usable], e.start)
    for prev in reversed(usable[:i][-50:]):
        if prev.end > e.start or not ok(prev) or prev.anaphoric:
            continue
        iv = resolved.get(prev.start)
        if not iv or iv[0] != iv[1]:
            continue
        if e.weekday is not None and iv[0].weekday() != e.weekday:
            continue
        return iv
    return None


def _undated_since(f: str, g: Grammar, registry: Registry, cues: list[tuple[int, int]], s: int, pos: int,
                   lo: int, hi: int) -> bool:
    """A running-total cue without a date before the claim or in its clause ("depuis plusieurs
    mois", "since the offensive began"): the figure is counted up to the report, not inherited."""
    words = registry.cached(f"dates:since_words:{g.lang}", lambda: re.compile(
        rf"(?:\S+\s+){{0,3}}?{_alt(g.voc.get('since_duration_words'))}"))
    for cs, ce in cues[bisect_left(cues, (max(s, pos - CLAUSE_WINDOW), -1)):]:
        if cs >= hi:
            break
        if (cs < pos or lo <= cs < hi) and words.match(f, ce + 1):
            return True
    return False


def _nearest(exprs: list[TimeExpr], c: Claim) -> TimeExpr:
    def dist(e: TimeExpr) -> int:
        if e.end <= c.start:
            return c.start - e.end
        if e.start >= c.end:
            return e.start - c.end
        return 0
    return min(exprs, key=lambda e: (dist(e), e.start))


def _since_for(in_sent: list[TimeExpr], c: Claim, lo: int, hi: int) -> TimeExpr | None:
    """The running-total start that applies: in the claim's clause, or before it in its sentence."""
    found = [e for e in in_sent if e.since and ((lo <= e.start < hi) or e.end <= c.start)]
    if not found:
        return None
    return min(found, key=lambda e: abs(e.start - c.start))


def resolve_event_dates(article: Article, claims: list[Claim], registry: Registry) -> None:
    """Set event_date, since and date_text on each claim, in place."""
    ref = parse_iso(article.published)
    dy: int | None = None
    dy_known = ref is not None
    for c, gov in zip(claims, analyse_claims(article, claims, registry), strict=True):
        if gov.interval is not None:
            c.event_date = EventDate(start=gov.interval[0].isoformat(), end=gov.interval[1].isoformat())
        else:
            c.event_date = None
        c.date_text = gov.expr.text if gov.expr is not None else (
            article.published_text if gov.basis == "publication" else None)
        if gov.since is not None:
            if not dy_known:  # the year of an undated article's dates, found once
                dy = default_year(find_time_expressions(article.text, _lang(article), registry))
                dy_known = True
            iv = resolve(gov.since, ref, dy)
            if iv:
                c.since = iso_of(iv[0], iv[1]) if iv[0] != iv[1] else iv[0].isoformat()


# ---------------------------------------------------------------- republication

def flag_republication(article: Article, claims: list[Claim], registry: Registry) -> None:
    """Flag `republished` when the header date is weeks after every date narrated as current."""
    if article.published_source in (None, "inferred") or not claims:
        return
    ref = parse_iso(article.published)
    if ref is None or not ref.is_day:
        return
    govs = analyse_claims(article, claims, registry)
    pub = ref.hi
    old: list[tuple[date, date]] = []
    for gov in govs:
        if gov.expr is None or gov.interval is None:
            continue
        if gov.interval[1] >= pub - timedelta(days=CURRENT_DAYS) \
                and (gov.interval[1] - gov.interval[0]).days <= 7:
            return  # a figure the text dates to the stated day: the date is current
        if gov.expr.relative and not gov.expr.anaphoric and gov.expr.kind != "firstn":
            return  # figures dated from the stated date ("l'an dernier", "the past week"): it is current
        if not gov.expr.relative and not gov.expr.explicit_year \
                and (gov.interval[1] - gov.interval[0]).days <= PRECISE_DAYS \
                and gov.interval[1] <= pub - timedelta(days=REPUBLISHED_GAP_DAYS):
            old.append(gov.interval)  # a day or part of a month, not a season ("au printemps")
    if not old:
        return
    if "republished" not in article.flags:
        article.flags.append("republished")
    narrated = max(lo for lo, _ in old)
    for c, gov in zip(claims, govs, strict=True):
        if gov.basis == "publication" or (gov.expr is not None and gov.expr.relative):
            c.event_date = EventDate(start=narrated.isoformat(), end=pub.isoformat())
