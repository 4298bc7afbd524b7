"""Reading a batch: files, folders, records and standard input into Articles, and what was skipped.

Supported inputs (docs/contract.md): `.txt`/`.md` with optional YAML front matter, `.html`/`.htm`
pages (text and metadata through trafilatura and htmldate), `.json` (a record or a list) and
`.jsonl` (a record per line), folders (walked recursively in sorted order, each real folder once),
and `-` for standard input. Text in another encoding is decoded (BOMs, then UTF-8, then
charset-normalizer). Anything that cannot be read becomes a `Skipped` entry with its path, line and
reason; the rest of the batch goes on.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from . import langdetect, safeyaml
from .models import Article, Skipped
from .safeyaml import ConfigError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
RECORD_KEYS = {"id", "text", "html", "title", "url", "outlet", "published", "lang", "path"}
MAX_BYTES = 200_000_000

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


class InputError(Exception):
    """A file or record that cannot be read; carries the line where one applies."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


# ---------------------------------------------------------------- decoding

def decode(data: bytes) -> str:
    """Decode article bytes: a BOM wins, then strict UTF-8, then charset-normalizer's best guess.

    Raises InputError for binary data or empty text.
    """
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {enc} text after its byte-order mark: {exc.reason}") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError("binary or undecodable file, not text")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError("binary or undecodable file, not text") from None
    if _looks_binary(text):
        raise InputError("binary file, not text")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or 0x7F <= ord(c) < 0xA0)
    return bad / len(sample) > 0.05


# ---------------------------------------------------------------- metadata helpers

def iso_date(value: Any) -> str | None:
    """A record's `published` as ISO at its own precision ('2024', '2024-08', '2024-08-18')."""
    if value is None:
        return None
    s = str(value).strip()
    m = _ISO.match(s)
    if not m:
        return None
    y, mo, d = m.groups()
    from datetime import date

    try:
        if d:
            return date(int(y), int(mo), int(d)).isoformat()
        if mo:
            if not 1 <= int(mo) <= 12:
                return None
            return f"{int(y):04d}-{int(mo):02d}"
        return f"{int(y):04d}"
    except ValueError:
        return None


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, int]:
    """Return (metadata, body, body_offset). Raises InputError on broken front matter."""
    if not text.startswith("---"):
        return None, text, 0
    m = _FRONT_MATTER.match(text)
    if not m:
        raise InputError("broken front matter: no closing '---' line", line=1)
    try:
        meta = safeyaml.loads(m.group(1), "<front matter>")
    except ConfigError as exc:
        raise InputError(f"broken front matter: {exc.message}", line=1) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError("broken front matter: not a mapping of keys", line=1)
    return meta, text[m.end():], m.end()


def _str_or_none(v: Any) -> str | None:
    return v if isinstance(v, str) and v.strip() else (str(v) if isinstance(v, (int, float)) else None)


def make_article(aid: str, text: str, *, path: str | None, meta: dict[str, Any] | None = None,
                 published_source: str = "record", lang_hint: str | None = None) -> Article:
    """Build an Article from its text and metadata; language detected when not given."""
    meta = meta or {}
    published = iso_date(meta.get("published"))
    lang = meta.get("lang") if isinstance(meta.get("lang"), str) else None
    lang = (lang or "").lower()[:2] or None
    if lang_hint and lang_hint != "auto":
        lang = lang or lang_hint
    if not lang:
        lang = langdetect.detect(text)
    return Article(
        id=aid, path=path, text=text,
        title=_str_or_none(meta.get("title")), url=_str_or_none(meta.get("url")),
        outlet=_str_or_none(meta.get("outlet")), lang=lang,
        published=published, published_source=published_source if published else None,  # type: ignore[arg-type]
    )


# ---------------------------------------------------------------- HTML

def from_html(aid: str, html: str, path: str | None, meta: dict[str, Any] | None = None,
              lang_hint: str | None = None) -> Article:
    """Article text and metadata from a saved web page (trafilatura, htmldate)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_recall=True)
    data = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    text = data.get("text") or ""
    if not text.strip():
        text = _html_fallback_text(html)
    if not text.strip():
        raise InputError("no article text found in the HTML page")
    page_meta: dict[str, Any] = {
        "title": data.get("title"), "url": data.get("url"),
        "outlet": data.get("sitename") or data.get("hostname"),
        "lang": data.get("language"),
    }
    published = None
    try:
        from htmldate import find_date

        published = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - htmldate is best effort on hostile pages
        published = None
    page_meta.update({k: v for k, v in (meta or {}).items() if v is not None})
    art = make_article(aid, text, path=path, meta=page_meta, published_source="record",
                       lang_hint=lang_hint)
    rec_pub = iso_date((meta or {}).get("published"))
    if rec_pub:
        art.published, art.published_source = rec_pub, "record"
    elif published:
        art.published, art.published_source = iso_date(published), "html"
    else:
        art.published, art.published_source = None, None
    return art


def _html_fallback_text(html: str) -> str:
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001
        return ""
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in tree.itertext() if t.strip())


# ---------------------------------------------------------------- records

def from_record(rec: Any, aid_default: str, path: str | None, line: int | None,
                lang_hint: str | None = None) -> Article:
    """One JSON record to an Article; raises InputError when it has no usable text."""
    if not isinstance(rec, dict):
        raise InputError(f"record is a {type(rec).__name__}, not an object", line)
    rid = rec.get("id")
    aid = str(rid) if isinstance(rid, (str, int)) and str(rid).strip() else aid_default
    if "text" in rec and rec["text"] is not None:
        if not isinstance(rec["text"], str):
            raise InputError(f"`text` is a {type(rec['text']).__name__}, not a string", line)
        if not rec["text"].strip():
            raise InputError("empty `text`", line)
        return make_article(aid, rec["text"], path=path, meta=rec, lang_hint=lang_hint)
    if "html" in rec and rec["html"] is not None:
        if not isinstance(rec["html"], str):
            raise InputError(f"`html` is a {type(rec['html']).__name__}, not a string", line)
        try:
            return from_html(aid, rec["html"], path, meta={k: rec.get(k) for k in
                             ("title", "url", "outlet", "published", "lang")}, lang_hint=lang_hint)
        except InputError as exc:
            raise InputError(exc.reason, line) from None
    raise InputError("record has no `text` (or `html`) field", line)


def _records_json(raw: str, label: str, path: str | None, lang_hint: str | None
                  ) -> Iterator[Article | Skipped]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        yield Skipped(path=label, line=exc.lineno, reason=f"malformed JSON: {exc.msg}")
        return
    if isinstance(data, list):
        for i, rec in enumerate(data):
            try:
                yield from_record(rec, f"{label}#{i}", path, None, lang_hint)
            except InputError as exc:
                yield Skipped(path=f"{label}#{i}", line=None, reason=exc.reason)
    else:
        try:
            yield from_record(data, label, path, None, lang_hint)
        except InputError as exc:
            yield Skipped(path=label, line=exc.line, reason=exc.reason)


def _records_jsonl(raw: str, label: str, path: str | None, lang_hint: str | None
                   ) -> Iterator[Article | Skipped]:
    for no, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(path=label, line=no, reason=f"malformed JSON: {exc.msg}")
            continue
        try:
            yield from_record(rec, f"{label}:{no}", path, no, lang_hint)
        except InputError as exc:
            yield Skipped(path=label, line=no, reason=exc.reason)


# ---------------------------------------------------------------- files

def read_file(label: str, fs_path: Path, lang_hint: str | None = None) -> Iterator[Article | Skipped]:
    """Read one file (by suffix) into Articles; `label` is the path as the user gave it."""
    try:
        size = fs_path.stat().st_size
        if size > MAX_BYTES:
            yield Skipped(path=label, reason=f"file too large ({size} bytes; limit {MAX_BYTES})")
            return
        with fs_path.open("rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        yield Skipped(path=label, reason="file not found (it may have been removed while reading)")
        return
    except IsADirectoryError:
        yield Skipped(path=label, reason="is a directory")
        return
    except OSError as exc:
        yield Skipped(path=label, reason=f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(label, data, fs_path.suffix.lower(), path=label, lang_hint=lang_hint)


def read_bytes(label: str, data: bytes, suffix: str, path: str | None,
               lang_hint: str | None = None) -> Iterator[Article | Skipped]:
    """Articles from the bytes of a file or of standard input."""
    try:
        raw = decode(data)
    except InputError as exc:
        yield Skipped(path=label, line=exc.line, reason=exc.reason)
        return
    if not raw.strip():
        yield Skipped(path=label, reason="empty file (no text)")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _records_jsonl(raw, label, path, lang_hint)
    elif suffix in JSON_SUFFIXES:
        yield from _records_json(raw, label, path, lang_hint)
    elif suffix in HTML_SUFFIXES:
        try:
            yield from_html(label, raw, path, lang_hint=lang_hint)
        except InputError as exc:
            yield Skipped(path=label, line=exc.line, reason=exc.reason)
    else:
        yield from _text_file(label, raw, path, lang_hint)


def _text_file(label: str, raw: str, path: str | None, lang_hint: str | None
               ) -> Iterator[Article | Skipped]:
    try:
        meta, body, _ = split_front_matter(raw)
    except InputError as exc:
        yield Skipped(path=label, line=exc.line, reason=exc.reason)
        return
    if not body.strip():
        yield Skipped(path=label, reason="no article text after the front matter" if meta else "empty file")
        return
    rid = (meta or {}).get("id")
    aid = str(rid) if isinstance(rid, (str, int)) and str(rid).strip() else label
    art = make_article(aid, body, path=path, meta=meta, published_source="front_matter",
                       lang_hint=lang_hint)
    yield art


def _sniff_suffix(data: bytes) -> str:
    head = data.lstrip()[:1]
    if head == b"[":
        return ".json"
    if head == b"{":
        lines = [ln for ln in data.splitlines() if ln.strip()]
        return ".json" if len(lines) <= 1 or not lines[1].lstrip().startswith(b"{") else ".jsonl"
    if head == b"<":
        return ".html"
    return ".txt"


def walk(root: Path) -> Iterator[Path]:
    """Files under `root`, recursively, sorted, each real folder visited once (symlink loops)."""
    seen: set[str] = set()

    def _walk(d: Path) -> Iterator[Path]:
        try:
            real = os.path.realpath(d)
        except OSError:
            return
        if real in seen:
            return
        seen.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            p = d / e.name
            try:
                is_dir = e.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                yield from _walk(p)
            else:
                yield p

    yield from _walk(root)


def iter_inputs(paths: Iterable[str], lang_hint: str | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Article | Skipped]:
    """Every Article and Skipped entry of a batch, in order: paths as given, folders sorted."""
    for given in paths:
        if given == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            suffix = _sniff_suffix(data)
            yield from read_bytes("-", data, suffix, path=None, lang_hint=lang_hint)
            continue
        p = Path(given)
        if p.is_dir():
            for f in walk(p):
                label = os.path.join(given, os.path.relpath(f, p))
                if f.suffix.lower() not in KNOWN_SUFFIXES:
                    yield Skipped(path=label, reason=f"unsupported file type {f.suffix or '(none)'!r}")
                    continue
                yield from read_file(label, f, lang_hint)
        elif p.exists() or p.is_symlink():
            yield from read_file(given, p, lang_hint)
        else:
            yield Skipped(path=given, reason="no such file or folder")


def read_batch(paths: Iterable[str], lang_hint: str | None = None, stdin: BinaryIO | None = None
               ) -> tuple[list[Article], list[Skipped]]:
    """All articles and skipped inputs of a batch."""
    arts: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_inputs(paths, lang_hint, stdin):
        (arts if isinstance(item, Article) else skipped).append(item)  # type: ignore[arg-type]
    return arts, skipped
