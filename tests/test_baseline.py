"""Baselines: write the current fingerprints (sorted, stable JSON), then report only new findings."""

from __future__ import annotations

import json

import pytest
from test_reports_sample import sample_report

from claimcheck.baseline import apply_baseline, baseline_text, read_fingerprints, write_baseline
from claimcheck.safeyaml import ConfigError


def test_write_then_apply_hides_every_known_finding(tmp_path):
    report = sample_report()
    path = tmp_path / "base" / "claimcheck-baseline.json"
    write_baseline(report, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    fps = [e["fingerprint"] for e in data["findings"]]
    assert fps == sorted(f.fingerprint for f in report.findings)
    after = apply_baseline(report, path)
    assert after.findings == [] and after.summary.findings == 0
    assert after.summary.by_severity == {"error": 0, "warning": 0, "info": 0}
    assert after.summary.articles == report.summary.articles and after.skipped == report.skipped


def test_new_findings_are_kept(tmp_path):
    report = sample_report()
    old = report.model_copy(update={"findings": report.findings[1:]})
    path = tmp_path / "b.json"
    write_baseline(old, path)
    after = apply_baseline(report, path)
    assert [f.code for f in after.findings] == [report.findings[0].code]
    assert after.summary.by_severity["error"] == 1 and after.summary.findings == 1


def test_baseline_is_stable_whatever_the_order():
    report = sample_report()
    shuffled = report.model_copy(update={"findings": list(reversed(report.findings))})
    assert baseline_text(report) == baseline_text(shuffled)


def test_plain_list_is_read(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps(["a1" * 20]), encoding="utf-8")
    assert read_fingerprints(path) == {"a1" * 20}


@pytest.mark.parametrize("content", ["{not json", '{"findings": 3}', '{"findings": [{"code": "x"}]}'])
def test_malformed_baseline_is_a_usage_error(tmp_path, content):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        read_fingerprints(path)


def test_missing_baseline_is_a_usage_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        read_fingerprints(tmp_path / "nope.json")
