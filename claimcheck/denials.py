"""Denials: 'a catégoriquement nié toute implication', 'never sent any soldiers' as negated claims.

A denial of a count says that there is none of something the article counts: North Korea denying any
military involvement answers the reports of its troops in Russia. It becomes a claim with value 0
(interval [0, 0], qualifier exact, no unit), `negated: true`, on the subject the denial is about (set
by subjects.classify from the denial's own words or, failing those, from the figures it answers).

The phrasings are data (rules/lang/<lang>/denials.yaml):
- a verb of denial, with its auxiliary and adverbs, followed by what it denies: a presence, a
  sending, an involvement, or the accusations about them ("a également rejeté ces allégations");
  "nier toute connaissance" denies knowledge, not a count, and is not matched;
- a negated sending of a counted thing ("n'a jamais envoyé de soldats", "never sent any soldiers");
- a verb of denial standing alone at the end of its clause ("Pyongyang dément.");
- a characterisation of the accusations ("rumeurs sans fondement"), a denial only when no other
  denial stands in the sentences just before (otherwise it continues that one).
A denial counts only when the accusations it answers are about something counted: a counted noun of
the subject taxonomy stands in its sentence or the few before (or a denial already answered them).
The surface starts at the auxiliary or the verb, so the denier stands before it for attribution.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import subjects
from .models import Article, Claim
from .registry import Registry

CONTEXT_SENTENCES = 3  # sentences before a denial where the accusations it answers may stand
CONTINUES = 2          # a characterisation this close after a denial continues it
BLOCK_WINDOW = 30      # characters before a denial searched for words that cancel it


@dataclass(frozen=True)
class DenialPatterns:
    """The compiled denial phrasings of one language."""

    strong: tuple[tuple[re.Pattern[str], bool], ...]   # (pattern, can a blocker cancel it)
    weak: re.Pattern[str] | None
    triggers: subjects.PhraseSet   # the words without which no phrasing can match
    blockers: re.Pattern[str] | None  # words just before a verb of denial that cancel it
    nouns: subjects.PhraseSet      # the counted nouns of the taxonomy


def _alt(registry: Registry, lang: str, key: str) -> str | None:
    """A regex alternation of one list of denials.yaml, longest phrase first; None if empty."""
    phrases = subjects.lexicon_phrases(registry, lang, "denials", key)
    phrases = sorted({p for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    if not phrases:
        return None
    return "(?:" + "|".join(subjects.phrase_pattern(p) for p in phrases) + ")"


def _noun_words(registry: Registry, lang: str) -> list[str]:
    """Every counted noun of the taxonomy in `lang` (all domains)."""
    tax = subjects.load_taxonomy(registry)
    words: set[str] = set()
    for s in tax.by_key.values():
        words |= subjects.subject_words(s, lang).get("nouns", frozenset())
    return sorted(w for w in words if w.strip())


def _counted_nouns(registry: Registry, lang: str) -> str | None:
    """An alternation of every counted noun of the taxonomy in `lang` (all domains)."""
    words = _noun_words(registry, lang)
    if not words:
        return None
    return "(?:" + "|".join(subjects.phrase_pattern(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


def compile_patterns(registry: Registry, lang: str) -> DenialPatterns:
    """The denial patterns of `lang`, built once per registry."""

    def build() -> DenialPatterns:
        aux, adv = _alt(registry, lang, "auxiliaries"), _alt(registry, lang, "adverbs")
        verb, obj = _alt(registry, lang, "verbs"), _alt(registry, lang, "objects")
        neg, send = _alt(registry, lang, "negations"), _alt(registry, lang, "sending_verbs")
        det, bare = _alt(registry, lang, "determiners"), _alt(registry, lang, "bare_verbs")
        noun = _counted_nouns(registry, lang)
        lead = (f"(?:{aux}\\s+)?" if aux else "") + (f"(?:{adv}\\s+){{0,3}}" if adv else "")
        mid = f"(?:{adv}\\s+){{0,2}}" if adv else ""
        det_noun = (f"(?:(?:{det})\\s*)?{noun}" if det else noun) if noun else None
        strong = []
        if verb and obj:
            tail = f"(?:\\s+{det_noun})?" if det_noun else ""
            strong.append((f"{lead}{verb}\\s+{mid}{obj}{tail}", True))
        if neg and send and det_noun:
            strong.append((f"{neg}\\s+{mid}{send}\\s+{det_noun}", False))  # its negation is the point
        if bare:
            strong.append((f"{lead}{bare}(?=\\s*[.;:!?,)»\"]|\\s*$)", True))
        weak = _alt(registry, lang, "characterisations")
        blockers = _alt(registry, lang, "blockers")
        triggers = [w for key in ("verbs", "negations", "bare_verbs", "characterisations")
                    for w in subjects.lexicon_phrases(registry, lang, "denials", key)]
        trigger_set, noun_set = subjects.PhraseSet(triggers), subjects.PhraseSet(_noun_words(registry, lang))
        return DenialPatterns(strong=tuple((re.compile(p), blockable) for p, blockable in strong),
                              weak=re.compile(weak) if weak else None,
                              triggers=trigger_set,
                              blockers=re.compile(f"{blockers}\\s*$") if blockers else None,
                              nouns=noun_set)

    return registry.cached(f"denials:{lang}", build)


def _matches(pat: DenialPatterns, folded: str, spans: list[tuple[int, int]],
             triggers: list[subjects.Hit]) -> list[tuple[int, int, bool]]:
    """(start, end, strong) of every denial phrasing, overlapping ones merged into the longest.

    Only the sentences holding a trigger word (a verb of denial, a negation...) are searched."""
    found = []
    starts = [s for s, _ in spans]
    todo = sorted({_sentence_index(starts, h.start) for h in triggers})
    for si in todo:
        s0, s1 = spans[si]
        found += [(m.start(), m.end(), True) for rx, blockable in pat.strong
                  for m in rx.finditer(folded, s0, s1)
                  if not (blockable and _blocked(pat, folded, max(s0, m.start() - BLOCK_WINDOW), m.start()))]
        if pat.weak is not None:
            found += [(m.start(), m.end(), False) for m in pat.weak.finditer(folded, s0, s1)]
    found.sort(key=lambda t: (t[0], -t[1], not t[2]))
    out: list[tuple[int, int, bool]] = []
    for s, e, strong in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e, strong))
    return out


def _blocked(pat: DenialPatterns, folded: str, lo: int, start: int) -> bool:
    """True when a blocker ("n'a ni confirmé ni", "did not") stands right before the denial."""
    return pat.blockers is not None and pat.blockers.search(folded[lo:start]) is not None


def _sentence_index(starts: list[int], offset: int) -> int:
    """Index of the sentence holding `offset`, given the sentences' start offsets."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


def find_denials(article: Article, registry: Registry) -> list[Claim]:
    """Negated claims (value 0) for each denial of a count in the article."""
    text = article.text
    if not text:
        return []
    lang = article.lang or "fr"
    pat = compile_patterns(registry, lang)
    folded = subjects.folded(text)
    triggers = pat.triggers.finditer(folded)
    if not triggers:
        return []  # no verb of denial, negation or characterisation: no denial (most articles)
    spans = list(subjects.sentences(text))
    starts = [s for s, _ in spans]
    counted = [False] * len(spans)
    for h in pat.nouns.finditer(folded):
        counted[_sentence_index(starts, h.start)] = True
    out: list[Claim] = []
    denied: set[int] = set()  # sentence indexes holding a denial already emitted
    for start, end, strong in _matches(pat, folded, spans, triggers):
        si = _sentence_index(starts, start)
        if not strong and any(d in denied for d in range(si - CONTINUES, si + 1)):
            continue  # "rumeurs sans fondement" after the denial it elaborates
        window = range(max(0, si - CONTEXT_SENTENCES), si + 1)
        if not any(counted[i] or i in denied for i in window):
            continue  # the accusations it answers count nothing the taxonomy knows
        s0, s1 = spans[si]
        denied.add(si)
        out.append(Claim(article=article.id, surface=text[start:end], start=start, end=end, value=0,
                         low=0, high=0, qualifier="exact", measure="count", unit=None, negated=True,
                         lang=lang, sentence=text[s0:s1], sentence_start=s0,
                         published=article.published))
    return sorted(out, key=lambda c: (c.start, c.end))
