"""`--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.

One run; the tool's rules (id, name, descriptions, help, default level) in `tool.driver.rules`; one
result per finding with `ruleId`/`ruleIndex`, level, message, the article as a relative artifact URI
with the figure's region (1-based lines and columns computed from the claim's offsets), the other
figures as related locations, and the finding's fingerprint in `partialFingerprints`.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..models import Article, Claim, Finding, Report
from .common import (
    Location,
    articles_by_id,
    claim_date,
    claim_interval,
    claim_source,
    finding_locations,
    one_line,
    primary_index,
    rule_infos,
)

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "claimcheck/v1"


def physical(loc: Location) -> dict[str, Any]:
    """A SARIF physicalLocation: relative URI and, when known, the region."""
    out: dict[str, Any] = {"artifactLocation": {"uri": loc.uri}}
    if loc.start_line is not None:
        region: dict[str, int] = {"startLine": loc.start_line, "startColumn": loc.start_col or 1}
        if loc.end_line is not None:
            region["endLine"] = loc.end_line
            region["endColumn"] = loc.end_col or 1
        out["region"] = region
    return out


def claim_note(claim: Claim) -> str:
    """One line about a figure: its words, interval, source and date."""
    return (f"{one_line(claim.surface)} ({claim_interval(claim)}; {claim_source(claim)}; "
            f"{claim_date(claim)}; {claim.article})")


def result(finding: Finding, index: int, arts: dict[str, Article]) -> dict[str, Any]:
    """A SARIF result for one finding."""
    locs = finding_locations(finding, arts)
    primary = primary_index(finding) if finding.claims else 0
    msg = one_line(finding.message)
    if finding.claims:
        msg += " Figures: " + "; ".join(f"[{i}] {claim_note(c)}" for i, c in enumerate(finding.claims, 1))
    res: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVEL[finding.severity],
        "message": {"text": msg},
        "locations": [{"physicalLocation": physical(locs[primary][0])}],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint or "-"},
        "properties": {"kind": finding.kind, "subject": finding.subject, "severity": finding.severity},
    }
    if finding.flag:
        res["properties"]["flag"] = finding.flag
    related = [
        {"id": i, "physicalLocation": physical(loc), "message": {"text": claim_note(c)}}
        for i, (loc, c) in enumerate(locs, 1) if c is not None and i - 1 != primary
    ]
    if related:
        res["relatedLocations"] = related
    return res


def sarif_log(report: Report) -> dict[str, Any]:
    """The whole SARIF log as a dict."""
    infos = rule_infos(report.findings)
    index = {r.code: i for i, r in enumerate(infos)}
    rules = [{
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.short},
        "fullDescription": {"text": r.full},
        "help": {"text": r.help},
        "defaultConfiguration": {"level": LEVEL.get(r.severity, "warning")},
        "properties": {"tags": ["claimcheck", "news", "figures"]},
    } for r in infos]
    arts = articles_by_id(report)
    results = [result(f, index[f.code], arts) for f in report.findings]
    notifications = [{
        "level": "warning",
        "message": {"text": f"skipped {s.path}{':' + str(s.line) if s.line else ''}: {s.reason}"},
    } for s in sorted(report.skipped, key=lambda s: (s.path, s.line or 0))]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "claimcheck", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": notifications}]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report, *, width: int | None = None, color: bool = False) -> str:
    """The SARIF log as JSON text (stable key order, UTF-8)."""
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
