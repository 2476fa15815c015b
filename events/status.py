"""Whether an event happened, is planned or is ongoing, as the document presents it on its
own date: the tense of the clause around the date, the words that lead it, the date itself."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from events.dates import LEADING_PREFIX, Mention, clause_around
from events.vocabulary import scan, vocabulary

_TAIL = 200  # characters before a date read for the words that lead it


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






def status(mention: Mention, text: str, doc_date: date | None) -> str:
    """happened, planned or ongoing, as the document presents it on its own date."""
    cues = vocabulary().status_cues
    if mention.prefix == "since":
        return "ongoing"
    spoken = clause_tense(text, mention.begin, mention.end_offset)
    lead = LEADING_PREFIX.match(mention.text)  # "uiterlijk 1 juli": the deadline word leads the date
    lead_text = lead.group(0) if lead else ""
    before = text[max(0, mention.begin - _TAIL):mention.begin] + lead_text  # the end of the text before the date
    deadline = any(key == "deadline" and pattern.search(before[-40:]) for key, pattern in vocabulary().type_leads)
    if deadline:
        vocab = vocabulary()
        # "gepland voor begin december" is no deadline: the words before the last two ("voor begin")
        lead_words = before[:-1].rsplit(" ", 2)[0] + " "
        if mention.begin > _TAIL and (before[:-1].count(" ") < 2 or len(lead_words.split()) < vocab.not_deadline_words + 2):
            lead_words = (text[:mention.begin] + lead_text)[:-1].rsplit(" ", 2)[0] + " "  # too few words read
        deadline = not vocab.not_deadline.search(lead_words)
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
