"""The `claimcheck` command line: a thin layer over the library (see docs/contract.md).

Exit codes (check; extract uses 0, 2 and 3 alike):
  0  no finding at or above --fail-on and nothing skipped
  1  findings at or above --fail-on
  2  usage error, unreadable rules or config
  3  the run completed but some inputs were skipped (and no finding reaches --fail-on)
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .fileio import write_atomic
from .models import SEVERITY_ORDER, Report
from .safeyaml import ConfigError

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    help="claimcheck: find where the figures in a batch of news articles conflict, change or rest on one source.",
)
rules_app = typer.Typer(add_completion=False, no_args_is_help=False, help="List the rules or explain one.")
ledger_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Inspect the ledger of past batches.")
app.add_typer(rules_app, name="rules")
app.add_typer(ledger_app, name="ledger")


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class CheckFormat(str, Enum):
    rich = "rich"
    json = "json"
    markdown = "markdown"
    html = "html"
    sarif = "sarif"
    junit = "junit"
    github = "github"


class FailOn(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"
    never = "never"


class Lang(str, Enum):
    auto = "auto"
    fr = "fr"
    en = "en"


PathsArg = Annotated[list[str], typer.Argument(help="Files or folders (walked recursively), or - for standard input.")]
OutOpt = Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to FILE (atomically) instead of standard output.")]
RulesOpt = Annotated[Optional[list[Path]], typer.Option("--rules", help="An extra rules folder (rules, subjects, sources, vocabulary). Repeatable.")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of the articles when they do not say.")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract with N worker processes.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="A claimcheck.toml to use instead of ./claimcheck.toml or ./pyproject.toml.")]


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def write_output(text: str, output: Path | None) -> None:
    """Print, or write FILE atomically (a temporary file in the same folder, then renamed)."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(output, text)


def _split_codes(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out += [c.strip() for c in v.split(",") if c.strip()]
    return out


def _load_config(config: Path | None):
    from .config import load_config

    return load_config(str(config) if config else None)


def _fail_code(report: Report, fail_on: str) -> int:
    if fail_on != "never":
        threshold = SEVERITY_ORDER[fail_on]
        if any(SEVERITY_ORDER[f.severity] >= threshold for f in report.findings):
            return 1
    return 3 if report.skipped else 0


def _usage_error(exc: Exception) -> typer.Exit:
    _err(f"claimcheck: error: {exc}")
    return typer.Exit(2)


@app.command()
def extract(
    paths: PathsArg,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="jsonl (a claim per line), json or table.")] = ExtractFormat.jsonl,
    lang: LangOpt = Lang.auto,
    output: OutOpt = None,
    rules: RulesOpt = None,
    jobs: JobsOpt = 1,
    config: ConfigOpt = None,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Run on a Dask cluster at ADDRESS ('local' for a local cluster); needs claimcheck[dask].")] = None,
) -> None:
    """Extract every numerical claim, with its hedge, origin, subject and date."""
    from .api import extract_batch
    from .reports.jsonfmt import claim_line, render_extraction

    try:
        cfg, _ = _load_config(config)
        dirs = list(cfg.rules) + [str(r) for r in rules or []]
        if scheduler:
            from .distributed import extract_distributed

            ex = extract_distributed(paths, scheduler=scheduler, lang=None if lang == Lang.auto else lang.value,
                                     rules_dirs=dirs)
            for s in ex.skipped:
                _err(s.message())
        else:
            ex = extract_batch(paths, lang=None if lang == Lang.auto else lang.value, rules_dirs=dirs, jobs=jobs,
                               progress=True)
    except ConfigError as exc:
        raise _usage_error(exc) from None
    if format == ExtractFormat.jsonl:
        text = "".join(claim_line(c) + "\n" for c in ex.claims)
    elif format == ExtractFormat.json:
        text = render_extraction(ex)
    else:
        from .reports.tables import claims_table

        text = claims_table(ex.claims, width=None)
    write_output(text, output)
    raise typer.Exit(3 if ex.skipped else 0)


@app.command()
def check(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files or folders (walked recursively), or - for standard input.")] = None,
    format: Annotated[Optional[CheckFormat], typer.Option("--format", "-f", help="rich (default on a terminal), json, markdown, html, sarif, junit or github.")] = None,
    output: OutOpt = None,
    rules: RulesOpt = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rule codes (comma-separated or repeated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule codes.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity (default error).")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Report only findings whose fingerprints are not in FILE.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", help="Record the current findings' fingerprints in FILE.")] = None,
    ledger: Annotated[Optional[Path], typer.Option("--ledger", help="Check against the history in this ledger; report findings that involve the new batch.")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="With --ledger: use only evidence published up to this date.")] = None,
    lang: LangOpt = Lang.auto,
    jobs: JobsOpt = 1,
    width: Annotated[Optional[int], typer.Option("--width", help="Width of the rich report (default: the terminal's).")] = None,
    config: ConfigOpt = None,
    claims_files: Annotated[Optional[list[Path]], typer.Option("--claims", help="Check claims already extracted (claims JSONL or `extract --format json`), e.g. from a Dask run. Repeatable.")] = None,
) -> None:
    """Check a batch: extract the claims and report conflicts, changes, denials and single sources."""
    from . import api
    from .reports import render

    paths = list(paths or [])
    if not paths and not claims_files:
        _err("claimcheck: error: give at least one PATH (or --claims FILE)")
        raise typer.Exit(2)
    try:
        cfg, _ = _load_config(config)
        dirs = list(cfg.rules) + [str(r) for r in rules or []]
        sel = _split_codes(select) or list(cfg.select) or None
        ign = _split_codes(ignore) or list(cfg.ignore) or None
        lang_hint = None if lang == Lang.auto else lang.value
        if ledger is not None:
            from .ledger import check_against_ledger

            report = check_against_ledger(paths, ledger, rules_dirs=dirs, select=sel, ignore=ign,
                                          params=cfg.params, lang=lang_hint, as_of=as_of, jobs=jobs)
        elif not paths and claims_files and all(api.is_claims_jsonl(f) for f in claims_files):
            fmt_wanted = format.value if format else "rich"
            report = api.check_claims_table(claims_files, rules_dirs=dirs, select=sel, ignore=ign,
                                            params=cfg.params, keep_claims=fmt_wanted == "html")
        else:
            extra = []
            for f in claims_files or []:
                extra += api.load_extraction_file(f)
            report = api.check([*paths, *extra], rules_dirs=dirs, select=sel, ignore=ign, params=cfg.params,
                               lang=lang_hint, jobs=jobs, progress=True)
        if write_baseline is not None:  # every current finding, before --baseline filters any out
            from .baseline import write_baseline as _write_baseline

            _write_baseline(report, write_baseline)
        if baseline is not None:
            from .baseline import apply_baseline

            report = apply_baseline(report, baseline)
    except ConfigError as exc:
        raise _usage_error(exc) from None
    fmt = format.value if format else ("rich" if sys.stdout.isatty() or output is None else "json")
    color = fmt == "rich" and output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    write_output(render(report, fmt, width=width, color=color), output)
    level = fail_on.value if fail_on else (cfg.fail_on or "error")
    raise typer.Exit(_fail_code(report, level))


@app.command()
def timeline(
    paths: PathsArg,
    subject: Annotated[Optional[str], typer.Option("--subject", help="Only this subject (and its children).")] = None,
    rules: RulesOpt = None,
    lang: LangOpt = Lang.auto,
    width: Annotated[Optional[int], typer.Option("--width")] = None,
    output: OutOpt = None,
) -> None:
    """A dated table of every figure, per subject and source."""
    from .api import extract_batch
    from .reports.tables import timeline_table

    try:
        ex = extract_batch(paths, lang=None if lang == Lang.auto else lang.value,
                           rules_dirs=[str(r) for r in rules or []])
    except ConfigError as exc:
        raise _usage_error(exc) from None
    color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    write_output(timeline_table(ex.claims, subject=subject, width=width, color=color), output)
    raise typer.Exit(3 if ex.skipped else 0)


@app.command()
def consensus(
    paths: PathsArg,
    subject: Annotated[Optional[str], typer.Option("--subject", help="Only this subject (and its children).")] = None,
    period: Annotated[str, typer.Option("--period", help="week or month.")] = "month",
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Only evidence published up to this date.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="rich, json or markdown.")] = "rich",
    rules: RulesOpt = None,
    lang: LangOpt = Lang.auto,
    width: Annotated[Optional[int], typer.Option("--width")] = None,
    output: OutOpt = None,
    config: ConfigOpt = None,
) -> None:
    """What the sources together support per subject and period, and how far each origin agrees."""
    from .api import extract_batch
    from .consensus import render_consensus, run_consensus

    try:
        cfg, _ = _load_config(config)
        dirs = list(cfg.rules) + [str(r) for r in rules or []]
        ex = extract_batch(paths, lang=None if lang == Lang.auto else lang.value, rules_dirs=dirs)
        result = run_consensus(ex.articles, ex.claims, subject=subject, period=period, as_of=as_of,
                               rules_dirs=dirs, priors=cfg.priors)
    except (ConfigError, ValueError) as exc:
        raise _usage_error(exc) from None
    color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    write_output(render_consensus(result, format, width=width, color=color), output)
    raise typer.Exit(3 if ex.skipped else 0)


@app.command()
def ingest(
    paths: PathsArg,
    ledger: Annotated[Path, typer.Option("--ledger", help="The ledger database.")] = Path(".claimcheck/ledger.db"),
    rules: RulesOpt = None,
    lang: LangOpt = Lang.auto,
    jobs: JobsOpt = 1,
) -> None:
    """Record a batch's articles and claims in the ledger (idempotent)."""
    from .ledger import ingest_paths

    try:
        stats = ingest_paths(paths, ledger, rules_dirs=[str(r) for r in rules or []],
                             lang=None if lang == Lang.auto else lang.value, jobs=jobs)
    except ConfigError as exc:
        raise _usage_error(exc) from None
    _err(f"claimcheck: ledger {ledger}: {stats.summary()}")
    raise typer.Exit(3 if stats.skipped else 0)


@ledger_app.command("stats")
def ledger_stats(
    ledger: Annotated[Path, typer.Option("--ledger", help="The ledger database.")] = Path(".claimcheck/ledger.db"),
) -> None:
    """Counts of articles, versions, claims and batches in the ledger."""
    from .ledger import stats_text

    try:
        sys.stdout.write(stats_text(ledger))
    except ConfigError as exc:
        raise _usage_error(exc) from None


@ledger_app.command("export")
def ledger_export(
    ledger: Annotated[Path, typer.Option("--ledger", help="The ledger database.")] = Path(".claimcheck/ledger.db"),
    output: OutOpt = None,
) -> None:
    """Every claim in the ledger as JSONL (the contract's claim shape)."""
    from .ledger import export_jsonl

    try:
        write_output(export_jsonl(ledger), output)
    except ConfigError as exc:
        raise _usage_error(exc) from None


@rules_app.callback(invoke_without_command=True)
def rules_main(ctx: typer.Context,
               rules: RulesOpt = None) -> None:
    """List the rules (default) or explain one."""
    ctx.obj = [str(r) for r in rules or []]
    if ctx.invoked_subcommand is None:
        rules_list(ctx)


@rules_app.command("list")
def rules_list(ctx: typer.Context) -> None:
    """Every rule: code, severity, check type and name."""
    from .engine import list_rules_text

    try:
        sys.stdout.write(list_rules_text(ctx.obj or []))
    except ConfigError as exc:
        raise _usage_error(exc) from None


@rules_app.command("explain")
def rules_explain(ctx: typer.Context, code: Annotated[str, typer.Argument(help="A rule code, e.g. CC001.")]) -> None:
    """What a rule checks, its parameters and an example."""
    from .engine import explain_rule_text

    try:
        text = explain_rule_text(code, ctx.obj or [])
    except ConfigError as exc:
        raise _usage_error(exc) from None
    except KeyError:
        _err(f"claimcheck: error: no rule with code {code!r} (see `claimcheck rules list`)")
        raise typer.Exit(2) from None
    sys.stdout.write(text)


def _version(value: bool) -> None:
    if value:
        print(f"claimcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """claimcheck: a linter for figures across a corpus of news articles."""


def main() -> None:
    """Console entry point."""
    try:
        app(prog_name="claimcheck")
    except KeyboardInterrupt:
        _err("claimcheck: interrupted")
        sys.exit(130)
