"""Project configuration: `[tool.claimcheck]` in pyproject.toml or claimcheck.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.config import Config, load_config
from claimcheck.safeyaml import ConfigError


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return p


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    cfg, path = load_config(cwd=tmp_path)
    assert path is None and cfg == Config()


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", """
[project]
name = "x"

[tool.claimcheck]
select = ["CC0"]
ignore = ["cc009"]
fail-on = "warning"

[tool.claimcheck.params.CC001]
window_days = 3
""")
    cfg, path = load_config(cwd=tmp_path)
    assert path == tmp_path / "pyproject.toml"
    assert cfg.select == ["CC0"] and cfg.ignore == ["CC009"] and cfg.fail_on == "warning"
    assert cfg.params == {"CC001": {"window_days": 3}}


def test_pyproject_without_the_table_is_no_config(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_config(cwd=tmp_path)[1] is None


def test_claimcheck_toml_wins_and_may_omit_the_table(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.claimcheck]\nselect = ['CC001']\n")
    write(tmp_path, "claimcheck.toml", "select = ['CC004']\n[params.CC004]\ntolerance = 0.05\n")
    cfg, path = load_config(cwd=tmp_path)
    assert path == tmp_path / "claimcheck.toml" and cfg.select == ["CC004"]


def test_rules_folders_are_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "my_rules").mkdir()
    write(tmp_path, "claimcheck.toml", "rules = ['my_rules']\n")
    cfg, _ = load_config(cwd=tmp_path)
    assert cfg.rules == [str((tmp_path / "my_rules").resolve())]


@pytest.mark.parametrize("text, key", [
    ("colour = 'red'\n", "colour"),
    ("fail_on = 'sometimes'\n", "fail_on"),
    ("select = ['CC-1']\n", "select"),
    ("[params.window]\nx = 1\n", "params"),
    ("[params.CC001]\nwindow = 3\n", "params.CC001.window"),
    ("[params.CC001]\nwindow_days = 'a week'\n", "params.CC001.window_days"),
    ("[params.CC013]\nscope = 'paragraph'\n", "params.CC013.scope"),
])
def test_an_invalid_config_names_its_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, "claimcheck.toml", text)
    with pytest.raises(ConfigError) as exc:
        load_config(cwd=tmp_path)
    assert exc.value.path == str(path)
    assert exc.value.key is not None and exc.value.key.startswith(key)


def test_pyproject_keys_are_named_in_full(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.claimcheck.params.CC001]\nwindow = 3\n")
    with pytest.raises(ConfigError) as exc:
        load_config(cwd=tmp_path)
    assert exc.value.key == "tool.claimcheck.params.CC001.window"


def test_broken_toml_and_a_missing_explicit_file(tmp_path: Path) -> None:
    write(tmp_path, "claimcheck.toml", "select = [\n")
    with pytest.raises(ConfigError):
        load_config(cwd=tmp_path)
    with pytest.raises(ConfigError):
        load_config(str(tmp_path / "nope.toml"))


def test_a_code_for_a_rule_from_a_rules_option_is_left_to_the_run(tmp_path: Path) -> None:
    write(tmp_path, "claimcheck.toml", "[params.CC950]\nwindow_days = 3\n")
    cfg, _ = load_config(cwd=tmp_path)
    assert cfg.params == {"CC950": {"window_days": 3}}
