"""Property tests (hypothesis) across ingest, extract and check.

For any input: no crash; every offset slices the text to its surface; `low <= value <= high`
where set; the same input gives the same output. Texts are drawn from news fragments (figures,
hedges, sources, dates, odd spaces and punctuation) mixed with arbitrary characters, so that the
grammar's interesting paths are reached, not only noise. Example counts stay modest.
"""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.ingest import read_batch, read_bytes
from claimcheck.models import Article, Skipped

FRAGMENTS = [
    "plus de", "près de", "environ", "au moins", "jusqu'à", "more than", "about", "at least", "up to",
    "between", "entre", "et", "and", "à", "to", "-", "–", "des centaines de", "thousands of",
    "10 000", "10\u202f000", "10\u00a0000", "7.000", "12,000", "3,5", "1.5", "2 millions", "40 %", "15%",
    "1 200", "deux mille", "three hundred", "dozens", "une dizaine de",
    "soldats", "troops", "manifestants", "protesters", "morts", "dead", "personnes", "people", "euros", "$",
    "selon", "according to", "a déclaré", "said", "the ministry", "le ministère", "l'ONU", "Séoul",
    "le 12 mars 2024", "on March 12", "depuis le 6 août", "since Monday", "hier", "yesterday", "2024",
    "aucun soldat", "no troops", "nié", "denied", "AK-12", "+33 1 23 45 67 89", "n°5",
    ".", ",", ";", ":", "!", "?", "«", "»", "“", "”", "(", ")", "\n", "\n\n", " ", "  ", "\t", "\u00a0",
]
TEXT_CHARS = st.characters(blacklist_categories=("Cs",))
WORDS = st.one_of(st.sampled_from(FRAGMENTS), st.text(TEXT_CHARS, min_size=1, max_size=6))
NEWS = st.lists(WORDS, min_size=1, max_size=40).map(" ".join)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def claim_invariants(claims: list, text: str) -> None:
    for c in claims:
        assert text[c.start:c.end] == c.surface, (c.start, c.end, c.surface)
        assert 0 <= c.start < c.end <= len(text)
        if c.value is not None and c.low is not None:
            assert c.low <= c.value, c
        if c.value is not None and c.high is not None:
            assert c.value <= c.high, c
        if c.low is not None and c.high is not None:
            assert c.low <= c.high, c


def dump(items: list) -> list:
    return [x.model_dump(mode="json") for x in items]


# ---------------------------------------------------------------- ingest

@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", None]))
def test_ingest_never_raises_on_bytes(data, suffix):
    items = list(read_bytes("in", data, suffix, path="in"))
    assert items and all(isinstance(x, (Article, Skipped)) for x in items)
    for x in items:
        if isinstance(x, Article):
            assert x.text.strip() and x.lang
            x.text.encode("utf-8")  # writable
        else:
            assert x.reason and x.path.startswith("in")


RECORD_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                          st.text(TEXT_CHARS, max_size=20), st.lists(st.integers(), max_size=2))
RECORDS = st.one_of(
    st.fixed_dictionaries({"text": NEWS}, optional={"id": RECORD_VALUES, "published": RECORD_VALUES,
                                                     "lang": RECORD_VALUES, "title": RECORD_VALUES}),
    st.dictionaries(st.sampled_from(["id", "text", "html", "title", "lang", "published"]), RECORD_VALUES,
                    max_size=4),
    RECORD_VALUES,
)


@SETTINGS
@given(records=st.lists(RECORDS, min_size=1, max_size=6), garbage=st.booleans())
def test_jsonl_every_line_is_an_article_or_skipped(records, garbage):
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if garbage:
        lines.insert(len(lines) // 2, "{not json")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    items = list(read_bytes("in.jsonl", data, ".jsonl", path="in.jsonl"))
    assert len(items) == len(lines), "a line was lost or doubled"
    assert dump(items) == dump(list(read_bytes("in.jsonl", data, ".jsonl", path="in.jsonl")))
    if isinstance(records[0], dict) and len(records) > 1:  # standard input sniffs JSONL the same way
        arts, skipped = read_batch(["-"], stdin=io.BytesIO(data))
        assert len(arts) + len(skipped) == len(lines)


@SETTINGS
@given(body=NEWS, encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1252"]))
def test_decoded_text_round_trips(body, encoding):
    try:
        data = body.encode(encoding)
    except UnicodeEncodeError:
        data = body.encode("utf-8")
        encoding = "utf-8"
    items = list(read_bytes("in.txt", data, ".txt", path="in.txt"))
    arts = [x for x in items if isinstance(x, Article)]
    if arts and encoding != "cp1252":  # a guessed code page may differ on a few symbols; BOMs and UTF-8 may not
        assert arts[0].text == body


# ---------------------------------------------------------------- extract

@SETTINGS
@given(text=NEWS, lang=st.sampled_from(["fr", "en"]))
def test_extract_invariants_and_determinism(text, lang):
    claims = claimcheck.extract(text, lang=lang, published="2024-03-15")
    claim_invariants(claims, text)
    assert dump(claims) == dump(claimcheck.extract(text, lang=lang, published="2024-03-15"))


@SETTINGS
@given(text=NEWS, lang=st.sampled_from(["fr", "en"]))
def test_find_numbers_offsets(text, lang):
    found = claimcheck.find_numbers(text, lang)
    for m in found:
        assert text[m.start:m.end] == m.surface
    starts = [m.start for m in found]
    assert starts == sorted(starts), "find_numbers returns numbers in text order"


# ---------------------------------------------------------------- check

@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(NEWS, min_size=1, max_size=4))
def test_check_invariants_and_determinism(texts):
    def batch() -> list[Article]:
        return [Article(id=f"a{i}", text=t, lang="fr" if i % 2 else "en", published=f"2024-03-1{i}",
                        published_source="record") for i, t in enumerate(texts)]

    report = claimcheck.check(batch())
    by_id = {f"a{i}": t for i, t in enumerate(texts)}
    for f in report.findings:
        for c in f.claims:
            assert by_id[c.article][c.start:c.end] == c.surface
        claim_invariants(f.claims, by_id[f.claims[0].article]) if len({c.article for c in f.claims}) == 1 else None
    assert report.model_dump_json() == claimcheck.check(batch()).model_dump_json()
