"""The bad-input zoo: what must be read correctly, what must be skipped with a reason, and the CLI's
behaviour over a batch mixing both (stderr lines, `skipped`, exit code 3, no traceback)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from zoo.build import READ, SKIPPED, UTF16_TEXT, build_zoo

from claimcheck.ingest import iter_inputs, read_batch
from claimcheck.models import Article, Skipped

LEAKED = ("99 999", "88 888", "77 777", "55 555", "12 345")  # figures only in <script>, <style>, <noscript>


@pytest.fixture(scope="module")
def zoo_dir(tmp_path_factory) -> Path:
    return build_zoo(tmp_path_factory.mktemp("zoo"))


def run_cli(*args: str, cwd: Path, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python3 -m claimcheck ARGS` from `cwd`, with the checkout importable."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def batch(zoo_dir) -> tuple[dict[str, Article], dict[tuple[str, int | None], Skipped]]:
    cwd = os.getcwd()
    os.chdir(zoo_dir.parent)
    try:
        arts, skipped = read_batch(["zoo"])
    finally:
        os.chdir(cwd)
    return {a.id: a for a in arts}, {(s.path, s.line): s for s in skipped}


# ---------------------------------------------------------------- read correctly

def test_every_readable_input_is_read_and_nothing_else(batch):
    arts, _ = batch
    assert sorted(arts) == sorted(READ)


@pytest.mark.parametrize("aid", sorted(READ))
def test_readable_input_text(batch, aid):
    text = batch[0][aid].text
    assert READ[aid] in text
    if aid.startswith("zoo/") and not aid.endswith(".html"):
        assert text == READ[aid], "a plain text file is its own text, never trimmed or normalised"


def test_encodings_are_decoded_not_mangled(batch):
    arts, _ = batch
    assert "Besançon" in arts["zoo/latin1.txt"].text and "À 18 h" in arts["zoo/latin1.txt"].text
    assert "« 12 000 € »" in arts["zoo/cp1252.txt"].text and "l’œuvre" in arts["zoo/cp1252.txt"].text
    assert arts["zoo/utf16le.txt"].text == arts["zoo/utf16be.txt"].text == UTF16_TEXT


def test_front_matter_after_a_byte_order_mark(batch):
    art = batch[0]["bom-article"]
    assert (art.published, art.published_source) == ("2024-06-01", "front_matter")
    assert art.text == READ["bom-article"]


def test_html_scripts_styles_and_broken_markup(batch):
    art = batch[0]["zoo/scripts.html"]
    assert "plus de 12 000 manifestants" in art.text
    assert not [x for x in LEAKED if x in art.text], "script, style or noscript text leaked into the article"
    assert art.title == "Manifestation à Lyon : la préfecture compte 4 500 personnes"
    assert art.published == "2024-03-12"
    assert art.lang == "fr"


def test_symlink_loop_is_walked_once(batch):
    ids = [aid for aid in batch[0] if aid.startswith("zoo/loop/")]
    assert sorted(ids) == ["zoo/loop/a.txt", "zoo/loop/sub/b.txt"]


def test_record_metadata(batch):
    arts, _ = batch
    assert (arts["good-1"].published, arts["good-1"].published_source, arts["good-1"].lang) == \
        ("2024-05-02", "record", "en")
    assert arts["good-3"].outlet == "AFP"
    assert arts["fm-article"].title == "Inondations : 1 200 foyers privés d'électricité"


# ---------------------------------------------------------------- skipped with a reason

def test_every_unreadable_input_is_skipped_with_its_reason(batch):
    _, skipped = batch
    assert sorted(skipped, key=str) == sorted(SKIPPED, key=str)
    for key, word in SKIPPED.items():
        assert word in skipped[key].reason, (key, skipped[key].reason)


def test_path_vanishing_between_listing_and_reading(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"Plus de 100 personnes ({name}) étaient présentes.", encoding="utf-8")
    items = iter_inputs([str(folder)])
    first = next(items)  # the folder is listed by now; b.txt goes before it is read
    (folder / "b.txt").unlink()
    rest = list(items)
    assert isinstance(first, Article) and first.id.endswith("a.txt")
    assert [type(x).__name__ for x in rest] == ["Skipped", "Article"]
    assert rest[0].path.endswith("b.txt") and "not found" in rest[0].reason
    assert rest[1].id.endswith("c.txt")


def test_missing_path_and_unusable_name():
    arts, skipped = read_batch(["/nonexistent/claimcheck/zoo.txt", "bad\x00name.txt"])
    assert arts == []
    assert [s.path for s in skipped] == ["/nonexistent/claimcheck/zoo.txt", "bad\x00name.txt"]


def test_standard_input_formats():
    jsonl = b'{"text": "Plus de 10 soldats."}\nnot json\n{"text": "At least 4 dead."}\n'
    arts, skipped = read_batch(["-"], stdin=io.BytesIO(jsonl))
    assert [a.id for a in arts] == ["-:1", "-:3"]
    assert [(s.path, s.line) for s in skipped] == [("-", 2)]
    arts, skipped = read_batch(["-"], stdin=io.BytesIO(UTF16_TEXT.encode("utf-16")))
    assert [a.text for a in arts] == [UTF16_TEXT] and arts[0].id == "-" and arts[0].path is None
    arts, skipped = read_batch(["-"], stdin=io.BytesIO(b"\x00\x01\x02binary"))
    assert arts == [] and skipped[0].path == "-" and "binary" in skipped[0].reason


# ---------------------------------------------------------------- the CLI over the whole zoo

def _skip_line(path: str, line: int | None) -> str:
    return f"claimcheck: skipped {path}" + (f":{line}" if line else "") + ": "


@pytest.fixture(scope="module")
def cli_extract(zoo_dir) -> subprocess.CompletedProcess:
    return run_cli("extract", "zoo", "--format", "json", cwd=zoo_dir.parent)


def test_cli_extract_reads_the_rest_and_exits_3(cli_extract):
    err = cli_extract.stderr.decode("utf-8")
    assert cli_extract.returncode == 3, err
    assert "Traceback" not in err
    out = json.loads(cli_extract.stdout)
    assert sorted(a["id"] for a in out["articles"]) == sorted(READ)
    got = {(s["path"], s["line"]) for s in out["skipped"]}
    assert got == set(SKIPPED)


def test_cli_names_every_skipped_input_on_stderr(cli_extract):
    err = cli_extract.stderr.decode("utf-8").splitlines()
    for (path, line), word in SKIPPED.items():
        prefix = _skip_line(path, line)
        hits = [e for e in err if e.startswith(prefix)]
        assert len(hits) == 1, (prefix, err)
        assert word in hits[0]


def test_cli_front_matter_tags_are_not_executed(cli_extract):
    assert b"PWNED" not in cli_extract.stdout


@pytest.mark.parametrize("fail_on", ["error", "never"])
def test_cli_check_exits_3_when_inputs_were_skipped(zoo_dir, fail_on):
    res = run_cli("check", "zoo", "--format", "json", "--fail-on", fail_on, cwd=zoo_dir.parent)
    err = res.stderr.decode("utf-8")
    assert "Traceback" not in err
    report = json.loads(res.stdout)
    assert {(s["path"], s["line"]) for s in report["skipped"]} == set(SKIPPED)
    assert report["summary"]["articles"] == len(READ)
    reaching = fail_on != "never" and any(f["severity"] == "error" for f in report["findings"])
    assert res.returncode == (1 if reaching else 3), err


def test_cli_clean_batch_exits_0(tmp_path):
    (tmp_path / "ok.txt").write_text("Plus de 100 personnes étaient présentes.", encoding="utf-8")
    res = run_cli("extract", "ok.txt", "--format", "json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["skipped"] == []


def test_cli_stdin_binary_is_skipped_not_a_crash(tmp_path):
    res = run_cli("extract", "-", "--format", "json", cwd=tmp_path, stdin=bytes(range(256)) * 10)
    err = res.stderr.decode("utf-8")
    assert res.returncode == 3 and "Traceback" not in err
    assert err.startswith("claimcheck: skipped -: ")
