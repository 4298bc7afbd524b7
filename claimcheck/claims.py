"""Claim building: numbers with their hedge, interval, measure and counted noun.

`build_claims(article, registry)` reads the numbers of `claimcheck.numbers`, drops those that count
nothing (durations, ages, distances, magnitudes, multipliers, references such as "des deux pays",
figures of speech such as "« zéro réaction »"), joins the two ends of a range, reads the hedge around
each figure ("plus de", "at least", "près de", "12 000+") and turns it into a qualifier and an interval
with the conventions of the seed gold, and reads the counted noun phrase as written: after the figure
("45 véhicules blindés de transport de troupes"), across a "de" ("des centaines de missiles", "3 000 le
nombre total de soldats") or before it ("des camps … qui sont au moins cinq"). Attribution, subjects,
kinds and dates are left to the later stages.

Vocabulary: `rules/lang/<lang>/hedges.yaml` and `units.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import textutil
from .fastmodel import make_model
from .models import Article, Claim
from .numbers import Found, between_digits, scan
from .numwords_regex import Tail, longest
from .registry import Registry

_SP = r"[^\S\n]"
_WORD = re.compile(r"[^\W\d_][\w]*(?:['\-][^\W\d_][\w]*)*")
WINDOW = 64
_FRACTION_OF = re.compile(rf"{_SP}*(?:(?:of|de|des|du|the|its|their)\b|d')")
_QUOTE_OF = re.compile(rf"{_SP}*(?:de|d'|of)\b")
_PLUS_DIGIT = re.compile(r"\+\s*\d")
QUALIFIER_OF = {"more_than": "more_than", "at_least": "at_least", "up_to": "up_to", "at_most": "at_most",
                "approx": "approx", "approx_below": "approx"}


def _words(doc: Any) -> list[str]:
    return [str(w) for w in doc] if isinstance(doc, list) else []


def _rev_words(words: list[str]) -> str:
    """`words` folded and reversed, for a `Tail` gap (whole words)."""
    return longest({textutil.fold(w).strip()[::-1] for w in words if w.strip()}, lead=False) if words else r"(?!x)x"


def _alt(words: list[str]) -> str:
    """The longest of `words` (folded; a space matches spaces), whole words where they begin or end with one."""
    return longest({textutil.fold(w).strip() for w in words if w.strip()})


@dataclass
class Vocab:
    """The claim layer's vocabulary for one language, compiled."""

    lang: str
    band: float
    hedge_before: Tail
    hedge_before_kind: dict[str, str]
    hedge_after: re.Pattern[str]
    hedge_after_kind: dict[str, str]
    range_open: Tail
    range_joiners: frozenset[str]
    range_pair_joiner: dict[str, set[str]]
    duration_after: re.Pattern[str]
    physical: dict[str, tuple[str, bool]]
    physical_after: re.Pattern[str]
    non_claim_before: Tail
    non_claim_after: re.Pattern[str]
    reference_before: Tail
    reference_max: float
    bridges: re.Pattern[str]
    of_re: re.Pattern[str]
    leading_adj: frozenset[str]
    stop: frozenset[str]
    complement_stop: frozenset[str]
    stop_suffixes: tuple[str, ...]
    max_words: int
    antecedent_cue: Tail
    antecedent_det: re.Pattern[str]
    open_quote: re.Pattern[str]
    close_quote: re.Pattern[str]
    zero_word_is_claim: bool
    connectors: frozenset[str]
    complement_words: frozenset[str]
    currency_after: re.Pattern[str]
    numberish: frozenset[str]
    ratio_between: re.Pattern[str]
    bound_joiner: re.Pattern[str]
    change_before: Tail
    change_after: re.Pattern[str]
    modifier_claim: frozenset[str]
    multiplier_after: re.Pattern[str]
    range_change_verb: Tail
    from_word_to: re.Pattern[str]
    to_tail: Tail
    ratio_tail: Tail
    listicle_before: Tail
    listicle_after: re.Pattern[str]
    one_before_ratio: re.Pattern[str]
    clause_break: re.Pattern[str]


def vocab(registry: Registry, lang: str) -> Vocab:
    """The compiled claim vocabulary of `lang` (cached on the registry)."""
    lang = lang if registry.lexicon(lang, "hedges") else ("fr" if str(lang).startswith("fr") else "en")
    return registry.cached(f"claims:{lang}", lambda: _compile(registry, lang))


def _kind_map(doc: Any) -> tuple[re.Pattern[str], dict[str, str], list[str]]:
    kinds: dict[str, str] = {}
    for kind, words in (doc or {}).items():
        for w in _words(words):
            kinds.setdefault(re.sub(r"\s+", " ", textutil.fold(w).strip()), str(kind))
    return re.compile(""), kinds, list(kinds)


def _compile(reg: Registry, lang: str) -> Vocab:
    h = reg.lexicon(lang, "hedges")
    u = reg.lexicon(lang, "units")
    n = reg.lexicon(lang, "numbers")
    _, before_kind, before_words = _kind_map(h.get("before"))
    _, after_kind, after_words = _kind_map(h.get("after"))
    pairs = [p for p in h.get("range_pairs") or [] if isinstance(p, list) and len(p) == 2]
    pair_joiner: dict[str, set[str]] = {}
    for a, b in pairs:
        pair_joiner.setdefault(textutil.fold(str(a)), set()).add(textutil.fold(str(b)))
    physical: dict[str, tuple[str, bool]] = {}
    for dim, spec in (u.get("physical_units") or {}).items():
        if isinstance(spec, dict):
            for w in spec.get("words") or []:
                physical.setdefault(textutil.fold(str(w)), (str(dim), bool(spec.get("claim"))))
    quotes_open = _words(u.get("open_quotes"))
    quotes_close = _words(u.get("close_quotes"))
    of_words = _words(n.get("vague_of")) + ["des", "du", "of the"] if lang != "en" else ["of", "of the"]
    return Vocab(
        lang=lang, band=float(h.get("approx_band") or 0.1),
        hedge_before=Tail(before_words, gap=rf"(?:{_SP}*[«\"“])?{_SP}*(?:{_rev_words(_words(h.get('adverbs')))}{_SP}+)?",
                          window=56),
        hedge_before_kind=before_kind,
        hedge_after=re.compile(rf"{_SP}*(?:{_alt(after_words)})"), hedge_after_kind=after_kind,
        range_open=Tail([str(p[0]) for p in pairs], window=16),
        range_joiners=frozenset(textutil.fold(str(j)) for j in h.get("range_joiners") or []),
        range_pair_joiner=pair_joiner,
        duration_after=re.compile(rf"(?:{_SP}*-{_SP}*|{_SP}+)?(?:{_alt(_words(u.get('duration_words')))})"),
        physical=physical,
        physical_after=re.compile(rf"{_SP}*({_alt(list(physical))})(?!['\-])"),
        non_claim_before=Tail(_words(u.get("non_claim_before")), gap=r"[^\w\n.!?;]*(?:[\w']+[^\w\n.!?;]+){0,2}", window=48),
        non_claim_after=re.compile(rf"{_SP}*(?:{_alt(_words(u.get('non_claim_after')))})"),
        reference_before=Tail(_words(u.get("reference_determiners")), window=24),
        reference_max=float(u.get("reference_max") or 12),
        bridges=re.compile(rf"{_SP}+(?:{_alt(_words(u.get('unit_bridges')))}){_SP}*"),
        of_re=re.compile(rf"{_SP}*(?:{_alt(of_words)})(?:{_SP}+|(?<='))"),
        leading_adj=frozenset(textutil.fold(w) for w in _words(u.get("unit_leading_adjectives"))),
        stop=frozenset(textutil.fold(w) for w in _words(u.get("unit_stop_words"))),
        complement_stop=frozenset(textutil.fold(w) for w in _words(u.get("unit_complement_stop"))),
        stop_suffixes=tuple(_words(u.get("unit_stop_suffixes"))),
        max_words=int(u.get("unit_max_words") or 6),
        antecedent_cue=Tail(_words(u.get("antecedent_cues")), window=32),
        antecedent_det=re.compile(rf"(?:^|[^\w'])(?:{_alt(_words(u.get('antecedent_determiners')))}){_SP}+"),
        open_quote=re.compile(rf"(?:{'|'.join(re.escape(q) for q in quotes_open) or '(?!x)x'}){_SP}*$"),
        close_quote=re.compile(rf"{_SP}*(?:{'|'.join(re.escape(q) for q in quotes_close) or '(?!x)x'})"),
        zero_word_is_claim=bool(u.get("zero_word_is_claim")),
        connectors=frozenset(textutil.fold(w) for w in _words(n.get("connectors"))),
        complement_words=frozenset(["de", "d", "of"] if lang != "en" else ["of"]),
        numberish=frozenset(textutil.fold(str(w)) for key in ("units", "tens", "hundreds", "scales", "approx_nouns",
                                                               "vague_nouns", "months", "weekdays")
                            for w in (n.get(key) or [])) | frozenset(
            textutil.fold(w) for w in _words(n.get("vague_determiners")) if " " not in w) | frozenset(
            textutil.fold(w).split(" ")[0].split("'")[0] for w in before_words + after_words),
        bound_joiner=re.compile(rf"[^\S\n]*,?[^\S\n]*(?:{_alt(_words(h.get('bound_joiners')))})[^\S\n]+"),
        ratio_between=re.compile(rf"(?:{_SP}+[^\W\d_][\w'\-]*){{0,2}}{_SP}+(?:{_alt(_words(u.get('ratio_words')))}){_SP}+"),
        change_before=Tail(_words(u.get("change_before")), window=32),
        change_after=re.compile(rf"{_SP}*(?:{_alt(_words(u.get('change_after')))})"),
        from_word_to=re.compile(
            "|".join(rf"(?<![\w']){re.escape(textutil.fold(str(a)))}(?:{_SP}+|(?<=')){_SP}*[^\W\d_]+{_SP}+"
                     rf"{re.escape(textutil.fold(str(b)))}{_SP}+$" for a, b in pairs) or r"(?!x)x"),
        to_tail=Tail([str(b) for _, b in pairs], window=8),
        ratio_tail=Tail(_words(u.get("ratio_words")), window=12),
        range_change_verb=Tail(_words(u.get("range_change_verbs")), gap=r"[^\w\n.!?;]*(?:[\w']+[^\w\n.!?;]+){0,2}",
                               window=48),
        listicle_before=Tail(_words(u.get("listicle_before")), window=12),
        listicle_after=re.compile(rf"{_SP}+(?:{_alt(_words(u.get('listicle_nouns')))})"),
        multiplier_after=re.compile(rf"{_SP}*(?:{_alt(_words(u.get('multiplier_words')))})"),
        modifier_claim=frozenset(textutil.fold(w) for w in _words(u.get("modifier_claim_words"))),
        one_before_ratio=re.compile(
            rf"(?<!\w)(?P<num>{_alt(_words(n.get('proportion_numerators')))})(?:{_SP}+[^\W\d_][\w'\-]*){{0,2}}"
            rf"{_SP}+(?:{_alt(_words(u.get('ratio_words')))}){_SP}+$"),
        clause_break=re.compile(rf"(?:[;:]|(?<!\w)(?:{_alt(_words(u.get('clause_joiners')))})){_SP}+"
                                rf"(?:{_alt(_words(u.get('clause_subject_determiners')))})(?:{_SP}+|(?<='))[^\W\d_]"),
        currency_after=re.compile(rf"{_SP}*(?:(?:de{_SP}+|d'|of{_SP}+))?(?:{_alt(_words(u.get('currency_words')) + list((u.get('currency_symbols') or {}).keys()))})"),
    )


# ---------------------------------------------------------------- the counted noun phrase

def _classify(v: Vocab, w: str) -> tuple[str, str]:
    """What a word does in a noun phrase: 'word', 'comp' (de/of), 'conn' (et/and) or 'stop'."""
    if "'" in w:
        prefix, rest = w.split("'", 1)
        if prefix in v.complement_words:
            return "comp", rest
        if prefix in v.stop:
            return "stop", rest
    if w in v.complement_words:
        return "comp", ""
    if w in v.connectors:
        return "conn", ""
    if w in v.stop or w in v.numberish:
        return "stop", ""
    return "word", w


def _plain(v: Vocab, w: str) -> bool:
    kind, _ = _classify(v, w)
    return kind == "word" and w not in v.complement_stop and w not in v.leading_adj


def read_noun_phrase(v: Vocab, f: str, text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The counted noun phrase starting at `pos` (as written) and where it ends; (None, pos) if none."""
    words: list[tuple[int, int]] = []
    p = pos
    head = -1
    while len(words) < v.max_words and p < limit:
        q = _skip_space(f, p)
        wm = _WORD.match(f, q)
        if not wm or wm.end() > limit or (q == p and words):
            break
        w = wm.group(0)
        kind, rest = _classify(v, w)
        if kind == "word":
            if head >= 0 and v.stop_suffixes and any(w.endswith(x) for x in v.stop_suffixes):
                break
            words.append((q, wm.end()))
            if head < 0 and w not in v.leading_adj:
                head = len(words) - 1
            p = wm.end()
            continue
        if head < 0 or kind == "stop":
            break
        if kind == "comp" and rest:  # "d'entraînement"
            if not _plain(v, rest):
                break
            words.append((q, wm.end()))
            p = wm.end()
            continue
        nq = _skip_space(f, wm.end())
        nxt = _WORD.match(f, nq)
        if not nxt or nq == wm.end() or nxt.end() > limit or not _plain(v, nxt.group(0)):
            break
        if v.stop_suffixes and nxt.group(0).endswith(v.stop_suffixes):
            break  # "3 lakh people and caused …": a verb after the connector ends the phrase
        words.append((q, wm.end()))
        words.append((nq, nxt.end()))
        p = nxt.end()
    if head < 0:
        return None, pos
    while len(words) > head + 1 and _classify(v, f[words[-1][0]:words[-1][1]]) in (("comp", ""), ("conn", "")):
        words.pop()
    return text[words[head][0]:words[-1][1]], words[-1][1]


def _skip_space(f: str, p: int) -> int:
    while p < len(f) and f[p] in " \t":
        p += 1
    return p


# ---------------------------------------------------------------- building one claim

@dataclass
class _Draft:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    measure: str
    unit: str | None
    flags: tuple[str, ...]
    num_start: int
    num_end: int


class _Builder:
    def __init__(self, v: Vocab, text: str):
        self.v, self.text, self.f = v, text, textutil.fold(text)

    def skip(self, fd: Found, last: Found) -> bool:
        """True when the figure counts nothing (see module docstring)."""
        v, f = self.v, self.f
        if fd.value == 0 and fd.form == "words" and not v.zero_word_is_claim:
            return True
        if v.duration_after.match(f, last.end) or v.non_claim_after.match(f, last.end):
            return True
        pm = v.physical_after.match(f, last.end)
        if pm and fd.measure == "count" and not v.physical.get(pm.group(1), ("", True))[1]:
            return True
        nc = v.non_claim_before.match(f, fd.start)
        if nc >= 0:
            hs = v.hedge_before.match(f, fd.start)
            if not 0 <= hs <= nc:  # "franchit la barre des 3 000": the hedge holds the cue
                return True
        if fd.measure == "percent" and (v.change_after.match(f, last.end)
                                        or v.change_before.match(f, fd.start) >= 0):
            return True  # "un quart de plus", "up 20%": a change, not a level
        if v.multiplier_after.match(f, last.end) and v.change_before.match(f, fd.start) >= 0:
            return True  # "rising two to three times", "multiplié par trois"
        if self.modifier(last.end):
            return True
        fm = v.from_word_to.search(f, max(0, fd.start - 40), fd.start) if v.to_tail.match(f, fd.start) >= 0 else None
        if fm and v.range_change_verb.match(f, fm.start()) >= 0:
            return True  # "porter de un à trois le nombre de jours": the end of a setting changed
        if v.listicle_before.match(f, fd.start) >= 0 and v.listicle_after.match(f, last.end):
            return True  # "la crise en 5 questions", "the year in 10 charts"
        if self.apposed_age(fd, last):
            return True
        if fd.words_only_small and fd.value is not None and abs(fd.value) <= v.reference_max \
                and v.reference_before.match(f, fd.start) >= 0:
            return True
        if fd.fraction and not _FRACTION_OF.match(f, fd.end):
            return True
        return False

    def modifier(self, end: int) -> bool:
        """A figure hyphenated to a noun modifies it: "577-seat", "three-way", "10-point" ("1,500-strong" counts)."""
        f = self.f
        if f[end:end + 1] != "-":
            return False
        wm = _WORD.match(f, end + 1)
        if not wm:
            return False
        return wm.group(0).split("-")[0] not in self.v.modifier_claim

    def apposed_age(self, fd: Found, last: Found) -> bool:
        """An age in apposition to a name: "Le Pen, 55, said", "Vicente, 67, lost"."""
        text = self.text
        if fd is not last or fd.form != "digits" or fd.value is None or not 1 <= fd.value <= 120 \
                or fd.value != int(fd.value) or fd.measure != "count":
            return False
        if text[fd.end:fd.end + 1] != "," or text[max(0, fd.start - 2):fd.start] != ", ":
            return False
        q = fd.start - 2
        p = q
        while p > 0 and (text[p - 1].isalpha() or text[p - 1] in "-'’."):
            p -= 1
        return q > p and text[p].isupper()

    def hedge(self, start: int) -> tuple[str | None, int]:
        cue = self.v.hedge_before.cue(self.f, start)
        if cue is None:
            return None, start
        return self.v.hedge_before_kind.get(cue), self.v.hedge_before.match(self.f, start)

    def hedge_after(self, end: int) -> tuple[str | None, int]:
        m = self.v.hedge_after.match(self.f, end)
        if not m:
            return None, end
        word = m.group(0).strip()
        if word == "+" and m.start() != end - 0 and self.f[end:end + 1] != "+":
            return None, end
        if word == "+" and _PLUS_DIGIT.match(self.f, end):
            return None, end
        return self.v.hedge_after_kind.get(" ".join(word.split())), m.end()

    def interval(self, kind: str | None, value: float, approx_noun: bool) -> tuple[str, float | None, float | None]:
        b = self.v.band
        if kind is None:
            if approx_noun:
                return "approx", value * (1 - b), value * (1 + b)
            return "exact", value, value
        if kind in ("more_than", "at_least"):
            return kind, value, None
        if kind in ("up_to", "at_most"):
            return kind, None, value
        if kind == "approx_below":
            return "approx", value * (1 - b), value
        return "approx", value * (1 - b), value * (1 + b)

    def unit_after(self, fd: Found, end: int) -> tuple[str | None, int, str, str | None]:
        """The counted noun (or unit) after a figure: (unit, end, measure, quantity unit)."""
        v, f, text = self.v, self.f, self.text
        measure, unit = fd.measure, fd.unit
        p = end
        qm = v.close_quote.match(f, p)
        quoted = bool(qm)
        if qm:
            p = qm.end()
        if measure == "money":
            cm = v.currency_after.match(f, end)
            return unit, (cm.end() if cm else end), measure, None
        pm = v.physical_after.match(f, p)
        if pm and measure == "count":
            dim, _claim = v.physical[pm.group(1)]
            return text[pm.start(1):pm.end(1)], pm.end(), "quantity", text[pm.start(1):pm.end(1)]
        bm = v.bridges.match(f, p)
        if bm:
            noun, nend = read_noun_phrase(v, f, text, bm.end(), len(f))
            if noun:
                return noun, nend, measure, None
        om = v.of_re.match(f, p)
        needs_of = fd.scaled or fd.value is None or quoted or measure == "percent" or fd.fraction
        if om and needs_of:
            noun, nend = read_noun_phrase(v, f, text, om.end(), len(f))
            if noun:
                return noun, nend, measure, None
            return None, end, measure, None
        if measure == "percent":
            return None, end, measure, None
        if om and self.v.lang == "en":
            return None, end, measure, None
        noun, nend = read_noun_phrase(v, f, text, p, len(f))
        if noun:
            return noun, nend, measure, None
        return None, end, measure, None

    def antecedent(self, start: int, sent_start: int) -> str | None:
        """The counted noun standing before the figure: "des camps … qui sont au moins cinq"."""
        v, f = self.v, self.f
        if v.antecedent_cue.match(f, start) < 0:
            return None
        before = f[max(sent_start, start - 200):start]
        best = None
        for m in v.antecedent_det.finditer(before):
            noun, _ = read_noun_phrase(v, f, self.text, max(sent_start, start - 200) + m.end(), start)
            if noun:
                best = noun
        return best

    def draft(self, a: Found, b: Found | None, sent_start: int) -> _Draft | None:
        if b is None and a.form == "digits" and a.value is not None and a.measure == "count" and not a.flags \
                and not a.fraction and between_digits(self.f, a.start, a.end):
            return self.draft_bare(a)
        last = b or a
        if self.skip(a, last) or (b is not None and self.skip(b, b)):
            return None
        f = self.f
        start, end = a.start, last.end
        flags = tuple(sorted(set(a.flags) | set(last.flags)))
        value: float | None
        low: float | None
        high: float | None
        if b is not None:
            lo, hi = a.value, b.value
            assert lo is not None and hi is not None
            value, qualifier = (lo + hi) / 2, "range"
            om = self.v.range_open.match(f, start)
            if om >= 0:
                if self.v.range_change_verb.match(f, om) >= 0:
                    return None  # "porter de un à trois le nombre de jours": a setting changed
                start = om
            low, high = lo, hi
        elif a.value is None:
            value, low, high, qualifier = None, a.low, a.high, "vague"
        else:
            value = a.value
            if a.fraction:
                value = round(value * 100, 1)
            kind, hstart = self.hedge(start)
            after, hend = self.hedge_after(end)
            if after is not None and kind in (None, "approx", "approx_below"):
                kind, end = after, hend  # "about 500 or more": the bound wins over the approximation
            elif kind is not None:
                start = hstart
            qualifier, low, high = self.interval(kind, value, a.approx_noun)
        qs = self.v.open_quote.search(f[max(0, start - 3):start])
        if qs:
            qstart = start - (len(f[max(0, start - 3):start]) - qs.start())
            cq = self.v.close_quote.match(f, end)
            if cq and _QUOTE_OF.match(f, cq.end()):
                start = qstart
        measure = last.measure
        unit, uend, measure, _q = self.unit_after(last, end)
        if unit is None and measure == "money":
            unit = last.unit
        if measure == "money" and last.unit and unit is None:
            unit = last.unit
        end = max(end, uend)
        if unit is None and measure == "count":
            unit = self.antecedent(start, sent_start)
        if measure == "quantity" and unit is not None and self.v.lang == "en":
            from .quantities import unit_name  # noqa: PLC0415 - lazy: quantulum3 is slow to import
            unit = unit_name(self.text[a.start:uend], self.v.lang) or unit
        return _Draft(start=start, end=end, value=value, low=low, high=high, qualifier=qualifier,
                      measure=measure, unit=unit, flags=flags, num_start=a.start, num_end=last.end)


    def proportion(self, num_start: int, num_end: int, num: float, den: Found, flags: tuple[str, ...],
                   sent_start: int) -> _Draft | None:
        """A proportion, "un enseignant sur trois", "1 in 5 adults": a percent (33.3, 20.0)."""
        if den.value is None or den.value <= 0 or not 0 < num < den.value:
            return None
        if self.skip(den, den):
            return None
        value = round(num / den.value * 100, 1)
        kind, hstart = self.hedge(num_start)
        start = hstart if kind is not None else num_start
        qualifier, low, high = self.interval(kind, value, False)
        unit, uend = read_noun_phrase(self.v, self.f, self.text, num_end, den.start)
        end = den.end
        if unit is None:
            unit, uend = read_noun_phrase(self.v, self.f, self.text, den.end, len(self.f))
            end = max(end, uend) if unit else end
        return _Draft(start=start, end=end, value=value, low=low, high=high, qualifier=qualifier,
                      measure="percent", unit=unit, flags=flags, num_start=num_start, num_end=den.end)

    def draft_bare(self, a: Found) -> _Draft | None:
        """`draft` for digits between digits (see numbers.between_digits): no hedge, quote or noun can
        touch them, only a cue a few words before ("âge 12 34")."""
        if self.v.non_claim_before.match(self.f, a.start) >= 0:
            return None
        return _Draft(start=a.start, end=a.end, value=a.value, low=a.value, high=a.value, qualifier="exact",
                      measure="count", unit=None, flags=(), num_start=a.start, num_end=a.end)


def _is_score(f: str, a: Found, b: Found) -> bool:
    """Two figures joined by a bare hyphen, the first not smaller: a score or a vote ("3-1", "312-109")."""
    return (b.range_prev and b.joiner == "-" and a.value is not None and b.value is not None
            and a.value >= b.value and f[a.end:b.start] == "-")


def _is_ratio(v: Vocab, f: str, a: Found, b: Found) -> bool:
    """"1 in 5 adults", "3 Français sur 10": a ratio, not two counts."""
    m = v.ratio_between.fullmatch(f, a.end, b.start)
    return m is not None and a.value is not None and b.value is not None and a.value < b.value


def _is_range(v: Vocab, f: str, a: Found, b: Found) -> bool:
    if not b.range_prev or a.value is None or b.value is None or a.value >= b.value:
        return False
    if a.fraction or b.fraction:
        return False
    j = b.joiner
    if j in v.range_joiners:
        return True
    opener = v.range_open.cue(f, a.start)
    if opener is not None:
        return j in v.range_pair_joiner.get(opener, set())
    return False


def _fill_elided_units(v: Vocab, f: str, claims: list[Claim]) -> None:
    """A figure with no noun counts the noun of a neighbouring figure in the same clause.

    The previous counted figure of the sentence gives its noun; failing that, the next one; never
    across a new clause with its own subject ("…, et le ministère a établi le total à 1,089 million").
    Linear.
    """
    by_sentence: dict[int, list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault(c.sentence_start, []).append(c)
    for group in by_sentence.values():
        counted = [c for c in group if c.measure == "count"]
        last: str | None = None
        prev: Claim | None = None
        pending: list[Claim] = []
        for c in counted:
            if prev is not None and v.clause_break.search(f, prev.end, c.start):
                last, pending = None, []
            prev = c
            if c.unit is not None:
                last = c.unit
                for p in pending:
                    p.unit = c.unit
                pending = []
            elif last is not None:
                c.unit = last
            else:
                pending.append(c)


def _merge_bounds(v: Vocab, text: str, f: str, claims: list[Claim]) -> list[Claim]:
    """A lower and an upper bound joined by "and"/"but" make one range ("more than 100 but fewer than 200")."""
    out: list[Claim] = []
    i = 0
    while i < len(claims):
        a = claims[i]
        b = claims[i + 1] if i + 1 < len(claims) else None
        if b is not None and a.sentence_start == b.sentence_start and a.measure == b.measure \
                and v.bound_joiner.fullmatch(f, a.end, b.start):
            lo_c, hi_c = (a, b) if a.high is None else (b, a)
            if lo_c.high is None and hi_c.low is None and lo_c.low is not None and hi_c.high is not None \
                    and lo_c.low < hi_c.high:
                lo, hi = lo_c.low, hi_c.high
                out.append(a.model_copy(update={
                    "surface": text[a.start:b.end], "end": b.end, "value": (lo + hi) / 2, "low": lo, "high": hi,
                    "qualifier": "range", "unit": a.unit or b.unit,
                    "flags": sorted(set(a.flags) | set(b.flags))}))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _flt(x: float | None) -> float | None:
    return None if x is None else float(x)


def build_claims(article: Article, registry: Registry) -> list[Claim]:
    """The numerical claims of one article (attribution, dates and subjects come later)."""
    text = article.text
    if not text:
        return []
    lang = article.lang or "fr"
    v = vocab(registry, lang)
    b = _Builder(v, text)
    found = scan(text, lang, registry, folded=b.f)
    spans = textutil.sentence_spans(text)
    claims: list[Claim] = []
    sentences: dict[int, str] = {}  # one string per sentence, shared by its claims
    i = 0
    while i < len(found):
        a = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        ss, se = textutil.sentence_of(spans, a.start) if spans else (0, len(text))
        d: _Draft | None
        if nxt is not None and _is_ratio(v, b.f, a, nxt):
            assert a.value is not None
            d = b.proportion(a.start, a.end, a.value, nxt, tuple(sorted(set(a.flags) | set(nxt.flags))), ss) \
                if a.measure == "count" and a.value == int(a.value) else None
            i += 2
        elif nxt is not None and _is_score(b.f, a, nxt):
            i += 2
            continue
        else:
            one = v.one_before_ratio.search(b.f, max(ss, a.start - 60), a.start) \
                if a.form in ("digits", "words") and a.value is not None and v.ratio_tail.match(b.f, a.start) >= 0 \
                else None
            if one is not None:
                d = b.proportion(one.start(), one.end("num"), 1.0, a, a.flags, ss)
                i += 1
            else:
                pair = nxt if nxt is not None and _is_range(v, b.f, a, nxt) else None
                d = b.draft(a, pair, ss)
                i += 2 if pair is not None else 1
        if d is None:
            continue
        if d.low is not None and d.value is not None and d.high is not None and not d.low <= d.value <= d.high:
            continue
        # built without re-validation (see make_model): every field is typed here, floats made floats
        claims.append(make_model(
            Claim, article=article.id, surface=text[d.start:d.end], start=d.start, end=d.end, value=_flt(d.value),
            low=_flt(d.low), high=_flt(d.high), qualifier=d.qualifier, measure=d.measure, unit=d.unit,
            lang=v.lang, sentence=sentences.get(ss) or sentences.setdefault(ss, text[ss:se]), sentence_start=ss, flags=list(d.flags),
            published=article.published))
    claims = _merge_bounds(v, text, b.f, claims)
    _fill_elided_units(v, b.f, claims)
    claims.sort(key=lambda c: (c.start, c.end))
    return claims
