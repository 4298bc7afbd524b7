"""Report renderers, one module per format: `render(report, fmt, ...)` returns the text to print."""

from __future__ import annotations

from importlib import import_module

from ..models import Report

FORMATS = ("rich", "json", "markdown", "html", "sarif", "junit", "github")
_MODULES = {"rich": "terminal", "json": "jsonfmt", "markdown": "markdown", "html": "html",
            "sarif": "sarif", "junit": "junit", "github": "github"}


def render(report: Report, fmt: str, *, width: int | None = None, color: bool = False) -> str:
    """The report in format `fmt` as text (for `rich`, plain unless `color`)."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    mod = import_module(f".{_MODULES[fmt]}", __name__)
    return mod.render(report, width=width, color=color)
