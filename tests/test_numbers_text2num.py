"""Our French number-word grammar against text2num, used as an oracle where it serves.

text2num converts whole number phrases well (it is the reference for French number words) but knows
no hedges, fractions ("et demi"), approximate nouns or articles, so it cannot decide spans in news
text (see bench/README.md). Here it checks the values our grammar gives to plain number phrases.
"""

from __future__ import annotations

import pytest
from text_to_num import text2num

from claimcheck.numbers import find_numbers

PHRASES = [
    "vingt-trois", "quatre-vingt-dix-neuf", "soixante et onze", "septante-cinq", "nonante-deux",
    "deux cent deux mille", "cinquante et un million cinq cent soixante-dix-huit mille trois cent deux",
    "neuf mille neuf cent quatre-vingt-dix-neuf", "mille deux cents", "trois millions", "dix-sept",
    "quatre-vingt un", "cent six", "un milliard vingt-cinq millions", "douze mille quatre cent",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_french_words_agree_with_text2num(phrase: str) -> None:
    got = [m.value for m in find_numbers(phrase, "fr")]
    assert got == [float(text2num(phrase, "fr"))]


@pytest.mark.parametrize("phrase,value", [
    ("twenty-one thousand three hundred", 21300), ("eleven thousand", 11000), ("ninety-nine", 99),
])
def test_english_words_agree_with_text2num(phrase: str, value: int) -> None:
    assert text2num(phrase, "en") == value
    assert [m.value for m in find_numbers(phrase, "en")] == [value]
