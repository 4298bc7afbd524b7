"""Check type `denial`: a claim that denies (no troops, no involvement) against positive counts.

For each subject that some origin denies, every positive figure (above zero) for that subject or for
any of its parts, from other origins, at a time within `window_days` of the denial (or undated on
either side), is listed with the denials in one finding. Negated claims take part in no other check.
"""

from __future__ import annotations

from collections import defaultdict

from .common import CheckParams, Context, Evidence, FindingRecord, RuleSpec, gap_days, make_finding

PLACEHOLDERS = {"subject", "source", "first", "second", "count"}
VARIANTS: set[str] = set()


class Params(CheckParams):
    window_days: int = 30


def _near(a: Evidence, b: Evidence, window: int) -> bool:
    gap = gap_days(a.span, b.span)
    return gap is None or gap <= window


def run(ctx: Context, rule: RuleSpec) -> list[FindingRecord]:
    """One finding per denied subject, with every denial and the figures they deny."""
    p: Params = rule.params
    denials: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for e in ctx.evidence:
        if e.negated:
            denials[(e.subject, e.measure)].append(e)
    out: list[FindingRecord] = []
    for (subject, measure), denied in sorted(denials.items()):
        deniers = {d.origin for d in denied}
        counted: list[Evidence] = []
        for s in [subject, *ctx.parts_index.get(subject, [])]:
            for e in ctx.by_subject.get((s, measure), []):
                if e.low > 0 and e.origin not in deniers and any(_near(d, e, p.window_days) for d in denied):
                    counted.append(e)
        if not counted:
            continue
        top = max(counted, key=lambda e: (e.low, e.order))
        values = {"source": ", ".join(sorted({ctx.label(d.attributed_to) for d in denied})),
                  "first": ctx.describe(denied[0]), "second": ctx.describe(top), "count": str(len(counted))}
        out.append(make_finding(ctx, rule, "denial", subject, denied + counted, values))
    return out
