"""Whether an event happened, is planned or is ongoing, as the document presents it on its
own date: the tense of the clause around the date, the words that lead it, the date itself."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from events.dates import Mention, clause_around, led_by, matches_at_end
from events.vocabulary import scan, vocabulary


@lru_cache(maxsize=256)  # a sentence's tense is asked for each of its dates
def tense(text: str) -> str:
    """How a sentence or clause speaks of its events: future, past or neutral."""
    cues = vocabulary().status_cues
    s = scan(text)
    if cues["planned"].search(s):
        return "future"
    if cues["happened"].search(s):
        return "past"
    return "neutral"


def clause_tense(text: str, begin: int, end: int) -> str:
    """The tense of the clause around a date (between commas and semicolons), else of the
    whole sentence: 'is op 21 mei aangenomen, De verordening zal ...' speaks of the past."""
    spoken = tense(clause_around(text, begin, end))
    return spoken if spoken != "neutral" else tense(text)


def planned_before(text: str, at: int) -> bool:
    """Whether a word of planning ends the text before `at`: "staat gepland voor begin december"
    plans a date, "gepland" standing before the lead word "voor"."""
    vocab = vocabulary()
    return matches_at_end(vocab.not_deadline, text, at, vocab.not_deadline_words)


def _deadline(mention: Mention, text: str) -> bool:
    """Whether a deadline word leads the date ("uiterlijk 1 juli", "vóór 2025"; the date's own
    text may open with it), with no word of planning before that word: "staat gepland voor begin
    december" is a date planned for, no deadline."""
    at = led_by(mention, text, dict(vocabulary().type_leads)["deadline"])
    return at >= 0 and not planned_before(text, at)


def status(mention: Mention, text: str, doc_date: date | None) -> str:
    """happened, planned or ongoing, as the document presents it on its own date."""
    cues = vocabulary().status_cues
    if mention.prefix == "since":
        return "ongoing"
    spoken = clause_tense(text, mention.begin, mention.end_offset)
    deadline = _deadline(mention, text)
    if doc_date is None:  # the text's own framing: a deadline ("by ...", "vóór ...") lies ahead
        if spoken == "neutral" and (mention.prefix == "until" or deadline):
            return "planned"
        return {"future": "planned", "past": "happened"}.get(spoken, "ongoing")
    if mention.end < doc_date or (mention.precision == "day" and mention.start == doc_date):
        return "happened"  # the document's own date is past for the document
    if mention.start > doc_date or deadline:
        return "planned"
    # the period holds the document's date
    if mention.prefix == "until" and spoken != "future":
        return "ongoing"
    if mention.precision == "multi-year" or cues["ongoing"].search(scan(text)):
        return "ongoing"
    if spoken == "past":
        return "happened"
    # the present tense of a period still running speaks of what is coming ("organiseert dit najaar")
    return "planned"
