"""Regex helpers for the vocabulary: word tries and right-to-left cue matching, both linear.

Python's `re` tries every branch of an alternation at every position, so a list of 150 words with a
look-behind each costs a great deal on a long text. `trie` folds a word list into a prefix tree (one
branch per distinct letter), and `Tail` finds a cue that *ends* at a given offset by matching the
reversed cue list at the start of a reversed, bounded window, instead of searching the window with
a `$`-anchored pattern.
"""

from __future__ import annotations

import re

from . import textutil

SP = r"[^\S\n]"
JOIN = rf"(?:{SP}*-{SP}*|{SP}+)"


def _norm(word: str) -> str:
    return re.sub(r"[ \-]+", " ", textutil.fold(word).strip()) if word.strip(" -") else word.strip()


def trie(words: list[str] | set[str], space: str = JOIN) -> str:
    """A regex matching any of `words` (folded; a space or hyphen inside matches `space`), longest first."""
    root: dict[str, dict] = {}
    for w in {_norm(w) for w in words if w and w.strip()}:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        return r"(?!x)x"
    return _emit(root, space)


def _emit(node: dict[str, dict], space: str) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = space if ch == " " else re.escape(ch)
        branches.append(piece + _emit(node[ch], space))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if end else body


def words_re(words: list[str] | set[str], space: str = JOIN) -> str:
    """`trie(words)` with word boundaries where the words begin or end with a letter or digit."""
    ws = [_norm(w) for w in words if w and w.strip()]
    plain = [w for w in ws if re.match(r"\w", w) and re.search(r"\w$", w)]
    other = [w for w in ws if w not in plain]
    parts = []
    if plain:
        parts.append(r"\b" + trie(plain, space) + r"(?!\w)")
    for w in sorted(other, key=lambda x: -len(x)):
        lead = r"(?<!\w)" if re.match(r"\w", w) else ""
        trail = r"(?!\w)" if re.search(r"\w$", w) else ""
        parts.append(lead + space.join(re.escape(p) for p in w.split(" ")) + trail)
    return "(?:" + "|".join(parts) + ")" if parts else r"(?!x)x"


def longest(words: list[str] | set[str], space: str = SP + "+", lead: bool = True, trail: bool = True) -> str:
    """A regex matching the longest of `words` as written (a space matches `space`), as a prefix tree.

    The same match as the alternation of the words sorted longest first, each with `(?<!\\w)` before
    it if it begins with a word character (`lead`) and `(?!\\w)` after it if it ends with one
    (`trail`), without trying every word at every position.
    """
    root: dict[str, dict] = {}
    for w in {w for w in words if w}:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        return r"(?!x)x"
    return _emit_longest(root, "", space, lead, trail)


def _emit_longest(node: dict[str, dict], prev: str, space: str, lead: bool, trail: bool) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        piece = space if ch == " " else re.escape(ch)
        if lead and not prev and re.match(r"\w", ch):
            piece = r"(?<!\w)" + piece
        branches.append(piece + _emit_longest(node[ch], ch, space, lead, trail))
    if "" in node:
        branches.append(r"(?!\w)" if trail and re.match(r"\w", prev) else "")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class Tail:
    """Find which cue ends a text at an offset: `match(f, end)` gives the cue's start or -1.

    `gap` is what may stand between the cue and the offset, written as a regex over the *reversed*
    text (e.g. `SP + "*"`); cues that begin with a letter must start a word.
    """

    def __init__(self, cues: list[str], gap: str = SP + "*", window: int = 64, extra: str = ""):
        revs = {_norm(c)[::-1] for c in cues if c and c.strip()}
        self.window = window
        self.empty = not revs
        self.re = re.compile(rf"{gap}(?P<cue>{longest(revs, lead=False)}){extra}")

    def match(self, f: str, end: int) -> int:
        """Start offset of the cue ending (after `gap`) at `end`, or -1."""
        if self.empty:
            return -1
        lo = max(0, end - self.window)
        m = self.re.match(f[lo:end][::-1])
        return end - m.end() if m else -1

    def cue(self, f: str, end: int) -> str | None:
        """The cue itself (folded, spaces normalised), or None."""
        if self.empty:
            return None
        lo = max(0, end - self.window)
        m = self.re.match(f[lo:end][::-1])
        return " ".join(m.group("cue")[::-1].split()) if m else None
