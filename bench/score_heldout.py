#!/usr/bin/env python3
"""Score claimcheck on the held-out corpus (tests/data/heldout) with the acceptance scorecard's logic.

Runs `python3 -m claimcheck extract` and `check` on tests/data/heldout/articles, then calls
`score_gold` and `print_gold` from ../shared/tools/scorecard.py (the acceptance yardstick), so the
two summary lines mean exactly what they mean for the seeds and the dev set. After them it lists every
miss, field by field, so each stage's owner can find theirs:

    python3 bench/score_heldout.py            # summary lines, then every miss
    python3 bench/score_heldout.py -q         # summary lines only
    python3 bench/score_heldout.py --json F   # also write the per-claim comparison to F

Misses per matched claim: interval, qualifier, attribution, event date (including dates invented where
the gold has none), subject, kind, negation; then consistent cases flagged anyway and findings that no
gold finding supports.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "data" / "heldout"
TOOLS = ROOT.parent / "shared" / "tools"


def load_scorecard():
    """The shared scorecard module, or None when ../shared/tools is absent."""
    if not (TOOLS / "scorecard.py").exists():
        return None
    sys.path.insert(0, str(TOOLS))
    import scorecard  # noqa: PLC0415

    return scorecard


def fmt_ev(ev) -> str:
    """An event date as 'start/end', a single day, or '-'."""
    if not ev:
        return "-"
    if isinstance(ev, dict):
        s, e = ev.get("start"), ev.get("end")
        return str(s) if s == e else f"{s}/{e}"
    return str(ev)


def claim_rows(sc, project: Path, py: Path) -> tuple[list[dict], dict[tuple, tuple[str, str]]]:
    """Every gold claim with the prediction matched to it (None when missed), and span -> gold ref."""
    articles = HELDOUT / "articles"
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt"))}
    r = sc.run_cli(py, project, ["extract", str(articles), "--format", "jsonl"])
    preds: dict[str, list[dict]] = {}
    for p in sc.jsonl(r.stdout):
        preds.setdefault(Path(str(p.get("article", ""))).name, []).append(p)
    gold: dict[str, list[dict]] = {}
    for g in sc.load_jsonl(HELDOUT / "claims.jsonl"):
        sp = sc.spans_of(texts.get(g["doc"], ""), g["surface"])
        if sp:
            gold.setdefault(g["doc"], []).append(dict(g, _span=sp[0]))
    rows, by_span = [], {}
    for doc in sorted(gold):
        m = sc.match(gold[doc], preds.get(doc, []))
        for gi, g in enumerate(gold[doc]):
            p = m.get(gi)
            rows.append({"gold": g, "pred": p})
            if p is not None:
                by_span[(doc, p.get("start"), p.get("end"))] = (doc, g["surface"])
    return rows, by_span


def taxonomy_keys() -> set[str]:
    """Every subject key the project's taxonomy (rules/subjects/*.yaml) defines."""
    import yaml  # noqa: PLC0415

    keys = set()
    for f in sorted((ROOT / "rules" / "subjects").glob("*.yaml")):
        for s in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("subjects") or []:
            if isinstance(s, dict) and s.get("key"):
                keys.add(s["key"])
    return keys


def subject_lines(rows: list[dict]) -> list[str]:
    """Subjects split by whether the taxonomy covers the gold key: exact on covered keys, null elsewhere."""
    keys = taxonomy_keys()
    matched = [(r["gold"], r["pred"]) for r in rows if r["pred"] is not None]
    cov = [(g, p) for g, p in matched if g.get("subject") in keys]
    unc = [(g, p) for g, p in matched if g.get("subject") not in keys]
    cov_ok = sum(g.get("subject") == p.get("subject") for g, p in cov)
    kind_ok = sum(g.get("kind") == p.get("kind") for g, p in cov)
    unc_null = sum(p.get("subject") is None for g, p in unc)
    return [f"heldout subjects: taxonomy keys exact {cov_ok}/{len(cov)} (kind {kind_ok}/{len(cov)}); "
            f"keys outside the taxonomy left null {unc_null}/{len(unc)}"]


def claim_misses(sc, rows: list[dict], keys: set[str]) -> list[str]:
    """One line per field a matched prediction gets wrong.

    A gold subject outside the taxonomy (`keys`) left null by the tool is expected, not a miss: only a
    non-null subject there is listed (a figure pulled into a domain it does not belong to), and kinds are
    compared only where the gold subject is in the taxonomy.
    """
    out = []
    for row in rows:
        g, p = row["gold"], row["pred"]
        if p is None:
            continue
        where = f"{g['doc']}: {g['surface']!r}"
        if not (sc.close(g.get("low"), p.get("low")) and sc.close(g.get("high"), p.get("high"))):
            out.append(f"  interval: {where}: want [{g.get('low')}, {g.get('high')}] got "
                       f"[{p.get('low')}, {p.get('high')}] ({p.get('surface')!r})")
        if g.get("qualifier") != p.get("qualifier"):
            out.append(f"  qualifier: {where}: want {g.get('qualifier')} got {p.get('qualifier')}")
        if g.get("attributed_to") != p.get("attributed_to"):
            out.append(f"  attribution: {where}: want {g.get('attributed_to')} got {p.get('attributed_to')}"
                       f" (text {p.get('attributed_text')!r}, relayed_by {p.get('relayed_by')!r})")
        if g.get("event_date"):
            if not sc.date_ok(p.get("event_date"), g.get("event_date")):
                out.append(f"  date: {where}: want {g['event_date']} got {fmt_ev(p.get('event_date'))}"
                           f" (date text {p.get('date_text')!r})")
        elif sc.invented(p.get("event_date")):
            out.append(f"  date invented: {where}: want none got {fmt_ev(p.get('event_date'))}"
                       f" (date text {p.get('date_text')!r})")
        covered = g.get("subject") in keys
        if g.get("subject") != p.get("subject") and (covered or p.get("subject") is not None):
            out.append(f"  subject: {where}: want {g.get('subject')}{'' if covered else ' (outside the taxonomy)'}"
                       f" got {p.get('subject')}")
        if covered and g.get("kind") != p.get("kind"):
            out.append(f"  kind: {where}: want {g.get('kind')} got {p.get('kind')}")
        if bool(g.get("negated")) != bool(p.get("negated")):
            out.append(f"  negated: {where}: want {bool(g.get('negated'))} got {bool(p.get('negated'))}")
    return out


def finding_misses(sc, project: Path, py: Path, by_span: dict) -> list[str]:
    """Consistent cases the tool flags anyway, and relational findings no gold finding supports."""
    rc = sc.run_cli(py, project, ["check", str(HELDOUT / "articles"), "--format", "json", "--fail-on", "never"])
    try:
        findings = json.loads(rc.stdout).get("findings", [])
    except (json.JSONDecodeError, AttributeError):
        return ["  check printed no JSON"]

    def keys(f: dict) -> set:
        ks = {by_span.get((Path(str(c.get("article"))).name, c.get("start"), c.get("end")))
              for c in f.get("claims") or []}
        ks.discard(None)
        return ks

    gold = sc.load_jsonl(HELDOUT / "findings.jsonl")
    positive = [{(r["doc"], r["surface"]) for r in gf.get("claim_refs", [])} for gf in gold
                if gf["kind"] != "consistent"]
    out = []
    for gf in gold:
        if gf["kind"] != "consistent":
            continue
        refs = {(r["doc"], r["surface"]) for r in gf["claim_refs"]}
        for f in findings:
            if f.get("kind") not in sc.NOT_RELATIONAL and len(keys(f)) >= 2 and keys(f) <= refs:
                out.append(f"  consistent case flagged: {gf['subject']}: {f.get('kind')}: {f.get('message', '')[:120]}")
    for f in findings:
        if f.get("kind") in sc.NOT_RELATIONAL:
            continue
        if not any(len(keys(f) & refs) >= 2 for refs in positive):
            cl = "; ".join(f"{Path(str(c.get('article'))).name[:3]} {c.get('surface')!r}" for c in f.get("claims") or [])
            out.append(f"  unsupported {f.get('kind')} ({f.get('subject')}): {cl[:160]}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default=sys.executable, help="the interpreter where claimcheck is installed")
    ap.add_argument("-q", "--quiet", action="store_true", help="summary lines only")
    ap.add_argument("--json", type=Path, help="write the per-claim gold/prediction pairs to this file")
    a = ap.parse_args()
    sc = load_scorecard()
    if sc is None:
        print(f"scorecard not found in {TOOLS}: the held-out score needs ../shared/tools/scorecard.py",
              file=sys.stderr)
        return 2
    py = Path(a.python)
    s = sc.score_gold(ROOT, py, HELDOUT / "articles", HELDOUT)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        sc.print_gold("heldout", s, verbose=not a.quiet)
    lines = buf.getvalue().splitlines()
    rows, by_span = claim_rows(sc, ROOT, py)
    for line in lines[:2] + subject_lines(rows) + lines[2:]:
        print(line)
    if a.quiet:
        return 0
    for line in claim_misses(sc, rows, taxonomy_keys()) + finding_misses(sc, ROOT, py, by_span):
        print(line)
    if a.json:
        a.json.write_text(json.dumps([{"gold": {k: v for k, v in r["gold"].items() if k != "_span"},
                                       "pred": r["pred"]} for r in rows], ensure_ascii=False, indent=1),
                          encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
