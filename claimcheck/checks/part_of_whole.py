"""Check type `part_of_whole`: one origin giving a part larger than its whole at the same time.

A part and a whole are related by the taxonomy (a dotted child, or `part_of`). Both figures come from
the same known origin and hold at the same time (the same period for a flow; overlapping dates
otherwise; both undated only within one article). Across different origins the same clash is a
`conflict` (see the conflict check). Usually a misprint: "310 000 in Paris" against 281 000 nationwide.
"""

from __future__ import annotations

from collections import defaultdict

from .common import (
    CheckParams,
    Context,
    Evidence,
    FindingRecord,
    RuleSpec,
    exceeds,
    make_finding,
    windowed_pairs,
)

PLACEHOLDERS = {"subject", "whole", "source", "first", "second", "first_figure", "second_figure"}
VARIANTS: set[str] = set()


class Params(CheckParams):
    tolerance: float = 0.01
    vague_factor: float = 10.0


def _same_time(a: Evidence, b: Evidence) -> bool:
    if a.span is None or b.span is None:
        return False
    if "flow" in (a.kind, b.kind):
        return a.span == b.span
    return max(a.span[0], b.span[0]) <= min(a.span[1], b.span[1])


def _pairs(ctx: Context, parts: list[Evidence], wholes: list[Evidence]) -> list[tuple[Evidence, Evidence]]:
    out = [(parts[i], wholes[j]) for i, j in windowed_pairs(parts, 0, other=wholes)
           if _same_time(parts[i], wholes[j])]
    art = ctx.table.article
    undated: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for w in wholes:
        if not w.dated:
            for i in w.rows:
                undated[(w.origin, art[i])].append(w)
    for a in parts:
        if a.dated:
            continue
        seen: set[int] = set()
        for i in a.rows:
            for w in undated.get((a.origin, art[i]), []):
                if id(w) not in seen:
                    seen.add(id(w))
                    out.append((a, w))
    return out


def _by_origin(items: list[Evidence]) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = defaultdict(list)
    for e in items:
        if e.attributed_to:  # an unknown origin is its own: never the same as another claim's
            out[e.origin].append(e)
    return out


def run(ctx: Context, rule: RuleSpec) -> list[FindingRecord]:
    """Every part larger than its whole from one origin."""
    p: Params = rule.params
    out: list[FindingRecord] = []
    for part_key, whole_key in ctx.part_whole_pairs():
        wholes = _by_origin(ctx.by_subject[whole_key])
        for origin, parts in sorted(_by_origin(ctx.by_subject[part_key]).items()):
            for a, w in _pairs(ctx, parts, wholes.get(origin, [])):
                if exceeds(a, w, p.tolerance, p.vague_factor):
                    values = {"whole": w.subject, "source": ctx.label(a.attributed_to),
                              "first": ctx.describe(a), "second": ctx.describe(w),
                              "first_figure": ctx.describe(a, source=False),
                              "second_figure": ctx.describe(w, source=False)}
                    out.append(make_finding(ctx, rule, "part_of_whole", a.subject, [a, w], values))
    return out
