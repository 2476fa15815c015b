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
from functools import lru_cache
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
    return tuple(Token(m.start(), m.end(), word := m.group().lower(), frozenset((word, lemma(word, language))))
                 for m in _WORD.finditer(text))


class Cue(NamedTuple):
    key: str  # what the cue names (an event type)
    words: tuple[str, ...]  # lemmas; "*x" for a word ending in x
    weak: bool  # a verb that only says something began or took place
    adjacent: bool = False  # its words stand next to each other, in order ("moet~zijn")


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


def _anchor(cue: Cue) -> int:
    """Which word of a cue is looked up first: its longest word that is no "*" word (the rarest,
    most often), else its first; the first of words that stand next to each other."""
    plain = [i for i, w in enumerate(cue.words) if not _wild(w)]
    return 0 if cue.adjacent or not plain else max(plain, key=lambda i: len(cue.words[i]))


class Cues:
    """The cue lists of a vocabulary section, compiled: by each language, every cue's words as
    lemmas, indexed by the lemma of its first plain word."""

    def __init__(self, entries: list[tuple[str, str, str]], weak: list[str] = ()):
        """entries: (key, language, cue as written); weak: the cues, in either language, of verbs
        that only say something began or took place."""
        self.rank = {key: rank for rank, key in enumerate(dict.fromkeys(key for key, _, _ in entries))}
        self.by_word: dict[str, list[Cue]] = {}
        self.suffixed: list[Cue] = []  # cues whose every word has a "*": tried on every word
        weak_variants = {variant for written in weak for language in LANGUAGES
                         for variant in _variants([_forms(word, language) for word in written.split()])}
        for key, language, written in entries:
            adjacent = "~" in written
            variants = _variants([_forms(word, language) for word in written.replace("~", " ").split()])
            is_weak = any(variant in weak_variants for variant in variants)
            for variant in variants:
                cue = Cue(key, variant, is_weak, adjacent)
                first = variant[_anchor(cue)]
                if _wild(first):
                    self.suffixed.append(cue)
                else:
                    self.by_word.setdefault(first.lstrip("="), []).append(cue)

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
        candidates = [cue for form in token.forms for cue in cues.by_word.get(form, ())] + cues.suffixed
        for cue in candidates:
            if not _matches(cue.words[_anchor(cue)], token):
                continue
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
    first = _anchor(cue)
    for n, word in enumerate(cue.words):
        if n == first:
            continue
        at = next((j for j in range(lo, hi) if j not in used and _matches(word, words[j])), None)
        if at is None:
            return None
        used.add(at)
    return min(words[j].start for j in used), max(words[j].end for j in used)
