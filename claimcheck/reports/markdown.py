"""`--format markdown`: the report as GitHub-flavoured Markdown (pull-request comments, wikis, files).

Article text is escaped so that it shows as written: Markdown punctuation is backslash-escaped and
`<`, `>`, `&` become entities (no raw HTML passes through); table cells also escape `|` and line
breaks. The figure is shown in bold inside its sentence.
"""

from __future__ import annotations

import re

from ..models import Article, Claim, Finding, Report
from .common import (
    articles_by_id,
    claim_date,
    claim_interval,
    claim_source,
    findings_by_subject,
    highlight,
    one_line,
    severity_counts,
    subject_label,
)

_MD_SPECIAL = re.compile(r"([\\`*\[\]|~]|(?<!\w)_|_(?!\w))")  # intraword _ is plain text in GFM
_LINE_START = re.compile(r"^(?:([#+\-=])|(\d+)([.)]))")
SEVERITY_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}


def esc(text: str) -> str:
    """Text shown literally in Markdown: one line, HTML entities, Markdown punctuation escaped."""
    text = one_line(text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3),
                           text, count=1)


def cell(text: str) -> str:
    """A table cell: escaped, never empty."""
    return esc(text) or " "


def sentence_md(claim: Claim, article: Article | None) -> str:
    """The claim's sentence, escaped, with the figure's words in bold."""
    h = highlight(claim, article)
    before, fig, after = esc(h.before), esc(h.figure), esc(h.after)
    if h.before[-1:].isspace():
        before += " "
    if h.after[:1].isspace():
        after = " " + after
    return f"{before}**{fig}**{after}" if fig else before + after


def figures_md(finding: Finding) -> list[str]:
    """The finding's figures as a Markdown table."""
    lines = ["| # | figure | interval | source | date | article |", "|---:|---|---|---|---|---|"]
    for i, c in enumerate(finding.claims, 1):
        lines.append(f"| {i} | {cell(c.surface)} | {cell(claim_interval(c))} | {cell(claim_source(c))} | "
                     f"{cell(claim_date(c))} | {cell(c.article)} |")
    return lines


def finding_md(finding: Finding, arts: dict[str, Article]) -> list[str]:
    """One finding: heading, message, figures and evidence."""
    flag = f", {esc(finding.flag)}" if finding.flag else ""
    lines = [f"### {SEVERITY_ICON[finding.severity]} {finding.severity.upper()} {esc(finding.code)} "
             f"{esc(finding.rule)} ({esc(finding.kind)}{flag})", "", esc(finding.message), ""]
    if finding.article and not finding.claims:
        lines += [f"Article: `{finding.article.replace('`', '')}`", ""]
    if finding.claims:
        lines += figures_md(finding) + [""]
        for i, c in enumerate(finding.claims, 1):
            lines.append(f"{i}. {sentence_md(c, arts.get(c.article))}")
        lines.append("")
    lines += [f"<sub>fingerprint `{finding.fingerprint or '-'}`</sub>", ""]
    return lines


def summary_md(report: Report) -> list[str]:
    s = report.summary
    counts = severity_counts(report)
    sev = ", ".join(f"{n} {k}" for k, n in counts.items())
    return ["# claimcheck report", "",
            "| articles | claims | findings | skipped |", "|---:|---:|---|---:|",
            f"| {s.articles} | {s.claims} | {len(report.findings)} ({sev}) | {len(report.skipped)} |", ""]


def render(report: Report, *, width: int | None = None, color: bool = False) -> str:
    """The report as Markdown text (deterministic: no dates, no absolute paths)."""
    arts = articles_by_id(report)
    lines = summary_md(report)
    if not report.findings:
        lines += ["No findings.", ""]
    for subject, findings in findings_by_subject(report):
        lines += [f"## {esc(subject_label(subject))}", ""]
        for f in findings:
            lines += finding_md(f, arts)
    from ..consensus import for_report, markdown_section

    consensus = for_report(report)
    if consensus is not None:
        lines += markdown_section(consensus).rstrip("\n").split("\n") + [""]
    if report.skipped:
        lines += ["## Skipped inputs", "", "| input | line | reason |", "|---|---:|---|"]
        for sk in sorted(report.skipped, key=lambda s: (s.path, s.line or 0)):
            lines.append(f"| {cell(sk.path)} | {sk.line or ''} | {cell(sk.reason)} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
