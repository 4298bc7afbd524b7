"""claimcheck's benchmark: throughput, scaling, cold start and peers, measured in one run.

    python bench/run.py                 # the full run (1k/10k/100k articles; 10k/100k/1M claims)
    python bench/run.py --quick         # a smaller run for a quick look (1k/10k articles; 10k/100k claims)

It prints a table and writes bench/RESULTS.md (with the machine described). Measured:
- extraction end to end (read JSONL + every stage) in MB/s and articles/s, at 1k, 10k, 100k articles;
- `--jobs 2` against `--jobs 1` on the same batch (identical output is checked, speed-up reported);
- the same text through quantulum3's parser and dateparser's search_dates, as ratios;
- the rules stage on 10k, 100k and 1M structured claims (bench/bench_rules.py): time, time per claim, memory;
- the cold start of `claimcheck check seeds/`.
Targets (issue 9): ≥ 1 MB/s per core end to end, ≥ 20x quantulum3, cold start ≤ 1 s, 1M claims
checked within 30 s and 2 GB, ≥ 1.7x with --jobs 2 on a large batch. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

OUT = HERE / "out"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores{mem}, "
            f"Python {platform.python_version()}")


def write_corpus(n: int) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"corpus-{n}.jsonl"
    if not path.exists():
        with path.open("w", encoding="utf-8") as fh:
            for rec in corpus.articles(n, seed=1):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def run_child(code: str, *args: str) -> dict:
    """Run a measurement in a fresh interpreter; it prints one JSON object."""
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-2000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


EXTRACT_CHILD = r"""
import json, resource, sys, time
from claimcheck.ingest import read_batch
from claimcheck.api import extract_articles
from claimcheck.registry import load_registry
path, jobs = sys.argv[1], int(sys.argv[2])
reg = load_registry()
t0 = time.perf_counter()
arts, skipped = read_batch([path])
claims, failed = extract_articles(arts, reg, jobs=jobs)
dt = time.perf_counter() - t0
mb = sum(len(a.text.encode("utf-8")) for a in arts) / 1e6
import hashlib
digest = hashlib.sha256("".join(c.model_dump_json() for c in claims).encode()).hexdigest()
print(json.dumps({"seconds": dt, "mb": mb, "articles": len(arts), "claims": len(claims), "digest": digest,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PEERS_CHILD = r"""
import json, sys, time
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")][: int(sys.argv[2])]
mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
out = {"mb": mb, "articles": len(texts)}
t0 = time.perf_counter()
from quantulum3 import parser as q3
t1 = time.perf_counter()
n = 0
for t in texts:
    n += len(q3.parse(t))
out["quantulum3_seconds"] = time.perf_counter() - t1
out["quantulum3_import"] = t1 - t0
t0 = time.perf_counter()
from dateparser.search import search_dates
t1 = time.perf_counter()
for i, t in enumerate(texts):
    search_dates(t, languages=["fr" if i % 2 == 0 else "en"])
out["dateparser_seconds"] = time.perf_counter() - t1
out["dateparser_import"] = t1 - t0
from claimcheck.models import Article
from claimcheck.pipeline import extract_article
from claimcheck.registry import load_registry
reg = load_registry()
t0 = time.perf_counter()
for i, t in enumerate(texts):
    extract_article(Article(id=str(i), text=t, lang="fr" if i % 2 == 0 else "en"), reg)
out["claimcheck_seconds"] = time.perf_counter() - t0
print(json.dumps(out))
"""



def cold_start(runs: int = 5) -> dict:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "claimcheck", "check", "seeds/", "--format", "json"], cwd=ROOT,
                       capture_output=True)
        times.append(time.perf_counter() - t0)
    return {"best": min(times), "median": statistics.median(times)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--articles", default=None, help="comma-separated corpus sizes")
    ap.add_argument("--claims", default=None, help="comma-separated claim counts for the rules stage")
    ap.add_argument("--peer-sample", type=int, default=300, help="articles run through quantulum3/dateparser")
    a = ap.parse_args()
    sizes = [int(x) for x in (a.articles or ("1000,10000" if a.quick else "1000,10000,100000")).split(",")]
    claim_sizes = [int(x) for x in (a.claims or ("10000,100000" if a.quick else "10000,100000,1000000")).split(",")]
    lines = ["# Benchmark results", "", f"Machine: {machine()}", "",
             f"Command: `python bench/run.py{' ' + ' '.join(sys.argv[1:]) if sys.argv[1:] else ''}`", ""]

    print(f"machine: {machine()}")
    lines += ["## Extraction end to end (read JSONL + every stage, one process)", "",
              "| articles | MB | claims | seconds | MB/s | articles/s | peak RSS |", "|---|---|---|---|---|---|---|"]
    ext = {}
    for n in sizes:
        path = write_corpus(n)
        r = run_child(EXTRACT_CHILD, str(path), "1")
        ext[n] = r
        row = (f"| {n:,} | {r['mb']:.1f} | {r['claims']:,} | {r['seconds']:.1f} | {r['mb'] / r['seconds']:.2f} | "
               f"{r['articles'] / r['seconds']:.0f} | {r['maxrss_mb']:.0f} MB |")
        print(row)
        lines.append(row)

    big = max(n for n in sizes if n <= 10000) if any(n <= 10000 for n in sizes) else sizes[0]
    r2 = run_child(EXTRACT_CHILD, str(write_corpus(big)), "2")
    same = r2["digest"] == ext[big]["digest"]
    speed = ext[big]["seconds"] / r2["seconds"]
    msg = f"--jobs 2 on {big:,} articles: {r2['seconds']:.1f} s vs {ext[big]['seconds']:.1f} s: {speed:.2f}x; identical output: {same}"
    print(msg)
    lines += ["", "## Parallel extraction", "", msg, ""]

    p = run_child(PEERS_CHILD, str(write_corpus(sizes[0])), str(a.peer_sample))
    q_ratio = p["quantulum3_seconds"] / p["claimcheck_seconds"]
    d_ratio = p["dateparser_seconds"] / p["claimcheck_seconds"]
    lines += ["## The same text through the peers", "",
              f"{p['articles']} articles ({p['mb']:.2f} MB), in one process:", "",
              "| tool | seconds | MB/s | claimcheck is faster by |", "|---|---|---|---|",
              f"| claimcheck (every stage) | {p['claimcheck_seconds']:.2f} | {p['mb'] / p['claimcheck_seconds']:.2f} | |",
              f"| quantulum3 `parser.parse` (numbers and units only; import {p['quantulum3_import']:.1f} s not counted) | "
              f"{p['quantulum3_seconds']:.2f} | {p['mb'] / p['quantulum3_seconds']:.3f} | {q_ratio:.1f}x |",
              f"| dateparser `search_dates` (dates only; import {p['dateparser_import']:.1f} s not counted) | "
              f"{p['dateparser_seconds']:.2f} | {p['mb'] / p['dateparser_seconds']:.3f} | {d_ratio:.1f}x |", ""]
    print(f"quantulum3: {q_ratio:.1f}x slower; dateparser search_dates: {d_ratio:.1f}x slower")

    lines += ["## The rules stage on structured claims (bench/bench_rules.py: JSONL read into columns)", ""]
    r = subprocess.run([sys.executable, str(HERE / "bench_rules.py"), "--sizes", ",".join(map(str, claim_sizes)),
                        "--pydantic", ""], capture_output=True, text=True, cwd=ROOT)
    table = [ln for ln in r.stdout.splitlines() if ln.startswith("|")]
    for ln in table:
        print(ln)
    lines += table or [f"bench_rules.py failed: {r.stderr[-500:]}"]
    lines.append("")

    cs = cold_start()
    msg = f"Cold start of `claimcheck check seeds/` (`python -m claimcheck`, JSON): best {cs['best']:.2f} s, median {cs['median']:.2f} s"
    print(msg)
    lines += ["", "## Cold start", "", msg, ""]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
