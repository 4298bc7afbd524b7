"""The ledger's SQLite schema: versioned migrations, connection settings and write transactions.

The schema version is SQLite's `PRAGMA user_version`. `MIGRATIONS[i]` takes a database at version
`i` to version `i + 1`; opening a ledger applies the missing steps in one transaction (under the
write lock, so two processes opening an old ledger at once migrate it once). A ledger written by a
newer claimcheck (a higher version than `SCHEMA_VERSION`) is refused rather than guessed at.

Tables (current version):

- `batches`: one row per distinct batch (keyed by a hash of its articles' ids and text hashes), with
  the time it was first ingested and the paths given. Provenance only: never part of a check result.
- `articles`: one row per version of an article id, keyed by `(article_id, sha256)`; `version`
  counts 1, 2, ... in the order versions were first seen; the highest is the current one. Keeps the
  text (reports show sentences and line numbers), the metadata as read (`source_meta`) and after
  extraction (`metadata`), and the signature of the extractor that produced its claims.
- `claims`: the claims of one article version, the contract's fields as JSON (`data`) plus indexed
  columns (`subject`, `attributed_to`, `event_start`, `event_end`, `published`) and the batch whose
  run extracted them.
- `batch_articles`: which batches contained which article versions.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .safeyaml import ConfigError

BUSY_TIMEOUT_MS = 300_000  # how long a write waits for another process's batch to be written


@dataclass(frozen=True)
class Migration:
    """One schema step: applied to a database at `version - 1`, leaves it at `version`."""

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


_V1_STATEMENTS = (
    """CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        batch_hash TEXT NOT NULL UNIQUE,
        ingested_at TEXT NOT NULL,
        inputs TEXT NOT NULL
    )""",
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        path TEXT,
        published TEXT,
        metadata TEXT NOT NULL,
        text TEXT NOT NULL,
        batch INTEGER NOT NULL REFERENCES batches(id),
        UNIQUE (article_id, sha256),
        UNIQUE (article_id, version)
    )""",
    """CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(id),
        ordinal INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (article, ordinal)
    )""",
    """CREATE TABLE batch_articles (
        batch INTEGER NOT NULL REFERENCES batches(id),
        article INTEGER NOT NULL REFERENCES articles(id),
        PRIMARY KEY (batch, article)
    )""",
)


def _v1_initial(conn: sqlite3.Connection) -> None:
    """Batches, article versions with their text, claims as JSON, batch membership."""
    for stmt in _V1_STATEMENTS:
        conn.execute(stmt)


CLAIM_COLUMNS = ("subject", "attributed_to", "event_start", "event_end", "published")


def claim_columns(data: dict[str, Any]) -> tuple[str | None, ...]:
    """The indexed columns of a claim, from its contract JSON."""
    event = data.get("event_date") or {}
    return (data.get("subject"), data.get("attributed_to"), event.get("start"), event.get("end"),
            data.get("published"))


def _v2_indexes_and_provenance(conn: sqlite3.Connection) -> None:
    """Indexed claim columns (backfilled from the JSON), claim provenance, extractor signatures."""
    for col in CLAIM_COLUMNS:
        conn.execute(f"ALTER TABLE claims ADD COLUMN {col} TEXT")
    conn.execute("ALTER TABLE claims ADD COLUMN batch INTEGER REFERENCES batches(id)")
    conn.execute("ALTER TABLE articles ADD COLUMN source_meta TEXT")
    conn.execute("ALTER TABLE articles ADD COLUMN extractor TEXT")
    rows = conn.execute("SELECT c.id, c.data, a.batch FROM claims c JOIN articles a ON a.id = c.article")
    for cid, data, batch in rows.fetchall():
        cols = claim_columns(json.loads(data))
        conn.execute("UPDATE claims SET subject = ?, attributed_to = ?, event_start = ?, event_end = ?, "
                     "published = ?, batch = ? WHERE id = ?", (*cols, batch, cid))
    for col in CLAIM_COLUMNS:
        conn.execute(f"CREATE INDEX claims_{col} ON claims({col})")
    conn.execute("CREATE INDEX claims_article ON claims(article)")
    conn.execute("CREATE INDEX articles_published ON articles(published)")
    conn.execute("CREATE INDEX batch_articles_article ON batch_articles(article)")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial: batches, article versions, claims, batch membership", _v1_initial),
    Migration(2, "indexed claim columns, claim provenance, extractor signatures", _v2_indexes_and_provenance),
)
SCHEMA_VERSION = len(MIGRATIONS)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE): committed whole, or rolled back whole."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database file."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str | Path) -> int:
    """Bring the ledger to SCHEMA_VERSION; return the version it was at."""
    found = user_version(conn)
    if found > SCHEMA_VERSION:
        raise ConfigError(path, f"ledger schema version {found} is newer than this claimcheck "
                                f"supports ({SCHEMA_VERSION}); upgrade claimcheck")
    if found == SCHEMA_VERSION:
        return found
    with transaction(conn):
        found = user_version(conn)  # another process may have migrated while we waited
        if found == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise ConfigError(path, "not a claimcheck ledger (an SQLite database with other tables)")
        for step in MIGRATIONS[found:]:
            step.apply(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return found


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL (persistent), retrying while another process holds the file."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def connect(path: str | Path, *, create: bool) -> sqlite3.Connection:
    """Open (or, with `create`, create) a ledger: WAL, busy timeout, foreign keys, migrated.

    Raises ConfigError when the file is missing (without `create`), is not an SQLite database, or
    holds a newer schema.
    """
    p = Path(path)
    if not p.exists():
        if not create:
            raise ConfigError(p, "no ledger here; create one with `claimcheck ingest PATH... --ledger FILE`")
        p.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _set_wal(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, p)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ConfigError(p, f"not a usable claimcheck ledger: {exc}") from None
    except BaseException:
        conn.close()
        raise
    return conn
