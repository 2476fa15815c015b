"""Decide what a dated sentence says: who acts, on which track, what kind of event, whether
it happened or is planned, and a short title. All words come from vocabulary.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from events.dates import Mention
from events.vocabulary import vocabulary

# "uw Kamer" is the chamber the letter is addressed to.
_YOUR_CHAMBER = re.compile(r"\b[Uu]w\s+Kamer\b")
_TITLE_LENGTH = 80
_LEADING_FILLER = re.compile(
    r"^(?:(?:en|maar|dat|die|dan|ook|daarom|daarnaast|tevens|verder|zo|echter|and|but|that|then|also)\s+)+",
    re.IGNORECASE)
_DANGLING_PREPOSITION = re.compile(
    r"\b(?:op|in|van|per|sinds|vanaf|tot|tot en met|tijdens|voor|rond|na|d\.d\.|on|in|of|since|from|"
    r"until|during|by|at)(?:\s+(?:de|het|the))?\s*$", re.IGNORECASE)


# The Dutch government speaks in nearly every sentence of its own letters; naming it says
# little about the track of the event, so it weighs less than other institutions.
_INSTITUTION_WEIGHT = {"Dutch cabinet": 0.75, "Dutch ministry": 0.75}


@dataclass(frozen=True)
class Found:
    name: str
    track: str
    at: int  # character offset in the sentence


def institutions_in(text: str, addressee: str = "Tweede Kamer") -> list[Found]:
    """Institutions named in a sentence, in order of appearance, each once."""
    vocab = vocabulary()
    hits: list[Found] = []
    for inst in vocab.institutions:
        m = inst.pattern.search(text)
        if m:
            hits.append(Found(inst.name, inst.track, m.start()))
    m = _YOUR_CHAMBER.search(text)
    if m and addressee in vocab.institution_names and all(h.name != addressee for h in hits):
        hits.append(Found(addressee, "netherlands", m.start()))
    # "Telecomraad" is also read as "de Raad": keep the specific name only
    names = {h.name for h in hits}
    if "Telecom Council" in names:
        hits = [h for h in hits if h.name != "Council of the EU" or _separate(h, hits)]
    return sorted(hits, key=lambda h: (h.at, h.name))


def referred_actors(text: str, context: list[str], addressee: str = "Tweede Kamer") -> list[Found]:
    """The actors of a sentence that names none but refers back ("Dit comité rondde haar
    werk af ..."): those of the sentence before."""
    if not context or not vocabulary().anaphora.search(text):
        return []
    return institutions_in(context[-1], addressee)


def _separate(hit: Found, hits: list[Found]) -> bool:
    telecom = next(h for h in hits if h.name == "Telecom Council")
    return abs(telecom.at - hit.at) > 20


def tense(text: str) -> str:
    """How a sentence or clause speaks of its events: future, past or neutral."""
    cues = vocabulary().status_cues
    if cues["planned"].search(text):
        return "future"
    if cues["happened"].search(text):
        return "past"
    return "neutral"


def clause_tense(text: str, begin: int, end: int) -> str:
    """The tense of the clause around a date (between commas and semicolons), else of the
    whole sentence: 'is op 21 mei aangenomen, De verordening zal ...' speaks of the past."""
    head = max(text.rfind(mark, 0, begin) for mark in ",;:")
    tails = [i for i in (text.find(mark, end) for mark in ",;:") if i >= 0]
    spoken = tense(text[head + 1:min(tails) if tails else len(text)])
    return spoken if spoken != "neutral" else tense(text)


def status(mention: Mention, text: str, doc_date: date | None) -> str:
    """happened, planned or ongoing, as the document presents it on its own date."""
    cues = vocabulary().status_cues
    if mention.prefix == "since":
        return "ongoing"
    spoken = clause_tense(text, mention.begin, mention.end_offset)
    if doc_date is None:
        return {"future": "planned", "past": "happened"}.get(spoken, "ongoing")
    if mention.prefix == "until" and doc_date <= mention.end and spoken != "future":
        return "ongoing"
    if mention.end < doc_date or (mention.precision == "day" and mention.start == doc_date):
        return "happened"  # the document's own date is past for the document
    if mention.start > doc_date:
        return "planned"
    # the period holds the document's date
    if mention.precision == "multi-year" or cues["ongoing"].search(text):
        return "ongoing"
    if spoken == "future":
        return "planned"
    if spoken == "past":
        return "happened"
    return "ongoing"


def event_type(mention: Mention, text: str) -> str:
    """The type whose cue stands nearest the date; the first listed wins a tie."""
    best = ("other", float("inf"), 0)
    for rank, (key, pattern) in enumerate(vocabulary().event_cues):
        for m in pattern.finditer(text):
            if mention.begin <= m.start() < mention.end_offset:
                continue
            distance = m.start() - mention.end_offset if m.start() >= mention.end_offset else mention.begin - m.end()
            if (distance, rank) < best[1:]:
                best = (key, distance, rank)
    return best[0]


def track(mention: Mention, text: str, found: list[Found], context: list[str]) -> str:
    """The track whose institutions and topics stand in the sentence, nearest the date
    weighing most; a sentence that names none takes the track of the sentences before it."""
    scores = _track_scores(text, found, mention.begin)
    if not scores:
        for earlier in reversed(context):
            scores = _track_scores(earlier, institutions_in(earlier), len(earlier))
            if scores:
                break
    if not scores:
        return "other"
    order = vocabulary().keys("tracks")
    return max(scores, key=lambda t: (scores[t], -order.index(t)))


def _track_scores(text: str, found: list[Found], at: int) -> dict[str, float]:
    """Per track, its strongest word near the date, plus a little for every further word."""
    hits: dict[str, list[float]] = {}

    def add(track_key: str, weight: float, position: int):
        hits.setdefault(track_key, []).append(weight / (1 + abs(position - at) / 40))

    for hit in found:
        add(hit.track, _INSTITUTION_WEIGHT.get(hit.name, 2.0), hit.at)
    for track_key, pattern in vocabulary().topics.items():
        for m in pattern.finditer(text):
            add(track_key, 1.0 if track_key != "netherlands" else 0.5, m.start())
    return {track_key: max(values) + 0.1 * (len(values) - 1) for track_key, values in hits.items()}


def title(mention: Mention, text: str, found: list[Found], others: list[Mention] = ()) -> str:
    """A short label from the sentence itself: the clause around the date without its
    dates, the actor first when the clause does not name it."""
    before, _, after = _without_dates(text, [mention, *others], mention).partition(_MARK)
    clause = _clause(before, after)
    clause = _LEADING_FILLER.sub("", clause).strip(" ,;:.")
    clause = re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\(\s+", "(", clause))
    if found:
        actor = next(i for i in vocabulary().institutions if i.name == found[0].name) \
            if found[0].name in vocabulary().institution_names else None
        if actor is None or not actor.pattern.search(clause):
            clause = f"{found[0].name.removeprefix('other:')}: {clause}"
    if len(clause) > _TITLE_LENGTH:
        clause = clause[:_TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return clause[:1].upper() + clause[1:] if clause else mention.text


_COORDINATOR = re.compile(r"^\s*(?:,|en|of|and|or|tot|-|–)?\s*$", re.IGNORECASE)


_MARK = "\x00"


def _without_dates(text: str, mentions: list[Mention], marked: Mention) -> str:
    """The text with its date expressions and the prepositions that lead them taken out;
    _MARK stands where the marked one was."""
    spans = sorted((m.begin, m.end_offset) for m in mentions)
    merged: list[list[int]] = []
    for begin, end in spans:
        if merged and _COORDINATOR.match(text[merged[-1][1]:begin]):
            merged[-1][1] = end  # "april en juni 2023" goes as one
        else:
            merged.append([begin, end])
    out, last = [], 0
    for begin, end in merged:
        out.append(_DANGLING_PREPOSITION.sub("", text[last:begin]))
        if begin <= marked.begin < end:
            out.append(_MARK)
        last = end
    out.append(text[last:])
    return " ".join(" ".join(out).split())


def _clause(before: str, after: str) -> str:
    """The words of the clause that holds the date, cut at ; : and (n) boundaries."""
    head = re.split(r"[;:]\s|\(\d+\)\s", before)[-1]
    tail = re.split(r"[;:]\s|\s\(\d+\)", after)[0]
    # keep the words nearest the date, more after it than before (Dutch puts the verb last)
    return " ".join(head.split()[-8:] + tail.split()[:14])
