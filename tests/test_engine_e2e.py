"""End to end: `claimcheck check --format json` is byte-identical twice and in another directory."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(cwd: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcheck", "check", "seeds/", "--format", "json",
                           "--fail-on", "never", *extra], cwd=cwd, capture_output=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)


def test_check_json_is_byte_identical_twice_and_elsewhere(tmp_path: Path) -> None:
    first = run_check(ROOT)
    assert first.returncode == 0, first.stderr.decode()[-2000:]
    assert run_check(ROOT).stdout == first.stdout
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    assert run_check(tmp_path).stdout == first.stdout
    report = json.loads(first.stdout)
    fps = [f["fingerprint"] for f in report["findings"]]
    assert len(fps) == len(set(fps))


def test_select_on_the_command_line_keeps_only_those_rules() -> None:
    out = run_check(ROOT, "--select", "CC00", "--ignore", "CC009")
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    codes = {f["code"] for f in json.loads(out.stdout)["findings"]}
    assert codes and all(c.startswith("CC00") and c != "CC009" for c in codes)


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)


def test_rules_list_and_explain_on_the_command_line(tmp_path: Path) -> None:
    listed = cli("rules", "list")
    assert listed.returncode == 0 and "CC001" in listed.stdout and "figure-conflict" in listed.stdout
    explained = cli("rules", "explain", "CC004")
    assert explained.returncode == 0 and explained.stdout.startswith("CC004 running-total-falls")
    assert cli("rules", "explain", "CC999").returncode == 2
    bad = tmp_path / "checks"
    bad.mkdir()
    (bad / "mine.yaml").write_text("code: CC950\nname: mine\nseverity: error\ncheck: conflict\n"
                                   "message: '{first}'\ndescription: d\nparams: {window: 3}\n", encoding="utf-8")
    out = cli("rules", "--rules", str(tmp_path), "list")
    assert out.returncode == 2 and "mine.yaml" in out.stderr and "params.window" in out.stderr


def test_a_project_config_chooses_rules_and_a_bad_one_stops_the_run(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "claimcheck.toml").write_text('select = ["CC009"]\n[params.CC009]\nmin_figures = 2\n',
                                              encoding="utf-8")
    out = cli("check", "seeds/", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    found = json.loads(out.stdout)["findings"]
    assert found and {f["code"] for f in found} == {"CC009"}
    assert all(len(f["claims"]) >= 2 for f in found)
    (tmp_path / "claimcheck.toml").write_text("[params.CC009]\nmin_figure = 2\n", encoding="utf-8")
    bad = cli("check", "seeds/", "--format", "json", cwd=tmp_path)
    assert bad.returncode == 2 and "claimcheck.toml" in bad.stderr and "params.CC009.min_figure" in bad.stderr
