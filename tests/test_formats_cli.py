"""`claimcheck check` through the CLI: every format, -o, --baseline/--write-baseline and the exit
code for each --fail-on level (on a synthetic report, independent of extraction and rules)."""

from __future__ import annotations

import json

import pytest
from test_reports_sample import sample_report
from typer.testing import CliRunner

import claimcheck.api
from claimcheck.cli import app
from claimcheck.models import Report, Summary


@pytest.fixture()
def fake_check(monkeypatch):
    """Make `api.check` return the given report; returns a setter."""
    holder = {"report": sample_report()}

    def check(paths, **kwargs):
        return holder["report"]

    monkeypatch.setattr(claimcheck.api, "check", check)
    return holder


def run(*args: str):
    return CliRunner().invoke(app, ["check", "batch/", *args])


def no_skips(report: Report) -> Report:
    return report.model_copy(update={"skipped": [], "summary": report.summary.model_copy(update={"skipped": 0})})


@pytest.mark.parametrize("findings, fail_on, code", [
    (slice(None), "info", 1), (slice(None), "warning", 1), (slice(None), "error", 1), (slice(None), "never", 0),
    (slice(1, None), "error", 0), (slice(1, None), "warning", 1), (slice(2, None), "warning", 0),
    (slice(2, None), "info", 1), (slice(0, 0), "info", 0),
])
def test_exit_code_for_each_fail_on_level(fake_check, findings, fail_on, code):
    rep = no_skips(sample_report())
    fake_check["report"] = rep.model_copy(update={"findings": rep.findings[findings]})
    assert run("--format", "json", "--fail-on", fail_on).exit_code == code


def test_skipped_inputs_exit_3_only_without_failing_findings(fake_check):
    rep = sample_report()
    assert run("--format", "json", "--fail-on", "never").exit_code == 3
    assert run("--format", "json", "--fail-on", "error").exit_code == 1
    fake_check["report"] = rep.model_copy(update={"findings": []})
    assert run("--format", "json").exit_code == 3


@pytest.mark.parametrize("fmt", ["rich", "json", "markdown", "html", "sarif", "junit", "github"])
def test_every_format_through_the_cli_and_output_file(fake_check, tmp_path, fmt):
    out = tmp_path / "out" / f"report.{fmt}"
    res = run("--format", fmt, "--fail-on", "never", "-o", str(out), "--width", "100")
    assert res.exit_code == 3, res.output  # the sample report has a skipped input
    text = out.read_text(encoding="utf-8")
    assert text and res.stdout == ""
    if fmt in ("json", "sarif"):
        json.loads(text)


def test_baseline_round_trip_through_the_cli(fake_check, tmp_path):
    base = tmp_path / "baseline.json"
    fake_check["report"] = no_skips(sample_report())
    assert run("--format", "json", "--write-baseline", str(base)).exit_code == 1
    res = run("--format", "json", "--baseline", str(base))
    assert res.exit_code == 0
    assert json.loads(res.stdout)["findings"] == []
    assert run("--format", "json", "--baseline", str(tmp_path / "missing.json")).exit_code == 2


def test_empty_report_exits_0(fake_check):
    fake_check["report"] = Report(findings=[], summary=Summary(articles=1, claims=0, findings=0,
                                                               by_severity={"error": 0, "warning": 0, "info": 0}))
    res = run("--format", "github")
    assert res.exit_code == 0 and res.stdout == ""


def test_timeline_and_extract_table_through_the_cli(monkeypatch):
    from test_reports_sample import make_article, sample_claims

    from claimcheck.models import Extraction

    rep = sample_report()
    ex = Extraction(articles=[make_article(a.id) for a in rep.articles], claims=list(sample_claims().values()))
    monkeypatch.setattr(claimcheck.api, "extract_batch", lambda paths, **kw: ex)
    res = CliRunner().invoke(app, ["timeline", "batch/", "--subject", "dprk.troops.in_russia", "--width", "100"])
    assert res.exit_code == 0, res.output
    assert "dprk.troops.in_russia" in res.stdout and "near_border" not in res.stdout
    assert res.stdout.index("plus de 10 000") < res.stdout.index("3 000 le nombre")
    res = CliRunner().invoke(app, ["extract", "batch/", "--format", "table"])
    assert res.exit_code == 0 and "batch/gur.txt" in res.stdout
