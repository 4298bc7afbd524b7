"""The publication date of an article read from its own text: header lines, addresses, narration.

Used by claimcheck.dates when the record, front matter or page gave no date. In order of trust:

1. a header or byline line ("Publié le 5 novembre 2024 à 17h39", "Published: Feb. 7, 2023",
   "jeu. 12 décembre 2024", "date 2024-08"); an "updated" line is used only when no line states
   the publication;
2. a date in the article's address or in a "Source : https://..." line ("/2024/11/30/",
   "-20241130-"; a digit run counts only when it is delimited and reads as a valid yyyymmdd);
3. failing both, the latest full date the text narrates (not one it announces for the future).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .registry import Registry
from .timeexpr import Ref, TimeExpr, _alt, find_time_expressions, folded, grammar, iso_of, resolve

HEADER_LINES = 15  # publication cues are looked for in the first lines only
BARE_DATE_LINES = 8  # a line holding nothing but a date, near the top, is a dateline
HEADER_LINE_CHARS = 160  # a cue in the middle of a line counts only on a short (header) line


@dataclass(frozen=True)
class HeaderDate:
    """A date read from a header line: its ISO value, words, their span and whether it is an update."""

    iso: str
    text: str
    start: int
    end: int
    update: bool


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _absolute(e: TimeExpr) -> tuple[date, date] | None:
    """The interval of an expression that states its own year (no reference needed)."""
    if not e.explicit_year or e.relative:
        return None
    return resolve(e, None, None)


def header_dates(text: str, lang: str, registry: Registry,
                 exprs: list[TimeExpr] | None = None) -> list[HeaderDate]:
    """Every publication or update date stated in the article's header lines, in order."""
    g = grammar(lang, registry)
    f = folded(text)
    exprs = exprs if exprs is not None else find_time_expressions(text, lang, registry)
    pub_re = re.compile(rf"(?<![\w])(?P<c>{_alt(g.voc.get('header_cues'))})")
    upd_re = re.compile(rf"(?<![\w])(?P<c>{_alt(g.voc.get('update_cues'))})")
    by = g.voc.get("byline_cues")
    byline = re.compile(rf"^\s*{_alt(by)}\s+\S") if by else None
    out: list[HeaderDate] = []
    nonempty = 0
    for n, (ls, le) in enumerate(_lines(text)):
        if n >= HEADER_LINES + 10 or nonempty >= HEADER_LINES:
            break
        line = f[ls:le]
        if not line.strip():
            continue
        nonempty += 1
        in_line = [e for e in exprs if ls <= e.start < le and _absolute(e)]
        short = len(line.strip()) <= HEADER_LINE_CHARS
        cues = sorted([(ls + m.start(), ls + m.end(), True) for m in upd_re.finditer(line)
                       if short or not line[:m.start()].strip(" *|·-–—")]
                      + [(ls + m.start(), ls + m.end(), False) for m in pub_re.finditer(line)
                         if short or not line[:m.start()].strip(" *|·-–—")])
        for e in in_line:
            cue_end = None
            is_update = False
            before = [c for c in cues if c[1] <= e.start and not _covered(c, cues)]
            if before and _cue_gap(f[before[-1][1]:e.start]):
                cue_end, is_update = before[-1][1], before[-1][2]
            if cue_end is None and nonempty <= BARE_DATE_LINES \
                    and re.fullmatch(r"[\s*\-–|]*(?:(?:le|on|the)\s+)?", line[:e.start - ls]) \
                    and _bare_rest(line[e.end - ls:]):
                cue_end = e.start
            if cue_end is None and nonempty <= BARE_DATE_LINES and e.kind == "day" and (
                    (byline and byline.match(line)) or _DATELINE.match(text, ls, e.start)):
                cue_end = e.start  # "By Jane Doe | Dec. 9, 2024", "PARIS, 13 avr. 2023 -"
            if cue_end is None:
                continue
            lo, hi = _absolute(e)
            out.append(HeaderDate(iso_of(lo, hi), text[e.start:e.end], e.start, e.end, is_update))
    return out


_DATELINE = re.compile(r"\s*[A-ZÀ-Ý][A-ZÀ-Ý'\- ]{1,30}(?:\s*\([^)]{1,20}\))?\s*,\s*$")


def _covered(c: tuple[int, int, bool], cues: list[tuple[int, int, bool]]) -> bool:
    """A cue inside a longer one ("publié" inside "publié le", "updated" in "last updated")."""
    return any(o != c and o[0] <= c[0] and c[1] <= o[1] for o in cues)


def _cue_gap(gap: str) -> bool:
    """What may stand between a header cue and its date: punctuation, an article, a time."""
    return len(gap) <= 40 and bool(re.fullmatch(
        r"[\s:.,|·\-–—]*(?:(?:le|on|the|à|a|at)\s+)?(?:\d{1,2}\s*[h:]\s*\d{0,2}\s*(?:[ap]\.?m\.?)?"
        r"\s*(?:[a-z]{2,4})?[\s,|·\-–—]*)?(?:(?:le|on|the)\s+)?", gap))


def _bare_rest(rest: str) -> bool:
    """What may follow a date on a dateline: a time, a zone, punctuation, nothing else."""
    return bool(re.fullmatch(r"[\s,.:;|·\-–—]*(?:(?:à|a|at)?\s*\d{1,2}\s*[h:]\s*\d{0,2}[\s\w:]{0,10})?\s*", rest))


def weekday_mismatches(exprs: list[TimeExpr]) -> list[TimeExpr]:
    """Full dates whose stated weekday is not the weekday of the date ("jeu. 13 décembre 2024")."""
    bad = []
    for e in exprs:
        if e.kind == "day" and e.year is not None and e.weekday is not None and e.month is not None:
            try:
                if date(e.year, e.month, e.day).weekday() != e.weekday:
                    bad.append(e)
            except ValueError:
                continue
    return bad


_URL_PATTERNS = [
    (re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/|$|[^\d])"), "day"),
    (re.compile(r"(?<![\d])((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d])"), "day"),
    (re.compile(r"(?<![\d])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d])"), "day"),
    (re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/"), "month"),
]


def url_date(url: str) -> str | None:
    """A publication date written in an address, or None. Long digit runs are not guessed at."""
    for pat, kind in _URL_PATTERNS:
        for m in pat.finditer(url):
            y, mo = int(m.group(1)), int(m.group(2))
            try:
                if kind == "day":
                    return date(y, mo, int(m.group(3))).isoformat()
                date(y, mo, 1)
                return f"{y:04d}-{mo:02d}"
            except ValueError:
                continue
    return None


def source_urls(text: str, lang: str, registry: Registry) -> list[str]:
    """Addresses given on "Source : https://..." lines of the text."""
    g = grammar(lang, registry)
    pat = re.compile(rf"^[\s\W]*{_alt(g.voc.get('source_cues'))}\s*:?\s*(?P<u>https?://\S+)", re.M)
    return [m.group("u") for m in pat.finditer(folded(text))]


def default_year(exprs: list[TimeExpr]) -> int | None:
    """The year an undated article's year-less dates take: that of its full dates, else its months."""
    for kinds in (("day",), ("month", "part", "season"), ("year",)):
        years = [e.year for e in exprs if e.kind in kinds and e.year is not None and not e.relative]
        if years:
            return max(years)
    return None


def inferred_date(exprs: list[TimeExpr], future: set[int]) -> tuple[str, str] | None:
    """The latest day the text narrates, when it names at least one full date; else None.

    `future` holds the start offsets of expressions in clauses that announce the future.
    """
    usable = [e for e in exprs if e.start not in future and not e.since and e.kind == "day" and not e.relative]
    if not any(e.full_date for e in usable):
        return None
    dy = default_year(exprs)
    best: tuple[date, TimeExpr] | None = None
    for e in usable:
        iv = resolve(e, None, dy)
        if iv and (best is None or iv[1] > best[0]):
            best = (iv[1], e)
    if best is None:
        return None
    return best[0].isoformat(), best[1].text


def ref_of(published: str | None) -> Ref | None:
    from .timeexpr import parse_iso

    return parse_iso(published)
