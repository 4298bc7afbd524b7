"""The subject taxonomy: keys, part-of relations, parties, and extension by a user's rules folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_subjects_support import article, place_claim

from claimcheck import subjects
from claimcheck.registry import load_registry
from claimcheck.safeyaml import ConfigError

DATA = Path(__file__).resolve().parent / "data"


def gold_keys(path: Path) -> set[str]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return {r["subject"] for r in rows if r.get("subject")}


@pytest.fixture(scope="module")
def tax() -> subjects.Taxonomy:
    return subjects.load_taxonomy(load_registry())


def test_every_gold_subject_key_is_declared(tax: subjects.Taxonomy) -> None:
    keys = set(tax.keys())
    assert gold_keys(DATA / "seeds-gold" / "claims.jsonl") <= keys
    assert gold_keys(DATA / "devset" / "claims.jsonl") <= keys


@pytest.mark.parametrize("part,whole", [
    ("dprk.troops.near_border", "dprk.troops.in_russia"),
    ("ukraine.losses.kursk.tanks", "ukraine.losses.kursk.equipment"),
    ("ukraine.losses.kursk.himars", "ukraine.losses.kursk"),
    ("protest.turnout.paris", "protest.turnout.national"),
    ("protest.turnout_forecast.paris", "protest.turnout_forecast.national"),
    ("earthquake.deaths.syria.northwest", "earthquake.deaths.total"),
    ("earthquake.buildings_collapsed.turkey", "earthquake.buildings_unusable.turkey"),
    ("earthquake.affected_children", "earthquake.affected_people"),
])
def test_part_of(tax: subjects.Taxonomy, part: str, whole: str) -> None:
    assert tax.is_part_of(part, whole)
    assert not tax.is_part_of(whole, part)
    assert tax.related(part, whole)


def test_unrelated_subjects(tax: subjects.Taxonomy) -> None:
    assert not tax.related("dprk.troops.sent", "dprk.troops.in_russia")
    assert not tax.related("protest.turnout_forecast.national", "protest.turnout.national")
    assert not tax.related("history.izmit_1999.deaths", "earthquake.deaths.turkey")


def test_kinds(tax: subjects.Taxonomy) -> None:
    assert tax.kind("dprk.troops.in_russia") == "stock"
    assert tax.kind("dprk.troops.sent") == "flow"
    assert tax.kind("dprk.troops.casualties") == "cumulative"
    assert tax.kind("protest.turnout.paris") == "flow"
    assert tax.kind("earthquake.deaths.turkey") == "cumulative"


def test_parties_name_the_sides_of_the_source_registry(tax: subjects.Taxonomy) -> None:
    assert tax.parties("dprk.troops.in_russia") == {"russia", "ukraine", "north_korea"}
    assert tax.parties("protest.turnout.paris") == {"france_state", "unions"}
    assert tax.parties("earthquake.deaths.syria") == {"turkey", "syria_government", "syria_opposition"}
    from claimcheck import sources
    sides = {s.side for s in sources.load_sources(load_registry()).by_key.values()}
    if sides:  # the source registry may still be empty while it is written
        for key in ("dprk.troops.in_russia", "protest.turnout.paris", "earthquake.deaths.syria"):
            assert tax.parties(key) <= sides


def test_every_subject_has_words_in_both_languages(tax: subjects.Taxonomy) -> None:
    for key in tax.keys():
        s = tax.get(key)
        assert s is not None
        for lang in ("fr", "en"):
            assert "nouns" in subjects.subject_words(s, lang), (key, lang)


WILDFIRE = """\
domain: wildfires
parties: [forestry_service]
topic:
  fr: ["incendie*", "feu de forêt", "feux de forêt"]
  en: ["wildfire*", "blaze"]
subjects:
  - key: wildfire.area_burned
    kind: cumulative
    measure: quantity
    words:
      fr:
        nouns: ["hectares"]
        state: ["brûlé*", "parcouru*", "ravagé*"]
      en:
        nouns: ["hectares", "acres"]
        state: ["burned", "burnt", "scorched"]
  - key: wildfire.firefighters
    kind: stock
    words:
      fr: {nouns: ["pompiers", "sapeurs-pompiers"]}
      en: {nouns: ["firefighters"]}
"""


def test_subject_added_in_a_user_folder_is_used_without_code_change(tmp_path: Path) -> None:
    (tmp_path / "subjects").mkdir()
    (tmp_path / "subjects" / "wildfires.yaml").write_text(WILDFIRE, encoding="utf-8")
    text = ("L'incendie a déjà brûlé plus de 12 000 hectares dans les Landes, et 1 500 pompiers "
            "sont mobilisés.")
    art = article(text, "fr")
    claims = [place_claim(art, "plus de 12 000 hectares", measure="quantity"),
              place_claim(art, "1 500 pompiers")]
    subjects.classify(art, claims, load_registry())
    assert [c.subject for c in claims] == [None, None]  # built-in rules know nothing of fires
    claims = [place_claim(art, "plus de 12 000 hectares", measure="quantity"),
              place_claim(art, "1 500 pompiers")]
    reg = load_registry([tmp_path])
    subjects.classify(art, claims, reg)
    assert [(c.subject, c.kind) for c in claims] == [("wildfire.area_burned", "cumulative"),
                                                    ("wildfire.firefighters", "stock")]
    assert subjects.load_taxonomy(reg).parties("wildfire.firefighters") == {"forestry_service"}


def test_user_folder_adds_words_to_a_builtin_domain(tmp_path: Path) -> None:
    # a new city for the protest domain: one file, no code
    (tmp_path / "subjects").mkdir()
    (tmp_path / "subjects" / "lyon.yaml").write_text("""\
domain: protests-france
subjects:
  - key: protest.turnout.lyon
    kind: flow
    part_of: [protest.turnout.national]
    words:
      all:
        nouns: ["manifestant*", "personnes", "protester*", "people"]
        place: ["lyon", "lyonnais*"]
""", encoding="utf-8")
    art = article("À Lyon, 22 000 manifestants ont défilé contre la réforme.", "fr")
    c = place_claim(art, "22 000 manifestants")
    reg = load_registry([tmp_path])
    subjects.classify(art, [c], reg)
    assert (c.subject, c.kind) == ("protest.turnout.lyon", "flow")
    assert subjects.load_taxonomy(reg).is_part_of("protest.turnout.lyon", "protest.turnout.national")


def test_invalid_subject_file_names_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "subjects").mkdir()
    (tmp_path / "subjects" / "bad.yaml").write_text(
        "subjects:\n  - key: x.y\n    kind: level\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        subjects.load_taxonomy(load_registry([tmp_path]))
    assert "bad.yaml" in str(err.value) and "kind" in str(err.value)


def test_unknown_word_group_names_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "subjects").mkdir()
    (tmp_path / "subjects" / "typo.yaml").write_text(
        "subjects:\n  - key: x.y\n    words:\n      fr:\n        noun: [soldats]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        subjects.load_taxonomy(load_registry([tmp_path]))
    assert "typo.yaml" in str(err.value) and "words.fr.noun" in str(err.value)
