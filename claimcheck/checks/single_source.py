"""Check type `single_source`: a subject whose every figure comes from one party to the dispute.

Subjects form a tree by their dotted keys (`ukraine.losses.kursk.tanks` sits under
`ukraine.losses.kursk`). A node is single-source when every positive figure under it comes from
sources of one side, and that side is one of the parties the taxonomy declares for those subjects.
A figure with no known origin, or from a source with no side, counts as independent. The finding is
raised on the widest such node (children grouped under their parent when the parent's figures all
come from that side too), named by the deepest key that still covers the same figures.
"""

from __future__ import annotations

from collections import defaultdict

from .common import CheckParams, Context, Evidence, FindingRecord, RuleSpec, make_finding

PLACEHOLDERS = {"subject", "source", "side", "count"}
VARIANTS: set[str] = set()


class Params(CheckParams):
    min_figures: int = 1


def _prefixes(key: str) -> list[str]:
    parts = key.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def run(ctx: Context, rule: RuleSpec) -> list[FindingRecord]:
    """The widest subject nodes whose figures all come from one party."""
    p: Params = rule.params
    under: dict[str, list[Evidence]] = defaultdict(list)
    for e in ctx.positive:
        for node in _prefixes(e.subject):
            under[node].append(e)
    single: dict[str, str] = {}
    for node, items in under.items():
        sides = {ctx.sources.side(e.attributed_to) if e.attributed_to else None for e in items}
        if len(sides) != 1 or None in sides:
            continue
        side = next(iter(sides))
        parties: set[str] = set()
        for s in {e.subject for e in items}:
            parties |= ctx.taxonomy.parties(s)
        if side in parties:
            single[node] = side  # type: ignore[assignment]
    children: dict[str, list[str]] = defaultdict(list)
    for node in under:
        if "." in node:
            children[node.rsplit(".", 1)[0]].append(node)
    out: list[FindingRecord] = []
    for node in sorted(single):
        n = len(under[node])
        if n < p.min_figures:
            continue
        ancestors = _prefixes(node)[1:]
        wider = next((a for a in ancestors if len(under[a]) > n), None)
        if wider is not None and wider in single:
            continue  # a wider node from the same side covers it
        if any(len(under[c]) == n for c in children.get(node, ())):
            continue  # a deeper key covers the same figures (nested sets: equal size, same figures)
        items = under[node]
        origins = sorted({ctx.label(e.attributed_to) for e in items})
        values = {"source": ", ".join(origins), "side": single[node], "count": str(n)}
        out.append(make_finding(ctx, rule, "single_source", node, items, values))
    return out
