"""`--format junit`: JUnit XML for CI test dashboards.

A test suite per rule that found something, a failing test case per finding (its figures and
evidence in the failure text). A batch without findings gives one passing case, so dashboards show
the check ran. Skipped inputs form their own suite of skipped cases.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..models import Article, Finding, Report
from .common import (
    articles_by_id,
    claim_date,
    claim_interval,
    claim_source,
    finding_locations,
    highlight,
    one_line,
    primary_index,
    rule_infos,
    short_fp,
    subject_label,
)

_XML_BAD = {c: None for c in range(32) if c not in (9, 10, 13)}


def clean(text: str) -> str:
    """Text that XML 1.0 can hold (control characters dropped; escaping is ElementTree's)."""
    return text.translate(_XML_BAD).replace("\ufffe", "").replace("\uffff", "")


def failure_text(finding: Finding, arts: dict[str, Article]) -> str:
    """The failure body: message, then each figure with its sentence (figure between « »)."""
    lines = [one_line(finding.message)]
    if finding.article and not finding.claims:
        lines.append(f"article: {finding.article}")
    for i, (loc, c) in enumerate(finding_locations(finding, arts), 1):
        if c is None:
            continue
        where = loc.uri + (f":{loc.start_line}:{loc.start_col}" if loc.start_line else "")
        h = highlight(c, arts.get(c.article))
        lines.append(f"[{i}] {one_line(c.surface)} | {claim_interval(c)} | {claim_source(c)} | "
                     f"{claim_date(c)} | {where}")
        lines.append(f"    {one_line(h.before)} «{one_line(h.figure)}» {one_line(h.after)}".rstrip())
    lines.append(f"fingerprint: {finding.fingerprint or '-'}")
    return clean("\n".join(lines))


def testcase(finding: Finding, arts: dict[str, Article]) -> ET.Element:
    """A failing test case for one finding."""
    locs = finding_locations(finding, arts)
    loc = locs[primary_index(finding) if finding.claims else 0][0]
    name = f"{subject_label(finding.subject)} [{short_fp(finding.fingerprint)}]"
    case = ET.Element("testcase", {"classname": clean(f"claimcheck.{finding.code}"), "name": clean(name),
                                   "file": clean(loc.uri), "time": "0"})
    if loc.start_line:
        case.set("line", str(loc.start_line))
    fail = ET.SubElement(case, "failure", {"message": clean(one_line(finding.message)),
                                           "type": finding.severity})
    fail.text = failure_text(finding, arts)
    return case


def build(report: Report) -> ET.Element:
    """The <testsuites> element."""
    arts = articles_by_id(report)
    root = ET.Element("testsuites", {"name": "claimcheck"})
    total = failures = skipped = 0
    for info in rule_infos(report.findings):
        found = [f for f in report.findings if f.code == info.code]
        suite = ET.SubElement(root, "testsuite", {
            "name": clean(f"{info.code} {info.name}"), "tests": str(len(found)), "failures": str(len(found)),
            "errors": "0", "skipped": "0", "time": "0"})
        for f in found:
            suite.append(testcase(f, arts))
        total += len(found)
        failures += len(found)
    if not report.findings:
        suite = ET.SubElement(root, "testsuite", {"name": "claimcheck", "tests": "1", "failures": "0",
                                                  "errors": "0", "skipped": "0", "time": "0"})
        ET.SubElement(suite, "testcase", {"classname": "claimcheck", "name": "no findings", "time": "0"})
        total += 1
    if report.skipped:
        suite = ET.SubElement(root, "testsuite", {
            "name": "skipped inputs", "tests": str(len(report.skipped)), "failures": "0", "errors": "0",
            "skipped": str(len(report.skipped)), "time": "0"})
        for s in sorted(report.skipped, key=lambda s: (s.path, s.line or 0)):
            case = ET.SubElement(suite, "testcase", {"classname": "claimcheck.input",
                                                     "name": clean(s.path + (f":{s.line}" if s.line else "")),
                                                     "time": "0"})
            ET.SubElement(case, "skipped", {"message": clean(s.reason)})
        total += len(report.skipped)
        skipped += len(report.skipped)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", str(skipped))
    return root


def render(report: Report, *, width: int | None = None, color: bool = False) -> str:
    """The JUnit XML document as text."""
    root = build(report)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
