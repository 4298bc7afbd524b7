#!/usr/bin/env python3
"""Score the rules alone on the gold claims of the seeds and the dev set (no extraction involved).

Each gold claim (`claims.jsonl`) becomes a structured Claim: its surface is located in the article
text for the offsets, its event date parsed (`2024-08`, `A/B`), its subject, kind and origin kept.
Articles carry the flags the gold's data-quality findings name (so the data-quality rules, which
only pass extraction's flags on, are not measured here), and a claim gets `translation_artifact`
when the gold lists it in such a finding. The taxonomy is the repository's `rules/subjects/`; the
sources and their sides come from `bench/gold_sources.yaml` (derived from the gold READMEs) unless
`rules/sources/` already defines them. Then `run_rules` runs and the findings are scored with the
scorecard's own matching (`../shared/tools/scorecard.py`): gold findings found (compatible kind, at
least two of their claims), consistent cases flagged, and relational findings no gold supports.

    python3 bench/score_rules_on_gold.py [seeds|devset|all] [-v]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

import yaml  # noqa: E402

from claimcheck import safeyaml  # noqa: E402
from claimcheck.engine import run_rules  # noqa: E402
from claimcheck.models import Article, Claim, EventDate  # noqa: E402
from claimcheck.registry import load_registry  # noqa: E402

CORPORA = {
    "seeds": (ROOT / "seeds", SHARED / "seeds-gold"),
    "devset": (SHARED / "devset" / "articles", SHARED / "devset"),
    "heldout": (ROOT / "tests" / "data" / "heldout" / "articles", ROOT / "tests" / "data" / "heldout"),
}


def _scorecard():
    spec = importlib.util.spec_from_file_location("scorecard", SHARED / "tools" / "scorecard.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _event_date(ev: str | None) -> EventDate | None:
    if not ev:
        return None
    a, _, b = str(ev).partition("/")
    return EventDate(start=a, end=b or a)


def build(articles_dir: Path, gold_dir: Path) -> tuple[list[Article], list[Claim], dict]:
    """Articles and structured claims from the gold; a map from claim offsets to gold refs."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(articles_dir.glob("*.txt"))}
    findings = [json.loads(x) for x in (gold_dir / "findings.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    art_flags: dict[str, set[str]] = {}
    claim_flags: dict[tuple[str, str], set[str]] = {}
    for f in findings:
        if f["kind"] != "data_quality":
            continue
        if f.get("article"):
            art_flags.setdefault(f["article"], set()).add(f["flag"])
        for r in f.get("claim_refs", []):
            claim_flags.setdefault((r["doc"], r["surface"]), set()).add(f["flag"])
    articles = [Article(id=name, text=t, flags=sorted(art_flags.get(name, ()))) for name, t in texts.items()]
    claims: list[Claim] = []
    refs: dict = {}
    for line in (gold_dir / "claims.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        start = texts[g["doc"]].find(g["surface"])
        c = Claim(article=g["doc"], surface=g["surface"], start=start, end=start + len(g["surface"]),
                  value=g.get("value"), low=g.get("low"), high=g.get("high"), qualifier=g["qualifier"],
                  measure=g.get("measure") or ("percent" if g.get("unit") in ("%",) else "count"),
                  unit=g.get("unit"), subject=g.get("subject"), kind=g.get("kind"),
                  attributed_to=g.get("attributed_to"), negated=bool(g.get("negated")),
                  event_date=_event_date(g.get("event_date")), since=g.get("since"),
                  flags=sorted(claim_flags.get((g["doc"], g["surface"]), ())))
        claims.append(c)
        refs[(c.article, c.start, c.end)] = (g["doc"], g["surface"])
    return articles, claims, refs


def _relations_only(doc: dict) -> dict:
    """A subject file reduced to what the rules read (keys, kinds, relations, parties)."""
    keep = ("key", "kind", "part_of", "measure")
    return {"parties": doc.get("parties", []),
            "subjects": [{k: s[k] for k in keep if k in s} for s in doc.get("subjects", [])]}


def registry_dir() -> Path:
    """A rules folder with the repository's subjects and the gold sources (unless the repo has them)."""
    tmp = Path(tempfile.mkdtemp(prefix="cc-gold-"))
    (tmp / "subjects").mkdir()
    for src in sorted((ROOT / "rules" / "subjects").glob("*.yaml")):
        (tmp / "subjects" / src.name).write_text(yaml.safe_dump(_relations_only(safeyaml.load(src))))
    (tmp / "sources").mkdir()
    if not any((ROOT / "rules" / "sources").glob("*.yaml")):
        shutil.copy(ROOT / "bench" / "gold_sources.yaml", tmp / "sources" / "gold.yaml")
    else:
        shutil.copytree(ROOT / "rules" / "sources", tmp / "sources", dirs_exist_ok=True)
    return tmp


def score(name: str, verbose: bool) -> None:
    sc = _scorecard()
    articles_dir, gold_dir = CORPORA[name]
    articles, claims, refs = build(articles_dir, gold_dir)
    reg = load_registry([registry_dir()], include_builtin=False)
    rules_reg = load_registry()
    from claimcheck.engine import load_rules

    findings = run_rules(articles, claims, reg, rules=load_rules(rules_reg))
    dumped = [json.loads(f.model_dump_json()) for f in findings]
    negated = {refs[c.key()] for c in claims if c.negated}
    gold = [json.loads(x) for x in (gold_dir / "findings.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    res = sc.score_findings(gold, dumped, lambda c: refs.get((c.get("article"), c.get("start"), c.get("end"))),
                            negated)
    found = sum(r["ok"] for r in res["rows"])
    relational = [r for r in res["rows"] if r["kind"] not in ("data_quality",)]
    print(f"{name} (gold claims) findings: {found}/{len(res['rows'])} found "
          f"({sum(r['ok'] for r in relational)}/{len(relational)} excluding data_quality); consistent cases "
          f"flagged {res['false_alarms']}/{res['consistent']}; {len(findings)} findings reported, "
          f"{res['unsupported']} of {res['relational']} relational ones supported by no gold finding")
    for r in res["rows"]:
        if not r["ok"]:
            print(f"  missed: {r['kind']} {r['subject'] or r['article']}: {r['why'][:100]}")
    if verbose:
        for f in findings:
            print(f"  [{f.code} {f.severity} {f.kind}] {f.message}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", nargs="?", default="all", choices=["seeds", "devset", "heldout", "all"])
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    for name in (["seeds", "devset", "heldout"] if a.what == "all" else [a.what]):
        score(name, a.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
