"""Check type `monotonic`: a running total reported lower later than it was earlier.

Over the dated evidence of a cumulative subject (counted from the same start, when a start is given),
in time order, each figure is compared with the largest figure reported strictly earlier, from any
origin: a running total cannot fall. Hedges are respected (an "at least" figure only sets a floor; a
vague amount falls only by an order of magnitude). One finding per figure that falls, naming the
earlier figure it falls below. Totals counted from different stated starts are not compared; a
total with no stated start is compared with every other.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from typing import Literal

from .common import CheckParams, Context, Evidence, FindingRecord, RuleSpec, make_finding, widened

PLACEHOLDERS = {"subject", "first", "second"}
VARIANTS: set[str] = set()


class Params(CheckParams):
    kinds: list[Literal["cumulative", "stock", "flow"]] = ["cumulative"]
    tolerance: float = 0.01
    vague_factor: float = 10.0


def _falls(ctx: Context, rule: RuleSpec, p: Params, seq: list[Evidence]) -> list[FindingRecord]:
    """Sweep in order of start day; `best` is the highest floor among spans that ended before."""
    out: list[FindingRecord] = []
    seq = sorted(seq, key=lambda e: (e.span, e.order))
    pending: list[tuple[int, int, Evidence]] = []  # (end day, tie, evidence), a heap
    best: Evidence | None = None
    best_floor = float("-inf")
    for n, e in enumerate(seq):
        assert e.span is not None
        while pending and pending[0][0] < e.span[0]:
            _, _, done = heapq.heappop(pending)
            floor = widened(done, p.tolerance, p.vague_factor)[0]
            if floor > best_floor or (floor == best_floor and best is not None and done.order < best.order):
                best, best_floor = done, floor
        ceiling = widened(e, p.tolerance, p.vague_factor)[1]
        if best is not None and ceiling < best_floor:
            values = {"first": ctx.describe(best), "second": ctx.describe(e)}
            out.append(make_finding(ctx, rule, "monotonic", e.subject, [best, e], values))
        heapq.heappush(pending, (e.span[1], n, e))
    return out


def run(ctx: Context, rule: RuleSpec) -> list[FindingRecord]:
    """Every fall of a running total, per subject and counting start (an unknown start fits any)."""
    p: Params = rule.params
    out: list[FindingRecord] = []
    for items in ctx.by_subject.values():
        groups: dict[str, list[Evidence]] = defaultdict(list)
        for e in items:
            if e.dated and e.kind in p.kinds:
                groups[e.since or ""].append(e)
        starts = sorted(k for k in groups if k) or [""]
        seen: set[str] = set()
        for since in starts:
            seq = groups[since] + (groups.get("", []) if since else [])
            for f in _falls(ctx, rule, p, seq):
                if f.fingerprint not in seen:
                    seen.add(f.fingerprint)
                    out.append(f)
    return out
