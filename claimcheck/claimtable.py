"""A compact, columnar view of a batch of claims for the rules engine (no pydantic object per claim).

The rules only need a few fields of each claim (figure, hedge, subject, origin, date, article and
offsets); a million `Claim` models would cost gigabytes and a minute of validation. A `ClaimTable`
holds those fields as parallel lists (strings interned, dates already turned into ordinal-day spans)
and remembers where each claim came from, so a full `Claim` is rebuilt only for the claims a finding
names: from the original list (`from_claims`) or from its line in a claims JSONL file
(`read_claims_jsonl`, which parses lines straight into the columns).
"""

from __future__ import annotations

import gc
import hashlib
import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import Any, get_args

from .models import Claim, Kind, Measure, Qualifier
from .safeyaml import ConfigError

try:  # orjson parses JSONL several times faster; the standard library is the fallback
    import orjson

    _loads = orjson.loads
except ImportError:  # pragma: no cover - orjson is optional
    _loads = json.loads

INF = float("inf")
QUALIFIERS = frozenset(get_args(Qualifier))
MEASURES = frozenset(get_args(Measure))
KINDS = frozenset(get_args(Kind))


def _parse_day(text: str | None, end: bool) -> int | None:
    """An ISO date, month or year as an ordinal day: its first day, or its last when `end`."""
    if not text:
        return None
    parts = str(text)[:10].split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return date(y, 12, 31).toordinal() if end else date(y, 1, 1).toordinal()
        m = int(parts[1])
        if len(parts) == 2:
            if not end:
                return date(y, m, 1).toordinal()
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return nxt.toordinal() - 1
        return date(y, m, int(parts[2])).toordinal()
    except (ValueError, IndexError):
        return None


def span_of(start: str | None, end: str | None) -> tuple[int, int] | None:
    """When a figure holds, as ordinal days (first, last), from its event date's ends; None if unplaced."""
    a, b = _parse_day(start, False), _parse_day(end, True)
    if a is None and b is None:
        return None
    if a is None:
        a = _parse_day(end, False)
    if b is None:
        b = _parse_day(start, True)
    assert a is not None and b is not None
    return (min(a, b), max(a, b))


def interval(value: float | None, low: float | None, high: float | None, qualifier: str,
             measure: str) -> tuple[float, float]:
    """A claim's effective interval: open ends become -inf / +inf (0 below a count or an amount)."""
    lo = low if low is not None else (0.0 if measure in ("count", "money") else -INF)
    hi = high if high is not None else INF
    if low is None and high is None and value is not None and qualifier == "exact":
        lo = hi = value
    return float(lo), float(hi)


@dataclass(slots=True)
class ArticleMeta:
    """What the rules need from an article: its id, date, flags and text hash."""

    id: str
    published: str | None = None
    sha256: str = ""
    flags: list[str] = field(default_factory=list)


def article_hash_of_id(article_id: str) -> str:
    """The stand-in text hash of an article known only by id (as `api.load_extraction_file` does)."""
    return hashlib.sha256(f"article:{article_id}".encode()).hexdigest()


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic objects (lists, tuples).

    Without this the collector rescans every live object again and again as allocations pile up,
    which costs more than the work itself on a large batch.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class ClaimTable:
    """Claims as parallel columns, with a way back to each full `Claim`."""

    COLUMNS = ("article", "surface", "start", "end", "value", "low", "high", "qualifier", "measure",
               "subject", "kind", "attributed_to", "negated", "span", "since", "published", "lang",
               "sentence", "sentence_start", "flags", "ilo", "ihi")

    def __init__(self) -> None:
        for name in self.COLUMNS:
            setattr(self, name, [])
        self._strings: dict[Any, Any] = {}
        self._spans: dict[tuple[Any, Any], tuple[int, int] | None] = {}
        self._claims: list[Claim] | None = None
        self._files: list[tuple[int, Path]] = []  # (first row, file) of each JSONL file read
        self._offsets: list[int] = []              # byte offset of each row's line in its file
        self._cache: dict[int, Claim] = {}

    article: list[str]
    surface: list[str]
    start: list[int]
    end: list[int]
    value: list[float | None]
    low: list[float | None]
    high: list[float | None]
    qualifier: list[str]
    measure: list[str]
    subject: list[str | None]
    kind: list[str | None]
    attributed_to: list[str | None]
    negated: list[bool]
    span: list[tuple[int, int] | None]
    since: list[str | None]
    published: list[str | None]
    lang: list[str]
    sentence: list[str]
    sentence_start: list[int]
    flags: list[tuple[str, ...]]
    ilo: list[float]
    ihi: list[float]

    def __len__(self) -> int:
        return len(self.article)

    # ------------------------------------------------------------------ building

    def _s(self, x: Any) -> Any:
        """Intern a repeated value (ids, keys, dates, sentences) so a million rows share them."""
        got = self._strings.get(x)
        if got is None:
            self._strings[x] = x
            return x
        return got

    def _span(self, ev: Any) -> tuple[int, int] | None:
        if not ev:
            return None
        if isinstance(ev, dict):
            key = (ev.get("start"), ev.get("end"))
        else:
            key = (ev.start, ev.end)
        got = self._spans.get(key, False)
        if got is False:
            got = span_of(*key)
            self._spans[key] = got
        return got  # type: ignore[return-value]

    def _append(self, article: str, surface: str, start: int, end: int, value: float | None,
                low: float | None, high: float | None, qualifier: str, measure: str, subject: str | None,
                kind: str | None, attributed_to: str | None, negated: bool, event_date: Any,
                since: str | None, published: str | None, lang: str, sentence: str, sentence_start: int,
                flags: Iterable[str]) -> None:
        s = self._s
        self.article.append(s(article))
        self.surface.append(surface)
        self.start.append(start)
        self.end.append(end)
        self.value.append(value)
        self.low.append(low)
        self.high.append(high)
        self.qualifier.append(s(qualifier))
        self.measure.append(s(measure))
        self.subject.append(s(subject))
        self.kind.append(s(kind))
        self.attributed_to.append(s(attributed_to))
        self.negated.append(bool(negated))
        self.span.append(self._span(event_date))
        self.since.append(s(since))
        self.published.append(s(published))
        self.lang.append(s(lang))
        self.sentence.append(s(sentence))
        self.sentence_start.append(sentence_start)
        self.flags.append(s(tuple(flags)) if flags else ())
        lo, hi = interval(value, low, high, qualifier, measure)
        self.ilo.append(lo)
        self.ihi.append(hi)

    @classmethod
    def from_claims(cls, claims: list[Claim]) -> ClaimTable:
        """A table over `Claim` objects; findings get these very objects back."""
        t = cls()
        for c in claims:
            t._append(c.article, c.surface, c.start, c.end, c.value, c.low, c.high, c.qualifier, c.measure,
                      c.subject, c.kind, c.attributed_to, c.negated, c.event_date, c.since, c.published,
                      c.lang, c.sentence, c.sentence_start, c.flags)
        t._claims = claims
        return t

    # ------------------------------------------------------------------ access

    def key(self, i: int) -> tuple[str, int, int]:
        """Where claim `i` stands: article and offsets."""
        return (self.article[i], self.start[i], self.end[i])

    def claim(self, i: int) -> Claim:
        """The full claim of row `i` (the original object, or rebuilt once from its JSONL line)."""
        return self.claims([i])[0]

    def claims(self, rows: Iterable[int]) -> list[Claim]:
        """Full claims for several rows (JSONL lines read back and validated once each, then kept)."""
        rows = list(rows)
        if self._claims is not None:
            return [self._claims[i] for i in rows]
        missing = sorted({i for i in rows if i not in self._cache})
        if missing:
            firsts = [f for f, _ in self._files]
            by_file: dict[int, list[int]] = {}
            for i in missing:
                by_file.setdefault(bisect_right(firsts, i) - 1, []).append(i)
            for k, idx in sorted(by_file.items()):
                with self._files[k][1].open("rb") as fh:
                    for i in idx:
                        fh.seek(self._offsets[i])
                        self._cache[i] = Claim.model_validate_json(fh.readline())
        return [self._cache[i] for i in rows]

    def articles(self) -> list[ArticleMeta]:
        """Article records rebuilt from the claims (id, date of its first claim, hash of its id)."""
        seen: dict[str, ArticleMeta] = {}
        for a, pub in zip(self.article, self.published, strict=True):
            if a not in seen:
                seen[a] = ArticleMeta(id=a, published=pub, sha256=article_hash_of_id(a))
        return [seen[k] for k in sorted(seen)]


# ---------------------------------------------------------------------------------------- JSONL

_REQUIRED = ("article", "surface", "start", "end", "value", "low", "high", "qualifier")


def _num(x: Any, what: str) -> float | None:
    if x is None:
        return None
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise ValueError(f"{what} must be a number or null")
    return float(x)


def _opt_str(x: Any, what: str) -> str | None:
    if x is None or isinstance(x, str):
        return x
    raise ValueError(f"{what} must be a string or null")


def _row(t: ClaimTable, d: Any) -> None:
    if not isinstance(d, dict):
        raise ValueError("a claim must be a JSON object")
    for k in _REQUIRED:
        if k not in d:
            raise ValueError(f"missing field {k!r}")
    q, m, kind = d["qualifier"], d.get("measure", "count"), d.get("kind")
    if q not in QUALIFIERS:
        raise ValueError(f"qualifier {q!r} is not one of {', '.join(sorted(QUALIFIERS))}")
    if m not in MEASURES:
        raise ValueError(f"measure {m!r} is not one of {', '.join(sorted(MEASURES))}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    start, end = d["start"], d["end"]
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise ValueError("start and end must be integers")
    ev = d.get("event_date")
    if ev is not None and not isinstance(ev, dict):
        raise ValueError("event_date must be an object or null")
    article, surface = d["article"], d["surface"]
    if not isinstance(article, str) or not isinstance(surface, str):
        raise ValueError("article and surface must be strings")
    flags = d.get("flags") or ()
    t._append(article, surface, start, end, _num(d["value"], "value"), _num(d["low"], "low"),
              _num(d["high"], "high"), q, m, _opt_str(d.get("subject"), "subject"), kind,
              _opt_str(d.get("attributed_to"), "attributed_to"), bool(d.get("negated", False)), ev,
              _opt_str(d.get("since"), "since"), _opt_str(d.get("published"), "published"),
              d.get("lang", "fr"), d.get("sentence", "") or "", int(d.get("sentence_start", 0) or 0), flags)


CHUNK = 1 << 16
_NUM = frozenset({int, float, type(None)})
_OPT_STR = frozenset({str, type(None)})


def _chunk_ok(ds: list[Any]) -> bool:
    """Whether a chunk of parsed lines is clean, checked column by column (no per-row Python)."""
    if set(map(type, ds)) != {dict}:
        return False
    try:
        cols = {k: [d[k] for d in ds] for k in _REQUIRED}
    except KeyError:
        return False
    if (set(map(type, cols["article"])) | set(map(type, cols["surface"]))) != {str}:
        return False
    if set(map(type, cols["start"])) | set(map(type, cols["end"])) != {int}:
        return False
    if not set().union(*(set(map(type, cols[k])) for k in ("value", "low", "high"))) <= _NUM:
        return False
    if not set(cols["qualifier"]) <= QUALIFIERS or not {d.get("measure", "count") for d in ds} <= MEASURES:
        return False
    if not {d.get("kind") for d in ds} <= KINDS | {None}:
        return False
    for k in ("subject", "attributed_to", "since", "published"):
        if not {type(d.get(k)) for d in ds} <= _OPT_STR:
            return False
    return {type(d.get("event_date")) for d in ds} <= {dict, type(None)}


FIELDS = ("article", "surface", "start", "end", "value", "low", "high", "qualifier", "measure", "subject",
          "kind", "attributed_to", "negated", "event_date", "since", "published", "lang", "sentence",
          "sentence_start", "flags")
_DEFAULTS: dict[str, Any] = {"measure": "count", "subject": None, "kind": None, "attributed_to": None,
                             "negated": False, "event_date": None, "since": None, "published": None,
                             "lang": "fr", "sentence": "", "sentence_start": 0, "flags": []}
_NONE = type(None)


def _types(col: tuple[Any, ...]) -> set[type]:
    return set(map(type, col))


def _add_full_chunk(t: ClaimTable, ds: list[Any]) -> bool:
    """Append a chunk whose lines all have the same keys (as `extract` writes them), transposed in C.

    Returns False, appending nothing, when some line lacks a field or holds an unexpected type: the
    caller then takes the general path, which also names the faulty line.
    """
    if not ds:
        return True
    if _types(tuple(ds)) != {dict}:
        return False
    keys = tuple(ds[0])
    if len(keys) < 2 or not set(_REQUIRED) <= set(keys) or set(map(len, ds)) != {len(keys)}:
        return False
    try:  # every line has the first line's keys, and as many: the same keys
        cols = dict(zip(keys, zip(*map(itemgetter(*keys), ds), strict=True), strict=True))
    except KeyError:
        return False
    n = len(ds)
    for k, default in _DEFAULTS.items():
        if k not in cols:
            cols[k] = (default,) * n
    ok = (_types(cols["article"]) | _types(cols["surface"]) | _types(cols["lang"]) | _types(cols["sentence"])) == {str}
    ok = ok and (_types(cols["start"]) | _types(cols["end"]) | _types(cols["sentence_start"])) == {int}
    ok = ok and set().union(*(_types(cols[k]) for k in ("value", "low", "high"))) <= {float, _NONE}
    ok = ok and set(cols["qualifier"]) <= QUALIFIERS and set(cols["measure"]) <= MEASURES
    ok = ok and set(cols["kind"]) <= KINDS | {None} and _types(cols["negated"]) == {bool}
    ok = ok and all(_types(cols[k]) <= _OPT_STR for k in ("subject", "attributed_to", "since", "published"))
    ok = ok and _types(cols["event_date"]) <= {dict, _NONE} and _types(cols["flags"]) <= {list}
    if not ok:
        return False
    intern = t._strings.setdefault
    for name in ("article", "qualifier", "measure", "subject", "kind", "attributed_to", "since", "published",
                 "lang", "sentence"):
        getattr(t, name).extend(map(intern, cols[name], cols[name]))
    for name in ("surface", "start", "end", "value", "low", "high", "negated", "sentence_start"):
        getattr(t, name).extend(cols[name])
    t.flags += [intern(tuple(x), tuple(x)) if x else () for x in cols["flags"]]
    t.span += [t._span(ev) for ev in cols["event_date"]]
    for v, lo, hi, q, m in zip(t.value[-n:], t.low[-n:], t.high[-n:], t.qualifier[-n:], t.measure[-n:], strict=True):
        a, b = interval(v, lo, hi, q, m)
        t.ilo.append(a)
        t.ihi.append(b)
    return True


def _f(x: Any) -> float | None:
    return None if x is None else float(x)


def _add_chunk(t: ClaimTable, ds: list[dict[str, Any]]) -> None:
    """Append a clean chunk column by column."""
    intern = t._strings.setdefault
    t.article += [intern(d["article"], d["article"]) for d in ds]
    t.surface += [d["surface"] for d in ds]
    t.start += [d["start"] for d in ds]
    t.end += [d["end"] for d in ds]
    value = [_f(d["value"]) for d in ds]
    low = [_f(d["low"]) for d in ds]
    high = [_f(d["high"]) for d in ds]
    qualifier = [intern(d["qualifier"], d["qualifier"]) for d in ds]
    measure = [intern(x, x) for x in (d.get("measure", "count") for d in ds)]
    t.value += value
    t.low += low
    t.high += high
    t.qualifier += qualifier
    t.measure += measure
    for name in ("subject", "kind", "attributed_to", "since", "published"):
        getattr(t, name).extend([intern(x, x) for x in (d.get(name) for d in ds)])
    t.lang += [intern(x, x) for x in (d.get("lang", "fr") for d in ds)]
    t.sentence += [intern(x, x) for x in (d.get("sentence", "") or "" for d in ds)]
    t.sentence_start += [int(d.get("sentence_start", 0) or 0) for d in ds]
    t.negated += [bool(d.get("negated", False)) for d in ds]
    t.flags += [intern(x, x) if x else () for x in (tuple(d.get("flags") or ()) for d in ds)]
    t.span += [t._span(d.get("event_date")) for d in ds]
    for v, lo, hi, q, m in zip(value, low, high, qualifier, measure, strict=True):
        a, b = interval(v, lo, hi, q, m)
        t.ilo.append(a)
        t.ihi.append(b)


def read_claims_jsonl(paths: str | Path | Iterable[str | Path]) -> ClaimTable:
    """Parse one or more claims JSONL files (one contract claim per line) straight into a table.

    Lines are parsed in chunks and checked column by column; a line that is not a claim stops the
    run with the file, its line number and the reason (ConfigError, exit 2), as the pydantic loader
    does. Blank lines are skipped. Several files make one table, rows in file order.
    """
    t = ClaimTable()
    for path in [paths] if isinstance(paths, (str, Path)) else paths:
        _read_file(t, Path(path))
    return t


def _read_file(t: ClaimTable, p: Path) -> None:
    try:
        fh = p.open("rb")
    except OSError as exc:
        raise ConfigError(p, f"cannot read claims: {exc}") from None
    t._files.append((len(t), p.resolve()))
    offsets = t._offsets
    with fh, no_gc():
        pos, n = 0, 0
        while True:
            block = fh.readlines(1 << 24)
            if not block:
                break
            starts = list(accumulate(map(len, block), initial=pos))
            pos = starts[-1]
            keep = [k for k, line in enumerate(block) if line.strip()]
            if len(keep) == len(block):
                lines, numbers = block, range(n + 1, n + 1 + len(block))
                offsets += starts[:-1]
            else:
                lines = [block[k] for k in keep]
                numbers = [n + 1 + k for k in keep]
                offsets += [starts[k] for k in keep]
            n += len(block)
            _read_chunk(t, p, lines, numbers)


def _read_chunk(t: ClaimTable, p: Path, lines: list[bytes], numbers: Iterable[int]) -> None:
    ds: list[Any] = []
    try:
        ds = [_loads(x) for x in lines]
        if _add_full_chunk(t, ds):
            return
        clean = _chunk_ok(ds)
    except ValueError:
        clean = False
    if clean:
        _add_chunk(t, ds)
        return
    for n, line in zip(numbers, lines, strict=True):  # slow path: find the faulty line
        try:
            _row(t, _loads(line))
        except (ValueError, TypeError, KeyError) as exc:
            raise ConfigError(p, f"not a claims file: line {n}: {exc}".splitlines()[0]) from None
