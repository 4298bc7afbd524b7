"""The ledger: batches of articles over time in SQLite, and checking a new batch against them.

- `ingest_paths` records a batch: each article version once (keyed by id and text hash), its claims,
  and which batch brought it. The whole batch is written in one transaction: a run killed midway
  leaves the ledger as it was, and running it again completes it. Running a batch again adds nothing.
- `check_against_ledger` answers the CI question, "what does this batch contradict?": it checks the
  batch together with the current version of every other article in the ledger and keeps only the
  findings that involve a claim (or an article-level flag) of the batch's new or changed articles.
  It reads the ledger and never writes it (`ingest` is what records).
- `stats_text` and `export_jsonl` describe and dump what the ledger holds.

The schema and its migrations are in `ledger_schema`. See docs/ledger.md.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import api, engine
from .ingest import iso_date, read_batch
from .ledger_schema import SCHEMA_VERSION, claim_columns, connect, transaction, user_version
from .models import Article, Claim, Finding, Report, Skipped
from .registry import Registry, load_registry
from .safeyaml import ConfigError

Warn = Callable[[str], None]
# where a publication date was read from the input itself (not worked out by extraction)
READ_DATE_SOURCES = ("record", "front_matter", "html")


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr)


def _warn_skipped(skipped: Iterable[Skipped], warn: Warn) -> None:
    for s in skipped:
        warn(s.message())


# ---------------------------------------------------------------- extractor signature

# modules that cannot change what extraction produces (rules, reports, storage, commands); any other
# module (including one added later) counts, so a change errs towards extracting again
NOT_EXTRACTION = ("reports/", "checks/", "cli.py", "ledger.py", "ledger_schema.py", "engine.py",
                  "baseline.py", "consensus.py", "fingerprint.py", "distributed.py", "parallel.py",
                  "__main__.py")

RULE_FOLDERS = ("checks/", "rules/")  # rule files in a rules folder: they judge claims, not make them


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A hash of claimcheck's extraction code: stored claims are stale when it changes."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.py")):
        if p.relative_to(root).as_posix().startswith(NOT_EXTRACTION):
            continue
        h.update(str(p.relative_to(root)).encode() + b"\0")
        h.update(p.read_bytes() + b"\0")
    return h.hexdigest()


def extractor_signature(registry: Registry) -> str:
    """What produced a set of claims: the extraction code and the vocabulary, subjects and sources."""
    def build() -> str:
        h = hashlib.sha256(_code_digest().encode())
        for root in registry.dirs:
            for p in sorted(root.rglob("*")):
                rel = p.relative_to(root).as_posix()
                if p.suffix.lower() in (".yaml", ".yml") and p.is_file() and not rel.startswith(RULE_FOLDERS):
                    h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes() + b"\0")
        return h.hexdigest()[:32]

    return registry.cached("ledger:extractor_signature", build)


# ---------------------------------------------------------------- ingest

@dataclass
class IngestStats:
    """What one `ingest` run did to the ledger."""

    read: int = 0
    new_articles: int = 0
    new_versions: int = 0
    unchanged: int = 0
    refreshed: int = 0
    claims_added: int = 0
    new_batch: bool | None = None  # None: nothing recorded (no readable article)
    skipped: list[Skipped] = field(default_factory=list)

    def summary(self) -> str:
        """One line for standard error."""
        parts = [f"{self.read} article(s) read", f"{self.new_articles} new",
                 f"{self.new_versions} new version(s)", f"{self.unchanged} unchanged"]
        if self.refreshed:
            parts.append(f"{self.refreshed} re-extracted")
        parts.append(f"{self.claims_added} claim(s) added")
        parts.append(f"{len(self.skipped)} skipped")
        note = {None: " (nothing recorded)", False: " (batch already recorded)", True: ""}[self.new_batch]
        return ", ".join(parts) + note


def _extract(articles: Sequence[Article], registry: Registry, jobs: int, warn: Warn
             ) -> tuple[dict[int, list[Claim]], list[Skipped]]:
    """Claims per article index; an article whose extraction fails is left out and reported."""
    out: dict[int, list[Claim]] = {}
    ids = [a.id for a in articles]
    if jobs > 1 and len(articles) > 1 and len(set(ids)) == len(ids):
        claims, failed = api.extract_articles(articles, registry, warn, jobs)
        failed_keys = {s.path for s in failed}
        by_id: dict[str, list[Claim]] = {}
        for c in claims:
            by_id.setdefault(c.article, []).append(c)
        for i, art in enumerate(articles):
            if (art.path or art.id) not in failed_keys:
                out[i] = by_id.get(art.id, [])
        return out, failed
    skipped: list[Skipped] = []
    for i, art in enumerate(articles):
        claims, failed = api.extract_articles([art], registry, warn, 1)
        if failed:
            skipped += failed
        else:
            out[i] = claims
    return out, skipped


def batch_hash(articles: Iterable[Article]) -> str:
    """A batch's identity: its articles' ids and text hashes, in any order."""
    lines = sorted(f"{a.id}\0{a.sha256}" for a in articles)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _batch_row(conn: sqlite3.Connection, articles: Sequence[Article], inputs: Sequence[str]) -> tuple[int, bool]:
    """The batch's row id, inserting it if new; and whether it was new."""
    key = batch_hash(articles)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    cur = conn.execute("INSERT OR IGNORE INTO batches (batch_hash, ingested_at, inputs) VALUES (?, ?, ?)",
                       (key, now, json.dumps(list(inputs), ensure_ascii=False)))
    row = conn.execute("SELECT id FROM batches WHERE batch_hash = ?", (key,)).fetchone()
    return int(row[0]), cur.rowcount == 1


def _insert_claims(conn: sqlite3.Connection, row_id: int, batch_id: int, claims: Sequence[Claim]) -> None:
    for ordinal, claim in enumerate(sorted(claims, key=lambda c: (c.start, c.end, c.surface))):
        data = claim.model_dump(mode="json")
        conn.execute(
            'INSERT INTO claims (article, ordinal, start, "end", data, subject, attributed_to, '
            "event_start, event_end, published, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row_id, ordinal, claim.start, claim.end, json.dumps(data, ensure_ascii=False),
             *claim_columns(data), batch_id))


def _store_article(conn: sqlite3.Connection, batch_id: int, art: Article, source_meta: dict[str, Any],
                   claims: list[Claim] | None, signature: str) -> str:
    """Record one article version (inside the batch's transaction); return what happened.

    `new` (first version of the id), `version` (a new version of a known id), `refreshed` (a known
    version whose claims came from another extractor: replaced) or `unchanged`.
    """
    meta = json.dumps(art.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    row = conn.execute("SELECT id, extractor FROM articles WHERE article_id = ? AND sha256 = ?",
                       (art.id, art.sha256)).fetchone()
    if row is not None:
        conn.execute("INSERT OR IGNORE INTO batch_articles (batch, article) VALUES (?, ?)", (batch_id, row[0]))
        if claims is None or row[1] == signature:
            return "unchanged"
        conn.execute("DELETE FROM claims WHERE article = ?", (row[0],))
        conn.execute("UPDATE articles SET metadata = ?, published = ?, extractor = ? WHERE id = ?",
                     (meta, art.published, signature, row[0]))
        _insert_claims(conn, row[0], batch_id, claims)
        return "refreshed"
    if claims is None:  # known when we looked, gone now: cannot happen without a delete; be safe
        raise RuntimeError(f"article {art.id} vanished from the ledger during ingest")
    version = conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM articles WHERE article_id = ?",
                           (art.id,)).fetchone()[0]
    cur = conn.execute(
        "INSERT INTO articles (article_id, version, sha256, path, published, metadata, text, batch, "
        "source_meta, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (art.id, version, art.sha256, art.path, art.published, meta, art.text, batch_id,
         json.dumps(source_meta, ensure_ascii=False, sort_keys=True), signature))
    row_id = int(cur.lastrowid or 0)
    conn.execute("INSERT OR IGNORE INTO batch_articles (batch, article) VALUES (?, ?)", (batch_id, row_id))
    _insert_claims(conn, row_id, batch_id, claims)
    return "new" if version == 1 else "version"


def _stored_signatures(conn: sqlite3.Connection, articles: Sequence[Article]) -> dict[tuple[str, str], str | None]:
    """For the batch's articles already in the ledger: their extractor signature."""
    out: dict[tuple[str, str], str | None] = {}
    for art in articles:
        row = conn.execute("SELECT extractor FROM articles WHERE article_id = ? AND sha256 = ?",
                           (art.id, art.sha256)).fetchone()
        if row is not None:
            out[(art.id, art.sha256)] = row[0]
    return out


def ingest_paths(paths: Iterable[str | Path], ledger_path: str | Path, *, rules_dirs: Sequence[str | Path] = (),
                 lang: str | None = None, jobs: int = 1, warn: Warn | None = None) -> IngestStats:
    """Record a batch (files, folders, records) in the ledger, in one transaction; idempotent."""
    warn = warn or _stderr
    inputs = [str(p) for p in paths]
    registry = load_registry(tuple(rules_dirs))
    signature = extractor_signature(registry)
    articles, skipped = read_batch(inputs, lang_hint=lang)
    _warn_skipped(skipped, warn)
    stats = IngestStats(read=len(articles), skipped=list(skipped))
    conn = connect(ledger_path, create=True)
    try:
        known = _stored_signatures(conn, articles)
        todo = [i for i, a in enumerate(articles) if known.get((a.id, a.sha256), "") != signature]
        source_meta = {i: articles[i].model_dump(mode="json") for i in todo}
        extracted, failed = _extract([articles[i] for i in todo], registry, jobs, warn)
        stats.skipped += failed
        claims_of = {todo[j]: claims for j, claims in extracted.items()}
        todo_set = set(todo)
        kept = [i for i in range(len(articles)) if i not in todo_set or i in claims_of]
        if not kept:
            return stats
        try:
            _write_batch(conn, stats, [articles[i] for i in kept], inputs,
                         [(source_meta.get(i, {}), claims_of.get(i)) for i in kept], signature)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            raise ConfigError(ledger_path, "the ledger stayed locked by another process; nothing was "
                                           "recorded: run the ingest again") from None
    finally:
        conn.close()
    return stats


def _write_batch(conn: sqlite3.Connection, stats: IngestStats, articles: Sequence[Article],
                 inputs: Sequence[str], extracted: Sequence[tuple[dict[str, Any], list[Claim] | None]],
                 signature: str) -> None:
    """Write the batch and its article versions in one transaction, counting what happened."""
    with transaction(conn):
        batch_id, stats.new_batch = _batch_row(conn, articles, inputs)
        for art, (source_meta, claims) in zip(articles, extracted, strict=True):
            outcome = _store_article(conn, batch_id, art, source_meta, claims, signature)
            _count(stats, outcome, len(claims or []))


def _count(stats: IngestStats, outcome: str, n_claims: int) -> None:
    if outcome == "new":
        stats.new_articles += 1
    elif outcome == "version":
        stats.new_versions += 1
    elif outcome == "refreshed":
        stats.refreshed += 1
    else:
        stats.unchanged += 1
        return
    stats.claims_added += n_claims


# ---------------------------------------------------------------- reading the history

@dataclass
class StoredVersion:
    """The current version of one article id, as stored."""

    row_id: int
    article_id: str
    sha256: str
    published: str | None
    metadata: dict[str, Any]
    source_meta: dict[str, Any] | None
    text: str
    extractor: str | None


def current_versions(conn: sqlite3.Connection, with_text: bool = True) -> list[StoredVersion]:
    """The newest version of every article id, sorted by id (`text` left empty unless `with_text`)."""
    text_column = "a.text" if with_text else "''"
    rows = conn.execute(
        "SELECT a.id, a.article_id, a.sha256, a.published, a.metadata, a.source_meta, "
        f"{text_column}, a.extractor "
        "FROM articles a JOIN (SELECT article_id, MAX(version) AS v FROM articles GROUP BY article_id) m "
        "ON a.article_id = m.article_id AND a.version = m.v ORDER BY a.article_id")
    return [StoredVersion(r[0], r[1], r[2], r[3], json.loads(r[4]), json.loads(r[5]) if r[5] else None,
                          r[6], r[7]) for r in rows.fetchall()]


def stored_claims(conn: sqlite3.Connection, row_id: int) -> list[Claim]:
    """The claims stored for one article version, in their stored order."""
    rows = conn.execute("SELECT data FROM claims WHERE article = ? ORDER BY ordinal", (row_id,))
    return [Claim.model_validate_json(r[0]) for r in rows.fetchall()]


def _reading_meta(version: StoredVersion) -> dict[str, Any]:
    """The article as read, before extraction: stored, or (older ledgers) worked back from metadata."""
    if version.source_meta is not None:
        return dict(version.source_meta)
    meta = {k: v for k, v in version.metadata.items() if k != "flags"}
    if meta.get("published_source") not in READ_DATE_SOURCES:
        meta.update(published=None, published_source=None, published_text=None)
    return meta


def load_history(conn: sqlite3.Connection, versions: Sequence[StoredVersion], registry: Registry,
                 exclude_ids: set[str], warn: Warn, jobs: int = 1) -> tuple[list[Article], list[Claim]]:
    """These stored versions (except `exclude_ids`) and their claims, in order.

    Claims made by another extractor (another claimcheck, other vocabulary) are made again from the
    stored text, in memory; a stored article whose extraction now fails is left out (and reported).
    """
    signature = extractor_signature(registry)
    entries: list[tuple[Article, list[Claim] | None]] = []
    stale: list[int] = []
    for version in versions:
        if version.article_id in exclude_ids:
            continue
        if version.extractor == signature:
            entries.append((Article.model_validate({**version.metadata, "text": version.text}),
                            stored_claims(conn, version.row_id)))
        else:
            stale.append(len(entries))
            entries.append((Article.model_validate({**_reading_meta(version), "text": version.text}), None))
    if stale:
        warn(f"claimcheck: ledger: {len(stale)} stored article(s) were extracted by another claimcheck "
             "or other vocabulary; extracting them again for this check (ingest them again to refresh "
             "the ledger)")
        redone, _ = _extract([entries[i][0] for i in stale], registry, jobs, warn)
        for j, i in enumerate(stale):
            entries[i] = (entries[i][0], redone.get(j))
    articles = [art for art, claims in entries if claims is not None]
    return articles, [c for _, claims in entries for c in claims or []]


# ---------------------------------------------------------------- check against the ledger

def parse_as_of(as_of: str | None) -> str | None:
    """`--as-of` as an ISO date at its own precision; ConfigError (exit 2) when it is not a date."""
    if as_of is None:
        return None
    date = iso_date(as_of)
    if date is None or len(as_of.strip()) != len(date):
        raise ConfigError("--as-of", f"not a date: {as_of!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return date


def published_by(published: str | None, as_of: str) -> bool:
    """Whether a publication date is on or before `as_of`, compared at the coarser precision.

    `2024-11` is by `2024-11-15` (the month does not start after it); `2024-11-20` is by `2024-11`.
    An undated article is never by any date: its publication cannot be placed before the cutoff.
    """
    if not published:
        return False
    n = min(len(published), len(as_of))
    return published[:n] <= as_of[:n]


def findings_involving(findings: Iterable[Finding], article_ids: set[str]) -> list[Finding]:
    """The findings about at least one claim of these articles, or about one of them as a whole."""
    return [f for f in findings
            if (f.article is not None and f.article in article_ids)
            or any(c.article in article_ids for c in f.claims)]


def check_against_ledger(paths: Iterable[str | Path], ledger_path: str | Path, *,
                         rules_dirs: Sequence[str | Path] = (), select: list[str] | None = None,
                         ignore: list[str] | None = None, params: dict | None = None,
                         lang: str | None = None, as_of: str | None = None, jobs: int = 1,
                         warn: Warn | None = None) -> Report:
    """Check a batch with the ledger's history; report only findings that involve the batch's news.

    The batch's articles replace the stored versions of the same ids. A batch article identical to
    the current stored version is history, not news: its findings with other history are not
    reported again. With `as_of`, only stored articles published on or before that date are used
    (undated ones are left out); the batch itself is always checked. The ledger is not written.
    """
    warn = warn or _stderr
    cutoff = parse_as_of(as_of)
    registry = load_registry(tuple(rules_dirs))
    conn = connect(ledger_path, create=False)
    try:
        batch, skipped = read_batch([str(p) for p in paths], lang_hint=lang)
        _warn_skipped(skipped, warn)
        versions = current_versions(conn)
        current = {v.article_id: v.sha256 for v in versions}
        history, history_claims = load_history(conn, versions, registry, {a.id for a in batch}, warn, jobs)
    finally:
        conn.close()
    batch_claims, failed = api.extract_articles(batch, registry, warn, jobs)
    if cutoff is not None:
        history = [a for a in history if published_by(a.published, cutoff)]
        kept = {a.id for a in history}
        history_claims = [c for c in history_claims if c.article in kept]
    news = {a.id for a in batch if current.get(a.id) != a.sha256}
    warn(f"claimcheck: ledger: {len(news)} new or changed article(s) of {len(batch)} checked against "
         f"{len(history)} stored" + (f" (published by {cutoff})" if cutoff else ""))
    articles = sorted(history + batch, key=lambda a: a.id)
    claims = history_claims + batch_claims
    findings = engine.run_rules(articles, claims, registry, select=select, ignore=ignore, params=params)
    return api.make_report(articles, claims, findings_involving(findings, news), skipped + failed)


# ---------------------------------------------------------------- stats and export

def _scalar(conn: sqlite3.Connection, sql: str, args: tuple = ()) -> Any:
    return conn.execute(sql, args).fetchone()[0]


def stats_text(ledger_path: str | Path) -> str:
    """Counts of batches, articles, versions and claims, and how the current claims spread."""
    conn = connect(ledger_path, create=False)
    try:
        return _stats(conn, ledger_path)
    finally:
        conn.close()


def _stats(conn: sqlite3.Connection, ledger_path: str | Path) -> str:
    current = current_versions(conn, with_text=False)
    row_ids = [v.row_id for v in current]
    marks = ",".join("?" * len(row_ids)) or "NULL"
    cur_claims = _scalar(conn, f"SELECT count(*) FROM claims WHERE article IN ({marks})", tuple(row_ids))
    first, last = conn.execute("SELECT MIN(ingested_at), MAX(ingested_at) FROM batches").fetchone()
    dated = sorted(v.published for v in current if v.published)
    lines = [
        f"ledger: {ledger_path}",
        f"schema version: {user_version(conn)} (this claimcheck: {SCHEMA_VERSION})",
        f"batches: {_scalar(conn, 'SELECT count(*) FROM batches')}"
        + (f" (first ingested {first}, last {last})" if first else ""),
        f"articles: {len(current)} ({_scalar(conn, 'SELECT count(*) FROM articles')} versions)",
        f"claims: {cur_claims} in current versions ({_scalar(conn, 'SELECT count(*) FROM claims')} in all versions)",
        f"published: {dated[0] + ' to ' + dated[-1] if dated else 'none dated'}"
        f" ({len(current) - len(dated)} undated)",
    ]
    langs: dict[str, int] = {}
    for v in current:
        key = str(v.metadata.get("lang") or "?")
        langs[key] = langs.get(key, 0) + 1
    lines.append("languages: " + (", ".join(f"{k} {n}" for k, n in sorted(langs.items())) or "none"))
    subjects = conn.execute(
        f"SELECT COALESCE(subject, '(none)'), count(*) FROM claims WHERE article IN ({marks}) "
        "GROUP BY 1 ORDER BY 2 DESC, 1", tuple(row_ids)).fetchall()
    lines.append("claims by subject:" if subjects else "claims by subject: none")
    lines += [f"  {n:6d}  {s}" for s, n in subjects]
    return "\n".join(lines) + "\n"


def export_jsonl(ledger_path: str | Path) -> str:
    """The claims of every article's current version, one contract claim per line, sorted."""
    from .reports.jsonfmt import claim_line

    conn = connect(ledger_path, create=False)
    try:
        claims: list[Claim] = []
        for version in current_versions(conn):
            claims += stored_claims(conn, version.row_id)
    finally:
        conn.close()
    claims.sort(key=lambda c: (c.article, c.start, c.end, c.surface, c.value if c.value is not None else -1.0))
    return "".join(claim_line(c) + "\n" for c in claims)
