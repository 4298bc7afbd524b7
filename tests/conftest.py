"""Shared fixtures: paths inside the repository, the seed batch and its gold annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, list[dict]]:
    d = DATA / "seeds-gold"
    return {name: load_jsonl(d / f"{name}.jsonl") for name in ("claims", "not_claims", "findings")}


@pytest.fixture(scope="session")
def seed_extraction():
    """The seeds' extraction through the API, once per session."""
    import claimcheck

    return claimcheck.extract_batch([str(SEEDS)])


@pytest.fixture(scope="session")
def seed_report():
    import claimcheck

    return claimcheck.check([str(SEEDS)])
