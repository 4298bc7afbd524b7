"""`--format rich`: the report people read in a terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from ..models import Report


def _fmt_num(x: float | None) -> str:
    if x is None:
        return "…"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def render(report: Report, *, width: int | None = None, color: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width or 100, force_terminal=color, no_color=not color,
                      highlight=False, soft_wrap=False)
    s = report.summary
    console.print(f"[bold]claimcheck[/bold]: {s.articles} articles, {s.claims} claims, {s.findings} findings "
                  f"({', '.join(f'{v} {k}' for k, v in s.by_severity.items())}), {len(report.skipped)} skipped")
    for f in report.findings:
        console.print()
        console.print(f"[bold]{f.severity.upper()}[/bold] {f.code} {f.rule} [{f.kind}] {f.subject or ''}")
        console.print(f"  {f.message}")
        if f.claims:
            t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
            for col in ("figure", "interval", "source", "date", "article"):
                t.add_column(col)
            for c in f.claims:
                ev = c.event_date
                date = "undated" if ev is None else f"{ev.start or '…'}/{ev.end or '…'}"
                t.add_row(c.surface, f"[{_fmt_num(c.low)}, {_fmt_num(c.high)}]", c.attributed_to or "?",
                          date, c.article)
            console.print(t)
    for sk in report.skipped:
        console.print(f"skipped {sk.path}{':' + str(sk.line) if sk.line else ''}: {sk.reason}")
    return buf.getvalue()
