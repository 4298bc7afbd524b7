"""claimcheck's benchmark: throughput, scaling, cold start and peers, measured in one run.

    python bench/run.py                 # the full run (1k/10k/100k articles; 10k/100k/1M claims)
    python bench/run.py --quick         # a smaller run for a quick look (1k/10k articles; 10k/100k claims)

It prints a table and writes bench/RESULTS.md (with the machine described). Measured:
- extraction end to end (read JSONL + every stage) in MB/s and articles/s, at 1k, 10k, 100k articles of
  the *news* corpus (figures among sentences of context) and 1k, 10k of the *dense* one (a figure in
  most sentences); see bench/corpus.py;
- `--jobs 2` against `--jobs 1` on the same batch, both corpora (identical output checked, speed-up reported);
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


def write_corpus(n: int, style: str = "news") -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"corpus-{style}-{n}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".part")
        with tmp.open("w", encoding="utf-8") as fh:
            for rec in corpus.articles(n, seed=1, style=style):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        tmp.replace(path)
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
t0, c0 = time.perf_counter(), time.process_time()
arts, skipped = read_batch([path])
claims, failed = extract_articles(arts, reg, jobs=jobs)
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
mb = sum(len(a.text.encode("utf-8")) for a in arts) / 1e6
import hashlib
digest = hashlib.sha256("".join(c.model_dump_json() for c in claims).encode()).hexdigest()
print(json.dumps({"seconds": dt, "cpu": cpu, "mb": mb, "articles": len(arts), "claims": len(claims), "digest": digest,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PEERS_CHILD = r"""
import json, sys, time
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")][: int(sys.argv[2])]
mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
# Each tool is imported and warmed up on one text outside the sample (not counted: a long-running
# process pays it once), then timed in CPU time of this process on the same texts.
warms = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8").readlines()[-2:]]
warm = warms[-1]["text"]
out = {"mb": mb, "articles": len(texts)}
t0 = time.perf_counter()
from quantulum3 import parser as q3
q3.parse(warm)
out["quantulum3_import"] = time.perf_counter() - t0
t1 = time.process_time()
for t in texts:
    q3.parse(t)
out["quantulum3_seconds"] = time.process_time() - t1
t0 = time.perf_counter()
from dateparser.search import search_dates
search_dates(warm, languages=["en"])
out["dateparser_import"] = time.perf_counter() - t0
t1 = time.process_time()
for i, t in enumerate(texts):
    search_dates(t, languages=["fr" if i % 2 == 0 else "en"])
out["dateparser_seconds"] = time.process_time() - t1
t0 = time.perf_counter()
from claimcheck.models import Article
from claimcheck.pipeline import extract_article
from claimcheck.registry import load_registry
reg = load_registry()
for w in warms:
    extract_article(Article(id="warm", text=w["text"], lang=w["lang"]), reg)
out["claimcheck_import"] = time.perf_counter() - t0
t1 = time.process_time()
for i, t in enumerate(texts):
    extract_article(Article(id=str(i), text=t, lang="fr" if i % 2 == 0 else "en"), reg)
out["claimcheck_seconds"] = time.process_time() - t1
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
              "Two generated corpora (bench/corpus.py): *news* mixes figures with sentences of context as "
              "news copy does (2.5 claims per KB); *dense* puts a figure in most sentences (7.8 claims per KB, a "
              "stress test denser than any annotated article). MB/s is in CPU time of the process (the "
              "machine may be shared); wall time is shown too.", "",
              "| corpus | articles | MB | claims | wall s | CPU s | MB/s (CPU) | articles/s (CPU) | peak RSS |",
              "|---|---|---|---|---|---|---|---|---|"]
    ext: dict[tuple[str, int], dict] = {}
    for style in corpus.STYLES[::-1]:
        for n in sizes if style == "news" else [x for x in sizes if x <= 10000]:
            r = run_child(EXTRACT_CHILD, str(write_corpus(n, style)), "1")
            ext[style, n] = r
            row = (f"| {style} | {n:,} | {r['mb']:.1f} | {r['claims']:,} | {r['seconds']:.1f} | {r['cpu']:.1f} | "
                   f"{r['mb'] / r['cpu']:.2f} | {r['articles'] / r['cpu']:.0f} | {r['maxrss_mb']:.0f} MB |")
            print(row)
            lines.append(row)

    big = max(n for n in sizes if n <= 10000) if any(n <= 10000 for n in sizes) else sizes[0]
    lines += ["", "## Parallel extraction", "",
              "Wall time of the whole run (read, extract, gather), `--jobs 2` against `--jobs 1` on the same batch:", ""]
    for style in corpus.STYLES[::-1]:
        if (style, big) not in ext:
            continue
        r2 = run_child(EXTRACT_CHILD, str(write_corpus(big, style)), "2")
        one = ext[style, big]
        same = r2["digest"] == one["digest"]
        speed = one["seconds"] / r2["seconds"]
        msg = (f"- {style}, {big:,} articles: {r2['seconds']:.1f} s vs {one['seconds']:.1f} s: {speed:.2f}x; "
               f"identical output: {same}")
        print(msg)
        lines.append(msg)
    lines.append("")

    lines += ["## The same text through the peers", "",
              "Each tool imported and warmed up on texts outside the sample (not counted), then timed in CPU "
              "time on the same articles, in one process.", "",
              "| corpus | articles | MB | claimcheck (every stage) s | quantulum3 `parser.parse` s | claimcheck faster by | "
              "dateparser `search_dates` s | claimcheck faster by |", "|---|---|---|---|---|---|---|---|"]
    for style in corpus.STYLES[::-1]:
        p = run_child(PEERS_CHILD, str(write_corpus(sizes[0], style)), str(a.peer_sample))
        q_ratio = p["quantulum3_seconds"] / p["claimcheck_seconds"]
        d_ratio = p["dateparser_seconds"] / p["claimcheck_seconds"]
        row = (f"| {style} | {p['articles']} | {p['mb']:.2f} | {p['claimcheck_seconds']:.2f} | "
               f"{p['quantulum3_seconds']:.2f} | {q_ratio:.1f}x | {p['dateparser_seconds']:.2f} | {d_ratio:.1f}x |")
        print(row)
        lines.append(row)
    lines += ["", "quantulum3 finds numbers and units only, dateparser dates only; claimcheck's time covers every "
              "stage (numbers, claims, dates, sources, subjects, denials).", ""]

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
