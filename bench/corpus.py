"""Deterministic generator of realistic French and English news articles and of structured claims.

Used by the benchmarks (never by the tests' assertions about speed). Articles mix figures written
in digits and words, hedges, ranges, vague amounts, sources cited before and after the figure,
dates of every family, and filler sentences with dates, times and model names that are not claims.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

FR_SOURCES = ["le ministère de la Défense", "les services de renseignement sud-coréens", "l'état-major ukrainien",
              "la CGT", "le ministère de l'Intérieur", "l'AFAD", "l'OMS", "la préfecture de police",
              "un haut responsable américain", "l'agence Yonhap"]
EN_SOURCES = ["the defence ministry", "South Korea's intelligence service", "Ukraine's general staff",
              "the CGT union", "the interior ministry", "AFAD", "the World Health Organization",
              "police", "a senior US official", "Yonhap news agency"]
FR_NOUNS = ["soldats", "manifestants", "morts", "blessés", "conteneurs de munitions", "obus", "personnes",
            "véhicules blindés", "missiles", "réfugiés"]
EN_NOUNS = ["troops", "protesters", "dead", "injured", "containers of ammunition", "shells", "people",
            "armoured vehicles", "missiles", "refugees"]
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FR_WORDS = {2: "deux", 3: "trois", 5: "cinq", 10: "dix", 12: "douze", 20: "vingt", 40: "quarante",
            1000: "mille", 3000: "trois mille"}
EN_WORDS = {2: "two", 3: "three", 5: "five", 10: "ten", 12: "twelve", 20: "twenty", 40: "forty",
            1000: "a thousand", 3000: "three thousand"}


def _fr_num(r: random.Random) -> str:
    n = r.choice([r.randint(2, 99), r.randint(100, 999), r.randint(1, 99) * 100, r.randint(1, 900) * 1000 + r.randint(0, 999)])
    style = r.random()
    if n in FR_WORDS and style < 0.3:
        return FR_WORDS[n]
    if n >= 1000:
        s = f"{n:,}"
        return s.replace(",", r.choice([" ", "\u00a0", "\u202f", "."]))
    return str(n)


def _en_num(r: random.Random) -> str:
    n = r.choice([r.randint(2, 99), r.randint(100, 999), r.randint(1, 99) * 100, r.randint(1, 900) * 1000 + r.randint(0, 999)])
    if n in EN_WORDS and r.random() < 0.3:
        return EN_WORDS[n]
    return f"{n:,}"


def fr_sentence(r: random.Random) -> str:
    src, noun, num = r.choice(FR_SOURCES), r.choice(FR_NOUNS), _fr_num(r)
    day, month = r.randint(1, 28), r.choice(FR_MONTHS)
    forms = [
        f"Selon {src}, plus de {num} {noun} ont été recensés le {day} {month}.",
        f"Au moins {num} {noun} ont été comptés {r.choice(FR_DAYS)}, a indiqué {src}.",
        f"{src.capitalize()} a affirmé que jusqu'à {num} {noun} avaient été envoyés fin {month}.",
        f"Environ {num} {noun}, d'après {src}, depuis le début de l'offensive le {day} {month}.",
        f"Entre {num} et {_fr_num(r)} {noun} ont été signalés la semaine dernière, selon {src}.",
        f"Des centaines de {noun} ont été vus près de la frontière, a déclaré {src} {r.choice(FR_DAYS)}.",
        f"Une dizaine de {noun} supplémentaires sont arrivés mi-{month}, selon {src}.",
        f"Le sommet s'est tenu le {day} {month} 2024 à 17h39, en présence des deux délégations.",
        "Les soldats étaient équipés de fusils AK-12 et de missiles KN-23, selon des images publiées.",
        "La réunion a duré trois heures et le ministre, âgé de 62 ans, n'a fait aucune déclaration.",
    ]
    return r.choice(forms)


def en_sentence(r: random.Random) -> str:
    src, noun, num = r.choice(EN_SOURCES), r.choice(EN_NOUNS), _en_num(r)
    day, month = r.randint(1, 28), r.choice(EN_MONTHS)
    forms = [
        f"More than {num} {noun} were counted on {month} {day}, according to {src}.",
        f"At least {num} {noun} were reported on {r.choice(EN_DAYS)}, {src} said.",
        f"{src[0].upper() + src[1:]} said up to {num} {noun} had been sent in late {month}.",
        f"About {num} {noun} have been recorded since the offensive began on {month} {day}, {src} said.",
        f"Between {num} and {_en_num(r)} {noun} were reported last week, according to {src}.",
        f"Hundreds of {noun} were seen near the border, {src} told reporters on {r.choice(EN_DAYS)}.",
        f"Another dozen {noun} arrived in mid-{month}, {src} reported.",
        f"The summit was held on {month} {day}, 2024 at 10:15 AM, with both delegations present.",
        "The troops carried AK-12 rifles and Su-34 jets flew overhead, footage showed.",
        "The meeting lasted three hours and the 62-year-old minister made no statement.",
    ]
    return r.choice(forms)


FR_PLACES = ["Kiev", "Moscou", "Séoul", "Pyongyang", "Koursk", "Paris", "Marseille", "Gaziantep", "Alep",
             "Bruxelles", "Genève", "Washington"]
EN_PLACES = ["Kyiv", "Moscow", "Seoul", "Pyongyang", "Kursk", "Paris", "Marseille", "Gaziantep", "Aleppo",
             "Brussels", "Geneva", "Washington"]
FR_ACTORS = ["Le Kremlin", "Le gouvernement", "L'opposition", "La Maison Blanche", "Le porte-parole du ministère",
             "Un diplomate européen", "La présidence", "Le Premier ministre", "Les syndicats", "Les secouristes"]
EN_ACTORS = ["The Kremlin", "The government", "The opposition", "The White House", "A ministry spokesman",
             "A European diplomat", "The presidency", "The prime minister", "The unions", "Rescue workers"]


def fr_prose(r: random.Random) -> str:
    """A sentence of context with no count in it, as most sentences of a news article are."""
    actor, place, other = r.choice(FR_ACTORS), r.choice(FR_PLACES), r.choice(FR_PLACES)
    month, day = r.choice(FR_MONTHS), r.choice(FR_DAYS)
    forms = [
        f"{actor} n'a pas souhaité commenter ces informations dans l'immédiat.",
        f"Les discussions doivent reprendre {day} prochain à {place}, a-t-on appris de source diplomatique.",
        f"« Nous suivons la situation de très près », a déclaré un porte-parole lors d'un point presse à {place}.",
        f"La situation reste tendue à {place}, où les habitants attendent des nouvelles de leurs proches.",
        f"Ces annonces interviennent alors que les relations entre {place} et {other} se sont dégradées depuis {month}.",
        f"{actor} a appelé au calme et promis une enquête, sans donner de calendrier précis.",
        "Des images diffusées sur les réseaux sociaux n'ont pas pu être vérifiées de manière indépendante.",
        "Le conflit, qui a commencé en février 2022, a profondément modifié l'équilibre de la région.",
        f"À {place}, la vie a repris son cours, même si de nombreux commerces sont restés fermés {day}.",
        "Interrogé par l'AFP, un analyste estime que « la question n'est plus de savoir si, mais quand ».",
        "Les deux pays ont signé en juin un traité de partenariat stratégique qui prévoit une assistance mutuelle.",
        f"La réunion, prévue à {place} dans la matinée, a finalement été reportée à une date ultérieure.",
    ]
    return r.choice(forms)


def en_prose(r: random.Random) -> str:
    """A sentence of context with no count in it, as most sentences of a news article are."""
    actor, place, other = r.choice(EN_ACTORS), r.choice(EN_PLACES), r.choice(EN_PLACES)
    month, day = r.choice(EN_MONTHS), r.choice(EN_DAYS)
    forms = [
        f"{actor} declined to comment on the reports.",
        f"Talks are due to resume in {place} on {day}, diplomatic sources said.",
        f'"We are following the situation very closely," a spokesman told a news conference in {place}.',
        f"The situation in {place} remains tense, with residents waiting for news of their relatives.",
        f"The announcements come as relations between {place} and {other} have deteriorated since {month}.",
        f"{actor} called for calm and promised an investigation, without giving a timetable.",
        "Images shared on social media could not be independently verified.",
        "The war, which began in February 2022, has reshaped the balance of power in the region.",
        f"In {place}, life has returned to normal, though many shops stayed closed on {day}.",
        'Speaking to AFP, one analyst said "the question is no longer whether, but when".',
        "The two countries signed a strategic partnership treaty in June that provides for mutual assistance.",
        f"The meeting, planned in {place} for the morning, was eventually postponed.",
    ]
    return r.choice(forms)


STYLES = ("dense", "news")


def article(i: int, seed: int = 0, style: str = "dense") -> dict:
    """One article record: id, lang, published date and a few paragraphs of text.

    `style="dense"` puts a figure in most sentences (a stress test: 7.8 claims per KB, denser than
    any annotated article we have). `style="news"` mixes in sentences of context without counts, as
    news copy does: about one sentence in five holds a figure (2.5 claims per KB, between the seed
    articles' 1.2 and the annotated dev set's 7.0), and articles are longer (2.2 KB on average).
    """
    r = random.Random(seed * 1_000_003 + i)
    lang = "fr" if i % 2 == 0 else "en"
    make = fr_sentence if lang == "fr" else en_sentence
    prose = fr_prose if lang == "fr" else en_prose
    paras = []
    if style == "news":
        for _ in range(r.randint(5, 9)):
            paras.append(" ".join(make(r) if r.random() < 0.3 else prose(r) for _ in range(r.randint(2, 5))))
    else:
        for _ in range(r.randint(3, 6)):
            paras.append(" ".join(make(r) for _ in range(r.randint(2, 5))))
    month = r.randint(1, 12)
    day = r.randint(1, 28)
    header = (f"Publié le {day} {FR_MONTHS[month - 1]} 2024 à 12h{r.randint(10, 59)}" if lang == "fr"
              else f"Published: {EN_MONTHS[month - 1]} {day}, 2024")
    prefix = "gen" if style == "dense" else f"gen-{style}"
    return {"id": f"{prefix}-{seed}-{i:07d}", "lang": lang, "text": header + "\n\n" + "\n\n".join(paras)}


def articles(n: int, seed: int = 0, style: str = "dense") -> Iterator[dict]:
    for i in range(n):
        yield article(i, seed, style)


SUBJECT_KINDS = ["stock", "flow", "cumulative", "total"]


def structured_claims(n: int, seed: int = 0, subjects: int | None = None, origins: int = 200) -> Iterator[dict]:
    """`n` contract-shaped claims over many subjects, origins and dates (for the rules benchmark).

    Realistic rather than adversarial: each subject has a true figure that moves over the year (a
    level drifts, a running total grows), most origins report it within a few per cent with the
    hedges news uses, and a few per cent of figures are outliers, stale or misprinted, so that the
    rules have real findings to make, as in a news archive. Claims come in articles of about 8.
    """
    r = random.Random(seed)
    n_subj = subjects or max(10, n // 200)
    base = [1000 * (1 + (s * 37) % 97) for s in range(n_subj)]
    growth = [r.uniform(0.0, 0.004) for _ in range(n_subj)]
    for i in range(n):
        s = r.randrange(n_subj)
        kind = SUBJECT_KINDS[s % 4]
        day = r.randint(0, 364)
        truth = base[s] * ((1 + growth[s]) ** day if kind in ("cumulative", "stock") else r.uniform(0.8, 1.2))
        roll = r.random()
        noise = r.uniform(0.97, 1.03) if roll > 0.05 else r.choice([0.5, 0.8, 1.5, 2.0, 10.0])
        v = float(round(truth * noise))
        q = r.choice(["exact", "exact", "exact", "more_than", "approx", "up_to", "at_least", "approx"])
        if q == "more_than" or q == "at_least":
            v = float(round(v * 0.9))
        lo, hi = {"exact": (v, v), "more_than": (v, None), "at_least": (v, None),
                  "approx": (0.9 * v, 1.1 * v), "up_to": (None, v)}[q]
        month = min(12, day // 31 + 1)
        d = f"2024-{month:02d}-{min(28, day % 31 + 1):02d}"
        art = f"art{i // 8:07d}"
        yield {
            "article": art, "surface": f"{v:.0f} soldats", "start": (i % 8) * 120, "end": (i % 8) * 120 + 12,
            "value": v, "low": lo, "high": hi, "qualifier": q, "measure": "count", "unit": "soldats",
            "subject": f"bench.s{s // 10}.p{s % 10}" if s % 3 else f"bench.s{s // 10}",
            "kind": kind, "attributed_to": f"src.o{r.randrange(origins)}",
            "negated": r.random() < 0.001, "event_date": {"start": d, "end": d} if r.random() > 0.1 else None,
            "published": d, "lang": "fr",
        }
