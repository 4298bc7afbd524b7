"""Attribution: who states each figure, by cue family, in French and English.

Each case is a short text written for these tests (not taken from the seeds or the dev set), the
figures whose origin is checked, and the expected source key (None: unknown or no cue).
"""

from __future__ import annotations

import pytest

from claimcheck.attribution import attribute
from claimcheck.models import Article, Claim
from claimcheck.registry import load_registry
from claimcheck.textutil import sentence_of, sentence_spans


def claims_at(text: str, surfaces: list[str], lang: str, negated: tuple[str, ...] = ()) -> list[Claim]:
    """Claims standing at the first occurrence of each surface, as the claims stage would build them."""
    spans = sentence_spans(text)
    out = []
    for surface in surfaces:
        start = text.index(surface)
        s, e = sentence_of(spans, start)
        out.append(Claim(article="t", surface=surface, start=start, end=start + len(surface), value=1,
                         low=1, high=1, qualifier="exact", lang=lang, sentence=text[s:e],
                         sentence_start=s, negated=surface in negated))
    return out


def attributed(text: str, surfaces: list[str], lang: str, registry=None,
               negated: tuple[str, ...] = ()) -> dict[str, tuple[str | None, str | None, str | None]]:
    claims = claims_at(text, surfaces, lang, negated)
    attribute(Article(id="t", text=text, lang=lang), claims, registry or load_registry())
    return {c.surface: (c.attributed_to, c.attributed_text, c.relayed_by) for c in claims}


def keys(text: str, surfaces: list[str], lang: str, **kw) -> dict[str, str | None]:
    return {s: v[0] for s, v in attributed(text, surfaces, lang, **kw).items()}


CASES = [
    # ---- prepositions, before the figure and after it
    ("fr", "Selon le Pentagone, 12 000 soldats nord-coréens ont été déployés dans la région.",
     {"12 000 soldats": "us.military"}),
    ("fr", "D'après les services de renseignement sud-coréens, Pyongyang a livré 8 000 obus en mai.",
     {"8 000 obus": "kr.nis"}),
    ("fr", "Environ 40 000 personnes ont défilé à Lyon selon la préfecture, 95 000 selon la CGT.",
     {"40 000 personnes": "fr.prefecture", "95 000": "fr.union.cgt"}),
    ("en", "According to the Pentagon, 12,000 North Korean troops have reached the front.",
     {"12,000 North Korean troops": "us.military"}),
    ("en", "About 1,900 people were killed in the province, according to the World Health Organization.",
     {"1,900 people": "who"}),
    # ---- subject and verb: "X a déclaré que", "X said"
    ("fr", "Le ministère russe de la Défense a affirmé mardi que 1 200 soldats ukrainiens avaient été tués.",
     {"1 200 soldats": "ru.mod"}),
    ("fr", "Kyrylo Boudanov, le chef du renseignement militaire, a estimé à 11 000 le nombre de soldats.",
     {"11 000": "ua.gur"}),
    ("en", "The Institute for the Study of War estimated that 600 vehicles were lost in a week.",
     {"600 vehicles": "isw"}),
    ("en", "Around 450,000 people marched in Paris, the Interior Ministry said on Thursday.",
     {"450,000 people": "fr.interior"}),
    # ---- inverted: "..., a annoncé X", "a révélé X", "say X"
    ("fr", "Quelque 2 300 blessés ont été soignés dans la nuit, a annoncé l'Organisation mondiale de la santé.",
     {"2 300 blessés": "who"}),
    ("fr", "Au moins 15 camps ont été identifiés dans l'est du pays, a révélé le GUR sur Telegram.",
     {"15 camps": "ua.gur"}),
    ("en", "Bus drivers walked out in Nantes: 3,000 on strike, say unions.",
     {"3,000": "fr.unions"}),
    # ---- pronouns and following sentences
    ("fr", "Le président ukrainien Volodymyr Zelensky s'est exprimé dimanche soir. "
           "« Ils sont déjà 4 000 près de la frontière », a-t-il dit.",
     {"4 000": "ua.president"}),
    ("en", "Fuat Oktay spoke to reporters in Hatay. He said 4,800 buildings had collapsed.",
     {"4,800 buildings": "tr.government"}),
    ("fr", "La CGT a annoncé 60 000 manifestants à Rennes. Elle revendique aussi 150 000 personnes à Nantes.",
     {"60 000 manifestants": "fr.union.cgt", "150 000 personnes": "fr.union.cgt"}),
    # ---- an agentless count continues the report before it, unless a new place opens the sentence
    ("fr", "Les préfectures ont fait état de 8 000 manifestants à Tours. Des cortèges ont aussi traversé "
           "Poitiers, où 5 500 personnes ont été recensées.",
     {"8 000 manifestants": "fr.prefecture", "5 500 personnes": "fr.prefecture"}),
    ("fr", "Selon AFAD, 1 500 bâtiments se sont effondrés. En Syrie, 700 morts ont été recensés.",
     {"1 500 bâtiments": "tr.afad", "700 morts": None}),
    # ---- possessives and gapping
    ("fr", "Le décompte de la CGT fait état de 32 000 manifestants, celui de la préfecture de 9 000.",
     {"32 000 manifestants": "fr.union.cgt"}),
    ("fr", "À Bordeaux, la préfecture a compté 16 000 manifestants, la CGT 60 000.",
     {"16 000 manifestants": "fr.prefecture", "60 000": "fr.union.cgt"}),
    ("en", "The union's own tally was 70,000 marchers in Lyon.", {"70,000 marchers": None}),
    ("en", "The CFDT union spoke first. The union's own tally was 70,000 marchers in Lyon.",
     {"70,000 marchers": "fr.union.cfdt"}),
    ("en", "Turnout fell in Toulouse: 14,000 by police count, against 45,000 according to the CGT.",
     {"14,000": "fr.prefecture", "45,000": "fr.union.cgt"}),
    ("en", "In Lille, the CGT reported 38,000 protesters and the police 11,000.",
     {"38,000 protesters": "fr.union.cgt", "11,000": "fr.prefecture"}),
    # ---- anaphors: "le syndicat", "the ministry"
    ("fr", "La CFDT a publié ses chiffres. Selon le syndicat, 300 000 personnes ont manifesté.",
     {"300 000 personnes": "fr.union.cfdt"}),
    ("en", "France's Interior Ministry gave its figures at 8 p.m. The ministry counted 290,000 marchers.",
     {"290,000 marchers": "fr.interior"}),
    # ---- a shared name in a text about no place that settles it names no known source
    ("en", "Police said 120 people were arrested after the match.", {"120 people": None}),
    ("en", "In Lyon, police said 120 people were arrested after the match.",
     {"120 people": "fr.prefecture"}),
    # ---- names shared by several sources, settled by place words
    ("fr", "À Paris, la police a compté 55 000 manifestants.", {"55 000 manifestants": "fr.police.paris"}),
    ("fr", "À Grenoble, 7 000 personnes ont défilé selon la police.", {"7 000 personnes": "fr.prefecture"}),
    ("fr", "La police a compté 900 000 manifestants dans tout le pays.",
     {"900 000 manifestants": "fr.interior"}),
    ("en", "The health ministry said 230 people had died.", {"230 people": None}),
    ("en", "In Damascus, the health ministry said 230 people had died.", {"230 people": "sy.health"}),
    # ---- more wire phrasings
    ("fr", "Le Pentagone estime désormais à 11 000 le nombre de soldats nord-coréens dans la région.",
     {"11 000": "us.military"}),
    ("fr", "Pyongyang aurait envoyé 3 000 soldats supplémentaires, affirme le renseignement sud-coréen.",
     {"3 000 soldats": "kr.nis"}),
    ("fr", "« Nous avons perdu 300 hommes », a reconnu un commandant ukrainien.",
     {"300 hommes": "ua.military"}),
    ("en", "Russia lost 1,200 soldiers in a day, Ukraine's General Staff said on Monday.",
     {"1,200 soldiers": "ua.general_staff"}),
    ("en", "As many as 3,000 soldiers may be involved, a U.S. defense official told Reuters.",
     {"3,000 soldiers": "us.military"}),
    ("en", "The death toll rose to 2,300, Turkish officials said, while Syria reported 1,100 dead.",
     {"2,300": "tr.government", "1,100 dead": "sy.government"}),
    ("en", "At least 41,000 people died in Turkey, according to AFAD. In Syria, officials said 5,800 "
           "were killed.", {"41,000 people": "tr.afad", "5,800": None}),
    ("en", "Organizers put turnout at 15,000 in Lyon; police said 4,000.",
     {"15,000": "fr.unions", "4,000": "fr.prefecture"}),
    ("en", "With 300 deaths recorded in Syria, the toll kept rising.", {"300 deaths": None}),
    ("fr", "L'ONU a débloqué 5 millions de dollars pour les premiers secours.",
     {"5 millions de dollars": "un"}),
    ("fr", "La junte a annoncé samedi que 1 644 personnes avaient été tuées. Elle a précisé que 139 "
           "personnes étaient portées disparues.", {"1 644 personnes": None, "139 personnes": None}),
    ("fr", "La Russie compte désormais 600 000 soldats en Ukraine, a estimé l'ISW.",
     {"600 000 soldats": "isw"}),
    ("en", "Russia saw 20,000 desertions last year.", {"20,000 desertions": None}),
    ("en", "Seoul estimates that more than 20,000 containers have been shipped.",
     {"20,000 containers": "kr.government"}),
    ("en", "About 10 per cent of flights were cancelled.", {"10 per cent": None}),
    ("fr", "Le ministère de l'Intérieur turc a fait état de 900 arrestations.",
     {"900 arrestations": "tr.government"}),
    ("fr", "Le ministère de l'Intérieur a annoncé 140 interpellations.", {"140 interpellations": None}),
    ("fr", "À Lille, le ministère de l'Intérieur a annoncé 140 interpellations.",
     {"140 interpellations": "fr.interior"}),
    ("fr", "Selon Kiev, 500 soldats russes ont été tués ; Moscou parle de 200.",
     {"500 soldats": "ua.government", "200": "ru.government"}),
    ("fr", "Près de 2 000 personnes, selon les organisateurs, ont défilé à Rennes.",
     {"2 000 personnes": "fr.unions"}),
    ("en", "The Turkish Red Crescent, which is leading the relief effort, said 9,000 tents had arrived.",
     {"9,000 tents": "tr.red_crescent"}),
    ("en", "The ministry's figures showed 3,400 deaths.", {"3,400 deaths": None}),
    ("fr", "La préfecture a annoncé 3 000 manifestants à Angoulême. Elle compte 42 000 habitants.",
     {"3 000 manifestants": "fr.prefecture", "42 000 habitants": None}),
    # ---- who issued a figure, and who is spoken to
    ("fr", "Le bilan, communiqué par l'Organisation mondiale de la santé, s'élève à 1 300 morts.",
     {"1 300 morts": "who"}),
    ("en", "Figures released by the UN refugee agency show 90,000 people have fled.",
     {"90,000 people": "un.unhcr"}),
    ("fr", "« Nous avons compté 350 drones », a indiqué à l'AFP le porte-parole de l'armée ukrainienne.",
     {"350 drones": "ua.military"}),
    # ---- no cue, unknown speaker
    ("fr", "Plus de 3 000 soldats nord-coréens sont arrivés en Russie la semaine dernière.",
     {"3 000 soldats": None}),
    ("en", "Some 90 rockets hit the city overnight.", {"90 rockets": None}),
]


@pytest.mark.parametrize("lang,text,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_cue_families(lang: str, text: str, expected: dict[str, str | None]) -> None:
    assert keys(text, list(expected), lang) == expected


def test_quotation_over_several_sentences_takes_the_cue_after_it() -> None:
    text = ("« Plus de 2 000 soldats sont déjà sur place. Ils attendent des ordres », a déclaré "
            "Kyrylo Boudanov mardi.")
    assert keys(text, ["2 000 soldats"], "fr") == {"2 000 soldats": "ua.gur"}
    text = ('"We counted 340 strikes last night. The air defence held," the Ukrainian air force said.')
    assert keys(text, ["340 strikes"], "en") == {"340 strikes": "ua.military"}


def test_unknown_speaker_keeps_its_words_with_a_null_key() -> None:
    text = "Un diplomate européen a déclaré que 40 navires avaient franchi le détroit."
    got = attributed(text, ["40 navires"], "fr")["40 navires"]
    assert got[0] is None and got[1] == "Un diplomate européen"
    text = "Some 2,000 homes were destroyed, a local official told reporters."
    got = attributed(text, ["2,000 homes"], "en")["2,000 homes"]
    assert got[0] is None and got[1] and "local official" in got[1]


def test_unknown_subject_before_a_relative_clause() -> None:
    text = "A local charity, which runs two shelters, said 600 families had been housed."
    assert attributed(text, ["600 families"], "en")["600 families"] == (None, "A local charity", None)


def test_unknown_outlet_citing_an_unknown_origin() -> None:
    text = "The toll stood at 1,250, the state news agency said, citing a hospital official."
    assert attributed(text, ["1,250"], "en")["1,250"] == (None, "a hospital official", None)


def test_no_cue_keeps_both_null() -> None:
    got = attributed("Au total, 250 camions ont franchi la frontière.", ["250 camions"], "fr")
    assert got["250 camions"] == (None, None, None)


# ---- origin over relay

def test_lawmaker_relaying_the_nis_fr() -> None:
    text = ("Un député sud-coréen, s'appuyant sur le NIS, a déclaré jeudi que 2 500 soldats "
            "nord-coréens avaient été blessés.")
    assert attributed(text, ["2 500 soldats"], "fr")["2 500 soldats"] == ("kr.nis", "NIS", "kr.lawmaker")


def test_agency_citing_an_origin_fr() -> None:
    text = "Selon l'AFP, citant le GUR, 9 000 soldats ont été transférés vers Koursk."
    key, _, relay = attributed(text, ["9 000 soldats"], "fr")["9 000 soldats"]
    assert (key, relay) == ("ua.gur", "afp")


def test_cited_by_fr() -> None:
    text = ("« 40 000 tonnes de munitions ont été livrées », a déclaré le Pentagone, cité par "
            "l'agence Reuters.")
    key, _, relay = attributed(text, ["40 000 tonnes"], "fr")["40 000 tonnes"]
    assert (key, relay) == ("us.military", "reuters")


def test_quoted_by_en() -> None:
    text = ("More than 700 drones were launched in one night, Ukraine's air force said, as quoted by "
            "the Associated Press.")
    key, _, relay = attributed(text, ["More than 700 drones"], "en")["More than 700 drones"]
    assert (key, relay) == ("ua.military", "ap")


def test_state_media_citing_a_ministry_en() -> None:
    text = "Syrian state media, citing the health ministry, reported 640 deaths in Aleppo."
    key, _, relay = attributed(text, ["640 deaths"], "en")["640 deaths"]
    assert (key, relay) == ("sy.health", "sy.sana")


def test_outlet_speaking_for_itself_is_the_source() -> None:
    text = "Selon un décompte de l'AFP, 4 200 personnes ont été tuées depuis janvier."
    assert keys(text, ["4 200 personnes"], "fr") == {"4 200 personnes": "afp"}
    text = "Reuters counted 35 strikes on energy sites in the first week."
    assert keys(text, ["35 strikes"], "en") == {"35 strikes": "reuters"}


def test_agency_citing_unnamed_sources_fr() -> None:
    text = "D'après l'agence sud-coréenne Yonhap, qui cite des sources militaires, 1 500 soldats sont partis."
    assert attributed(text, ["1 500 soldats"], "fr")["1 500 soldats"] == (
        None, "des sources militaires", "kr.yonhap")


def test_agency_citing_after_the_figure_fr() -> None:
    text = ("L'agence Yonhap rapporte que 1 500 soldats sont partis, citant l'état-major interarmées "
            "sud-coréen.")
    key, _, relay = attributed(text, ["1 500 soldats"], "fr")["1 500 soldats"]
    assert (key, relay) == ("kr.jcs", "kr.yonhap")


def test_unnamed_relay_citing_unnamed_witnesses_fr() -> None:
    text = "Une ONG locale, citant des habitants, évoque au moins 200 morts dans la seule ville de Sagaing."
    assert attributed(text, ["au moins 200 morts"], "fr")["au moins 200 morts"] == (
        None, "des habitants", None)


def test_agency_relaying_an_inner_speaker_en() -> None:
    text = "According to Reuters, the Kremlin said 1,100 prisoners had been exchanged."
    key, _, relay = attributed(text, ["1,100 prisoners"], "en")["1,100 prisoners"]
    assert (key, relay) == ("ru.kremlin", "reuters")


# ---- sums of several sources' figures belong to none of them

def test_sum_of_two_sources_is_unattributed() -> None:
    text = ("The Syrian health ministry reported 300 deaths. The White Helmets said 420 people had died, "
            "bringing the combined toll to 720.")
    assert keys(text, ["300 deaths", "420 people", "720"], "en") == {
        "300 deaths": "sy.health", "420 people": "sy.white_helmets", "720": None}


def test_one_sources_own_total_stays_its_own() -> None:
    text = ("Le NIS a affirmé que 2 000 nouveaux soldats étaient arrivés, ce qui porte à 13 000 le "
            "nombre total de soldats.")
    assert keys(text, ["2 000 nouveaux", "13 000"], "fr") == {"2 000 nouveaux": "kr.nis", "13 000": "kr.nis"}


# ---- denials: the denier is the subject; a state speaking through its capital is its organ

def test_denial_by_a_state_fr() -> None:
    text = ("Face aux accusations de Kiev, la Russie a fermement démenti toute présence de soldats "
            "étrangers sur son sol.")
    got = keys(text, ["a fermement démenti toute présence"], "fr",
               negated=("a fermement démenti toute présence",))
    assert got == {"a fermement démenti toute présence": "ru.government"}


def test_denial_by_a_capital_refined_by_the_spokesperson_fr() -> None:
    text = ("Moscou a de nouveau rejeté ces informations. Dmitri Peskov, porte-parole du Kremlin, a "
            "dénoncé une « campagne de désinformation ».")
    got = keys(text, ["a de nouveau rejeté ces informations"], "fr",
               negated=("a de nouveau rejeté ces informations",))
    assert got == {"a de nouveau rejeté ces informations": "ru.kremlin"}


def test_denial_en() -> None:
    text = "North Korea's foreign ministry denied sending any troops to Russia."
    got = keys(text, ["denied sending any troops"], "en", negated=("denied sending any troops",))
    assert got == {"denied sending any troops": "kp.government"}


def test_capital_is_not_refined_to_another_states_organ() -> None:
    text = ("Ankara a décrété le deuil national dans 11 provinces. Les Casques blancs ont annoncé la fin "
            "des recherches.")
    assert keys(text, ["11 provinces"], "fr") == {"11 provinces": "tr.government"}


# ---- written forms: acronyms keep their case, compounds are one word, lost spaces are found

def test_acronym_is_matched_with_its_case() -> None:
    text = "Un porte-parole de l'ONU a indiqué que 300 camions attendaient à la frontière."
    assert keys(text, ["300 camions"], "fr") == {"300 camions": "un"}
    text = "Un an plus tard, 300 camions attendaient encore."
    assert keys(text, ["300 camions"], "fr") == {"300 camions": None}


def test_compound_word_is_not_a_verb() -> None:
    text = "L'armée a reçu 40 lance-roquettes selon Kiev."
    assert keys(text, ["40 lance-roquettes"], "fr") == {"40 lance-roquettes": "ua.government"}


def test_glued_name_is_still_a_name() -> None:
    text = "BudanovSelon lui, 3 000 soldats sont arrivés."
    assert keys(text, ["3 000 soldats"], "fr") == {"3 000 soldats": "ua.gur"}
