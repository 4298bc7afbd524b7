"""The ledger: idempotent ingest, versions, migrations, the CI question, --as-of, stats and export.

Tests marked "fake pipeline" replace extraction and the engine with the fakes in test_ledger_fakes.py
so that they test the ledger's own logic whatever the real stages produce; the seed tests run the
real pipeline and assert on structure.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_ledger_fakes import fake_extract_articles, fake_run_rules

from claimcheck import api, ledger
from claimcheck.ledger import (
    check_against_ledger,
    export_jsonl,
    findings_involving,
    ingest_paths,
    parse_as_of,
    published_by,
    stats_text,
)
from claimcheck.ledger_schema import SCHEMA_VERSION, connect
from claimcheck.models import Claim, Finding
from claimcheck.safeyaml import ConfigError

ROOT = Path(__file__).resolve().parent.parent
SEED_NAMES = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
OLD_SEEDS = [f"seeds/{n}" for n in SEED_NAMES[:3]]
NEW_SEEDS = [f"seeds/{n}" for n in SEED_NAMES[3:]]


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Extraction and engine replaced by the fakes (the ledger calls them through their modules)."""
    monkeypatch.setattr(api, "extract_articles", fake_extract_articles)
    monkeypatch.setattr(ledger.engine, "run_rules", fake_run_rules)


def counts(db: Path) -> dict[str, int]:
    """Row counts of every ledger table."""
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("batches", "articles", "claims", "batch_articles")}
    finally:
        conn.close()


def write(folder: Path, name: str, text: str, published: str | None = None) -> str:
    """An article file with optional front matter; returns its path (the article id)."""
    head = f"---\npublished: {published}\n---\n" if published else ""
    path = folder / name
    path.write_text(head + text, encoding="utf-8")
    return str(path)


def pairs(report) -> set[tuple[str, ...]]:
    """Each finding as the sorted article ids it involves (or its article)."""
    return {tuple(sorted(c.article.rsplit("/", 1)[-1] for c in f.claims)) if f.claims
            else (f"article:{f.article.rsplit('/', 1)[-1]}",) for f in report.findings}


# ---------------------------------------------------------------- the seeds, real pipeline

def test_ingesting_the_seeds_twice_gives_the_same_counts(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    db = tmp_path / "ledger.db"
    first = ingest_paths(["seeds"], db)
    after_first = counts(db)
    second = ingest_paths(["seeds"], db)
    assert counts(db) == after_first
    assert (first.read, first.new_articles, first.unchanged, first.new_batch) == (5, 5, 0, True)
    assert (second.new_articles, second.new_versions, second.unchanged, second.claims_added) == (0, 0, 5, 0)
    assert not second.new_batch
    assert after_first["articles"] == 5 and after_first["batches"] == 1


def test_ingesting_the_seeds_twice_fake_pipeline(tmp_path, monkeypatch, fake_pipeline):
    monkeypatch.chdir(ROOT)
    db = tmp_path / "ledger.db"
    ingest_paths(["seeds"], db)
    once = counts(db)
    ingest_paths(OLD_SEEDS, db)  # a sub-batch already seen: a new batch row, nothing else
    ingest_paths(["seeds"], db)
    twice = counts(db)
    assert once["claims"] > 0
    assert {k: v for k, v in twice.items() if k not in ("batches", "batch_articles")} == \
        {k: v for k, v in once.items() if k not in ("batches", "batch_articles")}
    assert twice["batches"] == 2 and twice["batch_articles"] == 8


def test_ci_question_on_the_seeds(tmp_path, monkeypatch):
    """Ingest 000-002, check 003-004: every finding involves 003/004, and the ledger check gives
    exactly the findings of a full check of the five seeds that involve 003/004."""
    monkeypatch.chdir(ROOT)
    db = tmp_path / "ledger.db"
    ingest_paths(OLD_SEEDS, db)
    report = check_against_ledger(NEW_SEEDS, db)
    new = set(NEW_SEEDS)
    for f in report.findings:
        assert f.article in new or any(c.article in new for c in f.claims), f
    full = api.check(["seeds"])
    expected = findings_involving(full.findings, new)
    spanning = [f for f in expected if any(c.article not in new for c in f.claims)]
    got = [f.model_dump_json() for f in report.findings]
    assert sorted(got) == sorted(f.model_dump_json() for f in expected)
    assert all(f.model_dump_json() in got for f in spanning)
    assert report.summary.articles == 5
    # stored articles come back whole: metadata after extraction and the text reports quote
    assert {a.id: (a.model_dump(), a.text) for a in report.articles} == \
        {a.id: (a.model_dump(), a.text) for a in full.articles}


# ---------------------------------------------------------------- versions and provenance

def test_same_article_in_two_batches_is_stored_once(tmp_path, fake_pipeline):
    a = write(tmp_path, "a.txt", "Selon X, 100 soldats.")
    b = write(tmp_path, "b.txt", "Selon Y, 200 soldats.")
    db = tmp_path / "l.db"
    ingest_paths([a], db)
    stats = ingest_paths([a, b], db)
    assert (stats.new_articles, stats.unchanged) == (1, 1)
    assert counts(db) == {"batches": 2, "articles": 2, "claims": 2, "batch_articles": 3}


def test_changed_article_is_a_new_version_and_history_is_kept(tmp_path, fake_pipeline):
    db = tmp_path / "l.db"
    a = write(tmp_path, "a.txt", "Selon X, 100 soldats et 5 chars.")
    ingest_paths([a], db)
    write(tmp_path, "a.txt", "Selon X, 300 soldats.")
    stats = ingest_paths([a], db)
    assert (stats.new_articles, stats.new_versions, stats.claims_added) == (0, 1, 1)
    assert counts(db)["articles"] == 2 and counts(db)["claims"] == 3
    exported = [json.loads(line) for line in export_jsonl(db).splitlines()]
    assert [(c["article"], c["surface"]) for c in exported] == [(a, "300 soldats")]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT version, sha256 FROM articles ORDER BY version").fetchall()[1][0] == 2
    conn.close()
    # going back to an older text is not a new version: versions are ordered by first sight
    write(tmp_path, "a.txt", "Selon X, 100 soldats et 5 chars.")
    again = ingest_paths([a], db)
    assert (again.new_versions, again.unchanged) == (0, 1)
    assert "300 soldats" in export_jsonl(db)


def test_claims_are_re_extracted_when_the_extractor_changes(tmp_path, fake_pipeline, monkeypatch):
    db = tmp_path / "l.db"
    a = write(tmp_path, "a.txt", "Selon X, 100 soldats.")
    ingest_paths([a], db)
    monkeypatch.setattr(ledger, "extractor_signature", lambda registry: "another-extractor")
    stats = ingest_paths([a], db)
    assert (stats.refreshed, stats.unchanged, stats.claims_added) == (1, 0, 1)
    assert counts(db)["claims"] == 1
    assert ingest_paths([a], db).unchanged == 1


def test_skipped_inputs_and_failed_extractions_are_not_stored(tmp_path, fake_pipeline):
    db = tmp_path / "l.db"
    good = write(tmp_path, "good.txt", "Selon X, 100 soldats.")
    bad = write(tmp_path, "bad.txt", "FAIL-EXTRACTION 7 chars")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    stats = ingest_paths([good, bad, str(tmp_path / "broken.json")], db, warn=lambda m: None)
    assert sorted(Path(s.path).name for s in stats.skipped) == ["bad.txt", "broken.json"]
    assert counts(db)["articles"] == 1
    write(tmp_path, "bad.txt", "Fixed: 7 chars")
    assert ingest_paths([bad], db).new_articles == 1


# ---------------------------------------------------------------- the CI question, fake pipeline

@pytest.fixture
def history(tmp_path, fake_pipeline):
    """A ledger of three articles: two dated conflicting ones and an undated one."""
    old = tmp_path / "old"
    old.mkdir()
    paths = [write(old, "o1.txt", "Selon X, 100 soldats.", "2024-10-01"),
             write(old, "o2.txt", "Selon Y, 200 soldats.", "2024-10-05"),
             write(old, "o3.txt", "Selon Z, 400 soldats.")]
    db = tmp_path / "l.db"
    ingest_paths(paths, db)
    return db, tmp_path


def test_ci_question_reports_what_the_batch_contradicts(history):
    db, tmp = history
    new = write(tmp, "n1.txt", "Selon W, 300 soldats.", "2024-11-01")
    report = check_against_ledger([new], db)
    assert pairs(report) == {("n1.txt", "o1.txt"), ("n1.txt", "o2.txt"), ("n1.txt", "o3.txt")}
    # the full check of everything has the old-old conflicts and the old undated article too
    full = api.check([str(tmp / "old"), new])
    assert ("o1.txt", "o2.txt") in pairs(full) and ("article:o3.txt",) in pairs(full)
    assert sorted(f.model_dump_json() for f in report.findings) == \
        sorted(f.model_dump_json() for f in findings_involving(full.findings, {new}))


def test_article_level_findings_of_the_batch_are_reported(history):
    db, tmp = history
    new = write(tmp, "n2.txt", "Selon W, 100 soldats.")  # agrees with o1; undated
    assert pairs(check_against_ledger([new], db)) == {
        ("article:n2.txt",), ("n2.txt", "o2.txt"), ("n2.txt", "o3.txt")}


def test_batch_replaces_the_stored_version_of_the_same_id(history):
    db, tmp = history
    o2 = write(tmp / "old", "o2.txt", "Selon Y, 100 soldats.", "2024-10-05")  # now agrees with o1
    report = check_against_ledger([o2], db)
    assert [a.id for a in report.articles].count(o2) == 1
    assert sorted(c.value for c in report.claims if c.article == o2) == [100.0]
    assert pairs(report) == {("o2.txt", "o3.txt")}


def test_an_article_already_in_the_ledger_is_not_news(history):
    db, tmp = history
    report = check_against_ledger([str(tmp / "old" / "o1.txt"), str(tmp / "old" / "o2.txt")], db)
    assert report.findings == []
    assert report.summary.articles == 3


def test_check_does_not_write_the_ledger(history):
    db, tmp = history
    before = counts(db)
    check_against_ledger([write(tmp, "n1.txt", "Selon W, 300 soldats.", "2024-11-01")], db)
    assert counts(db) == before


@pytest.mark.parametrize("as_of,expected", [
    (None, {"o1.txt", "o2.txt", "o3.txt"}),
    ("2024-10-03", {"o1.txt"}),
    ("2024-10", {"o1.txt", "o2.txt"}),  # month precision: all of October
    ("2024-09-30", set()),
])
def test_as_of_uses_only_evidence_published_by_then(history, as_of, expected):
    db, tmp = history
    new = write(tmp, "n1.txt", "Selon W, 300 soldats.", "2024-11-01")
    report = check_against_ledger([new], db, as_of=as_of)
    assert {p[1] for p in pairs(report)} == expected
    assert {a.id.rsplit("/", 1)[-1] for a in report.articles} == expected | {"n1.txt"}


def test_findings_involving_filters_on_claims_and_articles():
    def claim(article: str, value: float) -> Claim:
        return Claim(article=article, surface=str(value), start=0, end=1, value=value, low=value,
                     high=value, qualifier="exact")

    def finding(fp: str, *claims: Claim, article: str | None = None) -> Finding:
        return Finding(code="X", rule="x", severity="info", kind="conflict", message="m",
                       claims=list(claims), fingerprint=fp, article=article)

    old_old = finding("a", claim("old1", 1), claim("old2", 2))
    old_new = finding("b", claim("old1", 1), claim("new", 3))
    new_new = finding("c", claim("new", 3), claim("new2", 4))
    new_article = finding("d", article="new")
    old_article = finding("e", article="old1")
    kept = findings_involving([old_old, old_new, new_new, new_article, old_article], {"new", "new2"})
    assert [f.fingerprint for f in kept] == ["b", "c", "d"]


@pytest.mark.parametrize("published,as_of,by", [
    ("2024-10-01", "2024-10-01", True), ("2024-10-02", "2024-10-01", False),
    ("2024-10", "2024-10-15", True), ("2024-11", "2024-10-31", False),
    ("2024-10-20", "2024-10", True), ("2024", "2024-03-01", True), ("2025", "2024-12-31", False),
    (None, "2030-01-01", False),
])
def test_published_by_compares_at_the_coarser_precision(published, as_of, by):
    assert published_by(published, as_of) is by


def test_as_of_must_be_a_date():
    assert parse_as_of("2024-11-30") == "2024-11-30" and parse_as_of("2024-11") == "2024-11"
    for bad in ("2024-13", "30/11/2024", "yesterday", "2024-02-30", "2024-11-30T10:00"):
        with pytest.raises(ConfigError):
            parse_as_of(bad)


# ---------------------------------------------------------------- schema, migrations, errors

# The schema as claimcheck wrote it at version 1 (frozen here: a copy, not an import).
V1_SQL = """
CREATE TABLE batches (id INTEGER PRIMARY KEY, batch_hash TEXT NOT NULL UNIQUE, ingested_at TEXT NOT NULL,
    inputs TEXT NOT NULL);
CREATE TABLE articles (id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, version INTEGER NOT NULL,
    sha256 TEXT NOT NULL, path TEXT, published TEXT, metadata TEXT NOT NULL, text TEXT NOT NULL,
    batch INTEGER NOT NULL REFERENCES batches(id), UNIQUE (article_id, sha256), UNIQUE (article_id, version));
CREATE TABLE claims (id INTEGER PRIMARY KEY, article INTEGER NOT NULL REFERENCES articles(id),
    ordinal INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, data TEXT NOT NULL,
    UNIQUE (article, ordinal));
CREATE TABLE batch_articles (batch INTEGER NOT NULL REFERENCES batches(id),
    article INTEGER NOT NULL REFERENCES articles(id), PRIMARY KEY (batch, article));
PRAGMA user_version = 1;
"""


def make_v1_ledger(db: Path, text: str) -> None:
    """A ledger as version 1 left it: one batch, one article, its claim as JSON only."""
    from claimcheck.models import Article

    art = Article(id="old.txt", path="old.txt", text=text, lang="fr", published="2024-10-01",
                  published_source="front_matter")
    start = text.index("100 soldats")
    claim = Claim(article="old.txt", surface="100 soldats", start=start, end=start + 11, value=100.0,
                  low=100.0, high=100.0, qualifier="exact", subject="test.soldats", attributed_to="x",
                  published="2024-10-01")
    conn = sqlite3.connect(db)
    conn.executescript(V1_SQL)
    conn.execute("INSERT INTO batches VALUES (1, 'h', '2024-10-02T00:00:00+00:00', '[\"old.txt\"]')")
    conn.execute("INSERT INTO articles VALUES (1, 'old.txt', 1, ?, 'old.txt', '2024-10-01', ?, ?, 1)",
                 (art.sha256, json.dumps(art.model_dump(mode="json")), text))
    conn.execute("INSERT INTO claims VALUES (1, 1, 0, ?, ?, ?)",
                 (claim.start, claim.end, json.dumps(claim.model_dump(mode="json"))))
    conn.execute("INSERT INTO batch_articles VALUES (1, 1)")
    conn.commit()
    conn.close()


def test_a_version_1_ledger_is_migrated(tmp_path, fake_pipeline):
    db = tmp_path / "v1.db"
    make_v1_ledger(db, "Selon X, 100 soldats.")
    assert "schema version: 2" in stats_text(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    assert conn.execute("SELECT subject, attributed_to, published, batch FROM claims").fetchall() == \
        [("test.soldats", "x", "2024-10-01", 1)]
    conn.close()
    assert json.loads(export_jsonl(db))["surface"] == "100 soldats"
    # its claims came from an unknown extractor: the check extracts the stored text again
    new = write(tmp_path, "n.txt", "Selon W, 300 soldats.", "2024-11-01")
    notes: list[str] = []
    report = check_against_ledger([new], db, warn=notes.append)
    assert pairs(report) == {("n.txt", "old.txt")}
    assert any("extracting them again" in n for n in notes)
    old = next(a for a in report.articles if a.id == "old.txt")
    assert old.published == "2024-10-01" and old.text == "Selon X, 100 soldats."


def test_a_migrated_ledger_is_refreshed_by_ingest(tmp_path, fake_pipeline, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "v1.db"
    make_v1_ledger(db, "Selon X, 100 soldats.")
    Path("old.txt").write_text("Selon X, 100 soldats.", encoding="utf-8")
    stats = ingest_paths(["old.txt"], db)
    assert (stats.refreshed, stats.new_versions) == (1, 0)
    assert counts(db)["articles"] == 1 and counts(db)["claims"] == 1


def test_ledger_settings_wal_and_version(tmp_path):
    conn = connect(tmp_path / "l.db", create=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_unusable_ledgers_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="no ledger"):
        stats_text(tmp_path / "missing.db")
    newer = tmp_path / "newer.db"
    sqlite3.connect(newer).execute("PRAGMA user_version = 99").connection.close()
    with pytest.raises(ConfigError, match="newer"):
        stats_text(newer)
    other = tmp_path / "other.db"
    c = sqlite3.connect(other)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    with pytest.raises(ConfigError, match="not a claimcheck ledger"):
        stats_text(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all, just some text" * 100)
    with pytest.raises(ConfigError):
        stats_text(junk)


# ---------------------------------------------------------------- stats, export, CLI

def test_stats_and_export(history):
    db, _ = history
    text = stats_text(db)
    assert "articles: 3 (3 versions)" in text and "claims: 3 in current versions" in text
    assert "published: 2024-10-01 to 2024-10-05 (1 undated)" in text
    assert "       3  test.soldats" in text
    lines = export_jsonl(db).splitlines()
    claims = [Claim.model_validate_json(line) for line in lines]
    assert [c.value for c in claims] == [100.0, 200.0, 400.0]
    assert lines == sorted(lines, key=lambda ln: (json.loads(ln)["article"], json.loads(ln)["start"]))
    assert export_jsonl(db) == export_jsonl(db)


def test_cli_ingest_stats_export_check(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from claimcheck.cli import app

    monkeypatch.chdir(ROOT)
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    res = runner.invoke(app, ["ingest", *OLD_SEEDS, "--ledger", db])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["ledger", "stats", "--ledger", db])
    assert res.exit_code == 0 and "articles: 3 (3 versions)" in res.stdout
    res = runner.invoke(app, ["ledger", "export", "--ledger", db])
    assert res.exit_code == 0
    assert all(Claim.model_validate_json(line) for line in res.stdout.splitlines())
    res = runner.invoke(app, ["check", *NEW_SEEDS, "--ledger", db, "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["summary"]["articles"] == 5
    res = runner.invoke(app, ["check", *NEW_SEEDS, "--ledger", db, "--as-of", "30/11/2024"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["check", *NEW_SEEDS, "--ledger", str(tmp_path / "none.db")])
    assert res.exit_code == 2


def test_nothing_readable_records_nothing(tmp_path, fake_pipeline):
    db = tmp_path / "l.db"
    bad = write(tmp_path, "bad.txt", "FAIL-EXTRACTION 7 chars")
    stats = ingest_paths([bad], db, warn=lambda m: None)
    assert stats.new_batch is None and stats.summary().endswith("(nothing recorded)")
    assert counts(db) == {"batches": 0, "articles": 0, "claims": 0, "batch_articles": 0}


def test_parallel_ingest_records_the_same_as_serial(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    serial, parallel = tmp_path / "serial.db", tmp_path / "parallel.db"
    ingest_paths(["seeds"], serial, jobs=1)
    ingest_paths(["seeds"], parallel, jobs=2)
    assert export_jsonl(parallel) == export_jsonl(serial)
    conn_s, conn_p = sqlite3.connect(serial), sqlite3.connect(parallel)
    query = "SELECT article_id, version, sha256, metadata, source_meta FROM articles ORDER BY 1"
    assert conn_p.execute(query).fetchall() == conn_s.execute(query).fetchall()
    conn_s.close()
    conn_p.close()


def test_sarif_locates_claims_of_stored_articles(history):
    from typer.testing import CliRunner

    from claimcheck.cli import app

    db, tmp = history
    new = write(tmp, "n1.txt", "Selon W, 300 soldats.", "2024-11-01")
    res = CliRunner().invoke(app, ["check", new, "--ledger", str(db), "--format", "sarif", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    locations = [loc["physicalLocation"] for run in json.loads(res.stdout)["runs"] for r in run["results"]
                 for loc in r.get("locations", []) + r.get("relatedLocations", [])]
    stored = [loc for loc in locations if loc["artifactLocation"]["uri"].endswith("o1.txt")]
    assert stored and all(loc["region"]["startLine"] >= 1 for loc in stored)


def test_an_ingest_that_cannot_get_the_write_lock_records_nothing(history, monkeypatch):
    from claimcheck import ledger_schema

    db, tmp = history
    before = counts(db)
    monkeypatch.setattr(ledger_schema, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing its batch
    try:
        with pytest.raises(ConfigError, match="locked"):
            ingest_paths([write(tmp, "n1.txt", "Selon W, 300 soldats.")], db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert counts(db) == before


def test_stale_stored_claims_are_made_again_with_the_same_result(history, monkeypatch):
    db, tmp = history
    new = write(tmp, "n1.txt", "Selon W, 300 soldats.", "2024-11-01")
    fresh = check_against_ledger([new], db)
    monkeypatch.setattr(ledger, "extractor_signature", lambda registry: "another-extractor")
    notes: list[str] = []
    stale = check_against_ledger([new], db, warn=notes.append)
    assert any("3 stored article(s) were extracted by another" in n for n in notes)
    assert stale.model_dump_json() == fresh.model_dump_json()
    assert [c.model_dump() for c in stale.claims] == [c.model_dump() for c in fresh.claims]
    assert [(a.model_dump(), a.text) for a in stale.articles] == [(a.model_dump(), a.text) for a in fresh.articles]
