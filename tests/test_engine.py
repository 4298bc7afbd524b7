"""The rules engine: rule-file validation, selection, determinism, fingerprints, ordering, scale."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from claimcheck.engine import choose, explain_rule_text, list_rules_text, load_rules, parse_rule, run_rules
from claimcheck.models import Article, Claim, EventDate
from claimcheck.registry import load_registry
from claimcheck.safeyaml import ConfigError

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "rules" / "checks"

GOOD = {
    "code": "CC901", "name": "test-conflict", "severity": "error", "check": "conflict",
    "message": "{subject}: {first} and {second}{more}.", "params": {"window_days": 3},
    "description": "A test rule.",
}


def builtin():
    return load_rules(load_registry([RULES_DIR], include_builtin=False))


def write_rule(tmp: Path, doc: dict, name: str = "rule.yaml") -> Path:
    (tmp / "checks").mkdir(exist_ok=True)
    path = tmp / "checks" / name
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------- validation

@pytest.mark.parametrize("change, key", [
    ({"colour": "red"}, "colour"),
    ({"check": "regex"}, "check"),
    ({"severity": "fatal"}, "severity"),
    ({"code": "X1"}, "code"),
    ({"params": {"window_days": "a week"}}, "params.window_days"),
    ({"params": {"python": "__import__('os')"}}, "params.python"),
    ({"message": "{subject.__class__}"}, "message"),
    ({"message": "{first} {nonsense}"}, "message"),
    ({"messages": {"shouting": "{first}"}}, "messages.shouting"),
])
def test_an_invalid_rule_file_names_its_path_and_key(tmp_path: Path, change: dict, key: str) -> None:
    path = write_rule(tmp_path, {**GOOD, **change})
    with pytest.raises(ConfigError) as exc:
        load_rules(load_registry([tmp_path], include_builtin=False))
    assert exc.value.path == str(path)
    assert exc.value.key is not None and exc.value.key.startswith(key)


def test_a_rule_file_must_be_a_mapping() -> None:
    with pytest.raises(ConfigError):
        parse_rule("x.yaml", ["code", "CC001"])


def test_two_rules_with_one_code_in_one_folder_are_refused(tmp_path: Path) -> None:
    write_rule(tmp_path, GOOD, "a.yaml")
    write_rule(tmp_path, GOOD, "b.yaml")
    with pytest.raises(ConfigError) as exc:
        load_rules(load_registry([tmp_path], include_builtin=False))
    assert exc.value.key == "code"


def test_a_user_folder_adds_rules_and_replaces_a_builtin_one(tmp_path: Path) -> None:
    write_rule(tmp_path, GOOD, "new.yaml")
    write_rule(tmp_path, {**GOOD, "code": "CC001", "name": "stricter-conflict", "params": {"window_days": 1}},
               "override.yaml")
    rules = {r.code: r for r in load_rules(load_registry([RULES_DIR, tmp_path], include_builtin=False))}
    assert "CC901" in rules
    assert rules["CC001"].spec.name == "stricter-conflict" and rules["CC001"].params.window_days == 1
    assert "CC901 " in list_rules_text([tmp_path]) and "stricter-conflict" in list_rules_text([tmp_path])


def test_params_from_config_override_and_are_validated() -> None:
    reg = load_registry([RULES_DIR], include_builtin=False)
    rules = {r.code: r for r in load_rules(reg, {"CC001": {"window_days": 30}})}
    assert rules["CC001"].params.window_days == 30
    with pytest.raises(ConfigError) as exc:
        load_rules(reg, {"CC001": {"window": 30}})
    assert exc.value.key == "params.CC001.window"
    with pytest.raises(ConfigError) as exc:
        load_rules(reg, {"CC999": {"window_days": 30}})
    assert exc.value.key == "params.CC999"


def test_every_builtin_rule_loads_and_is_explained() -> None:
    rules = builtin()
    assert len(rules) >= 13
    codes = [r.code for r in rules]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    text = list_rules_text([RULES_DIR], include_builtin=False)
    for r in rules:
        assert r.code in text
        assert r.spec.description.split()[0] in explain_rule_text(r.code.lower(), [RULES_DIR], include_builtin=False)
    with pytest.raises(KeyError):
        explain_rule_text("CC999", [RULES_DIR], include_builtin=False)


# ---------------------------------------------------------------------------------------- selection

def test_select_and_ignore_match_code_prefixes_like_ruff() -> None:
    rules = builtin()
    codes = lambda sel, ign: [r.code for r in choose(rules, sel, ign)]  # noqa: E731
    assert codes(["CC00"], None) == [f"CC00{i}" for i in range(1, 10)]
    assert codes(["CC001", "cc013"], None) == ["CC001", "CC013"]
    assert "CC009" not in codes(None, ["CC009"]) and "CC001" in codes(None, ["CC009"])
    assert codes(["CC0"], ["CC01"]) == [f"CC00{i}" for i in range(1, 10)]
    with pytest.raises(ConfigError):
        choose(rules, ["XX1"], None)


# ---------------------------------------------------------------------------------------- batches

def _claim(i: int, article: str, value: float, origin: str | None, day: int, subject: str = "t.level",
           qualifier: str = "exact") -> Claim:
    lo, hi = (value, None) if qualifier == "more_than" else (value, value)
    d = f"2024-10-{day:02d}"
    return Claim(article=article, surface=f"{int(value)} soldiers", start=10 * i, end=10 * i + 12, value=value,
                 low=lo, high=hi, qualifier=qualifier, subject=subject, kind="stock", attributed_to=origin,
                 event_date=EventDate(start=d, end=d))


def batch() -> tuple[list[Article], list[Claim]]:
    arts = [Article(id=f"art{i}.txt", text=f"article number {i}") for i in range(6)]
    claims = [
        _claim(0, "art0.txt", 3000, "src.a", 1), _claim(1, "art1.txt", 10000, "src.b", 2),
        _claim(2, "art2.txt", 10000, "src.b", 2), _claim(3, "art3.txt", 5000, None, 3),
        _claim(4, "art4.txt", 20000, "src.a", 28), _claim(5, "art5.txt", 7000, "src.c", 1, "t.level.part"),
        _claim(6, "art5.txt", 12000, "src.c", 25, qualifier="more_than"),
    ]
    return arts, claims


def dump(findings) -> str:
    return json.dumps([json.loads(f.model_dump_json()) for f in findings], ensure_ascii=False, sort_keys=True)


def test_same_batch_same_bytes_whatever_the_order() -> None:
    arts, claims = batch()
    reg = load_registry([RULES_DIR], include_builtin=False)
    first = dump(run_rules(arts, claims, reg))
    rnd = random.Random(4)
    for _ in range(5):
        a, c = arts[:], [x.model_copy() for x in claims]
        rnd.shuffle(a)
        rnd.shuffle(c)
        assert dump(run_rules(a, c, reg)) == first
    assert json.loads(first), "the batch should give findings"


def test_findings_are_sorted_by_severity_subject_fingerprint() -> None:
    arts, claims = batch()
    found = run_rules(arts, claims, load_registry([RULES_DIR], include_builtin=False))
    order = {"error": 0, "warning": 1, "info": 2}
    keys = [(order[f.severity], f.subject or "", f.fingerprint) for f in found]
    assert keys == sorted(keys)


def test_fingerprints_ignore_ids_and_unrelated_articles_but_follow_the_text() -> None:
    arts, claims = batch()
    reg = load_registry([RULES_DIR], include_builtin=False)
    base = {f.code + (f.subject or ""): f.fingerprint for f in run_rules(arts, claims, reg)}
    # the same articles under other ids (another folder, renamed files)
    rename = {a.id: "copy/" + a.id for a in arts}
    arts2 = [a.model_copy(update={"id": rename[a.id]}) for a in arts]
    claims2 = [c.model_copy(update={"article": rename[c.article]}) for c in claims]
    # plus an unrelated article and claim on another subject
    arts2.append(Article(id="other.txt", text="something else"))
    claims2.append(_claim(9, "other.txt", 4, "src.z", 5, "other.subject"))
    again = {f.code + (f.subject or ""): f.fingerprint for f in run_rules(arts2, claims2, reg)}
    assert all(again[k] == v for k, v in base.items())
    # an edited article text changes the fingerprints of the findings on its figures
    arts3 = [a.model_copy(update={"text": a.text + " (corrected)", "sha256": ""}) if a.id == "art0.txt" else a
             for a in arts]
    arts3 = [Article(id=a.id, text=a.text) for a in arts3]
    changed = {f.code + (f.subject or ""): f.fingerprint for f in run_rules(arts3, claims, reg)}
    assert changed != base


def test_echoes_are_listed_together_and_an_unknown_origin_stands_alone() -> None:
    arts, claims = batch()
    found = run_rules(arts, claims, load_registry([RULES_DIR], include_builtin=False), select=["CC001"])
    same = [f for f in found if f.subject == "t.level" and f.severity == "error"]
    assert same, [f.message for f in found]
    listed = {c.article for f in same for c in f.claims}
    assert {"art1.txt", "art2.txt"} <= listed  # the echo of 10 000 in both articles
    assert all(len({c.article for c in f.claims}) >= 2 for f in same)


def test_a_dense_batch_stays_linear_in_findings() -> None:
    """Every figure clashing with every other gives at most a few findings per figure, not pairs."""
    arts = [Article(id=f"a{i}", text=str(i)) for i in range(400)]
    claims = [_claim(i, f"a{i}", 1000 + 37 * i, f"src.{i}", 1 + i % 3) for i in range(400)]
    found = run_rules(arts, claims, load_registry([RULES_DIR], include_builtin=False), select=["CC001"])
    assert 0 < len(found) <= 400
    assert sum(len(f.claims) for f in found) <= 2 * 400
