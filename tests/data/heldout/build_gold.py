#!/usr/bin/env python3
"""Write the held-out gold (claims, not-claims, findings) from the compact tables below, then validate it.

The JSONL files are the artefact; this script is how they were written and checked (run it from anywhere:
it rewrites claims.jsonl, not_claims.jsonl and findings.jsonl next to it and prints any violation).
Intervals follow /work/shared/seeds-gold/README.md: exact [v, v]; approx [0.9 v, 1.1 v]; near (près de,
nearly, almost) approx [0.9 v, v]; more_than / at_least [v, open); up_to / at_most (open, v]; range
[lo, hi] with the midpoint as value; vague bands with no value.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"

D = {n: p.name for p in sorted(ART.glob("h*.txt")) for n in [p.name[:3]]}


def _r(x: float) -> float | int:
    x = round(x, 6)
    return int(x) if x == int(x) else x


def claim(doc: str, surface: str, q: str, v, unit, subject, kind, attr, ev, since=None, measure="count",
          negated=False, lo=None, hi=None, note=None) -> dict:
    """One gold claim; the interval follows from the qualifier."""
    if q == "exact":
        low, value, high = v, v, v
    elif q == "approx":
        low, value, high = _r(0.9 * v), v, _r(1.1 * v)
    elif q == "near":
        q, low, value, high = "approx", _r(0.9 * v), v, v
    elif q in ("more_than", "at_least"):
        low, value, high = v, v, None
    elif q in ("up_to", "at_most"):
        low, value, high = None, v, v
    elif q == "range":
        low, value, high = lo, _r((lo + hi) / 2), hi
    elif q == "vague":
        low, value, high = lo, None, hi
    else:
        raise ValueError(q)
    row = {"doc": D[doc], "surface": surface, "value": value, "low": low, "high": high, "qualifier": q,
           "unit": unit, "measure": measure, "subject": subject, "kind": kind, "attributed_to": attr,
           "event_date": ev, "since": since, "negated": negated}
    if note:
        row["note"] = note
    return row


C = claim
CLAIMS = [
    # h01: AFP-style dispatch, Friday 18 October 2024 (NIS's first briefing)
    C("h01", "enverrait 12 000 soldats", "exact", 12000, "soldats", "dprk.troops.planned", "stock", "kr.nis",
      "2024-10-18", note="headline; its source (the NIS) is in the body"),
    C("h01", "quelque 12 000 militaires", "approx", 12000, "militaires", "dprk.troops.planned", "stock", "kr.nis",
      "2024-10-18", note="attribution after the figure, inverted ('ont affirmé vendredi les services ...')"),
    C("h01", "1 500 hommes", "exact", 1500, "hommes", "dprk.troops.sent", "flow", "kr.nis",
      "2024-10-08/2024-10-13", note="'selon le NIS' closes the sentence"),
    C("h01", "quatre navires de la marine russe", "exact", 4, "navires de la marine russe",
      "russia.transport_ships", "flow", "kr.nis", "2024-10-08/2024-10-13"),
    C("h01", "10 000 hommes", "exact", 10000, "hommes", "dprk.troops.planned", "stock", "ua.president",
      "2024-10-17", note="'Jeudi' in an article of Friday 18 October"),
    C("h01", "a rejeté ces informations", "exact", 0, None, "dprk.troops.in_russia", "stock", "ru.kremlin",
      "2024-10-18", negated=True, note="a denial; the spokesman Peskov is named in the next sentence"),
    C("h01", "plus de 13 000 conteneurs de munitions", "more_than", 13000, "conteneurs de munitions",
      "dprk.munitions.containers", "cumulative", "kr.nis", "2024-10-18", since="2023-08",
      note="relayed: 'le NIS, cité par l'agence Yonhap' is kr.nis, not Yonhap"),
    # h02: live blog, Monday 23 December 2024
    C("h02", "dépasse déjà 3 000", "more_than", 3000, "soldats nord-coréens tués et blessés",
      "dprk.troops.casualties", "cumulative", "ua.president", "2024-12-23",
      note="the figure follows its verb ('le nombre ... dépasse déjà 3 000'); 'ce lundi'"),
    C("h02", "environ 1 100 soldats nord-coréens", "approx", 1100, "soldats nord-coréens",
      "dprk.troops.casualties", "cumulative", "kr.jcs", "2024-12-23",
      note="relayed: 'a rapporté l'agence Yonhap' closes the sentence; the origin is the JCS"),
    C("h02", "au moins 100 morts", "at_least", 100, "morts", "dprk.troops.casualties.killed", "cumulative",
      "kr.nis", "2024-12-19", note="'un député sud-coréen, s'appuyant sur ... (NIS)': the NIS; 'jeudi' = 19 Dec"),
    C("h02", "près d'un millier de blessés", "near", 1000, "blessés", "dprk.troops.casualties.wounded",
      "cumulative", "kr.nis", "2024-12-19"),
    C("h02", "une quarantaine d'assauts", "approx", 40, "assauts", "russia.assaults.kursk", "flow",
      "ua.military", "2024-12-21/2024-12-23", note="'depuis samedi' in a Monday entry"),
    C("h02", "10 000 à 12 000 soldats nord-coréens", "range", None, "soldats nord-coréens",
      "dprk.troops.in_russia", "stock", "kr.government", "2024-12-23", lo=10000, hi=12000,
      note="'Séoul estime' is the South Korean government"),
    # h03: regional paper (Perpignan), Wednesday 6 November 2024; stale toll on purpose
    C("h03", "158 morts", "exact", 158, "morts", "floods.valencia.deaths", "cumulative", None, "2024-11-06",
      since="2024-10-29", note="CONSTRUCTED stale figure (the toll of 31 October) given as 'le dernier bilan' on "
      "6 November; 'les autorités espagnoles' have no key in the registry"),
    C("h03", "des dizaines de milliers de voitures", "vague", None, "voitures", "floods.valencia.vehicles_destroyed",
      "cumulative", None, "2024-11-06", since="2024-10-29", lo=20000, hi=99999),
    C("h03", "Près de 90 personnes", "near", 90, "personnes", "floods.valencia.missing", "stock", None,
      "2024-11-05", note="'mardi'; the Spanish judiciary has no key"),
    C("h03", "10,6 milliards d'euros", "exact", 10600000000, "euros", "floods.valencia.aid", "flow", None,
      "2024-11-05", measure="money", note="'hier' in a Wednesday article"),
    C("h03", "quelque 7 500 militaires", "approx", 7500, "militaires", "floods.valencia.soldiers_deployed",
      "stock", None, "2024-11-06"),
    C("h03", "Une trentaine de bénévoles", "approx", 30, "bénévoles", "aid.perpignan.volunteers", "stock",
      None, "2024-11-06"),
    C("h03", "près de deux tonnes de dons", "near", 2, "tonnes de dons", "aid.perpignan.donations", "flow",
      None, "2024-11-04", measure="quantity", note="'lundi'"),
    C("h03", "au moins 81 morts", "at_least", 81, "morts", "history.valencia_1957.deaths", "cumulative", None,
      "1957"),
    # h04: AFP dispatch, Thursday 2 January 2025
    C("h04", "près de 37 000 migrants", "near", 37000, "migrants", "migration.channel.crossings", "flow", None,
      "2024", note="headline; the Home Office has no key in the registry"),
    C("h04", "36 816 personnes", "exact", 36816, "personnes", "migration.channel.crossings", "flow", None, "2024",
      note="inverted attribution: 'a annoncé mercredi le ministère britannique de l'Intérieur'"),
    C("h04", "(29 437)", "exact", 29437, "traversées", "migration.channel.crossings", "flow", None, "2023",
      note="a figure in brackets after its year"),
    C("h04", "45 774 traversées", "exact", 45774, "traversées", "migration.channel.crossings", "flow", None, "2022"),
    C("h04", "en moyenne 53 passagers", "exact", 53, "passagers", "migration.channel.people_per_boat", "flow",
      None, "2024", note="an average"),
    C("h04", "au moins 78 morts", "at_least", 78, "morts", "migration.channel.deaths", "cumulative",
      "fr.prefecture", "2024", since="2024-01-01",
      note="the préfecture maritime; fr.prefecture is the registry's only prefecture key"),
    C("h04", "douze personnes", "exact", 12, "personnes", "migration.channel.deaths.shipwreck_20240903", "flow",
      None, "2024-09-03"),
    C("h04", "six enfants", "exact", 6, "enfants", "migration.channel.deaths.shipwreck_20240903.children", "flow",
      None, "2024-09-03"),
    C("h04", "150 millions de livres", "exact", 150000000, "livres", "uk.border_security_command.funding", "flow",
      None, None, measure="money"),
    C("h04", "476 millions de livres", "exact", 476000000, "livres", "uk.france.patrol_funding", "flow", None,
      None, measure="money", note="'sur trois ans' is a duration, not a claim"),
    # h05: regional paper (Toulouse), Thursday 5 December 2024
    C("h05", "près d'un enseignant sur trois", "near", 33.3, "enseignants", "strike.teachers.primary.national",
      "flow", None, "2024-12-05", measure="percent",
      note="headline fraction in percent; 'selon le ministère' = the education ministry, no key"),
    C("h05", "30,33 % de grévistes", "exact", 30.33, "grévistes", "strike.teachers.primary.national", "flow",
      None, "2024-12-05", measure="percent"),
    C("h05", "21,55 %", "exact", 21.55, "grévistes", "strike.teachers.secondary.national", "flow", None,
      "2024-12-05", measure="percent"),
    C("h05", "« 65 % de grévistes »", "exact", 65, "grévistes", "strike.teachers.primary.national", "flow", None,
      "2024-12-05", measure="percent", note="the SNUipp-FSU: no key in the registry"),
    C("h05", "plus d'une école sur trois", "more_than", 33.3, "écoles", "strike.schools_closed.national", "flow",
      None, "2024-12-05", measure="percent"),
    C("h05", "26 % de grévistes", "exact", 26, "grévistes", "strike.teachers.primary.haute_garonne", "flow", None,
      "2024-12-05", measure="percent", note="the rectorat: no key"),
    C("h05", "évoquait 60 %", "exact", 60, "grévistes", "strike.teachers.primary.haute_garonne", "flow",
      "fr.union.cgt", "2024-12-05", measure="percent", note="'la CGT Educ'action' is a CGT branch"),
    C("h05", "Quelque 5 000 manifestants", "approx", 5000, "manifestants", "protest.turnout.toulouse", "flow",
      "fr.prefecture", "2024-12-05", note="'selon la police' for a city: fr.prefecture (dev-set convention)"),
    C("h05", "ils étaient 12 000", "exact", 12000, "manifestants", "protest.turnout.toulouse", "flow",
      "fr.unions", "2024-12-05", note="pronoun subject; 'selon les organisateurs'"),
    C("h05", "Quelque 5,7 millions d'agents publics", "approx", 5700000, "agents publics",
      "strike.called.public_servants", "stock", None, "2024-12-05"),
    C("h05", "4 000 postes d'enseignants", "exact", 4000, "postes d'enseignants", "budget.teacher_posts_cut",
      "flow", None, "2025"),
    C("h05", "1,2 milliard d'euros", "exact", 1200000000, "euros", "budget.sick_leave_savings", "flow", None, None,
      measure="money", note="'selon Bercy': the economy ministry has no key"),
    # h06: live blog, French legislative election, first round (30 June 2024)
    C("h06", "66,71 %", "exact", 66.71, "participation", "election.turnout.fr_legislative_2024.round1", "flow",
      "fr.interior", "2024-06-30", measure="percent",
      note="final result published overnight; the turnout holds for the vote of 30 June"),
    C("h06", "47,51 % au premier tour de 2022", "exact", 47.51, "participation",
      "election.turnout.fr_legislative_2022.round1", "flow", "fr.interior", "2022", measure="percent",
      note="the text places it in 2022 only (the round's day is not written)"),
    C("h06", "entre 67 % et 69,7 %", "range", None, "participation", "election.turnout.fr_legislative_2024.round1",
      "flow", None, "2024-06-30", measure="percent", lo=67, hi=69.7,
      note="pollsters' estimates at 8 pm: unnamed, no key"),
    C("h06", "59,39 %", "exact", 59.39, "participation", "election.turnout_17h.fr_legislative_2024.round1",
      "flow", "fr.interior", "2024-06-30", measure="percent"),
    C("h06", "(39,42 %)", "exact", 39.42, "participation", "election.turnout_17h.fr_legislative_2022.round1",
      "flow", "fr.interior", "2022", measure="percent"),
    C("h06", "25,90 % des inscrits", "exact", 25.90, "inscrits", "election.turnout_noon.fr_legislative_2024.round1",
      "flow", "fr.interior", "2024-06-30", measure="percent", note="inverted: 'annonce la place Beauvau'"),
    C("h06", "Quelque 49,3 millions d'électeurs", "approx", 49300000, "électeurs",
      "election.registered_voters.fr_2024", "stock", None, "2024-06-30"),
    # h07: regional paper, Thursday 14 November 2024; stale NIS figure on purpose
    C("h07", "1 500 soldats nord-coréens", "exact", 1500, "soldats nord-coréens", "dprk.troops.in_russia", "stock",
      "kr.nis", "2024-11-14", note="CONSTRUCTED: the NIS's figure of 18 October (first shipment) given as the "
      "number 'actuellement' in Russia on 14 November"),
    C("h07", "quelque 11 000 soldats nord-coréens", "approx", 11000, "soldats nord-coréens",
      "dprk.troops.near_border", "stock", "ua.government", "2024-11-14"),
    C("h07", "12 000+ soldats nord-coréens", "more_than", 12000, "soldats nord-coréens", "dprk.troops.in_russia",
      "stock", "ua.government", "2024-11-14", note="a fact box; 'selon la diplomatie ukrainienne'"),
    C("h07", "a en revanche nié toute présence de troupes nord-coréennes", "exact", 0, None,
      "dprk.troops.in_russia", "stock", "ru.mfa", None, negated=True,
      note="Russia's UN ambassador: the foreign ministry answering diplomatically"),
    C("h07", "61 milliards de dollars", "exact", 61000000000, "dollars", "us.aid.ukraine_2024", "flow", None,
      "2024-03/2024-06", measure="money", note="'au printemps'; Congress has no key"),
    C("h07", "50 milliards d'euros", "exact", 50000000000, "euros", "eu.aid.ukraine_facility", "flow", None,
      "2024/2027", measure="money"),
    C("h07", "au moins 2 000 militaires nord-coréens", "at_least", 2000, "militaires nord-coréens",
      "dprk.troops.near_border", "stock", "isw", "2024-11-14"),
    C("h07", "environ 1,2 million de soldats", "approx", 1200000, "soldats", "kp.armed_forces.size", "stock",
      None, "2024-11-14"),
    # h08: US wire story, Thursday 31 October 2024
    C("h08", "roughly 10,000 North Korean troops", "approx", 10000, "North Korean troops", "dprk.troops.in_russia",
      "stock", "us.military", "2024-10-31", note="headline"),
    C("h08", "roughly 10,000 soldiers", "approx", 10000, "soldiers", "dprk.troops.in_russia", "stock",
      "us.military", "2024-10-31"),
    C("h08", "at about 8,000", "approx", 8000, None, "dprk.troops.near_border", "stock", "us.state", "2024-10-31",
      note="'put the number ... at about 8,000': no counted noun in the sentence"),
    C("h08", "at least 3,000 North Korean troops", "at_least", 3000, "North Korean troops",
      "dprk.troops.in_russia", "stock", "kr.nis", "2024-10-21/2024-10-31", note="'In late October'"),
    C("h08", "as many as 10,000", "up_to", 10000, None, "dprk.troops.planned", "stock", "kr.nis", "2024-12",
      note="a forecast for December"),
    C("h08", "dismissed the reports", "exact", 0, None, "dprk.troops.in_russia", "stock", "kp.government",
      "2024-10", negated=True, note="'Its representative to the United Nations' (pronoun: Pyongyang's)"),
    C("h08", "about $2,000 a month", "approx", 2000, "dollars", "dprk.troops.pay", "stock", None, None,
      measure="money", note="'Analysts say'"),
    C("h08", "a $61bn aid package", "exact", 61000000000, "dollars", "us.aid.ukraine_2024", "flow", None,
      "2024-04", measure="money"),
    # h09: live blog, Tuesday 5 November 2024
    C("h09", "between 10,000 and 12,000 North Korean soldiers", "range", None, "North Korean soldiers",
      "dprk.troops.near_border", "stock", "us.military", "2024-11-05", lo=10000, hi=12000),
    C("h09", "11,000 North Korean soldiers", "exact", 11000, "North Korean soldiers", "dprk.troops.near_border",
      "stock", "ua.president", "2024-11-04", note="'on Monday' in a Tuesday entry"),
    C("h09", "as many as 50 aircraft", "up_to", 50, "aircraft", "russia.transport_aircraft", "flow", "ua.gur",
      "2024-10/2024-11-05", note="'since the start of the deployment'"),
    C("h09", "39 drones", "exact", 39, "drones", "russia.drones_launched", "flow", "ua.military",
      "2024-11-04/2024-11-05", note="'Overnight'; 'the Ukrainian air force' is part of the armed forces"),
    C("h09", "three missiles", "exact", 3, "missiles", "russia.missiles_launched", "flow", "ua.military",
      "2024-11-04/2024-11-05"),
    C("h09", "22 drones were shot down", "exact", 22, "drones", "russia.drones_launched.shot_down", "flow",
      "ua.military", "2024-11-04/2024-11-05", note="'It said': pronoun continuation of the air force"),
    C("h09", "17 were \"lost\"", "exact", 17, "drones", "russia.drones_launched.lost", "flow", "ua.military",
      "2024-11-04/2024-11-05"),
    # h10: regional paper, Friday 27 December 2024
    C("h10", "nearly 1,100 North Korean troops", "near", 1100, "North Korean troops", "dprk.troops.casualties",
      "cumulative", "kr.jcs", "2024-12-23", note="'on Monday' in a Friday article"),
    C("h10", "already exceeded 3,000", "more_than", 3000, None, "dprk.troops.casualties", "cumulative",
      "ua.president", "2024-12-23", note="'The same day'; 'the number' has no counted noun"),
    C("h10", "more than 1,000 North Korean troops", "more_than", 1000, "North Korean troops",
      "dprk.troops.casualties_week", "flow", "us.government", "2024-12-20/2024-12-27",
      note="casualties 'in the past week alone': a flow, not the running total"),
    C("h10", "at least 100 dead", "at_least", 100, "dead", "dprk.troops.casualties.killed", "cumulative",
      "kr.nis", None, note="'had earlier': the text does not place it"),
    C("h10", "nearly 1,000 injured", "near", 1000, "injured", "dprk.troops.casualties.wounded", "cumulative",
      "kr.nis", None),
    C("h10", "As many as 12,000 North Korean troops", "up_to", 12000, "North Korean troops",
      "dprk.troops.in_russia", "stock", None, "2024-12-27", note="'are thought to': no source"),
    C("h10", "hundreds of thousands of casualties", "vague", None, "casualties", "ukraine_war.casualties.total",
      "cumulative", None, "2024-12-27", since="2022-02-24", lo=200000, hi=999999,
      note="'Western estimates' name no source"),
    # h11: wire story, Monday 4 November 2024
    C("h11", "toll climbs to 217", "exact", 217, None, "floods.valencia.deaths", "cumulative", None,
      "2024-11-03", since="2024-10-29", note="headline takes the body's date"),
    C("h11", "climbed to 217", "exact", 217, None, "floods.valencia.deaths", "cumulative", None, "2024-11-03",
      since="2024-10-29",
      note="'the EFE news agency reported, citing the regional emergency services': the origin (no key), not EFE"),
    C("h11", "213 of the dead", "exact", 213, "dead", "floods.valencia.deaths.valencia_region", "cumulative",
      None, "2024-11-03", since="2024-10-29"),
    C("h11", "dozens of people", "vague", None, "people", "floods.valencia.missing", "stock", None, "2024-11-04",
      lo=20, hi=99, note="'As of Monday morning'"),
    C("h11", "at least 62 residents", "at_least", 62, "residents", "floods.valencia.deaths.paiporta",
      "cumulative", None, "2024-11-03", since="2024-10-29"),
    C("h11", "roughly 7,500 soldiers", "approx", 7500, "soldiers", "floods.valencia.soldiers_deployed", "stock",
      None, "2024-11-04", note="'The government said': the Spanish government has no key"),
    C("h11", "some 10,000 police officers and civil guards", "approx", 10000, "police officers and civil guards",
      "floods.valencia.police_deployed", "stock", None, "2024-11-04"),
    C("h11", "491 litres of rain per square metre", "exact", 491, "litres of rain per square metre",
      "weather.rainfall.chiva", "flow", None, "2024-10-29", measure="quantity", note="Aemet: no key"),
    C("h11", "Thousands of vehicles", "vague", None, "vehicles", "floods.valencia.vehicles_destroyed",
      "cumulative", None, "2024-11-04", since="2024-10-29", lo=2000, hi=9999),
    C("h11", "about 500 people", "approx", 500, "people", "history.portugal_1967.deaths", "cumulative", None,
      "1967"),
    # h12: regional paper (Kent), Thursday 2 January 2025
    C("h12", "Nearly 37,000 people", "near", 37000, "people", "migration.channel.crossings", "flow", None, "2024"),
    C("h12", "The final tally of 36,816", "exact", 36816, None, "migration.channel.crossings", "flow", None,
      "2024"),
    C("h12", "29,437 in 2023", "exact", 29437, None, "migration.channel.crossings", "flow", None, "2023"),
    C("h12", "record of 45,774", "exact", 45774, None, "migration.channel.crossings", "flow", None, "2022"),
    C("h12", "an average of 53 people", "exact", 53, "people", "migration.channel.people_per_boat", "flow", None,
      "2024", note="'the department said' = the Home Office"),
    C("h12", "who died trying to reach Britain at 82", "exact", 82, "people", "migration.channel.deaths",
      "cumulative", None, "2024", since="2024-01-01", note="'put the number of people ... at 82'; IOM has no key"),
    C("h12", "at least 78 deaths", "at_least", 78, "deaths", "migration.channel.deaths", "cumulative",
      "fr.prefecture", "2024", since="2024-01-01",
      note="'French authorities': the same origin as h04's préfecture maritime"),
    C("h12", "almost 19,000 people", "near", 19000, "people", "uk.returns", "cumulative", None,
      "2024-12-01/2025-01-02", since="2024-07", note="'since July'"),
    C("h12", "called out 14 times", "exact", 14, None, "rnli.dover.callouts", "flow", None, "2024-12"),
    # h13: wire story, Monday 1 July 2024
    C("h13", "estimated at 67.5%", "exact", 67.5, "turnout", "election.turnout.fr_legislative_2024.round1",
      "flow", None, "2024-06-30", measure="percent", note="'by the polling firm Ipsos': no key"),
    C("h13", "the 47.5% recorded two years ago", "exact", 47.5, "turnout",
      "election.turnout.fr_legislative_2022.round1", "flow", None, "2022", measure="percent"),
    C("h13", "a third of the vote", "exact", 33.3, "vote", "election.vote_share.fr_2024.rn", "flow", None,
      "2024-06-30", measure="percent"),
    C("h13", "on 28%", "exact", 28, "vote", "election.vote_share.fr_2024.nfp", "flow", None, "2024-06-30",
      measure="percent"),
    C("h13", "roughly 20%", "approx", 20, "vote", "election.vote_share.fr_2024.ensemble", "flow", None,
      "2024-06-30", measure="percent"),
    C("h13", "76 candidates", "exact", 76, "candidates", "election.elected_first_round.fr_2024", "flow",
      "fr.interior", "2024-06-30", note="'the Interior Ministry said' closes the sentence"),
    C("h13", "some 300 constituencies", "approx", 300, "constituencies", "election.three_way_runoffs.fr_2024",
      "stock", "fr.interior", "2024-07-01"),
    # h14: wire story, Thursday 14 November 2024
    C("h14", "More than 61,000 people", "more_than", 61000, "people", "sudan.deaths.khartoum_state", "cumulative",
      None, "2023-04-15/2024-06-15", since="2023-04-15", note="LSHTM: no key; 'the first 14 months'"),
    C("h14", "Around 26,000 of those deaths", "approx", 26000, "deaths", "sudan.deaths.violent.khartoum_state",
      "cumulative", None, "2023-04-15/2024-06-15", since="2023-04-15"),
    C("h14", "roughly 20,000 deaths", "approx", 20000, "deaths", "sudan.deaths.violent", "cumulative", None,
      "2024-11-14", since="2023-04-15", note="ACLED: no key; 'it has counted' (pronoun)"),
    C("h14", "as high as 150,000", "up_to", 150000, None, "sudan.deaths", "cumulative", "us.state", None,
      since="2023-04-15", note="the US special envoy belongs to the State Department; 'has said' is undated"),
    C("h14", "more than 11 million people", "more_than", 11000000, "people", "sudan.displaced.internal", "stock",
      None, "2024-11-14", note="IOM: no key"),
    C("h14", "some 3 million", "approx", 3000000, "people", "sudan.refugees", "stock", None, "2024-11-14"),
    C("h14", "Half the population", "exact", 50, "population", "sudan.hunger.share", "stock", "un", "2024-11-14",
      measure="percent"),
    C("h14", "about 25 million people", "approx", 25000000, "people", "sudan.hunger.people", "stock", "un",
      "2024-11-14", note="inverted: 'the United Nations says' closes the sentence"),
]


def N(doc: str, surface: str, why: str) -> dict:
    return {"doc": D[doc], "surface": surface, "why": why}


NOT_CLAIMS = [
    N("h01", "18/10/2024 à 11h47", "publication date and time"),
    N("h01", "18/10/2024 à 16h05", "update date and time"),
    N("h01", "entre le 8 et le 13 octobre", "a date range"),
    N("h01", "la première étape d'une guerre mondiale", "an ordinal"),
    N("h01", "Depuis août 2023", "a date (the start of a running total)"),
    N("h01", "KN-23", "a missile's model name"),
    N("h01", "Les deux pays", "a reference to two known countries"),
    N("h01", "Photo 1/5", "page furniture"),
    N("h01", "le 8 février 2023", "a date (caption)"),
    N("h01", "Commentaires (3)", "page furniture"),
    N("h02", "lundi 23 décembre 2024 à 06h30", "publication date and time"),
    N("h02", "Mis à jour à 18h52", "update time"),
    N("h02", "18h52 — Kiev", "entry time"),
    N("h02", "17h15", "entry time"),
    N("h02", "15h40", "entry time"),
    N("h02", "13h05", "entry time"),
    N("h02", "11h20", "entry time"),
    N("h02", "09h00", "entry time"),
    N("h02", "06h30 — Bonjour", "entry time"),
    N("h02", "engagées en première ligne", "an ordinal (figure of speech)"),
    N("h02", "la mi-décembre", "a date"),
    N("h02", "qualifié de « propagande » les informations sur la présence de militaires nord-coréens, sans les "
             "démentir explicitement", "a non-denial: no count is denied"),
    N("h03", "mercredi 6 novembre 2024 à 07h15", "publication date and time"),
    N("h03", "Une semaine après", "a duration"),
    N("h03", "deux fois plus de volontaires", "a multiplier against an expectation"),
    N("h03", "34 ans", "an age"),
    N("h03", "7, rue de l'Ange", "an address"),
    N("h03", "de 9 heures à 18 heures", "opening hours"),
    N("h03", "04 68 34 12 56", "a phone number"),
    N("h03", "remonte à 1957", "a date"),
    N("h03", "Photo 2/4", "page furniture"),
    N("h03", "le 1er novembre", "a date (caption)"),
    N("h04", "traversé en 2024", "a year (headline)"),
    N("h04", "jeudi 2 janvier 2025 à 10h20", "publication date and time"),
    N("h04", "Mis à jour à 14h03", "update time"),
    N("h04", "un quart de plus", "a relative change, not a level"),
    N("h04", "qu'en 2023", "a year"),
    N("h04", "le record de 2022", "a year"),
    N("h04", "le 1er janvier 2024", "a date"),
    N("h04", "en 2018", "a year"),
    N("h04", "le 3 septembre", "a date"),
    N("h04", "sur trois ans", "a duration"),
    N("h05", "Grève du 5 décembre", "a date (headline)"),
    N("h05", "deux fois plus selon les syndicats", "a multiplier (headline)"),
    N("h05", "05/12/2024 à 19:40", "publication date and time"),
    N("h05", "06/12/2024 à 08:12", "update date and time"),
    N("h05", "premier syndicat du primaire", "an ordinal"),
    N("h05", "de un à trois le nombre de jours de carence", "a rule's parameter (waiting days), not a count"),
    N("h05", "budget 2025", "a budget's year"),
    N("h05", "depuis 2019", "a year"),
    N("h05", "41 ans", "an age"),
    N("h06", "Législatives 2024", "a year (headline)"),
    N("h06", "historique au premier tour", "an ordinal (headline)"),
    N("h06", "dimanche 30 juin 2024 à 08h00", "publication date and time"),
    N("h06", "lundi 1er juillet 2024 à 09h30", "update date and time"),
    N("h06", "Lundi, 09h30", "entry time"),
    N("h06", "remonter à 1997", "a year"),
    N("h06", "Dimanche, 20h05", "entry time"),
    N("h06", "près de 20 points de plus", "a difference in points, not a level"),
    N("h06", "il y a deux ans", "a duration"),
    N("h06", "17h10", "entry time"),
    N("h06", "À 17 heures", "a time"),
    N("h06", "20 points de plus qu'en 2022", "a difference in points, not a level"),
    N("h06", "12h15", "entry time"),
    N("h06", "Premier indicateur", "an ordinal"),
    N("h06", "depuis 1981", "a year"),
    N("h06", "08h00 — Les", "entry time"),
    N("h06", "à 8 heures", "a time"),
    N("h06", "à 18 heures, ou à 20 heures", "times"),
    N("h07", "jeudi 14 novembre 2024 à 06h00", "publication date and time"),
    N("h07", "leurs premiers combats", "an ordinal"),
    N("h07", "n'a ni confirmé ni démenti", "a non-denial"),
    N("h07", "fin octobre", "a date"),
    N("h07", "d'ici à 2027", "a date (end of a programme)"),
    N("h07", "KN-23", "a missile's model name"),
    N("h07", "Les deux Corées", "a reference to two known countries"),
    N("h07", "depuis 1953", "a year"),
    N("h07", "en 5 questions", "page furniture (a feature's format)"),
    N("h08", "Thursday, Oct. 31, 2024 at 6:12 p.m. ET", "publication date and time"),
    N("h08", "Oct. 31, 2024 at 9:40 p.m. ET", "update date and time"),
    N("h08", "stopping short of a denial", "a non-denial"),
    N("h08", "denied any knowledge of North Korean combat units", "a denial of knowledge, not of a count"),
    N("h08", "KN-23 and KN-24", "missile model names"),
    N("h08", "roughly 700 km", "a distance"),
    N("h08", "The two countries", "a reference to two known countries"),
    N("h08", "5 things to know", "page furniture"),
    N("h08", "3 min read", "page furniture (a duration)"),
    N("h09", "Tuesday 5 November 2024, 19:48 GMT", "update date and time"),
    N("h09", "19:48 GMT — Ukraine's", "entry time"),
    N("h09", "a first \"small-scale\" engagement", "an ordinal"),
    N("h09", "17:30 GMT", "entry time"),
    N("h09", "14:05 GMT", "entry time"),
    N("h09", "11:12 GMT", "entry time"),
    N("h09", "10:25 GMT", "entry time"),
    N("h09", "Su-25", "an aircraft's model name"),
    N("h09", "09:40 GMT", "entry time"),
    N("h09", "08:00 GMT", "entry time"),
    N("h09", "day 986", "a day count of the war (an ordinal)"),
    N("h10", "27th December 2024, 4:15pm", "publication date and time"),
    N("h10", "a factor of three", "a multiplier"),
    N("h10", "a single casualty", "'not a single': no figure is stated or denied"),
    N("h10", "now in its third year", "an ordinal (a duration)"),
    N("h10", "KN-25", "a model name"),
    N("h10", "Comments (12)", "page furniture"),
    N("h11", "Monday 4 November 2024, 08:35 CET", "publication date and time"),
    N("h11", "in eight hours", "a duration"),
    N("h11", "about a year's worth", "a comparison, no figure"),
    N("h11", "Vicente, 67", "an age"),
    N("h11", "since 1975", "a year"),
    N("h11", "since 1967", "a year"),
    N("h11", "Emergency number: 112", "a phone number"),
    N("h11", "Calle Colón 32", "an address"),
    N("h12", "Channel crossings rise by a quarter", "a relative change (headline)"),
    N("h12", "as 2024 becomes", "a year (headline)"),
    N("h12", "Thursday 2 January 2025, 11:02 GMT", "publication date and time"),
    N("h12", "Updated: 15:47 GMT", "update time"),
    N("h12", "small boats in 2024", "a year"),
    N("h12", "set in 2022", "a year"),
    N("h12", "0800 555 111", "a phone number"),
    N("h12", "Photo 1/3", "page furniture"),
    N("h12", "Comments (27)", "page furniture"),
    N("h13", "Monday 1 July 2024, 00:45 CEST", "publication date and time"),
    N("h13", "Monday 1 July 2024, 06:10 CEST", "update date and time"),
    N("h13", "leads first round", "an ordinal (headline)"),
    N("h13", "since 1997", "a year"),
    N("h13", "on 7 July", "a date"),
    N("h13", "Le Pen, 55", "an age"),
    N("h13", "577-seat", "the size of an institution (a compound adjective), not a reported figure"),
    N("h13", "on 9 June", "a date"),
    N("h13", "the two rounds", "a reference"),
    N("h13", "who came third to withdraw", "an ordinal"),
    N("h14", "Thursday 14 November 2024 – 13:20 GMT", "publication date and time"),
    N("h14", "the first 14 months", "a duration"),
    N("h14", "15 April 2023", "a date"),
    N("h14", "since May", "a date"),
    N("h14", "by the dozen", "a figure of speech"),
    N("h14", "one of the city's last hospitals", "'one of': a pronoun"),
    N("h14", "Image 3 of 6", "page furniture"),
]


def R(doc: str, surface: str) -> dict:
    return {"doc": D[doc], "surface": surface}


FINDINGS = [
    {"kind": "conflict", "subject": "dprk.troops.casualties",
     "claim_refs": [R("h02", "dépasse déjà 3 000"), R("h10", "already exceeded 3,000"),
                    R("h02", "environ 1 100 soldats nord-coréens"), R("h10", "nearly 1,100 North Korean troops")],
     "why": "23 December 2024: Zelensky's 'more than 3,000' killed and wounded against the JCS's 'about / nearly "
            "1,100' the same day (real disagreement); each side is echoed in the other article (h02 French, h10 "
            "English)"},
    {"kind": "monotonic", "subject": "floods.valencia.deaths",
     "claim_refs": [R("h11", "toll climbs to 217"), R("h11", "climbed to 217"), R("h03", "158 morts")],
     "why": "CONSTRUCTED stale republication: the toll was 217 on 3 November (h11); h03, published on 6 November, "
            "gives 158 (the figure of 31 October) as 'le dernier bilan'. A running total cannot fall."},
    {"kind": "conflict", "subject": "dprk.troops.near_border vs dprk.troops.in_russia",
     "claim_refs": [R("h07", "1 500 soldats nord-coréens"), R("h07", "quelque 11 000 soldats nord-coréens"),
                    R("h07", "au moins 2 000 militaires nord-coréens"), R("h07", "12 000+ soldats nord-coréens"),
                    R("h09", "between 10,000 and 12,000 North Korean soldiers"),
                    R("h09", "11,000 North Korean soldiers")],
     "why": "CONSTRUCTED: 1,500 North Korean troops in Russia on 14 November (kr.nis, stale) cannot hold while "
            "Kyiv counts some 11,000 in Kursk and 12,000+ sent, the ISW at least 2,000 in the assaults the same day, "
            "and US and Ukrainian figures of 10,000-12,000 in Kursk nine days earlier; part larger than its whole "
            "across origins"},
    {"kind": "revision", "subject": "dprk.troops.in_russia",
     "claim_refs": [R("h08", "at least 3,000 North Korean troops"), R("h07", "1 500 soldats nord-coréens")],
     "why": "the same origin (kr.nis) goes from 'at least 3,000' in late October to 1,500 on 14 November "
            "(the constructed stale figure)"},
    {"kind": "conflict", "subject": "election.turnout.fr_legislative_2024.round1",
     "claim_refs": [R("h06", "66,71 %"), R("h13", "estimated at 67.5%"), R("h06", "entre 67 % et 69,7 %")],
     "why": "30 June 2024 turnout: the ministry's final 66.71% against Ipsos's estimate of 67.5% (h13) and the "
            "pollsters' 67-69.7% (h06): estimates and the count cannot both hold (real)"},
    {"kind": "conflict", "subject": "dprk.troops.planned",
     "claim_refs": [R("h01", "quelque 12 000 militaires"), R("h01", "enverrait 12 000 soldats"),
                    R("h01", "10 000 hommes")],
     "why": "17-18 October 2024: the NIS's 'some 12,000' [10,800-13,200] against Zelensky's 10,000 for the "
            "troops North Korea is sending"},
    {"kind": "conflict", "subject": "strike.teachers.primary.national",
     "claim_refs": [R("h05", "30,33 % de grévistes"), R("h05", "près d'un enseignant sur trois"),
                    R("h05", "« 65 % de grévistes »")],
     "why": "5 December 2024, primary teachers on strike: the ministry's 30.33% against the SNUipp-FSU's 65%"},
    {"kind": "conflict", "subject": "strike.teachers.primary.haute_garonne",
     "claim_refs": [R("h05", "26 % de grévistes"), R("h05", "évoquait 60 %")],
     "why": "the rectorat's 26% against the CGT's 60%, same day, same place"},
    {"kind": "conflict", "subject": "protest.turnout.toulouse",
     "claim_refs": [R("h05", "Quelque 5 000 manifestants"), R("h05", "ils étaient 12 000")],
     "why": "Toulouse march of 5 December 2024: police about 5,000, organisers 12,000"},
    {"kind": "conflict", "subject": "sudan.deaths.violent.khartoum_state vs sudan.deaths.violent",
     "claim_refs": [R("h14", "Around 26,000 of those deaths"), R("h14", "roughly 20,000 deaths")],
     "why": "violent deaths in Khartoum state alone (LSHTM, about 26,000 by mid-2024) exceed ACLED's national "
            "count (roughly 20,000 by November): a part larger than its whole across origins (real, the study's "
            "own point)"},
    {"kind": "denial", "subject": "dprk.troops.in_russia",
     "claim_refs": [R("h01", "a rejeté ces informations"), R("h08", "roughly 10,000 soldiers"),
                    R("h08", "roughly 10,000 North Korean troops"), R("h08", "at least 3,000 North Korean troops")],
     "why": "the Kremlin rejects the reports (18 October) while US and South Korean figures count thousands"},
    {"kind": "denial", "subject": "dprk.troops.in_russia",
     "claim_refs": [R("h08", "dismissed the reports"), R("h08", "roughly 10,000 soldiers"),
                    R("h08", "at least 3,000 North Korean troops")],
     "why": "North Korea's UN representative dismisses the reports; the same article counts thousands"},
    {"kind": "denial", "subject": "dprk.troops.in_russia",
     "claim_refs": [R("h07", "a en revanche nié toute présence de troupes nord-coréennes"),
                    R("h07", "1 500 soldats nord-coréens"), R("h07", "12 000+ soldats nord-coréens"),
                    R("h07", "quelque 11 000 soldats nord-coréens"), R("h07", "au moins 2 000 militaires nord-coréens")],
     "why": "Russia's UN ambassador denies any North Korean troops at the front while the article counts them "
            "(in Russia and in Kursk, at the front)"},
    {"kind": "single_source", "subject": "russia.assaults.kursk",
     "claim_refs": [R("h02", "une quarantaine d'assauts")],
     "why": "only the Ukrainian army (a party) counts the assaults repelled"},
    {"kind": "single_source", "subject": "russia.transport_aircraft",
     "claim_refs": [R("h09", "as many as 50 aircraft")], "why": "only the GUR (a party)"},
    {"kind": "single_source", "subject": "russia.drones_launched",
     "claim_refs": [R("h09", "39 drones"), R("h09", "22 drones were shot down"), R("h09", "17 were \"lost\""),
                    R("h09", "three missiles")],
     "why": "the overnight attack is counted only by the Ukrainian air force (a party)"},
    {"kind": "consistent", "subject": "migration.channel.crossings",
     "claim_refs": [R("h04", "près de 37 000 migrants"), R("h12", "The final tally of 36,816"),
                    R("h12", "Nearly 37,000 people"), R("h04", "36 816 personnes")],
     "why": "'nearly 37,000' [33,300-37,000] holds 36,816: rounding of the same Home Office figure"},
    {"kind": "consistent", "subject": "dprk.troops.near_border",
     "claim_refs": [R("h09", "between 10,000 and 12,000 North Korean soldiers"),
                    R("h09", "11,000 North Korean soldiers"), R("h07", "quelque 11 000 soldats nord-coréens")],
     "why": "the US range 10,000-12,000 holds Zelensky's 11,000 and Kyiv's 'some 11,000'"},
    {"kind": "consistent", "subject": "election.turnout.fr_legislative_2022.round1",
     "claim_refs": [R("h06", "47,51 % au premier tour de 2022"), R("h13", "the 47.5% recorded two years ago")],
     "why": "47.5% is 47.51% rounded to one decimal: not a conflict"},
    {"kind": "consistent", "subject": "floods.valencia.vehicles_destroyed",
     "claim_refs": [R("h03", "des dizaines de milliers de voitures"), R("h11", "Thousands of vehicles")],
     "why": "'thousands' against 'tens of thousands' is loose wording, not a conflict (seed convention)"},
    {"kind": "consistent", "subject": "migration.channel.deaths",
     "claim_refs": [R("h12", "who died trying to reach Britain at 82"), R("h12", "at least 78 deaths"),
                    R("h04", "au moins 78 morts")],
     "why": "IOM's 82 satisfies the French 'at least 78'"},
    {"kind": "consistent", "subject": "russia.drones_launched",
     "claim_refs": [R("h09", "39 drones"), R("h09", "22 drones were shot down"), R("h09", "17 were \"lost\"")],
     "why": "22 shot down + 17 lost = 39 launched: the parts sum"},
    {"kind": "consistent", "subject": "floods.valencia.deaths",
     "claim_refs": [R("h11", "213 of the dead"), R("h11", "climbed to 217"), R("h11", "at least 62 residents")],
     "why": "213 in the Valencia region and 62+ in Paiporta are parts no larger than the 217 in all"},
    {"kind": "consistent", "subject": "floods.valencia.soldiers_deployed",
     "claim_refs": [R("h03", "quelque 7 500 militaires"), R("h11", "roughly 7,500 soldiers")],
     "why": "the same deployment two days apart"},
    {"kind": "consistent", "subject": "dprk.troops.casualties",
     "claim_refs": [R("h02", "au moins 100 morts"), R("h02", "près d'un millier de blessés"),
                    R("h02", "environ 1 100 soldats nord-coréens")],
     "why": "at least 100 dead and nearly 1,000 wounded (19 Dec, NIS) fit the JCS's about 1,100 casualties (23 Dec)"},
    {"kind": "consistent", "subject": "floods.valencia.deaths vs history.valencia_1957.deaths",
     "claim_refs": [R("h03", "au moins 81 morts"), R("h03", "158 morts")],
     "why": "the 1957 flood is another event: never compared with the 2024 toll"},
]


def digits_covered(text: str, surfaces: list[str]) -> list[str]:
    """Digits of the article that no claim or not-claim surface covers."""
    covered = [False] * len(text)
    for s in surfaces:
        i = text.find(s)
        if i >= 0:
            for k in range(i, i + len(s)):
                covered[k] = True
    return [m.group() + f"@{m.start()}" for m in re.finditer(r"\d+", text) if not covered[m.start()]]


def validate() -> list[str]:
    errs = []
    texts = {p.name: p.read_text(encoding="utf-8") for p in ART.glob("h*.txt")}
    keys = set()
    for row in CLAIMS + NOT_CLAIMS:
        t = texts[row["doc"]]
        if t.count(row["surface"]) != 1:
            errs.append(f"{row['doc']}: surface found {t.count(row['surface'])} times: {row['surface']!r}")
    for c in CLAIMS:
        lo, v, hi = c["low"], c["value"], c["high"]
        if v is not None and ((lo is not None and lo > v) or (hi is not None and hi < v)):
            errs.append(f"bad interval {c['surface']}")
        keys.add((c["doc"], c["surface"]))
    for f in FINDINGS:
        for r in f["claim_refs"]:
            if (r["doc"], r["surface"]) not in keys:
                errs.append(f"finding ref not a claim: {r}")
    for n in NOT_CLAIMS:
        t = texts[n["doc"]]
        a = t.find(n["surface"])
        for c in CLAIMS:
            b = t.find(c["surface"]) if c["doc"] == n["doc"] else -1
            if b >= 0 and a >= 0 and max(a, b) < min(a + len(n["surface"]), b + len(c["surface"])):
                errs.append(f"not-claim overlaps a claim: {n['surface']!r} / {c['surface']!r}")
    for doc, t in texts.items():
        surf = [r["surface"] for r in CLAIMS + NOT_CLAIMS if r["doc"] == doc]
        for d in digits_covered(t, surf):
            errs.append(f"{doc}: digit not covered: {d}")
    return errs


def main() -> int:
    for name, rows in (("claims", CLAIMS), ("not_claims", NOT_CLAIMS), ("findings", FINDINGS)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    errs = validate()
    for e in errs:
        print(e)
    print(f"{len(CLAIMS)} claims, {len(NOT_CLAIMS)} not-claims, {len(FINDINGS)} findings; {len(errs)} problems")
    return 1 if errs else 0


if __name__ == "__main__":
    raise SystemExit(main())
