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
from .terminal import make_console


def _finish(buf: io.StringIO) -> str:
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def claims_table(claims: Iterable[Claim], width: int | None = None, color: bool = False) -> str:
    """Every claim, in article and text order: where, figure, interval, subject, source, date."""
    rows = sorted(claims, key=lambda c: (c.article, c.start, c.end))
    t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False)
    t.add_column("article:offset", ratio=2, overflow="fold")
    t.add_column("figure", ratio=3, overflow="fold")
    t.add_column("interval", no_wrap=True)
    t.add_column("subject", ratio=2, overflow="fold")
    t.add_column("source", ratio=2, overflow="fold")
    t.add_column("date", ratio=2)
    for c in rows:
        t.add_row(Text(f"{c.article}:{c.start}"), Text(one_line(c.surface)), Text(claim_interval(c)),
                  Text(c.subject or "-"), Text(claim_source(c)), Text(claim_date(c)))
    buf = io.StringIO()
    console = make_console(buf, width, color)
    console.print(t if rows else Text("No claims."))
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
        console.rule(Text(subject_label(key), style="bold"), align="left", characters="─")
        t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False)
        t.add_column("date", ratio=2)
        t.add_column("source", ratio=2, overflow="fold")
        t.add_column("interval", no_wrap=True)
        t.add_column("figure", ratio=3, overflow="fold")
        t.add_column("article", ratio=2, overflow="fold")
        for c in rows:
            t.add_row(Text(claim_date(c)), Text(claim_source(c)), Text(claim_interval(c)),
                      Text(one_line(c.surface)), Text(c.article))
        console.print(t)
    return _finish(buf)
