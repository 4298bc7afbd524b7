"""Attribution on the annotated corpora: claims built at the gold surfaces carry the gold origin.

The fixtures are copies of ../shared/seeds-gold/claims.jsonl and ../shared/devset/ (see
tests/attribution_fixtures/README.md); the seed articles are the repository's own `seeds/`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "attribution_fixtures"))

from measure import measure  # noqa: E402


def test_seed_claims_carry_the_gold_origin_denials_included() -> None:
    right, total, misses = measure("seeds")
    assert total == 19
    assert misses == []


def test_devset_claims_carry_the_gold_origin() -> None:
    right, total, misses = measure("devset")
    assert total == 127
    assert right / total >= 0.95, misses
