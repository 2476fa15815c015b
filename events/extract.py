"""One document in, its dated events out: sentences → date mentions → classified rows."""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import partial

from events import reader, roles, status
from events.dates import find_dates
from events.documents import Document, sentences
from events.model import Event
from events.vocabulary import vocabulary


def mention_id(doc: str, quote: str, date_text: str, occurrence: int) -> str:
    """Stable across rebuilds and line shifts: the same sentence and date give the same id."""
    key = "\x1f".join((doc, quote, date_text, str(occurrence)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def extract(doc: Document) -> list[Event]:
    """The dated mentions of one document, each an Event (before the passes over the corpus)."""
    addressee = (doc.metadata.get("addressee") or vocabulary().actors.default_addressee).strip()
    rows: list[Event] = []
    seen: Counter = Counter()
    context = reader.Reader(doc, addressee)
    for sentence in doc.sentences or sentences(doc.text):
        text = sentence.text
        mentions = find_dates(text, doc.doc_date, partial(status.clause_tense, text), vocabulary().alias_words())
        if mentions:
            described = context.sentence(sentence, mentions)
            for mention in mentions:
                key = (text, mention.text)
                seen[key] += 1
                state = status.status(mention, text, doc.doc_date)
                rows.append(Event(
                    id=mention_id(doc.name, text, mention.text, seen[key]),
                    doc=doc.name,
                    line=sentence.line_at(mention.begin),
                    date_text=mention.text,
                    start=mention.start,
                    end=mention.end,
                    precision=mention.precision,
                    status=state,
                    track=described.track(mention),
                    institutions=described.institutions(mention),
                    event_type=described.event_type(mention),
                    title=described.title(mention, state),
                    quote=text,
                    doc_date=doc.doc_date,
                    doc_date_source=doc.doc_date_source,
                    relative=mention.relative,
                    kind=roles.kind(mention, sentence, doc.dateline),
                    instrument=described.instrument(mention),
                    topic=described.topic(mention),
                ))
        context.remember(sentence)
    return rows
