"""Acceptance: subjects and kinds of the hand-annotated claims, placed in their articles by surface.

The claims are built from the gold lines (surface located in the text, interval, measure, `since`,
`negated`; the unit with and without), so this measures the subjects stage on its own, whatever the
claims stage does. Seeds: every claim, the two denials included. Dev set (copied into tests/data):
its two domains, from their own YAML files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck import subjects
from claimcheck.models import Article, Claim
from claimcheck.registry import load_registry
from claimcheck.textutil import sentence_of, sentence_spans

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SETS = {"seeds": (DATA / "seeds-gold" / "claims.jsonl", ROOT / "seeds"),
        "devset": (DATA / "devset" / "claims.jsonl", DATA / "devset" / "articles")}


def placed(which: str, units: bool) -> list[tuple[dict, Claim, Article]]:
    gold_path, folder = SETS[which]
    rows = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    arts: dict[str, Article] = {}
    out = []
    for g in rows:
        if g["doc"] not in arts:
            lang = "en" if "_en_" in g["doc"] else "fr"
            arts[g["doc"]] = Article(id=g["doc"], text=(folder / g["doc"]).read_text(encoding="utf-8"),
                                     lang=lang)
        art = arts[g["doc"]]
        start = art.text.index(g["surface"])
        s0, s1 = sentence_of(sentence_spans(art.text), start)
        c = Claim(article=art.id, surface=g["surface"], start=start, end=start + len(g["surface"]),
                  value=g.get("value"), low=g.get("low"), high=g.get("high"),
                  qualifier=g.get("qualifier", "exact"), measure=g.get("measure", "count"),
                  unit=g.get("unit") if units else None, negated=bool(g.get("negated")),
                  since=g.get("since"), lang=art.lang or "fr", sentence=art.text[s0:s1], sentence_start=s0)
        out.append((g, c, art))
    reg = load_registry()
    for art in arts.values():
        subjects.classify(art, [c for _, c, a in out if a is art], reg)
    return out


@pytest.mark.parametrize("units", [True, False], ids=["gold units", "no units"])
def test_seed_subjects_and_kinds(units: bool) -> None:
    rows = placed("seeds", units)
    assert len(rows) == 19
    wrong = [(g["surface"], c.subject, c.kind) for g, c, _ in rows
             if (c.subject, c.kind) != (g["subject"], g["kind"])]
    assert wrong == []


@pytest.mark.parametrize("units", [True, False], ids=["gold units", "no units"])
def test_devset_subjects_and_kinds(units: bool) -> None:
    rows = placed("devset", units)
    assert len(rows) == 127
    subject_ok = sum(c.subject == g["subject"] for g, c, _ in rows)
    kind_ok = sum(c.kind == g["kind"] for g, c, _ in rows)
    # measured 126/127 and 127/127; the floor leaves room for vocabulary changes, not for regressions
    assert subject_ok >= 123, subject_ok
    assert kind_ok >= 124, kind_ok
