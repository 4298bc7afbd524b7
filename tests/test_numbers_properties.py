"""Property tests for find_numbers and build_claims: any text, no crash, offsets that slice."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.claims import build_claims
from claimcheck.models import Article
from claimcheck.numbers import find_numbers
from claimcheck.registry import default_registry

REG = default_registry()

# text made of the pieces numbers are written with, mixed with arbitrary unicode
PIECES = st.sampled_from([
    "plus de ", "au moins ", "jusqu'à ", "environ ", "près de ", "entre ", " et ", " à ", "des centaines de ",
    "more than ", "at least ", "up to ", "about ", "nearly ", "between ", " and ", " to ", "hundreds of ",
    "1 000", "7.000", "4,8", "1,5 million", "$61bn", "10k", "12 000+", "XNUMX", "40 %", "un tiers", "a third",
    "vingt-trois", "quatre-vingt-dix", "two thousand", "a dozen", "une dizaine", "-", "–", "«", "»", "\u00a0",
    "\u202f", " soldats", " people", " de ", " of ", "le 6 août", "17h39", "AK-12", "1er", "\n", ". ", "0",
    "9", ",", ".", " ",
])
TEXT = st.one_of(st.text(max_size=200), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["fr", "en"]))
def test_numbers_never_crash_and_slice(text: str, lang: str) -> None:
    for m in find_numbers(text, lang, REG):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.surface
        if m.low is not None and m.high is not None:
            assert m.low <= m.high


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["fr", "en"]))
def test_claims_never_crash_and_hold_their_interval(text: str, lang: str) -> None:
    claims = build_claims(Article(id="p", text=text, lang=lang), REG)
    for c in claims:
        assert text[c.start:c.end] == c.surface
        if c.value is not None:
            if c.low is not None:
                assert c.low <= c.value
            if c.high is not None:
                assert c.value <= c.high
        elif c.low is not None and c.high is not None:
            assert c.low <= c.high
        assert c.sentence_start <= c.start
    assert [(c.start, c.end) for c in claims] == sorted((c.start, c.end) for c in claims)


def test_hostile_inputs_are_read_in_one_pass() -> None:
    """Long runs that would make a backtracking grammar explode (no timing asserted, only results)."""
    assert find_numbers("plus de " * 20000 + "5 soldats", "fr", REG)[0].value == 5
    assert find_numbers("more than " * 20000 + "5 troops", "en", REG)[0].value == 5
    assert find_numbers("1" + " 000" * 5000, "fr", REG) == []  # too long for a float: not a figure
    digits = " ".join(["12", "3456", "7", "89"] * 5000)
    assert len(find_numbers(digits, "en", REG)) == 20000
    claims = build_claims(Article(id="h", text="« " * 20000 + "des centaines de soldats", lang="fr"), REG)
    assert [c.qualifier for c in claims] == ["vague"]
    assert find_numbers("/a1" * 20000, "fr", REG) == []
