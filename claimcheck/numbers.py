"""Number recognition for French and English news: `find_numbers(text, lang)`.

Every number written in a text, in order: digits with the separators news uses ("7.000", "1 272 000",
"4,8", "1,674.5"), number words ("quatre-vingt-dix", "eleven thousand"), mixed forms ("11 thousand",
"1,5 million", "$61bn", "10k"), approximate nouns ("une dizaine", "a dozen"), vague amounts ("des
centaines", "tens of thousands": value None, with their band in `low`/`high`), fractions ("un tiers",
"two thirds") and percentages. Both ends of a range are two mentions ("entre 1,7 et 1,8 million" gives
1 700 000 and 1 800 000).

Not numbers: dates and years ("le 6 août", "février 2022", "2024-08"), times ("17h39", "10:15 am"),
ordinals ("1er", "14th"), identifiers (designations such as "AK-12", addresses, phone numbers,
"n° 12", IP addresses and versions) and page furniture ("Comment (0)", "Photo 1/5").

All vocabulary comes from `rules/lang/<lang>/numbers.yaml` (and the unit and currency words of
`units.yaml`); patterns are compiled once per registry. Matching runs on `textutil.fold(text)`, whose
offsets are those of the text. The scan is linear: a seed regex finds candidates, each candidate is read
forward over a bounded number of tokens, and context is read in fixed-size windows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from . import textutil
from .fastmodel import make_model
from .models import NumberMention
from .numwords import (
    APPROX,
    ARTICLE,
    CONN,
    DEC,
    DIGITS,
    FRACTION,
    HUNDRED,
    NEG,
    OF,
    SCALE,
    TEN,
    UNIT,
    Piece,
    Reader,
    Token,
)
from .numwords_regex import SP, Tail, trie, words_re
from .registry import Registry, default_registry

_SP = r"[^\S\n]"  # a space that is not a line break
_JOIN = re.compile(rf"{_SP}*-{_SP}*|{_SP}+")
_DIGITS = re.compile(r"(?<![\w.,])(?:\d{1,3}(?: \d{3})+(?!\d)(?:[.,]\d+(?![.,]?\d))?|\d+(?:[.,]\d+)*|[.,]\d+(?![.,]?\d))")
_LETTER_AFTER = re.compile(r"[^\W\d_]+")
_SPACED = re.compile(r"([\d ]+?)(?:[.,](\d+))?")
_SEPS = re.compile(r"([.,])")
_LETTER = re.compile(r"[a-z]")
_SLASHED = re.compile(r"[\d/]+")
_AFTER_OF = re.compile(r"[^\S\n]+of\b")
_DAY_END = re.compile(r"\s*(?:[,.;:)!?»\"]|$|et\s+\d|au\s+\d|-\d)")
_DAY_RANGE_END = re.compile(r"\s+(?:et|au)\s+(?:le\s+)?\d{1,2}(?!\d)")  # "entre le 8 et le 13 octobre"
_FOUR_DIGITS = re.compile(r"\d{4}")
_TWO_DIGITS = re.compile(r"\d{1,2}")
_PHONE = re.compile(r"\d[\d \t().\-/]{6,}\d")
_DESIGNATION = re.compile(r"-[a-z]{1,8}(?![\w$€£¥])")
_SLASH_FRACTION = re.compile(r"/(\d{1,3})(?![\d/.,])(?=[^\S\n]*(?:(?:of|de|des|du)\b|d'))")
_CAPITAL_BEFORE = re.compile(r"[A-ZÀ-ÞĀ-Ž][\w'’\-]*,?[^\S\n]+$")  # a name right before a figure
_DIGIT = re.compile(r"\d")
_COUNTER_OF = re.compile(r"(?<![\d.,])(\d{1,4})[^\S\n]+(?:of|sur|de|/)[^\S\n]+$")
_DIGIT_RUN = re.compile(r"\d+(?:[a-z]\w*)?")
MAX_TOKENS = 48
WINDOW = 48


# ---------------------------------------------------------------- the compiled grammar

def _alternation(words: list[str]) -> str:
    """A fast regex for a word list (see numwords_regex.words_re)."""
    return words_re(words)


def _key(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", textutil.fold(s).strip())


def _fkey(s: str) -> str:
    """`_key` for a piece of already folded text."""
    return s if " " not in s and "-" not in s else re.sub(r"[\s\-]+", " ", s.strip())


def _num_map(doc: Any) -> dict[str, float]:
    return {_key(str(k)): float(v) for k, v in (doc or {}).items()} if isinstance(doc, dict) else {}


def _words(doc: Any) -> list[str]:
    return [str(w) for w in doc] if isinstance(doc, list) else []


@dataclass
class Grammar:
    """Everything find_numbers needs for one language, compiled from the vocabulary."""

    lang: str
    lookup: dict[str, tuple[str, float]]
    needs_numerator: frozenset[str]
    word_re: re.Pattern[str]
    seed_re: re.Pattern[str]
    seed_words: frozenset[str]
    articles: frozenset[str]
    article_next_re: re.Pattern[str]
    digit_block_re: re.Pattern[str]
    month_tail: Tail
    month_fwd_re: re.Pattern[str]
    month_after_re: re.Pattern[str]
    weekday_tail: Tail
    weekday_fwd_re: re.Pattern[str]
    suffix_re: re.Pattern[str] | None
    suffix_values: dict[str, float]
    suffix_need_currency: frozenset[str]
    percent_re: re.Pattern[str]
    cur_before: Tail
    cur_after_re: re.Pattern[str]
    cur_symbols: dict[str, str]
    ident_before: Tail
    street_after_re: re.Pattern[str]
    street_before_re: re.Pattern[str]
    year_before: Tail
    day_before: Tail
    per_before: Tail
    next_word_re: re.Pattern[str]
    stop_words: frozenset[str]
    function_words: frozenset[str]
    bare_year_before_noun: bool
    known_attached: frozenset[str]
    vague: dict[str, float]
    vague_det: Tail
    vague_of_re: re.Pattern[str]
    vague_needs_det: bool
    pronoun_before: Tail
    pronoun_after_re: re.Pattern[str] | None
    artifact_re: re.Pattern[str] | None
    decimal_sep: str
    year_range: tuple[int, int]
    reader: Reader
    extra: dict[str, Any] = field(default_factory=dict)


def grammar(registry: Registry, lang: str) -> Grammar:
    """The compiled grammar of `lang` for this registry (cached on the registry)."""
    lang = lang if registry.lexicon(lang, "numbers") else ("fr" if str(lang).startswith("fr") else "en")
    return registry.cached(f"numbers:{lang}", lambda: _compile(registry, lang))


def _compile(reg: Registry, lang: str) -> Grammar:
    lex = reg.lexicon(lang, "numbers")
    units_lex = reg.lexicon(lang, "units")
    lookup: dict[str, tuple[str, float]] = {}
    for kind, name in ((SCALE, "scales"), (HUNDRED, "hundreds"), (TEN, "tens"), (UNIT, "units"),
                       (APPROX, "approx_nouns")):
        for w, v in _num_map(lex.get(name)).items():
            lookup.setdefault(w, (kind, v))
    for w, v in _num_map(lex.get("fractions")).items():
        lookup.setdefault(w, (FRACTION, v))
    articles = [_key(w) for w in _words(lex.get("articles"))]
    for w in articles:
        if w not in lookup or lookup[w][0] == UNIT:
            lookup[w] = (ARTICLE, 1.0) if w not in lookup else lookup[w]
    for kind, name in ((CONN, "connectors"), (DEC, "decimal_words"), (NEG, "negative_words"), (OF, "vague_of")):
        for w in _words(lex.get(name)):
            lookup.setdefault(_key(w), (kind, 0.0))
    article_set = set(articles)
    all_words = list(lookup) + list(_num_map(lex.get("vague_nouns")))
    word_re = re.compile(_alternation(all_words))
    value_words = [w for w, (k, _) in lookup.items()
                   if k in (UNIT, TEN, HUNDRED, SCALE, APPROX, FRACTION, NEG) and w not in article_set]
    vague = _num_map(lex.get("vague_nouns"))
    heads = [w for w, (k, _) in lookup.items() if k in (SCALE, HUNDRED, APPROX, FRACTION)]
    article_seed = f"{trie(articles)}(?={SP}+(?:{_alternation(heads)}))" if articles else r"(?!x)x"
    first_words = {re.split(r"[ \-']", w)[0] for w in value_words + list(vague)}
    seed_re = re.compile(rf"\b(?:\d|{trie(first_words)}(?!\w)|{article_seed})")
    months_l, weekdays_l = _words(lex.get("months")), _words(lex.get("weekdays"))
    months = words_re(months_l)
    ords = trie(_words(lex.get("ordinal_suffixes"))) + r"(?!\w)"
    digit_block = [
        r"(?:1[89]|20)\d\d-[01]\d(?:-[0-3]\d)?\b",                        # ISO dates and months
        r"\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b",                       # 09/02/2023, 5/17/2018
        rf"(?:[01]?\d|2[0-4]){SP}?h{SP}?[0-5]\d\b",                        # 17h39, 14 h 30
        r"(?:[01]?\d|2[0-4])h(?!\w)",                                     # 14h
        rf"\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:{SP}?(?:a\.m\.|p\.m\.|am|pm)(?!\w))?",
        rf"\d{{1,2}}{SP}?(?:a\.m\.|p\.m\.|am\b|pm\b)",
        rf"\d{{1,2}}(?:{ords})?(?:{SP}*(?:,|et|and|-|au|à|to|&){SP}*\d{{1,2}}(?:{ords})?)*(?:{SP}+|-){months}\.?(?:,?{SP}+\d{{4}}\b)?",
        rf"\d+{ords}",                                                      # 1er, 14th
        r"\d+[a-z]+\d\w*",                                                # H5N1, 4x4
        r"(?<!\d)0\d(?:[ .]\d\d){4}\b",                                  # 01 23 45 67 89
        r"(?<![\d,.])0\d{2,4}(?:[ .\-]\d{2,4}){2,4}\b",                   # 0800 555 111, 020 7946 0958
        r"(?<=\()\d{3}\)[ ]?\d{3}[\-.]\d{4}\b",                            # (202) 555-0143
        r"(?<![\d,.])\d{3}[\-.]\d{3}[\-.]\d{4}\b",                          # 202-555-0143
    ]
    digit_block_re = re.compile("|".join(f"(?:{b})" for b in digit_block))
    month_tail = Tail(months_l, gap=rf"{SP}+,?\.?")
    month_fwd_re = re.compile(rf"\d{{1,2}}(?:{ords})?\b(?!{SP}?\d|[.,]\d)(?:,?{SP}+\d{{4}}\b)?|\d{{4}}\b")
    weekday_tail = Tail(weekdays_l, gap=rf"{SP}+,?\.?")
    weekday_fwd_re = re.compile(rf"\d{{1,2}}\b(?![.,]\d|{SP}\d)")
    suffixes = {str(k): float(v) for k, v in (lex.get("suffixes") or {}).items()}
    suffix_re = None
    if suffixes:
        alts = "|".join(re.escape(s) for s in sorted(suffixes, key=lambda s: -len(s)))
        suffix_re = re.compile(rf"{_SP}{{0,2}}({alts})(?![^\W\d_])")
    percent_re = re.compile(rf"{_SP}*(?:{_alternation(_words(lex.get('percent_markers')))})")
    symbols = {textutil.fold(str(k)): str(v) for k, v in (units_lex.get("currency_symbols") or {}).items()}
    sym_alt = "|".join(re.escape(s) for s in sorted(symbols, key=lambda s: -len(s))) or r"(?!x)x"
    cur_before = Tail(list(symbols), gap=rf"-?{SP}?", window=8)
    cur_words = _words(units_lex.get("currency_words"))
    cur_after_re = re.compile(rf"{_SP}*(?:(?:de{_SP}+|d'|of{_SP}+))?({_alternation(cur_words)}|{sym_alt})")
    ident_before = Tail(_words(lex.get("identifier_before")), gap=rf"{SP}*[(:#]?{SP}*\.?", window=24)
    street_words = "|".join(re.escape(w) for w in sorted(_words(lex.get("street_after")), key=len, reverse=True))
    street_after_re = re.compile(rf"{SP}*,?{SP}*(?:[A-Z][\w'\-]*{SP}+){{0,2}}(?i:{street_words})\b")
    street_before = "|".join(re.escape(w) for w in sorted(_words(units_lex.get("street_before")), key=len, reverse=True))
    name = r"[A-ZÀ-ÞĀ-Ž][\w'’\-]*|de|del|de la|di|da|do|dos|der|des|du|la|las|los|el"
    street_before_re = re.compile(rf"(?<!\w)(?i:{street_before or '(?!x)x'})(?:{SP}+(?:{name})){{1,4}},?{SP}*$")
    year_before = Tail(_words(lex.get("year_before")), window=24)
    day_before = Tail(_words(lex.get("day_before")), window=16)
    next_word_re = re.compile(rf"{_SP}+([^\W\d_][\w'\-]*)")
    stop = frozenset(textutil.fold(w) for w in _words(units_lex.get("unit_stop_words")))
    attached: set[str] = set(textutil.fold(s) for s in suffixes)
    for dim in (units_lex.get("physical_units") or {}).values():
        if isinstance(dim, dict):
            attached |= {textutil.fold(str(w)) for w in dim.get("words") or []}
    attached |= {textutil.fold(w) for w in cur_words}
    attached |= {textutil.fold(w) for w in _words(units_lex.get("duration_words"))}
    vague_det = Tail(_words(lex.get("vague_determiners")), gap=rf"{SP}*[\"«“]?{SP}*", window=32)
    vague_of_re = re.compile(rf"{_SP}+(?:{_alternation(_words(lex.get('vague_of')))}){_SP}*(?:{_alternation(list(vague))})")
    pb = _words(lex.get("pronoun_one_before"))
    pa = _words(lex.get("pronoun_one_after"))
    pronoun_before = Tail(pb, window=24)
    pronoun_after_re = re.compile(rf"{_SP}*(?:{_alternation(pa)})") if pa else None
    arts = _words(units_lex.get("artifact_tokens"))
    artifact_re = re.compile(rf"{_SP}+(?:{'|'.join(re.escape(a) for a in arts)})\b") if arts else None
    yr = lex.get("year_range") or [1800, 2100]
    return Grammar(
        lang=lang, lookup=lookup,
        needs_numerator=frozenset(_key(w) for w in _words(lex.get("fractions_need_numerator"))),
        word_re=word_re, seed_re=seed_re,
        seed_words=frozenset(first_words),
        articles=frozenset(articles), article_next_re=re.compile(rf"{SP}+(?:{_alternation(heads)})"), digit_block_re=digit_block_re, month_tail=month_tail,
        month_fwd_re=month_fwd_re, month_after_re=re.compile(rf"(?:{ords})?{SP}+{months}"), weekday_tail=weekday_tail, weekday_fwd_re=weekday_fwd_re, suffix_re=suffix_re, suffix_values=suffixes,
        suffix_need_currency=frozenset(_words(lex.get("suffixes_needing_currency"))),
        percent_re=percent_re, cur_before=cur_before, cur_after_re=cur_after_re, cur_symbols=symbols,
        ident_before=ident_before, street_after_re=street_after_re, street_before_re=street_before_re, year_before=year_before,
        day_before=day_before, per_before=Tail(["pour", "per"], window=12), next_word_re=next_word_re, stop_words=stop,
        bare_year_before_noun=bool(lex.get("bare_year_before_noun")),
        function_words=stop | frozenset(_fkey(w) for w in lookup) | frozenset(
            textutil.fold(w).split(" ")[0] for doc in (reg.lexicon(lang, "hedges").get("before") or {}).values()
            for w in (doc or [])) | frozenset(textutil.fold(w) for w in _words(lex.get("months")) + _words(lex.get("weekdays"))),
        known_attached=frozenset(attached), vague=vague, vague_det=vague_det,
        vague_of_re=vague_of_re, vague_needs_det=lang != "en",
        pronoun_before=pronoun_before, pronoun_after_re=pronoun_after_re, artifact_re=artifact_re,
        decimal_sep=str(lex.get("decimal_separator") or "."), year_range=(int(yr[0]), int(yr[1])),
        reader=Reader(frozenset(float(x) for x in lex.get("tens_taking_teens") or []),
                      _key(lex["ten_word"]) if lex.get("ten_word") else None),
    )


# ---------------------------------------------------------------- digits

def digit_value(s: str, decimal_sep: str) -> float | None:
    """The value of a run of digits and separators, by language and group shape; None if malformed."""
    v = _digit_value(s, decimal_sep)
    return v if v is not None and math.isfinite(v) else None


def _digit_value(s: str, decimal_sep: str) -> float | None:
    if " " in s:
        m = _SPACED.fullmatch(s)
        if not m:
            return None
        whole = float(m.group(1).replace(" ", ""))
        return whole + (float("0." + m.group(2)) if m.group(2) else 0.0)
    if s[0] in ".,":
        return float("0." + s[1:])
    parts = _SEPS.split(s)
    nums, seps = parts[0::2], parts[1::2]
    if not seps:
        return float(s)
    if len(seps) == 1:
        head, frac, sep = nums[0], nums[1], seps[0]
        thousands = len(frac) == 3 and len(head) <= 3 and head != "0" and sep != decimal_sep
        return float(head + frac) if thousands else float(head + "." + frac)
    if len(set(seps)) == 1:
        if len(nums[0]) <= 3 and all(len(g) == 3 for g in nums[1:]):
            return float("".join(nums))
        return None
    last = seps[-1]
    if last in seps[:-1] or len(nums[0]) > 3 or not all(len(g) == 3 for g in nums[1:-1]):
        return None
    return float("".join(nums[:-1]) + "." + nums[-1])


# ---------------------------------------------------------------- raw findings

@dataclass
class Found:
    """A number found in the text, with what the claim layer needs beyond the contract's fields."""

    start: int
    end: int
    value: float | None
    form: str
    low: float | None = None
    high: float | None = None
    measure: str = "count"
    unit: str | None = None
    flags: tuple[str, ...] = ()
    scaled: bool = False
    approx_noun: bool = False
    fraction: bool = False
    has_article: bool = False
    vague_det_start: int | None = None
    base: float | None = None  # the figure before its scale ("1,8" in "1,8 million")
    factor: float = 1.0
    range_prev: bool = False  # joined to the previous number by a range word
    joiner: str = ""  # the words between the previous number and this one, folded
    words_only_small: bool = False


_PATH_TOKEN = re.compile(r"\S*")


class _Scanner:
    """One pass over one text."""

    def __init__(self, g: Grammar, text: str, folded: str | None = None):
        self.g, self.text = g, text
        self.f = folded if folded is not None and len(folded) == len(text) else textutil.fold(text)

    def blocked(self, s: int) -> int:
        """If the digits at `s` are part of a date, time, ordinal or identifier: where that ends; else -1."""
        g, f = self.g, self.f
        m = g.digit_block_re.match(f, s)
        if m and m.end() > s:
            return m.end()
        if g.month_tail.match(f, s) >= 0:
            m = g.month_fwd_re.match(f, s)
            if m:
                return m.end()
        if g.weekday_tail.match(f, s) >= 0:
            m = g.weekday_fwd_re.match(f, s)
            if m:
                return m.end()
        prev = f[s - 1] if s else " "
        if prev == "+":
            m = _PHONE.match(f, s)
            if m:
                return m.end()
        if prev == "-" and s >= 2 and f[s - 2].isalpha():
            m = _DESIGNATION.match(f[max(0, s - 10):s][::-1])
            run = _DIGIT_RUN.match(f, s)
            if m and run:
                return run.end()
        if not prev.isspace():
            lo = s
            while lo > 0 and not f[lo - 1].isspace() and s - lo < 300:
                lo -= 1
            tok_end = _PATH_TOKEN.match(f, s).end()  # type: ignore[union-attr]  # \S* always matches
            tok = f[lo:tok_end]
            if (any(c in tok for c in "/_@") and _LETTER.search(tok)) or tok.startswith(("http", "www.")):
                if not _SLASHED.fullmatch(tok.strip(".,;:()")):
                    return tok_end
        return -1

    def run(self) -> list[Found]:
        g, f = self.g, self.f
        out: list[Found] = []
        pos, n = 0, len(f)
        seed_re = g.seed_re
        while pos < n:
            m = seed_re.search(f, pos)
            if not m:
                break
            s = m.start()
            if f[s].isdigit() and s > 0 and f[s - 1] in ".," and (s < 2 or not (f[s - 2].isalnum() or f[s - 2] in ".,")):
                s -= 1  # ".25", ",08"
            elif f[s].isdigit():
                end = self.blocked(s)
                if end >= 0:
                    pos = max(end, s + 1)
                    continue
            found, nxt = self.read_at(s)
            out.extend(found)
            pos = max(nxt, m.end(), s + 1)
        _link_ranges(g, f, out)
        return out

    # ------------------------------------------------------------ tokens
    def atom(self, p: int) -> Token | None:
        g, f = self.g, self.f
        m = _DIGITS.match(f, p)
        if m and m.end() > p:
            v = digit_value(m.group(0), g.decimal_sep)
            if v is None:
                return Token("bad", 0.0, m.start(), m.end())
            return Token(DIGITS, v, m.start(), m.end(), m.group(0))
        m = g.word_re.match(f, p)
        if m:
            key = _fkey(m.group(0))
            kind, v = g.lookup.get(key, ("", 0.0))
            if not kind:
                return None
            t = Token(kind, v, m.start(), m.end(), key)
            if kind == FRACTION:
                t.denominator = int(v)
                t.needs_numerator = key in g.needs_numerator
            return t
        return None

    def tokens(self, s: int) -> list[Token]:
        toks: list[Token] = []
        pos = s
        while len(toks) < MAX_TOKENS:
            hy = False
            p = pos
            if toks:
                jm = _JOIN.match(self.f, pos)
                if jm:
                    p = jm.end()
                    hy = "-" in jm.group(0)
            t = self.atom(p)
            if t is None or t.kind == "bad":
                if t is not None and not toks:
                    toks.append(t)
                break
            if toks and p == pos and not (t.kind == SCALE and toks[-1].kind == DIGITS):
                break  # "2millions" is read, "2mille3" is not
            t.joined_by_hyphen = hy
            toks.append(t)
            pos = t.end
            if t.kind == DIGITS:
                suf = self.suffix(pos, t.start)
                if suf is not None:
                    toks.append(suf)
                    pos = suf.end
        return toks

    def suffix(self, pos: int, num_start: int) -> Token | None:
        g = self.g
        if g.suffix_re is None:
            return None
        m = g.suffix_re.match(self.text, pos)
        if not m:
            return None
        word = m.group(1)
        attached = m.start(1) == pos
        if word in g.suffix_need_currency and not self.currency_before(num_start):
            if not (attached and word == "b"):
                return None
        if not attached and len(word) == 1 and word not in ("k", "K", "M", "G"):
            return None
        return Token(SCALE, g.suffix_values[word], m.start(1), m.end(1), word, closed=True)

    def currency_before(self, s: int) -> str | None:
        sym = self.g.cur_before.cue(self.f, s)
        if sym is None:
            return None
        return self.g.cur_symbols.get(sym, "dollars")

    # ------------------------------------------------------------ one candidate
    def read_at(self, s: int) -> tuple[list[Found], int]:
        g, f = self.g, self.f
        vague = self.vague_at(s) if not f[s].isdigit() and f[s] not in ".," else None
        if vague is not None:
            return [vague], vague.end
        toks = self.tokens(s)
        if not toks:
            return [], s + 1
        if toks[0].kind == "bad":
            return [], toks[0].end
        end_all = toks[-1].end
        out: list[Found] = []
        if all(t.kind == DIGITS for t in toks):  # digits never join digits: one number each
            pieces = [Piece(value=t.value, start=t.start, end=t.end, form="digits", tokens=[t]) for t in toks]
        else:
            pieces = g.reader.read(toks)
        for piece in pieces:
            fd = self.finish(piece)
            if fd is not None:
                out.append(fd)
                end_all = max(end_all, fd.end)
        return out, end_all

    def vague_at(self, s: int) -> Found | None:
        g, f = self.g, self.f
        m = g.word_re.match(f, s)
        if not m:
            return None
        key = _fkey(m.group(0))
        det_at = g.vague_det.match(f, s)
        band: float | None = None
        if key in g.vague:
            band = g.vague[key]
            if det_at < 0:
                if g.vague_needs_det:
                    return None
                after_of = _AFTER_OF.match(f, m.end())
                capital = self.text[s:s + 1].isupper()
                if key == "tens" and not after_of:
                    return None
                if not (after_of or capital or key in ("thousands", "hundreds", "millions", "dozens", "billions")):
                    return None
        elif det_at >= 0 and g.lookup.get(key, ("", 0))[0] in (SCALE, HUNDRED) and not key.endswith("s"):
            band = g.lookup[key][1]  # "several hundred", "a few thousand"
        if band is None:
            return None
        end = m.end()
        om = g.vague_of_re.match(f, end)
        if om:
            last = _key(om.group(0)).split(" ")[-1]
            last = last.split("'")[-1]
            mult = g.vague.get(last)
            if mult:
                band *= mult
                end = om.end()
        start = det_at if det_at >= 0 else s
        return Found(start=start, end=end, value=None, form="vague", low=2 * band, high=10 * band - 1,
                     scaled=True, vague_det_start=start if det_at >= 0 else None)

    def finish(self, piece: Piece) -> Found | None:
        """Check a piece against its context; None if it is not a number (date, identifier...)."""
        g, f, text = self.g, self.f, self.text
        s, e = piece.start, piece.end
        toks = piece.tokens
        digits_only = all(t.kind in (DIGITS, NEG) for t in toks)
        if digits_only and len(toks) == 1 and between_digits(f, s, e):
            return self.finish_bare(piece)
        before = f[max(0, s - WINDOW):s]
        if g.ident_before.match(f, s) >= 0:
            return None
        if digits_only and len(toks) == 1:
            tail = f[e:e + 2]
            if tail[:1] == "/" and tail[1:2].isdigit():
                return self.slash_fraction(piece)  # "2/3 des députés"; otherwise a counter or a ratio
            if s > 0 and f[s - 1] == "/" and s > 1 and f[s - 2].isdigit():
                return None
            lm = _LETTER_AFTER.match(f, e)
            if lm and lm.group(0) not in g.known_attached:
                return None  # "5G", "737max": an identifier
        value = piece.value
        if not math.isfinite(value):
            return None
        flags: tuple[str, ...] = ()
        # minus sign attached to digits
        if toks[0].kind == DIGITS and s > 0 and f[s - 1] == "-" and (s == 1 or f[s - 2] in " \t\n(<>=[:"):
            if not (s >= 3 and f[s - 2] == " " and f[s - 3].isdigit()):
                value, s = -value, s - 1
        if digits_only and len(toks) == 1 and self.is_year_or_day(piece, before):
            return None
        if digits_only and g.street_after_re.match(text, e):
            return None
        if digits_only and len(toks) == 1 and toks[0].word.isdigit() and value < 10000 \
                and _CAPITAL_BEFORE.search(text, max(0, s - 40), s) \
                and g.street_before_re.search(text, max(0, s - 80), s):
            return None  # "Calle Colón 32", "Via Roma 12"
        if digits_only and len(toks) == 1 and _DIGIT.search(f, max(0, s - 12), s):
            om = _COUNTER_OF.search(f, max(0, s - 24), s)
            if om and g.ident_before.match(f, om.start(1)) >= 0:
                return None  # "Image 3 of 6", "Photo 2 sur 5"
        if digits_only and len(toks) == 1 and toks[0].word.isdigit() and self.is_designation(s, e):
            return None
        if g.lang == "en" and len(toks) == 1 and toks[0].word == "one" and self.pronoun_one(s, e, before):
            return None
        if len(toks) == 1 and toks[0].kind in (HUNDRED, SCALE) and g.per_before.match(f, s) >= 0:
            return None
        measure, unit = "count", None
        pm = g.percent_re.match(f, e)
        if pm:
            e, measure = pm.end(), "percent"
        elif piece.fraction:
            measure = "percent"
        cur = self.currency_before(s) if toks[0].kind == DIGITS else None
        if cur:
            cs = s - 1
            while cs > 0 and f[cs - 1] not in " \t\n(" and s - cs < 4:
                cs -= 1
            measure, unit = "money", cur
            s = cs if f[cs:s].strip() else s
            while s < piece.start and f[s] == " ":
                s += 1
        if measure == "count":
            cm = g.cur_after_re.match(f, e)
            if cm:
                measure = "money"
                w = cm.group(1)
                unit = g.cur_symbols.get(w, text[cm.start(1):cm.end(1)])
        if g.artifact_re is not None:
            am = g.artifact_re.match(text, e)
            if am:
                e, flags = am.end(), ("translation_artifact",)
        base, factor = piece.value, 1.0
        first_scale = next((i for i, t in enumerate(toks) if t.kind == SCALE), None)
        if first_scale:
            sub = Reader(g.reader.teens_after, g.reader.ten_word).read(toks[:first_scale])
            if len(sub) == 1 and sub[0].value:
                base = sub[0].value
                factor = piece.value / base if base else 1.0
        small_words = (piece.form == "words" and not piece.scaled and piece.value == int(piece.value)
                       and abs(piece.value) < 20)
        return Found(start=s, end=e, value=value, form="fraction" if piece.fraction else
                     ("approx_noun" if piece.approx_noun else piece.form), measure=measure, unit=unit,
                     flags=flags, scaled=piece.scaled, approx_noun=piece.approx_noun, fraction=piece.fraction,
                     has_article=piece.has_article, base=base, factor=factor, words_only_small=small_words)

    def slash_fraction(self, piece: Piece) -> Found | None:
        """A fraction written with a slash before its group: "2/3 des députés", "1/4 of voters" (a share)."""
        f, s = self.f, piece.start
        m = _SLASH_FRACTION.match(f, piece.end)
        if not m or (s > 0 and (f[s - 1].isdigit() or f[s - 1] in "/.,")) or self.g.ident_before.match(f, s) >= 0 \
                or (self.g.lang == "fr" and self.g.day_before.match(f, s) >= 0):
            return None  # "Photo 1/5 de", "le 1/05 de chaque année"
        den = float(m.group(1))
        if not 0 < piece.value < den:
            return None
        return Found(start=s, end=m.end(1), value=piece.value / den, form="fraction", measure="percent",
                     fraction=True, base=piece.value / den)

    def finish_bare(self, piece: Piece) -> Found | None:
        """`finish` for plain digits with only spaces between them and the digits around them.

        No cue word, sign, symbol or counted noun can touch such a figure (no cue ends or begins with
        a digit): only a year is dropped. The same result as the full checks, without running them.
        """
        word = piece.tokens[0].word
        v = piece.value
        if _FOUR_DIGITS.fullmatch(word) and self.g.year_range[0] <= v <= self.g.year_range[1]:
            return None
        return Found(start=piece.start, end=piece.end, value=v, form=piece.form, scaled=piece.scaled,
                     has_article=piece.has_article, base=v)

    def is_year_or_day(self, piece: Piece, before: str) -> bool:
        g, f = self.g, self.f
        word = piece.tokens[0].word
        v = piece.value
        if _FOUR_DIGITS.fullmatch(word) and g.year_range[0] <= v <= g.year_range[1]:
            if g.year_before.match(f, piece.start) >= 0:
                return True
            if g.percent_re.match(f, piece.end) or self.currency_before(piece.start) \
                    or g.cur_after_re.match(f, piece.end):
                return False
            if g.bare_year_before_noun:
                return True
            nm = g.next_word_re.match(self.text, piece.end)
            if nm and nm.group(1)[:1].islower() and textutil.fold(nm.group(1)) not in g.stop_words:
                return False
            return True
        if _TWO_DIGITS.fullmatch(word) and 1 <= v <= 31 and g.day_before.match(f, piece.start) >= 0 and g.lang == "fr":
            rest = f[piece.end:piece.end + 4]
            if _DAY_END.match(rest):
                return True
            dm = _DAY_RANGE_END.match(f, piece.end, piece.end + 16)
            if dm and g.month_after_re.match(f, dm.end()):
                return True
        return False

    def is_designation(self, s: int, e: int) -> bool:
        """A figure named by the capitalised word before it ("Boeing 737", "CAC 40", "TGV 8515", "Var (83)").

        The word before must be capitalised and not a function word or hedge, and no lower-case counted
        noun may follow ("Séoul 3 000 soldats" stays a figure). Only plain digit runs are names: a
        grouped figure after a name is a count ("la CGT 500 000").
        """
        g, text = self.g, self.text
        p = s - 1
        paren = p >= 0 and text[p] == "(" and text[e:e + 1] == ")"
        if paren:
            p -= 1
        if p < 0 or text[p] not in " \u00a0":
            return False
        q = p
        while q > 0 and (text[q - 1].isalpha() or text[q - 1] in "-'"):
            q -= 1
        word = text[q:p]
        camel = len(word) > 1 and word[0].islower() and any(c.isupper() for c in word[1:])  # "iPhone 15"
        if not word or not (word[0].isupper() or camel) or textutil.fold(word) in g.function_words:
            return False
        if q > 0 and text[q - 1] in "'’":
            return False
        if paren or camel:
            return True  # a product name is a name before any noun ("iPhone 15 sales")
        nm = g.next_word_re.match(text, e)
        return not (nm and nm.group(1)[:1].islower() and textutil.fold(nm.group(1)) not in g.stop_words)

    def pronoun_one(self, s: int, e: int, before: str) -> bool:
        g = self.g
        if g.pronoun_before.match(self.f, s) >= 0:
            return True
        if g.pronoun_after_re is not None and g.pronoun_after_re.match(self.f, e):
            return True
        return False


def between_digits(f: str, s: int, e: int) -> bool:
    """True when only spaces (no line break) stand between `f[s:e]` and a digit or the text's end, both sides."""
    p = s - 1
    while p >= 0 and f[p] != "\n" and f[p].isspace():
        p -= 1
    if p >= 0 and not f[p].isdigit():
        return False
    q, n = e, len(f)
    while q < n and f[q] != "\n" and f[q].isspace():
        q += 1
    return q >= n or f[q].isdigit()


def _link_ranges(g: Grammar, f: str, found: list[Found]) -> None:
    """Mark numbers joined by a range word and give the first end the second end's scale."""
    joiner = re.compile(rf"{_SP}*(?:-|–|—|~|à|a|au|to|through|et|and|ou|or){_SP}*$")
    for a, b in zip(found, found[1:], strict=False):
        gap = f[a.end:b.start]
        if len(gap) > 12 or not joiner.match(gap):
            continue
        b.range_prev = True
        b.joiner = gap.strip()
        if a.value is None or b.value is None:
            continue
        if b.factor > 1 and a.factor == 1 and b.base is not None and abs(a.value) <= abs(b.base) \
                and not a.fraction:
            a.value *= b.factor
            a.scaled = True
        if a.measure == "count" and b.measure in ("percent", "money"):
            a.measure, a.unit = b.measure, b.unit


def scan(text: str, lang: str, registry: Registry | None = None, folded: str | None = None) -> list[Found]:
    """Every number in `text` with the details the claim layer uses (see `find_numbers`).

    `folded` may pass `textutil.fold(text)` when the caller already has it.
    """
    if not text:
        return []
    g = grammar(registry or default_registry(), lang or "fr")
    return _Scanner(g, text, folded).run()


def find_numbers(text: str, lang: str = "fr", registry: Registry | None = None) -> list[NumberMention]:
    """Every number written in `text`, in order (both ends of a range are two mentions)."""
    out = []
    for fd in scan(text, lang, registry):
        out.append(make_model(NumberMention,  # typed here: validation would cost more than the scan
            surface=text[fd.start:fd.end], start=fd.start, end=fd.end,
            value=None if fd.value is None else float(fd.value), form=fd.form,
            low=None if fd.low is None else float(fd.low), high=None if fd.high is None else float(fd.high),
            measure=fd.measure, unit=fd.unit, flags=tuple(fd.flags)))
    return out
