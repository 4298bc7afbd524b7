"""The time stage measured on annotated articles and on peer date suites (copies in tests/data/dates).

Claims are built from the gold surfaces located in each article (the claims stage is not needed),
then dated; the interval must lie inside the gold one widened by three days, as in the scorecard.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "dates"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("score_dates", ROOT / "bench" / "score_dates.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def reg(bench):
    return bench.date_registry()


def test_seed_dates_and_flags(bench, reg):
    r = bench.score_gold(DATA / "seeds", ROOT / "seeds", reg)
    assert r["dated"] == 11
    assert r["ok"] == r["dated"]
    assert r["invented"] == 0
    flags = {doc[:3]: fl for doc, fl in r["flags"].items()}
    for doc in ("001", "002", "004"):
        assert "undated" in flags[doc]
    assert "published=2024-11-30 (inferred)" in flags["002"]
    assert "republished" in flags["003"]
    assert "undated" not in flags["000"] and "undated" not in flags["003"]
    assert not any("republished" in flags[d] for d in ("000", "001", "002", "004"))


def test_devset_dates(bench, reg):
    r = bench.score_gold(DATA / "devset", DATA / "devset" / "articles", reg)
    assert r["dated"] == 127
    assert r["ok"] / r["dated"] >= 0.95
    assert r["invented"] == 0
    flags = {doc[:3]: fl for doc, fl in r["flags"].items()}
    assert "undated" in flags["a04"] and "undated" in flags["a12"]
    assert sum("undated" in fl for fl in flags.values()) == 2
    assert not any("republished" in fl for fl in flags.values())


def test_peer_date_suites(bench, reg):
    ok, n = bench.score_peers(DATA, reg)
    assert n == 200
    assert ok / n >= 0.90
