"""Who can speak in a text: the names of sources found in it, and the source each stands for.

Part of the attribution stage (see `attribution.py`). The words are data: source names, metonyms,
context names and context words from `rules/sources/*.yaml`, cue words, anaphors and pronouns from
`rules/lang/<lang>/attribution.yaml`. Everything is found in one pass over the folded text (same
offsets as the original), then each mention is resolved to a source key, or to None with its words
when the text names no known source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .models import Article
from .registry import Registry
from .sources import SourceRegistry, load_sources
from .textutil import fold, sentence_spans

PHRASE_END = ",;:.!?()«»\"—–[]"
STRONG = ";:«»\"—–"
CLAUSE = ",;:—–"

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
class Lex:
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
    agent_phrases: list[str]
    addressee: list[str]
    inserted: list[str] = field(default_factory=list)
    clause_breaks: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    role_nouns: dict[str, list[str]] = field(default_factory=dict)
    role_possessives: list[str] = field(default_factory=list)
    role_possessive_kinds: list[str] = field(default_factory=list)
    demonym_first: bool = False
    coordination_rx: re.Pattern[str] | None = None


def _strings(doc: dict[str, Any], key: str) -> list[str]:
    val = doc.get(key) or []
    return [fold(str(x)) for x in val] if isinstance(val, list) else []


def lexicon(registry: Registry, lang: str) -> Lex:
    """The attribution vocabulary of `lang` (English's when the language has none)."""

    def build() -> Lex:
        doc = registry.lexicon(lang, "attribution") or registry.lexicon("en", "attribution")
        verbs = doc.get("verbs") or {}
        anaphors = doc.get("anaphors") or {}
        return Lex(
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
            agent_phrases=_strings(doc, "agent_phrases"),
            addressee=_strings(doc, "addressee"),
            inserted=sorted(_strings(doc, "inserted_adverbs"), key=len, reverse=True),
            clause_breaks=_strings(doc, "clause_breaks"),
            venues=_strings(doc, "venues"),
            role_nouns={str(k): [str(w) for w in (v or [])] for k, v in (doc.get("role_nouns") or {}).items()},
            role_possessives=[str(w) for w in doc.get("role_possessives") or []],
            role_possessive_kinds=[str(w) for w in doc.get("role_possessive_kinds") or ["government"]],
            demonym_first=doc.get("demonym_position") == "before",
            coordination_rx=_coordination_rx(_strings(doc, "coordinators"),
                                             _strings(doc, "possessive_link") + _strings(doc, "determiners")),
        )

    return registry.cached(f"attribution:{lang}", build)


def _coordination_rx(coordinators: list[str], links: list[str]) -> re.Pattern[str] | None:
    """The gap between two coordinated names: " et de la ", " and the "."""
    if not coordinators:
        return None
    alt = "|".join(re.escape(c) for c in sorted(set(coordinators), key=len, reverse=True))
    dets = [re.escape(d) + ("" if d.endswith("'") else r"\s+") for d in sorted(set(links), key=len, reverse=True)]
    tail = "(?:" + "|".join(dets) + ")*" if dets else ""
    return re.compile(r"\s+(?:" + alt + r")\s+" + tail)


# ---------------------------------------------------------------- finding words

# a verb and its inverted subject pronoun are joined by a hyphen ("affirme-t-elle", "dit-il")
_CLITIC = re.compile(r"-(?:t-)?(?:il|elle|ils|elles|on)(?!\w)")


@lru_cache(maxsize=65536)
def fold_term(term: str) -> str:
    return fold(term)


@lru_cache(maxsize=1024)
def word_rx(template: str, words: tuple[str, ...]) -> re.Pattern[str] | None:
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
    return _Term(term, term if acronym else fold_term(term), acronym,
                 bool(letters) and term[:1].isupper())


def _ends_word(text: str, folded: str, j: int, needle: str) -> bool:
    """Whether a term ending at j ends a word there.

    A name glued to the next word by a lost space ("ZelenskyDe son côté") still ends where the
    capital starts; "lance-roquettes" is one word, "affirme-t-elle" two.
    """
    if j >= len(text) or not _is_word(folded[j]) or not _is_word(needle[-1]):
        ok = True
    else:
        ok = text[j].isupper() and text[j - 1].islower()
    if ok and j < len(text) - 1 and folded[j] == "-" and _is_word(needle[-1]):
        ok = bool(_CLITIC.match(folded, j))
    return ok


def _trie(words: list[str]) -> dict[str, Any]:
    """A character trie of `words` (the empty key "" marks where a word ends)."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = True
    return root


def _trie_rx(node: dict[str, Any]) -> str:
    """A regular expression matching exactly the words of a trie, factored by common prefixes."""
    ends = "" in node
    branches = [re.escape(c) + _trie_rx(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


class _Scanner:
    """Finds many terms in one pass.

    A compiled regular expression (a trie of every term, one for the folded text and one for
    acronyms, which keep their case; a name written with a capital matches only a capitalised word)
    finds the word starts where some term begins; only there a
    walk down the trie lists every term that starts at that place, and each is checked for its word
    boundaries and case. The cost is one regular-expression scan of the text plus work per hit.
    """

    def __init__(self, terms: set[str]):
        self.by_needle: dict[tuple[bool, str], list[_Term]] = {}
        for term in sorted(terms):
            t = _term(term)
            if t.needle.strip():
                self.by_needle.setdefault((t.acronym, t.needle), []).append(t)
        plain = [n for a, n in self.by_needle if not a]
        acro = [n for a, n in self.by_needle if a]
        self.plain, self.acro = _trie(plain), _trie(acro)
        # the longest term at a word start (a zero-width lookahead, so that terms may overlap)
        self.plain_rx = re.compile(r"\b(?=(" + _trie_rx(self.plain) + "))") if plain else None
        self.acro_rx = re.compile(r"\b(?=(" + _trie_rx(self.acro) + "))") if acro else None
        # every term that is a prefix of a term, itself included, longest first
        self.prefixes: dict[tuple[bool, str], list[str]] = {}
        for acronym, needle in self.by_needle:
            pre = [needle[:k] for k in range(len(needle), 0, -1) if (acronym, needle[:k]) in self.by_needle]
            self.prefixes[(acronym, needle)] = pre

    def scan(self, text: str, folded: str) -> dict[str, list[int]]:
        """Start offsets of every term, by term."""
        out: dict[str, list[int]] = {}
        glued = [m.start() + 1 for m in _GLUED.finditer(text)]  # "ZelenskyDe": a start after a lost space
        for acronym, rx, trie, source in ((False, self.plain_rx, self.plain, folded),
                                          (True, self.acro_rx, self.acro, text)):
            if rx is None:
                continue
            starts = [(m.start(), m.group(1)) for m in rx.finditer(source)]
            for i in glued:
                longest = _longest(trie, source, i)
                if longest:
                    starts.append((i, longest))
            for i, longest in starts:  # a word start (or a glued one): the left boundary holds
                capital_ok = text[i].isupper() or not text[i].isalpha()
                for needle in self.prefixes[(acronym, longest)]:
                    if not _ends_word(text, folded, i + len(needle), needle):
                        continue
                    for t in self.by_needle[(acronym, needle)]:
                        if capital_ok or not t.capital:
                            out.setdefault(t.term, []).append(i)
        if glued:  # glued starts were added after the others: put each term's offsets in order
            for at in out.values():
                at.sort()
        return out


def _longest(trie: dict[str, Any], source: str, i: int) -> str | None:
    """The longest word of the trie that `source` holds at offset i, if any."""
    best = None
    node: dict[str, Any] | None = trie
    j = i
    while node is not None:
        if "" in node:
            best = source[i:j]
        if j >= len(source):
            break
        node = node.get(source[j])
        j += 1
    return best


# a capitalised word right after a metonym makes it part of a longer name ("London School of ...",
# "Washington Post"): not the state speaking
_NAME_GOES_ON = re.compile(r"[ -][A-ZÀ-ÖØ-Þ]")
_QUOTES = re.compile('[«»"]')
_GLUED = re.compile(r"[a-zà-öø-ÿ][A-ZÀ-ÖØ-Þ]")


def _without_overlaps(items: list[Any], span: Any) -> list[Any]:
    """Keep items in the given order of preference, dropping any that overlaps one already kept."""
    starts: list[int] = []  # the kept spans, disjoint, in text order
    ends: list[int] = []
    kept: list[Any] = []
    for item in items:
        s, e = span(item)
        if s < e:
            i = bisect.bisect_left(starts, s)
            if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
                continue
            starts.insert(i, s)
            ends.insert(i, e)
        kept.append(item)
    return kept


def _spans_of(found: dict[str, list[int]], terms: list[str] | frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of the given terms, longest first at a place, without overlaps, in text order."""
    wanted = terms if isinstance(terms, frozenset) else frozenset(terms)
    if len(found) < len(wanted):  # the article holds few terms: look only at those
        hits = [(s, s + len(fold_term(t))) for t, at in found.items() if t in wanted for s in at]
    else:
        hits = [(s, s + len(fold_term(t))) for t in wanted for s in found.get(t, [])]
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    return sorted(_without_overlaps(hits, lambda h: h))


def _mention_table(sources: SourceRegistry, lex: Lex, lang: str) -> dict[str, dict[str, Any]]:
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
    for phrase, key in _role_names(sources, lex, lang):
        slot(phrase)["keys"].append(key)
    for p in lex.role_possessives:  # "its representative", "son ambassadeur": the last state named
        for nouns in lex.role_nouns.values():
            for n in nouns:
                slot(f"{p} {n}")["kinds"] = tuple(lex.role_possessive_kinds)
    for phrase, kinds in lex.anaphors.items():
        slot(phrase)["kinds"] = kinds
    for p in lex.pronouns:
        slot(p)["pronoun"] = True
    return table


def _role_names(sources: SourceRegistry, lex: Lex, lang: str) -> list[tuple[str, str]]:
    """Role nouns with a side's demonym ("ambassadeur russe", "US special envoy") and the source
    that side names for that role family (none when the side names none)."""
    out: list[tuple[str, str]] = []
    for side in sources.sides.values():
        for role, nouns in lex.role_nouns.items():
            key = side.roles.get(role)
            if not key:
                continue
            for d in side.demonyms.get(lang, []):
                for n in nouns:
                    out.append((f"{d} {n}" if lex.demonym_first else f"{n} {d}", key))
    return sorted(set(out))


def _find_mentions(text: str, found: dict[str, list[int]], table: dict[str, dict[str, Any]]) -> list[Mention]:
    """Every mention of a source in the text, longest first where they overlap."""
    hits: list[tuple[int, int, str]] = []
    for term, starts in found.items():  # the article's terms (far fewer than the table's)
        if term in table:
            n = len(fold_term(term))
            hits.extend((s, s + n, term) for s in starts)
    by_span: dict[tuple[int, int], list[str]] = {}
    for s, e, term in hits:
        by_span.setdefault((s, e), []).append(term)
    mentions = [_merge(text, s, e, sorted(terms), table) for (s, e), terms in by_span.items()]
    mentions = [m for m in mentions if m.role != "metonym" or not _NAME_GOES_ON.match(text, m.end)]
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
class Doc:
    """An article being attributed: its text, folded copy, layout, mentions and resolutions."""

    text: str
    folded: str
    lang: str
    lex: Lex
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
            if "" not in self.mark_cache:  # every punctuation mark, found once
                self.mark_cache[""] = [m.start() for m in _PUNCT.finditer(self.folded)]
            if set(marks) <= _PUNCT_CHARS:
                text = self.folded
                self.mark_cache[marks] = [i for i in self.mark_cache[""] if text[i] in marks]
            else:
                self.mark_cache[marks] = [m.start() for m in _marks_rx(marks).finditer(self.folded)]
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


@lru_cache(maxsize=64)
def _marks_rx(marks: str) -> re.Pattern[str]:
    """The marks as a pattern that skips a comma or dot between two digits (as `is_mark` does)."""
    return re.compile("[" + re.escape(marks) + r"](?!(?<=\d[,.])\d)")


_PUNCT_CHARS = frozenset(PHRASE_END + STRONG + CLAUSE + "«»\"(,;:.!?")
_PUNCT = _marks_rx("".join(sorted(_PUNCT_CHARS)))


def _headline(text: str) -> tuple[int, int] | None:
    """The article's headline: the first short paragraph with no figure or date among the first three."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)]
    for s, e in paras[:3]:
        chunk = text[s:e].strip()
        if chunk and len(chunk) <= 200 and not re.search(r"\d", chunk):
            return s, e
    return None


def _pairs(sources: SourceRegistry, lex: Lex, lang: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The two-part terms (role noun and demonym, possessive and role noun), as pairs of word sets:
    the scanner finds the parts and `_compose` joins them, which keeps its pattern small."""
    roles = frozenset(n for nouns in lex.role_nouns.values() for n in nouns)
    demonyms = frozenset(d for d, _ in sources.demonyms(lang))
    pairs = [(demonyms, roles) if lex.demonym_first else (roles, demonyms)]
    if lex.role_possessives:
        pairs.append((frozenset(lex.role_possessives), roles))
    return pairs


def _all_terms(sources: SourceRegistry, lex: Lex, lang: str, table: dict[str, Any]) -> set[str]:
    """Every term the scanner looks for: names, cue words, context words, and the parts of two-part
    terms (not the pairs themselves)."""
    pairs = _pairs(sources, lex, lang)
    composite = {f"{a} {b}" for first, second in pairs for a in first for b in second}
    terms = {t for t in table if t not in composite}
    for first, second in pairs:
        terms.update(first)
        terms.update(second)
    for words in (lex.preps, lex.speech, lex.acts, lex.citing, lex.possessive_heads, lex.total_words,
                  lex.agent_phrases, lex.clause_breaks):
        terms.update(words)
    for key in sources.keys():
        terms.update(sources.context_words(key, lang))
    return terms


def _compose(found: dict[str, list[int]], folded: str, table: dict[str, Any],
             pairs: list[tuple[frozenset[str], frozenset[str]]]) -> None:
    """Add to `found` the two-part terms of the table whose parts stand one space apart."""
    added = False
    for first, second in pairs:
        seconds: dict[int, list[str]] = {}
        present = [t for t in found if t in second or t in first]  # the article's parts only
        for term in present:
            if term in second:
                for s in found[term]:
                    seconds.setdefault(s, []).append(term)
        if not seconds:
            continue
        for term in present:
            if term not in first:
                continue
            n = len(fold_term(term))
            for s in found[term]:
                e = s + n
                if folded[e:e + 1] != " ":
                    continue
                for t2 in seconds.get(e + 1, ()):
                    phrase = f"{term} {t2}"
                    if phrase in table:
                        found.setdefault(phrase, []).append(s)
                        added = True
    if added:
        for at in found.values():
            at.sort()


MAX_SENTENCE = 3000  # longer "sentences" (a text with no full stop) are read in pieces of this size


def bounded(spans: Sequence[tuple[int, int]], folded: str) -> list[tuple[int, int]]:
    """The sentence spans, any longer than MAX_SENTENCE cut at a clause mark or a space.

    A real sentence is far shorter; a text without full stops (a 10 MB line) would otherwise make
    each figure look at every name of the whole text.
    """
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > MAX_SENTENCE:
            lo, hi = s + MAX_SENTENCE // 2, s + MAX_SENTENCE
            cut = max(folded.rfind(c, lo, hi) for c in ",;:")
            if cut < 0:
                cut = folded.rfind(" ", lo, hi)
            cut = cut + 1 if cut >= 0 else hi
            piece_end = cut
            while piece_end > s and folded[piece_end - 1].isspace():
                piece_end -= 1
            out.append((s, max(piece_end, s + 1)))
            s = cut
            while s < e and folded[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out


def _context_words(sources: SourceRegistry, lang: str) -> dict[Any, Any]:
    """Each context word of `lang` -> the keys it is a context word of; and (key,) -> its words."""
    out: dict[Any, Any] = {}
    for key in sources.keys():
        words = sources.context_words(key, lang)
        if words:
            out[(key,)] = frozenset(words)
            for w in words:
                out.setdefault(w, []).append(key)
    return out


def layout(article: Article, registry: Registry, lang: str) -> Doc:
    text = article.text
    folded = fold(text)
    lex = lexicon(registry, lang)
    sources = load_sources(registry)
    table = registry.cached(f"attribution:mentions:{lang}", lambda: _mention_table(sources, lex, lang))
    paras = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    doc = Doc(text, folded, lang, lex, sources, bounded(sentence_spans(text), folded), paras,
               _headline(text))
    scanner = registry.cached(f"attribution:scanner:{lang}", lambda: _Scanner(_all_terms(sources, lex, lang, table)))
    doc.found = scanner.scan(text, folded)
    _compose(doc.found, folded, table, registry.cached(f"attribution:pairs:{lang}", lambda: _pairs(sources, lex, lang)))
    doc.mentions = _find_mentions(text, doc.found, table)
    doc.mention_starts = [m.start for m in doc.mentions]
    doc.span_starts = [a for a, _ in doc.spans]
    doc.quote_marks = {q: [] for q in '«»"'}
    for q in _QUOTES.finditer(folded):
        doc.quote_marks[q.group()].append(q.start())
    context = registry.cached(f"attribution:context:{lang}", lambda: _context_words(sources, lang))
    keys = {k for w in doc.found for k in context.get(w, ())}  # the sources whose context words occur
    for key in keys:
        words = context[(key,)]
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

def _resolve(doc: Doc, m: Mention) -> Speaker:
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
    if m.context_keys and not m.keys:
        side = _adjacent_side(doc, m)
        if side is not None:  # "chiffres officiels britanniques": only that country's sources
            cands = [k for k in cands if doc.sources.side(k) == side]
            if not cands:
                return Speaker(None, m.text, at=m.start)
            return Speaker(_first(doc, tuple(cands)), m.text, at=m.start)
    with_context = [k for k in cands if doc.context_hits.get(k)]
    if m.context_keys and with_context:
        best = _nearest_context(doc, m, with_context)
        if best:
            return Speaker(best, m.text, at=m.start)
    if m.keys:
        return Speaker(_first(doc, m.keys), m.text, at=m.start)
    return Speaker(None, m.text, at=m.start)


def _adjacent_side(doc: Doc, m: Mention) -> str | None:
    """The side whose demonym stands right against a shared name (after it in French, before it in
    English: "chiffres officiels britanniques", "British official figures"), if any."""
    after, before = doc.sources.demonym_patterns(doc.lang)
    if doc.lex.demonym_first:
        mm = before.search(doc.text, max(0, m.start - 40), m.start) if before else None
    else:
        mm = after.match(doc.text, m.end) if after else None
    if mm is None:
        return None
    word = fold(mm.group(1))
    sides = {side for d, side in doc.sources.demonyms(doc.lang) if fold(d) == word}
    return sorted(sides)[0] if len(sides) == 1 else None


def _first(doc: Doc, keys: tuple[str, ...]) -> str:
    return sorted(keys, key=doc.sources.order)[0]


def within(sorted_offsets: list[int], lo: int, hi: int) -> list[int]:
    """The offsets of a sorted list that lie within [lo, hi)."""
    return sorted_offsets[bisect.bisect_left(sorted_offsets, lo):bisect.bisect_left(sorted_offsets, hi)]


def _nearest_context(doc: Doc, m: Mention, keys: list[str]) -> str | None:
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
        head = [0] if doc.headline and [h for h in within(hits, *doc.headline)
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


def is_mark(text: str, i: int, marks: str) -> bool:
    """Whether text[i] is one of `marks`, a comma or dot inside a number ("1,5", "7.000") excepted."""
    c = text[i]
    if c not in marks:
        return False
    if c in ",." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
        return False
    return True
