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

from ..models import Claim, Finding
from .common import (
    INF,
    CheckParams,
    Context,
    Evidence,
    RuleSpec,
    claim_interval,
    claim_span,
    fmt_number,
    make_finding,
    time_kind,
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


def _hull(cs: list[Claim]) -> tuple[float, float]:
    ivs = [claim_interval(c) for c in cs]
    return min(i[0] for i in ivs), max(i[1] for i in ivs)


def _fmt_iv(lo: float, hi: float) -> str:
    if lo == hi:
        return fmt_number(lo)
    if hi == INF:
        return f"at least {fmt_number(lo)}"
    return f"{fmt_number(lo)} to {fmt_number(hi)}"


def _quote(c: Claim) -> str:
    return f"\u201c{c.surface}\u201d"


def _parts_findings(ctx: Context, rule: RuleSpec, p: Params, article: str, cs: list[Claim]) -> list[Finding]:
    out: list[Finding] = []
    by_subject: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in cs:
        by_subject[(c.subject, c.measure)].append(c)  # type: ignore[index]
    for (whole, measure), wholes in sorted(by_subject.items()):
        parts = ctx.direct_parts.get(whole, [])
        if len(parts) < 2:
            continue
        for w in wholes:
            span = claim_span(w)
            given = {s: [c for c in by_subject.get((s, measure), []) if _overlap(claim_span(c), span)]
                     for s in parts}
            given = {s: v for s, v in given.items() if v}
            if len(given) < 2:
                continue
            complete = len(given) == len(parts)
            lo = sum(_hull(v)[0] for v in given.values())
            hi = sum(_hull(v)[1] for v in given.values())
            wlo, whi = claim_interval(w)
            tol = p.tolerance
            if w.qualifier == "vague" and not p.vague_wholes:
                continue  # "plusieurs centaines d'unités, dont 50 chars": loose wording, not a sum
            short = complete and hi * (1 + tol) < wlo * (1 - tol)
            over = lo * (1 - tol) > whi * (1 + tol)
            if not (short or over):
                continue
            involved = [c for s in sorted(given) for c in given[s]] + [w]
            diff = (wlo - hi) if short else (lo - whi)
            values = {"whole": whole, "parts": ", ".join(_quote(c) for s in sorted(given) for c in given[s]),
                      "sum": _fmt_iv(lo, hi), "total": _quote(w), "difference": fmt_number(diff)}
            out.append(make_finding(ctx, rule, "arithmetic", whole, [], values, claims=sorted(
                involved, key=lambda c: (c.article, c.start)), variant=None if complete else "partial"))
    return out


def _siblings(a: str, b: str) -> bool:
    pa, pb = a.rsplit(".", 1)[0] if "." in a else "", b.rsplit(".", 1)[0] if "." in b else ""
    return bool(pa) and pa == pb and a != b


def _earlier_level(ctx: Context, level: Claim) -> Evidence | None:
    """The latest figure for the level's subject, from the same origin, strictly before it."""
    span = claim_span(level)
    if span is None or not level.attributed_to:
        return None
    best: Evidence | None = None
    per_origin = ctx.by_subject_origin.get((level.subject, level.measure), {})  # type: ignore[arg-type]
    for e in per_origin.get(level.attributed_to, []):
        if e.span is not None and e.span[1] < span[0]:
            if best is None or e.span > best.span:  # type: ignore[operator]
                best = e
    return best


def _flow_findings(ctx: Context, rule: RuleSpec, p: Params, cs: list[Claim]) -> list[Finding]:
    out: list[Finding] = []
    by_sentence: dict[tuple[int, str], list[Claim]] = defaultdict(list)
    for c in cs:
        by_sentence[(c.sentence_start, c.sentence)].append(c)
    for _, group in sorted(by_sentence.items(), key=lambda kv: kv[0]):
        flows = [c for c in group if time_kind(c, ctx.taxonomy) == "flow"]
        levels = [c for c in group if time_kind(c, ctx.taxonomy) == "stock"]
        for f in flows:
            for lv in levels:
                if f.measure != lv.measure or f.attributed_to != lv.attributed_to or not _siblings(f.subject, lv.subject):  # type: ignore[arg-type]
                    continue
                before = _earlier_level(ctx, lv)
                if before is None:
                    continue
                flo, fhi = claim_interval(f)
                lo, hi = before.low + flo, before.high + fhi
                tlo, thi = claim_interval(lv)
                if lo * (1 - p.tolerance) <= thi * (1 + p.tolerance) and hi * (1 + p.tolerance) >= tlo * (1 - p.tolerance):
                    continue
                values = {"whole": lv.subject or "", "first": ctx.describe(before), "second": _quote(f),
                          "total": _quote(lv), "sum": _fmt_iv(lo, hi), "source": ctx.label(lv.attributed_to)}
                claims = sorted(before.claims + [f, lv], key=lambda c: (c.article, c.start))
                out.append(make_finding(ctx, rule, "arithmetic", lv.subject, [], values, claims=claims,
                                        variant="flow"))
    return out


def run(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """Sums that do not hold, article by article."""
    p: Params = rule.params
    out: list[Finding] = []
    for article, cs in ctx.claims_by_article.items():
        out += _parts_findings(ctx, rule, p, article, cs) if p.mode == "parts" else _flow_findings(ctx, rule, p, cs)
    return out
