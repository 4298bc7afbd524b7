"""The seeds' reports committed under reports/ are what the code produces today.

They are regenerated here exactly as `sh reports/regenerate.sh` does (`claimcheck check seeds/
--format markdown|html --fail-on never`, from the repository root) and compared byte for byte.
When this fails after an intended change, run `sh reports/regenerate.sh` and commit the result.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("fmt, name", [("markdown", "seeds.md"), ("html", "seeds.html")])
def test_committed_seed_report_matches_the_code(fmt, name, monkeypatch):
    monkeypatch.chdir(ROOT)
    committed = ROOT / "reports" / name
    assert committed.is_file(), "run `sh reports/regenerate.sh`"
    res = CliRunner().invoke(app, ["check", "seeds/", "--format", fmt, "--fail-on", "never"])
    assert res.exit_code in (0, 3), res.output
    assert res.stdout == committed.read_text(encoding="utf-8"), (
        f"reports/{name} is out of date: run `sh reports/regenerate.sh` and commit it")


@pytest.mark.parametrize("name", ["seeds.md", "seeds.html"])
def test_committed_seed_report_is_deterministic(name):
    text = (ROOT / "reports" / name).read_text(encoding="utf-8")
    assert str(ROOT) not in text and "/work/" not in text  # no absolute paths
    assert "seeds/" in text or "No findings" in text
