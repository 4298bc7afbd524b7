"""Denials of a count: negated claims with value 0, on the subject the denial answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_subjects_support import article, place_claim

from claimcheck import subjects
from claimcheck.denials import find_denials
from claimcheck.models import Article
from claimcheck.registry import load_registry

REG = load_registry()
ROOT = Path(__file__).resolve().parent.parent


def surfaces(text: str, lang: str) -> list[str]:
    return [c.surface for c in find_denials(article(text, lang), REG)]


FRENCH = [
    ("Les renseignements sud-coréens font état de 10 000 soldats nord-coréens en Russie. "
     "Pyongyang a catégoriquement nié toute présence militaire sur le sol russe.",
     ["a catégoriquement nié toute présence"]),
    ("Kiev affirme que des milliers de soldats nord-coréens combattent à Koursk. "
     "Le Kremlin a fermement démenti la présence de soldats nord-coréens sur son territoire.",
     ["a fermement démenti la présence de soldats"]),
    ("Selon Séoul, 1 500 soldats ont été envoyés. La Corée du Nord n'a jamais envoyé de soldats "
     "en Russie, a assuré son ambassadeur.",
     ["n'a jamais envoyé de soldats"]),
    ("Selon Séoul, 3 000 soldats nord-coréens seraient en Russie. Interrogé, Pyongyang dément.",
     ["dément"]),
    ("Séoul évoque l'envoi de 12 000 soldats nord-coréens. Moscou a rejeté ces accusations, qualifiées "
     "de « rumeurs sans fondement » par la diplomatie russe.",
     ["a rejeté ces accusations"]),
    ("Séoul évoque l'envoi de 12 000 soldats nord-coréens. Pyongyang a qualifié ces informations de "
     "« rumeurs sans fondement ».",
     ["rumeurs sans fondement"]),
]

ENGLISH = [
    ("Seoul says 12,000 North Korean troops are in Russia. Pyongyang has never sent any soldiers to "
     "Russia, its envoy told the UN.",
     ["has never sent any soldiers"]),
    ("Ukraine says thousands of North Korean soldiers are fighting in Kursk. Moscow denied sending "
     "troops from North Korea to the front.",
     ["denied sending troops"]),
    ("US officials estimate 10,000 North Korean troops are in Russia. The Kremlin flatly rejected the "
     "allegations on Tuesday.",
     ["flatly rejected the allegations"]),
    ("Some 3,000 North Korean troops were sent in October, Seoul said. North Korea denies any "
     "involvement.",
     ["denies any involvement"]),
]

NOT_DENIALS = [
    # knowledge, not a count
    ("fr", "Les responsables occidentaux ont salué l'incursion de 10 000 soldats, mais ont nié toute "
           "connaissance préalable de l'opération ou toute implication dans celle-ci."),
    ("en", "Officials praised the operation involving 10,000 troops but denied any prior knowledge of it."),
    # the accusations are about nothing counted
    ("fr", "Le ministre a nié les accusations de corruption portées contre lui."),
    ("en", "The mayor denied the allegations of fraud on Monday."),
    # neither confirmed nor denied, not denied: no denial
    ("fr", "Séoul évoque 12 000 soldats nord-coréens. Moscou n'a ni confirmé ni démenti ces informations."),
    ("fr", "Séoul évoque 12 000 soldats nord-coréens. Le Kremlin n'a pas démenti la présence de soldats."),
    ("en", "Seoul says 12,000 North Korean troops are in Russia. The Kremlin did not deny the reports."),
    ("en", "Seoul says 12,000 North Korean troops are in Russia. Moscow neither confirmed nor denied the reports."),
    # a verb of denial without what it denies
    ("fr", "Le porte-parole a démenti vouloir quitter ses fonctions, alors que 3 000 soldats arrivent."),
]


@pytest.mark.parametrize("text,expected", FRENCH, ids=[t[-40:] for t, _ in FRENCH])
def test_french_denials(text: str, expected: list[str]) -> None:
    assert surfaces(text, "fr") == expected


@pytest.mark.parametrize("text,expected", ENGLISH, ids=[t[-40:] for t, _ in ENGLISH])
def test_english_denials(text: str, expected: list[str]) -> None:
    assert surfaces(text, "en") == expected


@pytest.mark.parametrize("lang,text", NOT_DENIALS, ids=[t[:40] for _, t in NOT_DENIALS])
def test_not_denials(lang: str, text: str) -> None:
    assert surfaces(text, lang) == []


def test_denial_claim_shape() -> None:
    text = ("Seoul says 12,000 North Korean troops are in Russia. Pyongyang has never sent any soldiers "
            "to Russia, its envoy said.")
    (c,) = find_denials(article(text, "en"), REG)
    assert (c.value, c.low, c.high, c.qualifier, c.unit, c.measure, c.negated) == (0, 0, 0, "exact", None,
                                                                               "count", True)
    assert text[c.start:c.end] == c.surface
    assert c.sentence == text[c.sentence_start:c.sentence_start + len(c.sentence)]
    assert c.sentence.startswith("Pyongyang has never sent")


def test_denial_subject_comes_from_the_accusations_it_answers() -> None:
    text = ("Selon Séoul, 1 500 nouveaux soldats nord-coréens sont arrivés, ce qui porte à 3 000 le nombre "
            "total de soldats nord-coréens en Russie. Face à ces accusations, Pyongyang a catégoriquement "
            "nié toute implication militaire.")
    art = article(text, "fr")
    claims = [place_claim(art, "1 500 nouveaux soldats nord-coréens"),
              place_claim(art, "3 000 le nombre total de soldats nord-coréens"),
              *find_denials(art, REG)]
    subjects.classify(art, claims, REG)
    assert [(c.subject, c.kind, c.negated) for c in claims] == [
        ("dprk.troops.sent", "flow", False), ("dprk.troops.in_russia", "total", False),
        ("dprk.troops.in_russia", "stock", True)]


def test_denial_naming_what_it_denies() -> None:
    text = "Ukraine says thousands are fighting in Kursk. North Korea has never sent any soldiers to Russia."
    art = article(text, "en")
    claims = find_denials(art, REG)
    subjects.classify(art, claims, REG)
    assert [(c.subject, c.kind) for c in claims] == [("dprk.troops.in_russia", "stock")]


def test_seed_denials_and_not_claims() -> None:
    """Seed 004 holds the two gold denials; seed 000's denial of knowledge is none."""
    seeds = ROOT / "seeds"
    found = {}
    for p in sorted(seeds.glob("*.txt")):
        art = Article(id=p.name, text=p.read_text(encoding="utf-8"), lang="fr")
        found[p.name] = [c.surface for c in find_denials(art, REG)]
    assert found["004_d995332724150e88.txt"] == ["a catégoriquement nié toute implication militaire",
                                                 "a également rejeté ces allégations"]
    assert all(not v for k, v in found.items() if not k.startswith("004"))


def test_denial_phrasing_added_in_a_user_folder(tmp_path: Path) -> None:
    (tmp_path / "lang" / "fr").mkdir(parents=True)
    (tmp_path / "lang" / "fr" / "denials.yaml").write_text(
        'characterisations: ["pure affabulation"]\n', encoding="utf-8")
    text = "Séoul parle de 12 000 soldats nord-coréens en Russie. Pour Pyongyang, c'est une pure affabulation."
    assert surfaces(text, "fr") == []
    assert [c.surface for c in find_denials(article(text, "fr"), load_registry([tmp_path]))] == [
        "pure affabulation"]
