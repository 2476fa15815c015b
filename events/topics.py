"""Whether an event concerns AI or algorithm governance ("ai") or something else ("other":
sanctions, cybersecurity norms, internet freedom, digital policy with no AI in it). Decided by
the event's instrument (the AI Act is AI, the DSA is not), else by the topic words nearest the
date: in its clause, its sentence, the sentences before it in its section, the document as a
whole. The words are in vocabulary.toml, section [topic], matched as written (not on lemmas: they are
read over whole documents)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from events.vocabulary import vocabulary

_INSTRUMENT_TOPICS = {inst.key: inst.topic for inst in vocabulary().instruments}
# bodies whose work is an instrument's procedure: their events share its topic (CAHAI: AI)
_BODY_TOPICS = {body: inst.topic for inst in vocabulary().instruments for body in inst.bodies}
_TOPICS = tuple(vocabulary().topic_words)  # the first is the default: a timeline of AI regulation


@lru_cache(maxsize=256)  # the sentences before a date are read again for each of its dates
def counts(text: str) -> Counter:
    """How often each topic's words stand in a text."""
    return Counter({key: n for key, words in vocabulary().topic_words.items() if (n := words.count(text))})


@lru_cache(maxsize=64)  # the sentence being read: each of its dates asks for its topic
def _found(text: str) -> tuple[tuple[int, str], ...]:
    """Where each topic's words stand in a sentence, in order."""
    return tuple(sorted((at, key) for key, words in vocabulary().topic_words.items() for at in words.starts(text)))


def _decided(found: Counter) -> str:
    """The topic a count of words decides, where one topic has more words than the others."""
    ranked = found.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


def topic(text: str, clause: tuple[int, int], instrument: str, actors, context: list[str],
          document: Callable[[], str], *, at: int = 0) -> str:
    """The topic of a date whose clause is text[clause[0]:clause[1]] (see the module's docstring).
    `context`: the sentences before it in its section; `document`: the topic of the whole text
    (document_topic; asked for only where nothing nearer decides: a long document is read once, late)."""
    if instrument in _INSTRUMENT_TOPICS:
        return _INSTRUMENT_TOPICS[instrument]
    sentence = _found(text)
    for begin, end in (clause, (0, len(text))) if sentence else ():  # (most sentences hold no topic word)
        inside = [(at, key) for at, key in sentence if begin <= at < end]
        decided = _decided(Counter(key for _, key in inside))
        if decided:
            return decided
        if inside:
            # as many words of each topic: the nearest before the date (at `at`) decides, as a date
            # qualifies the noun before it ("de verkiezingen van 2021"), else the nearest after it
            before = [found for found in inside if found[0] < at]
            return before[-1][1] if before else inside[0][1]
    for actor in actors:
        if actor.name in _BODY_TOPICS:
            return _BODY_TOPICS[actor.name]
    decided = _decided(sum(filter(None, map(counts, context)), Counter()))
    if decided:
        return decided
    return document()


def document_topic(text: str) -> str:
    """The topic a document decides: the first (the default) unless another's words outnumber its
    words. Its words, in nearly every text of a timeline of AI regulation, are counted only where
    another topic's words stand: a text is searched for those first, and most hold none."""
    words = vocabulary().topic_words
    found = Counter({key: n for key in _TOPICS[1:] if (n := words[key].count(text))})
    if not found:
        return _TOPICS[0]
    found[_TOPICS[0]] = words[_TOPICS[0]].count(text)
    return _TOPICS[0] if found[_TOPICS[0]] >= max(found.values()) else _decided(+found)
