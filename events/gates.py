"""The speed machinery of the vocabulary: rules are written as plain words in the TOML files
and never use these classes directly."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache

# -- gates: a pattern of words is not run on a text that holds none of the words it needs ----

_WORD_CHARS = re.compile(r"[^\W_]+")  # a word: letters and digits (no underscore)
_W = re.compile(r"\w+")
_END = sys.maxsize
_UNSEEN = object()  # not looked for yet (None: looked for, not found)


def _fold_partners() -> re.Pattern:
    """The letters that case-insensitive matching takes for another letter than lower() does
    ("ı" for "i", "ſ" for "s"): where a text holds one, its lower-cased words do not say what
    the patterns match, and every gate stays open."""
    try:
        from re._casefix import _EXTRA_CASES as extra  # the table the regular-expression engine uses
    except ImportError:  # a Python without that table: any letter outside ASCII keeps the gates open
        return re.compile(r"[^\x00-\x7f]")
    letters = {code for key, partners in extra.items() for code in (key, *partners) if code > 127}
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(letters)) + "]")


FOLD_PARTNERS = _fold_partners()


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
                if (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalnum()):
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


def _literal(expression: str) -> tuple[str, ...] | None:
    """Pieces of literal text of which every match of a regular expression holds one,
    lower-cased ("(?:VN|UN)-" gives "vn-" and "un-"); None where no such pieces of three
    characters or more can be told."""
    try:
        from re import _constants as c
        from re import _parser
    except ImportError:  # a Python that parses expressions elsewhere: no gate
        return None

    found: list[set[str]] = []

    def choices(op, av) -> set[str] | None:
        """The texts a part matches when it is a choice between literals ("[Tt]", "(?:VN|UN)")."""
        if op is c.IN and all(o is c.LITERAL for o, _ in av):
            return {chr(v) for _, v in av}
        if op is c.SUBPATTERN and len(av[-1].data) == 1:
            return choices(*av[-1].data[0])
        if op is c.BRANCH and all(all(o is c.LITERAL for o, _ in alt) for alt in av[1]):
            return {"".join(chr(v) for _, v in alt) for alt in av[1]}
        return None

    def walk(items) -> None:
        runs = {""}
        for op, av in items:
            if op is c.LITERAL:
                runs = {run + chr(av) for run in runs}
                continue
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # takes no characters: the run goes on
            alternatives_ = choices(op, av)
            if alternatives_ is not None and len(runs) * len(alternatives_) <= 16:
                runs = {run + alt for run in runs for alt in alternatives_}
                continue
            found.append(runs)
            runs = {""}
            if op is c.SUBPATTERN:
                walk(av[-1].data)  # a group: what it holds is needed
        found.append(runs)

    try:
        walk(_parser.parse(expression).data)
    except re.error:
        return None
    best = max(({run.lower() for run in runs} for runs in found), key=lambda runs: min(map(len, runs)), default=set())
    if not best or min(map(len, best)) < 3 or any(FOLD_PARTNERS.search(run) for run in best):
        return None
    return tuple(sorted(best))


def gated(pattern: re.Pattern) -> Gated:
    """A compiled regular expression with the gate of its literal text (open where it has none)."""
    pieces = _literal(pattern.pattern)
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
