"""Finding and loading the data folders: built-in `rules/` plus any `--rules DIR` a user adds.

A rules folder holds four kinds of YAML file, told apart by the sub-folder they sit in:

- `checks/*.yaml`      one rule per file (code, name, severity, message, check type, parameters)
- `subjects/*.yaml`    subject taxonomy entries (what is counted, its kind, the words that select it)
- `sources/*.yaml`     source registry entries (who speaks, their aliases, kind and side)
- `lang/<code>/*.yaml` per-language vocabulary: number words, hedges, date words, attribution cues...

A file outside those folders is placed by its top-level key (`code` -> a rule, `subjects`, `sources`,
`lang` + `vocabulary`). Later folders extend earlier ones: lists are appended, mappings merged, so a
user's folder adds phrasings, subjects or sources without copying the built-in files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import safeyaml
from .safeyaml import ConfigError

YAML_SUFFIXES = (".yaml", ".yml")


def builtin_rules_dir() -> Path:
    """The built-in rules folder: shipped in the wheel, or the checkout's top-level `rules/`."""
    here = Path(__file__).resolve().parent
    packaged = here / "builtin_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


def merge(base: Any, extra: Any, path: Path | None = None, key: str = "") -> Any:
    """Deep-merge two vocabulary documents: mappings merged key by key, lists appended.

    With `path` (the file `extra` comes from), a value whose shape differs from the one it
    extends (a number where the built-in vocabulary has a list, a list where it has a mapping) is
    a ConfigError naming that file and key, instead of silently replacing the built-in entry.
    """
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            sub = f"{key}.{k}" if key else str(k)
            out[k] = merge(out[k], v, path, sub) if k in out else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    if path is not None and base is not None and extra is not None and _shape(base) != _shape(extra):
        raise ConfigError(path, f"expected {_shape(base)} (as in the vocabulary it extends), "
                                f"got {_shape(extra)}", key=key or None)
    return extra


def _shape(v: Any) -> str:
    """A value's shape for vocabulary type checks: a mapping, a list or a single value."""
    return "a mapping" if isinstance(v, dict) else "a list" if isinstance(v, list) else "a single value"


@dataclass
class Registry:
    """Everything the data folders say, as raw documents tagged with their paths."""

    dirs: tuple[Path, ...]
    rule_docs: list[tuple[Path, Any]] = field(default_factory=list)
    subject_docs: list[tuple[Path, Any]] = field(default_factory=list)
    source_docs: list[tuple[Path, Any]] = field(default_factory=list)
    vocab: dict[str, dict[str, Any]] = field(default_factory=dict)
    vocab_paths: dict[str, dict[str, list[Path]]] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def lexicon(self, lang: str, name: str) -> dict[str, Any]:
        """The merged vocabulary document `name` (e.g. `numbers`) for language `lang`; {} if none."""
        doc = self.vocab.get(lang, {}).get(name)
        return doc if isinstance(doc, dict) else {}

    def languages(self) -> list[str]:
        return sorted(self.vocab)

    def cached(self, key: str, build: Any) -> Any:
        """Memoise a structure compiled from this registry (patterns, indexes)."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]


def _yaml_files(root: Path) -> list[Path]:
    files: list[Path] = []
    seen: set[Path] = set()
    for p in sorted(root.rglob("*")):
        if p.suffix.lower() not in YAML_SUFFIXES or not p.is_file():
            continue
        real = p.resolve()
        if real in seen:
            continue
        seen.add(real)
        files.append(p)
    return files


def _add_vocab(reg: Registry, lang: str, name: str, path: Path, doc: Any) -> None:
    if not isinstance(doc, dict):
        raise ConfigError(path, "a vocabulary file must be a mapping")
    lang_vocab = reg.vocab.setdefault(lang, {})
    lang_vocab[name] = merge(lang_vocab.get(name, {}), doc, path)
    reg.vocab_paths.setdefault(lang, {}).setdefault(name, []).append(path)


def _place(reg: Registry, root: Path, path: Path) -> None:
    doc = safeyaml.load(path)
    if doc is None:
        return
    parts = path.relative_to(root).parts
    top = parts[0] if len(parts) > 1 else ""
    if top in ("checks", "rules"):
        reg.rule_docs.append((path, doc))
    elif top == "subjects":
        reg.subject_docs.append((path, doc))
    elif top == "sources":
        reg.source_docs.append((path, doc))
    elif top == "lang" and len(parts) == 3:
        _add_vocab(reg, parts[1], path.stem, path, doc)
    elif isinstance(doc, dict) and "code" in doc:
        reg.rule_docs.append((path, doc))
    elif isinstance(doc, dict) and "subjects" in doc:
        reg.subject_docs.append((path, doc))
    elif isinstance(doc, dict) and "sources" in doc:
        reg.source_docs.append((path, doc))
    elif isinstance(doc, dict) and "lang" in doc and "vocabulary" in doc:
        lang, name = doc.get("lang"), doc.get("vocabulary")
        if not isinstance(lang, str) or not isinstance(name, str):
            raise ConfigError(path, "`lang` and `vocabulary` must be strings", key="lang")
        body = {k: v for k, v in doc.items() if k not in ("lang", "vocabulary")}
        _add_vocab(reg, lang, name, path, body)
    # other YAML files (e.g. rule test cases under tests/) are not part of a rules folder


def _validate(reg: Registry) -> None:
    """Check the subject and source files against their schemas now, whatever the command.

    A hostile or mistyped file then stops every run (extract, check, rules list) with its path
    and key, not only the runs that happen to reach the stage using it.
    """
    from .sources import load_sources
    from .subjects import load_taxonomy

    load_taxonomy(reg)
    load_sources(reg)


@lru_cache(maxsize=16)
def _load(dirs: tuple[Path, ...]) -> Registry:
    reg = Registry(dirs=dirs)
    for root in dirs:
        if not root.is_dir():
            raise ConfigError(root, "rules folder not found")
        for path in _yaml_files(root):
            _place(reg, root, path)
    _validate(reg)
    return reg


def load_registry(extra_dirs: list[str | Path] | tuple[str | Path, ...] = (),
                  include_builtin: bool = True) -> Registry:
    """Load the built-in rules folder and any extra folders, in that order (cached)."""
    dirs: list[Path] = [builtin_rules_dir()] if include_builtin else []
    dirs += [Path(d).resolve() for d in extra_dirs]
    return _load(tuple(dirs))


def default_registry() -> Registry:
    return load_registry()
