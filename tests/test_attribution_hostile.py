"""Attribution on hostile text ends: nothing in it grows with the square of the text.

Each case runs in a subprocess under a generous time limit (a hang guard, not a speed test: a
quadratic step takes hours on these sizes, a linear one seconds). The texts are built in memory by
`tests/attribution_fixtures/hostile_run.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "attribution_fixtures" / "hostile_run.py"
LIMIT = 300  # seconds: a hang guard only


@pytest.mark.parametrize("case,size", [("digits", "1"), ("hedges", "1"), ("names", "1"), ("line", "0.2")])
def test_hostile_text_ends(case: str, size: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, str(RUNNER), case, size], capture_output=True, text=True,
                          timeout=LIMIT, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    placed, attributed = (int(x) for x in done.stdout.split())
    assert placed > 0
    if case in ("names", "line"):  # every figure there stands among cues: each finds one
        assert attributed == placed
    if case == "digits":  # no name, no cue: nothing to attribute
        assert attributed == 0
