"""Reading rule case files (tests/rule_cases/*.yaml): structured claims in, expected findings out.

A case file tests one rule:

    rule: CC001
    subjects: {parties: [...], subjects: [...]}   # optional: a subjects/*.yaml document
    sources: {sources: [...]}                     # optional: a sources/*.yaml document
    claims: [...]                                  # optional: claims every case starts from
    cases:
      - name: what the case shows
        articles: [{id: a1, flags: [undated]}]     # optional; default: one per claim article
        claims:
          - {value: 3000, subject: x.y, attributed_to: kr.nis, event_date: 2024-10-01}
        expect:                                    # [] for a passing case
          - {kind: conflict, claims: [0, 1], severity: error, message_has: ["3000"]}

Claims take the contract's fields with defaults that keep cases short: article `a1`, qualifier
`exact`, measure `count`, `low`/`high` from the qualifier and value as the gold conventions say,
a surface and offsets made up from the position, `event_date` as `YYYY-MM-DD`, a month, `A/B`, or
null. The runner writes `subjects` and `sources` into a temporary rules folder, loads it without the
built-in folder (so cases never depend on the project's taxonomy), and runs only the case's rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from claimcheck.models import Article, Claim, EventDate

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "rule_cases"
RULES_DIR = ROOT / "rules" / "checks"


def interval(q: str, v: float | None) -> tuple[float | None, float | None]:
    """The gold conventions: the interval the words allow for a value and a hedge."""
    if v is None:
        return None, None
    return {
        "exact": (v, v), "more_than": (v, None), "at_least": (v, None), "up_to": (None, v),
        "at_most": (None, v), "approx": (0.9 * v, 1.1 * v),
    }.get(q, (v, v))


def event_date(ev: Any) -> EventDate | None:
    if ev is None:
        return None
    if isinstance(ev, dict):
        return EventDate(start=_s(ev.get("start")), end=_s(ev.get("end")))
    a, _, b = str(ev).partition("/")
    return EventDate(start=a, end=b or a)


def _s(x: Any) -> str | None:
    return None if x is None else str(x)


def make_claim(i: int, raw: dict[str, Any]) -> Claim:
    d = dict(raw)
    q = d.setdefault("qualifier", "exact")
    v = d.get("value")
    lo, hi = interval(q, v)
    d.setdefault("low", lo)
    d.setdefault("high", hi)
    d.setdefault("value", None)
    d.setdefault("article", "a1")
    surface = d.setdefault("surface", f"claim {i}: {v if v is not None else 'vague'}")
    d.setdefault("start", 100 * i)
    d.setdefault("end", d["start"] + len(surface))
    d["event_date"] = event_date(d.get("event_date"))
    if d.get("since") is not None:
        d["since"] = str(d["since"])
    return Claim.model_validate(d)


def make_articles(case: dict[str, Any], claims: list[Claim]) -> list[Article]:
    given = {a["id"]: a for a in case.get("articles", [])}
    ids = sorted(set(given) | {c.article for c in claims})
    out = []
    for aid in ids:
        meta = dict(given.get(aid, {}))
        meta.setdefault("text", f"text of {aid}")
        out.append(Article.model_validate({"id": aid, **meta}))
    return out


def load_case_files() -> list[tuple[Path, dict[str, Any]]]:
    return [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(CASES_DIR.glob("*.yaml"))]


def write_rules_folder(doc: dict[str, Any], tmp: Path) -> Path:
    """A rules folder holding only the case file's own subjects and sources."""
    (tmp / "subjects").mkdir(parents=True, exist_ok=True)
    (tmp / "sources").mkdir(parents=True, exist_ok=True)
    if doc.get("subjects"):
        (tmp / "subjects" / "case.yaml").write_text(yaml.safe_dump(doc["subjects"], allow_unicode=True),
                                                    encoding="utf-8")
    if doc.get("sources"):
        (tmp / "sources" / "case.yaml").write_text(yaml.safe_dump(doc["sources"], allow_unicode=True),
                                                   encoding="utf-8")
    return tmp


# ---------------------------------------------------------------------------------------- the tests

import pytest  # noqa: E402

from claimcheck.engine import explain_rule_text, load_rules, run_rules  # noqa: E402
from claimcheck.registry import load_registry  # noqa: E402

CASE_FILES = load_case_files()


def _builtin_rules():
    return {r.code: r for r in load_rules(load_registry([RULES_DIR], include_builtin=False))}


BUILTIN = _builtin_rules()


def _case_params() -> list[Any]:
    out = []
    for path, doc in CASE_FILES:
        for case in doc["cases"]:
            out.append(pytest.param(path, doc, case, id=f"{doc['rule']}: {case['name']}"))
    return out


def _expected_key(e: dict[str, Any]) -> tuple:
    return (e["kind"], tuple(sorted(e.get("claims", []))), e.get("flag"), e.get("article"))


@pytest.mark.parametrize("path, doc, case", _case_params())
def test_rule_case(path: Path, doc: dict[str, Any], case: dict[str, Any], tmp_path: Path) -> None:
    """Each named case gives exactly the expected findings, no more, no fewer."""
    rule = BUILTIN[doc["rule"]]
    reg = load_registry([write_rules_folder(doc, tmp_path)], include_builtin=False)
    raw = list(doc.get("claims", [])) + list(case.get("claims", []))
    claims = [make_claim(i, c) for i, c in enumerate(raw)]
    index = {c.key(): i for i, c in enumerate(claims)}
    findings = run_rules(make_articles(case, claims), claims, reg, rules=[rule])
    got = sorted((f.kind, tuple(sorted(index[c.key()] for c in f.claims)), f.flag, f.article) for f in findings)
    want = sorted(_expected_key(e) for e in case["expect"])
    assert got == want, "\n".join(f.message for f in findings)
    for e in case["expect"]:
        f = next(f for f in findings
                 if (f.kind, tuple(sorted(index[c.key()] for c in f.claims)), f.flag, f.article) == _expected_key(e))
        assert f.code == doc["rule"]
        if "severity" in e:
            assert f.severity == e["severity"], f.message
        if "subject" in e:
            assert f.subject == e["subject"], f.message
        for part in e.get("message_has", []):
            assert part in f.message, f.message
        assert f.fingerprint and len(f.fingerprint) == 16


def test_every_rule_has_a_case_file_with_passing_and_failing_cases() -> None:
    by_rule = {doc["rule"]: doc for _, doc in CASE_FILES}
    assert sorted(by_rule) == sorted(BUILTIN), "one case file per rule"
    assert len(by_rule) == len(CASE_FILES), "no rule has two case files"
    for code, doc in by_rule.items():
        kinds = {bool(c["expect"]) for c in doc["cases"]}
        assert kinds == {True, False}, f"{code} needs both a passing (expect: []) and a failing case"
        names = [c["name"] for c in doc["cases"]]
        assert len(names) == len(set(names)), f"{code}: case names must be unique"


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_every_rule_is_documented_by_rules_explain(code: str) -> None:
    text = explain_rule_text(code, [RULES_DIR], include_builtin=False)
    rule = BUILTIN[code]
    assert text.startswith(f"{code} {rule.spec.name}")
    first = rule.spec.description.strip().splitlines()[0]
    assert first in text
    assert "parameters:" in text and "message:" in text
