"""`--format json`: the contract's report shape, deterministic (same batch, same bytes)."""

from __future__ import annotations

import json
from typing import Any

from ..models import Claim, Extraction, Report


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(report: Report, *, width: int | None = None, color: bool = False) -> str:
    return dumps(report.model_dump(mode="json"))


def claim_line(claim: Claim) -> str:
    """One claim as a JSON line (`extract --format jsonl`)."""
    return json.dumps(claim.model_dump(mode="json"), ensure_ascii=False)


def render_extraction(ex: Extraction) -> str:
    """`extract --format json`: articles, claims and skipped inputs."""
    return dumps(ex.model_dump(mode="json"))
