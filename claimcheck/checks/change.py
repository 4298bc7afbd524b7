"""Check type `change`: a figure that moved over time (`change`) or an origin revising itself (`revision`).

With `same_origin: false` (kind `change`): a level (a stock, or a stated total) whose figures from
different origins, further apart in time than the conflict window, moved by more than
`min_relative_change` and no longer overlap. A running total that grows is expected and never
flagged; a flow of one period is never compared with another period's.

With `same_origin: true` (kind `revision`): one origin giving a different figure for the same
subject: for a flow, for the same period; for a running total, for the same time (a fall over time is
the monotonic check's); for a level, at any time, undated ones included. Figures differ when their
intervals are disjoint, or when they carry the same hedge and their values differ by more than
`min_relative_change` ("plus d'un million" then "plus d'1,5 million"). A vague amount restated as a
figure it contains is not a revision.
"""

from __future__ import annotations

from collections import defaultdict

from .common import CheckParams, Context, Evidence, FindingRecord, RuleSpec, disjoint, make_finding

PLACEHOLDERS = {"subject", "source", "first", "second", "first_figure", "second_figure", "change"}
VARIANTS = {"undated"}


class Params(CheckParams):
    same_origin: bool = False
    min_relative_change: float = 0.1
    window_days: int = 7
    tolerance: float = 0.01
    vague_factor: float = 10.0
    undated_flows: bool = False


def _relative(a: Evidence, b: Evidence) -> float | None:
    if a.value is None or b.value is None or max(abs(a.value), abs(b.value)) == 0:
        return None
    return abs(b.value - a.value) / max(abs(a.value), abs(b.value))


def differ(a: Evidence, b: Evidence, p: Params) -> bool:
    """Two figures that are not the same statement: disjoint, or same hedge and values apart."""
    if disjoint(a, b, p.tolerance, p.vague_factor):
        return True
    if a.qualifier == b.qualifier and not a.vague:
        rel = _relative(a, b)
        return rel is not None and rel > p.min_relative_change
    return False


def _comparable_revision(a: Evidence, b: Evidence, p: Params) -> bool:
    if a.span is None or b.span is None:
        return not ("flow" in (a.kind, b.kind) and not p.undated_flows)
    if "flow" in (a.kind, b.kind):
        return a.span == b.span
    if "cumulative" in (a.kind, b.kind):
        return max(a.span[0], b.span[0]) <= min(a.span[1], b.span[1])
    return True


def _change_pct(a: Evidence, b: Evidence) -> str:
    if a.value and b.value:
        return f"{(b.value - a.value) / a.value:+.0%}"
    return "changed"


def _revisions(ctx: Context, rule: RuleSpec, p: Params, items: list[Evidence]) -> list[FindingRecord]:
    out: list[FindingRecord] = []
    by_origin: dict[str, list[Evidence]] = defaultdict(list)
    for e in items:
        if e.attributed_to:  # an unknown origin is its own: it cannot revise anything
            by_origin[e.origin].append(e)
    for origin in sorted(by_origin):
        seq = by_origin[origin]  # already in time order (undated first)
        for a, b in zip(seq, seq[1:], strict=False):
            if not _comparable_revision(a, b, p) or (a.since and b.since and a.since != b.since) or not differ(a, b, p):
                continue
            values = {"source": ctx.label(a.attributed_to), "first": ctx.describe(a),
                      "second": ctx.describe(b), "first_figure": ctx.describe(a, source=False),
                      "second_figure": ctx.describe(b, source=False), "change": _change_pct(a, b)}
            variant = None if a.dated and b.dated else "undated"
            out.append(make_finding(ctx, rule, "revision", a.subject, [a, b], values, variant=variant))
    return out


def _changes(ctx: Context, rule: RuleSpec, p: Params, items: list[Evidence]) -> list[FindingRecord]:
    out: list[FindingRecord] = []
    seq = [e for e in items if e.dated and e.kind == "stock"]
    for a, b in zip(seq, seq[1:], strict=False):
        assert a.span and b.span
        if a.origin == b.origin or b.span[0] - a.span[1] <= p.window_days:
            continue
        rel = _relative(a, b)
        if not disjoint(a, b, p.tolerance, p.vague_factor) or (rel is not None and rel <= p.min_relative_change):
            continue
        values = {"source": ctx.label(b.attributed_to), "first": ctx.describe(a), "second": ctx.describe(b),
                  "first_figure": ctx.describe(a, source=False), "second_figure": ctx.describe(b, source=False),
                  "change": _change_pct(a, b)}
        out.append(make_finding(ctx, rule, "change", a.subject, [a, b], values))
    return out


def run(ctx: Context, rule: RuleSpec) -> list[FindingRecord]:
    """Revisions (same origin) or changes over time (different origins), per the rule's parameters."""
    p: Params = rule.params
    out: list[FindingRecord] = []
    for items in ctx.by_subject.values():
        out += _revisions(ctx, rule, p, items) if p.same_origin else _changes(ctx, rule, p, items)
    return out
