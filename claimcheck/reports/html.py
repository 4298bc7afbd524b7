"""`--format html`: one self-contained page (no network, no script, no external font).

A summary, a contents list, then per subject (those with findings first, by worst severity): a
timeline chart drawn as inline SVG (see chart.py), the findings with their figures side by side and
the evidence sentences with the figure highlighted, and every figure of the subject in a table.
Every piece of article text, message, path and key goes through `html.escape`.
"""

from __future__ import annotations

from html import escape

from ..models import SEVERITY_ORDER, Article, Claim, Finding, Report
from .chart import source_colors, timeline_svg
from .common import (
    articles_by_id,
    claim_date,
    claim_interval,
    claim_source,
    date_sort_key,
    finding_claim_keys,
    highlight,
    one_line,
    severity_counts,
    subject_label,
)

CSS = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--ink:#1d1d1f;--mute:#5f6368;--line:#e3e3e8;--bg:#fafafb}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:18px 32px}
header h1{margin:0 0 10px;font-size:22px}
main{max-width:1140px;margin:0 auto;padding:8px 32px 48px}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:96px}
.card b{display:block;font-size:22px}
.card span{color:var(--mute);font-size:13px}
.card.error b{color:var(--err)} .card.warning b{color:var(--warn)} .card.info b{color:var(--info)}
nav{margin:18px 0 6px}
nav ol{margin:4px 0;padding-left:22px;columns:2}
h2.top{font-size:18px;margin:22px 0 6px}
table.overview{background:#fff;border:1px solid var(--line);border-radius:8px}
table.overview td.path{white-space:normal}
nav li{break-inside:avoid}
section.subject{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 22px;margin:22px 0}
section.subject h2{margin:0 0 4px;font-size:19px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.sub{color:var(--mute);font-size:13px;margin:0 0 8px}
.chart{display:block;max-width:100%;height:auto}
.chart .grid{stroke:#eceff1}.chart .axis{stroke:#90a4ae}
.chart .tick{font-size:11px;fill:#607d8b}
.chart .flabel{font-size:12px;font-weight:700;fill:#111}
.chart .undated{fill:#f5f5f7;stroke:#d0d0d8;stroke-dasharray:4 3}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px;color:var(--mute);margin:2px 0 10px}
.legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:5px;vertical-align:-1px}
.legend .key{font-style:italic}
.finding{border-left:4px solid var(--mute);padding:6px 0 6px 14px;margin:14px 0}
.finding.error{border-color:var(--err)}.finding.warning{border-color:var(--warn)}.finding.info{border-color:var(--info)}
.finding h3{margin:0;font-size:16px}
.badge{display:inline-block;font-size:11px;font-weight:700;letter-spacing:.04em;color:#fff;border-radius:4px;
padding:1px 7px;margin-right:6px;vertical-align:2px}
.badge.error{background:var(--err)}.badge.warning{background:var(--warn)}.badge.info{background:var(--info)}
.num{color:var(--mute);font-weight:400}
.msg{margin:4px 0 8px}
table{border-collapse:collapse;width:100%;font-size:13.5px;margin:4px 0 8px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--mute);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
td.r{text-align:right;white-space:nowrap}
td.nw{white-space:nowrap}
td.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;white-space:nowrap}
blockquote{margin:6px 0;padding:6px 12px;background:var(--bg);border-radius:6px;font-size:14px}
blockquote .n{color:var(--mute);margin-right:6px}
mark{background:#ffe082;padding:0 2px;border-radius:2px}
.fp{color:var(--mute);font-size:11.5px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
details summary{cursor:pointer;color:var(--mute);font-size:13.5px;margin-top:6px}
footer{color:var(--mute);font-size:12px;text-align:center;padding:20px}
"""

EVIDENCE_SHOWN = 3  # sentences shown at once under a finding; the rest fold away

LEGEND_HELP = ("● value · bar: the interval the words allow · fading bar and arrow: open end (“more than”, "
               "“up to”) · horizontal line: the period a figure covers · ○ hollow: a figure of a related subject · "
               "ringed #n: figure in finding n")


def e(text: object) -> str:
    """Escaped text for element content and attribute values."""
    return escape(str(text), quote=True)


def key_html(key: str) -> str:
    """A dotted key or path, escaped, with line-break opportunities after dots and slashes."""
    return e(key).replace(".", ".<wbr>").replace("/", "/<wbr>")


def sentence_html(claim: Claim, article: Article | None) -> str:
    """The claim's sentence, escaped, with the figure in <mark>."""
    h = highlight(claim, article)
    fig = f"<mark>{e(one_line(h.figure))}</mark>" if h.figure else ""
    before = e(one_line(h.before)) + (" " if h.before[-1:].isspace() else "")
    after = (" " if h.after[:1].isspace() else "") + e(one_line(h.after))
    return before + fig + after


def figures_table(claims: list[Claim], numbered: bool = True) -> str:
    """Figures side by side: figure, interval, source, date, article."""
    head = "<tr>" + ("<th>#</th>" if numbered else "") + \
        "<th>figure</th><th>interval</th><th>source</th><th>date</th><th>article</th></tr>"
    rows = []
    for i, c in enumerate(claims, 1):
        num = f'<td class="r">{i}</td>' if numbered else ""
        rows.append(f"<tr>{num}<td>{e(one_line(c.surface))}</td><td class=\"nw\">{e(claim_interval(c))}</td>"
                    f"<td>{e(claim_source(c))}</td><td class=\"nw\">{e(claim_date(c))}</td>"
                    f'<td class="path">{e(c.article)}</td></tr>')
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def finding_html(n: int, f: Finding, arts: dict[str, Article]) -> str:
    """A finding: badge, code, rule, message, figures and evidence."""
    flag = f", {e(f.flag)}" if f.flag else ""
    out = [f'<article class="finding {f.severity}" id="f-{n}">',
           f'<h3><span class="badge {f.severity}">{f.severity.upper()}</span>{e(f.code)} {e(f.rule)} '
           f'<span class="num">#{n} · {e(f.kind)}{flag}</span></h3>',
           f'<p class="msg">{e(one_line(f.message))}</p>']
    if f.article and not f.claims:
        out.append(f'<p class="sub">article <span class="path">{e(f.article)}</span></p>')
    if f.claims:
        out.append(figures_table(f.claims))
        quotes = [f'<blockquote><span class="n">{i}.</span>{sentence_html(c, arts.get(c.article))}</blockquote>'
                  for i, c in enumerate(f.claims, 1)]
        out += quotes[:EVIDENCE_SHOWN]
        if len(quotes) > EVIDENCE_SHOWN:
            rest = len(quotes) - EVIDENCE_SHOWN
            out.append(f"<details><summary>{rest} more sentence{'s' * (rest != 1)}</summary>"
                       + "".join(quotes[EVIDENCE_SHOWN:]) + "</details>")
    out.append(f'<div class="fp">fingerprint {e(f.fingerprint or "-")}</div></article>')
    return "\n".join(out)


def legend_html(colors: dict[str, str], used: set[str]) -> str:
    items = [f'<span><i style="background:{col}"></i>{e(src)}</span>'
             for src, col in sorted(colors.items()) if src in used]
    return f'<div class="legend">{"".join(items)}</div>'


def subject_order(report: Report) -> list[str | None]:
    """Subjects with findings first (worst severity, then name), then the others by name."""
    worst: dict[str | None, int] = {}
    for f in report.findings:
        worst[f.subject] = max(worst.get(f.subject, -1), SEVERITY_ORDER[f.severity])
    others = sorted({c.subject for c in report.claims if c.subject and c.subject not in worst})
    flagged = sorted(worst, key=lambda s: (-worst[s], s or "\uffff"))
    return flagged + others


def section_html(idx: int, subject: str | None, report: Report, numbers: dict[int, int],
                 arts: dict[str, Article], colors: dict[str, str],
                 finding_of: dict[tuple[str, int, int], list[int]]) -> str:
    """One subject: chart, legend, findings and the table of its figures."""
    findings = [f for f in report.findings if f.subject == subject]
    own = [c for c in report.claims if c.subject == subject and subject is not None]
    seen = {c.key() for c in own}
    related = []
    for f in findings:
        for c in f.claims:
            if c.key() not in seen:
                seen.add(c.key())
                related.append(c)
    charted = own + related
    sev = {k: sum(1 for f in findings if f.severity == k) for k in ("error", "warning", "info")}
    counts = ", ".join(f"{v} {k}" for k, v in sev.items() if v) or "no finding"
    out = [f'<section class="subject" id="s-{idx}">', f"<h2>{e(subject_label(subject))}</h2>",
           f'<p class="sub">{len(own)} figure{"s" * (len(own) != 1)} · {e(counts)}</p>']
    if charted and subject is not None:  # findings about articles as a whole have no timeline
        height = 300 if findings or len(charted) > 3 else 200  # a quiet subject gets a smaller chart
        out.append(timeline_svg(charted, colors, finding_of, subject, f"c{idx}", height=height))
        out.append(legend_html(colors, {claim_source(c) for c in charted}))
    for f in findings:
        out.append(finding_html(numbers[id(f)], f, arts))
    if own:
        rows = sorted(own, key=lambda c: (date_sort_key(c), claim_source(c), c.article, c.start))
        out.append(f"<details><summary>All {len(own)} figures on this subject, by date</summary>"
                   f"{figures_table(rows, numbered=False)}</details>")
    out.append("</section>")
    return "\n".join(out)


def overview_html(report: Report) -> str:
    """Every finding on one line: number, severity, rule, subject and message, linked to its details."""
    rows = []
    for n, f in enumerate(report.findings, 1):
        rows.append(f'<tr><td class="r"><a href="#f-{n}">#{n}</a></td>'
                    f'<td><span class="badge {f.severity}">{f.severity.upper()}</span></td>'
                    f'<td class="nw">{e(f.code)} {e(f.rule)}</td><td class="path">{key_html(subject_label(f.subject))}</td>'
                    f"<td>{e(one_line(f.message))}</td></tr>")
    return ('<h2 class="top">Findings</h2><table class="overview"><thead><tr><th>#</th><th>severity</th>'
            f"<th>rule</th><th>subject</th><th>message</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def header_html(report: Report) -> str:
    s = report.summary
    counts = severity_counts(report)
    cards = [("articles", s.articles, ""), ("claims", s.claims, "")]
    cards += [(k, v, k if v else "") for k, v in counts.items()]
    cards.append(("skipped inputs", len(report.skipped), ""))
    html = "".join(f'<div class="card {cls}"><b>{v}</b><span>{e(k)}</span></div>' for k, v, cls in cards)
    return f'<header><h1>claimcheck report</h1><div class="cards">{html}</div></header>'


def render(report: Report, *, width: int | None = None, color: bool = False) -> str:
    """The whole HTML document (deterministic: no dates, no absolute paths)."""
    arts = articles_by_id(report)
    numbers = {id(f): n for n, f in enumerate(report.findings, 1)}
    subjects = subject_order(report)
    colors = source_colors([claim_source(c) for c in report.claims] +
                           [claim_source(c) for f in report.findings for c in f.claims])
    finding_of = finding_claim_keys(report.findings)
    flagged, quiet, sections = [], [], []
    for i, subj in enumerate(subjects, 1):
        nf = sum(1 for f in report.findings if f.subject == subj)
        link = f'<a href="#s-{i}">{e(subject_label(subj))}</a>'
        if nf:
            flagged.append(f'<li>{link} <span class="num">({nf} finding{"s" * (nf != 1)})</span></li>')
        else:
            quiet.append(link)
        sections.append(section_html(i, subj, report, numbers, arts, colors, finding_of))
    body = [header_html(report), "<main>"]
    if report.findings:
        body.append(overview_html(report))
    else:
        body.append("<p>No findings.</p>")
    if flagged or quiet:
        nav = ["<nav>"]
        if flagged:
            nav.append(f"<b>Subjects with findings</b><ol>{''.join(flagged)}</ol>")
        if quiet:
            nav.append(f'<p class="sub"><b>Other subjects</b>: {" · ".join(quiet)}</p>')
        nav.append(f'<p class="sub">How to read the charts: {e(LEGEND_HELP)}.</p></nav>')
        body.append("".join(nav))
    body += sections
    from ..consensus import for_report, html_section

    consensus = for_report(report)
    if consensus is not None:
        body.append(html_section(consensus))
    if report.skipped:
        rows = "".join(f'<tr><td class="path">{e(s.path)}</td><td class="r">{e(s.line or "")}</td>'
                       f"<td>{e(s.reason)}</td></tr>"
                       for s in sorted(report.skipped, key=lambda s: (s.path, s.line or 0)))
        body.append('<section class="subject"><h2>Skipped inputs</h2><table><thead><tr><th>input</th>'
                    f"<th>line</th><th>reason</th></tr></thead><tbody>{rows}</tbody></table></section>")
    body.append("</main><footer>claimcheck · figures, their sources and dates, checked against each other</footer>")
    return _no_control("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>claimcheck report</title>\n<style>" + CSS + "</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


# C0 controls (but tab and line breaks), DEL and C1 controls: HTML forbids them, and article text may hold them
_CONTROL = {c: None for c in [*range(0, 9), 11, 12, *range(14, 32), *range(0x7F, 0xA0)]}


def _no_control(doc: str) -> str:
    """The document without the control characters HTML forbids (they can only come from article text)."""
    return doc.translate(_CONTROL)
