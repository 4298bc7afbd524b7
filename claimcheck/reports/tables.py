"""Plain tables of claims: `extract --format table` and `claimcheck timeline`.

Both are rendered with rich at a fixed width (100 columns unless given, or the terminal's with
colour), so the same claims always give the same text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from ..models import Claim
from .common import (
    claim_date,
    claim_interval,
    claim_source,
    date_sort_key,
    one_line,
    subject_label,
    subject_matches,
)
from .terminal import NARROW, make_console


def _stacked(rows: list[tuple[str, str]]) -> Table:
    """Narrow terminals: each row as a bold first line and a dim second line, one under the other."""
    grid = Table.grid()
    grid.add_column(overflow="fold")
    for head, tail in rows:
        t = Text(head, style="bold")
        t.append("\n  " + tail, style="dim")
        grid.add_row(t)
    return grid


def _finish(buf: io.StringIO) -> str:
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def claims_table(claims: Iterable[Claim], width: int | None = None, color: bool = False) -> str:
    """Every claim, one table per article in text order: offset, figure, interval, subject, source, date."""
    groups: dict[str, list[Claim]] = {}
    for c in sorted(claims, key=lambda c: (c.article, c.start, c.end)):
        groups.setdefault(c.article, []).append(c)
    buf = io.StringIO()
    console = make_console(buf, width, color)
    if not groups:
        console.print(Text("No claims."))
    for n, (article, rows) in enumerate(groups.items()):
        if n:
            console.print()
        console.rule(Text(article, style="bold"), align="left", characters="─", style="dim")
        t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False)
        t.add_column("offset", justify="right", no_wrap=True)
        t.add_column("figure", overflow="fold", max_width=max(12, console.width // 4))
        t.add_column("interval", no_wrap=True)
        t.add_column("subject", overflow="fold")
        t.add_column("source", overflow="fold")
        t.add_column("date", no_wrap=True)
        for c in rows:
            t.add_row(str(c.start), Text(one_line(c.surface)), Text(claim_interval(c)), Text(c.subject or "-"),
                      Text(claim_source(c)), Text(claim_date(c)))
        if console.width < NARROW:
            t = _stacked([(f"{c.start}  {one_line(c.surface)}",
                           f"{claim_interval(c)} · {c.subject or '-'} · {claim_source(c)} · {claim_date(c)}")
                          for c in rows])
        console.print(t)
    return _finish(buf)


def timeline_rows(claims: Iterable[Claim], subject: str | None = None) -> dict[str, list[Claim]]:
    """Claims per subject (sorted keys), each list in date order (undated last), then by source."""
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        if c.subject is None or not subject_matches(c.subject, subject):
            continue
        groups.setdefault(c.subject, []).append(c)
    return {k: sorted(v, key=lambda c: (date_sort_key(c), claim_source(c), c.article, c.start))
            for k, v in sorted(groups.items())}


def timeline_table(claims: Iterable[Claim], subject: str | None = None, width: int | None = None,
                   color: bool = False) -> str:
    """A dated table of every figure per subject and source (claims without a subject left out)."""
    groups = timeline_rows(claims, subject)
    buf = io.StringIO()
    console = make_console(buf, width, color)
    if not groups:
        console.print(Text(f"No figures{' for ' + subject if subject else ''}."))
    for n, (key, rows) in enumerate(groups.items()):
        if n:
            console.print()
        console.rule(Text(subject_label(key), style="bold"), align="left", characters="─", style="dim")
        t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False)
        t.add_column("date", no_wrap=True)
        t.add_column("source", overflow="fold")
        t.add_column("interval", no_wrap=True)
        t.add_column("figure", overflow="fold", max_width=max(12, console.width // 4))
        t.add_column("article", overflow="fold", no_wrap=True)
        for c in rows:
            t.add_row(Text(claim_date(c)), Text(claim_source(c)), Text(claim_interval(c)),
                      Text(one_line(c.surface)), Text(c.article))
        if console.width < NARROW:
            t = _stacked([(f"{claim_date(c)} · {claim_source(c)} · {claim_interval(c)}",
                           f"{one_line(c.surface)} · {c.article}") for c in rows])
        console.print(t)
    return _finish(buf)
