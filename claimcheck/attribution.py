"""Attribution: who states each figure (its origin), and who relays it.

The words are data (`rules/lang/<lang>/attribution.yaml` for the cues, `rules/sources/*.yaml` for the
names); this module is the grammar that combines them, sentence by sentence:

- **mentions** (`speakers.py`): every place the text names a source (a name, an acronym, a metonym
  such as "Moscou", a name shared by several sources and settled by nearby place words, an anaphor
  such as "le syndicat", a pronoun);
- **cues** (`cues.py`): "selon X" / "according to X" (before or after the figure), "X a déclaré que", inverted
  "..., a annoncé X" / "a-t-il dit", "X said", possessives ("le décompte de X", "X's tally"), "by X
  count", and the relay constructions ("X, citant Y", "Y, cité par X", "X, citing Y");
- **claims** (here): each figure takes the cue that covers it (a cue after it that reaches back to it first,
  then the nearest cue before it); a sentence without a cue continues the previous sentence's report
  only when it says so (a pronoun speaker, an agentless "ont été recensés").

An unknown speaker keeps its words in `attributed_text` with a null key; a figure with no cue keeps
both null. A news outlet is the origin only when it speaks for itself.
"""

from __future__ import annotations

import bisect
import re

from .cues import Cue, Sentence, cited_anywhere, clause_start, is_venue, next_mark, sentence_cues, speaker_of
from .models import Article, Claim
from .registry import Registry
from .speakers import CLAUSE, STRONG, Doc, Speaker, layout, word_rx
from .textutil import fold

_DIGIT = re.compile(r"\d")
QUOTE_REACH = 2000  # how far after a figure a quotation that holds it may close
HISTORY_REACH = 3  # how many sentences back a pronoun or a continuation looks for its speaker


def _choose(doc: Doc, sent: Sentence, claim: Claim, cues: list[Cue]) -> Cue | None:
    """The cue covering a figure: one after it that reaches back to it, else the nearest before it."""
    inside = [c for c in cues if claim.start < c.start < claim.end and c.backward]
    if inside:  # a surface that carries its own cue ("1.28 million by police count")
        return inside[0]
    back = [c for c in cues if c.backward and c.start >= claim.end and c.reach <= claim.start]
    fwd = [c for c in cues if c.forward and c.end <= claim.start]
    own = _own_clause_speaker(doc, sent, claim)
    if own is not None:  # "..., while French authorities counted 78": not the first clause's source
        fwd = [c for c in fwd if c.end > own.at]
        if not fwd and not back:
            return Cue(own.at, claim.start, own, True, False, own.at, "verb")
    if back:
        b = min(back, key=lambda c: c.start)
        if not any(c.forward and claim.end <= c.start < b.start for c in cues):
            return b
    if fwd:
        return max(fwd, key=lambda c: (c.end, c.start))
    inside = [c for c in cues if c.start < claim.end and c.end > claim.start and c.family == "verb"]
    return inside[0] if inside else None


def _own_clause_speaker(doc: Doc, sent: Sentence, claim: Claim) -> Speaker | None:
    """The subject of a contrast clause holding the figure and its own verb of saying or counting
    ("tandis que les garde-côtes grecs en ont recensé 30", "while Belgian authorities recorded 12"):
    a known source named there, else its words; None when the figure is in no such clause."""
    lex = doc.lex
    breaks = doc.terms("breaks", lex.clause_breaks, sent.start, claim.start)
    if not breaks:
        return None
    b_end = breaks[-1][1]
    if next_mark(doc, b_end, claim.start, ";:.") < claim.start:
        return None
    verbs = doc.terms("verbs", lex.speech + lex.acts, b_end, claim.start)
    if not verbs:
        return None
    v_start = verbs[0][0]
    words = doc.text[b_end:v_start].split()
    while words and fold(words[-1]) in lex.auxiliaries + lex.gap_words:
        words.pop()
    if not 1 <= len(words) <= 8 or _DIGIT.search(" ".join(words)):
        return None
    named = [m for m in doc.in_span(b_end, v_start) if m.role != "pronoun"]
    if named:
        return speaker_of(doc, sent, named[-1])
    return Speaker(None, " ".join(words), at=b_end)


def _quote_cue(doc: Doc, sent: Sentence, claim: Claim) -> Cue | None:
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
    later = Sentence(s, e, idx, doc.in_span(s, e), sent.history)
    for cue in sentence_cues(doc, later):
        first = min(cue.start, cue.speaker.at) if cue.speaker.at >= 0 else cue.start
        if cue.backward and 0 <= first - (close + 1) <= 8:
            return cue
    return None


def _inside_quote(doc: Doc, lo: int, pos: int) -> bool:
    """Whether a quotation opened between lo and pos is still open at pos."""
    def count(mark: str) -> int:
        marks = doc.quote_marks[mark]
        return bisect.bisect_left(marks, pos) - bisect.bisect_left(marks, lo)
    depth = count("«") - count("»")
    return depth > 0 or (depth == 0 and count('"') % 2 == 1)


def _quote_close(doc: Doc, lo: int, hi: int) -> int | None:
    """Where the open quotation closes between lo and hi (the closing mark's offset)."""
    found = []
    for mark in '»"':
        marks = doc.quote_marks[mark]
        i = bisect.bisect_left(marks, lo)
        if i < len(marks) and marks[i] < hi:
            found.append(marks[i])
    return min(found) if found else None


def _gapped(doc: Doc, sent: Sentence, claim: Claim, cues: list[Cue]) -> Speaker | None:
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
            return speaker_of(doc, sent, m)
    return None


def _strip_determiner(doc: Doc, before: str) -> str:
    """`before` without the determiner it ends on ("..., la" -> "...,")."""
    rx = word_rx(r"(?<!\w)(?:{alt})\s*$", tuple(doc.lex.determiners))
    mm = rx.search(before, max(0, len(before) - 12)) if rx else None
    return before[:mm.start()] if mm else before


def _continues(doc: Doc, sent: Sentence) -> bool:
    """Whether a cue-less sentence carries on the previous sentence's report (agentless count)."""
    lex = doc.lex
    body = doc.folded[sent.start:sent.end]
    aux = word_rx(r"(?<!\w)(?:{alt})\s+", tuple(lex.passive_aux))
    part = word_rx(r"(?:{alt})(?!\w)", tuple(lex.passive_count))
    if aux is None or part is None or not any(part.match(body, a.end()) for a in aux.finditer(body)):
        return False
    opener = word_rx(r"(?:{alt})\s+[^,]{1,40},", tuple(lex.frame_openers))
    return not (opener and opener.match(body.lstrip()))


def _in_sum(doc: Doc, sent: Sentence, claim: Claim, cue: Cue) -> bool:
    """Whether the figure sits in a clause that adds up figures (a total)."""
    lo = clause_start(doc, sent, claim.start)
    hi = claim.end
    hi = next_mark(doc, hi, sent.end, ",;:.")
    if not doc.terms("total", doc.lex.total_words, lo, hi):
        return False
    return cue.family == "possessive" or next_mark(doc, cue.end, claim.start, CLAUSE) < claim.start


def _refine(doc: Doc, sent: Sentence, sp: Speaker) -> Speaker:
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


def _relay_of(doc: Doc, claim: Claim, chosen: Cue, cues: list[Cue]) -> str | None:
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


def _origin_in_sentence(doc: Doc, claim: Claim, relay: Cue, cues: list[Cue]) -> Speaker | None:
    """A known origin whose own reporting verb or preposition also covers the figure, when the chosen
    cue is an agency relaying it: the agency is then the relay, not the origin."""
    for c in sorted(cues, key=lambda c: -c.end):
        if c is relay or c.family not in ("verb", "prep") or not c.forward or c.end > claim.start:
            continue
        src = doc.sources.get(c.speaker.key)
        if (src is not None and not src.relay) or (c.speaker.key is None and c.speaker.text):
            return c.speaker  # a known origin, or one the registry does not know (its words kept)
    return None


def _denial_speaker(doc: Doc, sent: Sentence, claim: Claim) -> Speaker | None:
    """The subject of a denial ("la Corée du Nord a catégoriquement nié ...")."""
    window = clause_start(doc, sent, claim.start, STRONG)
    before = [m for m in sent.mentions if window <= m.start and m.end <= claim.start
              and not is_venue(doc, sent, m)]
    inside = [m for m in sent.mentions if claim.start <= m.start and m.end <= claim.end]
    m = before[-1] if before else (inside[0] if inside else None)
    if m is None:
        return None
    return speaker_of(doc, sent, m)


def _set(claim: Claim, sp: Speaker | None, relay: str | None = None) -> None:
    """Write the origin on the claim (only the fields that change: claims are validated models)."""
    key, text = (sp.key, sp.text) if sp else (None, None)
    relay = relay if sp and relay != key else None
    if claim.attributed_to != key:
        claim.attributed_to = key
    if claim.attributed_text != text:
        claim.attributed_text = text
    if claim.relayed_by != relay:
        claim.relayed_by = relay


def attribute(article: Article, claims: list[Claim], registry: Registry) -> None:
    """Set attributed_to, attributed_text and relayed_by on each claim, in place."""
    if not claims or not article.text:
        return
    lang = article.lang or (claims[0].lang if claims else "fr") or "fr"
    doc = layout(article, registry, lang)
    by_sentence: dict[int, list[Claim]] = {}
    for c in sorted(claims, key=lambda c: (c.start, c.end)):
        by_sentence.setdefault(doc.sentence_index(c.start), []).append(c)
    history: list[tuple[int, Speaker]] = []
    done: dict[int, set[str]] = {}  # paragraph start -> the origins of its figures so far
    needed = _needed(doc, by_sentence)
    for idx, (s, e) in enumerate(doc.spans):
        if idx not in needed:
            continue  # no figure close enough after it to need its speaker
        sent = Sentence(s, e, idx, doc.in_span(s, e), history)
        if not sent.mentions and idx not in by_sentence:
            continue  # names no one and holds no figure: nothing to attribute, no one to remember
        cues = sentence_cues(doc, sent)
        last: Speaker | None = None
        for claim in by_sentence.get(idx, []):
            last = _attribute_one(doc, sent, claim, cues, history, done) or last
            if claim.attributed_to:
                done.setdefault(doc.para_start(claim.start), set()).add(claim.attributed_to)
        for claim in _respectively(doc, sent, by_sentence.get(idx, [])):
            done.setdefault(doc.para_start(claim.start), set()).add(claim.attributed_to or "")
        spoken = [c.speaker for c in cues if c.speaker.key or c.speaker.text]
        if spoken:
            history.append((idx, spoken[-1]))
        elif last is not None:
            history.append((idx, last))
    _headline_claims(doc, sorted(claims, key=lambda c: (c.start, c.end)))


HEADLINE_SENTENCES = 3   # a headline is one of the article's first lines ...
HEADLINE_LENGTH = 160    # ... short, and with no full stop


def _headline_claims(doc: Doc, claims: list[Claim]) -> None:
    """A figure of the headline with no cue takes the origin of the same figure in the body.

    "Pyongyang enverrait 12 000 soldats" over a body saying "quelque 12 000 militaires, ont affirmé
    les services de renseignement": the headline repeats the body's report.
    """
    for s, e in doc.spans[:HEADLINE_SENTENCES]:
        if e - s > HEADLINE_LENGTH or doc.text[e - 1] in ".!?" or doc.text[e:e + 1] not in ("\n", ""):
            continue
        for c in claims:
            if not s <= c.start < e or c.negated or c.attributed_to or c.attributed_text:
                continue
            same = next((o for o in claims if o.start >= e and o.attributed_to and not o.negated
                         and o.value == c.value), None)
            if same is not None:
                c.attributed_to, c.attributed_text = same.attributed_to, same.attributed_text
                if c.relayed_by != same.relayed_by:
                    c.relayed_by = same.relayed_by


def _respectively(doc: Doc, sent: Sentence, claims: list[Claim]) -> list[Claim]:
    """Two sources named together and two figures: each its own, in order.

    "les chiffres de la préfecture et de la CGT : 9 000 et 25 000", "figures from the police and
    the unions put turnout at 9,000 and 25,000": the cue gave both figures to one of the two; the
    first figure is the first source's, the second the second's. Returns the claims it changed.
    """
    pair = _coordinated(doc, sent)
    if pair is None:
        return []
    first, second = pair
    keys = {first.key, second.key}
    mine = [c for c in claims if not c.negated and c.attributed_to in keys]
    if len(mine) != 2 or len(claims) != 2:
        return []
    _set(mine[0], first, mine[0].relayed_by)
    _set(mine[1], second, mine[1].relayed_by)
    return mine


def _coordinated(doc: Doc, sent: Sentence) -> tuple[Speaker, Speaker] | None:
    """Two different known sources joined by a coordinator in the sentence ("X et de Y", "X and Y")."""
    rx = doc.lex.coordination_rx
    if rx is None:
        return None
    named = [m for m in sent.mentions if m.role not in ("pronoun", "anaphor")]
    for a, b in zip(named, named[1:], strict=False):
        sa, sb = doc.resolved.get(a.start), doc.resolved.get(b.start)
        if not (sa and sb and sa.key and sb.key) or sa.key == sb.key:
            continue
        if rx.fullmatch(doc.folded, a.end, b.start):
            return sa, sb
    return None


def _needed(doc: Doc, by_sentence: dict[int, list[Claim]]) -> set[int]:
    """The sentences whose speakers a claim may depend on: those with figures, and those a
    later needed sentence may look back to (a continuation, a pronoun, "selon lui")."""
    preps = doc.terms("preps", doc.lex.preps, 0, len(doc.text))
    pronouns = [m.start for m in doc.mentions if m.role == "pronoun"] + [s for s, _ in preps]
    looks_back = {doc.sentence_index(p) for p in pronouns} | set(by_sentence)
    needed: set[int] = set()
    reach = len(doc.spans)  # the lowest sentence index a later needed sentence looks back to
    for idx in range(len(doc.spans) - 1, -1, -1):
        if idx in by_sentence or idx >= reach:
            needed.add(idx)
            if idx in looks_back:
                reach = min(reach, idx - HISTORY_REACH)
    return needed


def _attribute_one(doc: Doc, sent: Sentence, claim: Claim, cues: list[Cue],
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
    if src is not None and src.relay and not sp.relay:
        origin = _origin_in_sentence(doc, claim, cue, cues)
        if origin is not None:  # "Le JCS estime que ..., a rapporté l'agence Yonhap"
            _set(claim, origin, sp.key)
            return origin
    if (sp.key is None or (src is not None and src.relay)) and not sp.relay:
        cited = cited_anywhere(doc, sent)  # "Yonhap rapporte que ..., citant l'état-major"
        if cited is not None and (cited.key != sp.key or (sp.key is None and cited.text != sp.text)):
            _set(claim, cited, sp.key)
            return cited
    _set(claim, sp, _relay_of(doc, claim, cue, cues))
    return sp
