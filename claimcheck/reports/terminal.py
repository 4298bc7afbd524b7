"""`--format rich`: the report people read in a terminal.

A summary (articles, claims, findings by severity, skipped inputs), then the findings grouped by
subject: each with its figures side by side (interval, source, date, article) and the sentences with
the figure highlighted. Colour only when asked (`color=True`, i.e. on a terminal); otherwise plain
text, with the figure marked `[[like this]]`. The layout depends only on the report and the width.
"""

from __future__ import annotations

import io
import shutil

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

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

DEFAULT_WIDTH = 100
NARROW = 90  # below this width, figures are listed one per line instead of side by side
SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
MARK_OPEN, MARK_CLOSE = "[[", "]]"


def make_console(buf: io.StringIO, width: int | None, color: bool) -> Console:
    """A console writing to `buf`: a fixed width, ANSI styles only when `color`."""
    if width is None:
        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns if color else DEFAULT_WIDTH
    return Console(file=buf, width=max(40, width), force_terminal=color, no_color=not color,
                   color_system="standard" if color else None, highlight=False, emoji=False,
                   soft_wrap=False, legacy_windows=False)


def summary_text(report: Report) -> Text:
    """One line: articles, claims, findings per severity, skipped inputs."""
    s = report.summary
    counts = severity_counts(report)
    t = Text()
    t.append("claimcheck", style="bold")
    t.append(f": {s.articles} article{'s' * (s.articles != 1)}, {s.claims} claim{'s' * (s.claims != 1)}, "
             f"{len(report.findings)} finding{'s' * (len(report.findings) != 1)} (")
    for i, sev in enumerate(counts):
        if i:
            t.append(", ")
        t.append(f"{counts[sev]} {sev}", style=SEVERITY_STYLE[sev] if counts[sev] else "")
    t.append(f"), {len(report.skipped)} skipped")
    return t


def sentence_text(claim: Claim, article: Article | None, color: bool) -> Text:
    """The claim's sentence on one line, the figure's words highlighted (or bracketed)."""
    h = highlight(claim, article)
    t = Text()
    t.append(one_line(h.before) + (" " if h.before.endswith((" ", "\n")) else ""))
    if h.figure:
        if color:
            t.append(one_line(h.figure), style="bold reverse")
        else:
            t.append(MARK_OPEN + one_line(h.figure) + MARK_CLOSE)
    t.append((" " if h.after.startswith((" ", "\n")) else "") + one_line(h.after))
    return t


def figures_table(finding: Finding, width: int = DEFAULT_WIDTH) -> Table:
    """The finding's figures side by side: figure, interval, source, date, article."""
    t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False,
              show_edge=False)
    t.add_column("#", justify="right", no_wrap=True)
    t.add_column("figure", overflow="fold", max_width=max(12, width // 4))
    t.add_column("interval", no_wrap=True)
    t.add_column("source", overflow="fold")
    t.add_column("date", no_wrap=True)
    t.add_column("article", overflow="fold", no_wrap=True)
    for i, c in enumerate(finding.claims, 1):
        t.add_row(str(i), Text(one_line(c.surface)), Text(claim_interval(c)), Text(claim_source(c)),
                  Text(claim_date(c)), Text(c.article))
    return t


def figure_lines(claims: list[Claim]) -> Table:
    """Figures one under the other (narrow terminals): words, then interval · source · date · article."""
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for i, c in enumerate(claims, 1):
        t = Text(one_line(c.surface))
        t.append(f"\n{claim_interval(c)} · {claim_source(c)} · {claim_date(c)} · {c.article}", style="dim")
        grid.add_row(str(i), t)
    return grid


def _pad(renderable: RenderableType, left: int) -> Padding:
    """A renderable pushed right by `left` spaces (wrapped lines keep the indent)."""
    return Padding(renderable, (0, 0, 0, left))


def finding_block(finding: Finding, arts: dict[str, Article], color: bool, width: int) -> Group:
    """A finding: severity, code, rule and message; its figures; its evidence sentences."""
    head = Text()
    head.append(finding.severity.upper(), style=SEVERITY_STYLE[finding.severity])
    head.append(f" {finding.code} {finding.rule} ", style="bold")
    head.append(f"({finding.kind}{', ' + finding.flag if finding.flag else ''})", style="dim")
    parts: list[RenderableType] = [_pad(head, 2), _pad(Text(one_line(finding.message)), 2)]
    if finding.article and not finding.claims:
        parts.append(_pad(Text(f"article: {finding.article}", style="dim"), 2))
    if finding.claims:
        if width >= NARROW:
            parts.append(_pad(figures_table(finding, width - 4), 4))
        else:
            parts.append(_pad(figure_lines(finding.claims), 4))
        for i, c in enumerate(finding.claims, 1):
            line = Text(f"{i}. ", style="dim")
            line.append_text(sentence_text(c, arts.get(c.article), color))
            parts.append(_pad(line, 4))
    parts.append(_pad(Text(f"fingerprint {finding.fingerprint or '-'}", style="dim"), 2))
    return Group(*parts)


def render(report: Report, *, width: int | None = None, color: bool = False) -> str:
    """The rich report as text (ANSI styles only when `color`)."""
    buf = io.StringIO()
    console = make_console(buf, width, color)
    console.print(summary_text(report))
    arts = articles_by_id(report)
    if not report.findings:
        console.print("No findings.")
    for subject, findings in findings_by_subject(report):
        console.print()
        console.rule(Text(subject_label(subject), style="bold"), align="left", characters="─", style="dim")
        for n, f in enumerate(findings):
            if n:
                console.print()
            console.print(finding_block(f, arts, color, console.width))
    from ..consensus import for_report, render_consensus

    consensus = for_report(report)
    if consensus is not None:
        console.print()
        console.rule(Text("Consensus", style="bold"), align="left", characters="─", style="dim")
        console.print(Text.from_ansi(render_consensus(consensus, "rich", width=console.width, color=color)))
    if report.skipped:
        console.print()
        console.print(Text("Skipped inputs", style="bold"))
        for sk in sorted(report.skipped, key=lambda s: (s.path, s.line or 0)):
            console.print(_pad(Text(f"{sk.path}{':' + str(sk.line) if sk.line else ''}: {sk.reason}"), 2))
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
