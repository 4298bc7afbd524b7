"""Ingest: article ids, offsets after front matter, decoding, record metadata and standard input."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from claimcheck.ingest import (
    InputError,
    decode,
    iso_date,
    read_batch,
    sniff_suffix,
    split_front_matter,
    walk,
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


# ---------------------------------------------------------------- ids (contract: Article ids)

def test_ids_follow_the_contract(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "batch" / "a.txt", "Plus de 10 soldats.")
    write(tmp_path / "batch" / "sub" / "b.md", "---\nid: my-id\n---\nAt least 4 dead.")
    write(tmp_path / "batch" / "c.jsonl",
          '{"text": "Environ 300 personnes."}\n\n{"id": "rec", "text": "About 20 people."}\n')
    write(tmp_path / "batch" / "d.json", json.dumps([{"text": "Près de 50 morts."}, {"id": 7, "text": "x 9"}]))
    write(tmp_path / "batch" / "e.json", json.dumps({"text": "Une seule dépêche, 12 morts."}))
    arts, skipped = read_batch(["batch"])
    assert skipped == []
    assert [a.id for a in arts] == ["batch/a.txt", "batch/c.jsonl:1", "rec", "batch/d.json#0", "7",
                                    "batch/e.json", "my-id"]
    assert {a.path for a in arts} == {"batch/a.txt", "batch/c.jsonl", "batch/d.json", "batch/e.json",
                                      "batch/sub/b.md"}


def test_id_is_the_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "x" / "a.txt", "Plus de 10 soldats.")
    for given, expected in [("x", "x/a.txt"), ("x/", "x/a.txt"), ("./x", "./x/a.txt"), ("x/a.txt", "x/a.txt")]:
        arts, _ = read_batch([given])
        assert [a.id for a in arts] == [expected]


def test_stdin_ids(tmp_path):
    arts, _ = read_batch(["-"], stdin=io.BytesIO(b"Plus de 10 soldats."))
    assert [(a.id, a.path) for a in arts] == [("-", None)]
    arts, _ = read_batch(["-"], stdin=io.BytesIO(b'{"text": "a 1"}\n{"text": "b 2"}\n'))
    assert [a.id for a in arts] == ["-:1", "-:2"]
    arts, _ = read_batch(["-"], stdin=io.BytesIO(b'[{"text": "a 1"}, {"text": "b 2"}]'))
    assert [a.id for a in arts] == ["-#0", "-#1"]


def test_boolean_or_blank_record_id_falls_back_to_position(tmp_path):
    p = write(tmp_path / "r.jsonl", '{"id": true, "text": "a 1"}\n{"id": "  ", "text": "b 2"}\n'
                                    '{"id": [1], "text": "c 3"}\n')
    arts, _ = read_batch([str(p)])
    assert [a.id for a in arts] == [f"{p}:1", f"{p}:2", f"{p}:3"]


# ---------------------------------------------------------------- offsets index the body

def test_front_matter_offsets_index_the_body():
    raw = "---\ntitle: T\npublished: 2024-08-18\n---\n  Plus de 10 000 soldats.\n"
    meta, body, offset = split_front_matter(raw)
    assert meta == {"title": "T", "published": __import__("datetime").date(2024, 8, 18)}
    assert body == raw[offset:] == "  Plus de 10 000 soldats.\n", "the body is never stripped"


def test_text_is_never_normalised(tmp_path):
    text = "\ufeff  Plus\u00a0de 10\u202f000 soldats,\r\n« selon Séoul »\u2028\t\n"
    p = write(tmp_path / "a.txt", text.encode("utf-8"))
    (art,), _ = read_batch([str(p)])
    assert art.text == text[1:], "only the byte-order mark goes"
    import hashlib
    assert art.sha256 == hashlib.sha256(art.text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("raw", ["---\n---\nBody 10.", "---\r\ntitle: x\r\n---\r\nBody 10.", "---\ntitle: x\n...\nBody 10."])
def test_front_matter_variants(raw):
    meta, body, offset = split_front_matter(raw)
    assert meta is not None and body == "Body 10." and raw[offset:] == body


@pytest.mark.parametrize("raw", ["----\nBody", "--- not front matter\nBody", "Body\n---\nmore"])
def test_dashes_that_are_not_front_matter(raw):
    assert split_front_matter(raw) == (None, raw, 0)


@pytest.mark.parametrize("raw", ["---\ntitle: x\nBody", "---\n- a\n- b\n---\nBody", "---\ntitle: [\n---\nBody",
                                 "---\na: &x 1\nb: *x\n---\nBody"])
def test_broken_front_matter_raises(raw):
    with pytest.raises(InputError) as exc:
        split_front_matter(raw)
    assert "front matter" in exc.value.reason and exc.value.line == 1


# ---------------------------------------------------------------- decoding

@pytest.mark.parametrize("text", [
    "Selon la préfecture, 3 000 manifestants ont défilé à Besançon.",
    "L’été dernier, « 12 000 € » – déjà – pour l’œuvre.",
    "Déjà 40 élèves à l'école, a précisé le maire de Sète.",
])
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-16-be-bom", "utf-32", "utf-8-sig"])
def test_decode(text, encoding):
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            pytest.skip(f"{encoding} cannot hold this text")
    assert decode(data) == text


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 100, bytes(range(1, 9)) * 300,
                                  b"\xff\xfe" + b"\x00\xd8" * 10])
def test_decode_refuses_binary(data):
    with pytest.raises(InputError):
        decode(data)


# ---------------------------------------------------------------- metadata

@pytest.mark.parametrize("value,expected", [
    ("2024-08-18", "2024-08-18"), ("2024-08", "2024-08"), ("2024", "2024"), ("2024-08-18T10:00:00Z", "2024-08-18"),
    ("2024-02-30", None), ("2024-13", None), ("yesterday", None), (None, None), (20240818, None),
    (__import__("datetime").date(2024, 1, 2), "2024-01-02"),
])
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def test_record_metadata_and_language(tmp_path):
    recs = [{"id": "a", "text": "The ministry said more than 10 troops were there.", "lang": "EN-gb",
             "published": "2024-08", "title": "T", "url": "https://x.test/a", "outlet": "Agency"},
            {"id": "b", "text": "Selon le ministère, plus de 10 soldats sont là.", "lang": "de"},
            {"id": "c", "text": "Plus de 10 soldats.", "title": ["not", "text"], "published": "soon"}]
    p = write(tmp_path / "r.jsonl", "\n".join(json.dumps(r) for r in recs))
    arts, _ = read_batch([str(p)])
    a, b, c = arts
    assert (a.lang, a.published, a.published_source, a.title, a.url, a.outlet) == \
        ("en", "2024-08", "record", "T", "https://x.test/a", "Agency")
    assert b.lang == "fr", "a language without vocabulary is detected instead"
    assert (c.title, c.published, c.published_source) == (None, None, None)


def test_lang_hint_applies_only_where_the_record_says_nothing(tmp_path):
    p = write(tmp_path / "r.jsonl", '{"text": "Plus de 10 soldats selon le ministère."}\n'
                                    '{"text": "More than 10 troops.", "lang": "en"}\n')
    arts, _ = read_batch([str(p)], lang_hint="fr")
    assert [a.lang for a in arts] == ["fr", "en"]


def test_html_record(tmp_path):
    html = ("<html><head><title>Titre</title></head><body><article><p>Selon la préfecture, environ 4 500 "
            "personnes ont défilé mardi à Lyon contre la réforme des retraites, dans le calme.</p>"
            "<script>var n = '99 999';</script></article></body></html>")
    p = write(tmp_path / "r.jsonl", json.dumps({"id": "h", "html": html, "published": "2024-03-12"}))
    (art,), skipped = read_batch([str(p)])
    assert skipped == [] and "4 500 personnes" in art.text and "99 999" not in art.text
    assert (art.published, art.published_source) == ("2024-03-12", "record")


def test_html_without_text_is_skipped(tmp_path):
    p = write(tmp_path / "empty.html", "<html><body><script>var x = 1;</script></body></html>")
    arts, skipped = read_batch([str(p)])
    assert arts == [] and "no article text" in skipped[0].reason


# ---------------------------------------------------------------- walking and special files

def test_walk_sorted_hidden_skipped_loops_once(tmp_path):
    for rel in ["b/z.txt", "b/a.txt", "a.txt", ".hidden/x.txt", ".dot.txt", "c/d/e.txt"]:
        write(tmp_path / rel, "x 1")
    os.symlink("..", tmp_path / "c" / "d" / "up")
    os.symlink(str(tmp_path / "b"), tmp_path / "link_to_b")
    files = [str(p.relative_to(tmp_path)) for p in walk(tmp_path)]
    assert files == ["a.txt", "b/a.txt", "b/z.txt", "c/d/e.txt"]


def test_devices_and_fifos_are_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    arts, skipped = read_batch([str(fifo), "/dev/zero"])
    assert arts == [] and all("not a regular file" in s.reason for s in skipped) and len(skipped) == 2


def test_file_too_large_is_skipped(tmp_path, monkeypatch):
    import claimcheck.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    p = write(tmp_path / "a.txt", "Plus de 10 soldats. " * 20)
    arts, skipped = read_batch([str(p)])
    assert arts == [] and "too large" in skipped[0].reason


def test_unreadable_file_is_skipped(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    p = write(tmp_path / "a.txt", "Plus de 10 soldats.")
    p.chmod(0)
    arts, skipped = read_batch([str(p)])
    assert arts == [] and "cannot read" in skipped[0].reason


def test_unexpected_error_in_one_file_skips_only_that_file(tmp_path, monkeypatch):
    import claimcheck.ingest as ingest

    real = ingest.make_article

    def flaky(aid, text, **kw):
        if "boom" in text:
            raise RuntimeError("simulated failure")
        return real(aid, text, **kw)

    monkeypatch.setattr(ingest, "make_article", flaky)
    write(tmp_path / "a.txt", "Plus de 10 soldats.")
    write(tmp_path / "b.txt", "boom 10")
    write(tmp_path / "c.jsonl", '{"text": "boom 2"}\n{"text": "Plus de 3 morts."}\n')
    arts, skipped = read_batch([str(tmp_path)])
    assert [Path(a.id).name for a in arts] == ["a.txt", "c.jsonl:2"]
    assert [(Path(s.path).name, s.line) for s in skipped] == [("b.txt", None), ("c.jsonl", 1)]
    assert all("RuntimeError: simulated failure" in s.reason for s in skipped)


@pytest.mark.parametrize("text,suffix", [
    ('{"text": "a"}', ".json"), ('{\n  "text": "a"\n}\n', ".json"), ('{"text": "a"}\n{"text": "b"}', ".jsonl"),
    ('{"text": "a"}\nnot json', ".jsonl"), ("[1]", ".json"), ("<html>", ".html"), ("Plus de 10", ".txt"),
    ("---\nid: x\n---\nbody", ".txt"),
])
def test_sniff_suffix(text, suffix):
    assert sniff_suffix(text) == suffix
