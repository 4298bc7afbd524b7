"""Adversarial texts for extraction: walls of digits, runs of hedges, one very long line, a huge article.

Each generator takes a size in characters and is deterministic, so the benchmark
(bench/bench_adversarial.py) can time 1x, 4x and 16x sizes and the tests can run a hang guard.
"""

from __future__ import annotations

import random

MB = 1_000_000

_FR_SENTENCES = (
    "Selon la préfecture, plus de {n} manifestants ont défilé le {d} mars à Lyon.",
    "Les syndicats revendiquent environ {n} participants, a indiqué la CGT.",
    "Au moins {n} personnes ont été évacuées depuis le début de la crue, selon les pompiers.",
    "Le ministère a fait état de {n} blessés, dont {m} grièvement.",
)
_EN_SENTENCES = (
    "More than {n} people marched on March {d}, police said.",
    "Organisers put the crowd at about {n}, according to the union.",
    "At least {n} homes were damaged since Monday, officials said, {m} of them beyond repair.",
)


def digits_and_spaces(size: int, seed: int = 1) -> str:
    """Groups of 1 to 7 digits separated by single spaces: every group could join its neighbours."""
    rnd = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        group = str(rnd.randint(0, 9_999_999))[: rnd.randint(1, 7)]
        parts.append(group)
        total += len(group) + 1
    return " ".join(parts)[:size]


def hedges(count: int, lang: str = "fr") -> str:
    """`count` hedges in a row ("plus de plus de ..."), then a figure: a worst case for hedge scanning."""
    hedge = "plus de " if lang == "fr" else "more than "
    noun = " soldats." if lang == "fr" else " troops."
    return hedge * count + "10 000" + noun


def news_text(size: int, seed: int = 2, sep: str = "\n") -> str:
    """News-like French and English sentences up to `size` characters, joined by `sep`."""
    rnd = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        french = rnd.random() < 0.6
        tpl = rnd.choice(_FR_SENTENCES if french else _EN_SENTENCES)
        s = tpl.format(n=f"{rnd.randint(1, 90) * 100:,}".replace(",", "\u202f" if french else ","),
                       m=rnd.randint(2, 60), d=rnd.randint(1, 28))
        out.append(s)
        total += len(s) + len(sep)
    return sep.join(out)


def one_long_line(size: int, seed: int = 3) -> str:
    """News sentences with no line break at all."""
    return news_text(size, seed, sep=" ")
