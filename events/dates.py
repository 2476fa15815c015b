"""Find temporal expressions in Dutch and English text and normalize them to intervals.

Each pattern below recognizes one form of expression and names its parts (day, month,
year, modifier, season, ...); a single normalizer turns those parts into a start and end
date with a precision, following the date conventions of DESIGN.md. Matches of all
patterns are collected and the longest wins where they overlap.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from events.vocabulary import alternatives, exactly_lowered, vocabulary

# The words of dates are data (vocabulary.toml, section [dates]); the patterns below are
# built from them once, when the module is loaded.
_WORDS = vocabulary().dates
MONTHS = _WORDS.months
_FULL_MONTHS = sorted(_WORDS.full_months, key=len, reverse=True)
_ABBR_MONTHS = sorted(_WORDS.abbreviated_months, key=len, reverse=True)
SEASONS = _WORDS.seasons  # first month, number of months
WEEKDAYS = _WORDS.weekdays
DAY_OFFSETS = _WORDS.day_offsets
ORDINALS = _WORDS.ordinals
MODIFIERS = _WORDS.modifiers
RELATIVE = _WORDS.relative
# Words in front of a date that change what it means, kept in date_text.
PREFIXES = _WORDS.prefixes
_TODAY = frozenset(word for word, offset in DAY_OFFSETS.items() if offset == 0)  # "today", "vandaag"
UNITS = _WORDS.units  # quarter, half, year, month, week -> their words
PARTS_OF_YEAR = _WORDS.parts_of_year  # "earlier" -> before the document's date, "later" -> after
_W = _WORDS.words  # the section's other word lists, by name
_THE = alternatives(vocabulary().function_words["definite_articles"])


def _words(*names: str) -> str:
    """One alternation of the words of the named lists of [dates]."""
    return alternatives(word for name in names for word in _W[name])


def _unit(name: str) -> str:
    return alternatives(UNITS[name])


_YEAR_NUMBER = r"(?:19\d\d|20\d\d)(?![\d/]|-\d|–\d|,\d)"
_YEAR = rf"(?<![\w/.,:–-]){_YEAR_NUMBER}"
_DAY_NUMBER = rf"(?:[12]\d|3[01]|0?[1-9])(?:{alternatives(e for lang in _WORDS.day_endings.values() for e in lang)})?(?![\d%])"
_DAY = rf"(?<![\d/.,-]){_DAY_NUMBER}"
_MONTH = rf"(?:(?:{alternatives(_FULL_MONTHS)})\b|(?:{alternatives(_ABBR_MONTHS)})(?:\.|\b))"
_FULL_MONTH = rf"(?:{alternatives(_FULL_MONTHS)})\b"
_SEASON = rf"(?:{alternatives(SEASONS)})\b"
_MOD = rf"(?:{alternatives(MODIFIERS)})(?:\s+(?:{_words('of')}))?(?:\s+(?:{_THE}))?"
_REL = rf"(?:{alternatives(RELATIVE)})"
_PREFIX = rf"(?:{alternatives(PREFIXES)})\s+(?:(?:{_THE})\s+)?"
LEADING_PREFIX = re.compile(rf"({alternatives(PREFIXES)})\s", re.IGNORECASE)
_RANGE = rf"\s*(?:-|–|—|&|{_words('range_until', 'range_and', 'day_range_through')})\s*"  # between two days
_MONTH_RANGE = rf"\s*(?:-|–|{_words('range_until')})\s*"
_YEAR_RANGE = rf"\s*(?:-|–|—|{_words('range_until', 'range_and')})\s*"
_RANGE_LEAD = rf"(?:(?:{_words('range_from', 'range_between')})\s+)?"
_PAST = rf"\s+(?:{_words('past_marks')})"
_FUTURE = rf"\s+(?:{_words('future_marks')})"
_SUFFIX = rf"(?:(?P<past>{_PAST})|(?P<future>{_FUTURE}))?"
_OF = rf"(?:\s+(?:{_words('year_of')}))?\s+"
_YEAR_UNIT = _unit("year")

# Each pattern is compiled case-insensitively; `kind` tells the normalizer what it has.
PATTERNS: list[tuple[str, str]] = [
    # 1-3 februari 2023, 19 tot 21 april 2023, van 7 tot 9 juni, 21–22 October 2021
    ("day_range", rf"{_RANGE_LEAD}(?P<d1>{_DAY}){_RANGE}(?P<d2>{_DAY_NUMBER})\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?{_SUFFIX}"),
    # 30 november tot 2 december 2022
    ("cross_month_range", rf"{_RANGE_LEAD}(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?{_RANGE}(?P<d2>{_DAY_NUMBER})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?"),
    # October 21-22, 2021
    ("day_range_en", rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_RANGE}(?P<d2>{_DAY_NUMBER})(?:,?\s+(?P<y1>{_YEAR}))?"),
    # 13 maart 2023, 13 maart jl., op 21 mei
    ("day", rf"(?:{_PREFIX})?(?P<d1>{_DAY})(?:\s+(?:{_words('day_of')}))?\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?{_SUFFIX}"),
    # October 21, 2021; March 12 and Sept. 30 (the year from the document's date)
    ("day_en", rf"(?:{_PREFIX})?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:(?:,\s*|\s+)(?P<y1>{_YEAR}))?{_SUFFIX}"),
    # (2022, juni), 2022, June 5: a bibliography's year first
    ("year_first", rf"(?<![\w/.,:–-])(?P<y1>{_YEAR_NUMBER}),\s+(?P<m1>{_FULL_MONTH})(?:\s+(?P<d1>{_DAY}))?"),
    # 9.3.2020, 06-03-2023, 6/3/2023
    ("numeric", r"(?<![\d./-])(?P<d1>[12]\d|3[01]|0?[1-9])(?P<sep>[./-])(?P<mn>1[0-2]|0?[1-9])(?P=sep)(?P<y1>(?:19|20)\d\d)(?![\d./-]\d)"),
    # 2023-03-06
    ("iso", r"(?<![\d./-])(?P<y1>(?:19|20)\d\d)-(?P<mn>1[0-2]|0[1-9])-(?P<d1>[12]\d|3[01]|0[1-9])(?![\d-])"),
    # april-juni 2023, tussen april en juni 2023
    ("month_range", rf"(?:(?:{_words('range_from')})\s+)?(?P<m1>{_FULL_MONTH})(?:\s+(?P<y1>{_YEAR}))?{_MONTH_RANGE}(?P<m2>{_FULL_MONTH})\s+(?P<y2>{_YEAR})"),
    # tussen april en juni 2023 ("april en juni 2023" alone is two dates)
    ("month_range", rf"(?:{_words('range_between')})\s+(?P<m1>{_FULL_MONTH})(?:\s+(?P<y1>{_YEAR}))?\s+(?:{_words('range_and')})\s+(?P<m2>{_FULL_MONTH})\s+(?P<y2>{_YEAR})"),
    # eind maart 2023, begin juli, medio juni jl.
    ("mod_month", rf"(?:{_PREFIX})?(?P<mod>{_MOD})(?:\s+|-)(?P<m1>{_FULL_MONTH})(?:\s+(?P<y1>{_YEAR}))?{_SUFFIX}"),
    # april 2022, sinds april 2022
    ("month_year", rf"(?:{_PREFIX})?(?P<m1>{_MONTH})(?:\s+(?:{_words('of')}))?,?\s+(?P<y1>{_YEAR})"),
    # March this year, December last year, maart van dit jaar, december vorig jaar
    ("month_rel_year", rf"(?:(?P<mod>{_MOD})(?:\s+|-))?(?P<m1>{_FULL_MONTH})\s+(?:(?:{_words('of')})\s+)?(?:(?:{_words('month_year_articles')})\s+)?(?P<rel>{_REL})\s+(?:{_YEAR_UNIT})\b"),
    # last June, late last September, afgelopen juni, komende maart
    ("rel_month_name", rf"(?:(?P<mod>{_MOD})\s+)?(?P<rel>{_REL})\s+(?P<m1>{_FULL_MONTH})"),
    # in maart, maart jl. (a month alone needs a word that makes it a date)
    ("month_past", rf"(?P<m1>{_FULL_MONTH}){_SUFFIX}"),
    # de zomer van 2023, medio zomer 2022, dit najaar, afgelopen zomer, vanaf het najaar van 2021
    ("season", rf"(?:{_PREFIX})?(?:(?P<mod>{_MOD})\s+)?(?:(?P<rel>{_REL})\s+)?(?P<season>{_SEASON})(?:{_OF}(?P<y1>{_YEAR}))?"),
    # eerste kwartaal van 2024, Q3 2024, nog dit kwartaal
    ("quarter", rf"(?:{_PREFIX})?(?:(?P<ord>{alternatives(ORDINALS)})\s+(?:{_unit('quarter')})(?:{_OF}(?P<y1>{_YEAR}))?|q(?P<qn>[1-4])\s+(?P<y2>{_YEAR})|(?P<rel>{_REL})\s+(?:{_unit('quarter')})\b)"),
    # eerste helft van 2022, second half of 2024
    ("half", rf"(?:{_PREFIX})?(?P<ord>{_words('half_ordinals')})\s+(?:{_unit('half')})(?:{_OF}(?:(?:{_words('year_articles')})\s+)?(?:(?P<y1>{_YEAR})|(?P<rel>{_REL})\s+(?:{_YEAR_UNIT})))?"),
    # tussen 2022 en 2024, van 2022 tot 2024, 2019–2021
    ("year_range", rf"{_RANGE_LEAD}(?P<y1>(?<![\w/.,–-])(?:19\d\d|20\d\d)){_YEAR_RANGE}(?P<y2>{_YEAR_NUMBER})"),
    # eind 2023, begin dit jaar, einde van dit jaar, end of 2024, de eerste maanden van 2021
    ("mod_year", rf"(?:{_PREFIX})?(?P<mod>{_MOD})(?:\s+|-)(?:(?P<y1>{_YEAR_NUMBER})|(?P<rel>{_REL})\s+(?:{_YEAR_UNIT})\b|"
                 rf"(?:{'|'.join(f'(?<={re.escape(a)} )' for a in _W['year_articles'])})(?P<this>{_YEAR_UNIT})\b)"),
    # earlier this year, later dit jaar: the part of the year before or after the document
    ("part_year", rf"(?P<part>{alternatives(PARTS_OF_YEAR)})\s+(?:{_words('part_of_this_year')})\s+(?:{_YEAR_UNIT})\b"),
    # 2023-24, 2019/20: a session or budget year
    ("session_year", r"(?<![\w/.,:–-])(?P<y1>(?:19\d\d|20\d\d))[-–/](?P<yy>\d\d)(?![\d/-])"),
    # Today, the General Assembly adopted ...; vandaag (only where the clause reports the day's act)
    ("today", rf"\b(?P<day>{'|'.join(re.escape(w) for w in DAY_OFFSETS)})\b(?!['’]s)"),
    # on Tuesday, last Friday, afgelopen maandag: the weekday nearest the document's date in
    # the direction of the clause's tense
    ("weekday", rf"(?:(?P<rel>{_REL})\s+)?(?P<weekday>{alternatives(WEEKDAYS)})\b"),
    # last week, volgende week, deze week: Monday to Sunday
    ("rel_week", rf"(?P<rel>{_REL})\s+(?:{_unit('week')})\b"),
    # dit jaar, komend jaar, last year
    ("rel_year", rf"(?:{_PREFIX})?(?P<rel>{_REL})\s+(?:{_YEAR_UNIT})\b"),
    # deze maand, next month
    ("rel_month", rf"(?:{_PREFIX})?(?P<rel>{_REL})\s+(?:{_unit('month')})\b"),
    # 2021, sinds 2019, in 2024
    ("year", rf"(?:{_PREFIX})?(?P<y1>{_YEAR})"),
]
# The patterns are written in lower case and run on the lower-cased text: twice as fast as
# IGNORECASE. Text whose length changes when lower-cased (rare letters) uses IGNORECASE.
# The patterns run most often start with an optional prefix ("sinds 2021"): on the lower-cased
# text they are led by a look-ahead for the letters and digits their matches start with, so
# that the engine passes over other places without trying the prefix at each.
_LEADS = {kind: "".join(sorted({w[0] for w in PREFIXES} | set(firsts))) for kind, firsts in {
    "day": "0123456789",  # _DAY
    "year": "12",  # _YEAR
    "month_year": {m[0] for m in MONTHS},  # _MONTH
}.items()}
_COMPILED = [(kind, re.compile(f"(?=[{re.escape(_LEADS[kind])}]){rx}" if kind in _LEADS else rx)) for kind, rx in PATTERNS]
_COMPILED_ANY_CASE = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in PATTERNS]

# Most text holds no date. One pass finds the anchors a date needs (a year, a month, a
# season, a unit such as "kwartaal"); patterns then run only where they could match (their
# anchors are present) and only near the anchors. That makes the search several times faster.
_ANCHOR_PATTERN = (
    rf"(?P<year>(?<!\d)(?:19\d\d|20\d\d)(?!\d))|(?P<month>\b{_MONTH})|(?P<season>\b{_SEASON})|"
    rf"(?P<unit>\b(?:{alternatives(w for words in UNITS.values() for w in words)}|{'|'.join(re.escape(w) for w in DAY_OFFSETS)}|"
    rf"{alternatives(WEEKDAYS)})\b)")
_ANCHORS_ANY_CASE = re.compile(_ANCHOR_PATTERN, re.IGNORECASE)


def _anchor_kinds() -> dict[str, tuple[str, bool]]:
    """Each anchor word: its group in _ANCHOR_PATTERN (the first that has it), and whether a
    "." after it is part of the anchor (an abbreviated month)."""
    kinds: dict[str, tuple[str, bool]] = {}
    for group, words, dot in (("month", _FULL_MONTHS, False), ("month", _ABBR_MONTHS, True), ("season", SEASONS, False),
                              ("unit", [w for unit in UNITS.values() for w in unit], False),
                              ("unit", DAY_OFFSETS, False), ("unit", WEEKDAYS, False)):
        for word in words:
            if not (word.isalnum() and word == word.lower()):
                raise ValueError(f"an anchor word is one lower-case word: {word!r}")
            kinds.setdefault(word, (group, dot))
    return kinds


def _by_first_letter(kinds: dict[str, tuple[str, bool]]) -> str:
    """The anchor words as whole words, one alternation for each first letter."""
    parts = []
    for first, words in groupby(sorted(kinds), key=itemgetter(0)):
        rest = "|".join(re.escape(w[1:]) + (r"(?:\.|\b)" if kinds[w][1] else r"\b") for w in words)
        parts.append(f"{re.escape(first)}(?:{rest})")
    return rf"\b(?:{'|'.join(parts)})"


# In lower-cased text the anchors are found by two quicker searches: one for the years, which
# the engine finds by their first digits, one for the words, an alternation for each first
# letter (one of all the words is tried word by word at each place). Each anchor but a year
# is a whole word, as \b sees it (an abbreviated month takes a "." after it): the same are found.
_ANCHOR_KINDS = _anchor_kinds()
_ANCHOR_WORD = re.compile(_by_first_letter(_ANCHOR_KINDS))
_YEAR_ANCHOR = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")  # (?<!\d)(?:19\d\d|20\d\d)(?!\d), led by its digits
_REACH = 50  # characters an expression can reach before or after its anchors
_NEEDS = {  # kind: alternative sets of anchors, one of which must all be present
    "day_range": [{"month"}], "cross_month_range": [{"month"}], "day_range_en": [{"month"}],
    "day": [{"month"}], "day_en": [{"month"}], "year_first": [{"year", "month"}],
    "rel_month_name": [{"month"}], "month_rel_year": [{"month", "unit"}], "part_year": [{"unit"}], "session_year": [{"year"}], "today": [{"unit"}], "weekday": [{"unit"}], "rel_week": [{"unit"}], "numeric": [{"year"}], "iso": [{"year"}],
    "month_range": [{"year", "month"}], "mod_month": [{"month"}], "month_year": [{"year", "month"}],
    "month_past": [{"month"}], "season": [{"season"}], "quarter": [{"unit"}, {"year"}], "half": [{"unit"}],
    "year_range": [{"year2"}], "mod_year": [{"year"}, {"unit"}], "rel_year": [{"unit"}],
    "rel_month": [{"unit"}], "year": [{"year"}],
}


# A month, one word an alternative (the alternation of _MONTH, which the engine can look for quickly).
_FULL_MONTH_WORD = "|".join(rf"{re.escape(m)}\b" for m in _FULL_MONTHS)
_MONTH_WORD = "|".join([_FULL_MONTH_WORD, *(rf"{re.escape(m)}(?:\.|\b)" for m in _ABBR_MONTHS)])
# A pattern runs in a window only where the window holds what every one of its matches holds
# (a quick search of the lower-cased text, for a pattern that would otherwise be tried at every
# place). It is searched in the window as the pattern is, so that what a window's end cuts off
# is cut off for both.
_MONTH_THEN_DAY = rf"(?:{_MONTH_WORD})\s+{_DAY_NUMBER}"
_NEEDED = {kind: re.compile(rx) for kind, rx in {
    "quarter": rf"{_unit('quarter')}|q[1-4]",
    "day_range": rf"\d(?:[a-z]+)?{_RANGE}\d",
    # "30 november tot 2 december": a month, a range, a day and a month
    "cross_month_range": rf"(?:{_MONTH_WORD})(?:\s+(?:19|20)\d\d)?{_RANGE}{_DAY_NUMBER}\s+(?:{_MONTH_WORD})",
    "day_range_en": _MONTH_THEN_DAY,
    "day_en": _MONTH_THEN_DAY,
    "rel_month_name": rf"{_REL}\s+{_FULL_MONTH}",
    "mod_month": rf"{_MOD}(?:\s|-)",
    "mod_year": rf"{_MOD}(?:\s|-)",
    "session_year": r"(?:19|20)\d\d[-–/]\d\d",
    "numeric": r"\d[./-]\d{1,2}[./-](?:19|20)\d\d",
    "iso": r"(?:19|20)\d\d-\d\d-\d\d",
    "year_first": r"(?:19|20)\d\d,\s",
    # both patterns: two months, a range or "en" between them
    "month_range": rf"(?:{_FULL_MONTH_WORD})(?:\s+(?:19|20)\d\d)?(?:{_MONTH_RANGE}|\s+(?:{_words('range_and')})\s+)(?:{_FULL_MONTH_WORD})",
}.items()}


def _anchors(lowered: str) -> list[tuple[int, int, str]]:
    """(start, end, group) of each anchor in a lower-cased text, in order: what
    _ANCHOR_PATTERN finds there."""
    first = _ANCHOR_WORD.search(lowered)  # most text holds none
    found = [(m.start(), m.end(), _ANCHOR_KINDS[m.group().rstrip(".")][0])
             for m in _ANCHOR_WORD.finditer(lowered, first.start())] if first else []
    if "19" in lowered or "20" in lowered:  # quicker than a search where there is no year
        years = [(m.start(), m.end(), "year") for m in _YEAR_ANCHOR.finditer(lowered)]
        return sorted(found + years) if found and years else found or years
    return found


def _windows(anchors: list[tuple[int, int, str]], size: int) -> tuple[set[str], list[tuple[int, int]]]:
    """The kinds of anchor in a text of `size` characters, and the stretches around the
    anchors, merged; "year2": two years or more."""
    kinds: set[str] = set()
    spans: list[list[int]] = []
    years = 0
    for start, end, group in anchors:
        kinds.add(group)
        years += group == "year"
        begin, end = max(0, start - _REACH), min(size, end + _REACH)
        if spans and begin <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([begin, end])
    if years > 1:
        kinds.add("year2")  # the two years of a range are anchors both
    return kinds, [(b, e) for b, e in spans]

# A bare month is a date only after a word like these (or before jl./a.s.).
_MONTH_LEAD = re.compile(rf"(?:\b(?:{_words('month_leads')})|,)\s*$", re.IGNORECASE)
# A year right after one of these is part of a citation or a number, not a date.
_REFERENCE_LEAD = re.compile(
    rf"(?:{_words('reference_leads')}|\b[A-Z]{{2,}}\s*\(|\(\s*[A-Z]{{2,}}\s*\)|[A-Z]{{2,}}-\d*[-–]?)\s*[IV]*,?\s*$")
# A year right after another number is part of it: a phone number, "Resolution 2341 (2020)".
_NUMBER_LEAD = re.compile(r"\d\s*\(?\s*$")
_REFERENCE_TAIL = re.compile(rf"^\s*(?:\)\s*\d|/\d|%|{_words('amounts')})")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# A capitalized word right before a bare year makes it a name ("Horizon 2020", "Rijk
# 2021-2025"), unless that word is a month or a word that starts a sentence.
_NAME_LEAD = re.compile(r"\b([A-Z][\w-]*)\s+$")
_FUNCTION_WORDS = _WORDS.name_lead_exceptions
# "the 2030 Agenda", "de 2024 Index": an article, a year and a capitalized word make a name.
_ARTICLE_LEAD = re.compile(rf"\b(?:{_THE})\s+$", re.IGNORECASE)
_NAME_TAIL = re.compile(r"\s+[A-Z][a-z]")
# A date moved "from" one day "to" another names two dates, not a span between them.
_MOVED = re.compile(rf"\b(?:{_words('moved')})\s+$", re.IGNORECASE)
_MOVED_FROM = re.compile(rf"(?:{_words('range_from')})\b", re.IGNORECASE)
_RANGES = frozenset({"day_range", "cross_month_range", "month_range", "year_range"})
_VERB_SEASONS = frozenset(w.lower() for w in _W["verb_seasons"])  # "will fall under"
_THE_SEASON = re.compile(rf"\b(?:{_words('verb_season_leads')})\s+$", re.IGNORECASE)
_VERB_MONTHS = {w.lower(): w for w in _W["verb_months"]}  # "may", a month only as "May"
# "het afgelopen jaar", "het komende jaar": a rolling twelve months, not a calendar year.
_ROLLING = re.compile(rf"\b(?:{_words('year_articles')})\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A temporal expression found in text, normalized to an interval."""

    begin: int  # character offsets in the text that was searched
    end_offset: int
    text: str
    start: date
    end: date
    precision: str
    kind: str
    prefix: str  # since / from / until / ""
    relative: bool  # resolved against the document date


class Candidate(NamedTuple):
    begin: int
    end_offset: int
    kind: str
    groups: dict


@lru_cache(maxsize=512)  # a document's sentences are searched twice: for its own date, then for its events
def find_candidates(text: str, names: frozenset[str] = frozenset()) -> tuple[Candidate, ...]:
    """All non-overlapping date expressions in `text`, longest first where they overlap.

    `names` are words that, right before a year, mark an institution rather than a name
    ("Mensenrechtenraad 2021" is a session, "Horizon 2020" a programme).
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        anchors = _anchors(lowered)
        if not anchors:
            return []
        searched, patterns = lowered, _COMPILED
        quick = exactly_lowered(text, lowered)  # the lower-cased text is searched as the patterns search it
    else:
        anchors = [(m.start(), m.end(), m.lastgroup) for m in _ANCHORS_ANY_CASE.finditer(text)]
        if not anchors:
            return []
        searched, patterns, quick = text, _COMPILED_ANY_CASE, False
    kinds, windows = _windows(anchors, len(text))
    urls = [m.span() for m in _URL.finditer(text)] if "http" in lowered or "www." in lowered else []
    found: list[tuple[int, int, int, str, re.Match]] = []
    # a need shared by patterns is searched once a window (known by its id: a pattern hashes its code)
    needed: dict[tuple[int, int], bool] = {}
    for kind, rx in _runnable(frozenset(kinds), patterns is _COMPILED):
        need = _NEEDED.get(kind) if quick else None
        for begin, end in windows:
            if need is not None:
                held = needed.get((id(need), begin))
                if held is None:
                    held = needed[id(need), begin] = need.search(searched, begin, end) is not None
                if not held:
                    continue
            for m in rx.finditer(searched, begin, end):
                found.append((m.start(), m.start() - m.end(), len(found), kind, m))
    # The longest wins where matches overlap; a match is judged (_acceptable) only where it
    # would be chosen, which chooses what judging them all first would.
    found.sort()
    chosen: list[Candidate] = []
    last_end = -1
    for start, _, _, kind, m in found:
        if start >= last_end:
            groups = m.groupdict()
            if _acceptable(kind, m, groups, text, urls, names):
                chosen.append(Candidate(start, m.end(), kind, groups))
                last_end = m.end()
    return tuple(chosen)


@cache
def _runnable(kinds: frozenset[str], lowered: bool) -> tuple[tuple[str, re.Pattern], ...]:
    """The patterns whose anchors are all present (one of their sets of them), in order."""
    return tuple((kind, rx) for kind, rx in (_COMPILED if lowered else _COMPILED_ANY_CASE)
                 if any(need <= kinds for need in _NEEDS[kind]))


def _acceptable(kind: str, m: re.Match, g: dict, text: str, urls, names) -> bool:
    b, e = m.span()
    if urls:  # in order and apart: the last that starts at or before the date holds it, if any does
        at = bisect.bisect_right(urls, (b, len(text) + 1)) - 1
        if at >= 0 and urls[at][0] <= b < urls[at][1]:
            return False
    before = text[max(0, b - 40):b]
    after = text[e:e + 12]
    if g.get("m1") and g["m1"].lower().rstrip(".") in _VERB_MONTHS \
            and text[m.start("m1"):m.end("m1")] != _VERB_MONTHS[g["m1"].lower().rstrip(".")]:
        return False  # "may" the verb
    if kind == "month_past" and not (g.get("past") or g.get("future")) and not _MONTH_LEAD.search(before):
        return False
    if kind in ("year", "year_range", "session_year"):
        # a number right before the year is part of it ("Resolution 2341 (2020)"); one before a word
        # that opens the date is not ("de Uitvoering 2024 tussen 2017 en 2023")
        if _REFERENCE_LEAD.search(before) or (_NUMBER_LEAD.search(before) and text[b:b + 1].isdigit()) \
                or _REFERENCE_TAIL.search(after):
            return False
        if _ARTICLE_LEAD.search(before) and _NAME_TAIL.match(after):
            return False  # "the 2030 Agenda"
        lead = _NAME_LEAD.search(before)
        starts_with_prefix = m.group(0)[:1].isalpha()
        if lead and not starts_with_prefix:
            word = lead.group(1)
            if word.lower() not in _FUNCTION_WORDS and word.lower() not in MONTHS and word not in names:
                return False
    if kind == "season" and g["season"].lower() in _VERB_SEASONS and not (g.get("y1") or g.get("rel") or g.get("mod")) \
            and not _THE_SEASON.search(before):
        return False  # "will fall under": the verb
    if kind == "rel_year" and _ROLLING.search(before) and _relative(g["rel"]) != 0:
        return False
    if kind in _RANGES and _MOVED.search(before) and _MOVED_FROM.match(m.group(0)):
        return False  # "postponed from 2 August 2026 to 2 December 2027": two dates, not a span
    if kind == "year_range" and int(g["y2"]) < int(g["y1"]):
        return False
    return not (kind in ("numeric", "iso") and _REFERENCE_LEAD.search(before))


def normalize(c: Candidate, text: str, doc_date: date | None, tense: str) -> Mention | None:
    """Turn a candidate into an interval, or None when it names no real date."""
    g = c.groups
    try:
        start, end, precision, relative = _interval(c.kind, g, doc_date, tense)
    except (ValueError, KeyError, OverflowError, IndexError):
        return None  # 31 februari, "van 30 tot 31 april" and the like: no date
    if start is None or end < start:
        return None
    raw = text[c.begin:c.end_offset]
    lead = LEADING_PREFIX.match(raw)
    prefix = PREFIXES[" ".join(lead.group(1).lower().split())] if lead else ""
    return Mention(c.begin, c.end_offset, " ".join(raw.split()), start, end, precision,
                   c.kind, prefix, relative)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_span(year: int, month: int, months: int = 1) -> tuple[date, date]:
    first = date(year, month, 1)
    last_month = month + months - 1
    last_year = year + (last_month - 1) // 12
    last_month = (last_month - 1) % 12 + 1
    return first, date(last_year, last_month, _last_day(last_year, last_month))


def _third(first: date, last: date, mod: str, unit: str) -> tuple[date, date, str]:
    """begin/mid/end of a month (days 1-10/11-20/21-end) or of a longer span."""
    if unit == "month":
        spans = {"begin": (1, 10), "mid": (11, 20), "end": (21, last.day)}
        a, b = spans[mod]
        return first.replace(day=a), first.replace(day=b), "days"
    if unit == "year":
        spans = {"begin": (1, 3), "mid": (6, 8), "end": (10, 12)}
        a, b = spans[mod]
        return date(first.year, a, 1), date(first.year, b, _last_day(first.year, b)), "quarter"
    # a season: its first, middle or last month
    index = {"begin": 0, "mid": 1, "end": 2}[mod]
    month = (first.month - 1 + index) % 12 + 1
    year = first.year + (first.month - 1 + index) // 12
    s, e = _month_span(year, month)
    return s, e, "month"


def _pick_year(make, doc_date: date | None, g: dict, tense: str) -> tuple[date, date]:
    """Year for an expression written without one: from jl./a.s., else the tense."""
    if doc_date is None:
        raise ValueError("no year and no document date")
    options = [o for o in (make(doc_date.year + k) for k in (-1, 0, 1)) if o is not None]
    if g.get("past") or tense == "past":
        options = [o for o in options if o[0] <= doc_date]
        chosen = options[-1] if options else None
    elif g.get("future") or tense == "future":
        chosen = next((o for o in options if o[1] >= doc_date), None)
    else:
        chosen = make(doc_date.year)
    if chosen is None:  # "29 februari" in a year without one: no date
        raise ValueError("no such day in the year the document's date implies")
    return chosen


def _relative(rel: str) -> int:
    return RELATIVE[" ".join(rel.lower().split())]


def _interval(kind: str, g: dict, doc_date: date | None, tense: str):
    y1 = int(g["y1"]) if g.get("y1") else None
    y2 = int(g["y2"]) if g.get("y2") else None
    mod = MODIFIERS.get(" ".join(g["mod"].lower().split()[:2])) if g.get("mod") else None
    if g.get("mod") and mod is None:
        mod = MODIFIERS[g["mod"].lower().split()[0]]
    relative = y1 is None and y2 is None

    if kind == "year_first" and not g.get("d1"):
        s, e = _month_span(y1, _month(g["m1"]))
        return s, e, "month", False
    if kind == "month_rel_year":
        s, e = _month_span(_doc_year(doc_date) + _relative(g["rel"]), _month(g["m1"]))
        if mod:
            s, e, precision = _third(s, e, mod, "month")
            return s, e, precision, True
        return s, e, "month", True
    if kind == "rel_month_name":
        s, e = _relative_span(lambda y: _month_span(y, _month(g["m1"])), doc_date, _relative(g["rel"]))
        if mod:
            s, e, precision = _third(s, e, mod, "month")
            return s, e, precision, True
        return s, e, "month", True
    if kind == "part_year":
        if doc_date is None:
            raise ValueError("part of this year without a document date")
        first, last = date(doc_date.year, 1, 1), date(doc_date.year, 12, 31)
        before = PARTS_OF_YEAR[g["part"].lower()] == "before"
        return (first, doc_date, "year", True) if before else (doc_date, last, "year", True)
    if kind == "session_year":
        if (int(g["yy"]) - y1 - 1) % 100:
            raise ValueError("not two consecutive years")
        return date(y1, 1, 1), date(y1 + 1, 12, 31), "multi-year", False
    if kind in ("today", "weekday", "rel_week") and doc_date is None:
        raise ValueError("a day relative to the document without its date")
    if kind == "today":
        day = doc_date + timedelta(days=DAY_OFFSETS[g["day"].lower()])
        return day, day, "day", True
    if kind == "weekday":
        return (*[_weekday(doc_date, WEEKDAYS[g["weekday"].lower()], g, tense)] * 2, "day", True)
    if kind == "rel_week":
        monday = doc_date - timedelta(days=doc_date.weekday()) + timedelta(weeks=_relative(g["rel"]))
        return monday, monday + timedelta(days=6), "days", True
    if kind in ("day", "day_en", "numeric", "iso", "year_first"):
        d = int(re.match(r"\d+", g["d1"]).group())
        m = int(g["mn"]) if g.get("mn") else _month(g["m1"])
        if y1 is not None:
            return date(y1, m, d), date(y1, m, d), "day", False
        date(2000, m, d)  # 31 februari raises here, in a leap year so 29 februari passes
        s, e = _pick_year(lambda y: _valid_day(y, m, d), doc_date, g, tense)
        return s, e, "day", True
    if kind in ("day_range", "day_range_en", "cross_month_range"):
        d1 = int(re.match(r"\d+", g["d1"]).group())
        d2 = int(re.match(r"\d+", g["d2"]).group())
        m1 = _month(g["m1"])
        m2 = _month(g["m2"]) if g.get("m2") else m1
        year = y2 or y1
        if year is None:
            def make(y):
                a, b = _valid_day(y, m1, d1), _valid_day(y if m2 >= m1 else y + 1, m2, d2)
                return (a[0], b[0]) if a and b else None
            s, e = _pick_year(make, doc_date, g, tense)
            return s, e, "days", True
        first_year = (y1 or (year if m1 <= m2 else year - 1))
        return date(first_year, m1, d1), date(year, m2, d2), "days", False
    if kind == "month_range":
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        first_year = y1 or (y2 if m1 <= m2 else y2 - 1)
        return date(first_year, m1, 1), date(y2, m2, _last_day(y2, m2)), "month", False
    if kind in ("month_year", "month_past", "mod_month"):
        m = _month(g["m1"])
        if y1 is None:
            s, e = _pick_year(lambda y: _month_span(y, m), doc_date, g, tense)
        else:
            s, e = _month_span(y1, m)
        if mod:
            s, e, precision = _third(s, e, mod, "month")
            return s, e, precision, relative
        return s, e, "month", relative
    if kind == "season":
        first_month, months = SEASONS[g["season"].lower()]

        def make(y):
            return _month_span(y, first_month, months)
        if y1 is not None:
            s, e = make(y1)
        elif g.get("rel"):
            s, e = _relative_span(make, doc_date, _relative(g["rel"]))
        else:
            s, e = _pick_year(make, doc_date, g, tense)
        if mod:
            s, e, precision = _third(s, e, mod, "season")
            return s, e, precision, relative
        return s, e, "season", relative
    if kind == "quarter":
        if g.get("rel"):
            if doc_date is None:
                raise ValueError("relative quarter without a document date")
            q = (doc_date.month - 1) // 3 + _relative(g["rel"])
            year = doc_date.year + (q // 4)
            q = q % 4 + 1
        else:
            q = ORDINALS[g["ord"].lower()] if g.get("ord") else int(g["qn"])
            year = y1 or y2 or _doc_year(doc_date)
        s, e = _month_span(year, 3 * q - 2, 3)
        return s, e, "quarter", relative
    if kind == "half":
        h = ORDINALS[g["ord"].lower()]
        year = y1 if y1 is not None else _doc_year(doc_date) + (_relative(g["rel"]) if g.get("rel") else 0)
        s, e = _month_span(year, 6 * h - 5, 6)
        return s, e, "half", relative
    if kind == "year_range":
        return date(y1, 1, 1), date(y2, 12, 31), "multi-year", False
    if kind in ("mod_year", "rel_year", "year"):
        year = y1 if y1 is not None else _doc_year(doc_date) + (_relative(g["rel"]) if g.get("rel") else 0)
        s, e = date(year, 1, 1), date(year, 12, 31)
        if mod:
            return (*_third(s, e, mod, "year"), relative)
        return s, e, "year", relative
    if kind == "rel_month":
        if doc_date is None:
            raise ValueError("relative month without a document date")
        index = doc_date.year * 12 + doc_date.month - 1 + _relative(g["rel"])
        s, e = _month_span(index // 12, index % 12 + 1)
        return s, e, "month", True
    raise KeyError(kind)


def _weekday(doc_date: date, weekday: int, g: dict, tense: str) -> date:
    """The named weekday nearest the document's date: before it when the clause speaks of the
    past ("on Tuesday the ministers agreed"), else on or after it."""
    offset = _relative(g["rel"]) if g.get("rel") else 0
    if offset < 0 or (offset == 0 and tense == "past"):
        back = (doc_date.weekday() - weekday) % 7
        return doc_date - timedelta(days=back or (7 if offset < 0 else 0))
    ahead = (weekday - doc_date.weekday()) % 7
    return doc_date + timedelta(days=ahead or (7 if offset > 0 else 0))


def _doc_year(doc_date: date | None) -> int:
    if doc_date is None:
        raise ValueError("relative expression without a document date")
    return doc_date.year


def _valid_day(year: int, month: int, day: int):
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d, d


def _relative_span(make, doc_date: date | None, offset: int):
    """This/last/next instance of a yearly span (a season) seen from the document date."""
    if doc_date is None:
        raise ValueError("relative expression without a document date")
    spans = [make(doc_date.year + k) for k in (-2, -1, 0, 1)]
    if offset < 0:
        return [s for s in spans if s[1] < doc_date][-1]
    if offset > 0:
        return next(s for s in spans if s[0] > doc_date)
    current = [s for s in spans if s[0] <= doc_date <= s[1]]
    if current:
        return current[0]
    same_year = [s for s in spans if s[0].year == doc_date.year]
    return same_year[0]


_TAIL = 200  # characters before a place read for what ends there


def matches_at_end(pattern: re.Pattern, text: str, end: int, words: int) -> bool:
    """pattern.search(text[:end]) for a pattern that matches at the end of a text only, at most
    `words` words long: read in the last words only (the same answer in a text of any length)."""
    tail = text[max(0, end - _TAIL):end]
    if end > _TAIL and len(tail.split()) < words + 2:
        tail = text[:end]  # too few words read to hold the match and what stands before it
    return bool(pattern.search(tail))


LEAD_REACH = 40  # characters before a date read for the word that leads it


def led_by(mention: Mention, text: str, pattern: re.Pattern) -> int:
    """Where a word of `pattern` (one that matches at the end of a text) leads the date, or -1:
    in the words right before it, or those its own text opens with ("no later than 2 February
    2026" read as one date); at the latest where the date begins."""
    lead = LEADING_PREFIX.match(mention.text)
    near_at = max(0, mention.begin - LEAD_REACH)
    m = pattern.search(text[near_at:mention.begin] + (lead.group(0) if lead else ""))
    return min(near_at + m.start(), mention.begin) if m else -1


def clause_around(text: str, begin: int, end: int) -> str:
    """The clause that holds a date: between the commas, semicolons or colons around it."""
    head = max(text.rfind(mark, 0, begin) for mark in ",;:")
    tails = [i for i in (text.find(mark, end) for mark in ",;:") if i >= 0]
    return text[head + 1:min(tails) if tails else len(text)]


def find_dates(text: str, doc_date: date | None, tense_at=None,
               names: frozenset[str] = frozenset()) -> list[Mention]:
    """Find and normalize every date expression in `text` (one sentence).

    `tense_at(begin, end)` says how the clause around a date speaks (past, future or
    neutral); it decides the year of dates written without one.
    """
    mentions = []
    candidates = find_candidates(text, names)
    for i, cand in enumerate(candidates):
        cand = _borrow_year(cand, candidates[i + 1:i + 2], text)
        spoken = tense_at(cand.begin, cand.end_offset) if tense_at else "neutral"
        if cand.kind == "today" and cand.groups["day"].lower() in _TODAY and len(text) - len(text.lstrip()) < cand.begin \
                and not matches_at_end(_REPORTED_TODAY, text, cand.begin, 2):
            continue  # "AI systems today are ...": the present in general, not the document's day
        mention = normalize(cand, text, doc_date, spoken)
        if mention is not None:
            mentions.append(mention)
    return mentions


# "... announced today", "adopted today": an act reported for the document's own day.
_REPORTED_TODAY = re.compile(rf"\b\w+(?:{_words('past_participle_endings')})\s+$|\b(?:{_words('reporting_auxiliaries')})\s+\w+\s+$",
                             re.IGNORECASE)
_COORDINATION = re.compile(rf"^\s*(?:,|{_words('date_joins')}|-|–)\s*$", re.IGNORECASE)


def _borrow_year(cand: Candidate, following: list[Candidate], text: str) -> Candidate:
    """'april en juni 2023': a date without a year takes the year of its partner."""
    if cand.groups.get("y1") or cand.groups.get("past") or cand.groups.get("future") or not following:
        return cand
    if cand.kind not in ("month_past", "day", "mod_month", "season"):
        return cand
    nxt = following[0]
    year = nxt.groups.get("y1") or nxt.groups.get("y2")
    if year and _COORDINATION.match(text[cand.end_offset:nxt.begin]):
        kind = "month_year" if cand.kind == "month_past" else cand.kind
        return Candidate(cand.begin, cand.end_offset, kind, {**cand.groups, "y1": year})
    return cand
