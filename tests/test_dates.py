"""The time stage: time expressions by family (French and English), publication dates, event dates.

Each family is resolved against a stated publication date. The registry holds only the built-in
date vocabulary, so these tests do not depend on other stages' data files.
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




def one(text: str, lang: str, published: str, reg: Registry, words: str) -> tuple[str, str] | None:
    """Resolve the expression whose words are `words` in `text` against `published`."""
    found = [e for e in find_time_expressions(text, lang, reg) if e.text == words]
    assert found, f"{words!r} not found in {text!r}: {[e.text for e in find_time_expressions(text, lang, reg)]}"
    iv = resolve(found[0], parse_iso(published), None)
    return None if iv is None else (iv[0].isoformat(), iv[1].isoformat())


# ---------------------------------------------------------------- families, French and English

@pytest.mark.parametrize("lang,text,words,published,expected", [
    # explicit dates, with and without a year
    ("fr", "Il a parlé le 30 novembre à Pyongyang.", "30 novembre", "2024-12-02", ("2024-11-30", "2024-11-30")),
    ("fr", "Le 1er décembre, le bilan a changé.", "1er décembre", "2024-12-02", ("2024-12-01", "2024-12-01")),
    ("fr", "Signé le 19 juin 2024 à Pyongyang.", "19 juin 2024", "2024-12-02", ("2024-06-19", "2024-06-19")),
    ("fr", "Un an plus tôt, le 15 décembre, rien.", "15 décembre", "2024-12-02", ("2023-12-15", "2023-12-15")),
    ("en", "Officials spoke on Nov. 30 in Kyiv.", "Nov. 30", "2024-12-02", ("2024-11-30", "2024-11-30")),
    ("en", "It was signed on 30 November 2024.", "30 November 2024", "2025-01-10", ("2024-11-30", "2024-11-30")),
    ("en", "By January 31, the count was done.", "January 31", "2023-03-07", ("2023-01-31", "2023-01-31")),
    # weekdays
    ("fr", "Le ministère a déclaré dimanche que", "dimanche", "2024-08-19", ("2024-08-18", "2024-08-18")),
    ("fr", "Il a prévenu ce vendredi que", "ce vendredi", "2024-11-02", ("2024-11-01", "2024-11-01")),
    ("fr", "Il l'a dit mardi dernier.", "mardi dernier", "2024-11-08", ("2024-11-05", "2024-11-05")),
    ("fr", "Jeudi, 1,12 million de personnes ont défilé.", "Jeudi", "2023-01-19", ("2023-01-19", "2023-01-19")),
    ("en", "The ministry said on Monday that", "Monday", "2023-02-07", ("2023-02-06", "2023-02-06")),
    ("en", "He spoke last Tuesday.", "last Tuesday", "2023-02-09", ("2023-02-07", "2023-02-07")),
    ("en", "The death toll from Monday's earthquakes rose.", "Monday's", "2023-02-07", ("2023-02-06", "2023-02-06")),
    # relative days and weeks
    ("fr", "Hier, le bilan a atteint 20 000 morts.", "Hier", "2023-02-10", ("2023-02-09", "2023-02-09")),
    ("fr", "La semaine dernière, les syndicats ont compté.", "La semaine dernière", "2023-02-15",
     ("2023-02-06", "2023-02-12")),
    ("fr", "Il a déclaré plus tôt cette semaine que", "plus tôt cette semaine", "2024-08-22",
     ("2024-08-19", "2024-08-22")),
    ("en", "Yesterday the agency said 300 died.", "Yesterday", "2023-02-10", ("2023-02-09", "2023-02-09")),
    ("en", "Last week the toll passed 5,000.", "Last week", "2023-02-15", ("2023-02-06", "2023-02-12")),
    ("en", "The ministry said earlier this week that", "earlier this week", "2024-08-22",
     ("2024-08-19", "2024-08-22")),
    ("en", "in the last week of October, Ukraine said", "the last week of October", "2024-12-12",
     ("2024-10-25", "2024-10-31")),
    ("en", "The strike lasted until April.", "April", "2023-06-06", ("2023-04-01", "2023-04-30")),
    ("fr", "Ce même jour, la police a compté.", "Ce même jour", "2023-03-23", None),
    # parts of months
    ("fr", "dans la dernière semaine d'octobre, selon le GUR", "la dernière semaine d'octobre", "2024-12-12",
     ("2024-10-25", "2024-10-31")),
    ("fr", "Fin octobre, 3 000 soldats étaient arrivés.", "Fin octobre", "2024-11-20", ("2024-10-21", "2024-10-31")),
    ("fr", "Début novembre, ils étaient 10 000.", "Début novembre", "2024-11-20", ("2024-11-01", "2024-11-10")),
    ("fr", "À la mi-décembre, le front a bougé.", "À la mi-décembre", "2025-01-05", ("2024-12-11", "2024-12-20")),
    ("en", "In early November, 10,000 troops were there.", "In early November", "2024-11-20",
     ("2024-11-01", "2024-11-10")),
    ("en", "By late October, 3,000 had arrived.", "late October", "2024-11-20", ("2024-10-21", "2024-10-31")),
    ("en", "As of mid-February, the toll was 40,000.", "As of mid-February", "2023-03-01",
     ("2023-02-11", "2023-02-20")),
    # months and seasons
    ("fr", "Un accord signé en juin avec la Russie.", "juin", "2024-08", ("2024-06-01", "2024-06-30")),
    ("fr", "Cet été, les combats ont repris.", "Cet été", "2024-10-01", ("2024-06-21", "2024-09-22")),
    ("fr", "La grève a duré jusqu'en avril.", "avril", "2023-06-06", ("2023-04-01", "2023-04-30")),
    ("fr", "Elle a recensé en décembre dernier 300 cas.", "décembre dernier", "2024-12-10",
     ("2023-12-01", "2023-12-31")),
    ("en", "The deal was signed in June.", "June", "2024-08-19", ("2024-06-01", "2024-06-30")),
    ("en", "This summer the fighting resumed.", "This summer", "2024-10-01", ("2024-06-21", "2024-09-22")),
    ("en", "The quake was the deadliest since 1939.", "1939", "2023-02-14", ("1939-01-01", "1939-12-31")),
])
def test_family(lang, text, words, published, expected, reg):
    assert one(text, lang, published, reg, words) == expected


def test_month_precise_publication_gives_the_month_for_a_weekday(reg):
    assert one("a déclaré dimanche que", "fr", "2024-08", reg, "dimanche") == ("2024-08-01", "2024-08-31")


def test_relative_words_need_a_reference(reg):
    e = [x for x in find_time_expressions("lancé lundi par dix pays", "fr", reg) if x.text == "lundi"][0]
    assert resolve(e, None, None) is None


@pytest.mark.parametrize("lang,text", [
    ("fr", "Kiev défend sa souveraineté et sa liberté."),
    ("fr", "Des navires croisent en mer Noire, près de la mer d'Azov."),
    ("fr", "Karim, cheminot âgé de 45 ans, a défilé."),
    ("fr", "Ils ont envoyé 2000 soldats et de 2000 à 3000 obus."),
    ("fr", "Un deuil national de sept jours et la planète Mars."),
    ("en", "Officials may march on the capital; the march may go on."),
])
def test_news_words_that_are_not_dates(lang, text, reg):
    assert find_time_expressions(text, lang, reg) == []


def test_month_only_date_is_a_month_not_a_day(reg):
    assert one("En juin, Poutine est venu.", "fr", "2024-08-19", reg, "juin") == ("2024-06-01", "2024-06-30")
    assert one("in June 2024", "en", "2024-08-19", reg, "June 2024") == ("2024-06-01", "2024-06-30")


def test_abbreviated_month_day_is_not_read_day_first(reg):
    # a date library reads "Nov. 30" as 12 November; the grammar reads month then day
    assert one("as of Nov. 30, 2024, officials", "en", "2024-12-09", reg, "Nov. 30, 2024") == \
        ("2024-11-30", "2024-11-30")


def test_running_total_start_is_marked(reg):
    text = "depuis le début de l'incursion dans la région de Koursk le 6 août, Kiev a perdu 3 460 soldats"
    (e,) = [x for x in find_time_expressions(text, "fr", reg) if x.text == "6 août"]
    assert e.since
    (s,) = [x for x in find_time_expressions("since the first one struck last Monday", "en", reg)]
    assert s.since and s.text == "last Monday"


def test_day_ranges_and_lists(reg):
    assert one("du 4 au 22 janvier 1995", "fr", "2016-11-07", reg, "4 au 22 janvier 1995") == \
        ("1995-01-04", "1995-01-22")
    assert one("les 7 et 11 février", "fr", "2023-02-20", reg, "7 et 11 février") == ("2023-02-07", "2023-02-11")


def test_year_less_date_prefers_the_past(reg):
    # "on or before publication": a date later in the year belongs to the year before
    assert one("le 22 juin", "fr", "2016-11-07", reg, "22 juin") == ("2016-06-22", "2016-06-22")
    assert one("le 1er janvier", "fr", "2016-11-07", reg, "1er janvier") == ("2016-01-01", "2016-01-01")


# ---------------------------------------------------------------- publication dates

def art(text: str, lang: str = "fr", **kw) -> Article:
    return Article(id="t", text=text, lang=lang, **kw)


@pytest.mark.parametrize("text,lang,expected", [
    (" date 2024-08 Pyongyang sera toujours aux côtés de Moscou\n\nLe texte.", "fr", "2024-08"),
    ("jeu. 12 décembre 2024\n\nTitre\n\nTexte.", "fr", "2024-12-12"),
    ("Published : Dec. 9, 2024\n\nTitle.", "en", "2024-12-09"),
    ("Publié le 5 novembre 2024 à 17h39\n\nTitre.", "fr", "2024-11-05"),
    ("Publié le 09/02/2023 à 22:30\n\nTitre.", "fr", "2023-02-09"),
    ("Publié le 19 janvier 2023 à 20h12 · Mis à jour le 20 janvier 2023 à 08h30\n\nTitre.", "fr", "2023-01-19"),
    ("Mis à jour le 20 janvier 2023\nPublié le 19 janvier 2023\n\nTitre.", "fr", "2023-01-19"),
])
def test_header_dates(text, lang, expected, reg):
    a = art(text, lang)
    dates.publication_date(a, reg)
    assert (a.published, a.published_source) == (expected, "header")
    assert "undated" not in a.flags


def test_record_date_is_kept(reg):
    a = art("Publié le 5 novembre 2024\n\nTexte.", published="2024-11-06", published_source="record")
    dates.publication_date(a, reg)
    assert (a.published, a.published_source) == ("2024-11-06", "record")


def test_weekday_mismatch_is_flagged(reg):
    a = art("jeu. 13 décembre 2024\n\nTitre.")
    dates.publication_date(a, reg)
    assert "weekday_mismatch" in a.flags
    b = art("jeu. 12 décembre 2024\n\nTitre.")
    dates.publication_date(b, reg)
    assert "weekday_mismatch" not in b.flags


@pytest.mark.parametrize("url,expected", [
    ("https://www.example.com/world/2024/11/30/kim-russia/", "2024-11-30"),
    ("https://example.fr/monde/kim-russie-20241130-abc.html", "2024-11-30"),
    ("https://thanhnien.vn/lanh-dao-185241130071849144.htm", None),  # a digit run: not guessed at
])
def test_address_dates(url, expected, reg):
    a = art("Texte sans date.", url=url)
    dates.publication_date(a, reg)
    assert a.published == expected
    if expected:
        assert a.published_source == "url" and "undated" not in a.flags
    else:
        assert "undated" in a.flags


def test_source_line_address(reg):
    a = art("Le texte.\nSource : https://example.com/2023/02/09/seisme.html\n")
    dates.publication_date(a, reg)
    assert (a.published, a.published_source) == ("2023-02-09", "url")


def test_inferred_date_is_undated_and_never_today(reg):
    text = ("Kim a affirmé le 30 novembre que la Russie avait le droit de se défendre.\n"
            "Poutine et Kim à Pyongyang le 19 juin 2024\n")
    a = art(text)
    dates.publication_date(a, reg)
    assert (a.published, a.published_source) == ("2024-11-30", "inferred")
    assert "undated" in a.flags
    b = art("Lundi, dix pays ont publié une déclaration. Un accord signé en juin.")
    dates.publication_date(b, reg)
    assert b.published is None and "undated" in b.flags


def test_inferred_date_skips_announced_dates(reg):
    text = ("The day of action drew thin crowds on Tuesday, June 6, as unions conceded in January 2023.\n"
            "The reform is due to take effect on September 1.\n")
    a = art(text, "en")
    dates.publication_date(a, reg)
    assert (a.published, a.published_source) == ("2023-06-06", "inferred")


# ---------------------------------------------------------------- event dates

def claim_at(a: Article, surface: str, attributed_to: str | None = None) -> Claim:
    i = a.text.index(surface)
    spans = sentence_spans(a.text)
    s, e = sentence_of(spans, i)
    return Claim(article=a.id, surface=surface, start=i, end=i + len(surface), value=None, low=None,
                 high=None, qualifier="exact", attributed_to=attributed_to, sentence=a.text[s:e],
                 sentence_start=s)


def run(a: Article, surfaces: list[str], reg: Registry) -> list[Claim]:
    dates.publication_date(a, reg)
    cs = [claim_at(a, s) for s in surfaces]
    dates.resolve_event_dates(a, cs, reg)
    dates.flag_republication(a, cs, reg)
    return cs


def ev(c: Claim) -> tuple[str | None, str | None] | None:
    return None if c.event_date is None else (c.event_date.start, c.event_date.end)


def test_clause_sentence_previous_and_publication(reg):
    text = ("Published: 14 February 2023\n\n"
            "OCHA said on Monday that about 4,300 people had been killed. "
            "He added that 47,000 buildings had collapsed. "
            "According to the White Helmets, 2,274 people died.")
    a = art(text, "en")
    c1, c2, c3 = run(a, ["about 4,300 people", "47,000 buildings", "2,274 people"], reg)
    assert ev(c1) == ("2023-02-13", "2023-02-13") and c1.date_text == "Monday"
    assert ev(c2) == ("2023-02-13", "2023-02-13")  # continues the same report
    assert ev(c3) == ("2023-02-14", "2023-02-14")  # a new report: reported as current


def test_running_total_since_and_count_date(reg):
    text = ("date 2024-08 Titre\n\nLe ministère russe de la Défense a déclaré dimanche que depuis le début de "
            "l'incursion dans la région de Koursk le 6 août, Kiev a perdu jusqu'à 3 460 soldats.")
    a = art(text)
    (c,) = run(a, ["jusqu'à 3 460 soldats"], reg)
    assert c.since == "2024-08-06"
    assert ev(c) == ("2024-08-01", "2024-08-31")


def test_undated_article_gets_no_invented_interval(reg):
    text = ("La Corée du Nord a qualifié jeudi les critiques de provocations.\n\n"
            "L'avertissement lancé lundi par dix pays a été rejeté.\n\n"
            "Pyongyang a envoyé des milliers de soldats plus tôt cette année.")
    a = art(text)
    cs = run(a, ["dix pays", "des milliers de soldats"], reg)
    assert "undated" in a.flags
    assert [ev(c) for c in cs] == [None, None]


def test_future_dates_do_not_date_a_count(reg):
    text = ("Publié le 31 janvier 2023 à 07h00\n\n"
            "L'intersyndicale affirme que plus de 2,5 millions de personnes ont manifesté, avant d'appeler à "
            "de nouvelles journées d'action les 7 et 11 février.")
    a = art(text)
    (c,) = run(a, ["plus de 2,5 millions"], reg)
    assert ev(c) == ("2023-01-31", "2023-01-31")


def test_republication(reg):
    text = ("jeu. 12 décembre 2024\n\nTitre\n\n"
            "La Russie a déplacé plus de 7 000 soldats vers la frontière dans la dernière semaine d'octobre, "
            "selon le GUR.\n\n"
            "Zelensky a prévenu ce vendredi que « les premiers mille soldats » se trouvent près de la frontière.")
    a = art(text)
    c1, c2 = run(a, ["plus de 7 000 soldats", "les premiers mille soldats"], reg)
    assert "republished" in a.flags
    assert ev(c1) == ("2024-10-25", "2024-10-31")
    assert ev(c2)[0] <= "2024-10-31" and ev(c2)[1] == "2024-12-12"


def test_current_article_is_not_republished(reg):
    text = ("Published: 7 March 2023\n\n"
            "Around 1.28 million people marched on Tuesday. The tally beat its count for January 31, when it "
            "had recorded nearly 1.3 million people.")
    a = art(text, "en")
    run(a, ["Around 1.28 million people", "nearly 1.3 million people"], reg)
    assert "republished" not in a.flags


def test_running_total_without_a_date_is_counted_to_publication(reg):
    text = ("Publié le 5 novembre 2024\n\n"
            "Le rapprochement s'est concrétisé en juin dernier. "
            "La Corée du Nord est soupçonnée depuis plusieurs mois de fournir des centaines de missiles.")
    a = art(text)
    (c,) = run(a, ["des centaines de missiles"], reg)
    assert ev(c) == ("2024-11-05", "2024-11-05")


def test_english_running_total(reg):
    text = ("Last updated: Sunday 12 February 2023, 17:02 GMT\n\n"
            "The quakes have killed more than 33,000 people since the first one struck last Monday.")
    a = art(text, "en")
    (c,) = run(a, ["more than 33,000 people"], reg)
    assert (a.published, a.published_source) == ("2023-02-12", "header")
    assert c.since == "2023-02-06"
    assert ev(c) == ("2023-02-12", "2023-02-12")


@pytest.mark.parametrize("text,lang,expected", [
    ("Title of the story\nBy Jane Doe, Reuters | December 9, 2024\n\nBody.", "en", "2024-12-09"),
    ("Titre\n\nPARIS, 13 avr. 2023 - Le ministère a compté 380 000 manifestants.", "fr", "2023-04-13"),
])
def test_byline_and_dateline(text, lang, expected, reg):
    a = art(text, lang)
    dates.publication_date(a, reg)
    assert (a.published, a.published_source) == (expected, "header")


def test_a_date_in_the_first_body_line_is_not_a_header(reg):
    a = art("Le 5 décembre 2019, la police avait compté 806 000 manifestants.\n")
    dates.publication_date(a, reg)
    assert a.published_source != "header"


def test_anaphoric_days_take_the_day_last_named(reg):
    text = ("Depuis janvier 2023, les chiffres divergent. Le 23 mars, la préfecture a annoncé 119 000 "
            "manifestants. Un troisième chiffre circulait ce jour-là : 83 000 personnes. Ce même jeudi, "
            "le ministère a établi le total national à 1,089 million.")
    a = art(text)
    c1, c2 = run(a, ["83 000 personnes", "1,089 million"], reg)
    assert "undated" in a.flags  # no stated date; the year comes from "janvier 2023"
    assert ev(c1) == ("2023-03-23", "2023-03-23")
    assert ev(c2) == ("2023-03-23", "2023-03-23")


def test_decades_are_not_years(reg):
    assert find_time_expressions("Prices rose in the 1990s and in 2010.", "en", reg)[0].text == "2010"


def test_a_period_that_runs_past_publication_ends_at_it(reg):
    text = "Publié le 5 novembre 2024\n\nPyongyang a envoyé cette année 12 000 soldats."
    a = art(text)
    (c,) = run(a, ["12 000 soldats"], reg)
    assert ev(c) == ("2024-01-01", "2024-11-05")


@pytest.mark.parametrize("text,lang,expected,update", [
    ("Title\nPublished 12:34 PM EST, December 9, 2024\n\nBody.", "en", "2024-12-09", False),
    ("Titre\nPar Jean Dupont · Publié le lundi 9 décembre 2024 à 10h05, modifié le 10 décembre 2024\n", "fr",
     "2024-12-09", False),
    ("Titre\nLe 09 décembre 2024 à 10h05\n\nTexte.", "fr", "2024-12-09", False),
    ("Title\nUpdated 10:05 AM EST, December 10, 2024\n\nBody.", "en", "2024-12-10", True),
])
def test_header_variants(text, lang, expected, update, reg):
    from claimcheck.pubdate import header_dates

    heads = header_dates(text, lang, reg)
    assert (heads[0].iso, heads[0].update) == (expected, update)


def test_a_cue_inside_a_body_paragraph_is_not_a_header(reg):
    text = ("Le rapport publié le 5 novembre 2024 indique que les troupes nord-coréennes, arrivées dans la "
            "région de Koursk au cours des dernières semaines, sont désormais plus de 10 000 selon Séoul.\n")
    a = art(text)
    dates.publication_date(a, reg)
    assert a.published_source != "header"


def test_a_future_word_after_the_date_does_not_cancel_it(reg):
    text = "Published: 14 February 2023\n\nOfficials said on Monday that 300 more rescuers will be deployed."
    a = art(text, "en")
    (c,) = run(a, ["300 more rescuers"], reg)
    assert ev(c) == ("2023-02-13", "2023-02-13")


def test_idioms_are_not_dates(reg):
    assert find_time_expressions("Les écarts ne datent pas d'hier.", "fr", reg) == []
    assert find_time_expressions("Tout a changé du jour au lendemain.", "fr", reg) == []


def test_find_time_expressions_gives_spans_of_the_original_text(reg):
    text = "Publié le 13\u00a0février\u00a02023 — À Paris, le 6\u202fjanvier, ils étaient 87\u202f000."
    found = dates.find_time_expressions(text, "fr", reg)
    assert [e.text for e in found] == ["13\u00a0février\u00a02023", "6\u202fjanvier"]
    assert all(text[e.start:e.end] == e.text for e in found)
