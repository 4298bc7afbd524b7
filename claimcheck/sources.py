"""The source registry: who can state a figure, their names in each language, kind and side.

Loaded from `sources/*.yaml` in every rules folder:

    sources:
      - key: kr.nis
        kind: intelligence_service
        side: south_korea
        names:
          fr: ["services de renseignement sud-coréens", "agence de renseignement sud-coréenne"]
          en: ["National Intelligence Service", "Seoul's intelligence service"]
        aliases: ["NIS"]          # written the same in every language (acronyms)
        metonyms:                 # names that stand for a whole state ("Séoul", "la Corée du Sud")
          fr: ["Séoul"]
        context_names:            # names this source has only where its context words appear
          fr: ["ministère de la Défense"]
        context:
          fr: ["sud-coréen", "Séoul"]

A metonym (a capital or a country speaking) is a weaker name than an organ's own: attribution may
refine it to a more specific source of the same side named in the same report. A context name is
shared by several sources ("la préfecture de police", "the health ministry"): it resolves to the
source whose context words stand nearest, and stays unresolved when none does.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .registry import Registry
from .safeyaml import ConfigError

SourceKind = Literal[
    "government", "armed_forces", "intelligence_service", "state_media", "news_outlet",
    "independent_analyst", "anonymous_official", "international_org", "union", "ngo", "company",
    "legislator", "police", "research", "other",
]


class Source(BaseModel):
    """One source: a stable key, its kind, the side it speaks for (if any) and its names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    kind: SourceKind = "other"
    side: str | None = None
    label: str | None = None
    names: dict[str, list[str]] = Field(default_factory=dict)
    aliases: list[str] = Field(default_factory=list)
    # names standing for the whole state (a capital, the country): refinable to a specific organ
    metonyms: dict[str, list[str]] = Field(default_factory=dict)
    # names shared with other sources, used only where one of `context`'s words stands nearby
    context_names: dict[str, list[str]] = Field(default_factory=dict)
    context: dict[str, list[str]] = Field(default_factory=dict)
    # a source that usually relays others' figures (news agencies, lawmakers) rather than originating them
    relay: bool = False
    description: str | None = None


class Side(BaseModel):
    """A party (a state, mostly): the words for its people and who speaks for each of its roles.

    "l'ambassadeur russe", "the US special envoy", "un responsable ukrainien": a role noun (from the
    attribution vocabulary) with the side's demonym names the source the side's `roles` give.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    side: str
    demonyms: dict[str, list[str]] = Field(default_factory=dict)
    roles: dict[str, str] = Field(default_factory=dict)  # role family -> source key


class SourceFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[Source] = Field(default_factory=list)
    sides: list[Side] = Field(default_factory=list)


class SourceRegistry:
    """All sources by key (a key declared again adds names and replaces the fields it sets)."""

    def __init__(self, sources: dict[str, Source], sides: dict[str, Side] | None = None):
        self._order = {k: i for i, k in enumerate(sources)}
        self.by_key = dict(sorted(sources.items()))
        self.sides = dict(sorted((sides or {}).items()))
        self._demonym_rx: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {}

    def demonyms(self, lang: str) -> list[tuple[str, str]]:
        """(demonym, side) pairs for `lang`, longest first."""
        out = {(d, s.side) for s in self.sides.values() for d in s.demonyms.get(lang, [])}
        return sorted(out, key=lambda p: (-len(p[0]), p[0], p[1]))

    def demonym_patterns(self, lang: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """Patterns for a demonym right after a name and right before one (compiled once)."""
        if lang not in self._demonym_rx:
            words = [d for d, _ in self.demonyms(lang)]
            if not words:
                self._demonym_rx[lang] = (None, None)
            else:
                alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
                self._demonym_rx[lang] = (re.compile(r"\s+(" + alt + r")(?!\w)", re.IGNORECASE),
                                          re.compile(r"(?<!\w)(" + alt + r")\s+$", re.IGNORECASE))
        return self._demonym_rx[lang]

    def role_source(self, side: str, role: str) -> str | None:
        """The source speaking for `side` in a role family ("diplomat" -> its foreign ministry)."""
        s = self.sides.get(side)
        return s.roles.get(role) if s else None

    def get(self, key: str | None) -> Source | None:
        return self.by_key.get(key) if key else None

    def side(self, key: str | None) -> str | None:
        s = self.get(key)
        return s.side if s else None

    def kind(self, key: str | None) -> str | None:
        s = self.get(key)
        return s.kind if s else None

    def label(self, key: str | None) -> str:
        s = self.get(key)
        return (s.label or s.key) if s else (key or "unknown source")

    def names(self, lang: str) -> list[tuple[str, str]]:
        """(name, key) pairs for `lang`, aliases and metonyms included, longest first."""
        out: set[tuple[str, str]] = set()
        for s in self.by_key.values():
            for n in s.names.get(lang, []) + s.aliases + s.metonyms.get(lang, []):
                out.add((n, s.key))
        return sorted(out, key=lambda p: (-len(p[0]), p[0], p[1]))

    def metonyms(self, lang: str) -> list[tuple[str, str]]:
        """(name, key) pairs of the names that stand for a whole state, longest first."""
        out = {(n, s.key) for s in self.by_key.values() for n in s.metonyms.get(lang, [])}
        return sorted(out, key=lambda p: (-len(p[0]), p[0], p[1]))

    def context_names(self, lang: str) -> list[tuple[str, str]]:
        """(name, key) pairs of the names a source has only in its context, longest first."""
        out = {(n, s.key) for s in self.by_key.values() for n in s.context_names.get(lang, [])}
        return sorted(out, key=lambda p: (-len(p[0]), p[0], p[1]))

    def context_words(self, key: str, lang: str) -> list[str]:
        """The words whose nearness selects `key` for a shared name."""
        s = self.get(key)
        return list(s.context.get(lang, [])) if s else []

    def order(self, key: str) -> int:
        """The position the source was declared in (first files first): ties go to the first."""
        return self._order.get(key, len(self._order))

    def keys(self) -> list[str]:
        return list(self.by_key)


def _error_key(exc: ValidationError) -> tuple[str, str]:
    err = exc.errors()[0]
    return ".".join(str(x) for x in err["loc"]), err["msg"]


def _extend(base: Source, extra: Source) -> Source:
    """A source declared again (e.g. in a user's folder): its names added, the fields it sets replaced."""
    data = base.model_dump()
    for name in extra.model_fields_set - {"key"}:
        value = getattr(extra, name)
        if isinstance(value, dict):
            merged = {lang: list(words) for lang, words in data[name].items()}
            for lang, words in value.items():
                merged[lang] = merged.get(lang, []) + [w for w in words if w not in merged.get(lang, [])]
            data[name] = merged
        elif isinstance(value, list):
            data[name] = data[name] + [w for w in value if w not in data[name]]
        else:
            data[name] = value
    return Source.model_validate(data)


def _extend_side(base: Side, extra: Side) -> Side:
    """A side declared again: demonyms added, roles replaced one by one."""
    demonyms = {lang: list(words) for lang, words in base.demonyms.items()}
    for lang, words in extra.demonyms.items():
        demonyms[lang] = demonyms.get(lang, []) + [w for w in words if w not in demonyms.get(lang, [])]
    return Side(side=base.side, demonyms=demonyms, roles={**base.roles, **extra.roles})


def load_sources(registry: Registry) -> SourceRegistry:
    """The registry's sources, validated (ConfigError names the file and key)."""

    def build() -> SourceRegistry:
        merged: dict[str, Source] = {}
        sides: dict[str, Side] = {}
        side_paths: dict[str, object] = {}
        for path, doc in registry.source_docs:
            try:
                sf = SourceFile.model_validate(doc)
            except ValidationError as exc:
                key, msg = _error_key(exc)
                raise ConfigError(path, msg, key=key) from None
            for s in sf.sources:
                merged[s.key] = _extend(merged[s.key], s) if s.key in merged else s
            for side in sf.sides:
                sides[side.side] = _extend_side(sides[side.side], side) if side.side in sides else side
                side_paths[side.side] = path
        for side in sides.values():
            for role, key in side.roles.items():
                if key not in merged:
                    raise ConfigError(str(side_paths[side.side]),
                                      f"side {side.side!r}: role {role!r} names unknown source {key!r}",
                                      key="sides")
        return SourceRegistry(merged, sides)

    return registry.cached("sources", build)
