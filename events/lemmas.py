"""Cue words matched on lemmas: "adopts", "adopted" and "adopting" are one cue, "adopt", and so
are "vastgesteld" and "vaststellen". The vocabulary writes each cue once, in any form; the
lemmatizer (simplemma, which ships its Dutch and English data) brings cue and text to the same
form. A cue of several words ("in werking treden", "enter into force", "nemen aan") matches
where all its words stand within a few words of each other, in any order: Dutch puts the verb
first or last ("treedt op 1 augustus in werking", "in werking zal treden"); words joined by "~"
stand next to each other, in order ("moet~zijn"). A word written
"*verdrag" matches any word that ends in it, as Dutch compounds do ("innovatieverdrag")."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import cached_property, lru_cache
from typing import NamedTuple

import simplemma

LANGUAGES = ("nl", "en")
PHRASE_SPAN = 10  # words within which the words of a cue of several words must stand (a Dutch particle ends its clause)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # letters, with the hyphens and apostrophes of compounds


@lru_cache(maxsize=65536)  # a document's vocabulary repeats: each word is looked up once
def lemma(word: str, language: str) -> str:
    return simplemma.lemmatize(word, lang=language).lower()


class Token(NamedTuple):
    start: int
    end: int
    word: str  # lower-cased
    forms: frozenset[str]  # the word and its lemma


@lru_cache(maxsize=64)  # the sentence being read: each of its dates asks for its cues
def tokens(text: str, language: str) -> tuple[Token, ...]:
    return tuple(Token(m.start(), m.end(), word := m.group().lower(), _word_forms(word, language))
                 for m in _WORD.finditer(text))


@lru_cache(maxsize=65536)  # a document's vocabulary repeats: each word's forms are made once
def _word_forms(word: str, language: str) -> frozenset[str]:
    return frozenset((word, lemma(word, language)))


class Cue(NamedTuple):
    key: str  # what the cue names (an event type)
    words: tuple[str, ...]  # lemmas; "*x" for a word ending in x
    weak: bool  # a verb that only says something began or took place
    adjacent: bool = False  # its words stand next to each other, in order ("moet~zijn")
    anchor: int = 0  # the word looked up first (see _anchor)


class Hit(NamedTuple):
    start: int
    end: int
    cue: Cue


def _forms(word: str, language: str) -> frozenset[str]:
    word = word.lower()
    return frozenset((word,)) if _wild(word) or word.startswith("=") else frozenset((word, lemma(word, language)))


def _wild(word: str) -> bool:
    return word.startswith("*") or word.endswith("*")


def _matches(word: str, token: Token) -> bool:
    if _wild(word):
        inner = word.strip("*")
        if word.startswith("*") and word.endswith("*"):
            return any(inner in form for form in token.forms)
        if word.startswith("*"):
            return any(form.endswith(inner) for form in token.forms)
        return any(form.startswith(inner) for form in token.forms)
    if word.startswith("="):
        return token.word == word[1:]
    return word in token.forms


def _anchor(words: tuple[str, ...], adjacent: bool) -> int:
    """Which word of a cue is looked up first: its longest word that is no "*" word (the rarest,
    most often), else its first; the first of words that stand next to each other."""
    plain = [i for i, w in enumerate(words) if not _wild(w)]
    return 0 if adjacent or not plain else max(plain, key=lambda i: len(words[i]))


class _WildGate:
    """Whether a word could match any "*" word of the cues: only the words it admits are tried
    with the "*" cues (a few in a text), not every word with every cue. (str.startswith and
    str.endswith take a tuple and test it in C: faster than a pattern searched in each word.)"""

    def __init__(self, words: list[str]):
        self.prefixes = tuple({w.strip("*") for w in words if w.endswith("*") and not w.startswith("*")})
        self.suffixes = tuple({w.strip("*") for w in words if w.startswith("*") and not w.endswith("*")})
        self.infixes = tuple({w.strip("*") for w in words if w.startswith("*") and w.endswith("*")})

    def admits(self, forms: frozenset[str]) -> bool:
        return any(form.startswith(self.prefixes) or form.endswith(self.suffixes)
                   or any(infix in form for infix in self.infixes) for form in forms)


class Cues:
    """The cue lists of a vocabulary section, compiled: by each language, every cue's words as
    lemmas, indexed by the lemma of its first plain word. Compiled when first used: a process
    that reads no text (the dashboard) never loads the lemmatizer's data (0.35 s, 80 MB)."""

    def __init__(self, entries: list[tuple[str, str, str]], weak: list[str] = ()):
        """entries: (key, language, cue as written); weak: the cues, in either language, of verbs
        that only say something began or took place."""
        self.rank = {key: rank for rank, key in enumerate(dict.fromkeys(key for key, _, _ in entries))}
        self._entries, self._weak = tuple(entries), tuple(weak)
        self._anchored: dict[tuple[str, str], tuple[Cue, ...]] = {}

    @cached_property
    def _index(self) -> tuple[dict[str, list[Cue]], list[Cue], _WildGate | None]:
        """The cues by their anchor word, the cues whose anchor has a "*" (tried on every word the
        gate admits), and that gate."""
        by_word: dict[str, list[Cue]] = {}
        suffixed: list[Cue] = []
        weak_variants = {variant for written in self._weak for language in LANGUAGES
                         for variant in _variants([_forms(word, language) for word in written.split()])}
        for key, language, written in self._entries:
            adjacent = "~" in written
            variants = _variants([_forms(word, language) for word in written.replace("~", " ").split()])
            is_weak = any(variant in weak_variants for variant in variants)
            for variant in variants:
                cue = Cue(key, variant, is_weak, adjacent, _anchor(variant, adjacent))
                first = variant[cue.anchor]
                if _wild(first):
                    suffixed.append(cue)
                else:
                    by_word.setdefault(first.lstrip("="), []).append(cue)
        return by_word, suffixed, (_WildGate([cue.words[cue.anchor] for cue in suffixed]) if suffixed else None)

    def anchored(self, token: Token, language: str) -> tuple[Cue, ...]:
        """The cues whose anchor word (see _anchor) is this word: worked out once for each word
        (its forms are its word's and language's), as a text's words repeat."""
        key = (token.word, language)
        found = self._anchored.get(key)
        if found is None:
            by_word, suffixed, wild = self._index
            candidates = [cue for form in token.forms for cue in by_word.get(form, ())]
            if wild and wild.admits(token.forms):
                candidates += suffixed
            found = self._anchored[key] = tuple(cue for cue in candidates if _matches(cue.words[cue.anchor], token))
        return found

    def find(self, text: str, language: str) -> tuple[Hit, ...]:
        """Every cue that stands in a text, with the span from its first word to its last."""
        return _find(self, text, language)


def _variants(forms: list[frozenset[str]]) -> list[tuple[str, ...]]:
    """The cue as tuples of single forms (a word and its lemma are two ways to write it)."""
    out: list[tuple[str, ...]] = [()]
    for options in forms:
        out = [(*prefix, option) for prefix in out for option in sorted(options)]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=64)  # the sentence being read: each of its dates asks for its cues
def _find(cues: Cues, text: str, language: str) -> tuple[Hit, ...]:
    words = tokens(text, language)
    hits: dict[tuple[int, int, Cue], None] = {}
    for i, token in enumerate(words):
        for cue in cues.anchored(token, language):
            span = _phrase(cue, words, i)
            if span:
                hits[(*span, cue)] = None
    return tuple(Hit(start, end, cue) for start, end, cue in sorted(hits, key=lambda h: (h[0], h[1])))


def _phrase(cue: Cue, words: tuple[Token, ...], anchor: int) -> tuple[int, int] | None:
    """Where a cue stands with its anchor word (see _anchor) at `anchor`: every other word within
    PHRASE_SPAN words of it, each on a word of its own."""
    if len(cue.words) == 1:
        return words[anchor].start, words[anchor].end
    if cue.adjacent:
        last = anchor + len(cue.words) - 1
        if last < len(words) and all(_matches(w, words[anchor + n]) for n, w in enumerate(cue.words)):
            return words[anchor].start, words[last].end
        return None
    lo, hi = max(0, anchor - PHRASE_SPAN), min(len(words), anchor + PHRASE_SPAN + 1)
    used = {anchor}
    first = cue.anchor
    for n, word in enumerate(cue.words):
        if n == first:
            continue
        at = next((j for j in range(lo, hi) if j not in used and _matches(word, words[j])), None)
        if at is None:
            return None
        used.add(at)
    return min(words[j].start for j in used), max(words[j].end for j in used)


class SurfaceWords:
    """Words matched as written, in any case, without their lemmas, for word lists read over whole
    documents (the lemmas are for the few sentences that hold a date): the same "*" and "="
    forms as cues; a phrase's words in order. Each distinct word is tested once, ever: a text's
    words are sorted into those of the list and the rest as sets, not one by one."""

    def __init__(self, words: list[str]):
        single = [w.lower().lstrip("=") for w in words if len(w.replace("~", " ").split()) == 1]
        self.exact = frozenset(w for w in single if not _wild(w))
        self.prefixes = tuple(w.strip("*") for w in single if w.endswith("*") and not w.startswith("*"))
        self.suffixes = tuple(w.strip("*") for w in single if w.startswith("*") and not w.endswith("*"))
        self.infixes = tuple(w.strip("*") for w in single if w.startswith("*") and w.endswith("*"))
        # a phrase by its words in order, with any run of spaces between them
        # (its longest word, its pattern): a phrase is looked for only in a text that holds that word
        self.phrases = [(max(parts, key=len), _phrase_pattern(parts))
                        for w in words if len(parts := w.lower().lstrip("=").replace("~", " ").split()) > 1]
        # a piece of each word and phrase that every text holding it holds: most texts hold none
        # of the pieces, and are not split into words (the shortest first, and none that holds
        # another: each is looked for in the whole text)
        pieces = sorted({*self.exact, *self.prefixes, *self.suffixes, *self.infixes,
                         *(needle for needle, _ in self.phrases)}, key=lambda piece: (len(piece), piece))
        self.pieces = tuple(p for i, p in enumerate(pieces) if not any(shorter in p for shorter in pieces[:i]))
        self._tested: set[str] = set()  # the words tested so far
        self._in: set[str] = set()  # ... that are in the list

    def _is(self, word: str) -> bool:
        return word in self.exact or word.startswith(self.prefixes) or word.endswith(self.suffixes) \
            or any(infix in word for infix in self.infixes)

    def _among(self, words: AbstractSet[str]) -> AbstractSet[str]:
        """Those of a text's distinct words that are in the list (`-` walks the text's few words,
        not the many tested)."""
        new = words - self._tested
        if new:
            self._tested |= new
            self._in.update(word for word in new if self._is(word))
        return words & self._in

    def _may_hold(self, lowered: str) -> bool:
        return any(map(lowered.__contains__, self.pieces))

    def starts(self, text: str) -> list[int]:
        """Where the words stand in a sentence, in order (split into words as `tokens` splits it)."""
        lowered = text.lower()
        if not self._may_hold(lowered):
            return []
        found = self._among(frozenset(map(str.lower, _WORD.findall(text))))
        starts = [m.start() for m in _WORD.finditer(text) if m.group().lower() in found] if found else []
        return sorted(starts + self._phrases(lowered))

    def count(self, text: str) -> int:
        """How often the words stand in a text."""
        lowered = text.lower()
        if not self._may_hold(lowered):
            return 0
        words, distinct = _words(lowered)
        return sum(map(words.count, self._among(distinct))) + len(self._phrases(lowered))

    def _phrases(self, lowered: str) -> list[int]:
        return [m.start() for needle, phrase in self.phrases if needle in lowered for m in phrase.finditer(lowered)]


def _phrase_pattern(parts: list[str]) -> re.Pattern:
    """Words in order with any run of spaces between them, each a whole word. (No letter before
    the first word is asked after it: a pattern that opens on its words is looked for by them,
    one that opens on the look-behind is tried at every place of a long text.)"""
    first = re.escape(parts[0])
    return re.compile(first + rf"(?<![^\W\d_]{first})" + "".join(r"\s+" + re.escape(p) for p in parts[1:])
                      + r"(?![^\W\d_])")


@lru_cache(maxsize=4)  # a text is counted by each list of words (each topic's) in turn
def _words(lowered: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A lower-cased text's words in order, and its distinct words."""
    words = tuple(_WORD.findall(lowered))
    return words, frozenset(words)
