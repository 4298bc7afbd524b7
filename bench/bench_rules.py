"""The rules stage at scale: 10k, 100k and 1M structured claims, the compact path against the pydantic one.

    python bench/bench_rules.py                    # 10k, 100k, 1M compact; 10k, 100k pydantic
    python bench/bench_rules.py --sizes 10000,100000 --pydantic 10000

Claims come from `corpus.structured_claims(n, seed=3)` (a realistic archive: sources mostly agree,
a few per cent outliers), written once to bench/out/claims-N.jsonl. Each measurement runs in a fresh
interpreter and prints one line:

- compact: `claimtable.read_claims_jsonl` (JSONL straight into columns), then `engine.check_table`
  (every rule; findings as records naming claim rows), then the findings turned into contract
  `Finding` objects with full claims (`record.to_finding`), each phase timed;
- pydantic: every line validated as a `Claim`, then `engine.run_rules` (what `check --claims` did).

Wall time and CPU time (user + system, resource.getrusage) are both shown: on a shared machine the
CPU time is the steadier figure. Peak memory is the child's maximum resident set size. Issue 9's target: 1M
claims checked within 30 s and 2 GB, time per claim flat. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

SETUP = r"""
import json, resource, sys, tempfile, time
from pathlib import Path
import yaml
sys.path.insert(0, sys.argv[3])
from claimcheck.registry import load_registry


def bench_registry(subjects):
    kinds = ["stock", "flow", "cumulative", "total"]
    tmp = Path(tempfile.mkdtemp())
    (tmp / "subjects").mkdir()
    (tmp / "subjects" / "bench.yaml").write_text(yaml.safe_dump({"parties": ["a", "b"], "subjects": [
        {"key": s, "kind": kinds[i % 4]} for i, s in enumerate(subjects)]}))
    (tmp / "sources").mkdir()
    (tmp / "sources" / "bench.yaml").write_text(yaml.safe_dump({"sources": [
        {"key": f"src.o{i}", "side": "a" if i % 3 == 0 else ("b" if i % 3 == 1 else None)} for i in range(200)]}))
    return load_registry([tmp])


def subjects_of(keys):
    keys = {k for k in keys if k}
    return sorted(keys | {k.rsplit(".", 1)[0] for k in keys if k.count(".") > 1})


def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
"""

COMPACT_CHILD = SETUP + r"""
from claimcheck.claimtable import read_claims_jsonl
from claimcheck.engine import check_table
path = sys.argv[1]
c0 = cpu()
t0 = time.perf_counter()
table = read_claims_jsonl(path)
t1 = time.perf_counter()
reg = bench_registry(subjects_of(set(table.subject)))
t2 = time.perf_counter()
c2 = cpu()
records = check_table(table, None, reg)
t3 = time.perf_counter()
c3 = cpu()
rss_check = rss()
findings = [r.to_finding(table) for r in records]
t4 = time.perf_counter()
print(json.dumps({"claims": len(table), "read": t1 - t0, "check": t3 - t2, "findings_s": t4 - t3,
                  "cpu_check": c3 - c2, "cpu_total": cpu() - c0,
                  "findings": len(records), "rss_check": rss_check, "rss": rss()}))
"""

PYDANTIC_CHILD = SETUP + r"""
from claimcheck.models import Article, Claim
from claimcheck.engine import run_rules
path = sys.argv[1]
c0 = cpu()
t0 = time.perf_counter()
with open(path, encoding="utf-8") as fh:
    claims = [Claim.model_validate_json(line) for line in fh if line.strip()]
arts = [Article(id=a, text=a) for a in sorted({c.article for c in claims})]
t1 = time.perf_counter()
reg = bench_registry(subjects_of({c.subject for c in claims}))
t2 = time.perf_counter()
c2 = cpu()
findings = run_rules(arts, claims, reg)
t3 = time.perf_counter()
c3 = cpu()
print(json.dumps({"claims": len(claims), "read": t1 - t0, "check": t3 - t2, "findings_s": 0.0,
                  "cpu_check": c3 - c2, "cpu_total": cpu() - c0,
                  "findings": len(findings), "rss_check": rss(), "rss": rss()}))
"""


def claims_file(n: int, seed: int = 3) -> Path:
    """bench/out/claims-N.jsonl, written once from `structured_claims(n, seed)`."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"claims-{n}-s{seed}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for rec in corpus.structured_claims(n, seed=seed):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        tmp.rename(path)
    return path


def run_child(code: str, path: Path) -> dict:
    """One measurement in a fresh interpreter (it prints one JSON object)."""
    r = subprocess.run([sys.executable, "-c", code, str(path), "", str(ROOT)], capture_output=True, text=True,
                       cwd=ROOT)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-2000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


HEADER = ("| path | claims | read s | check s | check CPU s | µs/claim (check CPU) | findings | to Finding s | "
          "CPU s in all | peak RSS after check | peak RSS |")


def row(name: str, r: dict) -> str:
    n = r["claims"]
    return (f"| {name} | {n:,} | {r['read']:.2f} | {r['check']:.2f} | {r['cpu_check']:.2f} | "
            f"{r['cpu_check'] / n * 1e6:.1f} | {r['findings']:,} | {r['findings_s']:.2f} | {r['cpu_total']:.2f} | "
            f"{r['rss_check']:.0f} MB | {r['rss']:.0f} MB |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="claim counts for the compact path")
    ap.add_argument("--pydantic", default="10000,100000", help="claim counts for the pydantic path ('' for none)")
    a = ap.parse_args()
    print(HEADER)
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n in [int(x) for x in a.sizes.split(",") if x]:
        print(row("compact", run_child(COMPACT_CHILD, claims_file(n))), flush=True)
    for n in [int(x) for x in a.pydantic.split(",") if x]:
        print(row("pydantic", run_child(PYDANTIC_CHILD, claims_file(n))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
