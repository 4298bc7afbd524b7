"""A registry holding only the date vocabulary, shared by the date tests (import `reg` as a fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import safeyaml
from claimcheck.registry import Registry, _add_vocab

ROOT = Path(__file__).resolve().parent.parent


def dates_registry() -> Registry:
    """The French and English date vocabulary of the checkout, and nothing else."""
    r = Registry(dirs=())
    for lang in ("fr", "en"):
        path = ROOT / "rules" / "lang" / lang / "dates.yaml"
        _add_vocab(r, lang, "dates", path, safeyaml.load(path))
    return r


@pytest.fixture(scope="module")
def reg() -> Registry:
    return dates_registry()
