"""Extraction time on adversarial texts at 1x, 4x and 16x sizes: it must grow linearly.

    python3 bench/bench_adversarial.py            # base sizes: 1/16 of the issue's sizes
    python3 bench/bench_adversarial.py --scale 4  # other base sizes

For each input (a wall of digits and spaces, hedges in a row, one very long line) it times the
number layer (`find_numbers`), each pipeline stage and the whole `extract_article`, and prints the
time and the ratio to the 1x time. Linear means a ratio near 4 at 4x and near 16 at 16x; a ratio
far above the size ratio names the stage that is super-linear. At 16x the inputs are the issue's:
1 MB of digits and spaces, 100,000 hedges, one 10 MB line, a 50 MB article (use --scale to
shrink them: a quadratic stage makes the issue's sizes take hours).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from zoo.adversarial import MB, digits_and_spaces, hedges, news_text, one_long_line  # noqa: E402

from claimcheck import attribution, claims, dates, denials, numbers, subjects  # noqa: E402
from claimcheck.ingest import make_article  # noqa: E402
from claimcheck.registry import load_registry  # noqa: E402
from claimcheck.textutil import fold, sentence_spans  # noqa: E402

INPUTS: dict[str, tuple[Callable[[float], str], str]] = {
    "digits+spaces": (lambda k: digits_and_spaces(int(MB * k / 16)), "fr"),
    "hedges(fr)": (lambda k: hedges(int(100_000 * k / 16), "fr"), "fr"),
    "hedges(en)": (lambda k: hedges(int(100_000 * k / 16), "en"), "en"),
    "one long line": (lambda k: one_long_line(int(10 * MB * k / 16)), "fr"),
    "news article": (lambda k: news_text(int(50 * MB * k / 16)), "fr"),
}


def _stages(text: str, lang: str, reg) -> list[tuple[str, float]]:
    """Seconds spent in each stage of the pipeline on one article built from `text`."""
    art = make_article("bench", text, path=None, meta={"lang": lang, "published": "2024-01-01"})
    out: list[tuple[str, float]] = []

    def timed(name: str, fn: Callable[[], object]) -> object:
        t0 = time.perf_counter()
        res = fn()
        out.append((name, time.perf_counter() - t0))
        return res

    timed("fold", lambda: fold(text))
    timed("sentences", lambda: sentence_spans(text))
    timed("numbers", lambda: numbers.find_numbers(text, lang, reg))
    timed("pub.date", lambda: dates.publication_date(art, reg))
    found = timed("claims", lambda: claims.build_claims(art, reg))
    found = list(found) + list(timed("denials", lambda: denials.find_denials(art, reg)))  # type: ignore[arg-type]
    found.sort(key=lambda c: (c.start, c.end))
    timed("attribution", lambda: attribution.attribute(art, found, reg))
    timed("event dates", lambda: dates.resolve_event_dates(art, found, reg))
    timed("subjects", lambda: subjects.classify(art, found, reg))
    timed("republished", lambda: dates.flag_republication(art, found, reg))
    out.append(("total", sum(t for _, t in out)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the base sizes (default 1)")
    ap.add_argument("--only", help="run only the inputs whose name contains this")
    args = ap.parse_args()
    reg = load_registry()
    for name, (make, lang) in INPUTS.items():
        if args.only and args.only not in name:
            continue
        rows: dict[int, list[tuple[str, float]]] = {}
        print(f"\n{name}")
        for k in (1, 4, 16):
            text = make(k * args.scale)
            rows[k] = _stages(text, lang, reg)
            ratio = rows[k][-1][1] / rows[1][-1][1] if rows[1][-1][1] > 0 else float("nan")
            slow = sorted(rows[k][:-1], key=lambda r: -r[1])[:3]
            print(f"  {k:>2}x {len(text):>12,} chars  total {rows[k][-1][1]:9.3f} s  ratio {ratio:7.1f}  "
                  f"(slowest: {', '.join(f'{n} {t:.2f}' for n, t in slow)})", flush=True)
        print(f"  {'stage':<12} {'1x s':>9} {'4x s':>9} {'16x s':>9} {'4x/1x':>7} {'16x/1x':>7}")
        for i, (stage, t1) in enumerate(rows[1]):
            t4, t16 = rows[4][i][1], rows[16][i][1]
            r4 = f"{t4 / t1:7.1f}" if t1 > 1e-3 else "      -"
            r16 = f"{t16 / t1:7.1f}" if t1 > 1e-3 else "      -"
            flag = "  <- super-linear" if t16 > 0.2 and t1 > 1e-3 and t16 / t1 > 32 else ""
            print(f"  {stage:<12} {t1:9.3f} {t4:9.3f} {t16:9.3f} {r4} {r16}{flag}", flush=True)


if __name__ == "__main__":
    main()
