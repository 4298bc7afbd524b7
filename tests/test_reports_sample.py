"""A synthetic Report for the report tests (built from text, independent of extraction and rules),
and tests of the shared formatting helpers in claimcheck.reports.common."""

from __future__ import annotations

from pathlib import Path

from claimcheck.models import Article, Claim, EventDate, Finding, Report, Skipped, Summary
from claimcheck.reports import common
from claimcheck.textutil import sentence_of, sentence_spans

EVIL = '<script>alert(1)</script>'
EVIL_ATTR = '"><img src=x onerror=alert(2)>'

TEXTS = {
    "batch/gur.txt": (
        "Kiev, le 29 octobre 2024\n\n"
        "Selon les renseignements militaires ukrainiens, plus de 7 000 soldats nord-coréens ont été "
        "déplacés près de la frontière.\n"
        "Le président a ajouté que les premiers mille soldats nord-coréens y étaient déjà.\n"
    ),
    "batch/nis-undated.txt": (
        "Les services de renseignement sud-coréens estiment à 3 000 le nombre total de soldats "
        "nord-coréens en Russie.\n"
    ),
    "batch/nis.txt": (
        "Séoul, 30 novembre 2024\n\n"
        "Le NIS affirme que plus de 10 000 soldats sont en Russie | selon `un député`, <b>déployés</b> "
        "depuis octobre.\n"
    ),
    "batch/evil.txt": (
        f"Titre {EVIL}\n\nUn porte-parole {EVIL_ATTR} a dit que 500 soldats {EVIL} sont morts, "
        "100% | 50 % & co.\n"
    ),
}
PUBLISHED = {"batch/gur.txt": "2024-10-29", "batch/nis-undated.txt": None, "batch/nis.txt": "2024-11-30",
             "batch/evil.txt": "2024-12-01"}


def make_article(aid: str) -> Article:
    return Article(id=aid, path=aid, title=f"Article {EVIL}" if "evil" in aid else aid.split("/")[-1],
                   lang="fr", published=PUBLISHED[aid], text=TEXTS[aid])


def make_claim(aid: str, surface: str, low: float | None, high: float | None, qualifier: str,
               subject: str, source: str | None, ev: tuple[str | None, str | None] | None,
               value: float | None = None, **kw) -> Claim:
    """A claim located in its article's text by its surface, with its sentence."""
    text = TEXTS[aid]
    start = text.index(surface)
    s, e = sentence_of(sentence_spans(text), start)
    return Claim(article=aid, surface=surface, start=start, end=start + len(surface),
                 value=value if value is not None else (low if low is not None else high), low=low, high=high,
                 qualifier=qualifier, subject=subject, attributed_to=source,
                 event_date=EventDate(start=ev[0], end=ev[1]) if ev else None,
                 published=PUBLISHED[aid], sentence=text[s:e], sentence_start=s, kind="stock", **kw)


def sample_claims() -> dict[str, Claim]:
    return {
        "gur7000": make_claim("batch/gur.txt", "plus de 7 000 soldats nord-coréens", 7000, None, "more_than",
                              "dprk.troops.near_border", "ua.gur", ("2024-10-29", "2024-10-29")),
        "zel1000": make_claim("batch/gur.txt", "les premiers mille soldats nord-coréens", 1000, None,
                              "at_least", "dprk.troops.near_border", "ua.president", ("2024-10-29", "2024-10-29")),
        "nis3000": make_claim("batch/nis-undated.txt", "3 000 le nombre total de soldats", 3000, 3000, "exact",
                              "dprk.troops.in_russia", "kr.nis", None),
        "nis10000": make_claim("batch/nis.txt", "plus de 10 000 soldats", 10000, None, "more_than",
                               "dprk.troops.in_russia", "kr.nis", ("2024-10-01", "2024-11-30")),
        "evil500": make_claim("batch/evil.txt", "500 soldats", 450, 550, "approx",
                              "dprk.troops.casualties", None, ("2024-12", "2024-12"),
                              attributed_text=f"porte-parole {EVIL_ATTR}"),
    }


def sample_report() -> Report:
    """Five findings over four articles, one skipped input: every severity, kind and escape case."""
    c = sample_claims()
    findings = [
        Finding(code="CC001", rule="figure-conflict", severity="error", kind="conflict",
                subject="dprk.troops.near_border",
                message="More than 7,000 near the border (ua.gur) cannot hold with 3,000 in Russia in all (kr.nis).",
                claims=[c["gur7000"], c["nis3000"]], fingerprint="a1" * 20),
        Finding(code="CC003", rule="source-revision", severity="warning", kind="revision",
                subject="dprk.troops.in_russia",
                message="kr.nis revised its figure from 3,000 to more than 10,000.",
                claims=[c["nis3000"], c["nis10000"]], fingerprint="b2" * 20),
        Finding(code="CC009", rule="single-source", severity="info", kind="single_source",
                subject="dprk.troops.casualties",
                message=f"Every figure comes from one party: {EVIL} | `code` {EVIL_ATTR} 100%, a:b,c\r\nend",
                claims=[c["evil500"]], fingerprint="c3" * 20),
        Finding(code="CC010", rule="undated-article", severity="info", kind="data_quality",
                subject=None, message="The article states no publication date.",
                article="batch/nis-undated.txt", flag="undated", fingerprint="d4" * 20),
    ]
    findings.sort(key=lambda f: (-{"info": 0, "warning": 1, "error": 2}[f.severity], f.subject or "", f.fingerprint))
    arts = [make_article(a) for a in TEXTS]
    by_sev = {"error": 1, "warning": 1, "info": 2}
    claims = list(c.values())
    skipped = [Skipped(path="batch/broken.json", line=3, reason="malformed JSON: Expecting value")]
    return Report(findings=findings, summary=Summary(articles=len(arts), claims=len(claims),
                  findings=len(findings), by_severity=by_sev, skipped=1),
                  skipped=skipped, articles=arts, claims=claims)


def write_batch(root: Path) -> None:
    """The sample articles as files under `root` (paths as in the report)."""
    for aid, text in TEXTS.items():
        p = root / aid
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- tests of the helpers

def test_sample_claims_slice_their_articles():
    for claim in sample_claims().values():
        assert TEXTS[claim.article][claim.start:claim.end] == claim.surface
        assert claim.surface in claim.sentence


def test_fmt_interval():
    assert common.fmt_interval(3000, 3000) == "3,000"
    assert common.fmt_interval(10000, None) == "≥ 10,000"
    assert common.fmt_interval(None, 3460) == "≤ 3,460"
    assert common.fmt_interval(20000, 25000) == "20,000–25,000"
    assert common.fmt_interval(None, None) == "any"
    assert common.fmt_number(33.3) == "33.3"


def test_event_dates_and_partial_iso_days():
    assert common.fmt_event_date(None) == "undated"
    assert common.fmt_event_date(EventDate(start="2024-10-29", end="2024-10-29")) == "2024-10-29"
    assert common.fmt_event_date(EventDate(start=None, end="2024-11-30")) == "→ 2024-11-30"
    assert str(common.iso_day("2024-02", end=True)) == "2024-02-29"
    assert str(common.iso_day("2024-12", end=True)) == "2024-12-31"
    assert str(common.iso_day("2024")) == "2024-01-01"
    assert common.iso_day("not a date") is None


def test_highlight_uses_offsets_then_search():
    c = sample_claims()["gur7000"]
    h = common.highlight(c)
    assert h.figure == "plus de 7 000 soldats nord-coréens"
    assert h.plain == c.sentence
    moved = c.model_copy(update={"sentence_start": 0})
    assert common.highlight(moved).figure == c.surface


def test_claim_location_counts_lines_in_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = sample_report()
    arts = common.articles_by_id(report)
    c = sample_claims()["gur7000"]
    loc = common.claim_location(c, arts[c.article])  # no file: positions in the text
    assert (loc.uri, loc.start_line) == ("batch/gur.txt", 3)
    front = "---\ntitle: x\n---\n"
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "gur.txt").write_text(front + TEXTS["batch/gur.txt"], encoding="utf-8")
    common._body_offset.cache_clear()
    loc = common.claim_location(c, arts[c.article])
    assert loc.start_line == 6 and loc.start_col == TEXTS["batch/gur.txt"].split("\n")[2].index("plus") + 1
    common._body_offset.cache_clear()
