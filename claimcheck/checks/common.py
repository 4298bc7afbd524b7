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
from functools import cached_property, lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..fingerprint import finding_fingerprint, fingerprint_row
from ..models import Article, Claim, Finding
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

@lru_cache(maxsize=65536)
def _parse_day(text: str | None, end: bool) -> int | None:
    """An ISO date, month or year as an ordinal day: its first day, or its last when `end`."""
    if not text:
        return None
    parts = str(text)[:10].split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return date(y, 12, 31).toordinal() if end else date(y, 1, 1).toordinal()
        m = int(parts[1])
        if len(parts) == 2:
            if not end:
                return date(y, m, 1).toordinal()
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return nxt.toordinal() - 1
        return date(y, m, int(parts[2])).toordinal()
    except (ValueError, IndexError):
        return None


def claim_span(claim: Claim) -> tuple[int, int] | None:
    """When a claim holds, as ordinal days (first, last); None when the text does not place it."""
    ev = claim.event_date
    if ev is None:
        return None
    a, b = _parse_day(ev.start, False), _parse_day(ev.end, True)
    if a is None and b is None:
        return None
    if a is None:
        a = _parse_day(ev.end, False)
    if b is None:
        b = _parse_day(ev.start, True)
    assert a is not None and b is not None
    return (min(a, b), max(a, b))


def day_text(day: int) -> str:
    return date.fromordinal(day).isoformat()


def gap_days(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int | None:
    """Days between two spans (0 when they overlap); None when either is undated."""
    if a is None or b is None:
        return None
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


# ---------------------------------------------------------------------------------------- evidence

@dataclass(slots=True)
class Evidence:
    """One figure from one origin for one time: the claims that carry it (echoes) and its interval."""

    subject: str
    measure: str
    origin: str                     # source key, or a unique token for an unknown origin
    attributed_to: str | None
    claims: list[Claim]
    low: float                      # effective interval: open ends become -inf / +inf (0 for counts)
    high: float
    value: float | None
    qualifier: str
    kind: str                       # stock | flow | cumulative (a stated total counts as a stock)
    span: tuple[int, int] | None
    since: str | None
    negated: bool
    order: tuple = field(default=())
    bounds_cache: dict | None = field(default=None, repr=False)

    @property
    def dated(self) -> bool:
        return self.span is not None

    @property
    def vague(self) -> bool:
        return self.qualifier == "vague"

    @property
    def first(self) -> Claim:
        return self.claims[0]


def claim_interval(claim: Claim) -> tuple[float, float]:
    lo = claim.low if claim.low is not None else (0.0 if claim.measure in ("count", "money") else -INF)
    hi = claim.high if claim.high is not None else INF
    if claim.low is None and claim.high is None and claim.value is not None and claim.qualifier == "exact":
        lo = hi = claim.value
    return float(lo), float(hi)


def time_kind(claim: Claim, taxonomy: Taxonomy) -> str:
    """How a subject behaves in time: the taxonomy's kind first, then the claim's, else stock."""
    kind = taxonomy.kind(claim.subject) or claim.kind or "stock"
    return TIME_KINDS.get(kind, "stock")


def build_evidence(claims: Iterable[Claim], taxonomy: Taxonomy) -> list[Evidence]:
    """Merge echoes: same subject, measure, origin, figure, time and polarity; unknown origins never merge."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if not c.subject:
            continue
        span = claim_span(c)
        figure = ("v", c.value) if c.value is not None else ("i", c.low, c.high)
        origin = c.attributed_to if c.attributed_to else f"?{c.article}#{c.start}:{c.end}"
        key = (c.subject, c.measure, origin, figure, span, c.since, c.negated)
        groups[key].append(c)
    out: list[Evidence] = []
    for key, cs in groups.items():
        cs.sort(key=lambda c: (c.article, c.start, c.end))
        subject, measure, origin, _, span, since, negated = key
        lo, hi = -INF, INF
        for c in cs:
            clo, chi = claim_interval(c)
            lo, hi = max(lo, clo), min(hi, chi)
        if lo > hi:  # the same figure written with incompatible hedges: keep the first claim's
            lo, hi = claim_interval(cs[0])
        narrowest = min(cs, key=lambda c: (_width(c), c.article, c.start))
        out.append(Evidence(
            subject=subject, measure=measure, origin=origin, attributed_to=cs[0].attributed_to,
            claims=cs, low=lo, high=hi, value=narrowest.value, qualifier=narrowest.qualifier,
            kind=time_kind(cs[0], taxonomy), span=span, since=since, negated=negated,
        ))
    for e in out:
        e.order = evidence_order(e)
    out.sort(key=lambda e: e.order)
    return out


def _width(c: Claim) -> float:
    lo, hi = claim_interval(c)
    return hi - lo


def evidence_order(e: Evidence) -> tuple:
    """A total, content-based order: time first (undated first), then figure, origin and text."""
    span = e.span or (-1, -1)
    c = e.first
    return (e.subject, span, e.low, e.high, e.origin if e.attributed_to else "~", c.article, c.start)


# ---------------------------------------------------------------------------------------- intervals

PERCENT_POINTS = 0.1  # rounding allowed on a percentage, in points (47.51 % written 47.5 %)


def widened(e: Evidence, tolerance: float, vague_factor: float) -> tuple[float, float]:
    """The interval a comparison allows: a small tolerance; a vague amount an order of magnitude.

    The tolerance is relative for counts, money and quantities, and PERCENT_POINTS for a percentage
    (1 % of 66.71 % would hide the gap between 66.71 % and 67.5 %).
    """
    key = (tolerance, vague_factor)
    if e.bounds_cache is None:
        e.bounds_cache = {}
    cached = e.bounds_cache.get(key)
    if cached is not None:
        return cached
    lo, hi = e.low, e.high
    if e.vague:
        lo = lo / vague_factor if lo > 0 else lo
        hi = hi * vague_factor if hi > 0 else hi
    if e.measure == "percent" and not e.vague:
        lo, hi = lo - PERCENT_POINTS, hi + PERCENT_POINTS
    else:
        lo = lo * (1 - tolerance) if lo > 0 else lo * (1 + tolerance)
        hi = hi * (1 + tolerance) if hi > 0 else hi * (1 - tolerance)
    e.bounds_cache[key] = (lo, hi)
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
    """One run's shared view of the batch: articles, taxonomy, sources and evidence indexes."""

    def __init__(self, articles: list[Article], claims: list[Claim], taxonomy: Taxonomy,
                 sources: SourceRegistry):
        self.articles = {a.id: a for a in articles}
        self.article_list = sorted(articles, key=lambda a: a.id)
        self.claims = claims
        self.taxonomy = taxonomy
        self.sources = sources
        self._wholes: dict[str, set[str]] = {}
        self._rows: dict[int, str] = {}
        self._hashes: dict[str, str] = {}

    @cached_property
    def evidence(self) -> list[Evidence]:
        return build_evidence(self.claims, self.taxonomy)

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
        return sorted(set(self.taxonomy.keys()) | {c.subject for c in self.claims if c.subject})

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
    def claims_by_article(self) -> dict[str, list[Claim]]:
        """Positive claims with a subject, by article, in text order."""
        out: dict[str, list[Claim]] = defaultdict(list)
        for c in self.claims:
            if c.subject and not c.negated:
                out[c.article].append(c)
        for cs in out.values():
            cs.sort(key=lambda c: (c.start, c.end))
        return dict(sorted(out.items()))

    def article_hash(self, article_id: str) -> str:
        """The sha256 of the article's text (of its id when the article was not passed in)."""
        h = self._hashes.get(article_id)
        if h is None:
            art = self.articles.get(article_id)
            h = art.sha256 if art is not None and art.sha256 else hashlib.sha256(article_id.encode("utf-8")).hexdigest()
            self._hashes[article_id] = h
        return h

    def claim_row(self, c: Claim) -> str:
        """What a claim contributes to a fingerprint: origin, figure and its article's text hash."""
        key = id(c)
        row = self._rows.get(key)
        if row is None:
            row = fingerprint_row((c.attributed_to, c.value, c.low, c.high, c.qualifier, c.negated,
                                   self.article_hash(c.article)))
            self._rows[key] = row
        return row

    def label(self, source: str | None) -> str:
        return self.sources.label(source) if source else "unattributed"

    def describe(self, e: Evidence, source: bool = True) -> str:
        """A figure as a reader would quote it: words, source (unless said elsewhere) and date."""
        c = e.first
        when = date_label(e)
        n = len({x.article for x in e.claims})
        more = f", {n} articles" if n > 1 else ""
        who = f"{self.label(e.attributed_to)}, " if source else ""
        return f"\u201c{c.surface}\u201d ({who}{when}{more})"


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


def claims_of(items: Iterable[Evidence]) -> list[Claim]:
    seen: set[tuple[str, int, int]] = set()
    out: list[Claim] = []
    for e in items:
        for c in e.claims:
            k = c.key()
            if k not in seen:
                seen.add(k)
                out.append(c)
    out.sort(key=lambda c: (c.article, c.start, c.end))
    return out


def make_finding(ctx: Context, rule: RuleSpec, kind: str, subject: str | None, items: list[Evidence],
                 values: dict[str, str], *, variant: str | None = None, severity: str | None = None,
                 article: str | None = None, flag: str | None = None,
                 claims: list[Claim] | None = None) -> Finding:
    """A finding with its message rendered and its content fingerprint."""
    template = rule.messages.get(variant, rule.message) if variant else rule.message
    values = dict(values)
    values.setdefault("subject", subject or "")
    cl = claims if claims is not None else claims_of(items)
    fp = finding_fingerprint(
        rule.code, subject, [ctx.claim_row(c) for c in cl],
        extra=[flag or "", ctx.article_hash(article) if article else ""]
        + ([f"{c.start}:{c.end}" for c in cl] if flag else []),
    )
    return Finding(code=rule.code, rule=rule.name, severity=severity or rule.severity, kind=kind,  # type: ignore[arg-type]
                   subject=subject, message=render(template, values), claims=cl, fingerprint=fp,
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


def fmt_number(x: float) -> str:
    if x in (INF, -INF):
        return "open"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


Runner = Callable[[Context, RuleSpec], list[Finding]]
