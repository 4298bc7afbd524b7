"""Peers' number suites through find_numbers (fixtures copied into tests/data/numbers, see its README).

Recognizers-Text's French and English number models, scored as the shared scorecard scores them: a
case passes when the sorted values found equal the expected ones (`news_values` where the shared
materials give them; `news_values: null` cases are left out). Where we judge the peer wrong for news
text, the case is listed in JUDGED with the reason, and it still counts as failed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.numbers import find_numbers

DATA = Path(__file__).parent / "data" / "numbers"

# judged wrong for news text (counted as failed): a minus sign set apart from its figure by spaces is
# a dash in news copy (list bullets, datelines: "PARIS - 10 000 personnes"), not a negative sign
JUDGED = {"- 10  k": "a spaced hyphen before a figure is a dash in news text, not a minus sign"}


def _cases(name: str) -> list[dict]:
    rows = [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    return [c for c in rows if c.get("news_values", 0) is not None]


def _hits(name: str, lang: str) -> tuple[int, int, list[str]]:
    hit, misses = 0, []
    cases = _cases(name)
    for c in cases:
        want = sorted(round(float(v), 6) for v in c.get("news_values", c["values"]))
        have = sorted(round(float(m.value), 6) for m in find_numbers(c["text"], lang) if m.value is not None)
        if have == want and c["text"] not in JUDGED:
            hit += 1
        else:
            misses.append(c["text"])
    return hit, len(cases), misses


@pytest.mark.parametrize("name,lang", [("recognizers_fr_numbers", "fr"), ("recognizers_en_numbers", "en")])
def test_peer_number_suites_at_least_95_percent(name: str, lang: str) -> None:
    hit, n, misses = _hits(name, lang)
    assert hit / n >= 0.95, misses
    assert set(misses) <= set(JUDGED) | set(misses[:2]), misses  # at most two misses beyond the judged ones


def test_judged_cases_are_read_our_way() -> None:
    assert [m.value for m in find_numbers("- 10  k", "en")] == [10000]
