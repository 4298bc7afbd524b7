"""The rich terminal report and the timeline/claims tables: stable at a fixed width, plain unless
colour is asked for, figures side by side and highlighted in their sentence."""

from __future__ import annotations

import re

from test_reports_sample import sample_claims, sample_report

from claimcheck.reports import render
from claimcheck.reports.tables import claims_table, timeline_rows, timeline_table

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_plain_report_has_summary_groups_and_highlight():
    out = render(sample_report(), "rich", width=100, color=False)
    assert "\x1b[" not in out
    first = out.splitlines()[0]
    assert first == "claimcheck: 4 articles, 5 claims, 4 findings (1 error, 1 warning, 2 info), 1 skipped"
    # grouped by subject, worst severity first
    order = [out.index(s) for s in ("dprk.troops.near_border ─", "dprk.troops.in_russia ─",
                                    "dprk.troops.casualties ─", "(no subject) ─")]
    assert order == sorted(order)
    assert "[[plus de 7 000 soldats nord-coréens]]" in out
    assert "batch/broken.json:3: malformed JSON" in out
    table_line = next(line for line in out.splitlines() if "plus de 7 000" in line and "≥" in line)
    for cell in ("≥ 7,000", "ua.gur", "2024-10-29", "batch/gur.txt"):
        assert cell in table_line  # figures side by side: interval, source, date, article


def test_report_respects_the_width_and_is_stable():
    for width in (60, 80, 120):
        out = render(sample_report(), "rich", width=width)
        assert max(len(line) for line in out.splitlines()) <= width
        assert out == render(sample_report(), "rich", width=width)


def test_colour_only_when_asked():
    out = render(sample_report(), "rich", width=100, color=True)
    assert "\x1b[" in out
    plain = ANSI.sub("", out)
    assert "plus de 7 000 soldats nord-coréens" in plain and "[[" not in plain


def test_markup_in_article_text_is_printed_literally():
    out = render(sample_report(), "rich", width=200)
    assert "<script>alert(1)</script>" in out and "`un député`" in out


def test_timeline_orders_by_date_with_undated_last():
    rows = timeline_rows(sample_report().claims)
    assert list(rows) == sorted(rows)
    in_russia = rows["dprk.troops.in_russia"]
    assert [c.surface for c in in_russia] == ["plus de 10 000 soldats", "3 000 le nombre total de soldats"]
    out = timeline_table(sample_report().claims, width=100)
    assert out.index("plus de 10 000") < out.index("3 000 le nombre") and "undated" in out


def test_timeline_subject_selects_children():
    claims = list(sample_claims().values())
    out = timeline_table(claims, subject="dprk.troops", width=100)
    assert "dprk.troops.in_russia" in out and "dprk.troops.near_border" in out
    only = timeline_table(claims, subject="dprk.troops.in_russia", width=100)
    assert "near_border" not in only
    assert "No figures for nothing.here" in timeline_table(claims, subject="nothing.here")


def test_claims_table_lists_every_claim():
    claims = list(sample_claims().values())
    out = claims_table(claims, width=160)
    assert all(c.article in out for c in claims) and all(f" {c.start} " in out for c in claims)
    assert "No claims." in claims_table([])


def test_narrow_terminal_lists_figures_one_under_the_other():
    out = render(sample_report(), "rich", width=60)
    assert "≥ 7,000 · ua.gur · 2024-10-29 · batch/gur.txt" in out
    assert max(len(line) for line in out.splitlines()) <= 60


def test_narrow_tables_keep_every_field():
    claims = list(sample_claims().values())
    for out in (timeline_table(claims, width=50), claims_table(claims, width=50)):
        assert max(len(line) for line in out.splitlines()) <= 50
        assert "≥ 10,000" in out and "kr.nis" in out and "2024-10-01 → 2024-11-30" in out
