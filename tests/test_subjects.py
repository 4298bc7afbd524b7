"""Subjects and kinds: what a figure counts and how, in real-looking French and English sentences."""

from __future__ import annotations

import pytest
from test_subjects_support import article, place_claim

from claimcheck import subjects
from claimcheck.registry import load_registry

REG = load_registry()


def classify(text: str, lang: str, surfaces: list[str], **units: str) -> list[tuple[str | None, str | None]]:
    """(subject, kind) of each surface, classified together as one article."""
    art = article(text, lang)
    claims = [place_claim(art, s) for s in surfaces]
    subjects.classify(art, claims, REG)
    return [(c.subject, c.kind) for c in claims]


FRENCH = [
    # counted noun + actor: the level of troops in Russia
    ("Selon Séoul, plus de 12 000 soldats nord-coréens se trouvent désormais en Russie.",
     ["plus de 12 000 soldats nord-coréens"], [("dprk.troops.in_russia", "stock")]),
    # the place in the figure's clause makes it the part near the border
    ("Environ 2 000 militaires nord-coréens ont été déployés près de la frontière ukrainienne, selon Kiev.",
     ["Environ 2 000 militaires nord-coréens"], [("dprk.troops.near_border", "stock")]),
    # the state (killed, wounded) makes it casualties; the second figure keeps the actor of the first
    ("L'armée ukrainienne affirme que 300 soldats nord-coréens ont été tués et 2 700 blessés à Koursk.",
     ["300 soldats nord-coréens", "2 700 blessés"],
     [("dprk.troops.casualties", "cumulative"), ("dprk.troops.casualties", "cumulative")]),
    # a flow marker: newly sent troops
    ("Pyongyang aurait envoyé 2 000 soldats supplémentaires vers l'est de la Russie la semaine dernière.",
     ["2 000 soldats supplémentaires"], [("dprk.troops.sent", "flow")]),
    # a total marker on a stock subject
    ("Cela porte au total à 11 000 le nombre de soldats nord-coréens présents en Russie.",
     ["11 000 le nombre de soldats nord-coréens"], [("dprk.troops.in_russia", "total")]),
    # munitions keep their own (cumulative) kind
    ("La Corée du Nord a livré plus de 20 000 conteneurs de munitions à Moscou depuis l'an dernier.",
     ["plus de 20 000 conteneurs de munitions"], [("dprk.munitions.containers", "cumulative")]),
    # turnout: the whole and its part in the capital ("dont"); a day's turnout stays a flow
    ("Mardi, 1,3 million de personnes ont manifesté dans toute la France selon le ministère de "
     "l'Intérieur, dont 90 000 dans la capitale.",
     ["1,3 million de personnes", "90 000 dans la capitale"],
     [("protest.turnout.national", "flow"), ("protest.turnout.paris", "flow")]),
    # an elided noun after a contrast: "la police 12 000" counts the same marchers, in the same city
    ("À Toulouse, les syndicats ont revendiqué 60 000 manifestants, la police 12 000.",
     ["60 000 manifestants", "12 000"],
     [("protest.turnout.toulouse", "flow"), ("protest.turnout.toulouse", "flow")]),
    # the earthquake toll in one country
    ("Le dernier bilan du séisme fait état de 8 574 morts en Turquie, selon l'AFAD.",
     ["8 574 morts en Turquie"], [("earthquake.deaths.turkey", "cumulative")]),
]

ENGLISH = [
    ("US officials said about 10,000 North Korean troops were now in Russia.",
     ["about 10,000 North Korean troops"], [("dprk.troops.in_russia", "stock")]),
    ("Another 3,000 North Korean soldiers were sent to Russia last month, Seoul's spy agency said.",
     ["Another 3,000 North Korean soldiers"], [("dprk.troops.sent", "flow")]),
    # a flow marker, then a total marker after "bringing": the elided figure counts the same troops
    ("North Korea has sent another 3,000 troops to Russia, bringing the total to about 14,000, Seoul said.",
     ["another 3,000 troops", "about 14,000"],
     [("dprk.troops.sent", "flow"), ("dprk.troops.in_russia", "total")]),
    # a part's actor stays the part's: Russia's 50,000 are not North Korean troops
    ("Russia has massed 50,000 troops, including 11,000 North Koreans, to retake Kursk, Kyiv said.",
     ["50,000 troops", "11,000 North Koreans"], [(None, None), ("dprk.troops.near_border", "stock")]),
    # a contrast clause does not share the state of the figure before
    ("About 1,000 North Korean soldiers were killed near the border, while 11,000 remain in Russia.",
     ["About 1,000 North Korean soldiers", "11,000"],
     [("dprk.troops.casualties", "cumulative"), ("dprk.troops.in_russia", "stock")]),
    ("Kyiv said 200 North Korean soldiers had been killed or wounded in the Kursk region.",
     ["200 North Korean soldiers"], [("dprk.troops.casualties", "cumulative")]),
    ("North Korea has shipped more than 5 million artillery shells to Russia, officials say.",
     ["more than 5 million artillery shells"], [("dprk.munitions.shells", "cumulative")]),
    ("So far, some 11,000 North Korean troops have been deployed in Russia, the Pentagon said.",
     ["some 11,000 North Korean troops"], [("dprk.troops.in_russia", "cumulative")]),
    ("The quake killed more than 40,000 people in Turkey and Syria, bringing the combined toll past "
     "that of 1939.",
     ["more than 40,000 people"], [("earthquake.deaths.total", "cumulative")]),
    ("In Syria, at least 1,200 people were killed by the quake in government-held areas, state media said.",
     ["at least 1,200 people"], [("earthquake.deaths.syria.government_areas", "cumulative")]),
    ("The Interior Ministry counted 740,000 protesters nationwide, including 55,000 in Paris.",
     ["740,000 protesters", "55,000 in Paris"],
     [("protest.turnout.national", "flow"), ("protest.turnout.paris", "flow")]),
    ("Police intelligence expects between 500,000 and 700,000 marchers across France on Thursday.",
     ["between 500,000 and 700,000 marchers"], [("protest.turnout_forecast.national", "flow")]),
]


@pytest.mark.parametrize("text,surfaces,expected", FRENCH, ids=[t[:40] for t, _, _ in FRENCH])
def test_french_sentences(text: str, surfaces: list[str], expected: list[tuple[str, str]]) -> None:
    assert classify(text, "fr", surfaces) == expected


@pytest.mark.parametrize("text,surfaces,expected", ENGLISH, ids=[t[:40] for t, _, _ in ENGLISH])
def test_english_sentences(text: str, surfaces: list[str], expected: list[tuple[str, str]]) -> None:
    assert classify(text, "en", surfaces) == expected


def test_part_in_the_next_sentence_keeps_the_actor() -> None:
    text = ("Environ 14 000 militaires nord-coréens auraient été déployés en Russie. Quelque 4 700 d'entre "
            "eux auraient été tués ou blessés, selon Séoul.")
    assert classify(text, "fr", ["Environ 14 000 militaires nord-coréens", "Quelque 4 700"]) == [
        ("dprk.troops.in_russia", "stock"), ("dprk.troops.casualties", "cumulative")]


def test_a_stated_total_over_a_place_and_its_parts_is_the_whole() -> None:
    text = ("After the quake, in Syria, where the health ministry counts government-held areas and the "
            "White Helmets the rebel-held north-west, the total toll stands at 5,800 dead.")
    assert classify(text, "en", ["5,800 dead"]) == [("earthquake.deaths.syria", "cumulative")]


def test_unknown_subject_stays_null_and_keeps_unit() -> None:
    art = article("Le constructeur a vendu 4 000 voitures en mars, selon son directeur.", "fr")
    c = place_claim(art, "4 000 voitures", unit="voitures")
    subjects.classify(art, [c], REG)
    assert c.subject is None and c.unit == "voitures" and c.kind is None


def test_noun_after_a_break_is_not_the_counted_noun() -> None:
    # "5,000 as rescuers battle": rescuers are not what 5,000 counts
    text = "Quake toll in Turkey and Syria passes 5,000 as rescuers battle the cold"
    assert classify(text, "en", ["passes 5,000"]) == [("earthquake.deaths.total", "cumulative")]


def test_subset_clause_does_not_place_the_whole() -> None:
    # "notamment à Koursk": some of them are in Kursk, the figure is the whole deployment
    text = ("Pyongyang a envoyé des milliers de soldats pour soutenir l'armée russe, notamment dans la "
            "région de Koursk.")
    assert classify(text, "fr", ["des milliers de soldats"]) == [("dprk.troops.in_russia", "stock")]


def test_place_inherited_from_the_sentence_before() -> None:
    text = ("À Marseille, le cortège s'est étiré sur plusieurs kilomètres. La CGT a revendiqué "
            "150 000 manifestants ; la police en a compté 20 000.")
    assert classify(text, "fr", ["150 000 manifestants", "20 000"]) == [
        ("protest.turnout.marseille", "flow"), ("protest.turnout.marseille", "flow")]


def test_since_set_by_dates_stage_leaves_a_level_a_stock() -> None:
    # "arrivés en Russie depuis octobre": still how many are there (seed convention); only a
    # running-total marker ("depuis le début", "so far") makes a stock subject cumulative
    art = article("Quelque 3 000 soldats nord-coréens sont arrivés en Russie depuis octobre.", "fr")
    c = place_claim(art, "Quelque 3 000 soldats nord-coréens", since="2024-10-01")
    subjects.classify(art, [c], REG)
    assert (c.subject, c.kind) == ("dprk.troops.in_russia", "stock")


def test_since_without_subject_is_cumulative() -> None:
    art = article("Quelque 3 000 usines ont fermé depuis octobre.", "fr")
    c = place_claim(art, "Quelque 3 000 usines", unit="usines", since="2024-10-01")
    subjects.classify(art, [c], REG)
    assert (c.subject, c.kind) == (None, "cumulative")


def test_subject_already_set_is_kept() -> None:
    art = article("Quelque 3 000 soldats nord-coréens sont arrivés en Russie.", "fr")
    c = place_claim(art, "Quelque 3 000 soldats nord-coréens")
    c.subject = "dprk.troops.sent"
    subjects.classify(art, [c], REG)
    assert (c.subject, c.kind) == ("dprk.troops.sent", "flow")


def test_unknown_city_is_not_the_national_count() -> None:
    text = ("Jeudi, 1,1 million de manifestants ont défilé en France selon le ministère de l'Intérieur. "
            "À Dijon, 8 000 personnes ont manifesté selon la préfecture, 15 000 selon la CGT.")
    assert classify(text, "fr", ["1,1 million de manifestants", "8 000 personnes", "15 000"]) == [
        ("protest.turnout.national", "flow"), (None, None), (None, None)]


def test_domain_needs_its_context() -> None:
    # an earthquake elsewhere is not the Turkey-Syria earthquake
    text = "Le séisme qui a frappé le Maroc a fait 2 946 morts, selon le ministère de l'Intérieur marocain."
    assert classify(text, "fr", ["2 946 morts"]) == [(None, None)]


def test_other_domain_words_are_not_used_without_its_topic() -> None:
    # "personnes" selects turnout only in an article about protests
    text = "Le festival a accueilli 80 000 personnes à Paris ce week-end."
    assert classify(text, "fr", ["80 000 personnes"]) == [(None, None)]
