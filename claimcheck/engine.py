"""The rules engine: load rule files, run their check types over claims, return findings.

A rule is a YAML file (`checks/*.yaml` in a rules folder), pure data:

    code: CC001
    name: figure-conflict
    severity: error
    check: conflict                 # a check type (claimcheck/checks/)
    message: "{subject}: {first} and {second} cannot both hold{more}."
    messages: {undated: "..."}      # alternative messages a check type may ask for
    params: {window_days: 7}        # validated by the check type's parameter model
    description: |
      What the rule finds, shown by `claimcheck rules explain CC001`.

Nothing in a rule file is executed or evaluated: templates only name placeholders from the check
type's fixed list, parameters are typed values. An invalid file stops the run with its path and key.
A user folder may add rules or replace a built-in rule by reusing its code.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .checks import CHECKS
from .checks.common import Context, FindingRecord, RuleSpec
from .claimtable import ClaimTable, no_gc
from .models import SEVERITY_ORDER, Article, Claim, Finding, Severity
from .registry import Registry, load_registry
from .safeyaml import ConfigError
from .sources import load_sources
from .subjects import load_taxonomy


class RuleFile(BaseModel):
    """The schema of one rule file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[A-Z]{2,5}[0-9]{3,4}$")
    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    severity: Severity
    check: str
    message: str = Field(min_length=1)
    messages: dict[str, str] = Field(default_factory=dict)
    params: dict[str, Any] = Field(default_factory=dict)
    description: str = Field(min_length=1)
    example: str | None = None

    @field_validator("check")
    @classmethod
    def _known_check(cls, v: str) -> str:
        if v not in CHECKS:
            raise ValueError(f"unknown check type {v!r} (known: {', '.join(sorted(CHECKS))})")
        return v


class Rule(BaseModel):
    """A loaded rule: its file's content, where it came from and its validated parameters."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    spec: RuleFile
    path: str
    params: Any

    @property
    def code(self) -> str:
        return self.spec.code

    def runtime(self) -> RuleSpec:
        s = self.spec
        return RuleSpec(code=s.code, name=s.name, severity=s.severity, message=s.message,
                        messages=dict(s.messages), params=self.params)


def _err_key(exc: ValidationError, prefix: str = "") -> tuple[str, str]:
    err = exc.errors()[0]
    return prefix + ".".join(str(x) for x in err["loc"]), err["msg"]


def _validate_params(path: str, spec: RuleFile, overrides: dict[str, Any] | None, where: str) -> Any:
    module = CHECKS[spec.check]
    merged = dict(spec.params)
    if overrides:
        merged.update(overrides)
    try:
        return module.Params.model_validate(merged)
    except ValidationError as exc:
        key, msg = _err_key(exc)
        if overrides and key.split(".")[0] in overrides:
            raise ConfigError(where, msg, key=f"params.{spec.code}.{key}") from None
        raise ConfigError(path, msg, key=f"params.{key}") from None


BRACES = re.compile(r"\{([^{}]*)\}")


def _check_templates(path: str, spec: RuleFile) -> None:
    module = CHECKS[spec.check]
    allowed = module.PLACEHOLDERS
    for key, template in [("message", spec.message), *((f"messages.{k}", v) for k, v in spec.messages.items())]:
        if key.startswith("messages.") and key.split(".", 1)[1] not in module.VARIANTS:
            variants = ", ".join(sorted(module.VARIANTS)) or "none"
            raise ConfigError(path, f"check type {spec.check!r} has no message variant "
                                    f"{key.split('.', 1)[1]!r} (known: {variants})", key=key)
        for name in BRACES.findall(template):
            if name not in allowed:
                raise ConfigError(path, f"unknown placeholder {{{name}}} (known: "
                                        f"{', '.join(sorted(allowed))})", key=key)


def parse_rule(path: str | Path, doc: Any, overrides: dict[str, Any] | None = None,
               where: str = "config") -> Rule:
    """Validate one rule document; ConfigError names the file and the key at fault."""
    p = str(path)
    if not isinstance(doc, dict):
        raise ConfigError(p, "a rule file must be a mapping")
    try:
        spec = RuleFile.model_validate(doc)
    except ValidationError as exc:
        key, msg = _err_key(exc)
        raise ConfigError(p, msg, key=key or None) from None
    _check_templates(p, spec)
    return Rule(spec=spec, path=p, params=_validate_params(p, spec, overrides, where))


def load_rules(registry: Registry, params: dict[str, dict[str, Any]] | None = None,
               where: str = "config") -> list[Rule]:
    """Every rule of the registry, by code (a later folder's rule replaces an earlier one's)."""
    params = params or {}
    by_code: dict[str, Rule] = {}
    seen_in_dir: dict[tuple[str, str], str] = {}
    for path, doc in registry.rule_docs:
        code = doc.get("code") if isinstance(doc, dict) else None
        rule = parse_rule(path, doc, params.get(code) if isinstance(code, str) else None, where)
        root = _root_of(registry, Path(path))
        prev = seen_in_dir.get((root, rule.code))
        if prev is not None:
            raise ConfigError(path, f"rule code {rule.code} is already used by {prev}", key="code")
        seen_in_dir[(root, rule.code)] = str(path)
        by_code[rule.code] = rule
    unknown = sorted(set(params) - set(by_code))
    if unknown:
        raise ConfigError(where, f"no rule with code {unknown[0]!r}", key=f"params.{unknown[0]}")
    return [by_code[c] for c in sorted(by_code)]


def _root_of(registry: Registry, path: Path) -> str:
    for d in registry.dirs:
        try:
            path.relative_to(d)
            return str(d)
        except ValueError:
            continue
    return ""


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


def choose(rules: list[Rule], select: list[str] | None, ignore: list[str] | None) -> list[Rule]:
    """Rules whose code starts with a selected prefix (all when none) and with no ignored prefix.

    A prefix that matches no rule is a usage error (a typo would otherwise silently run nothing).
    """
    for option, patterns in (("--select", select), ("--ignore", ignore)):
        for pat in patterns or []:
            if pat.strip() and not any(_matches(r.code, [pat]) for r in rules):
                raise ConfigError(option, f"no rule code starts with {pat.strip()!r} (see `claimcheck rules list`)")
    out = [r for r in rules if not select or _matches(r.code, select)]
    return [r for r in out if not ignore or not _matches(r.code, ignore)]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Contract order: severity (error first), subject, fingerprint; then code and claims for ties."""
    return sorted(findings, key=lambda f: (-SEVERITY_ORDER[f.severity], f.subject or "", f.fingerprint,
                                           f.code, [c.key() for c in f.claims]))


def sort_records(records: list[FindingRecord], table: ClaimTable) -> list[FindingRecord]:
    """`sort_findings`' order on finding records (claims compared by their table keys)."""
    def head(f: FindingRecord) -> tuple:
        return (-SEVERITY_ORDER[f.severity], f.subject or "", f.fingerprint, f.code)

    out = sorted(records, key=head)
    k = 0
    while k < len(out):  # ties on everything but the claims (rare): order them by their claims' keys
        m = k + 1
        while m < len(out) and head(out[m]) == head(out[k]):
            m += 1
        if m - k > 1:
            out[k:m] = sorted(out[k:m], key=lambda f: [table.key(i) for i in f.rows])
        k = m
    return out


def run_rules(articles: list[Article], claims: list[Claim], registry: Registry,
              select: list[str] | None = None, ignore: list[str] | None = None,
              params: dict | None = None, rules: list[Rule] | None = None) -> list[Finding]:
    """Every finding of the selected rules over the batch, sorted as the contract says.

    `rules` defaults to the registry's rule files; the taxonomy and sources always come from
    `registry` (tests pass their own rules with a registry holding only their subjects).
    """
    # a forecast or plan ("devrait atteindre", "is expected to") is not a count of what is: no rule
    # compares it with figures that are
    table = ClaimTable.from_claims([c for c in claims if "forecast" not in c.flags])
    return run_rules_table(table, articles, registry, select=select, ignore=ignore, params=params, rules=rules)


def run_rules_table(table: ClaimTable, articles: Iterable[Any] | None, registry: Registry,
                    select: list[str] | None = None, ignore: list[str] | None = None,
                    params: dict | None = None, rules: list[Rule] | None = None) -> list[Finding]:
    """`run_rules` over a claim table: full `Claim` objects are built only for the claims findings name.

    `articles` are `Article` or `ArticleMeta` records (id, published, sha256, flags); None rebuilds
    them from the claims as `api.load_extraction_file` does (a hash of the id stands for the text's).
    """
    records = check_table(table, articles, registry, select=select, ignore=ignore, params=params, rules=rules)
    return [r.to_finding(table) for r in records]


def check_table(table: ClaimTable, articles: Iterable[Any] | None, registry: Registry,
                select: list[str] | None = None, ignore: list[str] | None = None,
                params: dict | None = None, rules: list[Rule] | None = None) -> list[FindingRecord]:
    """The sorted findings as records naming claim rows (`record.to_finding(table)` gives a Finding)."""
    chosen = choose(rules if rules is not None else load_rules(registry, params), select, ignore)
    if not chosen:
        return []
    metas = list(articles) if articles is not None else table.articles()
    ctx = Context(metas, table, load_taxonomy(registry), load_sources(registry))
    records: list[FindingRecord] = []
    with no_gc():
        for rule in chosen:
            records += CHECKS[rule.spec.check].run(ctx, rule.runtime())
        return sort_records(records, table)


# ---------------------------------------------------------------------------------------- CLI text

def _registry(extra_dirs: Iterable[str | Path], include_builtin: bool) -> Registry:
    return load_registry(tuple(extra_dirs), include_builtin=include_builtin)


def list_rules_text(extra_dirs: Iterable[str | Path] = (), include_builtin: bool = True) -> str:
    """`claimcheck rules list`: one line per rule, code, severity, check type and name."""
    rules = load_rules(_registry(extra_dirs, include_builtin))
    lines = [f"{'code':<7} {'severity':<8} {'check':<14} name"]
    for r in rules:
        s = r.spec
        lines.append(f"{s.code:<7} {s.severity:<8} {s.check:<14} {s.name}")
    return "\n".join(lines) + "\n"


def explain_rule_text(code: str, extra_dirs: Iterable[str | Path] = (), include_builtin: bool = True) -> str:
    """`claimcheck rules explain CODE`: what the rule finds, its message, parameters and example."""
    rules = {r.code: r for r in load_rules(_registry(extra_dirs, include_builtin))}
    rule = rules.get(code.strip().upper())
    if rule is None:
        raise KeyError(code)
    s = rule.spec
    params = rule.params.model_dump() if isinstance(rule.params, BaseModel) else dict(rule.params)
    out = [f"{s.code} {s.name}", "",
           f"severity: {s.severity}", f"check type: {s.check}", f"defined in: {rule.path}", "",
           textwrap.dedent(s.description).strip(), "", f"message: {s.message}"]
    for k in sorted(s.messages):
        out.append(f"message ({k}): {s.messages[k]}")
    out += ["", "parameters:"]
    out += [f"  {k}: {params[k]!r}" for k in sorted(params)] or ["  (none)"]
    if s.example:
        out += ["", "example:", textwrap.indent(textwrap.dedent(s.example).strip(), "  ")]
    return "\n".join(out) + "\n"
