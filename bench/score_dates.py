"""Score the time stage: publication dates and claim dates on gold folders, and peer date suites.

    python3 bench/score_dates.py                       # seeds, dev set and peers from ../shared
    python3 bench/score_dates.py --peers tests/data/dates --gold ''   # the copies in tests/

Gold folders (seeds-gold, devset): each gold claim's surface is located in its article to build a
Claim (start, end, sentence), the time stage runs on it, and the claim's interval must lie inside
the gold one widened by three days (the scorecard's rule). Claims the gold leaves undated must get
no closed interval. Article flags (`undated`, `republished`) are listed.

Peer suites (JSONL): Recognizers-Text French dates (cases with a reference date and no
`news_exclude`; the expected value is `past_value` where given) and dateparser French (no
`news_exclude`). A case passes when every expected span is overlapped by a found expression that
resolves to the expected value (a day, or a period whose peer end is exclusive), and nothing is
found where the peer expects nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck import dates  # noqa: E402
from claimcheck.models import Article, Claim  # noqa: E402
from claimcheck.registry import Registry  # noqa: E402
from claimcheck.textutil import sentence_of, sentence_spans  # noqa: E402
from claimcheck.timeexpr import find_time_expressions, parse_iso, resolve  # noqa: E402


def date_registry() -> Registry:
    """A registry holding only the built-in date vocabulary (independent of other data files)."""
    from claimcheck import safeyaml
    from claimcheck.registry import _add_vocab

    reg = Registry(dirs=())
    for lang in ("fr", "en"):
        path = ROOT / "rules" / "lang" / lang / "dates.yaml"
        _add_vocab(reg, lang, "dates", path, safeyaml.load(path))
    return reg


# ---------------------------------------------------------------- gold folders

def _day(s: str | None, end: bool) -> date | None:
    if not s:
        return None
    ref = parse_iso(s)
    return None if ref is None else (ref.hi if end else ref.lo)


def gold_interval(ev) -> tuple[date | None, date | None] | None:
    if not ev:
        return None
    if isinstance(ev, dict):
        return _day(ev.get("start"), False), _day(ev.get("end"), True)
    a, _, b = str(ev).partition("/")
    return _day(a, False), _day(b or a, True)


def date_ok(pred, gold) -> bool:
    g, p = gold_interval(gold), gold_interval(pred)
    if not g or not p or None in g or None in p:
        return False
    return p[0] >= g[0] - timedelta(days=3) and p[1] <= g[1] + timedelta(days=3)


def claims_for(article: Article, gold: list[dict]) -> list[Claim]:
    """Claims built from gold surfaces located in the article text (first occurrence)."""
    spans = sentence_spans(article.text)
    out = []
    for g in gold:
        i = article.text.find(g["surface"])
        if i < 0:
            continue
        s, e = sentence_of(spans, i) if spans else (0, len(article.text))
        out.append(Claim(article=article.id, surface=g["surface"], start=i, end=i + len(g["surface"]),
                         value=g.get("value"), low=g.get("low"), high=g.get("high"),
                         qualifier=g.get("qualifier") or "exact", attributed_to=g.get("attributed_to"),
                         sentence=article.text[s:e], sentence_start=s))
    return out


def run_article(article: Article, gold: list[dict], reg: Registry) -> list[Claim]:
    dates.publication_date(article, reg)
    claims = claims_for(article, gold)
    claims.sort(key=lambda c: (c.start, c.end))
    dates.resolve_event_dates(article, claims, reg)
    dates.flag_republication(article, claims, reg)
    return claims


def score_gold(folder: Path, articles_dir: Path, reg: Registry, verbose: bool = False) -> dict:
    gold = [json.loads(x) for x in (folder / "claims.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    by_doc: dict[str, list[dict]] = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g)
    dated = ok = invented = 0
    flags: dict[str, list[str]] = {}
    misses = []
    for doc in sorted(by_doc):
        path = articles_dir / doc
        text = path.read_text(encoding="utf-8")
        lang = "en" if "_en_" in doc else "fr"
        art = Article(id=doc, text=text, lang=lang)
        claims = run_article(art, by_doc[doc], reg)
        flags[doc] = sorted(set(art.flags)) + [f"published={art.published} ({art.published_source})"]
        pred = {c.surface: c for c in claims}
        for g in by_doc[doc]:
            c = pred.get(g["surface"])
            ev = c.event_date.model_dump() if c and c.event_date else None
            if g.get("event_date"):
                dated += 1
                if date_ok(ev, g["event_date"]):
                    ok += 1
                else:
                    misses.append((doc, g["surface"], g["event_date"], ev, c.date_text if c else None))
            else:
                iv = gold_interval(ev)
                if iv and None not in iv:
                    invented += 1
                    misses.append((doc, g["surface"], None, ev, c.date_text if c else None))
    if verbose:
        for m in misses:
            print("  miss:", m)
    return {"dated": dated, "ok": ok, "invented": invented, "flags": flags}


# ---------------------------------------------------------------- peers

def _expected_interval(x: dict) -> tuple[str, str] | None | str:
    """(start, end) inclusive ISO days the peer expects; 'any' when it leaves the value unresolved."""
    v = x.get("past_value") or x.get("value")
    if isinstance(v, list):
        vals = [i for i in v if isinstance(i, dict)]
        if not vals:
            return "any"
        v = vals[0]
        if "value" in v and v.get("value") not in (None, "not resolved"):
            return v["value"][:10], v["value"][:10]
        if "start" in v and "end" in v:
            end = date.fromisoformat(v["end"][:10]) - timedelta(days=1)
            return v["start"][:10], end.isoformat()
        return "any"
    if isinstance(v, str):
        return v[:10], v[:10]
    if not v:
        return "any"
    if "date" in v:
        return v["date"][:10], v["date"][:10]
    if "startDate" in v:
        end = date.fromisoformat(v["endDate"][:10]) - timedelta(days=1)
        return v["startDate"][:10], end.isoformat()
    return "any"


def peer_cases(folder: Path) -> list[dict]:
    """The peer date cases that count for news: reference date given, not excluded."""
    out = []
    rt = folder / "recognizers_fr_dates.jsonl"
    if rt.exists():
        for line in rt.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r.get("reference_datetime") and not r.get("news_exclude"):
                out.append(r)
    dp = folder / "dateparser_fr.jsonl"
    if dp.exists():
        for line in dp.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if not r.get("news_exclude"):
                out.append(r)
    return out


def _matches(e, ref, want: tuple[str, str]) -> bool:
    """The expression (or, for a range, one of its ends) resolves to the expected interval.

    The peer writes periods with an exclusive end ("3 jusqu'a 12 de Sept" is [3, 12)); news reads
    "du 3 au 12" as including the 12th, so either end is accepted for a range of days.
    """
    iv = resolve(e, ref, None)
    if iv:
        got = (iv[0].isoformat(), iv[1].isoformat())
        if got == want:
            return True
        if e.kind == "range" and got[0] == want[0] \
                and date.fromisoformat(want[1]) + timedelta(days=1) == iv[1]:
            return True
    if e.kind == "range":
        return any(x is not None and _matches(x, ref, want) for x in (e.lo, e.hi))
    return False


def peer_case_ok(case: dict, reg: Registry) -> bool:
    text = case["text"]
    ref = parse_iso(case.get("reference_datetime")) if case.get("reference_datetime") else None
    exprs = find_time_expressions(text, "fr", reg)
    expected = case.get("expected") or []
    if not expected:
        return not exprs
    for x in expected:
        xs = x.get("start")
        if xs is None:
            xs = text.find(x["text"])
        xe = xs + (x.get("length") or len(x["text"]))
        hit = [e for e in exprs if e.start < xe and e.end > xs]
        if not hit:
            return False
        want = _expected_interval(x)
        if want == "any":
            continue
        if not any(_matches(e, ref, want) for e in hit):
            return False
    return True


def score_peers(folder: Path, reg: Registry, verbose: bool = False) -> tuple[int, int]:
    cases = peer_cases(folder)
    ok = 0
    for c in cases:
        if peer_case_ok(c, reg):
            ok += 1
        elif verbose:
            exprs = find_time_expressions(c["text"], "fr", reg)
            ref = parse_iso(c.get("reference_datetime")) if c.get("reference_datetime") else None
            print("  peer fail:", c["text"], "|", [(x["text"], _expected_interval(x)) for x in c["expected"]],
                  "| got", [(e.text, resolve(e, ref, None)) for e in exprs])
    return ok, len(cases)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--peers", default=None, help="folder of peer JSONL (default: SHARED/peers)")
    ap.add_argument("--gold", default="seeds,devset", help="gold folders to score ('' for none)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    reg = date_registry()
    shared = Path(a.shared)
    for name in [x for x in a.gold.split(",") if x]:
        folder = shared / ("seeds-gold" if name == "seeds" else name)
        arts = ROOT / "seeds" if name == "seeds" else folder / "articles"
        if not folder.is_dir():
            continue
        r = score_gold(folder, arts, reg, a.verbose)
        print(f"{name}: dates {r['ok']}/{r['dated']} matched, {r['invented']} invented")
        for doc, fl in r["flags"].items():
            print(f"  {doc}: {' '.join(fl)}")
    peers = Path(a.peers) if a.peers else shared / "peers"
    if peers.is_dir():
        ok, n = score_peers(peers, reg, a.verbose)
        print(f"peers: {ok}/{n} = {ok / max(n, 1):.1%} date spans found and resolved")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
