"""build_claims, table-driven per language: text in, claims out (surface, interval, qualifier, unit).

Sentences were written for these tests in news style; each phenomenon of issue 3 has at least two.
Intervals follow the conventions of the seed gold (see the shared seeds-gold README): `plus de v` is
[v, open), `près de v` is [0.9 v, v], `environ v` is [0.9 v, 1.1 v], vague bands are [2 s, 10 s - 1].
"""

from __future__ import annotations

import pytest

from claimcheck.claims import build_claims
from claimcheck.models import Article
from claimcheck.registry import default_registry

# (text, [(surface, value, low, high, qualifier, unit, measure)])
Row = tuple[str, float | None, float | None, float | None, str, str | None, str]

FR: list[tuple[str, str, list[Row]]] = [
    ("exact", "L'armée a perdu 50 chars et 45 véhicules blindés de transport de troupes.", [
        ("50 chars", 50, 50, 50, "exact", "chars", "count"),
        ("45 véhicules blindés de transport de troupes", 45, 45, 45, "exact",
         "véhicules blindés de transport de troupes", "count")]),
    ("words", "Trois systèmes HIMARS et dix pays sont cités dans le rapport.", [
        ("Trois systèmes HIMARS", 3, 3, 3, "exact", "systèmes HIMARS", "count"),
        ("dix pays", 10, 10, 10, "exact", "pays", "count")]),
    ("more_than", "Selon Séoul, plus de 10 000 conteneurs de munitions ont été livrés.", [
        ("plus de 10 000 conteneurs de munitions", 10000, 10000, None, "more_than",
         "conteneurs de munitions", "count")]),
    ("more_than", "Le bilan dépasse les 20 000 morts et la CGT revendique 12 000+ grévistes.", [
        ("dépasse les 20 000 morts", 20000, 20000, None, "more_than", "morts", "count"),
        ("12 000+ grévistes", 12000, 12000, None, "more_than", "grévistes", "count")]),
    ("at_least", "Au moins 12 391 décès et pas moins de 300 blessés ont été recensés.", [
        ("Au moins 12 391 décès", 12391, 12391, None, "at_least", "décès", "count"),
        ("pas moins de 300 blessés", 300, 300, None, "at_least", "blessés", "count")]),
    ("up_to", "Kiev aurait perdu jusqu'à 3 460 soldats dans la région.", [
        ("jusqu'à 3 460 soldats", 3460, None, 3460, "up_to", "soldats", "count")]),
    ("up_to", "L'ONU estime que jusqu'à 23 millions de personnes sont touchées.", [
        ("jusqu'à 23 millions de personnes", 23e6, None, 23e6, "up_to", "personnes", "count")]),
    ("at_most", "Moins de 500 policiers étaient mobilisés, contre moins d'un millier l'an dernier.", [
        ("Moins de 500 policiers", 500, None, 500, "at_most", "policiers", "count"),
        ("moins d'un millier", 1000, None, 1000, "at_most", "policiers", "count")]),  # elided noun
    ("approx", "Environ 10 000 personnes et quelque 400.000 participants ont défilé.", [
        ("Environ 10 000 personnes", 10000, 9000, 11000, "approx", "personnes", "count"),
        ("quelque 400.000 participants", 400000, 360000, 440000, "approx", "participants", "count")]),
    ("approx_below", "Près de 280 rassemblements et près d'un million de grévistes.", [
        ("Près de 280 rassemblements", 280, 252, 280, "approx", "rassemblements", "count"),
        ("près d'un million de grévistes", 1e6, 9e5, 1e6, "approx", "grévistes", "count")]),
    ("approx_noun", "Une dizaine de blindés et un millier de réservistes ont été vus.", [
        ("Une dizaine de blindés", 10, 9, 11, "approx", "blindés", "count"),
        ("un millier de réservistes", 1000, 900, 1100, "approx", "réservistes", "count")]),
    ("vague", "Des centaines de missiles et plusieurs milliers d'obus ont été livrés.", [
        ("Des centaines de missiles", None, 200, 999, "vague", "missiles", "count"),
        ("plusieurs milliers d'obus", None, 2000, 9999, "vague", "obus", "count")]),
    ("vague", "Des dizaines de milliers de bâtiments et « des centaines » de soldats.", [
        ("Des dizaines de milliers de bâtiments", None, 20000, 99999, "vague", "bâtiments", "count"),
        ("« des centaines » de soldats", None, 200, 999, "vague", "soldats", "count")]),
    ("range", "Entre 6 500 et 15 000 personnes ont défilé, et de 600.000 à 800.000 ailleurs.", [
        ("Entre 6 500 et 15 000 personnes", 10750, 6500, 15000, "range", "personnes", "count"),
        ("de 600.000 à 800.000", 700000, 600000, 800000, "range", "personnes", "count")]),
    ("range", "La CFDT compte entre 1,7 et 1,8 million de grévistes.", [
        ("entre 1,7 et 1,8 million de grévistes", 1750000, 1700000, 1800000, "range", "grévistes", "count")]),
    ("percent", "La participation atteint 40 % des inscrits et un tiers des bureaux.", [
        ("40 % des inscrits", 40, 40, 40, "exact", "inscrits", "percent"),
        ("un tiers des bureaux", 33.3, 33.3, 33.3, "exact", "bureaux", "percent")]),
    ("money", "Bruxelles débloque 1 milliard d'euros et Washington 300 millions de dollars.", [
        ("1 milliard d'euros", 1e9, 1e9, 1e9, "exact", "euros", "money"),
        ("300 millions de dollars", 3e8, 3e8, 3e8, "exact", "dollars", "money")]),
    ("quantity", "Les forces russes ont saisi 10 000 tonnes de céréales.", [
        ("10 000 tonnes", 10000, 10000, 10000, "exact", "tonnes", "quantity")]),
    ("across_de", "Cela porte à 3 000 le nombre total de soldats envoyés.", [
        ("3 000 le nombre total de soldats", 3000, 3000, 3000, "exact", "soldats envoyés", "count")]),
    ("across_de", "Les services évoquent 1,4 million d'enfants et 2,8 millions de manifestants.", [
        ("1,4 million d'enfants", 1.4e6, 1.4e6, 1.4e6, "exact", "enfants", "count"),
        ("2,8 millions de manifestants", 2.8e6, 2.8e6, 2.8e6, "exact", "manifestants", "count")]),
    ("bounds", "Plus de 100 mais moins de 200 personnes ont été évacuées.", [
        ("Plus de 100 mais moins de 200 personnes", 150, 100, 200, "range", "personnes", "count")]),
    ("before", "Les troupes viennent des bases de l'est - qui sont au moins cinq - selon Kiev.", [
        ("au moins cinq", 5, 5, None, "at_least", "bases", "count")]),
    ("before", "Des hôpitaux de campagne, qui sont au nombre de 12, ont été installés.", [
        ("12", 12, 12, 12, "exact", "hôpitaux de campagne", "count")]),
    ("elided", "La CGT compte 205 000 manifestants à Marseille, la police 40 000.", [
        ("205 000 manifestants", 205000, 205000, 205000, "exact", "manifestants", "count"),
        ("40 000", 40000, 40000, 40000, "exact", "manifestants", "count")]),
    ("premiers", "Les premiers mille soldats nord-coréens sont déjà sur place.", [
        ("premiers mille soldats nord-coréens", 1000, 1000, None, "at_least", "soldats nord-coréens", "count")]),
]

EN: list[tuple[str, str, list[Row]]] = [
    ("exact", "AFAD said 3,549 people died and 6,217 buildings collapsed.", [
        ("3,549 people", 3549, 3549, 3549, "exact", "people", "count"),
        ("6,217 buildings", 6217, 6217, 6217, "exact", "buildings", "count")]),
    ("words", "Twenty-six people died and eleven thousand residents fled.", [
        ("Twenty-six people", 26, 26, 26, "exact", "people", "count"),
        ("eleven thousand residents", 11000, 11000, 11000, "exact", "residents", "count")]),
    ("more_than", "More than 11,000 police officers and over 200 rallies were reported.", [
        ("More than 11,000 police officers", 11000, 11000, None, "more_than", "police officers", "count"),
        ("over 200 rallies", 200, 200, None, "more_than", "rallies", "count")]),
    ("more_than", "The toll passes 5,000 and 10,000+ homes are damaged.", [
        ("passes 5,000", 5000, 5000, None, "more_than", "homes", "count"),
        ("10,000+ homes", 10000, 10000, None, "more_than", "homes", "count")]),
    ("at_least", "At least 790 people and no fewer than 40 doctors were killed.", [
        ("At least 790 people", 790, 790, None, "at_least", "people", "count"),
        ("no fewer than 40 doctors", 40, 40, None, "at_least", "doctors", "count")]),
    ("up_to", "Up to 5.3 million people and as many as 700 contract workers.", [
        ("Up to 5.3 million people", 5.3e6, None, 5.3e6, "up_to", "people", "count"),
        ("as many as 700 contract workers", 700, None, 700, "up_to", "contract workers", "count")]),
    ("at_most", "Fewer than a thousand pandas and at most 30 keepers remain.", [
        ("Fewer than a thousand pandas", 1000, None, 1000, "at_most", "pandas", "count"),
        ("at most 30 keepers", 30, None, 30, "at_most", "keepers", "count")]),
    ("approx", "About 4,300 people and some 33,000 victims were counted.", [
        ("About 4,300 people", 4300, 3870, 4730, "approx", "people", "count"),
        ("some 33,000 victims", 33000, 29700, 36300, "approx", "victims", "count")]),
    ("approx_below", "Nearly five million Syrians and almost 1,000 rescuers.", [
        ("Nearly five million Syrians", 5e6, 4.5e6, 5e6, "approx", "Syrians", "count"),
        ("almost 1,000 rescuers", 1000, 900, 1000, "approx", "rescuers", "count")]),
    ("vague", "Thousands of buildings and dozens of countries were affected.", [
        ("Thousands of buildings", None, 2000, 9999, "vague", "buildings", "count"),
        ("dozens of countries", None, 20, 99, "vague", "countries", "count")]),
    ("vague", "Tens of thousands of people and several hundred soldiers.", [
        ("Tens of thousands of people", None, 20000, 99999, "vague", "people", "count"),
        ("several hundred soldiers", None, 200, 999, "vague", "soldiers", "count")]),
    ("range", "Between 1.1 million and 1.4 million protesters, 60,000 to 90,000 in Paris.", [
        ("Between 1.1 million and 1.4 million protesters", 1.25e6, 1.1e6, 1.4e6, "range", "protesters", "count"),
        ("60,000 to 90,000", 75000, 60000, 90000, "range", "protesters", "count")]),
    ("range", "Police expected 20-25 thousand marchers and 1,000–1,500 officers.", [
        ("20-25 thousand marchers", 22500, 20000, 25000, "range", "marchers", "count"),
        ("1,000–1,500 officers", 1250, 1000, 1500, "range", "officers", "count")]),
    ("percent", "Turnout fell to 40 percent of voters and a third of flights were cancelled.", [
        ("40 percent of voters", 40, 40, 40, "exact", "voters", "percent"),
        ("a third of flights", 33.3, 33.3, 33.3, "exact", "flights", "percent")]),
    ("money", "The UN appeal seeks $397 million and the EU pledged $61bn.", [
        ("$397 million", 397e6, 397e6, 397e6, "exact", "dollars", "money"),
        ("$61bn", 61e9, 61e9, 61e9, "exact", "dollars", "money")]),
    ("bounds", "More than 100 but fewer than 200 people were evacuated, at most 50 and at least 20 by boat.", [
        ("More than 100 but fewer than 200 people", 150, 100, 200, "range", "people", "count"),
        ("at most 50 and at least 20", 35, 20, 50, "range", "people", "count")]),
    ("across_of", "Seoul said North Korea shipped 10,000 containers of ammunition.", [
        ("10,000 containers of ammunition", 10000, 10000, 10000, "exact", "containers of ammunition", "count")]),
    ("across_of", "A total of 2.8 million of them marched, with 3.5 million of the strikers.", [
        ("2.8 million", 2.8e6, 2.8e6, 2.8e6, "exact", "strikers", "count"),  # elided noun: the sentence's
        ("3.5 million of the strikers", 3.5e6, 3.5e6, 3.5e6, "exact", "strikers", "count")]),
]

NOT_CLAIMS: list[tuple[str, str, str]] = [
    # (lang, text, a piece of text that no claim may overlap)
    ("fr", "Le 6 août, l'offensive a commencé, comme en février 2022.", "6 août"),
    ("fr", "Publié à 17h39, mis à jour à 21h40.", "17h39"),
    ("fr", "Le pays craint une troisième guerre mondiale et la 2e vague.", "2e"),
    ("fr", "Les soldats portaient des fusils AK-12 et des Su-34 survolaient la zone.", "AK-12"),
    ("fr", "Les dirigeants des deux pays se sont rencontrés.", "deux pays"),
    ("fr", "Les délégations des trois pays ont signé.", "trois pays"),
    ("fr", "Un certain nombre de soldats et plusieurs mitrailleuses ont été vus.", "certain nombre"),
    ("fr", "Zelensky a déploré la « zéro réaction » de ses alliés.", "zéro"),
    ("fr", "Le séisme de magnitude 7,8 a frappé à 4h17.", "7,8"),
    ("fr", "Plus de 72 heures après le séisme, trois jours de deuil.", "72 heures"),
    ("fr", "Karim, âgé de 45 ans, tient une boutique au 12 rue de Rome.", "45"),
    ("fr", "Le report de l'âge de départ de 62 à 64 ans est contesté.", "62"),
    ("fr", "Un écart deux à trois fois plus élevé que prévu.", "deux"),
    ("fr", "Comment (0) Partager (12) Photo 1/5", "0"),
    ("fr", "Les relations se sont améliorées en moins d'un an.", "un an"),
    ("en", "The quake of magnitude 7.8 struck about 95 km from the city.", "95 km"),
    ("en", "A 12-year-old boy was rescued after 147 hours.", "147 hours"),
    ("en", "The three-month emergency and seven days of national mourning.", "three-month"),
    ("en", "Raising the retirement age from 62 to 64 sparked protests.", "62"),
    ("en", "The toll could double or more, rising two to three times.", "two"),
    ("en", "It was day seven of the crisis, since the first one struck on March 7.", "seven"),
    ("en", "The two countries and the three sides met in January 2023.", "two countries"),
    ("en", "The 1939 Erzincan earthquake is remembered on the 14th day.", "1939"),
    # named things, ratios, scores and votes
    ("fr", "Le TGV 8515 a été annulé et le CAC 40 a reculé.", "8515"),
    ("fr", "La tempête a fait des dégâts dans le Var (83).", "83"),
    ("en", "Boeing 737 MAX jets were grounded after the crash.", "737"),
    ("en", "The bill passed 312-109 in the House.", "312-109"),
    ("fr", "L'équipe a gagné 3-1 face à Lyon.", "3-1"),
]


def _claims(text: str, lang: str):
    return build_claims(Article(id="t", text=text, lang=lang), default_registry())


def _check(text: str, lang: str, rows: list[Row]) -> None:
    got = _claims(text, lang)
    assert len(got) == len(rows), [c.surface for c in got]
    for c, (surface, value, low, high, qualifier, unit, measure) in zip(got, rows, strict=True):
        assert surface in c.surface or c.surface in surface, (c.surface, surface)
        assert (c.value, c.low, c.high) == (pytest.approx(value) if value is not None else None,
                                           pytest.approx(low) if low is not None else None,
                                           pytest.approx(high) if high is not None else None), c.surface
        assert c.qualifier == qualifier, c.surface
        assert c.unit == unit, c.surface
        assert c.measure == measure, c.surface
        assert text[c.start:c.end] == c.surface
        assert c.sentence and c.sentence_start <= c.start and c.lang == lang


@pytest.mark.parametrize("phenomenon,text,rows", FR, ids=[f"fr-{p}-{i}" for i, (p, _, _) in enumerate(FR)])
def test_french_claims(phenomenon: str, text: str, rows: list[Row]) -> None:
    _check(text, "fr", rows)


@pytest.mark.parametrize("phenomenon,text,rows", EN, ids=[f"en-{p}-{i}" for i, (p, _, _) in enumerate(EN)])
def test_english_claims(phenomenon: str, text: str, rows: list[Row]) -> None:
    _check(text, "en", rows)


@pytest.mark.parametrize("lang,text,piece", NOT_CLAIMS)
def test_not_claims(lang: str, text: str, piece: str) -> None:
    s = text.index(piece)
    e = s + len(piece)
    for c in _claims(text, lang):
        assert c.end <= s or c.start >= e, (c.surface, piece)


def test_translation_artifact_flag() -> None:
    (c,) = _claims("La Russie a déplacé plus de 7.000 XNUMX soldats nord-coréens.", "fr")
    assert (c.value, c.low, c.high, c.qualifier) == (7000, 7000, None, "more_than")
    assert c.flags == ["translation_artifact"] and c.unit == "soldats nord-coréens"
    assert c.surface == "plus de 7.000 XNUMX soldats nord-coréens"


def test_later_stages_left_alone() -> None:
    (c,) = _claims("Selon Séoul, 1 500 nouveaux soldats ont été envoyés le 6 août.", "fr")
    assert (c.attributed_to, c.subject, c.kind, c.event_date) == (None, None, None, None)
    assert c.unit == "soldats" and c.surface == "1 500 nouveaux soldats"
