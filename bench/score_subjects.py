#!/usr/bin/env python3
"""Subject and kind accuracy of `subjects.classify` on gold claims placed in their articles.

Until the claims stage produces claims, this builds one Claim per gold line: the gold surface located
in the article text, its interval, unit, measure, `since` and `negated` from the gold, the sentence from
textutil.sentence_spans. `--no-units` drops the gold unit, to see how the stage does on its own.

    python3 bench/score_subjects.py [--no-units] [--verbose] [--gold DIR --articles DIR ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck import subjects  # noqa: E402
from claimcheck.models import Article, Claim  # noqa: E402
from claimcheck.registry import load_registry  # noqa: E402
from claimcheck.textutil import sentence_of, sentence_spans  # noqa: E402

SHARED = ROOT.parent / "shared"
SETS = {"seeds": (SHARED / "seeds-gold", ROOT / "seeds"),
        "devset": (SHARED / "devset", SHARED / "devset" / "articles")}


def lang_of(name: str, text: str) -> str:
    if "_en_" in name:
        return "en"
    if "_fr_" in name:
        return "fr"
    return "fr"


def gold_claims(gold_dir: Path, articles: Path, units: bool) -> dict[str, tuple[Article, list[tuple[dict, Claim]]]]:
    out: dict[str, tuple[Article, list[tuple[dict, Claim]]]] = {}
    for line in (gold_dir / "claims.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        name = g["doc"]
        if name not in out:
            text = (articles / name).read_text(encoding="utf-8")
            out[name] = (Article(id=name, text=text, lang=lang_of(name, text)), [])
        art, rows = out[name]
        start = art.text.find(g["surface"])
        if start < 0:
            print(f"surface not found: {name}: {g['surface']!r}", file=sys.stderr)
            continue
        end = start + len(g["surface"])
        s0, s1 = sentence_of(sentence_spans(art.text), start)
        c = Claim(article=name, surface=g["surface"], start=start, end=end, value=g.get("value"),
                  low=g.get("low"), high=g.get("high"), qualifier=g.get("qualifier", "exact"),
                  measure=g.get("measure", "count"), unit=g.get("unit") if units else None,
                  negated=bool(g.get("negated")), since=g.get("since"), lang=art.lang or "fr",
                  sentence=art.text[s0:s1], sentence_start=s0)
        rows.append((g, c))
    return out


def score(which: str, units: bool, verbose: bool, rules: list[str]) -> tuple[int, int, int]:
    gold_dir, articles = SETS[which]
    reg = load_registry(rules)
    n = subj = kind = 0
    for name, (art, rows) in sorted(gold_claims(gold_dir, articles, units).items()):
        claims = [c for _, c in rows]
        subjects.classify(art, claims, reg)
        for g, c in rows:
            n += 1
            ok_s, ok_k = g.get("subject") == c.subject, g.get("kind") == c.kind
            subj += ok_s
            kind += ok_k
            if verbose and not (ok_s and ok_k):
                print(f"  {name[:3]} {g['surface']!r}: subject {c.subject} (gold {g.get('subject')}), "
                      f"kind {c.kind} (gold {g.get('kind')})")
    return n, subj, kind


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", default=list(SETS))
    ap.add_argument("--no-units", action="store_true", help="drop the gold unit from each claim")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    ap.add_argument("--rules", action="append", default=[], help="extra rules folder")
    a = ap.parse_args()
    for which in a.sets:
        n, s, k = score(which, not a.no_units, a.verbose, a.rules)
        print(f"{which}{' (no units)' if a.no_units else ''}: subject exact {s}/{n}, kind exact {k}/{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
