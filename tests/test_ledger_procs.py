"""The ledger across processes: a run killed inside its transaction, and two ingests at once.

The child processes run tests/test_ledger_fakes.py (fake extraction, so that claims exist whatever
the real stages produce) against the seeds; the clean ingests they are compared with run in this
process with the same fakes.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_ledger_fakes import install_fakes

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "tests" / "test_ledger_fakes.py"
SEEDS = sorted(f"seeds/{p.name}" for p in (ROOT / "seeds").glob("*.txt"))


def driver(db: Path, *args: str) -> subprocess.Popen:
    """Start an ingest child process with the fakes installed (cwd: the repository)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    return subprocess.Popen([sys.executable, str(DRIVER), str(db), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(db: Path, *paths: str) -> None:
    """A clean ingest in this process, with the same fakes as the children."""
    import claimcheck.api
    import claimcheck.engine
    from claimcheck.ledger import ingest_paths

    saved = claimcheck.api.extract_articles, claimcheck.engine.run_rules
    cwd = os.getcwd()
    try:
        install_fakes()
        os.chdir(ROOT)
        ingest_paths(list(paths), db)
    finally:
        os.chdir(cwd)
        claimcheck.api.extract_articles, claimcheck.engine.run_rules = saved


def snapshot(db: Path) -> dict[str, object]:
    """Integrity, row counts and the stored keys of a ledger."""
    conn = sqlite3.connect(db)
    try:
        return {
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
            "articles": conn.execute("SELECT article_id, version, sha256 FROM articles ORDER BY 1, 2").fetchall(),
            "claims": conn.execute("SELECT count(*) FROM claims").fetchone()[0],
            "batches": conn.execute("SELECT count(*) FROM batches").fetchone()[0],
            "links": conn.execute("SELECT count(*) FROM batch_articles").fetchone()[0],
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def complete(tmp_path_factory) -> dict[str, object]:
    """The ledger after one clean ingest of the five seeds."""
    db = tmp_path_factory.mktemp("complete") / "l.db"
    run(db, *SEEDS)
    snap = snapshot(db)
    assert snap["integrity"] == "ok" and len(snap["articles"]) == 5 and snap["claims"] > 0
    return snap


@pytest.mark.parametrize("mode", ["kill", "exit"])
def test_a_run_stopped_inside_its_transaction_leaves_the_ledger_as_it_was(tmp_path, complete, mode):
    db = tmp_path / "l.db"
    run(db, *SEEDS[:3])
    before = snapshot(db)
    if mode == "kill":  # killed from outside while it holds the write transaction
        proc = driver(db, "--hang-after", "2", *SEEDS[3:])
        assert proc.stdout is not None
        assert [proc.stdout.readline().strip() for _ in range(2)] == ["stored 1", "stored 2"]
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL
    else:  # the process ends itself abruptly halfway through the batch
        proc = driver(db, "--exit-after", "2", *SEEDS[3:])
        proc.communicate(timeout=300)
        assert proc.returncode == 9
    assert snapshot(db) == before
    run(db, *SEEDS)  # re-running completes it
    after = snapshot(db)
    assert after["articles"] == complete["articles"] and after["claims"] == complete["claims"]
    assert after["integrity"] == "ok"


def test_a_killed_first_ingest_leaves_an_empty_ledger(tmp_path, complete):
    db = tmp_path / "l.db"
    proc = driver(db, "--hang-after", "3", *SEEDS)
    assert proc.stdout is not None
    assert [proc.stdout.readline().strip() for _ in range(3)] == ["stored 1", "stored 2", "stored 3"]
    proc.kill()
    proc.communicate(timeout=60)
    snap = snapshot(db)
    assert (snap["integrity"], snap["articles"], snap["claims"], snap["batches"]) == ("ok", [], 0, 0)
    run(db, *SEEDS)
    assert snapshot(db) == complete


def test_two_ingests_at_once_neither_corrupt_nor_duplicate(tmp_path, complete):
    db = tmp_path / "l.db"
    gate = tmp_path / "go"
    procs = [driver(db, "--gate", str(gate), *SEEDS) for _ in range(2)]
    gate.touch()
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert snapshot(db) == complete
    # one of them recorded the batch, the other found everything already there
    summaries = sorted(out.strip().splitlines()[-1] for out, _ in outs)
    assert any("5 new" in s for s in summaries) and any("5 unchanged" in s for s in summaries)
