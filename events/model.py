"""The typed records the pipeline passes along: an Event (one dated mention in one sentence)
and a Link (between two events). They become table rows once, at the edge (events/table.py),
and are read back through the table's one schema."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from operator import attrgetter


@dataclass(frozen=True, slots=True)
class Event:
    id: str  # stable across rebuilds: document, sentence, date as written, occurrence
    doc: str
    line: int
    date_text: str  # the date as written
    start: date
    end: date
    precision: str
    status: str
    track: str
    institutions: tuple[str, ...]  # who acted, canonical names (or "other:<name>")
    event_type: str
    title: str
    quote: str  # the sentence, exactly
    doc_date: date | None
    kind: str  # event, reference or context (events/roles.py)
    doc_date_source: str
    relative: bool  # resolved against the document date
    instrument: str = ""  # what it acts on: a key of instruments.toml, or motion:/opinion:<number>
    topic: str = ""  # "ai" or "other" (events/topics.py)
    # set by the passes over the whole corpus, each returning new events (never in place)
    cluster: str = ""
    process: str = ""
    stage: str = ""
    superseded_by: str = ""
    # the headline in each language, made of the frame once the table is assembled (events/headlines.py)
    title_en: str = ""
    title_nl: str = ""

    @property
    def is_event(self) -> bool:
        return self.kind == "event"

    def __reduce__(self):
        # pickled as its fields in order: half the time of a slotted dataclass's own state, each
        # way, for the events a process pool or a cluster sends back
        return Event, _ALL_FIELDS(self)


@dataclass(frozen=True, slots=True)
class Link:
    from_id: str
    to_id: str
    relation: str  # events/process.py RELATIONS
    delay_days: int | None  # for a plan and what a later document reports of it; None otherwise
    evidence: str


EVENT_FIELDS = tuple(f.name for f in fields(Event))
LINK_FIELDS = tuple(f.name for f in fields(Link))
# The fields the passes over the corpus set come last: an event of the extraction is made over
# with them by its other fields in order (three times as fast as dataclasses.replace).
PASS_FIELDS = ("cluster", "process", "stage", "superseded_by", "title_en", "title_nl")
assert EVENT_FIELDS[-len(PASS_FIELDS):] == PASS_FIELDS
_EXTRACTED = attrgetter(*EVENT_FIELDS[:-len(PASS_FIELDS)])
_ALL_FIELDS = attrgetter(*EVENT_FIELDS)


def placed(event: Event, cluster: str, process: str = "", stage: str = "") -> Event:
    """The event with the cluster, process and stage the passes gave it."""
    return Event(*_EXTRACTED(event), cluster, process, stage, event.superseded_by, event.title_en, event.title_nl)
