"""The gates of events/gates.py: the literal pieces of a regular expression (read without re's
private parser) and the letters that case-insensitive matching folds otherwise than lower()."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.gates import _CASELESS, FOLD_PARTNERS, OPEN, Gate, _literal, fold_letters, gated, scan

EVENTS = Path(__file__).resolve().parents[1] / "events"
FOLDED = fold_letters()


# -- the real expressions ---------------------------------------------------------------------

def _strings(node, keys=()):
    """(keys down to it, string) for every string of a TOML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*keys, key))
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, keys)
    elif isinstance(node, str):
        yield keys, node


def toml_expressions(kind: str | None = None) -> list[str]:
    """The regular expressions of the TOML files that get a gate: every word after "re:", the
    cues of the document types and of the stages of processes (`kind`: only those of "re:",
    "doc_types" or "stages")."""
    found = []
    for path in sorted(EVENTS.glob("*.toml")):
        for keys, text in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            if text.startswith("re:"):
                if kind in (None, "re:"):
                    found.append(text[3:])
            elif keys[-1:] == ("cues",) and any(k in keys for k in ("doc_types", "stages") if kind in (None, k)):
                found.append(text)
    return list(dict.fromkeys(found))


def gated_expressions() -> list[str]:
    """The expressions the modules give gated()."""
    from events import documents
    return [documents._REFERENCE.pattern.pattern]


EXPRESSIONS = toml_expressions()


def test_the_expressions_are_found():
    assert len(EXPRESSIONS) > 100
    for kind in ("re:", "doc_types", "stages"):
        assert toml_expressions(kind), kind
    assert r"\b(?:VN|UN)-\w+" in toml_expressions("re:")


# -- sound: every match holds a piece ---------------------------------------------------------

def _partners() -> dict[str, list[str]]:
    """For each letter, the other letters re matches it with when it ignores case."""
    letters = sorted(FOLDED | set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") | {"\u212a", "\u212b"})
    return {x: [y for y in letters if y != x and re.fullmatch(re.escape(y), x, re.IGNORECASE)] for x in letters}


PARTNERS = _partners()
NOISE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12) \
    | st.text(st.sampled_from(list("ab De-,.\nſıİKß") + sorted(FOLDED)), max_size=12)


@st.composite
def around(draw, pattern: re.Pattern) -> str:
    """A text that holds a match of the pattern (its letters perhaps changed for others that re
    takes for them when it ignores case: "ſ" for "s"), amid other text."""
    found = draw(st.from_regex(pattern))
    if draw(st.booleans()):
        found = "".join(draw(st.sampled_from([c, *PARTNERS.get(c, ())])) for c in found)
    return draw(NOISE) + found + draw(NOISE)


def assert_admits(expression: str, text: str) -> None:
    pieces = _literal(expression)
    if pieces is None:
        return
    g = Gate(pieces=pieces)
    if re.search(expression, text, re.IGNORECASE | re.MULTILINE):
        assert g.admits(text), (expression, pieces, text)
        assert g.open(scan(text)), (expression, pieces, text)


# each piece of syntax the reader knows, in an expression of its own
SYNTAX = [r"abc[a-c]xyz", r"[x-z]abc", r"abc[^a]xyz", r"ab[]a]cd", r"ab[^]a]cd", r"abc[\-b]x", r"abc[b-]x",
          r"abc[\w,]x", r"abc[\b]x", r"abc(?:de)?fgh", r"abc(?:de){2}fgh", r"abc(?:cd)+ef", r"abc(de)*fgh",
          r"abcd?efg", r"abc\.?def", r"(?<=abc)xyz", r"(?<!abc)xyz", r"abc(?=xyz)", r"abc(?!xyz)..", r"abc|xyz",
          r"x(?:ab|cd)y", r"(?:ab|cd)(?:ef|gh)", r"a(?i:bc)(?-i:De)", r"(?P<name>abc)d", r"(?#note)abc", r"^abc$",
          r"\Aabc\b\Z", r"ab\Bcd", r"abc\s+xyz", r"abc\d?xyz", r"abc.xyz", r"(?i)abc", r"ab\nc",
          r"abcd{2}x", r"abcd{1,3}x", r"abcd{,2}x", r"abcd*?x", r"abcd+?x", r"abcd{2}+x",
          "x(?:" + "|".join(f"abc{c}" for c in "defghijklmnopqrst") + ")yz",  # too many texts: the beginning
          "q(?:" + "|".join(f"{c}ab" for c in "defghijklmnopqrst") + ")cdef"]  # ... and the ending they share


@pytest.mark.parametrize("expression", EXPRESSIONS + gated_expressions())
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_a_real_expression_opens_its_gate(expression, data):
    # case-insensitively: a stronger test than the flags the expression is used with (its matches
    # are among these)
    pattern = re.compile(expression, re.IGNORECASE | re.MULTILINE)
    assert_admits(expression, data.draw(around(pattern)))


@pytest.mark.parametrize("expression", SYNTAX)
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_each_piece_of_syntax_opens_its_gate(expression, data):
    pattern = re.compile(expression, re.IGNORECASE | re.MULTILINE)
    assert_admits(expression, data.draw(around(pattern)))


# random expressions of the syntax the reader knows (test_pieces tries some it does not)
LITERALS = st.sampled_from(["abc", "De ", "xyz", "a", "b", "ab", "ba", " ", "-", r"\.", ",", "\u017f", "\u0131", "K",
                            r"\n"])
SETS = st.sampled_from([r"\w", r"\d", r"\s", r"\S", ".", "[ab]", "[Aa]", "[a-c]", "[^a]", "[ab-]", r"[\-b]", r"[\w,]",
                        "[]a]", "[^]a]", r"[\b]", "[x-z]"])
ZERO = st.sampled_from([r"\b", r"\B", "^", "$", r"\A", r"\Z", "(?=a)", "(?!b)", "(?<=a)", "(?<!b )", "(?#note)"])
REPEATS = st.sampled_from(["", "", "", "", "", "", "", "", "?", "*", "+", "{2}", "{1,3}", "{,2}", "*?", "+?", "{2}+"])
GROUP_REPEATS = st.sampled_from(["", "", "", "?", "??", "{2}", "{0,2}"])
GROUPS = st.sampled_from(["(?:", "(", "(?i:", "(?-i:", "(?P<name>"])


def _alternatives(items: st.SearchStrategy) -> st.SearchStrategy:
    # each with a word of three letters, mostly: else few would have a gate to test
    some = st.lists(items, max_size=3).map("".join)
    sequence = st.tuples(some, st.sampled_from(["abc", "xyz", "De ", ""]), some).map("".join)
    return sequence | st.lists(sequence, min_size=2, max_size=3).map("|".join)


def _items(groups: st.SearchStrategy) -> st.SearchStrategy:
    # a group repeated at most a few times: repeats within repeats make re backtrack for ages
    repeated = st.tuples(st.one_of(LITERALS, LITERALS, SETS), REPEATS) | st.tuples(groups, GROUP_REPEATS)
    return st.one_of(*[repeated.map("".join)] * 6, ZERO)


EXPRESSION = _alternatives(st.recursive(
    _items(st.nothing()),
    lambda inner: _items(st.tuples(GROUPS, _alternatives(inner)).map(lambda t: t[0] + t[1] + ")")),
    max_leaves=10))


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_every_match_of_any_expression_opens_its_gate(data):
    expression = data.draw(EXPRESSION)
    try:
        pattern = re.compile(expression, re.IGNORECASE | re.MULTILINE)
    except re.error:  # "a{,2}*": a repeat of a repeat
        return
    if _literal(expression) is not None:
        assert_admits(expression, data.draw(around(pattern)))


@pytest.mark.parametrize(("expression", "pieces"), [
    (r"\b(?:VN|UN)-\w+", ("un-", "vn-")),
    (r"\b[Tt]he Commission\b", ("the commission",)),
    (r"(?<=the )Senate(?= of the Netherlands)", ("senate",)),  # what it looks at is no part of a match
    (r"(?i:gelden vanaf|geldt vanaf)", ("gelden vanaf", "geldt vanaf")),
    (r"\b(?:[Ee]ach|[Ee]very) Member State\b", ("each member state", "every member state")),
    (r"\b(?:[Dd]e|[Aa]lle) lidstaten\b", ("alle lidstaten", "de lidstaten")),
    (r"\bBletchley(?: Park)?\b", ("bletchley",)),  # "(?: Park)?" may be left out
    (r"(?P<name>abc)d", ("abcd",)),
    (r"(abc)(?#a comment)d", ("abcd",)),
    (r"x\.y\-z", ("x.y-z",)),
    (r"[]x]yz", ("]yz", "xyz")),
    (r"[\-a]bc", ("-bc", "abc")),
    (r"ab[a-z]cde", ("cde",)),  # a range is no list of characters
    (r"ab[^a]cde", ("cde",)),
    (r"abcd|xyz", ("abcd", "xyz")),
    (SYNTAX[-2], ("xabc",)),
    (SYNTAX[-1], ("abcdef",)),
    (r"ab\w+?xyz", ("xyz",)),  # lazy
    (r"ab\w{2}+xyz", ("xyz",)),  # possessive
    (r"abc\w+|xyz", None),  # an alternative of no few texts: not read
    (r"ab", None),  # too short
    (r"(abc)\1", None),  # a backreference
    (r"\x41bc", None),  # escapes of a code are not read
    (r"(?x) a b c d", None),  # verbose: spaces are no characters
    (r"(?(1)abc|abc)", None),
    (r"(abc(?#a\)b)d)", None),  # a comment that runs on past "\)"
    (r"(?>abc)", None),  # an atomic group
    (r"a{x}bcd", None),  # a brace that is a character
    (r"[[a]bcd", None),  # a set within a set, to come
    (r"abc[a--b]", None),
    (r"(abc", None),
    (r"abc)", None),
    ("\u017fabc", None),  # a letter case-insensitive matching folds otherwise than lower()
    ("\u0130stanbul", None),
])
def test_pieces(expression, pieces):
    assert _literal(expression) == pieces


def test_a_verbose_pattern_gets_no_gate():
    assert gated(re.compile("abc # a comment", re.VERBOSE)).gate is OPEN
    assert gated(re.compile("abc")).gate.pieces == ("abc",)


# -- the same pieces as re's parser gave ------------------------------------------------------

def _parser_literal(expression: str) -> tuple[str, ...] | None:
    """_literal as it was, reading the expression with re's private parser: kept here only, as
    what the reader of events/gates.py is compared with (skipped on a Python without it)."""
    c = pytest.importorskip("re._constants")
    parser = pytest.importorskip("re._parser")
    found: list[set[str]] = []

    def choices(op, av) -> set[str] | None:
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
                continue
            alternatives = choices(op, av)
            if alternatives is not None and len(runs) * len(alternatives) <= 16:
                runs = {run + alt for run in runs for alt in alternatives}
                continue
            found.append(runs)
            runs = {""}
            if op is c.SUBPATTERN:
                walk(av[-1].data)
        found.append(runs)

    walk(parser.parse(expression).data)
    best = max(({run.lower() for run in runs} for runs in found), key=lambda runs: min(map(len, runs)))
    if min(map(len, best)) < 3 or any(FOLD_PARTNERS.search(run) for run in best):
        return None
    return tuple(sorted(best))


def test_the_real_expressions_get_the_gates_re_s_parser_gave_or_narrower():
    """The same pieces for every real expression but those where an alternation of words in
    either case ("(?:[Dd]e|[Aa]lle) lidstaten") now joins the run of text after it: "de lidstaten"
    and "alle lidstaten" for " lidstaten" (re's parser made a choice of texts of an alternation
    only where, after the beginning its alternatives share, they are plain characters). Each such
    piece holds a piece of before, so the gate opens on no text the old one kept shut."""
    expressions = EXPRESSIONS + gated_expressions()
    before = {e: _parser_literal(e) for e in expressions}
    after = {e: _literal(e) for e in expressions}
    assert sum(p is not None for p in after.values()) >= sum(p is not None for p in before.values())
    narrower = []
    for expression in expressions:
        old, new = before[expression], after[expression]
        if old == new:
            continue
        assert old is not None and new is not None, expression
        assert all(any(piece in wider for piece in old) for wider in new), (expression, old, new)
        narrower.append(expression)
    assert len(narrower) <= 5, narrower


# -- the letters case-insensitive matching folds otherwise than lower() -----------------------

def _folded_by_re() -> set[str]:
    """The letters of the BMP outside ASCII that re, ignoring case, matches with a letter whose
    lower() is another, asked of re itself: the letters are put in groups by lower(), and for
    each bit of a group's number, a set of the letters of the groups with that bit 0 (then 1) is
    matched against all of them; a letter it matches from a group with that bit 1 (then 0) is
    such a letter. Two groups differ in some bit, so no pair is missed."""
    letters = [chr(code) for code in range(0x10000)]
    groups = {low: n for n, low in enumerate(sorted({c.lower() for c in letters}))}
    everything = "".join(letters)
    found = set()
    for bit in range(len(groups).bit_length()):
        for side in (0, 1):
            chosen = "".join(re.escape(c) for c in letters if groups[c.lower()] >> bit & 1 == side)
            for m in re.finditer("[" + chosen + "]", everything, re.IGNORECASE):
                if groups[m.group().lower()] >> bit & 1 != side:
                    found.add(m.group())
    return {c for c in found if not c.isascii()}


def test_the_fold_letters_are_those_re_folds():
    assert _folded_by_re() == FOLDED


def test_the_fold_letters_lie_in_the_bmp_outside_the_caseless_blocks():
    assert fold_letters(range(0x80, sys.maxunicode + 1)) == FOLDED
    assert not any(start <= ord(c) < end for c in FOLDED for start, end in _CASELESS)


def test_the_fold_letters_hold_re_s_own_table():
    casefix = pytest.importorskip("re._casefix")
    table = {chr(code) for key, partners in casefix._EXTRA_CASES.items() for code in (key, *partners) if code > 127}
    assert table <= FOLDED
    assert {"\u0131", "\u017f", "\u00b5", "\u03c2", "\u0130"} <= FOLDED
    assert "\u212a" not in FOLDED  # the Kelvin sign: lower() gives "k", as re takes it
    assert "\u00df" not in FOLDED  # "ß": upper() gives "SS", which re does not match it with


def test_fold_partners_matches_the_letters():
    assert {c for c in map(chr, range(0x10000)) if FOLD_PARTNERS.fullmatch(c)} == FOLDED
