"""`--format github`: GitHub Actions workflow commands that annotate the articles in a pull request.

`::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message` per finding (`warning` and
`notice` for the lower severities). Escaping follows GitHub's toolkit: in the message `%`, `\\r` and
`\\n` become `%25`, `%0D`, `%0A`; in property values `:` and `,` are escaped too (`%3A`, `%2C`).
"""

from __future__ import annotations

from ..models import Finding, Report
from .common import articles_by_id, claim_interval, claim_source, finding_locations, one_line, primary_index

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, arts: dict) -> str:
    """One workflow command for a finding, on the figure it is reported on."""
    locs = finding_locations(finding, arts)
    loc = locs[primary_index(finding) if finding.claims else 0][0]
    props = [("file", loc.uri)]
    if loc.start_line is not None:
        props.append(("line", str(loc.start_line)))
        props.append(("col", str(loc.start_col or 1)))
        if loc.end_line is not None:
            props.append(("endLine", str(loc.end_line)))
            props.append(("endColumn", str(loc.end_col or 1)))
    props.append(("title", f"{finding.code} {finding.rule}" + (f" ({finding.subject})" if finding.subject else "")))
    lines = [finding.message]
    for i, c in enumerate(finding.claims, 1):
        lines.append(f"[{i}] {one_line(c.surface)}: {claim_interval(c)}, {claim_source(c)}, {c.article}")
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMAND[finding.severity]} {head}::{escape_data(chr(10).join(lines))}"


def render(report: Report, *, width: int | None = None, color: bool = False) -> str:
    """Every finding as an annotation, then a notice per skipped input."""
    arts = articles_by_id(report)
    out = [annotation(f, arts) for f in report.findings]
    for s in sorted(report.skipped, key=lambda s: (s.path, s.line or 0)):
        props = f"file={escape_property(s.path)}" + (f",line={s.line}" if s.line else "")
        out.append(f"::warning {props},title=skipped input::{escape_data(s.reason)}")
    return "".join(line + "\n" for line in out)
