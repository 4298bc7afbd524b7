"""Consensus (truth discovery on intervals) on synthetic claims where the answer is known.

Each file in tests/consensus_cases/ gives a small taxonomy, compact claims and what must hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.consensus import render_consensus, run_consensus
from claimcheck.models import Article, Claim, EventDate
from claimcheck.registry import load_registry

CASES = sorted((Path(__file__).parent / "consensus_cases").glob("*.yaml"))
QUAL = {"exact": (1, 1), "more_than": (1, None), "at_least": (1, None), "up_to": (None, 1)}


def make_claim(i: int, row: dict) -> Claim:
    q = row.get("qualifier", "exact")
    lo_f, hi_f = QUAL[q]
    v = float(row["value"])
    d = str(row["date"]) if row.get("date") else None
    return Claim(article=row["article"], surface=f"{row['value']} ({i})", start=i, end=i + 1, value=v,
                 low=v * lo_f if lo_f else None, high=v * hi_f if hi_f else None, qualifier=q,
                 subject=row.get("subject", "test.troops" if "subject" not in row else row["subject"]),
                 attributed_to=row.get("attributed_to"), negated=bool(row.get("negated")),
                 event_date=EventDate(start=d, end=d) if d else None)


def run_case(path: Path, tmp_path: Path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = tmp_path / "rules" / "subjects"
    rules.mkdir(parents=True)
    (rules / "case.yaml").write_text(yaml.safe_dump({"subjects": case["subjects"]}), encoding="utf-8")
    reg = load_registry([tmp_path / "rules"], include_builtin=False)
    subject = case["subjects"][0]["key"]
    claims = [make_claim(i, {"subject": subject, **row}) for i, row in enumerate(case["claims"])]
    arts = [Article(id=a, text=a, published="2024-12-01") for a in sorted({c.article for c in claims})]
    params = case.get("params", {})
    return case, run_consensus(arts, claims, registry=reg, period=params.get("period", "month"),
                               method=params.get("method", "catd"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("method", ["catd", "crh", "gtm"])
def test_consensus_case(path: Path, method: str, tmp_path: Path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    case.setdefault("params", {})["method"] = method
    path2 = tmp_path / path.name
    path2.write_text(yaml.safe_dump(case), encoding="utf-8")
    case, result = run_case(path2, tmp_path)
    exp = case["expect"]
    by_period = {(e.subject, e.period): e for e in result.estimates}
    for want in exp.get("estimates", []):
        e = by_period[(want["subject"], str(want["period"]))]
        assert want["best_min"] <= e.best <= want["best_max"], (method, e)
        if "independent_origins" in want:
            assert e.independent_origins == want["independent_origins"]
        if "furthest_first" in want:
            assert e.furthest and e.furthest[0].attributed_to == want["furthest_first"], e.furthest
        if "furthest_articles" in want:
            assert e.furthest[0].articles == want["furthest_articles"]
        assert e.low is None or e.low <= e.best
        assert e.high is None or e.best <= e.high
    if "lowest_reliability" in exp:
        scored = [r for r in result.reliability if r.score is not None]
        assert min(scored, key=lambda r: (r.score, r.weight)).origin == exp["lowest_reliability"]
    if "undated" in exp:
        got = [{"article": u.claim.article, "fits": u.fits} for u in result.undated]
        assert got == [{"article": w["article"], "fits": [str(f) for f in w["fits"]]} for w in exp["undated"]]
    if "denials" in exp:
        assert [d.article for d in result.denials] == exp["denials"]
    # every format renders
    for fmt in ("rich", "markdown", "json"):
        assert render_consensus(result, fmt)


def test_as_of_keeps_only_evidence_published_by_then(tmp_path):
    case, _ = run_case(Path(__file__).parent / "consensus_cases" / "outlier_origin.yaml", tmp_path)
    claims = [make_claim(i, {"subject": "test.troops", **row}) for i, row in enumerate(case["claims"])]
    arts = [Article(id=a, text=a, published=f"2024-11-{10 + i}") for i, a in enumerate(sorted({c.article for c in claims}))]
    reg = load_registry([tmp_path / "rules"], include_builtin=False)
    res = run_consensus(arts, claims, registry=reg, as_of="2024-11-11")
    assert res.excluded_articles == ["a3", "a4", "a5"]
    assert {r.article for e in res.estimates for r in e.claims} == {"a1", "a2"}


def test_bad_period_is_an_error():
    with pytest.raises(ValueError):
        run_consensus([], [], period="year")


def test_reports_carry_a_consensus_section(seed_report):
    from claimcheck.reports import render

    md = render(seed_report, "markdown")
    assert "## Consensus" in md and "dprk.troops.in_russia" in md.split("## Consensus", 1)[1]
    assert "Undated figures" in md.split("## Consensus", 1)[1]
    html = render(seed_report, "html")
    assert 'id="consensus"' in html and "Denials" in html
    assert "Consensus" in render(seed_report, "rich", width=120)
