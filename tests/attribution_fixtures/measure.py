"""Attribution accuracy on gold claims: claims built from the gold surfaces, attributed, compared.

Usage (from the repository root): python3 tests/attribution_fixtures/measure.py [seeds|devset]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.attribution import attribute  # noqa: E402
from claimcheck.models import Article, Claim  # noqa: E402
from claimcheck.registry import load_registry  # noqa: E402
from claimcheck.textutil import sentence_of, sentence_spans  # noqa: E402

SETS = {"seeds": (HERE / "seeds_claims.jsonl", ROOT / "seeds"),
        "devset": (HERE / "devset_claims.jsonl", HERE / "devset")}


def gold_claims(name: str) -> dict[str, tuple[Article, list[tuple[dict, Claim]]]]:
    """Per article: the article and (gold line, claim built at the gold surface) pairs."""
    gold_path, art_dir = SETS[name]
    out: dict[str, tuple[Article, list[tuple[dict, Claim]]]] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        doc = g["doc"]
        if doc not in out:
            text = (art_dir / doc).read_text(encoding="utf-8")
            lang = "en" if "_en_" in doc else "fr"
            out[doc] = (Article(id=doc, text=text, lang=lang), [])
        art = out[doc][0]
        start = art.text.find(g["surface"])
        if start < 0:
            continue
        end = start + len(g["surface"])
        s, e = sentence_of(sentence_spans(art.text), start)
        claim = Claim(article=doc, surface=g["surface"], start=start, end=end, value=g.get("value"),
                      low=g.get("low"), high=g.get("high"), qualifier=g.get("qualifier", "exact"),
                      negated=bool(g.get("negated")), lang=art.lang or "fr",
                      sentence=art.text[s:e], sentence_start=s)
        out[doc][1].append((g, claim))
    return out


def measure(name: str, registry=None) -> tuple[int, int, list[str]]:
    """(right, total, misses) of attributed_to on the set's gold claims."""
    reg = registry or load_registry()
    right, total, misses = 0, 0, []
    for doc, (art, pairs) in sorted(gold_claims(name).items()):
        claims = [c for _, c in pairs]
        attribute(art, claims, reg)
        for g, c in pairs:
            total += 1
            if c.attributed_to == g.get("attributed_to"):
                right += 1
            else:
                misses.append(f"{doc}: {g['surface']!r}: gold {g.get('attributed_to')}, got "
                              f"{c.attributed_to} ({c.attributed_text!r})")
    return right, total, misses


def main() -> None:
    for name in sys.argv[1:] or list(SETS):
        right, total, misses = measure(name)
        print(f"{name}: attribution {right}/{total} = {right / total:.3f}")
        for m in misses:
            print("  " + m)


if __name__ == "__main__":
    main()
