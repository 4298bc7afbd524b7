"""Subjects and kinds: what each figure counts (taxonomy in rules/subjects/) and how.

Loaded from `subjects/*.yaml` in every rules folder:

    domain: dprk-russia
    parties: [russia, ukraine, north_korea]   # sides that are parties (single-source rule)
    subjects:
      - key: dprk.troops.near_border
        kind: stock                    # stock | flow | cumulative | total
        part_of: [dprk.troops.in_russia]   # besides the dotted parent, which always covers it
        measure: count
        description: North Korean troops in areas near the Ukrainian border
        words: {...}                   # what selects it, per language (see classify)
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .models import Article, Claim
from .registry import Registry
from .safeyaml import ConfigError


class Subject(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    kind: Literal["stock", "flow", "cumulative", "total"] = "stock"
    part_of: list[str] = Field(default_factory=list)
    measure: Literal["count", "percent", "money", "quantity"] = "count"
    description: str | None = None
    words: dict[str, Any] = Field(default_factory=dict)
    # the period over which a flow is counted (a day of action, a wave); informs comparisons
    period: str | None = None


class SubjectFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    domain: str | None = None
    parties: list[str] = Field(default_factory=list)
    description: str | None = None
    subjects: list[Subject]


class Taxonomy:
    """Subjects by key, with the dotted parent and `part_of` relations and each domain's parties."""

    def __init__(self, subjects: dict[str, Subject], parties: dict[str, frozenset[str]]):
        self.by_key = dict(sorted(subjects.items()))
        self._parties = parties  # subject key -> parties of the file that declared it

    def get(self, key: str | None) -> Subject | None:
        return self.by_key.get(key) if key else None

    def keys(self) -> list[str]:
        return list(self.by_key)

    def kind(self, key: str | None) -> str | None:
        s = self.get(key)
        return s.kind if s else None

    @staticmethod
    def dotted_ancestors(key: str) -> list[str]:
        parts = key.split(".")
        return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]

    def wholes(self, key: str) -> set[str]:
        """Every subject that `key` is part of: dotted ancestors and part_of, transitively."""
        out: set[str] = set()
        todo = [key]
        while todo:
            k = todo.pop()
            nexts = list(self.dotted_ancestors(k))
            s = self.by_key.get(k)
            if s:
                nexts += s.part_of
            for n in nexts:
                if n not in out and n != key:
                    out.add(n)
                    todo.append(n)
        return out

    def is_part_of(self, part: str | None, whole: str | None) -> bool:
        """True when `part` is strictly part of `whole` (dotted child or declared part_of)."""
        if not part or not whole or part == whole:
            return False
        return whole in self.wholes(part)

    def related(self, a: str | None, b: str | None) -> bool:
        """Same subject, or one part of the other."""
        return bool(a and b) and (a == b or self.is_part_of(a, b) or self.is_part_of(b, a))

    def parties(self, key: str | None) -> frozenset[str]:
        """The sides that are parties to the dispute this subject belongs to."""
        if not key:
            return frozenset()
        for k in [key, *self.dotted_ancestors(key)]:
            if k in self._parties:
                return self._parties[k]
        return frozenset()


def load_taxonomy(registry: Registry) -> Taxonomy:
    """The registry's subjects, validated (ConfigError names the file and key)."""

    def build() -> Taxonomy:
        subjects: dict[str, Subject] = {}
        parties: dict[str, frozenset[str]] = {}
        for path, doc in registry.subject_docs:
            try:
                sf = SubjectFile.model_validate(doc)
            except ValidationError as exc:
                err = exc.errors()[0]
                raise ConfigError(path, err["msg"], key=".".join(str(x) for x in err["loc"])) from None
            for s in sf.subjects:
                subjects[s.key] = s
                if sf.parties:
                    parties[s.key] = frozenset(sf.parties)
        for key, s in subjects.items():
            for w in s.part_of:
                if w not in subjects and not any(k.startswith(w + ".") for k in subjects):
                    raise ConfigError(next(p for p, _ in registry.subject_docs), f"unknown subject {w!r}",
                                      key=f"{key}.part_of")
        return Taxonomy(subjects, parties)

    return registry.cached("taxonomy", build)


def classify(article: Article, claims: list[Claim], registry: Registry) -> None:
    """Set subject and kind on each claim, in place."""
    return None
