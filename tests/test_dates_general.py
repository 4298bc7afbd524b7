"""The time stage on constructions that the first grammar got wrong (docs/heldout.md, dates section).

Each case is a new sentence, French or English, resolved against the publication date it states:
a comparison figure's own year, seasons and republication, dates in clauses about the future,
"N years ago", "the past week", "the first N months of", dates that must not carry over to an undated
statement, "en 1957, quand …" clauses and the start of a running total.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import dates
from claimcheck.models import Article, Claim
from claimcheck.registry import Registry
from claimcheck.textutil import sentence_of, sentence_spans
from dates_support import reg  # noqa: F401 - the shared fixture
from claimcheck.timeexpr import find_time_expressions, parse_iso, resolve

ROOT = Path(__file__).resolve().parent.parent




def claim_at(a: Article, surface: str, source: str | None = None, key: str | None = None) -> Claim:
    i = a.text.index(surface)
    s, e = sentence_of(sentence_spans(a.text), i)
    return Claim(article=a.id, surface=surface, start=i, end=i + len(surface), value=None, low=None,
                 high=None, qualifier="exact", attributed_to=key, attributed_text=source,
                 sentence=a.text[s:e], sentence_start=s)


def run(text: str, lang: str, surfaces: list[str | tuple[str, str | None, str | None]],
        reg: Registry) -> tuple[Article, list[Claim]]:
    a = Article(id="t", text=text, lang=lang)
    dates.publication_date(a, reg)
    cs = [claim_at(a, *s) if isinstance(s, tuple) else claim_at(a, s) for s in surfaces]
    dates.resolve_event_dates(a, cs, reg)
    dates.flag_republication(a, cs, reg)
    return a, cs


def ev(c: Claim) -> tuple[str, str] | None:
    return None if c.event_date is None else (c.event_date.start, c.event_date.end)


# ---------------------------------------------------------------- a comparison's year is its own

@pytest.mark.parametrize("lang,text,main,other,main_date,other_date", [
    ("fr", "Publié le 12 mars 2025\n\nLe chômage atteint 7,4 %, contre 7,1 % en 2024, selon l'Insee.",
     "7,4 %", "7,1 %", ("2025-03-12", "2025-03-12"), ("2024-01-01", "2024-12-31")),
    ("fr", "Publié le 3 juin 2025\n\nLes ventes ont reculé à 1 200 unités par rapport à 1 450 unités en mai 2024.",
     "1 200 unités", "1 450 unités", ("2025-06-03", "2025-06-03"), ("2024-05-01", "2024-05-31")),
    ("en", "Published: 9 April 2025\n\nExports reached 52,300 tonnes, up from 48,900 tonnes in 2024.",
     "52,300 tonnes", "48,900 tonnes", ("2025-04-09", "2025-04-09"), ("2024-01-01", "2024-12-31")),
    ("en", "Published: 9 April 2025\n\nThe clinic saw 812 patients, compared with 640 in March 2024.",
     "812 patients", "640", ("2025-04-09", "2025-04-09"), ("2024-03-01", "2024-03-31")),
])
def test_comparison_year_dates_only_the_comparison(lang, text, main, other, main_date, other_date, reg):
    _, (c1, c2) = run(text, lang, [main, other], reg)
    assert ev(c1) == main_date
    assert ev(c2) == other_date


def test_a_year_of_the_main_figure_still_dates_it(reg):
    _, (c,) = run("Publié le 12 mars 2025\n\nEn 2024, le chômage a atteint 7,4 % selon l'Insee.", "fr",
                  ["7,4 %"], reg)
    assert ev(c) == ("2024-01-01", "2024-12-31")


# ---------------------------------------------------------------- seasons and republication

@pytest.mark.parametrize("lang,text,surface", [
    ("fr", "Publié le jeudi 21 novembre 2024\n\nLe port compte 4 300 dockers.\n\n"
           "La réforme votée au printemps par le Parlement est entrée en vigueur.", "4 300 dockers"),
    ("en", "Published: Thursday 21 November 2024\n\nThe port employs 4,300 dockers.\n\n"
           "The reform passed in the spring is now in force.", "4,300 dockers"),
])
def test_a_season_elsewhere_neither_widens_nor_flags_republication(lang, text, surface, reg):
    a, (c,) = run(text, lang, [surface], reg)
    assert "republished" not in a.flags
    assert ev(c) == ("2024-11-21", "2024-11-21")


def test_figures_dated_from_the_header_keep_it_current(reg):
    text = ("Publié le vendredi 3 janvier 2025\n\nL'an dernier, 9 100 demandes ont été déposées.\n\n"
            "Le 14 septembre, 40 bateaux ont été secourus au large.")
    a, (c1, c2) = run(text, "fr", ["9 100 demandes", "40 bateaux"], reg)
    assert "republished" not in a.flags
    assert ev(c2) == ("2024-09-14", "2024-09-14")


# ---------------------------------------------------------------- clauses about the future

@pytest.mark.parametrize("lang,text,words,published,expected", [
    ("en", "Officials said 5,000 more would arrive by March.", "March", "2025-01-20", ("2025-03-01", "2025-03-31")),
    ("en", "The runoff is due to take place on 2 February.", "2 February", "2025-01-20",
     ("2025-02-02", "2025-02-02")),
    ("fr", "Le chantier devrait être achevé d'ici février.", "février", "2025-01-20", ("2025-02-01", "2025-02-28")),
    ("fr", "Le second tour doit se tenir le 2 février.", "2 février", "2025-01-20", ("2025-02-02", "2025-02-02")),
])
def test_year_less_dates_in_a_future_clause_look_ahead(lang, text, words, published, expected, reg):
    a = Article(id="t", text=f"Publié le {published}\n\n{text}" if lang == "fr" else
                f"Published: {published}\n\n{text}", lang=lang)
    dates.publication_date(a, reg)
    doc = dates._analyse(a, reg)
    e = [x for x in doc.exprs if x.text == words][0]
    assert e.start in doc.future
    assert resolve(dates._forward(e), parse_iso(published), None) == tuple(
        __import__("datetime").date.fromisoformat(d) for d in expected)


@pytest.mark.parametrize("lang,text,surface,expected", [
    ("en", "Published: 20 January 2025\n\nThe ministry said as many as 5,000 troops would be deployed by March.",
     "as many as 5,000 troops", ("2025-03-01", "2025-03-31")),
    ("fr", "Publié le 20 janvier 2025\n\nLe ministère estime que 5 000 soldats seront déployés d'ici mars.",
     "5 000 soldats", ("2025-03-01", "2025-03-31")),
])
def test_a_forecast_by_a_date_holds_at_that_date(lang, text, surface, expected, reg):
    _, (c,) = run(text, lang, [surface], reg)
    assert ev(c) == expected


@pytest.mark.parametrize("lang,text,surfaces,expected", [
    ("en", "Published: Monday 10 March 2025\n\nOn Sunday, 41 mayors were re-elected, and about 120 towns are "
           "heading for a second round on 16 March, officials said.",
     ["41 mayors", "about 120 towns"], [("2025-03-09", "2025-03-09"), ("2025-03-10", "2025-03-10")]),
    ("fr", "Publié le lundi 10 mars 2025\n\nDimanche, 41 maires ont été réélus, et environ 120 communes "
           "s'acheminent vers un second tour le 16 mars.",
     ["41 maires", "environ 120 communes"], [("2025-03-09", "2025-03-09"), ("2025-03-10", "2025-03-10")]),
])
def test_an_announced_day_does_not_date_a_present_count(lang, text, surfaces, expected, reg):
    _, cs = run(text, lang, surfaces, reg)
    assert [ev(c) for c in cs] == expected


@pytest.mark.parametrize("lang,text,surface", [
    ("en", "Published: 4 March 2025\n\nEconomists said on Monday that prices rose 3%.\n\n"
           "The new levy could raise about $900 million a year.", "about $900 million"),
    ("fr", "Publié le 4 mars 2025\n\nLundi, les prix ont augmenté de 3 %.\n\n"
           "La nouvelle taxe devrait rapporter 900 millions d'euros par an.", "900 millions d'euros"),
    ("en", "Published: 4 March 2025\n\nThe agency had earlier counted at least 40 dead.", "at least 40 dead"),
    ("fr", "Publié le 4 mars 2025\n\nLe 2 mars, l'agence avait fait état d'au moins 40 morts.", None),
])
def test_a_possibility_or_an_earlier_count_gets_no_date(lang, text, surface, reg):
    if surface is None:  # the stated day wins over the tense
        _, (c,) = run(text, lang, ["au moins 40 morts"], reg)
        assert ev(c) == ("2025-03-02", "2025-03-02")
        return
    _, cs = run(text, lang, [surface], reg)
    assert ev(cs[-1]) is None


# ---------------------------------------------------------------- relative periods

@pytest.mark.parametrize("lang,text,words,published,expected", [
    ("en", "Turnout was below the 51% recorded three years ago.", "three years ago", "2025-05-04",
     ("2022-01-01", "2022-12-31")),
    ("en", "The office opened two months ago.", "two months ago", "2025-05-04", ("2025-03-01", "2025-03-31")),
    ("en", "She arrived 10 days ago.", "10 days ago", "2025-05-04", ("2025-04-24", "2025-04-24")),
    ("fr", "La participation avait atteint 51 % il y a trois ans.", "il y a trois ans", "2025-05-04",
     ("2022-01-01", "2022-12-31")),
    ("fr", "Le bureau a ouvert il y a deux mois.", "il y a deux mois", "2025-05-04", ("2025-03-01", "2025-03-31")),
    ("fr", "Elle est arrivée il y a 10 jours.", "il y a 10 jours", "2025-05-04", ("2025-04-24", "2025-04-24")),
    # the past week: the seven days before the statement, not the previous calendar week
    ("en", "Over 300 were detained in the past week alone.", "the past week", "2025-01-10",
     ("2025-01-03", "2025-01-10")),
    ("fr", "Plus de 300 personnes ont été interpellées au cours de la semaine écoulée.", "la semaine écoulée",
     "2025-01-10", ("2025-01-03", "2025-01-10")),
    ("en", "Last week the toll passed 5,000.", "Last week", "2025-01-10", ("2024-12-30", "2025-01-05")),
])
def test_relative_periods(lang, text, words, published, expected, reg):
    found = [e for e in find_time_expressions(text, lang, reg) if e.text == words]
    assert found, [e.text for e in find_time_expressions(text, lang, reg)]
    iv = resolve(found[0], parse_iso(published), None)
    assert (iv[0].isoformat(), iv[1].isoformat()) == expected


@pytest.mark.parametrize("lang,text,surface,expected", [
    ("en", "Published: 2 December 2024\n\nThe rebellion broke out on 10 March 2023. At least 9,000 civilians "
           "were killed during the first 18 months of the rebellion, a study estimated on Monday.",
     "At least 9,000 civilians", ("2023-03-10", "2024-09-10")),
    ("fr", "Publié le 2 décembre 2024\n\nDepuis le début de la rébellion le 10 mars 2023, le bilan s'alourdit. "
           "Au moins 9 000 civils ont été tués durant les 18 premiers mois du conflit, selon une étude publiée lundi.",
     "Au moins 9 000 civils", ("2023-03-10", "2024-09-10")),
])
def test_the_first_n_months_count_from_the_start(lang, text, surface, expected, reg):
    if lang == "en":
        text = text.replace("The rebellion broke out on", "Fighting has raged since it broke out on")
    _, (c,) = run(text, lang, [surface], reg)
    assert ev(c) == expected


# ---------------------------------------------------------------- history clauses and running totals

@pytest.mark.parametrize("lang,text,surface,expected", [
    ("fr", "Publié le lundi 4 novembre 2024\n\nLundi, les secours ont repris. Le précédent le plus grave "
           "remonte à 1982, quand la tempête avait fait au moins 36 morts.", "au moins 36 morts",
     ("1982-01-01", "1982-12-31")),
    ("en", "Published: Monday 4 November 2024\n\nRescuers resumed work on Monday. It is the worst storm since "
           "1982, when at least 36 people died.", "at least 36 people", ("1982-01-01", "1982-12-31")),
])
def test_a_year_dates_the_when_clause_it_opens(lang, text, surface, expected, reg):
    _, (c,) = run(text, lang, [surface], reg)
    assert ev(c) == expected
    assert c.since is None


def test_a_when_year_does_not_date_the_figure_before_it(reg):
    text = ("Published: Monday 4 November 2024\n\nThe storm killed 52 people, the worst since 1982, "
            "when at least 36 people died.")
    _, (c1, c2) = run(text, "en", ["52 people", "at least 36 people"], reg)
    assert ev(c1) == ("2024-11-04", "2024-11-04")
    assert ev(c2) == ("1982-01-01", "1982-12-31")


@pytest.mark.parametrize("lang,text,surface,since", [
    ("en", "Published: Thursday 14 November 2024\n\nThe monitor has counted about 7,000 deaths since clashes "
           "between the two rival militias in the northern provinces broke out on 2 May 2023.",
     "about 7,000 deaths", "2023-05-02"),
    ("fr", "Publié le jeudi 14 novembre 2024\n\nL'observatoire a recensé environ 7 000 morts depuis que les "
           "affrontements entre les deux milices rivales des provinces du nord ont éclaté le 2 mai 2023.",
     "environ 7 000 morts", "2023-05-02"),
])
def test_a_long_since_phrase_gives_the_start_not_the_event_date(lang, text, surface, since, reg):
    if lang == "fr":
        text = text.replace("ont éclaté le", "a éclaté le").replace("les affrontements entre", "la guerre entre")
    _, (c,) = run(text, lang, [surface], reg)
    assert c.since == since
    assert ev(c) == ("2024-11-14", "2024-11-14")


# ---------------------------------------------------------------- no carry-over to a new source

@pytest.mark.parametrize("lang,text,first,second,source", [
    ("en", "Published: 4 March 2025\n\nOn 1 March, the agency counted 3,100 arrivals. "
           "Maria Lopez, the regional envoy, has said some estimates reach 9,000.",
     "3,100 arrivals", "9,000", "Maria Lopez, the regional envoy"),
    ("fr", "Publié le 4 mars 2025\n\nLe 1er mars, l'agence a compté 3 100 arrivées. "
           "Maria Lopez, l'envoyée régionale, a affirmé que certaines estimations atteignent 9 000.",
     "3 100 arrivées", "9 000", "Maria Lopez, l'envoyée régionale"),
])
def test_a_new_named_source_does_not_inherit_the_previous_date(lang, text, first, second, source, reg):
    _, (c1, c2) = run(text, lang, [(first, "the agency", None), (second, source, None)], reg)
    assert ev(c1) == ("2025-03-01", "2025-03-01")
    assert ev(c2) != ("2025-03-01", "2025-03-01")


def test_the_same_source_continues_its_report(reg):
    text = ("Publié le 4 mars 2025\n\nLe 1er mars, le ministère a compté 3 100 arrivées. "
            "Parmi elles figurent 400 mineurs, a précisé le ministère.")
    _, (c1, c2) = run(text, "fr", [("3 100 arrivées", "le ministère", "fr.min"),
                                   ("400 mineurs", "le ministère", "fr.min")], reg)
    assert ev(c2) == ("2025-03-01", "2025-03-01")


def test_a_year_labelling_a_plan_dates_its_figure(reg):
    text = ("Publié le 5 décembre 2024\n\nLe projet de budget 2025 prévoit la suppression de 2 000 postes.")
    _, (c,) = run(text, "fr", ["2 000 postes"], reg)
    assert ev(c) == ("2025-01-01", "2025-12-31")


@pytest.mark.parametrize("lang,text,main,other,other_date", [
    ("fr", "Publié le 8 mai 2025\n\nLes inscriptions atteignent 12 400, soit un tiers de plus qu'en 2023 (9 300).",
     "12 400", "9 300", ("2023-01-01", "2023-12-31")),
    ("en", "Published: 8 May 2025\n\nEnrolment reached 12,400, a third higher than in 2023 (9,300).",
     "12,400", "9,300", ("2023-01-01", "2023-12-31")),
])
def test_a_date_compared_to_belongs_to_its_bracketed_figure(lang, text, main, other, other_date, reg):
    _, (c1, c2) = run(text, lang, [main, other], reg)
    assert ev(c1) == ("2025-05-08", "2025-05-08")
    assert ev(c2) == other_date


def test_a_date_compared_to_dates_no_figure(reg):
    text = "Publié le 8 mai 2025\n\nLa participation atteint 61 %, soit 9 points de plus qu'il y a deux ans."
    _, (c,) = run(text, "fr", ["61 %"], reg)
    assert ev(c) == ("2025-05-08", "2025-05-08")


@pytest.mark.parametrize("lang,text,surfaces,expected", [
    ("en", "Published: 2 December 2024\n\nThe rebellion began on 10 March 2023. Since it broke out on that day, "
           "fighting has spread. At least 9,000 civilians were killed in the first 18 months of the rebellion, "
           "a study said on Monday. About 4,000 of those deaths were in the capital.",
     ["At least 9,000 civilians", "About 4,000"], [("2023-03-10", "2024-09-10")] * 2),
    ("fr", "Publié le 2 décembre 2024\n\nFin octobre, 800 blessés avaient été soignés à l'hôpital, selon "
           "l'agence, qui a publié ces chiffres lundi. Parmi eux figurent 120 enfants.",
     ["800 blessés", "120 enfants"], [("2024-10-21", "2024-10-31")] * 2),
])
def test_a_continuing_sentence_takes_the_date_of_the_previous_figures(lang, text, surfaces, expected, reg):
    if lang == "en":
        text = text.replace("The rebellion began on 10 March 2023. Since it broke out on that day, ",
                            "Fighting has raged since the rebellion broke out on 10 March 2023, and ")
    _, cs = run(text, lang, surfaces, reg)
    assert [ev(c) for c in cs] == expected
