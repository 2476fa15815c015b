"""What kind of event a date marks: the document's dateline, a word that leads the date, else
the cue of an event type nearest the date in its clause."""

from __future__ import annotations

import bisect

from events.clauses import CUE_WINDOW, clause_span
from events.dates import Mention, led_by
from events.status import clause_tense, planned_before
from events.vocabulary import vocabulary


def event_type(mention: Mention, text: str, language: str = "") -> str:
    """A document's own dateline decides ("Den Haag, ...": the letter); then a word right
    before the date ("uiterlijk", "no later than": a deadline); else the type whose cue stands
    nearest the date, the first listed winning a tie. (`language`: the document's, whose lemmas
    the cues are matched on; read from the text where not given.)"""
    vocab = vocabulary()
    if mention.begin <= 80:
        for key, pattern in vocab.datelines:
            if pattern.search(text[:mention.begin]):
                return key
    for key, pattern in vocab.type_leads:
        at = led_by(mention, text, pattern)
        # "gepland voor 3 mei", "scheduled before 3 May": a date planned for, no deadline
        if at >= 0 and not (key == "deadline" and planned_before(text, at)):
            return key
    # a cue weighs less outside the date's clause, governed by a preposition, or as a verb that
    # only says something began or took place; then the nearest wins, then the first listed
    begin, end = clause_span(text, mention.begin, mention.end_offset)
    subordinators = vocab.actors.subordinators
    if begin > 1 and subordinators and subordinators.match(text, begin):
        # "a public consultation, which was launched on 22 April 2025": a relative clause is about
        # the noun before it, which names the event its verb only says began
        begin = clause_span(text, begin - 2, begin - 1)[0]
    best = ("other", 9, float("inf"), 0)
    if not language:
        from events.titles import language as language_of

        language = language_of(text)
    hits = vocab.event_cues.find(text, language)
    # cues are looked for near the date only: a long sentence of many dates stays linear
    starts = [hit.start for hit in hits]
    ranks = vocab.event_cues.rank
    near = hits[bisect.bisect_left(starts, mention.begin - CUE_WINDOW):
                bisect.bisect_right(starts, mention.end_offset + CUE_WINDOW)]
    for hit in near:
        if mention.begin <= hit.start < mention.end_offset:
            continue
        distance = hit.start - mention.end_offset if hit.start >= mention.end_offset else mention.begin - hit.end
        governed = bool(vocab.object_lead.search(text[max(0, hit.start - 60):hit.start]))
        tier = int(not begin <= hit.start < end) + int(governed) + int(hit.cue.weak)
        rank = ranks[hit.cue.key]
        if (tier, distance, rank) < best[1:]:
            best = (hit.cue.key, tier, distance, rank)
    # what was done to a thing, both in the date's clause, is the event ("the report was published"):
    # what is still to come is the thing due ("verwacht dit rapport te publiceren": a report)
    act = vocab.frame_rules["acted_on"].get(best[0])
    if act and best[1] == 0 and any(hit.cue.key == act and not hit.cue.weak and begin <= hit.start < end
                                    for hit in near) and clause_tense(text, mention.begin, mention.end_offset) == "past":
        return act
    return best[0]
