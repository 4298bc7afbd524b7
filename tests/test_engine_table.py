"""The compact path: claims JSONL read into a ClaimTable, rules run on it, same findings as the pydantic path."""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from claimcheck.checks.common import window_pairs
from claimcheck.claimtable import ClaimTable, read_claims_jsonl
from claimcheck.engine import check_table, run_rules, run_rules_table
from claimcheck.models import Article, Claim
from claimcheck.registry import load_registry
from claimcheck.safeyaml import ConfigError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402


def _write(tmp: Path, rows: list[dict]) -> Path:
    path = tmp / "claims.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _bench_registry(tmp: Path, rows: list[dict]):
    keys = {r["subject"] for r in rows}
    subjects = sorted(keys | {k.rsplit(".", 1)[0] for k in keys if k.count(".") > 1})
    kinds = ["stock", "flow", "cumulative", "total"]
    (tmp / "rules" / "subjects").mkdir(parents=True)
    (tmp / "rules" / "subjects" / "bench.yaml").write_text(yaml.safe_dump({"parties": ["a", "b"], "subjects": [
        {"key": s, "kind": kinds[i % 4]} for i, s in enumerate(subjects)]}))
    (tmp / "rules" / "sources").mkdir()
    (tmp / "rules" / "sources" / "bench.yaml").write_text(yaml.safe_dump({"sources": [
        {"key": f"src.o{i}", "side": "a" if i % 3 == 0 else ("b" if i % 3 == 1 else None)} for i in range(40)]}))
    return load_registry([tmp / "rules"])


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("table")
    rows = list(corpus.structured_claims(1500, seed=11, origins=40))
    rows[3]["flags"] = ["translation_artifact"]
    rows[5]["sentence"] = "Une phrase « citée »\n"
    return tmp, rows, _write(tmp, rows), _bench_registry(tmp, rows)


def test_jsonl_columns_match_the_claims(batch) -> None:
    _, rows, path, _ = batch
    claims = [Claim.model_validate(r) for r in rows]
    table, ref = read_claims_jsonl(path), ClaimTable.from_claims(claims)
    assert len(table) == len(claims)
    for name in ClaimTable.COLUMNS:
        assert getattr(table, name) == getattr(ref, name), name
    assert table.claims([7, 3, 7]) == [claims[7], claims[3], claims[7]]
    assert table.claim(len(claims) - 1) == claims[-1]


def test_same_findings_as_the_pydantic_path(batch) -> None:
    _, rows, path, reg = batch
    claims = [Claim.model_validate(r) for r in rows]
    articles = {}
    for c in claims:  # as api.load_extraction_file rebuilds them from a claims file
        articles.setdefault(c.article, Article(id=c.article, lang=c.lang, published=c.published,
                                               sha256=hashlib.sha256(f"article:{c.article}".encode()).hexdigest()))
    slow = run_rules(list(articles.values()), claims, reg)
    fast = run_rules_table(read_claims_jsonl(path), None, reg)
    assert len(slow) > 50  # the batch does have conflicts, revisions, falls...
    assert {f.code for f in slow} >= {"CC001", "CC003", "CC004"}
    assert [f.model_dump() for f in fast] == [f.model_dump() for f in slow]


def test_records_name_rows_in_contract_order(batch) -> None:
    _, _, path, reg = batch
    table = read_claims_jsonl(path)
    records = check_table(table, None, reg)
    again = check_table(read_claims_jsonl(path), None, reg)
    assert [(r.fingerprint, r.rows) for r in records] == [(r.fingerprint, r.rows) for r in again]
    for r in records:
        keys = [table.key(i) for i in r.rows]
        assert len(set(keys)) == len(keys)


def test_blank_lines_and_offsets(tmp_path: Path) -> None:
    rows = list(corpus.structured_claims(3, seed=2))
    path = tmp_path / "c.jsonl"
    path.write_text("\n" + json.dumps(rows[0]) + "\n\n" + json.dumps(rows[1]) + "\n" + json.dumps(rows[2]),
                    encoding="utf-8")
    table = read_claims_jsonl(path)
    assert len(table) == 3
    assert [table.claim(i) for i in range(3)] == [Claim.model_validate(r) for r in rows]


@pytest.mark.parametrize("bad, where", [
    ('{"article": "a"}', "missing field 'surface'"),
    ('{"article": "a", "surface": "x", "start": 0, "end": 1, "value": 1, "low": 1, "high": 1, '
     '"qualifier": "roughly"}', "qualifier 'roughly'"),
    ('{"article": "a", "surface": "x", "start": "0", "end": 1, "value": 1, "low": 1, "high": 1, '
     '"qualifier": "exact"}', "start and end must be integers"),
    ("not json", "line 2"),
])
def test_a_bad_line_names_file_and_line(tmp_path: Path, bad: str, where: str) -> None:
    good = json.dumps(next(corpus.structured_claims(1, seed=1)))
    path = tmp_path / "c.jsonl"
    path.write_text(good + "\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_claims_jsonl(path)
    assert "line 2" in str(err.value) and where in str(err.value) and str(path) in str(err.value)


def test_window_pairs_is_the_brute_force_sweep() -> None:
    r = random.Random(5)
    for _ in range(30):
        n, m, w = r.randint(0, 40), r.randint(0, 40), r.choice([0, 1, 7])
        a = sorted((x, x + r.choice([0, 0, 0, 3, 30])) for x in (r.randint(0, 100) for _ in range(n)))
        b = [(x, x + r.choice([0, 0, 5])) for x in (r.randint(0, 100) for _ in range(m))]
        for same, right in ((False, b), (True, a)):
            arr = [np.array([s[k] for s in side], dtype=np.int64) for side in (a, right) for k in (0, 1)]
            ii, jj = window_pairs(*arr, w, same=same)
            got = sorted(zip(ii.tolist(), jj.tolist(), strict=True))
            want = sorted((i, j) for i, x in enumerate(a) for j, y in enumerate(right)
                          if max(0, max(x[0], y[0]) - min(x[1], y[1])) <= w and (not same or i < j))
            assert got == want


def test_fingerprint_payload_is_the_json_dumps_one() -> None:
    from claimcheck.fingerprint import finding_fingerprint, reference_fingerprint

    r = random.Random(3)
    alphabet = ["a", "é", '"', "\\", "\n", "\x1f", "\u2028", "😀", " ", "0", "\x00", "\t"]
    for _ in range(300):
        def word() -> str:
            return "".join(r.choice(alphabet) for _ in range(r.randint(0, 6)))
        rows = [word() for _ in range(r.randint(0, 4))] + [("src", 3.0, None, 1.5, "exact", False, word())]
        extra = [word() for _ in range(r.randint(0, 3))]
        subject = r.choice([None, "", word()])
        assert finding_fingerprint("CC001", subject, rows, extra) == reference_fingerprint("CC001", subject, rows, extra)


def test_several_files_make_one_table(tmp_path: Path) -> None:
    rows = list(corpus.structured_claims(40, seed=4))
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(json.dumps(r) + "\n" for r in rows[:25]), encoding="utf-8")
    b.write_text("\n" + "".join(json.dumps(r) + "\n" for r in rows[25:]), encoding="utf-8")
    table = read_claims_jsonl([a, b])
    assert len(table) == 40
    assert table.claims([39, 0, 25, 24]) == [Claim.model_validate(rows[k]) for k in (39, 0, 25, 24)]


@pytest.mark.parametrize("shape", ["full", "ints", "mixed"])
def test_every_line_shape_reads_the_same(tmp_path: Path, shape: str) -> None:
    """Lines with every field (as `extract` writes them), integer figures, and lines of different keys."""
    rows = list(corpus.structured_claims(300, seed=6))
    if shape == "full":
        rows = [Claim.model_validate(r).model_dump(mode="json") for r in rows]
    elif shape == "ints":
        rows = [{**r, "value": int(r["value"]), "low": None if r["low"] is None else int(r["low"])} for r in rows]
    else:
        rows = [Claim.model_validate(r).model_dump(mode="json") if k % 3 else r for k, r in enumerate(rows)]
    path = _write(tmp_path, rows)
    table, ref = read_claims_jsonl(path), ClaimTable.from_claims([Claim.model_validate(r) for r in rows])
    for name in ClaimTable.COLUMNS:
        got, want = getattr(table, name), getattr(ref, name)
        assert got == want and [type(x) for x in got] == [type(x) for x in want], name


def test_forecasts_are_never_compared_with_counts():
    from claimcheck.engine import run_rules
    from claimcheck.models import Article, Claim, EventDate
    from claimcheck.registry import load_registry

    reg = load_registry()
    day = EventDate(start="2024-11-30", end="2024-11-30")
    base = dict(surface="x", start=0, end=1, qualifier="exact", subject="dprk.troops.in_russia", kind="stock",
                event_date=day, published="2024-11-30")
    count = Claim(article="a", value=10000, low=10000, high=10000, attributed_to="kr.nis", **base)
    other = Claim(article="b", value=100000, low=100000, high=100000, attributed_to="ua.gur", **base)
    arts = [Article(id="a", text="a"), Article(id="b", text="b")]
    assert any(f.kind == "conflict" for f in run_rules(arts, [count, other], reg))
    other.flags = ["forecast"]
    assert not any(f.kind in ("conflict", "change", "revision") for f in run_rules(arts, [count, other], reg))
