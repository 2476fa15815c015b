"""Whether an event concerns AI or algorithm governance ("ai") or something else ("other":
sanctions, cybersecurity norms, internet freedom, digital policy with no AI in it). Decided by
the event's instrument (the AI Act is AI, the DSA is not), else by the topic words nearest the
date: in its clause, its sentence, the sentences before it in its section, the document as a
whole. The words are in vocabulary.toml, section [topic]."""

from __future__ import annotations

from collections import Counter

from events.vocabulary import vocabulary

_INSTRUMENT_TOPICS = {inst.key: inst.topic for inst in vocabulary().instruments}
# bodies whose work is an instrument's procedure: their events share its topic (CAHAI: AI)
_BODY_TOPICS = {body: inst.topic for inst in vocabulary().instruments for body in inst.bodies}
_TOPICS = tuple(vocabulary().topic_words.rank)  # the first is the default: a timeline of AI regulation


def counts(text: str, language: str) -> Counter:
    """How often each topic's words stand in a text."""
    return Counter(hit.cue.key for hit in vocabulary().topic_words.find(text, language))


def _decided(found: Counter) -> str:
    """The topic a count of words decides, where one topic has more words than the others."""
    ranked = found.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


def topic(text: str, clause: tuple[int, int], instrument: str, actors, language: str,
          context: list[str], document: Counter) -> str:
    """The topic of a date whose clause is text[clause[0]:clause[1]] (see the module's docstring).
    `context`: the sentences before it in its section; `document`: the counts of the whole text."""
    if instrument in _INSTRUMENT_TOPICS:
        return _INSTRUMENT_TOPICS[instrument]
    sentence = vocabulary().topic_words.find(text, language)
    for begin, end in (clause, (0, len(text))):
        decided = _decided(Counter(hit.cue.key for hit in sentence if begin <= hit.start < end))
        if decided:
            return decided
    for actor in actors:
        if actor.name in _BODY_TOPICS:
            return _BODY_TOPICS[actor.name]
    decided = _decided(sum((counts(earlier, language) for earlier in context), Counter()))
    if decided:
        return decided
    return _TOPICS[0] if document[_TOPICS[0]] >= max(document.values(), default=0) else _decided(document)
