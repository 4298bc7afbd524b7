"""Round 2 of subjects: automatic subjects, measures, governing places, forecasts, denials answering
the figures before, context beyond the sentence, carried-over units, exhaustive/feeds, the one-scan
phrase matcher. Real-looking sentences written for these tests, French and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_subjects_support import article, place_claim

from claimcheck import subjects
from claimcheck.models import Claim
from claimcheck.registry import load_registry
from claimcheck.safeyaml import ConfigError

REG = load_registry()


def run(text: str, lang: str, specs: list[tuple[str, dict]]) -> list[Claim]:
    """Classify claims placed on `specs` (surface, claim fields) as one article; return them."""
    art = article(text, lang)
    claims = [place_claim(art, s, **kw) for s, kw in specs]
    subjects.classify(art, claims, REG)
    return claims


def keys(text: str, lang: str, specs: list[tuple[str, dict]]) -> list[str | None]:
    return [c.subject for c in run(text, lang, specs)]


# ---------------------------------------------------------------- automatic subjects

def test_auto_same_toll_two_wordings_share_a_key_fr() -> None:
    text = ("Les pluies diluviennes ont fait 63 morts à Gênes, selon la protection civile. Dans la soirée, "
            "la préfecture a recensé 71 personnes tuées à Gênes depuis mardi.")
    got = run(text, "fr", [("63 morts", {"unit": "morts"}), ("71 personnes tuées", {"unit": "personnes"})])
    assert [c.subject for c in got] == ["auto.dead.genes", "auto.dead.genes"]
    assert got[0].kind == "cumulative"


def test_auto_same_toll_two_wordings_share_a_key_en() -> None:
    text = ("The landslide left 41 dead in Kerala, officials said. Rescuers later said 44 people "
            "were killed in Kerala.")
    assert keys(text, "en", [("41 dead", {"unit": "dead"}), ("44 people", {"unit": "people"})]) == [
        "auto.dead.kerala", "auto.dead.kerala"]


def test_auto_lemmas_never_mix() -> None:
    text = ("Le typhon a fait 23 morts à Manille, et quelque 410 000 déplacés à Manille ont trouvé refuge "
            "dans des écoles.")
    got = keys(text, "fr", [("23 morts", {"unit": "morts"}), ("quelque 410 000 déplacés", {"unit": "déplacés"})])
    assert got == ["auto.dead.manille", "auto.displaced.manille"]


def test_auto_percent_never_groups_with_a_count() -> None:
    text = ("Dans l'Hérault, le rectorat a compté 1 200 grévistes, soit 18 % de grévistes parmi les "
            "enseignants du primaire.")
    got = keys(text, "fr", [("1 200 grévistes", {"unit": "grévistes"}),
                            ("18 % de grévistes", {"unit": "grévistes", "measure": "percent"})])
    assert got[0] != got[1]
    assert got[1] is not None and ".percent" in got[1]


def test_auto_vague_noun_alone_is_no_subject() -> None:
    text = "Environ 3 500 personnes se sont rassemblées à Rennes samedi. About 900 people gathered in Leeds."
    assert keys(text, "fr", [("Environ 3 500 personnes", {"unit": "personnes"})]) == [None]
    assert keys(text, "en", [("About 900 people", {"unit": "people"})]) == [None]


def test_auto_toll_without_place_is_no_subject() -> None:
    text = "The toll has risen to 312 dead, the health ministry said on Friday."
    assert keys(text, "en", [("312 dead", {"unit": "dead"})]) == [None]


def test_auto_place_from_another_sentence_does_not_count() -> None:
    text = "Des secours ont été envoyés à Tripoli. Le dernier bilan fait état de 58 morts."
    assert keys(text, "fr", [("58 morts", {"unit": "morts"})]) == [None]


def test_auto_placeless_turnout_and_the_bare_figure_after_it() -> None:
    text = ("Le taux de participation s'établissait à 52,3 % à la clôture des bureaux de vote, "
            "contre 48,9 % lors du scrutin précédent.")
    got = run(text, "fr", [("52,3 %", {"measure": "percent"}), ("48,9 %", {"measure": "percent"})])
    assert [c.subject for c in got] == ["auto.turnout.percent", "auto.turnout.percent"]
    assert got[0].kind == "flow"
    text_en = "Turnout in Sunday's regional vote was put by the electoral commission at 61.4%."
    assert keys(text_en, "en", [("61.4%", {"measure": "percent"})]) == ["auto.turnout.percent"]


def test_auto_bare_figure_after_a_placed_one_keeps_place() -> None:
    text = ("En Gironde, la préfecture a relevé 14 % de grévistes dans les écoles, quand le syndicat "
            "avançait 41 %.")
    got = keys(text, "fr", [("14 % de grévistes", {"unit": "grévistes", "measure": "percent"}),
                            ("41 %", {"measure": "percent"})])
    assert got == ["auto.strikers.percent.gironde", "auto.strikers.percent.gironde"]


def test_auto_money_gets_no_subject() -> None:
    text = "Le gouvernement a débloqué 40 millions d'euros pour les sinistrés à Nice."
    assert keys(text, "fr", [("40 millions d'euros", {"unit": "euros", "measure": "money"})]) == [None]


def test_auto_never_overrides_the_taxonomy() -> None:
    text = "Le dernier bilan du séisme fait état de 5 120 morts en Turquie, selon l'AFAD."
    assert keys(text, "fr", [("5 120 morts", {"unit": "morts"})]) == ["earthquake.deaths.turkey"]


# ---------------------------------------------------------------- measures and places

def test_a_percentage_is_not_a_head_count_of_marchers() -> None:
    text = ("Jeudi, journée de mobilisation contre la réforme : le ministère a compté 12 % de grévistes "
            "dans la fonction publique d'État, selon le ministère de l'Intérieur.")
    got = keys(text, "fr", [("12 % de grévistes", {"unit": "grévistes", "measure": "percent"})])
    assert not (got[0] or "").startswith("protest.")


def test_a_figure_saying_what_and_whose_takes_no_place_from_another_sentence() -> None:
    text = ("Kyiv says fighting is intense in Kursk.\n\nSeoul's spy agency said at least 4,000 North Korean "
            "troops had already been sent to Russia.")
    assert keys(text, "en", [("at least 4,000 North Korean troops", {"unit": "troops"})]) == [
        "dprk.troops.in_russia"]


# ---------------------------------------------------------------- forecasts

@pytest.mark.parametrize("text,lang,surface,unit", [
    ("Selon Séoul, Pyongyang a décidé d'envoyer quelque 9 000 militaires en Russie d'ici l'hiver.", "fr",
     "quelque 9 000 militaires", "militaires"),
    ("Le contingent nord-coréen en Russie devrait atteindre 14 000 soldats d'ici la fin de l'année.", "fr",
     "14 000 soldats", "soldats"),
    ("US officials said North Korean troops in Russia were expected to reach 15,000 by spring.", "en",
     "15,000", None),
    ("Seoul warned that as many as 9,000 North Korean soldiers would be in Russia by the end of the month.",
     "en", "as many as 9,000 North Korean soldiers", "soldiers"),
])
def test_forecast_is_flagged_and_no_stock(text: str, lang: str, surface: str, unit: str | None) -> None:
    (c,) = run(text, lang, [(surface, {"unit": unit})])
    assert "forecast" in c.flags
    assert c.kind != "stock"


def test_a_present_count_is_no_forecast() -> None:
    text = "Seoul's spy agency said 2,500 North Korean troops were now in Russia."
    (c,) = run(text, "en", [("2,500 North Korean troops", {"unit": "troops"})])
    assert "forecast" not in c.flags and c.kind == "stock"


@pytest.mark.parametrize("text, lang, surface, unit", [
    ("Pyongyang has deployed some 4,000 soldiers to the front, the agency said, which added that the North "
     "was preparing to send more troops.", "en", "4,000 soldiers", "soldiers"),
    ("Pyongyang a déployé quelque 4 000 soldats sur le front, selon l'agence, qui a ajouté que le Nord "
     "s'apprêtait à envoyer des renforts.", "fr", "4 000 soldats", "soldats"),
])
def test_a_plan_in_a_trailing_added_clause_is_not_the_figures(text: str, lang: str, surface: str, unit: str) -> None:
    (c,) = run(text, lang, [(surface, {"unit": unit})])
    assert "forecast" not in c.flags


# ---------------------------------------------------------------- denials

def test_denial_of_these_reports_answers_the_troop_figures_before() -> None:
    text = ("Selon le renseignement sud-coréen, 3 000 soldats nord-coréens sont arrivés en Russie. "
            "La mobilisation syndicale contre la réforme des retraites se poursuit par ailleurs. "
            "Le Kremlin a balayé ces informations.")
    got = keys(text, "fr", [("3 000 soldats nord-coréens", {"unit": "soldats"}),
                            ("a balayé ces informations", {"negated": True})])
    assert got == ["dprk.troops.in_russia", "dprk.troops.in_russia"]


def test_denial_takes_no_automatic_subject() -> None:
    text = "Les inondations ont fait 35 morts à Murcie. Madrid a rejeté ces accusations."
    got = keys(text, "fr", [("35 morts", {"unit": "morts"}), ("a rejeté ces accusations", {"negated": True})])
    assert got == ["auto.dead.murcie", None]


def test_denial_of_presence_at_the_front_denies_the_whole() -> None:
    text = ("Moscow flatly denied the presence of any North Korean troops near the border, "
            "its foreign ministry said.")
    assert keys(text, "en", [("flatly denied the presence of any North Korean troops", {"negated": True})]) == [
        "dprk.troops.in_russia"]


# ---------------------------------------------------------------- context beyond the sentence

def test_paragraph_actor() -> None:
    text = ("Pyongyang's soldiers have joined the fighting in western Russia, Kyiv says. At least 200 troops "
            "have been killed, a military spokesman said.")
    assert keys(text, "en", [("At least 200 troops", {"unit": "troops"})]) == ["dprk.troops.casualties"]


def test_paragraph_actor_stops_at_a_blank_line() -> None:
    text = "Pyongyang's soldiers have joined the fighting, Kyiv says.\n\nAt least 200 troops have been killed."
    assert keys(text, "en", [("At least 200 troops", {"unit": "troops"})]) == [None]


def test_the_number_said_again_keeps_the_state() -> None:
    text = ("Kyiv said 1,400 North Korean troops had been killed or wounded since they entered combat. "
            "By Friday the number had passed 2,000, officials said.")
    got = keys(text, "en", [("1,400 North Korean troops", {"unit": "troops"}), ("2,000", {})])
    assert got == ["dprk.troops.casualties", "dprk.troops.casualties"]


# ---------------------------------------------------------------- carried-over unit

def test_a_carried_over_unit_does_not_cross_a_new_clause() -> None:
    text = ("Selon le ministère de l'Intérieur, 910 000 manifestants ont défilé en France. Des rassemblements "
            "ont eu lieu dans près de deux cent cinquante villes, et le ministère a établi le total national "
            "à 0,91 million.")
    got = keys(text, "fr", [("910 000 manifestants", {"unit": "manifestants"}),
                            ("deux cent cinquante villes", {"unit": "villes"}),
                            ("0,91 million", {"unit": "villes"})])
    assert got[2] == "protest.turnout.national"


# ---------------------------------------------------------------- taxonomy fields

def test_exhaustive_and_feeds_in_the_builtin_files() -> None:
    tax = subjects.load_taxonomy(REG)
    assert tax.get("earthquake.deaths.total").exhaustive  # type: ignore[union-attr]
    assert not tax.get("dprk.troops.in_russia").exhaustive  # type: ignore[union-attr]
    assert tax.get("dprk.troops.sent").feeds == ["dprk.troops.in_russia"]  # type: ignore[union-attr]


def test_feeds_must_name_a_known_subject(tmp_path: Path) -> None:
    (tmp_path / "subjects").mkdir()
    (tmp_path / "subjects" / "x.yaml").write_text(
        "domain: x\nsubjects:\n  - key: x.sent\n    kind: flow\n    feeds: [x.nowhere]\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        subjects.load_taxonomy(load_registry([tmp_path]))


# ---------------------------------------------------------------- the phrase matcher

PHRASES = ["soldat*", "soldats nord-coréens", "près de la frontière", "près de * frontière", "d'entre eux",
           "the north", "nord", "l'envoi", ";", " - ", "n'a jamais", "au total", "total"]


def reference_spans(phrases: list[str], folded: str) -> set[tuple[int, int]]:
    """Every (start, end) of every phrase at every position, by brute force."""
    out = set()
    for p in phrases:
        rx = re.compile(subjects.phrase_pattern(subjects.fold(p)))
        for pos in range(len(folded)):
            m = rx.match(folded, pos)
            if m and m.end() > pos:
                out.add((pos, m.end()))
    return out


@pytest.mark.parametrize("text", [
    "Les soldats nord-coréens, près de la frontière ; au total 3 000 - d'entre eux", "The North's troops",
    "nord-est, l'envoi n'a jamais eu lieu ; totalement", "soldat soldatesque près de cette frontière",
])
def test_phrase_set_finds_what_brute_force_finds(text: str) -> None:
    folded = subjects.fold(text)
    ps = subjects.PhraseSet([subjects.fold(p) for p in PHRASES])
    raw = {(a, b) for a, b, _ in ps.raw(folded)}
    assert raw == reference_spans(PHRASES, folded)
    scan = subjects.Scan({"all": ps, "few": subjects.PhraseSet(["total", "nord"])})
    got = scan.run(folded)
    assert got["all"] == ps.finditer(folded)
    assert got["few"] == subjects.PhraseSet(["total", "nord"]).finditer(folded)


def test_interim_figure_of_a_running_count_gets_no_automatic_subject() -> None:
    text = ("À midi, le taux de participation atteignait 21,4 %, selon le ministère. "
            "Le soir, la participation s'établissait à 63,2 %.")
    got = keys(text, "fr", [("21,4 %", {"measure": "percent"}), ("63,2 %", {"measure": "percent"})])
    assert got == [None, "auto.turnout.percent"]
    text_en = "Turnout was 44.8% at 4 pm, the commission said. Final turnout reached 70.1%."
    got = keys(text_en, "en", [("44.8%", {"measure": "percent"}), ("70.1%", {"measure": "percent"})])
    assert got == [None, "auto.turnout.percent"]


def test_bare_figure_with_its_own_population_does_not_share() -> None:
    text = ("Le rectorat a compté 19 % de grévistes parmi les instituteurs, et 12 % dans les lycées "
            "professionnels.")
    got = keys(text, "fr", [("19 % de grévistes", {"unit": "grévistes", "measure": "percent"}),
                            ("12 %", {"measure": "percent"})])
    assert got == ["auto.strikers.percent", None]


def test_bare_figure_takes_a_default_subject_only_on_topic() -> None:
    text = ("Thousands of protesters marched in Paris on Tuesday against the pension reform. "
            "The vote in France drew record interest. Analysts said both ballots should be read together. "
            "The two rounds must now be treated as one, an official said.")
    assert keys(text, "en", [("one", {})]) == [None]
    text = "Les syndicats ont compté 65 000 manifestants à Paris mardi. La police en a compté 28 000."
    assert keys(text, "fr", [("65 000 manifestants", {"unit": "manifestants"}), ("28 000", {})]) == [
        "protest.turnout.paris", "protest.turnout.paris"]
