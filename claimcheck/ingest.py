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
import stat
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
SNIFF_BYTES = 1_000_000
# code pages preferred when charset-normalizer finds several equally plausible (French and English news)
WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
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

    Among charset-normalizer's plausible guesses a Western code page (cp1252, a superset of
    Latin-1's printable characters) is preferred: the articles are French or English, and short
    French text in Latin-1 is otherwise often taken for cp1250 or cp1257 ("à" read as "ą").
    Cyrillic or Greek code pages still win where cp1252 is not among the guesses at all.
    Raises InputError for binary data.
    """
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {enc} text after its byte-order mark: {exc.reason}") from None
            return _refuse_binary(text)
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        return _refuse_binary(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _refuse_binary(_decode_guess(data), guessed=True)


def _decode_guess(data: bytes) -> str:
    """Decode non-UTF-8 bytes with charset-normalizer, preferring a plausible Western code page."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:SNIFF_BYTES]))
    if not results:
        raise InputError("binary or undecodable file, not text")
    plausible = {r.encoding for r in results}
    order = [e for e in WESTERN_ENCODINGS if e in plausible] + [r.encoding for r in results]
    for enc in order:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError("binary or undecodable file, not text")


def _refuse_binary(text: str, guessed: bool = False) -> str:
    if _looks_binary(text, guessed):
        raise InputError("binary file (control characters), not text")
    return text


def _looks_binary(text: str, guessed: bool = False) -> bool:
    """More than 5% control characters (other than white space) in the first 4096 characters.

    C0 controls count always; DEL and C1 controls only in a guessed decoding (where they betray
    bytes read in the wrong code page): valid UTF-8 may hold them, e.g. inside a JSON string.
    """
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v")
              or (guessed and 0x7F <= ord(c) < 0xA0))
    return bad / len(sample) > 0.05


def _lone_surrogate(text: str) -> int | None:
    """Offset of the first lone surrogate (text that cannot be written as UTF-8), or None."""
    m = _SURROGATE.search(text)
    return m.start() if m else None


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
    """Return (metadata, body, body_offset). Raises InputError on broken front matter.

    Front matter is a `---` line at the very top, YAML, then a `---` (or `...`) line. A text that
    merely starts with dashes (`----`, `--- text`) has none.
    """
    opening = _FRONT_MATTER_OPEN.match(text)
    if not opening:
        return None, text, 0
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if not closing:
        raise InputError("broken front matter: no closing '---' line", line=1)
    try:
        # a leading line break for the opening `---`: YAML's line numbers are then the file's
        meta = safeyaml.loads("\n" + text[opening.end():closing.start()], "<front matter>")
    except ConfigError as exc:
        where = f"{exc.key}: " if exc.key else ""
        raise InputError(f"broken front matter: {where}{exc.message}", line=1) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError("broken front matter: not a mapping of keys", line=1)
    return meta, text[closing.end():], closing.end()


def _str_or_none(v: Any) -> str | None:
    """A metadata value as text: strings (not blank) and numbers; anything else is dropped."""
    if isinstance(v, bool):
        return None
    if isinstance(v, str):
        return _SURROGATE.sub("\ufffd", v) if v.strip() else None
    return str(v) if isinstance(v, (int, float)) else None


def _lang_of(value: Any, known: list[str]) -> str | None:
    """A language code from metadata (`fr`, `fr-FR`, `EN`), if it is one the registry knows."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower()[:2]
    return code if code in known else None


def make_article(aid: str, text: str, *, path: str | None, meta: dict[str, Any] | None = None,
                 published_source: str = "record", lang_hint: str | None = None) -> Article:
    """Build an Article from its text and metadata; language detected when not given.

    Raises InputError when the text cannot be written as UTF-8 (a lone surrogate).
    """
    bad = _lone_surrogate(text)
    if bad is not None:
        raise InputError(f"text is not valid Unicode (a lone surrogate at character {bad})")
    meta = meta or {}
    published = iso_date(meta.get("published"))
    known = langdetect.languages()
    lang = _lang_of(meta.get("lang"), known) or _lang_of(lang_hint, known) or langdetect.detect(text)
    return Article(
        id=_SURROGATE.sub("\ufffd", aid), path=path, text=text,
        title=_str_or_none(meta.get("title")), url=_str_or_none(meta.get("url")),
        outlet=_str_or_none(meta.get("outlet")), lang=lang,
        published=published, published_source=published_source if published else None,  # type: ignore[arg-type]
    )


# ---------------------------------------------------------------- HTML

def from_html(aid: str, html: str, path: str | None, meta: dict[str, Any] | None = None,
              lang_hint: str | None = None) -> Article:
    """Article text and metadata from a saved web page (trafilatura, htmldate)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_recall=True)
    except (ValueError, TypeError, RecursionError, AttributeError, IndexError):
        doc = None  # trafilatura gives up on some broken pages: fall back to the page's plain text
    data: dict[str, Any] = {}
    if isinstance(doc, dict):
        data = doc
    elif doc is not None and hasattr(doc, "as_dict"):
        data = doc.as_dict()
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
        for bad in tree.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        return "\n".join(t.strip() for t in tree.itertext() if isinstance(t, str) and t.strip())
    except Exception:  # noqa: BLE001 - lxml raises many types on hostile markup; no text then
        return ""


# ---------------------------------------------------------------- records

def _unexpected(exc: Exception) -> InputError:
    """An error no reader anticipated, as a reason: the input is skipped, the batch goes on."""
    return InputError(f"cannot read it ({type(exc).__name__}: {exc})")


def from_record(rec: Any, aid_default: str, path: str | None, line: int | None,
                lang_hint: str | None = None) -> Article:
    """One JSON record to an Article; raises InputError when it has no usable text."""
    if not isinstance(rec, dict):
        raise InputError(f"record is {_a(_json_type(rec))}, not an object", line)
    rid = rec.get("id")
    aid = str(rid) if isinstance(rid, (str, int)) and not isinstance(rid, bool) and str(rid).strip() \
        else aid_default
    try:
        if "text" in rec and rec["text"] is not None:
            if not isinstance(rec["text"], str):
                raise InputError(f"`text` is {_a(_json_type(rec['text']))}, not a string")
            if not rec["text"].strip():
                raise InputError("empty `text`")
            return make_article(aid, rec["text"], path=path, meta=rec, lang_hint=lang_hint)
        if "html" in rec and rec["html"] is not None:
            if not isinstance(rec["html"], str):
                raise InputError(f"`html` is {_a(_json_type(rec['html']))}, not a string")
            return from_html(aid, rec["html"], path, meta={k: rec.get(k) for k in
                             ("title", "url", "outlet", "published", "lang")}, lang_hint=lang_hint)
    except InputError as exc:
        raise InputError(exc.reason, line) from None
    except Exception as exc:  # noqa: BLE001 - one bad record must not sink the batch
        raise InputError(_unexpected(exc).reason, line) from None
    raise InputError("record has no `text` (or `html`) field", line)


def _json_type(v: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    return "list" if isinstance(v, list) else "object" if isinstance(v, dict) else type(v).__name__


def _a(noun: str) -> str:
    """`noun` with its indefinite article."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def parse_json(raw: str) -> Any:
    """json.loads with every failure as InputError (syntax, nesting too deep, huge integers)."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc}", exc.lineno) from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer longer than Python converts
        raise InputError(f"malformed JSON: {exc}") from None


def _records_json(raw: str, label: str, path: str | None, lang_hint: str | None
                  ) -> Iterator[Article | Skipped]:
    try:
        data = parse_json(raw)
    except InputError as exc:
        yield Skipped(path=label, line=exc.line, reason=exc.reason)
        return
    if isinstance(data, list):
        if not data:
            yield Skipped(path=label, reason="empty list of records")
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


def records_jsonl(raw: str, label: str, path: str | None, lang_hint: str | None,
                   first_line: int = 1) -> Iterator[Article | Skipped]:
    # split on line feeds only: JSON strings may hold U+2028 and other characters str.splitlines() cuts at
    for no, line in enumerate(raw.split("\n"), start=first_line):
        if not line.strip():
            continue
        try:
            rec = parse_json(line)
        except InputError as exc:
            yield Skipped(path=label, line=no, reason=exc.reason)
            continue
        try:
            yield from_record(rec, f"{label}:{no}", path, no, lang_hint)
        except InputError as exc:
            yield Skipped(path=label, line=no, reason=exc.reason)


# ---------------------------------------------------------------- files

def _read_regular(fs_path: Path) -> bytes:
    """The bytes of a regular file (following symlinks), at most MAX_BYTES; InputError otherwise.

    Devices, FIFOs and sockets are refused: reading /dev/zero or a pipe nobody writes to would
    never end.
    """
    try:
        st = fs_path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not a regular file (a device, pipe or socket)")
        if st.st_size > MAX_BYTES:
            raise InputError(f"file too large ({st.st_size} bytes; limit {MAX_BYTES})")
        with fs_path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError("file not found (it may have been removed while the batch was read)") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"file too large (over {MAX_BYTES} bytes)")
    return data


def read_file(label: str, fs_path: Path, lang_hint: str | None = None) -> Iterator[Article | Skipped]:
    """Read one file (by suffix) into Articles; `label` is the path as the user gave it."""
    try:
        data = _read_regular(fs_path)
    except InputError as exc:
        yield Skipped(path=label, line=exc.line, reason=exc.reason)
        return
    yield from read_bytes(label, data, fs_path.suffix.lower(), path=label, lang_hint=lang_hint)


def read_bytes(label: str, data: bytes, suffix: str | None, path: str | None,
               lang_hint: str | None = None) -> Iterator[Article | Skipped]:
    """Articles from the bytes of a file or of standard input (`suffix` None: sniffed)."""
    try:
        raw = decode(data)
    except InputError as exc:
        yield Skipped(path=label, line=exc.line, reason=exc.reason)
        return
    if not raw.strip():
        yield Skipped(path=label, reason="empty file (no text)" if not raw else "empty file (only white space)")
        return
    if suffix is None:
        suffix = sniff_suffix(raw)
    if suffix in JSONL_SUFFIXES:
        yield from records_jsonl(raw, label, path, lang_hint)
    elif suffix in JSON_SUFFIXES:
        yield from _records_json(raw, label, path, lang_hint)
    elif suffix in HTML_SUFFIXES:
        yield from _one(label, lambda: from_html(label, raw, path, lang_hint=lang_hint))
    else:
        yield from _one(label, lambda: _text_file(label, raw, path, lang_hint))


def _one(label: str, build: Any) -> Iterator[Article | Skipped]:
    """The article `build()` makes, or a Skipped entry naming why it could not be made."""
    try:
        art = build()
    except InputError as exc:
        yield Skipped(path=label, line=exc.line, reason=exc.reason)
        return
    except Exception as exc:  # noqa: BLE001 - one bad file must not sink the batch
        yield Skipped(path=label, reason=_unexpected(exc).reason)
        return
    yield art


def _text_file(label: str, raw: str, path: str | None, lang_hint: str | None) -> Article:
    """A `.txt` / `.md` article: optional front matter, then the body (offsets index the body)."""
    meta, body, _ = split_front_matter(raw)
    if not body.strip():
        raise InputError("no article text after the front matter" if meta is not None else "empty file")
    rid = (meta or {}).get("id")
    aid = str(rid) if isinstance(rid, (str, int)) and not isinstance(rid, bool) and str(rid).strip() \
        else label
    return make_article(aid, body, path=path, meta=meta, published_source="front_matter",
                        lang_hint=lang_hint)


def sniff_suffix(text: str) -> str:
    """The format of standard input, told from its first characters: JSON, JSONL, HTML or text."""
    head = text.lstrip()[:1]
    if head == "[":
        return ".json"
    if head == "{":
        # JSONL when the first line is a whole record and more lines follow (pretty JSON's is not)
        lines = [ln for ln in text.split("\n", 2) if ln.strip()]
        if len(lines) < 2:
            return ".json"
        try:
            json.loads(lines[0])
        except (ValueError, RecursionError):
            return ".json"
        return ".jsonl"
    if head == "<":
        return ".html"
    return ".txt"


def walk(root: Path) -> Iterator[Path]:
    """Files under `root`, recursively, sorted, each real folder visited once (symlink loops)."""
    seen: set[str] = set()

    def _walk(d: Path) -> Iterator[Path]:
        try:
            real = os.path.realpath(d)
        except (OSError, RuntimeError):
            return
        if real in seen:
            return
        seen.add(real)
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
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
            yield from read_bytes("-", stream.read(), None, path=None, lang_hint=lang_hint)
            continue
        try:
            p = Path(given)
            is_dir, present = p.is_dir(), p.exists() or p.is_symlink()
        except (ValueError, OSError) as exc:  # e.g. a NUL byte in the name
            yield Skipped(path=given, reason=f"not a usable path: {exc}")
            continue
        if is_dir:
            for f in walk(p):
                label = os.path.join(given, os.path.relpath(f, p))
                if f.suffix.lower() not in KNOWN_SUFFIXES:
                    yield Skipped(path=label, reason=f"unsupported file type {f.suffix or '(no suffix)'!r}")
                    continue
                yield from read_file(label, f, lang_hint)
        elif present:
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
