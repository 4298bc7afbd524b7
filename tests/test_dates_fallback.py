"""dateparser as a fallback on candidate spans (claimcheck.datefallback): what it adds, what it may
never do, and that articles the grammar reads alone never import it."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from claimcheck import dates, datefallback
from claimcheck.models import Article
from claimcheck.registry import Registry
from dates_support import reg  # noqa: F401 - the shared fixture
from claimcheck.timeexpr import find_time_expressions, grammar

ROOT = Path(__file__).resolve().parent.parent




def days(text: str, lang: str, reg: Registry) -> list[tuple[str, tuple]]:
    return [(e.text, (e.year, e.month, e.day)) for e in find_time_expressions(text, lang, reg)]


@pytest.mark.parametrize("lang,text,words,ymd", [
    ("en", "The ceasefire was signed on 30. November 2024 in Doha.", "30. November 2024", (2024, 11, 30)),
    ("en", "Filed 14Feb2025 by the registrar.", "14Feb2025", (2025, 2, 14)),
    ("en", "It took effect on March the 3rd, 2025 at noon.", "March the 3rd, 2025", (2025, 3, 3)),
    ("en", "The letter is dated 9 Jan '25 and signed.", "9 Jan '25", (2025, 1, 9)),
    ("en", "The vote held on 30 nov 2024 was annulled.", "30 nov 2024", (2024, 11, 30)),
    ("en", "Report of Feb.7,2025, page 3.", "Feb.7,2025", (2025, 2, 7)),
    ("fr", "Le décret du 4. mars 2025 est paru.", "4. mars 2025", (2025, 3, 4)),
])
def test_forms_the_grammar_misses_are_read_by_the_fallback(lang, text, words, ymd, reg):
    assert (words, ymd) in days(text, lang, reg)


@pytest.mark.parametrize("lang,text", [
    ("fr", "Il a retrouvé sa mère et sa sœur dans la mer Noire, 45 ans après, vers 17h39."),
    ("fr", "Publié à 17h39\n\nLe bilan atteint 45 morts."),
    ("en", "He is 45, she says, and spent 12 years in the Black Sea fleet."),
    ("fr", "le 3 mai 12 personnes ont été blessées"),  # "3 mai 12" is no date of the year 2012
])
def test_dateparser_errors_do_not_get_through(lang, text, reg):
    found = find_time_expressions(text, lang, reg)
    assert all(e.year not in (1979, datetime.now().year) or e.text.strip().endswith(str(e.year)) for e in found)
    assert not [e for e in found if e.weekday is not None]  # "sa", "mer" are no weekdays
    assert not [e for e in found if e.year == 2012]


def test_publication_time_alone_is_no_date(reg):
    a = Article(id="t", text="Publié à 17h39\n\nLe bilan atteint 45 morts.", lang="fr")
    dates.publication_date(a, reg)
    assert a.published is None and "undated" in a.flags


def test_a_month_only_date_gets_no_day(reg):
    assert days("Le chantier a commencé en novembre 2024.", "fr", reg) == [("novembre 2024", (2024, 11, None))]
    assert days("Work began in November 2024.", "en", reg) == [("November 2024", (2024, 11, None))]


def test_month_day_without_year_is_not_read_backwards(reg):
    # dateparser alone turns "Nov. 30" into 12 November; the grammar reads it, the fallback is not asked
    assert days("Officials spoke on Nov. 30 in Kyiv.", "en", reg) == [("Nov. 30", (None, 11, 30))]


@pytest.mark.parametrize("wrong", [datetime(2024, 11, 12), datetime(1979, 11, 30), datetime(2024, 10, 30)])
def test_an_answer_that_disagrees_with_the_span_is_refused(wrong, reg, monkeypatch):
    monkeypatch.setattr(datefallback, "_parse", lambda span, lang, ref: wrong)
    g = grammar("en", reg)
    prefixes = datefallback.month_prefixes(g.months)
    text = "on 30Nov2024 at noon"
    assert datefallback.resolve_candidates(text, text.lower(), "en", prefixes, []) == []


def test_candidates_need_a_month_like_word_or_three_numbers(reg):
    prefixes = datefallback.month_prefixes(grammar("fr", reg).months)
    for text in ("12 soldats 2024", "sa mère", "la mer Noire", "45 ans", "à 17h39", "1.2.15"):
        assert datefallback.candidates(text, prefixes, []) == [], text


def test_the_seeds_never_import_dateparser():
    # a fresh interpreter runs the time stage on every seed (with the date vocabulary only, so that
    # the test does not depend on other stages' data files)
    code = ("import sys, pathlib\n"
            "from claimcheck import dates, safeyaml\n"
            "from claimcheck.models import Article\n"
            "from claimcheck.registry import Registry, _add_vocab\n"
            "reg = Registry(dirs=())\n"
            "for lang in ('fr', 'en'):\n"
            "    path = pathlib.Path('rules/lang') / lang / 'dates.yaml'\n"
            "    _add_vocab(reg, lang, 'dates', path, safeyaml.load(path))\n"
            "for p in sorted(pathlib.Path('seeds').glob('*.txt')):\n"
            "    a = Article(id=p.name, text=p.read_text(encoding='utf-8'), lang='fr')\n"
            "    dates.publication_date(a, reg)\n"
            "    dates.resolve_event_dates(a, [], reg)\n"
            "    assert dates.find_time_expressions(a.text, 'fr', reg)\n"
            "print('dateparser' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
