"""find_numbers, table-driven per language: text in, the values of every number out, in order.

Each phenomenon of issue 3 has at least two sentences (written for these tests, in news style).
`None` stands for a vague amount ("des centaines"), whose value is None.
"""

from __future__ import annotations

import pytest

from claimcheck.numbers import digit_value, find_numbers

FR: list[tuple[str, str, list[float | None]]] = [
    # separators: space, no-break space, narrow no-break space, dot thousands, decimal comma
    ("separators", "Le ministère a recensé 1 272 000 manifestants dans le pays.", [1272000]),
    ("separators", "La préfecture annonce 87\u202f000 personnes et la CGT 500\u00a0000.", [87000, 500000]),
    ("separators", "Plus de 7.000 soldats ont été déplacés vers la frontière.", [7000]),
    ("separators", "Le taux de chômage atteint 4,8 dans la région, contre 5,1 l'an passé.", [4.8, 5.1]),
    ("separators", "Le budget est de 1.234,5 millions selon le rapport.", [1234500000]),
    # number words, through the grammar
    ("words", "Trois systèmes de défense et mille soldats ont été perdus.", [3, 1000]),
    ("words", "Quatre-vingt-dix blessés ont été évacués vers Lyon.", [90]),
    ("words", "Septante personnes et soixante et onze secouristes sont sur place.", [70, 71]),
    ("words", "Vingt et un ou vingt-deux villages sont privés d'eau.", [21, 22]),
    ("words", "Neuf mille neuf cent quatre-vingt-dix-neuf électeurs ont voté.", [9999]),
    # mixed digits and words
    ("mixed", "Les organisateurs revendiquent 10 mille participants.", [10000]),
    ("mixed", "Les pertes s'élèvent à 3 millions et demi d'euros.", [3500000]),
    # the article "un" counts only before a scale, an approximate noun or a fraction
    ("article", "Un accord a été signé avec un partenaire russe.", []),
    ("article", "Un millier de soldats et un million de réfugiés sont concernés.", [1000, 1000000]),
    ("article", "La Russie a signé un accord de défense, et un tiers des députés s'y opposent.", [1 / 3]),
    # scale words and suffixes
    ("scales", "Le pays a reçu 1,5 million de doses et 2 milliards d'euros d'aide.", [1500000, 2000000000]),
    ("scales", "La facture dépasse 10k et le fonds atteint 2 Md€.", [10000, 2000000000]),
    ("scales", "Plus de 12 000+ soldats auraient été déployés.", [12000]),
    # approximate nouns and vague amounts
    ("approx", "Une dizaine de villages et une centaine de maisons ont brûlé.", [10, 100]),
    ("approx", "Deux douzaines d'experts et trois centaines de bénévoles.", [24, 300]),
    ("vague", "Des centaines de missiles et plusieurs milliers d'obus ont été livrés.", [None, None]),
    ("vague", "Des dizaines de milliers de personnes ont fui la ville.", [None]),
    # hedges do not change the values find_numbers reads
    ("hedges", "Au moins 5 avions et jusqu'à 3 460 soldats, selon Moscou.", [5, 3460]),
    ("hedges", "Près de deux millions de manifestants, environ 400 000 à Paris.", [2000000, 400000]),
    # ranges: both ends, the scale of the second end shared
    ("ranges", "Entre 1,7 et 1,8 million de personnes ont défilé.", [1700000, 1800000]),
    ("ranges", "De 600.000 à 800.000 manifestants sont attendus.", [600000, 800000]),
    ("ranges", "Les experts prévoient de 20 à 25 millions de déplacés.", [20000000, 25000000]),
    # percentages and fractions
    ("percent", "La participation atteint 40 % et 12,5 pour cent des bureaux ont fermé.", [40, 12.5]),
    ("percent", "Un tiers des vols et la moitié des trains sont annulés.", [1 / 3, 0.5]),
    # money
    ("money", "L'Union débloque 1 milliard d'euros et 300 millions de dollars.", [1000000000, 300000000]),
    ("money", "Le plan coûte €1000 par foyer.", [1000]),
    # quantities with units are figures
    ("units", "Une route de 29km et 180ml de liquide.", [29, 180]),
    ("units", "Le séisme a frappé à 95 km de la ville.", [95]),
    # not numbers: dates and years
    ("dates", "Le 6 août, Kiev a lancé son offensive, comme en février 2022.", []),
    ("dates", "Publié le 19/06/2024, mis à jour le 2024-08-18.", []),
    ("dates", "Les manifestations des 7 et 11 février ont rassemblé des foules, depuis 2010.", []),
    # times
    ("times", "Publié à 17h39, mis à jour à 20h12 puis à 21:40.", []),
    ("times", "Le cortège est parti à 14h de la place d'Italie.", []),
    # ordinals
    ("ordinals", "La troisième journée, le 1er mai, et la 2e vague.", []),
    ("ordinals", "Le premier bilan de la 12ème journée.", []),
    # designations and identifiers
    ("designations", "Des fusils AK-12 et des missiles KN-23 ont été livrés, ainsi que des Su-34.", []),
    ("identifiers", "Voir l'article n° 12 et la page 45 ; appeler le 01 23 45 67 89.", []),
    ("identifiers", "Source : https://exemple.vn/article-185241130071849144.htm", []),
    # addresses, page furniture, machine-translation placeholder
    ("addresses", "La boutique du 12 rue de Rome a fermé.", []),
    ("identifiers", "Le top 10 des ventes, la figure 3 et les attentats du 11-Septembre.", []),
    ("years", "Les 2000 soldats arrivés en 2023 rejoignent les troupes de 2022.", [2000]),
    ("furniture", "Comment (0) Partager (12) Photo 1/5", []),
    ("artifact", "La Russie a déplacé plus de 7.000 XNUMX soldats.", [7000]),
]

EN: list[tuple[str, str, list[float | None]]] = [
    ("separators", "The ministry counted 1,272,000 protesters nationwide.", [1272000]),
    ("separators", "The toll rose to 4.8 per thousand, against 1,3 in the old census.", [4.8, 1.3]),
    ("separators", "China's population is 1 414 021 100 and growing.", [1414021100]),
    ("words", "Twenty-six people died and eleven thousand were displaced.", [26, 11000]),
    ("words", "Two-thousand troops and one hundred and sixty-one tanks.", [2000, 161]),
    ("mixed", "Officials reported 11 thousand arrests and 3 hundred and 21 injuries.", [11000, 321]),
    ("mixed", "The fund holds 1.5 million dollars and a million and a half euros.", [1500000, 1500000]),
    ("article", "A spokesman signed an agreement with a partner.", []),
    ("article", "A thousand soldiers and a dozen tanks crossed the border.", [1000, 12]),
    ("pronoun", "The one they mentioned was the only one left, one last time.", []),
    ("scales", "The company raised $61bn and paid 10k in fines.", [61000000000, 10000]),
    ("scales", "Revenue reached 1.2b and 10M units were sold.", [1200000000, 10000000]),
    ("approx", "A dozen villages and half a dozen schools were hit.", [12, 6]),
    ("vague", "Hundreds of missiles and tens of thousands of shells were shipped.", [None, None]),
    ("vague", "Several thousand people and dozens of countries signed.", [None, None]),
    ("hedges", "At least 790 people and up to 700 contract workers.", [790, 700]),
    ("hedges", "Nearly five million Syrians and about 4,300 deaths.", [5000000, 4300]),
    ("ranges", "Between 1.1 million and 1.4 million protesters marched.", [1100000, 1400000]),
    ("ranges", "Police expected 20-25 thousand marchers and 60,000 to 90,000 in Paris.",
     [20000, 25000, 60000, 90000]),
    ("percent", "Turnout was 40 percent, up from 35% in the spring.", [40, 35]),
    ("percent", "A third of flights and a quarter of trains were cancelled.", [1 / 3, 0.25]),
    ("money", "The appeal seeks $397 million and 2mil SEK.", [397000000, 2000000]),
    ("money", "The account target is US$ 1MM.", [1000000]),
    ("units", "The 180.25ml liquid and a 29km road.", [180.25, 29]),
    ("units", "The epicentre lay about 95 km from the city.", [95]),
    ("dates", "Published: Feb. 7, 2023. ANKARA, Feb 7 (wire) - Since 2010 on March 11.", []),
    ("dates", "Any time to meet on 5/17/2018 or in January 2023?", []),
    ("times", "The quake struck at 4:17 a.m. and again at 1:24 p.m.", []),
    ("times", "17:02 GMT — the update came at 10:15 AM.", []),
    ("ordinals", "The 14th day of action and the first strike on May 4th.", []),
    ("ordinals", "It was the second tremor of the 3rd week.", []),
    ("designations", "F-16 jets, SCP-173 and COVID-19 were discussed.", []),
    ("identifiers", "My phone number is +1-222-2222/2222 and the IP is 192.168.1.2.", []),
    ("identifiers", "See exercises nrs. 22,24,26,31 and version two.", []),
    ("addresses", "The shop at 12 Baker Street closed.", []),
    ("years", "The 2024 election and the 1999 quake drew 2,000 observers.", [2000]),
    ("identifiers", "He made the Top 10 list, see Fig. 3 and No. 10 Downing Street.", []),
    ("furniture", "Comments (4) Share (12) Photo 1/5", []),
]


@pytest.mark.parametrize("phenomenon,text,want", FR, ids=[f"fr-{p}-{i}" for i, (p, _, _) in enumerate(FR)])
def test_french_numbers(phenomenon: str, text: str, want: list[float | None]) -> None:
    got = [m.value for m in find_numbers(text, "fr")]
    assert got == pytest.approx(want), f"{phenomenon}: {text!r}"


@pytest.mark.parametrize("phenomenon,text,want", EN, ids=[f"en-{p}-{i}" for i, (p, _, _) in enumerate(EN)])
def test_english_numbers(phenomenon: str, text: str, want: list[float | None]) -> None:
    got = [m.value for m in find_numbers(text, "en")]
    assert got == pytest.approx(want), f"{phenomenon}: {text!r}"


@pytest.mark.parametrize("lang,text", [(lang, t) for lang, table in (("fr", FR), ("en", EN)) for _, t, _ in table])
def test_offsets_slice_to_surface(lang: str, text: str) -> None:
    for m in find_numbers(text, lang):
        assert text[m.start:m.end] == m.surface


@pytest.mark.parametrize("text,lang,surfaces", [
    ("Plus de 7.000 XNUMX soldats", "fr", ["7.000 XNUMX"]),
    ("des centaines de missiles", "fr", ["des centaines"]),
    ("entre 1,7 et 1,8 million", "fr", ["1,7", "1,8 million"]),
    ("It raised $61bn and 40 %", "en", ["$61bn", "40 %"]),
    ("tens of thousands of people", "en", ["tens of thousands"]),
])
def test_surfaces(text: str, lang: str, surfaces: list[str]) -> None:
    assert [m.surface for m in find_numbers(text, lang)] == surfaces


def test_vague_band_and_artifact_flag() -> None:
    vague = find_numbers("des dizaines de milliers de personnes", "fr")[0]
    assert (vague.value, vague.low, vague.high) == (None, 20000, 99999)
    art = find_numbers("plus de 7.000 XNUMX soldats", "fr")[0]
    assert art.value == 7000 and "translation_artifact" in art.flags


@pytest.mark.parametrize("digits,sep,value", [
    ("7.000", ",", 7000), ("4,8", ",", 4.8), ("4,800", ",", 4.8), ("4.800", ".", 4.8),
    ("12,567", ".", 12567), ("1,674,200.5", ".", 1674200.5), ("1.234,5", ",", 1234.5),
    ("1 234 567,89", ",", 1234567.89), (",08", ",", 0.08), ("192.168.1.2", ".", None),
])
def test_digit_value(digits: str, sep: str, value: float | None) -> None:
    assert digit_value(digits, sep) == (pytest.approx(value) if value is not None else None)
