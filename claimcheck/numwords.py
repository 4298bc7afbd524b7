"""Number-word arithmetic: a small accumulator that turns a run of number tokens into values.

Tokens come from `claimcheck.numbers` (digits already read, words already looked up in the
per-language vocabulary). The accumulator knows the shape of written numbers in French and English:
"quatre-vingt-dix-neuf", "three hundred and two dozens", "deux cent deux mille", "322 hundred",
"un million et demi", "two thirds of a million", "three lakh crore". It decides where one number
ends and the next begins ("vingt et un ou vingt-deux", "4000 3 hundred and 21").
"""

from __future__ import annotations

from dataclasses import dataclass, field

# token kinds
DIGITS, UNIT, TEN, HUNDRED, SCALE, APPROX, FRACTION, ARTICLE, CONN, DEC, NEG, OF = (
    "digits", "unit", "ten", "hundred", "scale", "approx", "fraction", "article", "conn", "dec", "neg", "of")
VALUE_KINDS = frozenset({DIGITS, UNIT, TEN, HUNDRED, SCALE, APPROX, FRACTION, ARTICLE})


@dataclass
class Token:
    """One number token: its kind, value and place in the text."""

    kind: str
    value: float
    start: int
    end: int
    word: str = ""
    denominator: int = 0  # for fractions
    needs_numerator: bool = False
    joined_by_hyphen: bool = False  # the joiner before this token held a hyphen
    closed: bool = False  # nothing joins after this token (a suffix: "10k", "$61bn")


@dataclass
class Piece:
    """A number read from tokens: value, span and how it is written."""

    value: float
    start: int
    end: int
    form: str = "digits"
    scaled: bool = False  # a scale word or approximate noun took part ("1,5 million", "une dizaine")
    approx_noun: bool = False
    fraction: bool = False
    has_article: bool = False
    tokens: list[Token] = field(default_factory=list)


@dataclass
class _Acc:
    tokens: list[Token] = field(default_factory=list)
    total: float = 0.0
    hund: float = 0.0
    small: float = 0.0
    last_scale: float = 0.0
    sign: float = 1.0
    approx_noun: bool = False
    fraction: bool = False
    scaled: bool = False
    article: bool = False

    @property
    def has(self) -> bool:
        return bool(self.tokens)

    def value(self) -> float:
        return self.sign * (self.total + self.hund + self.small)

    def last(self) -> Token | None:
        for t in reversed(self.tokens):
            if t.kind not in (CONN, OF):
                return t
        return None


def _form(tokens: list[Token]) -> str:
    kinds = {t.kind for t in tokens if t.kind in VALUE_KINDS}
    if kinds == {DIGITS}:
        return "digits"
    if DIGITS in kinds:
        return "mixed"
    return "words"


class Reader:
    """Split a run of tokens into numbers (see module docstring)."""

    def __init__(self, teens_after: frozenset[float], ten_word: str | None):
        self.teens_after = teens_after
        self.ten_word = ten_word

    def read(self, toks: list[Token]) -> list[Piece]:
        """The numbers written by `toks`, in order."""
        out: list[Piece] = []
        i, n = 0, len(toks)
        while i < n:
            acc = _Acc()
            j = self._consume(toks, i, acc)
            if j == i:  # this token cannot start a number
                i += 1
                continue
            piece = self._piece(acc)
            if piece is not None:
                out.append(piece)
            i = j
        return out

    # ------------------------------------------------------------------ one number
    def _piece(self, acc: _Acc) -> Piece | None:
        vals = [t for t in acc.tokens if t.kind in VALUE_KINDS]
        if not vals:
            return None
        if all(t.kind == ARTICLE for t in vals):
            return None
        return Piece(value=acc.value(), start=acc.tokens[0].start, end=acc.tokens[-1].end,
                     form=_form(acc.tokens), scaled=acc.scaled, approx_noun=acc.approx_noun,
                     fraction=acc.fraction, has_article=acc.article, tokens=list(acc.tokens))

    def _peek(self, toks: list[Token], j: int) -> Token | None:
        return toks[j] if j < len(toks) else None

    def _consume(self, toks: list[Token], i: int, acc: _Acc) -> int:
        j = i
        n = len(toks)
        while j < n:
            step = self._step(toks, j, acc)
            if step == 0:
                break
            j += step
        # a trailing connector or "of" belongs to no number
        while acc.tokens and acc.tokens[-1].kind in (CONN, OF, NEG):
            acc.tokens.pop()
            j -= 1
        return j

    def _group_place(self, acc: _Acc) -> float:
        """The largest value that may still be added to the current number."""
        last = acc.last()
        if last is None:
            return float("inf")
        if last.kind == HUNDRED:
            return 100 if acc.small == 0 else 0
        if last.kind == SCALE:
            return last.value if acc.hund == 0 and acc.small == 0 else 0
        if last.kind == TEN:
            return 20 if last.value in self.teens_after else 10
        if last.kind == UNIT and self.ten_word and last.word == self.ten_word and acc.small % 20 == 10:
            return 10  # "dix-sept", "soixante-dix-huit", "quatre-vingt-dix-neuf"
        return 0

    def _step(self, toks: list[Token], j: int, acc: _Acc) -> int:
        """Consume toks[j] (and maybe more) into acc; 0 if it starts a new number."""
        t = toks[j]
        nxt = self._peek(toks, j + 1)
        k = t.kind
        if acc.tokens and acc.tokens[-1].closed:
            return 0
        if k == NEG:
            if acc.has or nxt is None or nxt.kind not in (DIGITS, UNIT, TEN):
                return 0
            acc.sign = -1.0
            acc.tokens.append(t)
            return 1
        if k == ARTICLE:
            last = acc.last()
            if last is not None and last.kind == FRACTION and nxt is not None and nxt.kind in (SCALE, APPROX):
                return 1  # "half a dozen", "two thirds of a million"
            if acc.has and not (last is not None and last.kind == SCALE and acc.tokens[-1].kind == CONN):
                return 0
            if nxt is None or nxt.kind not in (SCALE, HUNDRED, APPROX, FRACTION):
                return 0
            acc.tokens.append(t)
            acc.article = True
            if acc.last_scale and acc.tokens[-2].kind == CONN:
                return 1  # "and a half": the fraction reads the article as its numerator
            acc.small = 1
            return 1
        if k == CONN:
            last = acc.last()
            if last is None or nxt is None:
                return 0
            if last.kind == TEN and nxt.kind == UNIT and nxt.value in (1, 11):
                acc.tokens.append(t)
                return 1
            if last.kind in (HUNDRED, SCALE) and nxt.kind in (UNIT, TEN, DIGITS, ARTICLE, FRACTION):
                if nxt.kind == DIGITS and nxt.value >= self._group_place(acc):
                    return 0
                after = self._peek(toks, j + 2)
                if nxt.kind in (DIGITS, UNIT, TEN) and after is not None and after.kind == SCALE \
                        and acc.last_scale > 0 and after.value >= acc.last_scale:
                    return 0  # "1.2 million and 3 million": two numbers
                if nxt.kind == UNIT and nxt.value == 0:
                    return 0
                acc.tokens.append(t)
                return 1
            return 0
        if k == OF:
            last = acc.last()
            if last is not None and last.kind == FRACTION and nxt is not None and nxt.kind in (ARTICLE, SCALE):
                acc.tokens.append(t)
                return 1
            return 0
        if k == DEC:
            return self._decimal(toks, j, acc)
        if k in (DIGITS, UNIT, TEN):
            return self._add(t, nxt, acc)
        if k == HUNDRED:
            last = acc.last()
            if not acc.has:
                acc.hund, acc.scaled = 100, True
            elif last is not None and last.kind in (DIGITS, UNIT, TEN, ARTICLE) and acc.hund == 0:
                acc.hund, acc.small = (acc.small or 1) * 100, 0
            else:
                return 0
            acc.tokens.append(t)
            return 1
        if k == SCALE:
            return self._scale(t, acc)
        if k == APPROX:
            if not acc.has:
                return 0
            last = acc.last()
            if last is None or last.kind not in (DIGITS, UNIT, TEN, ARTICLE, FRACTION):
                return 0
            acc.small = (acc.small or 1) * t.value
            acc.fraction = False
            acc.approx_noun, acc.scaled = True, True
            acc.tokens.append(t)
            return 1
        if k == FRACTION:
            return self._fraction(toks, j, acc)
        return 0

    def _add(self, t: Token, nxt: Token | None, acc: _Acc) -> int:
        if not acc.has or (acc.sign < 0 and len(acc.tokens) == 1):
            acc.small = t.value
            acc.tokens.append(t)
            return 1
        last = acc.last()
        if last is None or last.kind in (APPROX, FRACTION):
            return 0
        if t.kind == DIGITS and last.kind in (DIGITS, UNIT, TEN):
            return 0
        if t.kind == DIGITS and (t.joined_by_hyphen or t.value != int(t.value)):
            return 0
        if t.value == 0:
            return 0
        place = self._group_place(acc)
        if t.kind == TEN and last.kind in (UNIT, TEN, DIGITS):
            return 0
        if t.value >= place:
            return 0
        if last.kind == SCALE:
            acc.small = t.value
        else:
            acc.small += t.value
        acc.tokens.append(t)
        return 1

    def _scale(self, t: Token, acc: _Acc) -> int:
        s = t.value
        if not acc.has:
            if s > 1000:
                return 0  # "million" alone needs a figure or an article
            acc.total, acc.last_scale, acc.scaled = s, s, True
            acc.tokens.append(t)
            return 1
        last = acc.last()
        group = acc.hund + acc.small
        if last is not None and last.kind == SCALE and group == 0 and acc.tokens[-1].kind != CONN:
            if s > last.value:
                acc.total *= s  # "three lakh crore"
                acc.last_scale = s
                acc.tokens.append(t)
                return 1
            return 0
        if last is not None and last.kind == FRACTION:
            # "half million", "two thirds of a million", "and a half million"
            frac = acc.small
            acc.small = 0
            acc.total += frac * s
            acc.last_scale = s
            acc.scaled = True
            acc.fraction = False
            acc.tokens.append(t)
            return 1
        if acc.last_scale and s >= acc.last_scale:
            return 0
        if group == 0 and last is not None and last.kind not in (DIGITS, UNIT, TEN, ARTICLE):
            return 0
        acc.total += (group or 1) * s
        acc.hund = acc.small = 0
        acc.last_scale = s
        acc.scaled = True
        acc.tokens.append(t)
        return 1

    def _fraction(self, toks: list[Token], j: int, acc: _Acc) -> int:
        t = toks[j]
        last = acc.last()
        prev = acc.tokens[-1] if acc.tokens else None
        nxt = self._peek(toks, j + 1)
        after_scale_conn = prev is not None and prev.kind == CONN and acc.last_scale > 0
        if after_scale_conn or (prev is not None and prev.kind == ARTICLE and len(acc.tokens) >= 2
                                and acc.tokens[-2].kind == CONN and acc.last_scale > 0):
            num = 1.0
            frac = num / t.denominator
            acc.tokens.append(t)
            if nxt is not None and nxt.kind == SCALE:
                acc.small = frac  # the scale that follows multiplies it
                return 1
            acc.total += frac * acc.last_scale
            return 1
        if last is not None and last.kind in (UNIT, DIGITS, ARTICLE) and acc.last_scale > 0 \
                and acc.small and len(acc.tokens) >= 2 and any(x.kind == CONN for x in acc.tokens):
            # "cinq milliards et trois quarts", "nine million and five ninths"
            num = acc.small
            acc.small = 0
            acc.tokens.append(t)
            if nxt is not None and nxt.kind == SCALE:
                acc.small = num / t.denominator
                return 1
            acc.total += num / t.denominator * acc.last_scale
            return 1
        if not acc.has:
            if t.needs_numerator:
                return 0
            acc.small = 1.0 / t.denominator
            acc.fraction = True
            acc.tokens.append(t)
            return 1
        if last is not None and last.kind in (UNIT, DIGITS, ARTICLE) and acc.total == 0 and acc.hund == 0 \
                and 0 < acc.small < 100 and acc.small == int(acc.small):
            acc.small = acc.small / t.denominator
            acc.fraction = True
            acc.tokens.append(t)
            return 1
        return 0

    def _decimal(self, toks: list[Token], j: int, acc: _Acc) -> int:
        """"deux cent virgule trois", "nine point nought four", "nought point eleven"."""
        if not acc.has or acc.value() != int(acc.value()):
            return 0
        digits = ""
        k = j + 1
        while k < len(toks) and toks[k].kind == UNIT and toks[k].value < 10:
            digits += str(int(toks[k].value))
            k += 1
        if not digits:
            end = k
            while end < len(toks) and toks[end].kind in (UNIT, TEN, CONN):
                end += 1
            pieces = self.read(toks[k:end])
            if not pieces or pieces[0].start != toks[k].start:
                return 0
            digits = str(int(pieces[0].value))
            k += len(pieces[0].tokens)
        acc.small += float("0." + digits) * (1 if acc.sign > 0 else 1)
        acc.tokens.extend(toks[j:k])
        return k - j
