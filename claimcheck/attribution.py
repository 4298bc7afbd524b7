"""Attribution: who states each figure (its origin), and who relays it.

The words are data (`rules/lang/<lang>/attribution.yaml` for the cues, `rules/sources/*.yaml` for the
names); this module is the grammar that combines them, sentence by sentence:

- **mentions**: every place the text names a source (a name, an acronym, a metonym such as "Moscou",
  a name shared by several sources and settled by nearby place words, an anaphor such as "le
  syndicat", a pronoun);
- **cues**: "selon X" / "according to X" (before or after the figure), "X a déclaré que", inverted
  "..., a annoncé X" / "a-t-il dit", "X said", possessives ("le décompte de X", "X's tally"), "by X
  count", and the relay constructions ("X, citant Y", "Y, cité par X", "X, citing Y");
- **claims**: each figure takes the cue that covers it (a cue after it that reaches back to it first,
  then the nearest cue before it); a sentence without a cue continues the previous sentence's report
  only when it says so (a pronoun speaker, an agentless "ont été recensés").

An unknown speaker keeps its words in `attributed_text` with a null key; a figure with no cue keeps
both null. A news outlet is the origin only when it speaks for itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .models import Article, Claim
from .registry import Registry
from .sources import SourceRegistry, load_sources
from .textutil import fold, sentence_spans

# punctuation that closes a "selon X" phrase or a clause
PHRASE_END = ",;:.!?()«»\"—–[]"
STRONG = ";:«»\"—–"
CLAUSE = ",;:—–"
QUOTE_REACH = 2000  # how far after a figure a quotation that holds it may close
ROLE_RANK = {"name": 0, "metonym": 1, "context": 2, "anaphor": 3, "pronoun": 4}


# ---------------------------------------------------------------- data structures

@dataclass
class Mention:
    """A place where the text names (or points back to) a source."""

    start: int
    end: int
    text: str
    role: str                                  # name, metonym, context, anaphor, pronoun
    keys: tuple[str, ...] = ()                 # plain names' keys
    context_keys: tuple[str, ...] = ()         # keys this text names only in their context
    kinds: tuple[str, ...] = ()                # anaphors: the kinds they point back to


@dataclass(frozen=True)
class Speaker:
    """Who a cue says is speaking: a key (or None when unknown), the words, and any relay."""

    key: str | None
    text: str | None
    generic: bool = False
    relay: str | None = None
    at: int = -1


@dataclass
class Cue:
    """An attribution cue in a sentence and the figures it may cover."""

    start: int
    end: int
    speaker: Speaker
    forward: bool
    backward: bool
    reach: int
    family: str


@dataclass
class _Lex:
    """One language's attribution vocabulary, compiled."""

    preps: list[str]
    speech: list[str]
    acts: list[str]
    passive_count: list[str]
    passive_aux: list[str]
    agent_preps: list[str]
    citing: list[str]
    cited_by: list[str]
    pronouns: list[str]
    object_pronouns: list[str]
    anaphors: dict[str, tuple[str, ...]]
    possessive_heads: list[str]
    possessive_link: list[str]
    possessive_nouns: list[str]
    by_nouns: list[str]
    frame_openers: list[str]
    total_words: list[str]
    gap_words: list[str]
    gap_openers: list[str]
    determiners: list[str]
    auxiliaries: list[str]
    parentheticals: list[str]
    not_for_states: list[str]


def _strings(doc: dict[str, Any], key: str) -> list[str]:
    val = doc.get(key) or []
    return [fold(str(x)) for x in val] if isinstance(val, list) else []


def _lexicon(registry: Registry, lang: str) -> _Lex:
    """The attribution vocabulary of `lang` (English's when the language has none)."""

    def build() -> _Lex:
        doc = registry.lexicon(lang, "attribution") or registry.lexicon("en", "attribution")
        verbs = doc.get("verbs") or {}
        anaphors = doc.get("anaphors") or {}
        return _Lex(
            preps=_strings(doc, "prepositions"),
            speech=[fold(str(v)) for v in verbs.get("speech", [])],
            acts=[fold(str(v)) for v in verbs.get("acts", [])],
            passive_count=_strings(doc, "passive_count"),
            passive_aux=_strings(doc, "passive_auxiliaries"),
            agent_preps=_strings(doc, "agent_prepositions"),
            citing=_strings(doc, "citing"),
            cited_by=_strings(doc, "cited_by"),
            pronouns=_strings(doc, "pronouns"),
            object_pronouns=_strings(doc, "object_pronouns"),
            anaphors={fold(str(k)): tuple(v or []) for k, v in anaphors.items()},
            possessive_heads=_strings(doc, "possessive_heads"),
            possessive_link=_strings(doc, "possessive_link"),
            possessive_nouns=_strings(doc, "possessive_nouns"),
            by_nouns=_strings(doc, "by_nouns"),
            frame_openers=_strings(doc, "frame_openers"),
            total_words=_strings(doc, "total_words"),
            gap_words=_strings(doc, "gap_words"),
            gap_openers=_strings(doc, "gap_openers"),
            determiners=_strings(doc, "determiners"),
            auxiliaries=_strings(doc, "auxiliaries"),
            parentheticals=_strings(doc, "parentheticals"),
            not_for_states=_strings(doc, "not_for_states"),
        )

    return registry.cached(f"attribution:{lang}", build)


# ---------------------------------------------------------------- finding words

# a verb and its inverted subject pronoun are joined by a hyphen ("affirme-t-elle", "dit-il")
_CLITIC = re.compile(r"-(?:t-)?(?:il|elle|ils|elles|on)(?!\w)")


@lru_cache(maxsize=65536)
def _fold_term(term: str) -> str:
    return fold(term)


@lru_cache(maxsize=1024)
def _rx(template: str, words: tuple[str, ...]) -> re.Pattern[str] | None:
    """`template` with `{alt}` replaced by the words as an alternation (longest first), compiled."""
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(template.replace("{alt}", alt))


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


@dataclass(frozen=True)
class _Term:
    """A term as written in data, ready to match: its folded form and how its case must match."""

    term: str
    needle: str
    acronym: bool
    capital: bool


def _term(term: str) -> _Term:
    letters = [c for c in term if c.isalpha()]
    acronym = len(letters) >= 2 and not any(c.islower() for c in letters)
    return _Term(term, term if acronym else _fold_term(term), acronym,
                 bool(letters) and term[:1].isupper())


def _accept(text: str, folded: str, i: int, t: _Term) -> bool:
    """Whether term `t` stands at offset i as a whole word with the case it requires.

    An acronym (no lower-case letter) matches with its case; a name written with a capital matches
    only a capitalised word; other terms match the folded text. A name glued to the next word by a
    lost space ("ZelenskyDe son côté") still ends where the capital starts.
    """
    needle = t.needle
    if not (text if t.acronym else folded).startswith(needle, i):
        return False
    j = i + len(needle)
    left_ok = i == 0 or not _is_word(folded[i - 1]) or not _is_word(needle[0]) or (
        text[i].isupper() and text[i - 1].islower())
    right_ok = j >= len(text) or not _is_word(folded[j]) or not _is_word(needle[-1]) or (
        text[j].isupper() and text[j - 1].islower())
    if right_ok and j < len(text) - 1 and folded[j] == "-" and _is_word(needle[-1]):
        right_ok = bool(_CLITIC.match(folded, j))  # "lance-roquettes" is one word, "affirme-t-elle" two
    case_ok = not t.capital or text[i].isupper() or not text[i].isalpha()
    return left_ok and right_ok and case_ok


class _Scanner:
    """Finds many terms in one pass: at each word start, only the terms sharing its first letters."""

    def __init__(self, terms: set[str]):
        self.index: dict[str, list[_Term]] = {}
        for term in sorted(terms):
            t = _term(term)
            key = t.needle.lower()[:3]
            if key.strip():
                self.index.setdefault(key, []).append(t)
        self.lengths = sorted({len(k) for k in self.index})

    def scan(self, text: str, folded: str) -> dict[str, list[int]]:
        """Start offsets of every term, by term."""
        out: dict[str, list[int]] = {}
        starts = {m.start() for m in _WORD_START.finditer(folded)}
        starts |= {m.start() for m in _GLUED.finditer(text)}
        index, lengths = self.index, self.lengths
        for i in sorted(starts):
            for n in lengths:
                cands = index.get(folded[i:i + n])
                if cands:
                    for t in cands:
                        if _accept(text, folded, i, t):
                            out.setdefault(t.term, []).append(i)
        return out


_WORD_START = re.compile(r"(?<!\w)\w|[^\w\s]")
_GLUED = re.compile(r"(?<=[a-zà-öø-ÿ])[A-ZÀ-ÖØ-Þ]")


def _without_overlaps(items: list[Any], span: Any) -> list[Any]:
    """Keep items in the given order of preference, dropping any that overlaps one already kept."""
    taken: set[int] = set()
    kept: list[Any] = []
    for item in items:
        s, e = span(item)
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        kept.append(item)
    return kept


def _spans_of(found: dict[str, list[int]], terms: list[str]) -> list[tuple[int, int]]:
    """(start, end) of the given terms, longest first at a place, without overlaps, in text order."""
    hits = [(s, s + len(_fold_term(t))) for t in set(terms) for s in found.get(t, [])]
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    return sorted(_without_overlaps(hits, lambda h: h))


def _mention_table(sources: SourceRegistry, lex: _Lex, lang: str) -> dict[str, dict[str, Any]]:
    """Every term that can name a source, with what it names."""
    table: dict[str, dict[str, Any]] = {}

    def slot(term: str) -> dict[str, Any]:
        return table.setdefault(term, {"keys": [], "metonym": [], "context": [], "kinds": (),
                                       "pronoun": False})

    for key in sources.keys():
        src = sources.get(key)
        assert src is not None
        for n in src.names.get(lang, []) + src.aliases:
            slot(n)["keys"].append(key)
        for n in src.metonyms.get(lang, []):
            slot(n)["metonym"].append(key)
        for n in src.context_names.get(lang, []):
            slot(n)["context"].append(key)
    for phrase, kinds in lex.anaphors.items():
        slot(phrase)["kinds"] = kinds
    for p in lex.pronouns:
        slot(p)["pronoun"] = True
    return table


def _find_mentions(text: str, found: dict[str, list[int]], table: dict[str, dict[str, Any]]) -> list[Mention]:
    """Every mention of a source in the text, longest first where they overlap."""
    hits: list[tuple[int, int, str]] = []
    for term in table:
        for s in found.get(term, []):
            hits.append((s, s + len(_fold_term(term)), term))
    by_span: dict[tuple[int, int], list[str]] = {}
    for s, e, term in hits:
        by_span.setdefault((s, e), []).append(term)
    mentions = [_merge(text, s, e, terms, table) for (s, e), terms in by_span.items()]
    mentions.sort(key=lambda m: (-(m.end - m.start), ROLE_RANK[m.role], m.start))
    return sorted(_without_overlaps(mentions, lambda m: (m.start, m.end)), key=lambda m: m.start)


def _merge(text: str, s: int, e: int, terms: list[str], table: dict[str, dict[str, Any]]) -> Mention:
    keys: list[str] = []
    metonym: list[str] = []
    context: list[str] = []
    kinds: tuple[str, ...] = ()
    pronoun = False
    for t in terms:
        d = table[t]
        keys += d["keys"]
        metonym += d["metonym"]
        context += d["context"]
        kinds = kinds or tuple(d["kinds"])
        pronoun = pronoun or d["pronoun"]
    if keys:
        role = "name"
    elif metonym:
        role, keys = "metonym", metonym
    elif context:
        role = "context"
    elif kinds:
        role = "anaphor"
    else:
        role = "pronoun"
    return Mention(s, e, text[s:e], role, tuple(dict.fromkeys(keys)), tuple(dict.fromkeys(context)),
                   kinds)


# ---------------------------------------------------------------- the article's layout

@dataclass
class _Doc:
    """An article being attributed: its text, folded copy, layout, mentions and resolutions."""

    text: str
    folded: str
    lang: str
    lex: _Lex
    sources: SourceRegistry
    spans: list[tuple[int, int]]
    para_starts: list[int]
    headline: tuple[int, int] | None
    mentions: list[Mention] = field(default_factory=list)
    resolved: dict[int, Speaker] = field(default_factory=dict)
    context_hits: dict[str, list[int]] = field(default_factory=dict)
    mention_starts: list[int] = field(default_factory=list)
    span_starts: list[int] = field(default_factory=list)
    term_hits: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    found: dict[str, list[int]] = field(default_factory=dict)
    mark_cache: dict[str, list[int]] = field(default_factory=dict)
    last_of_kind: dict[str, Speaker] = field(default_factory=dict)
    quote_marks: dict[str, list[int]] = field(default_factory=dict)

    def marks(self, marks: str) -> list[int]:
        """Offsets of the punctuation `marks` in the text (commas and dots inside numbers excepted)."""
        if marks not in self.mark_cache:
            rx = re.compile("[" + re.escape(marks) + "]")
            self.mark_cache[marks] = [m.start() for m in rx.finditer(self.folded)
                                      if _is_mark(self.folded, m.start(), marks)]
        return self.mark_cache[marks]

    def para_start(self, offset: int) -> int:
        """Where the paragraph holding `offset` starts."""
        return self.para_starts[max(0, bisect.bisect_right(self.para_starts, offset) - 1)]

    def sentence_index(self, offset: int) -> int:
        """The sentence holding `offset` (the nearest one before it when between sentences)."""
        return max(0, bisect.bisect_right(self.span_starts, offset) - 1)

    def in_span(self, lo: int, hi: int) -> list[Mention]:
        """The mentions lying within [lo, hi)."""
        i = bisect.bisect_left(self.mention_starts, lo)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    def terms(self, family: str, words: list[str], lo: int, hi: int) -> list[tuple[int, int]]:
        """Where a family of cue words occurs within [lo, hi) (found once over the whole text)."""
        if family not in self.term_hits:
            self.term_hits[family] = _spans_of(self.found, words)
        hits = self.term_hits[family]
        i = bisect.bisect_left(hits, (lo, -1))
        out = []
        while i < len(hits) and hits[i][0] < hi:
            if hits[i][1] <= hi:
                out.append(hits[i])
            i += 1
        return out


def _headline(text: str) -> tuple[int, int] | None:
    """The article's headline: the first short paragraph with no figure or date among the first three."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)]
    for s, e in paras[:3]:
        chunk = text[s:e].strip()
        if chunk and len(chunk) <= 200 and not re.search(r"\d", chunk):
            return s, e
    return None


def _all_terms(sources: SourceRegistry, lex: _Lex, lang: str, table: dict[str, Any]) -> set[str]:
    """Every term the attribution looks for: names, cue words and context words."""
    terms = set(table)
    for words in (lex.preps, lex.speech, lex.acts, lex.citing, lex.possessive_heads, lex.total_words):
        terms.update(words)
    for key in sources.keys():
        terms.update(sources.context_words(key, lang))
    return terms


def _layout(article: Article, registry: Registry, lang: str) -> _Doc:
    text = article.text
    folded = fold(text)
    lex = _lexicon(registry, lang)
    sources = load_sources(registry)
    table = registry.cached(f"attribution:mentions:{lang}", lambda: _mention_table(sources, lex, lang))
    paras = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    doc = _Doc(text, folded, lang, lex, sources, sentence_spans(text), paras,
               _headline(text))
    scanner = registry.cached(f"attribution:scanner:{lang}", lambda: _Scanner(_all_terms(sources, lex, lang, table)))
    doc.found = scanner.scan(text, folded)
    doc.mentions = _find_mentions(text, doc.found, table)
    doc.mention_starts = [m.start for m in doc.mentions]
    doc.span_starts = [a for a, _ in doc.spans]
    doc.quote_marks = {q: [m.start() for m in re.finditer(re.escape(q), folded)] for q in '«»"'}
    for key in sources.keys():
        words = sources.context_words(key, lang)
        if words:
            doc.context_hits[key] = sorted(s for s, _ in _spans_of(doc.found, words))
    for m in doc.mentions:
        if m.role != "pronoun":
            sp = _resolve(doc, m)
            doc.resolved[m.start] = sp
            kind = sources.kind(sp.key)
            if kind:
                doc.last_of_kind[kind] = sp
    return doc


# ---------------------------------------------------------------- resolving mentions

def _resolve(doc: _Doc, m: Mention) -> Speaker:
    """The source a (non-pronoun) mention stands for, given the text around it."""
    if m.role == "anaphor":  # the last source of a kind it points to, named before it
        found = [doc.last_of_kind[k] for k in m.kinds if k in doc.last_of_kind]
        if found:
            sp = max(found, key=lambda f: f.at)
            return Speaker(sp.key, m.text, sp.generic, at=m.start)
        return Speaker(None, m.text, at=m.start)
    if m.role == "metonym":
        return Speaker(_first(doc, m.keys), m.text, generic=True, at=m.start)
    cands = list(m.context_keys) + [k for k in m.keys if k not in m.context_keys]
    with_context = [k for k in cands if doc.context_hits.get(k)]
    if m.context_keys and with_context:
        best = _nearest_context(doc, m, with_context)
        if best:
            return Speaker(best, m.text, at=m.start)
    if m.keys:
        return Speaker(_first(doc, m.keys), m.text, at=m.start)
    return Speaker(None, m.text, at=m.start)


def _first(doc: _Doc, keys: tuple[str, ...]) -> str:
    return sorted(keys, key=doc.sources.order)[0]


def _within(sorted_offsets: list[int], lo: int, hi: int) -> list[int]:
    """The offsets of a sorted list that lie within [lo, hi)."""
    return sorted_offsets[bisect.bisect_left(sorted_offsets, lo):bisect.bisect_left(sorted_offsets, hi)]


def _nearest_context(doc: _Doc, m: Mention, keys: list[str]) -> str | None:
    """Among `keys`, the one whose context words stand nearest: in the sentence, earlier in the
    paragraph, in the headline, then anywhere in the article (never the mention's own words)."""
    s, e = doc.spans[doc.sentence_index(m.start)] if doc.spans else (0, len(doc.text))
    para = doc.para_start(m.start)
    ranked: list[tuple[int, int, int, str]] = []
    for key in keys:
        hits = doc.context_hits.get(key, [])
        j = bisect.bisect_left(hits, m.start)
        k = bisect.bisect_left(hits, m.end)
        near = hits[max(0, j - 1):j] + hits[k:k + 1]  # the nearest before and after the mention
        in_sentence = [abs(h - m.start) for h in near if s <= h < e]
        b = bisect.bisect_left(hits, s)
        before = [m.start - hits[b - 1]] if b > 0 and hits[b - 1] >= para else []
        head = [0] if doc.headline and [h for h in _within(hits, *doc.headline)
                                        if not m.start <= h < m.end] else []
        anywhere = [abs(h - m.start) for h in near]
        if in_sentence:
            ranked.append((0, min(in_sentence), doc.sources.order(key), key))
        elif before:
            ranked.append((1, min(before), doc.sources.order(key), key))
        elif head:
            ranked.append((2, 0, doc.sources.order(key), key))
        elif anywhere:
            ranked.append((3, min(anywhere), doc.sources.order(key), key))
    return min(ranked)[3] if ranked else None


# ---------------------------------------------------------------- cues in a sentence

@dataclass
class _Sentence:
    """One sentence being read: its span, its mentions, and the speakers of earlier sentences."""

    start: int
    end: int
    index: int
    mentions: list[Mention]
    history: list[tuple[int, Speaker]]


def _pronoun_speaker(doc: _Doc, sent: _Sentence, m: Mention) -> Speaker:
    """A pronoun's antecedent: a source named earlier in the sentence, else the last speaker."""
    for prev in reversed([p for p in sent.mentions if p.end <= m.start and p.role != "pronoun"]):
        sp = doc.resolved.get(prev.start)
        if sp and sp.key and not sp.generic:
            return Speaker(sp.key, sp.text, at=m.start)
    for idx, sp in reversed(sent.history):
        if sent.index - idx > 3:
            break
        if sp.key or sp.text:
            return Speaker(sp.key, sp.text, sp.generic, at=m.start)
    if sent.index > 0:  # no speaker before: the source the previous sentence is about
        ps, pe = doc.spans[sent.index - 1]
        for prev in doc.in_span(ps, pe):
            sp = doc.resolved.get(prev.start)
            if prev.role != "pronoun" and sp and sp.key and not sp.generic:
                return Speaker(sp.key, sp.text, at=m.start)
    return Speaker(None, m.text, at=m.start)


def _speaker_of(doc: _Doc, sent: _Sentence, m: Mention) -> Speaker:
    """The speaker a mention in speaker position stands for, origin over relay."""
    sp = _pronoun_speaker(doc, sent, m) if m.role == "pronoun" else doc.resolved[m.start]
    return _origin(doc, sent, m, sp)


def _origin(doc: _Doc, sent: _Sentence, m: Mention, sp: Speaker) -> Speaker:
    """Apply "X, citant Y" / "Y, cité par X" / "X, citing Y": Y is the origin, X the relay."""
    lex = doc.lex
    before = doc.folded[max(sent.start, m.start - 40):m.start]
    rx = _rx(r"(?<!\w)(?:{alt})\s+(?:\S+\s+)?$", tuple(lex.citing))
    mm = rx.search(before) if rx else None
    if mm:
        relay = _last_mention(doc, sent, m.start - len(before) + mm.start())
        if relay is not None:
            rsp = doc.resolved.get(relay.start)
            return Speaker(sp.key, sp.text, sp.generic, rsp.key if rsp else None, sp.at)
    after = doc.folded[m.end:min(sent.end, m.end + 60)]
    rx = _rx(r"[^,;:.]{0,30}?,?\s*(?:\w+\s+)?(?:{alt})\s+", tuple(lex.citing))  # ", qui cite"
    mm = rx.match(after) if rx else None
    if mm:
        cited = _cited(doc, sent, m.end + mm.end())
        if cited is not None:
            return Speaker(cited.key, cited.text, cited.generic, sp.key, cited.at)
    rx = _rx(r"(?<!\w)(?:{alt})\s+", tuple(lex.cited_by))  # "X, cité par Y", "X said, as quoted by Y"
    mm = rx.search(after) if rx else None
    if mm:
        nxt = _next_mention(doc, sent, m.end + mm.end(), 40)
        rsp = doc.resolved.get(nxt.start) if nxt is not None else None
        if rsp is not None and rsp.key != sp.key:
            return Speaker(sp.key, sp.text, sp.generic, rsp.key, sp.at)
    return sp


def _cited(doc: _Doc, sent: _Sentence, pos: int) -> Speaker | None:
    """Who is cited at `pos` ("citant le GUR", "citing military sources"): known or by its words."""
    nxt = _next_mention(doc, sent, pos, 25)
    if nxt is not None and doc.resolved.get(nxt.start) is not None:
        return doc.resolved[nxt.start]
    words = _phrase_after(doc, sent, pos)
    return Speaker(None, words, at=pos) if words else None


def _cited_anywhere(doc: _Doc, sent: _Sentence) -> Speaker | None:
    """The origin a sentence cites anywhere in it ("..., citant l'état-major")."""
    for _, e in doc.terms("citing", doc.lex.citing, sent.start, sent.end):
        cited = _cited(doc, sent, e + len(doc.text[e:]) - len(doc.text[e:].lstrip()))
        if cited is not None:
            return cited
    return None


def _last_mention(doc: _Doc, sent: _Sentence, pos: int) -> Mention | None:
    cands = [p for p in sent.mentions if p.end <= pos and p.role != "pronoun"
             and pos - p.end <= 40]
    return cands[-1] if cands else None


def _next_mention(doc: _Doc, sent: _Sentence, pos: int, within: int) -> Mention | None:
    for p in sent.mentions:
        if p.start >= pos and p.start - pos <= within and p.role != "pronoun":
            gap = doc.folded[pos:p.start]
            if not any(c in PHRASE_END for c in gap):
                return p
    return None


def _is_mark(text: str, i: int, marks: str) -> bool:
    """Whether text[i] is one of `marks`, a comma or dot inside a number ("1,5", "7.000") excepted."""
    c = text[i]
    if c not in marks:
        return False
    if c in ",." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
        return False
    return True


def _clause_start(doc: _Doc, sent: _Sentence, pos: int, marks: str = CLAUSE) -> int:
    """Where the clause holding `pos` begins (after the last clause mark before it)."""
    at = doc.marks(marks)
    i = bisect.bisect_left(at, pos) - 1
    return at[i] + 1 if i >= 0 and at[i] >= sent.start else sent.start


def _next_mark(doc: _Doc, pos: int, hi: int, marks: str) -> int:
    """The first of `marks` at or after pos (before hi), else hi."""
    at = doc.marks(marks)
    i = bisect.bisect_left(at, pos)
    return at[i] if i < len(at) and at[i] < hi else hi


def _prep_cues(doc: _Doc, sent: _Sentence) -> list[Cue]:
    """ "selon X", "d'après X", "according to X": before the figure (forward) or after it (backward)."""
    cues: list[Cue] = []
    for s, e in doc.terms("preps", doc.lex.preps, sent.start, sent.end):
        stop = e
        while stop < sent.end and doc.text[stop] not in PHRASE_END:
            stop += 1
        inside = [m for m in sent.mentions if e <= m.start and m.end <= stop]
        phrase = doc.text[e:stop].strip()
        known = [m for m in inside if (doc.resolved.get(m.start) or Speaker(None, None)).key]
        if inside:
            speaker = _speaker_of(doc, sent, (known or inside)[0])
        elif fold(phrase) in doc.lex.object_pronouns:
            speaker = _pronoun_speaker(doc, sent, Mention(e, stop, phrase, "pronoun"))
        elif phrase:
            speaker = Speaker(None, " ".join(phrase.split()[:8]), at=e)
        else:
            continue
        before = doc.text[sent.start:s].rstrip()
        rest = doc.text[stop:sent.end]
        opens = not before or before[-1] in ":;—–-," or doc.text[s].isupper()  # "Selon X," starts a clause
        fronted = opens and \
            rest.startswith(",") and len(rest.strip(" ,")) > 3
        if fronted and before and before[-1] == "," and re.search(r"\d", before):
            # "Près de 2 000 personnes, selon les organisateurs, ont défilé": both sides
            cues.append(Cue(s, stop, speaker, True, True, _clause_start(doc, sent, s - 2), "prep"))
        elif fronted:
            cues.append(Cue(s, stop, speaker, True, False, s, "prep"))
        else:
            attached = not before.endswith(",")
            reach = _clause_start(doc, sent, s) if attached else sent.start
            cues.append(Cue(s, stop, speaker, False, True, reach, "prep"))
    return cues


def _verb_cues(doc: _Doc, sent: _Sentence, taken: list[tuple[int, int]]) -> list[Cue]:
    """ "X a déclaré que", "..., a annoncé X", "X said", "a-t-il dit": the verbs of saying and counting."""
    lex = doc.lex
    cues: list[Cue] = []
    speech = set(lex.speech)
    for s, e in doc.terms("verbs", lex.speech + lex.acts, sent.start, sent.end):
        if any(a <= s < b for a, b in taken):
            continue
        word = doc.folded[s:e]
        prev_word = re.findall(r"[\w'-]+", doc.folded[max(sent.start, s - 12):s])
        if prev_word and prev_word[-1] in lex.passive_aux:
            agent = _agent(doc, sent, e)
            if agent is not None:
                cues.append(Cue(s, e, agent, True, True, _clause_start(doc, sent, s), "verb"))
            continue
        cue = _verb_cue(doc, sent, s, e, word in speech)
        if cue is not None:
            cues.append(cue)
    return cues


def _agent(doc: _Doc, sent: _Sentence, pos: int) -> Speaker | None:
    """The agent of a passive count: "recensés par la préfecture" -> the prefecture."""
    rx = _rx(r"\s+(?:{alt})\s+", tuple(doc.lex.agent_preps))
    mm = rx.match(doc.folded, pos, min(len(doc.folded), pos + 20)) if rx else None
    if mm:
        nxt = _next_mention(doc, sent, mm.end(), 8)
        if nxt is not None:
            return _speaker_of(doc, sent, nxt)
    return None


def _verb_cue(doc: _Doc, sent: _Sentence, s: int, e: int, speech: bool) -> Cue | None:
    clause = _clause_start(doc, sent, s, CLAUSE + "«»\"(")
    window = _clause_start(doc, sent, s, STRONG)
    subject = [m for m in sent.mentions if window <= m.start and m.end <= s and s - m.end <= 150]
    in_clause = [m for m in subject if m.start >= clause]
    stretch = doc.folded[clause:s].split()
    if not in_clause and _own_subject(doc, doc.folded[clause:s]):
        # the clause has a subject of its own that names no known source: "un porte-parole a déclaré"
        subject = []
    after = _next_mention_or_pronoun(doc, sent, e)
    bare = all(w in doc.lex.auxiliaries for w in stretch) or (speech and bool(re.search(r"\d", " ".join(stretch))))
    if not in_clause and after is not None and bare:
        # inverted: "..., a annoncé le ministère", "a révélé GUR", "say unions", "affirme-t-elle"
        speaker = _speaker_of(doc, sent, after)
        return Cue(s, after.end, speaker, True, True, sent.start, "inverted")
    if not in_clause and speech and not doc.folded[clause:s].strip(" '\"") and clause > sent.start:
        # inverted with a speaker of no known name: "», a reconnu un commandant."
        named = _phrase_after(doc, sent, e)
        if named:
            return Cue(s, e, Speaker(None, named, at=e), True, True, sent.start, "inverted")
    if subject and subject[-1].role == "metonym" and doc.folded[s:e] in doc.lex.not_for_states:
        return None  # "la Russie compte 600 000 soldats": what happens there, not who counts
    if subject:
        speaker = _speaker_of(doc, sent, subject[-1])
    elif speech and not doc.folded[clause:s].strip() and clause > sent.start:
        found = _subject_behind_citing(doc, sent, clause)
        if found is None:
            return None
        speaker = found
    elif speech:
        words = doc.text[clause:s].split()
        while words and fold(words[-1]) in doc.lex.auxiliaries:
            words.pop()
        if not 1 <= len(words) <= 10 or re.search(r"\d", doc.text[clause:s]):
            return None
        speaker = Speaker(None, " ".join(words), at=clause)
    else:
        return None
    return Cue(s, e, speaker, True, _clause_final(doc, sent, e), sent.start, "verb")


def _subject_behind_citing(doc: _Doc, sent: _Sentence, clause: int) -> Speaker | None:
    """The subject before a parenthetical clause, or the origin it cites.

    "Une ONG locale, citant des habitants, évoque ..." -> the cited words are the origin;
    "The Red Crescent, which is leading the effort, said ..." -> "The Red Crescent" (unknown).
    """
    seg_end = clause - 1
    while seg_end > sent.start:
        seg_start = _clause_start(doc, sent, seg_end)
        segment = doc.folded[seg_start:seg_end].strip()
        for w in doc.lex.citing:
            if segment.startswith(w + " "):
                offset = seg_start + doc.folded[seg_start:seg_end].index(w) + len(w)
                return _cited(doc, sent, offset + 1)
        first = segment.split(" ", 1)[0] if segment else ""
        if first and first not in doc.lex.parentheticals:
            words = doc.text[seg_start:seg_end].split()
            if 1 <= len(words) <= 10 and not re.search(r"\d", doc.text[seg_start:seg_end]):
                return Speaker(None, " ".join(words), at=seg_start)
            return None
        seg_end = seg_start - 1
    return None


def _clause_final(doc: _Doc, sent: _Sentence, e: int) -> bool:
    """Whether a verb ends its clause ("..., the ministry said.", "he said, and"): it then looks back."""
    mm = re.match(r"([^,.;:!?]*)([,.;:!?]|$)", doc.folded[e:sent.end])
    if mm is None:
        return False
    return len(mm.group(1).split()) <= 3 and not re.search(r"\d|\b(que|qu'|that)\b", mm.group(1))


def _own_subject(doc: _Doc, stretch: str) -> bool:
    """Whether the words before a verb in its clause are a subject (not only "a pour sa part", "qui")."""
    rest = " " + stretch + " "
    for p in sorted(doc.lex.parentheticals, key=len, reverse=True):
        rest = rest.replace(" " + p + " ", " ")
    words = [w for w in rest.split() if w not in doc.lex.auxiliaries]
    return bool(words)


def _phrase_after(doc: _Doc, sent: _Sentence, pos: int, limit: int = 8) -> str | None:
    """The words after `pos` up to the next punctuation (at most `limit`), or None if none."""
    stop = pos
    stop = _next_mark(doc, stop, sent.end, PHRASE_END)
    words = doc.text[pos:stop].split()
    if not words or len(words) > limit or re.search(r"\d", doc.text[pos:stop]):
        return None
    return " ".join(words)


def _next_mention_or_pronoun(doc: _Doc, sent: _Sentence, pos: int) -> Mention | None:
    """The first mention right after a verb (skipping a few adverbs), for inverted subjects."""
    for p in sent.mentions:
        if p.start < pos:
            continue
        gap = doc.folded[pos:p.start]
        if p.start - pos > 40 or any(c in ",;:.!?()«»\"" for c in gap):
            return None
        if re.search(r"\d", gap):
            return None
        return p
    return None


def _possessive_cues(doc: _Doc, sent: _Sentence) -> list[Cue]:
    """ "le décompte de X", "celui du cabinet X", "X's tally", "by police count"."""
    lex = doc.lex
    cues: list[Cue] = []
    link_rx = _rx(r"(?:\s+[\w-]+){0,2}?\s*(?:{alt})\s*(?:[\w-]+\s+)?", tuple(lex.possessive_link))
    for s, e in doc.terms("possessive", lex.possessive_heads, sent.start, sent.end):
        for m in sent.mentions:
            if m.start < e or m.start - e > 30 or m.role in ("pronoun", "metonym"):
                continue
            gap = doc.folded[e:m.start]
            if link_rx and link_rx.fullmatch(gap):
                cues.append(Cue(s, m.end, _speaker_of(doc, sent, m), True, False, s, "possessive"))
            break
    nouns_rx = _rx(r"'s\s+(?:[\w-]+\s+){0,2}?(?:{alt})\b", tuple(lex.possessive_nouns))
    by_rx = _rx(r"\s+(?:{alt})\b", tuple(lex.by_nouns))
    for m in sent.mentions:
        if m.role in ("pronoun", "metonym"):
            continue
        after = doc.folded[m.end:min(sent.end, m.end + 60)]
        mm = nouns_rx.match(after) if nouns_rx else None
        if mm:
            cues.append(Cue(m.start, m.end + mm.end(), _speaker_of(doc, sent, m), True, False,
                            m.start, "possessive"))
        before = doc.folded[max(sent.start, m.start - 4):m.start]
        by = by_rx.match(after) if by_rx and before.endswith("by ") else None
        if by:
            end = m.end + by.end()
            cues.append(Cue(m.start - 3, end, _speaker_of(doc, sent, m), False, True,
                            _clause_start(doc, sent, m.start), "by"))
    return cues


def _sentence_cues(doc: _Doc, sent: _Sentence) -> list[Cue]:
    preps = _prep_cues(doc, sent)
    owned = _possessive_cues(doc, sent)
    taken = [(c.start, c.end) for c in preps + owned]
    cues = preps + owned + _verb_cues(doc, sent, taken)
    cues.sort(key=lambda c: (c.start, c.end))
    return cues


# ---------------------------------------------------------------- claims

def _choose(doc: _Doc, sent: _Sentence, claim: Claim, cues: list[Cue]) -> Cue | None:
    """The cue covering a figure: one after it that reaches back to it, else the nearest before it."""
    inside = [c for c in cues if claim.start < c.start < claim.end and c.backward]
    if inside:  # a surface that carries its own cue ("1.28 million by police count")
        return inside[0]
    back = [c for c in cues if c.backward and c.start >= claim.end and c.reach <= claim.start]
    fwd = [c for c in cues if c.forward and c.end <= claim.start]
    if back:
        b = min(back, key=lambda c: c.start)
        if not any(c.forward and claim.end <= c.start < b.start for c in cues):
            return b
    if fwd:
        return max(fwd, key=lambda c: (c.end, c.start))
    inside = [c for c in cues if c.start < claim.end and c.end > claim.start and c.family == "verb"]
    return inside[0] if inside else None


def _quote_cue(doc: _Doc, sent: _Sentence, claim: Claim) -> Cue | None:
    """A figure inside a quotation spanning sentences takes the cue right after the quote closes:
    « ... 3 000 soldats sont arrivés. Ils se battent déjà », a déclaré X."""
    para = doc.para_start(claim.start)
    nxt = bisect.bisect_right(doc.para_starts, claim.start)
    para_end = doc.para_starts[nxt] if nxt < len(doc.para_starts) else len(doc.text)
    if not _inside_quote(doc, para, claim.start):
        return None
    close = _quote_close(doc, claim.end, min(para_end, claim.end + QUOTE_REACH))
    if close is None:
        return None
    idx = doc.sentence_index(close)
    if idx == sent.index:
        return None
    s, e = doc.spans[idx]
    later = _Sentence(s, e, idx, doc.in_span(s, e), sent.history)
    for cue in _sentence_cues(doc, later):
        first = min(cue.start, cue.speaker.at) if cue.speaker.at >= 0 else cue.start
        if cue.backward and 0 <= first - (close + 1) <= 8:
            return cue
    return None


def _inside_quote(doc: _Doc, lo: int, pos: int) -> bool:
    """Whether a quotation opened between lo and pos is still open at pos."""
    def count(mark: str) -> int:
        marks = doc.quote_marks[mark]
        return bisect.bisect_left(marks, pos) - bisect.bisect_left(marks, lo)
    depth = count("«") - count("»")
    return depth > 0 or (depth == 0 and count('"') % 2 == 1)


def _quote_close(doc: _Doc, lo: int, hi: int) -> int | None:
    """Where the open quotation closes between lo and hi (the closing mark's offset)."""
    found = []
    for mark in '»"':
        marks = doc.quote_marks[mark]
        i = bisect.bisect_left(marks, lo)
        if i < len(marks) and marks[i] < hi:
            found.append(marks[i])
    return min(found) if found else None


def _gapped(doc: _Doc, sent: _Sentence, claim: Claim, cues: list[Cue]) -> Speaker | None:
    """ "..., la police 40 000": a source standing right before its figure, the verb left out."""
    if not any(c.family in ("verb", "inverted") and c.end <= claim.start for c in cues):
        return None
    for m in sent.mentions:
        if m.end > claim.start or m.role == "pronoun":
            continue
        gap = doc.folded[m.end:claim.start].split()
        if any(w not in doc.lex.gap_words for w in gap):
            continue
        before = _strip_determiner(doc, doc.folded[sent.start:m.start]).rstrip()
        opener = any(before.endswith(o) for o in doc.lex.gap_openers)
        if opener:
            return _speaker_of(doc, sent, m)
    return None


def _strip_determiner(doc: _Doc, before: str) -> str:
    """`before` without the determiner it ends on ("..., la" -> "...,")."""
    rx = _rx(r"(?<!\w)(?:{alt})\s*$", tuple(doc.lex.determiners))
    mm = rx.search(before, max(0, len(before) - 12)) if rx else None
    return before[:mm.start()] if mm else before


def _continues(doc: _Doc, sent: _Sentence) -> bool:
    """Whether a cue-less sentence carries on the previous sentence's report (agentless count)."""
    lex = doc.lex
    body = doc.folded[sent.start:sent.end]
    aux = _rx(r"(?<!\w)(?:{alt})\s+", tuple(lex.passive_aux))
    part = _rx(r"(?:{alt})(?!\w)", tuple(lex.passive_count))
    if aux is None or part is None or not any(part.match(body, a.end()) for a in aux.finditer(body)):
        return False
    opener = _rx(r"(?:{alt})\s+[^,]{1,40},", tuple(lex.frame_openers))
    return not (opener and opener.match(body.lstrip()))


def _in_sum(doc: _Doc, sent: _Sentence, claim: Claim, cue: Cue) -> bool:
    """Whether the figure sits in a clause that adds up figures (a total)."""
    lo = _clause_start(doc, sent, claim.start)
    hi = claim.end
    hi = _next_mark(doc, hi, sent.end, ",;:.")
    if not doc.terms("total", doc.lex.total_words, lo, hi):
        return False
    return cue.family == "possessive" or _next_mark(doc, cue.end, claim.start, CLAUSE) < claim.start


def _refine(doc: _Doc, sent: _Sentence, sp: Speaker) -> Speaker:
    """A state speaking through a metonym ("Moscou") is the organ of that state named next to it."""
    if not sp.generic or not sp.key:
        return sp
    side = doc.sources.side(sp.key)
    if not side:
        return sp
    idx = sent.index
    hi = doc.spans[idx + 1][1] if idx + 1 < len(doc.spans) else sent.end
    for m in doc.in_span(sp.at + 1, hi):
        if m.role in ("pronoun", "metonym"):
            continue
        other = doc.resolved.get(m.start)
        if other and other.key and not other.generic and doc.sources.side(other.key) == side:
            return Speaker(other.key, sp.text, False, sp.relay, sp.at)
    return sp


def _relay_of(doc: _Doc, claim: Claim, chosen: Cue, cues: list[Cue]) -> str | None:
    if chosen.speaker.relay:
        return chosen.speaker.relay
    for c in cues:
        if c is chosen or not c.speaker.key or c.speaker.key == chosen.speaker.key:
            continue
        src = doc.sources.get(c.speaker.key)
        covers = (c.forward and c.end <= claim.start) or (c.backward and c.start >= claim.end
                                                          and c.reach <= claim.start)
        if src is not None and src.relay and covers:
            return c.speaker.key
    return None


def _denial_speaker(doc: _Doc, sent: _Sentence, claim: Claim) -> Speaker | None:
    """The subject of a denial ("la Corée du Nord a catégoriquement nié ...")."""
    window = _clause_start(doc, sent, claim.start, STRONG)
    before = [m for m in sent.mentions if window <= m.start and m.end <= claim.start]
    inside = [m for m in sent.mentions if claim.start <= m.start and m.end <= claim.end]
    m = before[-1] if before else (inside[0] if inside else None)
    if m is None:
        return None
    return _speaker_of(doc, sent, m)


def _set(claim: Claim, sp: Speaker | None, relay: str | None = None) -> None:
    claim.attributed_to = sp.key if sp else None
    claim.attributed_text = sp.text if sp else None
    claim.relayed_by = relay if sp else None
    if claim.relayed_by == claim.attributed_to:
        claim.relayed_by = None


def attribute(article: Article, claims: list[Claim], registry: Registry) -> None:
    """Set attributed_to, attributed_text and relayed_by on each claim, in place."""
    if not claims or not article.text:
        return
    lang = article.lang or (claims[0].lang if claims else "fr") or "fr"
    doc = _layout(article, registry, lang)
    by_sentence: dict[int, list[Claim]] = {}
    for c in sorted(claims, key=lambda c: (c.start, c.end)):
        by_sentence.setdefault(doc.sentence_index(c.start), []).append(c)
    history: list[tuple[int, Speaker]] = []
    done: dict[int, set[str]] = {}  # paragraph start -> the origins of its figures so far
    for idx, (s, e) in enumerate(doc.spans):
        sent = _Sentence(s, e, idx, doc.in_span(s, e), history)
        cues = _sentence_cues(doc, sent)
        last: Speaker | None = None
        for claim in by_sentence.get(idx, []):
            last = _attribute_one(doc, sent, claim, cues, history, done) or last
            if claim.attributed_to:
                done.setdefault(doc.para_start(claim.start), set()).add(claim.attributed_to)
        spoken = [c.speaker for c in cues if c.speaker.key or c.speaker.text]
        if spoken:
            history.append((idx, spoken[-1]))
        elif last is not None:
            history.append((idx, last))


def _attribute_one(doc: _Doc, sent: _Sentence, claim: Claim, cues: list[Cue],
                   history: list[tuple[int, Speaker]], done: dict[int, set[str]]) -> Speaker | None:
    """Attribute one claim; returns the speaker it got (None when it has none)."""
    if claim.negated:
        sp = _denial_speaker(doc, sent, claim)
        sp = _refine(doc, sent, sp) if sp else None
        _set(claim, sp, sp.relay if sp else None)
        return sp
    gapped = _gapped(doc, sent, claim, cues)
    if gapped is not None:
        _set(claim, gapped, gapped.relay)
        return gapped
    cue = _choose(doc, sent, claim, cues) or _quote_cue(doc, sent, claim)
    if cue is None:
        prev = [history[-1][1]] if history and history[-1][0] == sent.index - 1 else []
        if prev and _continues(doc, sent) and \
                doc.para_start(doc.spans[sent.index - 1][0]) == doc.para_start(sent.start):
            _set(claim, prev[-1], prev[-1].relay)
            return prev[-1]
        _set(claim, None)
        return None
    if _in_sum(doc, sent, claim, cue):
        keys = set(done.get(doc.para_start(claim.start), set()))
        keys |= {c.speaker.key for c in cues if c.end <= claim.start and c.speaker.key}
        keys.add(cue.speaker.key) if cue.speaker.key else None
        if len(keys) >= 2:
            _set(claim, None)
            return None
    sp = _refine(doc, sent, cue.speaker)
    src = doc.sources.get(sp.key)
    if (sp.key is None or (src is not None and src.relay)) and not sp.relay:
        cited = _cited_anywhere(doc, sent)  # "Yonhap rapporte que ..., citant l'état-major"
        if cited is not None and (cited.key != sp.key or (sp.key is None and cited.text != sp.text)):
            _set(claim, cited, sp.key)
            return cited
    _set(claim, sp, _relay_of(doc, claim, cue, cues))
    return sp
