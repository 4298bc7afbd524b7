"""Parallel (`--jobs`) and distributed (Dask) extraction give exactly the serial output."""

from __future__ import annotations

import json
import random

import pytest

import claimcheck
from claimcheck.models import Article
from conftest import SEEDS

FR = [
    "Selon le ministère, plus de {n} soldats ont été déployés le {d} novembre.",
    "Les syndicats ont compté environ {n} manifestants à Paris, a indiqué la CGT.",
    "Au moins {n} personnes ont été tuées depuis le début de l'offensive, selon l'ONU.",
]
EN = [
    "More than {n} troops were deployed on November {d}, the ministry said.",
    "Officials put the toll at {n} dead, according to the agency.",
    "Up to {n} protesters marched in the capital on Tuesday, police said.",
]


def corpus(n: int) -> list[dict]:
    rnd = random.Random(7)
    out = []
    for i in range(n):
        lang = "fr" if i % 2 else "en"
        sents = [rnd.choice(FR if lang == "fr" else EN).format(n=rnd.randint(2, 90) * 100, d=rnd.randint(1, 28))
                 for _ in range(4)]
        out.append({"id": f"a{i:03d}", "text": " ".join(sents), "lang": lang, "published": "2024-11-30"})
    return out


def dump(ex) -> str:
    return ex.model_dump_json()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    d = tmp_path_factory.mktemp("archive")
    path = d / "archive.jsonl"
    rows = corpus(40)
    rows.insert(5, "not json at all")
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


def test_jobs_two_is_identical_to_serial(archive):
    serial = claimcheck.extract_batch([str(SEEDS), str(archive)])
    parallel = claimcheck.extract_batch([str(SEEDS), str(archive)], jobs=2)
    assert serial.claims, "nothing extracted: the comparison would be empty"
    assert dump(serial) == dump(parallel)
    assert [s.line for s in serial.skipped] == [6]


def test_parallel_keeps_article_dates_filled_by_extraction():
    arts = [Article(id=f"x{i}", text="Publié le 5 novembre 2024 à 17h39\n\nPlus de 3 000 soldats.", lang="fr")
            for i in range(3)]
    from claimcheck.api import extract_articles
    from claimcheck.registry import load_registry

    reg = load_registry()
    serial = [a.model_copy(deep=True) for a in arts]
    extract_articles(serial, reg, jobs=1)
    extract_articles(arts, reg, jobs=2)
    assert [a.model_dump() for a in serial] == [a.model_dump() for a in arts]


def test_dask_local_cluster_matches_serial(archive):
    pytest.importorskip("dask.distributed")
    from dask.distributed import Client, LocalCluster

    from claimcheck.distributed import extract_distributed

    serial = claimcheck.extract_batch([str(archive), str(SEEDS)])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        dist = extract_distributed([str(archive), str(SEEDS)], scheduler="unused", client=client,
                                   partition_bytes=2000)
    assert serial.claims
    assert dump(serial) == dump(dist)


def test_check_reads_claims_written_by_extract(tmp_path):
    ex = claimcheck.extract_batch([str(SEEDS)])
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(c.model_dump_json() + "\n" for c in ex.claims), encoding="utf-8")
    from claimcheck.api import load_extraction_file

    pre = load_extraction_file(path)
    report = claimcheck.check(pre)
    assert report.summary.claims == len(ex.claims)
    assert report.summary.articles == len({c.article for c in ex.claims})


def test_dask_reads_non_utf8_archives_and_bad_lines_like_serial(tmp_path):
    pytest.importorskip("dask.distributed")
    from dask.distributed import Client, LocalCluster

    from claimcheck.distributed import extract_distributed

    rows = corpus(6)
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_bytes("\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-16"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(rows[0]) + "\n" + "[" * 100000 + "\n" + '{"id": 1, "text": 12}\n'
                   + json.dumps(rows[1]) + "\n", encoding="utf-8")
    paths = [str(utf16), str(bad)]
    serial = claimcheck.extract_batch(paths)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        dist = extract_distributed(paths, scheduler="unused", client=client, partition_bytes=50)
    assert len(serial.articles) == 8 and len(serial.skipped) == 2
    assert dump(serial) == dump(dist)


def test_check_claims_jsonl_through_the_columnar_path_matches_the_object_path(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    ex = claimcheck.extract_batch([str(SEEDS)])
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(c.model_dump_json() + "\n" for c in ex.claims), encoding="utf-8")
    from claimcheck.api import check_claims_table, load_extraction_file

    columnar = check_claims_table([path])
    objects = claimcheck.check(load_extraction_file(path))
    assert columnar.findings and columnar.model_dump_json() == objects.model_dump_json()
    r = subprocess.run([sys.executable, "-m", "claimcheck", "check", "--claims", str(path), "--format", "json",
                        "--fail-on", "never"], cwd=ROOT, capture_output=True, timeout=300)
    assert r.returncode == 0 and json.loads(r.stdout)["summary"]["claims"] == len(ex.claims)
