"""Check type `data_quality`: an article or a figure whose text cannot be taken at face value.

Reports a flag set by extraction: on an article (`scope: article`, e.g. `undated`, `republished`,
`weekday_mismatch`) or on a claim (`scope: claim`, e.g. `translation_artifact`). Each finding carries
its `flag`; an article-level one names the article, a figure-level one lists the claim.
"""

from __future__ import annotations

from typing import Literal

from .common import CheckParams, Context, FindingRecord, RuleSpec, make_finding

PLACEHOLDERS = {"article", "flag", "surface", "published", "subject"}
VARIANTS: set[str] = set()


class Params(CheckParams):
    flag: str
    scope: Literal["article", "claim"] = "article"


def run(ctx: Context, rule: RuleSpec) -> list[FindingRecord]:
    """One finding per article (or claim) carrying the rule's flag."""
    p: Params = rule.params
    out: list[FindingRecord] = []
    if p.scope == "article":
        for art in ctx.article_list:
            if p.flag in art.flags:
                values = {"article": art.id, "flag": p.flag, "published": art.published or "unknown"}
                out.append(make_finding(ctx, rule, "data_quality", None, [], values, article=art.id,
                                        flag=p.flag, rows=[]))
        return out
    t = ctx.table
    flagged = [i for i, fl in enumerate(t.flags) if fl and p.flag in fl]
    for i in sorted(flagged, key=lambda i: (t.article[i], t.start[i], t.end[i])):
        values = {"article": t.article[i], "flag": p.flag, "surface": t.surface[i],
                  "published": t.published[i] or "unknown", "subject": t.subject[i] or "unknown subject"}
        out.append(make_finding(ctx, rule, "data_quality", None, [], values, flag=p.flag, rows=[i]))
    return out
