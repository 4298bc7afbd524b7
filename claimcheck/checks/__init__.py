"""The check types: one module each, registered here by the name rule files use in `check:`.

A check type module provides `Params` (a pydantic model of its parameters, extra keys refused),
`PLACEHOLDERS` (the names its message templates may use), `VARIANTS` (the alternative messages it
may ask for) and `run(ctx, rule) -> list[Finding]`. A new check type is one module plus one line here.
"""

from __future__ import annotations

from types import ModuleType

from . import arithmetic, change, conflict, data_quality, denial, monotonic, part_of_whole, single_source

CHECKS: dict[str, ModuleType] = {
    "arithmetic": arithmetic,
    "change": change,
    "conflict": conflict,
    "data_quality": data_quality,
    "denial": denial,
    "monotonic": monotonic,
    "part_of_whole": part_of_whole,
    "single_source": single_source,
}

__all__ = ["CHECKS"]
