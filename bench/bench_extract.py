"""Extraction throughput on a generated French and English news corpus, against quantulum3.

    python3 bench/bench_extract.py [--mb 5] [--seed 7] [--quantulum-mb 0.5] [--profile]

Generates a deterministic corpus (seeded random: realistic news sentences with figures, hedges,
ranges, vague amounts, sources, dates and times) of at least `--mb` megabytes, half French and half
English, runs the full extraction (`claimcheck.api.extract_articles`, every pipeline stage) on one
core, then the claim stage alone (numbers and claims: this issue's part), then `find_numbers` alone, then quantulum3's parser on a sample of the same articles
(quantulum3 is far slower; its rate is measured on `--quantulum-mb` and extrapolated), and prints
MB/s, articles/s and the ratio, all in CPU time of this process (wall time is also printed for the
full run: on a loaded machine it is longer). Run by hand; no test runs it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimcheck.api import extract_articles  # noqa: E402
from claimcheck.ingest import make_article  # noqa: E402
from claimcheck.numbers import find_numbers  # noqa: E402
from claimcheck.registry import default_registry  # noqa: E402

FR = {
    "who": ["le ministère de l'Intérieur", "la CGT", "les services de renseignement sud-coréens", "l'AFAD",
            "la préfecture de police", "le ministère russe de la Défense", "l'ONU", "les Casques blancs",
            "l'état-major ukrainien", "un haut responsable américain"],
    "noun": ["manifestants", "soldats", "personnes", "morts", "blessés", "conteneurs de munitions",
             "véhicules blindés", "bâtiments", "réfugiés", "policiers et gendarmes", "missiles", "habitants"],
    "verb": ["a annoncé", "a affirmé", "a indiqué", "selon", "a déclaré", "estime"],
    "hedge": ["", "", "plus de ", "au moins ", "environ ", "près de ", "jusqu'à ", "quelque ", "moins de "],
    "month": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
              "octobre", "novembre", "décembre"],
    "vague": ["des centaines de", "plusieurs milliers de", "des dizaines de milliers de", "une dizaine de",
              "un millier de", "des milliers de"],
    "words": ["trois", "dix", "vingt-cinq", "quatre-vingt-dix", "deux mille", "cent cinquante"],
}
EN = {
    "who": ["the Interior Ministry", "the CGT union", "South Korea's intelligence service", "AFAD",
            "the Pentagon", "Russia's defence ministry", "the United Nations", "the White Helmets",
            "Ukraine's general staff", "a senior US official"],
    "noun": ["protesters", "troops", "people", "deaths", "injured", "containers of ammunition",
             "armoured vehicles", "buildings", "refugees", "police officers", "missiles", "residents"],
    "verb": ["said", "announced", "reported", "estimated", "according to", "claimed"],
    "hedge": ["", "", "more than ", "at least ", "about ", "nearly ", "up to ", "some ", "fewer than "],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    "vague": ["hundreds of", "several thousand", "tens of thousands of", "dozens of", "thousands of"],
    "words": ["three", "ten", "twenty-five", "ninety", "two thousand", "a hundred and fifty"],
}


def fr_figure(r: random.Random) -> str:
    n = r.choice([r.randint(2, 999), r.randint(1000, 999999), r.randint(1, 99)])
    style = r.random()
    if n >= 1000 and style < 0.4:
        return f"{n:,}".replace(",", "\u202f" if style < 0.2 else " ")
    if n >= 1000 and style < 0.6:
        return f"{n:,}".replace(",", ".")
    if style < 0.75:
        return f"{r.randint(1, 9)},{r.randint(1, 9)} million{'s' if r.random() < .5 else ''}"
    return str(n)


def en_figure(r: random.Random) -> str:
    n = r.choice([r.randint(2, 999), r.randint(1000, 999999), r.randint(1, 99)])
    style = r.random()
    if n >= 1000 and style < 0.5:
        return f"{n:,}"
    if style < 0.7:
        return f"{r.randint(1, 9)}.{r.randint(1, 9)} million"
    if style < 0.78:
        return f"${r.randint(1, 900)}{r.choice(['m', 'bn', ' million', ' billion'])}"
    return str(n)


def fr_sentence(r: random.Random) -> str:
    v = FR
    k = r.random()
    day = f"{r.randint(1, 28)} {r.choice(v['month'])}"
    if k < 0.35:
        return (f"Le {day} {r.randint(2019, 2024)}, {r.choice(v['who'])} {r.choice(v['verb'][:3])} que "
                f"{r.choice(v['hedge'])}{fr_figure(r)} {r.choice(v['noun'])} avaient été recensés.")
    if k < 0.5:
        a = r.randint(2, 40) * 1000
        return (f"Entre {a:,} et {a + r.randint(1, 9) * 1000:,} {r.choice(v['noun'])} ont été comptés à "
                f"{r.randint(8, 20)}h{r.randint(10, 59)}, {r.choice(v['verb'][3:])} {r.choice(v['who'])}.").replace(",", " ")
    if k < 0.65:
        return (f"{r.choice(v['vague']).capitalize()} {r.choice(v['noun'])} se trouvent dans la région depuis "
                f"{r.choice(v['month'])} {r.randint(2020, 2024)}, a précisé {r.choice(v['who'])}.")
    if k < 0.8:
        return (f"Au total, {r.choice(v['words'])} {r.choice(v['noun'])} et {fr_figure(r)} % des habitants "
                f"sont concernés, soit une hausse de {r.randint(2, 40)} % en {r.randint(2, 12)} mois.")
    return (f"La troisième journée de mobilisation, prévue le {day}, réunira des syndicats des deux pays "
            f"et des représentants de {r.randint(2, 30)} organisations, selon {r.choice(v['who'])}.")


def en_sentence(r: random.Random) -> str:
    v = EN
    k = r.random()
    day = f"{r.choice(v['month'])} {r.randint(1, 28)}"
    if k < 0.35:
        return (f"On {day}, {r.randint(2019, 2024)}, {r.choice(v['who'])} {r.choice(v['verb'][:4])} that "
                f"{r.choice(v['hedge'])}{en_figure(r)} {r.choice(v['noun'])} had been recorded.")
    if k < 0.5:
        a = r.randint(2, 40) * 1000
        return (f"Between {a:,} and {a + r.randint(1, 9) * 1000:,} {r.choice(v['noun'])} were counted by "
                f"{r.randint(1, 12)}:{r.randint(10, 59)} p.m., {r.choice(v['verb'][5:])} {r.choice(v['who'])}.")
    if k < 0.65:
        return (f"{r.choice(v['vague']).capitalize()} {r.choice(v['noun'])} have been in the region since "
                f"{r.choice(v['month'])} {r.randint(2020, 2024)}, {r.choice(v['who'])} said.")
    if k < 0.8:
        return (f"In all, {r.choice(v['words'])} {r.choice(v['noun'])} and {r.randint(2, 90)}% of residents "
                f"are affected, a rise of {r.randint(2, 40)} percent in {r.randint(2, 12)} months.")
    return (f"The third day of action, set for {day}, will bring together unions from both countries and "
            f"{r.randint(2, 30)} organisations, according to {r.choice(v['who'])}.")


def corpus(mb: float, seed: int) -> list[tuple[str, str]]:
    """(lang, text) articles of 8-25 sentences, alternating French and English, >= `mb` megabytes."""
    r = random.Random(seed)
    out: list[tuple[str, str]] = []
    size = 0
    while size < mb * 1_000_000:
        lang = "fr" if len(out) % 2 == 0 else "en"
        make = fr_sentence if lang == "fr" else en_sentence
        paras = []
        for _ in range(r.randint(3, 6)):
            paras.append(" ".join(make(r) for _ in range(r.randint(2, 5))))
        text = "\n\n".join(paras)
        out.append((lang, text))
        size += len(text.encode("utf-8"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quantulum-mb", type=float, default=0.5)
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args()
    docs = corpus(a.mb, a.seed)
    mb = sum(len(t.encode("utf-8")) for _, t in docs) / 1e6
    print(f"corpus: {len(docs)} articles, {mb:.2f} MB (seed {a.seed})")
    reg = default_registry()
    articles = [make_article(f"a{i:05d}", t, path=None, meta={"lang": lang, "published": "2024-11-30"})
                for i, (lang, t) in enumerate(docs)]
    find_numbers("1", "fr", reg), find_numbers("1", "en", reg)
    t0, c0 = time.perf_counter(), time.process_time()
    if a.profile:
        import cProfile
        import pstats
        prof = cProfile.Profile()
        prof.enable()
    claims, skipped = extract_articles(articles, reg)
    dt, ct = time.perf_counter() - t0, time.process_time() - c0
    if a.profile:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumtime").print_stats(25)
    print(f"extraction (all stages): wall {dt:.2f} s, cpu {ct:.2f} s: {mb / ct:.2f} MB/s, "
          f"{len(docs) / ct:.0f} articles/s (cpu time), {len(claims)} claims, {len(skipped)} failed")
    from claimcheck.claims import build_claims  # noqa: PLC0415
    c0 = time.process_time()
    nc = sum(len(build_claims(art, reg)) for art in articles)
    cc = time.process_time() - c0
    print(f"claims stage only (numbers + claims): cpu {cc:.2f} s, {mb / cc:.2f} MB/s, "
          f"{len(docs) / cc:.0f} articles/s, {nc} claims")
    c0 = time.process_time()
    n = sum(len(find_numbers(t, lang, reg)) for lang, t in docs)
    dn = time.process_time() - c0
    print(f"find_numbers only: cpu {dn:.2f} s, {mb / dn:.2f} MB/s, {n} numbers")
    from claimcheck.quantities import parse  # noqa: PLC0415 - lazy, as in the library
    parse("1")
    sample, size = [], 0.0
    for _, t in docs:
        if size >= a.quantulum_mb * 1e6:
            break
        sample.append(t)
        size += len(t.encode("utf-8"))
    c0 = time.process_time()
    q = sum(len(parse(t)) for t in sample)
    dq = time.process_time() - c0
    qrate = size / 1e6 / dq
    print(f"quantulum3 parser: {len(sample)} articles, {size / 1e6:.2f} MB in {dq:.2f} s, {qrate:.3f} MB/s, "
          f"{q} quantities")
    print(f"ratio (cpu time): full extraction {mb / ct / qrate:.1f}x quantulum3; claims stage "
          f"{mb / cc / qrate:.1f}x; find_numbers {mb / dn / qrate:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
