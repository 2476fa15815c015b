"""Give mentions of the same real-world event one cluster value.

Two mentions are one event when their dates nest (one lies within the other: "early 2024"
and "January 2024") and no two different bodies act in them, and then: types that agree and a
shared actor; or the same type, track and exact day where no body is named; or the same span
and actor with like wording. Wording alone joins mentions only when their sentences are
near-identical; two dates of one sentence are two events, unless one restates the other ("This
year, on 30 March", a dateline and its "today"). Mentions that act on two instruments are two
events; mentions of one text that give one day the same provision of law ("from 2 August 2025
(Article 113, point (b), AI Act)") are read as one act, of the type most of them have.
Types agree when they are the same, when one is untyped (`other`: no cue named an act, as in a
sentence that refers back, "die onderwerpen zijn in januari behandeld"), except with one of the
many deadlines a law sets for a day, and, within one text, when they tell one act from two sides
(a body decides at its meeting; vocabulary.toml [cluster] kindred_types). A body of nearly
every sentence (the cabinet) ties mentions only of one span; one text that names other bodies,
or the same kind of act of one body and one month or season in other words, names another act.

A cluster is one event throughout, not a chain of look-alikes: every two of its mentions have
nesting dates (a year does not tie 19 February to 14 June of it), and no two of them were found
to be different events (two dates of one sentence, different bodies, a law's different
deadlines of one day), whatever mention would bridge them.
Only events are given to it (a reference or context keeps a cluster of its own)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
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
# types that tell one act from two sides, within one text: a body decides at its meeting, issues
# the text it adopts (vocabulary.toml [cluster]); and the type no cue names, which may be any
# other but one of the many acts a law names for one day
_KINDRED_IN_TEXT = frozenset((a, b) for group in vocabulary().clustering["kindred_types"]
                             for a in group.split() for b in group.split())
_UNTYPED = "other"
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


Span = tuple[date, date, bool]  # start, end, and whether it is a span of years (that holds without being)


class _Seen(NamedTuple):
    """What clustering compares of a mention, worked out once per mention, not once per pair."""
    event: Event
    words: frozenset[str]
    actors: frozenset[str]
    strong: frozenset[str]  # the actors less the weak ones
    told: int  # the same for mentions told alike (sentence, date, type, actors), whatever their document
    span: Span
    own: bool  # the document's own act (_own_act)
    kind: str  # its type as clustering reads it (_kinds)


def _spans_nest(a: Span, b: Span) -> bool:
    if a[:2] == b[:2]:
        return True
    inner, outer = (b, a) if a[0] <= b[0] and b[1] <= a[1] else (a, b)
    return outer[0] <= inner[0] and inner[1] <= outer[1] and not outer[2]


def _span(event: Event) -> Span:
    return event.start, event.end, event.precision == "multi-year"


def clusters(events: list[Event]) -> dict[str, str]:
    """The cluster of each event, by id; deterministic for the same events."""
    parent = {event.id: event.id for event in events}
    # of each cluster, by its root: the distinct spans of its mentions, and the mentions found to
    # be other events than one of its own (each merged smaller into larger: linear overall)
    spans: dict[str, set[Span]] = {event.id: {_span(event)} for event in events}
    apart: dict[str, set[str]] = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(ra, rb) -> str:
        """The root of the clusters of roots ra and rb joined, or '' where they are two events."""
        spans_a, spans_b = spans[ra], spans[rb]
        if spans_a != spans_b and not all(_spans_nest(x, y) for x in spans_a for y in spans_b):
            return ""
        apart_a, apart_b = apart.get(ra, _NONE), apart.get(rb, _NONE)
        small, other_root = (apart_a, rb) if len(apart_a) <= len(apart_b) else (apart_b, ra)
        if any(find(x) == other_root for x in small):  # (apart is symmetric: one side suffices)
            return ""
        root, gone = (ra, rb) if ra < rb else (rb, ra)
        parent[gone] = root
        spans[root] = _merged(spans.pop(gone), spans[root])
        if apart_a and apart_b:
            apart[root] = _merged(apart.pop(gone), apart[root])
        elif apart_a or apart_b:
            apart[root] = apart.pop(gone, None) or apart[root]
        return root

    ordered = sorted(events, key=lambda e: (e.start, e.end, e.id))
    told: dict[tuple, int] = {}
    kinds = _kinds(events)
    seen = [_Seen(e, content_words(e.quote), actors := frozenset(e.institutions), actors - _WEAK_ACTORS,
                  told.setdefault((e.quote, e.date_text, kind := kinds.get(e.id, e.event_type), e.institutions,
                                   e.precision, e.start, e.end, e.track, e.instrument), len(told)),
                  _span(e), _own_act(e), kind)
            for e in ordered]
    active: list[_Seen] = []
    active_from = None
    for mention in seen:
        event = mention.event
        start, end, quote, kind, words, doc, strong, span = (event.start, event.end, event.quote, mention.kind,
                                                             mention.words, event.doc, mention.strong, mention.span)
        if start != active_from:  # starts only grow: while one stays, every active mention still reaches it
            active, active_from = [a for a in active if a.event.end >= start], start
        del active[:-_WINDOW]
        verdicts: dict[tuple[int, bool], bool | None] = {}  # mentions told alike get the same verdict
        # First the earlier mentions that may be another event (of this sentence, of this text, of
        # other bodies): one that is keeps this mention out of its cluster, whatever the cluster's
        # other mentions say. Then the rest, the nearest first (the same span before a wider one,
        # then the latest named), each asked only while it is of another cluster than this one.
        same_span: list[_Seen] = []
        wider: list[_Seen] = []
        different: list[str] = []
        for other in active:
            earlier = other.event
            # what _verdict asks, cheapest first: an earlier mention (in date order) nests with
            # this one only where it holds it or starts with it, and two mentions of different
            # sentences are one event only where they are of one type (or one untyped), of one
            # text or share words
            if not (earlier.end >= end or earlier.start == start or earlier.quote == quote):
                continue
            if not (other.kind == kind or earlier.doc == doc or _UNTYPED in (other.kind, kind)
                    or earlier.quote == quote or not words.isdisjoint(other.words)):
                continue
            if mention.own and other.own and earlier.doc != doc and earlier.quote != quote and other.span == span:
                different.append(earlier.id)  # two documents' own acts of one day (_verdict), told without a call
                continue
            if (earlier.quote == quote or earlier.doc == doc or (strong and other.strong and strong != other.strong)
                    or (mention.own and other.own) or _other_instruments(event, earlier)) \
                    and _asked(verdicts, mention, other) is False:
                different.append(earlier.id)
            else:
                (same_span if other.span == span else wider).append(other)
        root = event.id
        if different:
            apart[root] = set(different)
            for earlier_id in different:
                other_root = parent[earlier_id]  # its root, found without a call where its parent is one
                if parent[other_root] != other_root:
                    other_root = find(other_root)
                apart.setdefault(other_root, set()).add(root)
        for group in (same_span, wider):
            for other in reversed(group):
                joined = parent[other.event.id]  # its root, found without a call where its parent is one
                if parent[joined] != joined:
                    joined = find(joined)
                if joined != root and _asked(verdicts, mention, other):
                    root = union(root, joined) or root
        active.append(mention)
    return {event.id: "c" + find(event.id) for event in events}


_NONE: frozenset = frozenset()


def _asked(verdicts: dict, mention: _Seen, other: _Seen) -> bool | None:
    """_verdict on the two, asked once of the earlier mentions told alike in this or another text."""
    key = (other.told, other.event.doc == mention.event.doc)
    if key not in verdicts:
        verdicts[key] = _verdict(mention, other)
    return verdicts[key]


def _merged(a: set, b: set) -> set:
    """a and b as one set, the smaller added into the larger (which is reused)."""
    if len(a) > len(b):
        a, b = b, a
    b |= a
    return b


def _alike(a: str, b: str, one_text: bool) -> bool:
    """Whether two mentions' types may tell one event."""
    if a == b:
        return True
    if _UNTYPED in (a, b):
        return (b if a == _UNTYPED else a) not in _MANY_PER_DAY
    return one_text and (a, b) in _KINDRED_IN_TEXT


def _own_act(event: Event) -> bool:
    """Whether a mention is its document's own act: its own day, printed after the words of a
    dateline ("Voorgesteld 16 januari 2025" in motions 06 and 27, "Den Haag, 12 december 2025",
    "Done at Frankfurt am Main, 29 December 2021"). A document is one act of its own: two
    documents' datelines are two acts, whatever day and body they share."""
    if event.doc_date is None or not event.start == event.end == event.doc_date:
        return False
    at = event.quote.find(event.date_text)
    before = event.quote[max(0, at - 80):max(at, 0)]
    return at >= 0 and any(pattern.search(before) for _, pattern in vocabulary().datelines)


def _applies_on(seen_a: _Seen, seen_b: _Seen) -> bool:
    """Whether two mentions of one text name one entry into application: the same exact day, both
    read so. A text that explains an act names its
    application day again and again ("enter into application on 2 August 2025", "apply from 2
    August 2025", "from 2 August 2025 onwards" in the GPAI guidelines, 25), and the provisions that
    apply that day apply together (AI Act Article 113(b)): one event, whatever body its
    sentences name. A law's deadlines of one day stay apart (they are acts of different bodies)."""
    a, b = seen_a.event, seen_b.event
    return a.precision == b.precision == "day" and a.start == b.start and seen_a.kind == seen_b.kind == _APPLICATION


_APPLICATION = "entry_into_force"

# a provision of law in brackets right after a date, a few words at most between them: "apply
# from 2 August 2025 (Article 113, point (b), AI Act)", "from 2 August 2025 onwards (Article 113,
# point (b), AI Act)", "(artikel 113, onder b))"; one level of brackets within it
_BASIS = re.compile(r"\W*(?:\w+\W+){0,3}?\(\s*((?:articles?|art\.|artikel(?:en)?)\s+\d[^()]*(?:\([^()]*\)[^()]*)*)\)",
                    re.IGNORECASE)


def _basis(event: Event) -> str:
    """The provision of law a mention's date is given with (_BASIS), its words in lower case; ''
    where none is ("21 maart 2023 (Handeling I 2022/23, nr. 23, item 9)" cites a record, no law)."""
    at = event.quote.find(event.date_text)
    found = _BASIS.match(event.quote, at + len(event.date_text)) if at >= 0 else None
    return " ".join(re.findall(r"\w+", found.group(1).lower())) if found else ""


def _kinds(events: list[Event]) -> dict[str, str]:
    """The type clustering reads, by id, where it is not the mention's own: mentions of one text
    that give one day the same provision of law name the act that provision sets, and are read
    as the type most of them have ("The Commission can take decisions under Article 52 AI Act
    ... from 2 August 2025 (Article 113, point (b), AI Act)" is the application that the GPAI
    guidelines, 25, give that provision three times more)."""
    given: dict[tuple, list[Event]] = defaultdict(list)
    for event in events:
        if event.precision == "day" and (basis := _basis(event)):
            given[event.doc, event.start, basis].append(event)
    kinds = {}
    for group in given.values():
        (most, times), *rest = Counter(e.event_type for e in group).most_common()
        if rest and times > rest[0][1]:
            kinds.update((e.id, most) for e in group)
    return kinds


def _other_instruments(a: Event, b: Event) -> bool:
    """Whether two mentions act on two different instruments: two events, whatever day, body and
    wording they share (a code of practice due by 2 August 2025, the AI Act's rules applying
    that day)."""
    return bool(a.instrument and b.instrument and a.instrument != b.instrument)


def _restated(seen_a: _Seen, seen_b: _Seen) -> bool:
    """Whether two dates of one sentence name one day of one act, one of them worked out from the
    document's date: a release's dateline and its "today" ("Brussels, 25 September 2024 The
    Commission announced today", 24)."""
    a, b = seen_a.event, seen_b.event
    return ((a.relative or b.relative) and a.precision == b.precision == "day" and a.start == b.start
            and seen_a.kind == seen_b.kind)


def _verdict(seen_a: _Seen, seen_b: _Seen) -> bool | None:
    """True where two mentions are one event, False where they are two (so that no other mention
    may join them), None where nothing says they are one."""
    a, b = seen_a.event, seen_b.event
    if a.quote == b.quote:
        # two dates of one sentence are two events, unless one restates the other
        # ("This year, on 30 March 2021")
        return a.date_text == b.date_text or _restated(seen_a, seen_b) or (
            _spans_nest(seen_a.span, seen_b.span) and _apposed(a, b))
    if not _spans_nest(seen_a.span, seen_b.span):
        return None
    if _other_instruments(a, b):
        return False
    one_text = a.doc == b.doc
    if not one_text and seen_a.own and seen_b.own:
        return False  # two documents' own acts: two motions tabled on one day are two motions
    if one_text and _applies_on(seen_a, seen_b):
        return True
    similarity = _similar(seen_a.words, seen_b.words)
    if similarity >= _SAME_WORDING:
        return True
    actors_a, actors_b, strong_a, strong_b = seen_a.actors, seen_b.actors, seen_a.strong, seen_b.strong
    if strong_a and strong_b and not strong_a & strong_b:
        return False  # different bodies act
    same_span = (a.start, a.end) == (b.start, b.end)
    # a body of nearly every sentence ties two mentions only where they name the same span
    shared = bool(strong_a & strong_b) or (not strong_a and not strong_b and same_span and bool(actors_a & actors_b))
    kind_a, kind_b = seen_a.kind, seen_b.kind
    same_type = _alike(kind_a, kind_b, one_text)
    if one_text and strong_a and strong_b and strong_a != strong_b:
        return False  # one text names the same act's bodies alike: other bodies, another act
    if one_text and a.precision == b.precision and similarity < _SIMILAR \
            and (kind_a in _MANY_PER_DAY or not (same_type and shared and a.start == b.start and (
                a.precision == "day" or (_UNTYPED in (kind_a, kind_b) and strong_a & strong_b)))):
        # a text that tells one event twice alike repeats its words, names the same act of the
        # same body on the same day, or refers back to a named body's act without naming an act ("die onderwerpen
        # zijn in januari behandeld"); two acts of one kind, one body and one month or season in
        # other words are two (a study and a course due "dit najaar"); a law sets many deadlines
        # on one date
        return False
    if same_type and shared:
        return True
    exact = a.precision == b.precision == "day" and a.start == b.start
    if exact and kind_a == kind_b and a.track == b.track and not (actors_a or actors_b):
        return True  # an act of no named body on one day ("shall apply from 2 August 2026")
    # one event told as different acts ("published" and "presented"): same span, same actor, like wording
    if shared and (a.start, a.end) == (b.start, b.end) and similarity >= _SIMILAR:
        return True
    return None
