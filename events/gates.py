"""The speed machinery of the vocabulary: rules are written as plain words in the TOML files
and never use these classes directly."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache

# -- gates: a pattern of words is not run on a text that holds none of the words it needs ----

_WORD_CHARS = re.compile(r"[^\W_]+")  # a word: letters and digits (no underscore)
# a note's number glued to the word before it, as text taken from a PDF prints it ("Comité2,")
_NOTE = re.compile(r"\d{1,2}(?!\w)")
_GLUED = re.compile(r"(?<![^\W_])[^\W\d_]+(?=\d{1,2}(?!\w))")
_LATIN_LETTER_DIGIT = re.compile(r"[a-zß-ÿ]\d")  # looked for first: most texts hold no such word


def glued_words(s: Scan) -> frozenset[str]:
    """The words of a text with the words a note's number is glued to ("comité" of "Comité2,"),
    which name the body before the note."""
    if not _LATIN_LETTER_DIGIT.search(s.lowered):
        return s.words
    return s.words.union(_GLUED.findall(s.lowered))
_W = re.compile(r"\w+")
_END = sys.maxsize
_UNSEEN = object()  # not looked for yet (None: looked for, not found)


# Blocks of the BMP that hold no letter with case: CJK ideographs, Hangul syllables, the surrogates
# and the private use area, 48,000 of its 65,536 code points, skipped when the letters below are
# looked for (tests/test_gates.py checks every code point, against what re itself matches).
_CASELESS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xAC00, 0xD7A4), (0xD800, 0xF900))


def fold_letters(codes=None) -> frozenset[str]:
    """The letters outside ASCII that case-insensitive matching takes for a letter that lower()
    tells apart from them ("ı" for "i", "ſ" for "s", "ς" for "σ"), told by str.lower and str.upper
    as re's own table is made: letters with the same upper case but different lower cases are one
    letter to it ("ſ" and "s": "S"), and so is every letter that lowers to one of them ("Σ"). And
    "İ", which lower() makes two characters. `codes`: the code points to look at; by default the
    BMP, where Unicode places every letter whose case mapping is not one to one."""
    if codes is None:
        starts = (0x80, *(end for _, end in _CASELESS))
        stops = (*(start for start, _ in _CASELESS), 0x10000)
        codes = (code for start, stop in zip(starts, stops, strict=True) for code in range(start, stop))
    shared: dict[str, set[str]] = {}  # an upper case -> the lower cases of letters that have it, where they differ
    lowering: dict[str, list[str]] = {}  # a lower case -> the other letters that lower() makes it
    letters = set()
    for code in codes:
        letter = chr(code)
        lower = letter.lower()
        if len(lower) != 1:  # "İ": "i" with a dot above, while the engine takes it for "i"
            letters.add(letter)
            continue
        if lower != letter:
            lowering.setdefault(lower, []).append(letter)
        upper = letter.upper()
        if upper.lower() != lower:  # "ſ": its upper case "S" lowers to "s"
            lowers = shared.setdefault(upper, set())
            lowers.add(lower)
            if len(upper) == 1:
                lowers.add(upper.lower())
    for lowers in shared.values():
        if len(lowers) > 1:  # more than one letter to lower(), one to the engine
            for lower in lowers:
                letters.add(lower)
                letters.update(lowering.get(lower, ()))
    return frozenset(letter for letter in letters if not letter.isascii())


# where a text holds one of these letters, its lower-cased words do not say what the patterns
# match, and every gate stays open
FOLD_PARTNERS = re.compile("[" + "".join(re.escape(letter) for letter in sorted(fold_letters())) + "]")


class Scan:
    """What the gates need of a text, found once: the text lower-cased, and its words. (A class
    of slots, not a dataclass: one is made for every sentence, and a frozen dataclass of this
    many fields takes several times as long to make.)"""

    __slots__ = ("_starts", "aligned", "exact", "lowered", "opened", "searched", "text", "tokens", "words")

    def __init__(self, text: str, lowered: str, words: frozenset[str], tokens: tuple[str, ...], aligned: bool,
                 exact: bool):
        self.text = text
        self.lowered = lowered
        self.words = words  # the lower-cased words (runs of letters and digits)
        self.tokens = tokens  # the runs of \w (letters, digits and "_"), lower-cased, in order
        self.aligned = aligned  # lower-casing kept every character in its place
        self.exact = exact  # ... and case-insensitive matching finds nothing that the lower-cased words miss
        self._starts: dict = {}
        self.opened: dict = {}  # Gate -> whether it is open on this text
        self.searched: dict = {}  # Gated -> its first match in the whole text

    def starts(self, word: str) -> tuple[int, ...]:
        """Where the (lower-cased) word stands in the text as a whole word; only for an aligned text."""
        found = self._starts.get(word)
        if found is None:
            lowered, size, out = self.lowered, len(word), []
            at = lowered.find(word)
            while at >= 0:
                end = at + size
                if (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalnum()
                                                                   or _NOTE.match(lowered, end)):
                    out.append(at)
                at = lowered.find(word, end)
            found = self._starts[word] = tuple(out)
        return found


@lru_cache(maxsize=64)  # the sentence being read: its dates, its actors, its tense ask for it in turn
def scan(text: str) -> Scan:
    lowered = text.lower()
    aligned = len(lowered) == len(text)
    tokens = _W.findall(lowered)
    words = _WORD_CHARS.findall(lowered) if "_" in lowered else tokens  # the same without "_"
    return Scan(text, lowered, frozenset(words), tuple(tokens), aligned, exactly_lowered(text, lowered))


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a key of Scan.opened
class Gate:
    """Words and pieces of text of which a pattern needs at least one to match anything: one
    word for each plain word of its list (a whole word in any text it matches), one piece for
    each regular expression (a literal part of it). `always`: a word gives nothing to test."""

    words: frozenset[str] = frozenset()
    pieces: tuple[str, ...] = ()
    always: bool = False

    def open(self, s: Scan) -> bool:
        if self.always or not s.exact or not self.words.isdisjoint(s.words):
            return True  # as cheap as looking it up: not remembered
        if not self.pieces:
            return False
        known = s.opened.get(self)
        if known is None:
            lowered = s.lowered
            # substring tests, not one alternation of the pieces: the engine tries an alternation
            # of literals at every place, several times slower on a whole document
            known = s.opened[self] = any(piece in lowered for piece in self.pieces)
        return known

    def admits(self, text: str) -> bool:
        """`open` for a plain text, without its Scan: each word tested as a piece of text (a
        word the text holds is such a piece), so it is open wherever `open` would be."""
        if self.always:
            return True
        lowered = text.lower()
        return not exactly_lowered(text, lowered) or self.within(lowered)

    def within(self, lowered: str) -> bool:
        """Whether a lower-cased text (see exactly_lowered) holds a word or piece of the gate."""
        return self.always or any(needle in lowered for needle in self.needles)

    @cached_property
    def needles(self) -> frozenset[str]:
        """Its words and pieces, each looked for as a piece of the text."""
        return self.words | frozenset(self.pieces)

    def held(self, lowered: str) -> frozenset[str]:
        """Which of its words and pieces a lower-cased text holds (see within): gates made of some
        of them are then tested by `opened_by`, without searching the text once for each."""
        return frozenset(needle for needle in self.needles if needle in lowered)

    def opened_by(self, held: frozenset[str]) -> bool:
        """`within`, told by what a wider gate found the text to hold (see held)."""
        return self.always or not self.needles.isdisjoint(held)


def exactly_lowered(text: str, lowered: str) -> bool:
    """Whether text.lower() says what case-insensitive patterns match in text (Scan.exact). (Every
    letter of FOLD_PARTNERS lies outside ASCII: an ASCII text needs no search for one.)"""
    return len(lowered) == len(text) and (lowered.isascii() or not FOLD_PARTNERS.search(lowered))


OPEN = Gate(always=True)


def gate(words) -> Gate:
    """The gate of a list of words (plain words, or regular expressions after "re:"): the
    longest word of each plain word, the longest literal run of each expression."""
    needed, pieces = set(), []
    for word in words:
        if word.startswith("re:"):
            literal = _literal(word[3:])
            if literal is None:
                return OPEN
            pieces.extend(literal)
            continue
        runs = _WORD_CHARS.findall(word.lower())
        if not runs or FOLD_PARTNERS.search(word.lower()):
            return OPEN
        needed.add(max(runs, key=len))
    return Gate(frozenset(needed), tuple(dict.fromkeys(pieces)))


# -- the literal text of a regular expression, read by a reader of its own (re's parser is private) --
#
# The reader knows the syntax the "re:" words of the TOML files and the callers of gated() use:
# characters and escaped punctuation, character sets, groups (capturing, named, non-capturing,
# with flags), look-ahead and look-behind, anchors, \b \B \A \Z, \w \d \s and their opposites,
# repeats, alternation. Anything else (a backreference, \x41, \N{...}, a conditional, verbose
# flags, a set within a set) gives no gate: an open gate costs speed, never a match.
#
# An expression is read into a tuple of alternatives, each a tuple of items:
#   a frozenset of characters: one character, any of them ("d", "[Dd]")
#   _ZERO: takes no characters ("^", "$", "\b", a look-ahead or look-behind, a comment, flags)
#   _ANY: takes characters, no telling which (".", "\w", "[a-z]", "[^,]", an item repeated)
#   a tuple of alternatives: a group

_ZERO, _ANY = "zero", "any"
_MOST_RUNS = 16  # the most alternative runs of text a piece of the gate is made of
_MOST_TEXTS = 256  # the most texts of a group looked at (for the beginning and ending they share)
_CONTROL = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_REPEAT = re.compile(r"[*+?]|\{(?:\d+|\d*,\d*)\}")  # and a "?" or "+" after it (lazy, possessive)
_FLAGS = re.compile(r"[aiLmsu]*(?:-[imsu]*)?[:)]")  # not "x": verbose expressions are read otherwise
_NAMED = re.compile(r"P<\w+>")


class _Unknown(Exception):
    """Syntax the reader does not know."""


class _Reader:
    """Reads a regular expression into alternatives of items (see above)."""

    def __init__(self, expression: str):
        self.text, self.at = expression, 0

    def read(self) -> tuple:
        alternatives = self.alternatives()
        if self.at != len(self.text):  # a ")" without its "("
            raise _Unknown
        return alternatives

    def take(self) -> str:
        if self.at >= len(self.text):
            raise _Unknown
        self.at += 1
        return self.text[self.at - 1]

    def alternatives(self) -> tuple:
        alternatives = [self.sequence()]
        while self.text.startswith("|", self.at):
            self.at += 1
            alternatives.append(self.sequence())
        return tuple(alternatives)

    def sequence(self) -> tuple:
        items = []
        while self.at < len(self.text) and self.text[self.at] not in "|)":
            item = self.atom()
            repeat = _REPEAT.match(self.text, self.at)
            if repeat:
                self.at = repeat.end() + (self.text[repeat.end():repeat.end() + 1] in ("?", "+"))
                item = _ZERO if item is _ZERO else _ANY
            items.append(item)
        return tuple(items)

    def atom(self):
        char = self.take()
        if char == "(":
            return self.group()
        if char == "[":
            return self.charset()
        if char == "\\":
            escaped = self.take()
            if escaped in "bBAZ":
                return _ZERO
            if escaped in "wWdDsS":
                return _ANY
            return frozenset(self.literal(escaped))
        if char == ".":
            return _ANY
        if char in "^$":
            return _ZERO
        if char in "*+?{}]":  # a repeat of nothing, or a brace or bracket meant as a character
            raise _Unknown
        return frozenset(char)

    @staticmethod
    def literal(escaped: str) -> str:
        r"""The character an escape stands for: "\." a full stop, "\n" a new line."""
        if escaped in _CONTROL:
            return _CONTROL[escaped]
        if escaped.isascii() and not escaped.isalnum():
            return escaped
        raise _Unknown  # \1, \x41, \u00e9, \N{...}: not read

    def group(self):
        if not self.text.startswith("?", self.at):
            return self.inner()
        self.at += 1
        rest = self.text[self.at:self.at + 2]
        if rest[:1] == ":":
            self.at += 1
            return self.inner()
        if rest[:1] in ("=", "!") or rest in ("<=", "<!"):  # looks ahead or behind: takes no characters
            self.at += 1 if rest[:1] in ("=", "!") else 2
            self.inner()
            return _ZERO
        if rest[:1] == "#":
            end = self.text.find(")", self.at)
            if end < 0 or "\\" in self.text[self.at:end]:  # re reads "\)" in a comment as no end of it
                raise _Unknown
            self.at = end + 1
            return _ZERO
        named = _NAMED.match(self.text, self.at)
        if named:
            self.at = named.end()
            return self.inner()
        flags = _FLAGS.match(self.text, self.at)
        if flags:
            self.at = flags.end()
            return self.inner() if flags.group().endswith(":") else _ZERO
        raise _Unknown  # (?P=name), (?(1)...), (?>...), verbose flags

    def inner(self) -> tuple:
        alternatives = self.alternatives()
        if self.take() != ")":
            raise _Unknown
        return alternatives

    def charset(self):
        """[...]: its characters, or _ANY for a set that is no list of characters ("[a-z]", "[^,]")."""
        negated = self.text.startswith("^", self.at)
        self.at += negated
        members: list[str | None] = []  # characters; None: a class (\w) or a dash between two members
        while True:
            char = self.take()
            if char == "]" and members:
                break
            if char == "\\":
                escaped = self.take()
                members.append(None if escaped in "wWdDsS" else "\b" if escaped == "b" else self.literal(escaped))
            elif char == "[" or (char in "-&~|" and self.text.startswith(char, self.at)):
                raise _Unknown  # a set within a set, or the operators of sets to come ("--", "&&")
            else:
                members.append(None if char == "-" and members and not self.text.startswith("]", self.at)
                               else char)  # a range: "a-z"
        if negated or None in members:
            return _ANY
        return frozenset(members)


def _texts(alternatives: tuple) -> set[str] | None:
    """Every text a group matches, where that is a few texts ("(?:VN|UN)", "[Dd]e"); else None."""
    texts: set[str] = set()
    for items in alternatives:
        runs = {""}
        for item in items:
            choices = _choices(item)
            if choices is None or len(runs) * len(choices) > _MOST_TEXTS:
                return None
            runs = {run + choice for run in runs for choice in choices}
        texts |= runs
    return texts if len(texts) <= _MOST_TEXTS else None


def _choices(item) -> set[str] | frozenset[str] | None:
    """The texts one item matches, where they are few: its characters, those of a group."""
    if item is _ZERO:
        return {""}
    if item is _ANY:
        return None
    return item if isinstance(item, frozenset) else _texts(item)


def _shared_start(texts) -> str:
    """The beginning all the texts share ("rond" of "rondde", "rondden" and "rondt")."""
    first, last = min(texts), max(texts)  # the two that differ soonest
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def _in_line(items: tuple):
    """The items of a sequence, with those of each group of one alternative in its place (every
    match of the sequence matches them one after another)."""
    for item in items:
        if isinstance(item, tuple) and len(item) == 1:
            yield from _in_line(item[0])
        else:
            yield item


def _literal(expression: str) -> tuple[str, ...] | None:
    """Pieces of literal text of which every match of a regular expression holds one,
    lower-cased ("(?:VN|UN)-" gives "vn-" and "un-"); None where no such pieces of three
    characters or more can be told."""
    try:
        alternatives = _Reader(expression).read()
    except _Unknown:
        return None
    # runs of text the match must hold, one of each set: the texts of items in a row, while
    # there are few of them; an item of no few texts ends a run
    found: list[set[str]] = []
    runs = {""}
    for item in _in_line((alternatives,)):
        if item is _ZERO:
            continue  # takes no characters: the run goes on
        choices = _choices(item)
        if choices is not None and len(runs) * len(choices) <= _MOST_RUNS:
            runs = {run + choice for run in runs for choice in choices}
            continue
        if choices:  # too many to join the run: it takes the beginning they share, the next run their ending
            found.append({run + _shared_start(choices) for run in runs})
            runs = {_shared_start([choice[::-1] for choice in choices])[::-1]}
            continue
        found.append(runs)
        runs = {""}
    found.append(runs)
    best = max(found, key=lambda runs: min(map(len, runs)))
    if min(map(len, best)) < 3 or any(FOLD_PARTNERS.search(run) for run in best):
        return None
    return tuple(sorted({run.lower() for run in best}))


def gated(pattern: re.Pattern) -> Gated:
    """A compiled regular expression with the gate of its literal text (open where it has none,
    or where it is verbose: the reader of _literal reads spaces and "#" as characters)."""
    pieces = _literal(pattern.pattern) if isinstance(pattern.pattern, str) and not pattern.flags & re.VERBOSE \
        else None
    return Gated(pattern, Gate(pieces=pieces) if pieces else OPEN)


class Gated:
    """A compiled pattern with its gate. Given a Scan of a text, it is not run where the gate
    is shut (nothing could match); given a string, it runs as the pattern does.

    `quick`, where there is one, finds in the lower-cased text every place where the pattern
    could match (and perhaps more): a case-sensitive pattern that starts on a letter, which the
    regular-expression engine looks for far faster than a pattern of words in any case behind
    a look-behind. Each place it finds is then tried with the pattern itself, so the matches
    are those of the pattern, in the same order."""

    __slots__ = ("gate", "pattern", "quick")

    def __init__(self, pattern: re.Pattern, gate_: Gate, quick: re.Pattern | None = None):
        self.pattern = pattern
        self.gate = gate_
        self.quick = quick

    def _matches(self, s: Scan, pos: int, endpos: int):
        """pattern.finditer(s.text, pos, endpos), found by way of `quick`."""
        quick, pattern, text, lowered = self.quick, self.pattern, s.text, s.lowered
        while True:
            place = quick.search(lowered, pos, endpos)
            if place is None:
                return
            m = pattern.match(text, place.start(), endpos)
            if m is None:
                pos = place.start() + 1
                continue
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1

    def search(self, text, pos: int = 0, endpos: int = _END):
        if not isinstance(text, Scan):
            # a pattern with no quick form tries its look-behinds at every place of the text: the
            # gate's substring tests are cheaper, and most often shut ("Dutch cabinet" in a title)
            if self.quick is None and not self.gate.admits(text):
                return None
            return self.pattern.search(text, pos, endpos)
        if pos or endpos != _END:
            return self._search(text, pos, endpos)
        found = text.searched.get(self, _UNSEEN)
        if found is _UNSEEN:  # the whole text: searched once, however often asked
            found = text.searched[self] = self._search(text, 0, _END)
        return found

    def _search(self, s: Scan, pos: int, endpos: int):
        if not self.gate.open(s):
            return None
        if self.quick and s.exact:
            return next(self._matches(s, pos, endpos), None)
        return self.pattern.search(s.text, pos, endpos)

    def finditer(self, text, pos: int = 0, endpos: int = _END):
        if isinstance(text, Scan):
            if not self.gate.open(text):
                return iter(())
            return self._matches(text, pos, endpos) if self.quick and text.exact \
                else self.pattern.finditer(text.text, pos, endpos)
        return self.pattern.finditer(text, pos, endpos)

    def findall(self, text, pos: int = 0, endpos: int = _END):
        if isinstance(text, Scan):
            if not self.gate.open(text):
                return []
            if self.quick and text.exact and not self.pattern.groups:
                return [m.group() for m in self._matches(text, pos, endpos)]
            return self.pattern.findall(text.text, pos, endpos)
        return self.pattern.findall(text, pos, endpos)

    def match(self, text, pos: int = 0, endpos: int = _END):
        return self.pattern.match(text.text if isinstance(text, Scan) else text, pos, endpos)

    def fullmatch(self, text, pos: int = 0, endpos: int = _END):
        return self.pattern.fullmatch(text.text if isinstance(text, Scan) else text, pos, endpos)


class GatedChoice(Gated):
    """An alternation of regular expressions, gated alternative by alternative: given a Scan,
    only the alternatives whose gate is open are tried (one whose gate is shut matches nowhere
    in the text, so the matches are the same, found by a shorter pattern).

    Which gates are open follows from which of their words and pieces the text holds; that is
    looked up once per text (a set intersection and a substring test per piece), not asked of
    every gate in turn, and the pattern of the open alternatives is kept per such set."""

    __slots__ = ("after", "before", "choices", "compiled", "pieces", "words")

    def __init__(self, choices: list[tuple[str, Gate]], before: str, after: str):
        self.choices, self.before, self.after = tuple(choices), before, after
        gates = [g for _, g in choices]
        self.words = frozenset().union(*(g.words for g in gates))
        self.pieces = tuple(dict.fromkeys(p for g in gates for p in g.pieces))
        # (words, pieces) the text holds -> the pattern of the alternatives they open (None: none)
        self.compiled: dict[tuple[frozenset[str], frozenset[str]], re.Pattern | None] = {}
        super().__init__(self._pattern(range(len(choices))),
                         Gate(self.words, self.pieces, any(g.always for g in gates)))

    def _pattern(self, chosen) -> re.Pattern:
        return re.compile(self.before + "(?:" + "|".join(self.choices[i][0] for i in chosen) + ")" + self.after)

    def _open(self, words: frozenset[str], pieces: frozenset[str]) -> re.Pattern | None:
        chosen = [i for i, (_, g) in enumerate(self.choices)
                  if g.always or not g.words.isdisjoint(words) or not pieces.isdisjoint(g.pieces)]
        return self._pattern(chosen) if chosen else None

    def finditer(self, text, pos: int = 0, endpos: int = _END):
        if not isinstance(text, Scan) or not text.exact:
            return super().finditer(text, pos, endpos)
        lowered = text.lowered
        key = (self.words & text.words, frozenset([piece for piece in self.pieces if piece in lowered]))
        pattern = self.compiled.get(key, False)
        if pattern is False:
            pattern = self.compiled[key] = self._open(*key)
        return pattern.finditer(text.text, pos, endpos) if pattern else iter(())

    def search(self, text, pos: int = 0, endpos: int = _END):
        if not isinstance(text, Scan) or not text.exact:
            return super().search(text, pos, endpos)
        return next(self.finditer(text, pos, endpos), None)
