"""Check type `conflict`: figures from different origins that cannot all hold at the same time.

Same subject: two pieces of evidence from different origins whose intervals are disjoint, at times
that overlap within `window_days` (a flow only against the same period; a running total only at
overlapping times: its growth is the monotonic check's business). A part larger than its whole from
different origins is a conflict too. Hedges are the intervals themselves ("plus de 10 000" allows
12 000); a vague amount ("des milliers") conflicts only with a figure an order of magnitude away.
Undated evidence is still compared, at `undated_severity`, with a message that says a conflict and a
change over time cannot be told apart. Each connected group of clashing figures is one finding.
"""

from __future__ import annotations

import bisect
from typing import Iterable, Literal

from ..models import Finding
from .common import (
    CheckParams, Context, Evidence, RuleSpec, components, disjoint, exceeds, gap_days, make_finding, widened,
    windowed_pairs,
)

PLACEHOLDERS = {"subject", "whole", "first", "second", "more"}
VARIANTS = {"undated", "part_whole", "part_whole_undated"}


class Params(CheckParams):
    window_days: int = 7
    tolerance: float = 0.01
    vague_factor: float = 10.0
    undated: bool = True
    undated_severity: Literal["info", "warning", "error"] = "warning"
    undated_flows: bool = False
    part_whole: bool = True
    skip_known_disagreements: bool = True


Known = dict[tuple[str, frozenset[str]], list[tuple[int, int] | None]]


def _same_origin(a: Evidence, b: Evidence) -> bool:
    return a.origin == b.origin


def _since_clash(a: Evidence, b: Evidence) -> bool:
    return bool(a.since and b.since and a.since != b.since)


def _in_time(a: Evidence, b: Evidence, p: Params) -> bool:
    """Dated evidence close enough in time to be compared (same subject)."""
    if "flow" in (a.kind, b.kind):
        return a.span == b.span
    gap = _gap(a, b)
    if "cumulative" in (a.kind, b.kind):
        return gap == 0
    return gap <= p.window_days


def _gap(a: Evidence, b: Evidence) -> int:
    assert a.span and b.span
    return max(0, max(a.span[0], b.span[0]) - min(a.span[1], b.span[1]))


def _part_in_time(part: Evidence, whole: Evidence, p: Params) -> bool:
    """A part and its whole comparable in time; a running part may only be compared no later than its whole."""
    if "flow" in (part.kind, whole.kind):
        return part.span == whole.span
    if _gap(part, whole) > p.window_days:
        return False
    if "cumulative" in (part.kind, whole.kind):
        return part.span[0] <= whole.span[1]  # type: ignore[index]
    return True


def _undated_ok(a: Evidence, b: Evidence, p: Params) -> bool:
    if not p.undated:
        return False
    if "flow" in (a.kind, b.kind) and not p.undated_flows:
        return False
    return True


class _Sorted:
    """Evidence sorted by widened bounds: which items lie wholly below or above a bound."""

    def __init__(self, items: list[Evidence], p: Params):
        self.items = items
        w = [widened(e, p.tolerance, p.vague_factor) for e in items]
        self.by_high = sorted(range(len(items)), key=lambda i: w[i][1])
        self.highs = [w[i][1] for i in self.by_high]
        self.by_low = sorted(range(len(items)), key=lambda i: w[i][0])
        self.lows = [w[i][0] for i in self.by_low]

    def below(self, bound: float) -> list[int]:
        return self.by_high[:bisect.bisect_left(self.highs, bound)]

    def above(self, bound: float) -> list[int]:
        return self.by_low[bisect.bisect_right(self.lows, bound):]


def _same_subject_edges(items: list[Evidence], p: Params) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    dated: list[tuple[int, int]] = []
    undated: list[tuple[int, int]] = []
    for i, j in windowed_pairs(items, p.window_days):
        a, b = items[i], items[j]
        if _same_origin(a, b) or _since_clash(a, b) or not _in_time(a, b, p):
            continue
        if disjoint(a, b, p.tolerance, p.vague_factor):
            dated.append((i, j))
    srt = _Sorted(items, p)
    for i, u in enumerate(items):
        if u.dated:
            continue
        lo, hi = widened(u, p.tolerance, p.vague_factor)
        for j in srt.below(lo) + srt.above(hi):
            x = items[j]
            if j == i or (not x.dated and j < i) or _same_origin(u, x) or _since_clash(u, x):
                continue
            if _undated_ok(u, x, p):
                undated.append((min(i, j), max(i, j)))
    return dated, sorted(set(undated))


def _already_known(a: Evidence, b: Evidence, p: Params, known: Known) -> bool:
    """The two origins already clash on the part's or the whole's own subject at about that time."""
    pair = frozenset((a.origin, b.origin))
    for e in (a, b):
        for span in known.get((e.subject, pair), []):
            gap = gap_days(span, e.span)
            if gap is None or gap <= p.window_days:
                return True
    return False


def _part_whole_edges(parts: list[Evidence], wholes: list[Evidence],
                      p: Params, known: Known) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Edges (part index, whole index) where a part from one origin exceeds a whole from another.

    With `skip_known_disagreements`, a pair of origins that already clash on the part's or the
    whole's own subject at that time is not reported again one level up.
    """
    dated: list[tuple[int, int]] = []
    undated: set[tuple[int, int]] = set()
    for i, j in windowed_pairs(parts, p.window_days, other=wholes):
        a, b = parts[i], wholes[j]
        if _same_origin(a, b) or not _part_in_time(a, b, p):
            continue
        if exceeds(a, b, p.tolerance, p.vague_factor):
            dated.append((i, j))
    wsort, psort = _Sorted(wholes, p), _Sorted(parts, p)
    for i, a in enumerate(parts):
        if a.dated:
            continue
        lo, _ = widened(a, p.tolerance, p.vague_factor)
        for j in wsort.below(lo):
            if not _same_origin(a, wholes[j]) and _undated_ok(a, wholes[j], p):
                undated.add((i, j))
    for j, b in enumerate(wholes):
        if b.dated:
            continue
        _, hi = widened(b, p.tolerance, p.vague_factor)
        for i in psort.above(hi):
            if parts[i].dated and not _same_origin(parts[i], b) and _undated_ok(parts[i], b, p):
                undated.add((i, j))
    if p.skip_known_disagreements:
        dated = [(i, j) for i, j in dated if not _already_known(parts[i], wholes[j], p, known)]
        undated = {(i, j) for i, j in undated if not _already_known(parts[i], wholes[j], p, known)}
    return dated, sorted(undated)


def _more(n: int) -> str:
    return f" (and {n} more figure{'s' if n > 1 else ''})" if n > 0 else ""


def _same_subject_findings(ctx: Context, rule: RuleSpec, p: Params, items: list[Evidence],
                           known: Known) -> Iterable[Finding]:
    dated, undated = _same_subject_edges(items, p)
    for i, j in dated + undated:
        a, b = items[i], items[j]
        spans = known.setdefault((a.subject, frozenset((a.origin, b.origin))), [])
        spans += [a.span, b.span]
    for edges, variant, severity in ((dated, None, None), (undated, "undated", p.undated_severity)):
        nodes = sorted({n for e in edges for n in e})
        for comp in components(nodes, edges):
            if len(comp) < 2:
                continue
            group = [items[i] for i in comp]
            members = set(comp)
            pairs = [(items[a], items[b]) for a, b in edges if a in members]
            lo, hi = max(pairs, key=lambda ab: _spread(*ab))
            if lo.low > hi.low:
                lo, hi = hi, lo
            values = {"first": ctx.describe(lo), "second": ctx.describe(hi), "more": _more(len(group) - 2)}
            yield make_finding(ctx, rule, "conflict", group[0].subject, group, values,
                               variant=variant, severity=severity)


def _spread(a: Evidence, b: Evidence) -> tuple:
    gap = max(a.low, b.low) - min(a.high, b.high)
    return (gap, a.order, b.order)


def _part_whole_findings(ctx: Context, rule: RuleSpec, p: Params, parts: list[Evidence],
                         wholes: list[Evidence], known: Known) -> Iterable[Finding]:
    dated, undated = _part_whole_edges(parts, wholes, p, known)
    n = len(parts)
    for edges, variant, severity in ((dated, "part_whole", None), (undated, "part_whole_undated", p.undated_severity)):
        shifted = [(i, n + j) for i, j in edges]
        nodes = sorted({x for e in shifted for x in e})
        for comp in components(nodes, shifted):
            ps = [parts[i] for i in comp if i < n]
            ws = [wholes[i - n] for i in comp if i >= n]
            part = max(ps, key=lambda e: (e.low, e.order))
            whole = min(ws, key=lambda e: (e.high, e.order))
            values = {"whole": whole.subject, "first": ctx.describe(part), "second": ctx.describe(whole),
                      "more": _more(len(ps) + len(ws) - 2)}
            yield make_finding(ctx, rule, "conflict", part.subject, ps + ws, values,
                               variant=variant, severity=severity)


def run(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """Every conflict of the batch, one finding per group of clashing figures."""
    p: Params = rule.params
    out: list[Finding] = []
    known: Known = {}
    for items in ctx.by_subject.values():
        out += _same_subject_findings(ctx, rule, p, items, known)
    if p.part_whole:
        for part_key, whole_key in ctx.part_whole_pairs():
            out += _part_whole_findings(ctx, rule, p, ctx.by_subject[part_key], ctx.by_subject[whole_key], known)
    return out
