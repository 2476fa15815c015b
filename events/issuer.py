"""A document's own acts: what the document is (read from its head), who issues it, and which of
its dates mark its own act. The body that issues a document is the actor of what the document
itself does: "OPINION OF THE EUROPEAN CENTRAL BANK of 29 December 2021" is the ECB's opinion
given that day, and so is its closing "Done at Frankfurt am Main, 29 December 2021"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from events.actors import Found, bodies_by_default, body_at, named_bodies, role_of, unique_bodies
from events.vocabulary import Gated, Scan, alternatives, gate, section, vocabulary

HEAD_LINES = 20  # lines of a document's head that name it and its authors
# between a genre's word and the word that leads its issuer: a number or an identifier
# ("Joint Opinion 5/2021 of", "VERORDENING (EU) 2024/1689 VAN HET")
_IDENTIFIER = re.compile(r"(?:\s+(?:\(\w+\)|\S*\d\S*)){0,3}")


@dataclass(frozen=True)
class OwnAct:
    """What a document's own date marks: the event type, and who acts (empty: read the sentence)."""

    kind: str
    actors: tuple[Found, ...]
    by_head: bool = False  # the head says what the document is (an opinion, guidelines, a motion)


def _carried(found: list[Found]) -> tuple[Found, ...]:
    """Bodies of a document's head as actors of the sentence that holds its own date."""
    return tuple(Found(f.name, f.track, -1, -1, "carried") for f in unique_bodies(found)
                 if role_of(f.name) != "country" and f.track != "other")


def _bodies(text: str) -> list[Found]:
    return sorted(named_bodies(text) + bodies_by_default(text), key=lambda f: f.at)


def _subject_start(text: str) -> int:
    """Where the words that say what a document is about begin ("on the proposal for ...",
    "tot vaststelling van ..."), or where a date begins: the issuer is named before either."""
    m = _SUBJECT.search(text)
    return m.start() if m else len(text)


_SUBJECT = re.compile(r"(?<![\w-])(?:" + alternatives(vocabulary().issuer_subject) + r")(?![\w-])|\d{1,2}\s+\w+\s+\d{4}",
                      re.IGNORECASE)


def issuer(lines: list[str], genre: re.Pattern) -> tuple[Found, ...]:
    """Who issues a document, by its head: the bodies right after its genre's word and "of" or
    "by" ("OPINION OF THE EUROPEAN CENTRAL BANK", "Amendments adopted by the European
    Parliament", "VERORDENING (EU) 2024/1689 VAN HET EUROPEES PARLEMENT EN DE RAAD"), else the
    bodies that open a line above the genre's line (the letterhead: "EDPB-EDPS / Joint Opinion
    5/2021", "European Commission - Press release")."""
    issued_by = vocabulary().issued_by
    for number, line in enumerate(lines):
        m = genre.search(line)
        if not m:
            continue
        after = _IDENTIFIER.match(line, m.end())
        lead = issued_by.match(line, after.end())
        if lead:
            rest = line[lead.end():]
            named = [f for f in _bodies(rest) if f.at < _subject_start(rest)]
            if named:
                return _carried(named)
        # the letterhead: a line above (or the start of this one) that opens with a body
        above = [*lines[:number], line[:m.start()]]
        # ... and the bodies joined to it by a hyphen or a slash ("EDPB-EDPS": both issue it)
        opening = []
        for text in above:
            end = 0
            for f in _bodies(text):
                if text[end:max(f.at, 0)].strip(" #-–|" if not end else " -–/"):
                    break
                opening.append(f)
                end = max(end, f.end)
        return _carried(opening)
    return ()


@cache
def _itself() -> tuple[Gated, re.Pattern]:
    """The words by which a document names itself, and by which its head says what it is."""
    words = section("issuer")
    nouns = alternatives(words["itself_nouns"])
    itself = Gated(re.compile(rf"(?<![\w-])(?:{alternatives(words['itself'])})\s+(?:{nouns})(?![\w-])",
                              re.IGNORECASE), gate(words["itself_nouns"]))
    described = re.compile(rf"(?<![\w-])(?:{alternatives(words['described_as'])})\s+(?:[\w-]+\s+){{0,2}}(?:{nouns})(?![\w-])",
                           re.IGNORECASE)
    return itself, described


def names_itself(text: str | Scan) -> re.Match | None:
    """Where a sentence (or its Scan) names the document it stands in: "Deze versie verscheen op
    24 maart 2026", "This Opinion was adopted on ..."."""
    return _itself()[0].search(text)


def described_issuer(text: str) -> tuple[Found, ...]:
    """The issuer a document's head states of the document, right after what it says the document
    is: "Het Algoritmekader is een website van het Ministerie van Binnenlandse Zaken en
    Koninkrijksrelaties" gives the ministry."""
    described = _itself()[1]
    issued_by = vocabulary().issued_by
    for line in text.splitlines()[:HEAD_LINES]:
        for m in described.finditer(line):
            lead = issued_by.match(line, m.end())
            if lead:
                named = [f for f in _bodies(line[lead.end():]) if f.at == 0]
                if named:
                    return _carried(named)
    return ()


def own_act(doc, speaker: str = "") -> OwnAct | None:
    """What a document's own date marks, and who acts: a letter sent (by the government's voice in
    the document) or a motion tabled, by the words of its dateline; else, by the head, what the
    document is (an opinion given, a press release published, texts or an act adopted, a
    proposal tabled, a report published) by its issuer; else an act signed ("Done at Brussels,
    ...") by who signs it. None where the document says nothing of what it is."""
    vocab = vocabulary()
    dateline = getattr(doc, "dateline", 0)
    evidence = getattr(doc, "dateline_text", "") or ""
    lines = [line.strip().lstrip("#").strip() for line in doc.text.splitlines()[:dateline + HEAD_LINES]]
    signed_at = ""
    for key, pattern in vocab.datelines:
        if dateline and (pattern.search(evidence + " ") or pattern.search(evidence.split(",")[0] + ",")):
            if key == "letter":  # a letter is sent by the voice the document speaks in
                return OwnAct(key, (body_at(speaker, -1, -1, "speaker"),) if speaker else ())
            if key != "adoption":
                return OwnAct(key, (), by_head=True)
            signed_at = key
            break
    head = " ".join(lines)
    # what the head names first: "Opinion ... on the proposal for a Regulation" is an opinion,
    # "Proposal for a REGULATION" a proposal
    named = [(m.start(), rank, key, pattern) for rank, (key, pattern) in enumerate(vocab.document_heads)
             if (m := pattern.search(head))]
    if named:
        _, _, key, pattern = min(named, key=lambda found: found[:2])
        found = issuer(lines, pattern)
        if not found and dateline:
            # a proposal's proposer stands above its dateline
            found = _carried(_bodies(" ".join(lines[:max(dateline - 1, 0)])))
        return OwnAct(key, found, by_head=True)
    if signed_at:
        # "Done at Brussels, ..." over "For the European Parliament ... For the Council": who signs
        return OwnAct(signed_at, _carried(_bodies(" ".join(lines[dateline:dateline + HEAD_LINES]))))
    return OwnAct("letter" if vocab.datelines else "other", ()) if dateline else None


def marks_own_act(doc, line: int, start: date, end: date, text: str, at: int) -> bool:
    """Whether a date marks the document's own act: the date it prints for itself (its
    dateline), or its own day written in its head ("OPINION OF THE EUROPEAN CENTRAL BANK of 29
    December 2021") or in a closing signature ("Done at Frankfurt am Main, 29 December 2021",
    "Brussels, 18 June 2021")."""
    dateline = getattr(doc, "dateline", 0)
    if line == dateline and dateline:
        return True
    own = getattr(doc, "doc_date", None)
    if own is None or start != own or end != own:
        return False
    if line <= dateline + HEAD_LINES:
        return True
    before = text[max(0, at - 80):at]
    return any(pattern.search(before) for _, pattern in vocabulary().datelines) or bool(at <= 60 and _SIGNED.match(before))


# "Brussels, " before a date that opens its sentence: a place and a comma, a closing signature
_SIGNED = re.compile(r"\s*(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+,\s*$")
