"""Fakes for the ledger tests, and a driver that runs an ingest in a child process.

The ledger's own logic (versions, transactions, filtering) must be testable whatever the extraction
stages and the rules engine produce today, so these fakes stand in for them:

- `fake_extract_articles`: every run of digits followed by a word is a claim about `test.<word>`
  (e.g. "300 soldats" -> subject `test.soldats`, value 300).
- `fake_run_rules`: two claims of one subject from different articles with different values are a
  `conflict`; an article without a publication date gets a `data_quality` finding with flag `undated`.

Driver (used by test_ledger_procs.py):
    python tests/test_ledger_fakes.py LEDGER [--hang-after N | --exit-after N] [--gate FILE] PATH...
`--hang-after N` prints `stored K` after each stored article and, after the N-th, blocks inside the
transaction until killed; `--exit-after N` calls os._exit(9) there instead; `--gate FILE` waits until
FILE exists before ingesting (so two drivers start together).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from pathlib import Path

from claimcheck.models import Claim, Finding, Skipped

_CLAIM = re.compile(r"(\d+) (\w+)")


def fake_extract_articles(articles, registry, warn=None, jobs=1, progress=False) -> tuple[list[Claim], list[Skipped]]:
    """Digit-and-word claims; an article whose text contains FAIL-EXTRACTION fails."""
    claims: list[Claim] = []
    failed: list[Skipped] = []
    for art in articles:
        if "FAIL-EXTRACTION" in art.text:
            failed.append(Skipped(path=art.path or art.id, reason="extraction failed: fake"))
            continue
        if art.published is None and "undated" not in art.flags:
            art.flags = sorted({*art.flags, "undated"})
        for m in _CLAIM.finditer(art.text):
            value = float(m.group(1))
            claims.append(Claim(
                article=art.id, surface=m.group(0), start=m.start(), end=m.end(), value=value, low=value,
                high=value, qualifier="exact", unit=m.group(2), subject=f"test.{m.group(2).lower()}",
                published=art.published, lang=art.lang or "fr", sentence=m.group(0)))
    return claims, failed


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def fake_run_rules(articles, claims, registry, select=None, ignore=None, params=None) -> list[Finding]:
    """Pairwise conflicts within a subject across articles; undated articles."""
    texts = {a.id: a.sha256 for a in articles}
    findings: list[Finding] = []
    ordered = sorted(claims, key=lambda c: (c.subject or "", c.article, c.start))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if a.subject != b.subject or a.article == b.article or a.value == b.value:
                continue
            findings.append(Finding(
                code="T001", rule="toy-conflict", severity="warning", kind="conflict", subject=a.subject,
                message=f"{a.surface} against {b.surface}", claims=[a, b],
                fingerprint=_fingerprint("T001", texts[a.article], str(a.value), texts[b.article], str(b.value))))
    for art in articles:
        if art.published is None:
            findings.append(Finding(code="T002", rule="toy-undated", severity="info", kind="data_quality",
                                    message="no publication date", article=art.id, flag="undated",
                                    fingerprint=_fingerprint("T002", art.sha256)))
    return findings


def install_fakes() -> None:
    """Replace the extraction and the engine, for this process."""
    import claimcheck.api
    import claimcheck.engine

    claimcheck.api.extract_articles = fake_extract_articles  # type: ignore[assignment]
    claimcheck.engine.run_rules = fake_run_rules  # type: ignore[assignment]


def _hook_store(mode: str, after: int) -> None:
    """Make the ledger report each stored article and stop (hang or exit) after `after` of them."""
    import claimcheck.ledger as ledger

    original = ledger._store_article
    count = {"n": 0}

    def store(*args, **kwargs):
        outcome = original(*args, **kwargs)
        count["n"] += 1
        print(f"stored {count['n']}", flush=True)
        if count["n"] >= after:
            if mode == "exit":
                os._exit(9)
            while True:  # inside the batch's transaction, until the parent kills us
                time.sleep(60)
        return outcome

    ledger._store_article = store  # type: ignore[assignment]


def main(argv: list[str]) -> int:
    """Ingest PATH... into LEDGER with the fakes installed (see the module docstring)."""
    install_fakes()
    ledger_path, rest = argv[0], argv[1:]
    paths: list[str] = []
    while rest:
        arg = rest.pop(0)
        if arg in ("--hang-after", "--exit-after"):
            _hook_store("hang" if arg == "--hang-after" else "exit", int(rest.pop(0)))
        elif arg == "--gate":
            gate = Path(rest.pop(0))
            while not gate.exists():
                time.sleep(0.01)
        else:
            paths.append(arg)
    from claimcheck.ledger import ingest_paths

    stats = ingest_paths(paths, ledger_path)
    print(stats.summary(), flush=True)
    return 3 if stats.skipped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
