"""Article text written into HTML, Markdown, SARIF, JUnit and GitHub annotations is escaped for each format.

A synthetic Report carries hostile text everywhere article text can reach a report (the article's
text, hence surfaces and sentences; ids and paths; titles and URLs; source words; messages;
skipped paths and reasons). Each format is then parsed the way its consumer parses it, and the
test checks that nothing was injected (no element, attribute, table cell, link, XML node or
workflow command that the text did not ask to show) and that the text still reads as written.
"""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET

import lxml.html
import pytest
from markdown_it import MarkdownIt

from claimcheck.models import Article, Claim, EventDate, Finding, Report, Skipped, Summary
from claimcheck.reports import render

PAYLOAD = ('<script>alert("x")</script> "><img src=x onerror=alert(1)> </td></tr></table> | a | b | '
           "`tick` **bold** [link](javascript:alert(1)) <!-- c --> ]]> &amp; & \u202e"
           "\x1b[31m red \x00 %0A %25 ::error file=x::boom\r\n::warning::injected\n# heading")
VISIBLE = 'alert("x")'  # a piece of the payload that must still be shown to the reader
INJECTED_COMMAND = "::warning::injected"

EVIL_ID = 'evil<b>,id:with|pipes"&.txt'
TEXT = (f"Selon {PAYLOAD}, plus de 10 000 soldats ont été déployés.\n"
        f"Le ministère, lui, parle de 3 000 {PAYLOAD} hier.")


def _claim(surface: str, value: float, source: str) -> Claim:
    start = TEXT.index(surface)
    sent_start = TEXT.rfind("\n", 0, start) + 1
    sent_end = TEXT.find("\n", start)
    return Claim(article=EVIL_ID, surface=surface, start=start, end=start + len(surface), value=value,
                 low=value, high=None, qualifier="more_than", unit=f"soldats {PAYLOAD}",
                 subject="dprk.troops<script>", kind="stock", attributed_to=source,
                 attributed_text=PAYLOAD, event_date=EventDate(start="2024-03-01", end="2024-03-01"),
                 published="2024-03-02", lang="fr", sentence=TEXT[sent_start:sent_end if sent_end > 0 else None],
                 sentence_start=sent_start)


def hostile_report() -> Report:
    art = Article(id=EVIL_ID, path=EVIL_ID, title=f"Titre {PAYLOAD}", url="javascript:alert(1)",
                  outlet=PAYLOAD, lang="fr", published="2024-03-02", published_source="record", text=TEXT)
    c1 = _claim("plus de 10 000 soldats", 10_000, "kr.nis")
    c2 = _claim(f"3 000 {PAYLOAD}", 3_000, f"evil{PAYLOAD}")
    finding = Finding(code="CC001", rule="figure-conflict", severity="error", kind="conflict",
                      subject="dprk.troops<script>", message=f"{PAYLOAD}: « {c1.surface} » vs « {c2.surface} ».",
                      claims=[c1, c2], fingerprint="f" * 16)
    dq = Finding(code="CC010", rule="undated-article", severity="warning", kind="data_quality",
                 message=f"Article {EVIL_ID} has no date {PAYLOAD}", article=EVIL_ID, flag="undated",
                 fingerprint="e" * 16)
    skipped = [Skipped(path=f"bad,path:{PAYLOAD}.jsonl", line=3, reason=f"malformed JSON: {PAYLOAD}")]
    summary = Summary(articles=1, claims=2, findings=2, by_severity={"error": 1, "warning": 1, "info": 0},
                      skipped=1)
    return Report(findings=[finding, dq], summary=summary, skipped=skipped, articles=[art], claims=[c1, c2])


def _renderer_landed(fmt: str) -> bool:
    module = {"markdown": "markdown", "html": "html", "sarif": "sarif", "junit": "junit", "github": "github"}[fmt]
    return importlib.util.find_spec(f"claimcheck.reports.{module}") is not None


def fmt_param(fmt: str):
    marks = [] if _renderer_landed(fmt) else [pytest.mark.xfail(strict=False, reason="renderer not landed")]
    return pytest.param(fmt, marks=marks)


@pytest.fixture(scope="module")
def report() -> Report:
    return hostile_report()


def _no_injection(tree) -> None:
    """No element or attribute that came from the payload, in an HTML tree."""
    for el in tree.iter("script"):
        assert "alert" not in (el.text or ""), "the article's <script> became a script element"
    assert not [el for el in tree.iter("img") if el.get("onerror")], "an onerror attribute was injected"
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            if name.lower() in ("href", "src", "action", "formaction"):
                assert not value.strip().lower().startswith("javascript:"), (el.tag, name, value)


@pytest.mark.parametrize("fmt", [fmt_param("html")])
def test_html_escapes_article_text(report, fmt):
    out = render(report, fmt)
    tree = lxml.html.fromstring(out.replace("\x00", ""))
    _no_injection(tree)
    shown = tree.text_content()
    assert VISIBLE in shown and '"><img src=x onerror=alert(1)>' in shown, "the text must still read as written"


CONTROL = [chr(c) for c in range(32) if chr(c) not in "\t\n\r\f"]


def test_html_has_no_control_characters(report):
    out = render(report, "html")
    assert not [c for c in CONTROL if c in out]


@pytest.mark.parametrize("fmt", [fmt_param("markdown")])
def test_markdown_escapes_article_text(report, fmt):
    out = render(report, fmt)
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(out)
    tree = lxml.html.fromstring(f"<div>{html.replace(chr(0), '')}</div>")
    _no_injection(tree)
    for table in tree.iter("table"):
        header = len(table.xpath(".//thead/tr[1]/th"))
        for row in table.xpath(".//tbody/tr"):
            assert len(row.xpath("./td")) == header, "a `|` in article text split a table cell"
    assert VISIBLE in tree.text_content()
    assert not [h for h in tree.iter("h1") if "heading" in h.text_content()], "a line break let a heading in"


@pytest.mark.parametrize("fmt", [fmt_param("sarif")])
def test_sarif_is_valid_json_holding_the_text(report, fmt):
    out = render(report, fmt)
    doc = json.loads(out)
    dumped = json.dumps(doc, ensure_ascii=False)
    assert VISIBLE.replace('"', '\\"') in dumped
    messages = [r["message"]["text"] for run in doc["runs"] for r in run["results"]]
    assert any("plus de 10 000 soldats" in m for m in messages)


@pytest.mark.parametrize("fmt", [fmt_param("junit")])
def test_junit_is_well_formed_xml(report, fmt):
    out = render(report, fmt)
    root = ET.fromstring(out.encode("utf-8"))
    text = " ".join(t for el in root.iter() for t in [el.text or "", *el.attrib.values()])
    assert VISIBLE in text and "]]>" in text, "the text must be escaped, not dropped"
    assert not [el for el in root.iter() if el.tag in ("script", "img", "table")], "markup was injected"


@pytest.mark.parametrize("fmt", [fmt_param("github")])
def test_github_annotations_cannot_inject_commands(report, fmt):
    out = render(report, fmt)
    lines = out.splitlines()
    assert len(lines) == len(report.findings) + len(report.skipped), "article text added a line"
    assert all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in lines)
    assert INJECTED_COMMAND not in out.replace("%0A", "\n").split("\n")[0]
    for ln in lines:
        head, _, message = ln[2:].partition("::")
        _, _, props = head.partition(" ")
        for prop in props.split(","):
            key, sep, _ = prop.partition("=")
            assert sep and key in ("file", "line", "col", "endLine", "endColumn", "title"), (prop, ln)
        assert "\r" not in message and "\n" not in message
