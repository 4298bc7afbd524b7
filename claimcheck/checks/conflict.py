"""Check type `conflict`: figures from different origins that cannot all hold at the same time.

Same subject: two pieces of evidence from different origins whose intervals are disjoint, at times
that overlap within `window_days` (a flow only against the same period; a running total only at
overlapping times: its growth is the monotonic check's business). A part larger than its whole from
different origins is a conflict too. Hedges are the intervals themselves ("plus de 10 000" allows
12 000); a vague amount ("des milliers") conflicts only with a figure an order of magnitude away.
Undated evidence is still compared (except flows, unless `undated_flows`), at `undated_severity`,
with a message that says a conflict and a change over time cannot be told apart.

Each clashing figure is linked to the figure it clashes with most on each side (at most two links per
figure, so a batch where everything clashes stays linear); each connected group is one finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from math import inf as INF
from typing import Literal

import numpy as np

from .common import (
    CheckParams,
    Context,
    Evidence,
    FindingRecord,
    RuleSpec,
    codes,
    components,
    make_finding,
    span_arrays,
    widened,
    window_pairs,
)

PLACEHOLDERS = {"subject", "whole", "first", "second", "more"}
VARIANTS = {"undated", "part_whole", "part_whole_undated"}


# How many of the most extreme candidates an undated figure tries before giving up on a partner:
# only a batch where nearly every figure clashes with nearly every other ever reaches it.
MAX_CANDIDATES = 8


class Params(CheckParams):
    window_days: int = 7
    tolerance: float = 0.01
    vague_factor: float = 10.0
    undated: bool = True
    undated_severity: Literal["info", "warning", "error"] = "warning"
    undated_flows: bool = False
    part_whole: bool = True
    skip_known_disagreements: bool = True


def _same_origin(a: Evidence, b: Evidence) -> bool:
    return a.origin == b.origin


def _since_clash(a: Evidence, b: Evidence) -> bool:
    return bool(a.since and b.since and a.since != b.since)


class _Partners:
    """For each node, its most extreme clashing partner on each side: at most two edges per node.

    Every figure that clashes with some other keeps an edge to the figure it clashes with most, so
    every clashing figure is reported, while the edges stay linear in the batch (a dense batch
    where every figure clashes with every other would otherwise give quadratically many).
    """

    def __init__(self) -> None:
        self.best: dict[tuple[int, str], tuple[float, int]] = {}

    def improves(self, node: int, side: str, score: float, partner: int) -> bool:
        cur = self.best.get((node, side))
        return cur is None or (score, partner) < cur

    def offer(self, node: int, side: str, score: float, partner: int) -> None:
        cur = self.best.get((node, side))
        if cur is None or (score, partner) < cur:
            self.best[(node, side)] = (score, partner)

    def edges(self) -> list[tuple[int, int]]:
        return sorted({(min(n, p), max(n, p)) for (n, _), (_, p) in self.best.items()})


def _window(items: Iterable[Evidence], p: Params) -> int:
    """How far apart in time evidence may be compared: 0 unless some of it is a level."""
    return p.window_days if any(e.kind == "stock" for e in items) else 0


def _kind_arrays(items: list[Evidence]) -> tuple[np.ndarray, np.ndarray]:
    """Whether each item is a flow, and whether it is a running total."""
    flow = np.fromiter((e.kind == "flow" for e in items), dtype=bool, count=len(items))
    cum = np.fromiter((e.kind == "cumulative" for e in items), dtype=bool, count=len(items))
    return flow, cum


def _in_time_mask(a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray, flow: np.ndarray,
                  cum: np.ndarray, window: int) -> np.ndarray:
    """Which pairs of dated figures (same subject) are close enough in time to be compared.

    `flow`/`cum` say whether either side of each pair is a flow / a running total: a flow only
    against the same period, a running total only at overlapping times, a level within `window` days.
    """
    gap = np.maximum(0, np.maximum(a0, b0) - np.minimum(a1, b1))
    same_span = (a0 == b0) & (a1 == b1)
    return np.where(flow, same_span, np.where(cum, gap == 0, gap <= window))


def _best_offers(node: np.ndarray, score: np.ndarray, partner: np.ndarray, side: str, out: _Partners) -> None:
    """Offer each node its best (lowest score, then lowest partner) candidate, vectorised."""
    if len(node) == 0:
        return
    order = np.lexsort((partner, score, node))
    first = np.ones(len(order), dtype=bool)
    first[1:] = node[order][1:] != node[order][:-1]
    for k in order[first].tolist():
        out.offer(int(node[k]), side, float(score[k]), int(partner[k]))


def _dated_same_subject(items: list[Evidence], bounds: list[tuple[float, float]], p: Params, out: _Partners) -> None:
    """Clashing pairs of dated figures close enough in time, from different origins (numpy sweep)."""
    idx = [i for i, e in enumerate(items) if e.dated]
    if len(idx) < 2:
        return
    pos = np.asarray(idx, dtype=np.int64)
    s0, s1 = span_arrays(items, idx)
    ii, jj = window_pairs(s0, s1, s0, s1, _window(items, p), same=True)
    lo = np.fromiter((bounds[i][0] for i in idx), dtype=float, count=len(idx))
    hi = np.fromiter((bounds[i][1] for i in idx), dtype=float, count=len(idx))
    keep = (lo[ii] > hi[jj]) | (lo[jj] > hi[ii])
    ii, jj = ii[keep], jj[keep]
    if len(ii) == 0:
        return
    sub = [items[i] for i in idx]
    origin, since = codes([e.origin for e in sub]), codes([e.since for e in sub])
    flow, cum = _kind_arrays(sub)
    keep = origin[ii] != origin[jj]
    keep &= ~((since[ii] >= 0) & (since[jj] >= 0) & (since[ii] != since[jj]))
    keep &= _in_time_mask(s0[ii], s1[ii], s0[jj], s1[jj], flow[ii] | flow[jj], cum[ii] | cum[jj], p.window_days)
    ii, jj = ii[keep], jj[keep]
    low_first = hi[ii] < lo[jj]  # the lower figure of each pair, and the higher
    lw, hg = np.where(low_first, ii, jj), np.where(low_first, jj, ii)
    _best_offers(pos[lw], -lo[hg], pos[hg], "up", out)
    _best_offers(pos[hg], hi[lw], pos[lw], "down", out)


def _same_subject_edges(items: list[Evidence], p: Params) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    bounds = [widened(e, p.tolerance, p.vague_factor) for e in items]
    dated = _Partners()
    _dated_same_subject(items, bounds, p, dated)
    undated = _Partners()
    if p.undated:
        _undated_same_subject(items, bounds, p, undated)
    return dated.edges(), undated.edges()


def _undated_same_subject(items: list[Evidence], bounds: list[tuple[float, float]], p: Params,
                          out: _Partners) -> None:
    """Each figure, one side undated: its most extreme partner wholly below and wholly above.

    An undated figure looks at every comparable figure, a dated one at the undated ones only; each
    tries at most MAX_CANDIDATES of the most extreme (numpy, all figures at once).
    """
    comparable = np.asarray([i for i, e in enumerate(items) if e.kind != "flow" or p.undated_flows], dtype=np.int64)
    if len(comparable) < 2:
        return
    n = len(items)
    lo = np.fromiter((b[0] for b in bounds), dtype=float, count=n)
    hi = np.fromiter((b[1] for b in bounds), dtype=float, count=n)
    dated = np.fromiter((e.dated for e in items), dtype=bool, count=n)
    origin, since = codes([e.origin for e in items]), codes([e.since for e in items])
    by_high = comparable[np.lexsort((comparable, hi[comparable]))]            # lowest ceiling first
    by_low = comparable[np.lexsort((comparable, -lo[comparable]))]            # highest floor first
    pools = ((by_high, by_low), (by_high[~dated[by_high]], by_low[~dated[by_low]]))
    for nodes, (below, above) in ((comparable[~dated[comparable]], pools[0]), (comparable[dated[comparable]], pools[1])):
        if len(nodes) == 0:
            continue
        down = np.minimum(np.searchsorted(hi[below], lo[nodes], "left"), MAX_CANDIDATES)
        up = np.minimum(np.searchsorted(-lo[above], -hi[nodes], "left"), MAX_CANDIDATES)
        for counts, pool, side in ((down, below, "down"), (up, above, "up")):
            ii, jj = _prefix_pairs(nodes, counts, pool)
            keep = (ii != jj) & (origin[ii] != origin[jj])
            keep &= ~((since[ii] >= 0) & (since[jj] >= 0) & (since[ii] != since[jj]))
            ii, jj = ii[keep], jj[keep]
            _best_offers(ii, hi[jj] if side == "down" else -lo[jj], jj, side, out)


class _Clashes:
    """Which origins give a figure excluding each piece of evidence of one subject (vectorised `_clashes_with`).

    Per origin: the highest floor and lowest ceiling of all its figures and of its undated ones;
    plus the (evidence, origin) pairs of dated figures that exclude each other in time, found by one
    sweep. An undated figure clashes with an origin when one of its figures is out of reach; a dated
    one when an undated figure of the origin is, or a dated one at a comparable time.
    """

    def __init__(self, items: list[Evidence], p: Params, org: np.ndarray):
        self.lo = np.fromiter((widened(e, p.tolerance, p.vague_factor)[0] for e in items), dtype=float,
                              count=len(items))
        self.hi = np.fromiter((e.bounds[3] for e in items), dtype=float, count=len(items))  # type: ignore[index]
        self.dated = np.fromiter((e.dated for e in items), dtype=bool, count=len(items))
        self.origins, inv = np.unique(org, return_inverse=True)
        u = len(self.origins)
        self.all_lo, self.all_hi = self._extremes(inv, np.ones(len(items), dtype=bool), u)
        self.und_lo, self.und_hi = self._extremes(inv, ~self.dated, u)
        idx = np.flatnonzero(self.dated)
        pairs = np.zeros(0, dtype=np.int64)
        if len(idx) > 1:
            s0, s1 = span_arrays(items, idx.tolist())
            ii, jj = window_pairs(s0, s1, s0, s1, p.window_days, same=True)
            a, b = idx[ii], idx[jj]
            keep = (self.lo[a] > self.hi[b]) | (self.lo[b] > self.hi[a])
            flow, cum = _kind_arrays(items)
            keep &= _in_time_mask(s0[ii], s1[ii], s0[jj], s1[jj], flow[a] | flow[b], cum[a] | cum[b],
                                  p.window_days)
            a, b = a[keep], b[keep]
            pairs = np.unique(np.concatenate([a * u + inv[b], b * u + inv[a]]))
        self.pairs = pairs
        self.scalar: tuple | None = None

    def _extremes(self, inv: np.ndarray, mask: np.ndarray, u: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = np.full(u, -INF), np.full(u, INF)
        np.maximum.at(lo, inv[mask], self.lo[mask])
        np.minimum.at(hi, inv[mask], self.hi[mask])
        return lo, hi

    def clash(self, pos: np.ndarray, origins: np.ndarray) -> np.ndarray:
        """For each (evidence position, origin code): whether that origin gives an excluding figure."""
        u = len(self.origins)
        k = np.minimum(np.searchsorted(self.origins, origins), u - 1)
        present = self.origins[k] == origins
        lo, hi = self.lo[pos], self.hi[pos]
        loose = (self.und_lo[k] > hi) | (self.und_hi[k] < lo)
        every = (self.all_lo[k] > hi) | (self.all_hi[k] < lo)
        q = pos * u + k
        at = np.minimum(np.searchsorted(self.pairs, q), max(len(self.pairs) - 1, 0))
        timed = self.pairs[at] == q if len(self.pairs) else np.zeros(len(q), dtype=bool)
        return present & np.where(self.dated[pos], loose | timed, every)

    def clash_one(self, pos: int, origin: int) -> bool:
        """`clash` for one (evidence position, origin code), without array overhead."""
        if self.scalar is None:
            self.scalar = ({int(o): k for k, o in enumerate(self.origins)}, set(self.pairs.tolist()),
                           self.lo.tolist(), self.hi.tolist(), self.dated.tolist(), self.all_lo.tolist(),
                           self.all_hi.tolist(), self.und_lo.tolist(), self.und_hi.tolist())
        index, pairs, los, his, dated, all_lo, all_hi, und_lo, und_hi = self.scalar
        k = index.get(origin)
        if k is None:
            return False
        lo, hi = los[pos], his[pos]
        if not dated[pos]:
            return all_lo[k] > hi or all_hi[k] < lo
        return und_lo[k] > hi or und_hi[k] < lo or pos * len(index) + k in pairs


def _origin_codes(ctx: Context, items: list[Evidence]) -> np.ndarray:
    table = ctx.cache.setdefault("conflict.origin_codes", {})
    return np.fromiter((table.setdefault(e.origin, len(table)) for e in items), dtype=np.int64, count=len(items))


def _clashes(ctx: Context, key: tuple[str, str], p: Params) -> tuple[_Clashes, np.ndarray]:
    memo = ctx.cache.setdefault(("conflict.clashes", p.tolerance, p.vague_factor, p.window_days), {})
    got = memo.get(key)
    if got is None:
        items = ctx.by_subject[key]
        org = _origin_codes(ctx, items)
        got = memo[key] = (_Clashes(items, p, org), org)
    return got


def _part_whole_edges(ctx: Context, parts: list[Evidence], wholes: list[Evidence], p: Params,
                      keys: tuple[tuple[str, str], tuple[str, str]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Edges (part index, len(parts) + whole index): a part from one origin exceeds a whole from another.

    With `skip_known_disagreements`, a pair of origins that already clash on the part's or the
    whole's own subject at that time is not reported again one level up.
    """
    floors = [widened(e, p.tolerance, p.vague_factor)[0] for e in parts]
    ceilings = [widened(e, p.tolerance, p.vague_factor)[1] for e in wholes]
    part_clash, porg = _clashes(ctx, keys[0], p)
    whole_clash, worg = _clashes(ctx, keys[1], p)

    def ok_pairs(ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        keep = porg[ii] != worg[jj]
        if p.skip_known_disagreements and len(ii):
            keep &= ~(part_clash.clash(ii, worg[jj]) | whole_clash.clash(jj, porg[ii]))
        return keep

    def ok(i: int, j: int) -> bool:
        po, wo = int(porg[i]), int(worg[j])
        if po == wo:
            return False
        return not (p.skip_known_disagreements and (part_clash.clash_one(i, wo) or whole_clash.clash_one(j, po)))

    dated = _Partners()
    _dated_part_whole(parts, wholes, floors, ceilings, ok_pairs, p, dated)
    if all(e.kind == "cumulative" for e in parts + wholes):
        _running_part_whole(parts, wholes, floors, ceilings, ok, dated)
    undated = _Partners()
    if p.undated:
        flows_ok = p.undated_flows or not any(e.kind == "flow" for e in parts + wholes)
        if flows_ok:
            _undated_part_whole(parts, wholes, floors, ceilings, ok_pairs, undated)
    return dated.edges(), undated.edges()


def _dated_part_whole(parts: list[Evidence], wholes: list[Evidence], floors: list[float], ceilings: list[float],
                      ok: Callable[[np.ndarray, np.ndarray], np.ndarray], p: Params, out: _Partners) -> None:
    """Each dated part its smallest exceeded whole in time, each whole its largest part (numpy sweep).

    Candidate pairs come vectorised: part above whole, in time (a flow only against the same period;
    otherwise within `window_days`, and a running part no later than its whole). Each figure keeps
    the most extreme candidate that `ok` (vectorised origin checks) accepts.
    """
    n = len(parts)
    pi = [i for i, e in enumerate(parts) if e.dated]
    wj = [j for j, e in enumerate(wholes) if e.dated]
    if not pi or not wj:
        return
    window = p.window_days if any(e.kind != "flow" for e in parts + wholes) else 0
    a0, a1 = span_arrays(parts, pi)
    b0, b1 = span_arrays(wholes, wj)
    ii, jj = window_pairs(a0, a1, b0, b1, window)
    fl = np.fromiter((floors[i] for i in pi), dtype=float, count=len(pi))
    ce = np.fromiter((ceilings[j] for j in wj), dtype=float, count=len(wj))
    keep = fl[ii] > ce[jj]
    ii, jj = ii[keep], jj[keep]
    if len(ii) == 0:
        return
    pf, pc = _kind_arrays([parts[i] for i in pi])
    wf, wc = _kind_arrays([wholes[j] for j in wj])
    flow, cum = pf[ii] | wf[jj], pc[ii] | wc[jj]
    gap = np.maximum(0, np.maximum(a0[ii], b0[jj]) - np.minimum(a1[ii], b1[jj]))
    same_span = (a0[ii] == b0[jj]) & (a1[ii] == b1[jj])
    keep = np.where(flow, same_span, (gap <= p.window_days) & (~cum | (a0[ii] <= b1[jj])))
    ii, jj = ii[keep], jj[keep]
    if len(ii) == 0:
        return
    part_of = np.asarray(pi, dtype=np.int64)[ii]
    whole_of = np.asarray(wj, dtype=np.int64)[jj]
    keep = ok(part_of, whole_of)
    part_of, whole_of, cf, cc = part_of[keep], whole_of[keep], fl[ii][keep], ce[jj][keep]
    _best_offers(part_of, cc, n + whole_of, "whole", out)
    _best_offers(n + whole_of, -cf, part_of, "part", out)


def _running_part_whole(parts: list[Evidence], wholes: list[Evidence], floors: list[float],
                        ceilings: list[float], ok: Callable[[int, int], bool], out: _Partners) -> None:
    """Running totals at any distance in time: a part counted no later than its whole cannot exceed it.

    part(t) <= whole(t) <= whole(t') for t <= t', so the window does not apply. Each figure tries its
    most extreme candidates only (a bounded scan), so this stays linear.
    """
    n = len(parts)
    limit = 4 * MAX_CANDIDATES
    by_ceiling = sorted((j for j in range(len(wholes)) if wholes[j].dated), key=lambda j: (ceilings[j], j))
    by_floor = sorted((i for i in range(n) if parts[i].dated), key=lambda i: (-floors[i], i))
    for i in by_floor:
        a = parts[i]
        for j in by_ceiling[:limit]:
            if ceilings[j] >= floors[i]:
                break
            if wholes[j].span[1] >= a.span[0] and ok(i, j):  # type: ignore[index]
                out.offer(i, "whole", ceilings[j], n + j)
                break
    for j in by_ceiling:
        b = wholes[j]
        for i in by_floor[:limit]:
            if floors[i] <= ceilings[j]:
                break
            if parts[i].span[0] <= b.span[1] and ok(i, j):  # type: ignore[index]
                out.offer(n + j, "part", -floors[i], i)
                break


def _prefix_pairs(nodes: np.ndarray, counts: np.ndarray, pool: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(node, pool[k]) for k < count of each node, in pool order."""
    counts = counts.astype(np.int64)
    ii = np.repeat(nodes, counts)
    k = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return ii, pool[k]


def _undated_part_whole(parts: list[Evidence], wholes: list[Evidence], floors: list[float],
                        ceilings: list[float], ok: Callable[[np.ndarray, np.ndarray], np.ndarray],
                        out: _Partners) -> None:
    """Offer each part its smallest exceeded whole and each whole its largest part, one side undated.

    Each figure tries at most MAX_CANDIDATES of the most extreme figures on the other side (all of
    them for an undated figure, the undated ones for a dated figure): linear in the batch.
    """
    n = len(parts)
    fl, ce = np.asarray(floors, dtype=float), np.asarray(ceilings, dtype=float)
    pd = np.fromiter((e.dated for e in parts), dtype=bool, count=n)
    wd = np.fromiter((e.dated for e in wholes), dtype=bool, count=len(wholes))
    all_w = np.lexsort((np.arange(len(wholes)), ce))
    all_p = np.lexsort((np.arange(n), -fl))
    pools_w = (all_w, all_w[~wd[all_w]])
    pools_p = (all_p, all_p[~pd[all_p]])
    for nodes, pool in ((np.flatnonzero(~pd), pools_w[0]), (np.flatnonzero(pd), pools_w[1])):
        counts = np.minimum(np.searchsorted(ce[pool], fl[nodes], "left"), MAX_CANDIDATES)
        ii, jj = _prefix_pairs(nodes, counts, pool)
        keep = ok(ii, jj)
        _best_offers(ii[keep], ce[jj[keep]], n + jj[keep], "whole", out)
    for nodes, pool in ((np.flatnonzero(~wd), pools_p[0]), (np.flatnonzero(wd), pools_p[1])):
        counts = np.minimum(np.searchsorted(-fl[pool], -ce[nodes], "left"), MAX_CANDIDATES)
        jj, ii = _prefix_pairs(nodes, counts, pool)
        keep = ok(ii, jj)
        _best_offers(n + jj[keep], -fl[ii[keep]], ii[keep], "part", out)


def _more(n: int) -> str:
    return f" (and {n} more figure{'s' if n > 1 else ''})" if n > 0 else ""


def _groups(edges: list[tuple[int, int]]) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """Connected groups of clashing figures, each with its edges."""
    nodes = sorted({x for e in edges for x in e})
    comps = components(nodes, edges)
    comp_of = {x: k for k, comp in enumerate(comps) for x in comp}
    by_comp: dict[int, list[tuple[int, int]]] = {}
    for a, b in edges:
        by_comp.setdefault(comp_of[a], []).append((a, b))
    return [(comp, by_comp[k]) for k, comp in enumerate(comps)]


def _same_subject_findings(ctx: Context, rule: RuleSpec, p: Params, items: list[Evidence]) -> Iterable[FindingRecord]:
    dated, undated = _same_subject_edges(items, p)
    for edges, variant, severity in ((dated, None, None), (undated, "undated", p.undated_severity)):
        for comp, comp_edges in _groups(edges):
            group = [items[i] for i in comp]
            lo, hi = max(((items[a], items[b]) for a, b in comp_edges), key=lambda ab: _spread(*ab))
            if lo.low > hi.low:
                lo, hi = hi, lo
            values = {"first": ctx.describe(lo), "second": ctx.describe(hi), "more": _more(len(group) - 2)}
            yield make_finding(ctx, rule, "conflict", group[0].subject, group, values,
                               variant=variant, severity=severity)


def _spread(a: Evidence, b: Evidence) -> tuple:
    gap = max(a.low, b.low) - min(a.high, b.high)
    return (gap, a.order, b.order)


def _part_whole_findings(ctx: Context, rule: RuleSpec, p: Params,
                         keys: tuple[tuple[str, str], tuple[str, str]]) -> Iterable[FindingRecord]:
    parts, wholes = ctx.by_subject[keys[0]], ctx.by_subject[keys[1]]
    dated, undated = _part_whole_edges(ctx, parts, wholes, p, keys)
    n = len(parts)
    for edges, variant, severity in ((dated, "part_whole", None), (undated, "part_whole_undated", p.undated_severity)):
        for comp, _ in _groups(edges):
            ps = [parts[i] for i in comp if i < n]
            ws = [wholes[i - n] for i in comp if i >= n]
            part = max(ps, key=lambda e: (e.low, e.order))
            whole = min(ws, key=lambda e: (e.high, e.order))
            values = {"whole": whole.subject, "first": ctx.describe(part), "second": ctx.describe(whole),
                      "more": _more(len(ps) + len(ws) - 2)}
            yield make_finding(ctx, rule, "conflict", part.subject, ps + ws, values,
                               variant=variant, severity=severity)


def run(ctx: Context, rule: RuleSpec) -> list[FindingRecord]:
    """Every conflict of the batch, one finding per group of clashing figures."""
    p: Params = rule.params
    out: list[FindingRecord] = []
    for items in ctx.by_subject.values():
        out += _same_subject_findings(ctx, rule, p, items)
    if p.part_whole:
        for part_key, whole_key in ctx.part_whole_pairs():
            out += _part_whole_findings(ctx, rule, p, (part_key, whole_key))
    return out
