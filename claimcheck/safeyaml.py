"""Loading YAML data files safely: no tags, no aliases, bounded size, errors that name file and key.

Rule, subject, source and vocabulary files (and article front matter) are data. They are read with
PyYAML's safe loader, further restricted: explicit tags (`!!python/object/apply:...`, `!custom`,
even `!!str`) are refused, anchors and aliases are refused (an alias bomb cannot expand), duplicate
keys are refused, nesting is bounded, and a file larger than MAX_BYTES is refused before parsing.
Every refusal is a ConfigError naming the file, the key path (`subjects[2].words`) and the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 2_000_000
MAX_DEPTH = 64


class ConfigError(Exception):
    """An invalid rule, vocabulary or config file: stops the run with exit 2."""

    def __init__(self, path: str | Path, message: str, key: str | None = None):
        self.path = str(path)
        self.key = key
        self.message = message
        where = f"{self.path}" + (f": {key}" if key else "")
        super().__init__(f"{where}: {message}")


class _Refused(yaml.MarkedYAMLError):
    """A construct the strict loader refuses, with the key path where it stands."""

    def __init__(self, problem: str, mark: Any, key: str | None):
        super().__init__(problem=problem, problem_mark=mark)
        self.key = key


def _key_text(node: Any) -> str:
    """A mapping key as it appears in a key path."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    return "<complex key>"


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses tags, anchors, aliases, duplicate keys and deep nesting."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._path: list[str] = []

    def _where(self) -> str | None:
        out = ""
        for part in self._path:
            out += part if part.startswith("[") else (f".{part}" if out else part)
        return (out if len(out) <= 120 else out[:119] + "…") or None

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if isinstance(index, yaml.Node):
            self._path.append(_key_text(index))
        elif isinstance(index, int) and isinstance(parent, yaml.SequenceNode):
            self._path.append(f"[{index}]")
        else:
            self._path.append("")  # a mapping key itself, or the document root
        try:
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent):
                raise _Refused("aliases (*name) are not allowed in claimcheck data files",
                               event.start_mark, self._where())
            if getattr(event, "anchor", None) is not None:
                raise _Refused("anchors (&name) are not allowed in claimcheck data files",
                               event.start_mark, self._where())
            tag = getattr(event, "tag", None)
            if tag is not None and not isinstance(event, yaml.AliasEvent):
                raise _Refused(f"tags ({tag}) are not allowed in claimcheck data files",
                               event.start_mark, self._where())
            if len(self._path) > MAX_DEPTH:
                raise _Refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark, self._where())
            return super().compose_node(parent, index)
        finally:
            self._path.pop()

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # type: ignore[override]
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value, not a list or mapping",
                    key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _refuse_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    # second line of defence: explicit tags are refused while composing already
    raise yaml.constructor.ConstructorError(
        None, None, f"tag {node.tag!r} is not allowed in claimcheck data files", node.start_mark
    )


_StrictLoader.add_multi_constructor("!", _refuse_tag)
_StrictLoader.add_multi_constructor("tag:", _refuse_tag)


def _node_path(root: Any, mark: Any) -> str | None:
    """The key path of the node starting at `mark` in a composed tree (for construction errors)."""
    if root is None or mark is None:
        return None
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if node.start_mark.index == mark.index and path:
            return path
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                kp = f"{path}.{_key_text(k)}" if path else _key_text(k)
                if k.start_mark.index == mark.index:
                    return kp
                stack.append((v, kp))
        elif isinstance(node, yaml.SequenceNode):
            stack += [(v, f"{path}[{i}]") for i, v in enumerate(node.value)]
    return None


def _error(path: str | Path, exc: yaml.MarkedYAMLError, key: str | None) -> ConfigError:
    mark = exc.problem_mark or exc.context_mark
    line = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    what = "refused" if isinstance(exc, _Refused) else "invalid YAML"
    return ConfigError(path, f"{what}: {exc.problem or exc.context}{line}", key=key)


def loads(text: str, path: str | Path = "<string>") -> Any:
    """Parse YAML text with the strict loader; errors become ConfigError naming the path and key."""
    if len(text) > MAX_BYTES:
        raise ConfigError(path, f"file too large ({len(text)} characters; limit {MAX_BYTES})")
    loader = _StrictLoader(text)
    node = None
    try:
        node = loader.get_single_node()
        return None if node is None else loader.construct_document(node)
    except _Refused as exc:
        raise _error(path, exc, exc.key) from None
    except yaml.MarkedYAMLError as exc:
        raise _error(path, exc, _node_path(node, exc.problem_mark)) from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise ConfigError(path, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()


def load(path: str | Path) -> Any:
    """Read and parse one YAML file with the strict loader."""
    p = Path(path)
    try:
        if not p.is_file():
            raise ConfigError(p, "not a regular file")
        size = p.stat().st_size
    except OSError as exc:
        raise ConfigError(p, f"cannot read: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise ConfigError(p, f"file too large ({size} bytes; limit {MAX_BYTES})")
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        text = data.decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(p, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(p, f"not UTF-8 text (byte {exc.start})") from None
    return loads(text, p)
