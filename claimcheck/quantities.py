"""A lazy wrapper around quantulum3, for English physical quantities on candidate spans only.

quantulum3 takes about two seconds to import, so it is imported on the first call, and only called
on a short span that the claim layer already read as a figure followed by a unit word ("95 km",
"10,000 tonnes"). Where quantulum3 fails (tested in bench/README.md): it reads "7.000" as 7, "a-t-il"
as a tonne and French in general poorly, and it knows no hedges or counted nouns; so it names the unit
and nothing else here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_PARSER: Any = None


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        from quantulum3 import parser  # noqa: PLC0415 - deliberately lazy

        _PARSER = parser
    return _PARSER


@lru_cache(maxsize=4096)
def unit_name(span: str, lang: str = "en") -> str | None:
    """The name quantulum3 gives the unit of `span` ("95 km" -> "kilometre"), or None."""
    if lang != "en" or not span.strip():
        return None
    try:
        quants = _parser().parse(span)
    except Exception:  # noqa: BLE001 - a third-party parser must not sink extraction
        return None
    for q in quants:
        name = getattr(getattr(q, "unit", None), "name", None)
        if name and name != "dimensionless":
            return str(name)
    return None


def parse(text: str) -> list[Any]:
    """quantulum3's own reading of `text` (used by the benchmark for comparison)."""
    return list(_parser().parse(text))
