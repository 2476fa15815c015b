"""Give mentions of the same real-world event one cluster value.

Two mentions are one event when their dates nest (one lies within the other: "early 2024"
and "January 2024") and no two different bodies act in them, and then: the same type and a
shared actor; or the same type, track and exact day where no body is named; or the same span
and actor with like wording. Wording alone joins mentions only when their sentences are
near-identical; two dates of one sentence are two events.
Only events are given to it (a reference or context keeps a cluster of its own)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from events.model import Event
from events.vocabulary import alternatives, vocabulary

_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = vocabulary().stop_words  # too common to tell one event from another (vocabulary.toml [cluster])
_SAME_WORDING = 0.5  # sentences this alike are one event whatever their actors
_SIMILAR = 0.2
_WINDOW = 60  # earlier mentions compared in one bucket, enough for any real corpus's repeats
# bodies that sharing says little, and types named many times on one day (vocabulary.toml [cluster])
_WEAK_ACTORS = frozenset(vocabulary().clustering["weak_actors"])
_MANY_PER_DAY = frozenset(vocabulary().clustering["many_per_day"])
_APPOSITION = re.compile(rf"^\W{{0,3}}(?:{alternatives(vocabulary().clustering['apposition_words'])})?\W{{0,2}}$",
                         re.IGNORECASE)


def _apposed(a: Event, b: Event) -> bool:
    """Whether two dates of one sentence stand side by side as one ("This year, on 30 March")."""
    quote = a.quote
    first, second = sorted((a, b), key=lambda r: quote.find(r.date_text))
    gap_start = quote.find(first.date_text) + len(first.date_text)
    gap_end = quote.find(second.date_text, gap_start)
    return gap_end >= 0 and bool(_APPOSITION.match(quote[gap_start:gap_end]))


@lru_cache(maxsize=1024)  # the mentions of one sentence share its words
def content_words(quote: str) -> frozenset[str]:
    return frozenset(w for w in (m.group().lower() for m in _WORD.finditer(quote)) if w not in _STOP)


def _similar(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # the size of a | b, without making it


class _Seen(NamedTuple):
    """What clustering compares of a mention, worked out once per mention, not once per pair."""
    event: Event
    words: frozenset[str]
    actors: frozenset[str]
    strong: frozenset[str]  # the actors less the weak ones


def clusters(events: list[Event]) -> dict[str, str]:
    """The cluster of each event, by id; deterministic for the same events."""
    parent = {event.id: event.id for event in events}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    ordered = sorted(events, key=lambda e: (e.start, e.end, e.id))
    seen = [_Seen(e, content_words(e.quote), actors := frozenset(e.institutions), actors - _WEAK_ACTORS)
            for e in ordered]
    active: list[_Seen] = []
    active_from = None
    for mention in seen:
        event = mention.event
        start, end, quote, kind, words = event.start, event.end, event.quote, event.event_type, mention.words
        if start != active_from:  # starts only grow: while one stays, every active mention still reaches it
            active, active_from = [a for a in active if a.event.end >= start], start
        del active[:-_WINDOW]
        root = find(event.id)
        for other in active:
            earlier = other.event
            joined = parent[earlier.id]  # its root, found without a call where its parent is one
            if parent[joined] != joined:
                joined = find(joined)
            if joined == root:
                continue  # joined already (the clusters are the same in whatever order pairs join)
            # what _same_event asks, cheapest first: an earlier mention (in date order) nests with
            # this one only where it holds it or starts with it, and two mentions of different
            # sentences are one event only where they are of one type or share words
            if ((earlier.end >= end or earlier.start == start or earlier.quote == quote)
                    and (earlier.event_type == kind or earlier.quote == quote or not words.isdisjoint(other.words))
                    and _same_event(mention, other)):
                union(event.id, earlier.id)
                root = find(event.id)
        active.append(mention)
    return {event.id: "c" + find(event.id) for event in events}


def _nested(a: Event, b: Event) -> bool:
    """One date lies within the other, and the outer is no span of years around a single event
    ("tussen 2022 en 2024" holds "eind 2023" without being it)."""
    if (a.start, a.end) == (b.start, b.end):
        return True
    inner, outer = (b, a) if a.start <= b.start and b.end <= a.end else (a, b)
    if not (outer.start <= inner.start and inner.end <= outer.end):
        return False
    return outer.precision != "multi-year"


def _same_event(seen_a: _Seen, seen_b: _Seen) -> bool:
    a, b = seen_a.event, seen_b.event
    if a.quote == b.quote:
        # two dates of one sentence are two events, unless one restates the other
        # ("This year, on 30 March 2021")
        return a.date_text == b.date_text or (_nested(a, b) and _apposed(a, b))
    if not _nested(a, b):
        return False
    similarity = _similar(seen_a.words, seen_b.words)
    if similarity >= _SAME_WORDING:
        return True
    actors_a, actors_b, strong_a, strong_b = seen_a.actors, seen_b.actors, seen_a.strong, seen_b.strong
    if strong_a and strong_b and not strong_a & strong_b:
        return False  # different bodies act
    shared = bool(strong_a & strong_b) or (not strong_a and not strong_b and bool(actors_a & actors_b))
    same_type = a.event_type == b.event_type
    if a.doc == b.doc and a.precision == b.precision and similarity < _SIMILAR \
            and (a.event_type in _MANY_PER_DAY or not (same_type and shared and a.start == b.start)):
        # a text that tells one event twice alike repeats its words, or names the same act of the
        # same body on the same day; a law sets many deadlines on one date
        return False
    if same_type and shared:
        return True
    exact = a.precision == b.precision == "day" and a.start == b.start
    if exact and same_type and a.track == b.track and not (actors_a or actors_b):
        return True  # an act of no named body on one day ("shall apply from 2 August 2026")
    # one event told as different acts ("published" and "presented"): same span, same actor, like wording
    return shared and (a.start, a.end) == (b.start, b.end) and similarity >= _SIMILAR
