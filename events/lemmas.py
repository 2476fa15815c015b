"""Cue words matched on lemmas: "adopts", "adopted" and "adopting" are one cue, "adopt", and so
are "vastgesteld" and "vaststellen". The vocabulary writes each cue once, in any form; the
lemmatizer (simplemma, which ships its Dutch and English data) brings cue and text to the same
form. A cue of several words ("in werking treden", "enter into force", "nemen aan") matches
where all its words stand within a few words of each other, in any order: Dutch puts the verb
first or last ("treedt op 1 augustus in werking", "in werking zal treden"); words joined by "~"
stand next to each other, in order ("moet~zijn"). A word written
"*verdrag" matches any word that ends in it, as Dutch compounds do ("innovatieverdrag")."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import simplemma
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

LANGUAGES = ("nl", "en")
PHRASE_SPAN = 10  # words within which the words of a cue of several words must stand (a Dutch particle ends its clause)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # letters, with the hyphens and apostrophes of compounds


def cache_folder() -> Path:
    """Where what is worked out once per machine is kept: $AI_TIMELINE_CACHE, else the user's cache."""
    own = os.environ.get("AI_TIMELINE_CACHE")
    if own:
        return Path(own)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ai-regulation-timeline"


class Lemmas:
    """The lemmas of words, as far as cues can match them: simplemma with its dictionaries cut to
    the entries whose lemma is a cue word's form (or ends, starts or holds a "*" cue word's). The
    whole dictionaries take 0.3 s and 100 MB to load in every process; the cut ones hold some
    2,000 entries. They are cut once per cue list and simplemma version (loading the whole ones
    that once) and kept in cache_folder(): a cue added to the vocabulary makes a new cut by itself.
    A word whose lemma no cue can match keeps the lemma simplemma's rules give it, or itself."""

    def __init__(self, words: Iterable[tuple[str, str]]):
        """words: (language, word) of every cue, as written ("*verdrag", "=moet", "aannemen")."""
        self._words = tuple(sorted(set(words)))

    def __call__(self, word: str, language: str) -> str:
        return self._lemmatize(word, language)

    def of_cue(self, word: str, language: str) -> str:
        """A cue word's lemma, by the whole dictionary (as it was when cut)."""
        return self._cut[0][(language, word)]

    @cached_property
    def _lemmatize(self):
        dictionaries = self._cut[1]

        class Cut(DefaultDictionaryFactory):
            def get_dictionary(self, lang: str):
                return dictionaries[lang]

        lemmatizer = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=Cut()))

        @lru_cache(maxsize=65536)  # a document's vocabulary repeats: each word is looked up once
        def lemmatize(word: str, language: str) -> str:
            return lemmatizer.lemmatize(word, lang=language).lower()
        return lemmatize

    @cached_property
    def _cut(self) -> tuple[dict[tuple[str, str], str], dict[str, dict[str, str]]]:
        key = hashlib.sha256(repr((simplemma.__version__, LANGUAGES, self._words)).encode()).hexdigest()[:16]
        path = cache_folder() / f"lemmas-{key}.pickle"
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            pass
        cut = self._make_cut()
        try:  # written whole or not at all: processes building at once each find a whole file
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
                out.write(pickle.dumps(cut))
            os.replace(out.name, path)
        except OSError:
            pass  # a folder that cannot be written: cut again next time
        return cut

    def _make_cut(self) -> tuple[dict[tuple[str, str], str], dict[str, dict[str, str]]]:
        whole = DefaultDictionaryFactory(cache_max_size=len(LANGUAGES))
        lemmatizer = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=whole))
        of_cue = {(language, word): lemmatizer.lemmatize(word, lang=language).lower()
                  for language, word in self._words if not _wild(word) and not word.startswith("=")}
        plain = {form for (_, word), lemma in of_cue.items() for form in (word, lemma)}
        wild = _WildGate([word for _, word in self._words if _wild(word)])
        dictionaries = {}
        for language in LANGUAGES:
            dictionaries[language] = {
                form: lemma for form, lemma in whole.get_dictionary(language).items()
                if (low := lemma.lower()) in plain or wild.admits((low,))}
        return of_cue, dictionaries


class Token(NamedTuple):
    start: int
    end: int
    word: str  # lower-cased
    forms: frozenset[str]  # the word and its lemma


class Cue(NamedTuple):
    key: str  # what the cue names (an event type)
    words: tuple[str, ...]  # lemmas; "*x" for a word ending in x
    weak: bool  # a verb that only says something began or took place
    adjacent: bool = False  # its words stand next to each other, in order ("moet~zijn")
    anchor: int = 0  # the word looked up first (see _anchor), also of words that stand together


class Hit(NamedTuple):
    start: int
    end: int
    cue: Cue


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
    most often: "toepassing" of "van~toepassing", not "van"), else its first. Of words that stand
    together, the last of the longest ("laatst" of "op~zijn~laatst", not "zijn"); the words of a
    cue apart are looked for within PHRASE_SPAN words of it, so its anchor is kept as it was."""
    plain = [i for i, w in enumerate(words) if not _wild(w)]
    if not plain:
        return 0
    return max(plain, key=lambda i: (len(words[i]), i)) if adjacent else max(plain, key=lambda i: len(words[i]))


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
    that reads no text (the dashboard) never reads the lemmas (see Lemmas)."""

    def __init__(self, entries: list[tuple[str, str, str]], weak: list[str] = ()):
        """entries: (key, language, cue as written); weak: the cues, in either language, of verbs
        that only say something began or took place."""
        self.rank = {key: rank for rank, key in enumerate(dict.fromkeys(key for key, _, _ in entries))}
        self._entries, self._weak = tuple(entries), tuple(weak)
        self._anchored: dict[tuple[str, str], tuple[Cue, ...]] = {}
        # by language: the words looked up so far, and those of them that anchor a cue
        self._seen: dict[str, set[str]] = {language: set() for language in LANGUAGES}
        self._anchoring: dict[str, set[str]] = {language: set() for language in LANGUAGES}
        self.lemmas = Lemmas([*((language, word) for _, language, written in entries for word in _words_of(written)),
                              *((language, word) for written in weak for language in LANGUAGES
                                for word in _words_of(written))])
        self.forms = lru_cache(maxsize=65536)(self._forms_of_a_word)  # a text's words repeat

    def _forms_of_a_word(self, word: str, language: str) -> frozenset[str]:
        """A (lower-cased) word of a text: its forms, the word and its lemma."""
        return frozenset((word, self.lemmas(word, language)))

    def _forms(self, word: str, language: str) -> frozenset[str]:
        """A cue word's forms: as written and its lemma (a "*" or "=" word only as written)."""
        return frozenset((word,)) if _wild(word) or word.startswith("=") else \
            frozenset((word, self.lemmas.of_cue(word, language)))

    @cached_property
    def _index(self) -> tuple[dict[str, list[Cue]], list[Cue], _WildGate | None]:
        """The cues by their anchor word, the cues whose anchor has a "*" (tried on every word the
        gate admits), and that gate."""
        by_word: dict[str, list[Cue]] = {}
        suffixed: list[Cue] = []
        weak_variants = {variant for written in self._weak for language in LANGUAGES
                         for variant in _variants([self._forms(word, language) for word in _words_of(written)])}
        for key, language, written in self._entries:
            adjacent = "~" in written
            variants = _variants([self._forms(word, language) for word in _words_of(written)])
            is_weak = any(variant in weak_variants for variant in variants)
            for variant in variants:
                cue = Cue(key, variant, is_weak, adjacent, _anchor(variant, adjacent))
                first = variant[cue.anchor]
                if _wild(first):
                    suffixed.append(cue)
                else:
                    by_word.setdefault(first.lstrip("="), []).append(cue)
        return by_word, suffixed, (_WildGate([cue.words[cue.anchor] for cue in suffixed]) if suffixed else None)

    def anchored(self, word: str, language: str) -> tuple[Cue, ...]:
        """The cues whose anchor word (see _anchor) is this (lower-cased) word: worked out once for
        each word, as a text's words repeat."""
        key = (word, language)
        found = self._anchored.get(key)
        if found is None:
            by_word, suffixed, wild = self._index
            token = Token(0, 0, word, self.forms(word, language))
            candidates = [cue for form in token.forms for cue in by_word.get(form, ())]
            if wild and wild.admits(token.forms):
                candidates += suffixed
            found = self._anchored[key] = tuple(cue for cue in candidates if _matches(cue.words[cue.anchor], token))
        return found

    def anchoring(self, words: set[str], language: str) -> set[str]:
        """Those of a text's distinct (lower-cased) words that anchor a cue: each word is looked
        up once, ever; a text's words are sorted into both kinds as sets, not one by one."""
        seen = self._seen.setdefault(language, set())
        anchoring = self._anchoring.setdefault(language, set())
        new = words - seen
        if new:
            seen |= new
            anchoring.update(word for word in new if self.anchored(word, language))
        return words & anchoring

    def find(self, text: str, language: str) -> tuple[Hit, ...]:
        """Every cue that stands in a text, with the span from its first word to its last."""
        return _find(self, text, language)


def _words_of(written: str) -> list[str]:
    """A cue's words as the cue matches them: lower-cased, "~" a space."""
    return written.lower().replace("~", " ").split()


def _variants(forms: list[frozenset[str]]) -> list[tuple[str, ...]]:
    """The cue as tuples of single forms (a word and its lemma are two ways to write it)."""
    out: list[tuple[str, ...]] = [()]
    for options in forms:
        out = [(*prefix, option) for prefix in out for option in sorted(options)]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=64)  # the sentence being read: each of its dates asks for its cues
def _find(cues: Cues, text: str, language: str) -> tuple[Hit, ...]:
    lowered = text.lower()
    # (where a letter's lower case is longer, the words as `tokens` reads them)
    written = _WORD.findall(lowered) if len(lowered) == len(text) else \
        [m.group().lower() for m in _WORD.finditer(text)]
    anchoring = cues.anchoring(set(written), language)
    if not anchoring:
        return ()
    hits: dict[tuple[int, int, Cue], None] = {}
    words = _Words(text, written, cues.forms, language)
    for i, word in enumerate(written):
        if word not in anchoring:
            continue
        for cue in cues.anchored(word, language):
            span = _phrase(cue, words, i)
            if span:
                hits[(*span, cue)] = None
    return tuple(Hit(start, end, cue) for start, end, cue in sorted(hits, key=lambda h: (h[0], h[1], h[2].key, h[2].words)))


class _Words:
    """A text's words as a cue's phrase reads them (_phrase), each made a Token when first asked
    for: a phrase reads the few words near its anchor, not the text's every word."""

    def __init__(self, text: str, written: list[str], forms, language: str):
        self.text, self.written, self.forms, self.language = text, written, forms, language
        self.made: dict[int, Token] = {}
        self.spans: list[tuple[int, int]] = []

    def __len__(self) -> int:
        return len(self.written)

    def __getitem__(self, i: int) -> Token:
        token = self.made.get(i)
        if token is None:
            if not self.spans:
                self.spans = [m.span() for m in _WORD.finditer(self.text)]
            word = self.written[i]
            token = self.made[i] = Token(*self.spans[i], word, self.forms(word, self.language))
        return token


def _phrase(cue: Cue, words: _Words, anchor: int) -> tuple[int, int] | None:
    """Where a cue stands with its anchor word (see _anchor) at `anchor`: every other word within
    PHRASE_SPAN words of it, each on a word of its own."""
    if len(cue.words) == 1:
        return words[anchor].start, words[anchor].end
    if cue.adjacent:  # the words around the anchor, in the cue's order
        first = anchor - cue.anchor
        last = first + len(cue.words) - 1
        if first >= 0 and last < len(words) and all(_matches(w, words[first + n]) for n, w in enumerate(cue.words)):
            return words[first].start, words[last].end
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
        # (its longest word, its pattern): a phrase is looked for only in a text that holds that word;
        # of two as long, the last, the noun a phrase ends on ("digital commons": "commons", rarer
        # than "digital")
        self.phrases = [(max(reversed(parts), key=len), _phrase_pattern(parts))
                        for w in words if len(parts := w.lower().lstrip("=").replace("~", " ").split()) > 1]
        # a piece of each word and phrase that every text holding it holds: most texts hold none
        # of the pieces, and are not split into words (the shortest first, and none that holds
        # another: each is looked for in the whole text)
        pieces = sorted({*self.exact, *self.prefixes, *self.suffixes, *self.infixes,
                         *(needle for needle, _ in self.phrases)}, key=lambda piece: (len(piece), piece))
        self.pieces = tuple(p for i, p in enumerate(pieces) if not any(shorter in p for shorter in pieces[:i]))
        self._known: dict[str, bool] = {}  # each word tested so far: whether it is in the list

    def _is(self, word: str) -> bool:
        return word in self.exact or word.startswith(self.prefixes) or word.endswith(self.suffixes) \
            or any(infix in word for infix in self.infixes)

    def _may_hold(self, lowered: str) -> bool:
        return any(map(lowered.__contains__, self.pieces))

    def _listed(self, lowered: str) -> list[int]:
        """Where the words of the list stand in a lower-cased text: only the words that hold a
        piece are read (a word of the list holds one), not every word of the text."""
        starts: set[int] = set()
        for piece in self.pieces:
            at = lowered.find(piece)
            while at >= 0:
                starts.add(_word_start(lowered, at))
                at = lowered.find(piece, at + 1)
        found = []
        for start in sorted(starts):
            word = _WORD.match(lowered, start)
            if word and self._is_listed(word.group()):
                found.append(start)
        return found

    def _is_listed(self, word: str) -> bool:
        listed = self._known.get(word)
        if listed is None:
            listed = self._known[word] = self._is(word)
        return listed

    def starts(self, text: str) -> list[int]:
        """Where the words stand in a sentence, in order (split into words as `tokens` splits it)."""
        lowered = text.lower()
        if not self._may_hold(lowered):
            return []
        if len(lowered) != len(text):  # a letter whose lower case is longer: places as in the text
            found = {m.start() for m in _WORD.finditer(text) if self._is_listed(m.group().lower())}
            return sorted([*found, *self._phrases(lowered)])
        return sorted(self._listed(lowered) + self._phrases(lowered))

    def count(self, text: str) -> int:
        """How often the words stand in a text."""
        lowered = text.lower()
        if not self._may_hold(lowered):
            return 0
        return len(self._listed(lowered)) + len(self._phrases(lowered))

    def _phrases(self, lowered: str) -> list[int]:
        return [m.start() for needle, phrase in self.phrases if needle in lowered for m in phrase.finditer(lowered)]


def _phrase_pattern(parts: list[str]) -> re.Pattern:
    """Words in order with any run of spaces between them, each a whole word. (No letter before
    the first word is asked after it: a pattern that opens on its words is looked for by them,
    one that opens on the look-behind is tried at every place of a long text.)"""
    first = re.escape(parts[0])
    return re.compile(first + rf"(?<![^\W\d_]{first})" + "".join(r"\s+" + re.escape(p) for p in parts[1:])
                      + r"(?![^\W\d_])")


_LETTER = re.compile(r"[^\W\d_]")


def _word_start(text: str, at: int) -> int:
    """Where the word (as _WORD reads words: letters, joined by hyphens and apostrophes) that
    holds text[at] begins."""
    while at > 0:
        before = text[at - 1]
        if not (_LETTER.match(before) or (before in "'’-" and at >= 2 and _LETTER.match(text, at - 2)
                                          and _LETTER.match(text, at))):
            break
        at -= 1
    return at
