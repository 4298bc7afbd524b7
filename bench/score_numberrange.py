"""The claim layer's intervals against Recognizers-Text's English number-range suite.

    python3 bench/score_numberrange.py [-v]

For each case of `tests/data/numbers/recognizers_en_numberrange.jsonl` (copied from the shared peers
folder), builds the claims of its text and compares their (low, high) intervals with the peer's, as
multisets. Open and closed ends are not told apart: claimcheck's intervals are closed by convention
("more than 30" is low = 30, high open). Cases where we judge the peer's expectation wrong for news
text are listed in JUDGED and counted as failed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimcheck.claims import build_claims  # noqa: E402
from claimcheck.models import Article  # noqa: E402
from claimcheck.registry import default_registry  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "numbers" / "recognizers_en_numberrange.jsonl"

# cases whose expectation we judge wrong for news text (counted as failed all the same)
JUDGED = {
    "He is more than thirty years old.": "an age, not a count: claimcheck makes no claim of it",
    "He is over thirty years old.": "an age, not a count",
    "His age is no less than thirty.": "an age, not a count",
    "He ranks between the tenth and the fifteenth.": "ordinals are not figures",
    "He ranks higher than the tenth but lower than the fifteenth.": "ordinals are not figures",
    "The number is from 200 to 300 in 2008": "a plain range: news reads [200, 300]",
}


def parse_interval(s: str) -> tuple[float | None, float | None]:
    m = re.fullmatch(r"[\[(]([^,]*),([^\])]*)[\])]", s.strip())
    if not m:
        raise ValueError(s)
    lo, hi = m.group(1).strip(), m.group(2).strip()
    return (float(lo) if lo else None, float(hi) if hi else None)


def key(lo: float | None, hi: float | None) -> tuple[float | None, float | None]:
    return (round(lo, 6) if lo is not None else None, round(hi, 6) if hi is not None else None)


def score(verbose: bool = False) -> tuple[int, int]:
    reg = default_registry()
    hit = n = 0
    for line in DATA.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        n += 1
        want = sorted((key(*parse_interval(e["interval"])) for e in case["expected"]), key=str)
        claims = build_claims(Article(id=case["id"], text=case["text"], lang="en"), reg)
        got = sorted((key(c.low, c.high) for c in claims), key=str)
        ok = got == want and case["text"] not in JUDGED
        hit += ok
        if verbose and not ok:
            why = JUDGED.get(case["text"], "")
            print(f"  {case['text'][:70]!r}: want {want}, got {got} {why}")
    return hit, n


if __name__ == "__main__":
    h, total = score("-v" in sys.argv)
    print(f"recognizers_en_numberrange (claim intervals): {h}/{total} ({h / total:.1%})")
