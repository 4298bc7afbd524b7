"""Hostile rule and config files stop the run with exit 2, their path and key on stderr, and run nothing.

Each case writes one bad file into an otherwise empty `--rules` folder (or a claimcheck.toml /
pyproject.toml in the working folder) and runs the real CLI in a subprocess:
`claimcheck check seeds/ --rules DIR` and `claimcheck rules list --rules DIR`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from claimcheck import safeyaml
from claimcheck.registry import load_registry
from claimcheck.safeyaml import ConfigError

MARKER = "CLAIMCHECK_PWNED"

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

RULE = ("code: {code}\nname: hostile-case\nseverity: {severity}\ncheck: conflict\n"
        "message: \"{{subject}}: {{first}} and {{second}} disagree.\"\n"
        "description: A rule file written by the hostile-input tests.\n")


def _huge_rule() -> str:
    return "code: CC900\nname: huge\nnotes:\n" + "".join(f"  - filler line {i:07d} {'x' * 40}\n"
                                                         for i in range(50_000))


# name -> (relative path in the rules folder, content as text or a maker, words stderr must contain)
RULE_CASES: dict[str, tuple[str, object, tuple[str, ...]]] = {
    "python_tag": ("checks/evil.yaml",
                   f'code: !!python/object/apply:os.system ["touch {MARKER}"]\nname: evil\n',
                   ("evil.yaml", "code", "tag")),
    "python_tag_nested": ("subjects/evil.yaml",
                          f'subjects:\n  - key: x.y\n    words: !!python/object/apply:subprocess.call '
                          f'[["touch", "{MARKER}"]]\n',
                          ("evil.yaml", "subjects[0].words", "tag")),
    "custom_tag": ("sources/tagged.yaml", "sources:\n  - key: !include other.yaml\n",
                   ("tagged.yaml", "sources[0].key", "tag")),
    "alias_bomb": ("lang/fr/hedges.yaml", BILLION_LAUGHS, ("hedges.yaml", "a", "anchor")),
    "huge_file": ("checks/huge.yaml", _huge_rule, ("huge.yaml", "too large")),
    "duplicate_key": ("sources/dup.yaml", "sources:\n  - key: a.b\n    key: a.c\n",
                      ("dup.yaml", "sources[0].key", "duplicate")),
    "deep_nesting": ("lang/en/numbers.yaml", "words: " + "[" * 5000 + "]" * 5000 + "\n",
                     ("numbers.yaml", "words", "nested")),
    "not_utf8": ("checks/latin1.yaml", "name: \u00e9t\u00e9\n".encode("latin-1"), ("latin1.yaml", "UTF-8")),
    "invalid_yaml": ("subjects/broken.yaml", "subjects: [\n  - key: a\n", ("broken.yaml", "line")),
    "vocab_wrong_type": ("lang/fr/detect.yaml", "stopwords: 5\n", ("detect.yaml", "stopwords", "list")),
    "subject_wrong_type": ("subjects/bad.yaml", "subjects: 5\n", ("bad.yaml", "subjects")),
    "subject_unknown_key": ("subjects/extra.yaml", "subjects:\n  - key: a.b\n    colour: red\n",
                            ("extra.yaml", "colour")),
    "subject_bad_kind": ("subjects/kind.yaml", "subjects:\n  - key: a.b\n    kind: forever\n",
                         ("kind.yaml", "kind")),
    "source_unknown_key": ("sources/extra.yaml", "sources:\n  - key: x.y\n    colour: red\n",
                           ("extra.yaml", "colour")),
    "source_wrong_type": ("sources/names.yaml", "sources:\n  - key: x.y\n    names: just a string\n",
                          ("names.yaml", "names")),
    "rule_unknown_key": ("checks/CC901.yaml", RULE.format(code="CC901", severity="warning") + "colour: red\n",
                         ("CC901.yaml", "colour")),
    "rule_wrong_type": ("checks/CC902.yaml", RULE.format(code="CC902", severity="[1, 2]"),
                        ("CC902.yaml", "severity")),
    "rule_bad_param": ("checks/CC904.yaml",
                       RULE.format(code="CC904", severity="warning") + "params:\n  window_days: soon\n",
                       ("CC904.yaml", "window_days")),
    "rule_not_a_mapping": ("checks/CC903.yaml", "- code: CC903\n- name: list\n", ("CC903.yaml",)),
}

# claimcheck.toml / pyproject.toml contents -> words stderr must contain
CONFIG_CASES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "toml_unknown_key": ("claimcheck.toml", 'colour = "red"\n', ("claimcheck.toml", "colour")),
    "toml_wrong_type": ("claimcheck.toml", 'fail_on = 3\n', ("claimcheck.toml", "fail_on")),
    "toml_bad_level": ("claimcheck.toml", 'fail-on = "panic"\n', ("claimcheck.toml", "fail_on")),
    "toml_rules_not_list": ("claimcheck.toml", 'rules = 5\n', ("claimcheck.toml", "rules")),
    "toml_params_wrong": ("claimcheck.toml", 'params = "all"\n', ("claimcheck.toml", "params")),
    "toml_invalid": ("claimcheck.toml", 'rules = [\n', ("claimcheck.toml", "TOML")),
    "pyproject_unknown_key": ("pyproject.toml", '[tool.claimcheck]\nselect = ["CC001"]\nbogus = 1\n',
                              ("pyproject.toml", "tool.claimcheck.bogus")),
    "pyproject_wrong_type": ("pyproject.toml", '[tool.claimcheck]\nignore = "CC009"\n',
                             ("pyproject.toml", "tool.claimcheck.ignore")),
    "pyproject_not_table": ("pyproject.toml", '[tool]\nclaimcheck = 3\n', ("pyproject.toml", "tool.claimcheck")),
    "config_points_to_hostile_rules": ("claimcheck.toml", 'rules = ["hostile"]\n', ("evil.yaml", "code", "tag")),
}

# hostile cases that are not (yet) stopped cleanly, with the module that must stop them
PENDING: dict[str, str] = {}


def run_cli(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=cwd, capture_output=True,
                          timeout=timeout, env=env)


def write_case(root: Path, rel: str, content: object) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content() if callable(content) else content
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(str(data), encoding="utf-8")
    return path


def assert_stopped(res: subprocess.CompletedProcess, words: tuple[str, ...], cwd: Path) -> None:
    err = res.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert res.returncode == 2, (res.returncode, err[-3000:])
    lines = [ln for ln in err.splitlines() if ln.startswith("claimcheck: error: ")]
    assert lines, err
    for w in words:
        assert w in lines[0], (w, lines[0])
    assert not list(cwd.rglob(MARKER)), "the hostile file ran a command"
    assert res.stdout == b"", "a stopped run must print nothing on standard output"


def _params(cases: dict) -> list:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=False, reason=PENDING[name]))
            if name in PENDING else name for name in sorted(cases)]


@pytest.mark.parametrize("command", ["check", "rules"])
@pytest.mark.parametrize("name", _params(RULE_CASES))
def test_hostile_rules_folder_stops_the_run(tmp_path, name, command):
    rel, content, words = RULE_CASES[name]
    rules = tmp_path / "hostile"
    write_case(rules, rel, content)
    args = ["check", str(SEEDS), "--rules", "hostile", "--format", "json"] if command == "check" \
        else ["rules", "--rules", "hostile", "list"]
    assert_stopped(run_cli(args, tmp_path), words, tmp_path)


@pytest.mark.parametrize("name", _params(CONFIG_CASES))
def test_hostile_config_stops_the_run(tmp_path, name):
    fname, content, words = CONFIG_CASES[name]
    (tmp_path / fname).write_text(content, encoding="utf-8")
    write_case(tmp_path / "hostile", *RULE_CASES["python_tag"][:2])
    assert_stopped(run_cli(["check", str(SEEDS), "--format", "json"], tmp_path), words, tmp_path)


def test_extract_also_stops_on_hostile_rules(tmp_path):
    write_case(tmp_path / "hostile", *RULE_CASES["alias_bomb"][:2])
    res = run_cli(["extract", str(SEEDS), "--rules", "hostile"], tmp_path)
    assert_stopped(res, ("hedges.yaml", "anchor"), tmp_path)


def test_missing_rules_folder_is_a_usage_error(tmp_path):
    assert_stopped(run_cli(["check", str(SEEDS), "--rules", "nowhere", "--format", "json"], tmp_path),
                   ("nowhere", "not found"), tmp_path)


# ---------------------------------------------------------------- the loader itself

@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['true']",
    "a: !!python/name:os.system",
    "a: !!binary aGVsbG8=",
    "a: !!set {x, y}",
    "a: !custom 1",
    "a: !!str plain",
    "a: &x 1\nb: *x",
    "a: 1\na: 2",
    "? [a]\n: 1",
    "a: 1\n---\nb: 2",
])
def test_strict_loader_refuses(text):
    with pytest.raises(ConfigError) as exc:
        safeyaml.loads(text, "case.yaml")
    assert exc.value.path == "case.yaml"
    assert "line" in exc.value.message


def test_strict_loader_names_the_key_path():
    with pytest.raises(ConfigError) as exc:
        safeyaml.loads("sources:\n  - key: a\n    names:\n      fr: [x, !bad y]\n", "s.yaml")
    assert exc.value.key == "sources[0].names.fr[1]"
    assert str(exc.value).startswith("s.yaml: sources[0].names.fr[1]: refused: tags")


def test_strict_loader_reads_plain_data():
    doc = safeyaml.loads("\ufeffa: 1\nb: [x, 'y', 2.5, true, null]\nc: {d: 2024-08-18}\n")
    assert doc["a"] == 1 and doc["b"] == ["x", "y", 2.5, True, None] and str(doc["c"]["d"]) == "2024-08-18"


def test_size_limit_is_checked_before_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * (safeyaml.MAX_BYTES + 10), encoding="utf-8")
    with pytest.raises(ConfigError, match="too large"):
        safeyaml.load(path)


def test_vocabulary_of_another_shape_is_refused(tmp_path):
    write_case(tmp_path, "lang/fr/detect.yaml", "stopwords: {le: 1}\n")
    with pytest.raises(ConfigError) as exc:
        load_registry([tmp_path])
    assert exc.value.key == "stopwords" and exc.value.path.endswith("detect.yaml")


def test_vocabulary_extension_appends(tmp_path):
    write_case(tmp_path, "lang/fr/detect.yaml", "stopwords: [zzmot]\n")
    reg = load_registry([tmp_path])
    words = reg.lexicon("fr", "detect")["stopwords"]
    assert words[-1] == "zzmot" and "selon" in words
