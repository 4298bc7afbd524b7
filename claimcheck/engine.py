"""The rules engine: load rule files, run their check types over claims, return findings."""

from __future__ import annotations

from .models import Article, Claim, Finding
from .registry import Registry


def run_rules(articles: list[Article], claims: list[Claim], registry: Registry,
              select: list[str] | None = None, ignore: list[str] | None = None,
              params: dict | None = None) -> list[Finding]:
    """Every finding of the selected rules over the batch, sorted as the contract says."""
    return []
