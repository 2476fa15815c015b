"""What kind of event a date marks: the document's dateline, a word that leads the date, else
the cue of an event type nearest the date in its clause."""

from __future__ import annotations

from events.clauses import CUE_WINDOW, clause_span
from events.dates import Mention, matches_at_end
from events.vocabulary import scan, vocabulary


def event_type(mention: Mention, text: str) -> str:
    """A document's own dateline decides ("Den Haag, ...": the letter); then a word right
    before the date ("uiterlijk", "no later than": a deadline); else the type whose cue stands
    nearest the date, the first listed winning a tie."""
    vocab = vocabulary()
    if mention.begin <= 80:
        for key, pattern in vocab.datelines:
            if pattern.search(text[:mention.begin]):
                return key
    near = text[max(0, mention.begin - 40):mention.begin]  # the words right before the date
    for key, pattern in vocab.type_leads:
        m = pattern.search(near)
        if m and not (key == "deadline" and matches_at_end(
                vocab.not_deadline, text, _slice_end(mention.begin - 40 + m.start(), mention.begin), vocab.not_deadline_words)):
            return key
    # a cue weighs less outside the date's clause, governed by a preposition, or as a verb that
    # only says something began or took place; then the nearest wins, then the first listed
    begin, end = clause_span(text, mention.begin, mention.end_offset)
    best = ("other", 9, float("inf"), 0)
    # cues are looked for near the date only: a long sentence of many dates stays linear
    window = (max(0, mention.begin - CUE_WINDOW), mention.end_offset + CUE_WINDOW)
    s = scan(text)
    for rank, (key, pattern) in enumerate(vocab.event_cues):
        for m in pattern.finditer(s, *window):
            if mention.begin <= m.start() < mention.end_offset:
                continue
            distance = m.start() - mention.end_offset if m.start() >= mention.end_offset else mention.begin - m.end()
            governed = bool(vocab.object_lead.search(text[max(0, m.start() - 60):m.start()]))
            tier = (int(not begin <= m.start() < end) + int(governed)
                    + int(" ".join(m.group().lower().split()) in vocab.weak_cues))
            if (tier, distance, rank) < best[1:]:
                best = (key, tier, distance, rank)
    return best[0]


def _slice_end(end: int, size: int) -> int:
    """Where text[:size][:end] ends (a negative end counts from the end, as a slice does)."""
    return min(end, size) if end >= 0 else max(0, size + end)

