"""Subjects and kinds: what each figure counts (taxonomy in rules/subjects/) and how.

Loaded from `subjects/*.yaml` in every rules folder:

    domain: dprk-russia
    parties: [russia, ukraine, north_korea]   # sides that are parties (single-source rule)
    topic: {all: ["nord-coré*", "pyongyang"]}  # the article must hold one of these words
    context: {}                                # ... and one of these, if given
    subjects:
      - key: dprk.troops.near_border
        kind: stock                    # stock | flow | cumulative | total
        part_of: [dprk.troops.in_russia]   # besides the dotted parent, which always covers it
        measure: count
        description: North Korean troops in areas near the Ukrainian border
        default_place: false           # also selected when the figure names no place
        strict_place: false            # refused next to a place the taxonomy does not know
        default_noun: false            # also selected by a bare figure
        exhaustive: false              # its declared parts are complete (they must sum to it)
        feeds: []                      # the levels this flow adds to (dprk.troops.sent feeds in_russia)
        scope: {}                      # {state|cues: sentence} instead of the figure's clause
        words:                         # per language: fr, en, all (any language)
          fr:
            nouns: ["soldat*", "troupes"]          # the counted noun
            actor: ["nord-coré*", "pyongyang"]     # whose they are (noun phrase, else sentence)
            state: ["tué*", "blessé*"]             # what happened to them (nearest in the clause)
            cues: ["nouveaux"]                     # what else the clause must say
            place: ["près de la frontière"]        # where (nearest place in the clause, inherited)

`classify` finds, for each claim, its clause (split by the separators and part markers of
`lang/<code>/kinds.yaml`), its counted noun, actor, state and place, and picks the subject whose
every declared group matches with the best score, then the most specific key. The kind is the
subject's own, unless the subject is a stock: then a marker of the clause (flow, running total,
total) or a `since` set by the dates stage decides.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .models import Article, Claim
from .registry import Registry, merge
from .safeyaml import ConfigError
from .textutil import fold, sentence_spans


@lru_cache(maxsize=4)
def folded(text: str) -> str:
    """`fold(text)`, computed once for the stages that read the same article (read only)."""
    return fold(text)


@lru_cache(maxsize=4)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """`sentence_spans(text)` (the whole text when it has none), computed once per article."""
    return tuple(sentence_spans(text) or [(0, len(text))])


class Subject(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    kind: Literal["stock", "flow", "cumulative", "total"] = "stock"
    part_of: list[str] = Field(default_factory=list)
    measure: Literal["count", "percent", "money", "quantity"] = "count"
    description: str | None = None
    words: dict[str, Any] = Field(default_factory=dict)
    # the period over which a flow is counted (a day of action, a wave); informs comparisons
    period: str | None = None
    # also selected when the figure names no place (the national figure, the whole country)
    default_place: bool = False
    # also selected when the figure has no counted noun at all ("put the toll at 912")
    default_noun: bool = False
    # a place the taxonomy does not know, named beside the figure ("À Lyon, 22 000 manifestants"),
    # means the figure is not this subject even though it is selected when no place is named
    strict_place: bool = False
    # where the `state` and `cues` words must stand: the figure's own clause (default) or anywhere in
    # its sentence ("troops were moved ... with at least 5 aircraft")
    scope: dict[Literal["state", "cues"], Literal["clause", "sentence"]] = Field(default_factory=dict)
    # the parts declared for this whole are complete: their figures must add up to it (parts-sum rule)
    exhaustive: bool = False
    # the levels this flow adds to ("troops sent" feed "troops in Russia"): level + flow = new level
    feeds: list[str] = Field(default_factory=list)

    @field_validator("words")
    @classmethod
    def _check_words(cls, words: dict[str, Any]) -> dict[str, Any]:
        """`words` maps a language (or `all`) to groups of phrases: {fr: {nouns: [...], ...}}."""
        for lang, block in words.items():
            if not isinstance(block, dict):
                raise ValueError(f"words.{lang} must map groups ({', '.join(GROUPS)}) to phrases")
            for group, phrases in block.items():
                if group not in GROUPS:
                    raise ValueError(f"words.{lang}.{group}: unknown group (use {', '.join(GROUPS)})")
                if not isinstance(phrases, (str, list)) or (
                        isinstance(phrases, list) and not all(isinstance(p, str) for p in phrases)):
                    raise ValueError(f"words.{lang}.{group} must be a phrase or a list of phrases")
        return words


class SubjectFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    domain: str | None = None
    parties: list[str] = Field(default_factory=list)
    description: str | None = None
    # words, per language (`all` for every language), one of which the article must hold for this
    # file's subjects to be considered; none = always considered
    topic: dict[str, list[str]] = Field(default_factory=dict)
    # words, per language, one of which the article must also hold (e.g. the countries of one
    # earthquake, when the topic words name any earthquake)
    context: dict[str, list[str]] = Field(default_factory=dict)
    subjects: list[Subject]


class Taxonomy:
    """Subjects by key, with the dotted parent and `part_of` relations and each domain's parties."""

    def __init__(self, subjects: dict[str, Subject], parties: dict[str, frozenset[str]],
                 domains: dict[str, str] | None = None,
                 topics: dict[str, dict[str, list[str]]] | None = None,
                 contexts: dict[str, dict[str, list[str]]] | None = None):
        self.by_key = dict(sorted(subjects.items()))
        self._parties = parties  # subject key -> parties of the file that declared it
        self.domains = dict(domains or {})  # subject key -> domain (file) name
        self.topics = dict(topics or {})  # domain -> {lang: topic words}
        self.contexts = dict(contexts or {})  # domain -> {lang: words one of which must also appear}

    def get(self, key: str | None) -> Subject | None:
        return self.by_key.get(key) if key else None

    def keys(self) -> list[str]:
        return list(self.by_key)

    def kind(self, key: str | None) -> str | None:
        s = self.get(key)
        return s.kind if s else None

    @staticmethod
    def dotted_ancestors(key: str) -> list[str]:
        """The keys a dotted key is part of ("a.b.c" -> ["a.b", "a"]); none for an automatic subject,
        whose segments (measure, place) say nothing about parts and wholes."""
        if key.startswith(AUTO + "."):
            return []
        parts = key.split(".")
        return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]

    def wholes(self, key: str) -> set[str]:
        """Every subject that `key` is part of: dotted ancestors and part_of, transitively."""
        out: set[str] = set()
        todo = [key]
        while todo:
            k = todo.pop()
            nexts = list(self.dotted_ancestors(k))
            s = self.by_key.get(k)
            if s:
                nexts += s.part_of
            for n in nexts:
                if n not in out and n != key:
                    out.add(n)
                    todo.append(n)
        return out

    def is_part_of(self, part: str | None, whole: str | None) -> bool:
        """True when `part` is strictly part of `whole` (dotted child or declared part_of)."""
        if not part or not whole or part == whole:
            return False
        return whole in self.wholes(part)

    def related(self, a: str | None, b: str | None) -> bool:
        """Same subject, or one part of the other."""
        return bool(a and b) and (a == b or self.is_part_of(a, b) or self.is_part_of(b, a))

    def parties(self, key: str | None) -> frozenset[str]:
        """The sides that are parties to the dispute this subject belongs to."""
        if not key:
            return frozenset()
        for k in [key, *self.dotted_ancestors(key)]:
            if k in self._parties:
                return self._parties[k]
        return frozenset()


def load_taxonomy(registry: Registry) -> Taxonomy:
    """The registry's subjects, validated (ConfigError names the file and key)."""

    def build() -> Taxonomy:
        subjects: dict[str, Subject] = {}
        parties: dict[str, frozenset[str]] = {}
        domains: dict[str, str] = {}
        topics: dict[str, dict[str, list[str]]] = {}
        contexts: dict[str, dict[str, list[str]]] = {}
        for path, doc in registry.subject_docs:
            try:
                sf = SubjectFile.model_validate(doc)
            except ValidationError as exc:
                err = exc.errors()[0]
                raise ConfigError(path, err["msg"], key=".".join(str(x) for x in err["loc"])) from None
            domain = sf.domain or str(path)
            if sf.topic:
                topics[domain] = merge(topics.get(domain, {}), sf.topic)
            if sf.context:
                contexts[domain] = merge(contexts.get(domain, {}), sf.context)
            for s in sf.subjects:
                subjects[s.key] = s
                domains[s.key] = domain
                if sf.parties:
                    parties[s.key] = frozenset(sf.parties)
        for key, s in subjects.items():
            for what, targets in (("part_of", s.part_of), ("feeds", s.feeds)):
                for w in targets:
                    if w not in subjects and not any(k.startswith(w + ".") for k in subjects):
                        raise ConfigError(next(p for p, _ in registry.subject_docs), f"unknown subject {w!r}",
                                          key=f"{key}.{what}")
        return Taxonomy(subjects, parties, domains, topics, contexts)

    return registry.cached("taxonomy", build)




# ---------------------------------------------------------------- phrase matching

GROUPS = ("nouns", "actor", "state", "cues", "place")
LANG_ANY = "all"
_WORD = r"[\w'-]*"


def phrase_pattern(phrase: str) -> str:
    """Regex source for one vocabulary phrase, matched on folded text at word boundaries.

    Spaces match any run of white space; a word ending in `*` matches any ending; a lone `*` matches
    any one word. A phrase made of punctuation only (";", " - ") matches itself as written.
    """
    folded = fold(phrase)
    if not re.search(r"\w", folded):
        return re.escape(folded)
    parts = []
    for word in folded.split():
        if word == "*":
            parts.append(r"[\w'-]+")
        elif word.endswith("*"):
            parts.append(re.escape(word[:-1]) + _WORD)
        else:
            parts.append(re.escape(word))
    body = r"\s+".join(parts)
    lead = r"(?<![\w])" if re.match(r"\w", folded.strip()) else ""
    tail = r"(?![\w])" if re.search(r"[\w*]$", folded.strip()) else ""
    return lead + body + tail


_FIRST_WORD = re.compile(r"[^\W_][\w'-]*\*?")
_TOKEN = re.compile(r"[\w'-]*")


EXACT_END, WILD_END = "\x00", "\x01"   # trie leaves: a whole first word, or a prefix ("soldat*")


def _literal_lead(phrase: str) -> str:
    """The literal beginning of a phrase, up to its first wildcard, as a trie leaf: the whole phrase
    (which must end a word there) or the part before the `*` (anything may follow)."""
    star = phrase.find("*")
    if star < 0:
        return phrase + (EXACT_END if re.search(r"\w$", phrase) else WILD_END)
    return phrase[:star] + WILD_END


def _trie_source(words: list[str]) -> str:
    """A trie-shaped regex alternation of first words, each ending in EXACT_END (the word must end
    there) or WILD_END (any ending): a handful of branches per position instead of every word."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    parts = []
    for ch, rest in sorted(groups.items()):
        if ch == EXACT_END:
            parts.append(r"(?!\w)")
        elif ch == WILD_END:
            parts.append("")
        elif ch == " ":
            parts.append(r"\s+" + _trie_source(rest))
        else:
            parts.append(re.escape(ch) + _trie_source(rest))
    parts.sort(key=lambda x: x in ("", r"(?!\w)"))  # longer words first
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")"


class PhraseSet:
    """A set of phrases, found in a text by one scan for their first words, then each candidate
    phrase tried where its first word stands (phrases not starting with a word are scanned whole)."""

    def __init__(self, phrases: list[str]):
        uniq = sorted({p for p in phrases if p and p.strip()}, key=lambda p: (-len(p), p))
        self.phrases = uniq
        self._single = [(p, re.compile(phrase_pattern(p))) for p in uniq]
        self._which: dict[str, frozenset[str]] = {}
        # phrases by their first word: exact ("soldats") or a prefix ("soldat*")
        self._exact: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self._wild: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self._scanned: list[tuple[str, re.Pattern[str]]] = []
        for p, rx in self._single:
            first = p.split()[0] if p.split() else ""
            if _FIRST_WORD.fullmatch(first):
                table = self._wild if first.endswith("*") else self._exact
                table.setdefault(first.rstrip("*"), []).append((p, rx))
            else:
                self._scanned.append((p, rx))
        leaves = sorted({_literal_lead(p) for p, _ in self._single if (p, _) not in self._scanned})
        self._starts = re.compile(r"(?<!\w)(?=" + _trie_source(leaves) + ")") if leaves else None
        self._wild_lens = sorted({len(k) for k in self._wild})
        self._units: dict[str, list[Hit]] = {}

    def which(self, hit: str) -> frozenset[str]:
        """The phrases whose pattern matches exactly this (folded) hit text."""
        if hit not in self._which:
            self._which[hit] = frozenset(p for p, rx in self._single if rx.fullmatch(hit))
        return self._which[hit]

    def _candidates(self, folded: str, pos: int, end: int) -> list[tuple[str, re.Pattern[str]]]:
        """The phrases whose first word stands at `pos`."""
        m = _TOKEN.match(folded, pos, end)
        tok = m.group(0) if m else ""
        cands = list(self._exact.get(tok, ()))
        if "'" in tok or "-" in tok:
            for i, ch in enumerate(tok):
                if ch in "'-":  # "d'" in "d'entre", "nord" in "nord-coréens"
                    cands += self._exact.get(tok[:i + 1], ()) if ch == "'" else ()
                    cands += self._exact.get(tok[:i], ())
        for n in self._wild_lens:
            if n > len(tok):
                break
            cands += self._wild.get(tok[:n], ())
        return cands

    def raw(self, folded: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, phrase) of every match of every phrase at every position, overlaps kept."""
        end = len(folded) if end is None else end
        out: list[tuple[int, int, str]] = []
        for p, rx in self._scanned:
            out.extend((m.start(), m.end(), p) for m in rx.finditer(folded, start, end) if m.end() > m.start())
        if self._starts is None:
            return out
        for w in self._starts.finditer(folded, start, end):
            pos = w.start()
            for p, rx in self._candidates(folded, pos, end):
                m = rx.match(folded, pos, end)
                if m and m.end() > pos:
                    out.append((pos, m.end(), p))
        return out

    def contains_any(self, folded: str) -> bool:
        """True when some phrase occurs in the text (stops at the first)."""
        if any(rx.search(folded) for _, rx in self._scanned):
            return True
        if self._starts is None:
            return False
        end = len(folded)
        for w in self._starts.finditer(folded):
            pos = w.start()
            if any((m := rx.match(folded, pos)) and m.end() > pos for _, rx in self._candidates(folded, pos, end)):
                return True
        return False

    def in_unit(self, unit: str) -> list[Hit]:
        """The hits in a claim's unit (memoised: units repeat)."""
        found = self._units.get(unit)
        if found is None:
            if len(self._units) > 4096:
                self._units.clear()
            found = self._units[unit] = self.finditer(fold(unit))
        return found

    def resolve(self, folded: str, spans: Any) -> list[Hit]:
        """Hits from raw spans: overlaps dropped in favour of the longer hit, in text order."""
        keep: list[tuple[int, int]] = []  # non-overlapping, sorted by start
        for a, b in sorted(set(spans), key=lambda sp: (sp[0] - sp[1], sp[0])):
            i = bisect.bisect_left(keep, (a, b))
            if (i > 0 and keep[i - 1][1] > a) or (i < len(keep) and keep[i][0] < b):
                continue  # overlaps a longer hit
            keep.insert(i, (a, b))
        return [Hit(a, b, self.which(folded[a:b])) for a, b in keep]

    def finditer(self, folded: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Every hit of every phrase, except those overlapping a longer hit, in text order."""
        return self.resolve(folded, ((a, b) for a, b, _ in self.raw(folded, start, end)))


class Scan:
    """One scan of a text for the phrases of several phrase sets at once, split back per set."""

    def __init__(self, sets: dict[str, PhraseSet]):
        self.sets = sets
        self.union = PhraseSet([p for ps in sets.values() for p in ps.phrases])
        self._owners: dict[str, list[str]] = {}  # phrase -> the sets holding it
        for name, ps in sets.items():
            for p in ps.phrases:
                self._owners.setdefault(p, []).append(name)

    def present(self, folded: str) -> set[str]:
        """The names of the sets that have at least one hit in the text."""
        seen = {p for _, _, p in self.union.raw(folded)}
        return {name for name, ps in self.sets.items() if seen.intersection(ps.phrases)}

    def run(self, folded: str) -> dict[str, list[Hit]]:
        """Each set's hits, as its own `finditer` would give them."""
        spans: dict[str, list[tuple[int, int]]] = {name: [] for name in self.sets}
        for a, b, p in self.union.raw(folded):
            for name in self._owners[p]:
                spans[name].append((a, b))
        return {name: ps.resolve(folded, spans[name]) if spans[name] else []
                for name, ps in self.sets.items()}


class Hit(NamedTuple):
    """Where a vocabulary phrase stands in the folded text, and which phrases it matches."""

    start: int
    end: int
    phrases: frozenset[str]


def fold_phrases(words: Any) -> list[str]:
    """A list of phrases from a YAML value (a string or a list of strings), folded."""
    if isinstance(words, str):
        return [fold(words)]
    if isinstance(words, list):
        return [fold(w) for w in words if isinstance(w, str)]
    return []


def subject_words(subject: Subject, lang: str) -> dict[str, frozenset[str]]:
    """The subject's phrases per group for `lang` (its language's words plus `all`)."""
    out: dict[str, set[str]] = {}
    for code in (lang, LANG_ANY):
        block = subject.words.get(code)
        if not isinstance(block, dict):
            continue
        for group, words in block.items():
            if group in GROUPS:
                out.setdefault(group, set()).update(fold_phrases(words))
    return {g: frozenset(v) for g, v in out.items() if v}


def lexicon_phrases(registry: Registry, lang: str, name: str, *path: str) -> list[str]:
    """A list of phrases from a vocabulary file (`rules/lang/<lang>/<name>.yaml`) by key path."""
    doc: Any = registry.lexicon(lang, name)
    for key in path:
        doc = doc.get(key) if isinstance(doc, dict) else None
    return fold_phrases(doc)


# ---------------------------------------------------------------- compiled vocabulary

KINDS = ("flow", "cumulative", "total")
BREAKS = "_breaks"  # hits of the words that end a noun phrase
NAMED = "_named"    # capitalised place names the taxonomy does not know ("à Lyon")
MARKER = "_marker:"  # hits of the kind markers, by kind
FORECAST = "forecast"  # a plan or a forecast, not a present count (claim flag; kinds.yaml key)
NEW_CLAUSE = "_new_clause"  # a comma and a conjunction: what follows is another clause
PART_AFTER = "_part_after"  # words after a figure that make it a part of the one before ("of them")
NOUN_WINDOW = 60     # characters after a figure where its noun phrase may run
NOUN_GAP = 30        # at most this many characters between a figure and its counted noun
LEFT_WINDOW = 90     # characters before a figure where a noun standing before it may be
ELISION_GAP = 45     # at most this many characters from the figure before, for an elided noun
AUTO_LEFT_WINDOW = 160  # characters before a figure where an automatic subject's noun may be
LOOKBACK = 3         # sentences searched back for the place a figure inherits
WEIGHTS = {"unit": 4.0, "right": 4.0, "left": 3.0, "elided": 2.5, "default": 0.5,
           "actor_np": 4.0, "actor_sentence": 2.0, "actor_paragraph": 1.0, "state": 3.0, "cues": 3.0,
           "place": 2.0, "place_inherited": 1.0, "measure_mismatch": -3.0}


AUTO = "auto"              # the prefix of automatic subject keys
AUTO_NOUNS, AUTO_VAGUE, AUTO_STATES = "_auto_nouns", "_auto_vague", "_auto_states"
AUTO_INTERIM, AUTO_OWN = "_auto_interim", "_auto_own_scope"


@dataclass
class AutoVocab:
    """The words of automatic subjects for one language (lang/<code>/counted.yaml)."""

    nouns: PhraseSet
    vague: PhraseSet
    states: PhraseSet
    interim: PhraseSet            # "à 17 heures": an interim figure of a running count
    own_scope: PhraseSet          # "dans les collèges" right after a bare figure: its own population
    noun_lemma: dict[str, str]    # folded phrase -> lemma
    state_lemma: dict[str, str]
    same_as: dict[str, str]       # lemma -> the lemma it stands for ("toll" -> "dead")
    kinds: dict[str, str]         # lemma -> its kind when no marker says otherwise
    placeless: frozenset[str]     # lemmas that make a key without a place (a turnout, a strike rate)

    @classmethod
    def load(cls, registry: Registry, lang: str) -> AutoVocab | None:
        """The automatic-subject vocabulary of `lang`; None when it has none."""
        doc = registry.lexicon(lang, "counted")
        if not doc:
            return None

        def table(key: str) -> dict[str, str]:
            out: dict[str, str] = {}
            block = doc.get(key)
            for lemma, words in sorted(block.items()) if isinstance(block, dict) else []:
                for w in fold_phrases(words):
                    out.setdefault(w, str(lemma))
            return out

        nouns, states = table("nouns"), table("states")
        raw = doc.get("lemmas")
        lemmas: dict[str, Any] = raw if isinstance(raw, dict) else {}
        same = {str(k): str(v["as"]) for k, v in lemmas.items() if isinstance(v, dict) and v.get("as")}
        kinds = {str(k): str(v["kind"]) for k, v in lemmas.items() if isinstance(v, dict) and v.get("kind")}
        placeless = frozenset(str(k) for k, v in lemmas.items() if isinstance(v, dict) and v.get("placeless"))
        return cls(nouns=PhraseSet(list(nouns)), vague=PhraseSet(fold_phrases(doc.get("vague"))),
                   states=PhraseSet(list(states)), interim=PhraseSet(fold_phrases(doc.get("interim"))),
                   own_scope=PhraseSet(fold_phrases(doc.get("own_scope"))), noun_lemma=nouns, state_lemma=states,
                   same_as=same, kinds=kinds, placeless=placeless)

    def lemma(self, hit: Hit | None, table: dict[str, str]) -> str | None:
        """The lemma of a hit (the first of its phrases' lemmas)."""
        if hit is None:
            return None
        found = sorted(table[p] for p in hit.phrases if p in table)
        return found[0] if found else None


@dataclass
class Vocab:
    """The compiled phrases of the subjects considered for one article's language."""

    subjects: list[tuple[Subject, dict[str, frozenset[str]]]]
    groups: dict[str, PhraseSet]
    separators: PhraseSet
    subset: PhraseSet
    noun_breaks: PhraseSet
    continuations: PhraseSet
    part_after: PhraseSet
    markers: dict[str, PhraseSet]
    new_clause: PhraseSet = field(default_factory=lambda: PhraseSet([]))
    named_place: re.Pattern[str] | None = None   # a preposition and a capitalised word
    named_filter: re.Pattern[str] | None = None  # where `named_place` may match a capital (original text)
    not_places: frozenset[str] = frozenset()     # capitalised words that are not places
    auto: AutoVocab | None = None                # the automatic subjects' words
    scan: Scan = field(init=False)

    def __post_init__(self) -> None:
        sets = {**self.groups, BREAKS: self.noun_breaks, PART_AFTER: self.part_after, NEW_CLAUSE: self.new_clause,
                "_separators": self.separators, "_subset": self.subset,
                "_continuations": self.continuations}
        if self.auto is not None:
            sets.update({AUTO_NOUNS: self.auto.nouns, AUTO_VAGUE: self.auto.vague, AUTO_STATES: self.auto.states,
                         AUTO_INTERIM: self.auto.interim, AUTO_OWN: self.auto.own_scope})
        sets.update({MARKER + k: ps for k, ps in self.markers.items()})
        self.scan = Scan(sets)


def topic_set(registry: Registry, tax: Taxonomy, domain: str, lang: str, what: str = "topic") -> PhraseSet:
    """The topic (or context) words of a domain in `lang` (and `all`)."""
    def build() -> PhraseSet:
        words = (tax.topics if what == "topic" else tax.contexts).get(domain, {})
        return PhraseSet(fold_phrases(words.get(lang)) + fold_phrases(words.get(LANG_ANY)))

    return registry.cached(f"subjects:{what}:{domain}:{lang}", build)


def _topic_scan(registry: Registry, tax: Taxonomy, lang: str) -> Scan:
    """One scan for the topic and context words of every domain in `lang`."""
    def build() -> Scan:
        sets = {}
        for domain in sorted(set(tax.domains.values())):
            for what, table in (("topic", tax.topics), ("context", tax.contexts)):
                if table.get(domain):
                    sets[f"{what}:{domain}"] = topic_set(registry, tax, domain, lang, what)
        return Scan(sets)

    return registry.cached(f"subjects:topicscan:{lang}", build)


def active_domains(registry: Registry, tax: Taxonomy, folded: str, lang: str,
                   found: set[str] | None = None) -> frozenset[str]:
    """The domains whose topic words, and context words if any, the article holds (a domain with
    neither always counts). `found`: the names of the topic/context sets present, if known."""
    if found is None:
        found = _topic_scan(registry, tax, lang).present(folded)
    out = set()
    for domain in sorted(set(tax.domains.values())):
        ok = True
        for what, table in (("topic", tax.topics), ("context", tax.contexts)):
            if table.get(domain) and f"{what}:{domain}" not in found:
                ok = False
        if ok:
            out.add(domain)
    return frozenset(out)


def compile_vocab(registry: Registry, tax: Taxonomy, lang: str, domains: frozenset[str]) -> Vocab:
    """Phrase sets for the subjects of `domains` in `lang`, and the clause and kind markers (cached)."""
    def build() -> Vocab:
        subs = []
        union: dict[str, list[str]] = {g: [] for g in GROUPS}
        for key, s in tax.by_key.items():
            if tax.domains.get(key) not in domains:
                continue
            words = subject_words(s, lang)
            if not words:
                continue
            subs.append((s, words))
            for g, ws in words.items():
                union[g].extend(ws)
        return Vocab(
            subjects=subs,
            groups={g: PhraseSet(ws) for g, ws in union.items()},
            separators=PhraseSet(lexicon_phrases(registry, lang, "kinds", "clause", "separators")),
            subset=PhraseSet(lexicon_phrases(registry, lang, "kinds", "clause", "subset")),
            noun_breaks=PhraseSet(lexicon_phrases(registry, lang, "kinds", "clause", "noun_breaks")),
            continuations=PhraseSet(lexicon_phrases(registry, lang, "kinds", "clause", "continuations")),
            part_after=PhraseSet(lexicon_phrases(registry, lang, "kinds", "clause", "part_after")),
            new_clause=PhraseSet(lexicon_phrases(registry, lang, "kinds", "clause", "new_clause")),
            markers={k: PhraseSet(lexicon_phrases(registry, lang, "kinds", k)) for k in (*KINDS, FORECAST)},
            named_place=_named_place_pattern(registry, lang),
            named_filter=_named_place_filter(registry, lang),
            not_places=_not_places(registry, lang),
            auto=AutoVocab.load(registry, lang),
        )

    return registry.cached(f"subjects:vocab:{lang}:{','.join(sorted(domains))}", build)


def _named_place_pattern(registry: Registry, lang: str) -> re.Pattern[str] | None:
    """A place preposition ("à", "in") followed by a word, matched on folded text."""
    preps = lexicon_phrases(registry, lang, "kinds", "clause", "place_prepositions")
    if not preps:
        return None
    alt = "|".join(phrase_pattern(p) for p in sorted(set(preps), key=lambda p: (-len(p), p)))
    return re.compile(rf"(?:{alt})\s+([^\W\d_][\w'-]*)")


def _named_place_filter(registry: Registry, lang: str) -> re.Pattern[str] | None:
    """A place preposition ending right before a capitalised word (searched on the folded text
    before each capital of the original text: a cheap first pass for `named_place`)."""
    preps = lexicon_phrases(registry, lang, "kinds", "clause", "place_prepositions")
    if not preps:
        return None
    alt = "|".join(phrase_pattern(p) for p in sorted(set(preps), key=lambda p: (-len(p), p)))
    return re.compile(rf"(?:{alt})\s+\Z")


_CAPITAL = re.compile(r"(?<![\w'’-])[^\W\d_a-zß-öø-ÿ]")  # a word starting with a letter that may be a capital


def _not_places(registry: Registry, lang: str) -> frozenset[str]:
    """Capitalised words after a preposition that are not places: months, weekdays, source names."""
    out: set[str] = set(lexicon_phrases(registry, lang, "kinds", "clause", "not_places"))
    dates = registry.lexicon(lang, "dates")
    for key in ("months", "weekdays"):
        table = dates.get(key)
        if isinstance(table, (dict, list)):
            out.update(fold(str(w)) for w in table)
    try:
        from .sources import load_sources
        for name, _ in load_sources(registry).names(lang):
            first = fold(name).split()
            if first:
                out.add(first[0].strip("'"))
    except Exception:  # noqa: BLE001 - the source registry is optional here
        pass
    return frozenset(out)


# ---------------------------------------------------------------- where each figure stands

@dataclass
class Frame:
    """A claim's place in its sentence: the clause that is its own and the figures around it."""

    index: int                 # position of the claim in reading order
    sent: int                  # sentence index
    left: int                  # start of the figure's own clause
    outer: int                 # start of the clause it depends on (a part: "dont 80.000")
    right: int                 # end of its clause (next figure, separator or sentence end)
    prev_end: int              # end of the figure before it in the sentence (or sentence start)
    prev: int | None           # reading-order index of that figure
    subset: bool = False       # a part of the figure before ("dont", "including", "of them")
    place: Hit | None = None   # the place its clause names
    inherited: Hit | None = None   # the place it inherits from the sentences before
    noun: Hit | None = None
    noun_how: str | None = None
    actor: Hit | None = None   # an actor named in its noun phrase ("soldats nord-coréens")
    state: Hit | None = None   # what happened to what it counts, nearest in its clause ("tués")
    np_end: int = 0            # end of its noun phrase
    actors: frozenset[str] = frozenset()  # actors of its sentence outside other figures' phrases
    auto: AutoFacts | None = None  # what an automatic subject would say it counts
    elided_from: int | None = None  # the figure of the sentence before whose noun it takes
    paragraph_actors: frozenset[str] = frozenset()  # actors of the sentences before, same paragraph


@dataclass
class ArticleIndex:
    """Everything classify needs about one article: folded text, sentences, phrase hits, frames."""

    text: str
    folded: str
    vocab: Vocab
    spans: list[tuple[int, int]]
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    seps: list[tuple[int, int, bool]] = field(default_factory=list)  # (start, end, opens a part)
    continuations: set[int] = field(default_factory=set)  # starts of separators that continue a clause
    by_sent: dict[int, list[Frame]] = field(default_factory=dict)
    memo: dict[Any, Any] = field(default_factory=dict)
    _starts: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _phrases: dict[tuple[str, int, int], frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, text: str, vocab: Vocab) -> ArticleIndex:
        folded_ = folded(text)
        idx = cls(text=text, folded=folded_, vocab=vocab, spans=list(sentences(text)))
        found = vocab.scan.run(folded_)  # one pass over the text for every phrase set
        idx.hits = {g: found[g] for g in vocab.groups}
        # a noun inside a place ("les deux pays", "both countries") is not the figure's noun
        idx.hits["nouns"] = [h for h in idx.hits.get("nouns", []) if not idx._inside_longer_place(h)]
        idx._starts.pop("nouns", None)
        idx.hits[BREAKS] = found[BREAKS]
        idx.hits[NAMED] = idx._named_places()
        idx.hits[PART_AFTER] = found[PART_AFTER]
        for k in vocab.markers:
            idx.hits[MARKER + k] = found[MARKER + k]
        seps = [(h.start, h.end, False) for h in found["_separators"]]
        seps += [(h.start, h.end, True) for h in found["_subset"]]
        idx.seps = sorted(seps)
        idx.continuations = {h.start for h in found["_continuations"]}
        for name in (AUTO_NOUNS, AUTO_VAGUE, AUTO_STATES, AUTO_INTERIM, AUTO_OWN, NEW_CLAUSE):
            idx.hits[name] = found.get(name, [])
        return idx

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding `offset` (the nearest one before it if between sentences)."""
        lo, hi, best = 0, len(self.spans) - 1, 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.spans[mid][0] <= offset:
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        return best

    def starts(self, group: str) -> list[int]:
        """Start offsets of the hits of `group`, in order (hits of a group never overlap)."""
        starts = self._starts.get(group)
        if starts is None:
            starts = self._starts[group] = [h.start for h in self.hits.get(group, [])]
        return starts

    def starting_in(self, group: str, start: int, end: int) -> list[Hit]:
        """The hits of `group` that start within [start, end)."""
        starts = self._starts.get(group)
        if starts is None:
            starts = self.starts(group)
        return self.hits.get(group, [])[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def hits_in(self, group: str, start: int, end: int) -> list[Hit]:
        """The hits of `group` lying within [start, end)."""
        return [h for h in self.starting_in(group, start, end) if h.end <= end]

    def _named_places(self) -> list[Hit]:
        """Capitalised words after a place preposition that no known place covers."""
        rx = self.vocab.named_place
        if rx is None:
            return []
        out: list[Hit] = []
        done = 0
        tail = self.vocab.named_filter
        if tail is None:
            return []
        for cap in _CAPITAL.finditer(self.text):
            prep = tail.search(self.folded, max(done, cap.start() - 24), cap.start())
            m = rx.match(self.folded, prep.start()) if prep else None
            if m is None:
                continue
            done = m.end()
            a, b = m.span(1)
            word = m.group(1)
            if (not self.text[a].isupper() or word in self.vocab.not_places
                    or any(w in self.vocab.not_places for w in word.split("'"))):  # "Sunday's", "l'État"
                continue
            if self.hits_in("place", m.start(), m.end() + 1) or self.starting_in("place", a, b):
                continue  # a place the taxonomy knows
            out.append(Hit(a, b, frozenset()))
        return out

    def _inside_longer_place(self, h: Hit) -> bool:
        starts = self.starts("place")
        i = bisect.bisect_right(starts, h.start) - 1
        if i < 0:
            return False
        p = self.hits["place"][i]
        return p.start <= h.start and h.end <= p.end and p.end - p.start > h.end - h.start

    def phrases_in(self, group: str, start: int, end: int) -> frozenset[str]:
        """Every phrase of `group` matched within [start, end) (memoised)."""
        key = (group, start, end)
        if key not in self._phrases:
            out: set[str] = set()
            for h in self.hits_in(group, start, end):
                out |= h.phrases
            self._phrases[key] = frozenset(out)
        return self._phrases[key]


def _frames(idx: ArticleIndex, claims: list[Claim]) -> list[Frame]:
    """The clause of every claim (claims given in reading order)."""
    frames: list[Frame] = []
    by_sent: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        by_sent.setdefault(idx.sentence_index(c.start), []).append(i)
    for si, members in by_sent.items():
        s0, s1 = idx.spans[si]
        starts = [claims[i].start for i in members]
        lo = bisect.bisect_left(idx.seps, (s0, -1, False))
        hi = bisect.bisect_left(idx.seps, (s1, -1, False))
        seps = []
        for a, b, sub in idx.seps[lo:hi]:
            j = bisect.bisect_left(starts, b)  # claims starting before the separator ends
            inside = any(claims[members[k]].end > a for k in range(max(0, j - 2), j))
            if b <= s1 and not inside:
                seps.append((a, b, sub))
        by_end = sorted(seps, key=lambda x: (x[1], x[0]))
        ends_of = [x[1] for x in by_end]
        sep_starts = [x[0] for x in seps]
        post_subset = [h.start for h in idx.starting_in(PART_AFTER, s0, s1)]
        for k, i in enumerate(members):
            c = claims[i]
            nb = bisect.bisect_right(ends_of, c.start)  # separators ending before the figure
            left = by_end[nb - 1][0] if nb else s0
            subset = bool(nb) and by_end[nb - 1][2]
            outer = by_end[nb - 2][0] if subset and nb > 1 else (s0 if subset else left)
            p = bisect.bisect_left(post_subset, c.end)
            subset = subset or (p < len(post_subset) and post_subset[p] - c.end <= 3)  # "300,000 of them"
            na = bisect.bisect_left(sep_starts, c.end)
            ends = [seps[na][0]] if na < len(seps) else []
            ends.append(s1)
            if k + 1 < len(members):
                ends.append(max(claims[members[k + 1]].start, c.end))
            prev = members[k - 1] if k else None
            frames.append(Frame(index=i, sent=si, left=left, outer=outer, right=min(ends),
                                prev_end=claims[prev].end if prev is not None else s0, prev=prev,
                                subset=subset))
    frames.sort(key=lambda f: f.index)
    return frames


# ---------------------------------------------------------------- what each figure names

def _nearest_before(idx: ArticleIndex, group: str, lo: int, hi: int) -> Hit | None:
    """The hit of `group` within [lo, hi) that ends last (hits of a group never overlap)."""
    hits = idx.hits.get(group, [])
    i = bisect.bisect_left(idx.starts(group), hi) - 1
    while i >= 0 and hits[i].end > hi:
        i -= 1
    return hits[i] if i >= 0 and hits[i].start >= lo else None


def _first_after(idx: ArticleIndex, group: str, lo: int, hi: int) -> Hit | None:
    """The first hit of `group` starting within [lo, hi)."""
    cands = idx.starting_in(group, lo, hi)
    return cands[0] if cands else None


_NP_END = re.compile(r"[,;:.!?()\[\]]")
_WORDY = re.compile(r"[^\W\d_]{3}")


def _new_clause(idx: ArticleIndex, c: Claim, fr: Frame) -> bool:
    """True when a clause separator, or a comma and a conjunction (kinds.yaml `clause.new_clause`),
    stands between the figure before and this one."""
    if fr.prev is None:
        return True
    return fr.left > fr.prev_end or bool(idx.starting_in(NEW_CLAUSE, fr.prev_end, c.start))


def _unit_written(idx: ArticleIndex, c: Claim) -> bool:
    """True when the claim's unit is written at the figure (in its surface or just after it), not
    carried over from a figure before."""
    words = _WORDY.findall(fold(c.unit or ""))
    if not words:
        return True
    return idx.folded.find(words[0], c.start, min(len(idx.folded), c.end + NOUN_WINDOW)) >= 0


def _noun_window_end(idx: ArticleIndex, c: Claim, fr: Frame) -> int:
    """Where the figure's own noun phrase ends: punctuation, its clause's end, or NOUN_WINDOW."""
    limit = min(fr.right, c.end + NOUN_WINDOW)
    m = _NP_END.search(idx.folded, c.end, limit)
    return m.start() if m else limit


def _place_explicit(idx: ArticleIndex, c: Claim, fr: Frame) -> Hit | None:
    """The place the figure's clause names: after it first, then just before it, then its clause.

    A place the taxonomy does not know ("à Lyon") comes back as a hit matching no phrase."""
    lo = fr.outer if fr.subset else fr.left
    after = [h for h in (_first_after(idx, "place", c.start, fr.right),
                         _first_after(idx, NAMED, c.start, fr.right)) if h]
    if after:
        return min(after, key=lambda h: h.start)
    for start in (max(fr.left, fr.prev_end), lo):
        before = [h for h in (_nearest_before(idx, "place", start, c.start),
                              _nearest_before(idx, NAMED, start, c.start)) if h]
        if before:
            return max(before, key=lambda h: h.end)
    return None


def _place_subjects(idx: ArticleIndex, place: Hit) -> set[str]:
    return {s.key for s, w in idx.vocab.subjects if w.get("place", frozenset()) & place.phrases}


def _whole_place(idx: ArticleIndex, tax: Taxonomy, c: Claim, fr: Frame, place: Hit) -> Hit:
    """For a stated total, the place of the whole when its clause names it with its parts: "En
    Syrie, où il faut additionner ... le Nord-Ouest rebelle, le total atteint 3 317 morts"."""
    parts = _place_subjects(idx, place)
    for other in reversed(idx.hits_in("place", fr.outer if fr.subset else fr.left, c.start)):
        if other != place and any(tax.is_part_of(p, w) for p in parts for w in _place_subjects(idx, other)):
            return other
    return place


def _resolve_noun(idx: ArticleIndex, c: Claim, fr: Frame, frames: list[Frame]) -> None:
    """The counted noun: the unit, the words after the figure, a noun just before it, or elided."""
    nouns = idx.vocab.groups["nouns"]
    end = _noun_window_end(idx, c, fr)
    right = _first_after(idx, "nouns", c.start, end)
    if right and right.start > c.end and (right.start - c.end > NOUN_GAP
                                          or idx.hits_in(BREAKS, c.end, right.start)):
        right = None  # "5,000 as rescuers battle": another phrase, not the figure's noun
    s0 = idx.spans[fr.sent][0]
    left = _nearest_before(idx, "nouns", max(fr.prev_end, fr.left, c.start - LEFT_WINDOW, s0), c.start)
    if c.unit and not _unit_written(idx, c) and _new_clause(idx, c, fr):
        pass  # a unit carried over into a new clause ("... trois cents villes, et le ministère a
        # établi le total national à 1,089 million"): the figure's own words decide
    elif c.unit:
        found = nouns.in_unit(c.unit)
        if found:
            near = [h for h in (right, left) if h is not None and h.phrases & found[0].phrases]
            # a unit not written beside the figure was carried over from the figure before
            how = "unit" if near or fr.prev is None else "elided"
            fr.noun, fr.noun_how = found[0], how
            return
        if _WORDY.search(c.unit) and _unit_written(idx, c):
            fr.noun_how = "unknown"  # it counts something the taxonomy does not know ("usines")
            return
        # a unit carried over from a figure before ("trois cents villes, et le ministère a établi le
        # total national à 1,089 million") that the taxonomy does not know: as if there were none
    if right:
        fr.noun, fr.noun_how = right, "right"
        return
    if left:
        fr.noun, fr.noun_how = left, "left"
        return
    if c.negated:
        return  # a denial names what it denies or answers the figures before (see _denial_subject)
    if fr.prev is not None:
        prev = frames[fr.prev]
        if prev.noun and (fr.subset or c.start - fr.prev_end <= ELISION_GAP):
            fr.noun, fr.noun_how = prev.noun, "elided"
            return
        return
    # the first figure of its sentence: a noun before it across a dash ("des camps ... - qui sont
    # au moins cinq"), else the noun of the last figure of the sentence before
    wide = _nearest_before(idx, "nouns", max(s0, c.start - LEFT_WINDOW), c.start)
    if wide:
        fr.noun, fr.noun_how = wide, "left"
        return
    if fr.sent > 0:
        before = [f for f in idx.by_sent.get(fr.sent - 1, []) if f.noun]
        if before:
            fr.noun, fr.noun_how = before[-1].noun, "elided"
            fr.elided_from = before[-1].index  # "the number already exceeded 3,000"


def _resolve_actor(idx: ArticleIndex, c: Claim, fr: Frame) -> None:
    """An actor written in the figure's own noun phrase ("soldats nord-coréens")."""
    fr.np_end = _noun_window_end(idx, c, fr)
    if c.unit:
        found = idx.vocab.groups["actor"].in_unit(c.unit)
        if found:
            fr.actor = found[0]
            return
    fr.actor = _first_after(idx, "actor", c.start, fr.np_end)


def _sentence_actors(idx: ArticleIndex, claims: list[Claim], fr: Frame) -> frozenset[str]:
    """The actors of the figure's sentence, except those in the noun phrase of a part of it
    ("50,000 troops, including 11,000 North Koreans": the North Koreans are the part's)."""
    key = ("actors", fr.sent, fr.subset)
    if key in idx.memo:
        return idx.memo[key]
    s0, s1 = idx.spans[fr.sent]
    parts = [] if fr.subset else [(claims[f.index].start, f.np_end)
                                  for f in idx.by_sent.get(fr.sent, []) if f.subset]
    starts = [a for a, _ in parts]
    out: set[str] = set()
    for h in idx.hits_in("actor", s0, s1):
        j = bisect.bisect_right(starts, h.start) - 1
        if not (j >= 0 and h.end <= parts[j][1]):
            out |= h.phrases
    idx.memo[key] = frozenset(out)
    return idx.memo[key]


def _paragraph_actors(idx: ArticleIndex, sent: int) -> frozenset[str]:
    """The actors named in the sentences before `sent` within its paragraph (a blank line ends a
    paragraph), at most LOOKBACK sentences back."""
    key = ("paragraph_actors", sent)
    if key not in idx.memo:
        out: set[str] = set()
        for si in range(sent - 1, max(-1, sent - 1 - LOOKBACK), -1):
            s0, s1 = idx.spans[si]
            if "\n\n" in idx.text[s1:idx.spans[si + 1][0]]:
                break  # another paragraph
            out |= idx.phrases_in("actor", s0, s1)
        idx.memo[key] = frozenset(out)
    return idx.memo[key]


def _resolve_state(idx: ArticleIndex, c: Claim, fr: Frame, frames: list[Frame]) -> None:
    """The state nearest the figure in its clause: after it first ("ont été blessées"), then before
    it ("a perdu 3 460 soldats"); a figure whose noun is elided after a continuation ("giving",
    "ce qui porte") shares the clause of the figure before."""
    lo = fr.outer if fr.subset else fr.left
    if fr.noun_how == "elided" and fr.prev is not None and fr.left in idx.continuations:
        lo = min(lo, frames[fr.prev].left)  # ", giving a Syrian total of 1,602": same predicate
    fr.state = (_first_after(idx, "state", c.start, max(fr.right, c.end))
                or _nearest_before(idx, "state", lo, c.start))
    if fr.state is None and fr.elided_from is not None:
        fr.state = frames[fr.elided_from].state  # the number of the killed or wounded, said again


def _heads_placed_part(idx: ArticleIndex, fr: Frame, frames: list[Frame]) -> bool:
    """True when a later figure of the same sentence is a part of this one with its own place."""
    key = ("placed_part", fr.sent)
    if key not in idx.memo:
        idx.memo[key] = max((f.index for f in idx.by_sent.get(fr.sent, []) if f.subset and f.place), default=-1)
    return idx.memo[key] > fr.index


def _resolve_inherited(idx: ArticleIndex, fr: Frame, frames: list[Frame]) -> None:
    """The place a figure that names none inherits: the figure before it in the sentence, or the
    first figure of the sentence before (or the place of a sentence without figures)."""
    if fr.place or _heads_placed_part(idx, fr, frames):
        return
    head = idx.memo.get(("head", fr.sent))
    if head is not None and head.index < fr.index:  # the figure before it in the sentence
        fr.inherited = head.place or head.inherited   # (a part's place is not the whole's)
        return
    if fr.noun_how in ("unit", "right") and fr.actor is not None:
        return  # "3,000 North Korean troops": a figure that says what and whose takes no other sentence's place
    for si in range(fr.sent - 1, max(-1, fr.sent - 1 - LOOKBACK), -1):
        firsts = idx.by_sent.get(si, [])
        if firsts:
            fr.inherited = firsts[0].place or firsts[0].inherited
            return
        s0, s1 = idx.spans[si]
        hit = _first_after(idx, "place", s0, s1)
        if hit:
            fr.inherited = hit
            return


# ---------------------------------------------------------------- choosing the subject

def _score(idx: ArticleIndex, c: Claim, fr: Frame, frames: list[Frame], subject: Subject,
           words: dict[str, frozenset[str]]) -> float | None:
    """How well a subject fits the figure; None when one of its word groups does not match."""
    score = 0.0
    if "nouns" in words:
        if fr.noun is not None:
            if not fr.noun.phrases & words["nouns"]:
                return None
            score += WEIGHTS[fr.noun_how or "right"]
        elif subject.default_noun and fr.noun_how != "unknown" and _on_topic(idx, fr, subject):
            score += WEIGHTS["default"]
        else:
            return None
    s0, s1 = idx.spans[fr.sent]
    if "actor" in words:
        if fr.actor is not None:
            if not fr.actor.phrases & words["actor"]:
                return None
            score += WEIGHTS["actor_np"]
        elif fr.actors & words["actor"]:
            score += WEIGHTS["actor_sentence"]
        elif not fr.actors and fr.paragraph_actors & words["actor"]:
            score += WEIGHTS["actor_paragraph"]  # "Pyongyang ... . Hundreds have been killed"
        else:
            return None
    for group in ("state", "cues"):
        if group not in words:
            continue
        if subject.scope.get(group) == "sentence":
            found = idx.phrases_in(group, s0, s1)
        elif group == "state":
            found = fr.state.phrases if fr.state else frozenset()
        else:
            found = idx.phrases_in(group, fr.outer if fr.subset else fr.left, max(fr.right, c.end))
        if not found & words[group]:
            return None
        score += WEIGHTS[group]
    if "place" in words:
        if fr.place is not None and not fr.place.phrases:  # a place the taxonomy does not know
            if subject.strict_place or not subject.default_place:
                return None
        elif fr.place is not None:
            if not fr.place.phrases & words["place"]:
                return None
            score += WEIGHTS["place"]
        elif fr.inherited is not None and fr.inherited.phrases & words["place"]:
            score += WEIGHTS["place_inherited"]
        elif fr.inherited is not None and not fr.inherited.phrases and subject.strict_place:
            return None
        elif not subject.default_place:
            return None
    if c.measure != subject.measure:
        return None  # a share of strikers is not a head count of marchers
    return score


def _on_topic(idx: ArticleIndex, fr: Frame, subject: Subject) -> bool:
    """True when the figure's sentence, or the one before, holds a topic word of the subject's
    domain (a bare figure takes a default subject only where the text is about it: "treated as one"
    in an election story is no protest turnout). A domain without topic words is always on topic."""
    sents = idx.memo.get(("topic_sentences", idx.memo.get(("domain", subject.key))))
    return sents is None or fr.sent in sents or fr.sent - 1 in sents


def _candidates(idx: ArticleIndex, fr: Frame) -> list[tuple[Subject, dict[str, frozenset[str]]]]:
    """The subjects a figure's noun allows (all of them when it has none), memoised by noun."""
    noun = fr.noun.phrases if fr.noun is not None else None
    key = ("candidates", noun)
    if key not in idx.memo:
        idx.memo[key] = [(s, w) for s, w in idx.vocab.subjects
                         if noun is None or "nouns" not in w or w["nouns"] & noun]
    return idx.memo[key]


def best_subject(idx: ArticleIndex, c: Claim, fr: Frame, frames: list[Frame]) -> Subject | None:
    """The subject that fits the figure best: the highest score, then the most specific key."""
    best: tuple[float, int, str] | None = None
    chosen = None
    for subject, words in _candidates(idx, fr):
        sc = _score(idx, c, fr, frames, subject, words)
        if sc is None or sc <= 0:
            continue
        rank = (sc, subject.key.count("."), subject.key)
        if best is None or rank[:2] > best[:2] or (rank[:2] == best[:2] and rank[2] < best[2]):
            best, chosen = rank, subject
    return chosen


def marker_kind(idx: ArticleIndex, c: Claim, fr: Frame) -> str | None:
    """The kind a marker in the figure's own clause gives it: the longest marker, then the nearest.

    A part ("dont 3 000 à Koursk") does not take the marker of its whole ("Au total, 13 000...")."""
    lo = fr.left
    hi = max(fr.right, c.end)
    found = []
    for kind in KINDS:
        for h in idx.hits_in(MARKER + kind, lo, hi):
            dist = min(abs(h.start - c.end), abs(c.start - h.end))
            found.append((-(h.end - h.start), dist, kind))
    return min(found)[2] if found else None


def is_forecast(idx: ArticleIndex, c: Claim, fr: Frame) -> bool:
    """True when the figure's clause says it is planned or forecast ("devrait atteindre", "would be
    ... by December", "a décidé d'envoyer")."""
    lo = fr.outer if fr.subset else fr.left
    return bool(idx.starting_in(MARKER + FORECAST, lo, max(fr.right, c.end)))


def claim_kind(subject: Subject | None, marked: str | None, since: str | None) -> str | None:
    """The subject's own kind first; a stock (or unknown) subject takes what its markers say."""
    if subject is not None and subject.kind != "stock":
        return subject.kind
    if marked:
        return marked
    if since and subject is None:
        return "cumulative"
    # "deployed in Russia since October": a level stays a level; only a marker makes it a running total
    return subject.kind if subject is not None else None


# ---------------------------------------------------------------- automatic subjects

class AutoFacts(NamedTuple):
    """What a figure no subject file covers counts: a lemma, where, and how it counts."""

    what: str
    place: str | None
    kind: str | None


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    """A key segment from a place name, accents and case folded: "Haute-Garonne" -> "haute_garonne",
    "Gênes" -> "genes"."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", fold(text).lower())
                    if not unicodedata.combining(ch))
    return _SLUG.sub("_", plain).strip("_")


def _auto_noun(idx: ArticleIndex, c: Claim, fr: Frame, group: str) -> Hit | None:
    """The figure's own noun of an automatic-subject group: its unit, the words right after it, or
    a noun just before it in its clause."""
    auto = idx.vocab.auto
    assert auto is not None
    if c.unit:
        ps = auto.nouns if group == AUTO_NOUNS else auto.vague
        found = ps.in_unit(c.unit)
        if found:
            return found[0]
        if _WORDY.search(c.unit) and _unit_written(idx, c):
            return None  # it counts something else ("écoles", "usines")
    end = _noun_window_end(idx, c, fr)
    right = _first_after(idx, group, c.end, end)
    if right and not (right.start - c.end > NOUN_GAP or idx.hits_in(BREAKS, c.end, right.start)):
        return right
    s0 = idx.spans[fr.sent][0]
    # the clause's own subject may stand further back ("Turnout in the first round of ... was
    # estimated at 67.5%"), but never past the figure before it
    return _nearest_before(idx, group, max(fr.prev_end, fr.left, c.start - AUTO_LEFT_WINDOW, s0), c.start)


def _auto_place(idx: ArticleIndex, fr: Frame) -> str | None:
    """The place that governs the figure: named in its clause, or given to the figure before it in
    its own sentence (never a place from another sentence or the rest of the article)."""
    hit = fr.place
    if hit is None and fr.inherited is not None and fr.inherited.start >= idx.spans[fr.sent][0]:
        hit = fr.inherited
    if hit is None or not idx.text[hit.start:hit.end][:1].isupper():
        return None  # only a proper name ("à Valence", "in Khartoum") places an automatic subject
    return _slug(idx.text[hit.start:hit.end]) or None


def auto_facts(idx: ArticleIndex, c: Claim, fr: Frame, frames: list[Frame]) -> AutoFacts | None:
    """What an automatic subject would be built from, or None when the figure says too little.

    A counted noun with a lemma ("morts", "deaths", "grévistes") says what; a vague noun ("personnes",
    "people") says it only with a state word ("tuées", "killed"); a figure with no noun at all
    shares the facts of the figure before it in its sentence when both have the same measure
    ("26 % de grévistes ..., quand la CGT évoquait 60 %")."""
    auto = idx.vocab.auto
    if auto is None or c.negated or c.measure not in ("count", "percent"):
        return None
    if idx.hits_in(AUTO_INTERIM, fr.outer if fr.subset else fr.left, max(fr.right, c.end)):
        return None  # "à 17 heures, la participation atteignait ...": not the final figure
    noun = _auto_noun(idx, c, fr, AUTO_NOUNS)
    lemma = auto.lemma(noun, auto.noun_lemma)
    if lemma is None:
        vague = _auto_noun(idx, c, fr, AUTO_VAGUE)
        if vague is None:
            return _auto_elided(idx, c, fr, frames)
        lo = fr.outer if fr.subset else fr.left
        state = (_first_after(idx, AUTO_STATES, c.start, max(fr.right, c.end))
                 or _nearest_before(idx, AUTO_STATES, lo, c.start))
        lemma = auto.lemma(state, auto.state_lemma)
        if lemma is None:
            return None  # "3 000 personnes": people, but nothing says what about them
    kind, placeless = auto.kinds.get(lemma), lemma in auto.placeless
    lemma = auto.same_as.get(lemma, lemma)
    place = _auto_place(idx, fr)
    if place is None and not placeless:
        return None  # a toll with no place could be any event's
    return AutoFacts(lemma, place, kind)


def _auto_elided(idx: ArticleIndex, c: Claim, fr: Frame, frames: list[Frame]) -> AutoFacts | None:
    """The facts of the figure before, for a bare figure of the same measure in the same sentence."""
    if fr.prev is None or fr.noun_how == "unknown" or (c.unit and _unit_written(idx, c)):
        return None
    prev = frames[fr.prev]
    if prev.auto is None or prev.sent != fr.sent or idx_claim_measure(idx, prev) != c.measure:
        return None
    if idx.starting_in(AUTO_OWN, c.end, c.end + 3):
        return None  # "et 21,55 % dans les collèges": another population than the figure before
    return AutoFacts(prev.auto.what, _auto_place(idx, fr) or prev.auto.place, prev.auto.kind)


def idx_claim_measure(idx: ArticleIndex, fr: Frame) -> str | None:
    """The measure of the claim a frame belongs to (recorded by classify)."""
    return idx.memo.get(("measure", fr.index))


def auto_key(facts: AutoFacts, measure: str) -> str:
    """`auto.<what>[.percent][.<place>]`: a percentage never groups with a head count."""
    parts = [AUTO, facts.what]
    if measure != "count":
        parts.append(measure)
    if facts.place:
        parts.append(facts.place)
    return ".".join(parts)


def auto_kind(facts: AutoFacts, marked: str | None, since: str | None) -> str:
    """The lemma's own kind first (a turnout stays a flow, a toll stays cumulative); else stock,
    unless a marker says otherwise (a running total, "au total", "so far": cumulative)."""
    if facts.kind:
        return facts.kind
    if marked in ("cumulative", "total") or since:
        return "cumulative"
    return "flow" if marked == "flow" else "stock"


def _denial_subject(tax: Taxonomy, idx: ArticleIndex, claims: list[Claim], fr: Frame) -> str | None:
    """What a denial that names nothing denies: the widest stock subject that the latest stock
    subject of the sentences before is part of (or that subject itself)."""
    recent: list[str] = [key for si in range(fr.sent - LOOKBACK, fr.sent + 1)
                         for f in idx.by_sent.get(si, [])
                         if f.index < fr.index and (key := claims[f.index].subject) and tax.get(key)]
    stocks = [key for key in recent if tax.kind(key) == "stock"]
    if stocks:
        return _widest_stock(tax, stocks[-1])
    return recent[-1] if recent else None


def _widest_stock(tax: Taxonomy, key: str) -> str:
    """A denial of presence denies the whole: the widest stock subject `key` is part of (or itself)."""
    if tax.kind(key) != "stock":
        return key
    wholes = [k for k in tax.wholes(key) if tax.kind(k) == "stock"] + [key]
    return min(wholes, key=lambda k: (len(tax.wholes(k)), k))


def _index_topics(tax: Taxonomy, idx: ArticleIndex, topics: dict[str, list[Hit]]) -> None:
    """Record, for each domain with topic words, the sentences that hold one (see _on_topic)."""
    for key, domain in tax.domains.items():
        idx.memo[("domain", key)] = domain
    for domain in sorted(set(tax.domains.values())):
        if tax.topics.get(domain):
            hits = topics.get(f"topic:{domain}", [])
            idx.memo[("topic_sentences", domain)] = {idx.sentence_index(h.start) for h in hits}


def classify(article: Article, claims: list[Claim], registry: Registry) -> None:
    """Set subject and kind on each claim, in place (a subject already set is kept)."""
    if not claims:
        return
    tax = load_taxonomy(registry)
    lang = article.lang or claims[0].lang or "fr"
    topics = _topic_scan(registry, tax, lang).run(folded(article.text))
    present = {name for name, hits in topics.items() if hits}
    vocab = compile_vocab(registry, tax, lang, active_domains(registry, tax, folded(article.text), lang, present))
    idx = ArticleIndex.build(article.text, vocab)
    _index_topics(tax, idx, topics)
    ordered = sorted(claims, key=lambda c: (c.start, c.end))
    frames = _frames(idx, ordered)
    for fr in frames:
        idx.by_sent.setdefault(fr.sent, []).append(fr)
    for c, fr in zip(ordered, frames, strict=True):
        fr.place = _place_explicit(idx, c, fr)
        if fr.place is not None and marker_kind(idx, c, fr) == "total":
            fr.place = _whole_place(idx, tax, c, fr, fr.place)
        _resolve_actor(idx, c, fr)
    for c, fr in zip(ordered, frames, strict=True):
        fr.actors = _sentence_actors(idx, ordered, fr)
        if not fr.actors:
            fr.paragraph_actors = _paragraph_actors(idx, fr.sent)
        _resolve_noun(idx, c, fr, frames)
        if fr.prev is None and fr.sent > 0 and (fr.subset or fr.noun_how == "elided"):
            # "Quelque 4 700 d'entre eux": a part of, or the same noun as, the figure before
            fr.actors |= idx.phrases_in("actor", *idx.spans[fr.sent - 1])
        _resolve_state(idx, c, fr, frames)
        _resolve_inherited(idx, fr, frames)
        if not fr.subset:
            idx.memo[("head", fr.sent)] = fr
    for c, fr in zip(ordered, frames, strict=True):
        idx.memo[("measure", fr.index)] = c.measure
        if c.subject is None and c.negated and fr.noun is None:
            # "a rejeté ces informations": what it denies is what the sentences before count
            c.subject = _denial_subject(tax, idx, ordered, fr)
        elif c.subject is None:
            s = best_subject(idx, c, fr, frames)
            c.subject = s.key if s else None
            if c.subject is None and c.negated:
                c.subject = _denial_subject(tax, idx, ordered, fr)
            elif c.subject is not None and c.negated:
                c.subject = _widest_stock(tax, c.subject)
            if c.subject is None and not c.negated:
                fr.auto = auto_facts(idx, c, fr, frames)
                if fr.auto is not None:
                    c.subject = auto_key(fr.auto, c.measure)
                    if c.kind is None:
                        c.kind = auto_kind(fr.auto, marker_kind(idx, c, fr), c.since)  # type: ignore[assignment]
        subject = tax.get(c.subject)
        if not c.negated and is_forecast(idx, c, fr):
            c.flags = sorted({*c.flags, FORECAST})
            if c.kind in (None, "stock") and (subject is None or subject.kind == "stock"):
                c.kind = None
                continue  # a plan is no level: no stock kind
        if c.kind is None:
            if c.negated:
                c.kind = subject.kind if subject else None  # type: ignore[assignment]
            else:
                c.kind = claim_kind(subject, marker_kind(idx, c, fr), c.since)  # type: ignore[assignment]
