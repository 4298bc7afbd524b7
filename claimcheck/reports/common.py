"""Shared helpers for every report format: figures, intervals, dates, highlighting and locations.

Nothing here prints; each renderer turns these plain values into its own markup (and escapes them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..models import SEVERITY_ORDER, Article, Claim, EventDate, Finding, Report
from ..textutil import line_col

SEVERITIES = ("error", "warning", "info")


# ---------------------------------------------------------------- figures and intervals

def fmt_number(x: float | None) -> str:
    """A figure with thousands separators (`10,000`, `33.3`); `…` for an open end."""
    if x is None:
        return "…"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def fmt_interval(low: float | None, high: float | None) -> str:
    """The interval a figure allows: `3,000`, `≥ 10,000`, `≤ 3,460`, `20,000–25,000`, `any`."""
    if low is None and high is None:
        return "any"
    if low is None:
        return f"≤ {fmt_number(high)}"
    if high is None:
        return f"≥ {fmt_number(low)}"
    if low == high:
        return fmt_number(low)
    return f"{fmt_number(low)}–{fmt_number(high)}"


def claim_interval(claim: Claim) -> str:
    """A claim's interval, with its unit of measure when it is not a plain count."""
    text = "0 (denied)" if claim.negated and not claim.value else fmt_interval(claim.low, claim.high)
    if claim.measure == "percent" and text != "any":
        text += " %"
    elif claim.measure in ("money", "quantity") and claim.unit:
        text += f" {claim.unit}"
    return text


def claim_source(claim: Claim) -> str:
    """Who the figure comes from: the source key, else the words naming it, else `unattributed`."""
    if claim.attributed_to:
        return claim.attributed_to
    if claim.attributed_text:
        return f"“{claim.attributed_text}”"
    return "unattributed"


# ---------------------------------------------------------------- dates

def fmt_event_date(ev: EventDate | None) -> str:
    """When a figure holds: `2024-10-28`, `2024-10-01 → 2024-10-31`, `→ 2024-11-30`, `undated`."""
    if ev is None or (ev.start is None and ev.end is None):
        return "undated"
    if ev.start == ev.end:
        return str(ev.start)
    if ev.start is None:
        return f"→ {ev.end}"
    if ev.end is None:
        return f"{ev.start} →"
    return f"{ev.start} → {ev.end}"


def claim_date(claim: Claim) -> str:
    """A claim's event date, or `undated` with the article's publication date when known."""
    text = fmt_event_date(claim.event_date)
    if text == "undated" and claim.published:
        return f"undated (published {claim.published})"
    return text


def iso_day(value: str | None, end: bool = False) -> date | None:
    """An ISO date as precise as known (`2024`, `2024-08`, `2024-08-18`) as a day: first or last."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return date(y, 12, 31) if end else date(y, 1, 1)
        m = int(parts[1])
        if len(parts) == 2:
            if not end:
                return date(y, m, 1)
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(y, m, int(parts[2]))
    except (ValueError, IndexError):
        return None


def claim_span(claim: Claim) -> tuple[date, date] | None:
    """The days a claim's event date covers (an open end takes the other end); None if undated."""
    ev = claim.event_date
    if ev is None:
        return None
    start, end = iso_day(ev.start), iso_day(ev.end, end=True)
    if start is None and end is None:
        return None
    return (start or end, end or start)  # type: ignore[return-value]


def date_sort_key(claim: Claim) -> tuple[int, str, str]:
    """Order claims by event date (undated last), then publication date."""
    span = claim_span(claim)
    if span is None:
        return (1, "", claim.published or "")
    return (0, span[0].isoformat() + span[1].isoformat(), claim.published or "")


# ---------------------------------------------------------------- highlighting

@dataclass(frozen=True)
class Highlighted:
    """A sentence cut around the figure: text before, the figure's words, text after."""

    before: str
    figure: str
    after: str

    @property
    def plain(self) -> str:
        return self.before + self.figure + self.after


def highlight(claim: Claim, article: Article | None = None) -> Highlighted:
    """The claim's sentence with the figure's words located (by offsets, else by search)."""
    sentence = claim.sentence
    if not sentence and article is not None and 0 <= claim.start <= claim.end <= len(article.text):
        return Highlighted("", article.text[claim.start:claim.end], "")
    if not sentence:
        return Highlighted("", claim.surface, "")
    rel = claim.start - claim.sentence_start
    if 0 <= rel and sentence[rel:rel + len(claim.surface)] == claim.surface and claim.surface:
        i = rel
    else:
        i = sentence.find(claim.surface) if claim.surface else -1
    if i < 0:
        return Highlighted(sentence, "", "")
    j = i + len(claim.surface)
    return Highlighted(sentence[:i], sentence[i:j], sentence[j:])


def one_line(text: str) -> str:
    """Collapse line breaks and runs of white space (for one-line table cells and messages)."""
    return " ".join(text.split())


# ---------------------------------------------------------------- grouping

def subject_label(subject: str | None) -> str:
    return subject or "(no subject)"


def findings_by_subject(report: Report) -> list[tuple[str | None, list[Finding]]]:
    """Findings grouped by subject; subjects ordered by their worst severity, then name."""
    groups: dict[str | None, list[Finding]] = {}
    for f in report.findings:
        groups.setdefault(f.subject, []).append(f)

    def key(item: tuple[str | None, list[Finding]]) -> tuple[int, str]:
        worst = max(SEVERITY_ORDER[f.severity] for f in item[1])
        return (-worst, item[0] or "\uffff")

    return sorted(groups.items(), key=key)


def severity_counts(report: Report) -> dict[str, int]:
    """Findings per severity, error first, every severity present."""
    counts = {s: 0 for s in SEVERITIES}
    for f in report.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


def articles_by_id(report: Report) -> dict[str, Article]:
    return {a.id: a for a in report.articles}


def subject_matches(subject: str | None, key: str | None) -> bool:
    """A subject is selected by its own key or a parent's key (`dprk.troops` selects its children)."""
    if key is None:
        return True
    return subject is not None and (subject == key or subject.startswith(key + "."))


def finding_claim_keys(findings: Iterable[Finding]) -> dict[tuple[str, int, int], list[int]]:
    """For each claim (article, start, end), the 1-based numbers of the findings that involve it."""
    out: dict[tuple[str, int, int], list[int]] = {}
    for n, f in enumerate(findings, 1):
        for c in f.claims:
            out.setdefault(c.key(), [])
            if n not in out[c.key()]:
                out[c.key()].append(n)
    return out


def short_fp(fingerprint: str) -> str:
    return fingerprint[:12] if fingerprint else "-"


# ---------------------------------------------------------------- locations (SARIF, GitHub, JUnit)

@dataclass(frozen=True)
class Location:
    """Where a claim stands in its file: a relative path and, when known, a 1-based region."""

    uri: str
    start_line: int | None = None
    start_col: int | None = None
    end_line: int | None = None
    end_col: int | None = None


def relative_uri(path: str) -> str:
    """A path as a relative, forward-slash URI (relative to the working folder when absolute)."""
    p = path
    if os.path.isabs(p):
        try:
            rel = os.path.relpath(p)
            if not rel.startswith(".."):
                p = rel
        except ValueError:
            pass
    p = p.replace(os.sep, "/")
    while p.startswith("./"):
        p = p[2:]
    return p


@lru_cache(maxsize=256)
def _body_offset(path: str, text_hash: str, text: str) -> int | None:
    """Where the article text starts in its file (after front matter); None if not verbatim."""
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return 0  # no file to compare: positions are in the article text itself
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    content = content.replace("\r\n", "\n") if "\r\n" in content and "\r\n" not in text else content
    i = content.find(text)
    if i < 0:
        return None
    return content.count("\n", 0, i) if i else 0


def _prefix_lines(article: Article) -> int | None:
    if not article.path:
        return 0
    return _body_offset(article.path, article.sha256, article.text)


def article_uri(article: Article | None, fallback: str) -> str:
    if article is not None and article.path:
        return relative_uri(article.path)
    return relative_uri(fallback.split("#")[0]) if fallback and fallback != "-" else "stdin"


def claim_location(claim: Claim, article: Article | None) -> Location:
    """The file and region of a claim; no region when the file does not hold the text verbatim."""
    uri = article_uri(article, claim.article)
    if article is None or not article.text or claim.end > len(article.text):
        return Location(uri)
    extra = _prefix_lines(article)
    if extra is None:
        return Location(uri)
    sl, sc = line_col(article.text, claim.start)
    el, ec = line_col(article.text, max(claim.start, claim.end))
    return Location(uri, sl + extra, sc, el + extra, ec)


def finding_locations(finding: Finding, arts: dict[str, Article]) -> list[tuple[Location, Claim | None]]:
    """Every place a finding points to: its claims, or its article as a whole."""
    if finding.claims:
        return [(claim_location(c, arts.get(c.article)), c) for c in finding.claims]
    art_id = finding.article or ""
    art = arts.get(art_id)
    return [(Location(article_uri(art, art_id), 1, 1), None)]


def primary_index(finding: Finding) -> int:
    """Which claim a finding is reported on: the most recently published one (the last on ties)."""
    best = 0
    for i, c in enumerate(finding.claims):
        if (c.published or "") >= (finding.claims[best].published or ""):
            best = i
    return best


# ---------------------------------------------------------------- rule metadata

@dataclass(frozen=True)
class RuleInfo:
    """What a report says about a rule: code, name, severity and descriptions."""

    code: str
    name: str
    severity: str
    short: str
    full: str
    help: str


KIND_DESCRIPTION = {
    "conflict": "Figures from different origins about the same subject and time cannot both hold.",
    "change": "A figure about the same subject changed between two dates.",
    "revision": "The same origin changed its own figure about the same subject.",
    "monotonic": "A running total is lower than an earlier figure of the same total.",
    "part_of_whole": "A part is larger than its whole according to the same origin.",
    "arithmetic": "Figures stated together do not add up.",
    "denial": "An origin denies what another origin counts.",
    "single_source": "Every figure about a subject comes from a single party.",
    "data_quality": "An article or figure has a data-quality problem (date, republication, corrupted text).",
}


def first_sentence(text: str) -> str:
    """The first sentence of a description (up to the first full stop followed by a space)."""
    m = re.search(r"(?<=[.!?])\s", text)
    return text[:m.start()] if m else text


def _doc_text(doc: dict[str, Any], *keys: str) -> str:
    for k in keys:
        v = doc.get(k)
        if isinstance(v, str) and v.strip():
            return one_line(v)
    return ""


def _registry_rule_docs() -> dict[str, dict[str, Any]]:
    try:
        from ..registry import load_registry

        reg = load_registry()
    except Exception:  # noqa: BLE001 - metadata is a nicety; a broken rules folder is reported elsewhere
        return {}
    out: dict[str, dict[str, Any]] = {}
    for _path, doc in reg.rule_docs:
        if isinstance(doc, dict) and isinstance(doc.get("code"), str):
            out[doc["code"]] = doc
    return out


def rule_infos(findings: Iterable[Finding]) -> list[RuleInfo]:
    """The rules behind these findings, sorted by code, described from the rule files when found."""
    docs = _registry_rule_docs()
    seen: dict[str, Finding] = {}
    for f in findings:
        seen.setdefault(f.code, f)
    out: list[RuleInfo] = []
    for code in sorted(seen):
        f = seen[code]
        doc = docs.get(code, {})
        name = _doc_text(doc, "name") or f.rule
        full = _doc_text(doc, "description", "doc", "docs", "explain")
        short = (_doc_text(doc, "summary", "short", "title") or first_sentence(full)
                 or KIND_DESCRIPTION.get(f.kind, name))
        full = full or short
        help_ = _doc_text(doc, "help", "fix", "advice") or (
            f"{full} Compare the figures, their sources and dates in the evidence; "
            f"`claimcheck rules explain {code}` describes the rule.")
        sev = doc.get("severity") if doc.get("severity") in SEVERITY_ORDER else f.severity
        out.append(RuleInfo(code, name, str(sev), short, full, help_))
    return out
