"""Every machine format parses and escapes article text: SARIF (against the 2.1.0 schema), JUnit
(XML), GitHub annotations, Markdown and HTML (no markup from article text survives)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from test_reports_sample import EVIL, EVIL_ATTR, TEXTS, sample_report, write_batch

from claimcheck.models import Report, Summary
from claimcheck.reports import FORMATS, common, render
from claimcheck.reports.github import escape_data, escape_property
from claimcheck.reports.markdown import esc

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture()
def in_batch(tmp_path, monkeypatch):
    """Work in a folder holding the sample articles as files, as `claimcheck check batch/` would."""
    write_batch(tmp_path)
    monkeypatch.chdir(tmp_path)
    common._body_offset.cache_clear()
    yield tmp_path
    common._body_offset.cache_clear()


def empty_report() -> Report:
    return Report(findings=[], summary=Summary(articles=0, claims=0, findings=0,
                                               by_severity={"error": 0, "warning": 0, "info": 0}))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic_and_renders_an_empty_report(fmt):
    assert render(sample_report(), fmt, width=100) == render(sample_report(), fmt, width=100)
    assert isinstance(render(empty_report(), fmt, width=100), str)


# ---------------------------------------------------------------- SARIF

def test_sarif_is_valid_against_the_schema(in_batch):
    log = json.loads(render(sample_report(), "sarif"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    jsonschema.Draft4Validator(schema).validate(json.loads(render(empty_report(), "sarif")))


def test_sarif_has_what_github_code_scanning_needs(in_batch):
    report = sample_report()
    run = json.loads(render(report, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({f.code for f in report.findings})
    for r in rules:
        for key in ("name", "shortDescription", "fullDescription", "help", "defaultConfiguration"):
            assert r[key], key
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in rules}["CC001"] == "error"
    assert len(run["results"]) == len(report.findings)
    for res, f in zip(run["results"], report.findings, strict=True):
        assert res["ruleId"] == f.code and rules[res["ruleIndex"]]["id"] == f.code
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity]
        assert res["partialFingerprints"]["claimcheck/v1"] == f.fingerprint
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "://" not in uri


def test_sarif_region_points_at_the_figure_in_the_file(in_batch):
    report = sample_report()
    res = json.loads(render(report, "sarif"))["runs"][0]["results"][0]  # CC001: 7,000 (gur.txt, newest)
    loc = res["locations"][0]["physicalLocation"]
    lines = (in_batch / loc["artifactLocation"]["uri"]).read_text(encoding="utf-8").split("\n")
    reg = loc["region"]
    assert reg["startLine"] == reg["endLine"]
    line = lines[reg["startLine"] - 1]
    assert line[reg["startColumn"] - 1:reg["endColumn"] - 1] == "plus de 7 000 soldats nord-coréens"
    related = res["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "batch/nis-undated.txt"


def test_sarif_region_skips_front_matter(in_batch):
    body = TEXTS["batch/nis.txt"]
    (in_batch / "batch" / "nis.txt").write_text("---\npublished: 2024-11-30\n---\n" + body, encoding="utf-8")
    common._body_offset.cache_clear()
    res = json.loads(render(sample_report(), "sarif"))["runs"][0]["results"][1]  # CC003, on nis.txt
    reg = res["locations"][0]["physicalLocation"]["region"]
    line = (in_batch / "batch" / "nis.txt").read_text(encoding="utf-8").split("\n")[reg["startLine"] - 1]
    assert line[reg["startColumn"] - 1:reg["endColumn"] - 1] == "plus de 10 000 soldats"


def test_sarif_keeps_article_text_as_data(in_batch):
    log = json.loads(render(sample_report(), "sarif"))
    texts = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert any(EVIL in t for t in texts)  # JSON carries it verbatim, as data


# ---------------------------------------------------------------- JUnit

def test_junit_is_xml_with_a_suite_per_rule_and_a_failure_per_finding(in_batch):
    report = sample_report()
    root = ET.fromstring(render(report, "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name").split()[0]: s for s in root.findall("testsuite")}
    for code in {f.code for f in report.findings}:
        cases = suites[code].findall("testcase")
        assert len(cases) == sum(f.code == code for f in report.findings)
        assert all(c.find("failure") is not None for c in cases)
    assert int(root.get("failures")) == len(report.findings)
    text = "".join(root.itertext())
    assert EVIL in text and EVIL_ATTR in text  # escaped on the way in, intact on the way out
    assert root.find(".//skipped") is not None


def test_junit_without_findings_passes():
    root = ET.fromstring(render(empty_report(), "junit").encode("utf-8"))
    assert root.get("failures") == "0" and root.find(".//testcase") is not None


def test_junit_drops_characters_xml_cannot_hold(in_batch):
    report = sample_report()
    report.findings[0].message = "bad \x00\x1b control"
    ET.fromstring(render(report, "junit").encode("utf-8"))


# ---------------------------------------------------------------- GitHub annotations

def test_github_annotation_escaping():
    assert escape_data("100%\r\nok") == "100%25%0D%0Aok"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_annotations_are_one_command_per_finding(in_batch):
    report = sample_report()
    lines = render(report, "github").splitlines()
    assert len(lines) == len(report.findings) + len(report.skipped)
    first = lines[0]
    assert first.startswith("::error file=batch/gur.txt,line=3,col=")
    assert "title=CC001 figure-conflict (dprk.troops.near_border)" in first
    evil = next(line for line in lines if "CC009" in line)
    assert evil.startswith("::notice ")
    props, message = evil[len("::notice "):].split("::", 1)
    assert "\n" not in message and "\r" not in message and "%25" in message
    for prop in props.split(","):
        key, value = prop.split("=", 1)
        assert ":" not in value and "," not in value


# ---------------------------------------------------------------- Markdown

def test_markdown_escapes_pipes_backticks_and_html():
    assert esc("a|b") == "a\\|b"
    assert esc("`x`") == "\\`x\\`"
    assert esc("<b>&") == "&lt;b&gt;&amp;"
    assert esc("# not a heading") == "\\# not a heading"
    assert esc("1. not a list") == "1\\. not a list"
    assert esc("2024-11-30") == "2024-11-30" and esc("- a list") == "\\- a list"
    assert esc("seeds/001_a.txt") == "seeds/001_a.txt" and esc("_em_") == "\\_em\\_"
    md = render(sample_report(), "markdown")
    assert "<script>" not in md and "<img" not in md and "<b>" not in md
    assert "&lt;script&gt;" in md
    for line in md.splitlines():
        if line.startswith("| ") and "soldats" in line:
            cells = [c for c in line.replace("\\|", "").split("|")]
            assert len(cells) == 8, line  # 6 cells + the outer empties: no stray pipe from the text
    assert "**500 soldats**" in md


# ---------------------------------------------------------------- HTML

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_safe_document(in_batch):
    doc = render(sample_report(), "html")
    p = _Tags()
    p.feed(doc)
    p.close()
    assert p.tags[0] == "html" and "script" not in p.tags and "img" not in p.tags
    assert not any(k.startswith("on") for k, _ in p.attrs)
    assert not any(k in ("src",) or (k == "href" and v and not v.startswith("#")) for k, v in p.attrs)
    assert "http://" not in doc.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in doc
    text = "".join(p.text)
    assert EVIL in text and EVIL_ATTR in text  # shown to the reader as text
    assert "svg" in p.tags and "mark" in p.tags


def test_html_marks_findings_on_the_chart_and_keeps_undated_apart(in_batch):
    doc = render(sample_report(), "html")
    assert 'href="#f-1"' in doc and 'id="f-1"' in doc
    assert ">undated</text>" in doc
    assert "<mark>plus de 7 000 soldats nord-coréens</mark>" in doc
