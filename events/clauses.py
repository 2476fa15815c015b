"""The clauses of a sentence: where the clause around a date begins and ends, read once per
sentence, and the window around a date in which its words are read."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from events.vocabulary import scan, vocabulary

CUE_WINDOW = 300  # characters around a date in which its type and topic words are looked for


def before_space(text: str, at: int) -> int:
    """Where the white space before `at` begins (len(text[:at].rstrip()), without the copy)."""
    while at and text[at - 1].isspace():
        at -= 1
    return at


_BREAK = re.compile(r"[;:]|,(?!\d)|\s[–-]\s")
_LABEL_END = re.compile(r":|\s[–-]\s")
_WORD = re.compile(r"[^\W_]")


def clause_span(text: str, begin: int, end: int) -> tuple[int, int]:
    """Where the clause holding a date starts and ends: at , ; : and words that open a
    new clause ("waarna", "which")."""
    starts, ends = clause_marks(text)
    at = bisect.bisect_right(starts, begin)
    head = starts[at - 1] if at else 0
    at = bisect.bisect_left(ends, end)
    tail = ends[at] if at < len(ends) else len(text)
    # a date that stands as a label ("- **Augustus 2026**: De verplichtingen ... treden in
    # werking", "21 May 2024 – the Council adopts ...") heads the clause after its colon or dash
    while tail < len(text) and _LABEL_END.match(text, tail) and not _WORD.search(text, head, begin) \
            and not _WORD.search(text, end, tail):
        at += 1
        tail = ends[at] if at < len(ends) else len(text)
    return head, tail


@lru_cache(maxsize=64)
def clause_marks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where clauses may start and end in a sentence: a punctuation mark ends a clause after
    it; a word such as "which" opens the next with it. Read once per sentence, sorted."""
    marks = [m.span() for m in _BREAK.finditer(text)]
    starts = [end for _, end in marks]
    ends = [begin for begin, _ in marks]
    breaks = vocabulary().actors.clause_breaks
    if breaks:
        words = [m.start() for m in breaks.finditer(scan(text))]
        starts += words
        ends += words
    return tuple(sorted(starts)), tuple(sorted(ends))

