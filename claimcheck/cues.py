"""Attribution cues in a sentence: who each cue says is speaking, and which figures it may cover.

Part of the attribution stage (see `attribution.py`): "selon X" / "according to X" (before or after
the figure), "X a déclaré que", inverted "..., a annoncé X" / "a-t-il dit", "X said", possessives
("le décompte de X", "X's tally"), "by X count", and the relay constructions ("X, citant Y",
"Y, cité par X", "X, citing Y"). The cue words are data (`rules/lang/<lang>/attribution.yaml`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .speakers import CLAUSE, PHRASE_END, STRONG, Doc, Mention, Speaker, word_rx
from .textutil import fold

_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[\w'-]+")
_TO_MARK = re.compile(r"([^,.;:!?]*)([,.;:!?]|$)")
_DIGIT_OR_THAT = re.compile(r"\d|\b(que|qu'|that)\b")


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
class Sentence:
    """One sentence being read: its span, its mentions, and the speakers of earlier sentences."""

    start: int
    end: int
    index: int
    mentions: list[Mention]
    history: list[tuple[int, Speaker]]


def _pronoun_speaker(doc: Doc, sent: Sentence, m: Mention) -> Speaker:
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


def speaker_of(doc: Doc, sent: Sentence, m: Mention) -> Speaker:
    """The speaker a mention in speaker position stands for, origin over relay."""
    sp = _pronoun_speaker(doc, sent, m) if m.role == "pronoun" else doc.resolved[m.start]
    return _origin(doc, sent, m, sp)


def _origin(doc: Doc, sent: Sentence, m: Mention, sp: Speaker) -> Speaker:
    """Apply "X, citant Y" / "Y, cité par X" / "X, citing Y": Y is the origin, X the relay."""
    lex = doc.lex
    before = doc.folded[max(sent.start, m.start - 40):m.start]
    rx = word_rx(r"(?<!\w)(?:{alt})\s+(?:\S+\s+)?$", tuple(lex.citing))
    mm = rx.search(before) if rx else None
    if mm:
        relay = _last_mention(doc, sent, m.start - len(before) + mm.start())
        if relay is not None:
            rsp = doc.resolved.get(relay.start)
            return Speaker(sp.key, sp.text, sp.generic, rsp.key if rsp else None, sp.at)
    after = doc.folded[m.end:min(sent.end, m.end + 60)]
    rx = word_rx(r"[^,;:.]{0,30}?,?\s*(?:\w+\s+)?(?:{alt})\s+", tuple(lex.citing))  # ", qui cite"
    mm = rx.match(after) if rx else None
    if mm:
        cited = _cited(doc, sent, m.end + mm.end())
        if cited is not None:
            return Speaker(cited.key, cited.text, cited.generic, sp.key, cited.at)
    rx = word_rx(r"(?<!\w)(?:{alt})\s+", tuple(lex.cited_by))  # "X, cité par Y", "X said, as quoted by Y"
    mm = rx.search(after) if rx else None
    if mm:
        nxt = _next_mention(doc, sent, m.end + mm.end(), 40)
        rsp = doc.resolved.get(nxt.start) if nxt is not None else None
        if rsp is not None and rsp.key != sp.key:
            return Speaker(sp.key, sp.text, sp.generic, rsp.key, sp.at)
    return sp


def _cited(doc: Doc, sent: Sentence, pos: int) -> Speaker | None:
    """Who is cited at `pos` ("citant le GUR", "citing military sources"): known or by its words."""
    nxt = _next_mention(doc, sent, pos, 25)
    if nxt is not None and doc.resolved.get(nxt.start) is not None:
        return doc.resolved[nxt.start]
    words = _phrase_after(doc, sent, pos)
    return Speaker(None, words, at=pos) if words else None


def cited_anywhere(doc: Doc, sent: Sentence) -> Speaker | None:
    """The origin a sentence cites anywhere in it ("..., citant l'état-major")."""
    for _, e in doc.terms("citing", doc.lex.citing, sent.start, sent.end):
        cited = _cited(doc, sent, e + len(doc.text[e:]) - len(doc.text[e:].lstrip()))
        if cited is not None:
            return cited
    return None


def _last_mention(doc: Doc, sent: Sentence, pos: int) -> Mention | None:
    cands = [p for p in sent.mentions if p.end <= pos and p.role != "pronoun"
             and pos - p.end <= 40]
    return cands[-1] if cands else None


def _next_mention(doc: Doc, sent: Sentence, pos: int, within: int) -> Mention | None:
    for p in sent.mentions:
        if p.start >= pos and p.start - pos <= within and p.role != "pronoun":
            gap = doc.folded[pos:p.start]
            if not any(c in PHRASE_END for c in gap):
                return p
    return None


def clause_start(doc: Doc, sent: Sentence, pos: int, marks: str = CLAUSE) -> int:
    """Where the clause holding `pos` begins (after the last clause mark before it)."""
    at = doc.marks(marks)
    i = bisect.bisect_left(at, pos) - 1
    return at[i] + 1 if i >= 0 and at[i] >= sent.start else sent.start


def next_mark(doc: Doc, pos: int, hi: int, marks: str) -> int:
    """The first of `marks` at or after pos (before hi), else hi."""
    at = doc.marks(marks)
    i = bisect.bisect_left(at, pos)
    return at[i] if i < len(at) and at[i] < hi else hi


def _prep_cues(doc: Doc, sent: Sentence) -> list[Cue]:
    """ "selon X", "d'après X", "according to X": before the figure (forward) or after it (backward)."""
    cues: list[Cue] = []
    agents = doc.terms("agents", doc.lex.agent_phrases, sent.start, sent.end)
    for s, e in sorted(doc.terms("preps", doc.lex.preps, sent.start, sent.end) + agents):
        stop = _past_brackets(doc, next_mark(doc, e, sent.end, PHRASE_END), sent.end)
        inside = [m for m in sent.mentions if e <= m.start and m.end <= stop]
        phrase = doc.text[e:stop].strip()
        known = [m for m in inside if (doc.resolved.get(m.start) or Speaker(None, None)).key]
        if inside:
            speaker = speaker_of(doc, sent, (known or inside)[0])
        elif fold(phrase) in doc.lex.object_pronouns:
            speaker = _pronoun_speaker(doc, sent, Mention(e, stop, phrase, "pronoun"))
        elif phrase:
            speaker = Speaker(None, " ".join(phrase.split()[:8]), at=e)
        else:
            continue
        before = doc.text[sent.start:s].rstrip()
        rest = doc.text[stop:sent.end]
        if (s, e) in agents:  # "le bilan, communiqué par X, s'élève à", "figures released by X show"
            end = (known or inside)[0].end if inside else stop
            cues.append(Cue(s, end, speaker, True, True, clause_start(doc, sent, s), "prep"))
            continue
        opens = not before or before[-1] in ":;—–-," or doc.text[s].isupper()  # "Selon X," starts a clause
        fronted = opens and \
            rest.startswith(",") and len(rest.strip(" ,")) > 3
        if fronted and before and before[-1] == "," and _DIGIT.search(before):
            # "Près de 2 000 personnes, selon les organisateurs, ont défilé": both sides
            cues.append(Cue(s, stop, speaker, True, True, clause_start(doc, sent, s - 2), "prep"))
        elif fronted:
            cues.append(Cue(s, stop, speaker, True, False, s, "prep"))
        else:
            attached = not before.endswith(",")
            reach = clause_start(doc, sent, s) if attached else sent.start
            cues.append(Cue(s, stop, speaker, False, True, reach, "prep"))
    return cues


def is_venue(doc: Doc, sent: Sentence, m: Mention) -> bool:
    """Whether a mention is where something is said, not who says it ("à l'ONU", "to the UN")."""
    rx = _venue_rx(tuple(doc.lex.venues), tuple(doc.lex.determiners))
    return bool(rx and rx.search(doc.folded, max(sent.start, m.start - 16), m.start))


@lru_cache(maxsize=16)
def _venue_rx(venues: tuple[str, ...], determiners: tuple[str, ...]) -> re.Pattern[str] | None:
    """A venue preposition and an optional determiner, right before a name."""
    if not venues:
        return None
    alt = "|".join(re.escape(v) for v in sorted(venues, key=len, reverse=True))
    dets = [re.escape(d) + ("" if d.endswith("'") else r"\s+") for d in sorted(determiners, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + alt + r")\s+(?:" + "|".join(dets or ["(?!)"]) + ")?$")


def _past_brackets(doc: Doc, stop: int, hi: int) -> int:
    """A phrase end moved past a short bracket ("selon l'Institut (ISW), ..."): the next mark after it."""
    while stop < hi and doc.folded[stop] == "(":
        close = doc.folded.find(")", stop, min(hi, stop + 40))
        if close < 0 or any(c in PHRASE_END for c in doc.folded[stop + 1:close]):
            return stop
        stop = next_mark(doc, close + 1, hi, PHRASE_END)
    return stop


def _verb_cues(doc: Doc, sent: Sentence, taken: list[tuple[int, int]]) -> list[Cue]:
    """ "X a déclaré que", "..., a annoncé X", "X said", "a-t-il dit": the verbs of saying and counting."""
    lex = doc.lex
    cues: list[Cue] = []
    speech = set(lex.speech)
    for s, e in doc.terms("verbs", lex.speech + lex.acts, sent.start, sent.end):
        if any(a <= s < b for a, b in taken):
            continue
        word = doc.folded[s:e]
        prev_word = _WORDS.findall(doc.folded[max(sent.start, s - 12):s])
        if prev_word and prev_word[-1] in lex.passive_aux:
            agent = _agent(doc, sent, e)
            if agent is not None:
                cues.append(Cue(s, e, agent, True, True, clause_start(doc, sent, s), "verb"))
            continue
        cue = _verb_cue(doc, sent, s, e, word in speech)
        if cue is not None:
            cues.append(cue)
    return cues


def _agent(doc: Doc, sent: Sentence, pos: int) -> Speaker | None:
    """The agent of a passive count: "recensés par la préfecture" -> the prefecture."""
    rx = word_rx(r"\s+(?:{alt})\s+", tuple(doc.lex.agent_preps))
    mm = rx.match(doc.folded, pos, min(len(doc.folded), pos + 20)) if rx else None
    if mm:
        nxt = _next_mention(doc, sent, mm.end(), 8)
        if nxt is not None:
            return speaker_of(doc, sent, nxt)
    return None


def _verb_cue(doc: Doc, sent: Sentence, s: int, e: int, speech: bool) -> Cue | None:
    clause = clause_start(doc, sent, s, CLAUSE + "«»\"(")
    window = clause_start(doc, sent, s, STRONG)
    subject = [m for m in sent.mentions if window <= m.start and m.end <= s and s - m.end <= 150
               and not is_venue(doc, sent, m)]
    in_clause = [m for m in subject if m.start >= clause]
    stretch = _without_inserts(doc, doc.folded[clause:s]).split()
    if not in_clause and _own_subject(doc, doc.folded[clause:s]):
        # the clause has a subject of its own that names no known source: "un porte-parole a déclaré"
        subject = []
    after = _next_mention_or_pronoun(doc, sent, e)
    bare = all(w in doc.lex.auxiliaries for w in stretch) or (speech and bool(_DIGIT.search(" ".join(stretch))))
    if not in_clause and after is not None and bare:
        # inverted: "..., a annoncé le ministère", "a révélé GUR", "say unions", "affirme-t-elle"
        speaker = speaker_of(doc, sent, after)
        return Cue(s, after.end, speaker, True, True, sent.start, "inverted")
    if not in_clause and speech and not doc.folded[clause:s].strip(" '\"") and clause > sent.start:
        # inverted with a speaker of no known name: "», a reconnu un commandant."
        named = _phrase_after(doc, sent, e)
        if named:
            return Cue(s, e, Speaker(None, named, at=e), True, True, sent.start, "inverted")
    if subject and subject[-1].role in ("metonym", "pronoun") and doc.folded[s:e] in doc.lex.not_for_states:
        return None  # "la Russie compte 600 000 soldats", "elle compte 42 000 habitants": not a count
    if subject:
        speaker = speaker_of(doc, sent, subject[-1])
    elif speech and not doc.folded[clause:s].strip() and clause > sent.start:
        found = _subject_behind_citing(doc, sent, clause)
        if found is None:
            return None
        speaker = found
    elif speech:
        words = doc.text[clause:s].split()
        while words and fold(words[-1]) in doc.lex.auxiliaries:
            words.pop()
        if not 1 <= len(words) <= 10 or _DIGIT.search(doc.text[clause:s]):
            return None
        speaker = Speaker(None, " ".join(words), at=clause)
    else:
        return None
    return Cue(s, e, speaker, True, _clause_final(doc, sent, e), sent.start, "verb")


def _subject_behind_citing(doc: Doc, sent: Sentence, clause: int) -> Speaker | None:
    """The subject before a parenthetical clause, or the origin it cites.

    "Une ONG locale, citant des habitants, évoque ..." -> the cited words are the origin;
    "The Red Crescent, which is leading the effort, said ..." -> "The Red Crescent" (unknown).
    """
    seg_end = clause - 1
    while seg_end > sent.start:
        seg_start = clause_start(doc, sent, seg_end)
        segment = doc.folded[seg_start:seg_end].strip()
        for w in doc.lex.citing:
            if segment.startswith(w + " "):
                offset = seg_start + doc.folded[seg_start:seg_end].index(w) + len(w)
                return _cited(doc, sent, offset + 1)
        first = segment.split(" ", 1)[0] if segment else ""
        if first and first not in doc.lex.parentheticals:
            words = doc.text[seg_start:seg_end].split()
            if 1 <= len(words) <= 10 and not _DIGIT.search(doc.text[seg_start:seg_end]):
                return Speaker(None, " ".join(words), at=seg_start)
            return None
        seg_end = seg_start - 1
    return None


def _clause_final(doc: Doc, sent: Sentence, e: int) -> bool:
    """Whether a verb ends its clause ("..., the ministry said.", "he said, and"): it then looks back."""
    mm = _TO_MARK.match(doc.folded, e, sent.end)
    if mm is None:
        return False
    return len(mm.group(1).split()) <= 3 and not _DIGIT_OR_THAT.search(mm.group(1))


def _without_inserts(doc: Doc, stretch: str) -> str:
    """The words before a verb without the adverbs an inverted verb may hold ("a par ailleurs")."""
    if not doc.lex.inserted:
        return stretch
    rest = " " + stretch + " "
    for p in doc.lex.inserted:
        if " " + p + " " in rest:
            rest = rest.replace(" " + p + " ", " ")
    return rest


def _own_subject(doc: Doc, stretch: str) -> bool:
    """Whether the words before a verb in its clause are a subject (not only "a pour sa part", "qui")."""
    rest = " " + stretch + " "
    for p in sorted(doc.lex.parentheticals, key=len, reverse=True):
        rest = rest.replace(" " + p + " ", " ")
    words = [w for w in rest.split() if w not in doc.lex.auxiliaries]
    return bool(words)


def _phrase_after(doc: Doc, sent: Sentence, pos: int, limit: int = 8) -> str | None:
    """The words after `pos` up to the next punctuation (at most `limit`), or None if none."""
    stop = pos
    stop = next_mark(doc, stop, sent.end, PHRASE_END)
    words = doc.text[pos:stop].split()
    if not words or len(words) > limit or _DIGIT.search(doc.text[pos:stop]):
        return None
    return " ".join(words)


def _next_mention_or_pronoun(doc: Doc, sent: Sentence, pos: int) -> Mention | None:
    """The first mention right after a verb (skipping a few adverbs), for inverted subjects."""
    addressee = word_rx(r"(?<!\w)(?:{alt})\s+(?:\S+\s+|\w+')?$", tuple(doc.lex.addressee))
    for p in sent.mentions:
        if p.start < pos:
            continue
        gap = doc.folded[pos:p.start]
        if p.start - pos > 40 or any(c in ",;:.!?()«»\"" for c in gap):
            return None
        if _DIGIT.search(gap):
            return None
        if addressee and addressee.search(gap):
            continue  # "a indiqué à l'AFP le porte-parole": the agency is spoken to, not speaking
        return p
    return None


def _possessive_cues(doc: Doc, sent: Sentence) -> list[Cue]:
    """ "le décompte de X", "celui du cabinet X", "X's tally", "by police count"."""
    lex = doc.lex
    cues: list[Cue] = []
    link_rx = word_rx(r"(?:\s+[\w-]+){0,2}?\s*(?:{alt})\s*(?:[\w-]+\s+)?", tuple(lex.possessive_link))
    for s, e in doc.terms("possessive", lex.possessive_heads, sent.start, sent.end):
        for m in sent.mentions:
            if m.start < e or m.start - e > 30 or m.role in ("pronoun", "metonym"):
                continue
            gap = doc.folded[e:m.start]
            if link_rx and link_rx.fullmatch(gap):
                cues.append(Cue(s, m.end, speaker_of(doc, sent, m), True, False, s, "possessive"))
            break
    nouns_rx = word_rx(r"'s\s+(?:[\w-]+\s+){0,2}?(?:{alt})\b", tuple(lex.possessive_nouns))
    by_rx = word_rx(r"\s+(?:{alt})\b", tuple(lex.by_nouns))
    for m in sent.mentions:
        if m.role in ("pronoun", "metonym"):
            continue
        after = doc.folded[m.end:min(sent.end, m.end + 60)]
        mm = nouns_rx.match(after) if nouns_rx else None
        if mm:
            cues.append(Cue(m.start, m.end + mm.end(), speaker_of(doc, sent, m), True, False,
                            m.start, "possessive"))
        before = doc.folded[max(sent.start, m.start - 4):m.start]
        by = by_rx.match(after) if by_rx and before.endswith("by ") else None
        if by:
            end = m.end + by.end()
            cues.append(Cue(m.start - 3, end, speaker_of(doc, sent, m), False, True,
                            clause_start(doc, sent, m.start), "by"))
    return cues


def sentence_cues(doc: Doc, sent: Sentence) -> list[Cue]:
    preps = _prep_cues(doc, sent)
    owned = _possessive_cues(doc, sent)
    taken = [(c.start, c.end) for c in preps + owned]
    cues = preps + owned + _verb_cues(doc, sent, taken)
    cues.sort(key=lambda c: (c.start, c.end))
    return cues
