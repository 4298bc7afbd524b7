"""The inline SVG timeline: well-formed, scaled to its figures, open ends and undated figures shown."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from test_reports_sample import EVIL_ATTR, sample_claims

from claimcheck.reports.chart import source_colors, timeline_svg, x_ticks, y_scale
from claimcheck.reports.common import claim_source, finding_claim_keys

SVG = "{http://www.w3.org/2000/svg}"


def chart(claims, findings=None, subject="dprk.troops.in_russia"):
    colors = source_colors([claim_source(c) for c in claims])
    return timeline_svg(claims, colors, finding_claim_keys(findings or []), subject, "t")


def test_chart_is_well_formed_svg_with_escaped_labels():
    claims = list(sample_claims().values())
    root = ET.fromstring(chart(claims))
    assert root.tag == SVG + "svg"
    titles = ["".join(t.itertext()) for t in root.iter(SVG + "title")]
    assert any(EVIL_ATTR in t for t in titles)  # the article's words, as text


def test_open_ends_fade_with_an_arrow_and_undated_figures_stand_apart():
    c = sample_claims()
    svg = chart([c["nis10000"], c["nis3000"]])
    assert 'fill="url(#t-u' in svg  # "plus de 10 000": open upwards, a fading bar
    assert ">undated</text>" in svg and 'class="undated"' in svg
    closed = chart([c["nis3000"].model_copy(update={"event_date": c["nis10000"].event_date})])
    assert "url(#t-" not in closed.split("</defs>")[1] and ">undated</text>" not in closed


def test_findings_are_ringed_and_linked():
    from test_reports_sample import sample_report

    report = sample_report()
    c = sample_claims()
    svg = chart([c["nis10000"], c["nis3000"]], report.findings)
    assert 'href="#f-1"' in svg and 'href="#f-2"' in svg


def test_scales():
    assert y_scale([1000, 50000], 0, 100).log
    linear = y_scale([1000, 3000], 0, 100)
    assert not linear.log and linear.lo == 0 and linear.hi >= 3000
    assert linear(0) == 100 and linear(linear.hi) == 0
    assert [label for _, label in x_ticks(date(2024, 8, 1), date(2024, 12, 31))][:2] == ["2024-08", "2024-09"]
    assert len(x_ticks(date(2024, 10, 1), date(2024, 10, 20))) <= 8
