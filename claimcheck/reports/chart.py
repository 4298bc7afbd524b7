"""Timeline charts as inline SVG, drawn by hand (no library, no script, no network).

One chart per subject: time runs left to right, the figure's value bottom to top (a log scale when
the values span more than an order of magnitude). Each figure is an interval bar from its low to its
high end with a dot at its value, coloured by source; an open end (`more than`, `up to`) runs to the
chart's edge, fading, with an arrow. A figure that holds over a period has a horizontal bar across
it. Undated figures stand apart in a band on the right. Figures involved in a finding are ringed and
labelled with the finding's number (a link to it). Every label is escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from ..models import Claim
from .common import claim_date, claim_interval, claim_source, claim_span, fmt_number, one_line

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22")
WIDTH, HEIGHT = 880, 300
LEFT, RIGHT, TOP, BOTTOM = 78, 20, 30, 46
UNDATED_W = 120
ARROW = 7


def source_colors(sources: list[str]) -> dict[str, str]:
    """A colour per source, in sorted order (stable across runs)."""
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sorted(set(sources)))}


# ---------------------------------------------------------------- scales

@dataclass(frozen=True)
class YScale:
    """Values to pixels: linear or log10 between `lo` and `hi`."""

    lo: float
    hi: float
    log: bool
    top: float
    bottom: float

    def __call__(self, v: float) -> float:
        if self.log:
            v = max(v, self.lo)
            f = (math.log10(v) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        else:
            f = (v - self.lo) / (self.hi - self.lo)
        f = min(1.0, max(0.0, f))
        return self.bottom - f * (self.bottom - self.top)

    def ticks(self) -> list[float]:
        if self.log:
            out = []
            e = math.floor(math.log10(self.lo))
            while 10 ** e <= self.hi * 1.0001:
                for m in (1, 2, 5):
                    v = m * 10 ** e
                    if self.lo * 0.9999 <= v <= self.hi * 1.0001:
                        out.append(float(v))
                e += 1
            if len(out) > 8:
                out = [v for v in out if abs(math.log10(v) - round(math.log10(v))) < 1e-9]
            return out
        step = nice_step((self.hi - self.lo) / 5)
        start = math.ceil(self.lo / step) * step
        return [start + i * step for i in range(int((self.hi - start) / step + 1e-9) + 1)]


def nice_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at least `raw`."""
    if raw <= 0:
        return 1.0
    e = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * e >= raw:
            return m * e
    return 10 * e


def y_scale(values: list[float], top: float, bottom: float) -> YScale:
    """A scale that holds every value with some room; log10 when they span a factor of 20 or more."""
    pos = [v for v in values if v > 0]
    if not pos:
        return YScale(0.0, 1.0, False, top, bottom)
    lo, hi = min(pos), max(pos)
    if min(values) > 0 and hi / lo >= 20:
        return YScale(10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi * 1.05)), True, top, bottom)
    step = nice_step((hi - 0) / 5)
    upper = math.ceil(hi * 1.1 / step) * step
    return YScale(0.0, upper if upper > 0 else 1.0, False, top, bottom)


def x_ticks(d0: date, d1: date) -> list[tuple[date, str]]:
    """Ticks for a date range: month starts for long ranges, else evenly spaced days."""
    days = (d1 - d0).days
    if days >= 75:
        out: list[tuple[date, str]] = []
        y, m = d0.year, d0.month
        while date(y, m, 1) <= d1:
            if date(y, m, 1) >= d0:
                out.append((date(y, m, 1), f"{y}-{m:02d}"))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        while len(out) > 8:
            out = out[::2]
        return out
    step = max(1, math.ceil(days / 6))
    return [(d0 + timedelta(days=i), (d0 + timedelta(days=i)).isoformat()) for i in range(0, days + 1, step)]


# ---------------------------------------------------------------- marks

@dataclass
class Mark:
    """One figure placed on the chart."""

    claim: Claim
    x: float
    x0: float
    x1: float
    findings: list[int]
    related: bool


def tooltip(c: Claim, findings: list[int], related: bool) -> str:
    parts = [one_line(c.surface), claim_interval(c), claim_source(c), claim_date(c), c.article]
    if related:
        parts.append(f"subject {c.subject}")
    if findings:
        parts.append("finding " + ", ".join(f"#{n}" for n in findings))
    return " · ".join(parts)


def dodge(marks: list[Mark], gap: float = 16.0) -> None:
    """Spread marks that would stand on the same spot side by side (in source, then text order)."""
    marks.sort(key=lambda m: (round(m.x), claim_source(m.claim), m.claim.article, m.claim.start))
    i = 0
    while i < len(marks):
        j = i
        while j + 1 < len(marks) and abs(marks[j + 1].x - marks[i].x) < gap:
            j += 1
        n = j - i + 1
        base = marks[i].x
        for k in range(i, j + 1):
            marks[k].x = base + (k - i - (n - 1) / 2) * gap
        i = j + 1


def _bar(m: Mark, ys: YScale, color: str, grad: dict[str, str]) -> list[str]:
    """The interval bar, open ends fading to the edge with an arrow."""
    c, x = m.claim, m.x
    out: list[str] = []
    top_y, bot_y = ys.top, ys.bottom
    if c.low is None and c.high is None:
        return out
    y_hi = ys(c.high) if c.high is not None else top_y + ARROW
    y_lo = ys(c.low) if c.low is not None and (c.low > 0 or not ys.log) else bot_y - (ARROW if c.low is None else 0)
    if c.high is None:
        out.append(f'<rect x="{x - 2.5:.1f}" y="{y_hi:.1f}" width="5" height="{max(0.0, y_lo - y_hi):.1f}" '
                   f'fill="url(#{grad["up"]})"/>')
        out.append(f'<path d="M{x - 5:.1f},{top_y + ARROW:.1f} L{x:.1f},{top_y:.1f} L{x + 5:.1f},{top_y + ARROW:.1f}" '
                   f'fill="none" stroke="{color}" stroke-width="1.5" opacity="0.6"/>')
    elif c.low is None:
        out.append(f'<rect x="{x - 2.5:.1f}" y="{y_hi:.1f}" width="5" height="{max(0.0, y_lo - y_hi):.1f}" '
                   f'fill="url(#{grad["down"]})"/>')
        out.append(f'<path d="M{x - 5:.1f},{bot_y - ARROW:.1f} L{x:.1f},{bot_y:.1f} L{x + 5:.1f},{bot_y - ARROW:.1f}" '
                   f'fill="none" stroke="{color}" stroke-width="1.5" opacity="0.6"/>')
    else:
        h = max(2.0, y_lo - y_hi)
        out.append(f'<rect x="{x - 2.5:.1f}" y="{(y_lo + y_hi) / 2 - h / 2:.1f}" width="5" height="{h:.1f}" '
                   f'rx="2" fill="{color}" opacity="0.55"/>')
    return out


def _mark(m: Mark, ys: YScale, color: str, grad: dict[str, str]) -> str:
    """A figure's SVG group: span line, interval bar, value dot, finding ring and label, tooltip."""
    c = m.claim
    parts = [f"<title>{escape(tooltip(c, m.findings, m.related))}</title>"]
    if m.x1 - m.x0 > 3:
        yv = ys(c.value if c.value is not None else (c.low if c.low is not None else c.high or 0))
        parts.append(f'<line x1="{m.x0:.1f}" y1="{yv:.1f}" x2="{m.x1:.1f}" y2="{yv:.1f}" stroke="{color}" '
                     f'stroke-width="2" opacity="0.45"/>')
    parts += _bar(m, ys, color, grad)
    value = c.value if c.value is not None else None
    if c.negated and not value:
        y = ys.bottom
        parts.append(f'<path d="M{m.x - 5:.1f},{y - 5:.1f} l10,10 m0,-10 l-10,10" stroke="{color}" stroke-width="2.5"/>')
    elif value is not None:
        y = ys(value)
        hollow = ' fill="#fff"' if m.related else f' fill="{color}"'
        parts.append(f'<circle cx="{m.x:.1f}" cy="{y:.1f}" r="4.5"{hollow} stroke="{color}" stroke-width="2"/>')
    else:
        y = (ys(c.low) + ys(c.high)) / 2 if c.low is not None and c.high is not None else ys.bottom
    if m.findings:
        parts.append(f'<circle cx="{m.x:.1f}" cy="{y:.1f}" r="8.5" fill="none" stroke="#111" stroke-width="1.6"/>')
        label = ",".join(str(n) for n in m.findings)
        ly = y - 13 if y - 13 > ys.top + 4 else y + 22
        parts.append(f'<a href="#f-{m.findings[0]}"><text x="{m.x:.1f}" y="{ly:.1f}" class="flabel" '
                     f'text-anchor="middle">#{escape(label)}</text></a>')
    return '<g class="mark">' + "".join(parts) + "</g>"


# ---------------------------------------------------------------- the chart

def timeline_svg(claims: list[Claim], colors: dict[str, str], finding_of: dict[tuple[str, int, int], list[int]],
                 subject: str | None, chart_id: str, height: int = HEIGHT) -> str:
    """The SVG for one subject's figures (claims of other subjects drawn hollow)."""
    dated = [(c, claim_span(c)) for c in claims]
    spans = [s for _, s in dated if s is not None]
    has_undated = any(s is None for _, s in dated)
    plot_right = WIDTH - RIGHT - (UNDATED_W if has_undated else 0)
    values = [v for c in claims for v in (c.low, c.high, c.value) if v is not None]
    if values and any(c.high is None and (c.low is not None or c.value is not None) for c in claims):
        values.append(max(values) * 1.4)  # room above for the open ends to show
    ys = y_scale(values, TOP, height - BOTTOM)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
           f'role="img" aria-labelledby="{chart_id}-t" class="chart">',
           f'<title id="{chart_id}-t">Figures over time for {escape(subject or "no subject")}</title>']
    grads: dict[str, dict[str, str]] = {}
    defs = []
    for i, (src, col) in enumerate(sorted(colors.items())):
        g = {"up": f"{chart_id}-u{i}", "down": f"{chart_id}-d{i}"}
        grads[src] = g
        defs.append(f'<linearGradient id="{g["up"]}" x1="0" y1="1" x2="0" y2="0"><stop offset="0" stop-color="{col}" '
                    f'stop-opacity="0.6"/><stop offset="1" stop-color="{col}" stop-opacity="0.02"/></linearGradient>')
        defs.append(f'<linearGradient id="{g["down"]}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{col}" '
                    f'stop-opacity="0.6"/><stop offset="1" stop-color="{col}" stop-opacity="0.02"/></linearGradient>')
    out.append("<defs>" + "".join(defs) + "</defs>")
    # y axis and grid
    for v in ys.ticks():
        y = ys(v)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" class="tick">{escape(fmt_number(v))}</text>')
    scale_note = "log scale" if ys.log else "linear scale"
    out.append(f'<text x="{LEFT - 8}" y="{TOP - 14}" text-anchor="end" class="tick">{scale_note}</text>')
    out.append(f'<line x1="{LEFT}" y1="{ys.bottom}" x2="{plot_right}" y2="{ys.bottom}" class="axis"/>')
    marks: list[Mark] = []
    if spans:
        d0 = min(s[0] for s in spans)
        d1 = max(s[1] for s in spans)
        pad = max(3, (d1 - d0).days // 12)
        d0, d1 = d0 - timedelta(days=pad), d1 + timedelta(days=pad)
        total = max(1, (d1 - d0).days)

        def xpos(d: date) -> float:
            return LEFT + 14 + (d - d0).days / total * (plot_right - LEFT - 28)

        for d, label in x_ticks(d0, d1):
            x = xpos(d)
            out.append(f'<line x1="{x:.1f}" y1="{ys.bottom}" x2="{x:.1f}" y2="{ys.bottom + 5}" class="axis"/>')
            out.append(f'<text x="{x:.1f}" y="{ys.bottom + 19}" text-anchor="middle" class="tick">{escape(label)}</text>')
        for c, s in dated:
            if s is None:
                continue
            x0, x1 = xpos(s[0]), xpos(s[1])
            mid = xpos(s[1]) if c.kind == "cumulative" else (x0 + x1) / 2
            marks.append(Mark(c, mid, x0, x1, finding_of.get(c.key(), []), c.subject != subject))
    else:
        out.append(f'<text x="{(LEFT + plot_right) / 2:.1f}" y="{(ys.top + ys.bottom) / 2:.1f}" '
                   f'text-anchor="middle" class="tick">no dated figure</text>')
    und: list[Mark] = []
    if has_undated:
        bx = plot_right + 10
        out.append(f'<rect x="{bx}" y="{TOP - 6}" width="{UNDATED_W - 10}" height="{ys.bottom - TOP + 6}" class="undated"/>')
        out.append(f'<text x="{bx + (UNDATED_W - 10) / 2:.1f}" y="{ys.bottom + 19}" text-anchor="middle" '
                   f'class="tick">undated</text>')
        for c, s in dated:
            if s is None:
                und.append(Mark(c, bx + (UNDATED_W - 10) / 2, 0, 0, finding_of.get(c.key(), []), c.subject != subject))
    dodge(marks)
    dodge(und)
    for m in sorted(marks + und, key=lambda m: (bool(m.findings), m.x)):
        src = claim_source(m.claim)
        out.append(_mark(m, ys, colors.get(src, "#555"), grads.get(src, next(iter(grads.values())))))
    out.append("</svg>")
    return "\n".join(out)
