"""The source registry: every documented key is declared, and a user's folder extends it with no code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.attribution import attribute
from claimcheck.models import Article, Claim
from claimcheck.registry import load_registry
from claimcheck.safeyaml import ConfigError
from claimcheck.sources import load_sources

# keys documented by the seed annotation and the dev set (../shared/*/README.md)
SEED_KEYS = """kr.nis ua.gur ua.president ru.mod us.military kp.government kp.kcna kr.military kr.jcs
kr.government ua.general_staff ua.military ua.government ru.mfa ru.general_staff ru.security_council
ru.kremlin us.state us.government uk.mod isw""".split()
DEVSET_KEYS = """fr.interior fr.police.paris fr.prefecture fr.renseignement_territorial fr.union.cgt
fr.union.cfdt fr.intersyndicale fr.unions fr.occurrence fr.dgac tr.afad tr.government sy.health
sy.white_helmets un un.ocha un.unhcr who""".split()
PARTIES = {"russia", "ukraine", "north_korea"}


def test_every_documented_key_is_declared_with_names_in_both_languages() -> None:
    reg = load_sources(load_registry())
    for key in SEED_KEYS + DEVSET_KEYS:
        src = reg.get(key)
        assert src is not None, key
        for lang in ("fr", "en"):
            assert src.names.get(lang) or src.context_names.get(lang) or src.aliases, (key, lang)


def test_sides_for_the_single_source_rule() -> None:
    reg = load_sources(load_registry())
    assert {reg.side(k) for k in ("ru.mod", "ru.mfa", "ua.gur", "ua.president", "kp.government",
                                  "kp.kcna")} == PARTIES
    assert reg.side("kr.nis") == "south_korea" and reg.side("us.military") == "united_states"
    assert reg.side("fr.interior") == reg.side("fr.police.paris") == reg.side("fr.prefecture")
    assert reg.side("fr.union.cgt") == reg.side("fr.intersyndicale") != reg.side("fr.interior")
    assert reg.side("tr.afad") == reg.side("tr.government") == "turkey"
    assert reg.side("sy.health") != reg.side("sy.white_helmets")
    assert reg.side("un") is None and reg.side("un.ocha") is None and reg.side("who") is None


def test_kinds_and_relays() -> None:
    reg = load_sources(load_registry())
    assert reg.kind("kr.nis") == "intelligence_service"
    assert reg.kind("kp.kcna") == "state_media"
    assert reg.kind("fr.union.cfdt") == "union"
    assert reg.kind("un.unhcr") == "international_org"
    for key in ("afp", "reuters", "ap", "efe", "kp.kcna", "kr.yonhap", "ru.tass", "ru.ria", "sy.sana",
                "tr.anadolu"):
        src = reg.get(key)
        assert src is not None and src.relay, key


def test_names_are_longest_first_and_include_aliases_and_metonyms() -> None:
    reg = load_sources(load_registry())
    names = reg.names("fr")
    assert [len(n) for n, _ in names] == sorted((len(n) for n, _ in names), reverse=True)
    pairs = set(names)
    assert ("NIS", "kr.nis") in pairs and ("Moscou", "ru.government") in pairs
    assert ("services de renseignement sud-coréens", "kr.nis") in pairs


def _claim(text: str, surface: str, lang: str) -> Claim:
    start = text.index(surface)
    return Claim(article="t", surface=surface, start=start, end=start + len(surface), value=1, low=1,
                 high=1, qualifier="exact", lang=lang, sentence=text)


def test_alias_in_an_extra_rules_folder_is_used(tmp_path: Path) -> None:
    text = "Selon le Bureau des statistiques de Lviv, 4 100 familles ont été relogées."
    claim = _claim(text, "4 100 familles", "fr")
    attribute(Article(id="t", text=text, lang="fr"), [claim], load_registry())
    assert claim.attributed_to is None and claim.attributed_text == "le Bureau des statistiques de Lviv"

    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "lviv.yaml").write_text(
        "sources:\n"
        "  - key: ua.lviv.stats\n"
        "    kind: government\n"
        "    side: ukraine\n"
        "    names:\n"
        "      fr: [\"Bureau des statistiques de Lviv\"]\n"
        "      en: [\"Lviv statistics office\"]\n", encoding="utf-8")
    reg = load_registry([tmp_path])
    claim = _claim(text, "4 100 familles", "fr")
    attribute(Article(id="t", text=text, lang="fr"), [claim], reg)
    assert claim.attributed_to == "ua.lviv.stats"


def test_extra_folder_adds_an_alias_to_a_builtin_source_without_losing_its_names(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "more.yaml").write_text(
        "sources:\n  - key: kr.nis\n    names:\n      en: [\"the South's spy service\"]\n",
        encoding="utf-8")
    reg = load_registry([tmp_path])
    src = load_sources(reg).get("kr.nis")
    assert src is not None and src.kind == "intelligence_service" and "NIS" in src.aliases
    text = "More than 1,300 troops were moved in November, the South's spy service said."
    claim = _claim(text, "1,300 troops", "en")
    attribute(Article(id="t", text=text, lang="en"), [claim], reg)
    assert claim.attributed_to == "kr.nis"


def test_extra_folder_adds_an_attribution_cue(tmp_path: Path) -> None:
    text = "A en croire le Pentagone, 700 drones ont été livrés. Aux yeux du Pentagone, 900 drones suffiraient."
    lang_dir = tmp_path / "lang" / "fr"
    lang_dir.mkdir(parents=True)
    (lang_dir / "attribution.yaml").write_text("prepositions: [\"aux yeux du\"]\n", encoding="utf-8")
    claim = _claim(text, "900 drones", "fr")
    attribute(Article(id="t", text=text, lang="fr"), [claim], load_registry())
    assert claim.attributed_to is None
    claim = _claim(text, "900 drones", "fr")
    attribute(Article(id="t", text=text, lang="fr"), [claim], load_registry([tmp_path]))
    assert claim.attributed_to == "us.military"


def test_a_malformed_source_file_names_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "bad.yaml").write_text(
        "sources:\n  - key: x.bad\n    kind: wizard\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_sources(load_registry([tmp_path]))
    assert "bad.yaml" in str(exc.value) and re.search(r"sources\.0\.kind", str(exc.value))


def test_a_shared_body_name_needs_its_country_nearby():
    """'the Joint Chiefs of Staff' is South Korea's only with South Korea in view; otherwise unknown."""
    import claimcheck

    seoul = claimcheck.extract("SEOUL - Some 11,000 troops are in Russia, according to the Joint Chiefs of Staff "
                               "in Seoul.", lang="en", published="2024-12-19")
    bare = claimcheck.extract("Some 11,000 troops are in Russia, according to the Joint Chiefs of Staff.",
                              lang="en", published="2024-12-19")
    assert [c.attributed_to for c in seoul] == ["kr.jcs"]
    assert [(c.attributed_to, c.attributed_text) for c in bare] == [(None, "Joint Chiefs of Staff")]
