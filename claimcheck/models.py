"""The pydantic models at claimcheck's boundaries: articles, number mentions, claims, findings, reports.

Field names and meanings follow the public contract (docs/contract.md). Fields marked "extra" are
additions the contract allows; none of the contract's fields is renamed or removed.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "up_to", "range", "vague"]
Measure = Literal["count", "percent", "money", "quantity"]
Kind = Literal["stock", "flow", "cumulative", "total"]
Severity = Literal["info", "warning", "error"]
FindingKind = Literal[
    "conflict", "change", "revision", "monotonic", "part_of_whole", "arithmetic", "denial",
    "single_source", "data_quality",
]
PublishedSource = Literal["record", "front_matter", "html", "header", "url", "inferred"]

SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Skipped(BaseModel):
    """An input that could not be read: named with its reason, never silently dropped."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int | None = None
    reason: str

    def message(self) -> str:
        """The line printed on standard error: `claimcheck: skipped PATH[:LINE]: reason`."""
        return f"claimcheck: skipped {self.path}" + (f":{self.line}" if self.line else "") + f": {self.reason}"


class Article(BaseModel):
    """One article of a batch. `text` is kept for extraction and reports but not serialised."""

    id: str
    path: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    lang: str | None = None
    published: str | None = None
    published_source: PublishedSource | None = None
    sha256: str = ""
    flags: list[str] = Field(default_factory=list)
    # extra: where a header date was read, and the date found in the text when it differs
    published_text: str | None = None
    text: str = Field(default="", exclude=True, repr=False)

    def model_post_init(self, __context: object) -> None:
        if not self.sha256:
            self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class NumberMention(BaseModel):
    """A number written in a text (contract: surface, start, end, value)."""

    model_config = ConfigDict(frozen=True)

    surface: str
    start: int
    end: int
    value: float | None
    # extra: how it is written, and the band a vague or approximate noun allows
    form: Literal["digits", "words", "mixed", "vague", "approx_noun", "fraction"] = "digits"
    low: float | None = None
    high: float | None = None
    measure: Measure = "count"
    unit: str | None = None
    flags: tuple[str, ...] = ()


class EventDate(BaseModel):
    """When a figure holds: an interval of ISO dates, either end possibly open."""

    model_config = ConfigDict(frozen=True)

    start: str | None = None
    end: str | None = None


class Claim(BaseModel):
    """A figure that counts something, with its hedge, origin, subject and date."""

    article: str
    surface: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    measure: Measure = "count"
    unit: str | None = None
    subject: str | None = None
    kind: Kind | None = None
    attributed_to: str | None = None
    attributed_text: str | None = None
    negated: bool = False
    event_date: EventDate | None = None
    since: str | None = None
    published: str | None = None
    lang: str = "fr"
    sentence: str = ""
    flags: list[str] = Field(default_factory=list)
    # extra fields
    relayed_by: str | None = None
    sentence_start: int = 0
    date_text: str | None = None

    def key(self) -> tuple[str, int, int]:
        """Where the claim stands: article and offsets."""
        return (self.article, self.start, self.end)


class Finding(BaseModel):
    """What a rule flags: one sentence, the claims behind it and a stable fingerprint."""

    code: str
    rule: str
    severity: Severity
    kind: FindingKind
    subject: str | None = None
    message: str
    claims: list[Claim] = Field(default_factory=list)
    fingerprint: str = ""
    article: str | None = None
    flag: str | None = None


class Summary(BaseModel):
    articles: int
    claims: int
    findings: int
    by_severity: dict[str, int]
    skipped: int = 0


class Report(BaseModel):
    """The result of `check`: findings sorted by severity, subject, then fingerprint."""

    findings: list[Finding]
    summary: Summary
    skipped: list[Skipped] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list, exclude=True)
    claims: list[Claim] = Field(default_factory=list, exclude=True)
    rules_dirs: list[str] = Field(default_factory=list, exclude=True)


class Extraction(BaseModel):
    """The result of `extract`: articles, their claims and what was skipped."""

    articles: list[Article]
    claims: list[Claim]
    skipped: list[Skipped] = Field(default_factory=list)
