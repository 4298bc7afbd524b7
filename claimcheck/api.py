"""The Python API: `extract`, `extract_batch`, `check` and `find_numbers`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import engine, pipeline
from .ingest import make_article, read_batch
from .models import SEVERITY_ORDER, Article, Claim, Extraction, Finding, Report, Skipped, Summary
from .numbers import find_numbers as _find_numbers
from .registry import Registry, load_registry

Warn = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr)


def find_numbers(text: str, lang: str = "fr"):
    """Every number written in `text` (see claimcheck.numbers)."""
    return _find_numbers(text, lang)


def extract(text: str, *, lang: str | None = None, published: str | None = None, id: str = "text",
            registry: Registry | None = None) -> list[Claim]:
    """The claims of one text, as `claimcheck extract` would give them."""
    art = make_article(id, text, path=None, meta={"published": published, "lang": lang})
    return pipeline.extract_article(art, registry or load_registry())


def extract_articles(articles: Sequence[Article], registry: Registry, warn: Warn | None = None,
                     jobs: int = 1, progress: bool = False) -> tuple[list[Claim], list[Skipped]]:
    """Claims of many articles; an article whose extraction fails is reported, never lost silently.

    `progress`: show a bar on standard error when the batch takes more than a couple of seconds and
    standard error is a terminal (never on standard output, never when piped).
    """
    if jobs and jobs > 1 and len(articles) > 1:
        from .parallel import extract_parallel

        return extract_parallel(articles, registry, jobs=jobs, warn=warn, progress=progress)
    claims: list[Claim] = []
    failed: list[Skipped] = []
    items: Iterable[Article] = articles
    if progress:
        from .reports.progress import track

        items = track(articles, "extracting")
    for art in items:
        try:
            claims += pipeline.extract_article(art, registry)
        except Exception as exc:  # noqa: BLE001 - one bad article must not sink the batch
            failed.append(pipeline.extraction_failure(art, exc))
            (warn or _stderr)(failed[-1].message())
    return claims, failed


def extract_batch(paths: Iterable[str], *, lang: str | None = None,
                  rules_dirs: Sequence[str | Path] = (), warn: Warn | None = None,
                  jobs: int = 1, progress: bool = False) -> Extraction:
    """Read a batch of paths and extract every claim."""
    registry = load_registry(tuple(rules_dirs))
    articles, skipped = read_batch(paths, lang_hint=lang)
    for s in skipped:
        (warn or _stderr)(s.message())
    claims, failed = extract_articles(articles, registry, warn, jobs, progress)
    return Extraction(articles=articles, claims=claims, skipped=skipped + failed)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Contract order: severity (error first), subject, then fingerprint."""
    return sorted(findings, key=lambda f: (-SEVERITY_ORDER[f.severity], f.subject or "", f.fingerprint))


def make_report(articles: list[Article], claims: list[Claim], findings: list[Finding],
                skipped: list[Skipped]) -> Report:
    findings = sort_findings(findings)
    by_sev = {s: 0 for s in ("error", "warning", "info")}
    for f in findings:
        by_sev[f.severity] += 1
    summary = Summary(articles=len(articles), claims=len(claims), findings=len(findings),
                      by_severity=by_sev, skipped=len(skipped))
    return Report(findings=findings, summary=summary, skipped=skipped, articles=articles, claims=claims)


class PreExtracted:
    """An article with claims already extracted (read back from JSON); `check` runs only the rules."""

    def __init__(self, article: Article, claims: list[Claim]):
        self.article, self.claims = article, claims


def load_extraction_file(path: str | Path) -> list[PreExtracted]:
    """Articles and claims from a claims JSONL file or an `extract --format json` document.

    Claims JSONL carries no article text: each article is rebuilt from its claims (id, date,
    language) with a hash of its id in place of the text's, so fingerprints stay stable.
    """
    import hashlib
    import json

    from .safeyaml import ConfigError

    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(p, f"cannot read claims: {exc}") from None
    claims: list[Claim] = []
    articles: dict[str, Article] = {}
    try:
        if raw.lstrip().startswith("{"):
            try:
                doc = json.loads(raw)
            except json.JSONDecodeError:
                doc = None
            if isinstance(doc, dict) and "claims" in doc:
                for a in doc.get("articles", []):
                    art = Article.model_validate(a)
                    articles[art.id] = art
                claims = [Claim.model_validate(c) for c in doc["claims"]]
        if not claims:
            for line in raw.splitlines():
                if line.strip():
                    claims.append(Claim.model_validate_json(line))
    except Exception as exc:  # noqa: BLE001 - pydantic or JSON errors, reported with the file
        raise ConfigError(p, f"not a claims file: {exc}".splitlines()[0]) from None
    out: dict[str, list[Claim]] = {}
    for c in claims:
        out.setdefault(c.article, []).append(c)
        if c.article not in articles:
            articles[c.article] = Article(
                id=c.article, lang=c.lang, published=c.published,
                sha256=hashlib.sha256(f"article:{c.article}".encode()).hexdigest())
    return [PreExtracted(articles[k], out.get(k, [])) for k in sorted(set(articles) | set(out))]


def check(paths_or_articles: Iterable[str | Path | Article | PreExtracted], *, rules_dirs: Sequence[str | Path] = (),
          select: list[str] | None = None, ignore: list[str] | None = None,
          params: dict | None = None, lang: str | None = None, warn: Warn | None = None,
          jobs: int = 1, progress: bool = False) -> Report:
    """Read (or take) articles, extract their claims and run the rules: a Report."""
    registry = load_registry(tuple(rules_dirs))
    items = list(paths_or_articles)
    articles = [a for a in items if isinstance(a, Article)]
    pre = [p for p in items if isinstance(p, PreExtracted)]
    paths = [str(p) for p in items if not isinstance(p, (Article, PreExtracted))]
    skipped: list[Skipped] = []
    if paths:
        read, skipped = read_batch(paths, lang_hint=lang)
        for s in skipped:
            (warn or _stderr)(s.message())
        articles += read
    claims, failed = extract_articles(articles, registry, warn, jobs, progress)
    for p in pre:
        articles.append(p.article)
        claims += p.claims
    findings = engine.run_rules(articles, claims, registry, select=select, ignore=ignore, params=params)
    report = make_report(articles, claims, findings, skipped + failed)
    report.rules_dirs = [str(d) for d in rules_dirs]
    return report


def is_claims_jsonl(path: str | Path) -> bool:
    """True when `path` holds claims JSONL (one claim per line), not an `extract --format json` document."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096).lstrip()
    except OSError:
        return False
    first = head.split(b"\n", 1)[0]
    return first.startswith(b"{") and b'"claims"' not in first and b'"articles"' not in first


def check_claims_table(files: Sequence[str | Path], *, rules_dirs: Sequence[str | Path] = (),
                       select: list[str] | None = None, ignore: list[str] | None = None,
                       params: dict | None = None, keep_claims: bool = False) -> Report:
    """The rules over claims JSONL files read straight into columns (no object per claim).

    The path for archives: claims extracted on a cluster (`extract --scheduler`) are checked here
    with memory proportional to the columns, and full claims are built only for the findings.
    """
    from .claimtable import read_claims_jsonl

    registry = load_registry(tuple(rules_dirs))
    table = read_claims_jsonl(list(files))
    metas = table.articles()
    findings = engine.run_rules_table(table, metas, registry, select=select, ignore=ignore, params=params)
    arts = [Article(id=m.id, published=m.published, sha256=m.sha256) for m in metas]
    claims = table.claims(range(len(table))) if keep_claims else []
    report = make_report(arts, claims, findings, [])
    report.summary.claims = len(table)
    return report
