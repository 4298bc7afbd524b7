"""Loading YAML data files safely: no tags, no aliases, bounded size, errors that name file and key.

Rule, subject, source and vocabulary files are data. They are read with PyYAML's safe loader, and
further restricted: anchors and aliases are refused (an alias bomb cannot expand), custom tags are
refused, duplicate keys are refused, and a file larger than MAX_BYTES is refused before parsing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 2_000_000


class ConfigError(Exception):
    """An invalid rule, vocabulary or config file: stops the run with exit 2."""

    def __init__(self, path: str | Path, message: str, key: str | None = None):
        self.path = str(path)
        self.key = key
        self.message = message
        where = f"{self.path}" + (f": {key}" if key else "")
        super().__init__(f"{where}: {message}")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and duplicate mapping keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "aliases are not allowed in claimcheck data files", event.start_mark
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "anchors are not allowed in claimcheck data files", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # type: ignore[override]
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hashable = key in seen
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, f"unhashable key {key!r}", key_node.start_mark
                ) from None
            if hashable:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _refuse_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    raise yaml.constructor.ConstructorError(
        None, None, f"tag {node.tag!r} is not allowed in claimcheck data files", node.start_mark
    )


_StrictLoader.add_multi_constructor("!", _refuse_tag)
_StrictLoader.add_multi_constructor("tag:", _refuse_tag)


def loads(text: str, path: str | Path = "<string>") -> Any:
    """Parse YAML text with the strict loader; errors become ConfigError naming the path and line."""
    if len(text) > MAX_BYTES:
        raise ConfigError(path, f"file too large ({len(text)} characters; limit {MAX_BYTES})")
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - strict SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"line {mark.line + 1}" if mark is not None else None
        raise ConfigError(path, f"invalid YAML: {exc.problem or exc.context}", key=line) from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise ConfigError(path, "invalid YAML: nesting too deep") from None


def load(path: str | Path) -> Any:
    """Read and parse one YAML file with the strict loader."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ConfigError(p, f"cannot read: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise ConfigError(p, f"file too large ({size} bytes; limit {MAX_BYTES})")
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(p, f"cannot read: {exc}") from None
    return loads(text, p)
