"""What every check type shares: evidence (echo-merged claims), time spans, interval tests, findings.

A check type never sees raw claims pairwise. The engine first turns claims into **evidence**: the same
figure from the same origin for the same time, wherever it is repeated (several articles, a headline
and its body), is one piece of evidence that remembers every claim carrying it. A claim with no known
origin is its own origin and is never merged with another. Evidence is grouped by (subject, measure)
and sorted by time, so checks compare only what can overlap in time: nothing is quadratic in the batch.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..claimtable import ClaimTable, interval, span_of
from ..fingerprint import finding_fingerprint, fingerprint_row
from ..models import Claim, Finding
from ..sources import SourceRegistry
from ..subjects import Taxonomy

INF = math.inf
TIME_KINDS = {"stock": "stock", "total": "stock", "flow": "flow", "cumulative": "cumulative"}


class CheckParams(BaseModel):
    """Base of every check type's parameters: a closed set of typed keys (extra keys refused)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class RuleSpec:
    """What a check needs from its rule: code, name, severity, templates and validated parameters."""

    code: str
    name: str
    severity: str
    message: str
    messages: dict[str, str]
    params: Any


# ---------------------------------------------------------------------------------------- dates

def claim_span(claim: Claim) -> tuple[int, int] | None:
    """When a claim holds, as ordinal days (first, last); None when the text does not place it."""
    ev = claim.event_date
    return None if ev is None else span_of(ev.start, ev.end)


_DAY_TEXT: dict[int, str] = {}


def day_text(day: int) -> str:
    """An ordinal day as an ISO date (memoised: a batch names few distinct days)."""
    got = _DAY_TEXT.get(day)
    if got is None:
        got = _DAY_TEXT[day] = date.fromordinal(day).isoformat()
    return got


def gap_days(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int | None:
    """Days between two spans (0 when they overlap); None when either is undated."""
    if a is None or b is None:
        return None
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


# ---------------------------------------------------------------------------------------- evidence

@dataclass(slots=True)
class Evidence:
    """One figure from one origin for one time: the table rows that carry it (echoes) and its interval."""

    subject: str
    measure: str
    origin: str                     # source key, or a unique token for an unknown origin
    attributed_to: str | None
    rows: list[int]                 # claim rows of the ClaimTable, in (article, start, end) order
    low: float                      # effective interval: open ends become -inf / +inf (0 for counts)
    high: float
    value: float | None
    qualifier: str
    kind: str                       # stock | flow | cumulative (a stated total counts as a stock)
    span: tuple[int, int] | None
    since: str | None
    negated: bool
    first: int = 0                  # the first row (article, offsets): the figure quoted in messages
    order: tuple = field(default=())
    bounds: tuple | None = field(default=None, repr=False)  # (tolerance, vague_factor, lo, hi)

    @property
    def dated(self) -> bool:
        return self.span is not None

    @property
    def vague(self) -> bool:
        return self.qualifier == "vague"


def claim_interval(claim: Claim) -> tuple[float, float]:
    return interval(claim.value, claim.low, claim.high, claim.qualifier, claim.measure)


def time_kind(claim: Claim, taxonomy: Taxonomy) -> str:
    """How a subject behaves in time: the taxonomy's kind first, then the claim's, else stock."""
    kind = taxonomy.kind(claim.subject) or claim.kind or "stock"
    return TIME_KINDS.get(kind, "stock")


class KindOf:
    """Time kinds by (subject, claim kind), memoised: a million rows share a few thousand subjects."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.memo: dict[tuple[str | None, str | None], str] = {}

    def __call__(self, subject: str | None, kind: str | None) -> str:
        key = (subject, kind)
        got = self.memo.get(key)
        if got is None:
            got = TIME_KINDS.get(self.taxonomy.kind(subject) or kind or "stock", "stock")
            self.memo[key] = got
        return got


def build_evidence(t: ClaimTable, taxonomy: Taxonomy, kind_of: KindOf | None = None) -> list[Evidence]:
    """Merge echoes: same subject, measure, origin, figure, time and polarity; unknown origins never merge."""
    kind_of = kind_of or KindOf(taxonomy)
    groups: dict[tuple, Any] = {}
    for i, (subject, measure, att, value, span, since, negated) in enumerate(zip(
            t.subject, t.measure, t.attributed_to, t.value, t.span, t.since, t.negated, strict=True)):
        if not subject:
            continue
        figure = ("v", value) if value is not None else ("i", t.low[i], t.high[i])
        origin = att if att else f"?{t.article[i]}#{t.start[i]}:{t.end[i]}"
        key = (subject, measure, origin, figure, span, since, negated)
        g = groups.get(key)
        if g is None:
            groups[key] = i
        elif isinstance(g, int):
            groups[key] = [g, i]
        else:
            g.append(i)
    art, st, en, ilo, ihi = t.article, t.start, t.end, t.ilo, t.ihi
    out: list[Evidence] = []
    for key, g in groups.items():
        subject, measure, origin, _, span, since, negated = key
        if isinstance(g, int):
            rows = [g]
            lo, hi, best = ilo[g], ihi[g], g
        else:
            rows = sorted(g, key=lambda i: (art[i], st[i], en[i]))
            lo, hi = -INF, INF
            for i in rows:
                lo, hi = max(lo, ilo[i]), min(hi, ihi[i])
            if lo > hi:  # the same figure written with incompatible hedges: keep the first claim's
                lo, hi = ilo[rows[0]], ihi[rows[0]]
            best = min(rows, key=lambda i: (ihi[i] - ilo[i], art[i], st[i]))
        first = rows[0]
        e = Evidence(subject=subject, measure=measure, origin=origin, attributed_to=t.attributed_to[first],
                     rows=rows, low=lo, high=hi, value=t.value[best], qualifier=t.qualifier[best],
                     kind=kind_of(subject, t.kind[first]), span=span, since=since, negated=negated,
                     first=first)
        e.order = (subject, span or (-1, -1), lo, hi, origin if e.attributed_to else "~", art[first], st[first])
        out.append(e)
    out.sort(key=lambda e: e.order)
    return out


def evidence_order(e: Evidence, t: ClaimTable) -> tuple:
    """A total, content-based order: time first (undated first), then figure, origin and text."""
    span = e.span or (-1, -1)
    return (e.subject, span, e.low, e.high, e.origin if e.attributed_to else "~", t.article[e.first],
            t.start[e.first])


# ---------------------------------------------------------------------------------------- intervals

PERCENT_POINTS = 0.1  # rounding allowed on a percentage, in points (47.51 % written 47.5 %)


def widened(e: Evidence, tolerance: float, vague_factor: float) -> tuple[float, float]:
    """The interval a comparison allows: a small tolerance; a vague amount an order of magnitude.

    The tolerance is relative for counts, money and quantities, and PERCENT_POINTS for a percentage
    (1 % of 66.71 % would hide the gap between 66.71 % and 67.5 %).
    """
    b = e.bounds
    if b is not None and b[0] == tolerance and b[1] == vague_factor:
        return b[2], b[3]
    lo, hi = e.low, e.high
    if e.vague:
        lo = lo / vague_factor if lo > 0 else lo
        hi = hi * vague_factor if hi > 0 else hi
    if e.measure == "percent" and not e.vague:
        lo, hi = lo - PERCENT_POINTS, hi + PERCENT_POINTS
    else:
        lo = lo * (1 - tolerance) if lo > 0 else lo * (1 + tolerance)
        hi = hi * (1 + tolerance) if hi > 0 else hi * (1 - tolerance)
    e.bounds = (tolerance, vague_factor, lo, hi)
    return lo, hi


def disjoint(a: Evidence, b: Evidence, tolerance: float, vague_factor: float) -> bool:
    """True when the two figures cannot both hold (each widened by its tolerance)."""
    alo, ahi = widened(a, tolerance, vague_factor)
    blo, bhi = widened(b, tolerance, vague_factor)
    return alo > bhi or blo > ahi


def exceeds(part: Evidence, whole: Evidence, tolerance: float, vague_factor: float) -> bool:
    """True when a part is certainly larger than its whole."""
    plo, _ = widened(part, tolerance, vague_factor)
    _, whi = widened(whole, tolerance, vague_factor)
    return plo > whi


# ---------------------------------------------------------------------------------------- context

class Context:
    """One run's shared view of the batch: articles, claim table, taxonomy, sources and evidence indexes."""

    def __init__(self, articles: Iterable[Any], table: ClaimTable, taxonomy: Taxonomy,
                 sources: SourceRegistry):
        self.article_list = sorted(articles, key=lambda a: a.id)
        self.articles = {a.id: a for a in self.article_list}
        self.table = table
        self.taxonomy = taxonomy
        self.sources = sources
        self.kind_of = KindOf(taxonomy)
        self._wholes: dict[str, set[str]] = {}
        self._rows: dict[int, str] = {}
        self._hashes: dict[str, str] = {}
        self._labels: dict[str | None, str] = {}
        self.cache: dict[Any, Any] = {}  # what a check type memoises for the run

    @cached_property
    def evidence(self) -> list[Evidence]:
        return build_evidence(self.table, self.taxonomy, self.kind_of)

    @cached_property
    def positive(self) -> list[Evidence]:
        return [e for e in self.evidence if not e.negated]

    @cached_property
    def by_subject(self) -> dict[tuple[str, str], list[Evidence]]:
        """Positive evidence by (subject, measure), each list sorted by time."""
        out: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
        for e in self.positive:
            out[(e.subject, e.measure)].append(e)
        return dict(sorted(out.items()))

    @cached_property
    def by_subject_origin(self) -> dict[tuple[str, str], dict[str, list[Evidence]]]:
        """Positive evidence by (subject, measure), then by origin."""
        out: dict[tuple[str, str], dict[str, list[Evidence]]] = {}
        for key, items in self.by_subject.items():
            per: dict[str, list[Evidence]] = defaultdict(list)
            for e in items:
                per[e.origin].append(e)
            out[key] = dict(per)
        return out

    def wholes(self, subject: str) -> set[str]:
        if subject not in self._wholes:
            self._wholes[subject] = self.taxonomy.wholes(subject)
        return self._wholes[subject]

    def part_whole_pairs(self) -> list[tuple[tuple[str, str], tuple[str, str]]]:
        """(part, whole) group keys that both have evidence, same measure, sorted."""
        keys = self.by_subject
        out = []
        for (subject, measure) in keys:
            for w in sorted(self.wholes(subject)):
                if (w, measure) in keys:
                    out.append(((subject, measure), (w, measure)))
        return out

    @cached_property
    def subject_keys(self) -> list[str]:
        """Every subject known: the taxonomy's and those the claims use."""
        return sorted(set(self.taxonomy.keys()) | {s for s in set(self.table.subject) if s})

    def direct_wholes(self, subject: str) -> set[str]:
        """The wholes a subject belongs to directly: its dotted parent and its declared `part_of`."""
        out = set(self.taxonomy.dotted_ancestors(subject)[:1])
        s = self.taxonomy.get(subject)
        if s is not None:
            out |= set(s.part_of)
        return out

    @cached_property
    def direct_parts(self) -> dict[str, list[str]]:
        """Each whole's direct parts as the taxonomy declares them, leaving out a part of another part.

        Only declared subjects count: a key the taxonomy does not know cannot say what else shares
        its whole, nor whether it is nested in a sibling, so no sum can be checked with it.
        """
        raw: dict[str, set[str]] = defaultdict(set)
        for k in self.taxonomy.keys():
            for w in self.direct_wholes(k):
                raw[w].add(k)
        out: dict[str, list[str]] = {}
        for w, parts in raw.items():
            out[w] = sorted(p for p in parts if not any(q != p and q in self.wholes(p) for q in parts))
        return out

    @cached_property
    def parts_index(self) -> dict[str, list[str]]:
        """For each subject with evidence, the subjects with evidence that are part of it."""
        keys = sorted({s for s, _ in self.by_subject})
        out: dict[str, list[str]] = defaultdict(list)
        for k in keys:
            for w in sorted(self.wholes(k)):
                out[w].append(k)
        return dict(out)

    @cached_property
    def rows_by_article(self) -> dict[str, list[int]]:
        """Rows of positive claims with a subject, by article, in text order."""
        t = self.table
        out: dict[str, list[int]] = defaultdict(list)
        for i, (a, s, neg) in enumerate(zip(t.article, t.subject, t.negated, strict=True)):
            if s and not neg:
                out[a].append(i)
        st, en = t.start, t.end
        for rows in out.values():
            if len(rows) > 1:
                rows.sort(key=lambda i: (st[i], en[i]))
        return dict(sorted(out.items()))

    def article_hash(self, article_id: str) -> str:
        """The sha256 of the article's text (of its id when the article was not passed in)."""
        h = self._hashes.get(article_id)
        if h is None:
            art = self.articles.get(article_id)
            h = art.sha256 if art is not None and art.sha256 else hashlib.sha256(article_id.encode("utf-8")).hexdigest()
            self._hashes[article_id] = h
        return h

    def claim_row(self, i: int) -> str:
        """What a claim contributes to a fingerprint: origin, figure and its article's text hash."""
        row = self._rows.get(i)
        if row is None:
            t = self.table
            row = fingerprint_row((t.attributed_to[i], t.value[i], t.low[i], t.high[i], t.qualifier[i],
                                   t.negated[i], self.article_hash(t.article[i])))
            self._rows[i] = row
        return row

    def label(self, source: str | None) -> str:
        got = self._labels.get(source)
        if got is None:
            got = self.sources.label(source) if source else "unattributed"
            self._labels[source] = got
        return got

    def describe(self, e: Evidence, source: bool = True) -> str:
        """A figure as a reader would quote it: words, source (unless said elsewhere) and date."""
        t = self.table
        when = date_label(e)
        n = len({t.article[i] for i in e.rows}) if len(e.rows) > 1 else 1
        more = f", {n} articles" if n > 1 else ""
        who = f"{self.label(e.attributed_to)}, " if source else ""
        return f"\u201c{t.surface[e.first]}\u201d ({who}{when}{more})"

    def quote(self, i: int) -> str:
        """A claim's words in quotes."""
        return f"\u201c{self.table.surface[i]}\u201d"


def date_label(e: Evidence) -> str:
    if e.span is None:
        return "undated"
    a, b = e.span
    return day_text(a) if a == b else f"{day_text(a)} to {day_text(b)}"


# ---------------------------------------------------------------------------------------- findings

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def render(template: str, values: dict[str, str]) -> str:
    """Fill `{name}` placeholders from a fixed set of strings (nothing is evaluated); a sentence."""
    text = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template).strip()
    if template.startswith("{source}"):  # a source's label is prose ("the CGT union"); ids stay as written
        text = text[:1].upper() + text[1:]
    return text


def rows_of(ctx: Context, items: Iterable[Evidence]) -> list[int]:
    """The claim rows behind some evidence, once each, in (article, start, end) order."""
    t = ctx.table
    art, st, en = t.article, t.start, t.end
    keyed = sorted([(art[i], st[i], en[i], i) for e in items for i in e.rows])
    out: list[int] = []
    last = None
    for a, b, c, i in keyed:
        if (a, b, c) != last:
            out.append(i)
            last = (a, b, c)
    return out


@dataclass(slots=True)
class FindingRecord:
    """A finding before its claims are rebuilt as `Claim` objects: claim rows of the table."""

    code: str
    rule: str
    severity: str
    kind: str
    subject: str | None
    message: str
    rows: list[int]
    fingerprint: str
    article: str | None = None
    flag: str | None = None

    def to_finding(self, table: ClaimTable) -> Finding:
        """The contract's Finding, with full claims (every field is already valid: no re-validation)."""
        return Finding.model_construct(code=self.code, rule=self.rule, severity=self.severity, kind=self.kind,
                                       subject=self.subject, message=self.message, claims=table.claims(self.rows),
                                       fingerprint=self.fingerprint, article=self.article, flag=self.flag)


def make_finding(ctx: Context, rule: RuleSpec, kind: str, subject: str | None, items: list[Evidence],
                 values: dict[str, str], *, variant: str | None = None, severity: str | None = None,
                 article: str | None = None, flag: str | None = None,
                 rows: list[int] | None = None) -> FindingRecord:
    """A finding with its message rendered and its content fingerprint."""
    template = rule.messages.get(variant, rule.message) if variant else rule.message
    values = dict(values)
    values.setdefault("subject", subject or "")
    cl = rows if rows is not None else rows_of(ctx, items)
    t = ctx.table
    fp = finding_fingerprint(
        rule.code, subject, [ctx.claim_row(i) for i in cl],
        extra=[flag or "", ctx.article_hash(article) if article else ""]
        + ([f"{t.start[i]}:{t.end[i]}" for i in cl] if flag else []),
    )
    return FindingRecord(code=rule.code, rule=rule.name, severity=severity or rule.severity, kind=kind,
                         subject=subject, message=render(template, values), rows=cl, fingerprint=fp,
                         article=article, flag=flag)


def components(nodes: list[int], edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of a graph given by edges, each sorted, in order of their first node."""
    parent = {n: n for n in nodes}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in nodes:
        groups[find(n)].append(n)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def windowed_pairs(items: list[Evidence], window: int | None,
                   other: list[Evidence] | None = None) -> Iterator[tuple[int, int]]:
    """Index pairs of dated evidence whose spans lie within `window` days (sweep by start day).

    With `other`, pairs (i in items, j in other); otherwise i < j within `items`. Undated evidence
    is left out here: callers compare it separately.
    """
    w = window if window is not None else 10**9
    left = sorted((e.span[0], i) for i, e in enumerate(items) if e.span is not None)
    right_src = other if other is not None else items
    right = sorted((e.span[0], j) for j, e in enumerate(right_src) if e.span is not None)
    # for each left item, right items whose start <= left.end + w and end >= left.start - w
    ends = [right_src[j].span[1] for _, j in right]  # type: ignore[index]
    starts = [s for s, _ in right]
    import bisect

    max_len = max((right_src[j].span[1] - right_src[j].span[0] for _, j in right), default=0)  # type: ignore[index]
    for _, i in left:
        a0, a1 = items[i].span  # type: ignore[misc]
        lo = bisect.bisect_left(starts, a0 - w - max_len)
        hi = bisect.bisect_right(starts, a1 + w)
        for k in range(lo, hi):
            j = right[k][1]
            if other is None and j <= i:
                continue
            if ends[k] < a0 - w:
                continue
            yield (i, j)


def window_pairs(a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray, window: int,
                 same: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) of spans [a0, a1] and [b0, b1] at most `window` days apart, vectorised.

    The sweep of `windowed_pairs` in numpy: the b spans sorted by first day, each a span takes the
    slice of b spans that start early enough, the late-ending ones are dropped. With `same` (a and
    b are one list) only i < j is kept. The pairs are as many as the spans near each other in time.
    """
    if len(a0) == 0 or len(b0) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    order = np.argsort(b0, kind="stable")
    bs = b0[order]
    max_len = int((b1 - b0).max())
    lo = np.searchsorted(bs, a0 - window - max_len, "left")
    hi = np.searchsorted(bs, a1 + window, "right")
    cnt = hi - lo
    total = int(cnt.sum())
    ii = np.repeat(np.arange(len(a0)), cnt)
    k = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt) + np.repeat(lo, cnt)
    jj = order[k]
    keep = b1[jj] >= a0[ii] - window
    if same:
        keep &= ii < jj
    return ii[keep], jj[keep]


def span_arrays(items: list[Evidence], idx: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """First and last days of the given (dated) evidence, as arrays."""
    a = np.fromiter((items[i].span[0] for i in idx), dtype=np.int64, count=len(idx))  # type: ignore[index]
    b = np.fromiter((items[i].span[1] for i in idx), dtype=np.int64, count=len(idx))  # type: ignore[index]
    return a, b


def codes(values: list[Any]) -> np.ndarray:
    """Small integer codes for hashable values (None is -1), equal values equal codes."""
    table: dict[Any, int] = {}
    return np.fromiter((-1 if v is None else table.setdefault(v, len(table)) for v in values),
                       dtype=np.int64, count=len(values))


def fmt_number(x: float) -> str:
    if x in (INF, -INF):
        return "open"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


Runner = Callable[[Context, RuleSpec], list[FindingRecord]]
