"""End-to-end acceptance of the foundation: the seeds through extract and check, CLI and API."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS

CLAIM_FIELDS = {
    "article", "surface", "start", "end", "value", "low", "high", "qualifier", "measure", "unit",
    "subject", "kind", "attributed_to", "attributed_text", "negated", "event_date", "since",
    "published", "lang", "sentence", "flags",
}
ARTICLE_FIELDS = {"id", "path", "title", "url", "outlet", "lang", "published", "published_source", "sha256", "flags"}
FINDING_FIELDS = {"code", "rule", "severity", "kind", "subject", "message", "claims", "fingerprint", "article", "flag"}


def run(*args: str, input: bytes | None = None, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=cwd, input=input,
                          capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def jsonl_claims() -> list[dict]:
    r = run("extract", "seeds/", "--format", "jsonl")
    assert r.returncode == 0, r.stderr.decode()
    return [json.loads(line) for line in r.stdout.decode().splitlines()]


def test_extract_jsonl_has_every_contract_field_and_offsets_slice(jsonl_claims, seed_texts):
    assert jsonl_claims, "no claims extracted from the seeds"
    for c in jsonl_claims:
        assert CLAIM_FIELDS <= set(c), CLAIM_FIELDS - set(c)
        assert c["article"].startswith("seeds/")
        text = seed_texts[c["article"].split("/")[-1]]
        assert text[c["start"]:c["end"]] == c["surface"]
        if c["event_date"] is not None:
            assert set(c["event_date"]) == {"start", "end"}


@pytest.mark.parametrize("surface, low, high, qualifier", [
    ("plus de 10 000 soldats", 10000, None, "more_than"),
    ("plus de 7.000 XNUMX soldats nord-coréens", 7000, None, "more_than"),
    ("1 500 nouveaux soldats nord-coréens", 1500, 1500, "exact"),
    ("3 000 le nombre total", 3000, 3000, "exact"),
    ("jusqu’à 3 460 soldats", None, 3460, "up_to"),
])
def test_seed_headline_figures(jsonl_claims, seed_texts, surface, low, high, qualifier):
    hits = []
    for c in jsonl_claims:
        text = seed_texts[c["article"].split("/")[-1]]
        i = text.find(surface)
        if i >= 0 and c["start"] < i + len(surface) and i < c["end"] and not c["negated"]:
            hits.append(c)
    assert hits, f"{surface!r} not extracted"
    c = hits[0]
    assert (c["low"], c["high"], c["qualifier"]) == (low, high, qualifier)


def test_no_not_claim_is_extracted(jsonl_claims, seed_texts, seed_gold):
    for nc in seed_gold["not_claims"]:
        text = seed_texts[nc["doc"]]
        start = 0
        while (i := text.find(nc["surface"], start)) >= 0:
            j = i + len(nc["surface"])
            over = [c["surface"] for c in jsonl_claims if c["article"].endswith(nc["doc"])
                    and c["start"] < j and i < c["end"]]
            assert not over, f"not a claim ({nc['why']}): {nc['surface']!r} extracted as {over}"
            start = i + 1


def test_extract_json_shape():
    r = run("extract", "seeds/", "--format", "json")
    assert r.returncode == 0
    data = json.loads(r.stdout)
    assert set(data) == {"articles", "claims", "skipped"}
    assert len(data["articles"]) == 5
    for a in data["articles"]:
        assert ARTICLE_FIELDS <= set(a)
        assert "text" not in a


def test_check_json_contract_shape_and_headline_conflict():
    r = run("check", "seeds/", "--format", "json", "--fail-on", "never")
    assert r.returncode == 0, r.stderr.decode()
    data = json.loads(r.stdout)
    assert set(data) >= {"findings", "summary", "skipped"}
    s = data["summary"]
    assert s["articles"] == 5 and s["findings"] == len(data["findings"])
    assert sum(s["by_severity"].values()) == s["findings"]
    for f in data["findings"]:
        assert FINDING_FIELDS <= set(f)
    headline = [f for f in data["findings"] if f["kind"] in ("conflict", "part_of_whole")
                and any("7.000" in c["surface"] for c in f["claims"])
                and any("3 000" in c["surface"] for c in f["claims"])]
    assert headline, "the 7,000-near-the-border vs 3,000-in-Russia conflict is missing"
    f = headline[0]
    origins = {c["attributed_to"] for c in f["claims"]}
    assert {"ua.gur", "kr.nis"} <= origins


def test_rich_report_is_readable_and_names_the_conflict():
    r = run("check", "seeds/", "--format", "rich", "--width", "120", "--fail-on", "never")
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "5 articles" in out
    assert "7.000" in out and "3 000" in out
    assert "\x1b[" not in out  # no colour codes when piped


def test_exit_codes(tmp_path):
    assert run("check", "seeds/", "--format", "json", "--fail-on", "never").returncode == 0
    assert run("check", "seeds/", "--format", "json", "--fail-on", "info").returncode == 1
    # a skipped input and no finding at or above --fail-on: 3
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    r = run("check", str(SEEDS), str(tmp_path / "empty.txt"), "--format", "json", "--fail-on", "never")
    assert r.returncode == 3
    assert "empty.txt" in r.stderr.decode()
    assert json.loads(r.stdout)["skipped"][0]["path"].endswith("empty.txt")
    # usage errors: 2
    assert run("check", "seeds/", "--format", "nope").returncode == 2
    assert run("check", "seeds/", "--rules", str(tmp_path / "missing")).returncode == 2
    assert run("extract", "seeds/", "--format", "jsonl").returncode == 0


def test_stdin_and_python_api():
    r = run("extract", "-", "--format", "jsonl", "--lang", "en",
            input="More than 2,000 troops were sent, officials said.".encode())
    assert r.returncode == 0
    rows = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert rows and rows[0]["article"] == "-" and rows[0]["low"] == 2000

    import claimcheck

    claims = claimcheck.extract("Selon Séoul, plus de 10 000 soldats sont en Russie.", lang="fr")
    assert any(c.low == 10000 and c.qualifier == "more_than" for c in claims)
    nums = claimcheck.find_numbers("plus de 7.000 soldats et 4,8 millions", "fr")
    assert [n.value for n in nums] == [7000, 4800000]


def test_python_m_and_console_script_agree():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.decode().startswith("claimcheck ")


def test_claims_serialise_in_contract_field_order_however_they_were_built():
    import claimcheck
    from claimcheck.models import Claim

    claims = claimcheck.extract("Plus de 3 000 soldats ont été envoyés, selon Séoul.", lang="fr")
    assert claims
    for c in claims:
        dumped = c.model_dump(mode="json")
        assert list(dumped) == list(Claim.model_fields)
        assert c.model_dump_json() == Claim.model_validate(dumped).model_dump_json()


def test_an_overlong_sentence_is_kept_as_a_window_that_still_slices_to_the_text():
    import claimcheck

    text = "Selon le ministère, " + " ".join(f"plus de {n} 000 soldats" for n in range(10, 400)) + "."
    claims = claimcheck.extract(text, lang="fr")
    assert len(claims) > 300
    for c in claims:
        assert len(c.sentence) <= 1000
        assert text[c.sentence_start:c.sentence_start + len(c.sentence)] == c.sentence
        assert c.sentence_start <= c.start and c.end <= c.sentence_start + len(c.sentence)
    short = claimcheck.extract("Selon Séoul, plus de 3 000 soldats sont arrivés.", lang="fr")[0]
    assert short.sentence == "Selon Séoul, plus de 3 000 soldats sont arrivés."
