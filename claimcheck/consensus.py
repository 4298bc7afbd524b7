"""Consensus: what the sources together support per subject and period, and how far each origin agrees.

The method is truth discovery on intervals (docs/consensus.md): every claim is an interval (a lower
bound is open above, "up to" open below, a point is a degenerate interval), and a candidate truth t
is charged by each claim its distance to that interval on a logarithmic scale (0 when t lies inside).
For each subject and period the estimate minimises the weighted sum of those distances; each origin's
weight comes from how far its claims sit from the estimates (CRH, Li et al. 2014), with the
chi-squared correction of CATD (Li et al. 2015) for origins with few claims, or from the Gaussian
truth model of GTM (Zhao & Han 2012). Weights and estimates are iterated to a fixed point.

The meaning of each claim is respected:
- a lower bound only pushes the estimate up, an upper bound only down (interval distances);
- a running total (`cumulative`) never decreases: each period's estimate is at least the one before;
- a flow is not a level: flows are pooled only within their own day or event, never across a period;
- a part never exceeds its whole: a whole is at least the sum of its (disjoint) parts' estimates;
- echoes (the same figure from the same origin for the same period in several articles) count once;
- undated claims are not placed in a period: they are listed apart with the periods they would fit;
- denials (negated claims) are listed apart: a denial is not a figure to average.
"""

from __future__ import annotations

import io
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, Field

from .models import Article, Claim
from .registry import Registry, load_registry
from .sources import load_sources
from .subjects import load_taxonomy

Method = Literal["crh", "catd", "gtm"]
Period = Literal["day", "week", "month"]
TOLERANCE = 0.02  # relative slack when asking whether an estimate lies inside a claim's interval


# ---------------------------------------------------------------- models of the result

class ClaimRef(BaseModel):
    """A claim as the consensus shows it: where it is, what it says, how far it sits."""

    article: str
    surface: str
    start: int
    end: int
    low: float | None
    high: float | None
    value: float | None
    attributed_to: str | None
    event_date: dict | None = None
    articles: list[str] = Field(default_factory=list)  # every article carrying this echo
    distance: float = 0.0  # log-scale distance from the estimate (0 = consistent)


class Estimate(BaseModel):
    """The estimate for one subject in one period."""

    subject: str
    kind: str | None
    period: str
    start: str
    end: str
    low: float | None
    best: float
    high: float | None
    origins: list[str]
    independent_origins: int
    claims: list[ClaimRef]
    furthest: list[ClaimRef]
    notes: list[str] = Field(default_factory=list)


class Reliability(BaseModel):
    """How often an origin's figures fall inside what the other origins support."""

    origin: str
    inside: int
    compared: int
    score: float | None
    weight: float
    claims: int


class Undated(BaseModel):
    claim: ClaimRef
    subject: str
    fits: list[str]


class ConsensusResult(BaseModel):
    method: str
    period: str
    as_of: str | None
    estimates: list[Estimate]
    reliability: list[Reliability]
    undated: list[Undated]
    denials: list[ClaimRef]
    excluded_articles: list[str] = Field(default_factory=list)


# ---------------------------------------------------------------- intervals on a log scale

def _log(x: float) -> float:
    return math.log1p(max(x, 0.0))


def claim_interval(c: Claim) -> tuple[float, float]:
    """The claim's interval on the log1p scale; -inf/inf where open."""
    lo = c.low if c.low is not None else (c.value if c.qualifier not in ("up_to", "at_most", "vague") else None)
    hi = c.high if c.high is not None else (c.value if c.qualifier not in ("more_than", "at_least", "vague") else None)
    if c.qualifier in ("up_to", "at_most"):
        lo = None
    return (_log(lo) if lo is not None else -math.inf, _log(hi) if hi is not None else math.inf)


def distance(t: float, iv: tuple[float, float]) -> float:
    """Distance from log-point t to the interval (0 inside)."""
    lo, hi = iv
    if t < lo:
        return lo - t
    if t > hi:
        return t - hi
    return 0.0


# ---------------------------------------------------------------- observations

class Obs:
    """One piece of evidence: an echo-collapsed claim of one origin for one subject and period."""

    __slots__ = ("origin", "iv", "claims", "weight_key")

    def __init__(self, origin: str, iv: tuple[float, float], claims: list[Claim]):
        self.origin, self.iv, self.claims = origin, iv, claims
        self.weight_key = origin


def _origin(c: Claim) -> str:
    # an unknown origin is its own origin: never merged with another unknown one
    return c.attributed_to or f"?{c.article}:{c.start}"


def _day(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _period_of(d: date, period: Period) -> tuple[str, date, date]:
    if period == "day":
        return d.isoformat(), d, d
    if period == "week":
        start = d - timedelta(days=d.weekday())
        iso = d.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}", start, start + timedelta(days=6)
    start = d.replace(day=1)
    nxt = (start + timedelta(days=32)).replace(day=1)
    return f"{d.year:04d}-{d.month:02d}", start, nxt - timedelta(days=1)


def _place(c: Claim, kind: str | None, period: Period) -> tuple[str, date, date] | None:
    """The period a dated claim belongs to: its end date's period; None when undated.

    A flow is pooled only with flows of the same day or event, whatever the period parameter.
    A claim whose interval spans more than one period is placed by its end (the latest date it holds).
    """
    ev = c.event_date
    if ev is None:
        return None
    s, e = _day(ev.start), _day(ev.end)
    if s is None and e is None:
        return None
    last = e or s
    assert last is not None
    if kind == "flow":
        first = s or last
        label = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
        return label, first, last
    return _period_of(last, period)


# ---------------------------------------------------------------- truth discovery

def _solve(obs: Sequence[Obs], weights: dict[str, float]) -> float:
    """argmin_t sum_w * distance(t, interval): checked at every finite endpoint (convex, piecewise linear)."""
    cands = sorted({x for o in obs for x in o.iv if math.isfinite(x)})
    if not cands:
        return 0.0

    def cost(t: float) -> float:
        return sum(weights.get(o.weight_key, 1.0) * distance(t, o.iv) for o in obs)

    costs = [cost(t) for t in cands]
    best = min(costs)
    tied = [t for t, c in zip(cands, costs, strict=True) if c - best <= 1e-12 * max(1.0, best)]
    # a flat optimum between endpoints: take its middle
    return (tied[0] + tied[-1]) / 2


def _chi2_quantile(p: float, k: int) -> float:
    """Wilson-Hilferty approximation of the chi-squared quantile (CATD's confidence bound)."""
    # inverse normal via Acklam's rational approximation, sufficient here
    z = _norm_ppf(p)
    h = 2.0 / (9.0 * k)
    return max(1e-9, k * (1 - h + z * math.sqrt(h)) ** 3)


def _norm_ppf(p: float) -> float:
    a = [-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02, 1.383577518672690e02,
         -3.066479806614716e01, 2.506628277459239e00]
    b = [-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02, 6.680131188771972e01,
         -1.328068155288572e01]
    c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00, -2.549732539343734e00,
         4.374664141464968e00, 2.938163982698783e00]
    d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00]
    q = min(max(p, 1e-12), 1 - 1e-12)
    if q < 0.02425:
        r = math.sqrt(-2 * math.log(q))
        return (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / \
               ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
    if q > 1 - 0.02425:
        return -_norm_ppf(1 - q)
    r = q - 0.5
    s = r * r
    return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / \
           (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1)


def _update_weights(groups: dict[tuple, list[Obs]], truths: dict[tuple, float], method: Method,
                    priors: dict[str, float]) -> dict[str, float]:
    """Origin weights from their total loss against the current truths."""
    loss: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for g, obs in groups.items():
        t = truths[g]
        for o in obs:
            loss[o.origin] += distance(t, o.iv) ** 2 if method == "gtm" else distance(t, o.iv)
            count[o.origin] += 1
    eps = 1e-3
    weights: dict[str, float] = {}
    if method == "crh":
        total = sum(loss.values()) + eps * len(loss)
        for s in loss:
            weights[s] = max(1e-3, math.log(total / (loss[s] + eps)))
    elif method == "catd":
        for s in loss:
            weights[s] = _chi2_quantile(0.975, count[s]) / (loss[s] + eps * count[s] + eps)
    else:  # gtm: inverse-gamma posterior mode of each origin's variance, alpha=beta=1 (weak prior)
        alpha, beta = 1.0, 0.05
        for s in loss:
            var = (2 * beta + loss[s]) / (2 * (alpha + 1) + count[s])
            weights[s] = 1.0 / var
    norm = max(weights.values()) if weights else 1.0
    return {s: (w / norm) * priors.get(s, 1.0) for s, w in weights.items()}


# ---------------------------------------------------------------- the run

def _ref(c: Claim, articles: list[str] | None = None, dist: float = 0.0) -> ClaimRef:
    return ClaimRef(article=c.article, surface=c.surface, start=c.start, end=c.end, low=c.low, high=c.high,
                    value=c.value, attributed_to=c.attributed_to,
                    event_date=c.event_date.model_dump() if c.event_date else None,
                    articles=sorted(set(articles or [c.article])), distance=round(dist, 6))


def _echo_key(c: Claim, place: tuple[str, date, date] | None) -> tuple:
    return (_origin(c), c.low, c.high, c.value, c.qualifier, place[0] if place else None)


def _selected(key: str | None, subject: str | None) -> bool:
    return bool(key) and (subject is None or key == subject or key.startswith(subject + "."))


def _published_by(a: Article, as_of: str) -> bool:
    if not a.published:
        return False
    return a.published[: len(as_of)] <= as_of if len(a.published) >= len(as_of) else a.published <= as_of[: len(a.published)]


def run_consensus(articles: Sequence[Article], claims: Sequence[Claim], *, subject: str | None = None,
                  period: str = "month", as_of: str | None = None, rules_dirs: Sequence[str] = (),
                  priors: dict[str, float] | None = None, method: str = "catd",
                  registry: Registry | None = None, max_iter: int = 30) -> ConsensusResult:
    """Estimates per subject and period, origin reliabilities, undated claims and denials."""
    if period not in ("day", "week", "month"):
        raise ValueError(f"unknown period {period!r}: use day, week or month")
    if method not in ("crh", "catd", "gtm"):
        raise ValueError(f"unknown method {method!r}: use crh, catd or gtm")
    reg = registry or load_registry(tuple(rules_dirs))
    taxonomy = load_taxonomy(reg)
    sources = load_sources(reg)
    excluded: list[str] = []
    if as_of:
        keep = {a.id for a in articles if _published_by(a, as_of)}
        excluded = sorted(a.id for a in articles if a.id not in keep)
        claims = [c for c in claims if c.article in keep]
    # per-origin priors by source kind (config `priors: {kind: factor}`), never a verdict in code
    kind_priors = priors or {}
    origin_prior = {}
    for c in claims:
        k = sources.kind(c.attributed_to)
        if k in kind_priors:
            origin_prior[_origin(c)] = float(kind_priors[k])

    denials = [c for c in claims if c.negated and _selected(c.subject, subject)]
    usable = [c for c in claims if not c.negated and _selected(c.subject, subject) and c.measure in ("count", "money", "percent", "quantity")
              and (c.low is not None or c.high is not None or c.value is not None)]

    # echo-collapsed observations grouped by (subject, period)
    groups: dict[tuple, list[Obs]] = defaultdict(list)
    spans: dict[tuple, tuple[date, date]] = {}
    echo: dict[tuple, Obs] = {}
    undated_claims: list[Claim] = []
    for c in sorted(usable, key=lambda c: (c.article, c.start)):
        kind = taxonomy.kind(c.subject) or c.kind
        place = _place(c, kind, period)  # type: ignore[arg-type]
        if place is None:
            undated_claims.append(c)
            continue
        g = (c.subject, place[0])
        spans[g] = (place[1], place[2])
        ek = (c.subject, *_echo_key(c, place))
        if ek in echo:
            echo[ek].claims.append(c)
            continue
        o = Obs(_origin(c), claim_interval(c), [c])
        echo[ek] = o
        groups[g].append(o)

    weights = {o.origin: origin_prior.get(o.origin, 1.0) for obs in groups.values() for o in obs}
    truths: dict[tuple, float] = {}
    notes: dict[tuple, list[str]] = defaultdict(list)
    for _ in range(max_iter):
        new = {g: _solve(obs, weights) for g, obs in groups.items()}
        new = _constrain(new, groups, spans, taxonomy, notes)
        changed = any(abs(new[g] - truths.get(g, math.nan)) > 1e-9 or g not in truths for g in new)
        truths = new
        if not changed:
            break
        weights = _update_weights(groups, truths, method, origin_prior)  # type: ignore[arg-type]

    estimates = [_estimate(g, groups[g], truths[g], spans[g], taxonomy, notes.get(g, [])) for g in sorted(groups)]
    reliability = _reliability(groups, weights, origin_prior, method)
    undated = []
    for c in undated_claims:
        iv = claim_interval(c)
        fits = sorted(e.period for e in estimates if e.subject == c.subject and distance(_log(e.best), iv) <= TOLERANCE)
        undated.append(Undated(claim=_ref(c), subject=c.subject or "", fits=fits))
    return ConsensusResult(method=method, period=period, as_of=as_of, estimates=estimates,
                           reliability=reliability, undated=undated,
                           denials=[_ref(c) for c in sorted(denials, key=lambda c: (c.article, c.start))],
                           excluded_articles=excluded)


def _constrain(truths: dict[tuple, float], groups: dict[tuple, list[Obs]], spans: dict[tuple, tuple[date, date]],
               taxonomy, notes: dict[tuple, list[str]]) -> dict[tuple, float]:
    """Apply the meaning of the subjects: cumulative never falls; a whole is at least its parts."""
    out = dict(truths)
    for g in notes:
        notes[g] = []
    # a whole is at least the sum of its disjoint direct parts, in the same period
    by_period: dict[str, dict[str, float]] = defaultdict(dict)
    for (subj, per), t in out.items():
        by_period[per][subj] = t
    for per, subj_t in by_period.items():
        for whole in sorted(subj_t, key=lambda k: -k.count(".")):
            parts = [s for s in subj_t if s != whole and taxonomy.is_part_of(s, whole)
                     and not any(taxonomy.is_part_of(s, m) and taxonomy.is_part_of(m, whole) for m in subj_t if m not in (s, whole))]
            if not parts:
                continue
            floor = _log(sum(math.expm1(subj_t[p]) for p in parts))
            if floor > out[(whole, per)] + 1e-12:
                out[(whole, per)] = floor
                subj_t[whole] = floor
                notes[(whole, per)].append("raised to the sum of its parts: " + ", ".join(sorted(parts)))
    # a running total never decreases: each period at least the latest earlier estimate
    by_subject: dict[str, list[tuple]] = defaultdict(list)
    for g in out:
        by_subject[g[0]].append(g)
    for subj, gs in by_subject.items():
        if taxonomy.kind(subj) != "cumulative":
            continue
        gs.sort(key=lambda g: spans[g][1])
        floor = -math.inf
        for g in gs:
            if out[g] < floor - 1e-12:
                notes[g].append("raised: a running total does not fall below an earlier period's estimate")
                out[g] = floor
            floor = max(floor, out[g])
    return out


def _estimate(g: tuple, obs: list[Obs], t: float, span: tuple[date, date], taxonomy, notes: list[str]) -> Estimate:
    inside = [o for o in obs if distance(t, o.iv) <= TOLERANCE]
    lo = max((o.iv[0] for o in inside), default=t)
    hi = min((o.iv[1] for o in inside), default=t)
    lo, hi = min(lo, t), max(hi, t)
    refs = []
    for o in obs:
        d = distance(t, o.iv)
        refs.append(_ref(o.claims[0], [c.article for c in o.claims], d))
    refs.sort(key=lambda r: (-r.distance, r.article, r.start))
    origins = sorted({o.origin for o in obs if not o.origin.startswith("?")})
    independent = len({o.origin for o in obs})
    return Estimate(subject=g[0], kind=taxonomy.kind(g[0]), period=g[1], start=span[0].isoformat(),
                    end=span[1].isoformat(),
                    low=round(math.expm1(lo), 2) if math.isfinite(lo) else None,
                    best=round(math.expm1(t), 2),
                    high=round(math.expm1(hi), 2) if math.isfinite(hi) else None,
                    origins=origins, independent_origins=independent,
                    claims=sorted(refs, key=lambda r: (r.article, r.start)),
                    furthest=[r for r in refs if r.distance > TOLERANCE][:3], notes=list(notes))


def _reliability(groups: dict[tuple, list[Obs]], weights: dict[str, float], priors: dict[str, float],
                 method: Method) -> list[Reliability]:
    """Leave-one-origin-out: is each figure inside what the other origins support?"""
    inside: dict[str, int] = defaultdict(int)
    compared: dict[str, int] = defaultdict(int)
    n_claims: dict[str, int] = defaultdict(int)
    for obs in groups.values():
        for o in obs:
            n_claims[o.origin] += len(o.claims)
        origins = {o.origin for o in obs}
        if len(origins) < 2:
            continue
        for s in origins:
            others = [o for o in obs if o.origin != s]
            t = _solve(others, weights)
            support = [o for o in others if distance(t, o.iv) <= TOLERANCE]
            lo = max((o.iv[0] for o in support), default=t)
            hi = min((o.iv[1] for o in support), default=t)
            lo, hi = min(lo, t), max(hi, t)
            for o in obs:
                if o.origin != s:
                    continue
                compared[s] += 1
                # inside when its interval meets the interval the others support
                inside[s] += o.iv[0] <= hi + TOLERANCE and o.iv[1] >= lo - TOLERANCE
    out = []
    for s in sorted(n_claims):
        if s.startswith("?"):
            continue
        out.append(Reliability(origin=s, inside=inside[s], compared=compared[s],
                               score=round(inside[s] / compared[s], 3) if compared[s] else None,
                               weight=round(weights.get(s, 1.0), 4), claims=n_claims[s]))
    return out


# ---------------------------------------------------------------- rendering

def _num(x: float | None) -> str:
    if x is None:
        return "…"
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 or abs(x) >= 100 else f"{x:,.1f}"


def render_consensus(result: ConsensusResult, fmt: str = "rich", *, width: int | None = None,
                     color: bool = False) -> str:
    """The consensus as a terminal table (`rich`), Markdown or JSON."""
    if fmt == "json":
        return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return markdown_section(result)
    if fmt != "rich":
        raise ValueError(f"unknown format {fmt!r}: use rich, markdown or json")
    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    con = Console(file=buf, width=width or 110, force_terminal=color, no_color=not color, highlight=False)
    con.print(f"[bold]Consensus[/bold] ({result.method.upper()}, per {result.period}"
              + (f", evidence published by {result.as_of}" if result.as_of else "") + ")")
    t = Table(box=None, header_style="bold", padding=(0, 1))
    for col in ("subject", "period", "low", "best", "high", "origins", "furthest from it"):
        t.add_column(col)
    for e in result.estimates:
        far = "; ".join(f"{r.surface} ({r.attributed_to or '?'}, {r.article})" for r in e.furthest) or "-"
        t.add_row(e.subject, e.period, _num(e.low), _num(e.best), _num(e.high),
                  f"{e.independent_origins}: {', '.join(e.origins) or '?'}", far)
    con.print(t)
    if result.reliability:
        con.print()
        con.print("[bold]Origins[/bold]: how often each origin's figures fall inside what the others support")
        r = Table(box=None, header_style="bold", padding=(0, 1))
        for col in ("origin", "inside", "weight", "claims"):
            r.add_column(col)
        for x in result.reliability:
            r.add_row(x.origin, f"{x.inside}/{x.compared}" if x.compared else "not compared", f"{x.weight:.2f}",
                      str(x.claims))
        con.print(r)
    if result.undated:
        con.print()
        con.print("[bold]Undated figures[/bold] (not placed in a period)")
        for u in result.undated:
            con.print(f"  {u.subject}: {u.claim.surface} ({u.claim.attributed_to or '?'}, {u.claim.article})"
                      f" would fit: {', '.join(u.fits) or 'no period'}")
    if result.denials:
        con.print()
        con.print("[bold]Denials[/bold]")
        for d in result.denials:
            con.print(f"  {d.surface} ({d.attributed_to or '?'}, {d.article})")
    if result.excluded_articles:
        con.print(f"\n{len(result.excluded_articles)} articles left out (published after {result.as_of} or undated)")
    return buf.getvalue()


def _md(s: str) -> str:
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;") \
        .replace("`", "\\`").replace("\n", " ")


def markdown_section(result: ConsensusResult) -> str:
    """The consensus as a Markdown section (also used by the Markdown report)."""
    out = [f"## Consensus ({result.method.upper()}, per {result.period})", ""]
    out += ["| subject | period | low | best | high | origins | furthest from it |", "|---|---|---|---|---|---|---|"]
    for e in result.estimates:
        far = "; ".join(f"{_md(r.surface)} ({_md(r.attributed_to or '?')})" for r in e.furthest) or "-"
        out.append(f"| {_md(e.subject)} | {e.period} | {_num(e.low)} | {_num(e.best)} | {_num(e.high)} | "
                   f"{e.independent_origins}: {_md(', '.join(e.origins) or '?')} | {far} |")
    if result.reliability:
        out += ["", "| origin | inside what others support | weight | claims |", "|---|---|---|---|"]
        for x in result.reliability:
            out.append(f"| {_md(x.origin)} | {f'{x.inside}/{x.compared}' if x.compared else 'not compared'} | "
                       f"{x.weight:.2f} | {x.claims} |")
    if result.undated:
        out += ["", "Undated figures (not placed in a period):", ""]
        for u in result.undated:
            out.append(f"- {_md(u.subject)}: {_md(u.claim.surface)} ({_md(u.claim.attributed_to or '?')}) "
                       f"would fit: {', '.join(u.fits) or 'no period'}")
    if result.denials:
        out += ["", "Denials:", ""] + [f"- {_md(d.surface)} ({_md(d.attributed_to or '?')})" for d in result.denials]
    return "\n".join(out) + "\n"


def for_report(report) -> ConsensusResult | None:
    """The consensus section of a report (per month, default method), or None with nothing to estimate."""
    if not any(c.subject and not c.negated for c in report.claims):
        return None
    result = run_consensus(report.articles, report.claims, rules_dirs=report.rules_dirs, period="month")
    return result if (result.estimates or result.undated or result.denials) else None


def html_section(result: ConsensusResult) -> str:
    """The consensus as an HTML section (every piece of text escaped)."""
    from html import escape as e

    rows = []
    for est in result.estimates:
        far = "; ".join(f"{e(r.surface)} ({e(r.attributed_to or '?')}, {e(r.article)})" for r in est.furthest) or "-"
        rows.append(f"<tr><td><code>{e(est.subject)}</code></td><td>{e(est.period)}</td><td class=\"r\">{_num(est.low)}</td>"
                    f"<td class=\"r\"><b>{_num(est.best)}</b></td><td class=\"r\">{_num(est.high)}</td>"
                    f"<td>{est.independent_origins}: {e(', '.join(est.origins) or '?')}</td><td>{far}</td></tr>")
    out = ['<section class="subject" id="consensus"><h2>Consensus</h2>',
           f"<p class=\"sub\">What the sources together support, per subject and {e(result.period)} "
           f"({e(result.method.upper())} truth discovery on the claims' intervals; see docs/consensus.md).</p>"]
    if rows:
        out.append("<table><thead><tr><th>subject</th><th>period</th><th>low</th><th>best</th><th>high</th>"
                   "<th>origins</th><th>furthest from it</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    if result.reliability:
        rel = "".join(f"<tr><td>{e(x.origin)}</td><td>{f'{x.inside}/{x.compared}' if x.compared else 'not compared'}"
                      f"</td><td class=\"r\">{x.weight:.2f}</td><td class=\"r\">{x.claims}</td></tr>"
                      for x in result.reliability)
        out.append("<h3>Origins</h3><table><thead><tr><th>origin</th><th>inside what others support</th>"
                   f"<th>weight</th><th>claims</th></tr></thead><tbody>{rel}</tbody></table>")
    if result.undated:
        items = "".join(f"<li><code>{e(u.subject)}</code>: {e(u.claim.surface)} ({e(u.claim.attributed_to or '?')}, "
                        f"{e(u.claim.article)}) would fit: {e(', '.join(u.fits) or 'no period')}</li>" for u in result.undated)
        out.append(f"<h3>Undated figures (not placed in a period)</h3><ul>{items}</ul>")
    if result.denials:
        items = "".join(f"<li>{e(d.surface)} ({e(d.attributed_to or '?')}, {e(d.article)})</li>" for d in result.denials)
        out.append(f"<h3>Denials</h3><ul>{items}</ul>")
    out.append("</section>")
    return "".join(out)
