"""Attribute figures in a hostile text, built in memory: run by tests/test_attribution_hostile.py.

Usage: python3 hostile_run.py <case> [size] (size scales the 10 MB line case; the test uses 0.2). Claims are placed on the text as the claims stage would (one
every few hundred characters), so that the run measures attribution alone.
"""

from __future__ import annotations

import re
import sys

from claimcheck.attribution import attribute
from claimcheck.models import Article, Claim
from claimcheck.registry import load_registry

MB = 1_000_000


def hostile(case: str, size: float = 1.0) -> tuple[str, str]:
    """The hostile text of a case (`size` scales the line case, 10 MB at 1.0), and its language."""
    if case == "digits":  # 1 MB of digits and spaces, with line breaks now and then
        chunk = "12 345 6 7890 " * 7 + "\n"
        return (chunk * (MB // len(chunk) + 1))[:MB], "fr"
    if case == "hedges":  # 100 000 hedges in a row, then a cue
        return "Selon la préfecture, " + "plus de " * 100_000 + "3 000 manifestants.", "fr"
    if case == "line":  # one 10 MB line: a sentence that never ends, full of names and cues
        piece = "the ministry said, according to the Pentagon and Moscow, that 1,200 troops and it "
        n = int(10 * MB * size)
        return (piece * (n // len(piece) + 1))[:n], "en"
    if case == "names":  # 1 MB of source names and reporting verbs, no punctuation
        piece = "selon le NIS a déclaré le Pentagone citant Séoul a-t-il dit 1 200 soldats cité par l'AFP "
        return (piece * (MB // len(piece) + 1))[:MB], "fr"
    raise SystemExit(f"unknown case {case}")


def claims_on(text: str, lang: str, every: int = 400) -> list[Claim]:
    """A claim on the first number after every `every` characters."""
    out: list[Claim] = []
    pos = 0
    rx = re.compile(r"\d[\d, ]*\d|\d")
    while True:
        m = rx.search(text, pos)
        if m is None:
            return out
        out.append(Claim(article="h", surface=m.group(), start=m.start(), end=m.end(), value=1, low=1,
                         high=1, qualifier="exact", lang=lang, sentence=m.group(), sentence_start=m.start()))
        pos = m.end() + every


def main() -> None:
    text, lang = hostile(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1.0)
    claims = claims_on(text, lang)
    attribute(Article(id="h", text=text, lang=lang), claims, load_registry())
    print(len(claims), sum(1 for c in claims if c.attributed_to or c.attributed_text))


if __name__ == "__main__":
    main()
