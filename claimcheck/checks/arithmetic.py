"""Check type `arithmetic`: figures in one article that do not add up.

`mode: parts`: an article states a whole and figures for its parts at the same time. When it gives a
figure for every direct part the taxonomy lists (two or more), their sum must match the whole ("12 000,
dont 4 000 tués et 7 000 blessés" is 1 000 short); when it gives only some of them, their sum must not
exceed the whole. Hedges are summed as intervals; several figures for one part (a morning and an
evening count) widen that part's interval, so only a sum no reading allows is flagged.

`mode: flow`: a flow and a level stated in the same sentence ("1 500 nouveaux soldats, ce qui porte à
3 000 le total") by the same origin, the flow's subject being a sibling of the level's in the
taxonomy; with an earlier figure for that level from the same origin, earlier level + flow must give
the new level. Without an earlier level there is nothing to check.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from ..claimtable import ClaimTable
from .common import (
    INF,
    CheckParams,
    Context,
    Evidence,
    FindingRecord,
    RuleSpec,
    fmt_number,
    make_finding,
)

PLACEHOLDERS = {"subject", "whole", "parts", "sum", "total", "difference", "first", "second", "source"}
VARIANTS = {"partial", "flow"}


class Params(CheckParams):
    mode: Literal["parts", "flow"] = "parts"
    tolerance: float = 0.01
    vague_wholes: bool = False


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return max(a[0], b[0]) <= min(a[1], b[1])


def _hull(t: ClaimTable, rows: list[int]) -> tuple[float, float]:
    return min(t.ilo[i] for i in rows), max(t.ihi[i] for i in rows)


def _fmt_iv(lo: float, hi: float) -> str:
    if lo == hi:
        return fmt_number(lo)
    if hi == INF:
        return f"at least {fmt_number(lo)}"
    return f"{fmt_number(lo)} to {fmt_number(hi)}"


def _parts_findings(ctx: Context, rule: RuleSpec, p: Params, article: str, cs: list[int]) -> list[FindingRecord]:
    t = ctx.table
    out: list[FindingRecord] = []
    by_subject: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in cs:
        by_subject[(t.subject[i], t.measure[i])].append(i)  # type: ignore[index]
    if len(by_subject) < 3:
        return out  # a whole and at least two of its parts are needed
    for (whole, measure), wholes in sorted(by_subject.items()):
        parts = ctx.direct_parts.get(whole, [])
        if len(parts) < 2 or sum((s, measure) in by_subject for s in parts) < 2:
            continue
        for w in wholes:
            span = t.span[w]
            given = {s: [c for c in by_subject.get((s, measure), []) if _overlap(t.span[c], span)]
                     for s in parts}
            given = {s: v for s, v in given.items() if v}
            if len(given) < 2:
                continue
            complete = len(given) == len(parts)
            lo = sum(_hull(t, v)[0] for v in given.values())
            hi = sum(_hull(t, v)[1] for v in given.values())
            wlo, whi = t.ilo[w], t.ihi[w]
            tol = p.tolerance
            if t.qualifier[w] == "vague" and not p.vague_wholes:
                continue  # "plusieurs centaines d'unités, dont 50 chars": loose wording, not a sum
            short = complete and hi * (1 + tol) < wlo * (1 - tol)
            over = lo * (1 - tol) > whi * (1 + tol)
            if not (short or over):
                continue
            involved = [c for s in sorted(given) for c in given[s]] + [w]
            diff = (wlo - hi) if short else (lo - whi)
            values = {"whole": whole, "parts": ", ".join(ctx.quote(c) for s in sorted(given) for c in given[s]),
                      "sum": _fmt_iv(lo, hi), "total": ctx.quote(w), "difference": fmt_number(diff)}
            out.append(make_finding(ctx, rule, "arithmetic", whole, [], values, rows=sorted(
                involved, key=lambda c: (t.article[c], t.start[c])), variant=None if complete else "partial"))
    return out


def _siblings(a: str, b: str) -> bool:
    pa, pb = a.rsplit(".", 1)[0] if "." in a else "", b.rsplit(".", 1)[0] if "." in b else ""
    return bool(pa) and pa == pb and a != b


def _earlier_level(ctx: Context, level: int) -> Evidence | None:
    """The latest figure for the level's subject, from the same origin, strictly before it."""
    t = ctx.table
    span, origin = t.span[level], t.attributed_to[level]
    if span is None or not origin:
        return None
    best: Evidence | None = None
    per_origin = ctx.by_subject_origin.get((t.subject[level], t.measure[level]), {})  # type: ignore[arg-type]
    for e in per_origin.get(origin, []):
        if e.span is not None and e.span[1] < span[0]:
            if best is None or e.span > best.span:  # type: ignore[operator]
                best = e
    return best


def _flow_findings(ctx: Context, rule: RuleSpec, p: Params, cs: list[int]) -> list[FindingRecord]:
    t = ctx.table
    out: list[FindingRecord] = []
    by_sentence: dict[tuple[int, str], list[int]] = defaultdict(list)
    for c in cs:
        by_sentence[(t.sentence_start[c], t.sentence[c])].append(c)
    for _, group in sorted(by_sentence.items(), key=lambda kv: kv[0]):
        kinds = [ctx.kind_of(t.subject[c], t.kind[c]) for c in group]
        flows = [c for c, k in zip(group, kinds, strict=True) if k == "flow"]
        levels = [c for c, k in zip(group, kinds, strict=True) if k == "stock"]
        for f in flows:
            for lv in levels:
                if (t.measure[f] != t.measure[lv] or t.attributed_to[f] != t.attributed_to[lv]
                        or not _siblings(t.subject[f], t.subject[lv])):  # type: ignore[arg-type]
                    continue
                before = _earlier_level(ctx, lv)
                if before is None:
                    continue
                flo, fhi = t.ilo[f], t.ihi[f]
                lo, hi = before.low + flo, before.high + fhi
                tlo, thi = t.ilo[lv], t.ihi[lv]
                if lo * (1 - p.tolerance) <= thi * (1 + p.tolerance) and hi * (1 + p.tolerance) >= tlo * (1 - p.tolerance):
                    continue
                values = {"whole": t.subject[lv] or "", "first": ctx.describe(before), "second": ctx.quote(f),
                          "total": ctx.quote(lv), "sum": _fmt_iv(lo, hi), "source": ctx.label(t.attributed_to[lv])}
                rows = sorted(before.rows + [f, lv], key=lambda c: (t.article[c], t.start[c]))
                out.append(make_finding(ctx, rule, "arithmetic", t.subject[lv], [], values, rows=rows,
                                        variant="flow"))
    return out


def run(ctx: Context, rule: RuleSpec) -> list[FindingRecord]:
    """Sums that do not hold, article by article."""
    p: Params = rule.params
    out: list[FindingRecord] = []
    for article, cs in ctx.rows_by_article.items():
        out += _parts_findings(ctx, rule, p, article, cs) if p.mode == "parts" else _flow_findings(ctx, rule, p, cs)
    return out
